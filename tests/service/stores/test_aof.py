"""What is deleted from Redis, or has expired, is gone from its append-only file too once the service has it
rewritten: on the session's real Redis, whose data directory the test reads."""

from __future__ import annotations

import asyncio
import inspect
import secrets
from collections.abc import Awaitable, Callable

import pytest
from redis.asyncio import Redis

from service.stores.aof import AofCompactor
from service.stores.conversations import ConversationStore
from tests.conftest import RedisServer
from tests.service.conftest import KEYS

pytestmark = pytest.mark.anyio


def on_disk(server: RedisServer, text: str) -> bool:
    return any(text.encode() in path.read_bytes() for path in server.directory.rglob("*") if path.is_file())


async def until(condition: Callable[[], bool | Awaitable[bool]], seconds: float = 10) -> None:
    for _ in range(int(seconds / 0.1)):
        result = condition()
        if await result if inspect.isawaitable(result) else result:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("not in time")


async def test_a_deleted_conversation_is_gone_from_the_disk(redis: Redis[bytes], redis_server: RedisServer) -> None:
    compactor = AofCompactor(redis, interval_seconds=3600)
    store = ConversationStore(redis, KEYS, compactor)
    written = f"min søn hedder zebrakage-{secrets.token_hex(6)}"
    await redis.set(KEYS.tracker("session"), written)
    await until(lambda: on_disk(redis_server, written))  # on disk before Redis answers (appendfsync always)
    await store.delete("session")
    assert on_disk(redis_server, written), "deleting alone leaves the text in the append-only file"
    running = asyncio.create_task(compactor.run())
    try:
        await until(lambda: compactor.rewrites == 1)
        await until(compactor.done)
    finally:
        running.cancel()
    assert not on_disk(redis_server, written)


async def test_an_expired_conversation_is_gone_from_the_disk_at_the_next_scheduled_rewrite(
    redis: Redis[bytes], redis_server: RedisServer
) -> None:
    compactor = AofCompactor(redis, interval_seconds=1.5)
    written = f"jeg bor på zebravej-{secrets.token_hex(6)} 12"
    await redis.set(KEYS.tracker("expiring"), written, ex=1)
    await until(lambda: on_disk(redis_server, written))
    running = asyncio.create_task(compactor.run())
    try:
        await until(lambda: compactor.rewrites >= 1, seconds=15)
        await until(compactor.done)
    finally:
        running.cancel()
    assert await redis.get(KEYS.tracker("expiring")) is None
    assert not on_disk(redis_server, written)


async def test_without_redis_a_rewrite_is_refused_quietly(redis_down: Redis[bytes]) -> None:
    assert await AofCompactor(redis_down, interval_seconds=3600).rewrite() is False
