"""Rewriting Redis's append-only file, so that what is deleted from Redis is gone from its disk too.

Redis appends every write to the file: a conversation deleted ("Slet samtale") or expired stays readable there
until the file is rewritten from what Redis holds now. So the service asks for a rewrite soon after a conversation
is deleted, and on a schedule for what expired. A rewrite is Redis's own (BGREWRITEAOF, in a forked process); one
already running may have started before the deletion, so the next one waits for it to finish.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class AofCompactor:
    def __init__(self, redis: Redis[bytes], interval_seconds: float, poll_seconds: float = 0.2) -> None:
        self._redis = redis
        self._interval = interval_seconds
        self._poll = poll_seconds
        self._wanted = asyncio.Event()
        self.rewrites = 0

    def request(self) -> None:
        """Rewrite soon: something was deleted."""
        self._wanted.set()

    async def run(self) -> None:
        """Rewrite when asked, and at least every interval; until cancelled."""
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wanted.wait(), timeout=self._interval)
            self._wanted.clear()
            await self.rewrite()

    async def rewrite(self) -> bool:
        """Start a rewrite once none is running or waiting; False (logged) when Redis cannot."""
        try:
            # Redis tells no one when a rewrite ends: ask again shortly.
            while await self._busy():  # noqa: ASYNC110
                await asyncio.sleep(self._poll)
            await self._redis.bgrewriteaof()
        except (RedisError, OSError) as error:
            logger.warning("The append-only file was not rewritten: %s", type(error).__name__)
            return False
        self.rewrites += 1
        return True

    async def _busy(self) -> bool:
        persistence = await self._redis.info("persistence")
        return bool(persistence.get("aof_rewrite_in_progress") or persistence.get("aof_rewrite_scheduled"))

    async def done(self) -> bool:
        """No rewrite running or waiting (for tests and benchmarks that wait for one)."""
        return not await self._busy()
