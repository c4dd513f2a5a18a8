"""Rasa's stored conversations in Redis, as far as the service touches them."""

from __future__ import annotations

from redis.asyncio import Redis


class ConversationStore:
    """Rasa writes the conversations; the service only deletes them ("slet min samtale")."""

    def __init__(self, redis: Redis[bytes], key_prefix: str) -> None:
        # key_prefix must equal `key_prefix` in bot/endpoints.yml.
        self._redis = redis
        self._prefix = key_prefix

    def keys(self, session_id: str) -> tuple[str, str]:
        """Rasa's tracker and lock keys for a session."""
        return f"{self._prefix}:tracker:{session_id}", f"{self._prefix}:lock:{session_id}"

    async def delete(self, session_id: str) -> None:
        await self._redis.delete(*self.keys(session_id))
