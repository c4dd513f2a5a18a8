"""With Redis down, every call of every store raises StoreUnavailable, carrying the Danish sentence of its area."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable

import pytest
from redis.asyncio import Redis

from service.booking.slots import TIMEZONE, Slot
from service.stores.aof import AofCompactor
from service.stores.base import UNAVAILABLE, StoreUnavailable
from service.stores.bookings import BOOKING_DOWN, BookingStore
from service.stores.conversations import CONVERSATIONS_DOWN, ConversationStore
from service.stores.ratelimit import RateLimiter
from service.stores.usage import STATS_DOWN, UsageStore
from tests.service.conftest import KEYS

pytestmark = pytest.mark.anyio
DAY = datetime.date(2026, 12, 1)
START = datetime.datetime(2026, 12, 1, 10, tzinfo=TIMEZONE)
SLOT = Slot(START, START + datetime.timedelta(hours=1))
NOW = START - datetime.timedelta(days=1)
RETENTION = datetime.timedelta(days=3)
Call = Callable[["Redis[bytes]"], Awaitable[object]]


def bookings(redis: Redis[bytes]) -> BookingStore:
    return BookingStore(redis, KEYS, RETENTION)


def usage(redis: Redis[bytes]) -> UsageStore:
    return UsageStore(redis, KEYS, RETENTION)


def limiter(redis: Redis[bytes], down: str = UNAVAILABLE) -> RateLimiter:
    return RateLimiter(redis, KEYS, "test", 3, 60, down)


CALLS: dict[str, tuple[Call, str, str]] = {
    "reserve": (lambda r: bookings(r).reserve("faxe", SLOT, 1, None, NOW), "BookingStore", BOOKING_DOWN),
    "get": (lambda r: bookings(r).get("ABC-DEF-GH2"), "BookingStore", BOOKING_DOWN),
    "cancel": (lambda r: bookings(r).cancel("ABC-DEF-GH2"), "BookingStore", BOOKING_DOWN),
    "taken": (lambda r: bookings(r).taken("faxe", [SLOT]), "BookingStore", BOOKING_DOWN),
    "on_days": (lambda r: bookings(r).on_days("faxe", DAY, DAY), "BookingStore", BOOKING_DOWN),
    "count": (lambda r: usage(r).count("faxe", DAY, "conversations"), "UsageStore", STATS_DOWN),
    "days": (lambda r: usage(r).days("faxe", DAY, DAY), "UsageStore", STATS_DOWN),
    "delete": (
        lambda r: ConversationStore(r, KEYS, AofCompactor(r, 3600)).delete("a" * 32),
        "ConversationStore",
        CONVERSATIONS_DOWN,
    ),
    "notice": (
        lambda r: ConversationStore(r, KEYS, AofCompactor(r, 3600)).first_privacy_notice("a" * 32, 60),
        "ConversationStore",
        CONVERSATIONS_DOWN,
    ),
    "hit": (lambda r: limiter(r).hit("client"), "RateLimiter", UNAVAILABLE),
    "exceeded": (lambda r: limiter(r, BOOKING_DOWN).exceeded("client"), "RateLimiter", BOOKING_DOWN),
}


@pytest.mark.parametrize("call", CALLS)
async def test_with_redis_down_a_store_says_so_in_the_sentence_of_its_area(redis_down: Redis[bytes], call: str) -> None:
    make_call, store, detail = CALLS[call]
    with pytest.raises(StoreUnavailable) as raised:
        await make_call(redis_down)
    assert (raised.value.store, raised.value.detail) == (store, detail)
    assert raised.value.__cause__ is not None


async def test_a_store_that_reaches_redis_raises_nothing(redis: Redis[bytes]) -> None:
    for make_call, _, _ in CALLS.values():
        await make_call(redis)
