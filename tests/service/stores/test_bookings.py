"""The booking store against a real Redis: expiry, persistence across a restart, cancelling."""

from __future__ import annotations

import asyncio
import datetime
import time
from pathlib import Path

import pytest
from redis.asyncio import Redis

from service.booking.slots import TIMEZONE, Slot
from service.stores.bookings import BookingStore, SlotTaken
from stack.config import free_port
from stack.redis_server import redis_is_up, redis_process
from tests.service.conftest import KEYS

pytestmark = pytest.mark.anyio
RETENTION = datetime.timedelta(days=3)


def slot_at(start: datetime.datetime, minutes: int = 60) -> Slot:
    return Slot(start, start + datetime.timedelta(minutes=minutes))


def now() -> datetime.datetime:
    return datetime.datetime.now(TIMEZONE).replace(microsecond=0)


async def test_a_booking_and_its_slot_index_expire_the_configured_time_after_the_slot(redis: Redis[bytes]) -> None:
    store = BookingStore(redis, KEYS, RETENTION)
    slot = slot_at(now() + datetime.timedelta(days=2))
    booking = await store.reserve("faxe", slot, 1, "stoffer", now())
    expected = (slot.end + RETENTION - datetime.datetime.now(TIMEZONE)).total_seconds()
    keys = [f"vejviser:booking:{booking.code}", f"vejviser:slot:faxe:{slot.key}", "vejviser:booked:faxe"]
    assert sorted(await redis.keys("*")) == sorted(key.encode() for key in keys)
    for key in keys:
        assert abs(await redis.ttl(key) - expected) <= 2


async def test_an_expired_booking_is_gone_with_its_index(redis: Redis[bytes]) -> None:
    # A slot that ended long ago, kept for only two more seconds.
    store = BookingStore(redis, KEYS, datetime.timedelta(seconds=2))
    slot = slot_at(now() - datetime.timedelta(hours=1), minutes=60)
    booking = await store.reserve("faxe", slot, 1, None, now())
    assert await store.get(booking.code) == booking
    await asyncio.sleep(3)
    assert await store.get(booking.code) is None
    assert await redis.keys("*") == []
    assert await store.taken("faxe", [slot]) == [0]


async def test_a_full_slot_is_refused_and_nothing_is_written(redis: Redis[bytes]) -> None:
    store = BookingStore(redis, KEYS, RETENTION)
    slot = slot_at(now() + datetime.timedelta(days=1))
    await store.reserve("faxe", slot, 1, None, now())
    before = sorted(await redis.keys("*"))
    with pytest.raises(SlotTaken):
        await store.reserve("faxe", slot, 1, None, now())
    assert sorted(await redis.keys("*")) == before
    assert await store.taken("faxe", [slot]) == [1]


async def test_capacity_counts_places_per_slot_and_municipality(redis: Redis[bytes]) -> None:
    store = BookingStore(redis, KEYS, RETENTION)
    slot = slot_at(now() + datetime.timedelta(days=1))
    await store.reserve("faxe", slot, 2, None, now())
    await store.reserve("faxe", slot, 2, None, now())
    await store.reserve("odsherred", slot, 2, None, now())
    with pytest.raises(SlotTaken):
        await store.reserve("faxe", slot, 2, None, now())
    assert await store.taken("faxe", [slot]) == [2]
    assert await store.taken("odsherred", [slot]) == [1]


async def test_cancelling_frees_the_place_and_leaves_nothing(redis: Redis[bytes]) -> None:
    store = BookingStore(redis, KEYS, RETENTION)
    slot = slot_at(now() + datetime.timedelta(days=1))
    booking = await store.reserve("faxe", slot, 1, None, now())
    assert not await store.cancel(booking.code, municipality="odsherred")
    assert await store.cancel(booking.code)
    assert not await store.cancel(booking.code)
    assert await redis.keys("*") == []
    assert await store.taken("faxe", [slot]) == [0]


async def test_bookings_survive_a_redis_restart_through_the_append_only_file(tmp_path: Path) -> None:
    port = free_port()
    server = redis_process("127.0.0.1", port, tmp_path / "data", tmp_path / "redis.log")
    slot = slot_at(now() + datetime.timedelta(days=2))
    server.start()
    try:
        server.wait_until(lambda: redis_is_up("127.0.0.1", port), time.monotonic() + 30)
        client: Redis[bytes] = Redis(port=port)
        booking = await BookingStore(client, KEYS, RETENTION).reserve("faxe", slot, 1, "ung", now())
        await client.close()
    finally:
        server.stop()
    assert not redis_is_up("127.0.0.1", port)
    server.start()
    try:
        server.wait_until(lambda: redis_is_up("127.0.0.1", port), time.monotonic() + 30)
        client = Redis(port=port)
        store = BookingStore(client, KEYS, RETENTION)
        assert await store.get(booking.code) == booking
        assert await store.taken("faxe", [slot]) == [1]
        assert await client.ttl(f"vejviser:booking:{booking.code}") > 2 * 24 * 3600
        await client.close()
    finally:
        server.stop()


async def test_created_is_kept_to_the_hour_no_finer(redis: Redis[bytes]) -> None:
    store = BookingStore(redis, KEYS, RETENTION)
    made = datetime.datetime(2026, 12, 7, 10, 37, 12, 345678, TIMEZONE)
    booking = await store.reserve("faxe", slot_at(now() + datetime.timedelta(days=1)), 1, None, made)
    assert booking.created == datetime.datetime(2026, 12, 7, 10, tzinfo=TIMEZONE)
    stored = await redis.hget(f"vejviser:booking:{booking.code}", "created")
    assert stored == b"2026-12-07T10:00:00+01:00"


async def test_staff_listing_shows_bookings_whatever_the_opening_hours_are_now(redis: Redis[bytes]) -> None:
    """Bookings made under old hours (8:00, 30-minute slots) are listed when the hours now offer other slots or
    none at all that day; a booking of another municipality or another day is not."""
    store = BookingStore(redis, KEYS, RETENTION)
    day = (now() + datetime.timedelta(days=3)).date()
    at = datetime.datetime.combine(day, datetime.time(8), TIMEZONE)
    early = await store.reserve("faxe", slot_at(at, 30), 1, None, now())
    late = await store.reserve("faxe", slot_at(at + datetime.timedelta(hours=9), 30), 1, None, now())
    await store.reserve("odsherred", slot_at(at, 30), 1, None, now())
    await store.reserve("faxe", slot_at(at + datetime.timedelta(days=1), 30), 1, None, now())
    assert await store.on_days("faxe", day, day) == [early, late]
    assert await store.on_days("faxe", day - datetime.timedelta(days=1), day - datetime.timedelta(days=1)) == []
    await store.cancel(early.code)
    assert await store.on_days("faxe", day, day) == [late]
