"""Rasa's stored conversations in Redis, as far as the service touches them."""

from __future__ import annotations

from redis.asyncio import Redis


class ConversationStore:
    """Rasa writes the conversations; the service only deletes them ("slet min samtale")."""

    def __init__(self, redis: Redis[bytes], key_prefix: str) -> None:
        # key_prefix must equal `key_prefix` in bot/endpoints.yml.
        self._redis = redis
        self._prefix = key_prefix

    def keys(self, session_id: str) -> tuple[str, str, str]:
        """Rasa's tracker and lock keys for a session, and the service's own mark of the privacy notice."""
        prefix = self._prefix
        return f"{prefix}:tracker:{session_id}", f"{prefix}:lock:{session_id}", f"{prefix}:notice:{session_id}"

    async def delete(self, session_id: str) -> None:
        await self._redis.delete(*self.keys(session_id))

    async def first_privacy_notice(self, session_id: str, expiry_seconds: int) -> bool:
        """True the first time in a conversation: the notice that personal data was removed is given once."""
        return bool(await self._redis.set(self.keys(session_id)[2], 1, ex=expiry_seconds, nx=True))
