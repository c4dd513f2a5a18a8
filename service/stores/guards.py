"""What keeps one client from booking every slot: its open bookings, and the count of refused booking requests.

A client is a keyed hash (service/api/limits.py) and a booking in its set a keyed hash of its code, so Redis never
holds an address, nor which booking a client made."""

from __future__ import annotations

import datetime

from redis.asyncio import Redis

from service.stores.base import RedisStore
from service.stores.bookings import BOOKING_DOWN
from service.stores.keys import Keys

# KEYS: one sorted set of open bookings per client; ARGV: now, the limit, a placeholder, its slot's start (Unix
# seconds). Bookings whose slot has begun are no longer open. At the limit in any set: nothing is added and the
# answer is the seconds until its first open booking begins (at least 1); else the placeholder holds the place in
# every set until the booking is made (`settle`) or not (`release`), and the answer is 0.
_CLAIM = """
local now, limit, start = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[4])
for _, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  if redis.call('ZCARD', key) >= limit then
    local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    return math.max(math.ceil(tonumber(first[2]) - now), 1)
  end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, start, ARGV[3])
  local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  redis.call('EXPIREAT', key, math.ceil(tonumber(last[2])) + 1)
end
return 0
"""


class BookingGuard(RedisStore):
    down = BOOKING_DOWN

    def __init__(self, redis: Redis[bytes], keys: Keys, retention: datetime.timedelta) -> None:
        super().__init__(redis, keys)
        self._retention = retention
        self._claim = redis.register_script(_CLAIM)

    async def claim(self, clients: list[str], placeholder: str, start: datetime.datetime, limit: int) -> int:
        """Hold a place for one more open booking of every client, unless one has `limit` open already: 0 when
        held, else the seconds until that client's first open booking begins."""
        keys = [self._keys.open_bookings(client) for client in clients]
        now = datetime.datetime.now(datetime.UTC).timestamp()
        with self._reaching_redis():
            return int(await self._claim(keys=keys, args=[now, limit, placeholder, start.timestamp()]))

    async def settle(self, clients: list[str], placeholder: str, booking: str, start: datetime.datetime) -> None:
        """The held place is now the booking's (a keyed hash of its code)."""
        with self._reaching_redis():
            async with self._redis.pipeline(transaction=True) as pipe:
                for client in clients:
                    key = self._keys.open_bookings(client)
                    pipe.zrem(key, placeholder)
                    pipe.zadd(key, {booking: start.timestamp()})
                await pipe.execute()

    async def release(self, clients: list[str], member: str) -> None:
        """A held place whose booking was not made, or a booking the client cancelled."""
        with self._reaching_redis():
            async with self._redis.pipeline(transaction=True) as pipe:
                for client in clients:
                    pipe.zrem(self._keys.open_bookings(client), member)
                await pipe.execute()

    async def holds(self, client: str, booking: str) -> bool:
        """Whether the booking (a keyed hash of its code) is among the client's open ones: one it made itself."""
        with self._reaching_redis():
            return await self._redis.zscore(self._keys.open_bookings(client), booking) is not None

    async def count_refused(self, municipality: str, day: datetime.date) -> None:
        """One more booking request refused as part of a burst: a number for the municipality's staff, no who."""
        key = self._keys.refused(municipality, day)
        with self._reaching_redis():
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(key)
                pipe.expire(key, self._retention)
                await pipe.execute()

    async def refused(self, municipality: str, days: list[datetime.date]) -> list[int]:
        """The refused booking requests of each day."""
        with self._reaching_redis():
            counts = await self._redis.mget([self._keys.refused(municipality, day) for day in days])
        return [int(count or 0) for count in counts]
