"""Bookings in Redis: one hash per booking, keyed by its code, and one set of codes per slot.

Reserving and cancelling are Lua scripts, so each runs atomically inside Redis: a slot is never overbooked, and a
refused or failed request writes nothing. Everything expires a few days after its slot.

Each municipality also has an index of its bookings by start time (Keys.booked), so that staff see every booking in a
range of days whatever the opening hours were when it was made: a change of hours, slot length or holidays never
hides one. `created` is kept to the hour, no finer: it must not link a booking to a request in some other log.

Durability: the answer with a code is sent only after Redis has written the booking to its append-only file and
fsync'd it (`appendfsync always`, stack/redis_server.py), so a booking whose code was shown survives `kill -9`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from redis.asyncio import Redis

from service.booking.codes import new_code
from service.booking.slots import TIMEZONE, Slot
from service.stores.base import RedisStore
from service.stores.keys import Keys

# Index entries are dropped a retention after their slot started, plus the longest slot a place could have.
_LONGEST_SLOT_SECONDS = 24 * 3600
BOOKING_DOWN = "Booking virker ikke lige nu. Prøv igen om lidt, eller kontakt kommunen."
# KEYS: booking, slot set, municipality's index. ARGV: capacity, code, expire-at (unix), municipality, start, end,
# created, topic, start (unix), forget-before (unix: index entries of slots that started earlier have expired), now.
_RESERVE = """
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'code', ARGV[2], 'municipality', ARGV[4], 'start', ARGV[5], 'end', ARGV[6],
           'created', ARGV[7], 'topic', ARGV[8])
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('EXPIREAT', KEYS[1], ARGV[3])
redis.call('EXPIREAT', KEYS[2], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[10])
redis.call('ZADD', KEYS[3], ARGV[9], ARGV[2])
-- The index lives as long as its longest-lived booking (Redis 6.2 has no EXPIREAT GT).
local ttl = redis.call('TTL', KEYS[3])
if ttl < 0 or tonumber(ARGV[11]) + ttl < tonumber(ARGV[3]) then redis.call('EXPIREAT', KEYS[3], ARGV[3]) end
return 1
"""
# KEYS: booking. ARGV: the slot keys' prefix (Keys.slot_prefix), municipality the caller may cancel for ("" for any),
# the index keys' prefix (Keys.booked_prefix).
_CANCEL = """
local municipality = redis.call('HGET', KEYS[1], 'municipality')
if not municipality then return 0 end
if ARGV[2] ~= '' and ARGV[2] ~= municipality then return 0 end
local start = redis.call('HGET', KEYS[1], 'start')
local code = redis.call('HGET', KEYS[1], 'code')
redis.call('SREM', ARGV[1] .. municipality .. ':' .. start, code)
redis.call('ZREM', ARGV[3] .. municipality, code)
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
        created = to_the_hour(now)
        forget_before = int((now - self._retention).timestamp()) - _LONGEST_SLOT_SECONDS
        index = self._keys.booked(municipality)
        while True:  # a new code in the rare case the random one is taken
            code = new_code()
            with self._reaching_redis():
                result = await self._reserve(
                    keys=[self._keys.booking(code), self._slot_key(municipality, slot), index],
                    args=[capacity, code, expires, municipality, slot.start.isoformat(), slot.end.isoformat(),
                          created.isoformat(), topic or "", int(slot.start.timestamp()), forget_before,
                          int(now.timestamp())],
                )  # fmt: skip
            if result == 1:
                return Booking(code, municipality, slot.start, slot.end, created, topic)
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
                keys=[self._keys.booking(code)],
                args=[self._keys.slot_prefix, municipality or "", self._keys.booked_prefix],
            )
        return bool(cancelled)

    async def taken(self, municipality: str, slots: list[Slot]) -> list[int]:
        """How many places are booked in each slot."""
        with self._reaching_redis():
            async with self._redis.pipeline(transaction=False) as pipe:
                for slot in slots:
                    pipe.scard(self._slot_key(municipality, slot))
                return [int(count) for count in await pipe.execute()]

    async def on_days(self, municipality: str, first_day: datetime.date, last_day: datetime.date) -> list[Booking]:
        """Every booking of one municipality from first_day to last_day, both included, by start time, whatever the
        opening hours were or are (the municipality's index by start time)."""
        first = datetime.datetime.combine(first_day, datetime.time(), TIMEZONE)
        after = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time(), TIMEZONE)
        with self._reaching_redis():
            found = await self._redis.zrangebyscore(
                self._keys.booked(municipality), int(first.timestamp()), f"({int(after.timestamp())}"
            )
        bookings = [await self.get(code.decode()) for code in sorted(found)]
        return sorted(
            (b for b in bookings if b is not None and b.municipality == municipality and first <= b.start < after),
            key=lambda booking: (booking.start, booking.code),
        )


def to_the_hour(moment: datetime.datetime) -> datetime.datetime:
    """When a booking was made, no finer than the hour."""
    return moment.replace(minute=0, second=0, microsecond=0)


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
