"""The staff chat: only with a staff token, and checked like the public chat."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.api.auth import STAFF_LOGIN
from service.api.errors import RASA_DOWN
from tests.conftest import INTERNAL_TOKEN, staff_auth


def test_the_staff_chat_needs_a_staff_token(service: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer forged"}, {"Authorization": f"Bearer {INTERNAL_TOKEN}"}):
        response = service.post("/api/staff/chat", json={"message": "/start_guide"}, headers=headers)
        assert (response.status_code, response.json()) == (401, {"detail": STAFF_LOGIN})


def test_the_staff_chat_is_checked_like_the_public_one(service: TestClient) -> None:
    """Empty and oversized messages are refused; with Rasa down, 503 (Rasa is a port where nothing listens)."""
    headers = staff_auth("faxe")
    assert service.post("/api/staff/chat", json={"message": ""}, headers=headers).status_code == 422
    assert service.post("/api/staff/chat", json={"message": "x" * 2001}, headers=headers).status_code == 422
    response = service.post("/api/staff/chat", json={"message": "/start_guide"}, headers=headers)
    assert (response.status_code, response.json()) == (503, {"detail": RASA_DOWN})
