"""Errors answer one Danish sentence: the framework's, and the 503 of a store or of Rasa that is down."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import SecretStr

from knowledge.booking import load_booking_places
from service.api.deps import current_time
from service.api.errors import INVALID_REQUEST, NOT_JSON, RASA_DOWN, UNKNOWN_FIELDS, validation_message
from service.booking.slots import offered_slots
from service.main import create_app
from service.settings import Settings
from service.stores.bookings import BOOKING_DOWN
from service.stores.conversations import CONVERSATIONS_DOWN
from service.stores.usage import STATS_DOWN
from tests.conftest import staff_auth

OPENAPI_APP = create_app(Settings(rasa_token=SecretStr("x")))


@pytest.mark.parametrize(
    ("errors", "expected"),
    [
        (
            [{"type": "value_error", "loc": ("body", "message"), "msg": "Beskeden er tom."}],
            "Beskeden er tom.",
        ),
        ([{"type": "json_invalid", "loc": ("body", 0), "msg": "JSON decode error"}], NOT_JSON),
        ([{"type": "type_error.dict", "loc": ("body",), "msg": "value is not a valid dict"}], NOT_JSON),
        ([{"type": "value_error.missing", "loc": ("body", "message"), "msg": "field required"}], None),
        ([{"type": "type_error.str", "loc": ("body", "message"), "msg": "str type expected"}], None),
        ([{"type": "value_error.extra", "loc": ("body", "010190-1234"), "msg": "extra"}], UNKNOWN_FIELDS),
        ([{"type": "value_error.number.not_gt", "loc": ("query", "n"), "msg": "x"}], INVALID_REQUEST),
        ([], INVALID_REQUEST),
    ],
    ids=["own", "not-json", "not-object", "missing", "wrong-type", "extra", "other", "none"],
)
def test_validation_messages_are_danish_and_never_echo_client_keys(
    errors: list[dict[str, Any]], expected: str | None
) -> None:
    message = validation_message(errors)
    if expected is not None:
        assert message == expected
    else:
        assert message.startswith("Feltet 'message' ")
    assert "010190-1234" not in message


# Every route that needs Redis, with a request that reaches its store, and the sentence it answers when Redis is down.
STORE_BACKED = [
    ("GET", "/api/bookings/slots?municipality=faxe", {}, BOOKING_DOWN),
    ("GET", "/api/bookings/ABC-DEF-GHJ", {}, BOOKING_DOWN),
    ("DELETE", "/api/bookings/ABC-DEF-GHJ", {}, BOOKING_DOWN),
    ("DELETE", "/api/chat/" + "a" * 32, {}, CONVERSATIONS_DOWN),
    ("GET", "/api/staff/bookings?municipality=faxe&from=2026-11-23&to=2026-11-30", staff_auth("faxe"), BOOKING_DOWN),
    ("DELETE", "/api/staff/bookings/ABC-DEF-GHJ", staff_auth("faxe"), BOOKING_DOWN),
    ("GET", "/api/staff/stats?municipality=faxe", staff_auth("faxe"), STATS_DOWN),
    ("GET", "/api/staff/stats.csv?municipality=faxe", staff_auth("faxe"), STATS_DOWN),
]


@pytest.mark.parametrize(("method", "path", "headers", "detail"), STORE_BACKED)
def test_with_redis_down_each_store_backed_route_is_503_in_its_areas_danish(
    service_redis_down: TestClient, method: str, path: str, headers: dict[str, str], detail: str
) -> None:
    response = service_redis_down.request(method, path, headers=headers)
    assert (response.status_code, response.json()) == (503, {"detail": detail})


def test_a_booking_with_redis_down_is_503_too(service_redis_down: TestClient) -> None:
    start = next(iter(offered_slots(load_booking_places()["faxe"], current_time()))).start.isoformat()
    response = service_redis_down.post("/api/bookings", json={"municipality": "faxe", "start": start})
    assert (response.status_code, response.json()) == (503, {"detail": BOOKING_DOWN})


def test_the_log_names_the_store_and_the_error_never_the_request(
    service_redis_down: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="service.api.errors"):
        service_redis_down.get("/api/bookings/K7M-4QX-P9R")
    assert [record.getMessage() for record in caplog.records] == ["RateLimiter unavailable: ConnectionError"]


@pytest.mark.parametrize(("method", "path", "headers"), [(m, p, h) for m, p, h, _ in STORE_BACKED])
def test_a_store_backed_route_documents_its_503(method: str, path: str, headers: dict[str, str]) -> None:
    template = next(
        route.path
        for route in OPENAPI_APP.routes
        if isinstance(route, APIRoute) and method in route.methods and route.path_regex.match(path.split("?")[0])
    )
    assert "503" in OPENAPI_APP.openapi()["paths"][template][method.lower()]["responses"]


def test_rasa_down_is_503_in_danish(service: TestClient) -> None:
    """Rasa is a port where nothing listens here."""
    response = service.post("/api/chat", json={"message": "hej"})
    assert (response.status_code, response.json()) == (503, {"detail": RASA_DOWN})
