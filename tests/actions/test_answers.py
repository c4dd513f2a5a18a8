"""action_answer against the real service application (in process): what a message asks, what it only gives, and
what is answered, asked or remembered. The conversation tests (tests/e2e/test_dialogue.py) type the same through
the whole stack."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import FollowupAction

from actions.answers import ActionAnswer
from actions.plumbing.client import ServiceClient
from knowledge.load import knowledge_base
from tests.actions.helpers import after, responses, run, slots, tracker

pytestmark = pytest.mark.anyio
KB = knowledge_base()


def said(messages: list[dict[str, Any]]) -> str:
    return " ".join(str(m.get("answer") or "") for m in messages)


def municipality_names(messages: list[dict[str, Any]]) -> set[str]:
    return {m["municipality_name"] for m in messages if m.get("response") == "utter_fact"}


async def test_a_question_gets_its_best_facts_with_their_sources_and_is_remembered(
    knowledge_service: ServiceClient,
) -> None:
    state = tracker("ask_pris", {"municipality": ["faxe"]}, text="hvad koster det i faxe")
    messages, events = await run(ActionAnswer(knowledge_service), state)
    assert 1 <= len(messages) <= 3
    assert all(m["response"] == "utter_fact" and m["municipality_name"] == "Faxe" for m in messages)
    assert all(m["custom"]["sources"][0]["quote"] for m in messages)
    assert "gratis" in said(messages).lower()
    remembered = slots(events)
    assert remembered["municipality"] == "faxe"
    assert remembered["question"] == "hvad koster det i faxe"
    assert remembered["topic"] == "pris"
    assert remembered["shown_facts"]
    assert all(fact.startswith("faxe-") for fact in remembered["shown_facts"])


async def test_without_a_municipality_the_question_waits_for_one(knowledge_service: ServiceClient) -> None:
    messages, events = await run(ActionAnswer(knowledge_service), tracker("ask_anonym", text="kan jeg være anonym"))
    assert responses(messages) == ["utter_ask_municipality"]
    assert [b["title"] for b in messages[0]["buttons"]] == [s.name for s in KB.standards.values()]
    assert slots(events)["question"] == "kan jeg være anonym"
    assert slots(events)["topic"] == "anonym"


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("inform_municipality", "odsherred"),
        ("nlu_fallback", "jeg bor i odsherred"),  # the classifier unsure: the named municipality is enough
        ("inform_municipality", "/inform_municipality"),  # the button
    ],
)
async def test_a_municipality_typed_or_clicked_answers_the_question_that_waited(
    knowledge_service: ServiceClient, intent: str, text: str
) -> None:
    waiting = {"question": "kan jeg være anonym", "topic": "anonym"}
    state = tracker(intent, {"municipality": ["odsherred"]}, waiting, text=text, confidence=0.9)
    messages, events = await run(ActionAnswer(knowledge_service), state)
    assert municipality_names(messages) == {"Odsherred"}
    assert "anonym" in said(messages).lower()
    assert after(state, events)["topic"] == "anonym"


@pytest.mark.parametrize("text", ["og i vordingborg?", "hvad med vordingborg", "hvad hvis jeg flytter til vordingborg"])
async def test_a_new_municipality_alone_answers_the_question_before_for_it(
    knowledge_service: ServiceClient, text: str
) -> None:
    before = {"municipality": "faxe", "question": "hvad koster det", "topic": "pris"}
    state = tracker("inform_municipality", {"municipality": ["vordingborg"]}, before, text=text, confidence=0.9)
    messages, events = await run(ActionAnswer(knowledge_service), state)
    assert municipality_names(messages) == {"Vordingborg"}
    assert after(state, events)["topic"] == "pris"
    assert after(state, events)["municipality"] == "vordingborg"


async def test_a_municipality_with_no_question_before_is_remembered_and_topics_offered(
    knowledge_service: ServiceClient,
) -> None:
    state = tracker("inform_municipality", {"municipality": ["faxe"]}, text="jeg bor i faxe")
    messages, events = await run(ActionAnswer(knowledge_service), state)
    assert responses(messages) == ["utter_municipality_set"]
    assert messages[0]["buttons"]
    assert slots(events)["municipality"] == "faxe"


async def test_a_long_answer_that_depends_on_age_asks_for_it_and_then_answers(
    knowledge_service: ServiceClient,
) -> None:
    state = tracker("ask_kontakt", {"municipality": ["frederiksberg"]}, text="hvor kan jeg få hjælp")
    messages, events = await run(ActionAnswer(knowledge_service), state)
    assert responses(messages) == ["utter_ask_age"]
    assert [b["payload"] for b in messages[0]["buttons"]]
    remembered = slots(events)
    answered, _ = await run(
        ActionAnswer(knowledge_service), tracker("inform_age", {"age": ["16"]}, {**remembered, "age": "16"}, text="16")
    )
    assert municipality_names(answered) == {"Frederiksberg"}
    text = said(answered)
    assert "38 21 36 16" in text or "38 21 36 66" in text  # Familieafdelingen or Ungecentret, for a 16-year-old
    assert "38 21 30 70" not in text  # Socialafdelingen is from 18


async def test_a_short_answer_that_depends_on_age_is_given_at_once_under_each_age(
    knowledge_service: ServiceClient,
) -> None:
    state = tracker("ask_kontakt", {"municipality": ["broenderslev"]}, text="hvem skal jeg ringe til")
    messages, _ = await run(ActionAnswer(knowledge_service), state)
    text = said(messages)
    assert "9945 4705" in text
    assert "9945 4421" in text
    assert any(m["answer"].startswith("18-29 år: ") for m in messages)
    assert any(b["payload"].startswith("/inform_age") for m in messages for b in m.get("buttons") or [])


async def test_another_municipality_is_told_honestly(knowledge_service: ServiceClient) -> None:
    state = tracker("ask_pris", {"other_municipality": ["aarhus"]}, text="hvad koster det i aarhus")
    messages, _ = await run(ActionAnswer(knowledge_service), state)
    assert responses(messages) == ["utter_other_municipality", "utter_knowledge"]


async def test_two_municipalities_are_answered_side_by_side_on_one_topic(knowledge_service: ServiceClient) -> None:
    text = "hvad er forskellen på prisen i odsherred og faxe"
    state = tracker("compare_municipalities", {"municipality": ["odsherred", "faxe"]}, text=text)
    messages, events = await run(ActionAnswer(knowledge_service), state)
    assert messages[0]["municipality_name"] == "Odsherred"
    assert municipality_names(messages) == {"Odsherred", "Faxe"}
    assert after(state, events)["topic"] == "pris"


async def test_one_municipality_compared_with_the_one_before(knowledge_service: ServiceClient) -> None:
    before = {"municipality": "faxe", "question": "hvad koster det", "topic": "pris"}
    text = "er det anderledes i odsherred"
    state = tracker("compare_municipalities", {"municipality": ["odsherred"]}, before, text=text)
    messages, _ = await run(ActionAnswer(knowledge_service), state)
    assert municipality_names(messages) == {"Faxe", "Odsherred"}


async def test_out_of_scope_is_said_plainly(knowledge_service: ServiceClient) -> None:
    state = tracker("out_of_scope", {"municipality": ["faxe"]}, text="hvordan bliver vejret i faxe")
    messages, events = await run(ActionAnswer(knowledge_service), state)
    assert responses(messages) == ["utter_out_of_scope"]
    # What Vejviser can do comes next, with the municipalities it covers in the slot its response reads.
    assert events[-1] == FollowupAction("utter_capabilities")
    covered = slots(events)["covered_municipalities"]
    assert all(standard.name in covered for standard in knowledge_base().standards.values())


async def test_a_detail_of_the_standard_is_answered_even_when_called_out_of_scope(
    knowledge_service: ServiceClient,
) -> None:
    state = tracker("out_of_scope", {"municipality": ["odsherred"]}, text="får man et gavekort for at træne")
    messages, _ = await run(ActionAnswer(knowledge_service), state)
    assert "gavekort" in said(messages).lower()


async def test_nothing_that_matches_gets_what_vejviser_can_help_with(knowledge_service: ServiceClient) -> None:
    state = tracker(
        "nlu_fallback",
        slots={"municipality": "faxe"},
        ranking=["ask_klage", "greet"],
        text="blå bananer",
        confidence=0.5,
    )
    messages, _ = await run(ActionAnswer(knowledge_service), state)
    assert responses(messages) == ["utter_clarify"]
    assert messages[0]["buttons"][0]["payload"] == "/ask_klage"


async def test_a_relative_asking_where_the_other_can_go_gets_that_persons_answer(
    knowledge_service: ServiceClient,
) -> None:
    text = "min søn på 20 tager kokain, hvor kan han få hjælp"
    entities = {"relation": ["søn"], "age": ["20"], "municipality": ["vordingborg"]}
    state = tracker("inform_relative", entities, ranking=["ask_kontakt"], text=text, confidence=0.6)
    messages, events = await run(ActionAnswer(knowledge_service), state)
    assert "Ungeindsatsen" in said(messages)
    assert slots(events)["audience"] == "pårørende"


@pytest.mark.parametrize("intent", ["inform_municipality", "nlu_fallback", "english"])
async def test_a_municipality_typed_in_english_answers_the_english_question_that_waited(
    knowledge_service: ServiceClient, intent: str
) -> None:
    """ "we live in Frederiksberg" gives only where, whatever the classifier makes of it: its English words are not
    read as Danish words that ask something new."""
    question = "hello, our daughter is 16 and smokes a lot of weed. where can we get help?"
    waiting = {"question": question, "topic": "kontakt", "english": True, "age": "16", "audience": "pårørende"}
    state = tracker(
        intent, {"municipality": ["frederiksberg"]}, waiting, text="we live in Frederiksberg", confidence=0.45
    )
    messages, _ = await run(ActionAnswer(knowledge_service), state)
    assert "utter_clarify" not in responses(messages)
    assert municipality_names(messages) == {"Frederiksberg"}


@pytest.mark.parametrize(
    ("municipality", "age", "named"),
    [
        ("vordingborg", 20, "Ungeindsatsen"),
        ("vordingborg", 40, "Forandringsindsatsen"),
        ("frederiksberg", 16, "Familieafdelingen"),
    ],
)
async def test_a_relative_who_said_the_others_age_also_hears_where_that_person_can_turn(
    knowledge_service: ServiceClient, municipality: str, age: int, named: str
) -> None:
    """What relatives can get, and after it the contact written for the other person's age."""
    text = "hvad kan jeg gøre som pårørende"
    slots_before = {"municipality": municipality, "age": str(age), "audience": "pårørende"}
    state = tracker("ask_paaroerende", {"relation": ["søn"]}, slots=slots_before, text=text)
    messages, events = await run(ActionAnswer(knowledge_service), state)
    shown = [KB.facts_by_id[fact] for fact in slots(events)["shown_facts"]]
    assert shown[0].topic == "paaroerende"
    last = shown[-1]
    assert last.topic == "kontakt", [f.id for f in shown]
    assert last.ages is not None
    assert last.applies_to(age)
    assert named in messages[-1]["answer"]


@pytest.mark.parametrize("municipality", sorted(KB.standards))
@pytest.mark.parametrize("age", [16, 25, 55])
async def test_no_fact_is_said_twice_in_one_reply(
    knowledge_service: ServiceClient, municipality: str, age: int
) -> None:
    """Where a standard is silent on alcohol its contact is given, and the other person's contact must not repeat it."""
    text = "min far tager piller og drikker, hvad kan jeg gøre"
    slots_before = {"municipality": municipality, "age": str(age), "audience": "pårørende"}
    state = tracker("ask_alkohol", {"relation": ["far"]}, slots=slots_before, text=text)
    messages, events = await run(ActionAnswer(knowledge_service), state)
    answers = [m["answer"] for m in messages if m.get("response") == "utter_fact"]
    assert len(answers) == len(set(answers)), answers
    assert len(slots(events)["shown_facts"]) == len(set(slots(events)["shown_facts"]))


async def test_more_shows_the_rest_of_the_topic_then_says_that_was_all(knowledge_service: ServiceClient) -> None:
    state = tracker("ask_klage", {"municipality": ["faxe"]}, text="hvordan klager jeg")
    first, events = await run(ActionAnswer(knowledge_service), state)
    known = slots(events)
    shown = set(known["shown_facts"])
    more = tracker("more_about", {"topic": ["klage"]}, known, text="/more_about")
    rest, events = await run(ActionAnswer(knowledge_service), more)
    known |= slots(events)
    on_topic = {fact.id for fact in KB.facts["faxe"] if fact.topic == "klage"}
    assert set(known["shown_facts"]) == on_topic > shown
    assert not {m["answer"] for m in rest} & {m["answer"] for m in first}
    ended, _ = await run(ActionAnswer(knowledge_service), tracker("more_about", slots=known, text="mere"))
    assert responses(ended) == ["utter_nothing_more"]


async def test_english_is_answered_in_english_where_the_knowledge_base_has_it(
    knowledge_service: ServiceClient,
) -> None:
    text = "how much does treatment cost in Faxe"
    messages, events = await run(
        ActionAnswer(knowledge_service), tracker("english", {"municipality": ["faxe"]}, text=text)
    )
    facts = {fact.answer_en for fact in KB.facts["faxe"] if fact.answer_en}
    assert {m["answer"] for m in messages} <= facts
    assert slots(events)["english"] is True


async def test_telling_of_drug_use_without_asking_gets_where_to_turn(knowledge_service: ServiceClient) -> None:
    entities = {"age": ["17"], "substance": ["hash"], "municipality": ["faxe"]}
    state = tracker("nlu_fallback", entities, text="er 17 og ryger hash hver dag, bor i faxe", confidence=0.5)
    messages, events = await run(ActionAnswer(knowledge_service), state)
    assert slots(events)["topic"] == "kontakt"
    shown = [KB.facts_by_id[fact] for fact in slots(events)["shown_facts"]]
    assert shown
    assert all(m["municipality_name"] == "Faxe" for m in messages)
    assert all(fact.applies_to(17) for fact in shown)


async def test_an_unsure_message_during_a_booking_is_left_to_the_booking(knowledge_service: ServiceClient) -> None:
    """Typed "ja bekræft", taken for nothing in particular, must not bring back the question before the booking."""
    before = {"municipality": "faxe", "question": "hvad koster det i faxe", "topic": "pris"}
    state = tracker("nlu_fallback", text="ja bekræft", confidence=0.5, slots=before, active_loop="booking_form")
    messages, events = await run(ActionAnswer(knowledge_service), state)
    assert messages == []
    assert not slots(events)


async def test_talk_to_person_gives_the_contact_points(knowledge_service: ServiceClient) -> None:
    state = tracker("talk_to_person", {"municipality": ["faxe"]}, text="kan jeg tale med et menneske")
    messages, _ = await run(ActionAnswer(knowledge_service), state)
    assert responses(messages)[0] == "utter_talk_to_person"
    assert "5620 2720" in said(messages)


async def test_the_service_being_down_is_said_not_silenced(unreachable_service: ServiceClient) -> None:
    state = tracker("ask_pris", {"municipality": ["faxe"]}, text="hvad koster det")
    messages, events = await run(ActionAnswer(unreachable_service), state)
    assert responses(messages) == ["utter_service_unavailable"]
    assert events == []


async def test_a_national_note_follows_the_standards_words_without_the_municipalitys_name(
    knowledge_service: ServiceClient,
) -> None:
    state = tracker("ask_klage", {"municipality": ["vordingborg"]}, text="hvor klager jeg over lægen")
    messages, _ = await run(ActionAnswer(knowledge_service), state)
    texts = [m["answer"] for m in messages]
    outdated = next(i for i, text in enumerate(texts) if "Patientombuddet" in text)
    assert responses(messages)[outdated : outdated + 2] == ["utter_fact", "utter_knowledge"]
    assert texts[outdated + 1].startswith("Landsdækkende note:")
    assert messages[outdated + 1]["custom"]["sources"][0]["url"] == "https://stpk.dk"
