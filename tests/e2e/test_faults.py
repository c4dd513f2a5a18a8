"""Parts of the real stack failing, one at a time: every answer stays a clear Danish one, nothing is lost, and
everything works again when the part is back, without restarting the others."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
import redis

from knowledge.booking import load_booking_places
from knowledge.load import knowledge_base
from service.gateway import CANNOT_ANSWER
from service.stores.bookings import BOOKING_DOWN
from stack.redis_server import redis_is_up
from stack.run import Stack
from tests.e2e.test_booking import Conversation
from tests.e2e.test_chat import chat

pytestmark = pytest.mark.e2e
KB = knowledge_base()
PLACES = load_booking_places()


def phone_fact(municipality: str) -> str:
    """The answer of the municipality's main contact: the one given when the bot cannot answer."""
    return KB.facts_by_id[PLACES[municipality].place.fact].answer


def restart(stack: Stack, name: str) -> None:
    process = stack.processes[name]
    process.start()
    if name == "redis":
        process.wait_until(lambda: redis_is_up(stack.config.host, stack.config.redis_port), time.monotonic() + 30)
    stack.wait_healthy(time.monotonic() + 240)


def book(stack: Stack, municipality: str) -> str:
    url = stack.config.service_url
    days = httpx.get(f"{url}/api/bookings/slots", params={"municipality": municipality}).json()["days"]
    start = days[-1]["slots"][-1]["start"]
    response = httpx.post(f"{url}/api/bookings", json={"municipality": municipality, "start": start})
    assert response.status_code == 201, response.text
    code: str = response.json()["code"]
    return code


def test_redis_stopped_mid_conversation(stack: Stack) -> None:
    url = stack.config.service_url
    codes = [book(stack, municipality) for municipality in ("faxe", "odsherred", "vordingborg")]
    free = httpx.get(f"{url}/api/bookings/slots", params={"municipality": "faxe"}).json()["days"][0]["slots"][0]
    talk = Conversation(stack)
    assert "Faxe Kommune" in "\n".join(reply["text"] for reply in talk.say("hvad koster behandlingen i faxe"))
    redis_process = stack.processes["redis"]
    redis_process.stop()  # SIGTERM: Redis writes its append-only file and exits
    try:
        replies = talk.say("hvor lang tid skal jeg vente på at komme i behandling")
        assert replies[0]["text"] == CANNOT_ANSWER.format(whom="din kommune")
        assert [reply["text"] for reply in replies[1:]] == [
            f"{KB.standard(m).name} Kommune: {phone_fact(m)}" for m in KB.standards
        ]
        assert all(reply["sources"] for reply in replies[1:])
        start = httpx.get(f"{url}/api/bookings/place", params={"municipality": "faxe"})
        assert start.status_code == 200, "where and whom to call needs no Redis"
        for response in (
            httpx.get(f"{url}/api/bookings/slots", params={"municipality": "faxe"}),
            httpx.post(f"{url}/api/bookings", json={"municipality": "faxe", "start": free["start"]}),
            httpx.get(f"{url}/api/bookings/{codes[0]}"),
        ):
            assert (response.status_code, response.json()) == (503, {"detail": BOOKING_DOWN})
        assert httpx.get(f"{url}/api/health").json()["components"]["redis"]["ok"] is False
    finally:
        restart(stack, "redis")
    # The same conversation goes on: it is still about Faxe, and Redis kept it.
    answer = "\n".join(reply["text"] for reply in talk.say("hvor lang tid skal jeg vente på at komme i behandling"))
    assert "Faxe Kommune" in answer
    for code in codes:
        assert httpx.get(f"{url}/api/bookings/{code}").status_code == 200, "kept through the restart (AOF)"
        assert httpx.delete(f"{url}/api/bookings/{code}").status_code == 204


def test_action_server_stopped_gives_the_municipalitys_phone(stack: Stack) -> None:
    talk = Conversation(stack)
    talk.say("hvad koster behandlingen i odsherred")
    stack.processes["actions"].stop()
    try:
        replies = talk.say("hvor kan jeg ringe hen")
        assert [reply["text"] for reply in replies] == [
            CANNOT_ANSWER.format(whom="Odsherred Kommune"),
            f"Odsherred Kommune: {phone_fact('odsherred')}",
        ]
        assert replies[1]["sources"][0]["municipality"] == "odsherred"
        # Without a municipality yet, every municipality's contact.
        fresh = chat(stack, "hvad koster det").json()["replies"]
        assert len(fresh) == 1 + len(KB.standards)
    finally:
        restart(stack, "actions")
    assert "Odsherred Kommune" in "\n".join(reply["text"] for reply in talk.say("hvor kan jeg ringe hen"))


def test_two_messages_of_one_conversation_at_once_are_both_answered_in_order(stack: Stack) -> None:
    session_id = chat(stack, "hej").json()["session_id"]
    messages = ["hvad koster behandlingen i vordingborg", "kan jeg være anonym i vordingborg"]
    with ThreadPoolExecutor(2) as pool:
        responses = list(pool.map(lambda message: chat(stack, message, session_id), messages))
    assert [response.status_code for response in responses] == [200, 200]
    assert all(response.json()["replies"] for response in responses)
    client = redis.Redis(port=stack.config.redis_port)
    try:
        events: list[dict[str, Any]] = json.loads(client.get(f"vejviser:tracker:{session_id}") or b"{}")["events"]
    finally:
        client.close()
    turns = [event for event in events if event["event"] in ("user", "bot")]
    said = [event["text"] for event in turns if event["event"] == "user"]
    assert sorted(said[1:]) == sorted(messages), "none lost"
    # Each message is answered before the next is read: the conversation's lock keeps them apart.
    kinds = [event["event"] for event in turns]
    assert kinds[0] == "user"
    assert all(kinds[i + 1] == "bot" for i, kind in enumerate(kinds) if kind == "user")
