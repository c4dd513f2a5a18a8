from __future__ import annotations

import pytest
from pydantic import ValidationError

from service.schemas.chat import (
    INVALID_SESSION_ID,
    MAX_MESSAGE_CHARS,
    MESSAGE_EMPTY,
    MESSAGE_TOO_LONG,
    ChatMessageCreate,
    clean_message,
    is_valid_session_id,
    new_session_id,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("hej", "hej"),
        ("  hej med dig \n", "hej med dig"),
        ("linje et\nlinje to\tslut", "linje et\nlinje to\tslut"),
        ("hej\x00med\x07dig\x1b", "hejmeddig"),
        ("\x85hej\x9f", "hej"),
        ("a\u030a og ide\u0301", "å og idé"),
        ("\ud800hej\udfff", "hej"),
        ("hej 👋🏽 👨‍👩‍👧", "hej 👋🏽 👨‍👩‍👧"),
    ],
    ids=["plain", "trimmed", "newline-tab-kept", "c0-controls", "c1-controls", "nfc", "surrogates", "emoji"],
)
def test_clean_message_keeps_text_and_drops_what_is_not_text(raw: str, expected: str) -> None:
    assert clean_message(raw) == expected


def test_a_message_without_session_gets_none_and_is_cleaned() -> None:
    body = ChatMessageCreate.parse_obj({"message": "  hej\x00 "})
    assert body.session_id is None
    assert body.message == "hej"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"message": ""}, MESSAGE_EMPTY),
        ({"message": "   \n "}, MESSAGE_EMPTY),
        ({"message": "\x00\x01"}, MESSAGE_EMPTY),
        ({"message": "a" * (MAX_MESSAGE_CHARS + 1)}, MESSAGE_TOO_LONG),
        ({"message": "hej", "session_id": "kort"}, INVALID_SESSION_ID),
        ({"message": "hej", "session_id": "x" * 20 + "/../"}, INVALID_SESSION_ID),
        ({"message": "hej", "session_id": "é" * 20}, INVALID_SESSION_ID),
    ],
)
def test_invalid_messages_are_refused_in_danish(body: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        ChatMessageCreate.parse_obj(body)
    assert [error["msg"] for error in raised.value.errors()] == [message]


def test_the_longest_allowed_message_passes() -> None:
    assert len(ChatMessageCreate(message="a" * MAX_MESSAGE_CHARS).message) == MAX_MESSAGE_CHARS


@pytest.mark.parametrize("body", [{"message": 17}, {"message": ["hej"]}, {"message": "hej", "session_id": 5}])
def test_non_text_fields_are_refused(body: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ChatMessageCreate.parse_obj(body)


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        ChatMessageCreate.parse_obj({"message": "hej", "cpr": "010190-1234"})


def test_new_session_ids_are_valid_random_and_128_bits() -> None:
    ids = {new_session_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(is_valid_session_id(session_id) and len(session_id) == 22 for session_id in ids)
