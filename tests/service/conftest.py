"""Fixtures of the service's own tests: its Redis stores on the session's Redis, and the app with Redis down."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from fastapi.testclient import TestClient
from redis.asyncio import Redis

from service.main import create_app
from service.settings import Settings
from service.stores.keys import Keys
from stack.config import free_port
from tests.conftest import RedisServer

KEYS = Keys("vejviser")


@pytest.fixture
async def redis(redis_server: RedisServer) -> AsyncIterator[Redis[bytes]]:
    """An async client of the session's Redis, emptied first."""
    client: Redis[bytes] = Redis(port=redis_server.port)
    await client.flushdb()
    yield client
    await client.close()


@pytest.fixture
async def redis_down() -> AsyncIterator[Redis[bytes]]:
    """An async client of a port where nothing listens."""
    client: Redis[bytes] = Redis(port=free_port(), socket_connect_timeout=1)
    yield client
    await client.close()


@pytest.fixture
def down_settings(service_settings: Settings) -> Settings:
    """The service's settings with Redis a port where nothing listens."""
    return service_settings.copy(update={"redis_url": f"redis://127.0.0.1:{free_port()}/0"})


@pytest.fixture
def service_redis_down(down_settings: Settings) -> Iterator[TestClient]:
    """The real app, lifespan included, whose Redis is down."""
    with TestClient(create_app(down_settings)) as client:
        yield client
