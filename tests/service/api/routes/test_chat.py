"""The chat gateway against a real Redis; Rasa is not running here (see tests/e2e for the full chain)."""

from __future__ import annotations

import pytest
import redis
from fastapi.testclient import TestClient

from service.api.errors import NOT_JSON, RASA_DOWN, UNKNOWN_FIELDS
from service.api.limits import TOO_MANY_MESSAGES
from service.main import create_app
from service.schemas.chat import INVALID_SESSION_ID, MESSAGE_EMPTY, MESSAGE_TOO_LONG, new_session_id
from service.settings import Settings
from service.stores.conversations import CONVERSATIONS_DOWN

CPR = "010190-1234"


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b'{"message": ""}', MESSAGE_EMPTY),
        (b'{"message": "\\u0000 \\n"}', MESSAGE_EMPTY),
        (b'{"message": "' + b"a" * 2001 + b'"}', MESSAGE_TOO_LONG),
        (b'{"message": "hej", "session_id": "../../etc"}', INVALID_SESSION_ID),
        (b'{"message": "hej", "navn": "Ole"}', UNKNOWN_FIELDS),
        (b'{"message": 42}', "Feltet 'message' har en forkert type."),
        (b"{}", "Feltet 'message' mangler."),
        (b"hej", NOT_JSON),
        (b'["hej"]', NOT_JSON),
        (b"\xff\xfe\x00binary", NOT_JSON),
    ],
    ids=[
        "empty",
        "blank",
        "oversized",
        "bad-session",
        "extra-field",
        "number",
        "missing",
        "not-json",
        "array",
        "binary",
    ],
)
def test_bad_messages_get_422_with_a_danish_explanation(service: TestClient, body: bytes, detail: str) -> None:
    response = service.post("/api/chat", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json() == {"detail": detail}


def test_a_refused_message_is_never_echoed(service: TestClient) -> None:
    response = service.post("/api/chat", json={"message": f"mit cpr er {CPR} " + "x" * 2001})
    assert response.status_code == 422
    assert CPR not in response.text


def test_rasa_down_gives_503_with_a_danish_explanation(service: TestClient) -> None:
    response = service.post("/api/chat", json={"message": "hej"})
    assert response.status_code == 503
    assert response.json() == {"detail": RASA_DOWN}


def test_delete_removes_the_tracker_and_lock_from_redis(service: TestClient, redis_client: redis.Redis[bytes]) -> None:
    session_id, other = new_session_id(), new_session_id()
    # Keys exactly as Rasa writes them with `key_prefix: vejviser` (bot/endpoints.yml).
    mine = [f"vejviser:tracker:{session_id}", f"vejviser:lock:{session_id}"]
    others = [f"vejviser:tracker:{other}", f"vejviser:lock:{other}"]
    for key in mine + others:
        redis_client.set(key, "{}")
    response = service.delete(f"/api/chat/{session_id}")
    assert response.status_code == 204
    assert redis_client.exists(*mine) == 0
    assert redis_client.exists(*others) == 2


def test_delete_while_redis_is_down_gives_503_in_danish(service_redis_down: TestClient) -> None:
    response = service_redis_down.delete(f"/api/chat/{new_session_id()}")
    assert (response.status_code, response.json()) == (503, {"detail": CONVERSATIONS_DOWN})


def test_deleting_an_unknown_conversation_answers_the_same(service: TestClient) -> None:
    assert service.delete(f"/api/chat/{new_session_id()}").status_code == 204


@pytest.mark.parametrize("session_id", ["kort", "a" * 65, "ugyldig*id*med*tegn*"])
def test_delete_refuses_malformed_ids(service: TestClient, session_id: str) -> None:
    response = service.delete(f"/api/chat/{session_id}")
    assert response.status_code == 422
    assert response.json() == {"detail": INVALID_SESSION_ID}


def test_unknown_paths_get_a_danish_404(service: TestClient) -> None:
    response = service.get("/api/findes-ikke")
    assert response.status_code == 404
    assert response.json() == {"detail": "Siden findes ikke."}


def test_the_chat_page_is_served_at_root(service: TestClient) -> None:
    response = service.get("/")
    assert response.status_code == 200
    assert '<html lang="da">' in response.text
    assert 'src="chat.js"' in response.text


@pytest.mark.parametrize(
    ("limits", "sessions"),
    [
        ({"chat_per_session_per_minute": 3}, ["a" * 32] * 4),
        ({"chat_per_address_per_minute": 3}, [f"{n}" * 32 for n in range(4)]),
    ],
    ids=["per-session", "per-address"],
)
def test_too_many_messages_a_minute_get_429_with_a_danish_explanation(
    service_settings: Settings, redis_client: redis.Redis[bytes], limits: dict[str, int], sessions: list[str]
) -> None:
    with TestClient(create_app(service_settings.copy(update=limits))) as client:
        statuses = [client.post("/api/chat", json={"message": "hej", "session_id": s}).status_code for s in sessions]
        refused = client.post("/api/chat", json={"message": "hej", "session_id": sessions[-1]})
    assert statuses == [503, 503, 503, 429]  # Rasa is not running here: the first three reach it
    assert refused.json() == {"detail": TOO_MANY_MESSAGES}
    assert not any(s.encode() in key for s in sessions for key in redis_client.keys("*"))


def test_without_redis_the_limits_let_messages_through(down_settings: Settings) -> None:
    down = down_settings.copy(update={"chat_per_session_per_minute": 1})
    body = {"message": "hej", "session_id": "b" * 32}
    with TestClient(create_app(down)) as client:
        statuses = [client.post("/api/chat", json=body).status_code for _ in range(3)]
    assert statuses == [503] * 3


@pytest.mark.parametrize("municipality", ["aalborg", "Faxe", "../faxe"])
def test_a_municipality_vejviser_does_not_cover_gets_404_naming_those_it_does(
    service: TestClient, municipality: str
) -> None:
    response = service.post("/api/chat", json={"message": "hej", "municipality": municipality})
    assert response.status_code == 404
    assert "Faxe (faxe)" in response.json()["detail"]


def test_the_history_needs_a_valid_id_and_rasa(service: TestClient) -> None:
    assert service.get("/api/chat/not-an-id!").json() == {"detail": INVALID_SESSION_ID}
    response = service.get(f"/api/chat/{new_session_id()}")
    assert response.status_code == 503
    assert response.json() == {"detail": RASA_DOWN}
