"""Personal data typed into the chat never reaches Rasa, Redis or a log file."""

from __future__ import annotations

import re

import pytest
import redis

from service.gateway import PERSONAL_DATA_REMOVED
from stack.run import Stack
from tests.e2e.test_booking import Conversation, text
from tests.e2e.test_chat import user_texts

pytestmark = pytest.mark.e2e

# Each message, and the kinds of personal data the response must say were removed.
CONVERSATIONS = [
    [
        ("hej jeg hedder Kasper Vindahl og mit cpr er 010190-1234", ["cpr", "navn"]),
        ("min mor hedder Birthe, ring til mig på 22 33 44 55", ["telefon", "navn"]),
        ("jeg bor på Vestergade 12 i faxe, skriv til kasper.vindahl@example.dk", ["email", "adresse"]),
    ],
    [
        ("jeg vil gerne booke en tid i faxe", []),
        ("mit cpr er 1506851122 og mit nummer er +45 31415926", ["cpr", "telefon"]),
        ("hvad koster det, jeg hedder Kasper", ["navn"]),
    ],
]
# Every piece of personal data above, as typed and as bare digits.
SECRETS = [
    "Kasper", "Vindahl", "Birthe", "010190-1234", "0101901234", "22 33 44 55", "22334455", "Vestergade 12",
    "kasper.vindahl@example.dk", "1506851122", "31415926",
]  # fmt: skip


def keyspace(client: redis.Redis[bytes]) -> bytes:
    """Every key and value in Redis, whatever its type."""
    dump = []
    for key in client.scan_iter("*"):
        kind = client.execute_command("TYPE", key)
        if kind == b"string":
            value: object = client.get(key)
        elif kind == b"hash":
            value = client.hgetall(key)
        elif kind == b"set":
            value = client.smembers(key)
        elif kind == b"list":
            value = client.lrange(key, 0, -1)
        else:
            value = client.zrange(key, 0, -1)
        dump.append(key + repr(value).encode())
    return b"\n".join(dump)


def test_personal_data_is_removed_before_anything_stores_it(stack: Stack) -> None:
    for messages in CONVERSATIONS:
        talk = Conversation(stack)
        notices = 0
        for message, removed in messages:
            replies = talk.say(message)
            notices += text(replies).count(PERSONAL_DATA_REMOVED)
            assert talk.removed == removed, message
        assert notices == 1, "the gateway tells once per conversation"
        client = redis.Redis(port=stack.config.redis_port)
        stored = " ".join(user_texts(client, str(talk.session_id)))
        assert re.search(r"<(CPR|TELEFON|NAVN)>", stored)
        client.close()

    client = redis.Redis(port=stack.config.redis_port)
    everything = keyspace(client)
    client.close()
    logs = b"\n".join(path.read_bytes() for path in stack.config.log_dir.glob("*.log"))
    for secret in SECRETS:
        assert secret.encode() not in everything, f"{secret!r} is in Redis"
        assert secret.encode() not in logs, f"{secret!r} is in a log file"


def test_during_booking_the_bot_says_personal_data_is_not_needed(stack: Stack) -> None:
    talk = Conversation(stack)
    talk.say("jeg vil gerne booke en tid i odsherred")
    replies = text(talk.say("mit cpr er 010190-1234"))
    assert "Du skal ikke oplyse, hvem du er, for at booke." in replies
    assert "ledige tider" in replies, "the booking goes on"
