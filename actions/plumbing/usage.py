"""Anonymous usage figures, counted through the service: a municipality, a measure, maybe a topic. Never text,
never who. Counting never stands in the way of an answer."""

from __future__ import annotations

import logging

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.interfaces import Tracker

from actions.plumbing.client import ServiceClient, ServiceUnavailable
from contract.constants import ActionMeasure

logger = logging.getLogger(__name__)


async def count(client: ServiceClient, measure: ActionMeasure, municipality: str, topic: str | None = None) -> None:
    try:
        await client.count(measure, municipality, topic)
    except ServiceUnavailable as error:
        logger.warning("A usage count was lost: %s", error)


def counted_event(tracker: Tracker, events: list[EventType]) -> tuple[str | None, list[EventType]]:
    """The municipality this conversation is now about, if it has not been counted for it yet, and the event that
    remembers it was. Earlier actions of the same turn have already remembered theirs."""
    municipality = tracker.get_slot("municipality")
    for event in events:
        if event.get("event") == "slot" and event.get("name") == "municipality":
            municipality = event.get("value")
    counted = list(tracker.get_slot("usage_counted") or [])
    if not municipality or municipality in counted:
        return None, []
    return str(municipality), [SlotSet("usage_counted", [*counted, municipality])]


async def count_conversation(client: ServiceClient, tracker: Tracker, events: list[EventType]) -> list[EventType]:
    """A conversation counts once for each municipality it comes to be about; returns the event to add."""
    municipality, remember = counted_event(tracker, events)
    if municipality:
        await count(client, "conversations", municipality)
    return remember
