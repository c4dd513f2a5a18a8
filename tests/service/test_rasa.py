from __future__ import annotations

from typing import Any

import httpx
import pytest

from service.rasa import RasaClient, to_replies
from stack.config import free_port

SOURCE = {
    "municipality": "faxe",
    "document": "Kvalitetsstandard",
    "adopted": "2022-04-04",
    "section": "Klage",
    "law": None,
    "quote": "citat",
    "url": None,
}


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        ([{"recipient_id": "s", "text": "Hej"}], [{"text": "Hej", "buttons": [], "sources": []}]),
        (
            [{"recipient_id": "s", "text": "Vælg", "buttons": [{"title": "Faxe", "payload": "/x"}]}],
            [{"text": "Vælg", "buttons": [{"title": "Faxe", "payload": "/x"}], "sources": []}],
        ),
        (
            [{"recipient_id": "s", "custom": {"text": "Svar", "sources": [SOURCE]}}],
            [{"text": "Svar", "buttons": [], "sources": [SOURCE]}],
        ),
        ([{"recipient_id": "s", "image": "https://example.org/x.png"}], []),
        ([{"recipient_id": "s", "custom": {"text": "Svar", "sources": [{"quote": "kun citat"}]}}], []),
        ([{"recipient_id": "s", "text": ""}], []),
        (
            [{"text": "Faxe Kommune: Svar"}, {"custom": {"sources": [SOURCE]}}],
            [{"text": "Faxe Kommune: Svar", "buttons": [], "sources": [SOURCE]}],
        ),
        ([{"recipient_id": "s", "custom": {"sources": [SOURCE]}}], []),
    ],
    ids=[
        "text",
        "buttons",
        "custom-with-sources",
        "image-only",
        "invalid-custom",
        "empty-text",
        "sources-follow-their-text",
        "sources-without-text",
    ],
)
def test_rasa_messages_become_replies(messages: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    assert [reply.dict() for reply in to_replies(messages)] == expected


@pytest.mark.anyio
async def test_a_slot_is_none_when_rasa_cannot_say() -> None:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{free_port()}", timeout=1) as http:
        assert await RasaClient(http, "token").slot("staff:faxe:abc", "municipality") is None
