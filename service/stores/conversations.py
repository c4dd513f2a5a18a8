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

    async def remember_client(self, conversation: str, client: str, expiry_seconds: int) -> None:
        """The keyed hash of the address a conversation writes from, under the keyed hash of the conversation, for
        as long as the conversation is kept: the action server's booking calls for it are then limited per address
        too."""
        with self._reaching_redis():
            await self._redis.set(self._keys.client(conversation), client, ex=expiry_seconds)

    async def client_of(self, conversation: str) -> str | None:
        with self._reaching_redis():
            client = await self._redis.get(self._keys.client(conversation))
        return client.decode() if client else None
