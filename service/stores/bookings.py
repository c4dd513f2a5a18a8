"""Bookings in Redis: one hash per booking, keyed by its code, and one set of codes per slot.

Reserving and cancelling are Lua scripts, so each runs atomically inside Redis: a slot is never overbooked, and a
refused or failed request writes nothing. Everything expires a few days after its slot.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from redis.asyncio import Redis

from service.booking.codes import new_code
from service.booking.slots import Slot
from service.stores.base import RedisStore
from service.stores.keys import Keys

BOOKING_DOWN = "Booking virker ikke lige nu. Prøv igen om lidt, eller kontakt kommunen."
# KEYS: booking, slot set. ARGV: capacity, code, expire-at (unix), municipality, start, end, created, topic.
_RESERVE = """
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'code', ARGV[2], 'municipality', ARGV[4], 'start', ARGV[5], 'end', ARGV[6],
           'created', ARGV[7], 'topic', ARGV[8])
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('EXPIREAT', KEYS[1], ARGV[3])
redis.call('EXPIREAT', KEYS[2], ARGV[3])
return 1
"""
# KEYS: booking. ARGV: the slot keys' prefix (Keys.slot_prefix), municipality the caller may cancel for ("" for any).
_CANCEL = """
local municipality = redis.call('HGET', KEYS[1], 'municipality')
if not municipality then return 0 end
if ARGV[2] ~= '' and ARGV[2] ~= municipality then return 0 end
local start = redis.call('HGET', KEYS[1], 'start')
redis.call('SREM', ARGV[1] .. municipality .. ':' .. start, redis.call('HGET', KEYS[1], 'code'))
redis.call('DEL', KEYS[1])
return 1
"""


@dataclass(frozen=True)
class Booking:
    code: str
    municipality: str
    start: datetime.datetime
    end: datetime.datetime
    created: datetime.datetime
    topic: str | None


class SlotTaken(Exception):
    """Every place in the slot is booked."""


class BookingStore(RedisStore):
    down = BOOKING_DOWN

    def __init__(self, redis: Redis[bytes], keys: Keys, retention: datetime.timedelta) -> None:
        super().__init__(redis, keys)
        self._retention = retention
        self._reserve = redis.register_script(_RESERVE)
        self._cancel = redis.register_script(_CANCEL)

    def _slot_key(self, municipality: str, slot: Slot) -> str:
        return self._keys.slot(municipality, slot.key)

    async def reserve(
        self, municipality: str, slot: Slot, capacity: int, topic: str | None, now: datetime.datetime
    ) -> Booking:
        expires = int((slot.end + self._retention).timestamp())
        while True:  # a new code in the rare case the random one is taken
            code = new_code()
            with self._reaching_redis():
                result = await self._reserve(
                    keys=[self._keys.booking(code), self._slot_key(municipality, slot)],
                    args=[capacity, code, expires, municipality, slot.start.isoformat(), slot.end.isoformat(),
                          now.isoformat(), topic or ""],
                )  # fmt: skip
            if result == 1:
                return Booking(code, municipality, slot.start, slot.end, now, topic)
            if result == 0:
                raise SlotTaken(slot.key)

    async def get(self, code: str) -> Booking | None:
        with self._reaching_redis():
            fields = await self._redis.hgetall(self._keys.booking(code))
        return _booking(fields) if fields else None

    async def cancel(self, code: str, municipality: str | None = None) -> bool:
        """Delete the booking and free its place; with a municipality, only a booking of that municipality."""
        with self._reaching_redis():
            cancelled = await self._cancel(
                keys=[self._keys.booking(code)], args=[self._keys.slot_prefix, municipality or ""]
            )
        return bool(cancelled)

    async def taken(self, municipality: str, slots: list[Slot]) -> list[int]:
        """How many places are booked in each slot."""
        with self._reaching_redis():
            async with self._redis.pipeline(transaction=False) as pipe:
                for slot in slots:
                    pipe.scard(self._slot_key(municipality, slot))
                return [int(count) for count in await pipe.execute()]

    async def in_slots(self, municipality: str, slots: list[Slot]) -> list[Booking]:
        """The bookings in these slots of one municipality, by start time."""
        with self._reaching_redis():
            async with self._redis.pipeline(transaction=False) as pipe:
                for slot in slots:
                    pipe.smembers(self._slot_key(municipality, slot))
                codes = sorted({code.decode() for members in await pipe.execute() for code in members})
        bookings = [await self.get(code) for code in codes]
        return sorted((b for b in bookings if b is not None), key=lambda booking: (booking.start, booking.code))


def _booking(fields: dict[bytes, bytes]) -> Booking:
    value = {key.decode(): item.decode() for key, item in fields.items()}
    return Booking(
        code=value["code"],
        municipality=value["municipality"],
        start=datetime.datetime.fromisoformat(value["start"]),
        end=datetime.datetime.fromisoformat(value["end"]),
        created=datetime.datetime.fromisoformat(value["created"]),
        topic=value["topic"] or None,
    )
