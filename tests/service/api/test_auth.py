"""Who may call: staff by their municipality's token, the action server by the internal token."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.api.auth import INTERNAL_ONLY, STAFF_LOGIN, same_secret
from tests.conftest import INTERNAL, staff_auth


@pytest.mark.parametrize(
    ("given", "token", "same"),
    [("abc", "abc", True), ("abc", "abd", False), ("", "abc", False), ("nøgle", "nøgle", True), ("nøgle", "x", False)],
)
def test_secrets_are_compared_as_bytes_so_any_character_may_be_given(given: str, token: str, same: bool) -> None:
    assert same_secret(given, token) is same


@pytest.mark.parametrize("path", ["/api/staff/me", "/api/script", "/api/usage"])
def test_a_token_with_letters_beyond_ascii_is_refused_not_a_crash(service: TestClient, path: str) -> None:
    method = "POST" if path == "/api/usage" else "GET"
    headers = {b"Authorization": "Bearer ikke-en-rigtig-nøgle".encode()}
    response = service.request(method, path, headers=headers)
    assert response.status_code in (401, 403)


@pytest.mark.parametrize(
    ("headers", "status", "detail"),
    [({}, 401, STAFF_LOGIN), (staff_auth("faxe"), 200, None), (INTERNAL, 200, None)],
)
def test_the_script_is_read_by_staff_and_the_action_server(
    service: TestClient, headers: dict[str, str], status: int, detail: str | None
) -> None:
    response = service.get("/api/script", headers=headers)
    assert response.status_code == status
    if detail:
        assert response.json() == {"detail": detail}
        assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("headers", [{}, staff_auth("faxe")])
def test_only_the_internal_token_is_the_action_server(service: TestClient, headers: dict[str, str]) -> None:
    response = service.post("/api/usage", json={"measure": "conversations", "municipality": "faxe"}, headers=headers)
    assert (response.status_code, response.json()) == (403, {"detail": INTERNAL_ONLY})
