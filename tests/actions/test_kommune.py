from __future__ import annotations

import pytest

from actions.kommune import ActionCompare, ActionSetAge, ActionSetMunicipality
from actions.plumbing.client import ServiceClient
from knowledge.answering import topic_answer
from knowledge.load import knowledge_base
from tests.actions.helpers import responses, run, slots, tracker

pytestmark = pytest.mark.anyio
KB = knowledge_base()


async def test_a_municipality_answers_the_question_that_waited_for_it(knowledge_service: ServiceClient) -> None:
    state = tracker("inform_municipality", {"municipality": ["vordingborg"]}, {"pending_topic": "pris"})
    messages, events = await run(ActionSetMunicipality(knowledge_service), state)
    assert [m["answer"] for m in messages] == [fact.answer for fact in topic_answer(KB, "vordingborg", "pris").facts]
    assert slots(events) == {
        "municipality": "vordingborg",
        "topic": "pris",
        "pending_topic": None,
        "compare_with": None,
    }


async def test_a_municipality_without_a_waiting_question_is_confirmed(knowledge_service: ServiceClient) -> None:
    messages, events = await run(
        ActionSetMunicipality(knowledge_service), tracker("inform_municipality", {"municipality": ["faxe"]})
    )
    assert responses(messages) == ["utter_municipality_set"]
    assert messages[0]["municipality_name"] == "Faxe"
    assert slots(events) == {"municipality": "faxe"}


async def test_switching_municipality_answers_the_last_topic_side_by_side(knowledge_service: ServiceClient) -> None:
    state = tracker("inform_municipality", {"municipality": ["faxe", "odsherred"]}, {"topic": "klage"})
    messages, _ = await run(ActionSetMunicipality(knowledge_service), state)
    assert {m["municipality_name"] for m in messages} == {"Faxe", "Odsherred"}


async def test_another_municipality_gets_the_honest_answer(knowledge_service: ServiceClient) -> None:
    messages, _ = await run(
        ActionSetMunicipality(knowledge_service), tracker("inform_municipality", {"other_municipality": ["odense"]})
    )
    assert responses(messages) == ["utter_other_municipality", "utter_knowledge"]


async def test_no_recognised_municipality_is_asked_again(knowledge_service: ServiceClient) -> None:
    messages, events = await run(ActionSetMunicipality(knowledge_service), tracker("inform_municipality"))
    assert responses(messages) == ["utter_ask_municipality"]
    assert len(messages[0]["buttons"]) == 5
    assert events == []


async def test_an_age_answers_the_question_that_waited_for_it(knowledge_service: ServiceClient) -> None:
    state = tracker(
        "inform_age", {"age": ["16"]}, {"pending_topic": "kontakt", "municipality": "frederiksberg", "age": "16"}
    )
    messages, _ = await run(ActionSetAge(knowledge_service), state)
    expected = [fact.answer for fact in topic_answer(KB, "frederiksberg", "kontakt", age=16).facts]
    assert [m["answer"] for m in messages] == expected


async def test_an_age_without_a_waiting_question_is_thanked_for(knowledge_service: ServiceClient) -> None:
    messages, _ = await run(ActionSetAge(knowledge_service), tracker("inform_age", {"age": ["17"]}, {"age": "17"}))
    assert responses(messages) == ["utter_age_set"]


async def test_compare_on_the_last_topic(knowledge_service: ServiceClient) -> None:
    state = tracker("compare_municipalities", {"municipality": ["faxe", "broenderslev"]}, {"topic": "anonym"})
    messages, _ = await run(ActionCompare(knowledge_service), state)
    assert [m["municipality_name"] for m in messages] == ["Faxe"] * len(topic_answer(KB, "faxe", "anonym").facts) + [
        "Brønderslev"
    ] * len(topic_answer(KB, "broenderslev", "anonym").facts)


async def test_compare_with_the_remembered_municipality(knowledge_service: ServiceClient) -> None:
    state = tracker(
        "compare_municipalities", {"municipality": ["odsherred"]}, {"topic": "pris", "municipality": "faxe"}
    )
    messages, _ = await run(ActionCompare(knowledge_service), state)
    assert {m["municipality_name"] for m in messages} == {"Faxe", "Odsherred"}


async def test_compare_without_a_topic_asks_which_and_remembers_the_municipalities(
    knowledge_service: ServiceClient,
) -> None:
    state = tracker("compare_municipalities", {"municipality": ["faxe", "odsherred"]})
    messages, events = await run(ActionCompare(knowledge_service), state)
    assert responses(messages) == ["utter_ask_compare_topic"]
    assert messages[0]["buttons"][0] == {"title": KB.topics["kontakt"].label.capitalize(), "payload": "/ask_kontakt"}
    assert slots(events) == {"compare_with": ["faxe", "odsherred"]}


async def test_compare_needs_two_municipalities(knowledge_service: ServiceClient) -> None:
    messages, _ = await run(
        ActionCompare(knowledge_service), tracker("compare_municipalities", {"municipality": ["faxe"]})
    )
    assert responses(messages) == ["utter_ask_compare_municipalities"]
