"""Fixed-window counters in Redis, one per client, under a key the caller has hashed (no address is stored)."""

from __future__ import annotations

from redis.asyncio import Redis

from service.stores.base import UNAVAILABLE, RedisStore
from service.stores.keys import Keys


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
