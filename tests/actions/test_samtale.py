from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions import samtale
from actions.plumbing.client import ServiceClient
from tests.actions.helpers import run, tracker

pytestmark = pytest.mark.anyio


async def test_lookup_fills_the_covered_municipalities_from_the_service(knowledge_service: ServiceClient) -> None:
    _, events = await run(samtale.ActionLookupMunicipalities(knowledge_service), tracker("ask_capabilities"))
    assert events == [SlotSet("covered_municipalities", "Brønderslev, Faxe, Frederiksberg, Odsherred og Vordingborg")]


async def test_lookup_unsets_the_slot_when_the_service_cannot_be_reached(unreachable_service: ServiceClient) -> None:
    _, events = await run(samtale.ActionLookupMunicipalities(unreachable_service), tracker("ask_capabilities"))
    assert events == [SlotSet("covered_municipalities", None)]
