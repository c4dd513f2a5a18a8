"""Building trackers and reading what an action said, for the action tests."""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Action, Tracker
from rasa_sdk.types import DomainDict

# The conversation's id: booking look-ups count wrong codes by it.
SENDER = "test-session"
DOMAIN = DomainDict(intents=[], entities=[], slots={}, responses={}, actions=[], forms={})


def tracker(
    intent: str,
    entities: dict[str, list[str]] | None = None,
    slots: dict[str, Any] | None = None,
    ranking: list[str] | None = None,
    text: str = "",
    metadata: dict[str, Any] | None = None,
) -> Tracker:
    latest = {
        "text": text,
        "metadata": metadata,
        "intent": {"name": intent, "confidence": 1.0},
        "entities": [{"entity": name, "value": value} for name, values in (entities or {}).items() for value in values],
        "intent_ranking": [{"name": name, "confidence": 0.3} for name in ranking or []],
    }
    return Tracker(SENDER, slots or {}, latest, [], False, None, {}, "action_listen")


async def run(action: Action, state: Tracker) -> tuple[list[dict[str, Any]], list[EventType]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, state, DOMAIN)
    return dispatcher.messages, events


def responses(messages: list[dict[str, Any]]) -> list[str]:
    return [message["response"] for message in messages]


def slots(events: list[EventType]) -> dict[str, Any]:
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}
