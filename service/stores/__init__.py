"""Everything the service keeps in Redis: one store per concern over one connection, every key built in `keys.py`.

A store that cannot reach Redis raises `StoreUnavailable` with the Danish sentence for its area: the API answers it
with 503 (service/api/errors.py), and what must not fail (a usage count, the chat limits, the privacy notice, the
health check) catches it where it is.
"""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from redis.asyncio import Redis

from service.settings import Settings
from service.stores.aof import AofCompactor
from service.stores.base import UNAVAILABLE, reaching_redis
from service.stores.bookings import BOOKING_DOWN, BookingStore
from service.stores.conversations import ConversationStore
from service.stores.guards import BookingGuard
from service.stores.keys import Keys
from service.stores.ratelimit import RateLimiter
from service.stores.usage import UsageStore


@dataclass(frozen=True)
class Stores:
    redis: Redis[bytes]
    compactor: AofCompactor
    conversations: ConversationStore
    bookings: BookingStore
    usage: UsageStore
    # Open bookings and refused booking requests per client.
    booking_guard: BookingGuard
    # Wrong booking codes and booking requests per client, chat messages per conversation and per client address.
    code_guesses: RateLimiter
    booking_requests: RateLimiter
    chat_sessions: RateLimiter
    chat_addresses: RateLimiter

    async def ping(self) -> None:
        """StoreUnavailable unless Redis answers."""
        with reaching_redis("Redis", UNAVAILABLE):
            await self.redis.ping()


@asynccontextmanager
async def open_stores(settings: Settings) -> AsyncIterator[Stores]:
    redis = Redis.from_url(
        settings.redis_url,
        password=settings.redis_password.get_secret_value() or None,
        socket_timeout=settings.redis_timeout_seconds,
        socket_connect_timeout=settings.redis_timeout_seconds,
    )
    keys = Keys(settings.tracker_key_prefix)
    days = datetime.timedelta(days=1)
    compactor = AofCompactor(redis, settings.aof_rewrite_interval_seconds)
    compacting = asyncio.create_task(compactor.run())
    try:
        yield Stores(
            redis=redis,
            compactor=compactor,
            conversations=ConversationStore(redis, keys, compactor),
            bookings=BookingStore(redis, keys, settings.booking_retention_days * days),
            usage=UsageStore(redis, keys, settings.usage_retention_days * days),
            booking_guard=BookingGuard(redis, keys, settings.usage_retention_days * days),
            code_guesses=RateLimiter(
                redis, keys, "codes", settings.code_guess_limit, settings.code_guess_window_seconds, BOOKING_DOWN
            ),
            booking_requests=RateLimiter(
                redis,
                keys,
                "bookings",
                settings.booking_create_limit,
                settings.booking_create_window_seconds,
                BOOKING_DOWN,
            ),
            chat_sessions=RateLimiter(redis, keys, "chat-session", settings.chat_per_session_per_minute, 60),
            chat_addresses=RateLimiter(redis, keys, "chat-address", settings.chat_per_address_per_minute, 60),
        )
    finally:
        compacting.cancel()
        await redis.close()
