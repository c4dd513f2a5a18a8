"""The usage counters in a real Redis: per municipality and day, a fixed vocabulary, kept for a while."""

from __future__ import annotations

import datetime

import pytest
from redis.asyncio import Redis

from service.stores.usage import UsageStore
from tests.service.conftest import KEYS

pytestmark = pytest.mark.anyio
DAY = datetime.date(2026, 12, 1)
RETENTION = datetime.timedelta(days=400)


@pytest.fixture
def store(redis: Redis[bytes]) -> UsageStore:
    return UsageStore(redis, KEYS, RETENTION)


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


async def test_counters_expire_after_the_retention(store: UsageStore, redis: Redis[bytes]) -> None:
    await store.count("faxe", DAY, "conversations")
    ttl = await redis.ttl("vejviser:usage:faxe:2026-12-01")
    assert RETENTION.total_seconds() - 60 < ttl <= RETENTION.total_seconds()


@pytest.mark.parametrize(("measure", "topic"), [("questions", None), ("conversations", "pris")])
async def test_a_topic_goes_with_per_topic_measures_only(store: UsageStore, measure: str, topic: str | None) -> None:
    with pytest.raises(ValueError, match="topic"):
        await store.count("faxe", DAY, measure, topic)  # type: ignore[arg-type]
