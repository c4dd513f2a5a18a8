from __future__ import annotations

import pytest

from actions.answers import ActionAnswerTopic, parse_age, topic_of
from actions.plumbing.client import ServiceClient
from knowledge.answering import topic_answer
from knowledge.load import knowledge_base
from tests.actions.helpers import responses, run, slots, tracker

pytestmark = pytest.mark.anyio
KB = knowledge_base()


@pytest.mark.parametrize(
    ("intent", "topic"),
    [
        ("ask_pris", "pris"),
        ("ask_frit_valg", "frit_valg"),
        ("inform_relative", "paaroerende"),
        ("talk_to_person", "kontakt"),
        ("book_conversation", None),
        ("ask_capabilities", None),
        ("greet", None),
        (None, None),
    ],
)
def test_topic_of_intent(intent: str | None, topic: str | None) -> None:
    assert topic_of(intent) == topic


@pytest.mark.parametrize(("value", "age"), [("17", 17), (17, 17), ("seksten", None), (None, None), ("200", None)])
def test_parse_age(value: object, age: int | None) -> None:
    assert parse_age(value) == age


async def test_a_topic_question_with_a_municipality_gets_its_facts_with_sources(
    knowledge_service: ServiceClient,
) -> None:
    messages, events = await run(ActionAnswerTopic(knowledge_service), tracker("ask_pris", {"municipality": ["faxe"]}))
    facts = topic_answer(KB, "faxe", "pris").facts
    assert [m["answer"] for m in messages] == [fact.answer for fact in facts]
    assert all(m["response"] == "utter_fact" and m["municipality_name"] == "Faxe" for m in messages)
    assert [m["custom"]["sources"][0]["quote"] for m in messages] == [fact.sources[0].quote for fact in facts]
    assert slots(events) == {
        "municipality": "faxe",
        "topic": "pris",
        "pending_topic": None,
        "compare_with": None,
    }


async def test_the_remembered_municipality_is_used(knowledge_service: ServiceClient) -> None:
    messages, _ = await run(
        ActionAnswerTopic(knowledge_service), tracker("ask_klage", slots={"municipality": "odsherred"})
    )
    assert {m["municipality_name"] for m in messages} == {"Odsherred"}


async def test_without_a_municipality_vejviser_asks_with_five_buttons(knowledge_service: ServiceClient) -> None:
    messages, events = await run(ActionAnswerTopic(knowledge_service), tracker("ask_anonym"))
    assert responses(messages) == ["utter_ask_municipality"]
    assert [b["title"] for b in messages[0]["buttons"]] == [s.name for s in KB.standards.values()]
    assert messages[0]["buttons"][0]["payload"] == '/inform_municipality{"municipality": "broenderslev"}'
    assert slots(events) == {"pending_topic": "anonym"}


async def test_a_municipality_outside_the_five_gets_an_honest_answer(knowledge_service: ServiceClient) -> None:
    messages, events = await run(
        ActionAnswerTopic(knowledge_service), tracker("ask_pris", {"other_municipality": ["aarhus"]})
    )
    assert responses(messages) == ["utter_other_municipality", "utter_knowledge"]
    assert messages[0]["covered_municipalities"] == "Brønderslev, Faxe, Frederiksberg, Odsherred og Vordingborg"
    assert messages[1]["answer"] == KB.national["national-kommunen-skal-tilbyde"].answer
    assert messages[1]["custom"]["sources"][0]["municipality"] == "faxe"
    assert slots(events) == {"pending_topic": None}


async def test_two_municipalities_are_answered_side_by_side(knowledge_service: ServiceClient) -> None:
    messages, events = await run(
        ActionAnswerTopic(knowledge_service), tracker("ask_pris", {"municipality": ["odsherred", "faxe"]})
    )
    names = [m["municipality_name"] for m in messages]
    assert names == ["Odsherred"] * len(topic_answer(KB, "odsherred", "pris").facts) + ["Faxe"] * len(
        topic_answer(KB, "faxe", "pris").facts
    )
    assert slots(events)["topic"] == "pris"


async def test_a_waiting_comparison_is_answered_when_the_topic_comes(knowledge_service: ServiceClient) -> None:
    messages, events = await run(
        ActionAnswerTopic(knowledge_service), tracker("ask_anonym", slots={"compare_with": ["faxe", "vordingborg"]})
    )
    assert {m["municipality_name"] for m in messages} == {"Faxe", "Vordingborg"}
    assert slots(events)["compare_with"] is None


async def test_a_municipality_named_now_wins_over_a_waiting_comparison(knowledge_service: ServiceClient) -> None:
    state = tracker("ask_pris", {"municipality": ["odsherred"]}, {"compare_with": ["faxe", "vordingborg"]})
    messages, events = await run(ActionAnswerTopic(knowledge_service), state)
    assert {m["municipality_name"] for m in messages} == {"Odsherred"}
    assert slots(events)["compare_with"] is None


async def test_where_age_decides_the_answer_vejviser_asks_for_it(knowledge_service: ServiceClient) -> None:
    messages, events = await run(
        ActionAnswerTopic(knowledge_service), tracker("ask_kontakt", {"municipality": ["frederiksberg"]})
    )
    assert responses(messages) == ["utter_ask_age"]
    assert [b["title"] for b in messages[0]["buttons"]] == ["under 18 år", "18-29 år", "30 år eller ældre"]
    assert slots(events) == {"municipality": "frederiksberg", "pending_topic": "kontakt"}


async def test_with_an_age_the_facts_for_that_age_are_given(knowledge_service: ServiceClient) -> None:
    messages, _ = await run(
        ActionAnswerTopic(knowledge_service), tracker("ask_kontakt", {"municipality": ["broenderslev"]}, {"age": "25"})
    )
    text = " ".join(m["answer"] for m in messages)
    assert "9945 4705" in text  # UngeCenter, under 30
    assert "9945 4421" not in text  # Visitationen, from 30


async def test_an_age_with_no_facts_gets_the_contact_points(knowledge_service: ServiceClient) -> None:
    messages, _ = await run(
        ActionAnswerTopic(knowledge_service), tracker("ask_unge", {"municipality": ["broenderslev"]}, {"age": "45"})
    )
    assert responses(messages)[0] == "utter_nothing_for_age"
    assert messages[0]["topic_label"] == KB.topics["unge"].label
    contacts = {fact.answer for fact in topic_answer(KB, "broenderslev", "kontakt", age=45).facts}
    assert {m["answer"] for m in messages[1:]} == contacts


async def test_a_silent_standard_says_so_and_names_the_contact(knowledge_service: ServiceClient) -> None:
    silent = KB.not_stated[("faxe", "gravid")]
    messages, _ = await run(ActionAnswerTopic(knowledge_service), tracker("ask_gravid", {"municipality": ["faxe"]}))
    assert [m["answer"] for m in messages] == [silent.answer, silent.contact.answer if silent.contact else None]
    assert messages[1]["custom"]["sources"]


async def test_relatives_get_the_relatives_answers_and_are_remembered(knowledge_service: ServiceClient) -> None:
    messages, events = await run(
        ActionAnswerTopic(knowledge_service), tracker("inform_relative", {"municipality": ["odsherred"]})
    )
    assert slots(events)["audience"] == "pårørende"
    expected = topic_answer(KB, "odsherred", "paaroerende", "pårørende").facts
    assert [m["answer"] for m in messages] == [fact.answer for fact in expected]


async def test_talk_to_person_gives_the_contact_points(knowledge_service: ServiceClient) -> None:
    messages, _ = await run(ActionAnswerTopic(knowledge_service), tracker("talk_to_person", {"municipality": ["faxe"]}))
    assert responses(messages)[0] == "utter_talk_to_person"
    assert [m["answer"] for m in messages[1:]] == [fact.answer for fact in topic_answer(KB, "faxe", "kontakt").facts]


async def test_the_service_being_down_is_said_not_silenced(unreachable_service: ServiceClient) -> None:
    messages, events = await run(
        ActionAnswerTopic(unreachable_service), tracker("ask_pris", {"municipality": ["faxe"]})
    )
    assert responses(messages) == ["utter_service_unavailable"]
    assert events == []


async def test_an_intent_without_a_topic_is_a_wiring_error(knowledge_service: ServiceClient) -> None:
    with pytest.raises(ValueError, match="no topic"):
        await run(ActionAnswerTopic(knowledge_service), tracker("greet"))
