"""What the service does with Rasa's conversations in Redis: delete them, and mark the privacy notice once."""

from __future__ import annotations

import pytest
from redis.asyncio import Redis

from service.stores.aof import AofCompactor
from service.stores.conversations import ConversationStore
from tests.service.conftest import KEYS

pytestmark = pytest.mark.anyio
SENDER = "staff:faxe:" + "a" * 32


async def test_the_privacy_notice_is_given_once_per_conversation(redis: Redis[bytes]) -> None:
    store = ConversationStore(redis, KEYS, AofCompactor(redis, 3600))
    assert [await store.first_privacy_notice(SENDER, 60) for _ in range(2)] == [True, False]
    assert 0 < await redis.ttl(f"vejviser:notice:{SENDER}") <= 60


async def test_deleting_removes_the_tracker_the_lock_and_the_notice(redis: Redis[bytes]) -> None:
    store = ConversationStore(redis, KEYS, AofCompactor(redis, 3600))
    await store.first_privacy_notice(SENDER, 60)
    for kind in ("tracker", "lock"):
        await redis.set(f"vejviser:{kind}:{SENDER}", "{}")
    await store.delete(SENDER)
    assert await redis.keys("*") == []
