"""Shared fixtures. Everything here is real: a real Redis server, and for `e2e` tests the whole stack."""

from __future__ import annotations

import secrets
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr
from selenium.webdriver.remote.webdriver import WebDriver

from actions.plumbing.client import ServiceClient
from danish.pipeline import resolve_pipeline
from knowledge.load import knowledge_base
from knowledge.places import load_places
from service.main import create_app
from service.nlp import danish_nlp
from service.privacy import Redactor, public_details
from service.settings import Settings
from stack.config import StackConfig, free_port
from stack.processes import ManagedProcess
from stack.redis_server import redis_is_up, redis_process
from stack.run import Stack
from tests.e2e.browser import new_browser

# One per municipality the knowledge base covers.
# Strong enough to start the service (service/staff_tokens.py), and new for every test run.
STAFF_TOKENS = {m: secrets.token_urlsafe(32) for m in knowledge_base().standards}
INTERNAL_TOKEN = "internal-test-token"
INTERNAL = {"Authorization": f"Bearer {INTERNAL_TOKEN}"}


def staff_auth(municipality: str) -> dict[str, str]:
    """The header a municipality's staff send."""
    return {"Authorization": f"Bearer {STAFF_TOKENS[municipality]}"}


@dataclass
class RedisServer:
    port: int
    process: ManagedProcess
    # Where it keeps its append-only file.
    directory: Path

    def client(self) -> redis.Redis[bytes]:
        return redis.Redis(port=self.port)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A real Redis server of its own (AOF on, in a temporary directory), for the whole session."""
    directory = tmp_path_factory.mktemp("redis")
    port = free_port()
    process = redis_process("127.0.0.1", port, directory, directory / "redis.log")
    process.start()
    process.wait_until(lambda: redis_is_up("127.0.0.1", port), time.monotonic() + 30)
    yield RedisServer(port, process, directory)
    process.stop()


@pytest.fixture
def redis_client(redis_server: RedisServer) -> Iterator[redis.Redis[bytes]]:
    """A client of the session's Redis, emptied before each test."""
    client = redis_server.client()
    client.flushdb()
    yield client
    client.close()


def settings_on(redis_server: RedisServer) -> Settings:
    """The service against the real Redis; Rasa and the action server are ports where nothing listens."""
    return Settings(
        redis_url=f"redis://127.0.0.1:{redis_server.port}/0",
        rasa_url=f"http://127.0.0.1:{free_port()}",
        rasa_token=SecretStr("test-token"),
        actions_url=f"http://127.0.0.1:{free_port()}",
        rasa_timeout_seconds=2,
        health_timeout_seconds=1,
        redis_timeout_seconds=1,
        staff_tokens={municipality: SecretStr(token) for municipality, token in STAFF_TOKENS.items()},
        internal_token=SecretStr(INTERNAL_TOKEN),
    )


@pytest.fixture
def service_settings(redis_server: RedisServer) -> Settings:
    return settings_on(redis_server)


@pytest.fixture
def service_app(service_settings: Settings, redis_client: redis.Redis[bytes]) -> FastAPI:
    """The real FastAPI app, on an emptied Redis."""
    return create_app(service_settings)


@pytest.fixture
def service(service_app: FastAPI) -> Iterator[TestClient]:
    """The real FastAPI app, lifespan included."""
    with TestClient(service_app) as client:
        yield client


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The whole stack on free ports: Redis, Rasa with the trained model, the action server, the service."""
    config = StackConfig.on_free_ports(tmp_path_factory.mktemp("stack"))
    if not config.model.is_file():
        pytest.fail(f"No trained model at {config.model}: run `make train` (make test does).")
    with Stack(config) as running:
        yield running


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@asynccontextmanager
async def in_process(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An async client of an app running in this process, lifespan included."""
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://service") as http,
    ):
        yield http


@pytest.fixture
async def async_service(service_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An async client of the real service application in process (lifespan included), for concurrent calls."""
    async with in_process(service_app) as http:
        yield http


@pytest.fixture
def knowledge_service(async_service: httpx.AsyncClient) -> ServiceClient:
    """The actions' client, talking to the real service application in process with the internal token, as the
    action server does."""
    async_service.headers["Authorization"] = f"Bearer {INTERNAL_TOKEN}"
    return ServiceClient(async_service)


@pytest.fixture
async def service_without_redis(service_settings: Settings) -> AsyncIterator[ServiceClient]:
    """The actions' client, talking to the real service in process, whose Redis is a port where nothing listens."""
    app = create_app(service_settings.copy(update={"redis_url": f"redis://127.0.0.1:{free_port()}/0"}))
    async with in_process(app) as http:
        yield ServiceClient(http)


@pytest.fixture
async def unreachable_service() -> AsyncIterator[ServiceClient]:
    """The actions' client pointed at a port where nothing listens."""
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{free_port()}", timeout=1) as http:
        yield ServiceClient(http)


@pytest.fixture(scope="session")
def redactor() -> Redactor:
    """The gateway's privacy filter on the service's real Danish pipeline, the committed standards and places."""
    return Redactor(danish_nlp(resolve_pipeline()), public_details(knowledge_base(), load_places()))


@pytest.fixture
def browser() -> Iterator[WebDriver]:
    """Headless Chromium (1024 x 900); the browser test modules skip themselves where it is not installed."""
    driver = new_browser()
    yield driver
    driver.quit()
