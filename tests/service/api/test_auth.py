"""Who may call: staff by their municipality's token, the action server by the internal token."""

from __future__ import annotations

import asyncio

import pytest
import redis
from fastapi.testclient import TestClient

from service.api.auth import INTERNAL_ONLY, STAFF_LOGIN, TOO_MANY_LOGINS, same_secret
from service.main import create_app
from service.settings import Settings
from tests.conftest import INTERNAL, in_process, staff_auth


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


def _login_settings(service_settings: Settings, limit: int) -> Settings:
    return service_settings.copy(update={"staff_login_limit": limit, "staff_login_window_seconds": 60})


@pytest.mark.parametrize("path", ["/api/staff/me", "/api/script"])
def test_wrong_staff_tokens_are_limited_per_address(
    service_settings: Settings, redis_client: redis.Redis[bytes], path: str
) -> None:
    wrong = {"Authorization": "Bearer " + "x" * 40}
    with TestClient(create_app(_login_settings(service_settings, 3))) as client:
        failed = [client.get(path, headers=wrong).status_code for _ in range(3)]
        refused = client.get(path, headers=wrong)
        # Past the limit even the right token waits for the window: a guess cannot be told from it.
        right = client.get(path, headers=staff_auth("faxe"))
    assert failed == [401, 401, 401]
    assert (refused.status_code, refused.json()) == (429, {"detail": TOO_MANY_LOGINS})
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert right.status_code == 429


def test_right_tokens_and_the_action_server_are_never_counted(
    service_settings: Settings, redis_client: redis.Redis[bytes]
) -> None:
    with TestClient(create_app(_login_settings(service_settings, 2))) as client:
        answers = [client.get("/api/staff/me", headers=staff_auth("faxe")).status_code for _ in range(5)]
        answers += [client.get("/api/script", headers=INTERNAL).status_code for _ in range(5)]
        # No token at all is a login page asking, not a guess.
        answers += [client.get("/api/staff/me").status_code for _ in range(5)]
        wrong = [client.get("/api/staff/me", headers={"Authorization": "Bearer nej"}).status_code for _ in range(3)]
    assert answers == [200] * 10 + [401] * 5
    assert wrong == [401, 401, 429]


@pytest.mark.anyio
async def test_parallel_guesses_cannot_pass_the_limit_together(
    service_settings: Settings, redis_client: redis.Redis[bytes]
) -> None:
    wrong = {"Authorization": "Bearer " + "y" * 40}
    async with in_process(create_app(_login_settings(service_settings, 5))) as client:
        answers = await asyncio.gather(*(client.get("/api/staff/me", headers=wrong) for _ in range(20)))
    assert sorted(answer.status_code for answer in answers) == [401] * 5 + [429] * 15
