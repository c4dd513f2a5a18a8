"""Fixed-window counters in Redis, one per client, under a key the caller has hashed (no address is stored).

`take` checks and counts in one script, so parallel requests cannot all pass a check before any of them counts."""

from __future__ import annotations

from redis.asyncio import Redis

from service.stores.base import UNAVAILABLE, RedisStore
from service.stores.keys import Keys

# KEYS: one counter per client; ARGV: the window, then each counter's limit. At the limit in any of them: nothing is
# counted and the answer is the seconds until that window ends (at least 1); else every counter counts one more and
# the answer is 0.
_TAKE = """
local window = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[i + 1]) then
    return math.max(redis.call('TTL', key), 1)
  end
end
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('EXPIRE', key, window) end
end
return 0
"""
# KEYS: the counters `take` counted; one less in each that is still there (its window and expiry unchanged).
_GIVE_BACK = """
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0
"""


class RateLimiter(RedisStore):
    def __init__(
        self, redis: Redis[bytes], keys: Keys, name: str, limit: int, window_seconds: int, down: str = UNAVAILABLE
    ) -> None:
        super().__init__(redis, keys)
        self._name = name
        self.limit = limit
        self._window = window_seconds
        # A limiter serves whichever area uses it (the code guesses: booking).
        self.down = down
        self._take = redis.register_script(_TAKE)
        self._give_back = redis.register_script(_GIVE_BACK)

    async def exceeded(self, client: str) -> bool:
        with self._reaching_redis():
            count = await self._redis.get(self._keys.rate(self._name, client))
        return count is not None and int(count) >= self.limit

    async def hit(self, client: str) -> int:
        """Count one more in the current window; the count so far."""
        key = self._keys.rate(self._name, client)
        # The window starts with the first hit (SET NX EX works on Redis 6.2 too, EXPIRE NX needs 7).
        with self._reaching_redis():
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.set(key, 0, ex=self._window, nx=True)
                pipe.incr(key)
                _, count = await pipe.execute()
        return int(count)

    async def take(self, limits: dict[str, int]) -> int:
        """Count one more for every client (mapped to its limit), atomically, unless one of them has reached its
        limit: 0 when counted, else the seconds until that client's window ends."""
        keys = [self._keys.rate(self._name, client) for client in limits]
        with self._reaching_redis():
            return int(await self._take(keys=keys, args=[self._window, *limits.values()]))

    async def give_back(self, *clients: str) -> None:
        """Undo a `take` that should not count (a booking code that was found)."""
        keys = [self._keys.rate(self._name, client) for client in clients]
        with self._reaching_redis():
            await self._give_back(keys=keys)
