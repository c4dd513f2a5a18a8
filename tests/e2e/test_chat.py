"""Through the real chain: HTTP -> service -> Rasa (trained model) -> action server -> service, Redis."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
import yaml

from service.api.errors import RASA_DOWN
from service.schemas.chat import MESSAGE_EMPTY, MESSAGE_TOO_LONG, is_valid_session_id
from stack.run import Stack

pytestmark = pytest.mark.e2e

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "bot" / "domain" / "samtale.yml").read_text("utf-8"))
RESPONSES = DOMAIN["responses"]
COVERED = "Brønderslev, Faxe, Frederiksberg, Odsherred og Vordingborg"


def chat(stack: Stack, message: str, session_id: str | None = None) -> httpx.Response:
    body = {"message": message, "session_id": session_id}
    return httpx.post(f"{stack.config.service_url}/api/chat", json=body, timeout=60)


def texts(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [reply["text"] for reply in response.json()["replies"]]


def user_texts(client: redis.Redis[bytes], session_id: str) -> list[str]:
    """What the user said, as Rasa stored it in Redis."""
    stored = client.get(f"vejviser:tracker:{session_id}")
    events = json.loads(stored)["events"] if stored else []
    return [event["text"] for event in events if event["event"] == "user"]


@pytest.fixture
def stack_redis(stack: Stack) -> Iterator[redis.Redis[bytes]]:
    client = redis.Redis(port=stack.config.redis_port)
    yield client
    client.close()


def test_hej_gets_a_danish_greeting_and_a_new_session(stack: Stack) -> None:
    response = chat(stack, "hej")
    assert texts(response) == [RESPONSES["utter_greet"][0]["text"]]
    body: dict[str, Any] = response.json()
    assert is_valid_session_id(body["session_id"])
    assert body["replies"][0]["buttons"] == [{"title": "Hvad kan du hjælpe med?", "payload": "/ask_capabilities"}]
    assert body["replies"][0]["sources"] == []


@pytest.mark.parametrize("message", ["hvad kan du hjælpe med", "hva ka du hjaelpe med", "/ask_capabilities"])
def test_capabilities_come_through_the_action_server_and_the_knowledge_api(stack: Stack, message: str) -> None:
    [answer] = texts(chat(stack, message))
    assert COVERED in answer


@pytest.mark.parametrize(
    ("message", "response"),
    [("mange tak", "utter_thanks"), ("farvel", "utter_goodbye")],
)
def test_small_talk_is_answered_in_danish(stack: Stack, message: str, response: str) -> None:
    assert texts(chat(stack, message)) == [RESPONSES[response][0]["text"]]


def test_out_of_scope_gets_an_honest_answer_and_what_vejviser_can_do(stack: Stack) -> None:
    out_of_scope, capabilities = texts(chat(stack, "kan du fortælle en vits"))
    assert out_of_scope == RESPONSES["utter_out_of_scope"][0]["text"]
    assert COVERED in capabilities


def test_a_conversation_is_stored_per_session_and_expires(stack: Stack, stack_redis: redis.Redis[bytes]) -> None:
    session_id = chat(stack, "hej").json()["session_id"]
    assert chat(stack, "tak", session_id).json()["session_id"] == session_id
    assert user_texts(stack_redis, session_id) == ["hej", "tak"]
    assert 0 < stack_redis.ttl(f"vejviser:tracker:{session_id}") <= stack.config.tracker_expiry_seconds


@pytest.mark.parametrize(
    ("body", "detail"),
    [({"message": ""}, MESSAGE_EMPTY), ({"message": "x" * 2001}, MESSAGE_TOO_LONG)],
)
def test_bad_messages_get_422_from_the_running_service(stack: Stack, body: dict[str, str], detail: str) -> None:
    response = httpx.post(f"{stack.config.service_url}/api/chat", json=body)
    assert (response.status_code, response.json()) == (422, {"detail": detail})


def test_malformed_json_gets_422_from_the_running_service(stack: Stack) -> None:
    response = httpx.post(
        f"{stack.config.service_url}/api/chat",
        content=b"{message:",
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422


def test_delete_removes_the_tracker_from_redis(stack: Stack, stack_redis: redis.Redis[bytes]) -> None:
    session_id = chat(stack, "hej").json()["session_id"]
    key = f"vejviser:tracker:{session_id}"
    assert stack_redis.exists(key)
    assert httpx.delete(f"{stack.config.service_url}/api/chat/{session_id}").status_code == 204
    assert not stack_redis.exists(key)
    # The same id starts afresh, from an empty conversation.
    assert texts(chat(stack, "hej", session_id)) == [RESPONSES["utter_greet"][0]["text"]]
    assert user_texts(stack_redis, session_id) == ["hej"]


def test_health_reports_every_component_up(stack: Stack) -> None:
    response = httpx.get(f"{stack.config.service_url}/api/health")
    assert response.status_code == 200
    assert all(component["ok"] for component in response.json()["components"].values())


def test_rasa_down_gives_503_in_danish_and_the_chat_recovers(stack: Stack) -> None:
    rasa = stack.processes["rasa"]
    rasa.stop()
    try:
        response = chat(stack, "hej")
        assert (response.status_code, response.json()) == (503, {"detail": RASA_DOWN})
        health = httpx.get(f"{stack.config.service_url}/api/health")
        assert health.status_code == 503
        assert health.json()["components"]["rasa"]["ok"] is False
    finally:
        rasa.start()
        stack.wait_healthy(time.monotonic() + 240)
    assert texts(chat(stack, "hej")) == [RESPONSES["utter_greet"][0]["text"]]
