"""The /api/staff prefix has one owner, which checks the staff token before any of its routes runs."""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import SecretStr

from service.api.auth import STAFF_LOGIN
from service.api.routes import staff
from service.main import create_app
from service.settings import Settings

APP = create_app(Settings(rasa_token=SecretStr("x")))
STAFF_ROUTES = sorted(
    (method, route.path)
    for route in APP.routes
    if isinstance(route, APIRoute) and route.path.startswith("/api/staff")
    for method in route.methods
)


def test_every_staff_route_is_the_staff_packages() -> None:
    owned = {("/api" + route.path) for route in staff.router.routes if isinstance(route, APIRoute)}
    assert {path for _, path in STAFF_ROUTES} == owned
    assert len(STAFF_ROUTES) >= 7


@pytest.mark.parametrize(("method", "path"), STAFF_ROUTES)
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer forged"}], ids=["none", "forged"])
def test_every_staff_route_is_401_without_a_staff_token(
    service: TestClient, method: str, path: str, headers: dict[str, str]
) -> None:
    """Whatever else is wrong with the request: no parameters, no body."""
    response = service.request(method, path.format(code="ABC-DEF-GHJ"), headers=headers)
    assert (response.status_code, response.json()) == (401, {"detail": STAFF_LOGIN})
