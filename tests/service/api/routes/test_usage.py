"""The usage figures through the API: counted by the action server and the booking API, read by the municipality's
own staff, and nothing in them but counters."""

from __future__ import annotations

import re
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient

from knowledge.load import knowledge_base
from service.api.auth import INTERNAL_ONLY
from service.api.deps import current_time
from service.stores.usage import STATS_DOWN
from tests.conftest import INTERNAL, staff_auth
from tests.service.api.routes.test_bookings import book

KB = knowledge_base()
TODAY = current_time().date().isoformat()
# Everything a usage hash may hold: fixed names, a topic id or "ukendt", and counts.
FIELD = re.compile(r"(conversations|bookings_made|bookings_cancelled|(questions|fallbacks):[a-z_]+)")


def count(client: TestClient, **event: Any) -> int:
    return client.post("/api/usage", json=event, headers=INTERNAL).status_code


def stats(client: TestClient, municipality: str = "faxe", **params: str) -> dict[str, Any]:
    response = client.get(
        "/api/staff/stats", params={"municipality": municipality, **params}, headers=staff_auth(municipality)
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_action_server_counts_conversations_questions_and_fallbacks(service: TestClient) -> None:
    assert count(service, measure="conversations", municipality="faxe") == 204
    assert count(service, measure="questions", municipality="faxe", topic="pris") == 204
    assert count(service, measure="questions", municipality="faxe", topic="pris") == 204
    assert count(service, measure="fallbacks", municipality="faxe", topic="ukendt") == 204
    assert count(service, measure="fallbacks", municipality="faxe", topic="anonym") == 204
    total = stats(service)["total"]
    assert total == {
        "conversations": 1,
        "bookings_made": 0,
        "bookings_cancelled": 0,
        "questions": {"pris": 2},
        "fallbacks": {"ukendt": 1, "anonym": 1},
    }
    assert stats(service, "odsherred")["total"]["conversations"] == 0


@pytest.mark.parametrize("headers", [{}, staff_auth("faxe"), {"Authorization": "Bearer forged"}])
def test_only_the_action_server_may_count(service: TestClient, headers: dict[str, str]) -> None:
    response = service.post("/api/usage", json={"measure": "conversations", "municipality": "faxe"}, headers=headers)
    assert (response.status_code, response.json()) == (403, {"detail": INTERNAL_ONLY})


@pytest.mark.parametrize(
    ("event", "status"),
    [
        ({"measure": "questions", "municipality": "aarhus", "topic": "pris"}, 404),
        ({"measure": "questions", "municipality": "faxe", "topic": "vejret"}, 404),
        ({"measure": "questions", "municipality": "faxe", "topic": "ukendt"}, 404),
        ({"measure": "questions", "municipality": "faxe"}, 422),
        ({"measure": "conversations", "municipality": "faxe", "topic": "pris"}, 422),
        ({"measure": "bookings_made", "municipality": "faxe"}, 422),
        # Never text, never who: any other field is refused.
        ({"measure": "fallbacks", "municipality": "faxe", "topic": "ukendt", "text": "hvad med min søn"}, 422),
        ({"measure": "conversations", "municipality": "faxe", "session_id": "abcdefghijklmnop"}, 422),
    ],
)
def test_what_cannot_be_counted_is_refused(
    service: TestClient, redis_client: redis.Redis[bytes], event: dict[str, str], status: int
) -> None:
    assert count(service, **event) == status
    assert redis_client.keys("vejviser:usage:*") == []


def test_bookings_made_and_cancelled_are_counted_by_the_booking_api(service: TestClient) -> None:
    first = book(service).json()["code"]
    second = book(service).json()["code"]
    assert service.delete(f"/api/bookings/{first}").status_code == 204
    assert service.delete(f"/api/staff/bookings/{second}", headers=staff_auth("faxe")).status_code == 204
    [today] = stats(service, **{"from": TODAY, "to": TODAY})["days"]
    assert (today["bookings_made"], today["bookings_cancelled"]) == (2, 2)


def test_with_redis_down_counting_is_quiet_and_the_figures_say_so(service_redis_down: TestClient) -> None:
    client = service_redis_down
    assert count(client, measure="conversations", municipality="faxe") == 204
    response = client.get("/api/staff/stats", params={"municipality": "faxe"}, headers=staff_auth("faxe"))
    assert (response.status_code, response.json()) == (503, {"detail": STATS_DOWN})


def test_the_figures_hold_counters_only(service: TestClient, redis_client: redis.Redis[bytes]) -> None:
    """No text and no identifiers: fixed field names, topic ids, and numbers."""
    for topic in KB.topics:
        count(service, measure="questions", municipality="faxe", topic=topic)
    count(service, measure="fallbacks", municipality="odsherred", topic="ukendt")
    count(service, measure="conversations", municipality="frederiksberg")
    service.delete(f"/api/bookings/{book(service).json()['code']}")
    keys = [key.decode() for key in redis_client.keys("vejviser:usage:*")]
    assert len(keys) == 3
    for key in keys:
        assert re.fullmatch(rf"vejviser:usage:({'|'.join(KB.standards)}):{TODAY}", key)
        for field, value in redis_client.hgetall(key).items():
            assert FIELD.fullmatch(field.decode())
            assert field.decode().partition(":")[2] in (*KB.topics, "ukendt", "")
            assert value.decode().isdigit()
