"""Fixed-window counters in Redis, keyed by a keyed hash of the client so that no address is stored."""

from __future__ import annotations

import hashlib
import hmac

from redis.asyncio import Redis


def client_key(secret: str, client: str) -> str:
    """A short keyed hash of an address or session id: stable within a process, meaningless outside it."""
    return hmac.new(secret.encode(), client.encode(), hashlib.sha256).hexdigest()[:32]


class RateLimiter:
    def __init__(self, redis: Redis[bytes], key_prefix: str, name: str, limit: int, window_seconds: int) -> None:
        self._redis = redis
        self._prefix = f"{key_prefix}:rate:{name}"
        self.limit = limit
        self._window = window_seconds

    async def exceeded(self, key: str) -> bool:
        count = await self._redis.get(f"{self._prefix}:{key}")
        return count is not None and int(count) >= self.limit

    async def hit(self, key: str) -> int:
        """Count one more in the current window; the count so far."""
        # The window starts with the first hit (SET NX EX works on Redis 6.2 too, EXPIRE NX needs 7).
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(f"{self._prefix}:{key}", 0, ex=self._window, nx=True)
            pipe.incr(f"{self._prefix}:{key}")
            _, count = await pipe.execute()
        return int(count)
