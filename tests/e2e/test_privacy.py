"""Personal data typed into the public and the staff chat never reaches Rasa, Redis, Redis's append-only file or
any log; and a deleted conversation is gone from all of them.

The messages are realistic ones from the hand-written evaluation set (tests/privacy/messages.yml), chosen so that
what identifies each detail (a name, its digits, an e-mail's local part, a street) is distinctive enough to search
for in everything the stack keeps."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import redis

from danish.names import name_words
from danish.patterns import STREET_WORDS
from knowledge.answering import topic_answer
from knowledge.load import knowledge_base
from service.gateway import PERSONAL_DATA_REMOVED
from stack.run import Stack
from tests.e2e.test_booking import Conversation, text
from tests.e2e.test_chat import user_texts
from tests.privacy.scoring import KINDS, load

pytestmark = pytest.mark.e2e
PER_KIND = 10
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def distinctive(kind: str, detail: str) -> bool:
    """A detail whose words can be searched for without meeting them elsewhere (in the bot's own answers, say)."""
    if kind in ("navn", "adresse"):
        words = re.findall(r"[^\W\d_]+", detail)
        return all(len(word) >= 4 and word.lower() not in name_words() for word in words if len(word) > 2)
    return True


def chosen_messages() -> list[dict[str, Any]]:
    """Ten messages for each kind of detail, every detail in them distinctive."""
    chosen: list[dict[str, Any]] = []
    for kind in KINDS:
        matching = [
            message
            for message in load("messages.yml")
            if message["personal"]
            and message["personal"][0]["kind"] == kind
            and all(distinctive(item["kind"], item["text"]) for item in message["personal"])
            and message not in chosen
        ]
        chosen += matching[:PER_KIND]
    return chosen


MESSAGES = chosen_messages()


def searchable(raw: bytes) -> str:
    """Text as stored, with JSON's escapes undone (Rasa stores "ø" as "\\u00f8")."""
    return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), raw.decode("utf-8", errors="replace"))


def redis_values(client: redis.Redis[bytes]) -> Iterator[bytes]:
    for key in client.scan_iter("*"):
        kind = client.execute_command("TYPE", key)
        yield key
        if kind == b"string":
            yield client.get(key) or b""
        elif kind == b"hash":
            yield from (part for pair in client.hgetall(key).items() for part in pair)
        elif kind == b"set":
            yield from client.smembers(key)
        elif kind == b"list":
            yield from client.lrange(key, 0, -1)


def everything_kept(stack: Stack) -> str:
    """Redis (every key and value), its files on disk (the append-only file), and every log."""
    client = redis.Redis(port=stack.config.redis_port)
    stored = b"\n".join(redis_values(client))
    client.close()
    files = [path for folder in (stack.config.redis_dir, stack.config.log_dir) for path in folder.rglob("*")]
    on_disk = b"\n".join(path.read_bytes() for path in files if path.is_file())
    return searchable(stored) + "\n" + searchable(on_disk)


def still_there(kind: str, detail: str, kept: str) -> list[str]:
    """The parts of a detail that can still be found."""
    if kind in ("cpr", "telefon"):
        digits = re.sub(r"\D", "", detail)
        return [form for form in (detail, digits) if re.search(rf"(?<!\d){re.escape(form)}(?!\d)", kept)]
    if kind == "email":
        local = re.split(r"\s*(?:@|\(at\)|snabel[- ]?a|\bat\b)", detail, maxsplit=1)[0].strip()
        return [local] if local.lower() in kept.lower() else []
    # A street's name without its "Gammel", "Ny", "Sankt", which the bot's own answers use as words too.
    words = [word for word in re.findall(r"[^\W\d_]+", detail) if len(word) > 2 and word.lower() not in STREET_WORDS]
    return [word for word in words if re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", kept, re.I)]


def staff_say(stack: Stack, session_id: str | None, message: str) -> dict[str, Any]:
    token = next(iter(stack.config.staff_tokens.values()))
    response = httpx.post(
        f"{stack.config.service_url}/api/staff/chat",
        json={"session_id": session_id, "message": message},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_chosen_messages_are_many_and_of_every_kind() -> None:
    assert len(MESSAGES) >= 40
    assert {item["kind"] for message in MESSAGES for item in message["personal"]} == set(KINDS)


def test_personal_data_never_reaches_redis_its_disk_or_a_log(stack: Stack) -> None:
    public, staff = MESSAGES[: len(MESSAGES) - 10], MESSAGES[len(MESSAGES) - 10 :]
    for start in range(0, len(public), 5):
        talk = Conversation(stack)
        notices = 0
        for message in public[start : start + 5]:
            replies = talk.say(message["text"])
            assert talk.removed, message["text"]
            notices += text(replies).count(PERSONAL_DATA_REMOVED.split(".")[0])
        assert notices == 1, "the gateway says so once per conversation"
    session = None
    for message in staff:
        body = staff_say(stack, session, message["text"])
        session = body["session_id"]
        assert body["removed"], message["text"]
    time.sleep(1.5)  # Redis appends to its file within a second
    kept = everything_kept(stack)
    leaks = {
        item["text"]: found
        for message in MESSAGES
        for item in message["personal"]
        if (found := still_there(item["kind"], item["text"], kept))
    }
    assert leaks == {}


def test_a_message_that_rasa_would_log_whole_reaches_it_as_plain_text(stack: Stack) -> None:
    marker = f"zebrakage{secrets.token_hex(4)}"
    talk = Conversation(stack)
    for message in (f"/{marker} hvad koster det", f'/ask_pris{{"{marker}": 1}}', f"/nej {marker}"):
        talk.say(message)
    assert marker not in (stack.config.log_dir / "rasa.log").read_text(encoding="utf-8", errors="replace")
    client = redis.Redis(port=stack.config.redis_port)
    stored = user_texts(client, str(talk.session_id))
    client.close()
    assert not any(text.startswith("/") and marker in text for text in stored)


def test_a_deleted_conversation_is_gone_from_redis_and_its_disk(stack: Stack) -> None:
    marker = f"zebrakage{secrets.token_hex(4)}"
    talk = Conversation(stack)
    talk.say(f"hvad koster det i faxe, jeg har kaldenavnet {marker}")
    time.sleep(1.5)
    assert marker in everything_kept(stack), "what is not personal is stored until it is deleted"
    response = httpx.delete(f"{stack.config.service_url}/api/chat/{talk.session_id}", timeout=30)
    assert response.status_code == 204
    deadline = time.monotonic() + 30
    while marker in everything_kept(stack) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert marker not in everything_kept(stack)


def test_during_booking_the_bot_says_personal_data_is_not_needed(stack: Stack) -> None:
    talk = Conversation(stack)
    talk.say("jeg vil gerne booke en tid i odsherred")
    replies = text(talk.say("mit cpr er 010190-1234"))
    assert "Du skal ikke oplyse, hvem du er, for at booke." in replies
    assert "ledige tider" in replies, "the booking goes on"


@pytest.mark.parametrize(
    ("message", "municipality", "topic"),
    [
        ("hvad koster det i vordingborg mit navn er Mette", "vordingborg", "pris"),
        ("hej jeg hedder Kasper Vindahl, kan jeg være anonym i odsherred", "odsherred", "anonym"),
        ("hej det er Villads, hvem kan jeg ringe til i odsherred", "odsherred", "kontakt"),
    ],
)
def test_a_message_without_its_names_is_still_understood(
    stack: Stack, message: str, municipality: str, topic: str
) -> None:
    talk = Conversation(stack)
    replies = text(talk.say(message))
    assert talk.removed == ["navn"]
    answer = topic_answer(knowledge_base(), municipality, topic)
    assert not answer.age_groups, "a topic whose answer does not wait for an age"
    assert any(fact.answer in replies for fact in answer.facts), replies
