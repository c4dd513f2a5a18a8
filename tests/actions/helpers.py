"""Building trackers and reading what an action said, for the action tests."""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Action, Tracker
from rasa_sdk.types import DomainDict

from actions.booking import ActionBookConversation
from actions.plumbing.client import ServiceClient
from contract.constants import STAFF_METADATA

# The conversation's id: booking look-ups count wrong codes by it.
SENDER = "test-session"
# Where the actions remember which municipalities a conversation has been counted for.
USAGE_SLOT = "usage_counted"
# The metadata the service sets on staff messages.
STAFF: dict[str, Any] = dict(STAFF_METADATA)
DOMAIN = DomainDict(intents=[], entities=[], slots={}, responses={}, actions=[], forms={})


def tracker(
    intent: str,
    entities: dict[str, list[str]] | None = None,
    slots: dict[str, Any] | None = None,
    ranking: list[str] | None = None,
    text: str = "",
    metadata: dict[str, Any] | None = None,
    confidence: float = 1.0,
    active_loop: str | None = None,
) -> Tracker:
    """The latest message as Rasa gives it to an action: the intent (first in its ranking, with `confidence`), the
    other intents ranked after it, entities and the slots so far."""
    others = [name for name in ranking or [] if name != intent]
    latest = {
        "text": text,
        "metadata": metadata,
        "intent": {"name": intent, "confidence": confidence},
        "entities": [{"entity": name, "value": value} for name, values in (entities or {}).items() for value in values],
        "intent_ranking": [{"name": intent, "confidence": confidence}]
        + [{"name": name, "confidence": round((1 - confidence) / len(others), 4)} for name in others],
    }
    loop = {"name": active_loop} if active_loop else {}
    return Tracker(SENDER, slots or {}, latest, [], False, None, loop, "action_listen")


async def run(action: Action, state: Tracker) -> tuple[list[dict[str, Any]], list[EventType]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, state, DOMAIN)
    return dispatcher.messages, events


def responses(messages: list[dict[str, Any]]) -> list[str]:
    return [message["response"] for message in messages]


def carried(events: list[EventType]) -> dict[str, Any]:
    """Every slot the events set, the usage bookkeeping included: what the next action's tracker starts from."""
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def after(state: Tracker, events: list[EventType]) -> dict[str, Any]:
    """The slots once the action's events are applied (an action sets only the slots it changes)."""
    return {**state.slots, **slots(events)}


def slots(events: list[EventType]) -> dict[str, Any]:
    """The slots the events set, but the usage bookkeeping, which only tests/actions/test_usage.py asserts."""
    return {name: value for name, value in carried(events).items() if name != USAGE_SLOT}


def without_usage(events: list[EventType]) -> list[EventType]:
    """The events, but the usage bookkeeping."""
    return [event for event in events if not (event.get("event") == "slot" and event.get("name") == USAGE_SLOT)]


async def booked(client: ServiceClient) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Books Faxe's first free slot through the booking action: what it said, and the slots it set."""
    start = (await client.free_slots("faxe")).days[0].slots[0].start.isoformat()
    state = tracker("affirm", slots={"municipality": "faxe", "booking_slot": start, "booking_confirmed": True})
    messages, events = await run(ActionBookConversation(client), state)
    return messages, slots(events)


def step(entities: dict[str, str], metadata: dict[str, Any] | None = STAFF) -> Tracker:
    """A button of the guided script, carrying its state; from staff unless told otherwise."""
    return tracker("start_guide", {name: [value] for name, value in entities.items()}, metadata=metadata)
