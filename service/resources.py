"""The connections the service holds open while it runs."""

from __future__ import annotations

import datetime
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
from redis.asyncio import Redis
from starlette.concurrency import run_in_threadpool

from bot.danish_nlp import DanishPipeline, resolve_pipeline
from knowledge.base import KnowledgeBase
from knowledge.booking import load_booking_places
from knowledge.files import BookingPlace
from knowledge.load import knowledge_base
from knowledge.script import Script, script
from knowledge.search import SearchIndex
from service.booking.store import BookingStore
from service.conversations import ConversationStore
from service.nlp import danish_nlp, search_index
from service.privacy import PublicDetails, Redactor, build_redactor
from service.rasa import RasaClient
from service.ratelimit import RateLimiter
from service.settings import Settings
from service.usage import UsageStore

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Resources:
    settings: Settings
    redis: Redis[bytes]
    rasa: RasaClient
    conversations: ConversationStore
    # For health probes of components that have no client of their own (the action server).
    probe: httpx.AsyncClient
    spacy_pipeline: DanishPipeline
    knowledge: KnowledgeBase
    search: SearchIndex
    redactor: Redactor
    booking_places: dict[str, BookingPlace]
    bookings: BookingStore
    code_guesses: RateLimiter
    chat_sessions: RateLimiter
    chat_addresses: RateLimiter
    script: Script
    usage: UsageStore


@asynccontextmanager
async def open_resources(settings: Settings) -> AsyncIterator[Resources]:
    # Building the fallback pipeline (first start only) is blocking work.
    pipeline = await run_in_threadpool(resolve_pipeline)
    logger.info("Danish spaCy pipeline: %s", pipeline.describe())
    knowledge = knowledge_base()
    # Lemmatising every passage with spaCy is blocking work, done once per process.
    search = await run_in_threadpool(search_index, pipeline)
    redactor = await run_in_threadpool(
        build_redactor, danish_nlp(pipeline), PublicDetails.of(knowledge), not pipeline.fallback
    )
    redis = Redis.from_url(
        settings.redis_url,
        password=settings.redis_password.get_secret_value() or None,
        socket_timeout=settings.redis_timeout_seconds,
        socket_connect_timeout=settings.redis_timeout_seconds,
    )
    try:
        async with (
            httpx.AsyncClient(base_url=settings.rasa_url, timeout=settings.rasa_timeout_seconds) as rasa_http,
            httpx.AsyncClient(timeout=settings.health_timeout_seconds) as probe,
        ):
            yield Resources(
                settings=settings,
                redis=redis,
                rasa=RasaClient(rasa_http, settings.rasa_token.get_secret_value()),
                conversations=ConversationStore(redis, settings.tracker_key_prefix),
                probe=probe,
                spacy_pipeline=pipeline,
                knowledge=knowledge,
                search=search,
                redactor=redactor,
                booking_places=load_booking_places(),
                bookings=BookingStore(
                    redis, settings.tracker_key_prefix, datetime.timedelta(days=settings.booking_retention_days)
                ),
                code_guesses=RateLimiter(
                    redis,
                    settings.tracker_key_prefix,
                    "codes",
                    settings.code_guess_limit,
                    settings.code_guess_window_seconds,
                ),
                chat_sessions=RateLimiter(
                    redis, settings.tracker_key_prefix, "chat-session", settings.chat_per_session_per_minute, 60
                ),
                chat_addresses=RateLimiter(
                    redis, settings.tracker_key_prefix, "chat-address", settings.chat_per_address_per_minute, 60
                ),
                script=script(),
                usage=UsageStore(
                    redis, settings.tracker_key_prefix, datetime.timedelta(days=settings.usage_retention_days)
                ),
            )
    finally:
        await redis.close()
