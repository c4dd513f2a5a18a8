"""Rasa's stored conversations in Redis, as far as the service touches them."""

from __future__ import annotations

from redis.asyncio import Redis

from service.stores.aof import AofCompactor
from service.stores.base import RedisStore
from service.stores.keys import Keys

CONVERSATIONS_DOWN = "Samtalen kan ikke slettes lige nu. Prøv igen om lidt."


class ConversationStore(RedisStore):
    """Rasa writes the conversations; the service only deletes them ("slet min samtale"), and marks the one notice
    about removed personal data."""

    down = CONVERSATIONS_DOWN

    def __init__(self, redis: Redis[bytes], keys: Keys, compactor: AofCompactor) -> None:
        super().__init__(redis, keys)
        self._compactor = compactor

    async def delete(self, sender: str) -> None:
        """Rasa's tracker and lock, and the service's notice mark; gone from the append-only file soon after."""
        keys = self._keys
        with self._reaching_redis():
            await self._redis.delete(keys.tracker(sender), keys.lock(sender), keys.notice(sender))
        self._compactor.request()

    async def first_privacy_notice(self, sender: str, expiry_seconds: int) -> bool:
        """True the first time in a conversation: the notice that personal data was removed is given once."""
        with self._reaching_redis():
            return bool(await self._redis.set(self._keys.notice(sender), 1, ex=expiry_seconds, nx=True))
