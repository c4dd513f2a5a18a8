from __future__ import annotations

import pytest

from actions.akut import ActionEmergency
from actions.plumbing.client import ServiceClient
from knowledge.load import knowledge_base
from tests.actions.helpers import responses, run, tracker

pytestmark = pytest.mark.anyio
KB = knowledge_base()


async def test_an_emergency_gets_112_first_then_livslinien(knowledge_service: ServiceClient) -> None:
    messages, _ = await run(ActionEmergency(knowledge_service), tracker("emergency"))
    assert [m["answer"] for m in messages] == [
        KB.national["national-akut-112"].answer,
        KB.national["national-akut-livslinien"].answer,
    ]
    assert "112" in messages[0]["answer"]
    assert messages[1]["custom"]["sources"][0]["url"] == "https://www.livslinien.dk"


async def test_an_emergency_gets_the_numbers_even_when_the_service_is_down(unreachable_service: ServiceClient) -> None:
    messages, _ = await run(ActionEmergency(unreachable_service), tracker("emergency"))
    assert responses(messages) == ["utter_emergency_fallback"]
