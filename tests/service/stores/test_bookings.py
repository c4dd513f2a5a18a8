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
    keys = [f"vejviser:booking:{booking.code}", f"vejviser:slot:faxe:{slot.key}"]
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
