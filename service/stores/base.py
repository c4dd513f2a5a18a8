"""What every Redis store shares: the connection, the key scheme, and one way to fail."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from redis.asyncio import Redis
from redis.exceptions import RedisError

from service.stores.keys import Keys

# Said by a store that has no sentence of its own for its area.
UNAVAILABLE = "Vejviser kan ikke hente eller gemme data lige nu. Prøv igen om lidt."


class StoreUnavailable(Exception):
    """A store could not reach Redis. `detail` is the Danish sentence for the store's area, which the API answers
    with (503); a caller that must not fail (a count, a limit, a notice) catches it instead."""

    def __init__(self, store: str, detail: str) -> None:
        super().__init__(store)
        self.store = store
        self.detail = detail


@contextmanager
def reaching_redis(store: str, detail: str) -> Iterator[None]:
    """Redis's errors, and the socket's beneath them, as StoreUnavailable: callers handle one exception."""
    try:
        yield
    except (RedisError, OSError) as error:
        raise StoreUnavailable(store, detail) from error


class RedisStore:
    # The sentence the API answers with when this store cannot reach Redis.
    down = UNAVAILABLE

    def __init__(self, redis: Redis[bytes], keys: Keys) -> None:
        self._redis = redis
        self._keys = keys

    def _reaching_redis(self) -> AbstractContextManager[None]:
        return reaching_redis(type(self).__name__, self.down)
