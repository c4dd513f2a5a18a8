from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from pydantic import SecretStr
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Tracker
from rasa_sdk.types import DomainDict

from actions import samtale
from actions.client import ServiceClient
from service.main import create_app
from service.settings import Settings
from stack.config import free_port

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        ([], ""),
        (["Faxe"], "Faxe"),
        (["Faxe", "Odsherred"], "Faxe og Odsherred"),
        (["Faxe", "Odsherred", "Brønderslev"], "Faxe, Odsherred og Brønderslev"),
    ],
)
def test_join_danish(names: list[str], joined: str) -> None:
    assert samtale.join_danish(names) == joined


@pytest.fixture
async def service_client() -> AsyncIterator[ServiceClient]:
    """The action server's client talking to the real service application, in process, lifespan included."""
    app = create_app(Settings(rasa_token=SecretStr("x")))
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://service") as http,
    ):
        yield ServiceClient(http)


async def _run_action(monkeypatch: pytest.MonkeyPatch, client: ServiceClient) -> list[EventType]:
    monkeypatch.setattr(samtale, "service_client", lambda: client)
    tracker = Tracker("s", {}, {}, [], False, None, {}, "action_listen")
    domain = DomainDict(intents=[], entities=[], slots={}, responses={}, actions=[], forms={})
    return await samtale.ActionLookupMunicipalities().run(CollectingDispatcher(), tracker, domain)


async def test_lookup_fills_the_covered_municipalities_from_the_service(
    monkeypatch: pytest.MonkeyPatch, service_client: ServiceClient
) -> None:
    events = await _run_action(monkeypatch, service_client)
    assert events == [SlotSet("covered_municipalities", "Brønderslev, Faxe, Frederiksberg, Odsherred og Vordingborg")]


async def test_lookup_unsets_the_slot_when_the_service_cannot_be_reached(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{free_port()}", timeout=1) as http:
        events = await _run_action(monkeypatch, ServiceClient(http))
    assert events == [SlotSet("covered_municipalities", None)]
