from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions import samtale
from actions.plumbing.client import ServiceClient
from tests.actions.helpers import responses, run, tracker

pytestmark = pytest.mark.anyio


async def test_lookup_fills_the_covered_municipalities_from_the_service(knowledge_service: ServiceClient) -> None:
    _, events = await run(samtale.ActionLookupMunicipalities(knowledge_service), tracker("ask_capabilities"))
    assert events == [SlotSet("covered_municipalities", "Brønderslev, Faxe, Frederiksberg, Odsherred og Vordingborg")]


async def test_lookup_unsets_the_slot_when_the_service_cannot_be_reached(unreachable_service: ServiceClient) -> None:
    _, events = await run(samtale.ActionLookupMunicipalities(unreachable_service), tracker("ask_capabilities"))
    assert events == [SlotSet("covered_municipalities", None)]


async def test_unsure_asks_about_the_likely_topics_with_buttons(knowledge_service: ServiceClient) -> None:
    ranking = ["nlu_fallback", "ask_pris", "greet", "inform_relative", "ask_klage", "ask_tilbud"]
    messages, _ = await run(samtale.ActionClarify(knowledge_service), tracker("nlu_fallback", ranking=ranking))
    assert responses(messages) == ["utter_clarify"]
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/ask_pris", "/ask_paaroerende", "/ask_klage"]


async def test_unsure_without_likely_topics_offers_the_common_ones(knowledge_service: ServiceClient) -> None:
    messages, _ = await run(
        samtale.ActionClarify(knowledge_service), tracker("nlu_fallback", ranking=["nlu_fallback", "greet"])
    )
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/ask_kontakt", "/ask_anonym", "/ask_pris"]
