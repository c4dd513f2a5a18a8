from __future__ import annotations

import pytest

from actions.client import ServiceClient
from actions.engelsk import ENGLISH_TOPICS, ActionAnswerEnglish
from knowledge.answering import topic_answer
from knowledge.load import knowledge_base
from tests.actions.helpers import responses, run, slots, tracker

pytestmark = pytest.mark.anyio
KB = knowledge_base()


async def test_english_gets_contact_cost_and_anonymity_in_english(knowledge_service: ServiceClient) -> None:
    messages, events = await run(ActionAnswerEnglish(), tracker("english", {"municipality": ["faxe"]}))
    expected = [fact.answer_en for topic in ENGLISH_TOPICS for fact in topic_answer(KB, "faxe", topic).facts]
    assert responses(messages) == ["utter_english_intro", *["utter_knowledge"] * len(expected), "utter_english_more"]
    assert [m["answer"] for m in messages[1:-1]] == expected
    assert slots(events) == {"municipality": "faxe", "pending_topic": None, "usage_counted": ["faxe"]}


async def test_english_without_a_municipality_asks_for_one(knowledge_service: ServiceClient) -> None:
    messages, events = await run(ActionAnswerEnglish(), tracker("english"))
    assert responses(messages) == ["utter_english_ask_municipality"]
    assert len(messages[0]["buttons"]) == 5
    assert slots(events) == {"pending_topic": "english"}
