from __future__ import annotations

import pytest

from actions.engelsk import ActionAnswerEnglish
from actions.plumbing.client import ServiceClient
from knowledge.answering import topic_answer
from knowledge.load import knowledge_base
from tests.actions.helpers import responses, run, slots, tracker

pytestmark = pytest.mark.anyio
KB = knowledge_base()
# The topics the knowledge base also writes in English.
ENGLISH_TOPICS = [topic.id for topic in KB.topics.values() if topic.english]


async def test_english_gets_contact_cost_and_anonymity_in_english(knowledge_service: ServiceClient) -> None:
    messages, events = await run(ActionAnswerEnglish(knowledge_service), tracker("english", {"municipality": ["faxe"]}))
    expected = [fact.answer_en for topic in ENGLISH_TOPICS for fact in topic_answer(KB, "faxe", topic).facts]
    assert responses(messages) == ["utter_english_intro", *["utter_knowledge"] * len(expected), "utter_english_more"]
    assert [m["answer"] for m in messages[1:-1]] == expected
    assert slots(events) == {"municipality": "faxe", "pending_topic": None}


async def test_english_without_a_municipality_asks_for_one(knowledge_service: ServiceClient) -> None:
    messages, events = await run(ActionAnswerEnglish(knowledge_service), tracker("english"))
    assert responses(messages) == ["utter_english_ask_municipality"]
    assert len(messages[0]["buttons"]) == 5
    assert slots(events) == {"pending_topic": "english"}
