"""The usage counters in a real Redis: per municipality and day, a fixed vocabulary, kept for a while."""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from service.usage import UsageStore, usage_csv
from stack.config import free_port
from tests.conftest import RedisServer

pytestmark = pytest.mark.anyio
DAY = datetime.date(2026, 12, 1)
RETENTION = datetime.timedelta(days=400)


@pytest.fixture
async def store(redis_server: RedisServer) -> AsyncIterator[UsageStore]:
    client: Redis[bytes] = Redis(port=redis_server.port)
    await client.flushdb()
    yield UsageStore(client, "vejviser", RETENTION)
    await client.close()


async def test_counts_add_up_per_day_and_topic(store: UsageStore) -> None:
    for _ in range(3):
        await store.count("faxe", DAY, "questions", "pris")
    await store.count("faxe", DAY, "questions", "anonym")
    await store.count("faxe", DAY, "fallbacks", "ukendt")
    await store.count("faxe", DAY, "conversations")
    await store.count("faxe", DAY, "bookings_made")
    await store.count("odsherred", DAY, "conversations")
    [today, tomorrow] = await store.days("faxe", DAY, DAY + datetime.timedelta(days=1))
    assert (today.conversations, today.bookings_made, today.bookings_cancelled) == (1, 1, 0)
    assert today.questions == {"pris": 3, "anonym": 1}
    assert today.fallbacks == {"ukendt": 1}
    assert (tomorrow.day, tomorrow.conversations, tomorrow.questions) == (DAY + datetime.timedelta(days=1), 0, {})


async def test_counters_expire_after_the_retention(store: UsageStore, redis_server: RedisServer) -> None:
    await store.count("faxe", DAY, "conversations")
    client: Redis[bytes] = Redis(port=redis_server.port)
    ttl = await client.ttl("vejviser:usage:faxe:2026-12-01")
    await client.close()
    assert RETENTION.total_seconds() - 60 < ttl <= RETENTION.total_seconds()


@pytest.mark.parametrize(("measure", "topic"), [("questions", None), ("conversations", "pris")])
async def test_a_topic_goes_with_per_topic_measures_only(store: UsageStore, measure: str, topic: str | None) -> None:
    with pytest.raises(ValueError, match="topic"):
        await store.count("faxe", DAY, measure, topic)  # type: ignore[arg-type]


async def test_with_redis_down_a_count_is_lost_quietly() -> None:
    client: Redis[bytes] = Redis(port=free_port(), socket_connect_timeout=1)
    await UsageStore(client, "vejviser", RETENTION).count("faxe", DAY, "conversations")
    await client.close()


async def test_the_csv_has_a_row_per_day_measure_and_topic(store: UsageStore) -> None:
    await store.count("faxe", DAY, "questions", "pris")
    await store.count("faxe", DAY, "bookings_cancelled")
    lines = usage_csv(await store.days("faxe", DAY, DAY)).splitlines()
    assert lines == [
        "dato;måling;emne;antal",
        "2026-12-01;samtaler;;0",
        "2026-12-01;bookinger;;0",
        "2026-12-01;aflysninger;;1",
        "2026-12-01;spørgsmål;pris;1",
    ]
