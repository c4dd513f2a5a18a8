"""The typed dependencies: an unknown municipality or topic is 404 naming the valid ones, wherever it is given; a
staff token sees its own municipality only (403); date ranges are checked (422); counting never fails."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient
from redis.asyncio import Redis

from knowledge.base import KnowledgeBase
from knowledge.load import knowledge_base
from service.api.auth import OTHER_MUNICIPALITY
from service.api.deps import DateRange, UsageCounter, date_range, known_municipality, known_topic
from service.stores.usage import UsageStore
from tests.conftest import INTERNAL, staff_auth
from tests.service.conftest import KEYS

KB = knowledge_base()
FAXE = staff_auth("faxe")
WEEK = {"from": "2026-11-23", "to": "2026-11-30"}


def _detail(check: Callable[[KnowledgeBase, str], str], value: str) -> str:
    with pytest.raises(HTTPException) as raised:
        check(KB, value)
    assert raised.value.status_code == 404
    return str(raised.value.detail)


UNKNOWN_MUNICIPALITY = _detail(known_municipality, "aarhus")
UNKNOWN_TOPIC = _detail(known_topic, "vejret")


def test_the_404s_name_every_valid_municipality_and_topic() -> None:
    assert all(f"{s.name} ({s.municipality})" in UNKNOWN_MUNICIPALITY for s in KB.standards.values())
    assert all(topic in UNKNOWN_TOPIC for topic in KB.topics)
    assert known_municipality(KB, "faxe") == "faxe"
    assert known_topic(KB, "pris") == "pris"


@pytest.mark.parametrize(
    ("path", "params", "headers", "detail"),
    [
        # MunicipalityPath, TopicPath
        ("/api/knowledge/aarhus/kontakt", {}, {}, UNKNOWN_MUNICIPALITY),
        ("/api/knowledge/faxe/vejret", {}, {}, UNKNOWN_TOPIC),
        ("/api/script/aarhus/borger/pris", {}, INTERNAL, UNKNOWN_MUNICIPALITY),
        ("/api/script/faxe/borger/vejret", {}, INTERNAL, UNKNOWN_TOPIC),
        # MunicipalityQuery, TopicQuery
        ("/api/bookings/place", {"municipality": "aarhus"}, {}, UNKNOWN_MUNICIPALITY),
        ("/api/bookings/slots", {"municipality": "aarhus"}, {}, UNKNOWN_MUNICIPALITY),
        ("/api/knowledge/compare", {"topic": "vejret", "municipalities": "faxe,odsherred"}, {}, UNKNOWN_TOPIC),
        # OwnMunicipalityQuery
        ("/api/staff/bookings", {"municipality": "aarhus", **WEEK}, FAXE, UNKNOWN_MUNICIPALITY),
        ("/api/staff/stats", {"municipality": "aarhus"}, FAXE, UNKNOWN_MUNICIPALITY),
        ("/api/staff/script", {"municipality": "aarhus"}, FAXE, UNKNOWN_MUNICIPALITY),
        ("/api/staff/bookings", {"municipality": "odsherred", **WEEK}, FAXE, OTHER_MUNICIPALITY),
        ("/api/staff/stats.csv", {"municipality": "odsherred"}, FAXE, OTHER_MUNICIPALITY),
        ("/api/staff/script.pdf", {"municipality": "odsherred"}, FAXE, OTHER_MUNICIPALITY),
    ],
)
def test_a_typed_value_is_checked_before_the_route_runs(
    service: TestClient, path: str, params: dict[str, str], headers: dict[str, str], detail: str
) -> None:
    response = service.get(path, params=params, headers=headers)
    status = 403 if detail == OTHER_MUNICIPALITY else 404
    assert (response.status_code, response.json()) == (status, {"detail": detail})


@pytest.mark.parametrize(
    ("first", "last", "valid"),
    [
        ("2026-11-30", "2026-11-30", True),
        ("2026-11-01", "2026-11-11", True),
        ("2026-11-01", "2026-11-12", False),
        ("2026-11-30", "2026-11-29", False),
    ],
)
def test_a_date_range_runs_forwards_and_no_longer_than_its_limit(first: str, last: str, valid: bool) -> None:
    days = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
    if valid:
        assert date_range(*days, datetime.timedelta(days=10), "for lang") == DateRange(*days)
    else:
        with pytest.raises(HTTPException) as raised:
            date_range(*days, datetime.timedelta(days=10), "for lang")
        assert (raised.value.status_code, raised.value.detail) == (422, "for lang")


@pytest.mark.anyio
async def test_with_redis_down_a_count_is_lost_quietly(redis_down: Redis[bytes]) -> None:
    store = UsageStore(redis_down, KEYS, datetime.timedelta(days=400))
    await UsageCounter(store, datetime.date(2026, 12, 1)).count("faxe", "conversations")
