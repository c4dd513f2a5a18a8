"""The guided script for phone-line staff ("Guidet forløb"): municipality, who is calling, topic, the answer to read
aloud with its sources, the questions to ask next, and booking, all by buttons through the same bot.

Only for staff: the service marks their messages (metadata), which the public chat cannot. Every button carries
the whole state (municipality, caller, topic, age), so staff go back or jump to a step by sending an earlier one.
"""

from __future__ import annotations

import json

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Tracker

from actions.answers import KnowledgeAction, sources_payload
from actions.dialogue import parse_age
from actions.municipalities import names
from actions.plumbing.client import ServiceClient
from actions.plumbing.usage import count
from contract.constants import CHANNEL_KEY, STAFF_CHANNEL, BookingTopic
from contract.models import AgeRangePublic, BookingPublic, CallerPublic, ScriptStepPublic, SourcePublic

STATE = ("municipality", "caller", "guide_topic", "age")


def is_staff(tracker: Tracker) -> bool:
    metadata = tracker.latest_message.get("metadata") or {}
    return isinstance(metadata, dict) and metadata.get(CHANNEL_KEY) == STAFF_CHANNEL


async def booking_topic(client: ServiceClient, caller: str | None) -> BookingTopic | None:
    """What a booking made for this caller says about its purpose, if anything."""
    found = next((c for c in await client.callers() if c.id == caller), None)
    return found.booking_topic if found else None


def guide_payload(**state: str | None) -> str:
    """A button's payload: the guided step for this state."""
    known = {name: value for name, value in state.items() if value is not None}
    return "/start_guide" + (json.dumps(known, ensure_ascii=False) if known else "")


def book_payload(municipality: str) -> str:
    return f"/book_conversation{json.dumps({'municipality': municipality})}"


def followup_buttons(step: ScriptStepPublic, age: str | None) -> list[dict[str, str]]:
    """The questions to ask next, then another topic."""
    municipality, caller = step.municipality, step.caller.id
    buttons = [
        {
            "title": followup.ask,
            "payload": guide_payload(municipality=municipality, caller=caller, guide_topic=followup.topic, age=age)
            if followup.topic
            else book_payload(municipality),
        }
        for followup in step.followups
    ]
    other = guide_payload(municipality=municipality, caller=caller, age=age)
    return [*buttons, {"title": "Andet emne", "payload": other}]


def caller_buttons(municipality: str, callers: list[CallerPublic]) -> list[dict[str, str]]:
    return [
        {"title": f"{c.label}: {c.description}", "payload": guide_payload(municipality=municipality, caller=c.id)}
        for c in callers
    ]


def guided_topic_buttons(
    municipality: str, caller: CallerPublic, labels: dict[str, str], age: str | None
) -> list[dict[str, str]]:
    """The caller's topics, in the script's order."""
    return [
        {
            "title": labels[topic].capitalize(),
            "payload": guide_payload(municipality=municipality, caller=caller.id, guide_topic=topic, age=age),
        }
        for topic in caller.topics
    ]


def guided_age_buttons(
    municipality: str, caller: str, topic: str, groups: list[AgeRangePublic]
) -> list[dict[str, str]]:
    return [
        {
            "title": group.label,
            "payload": guide_payload(
                municipality=municipality, caller=caller, guide_topic=topic, age=str(group.example)
            ),
        }
        for group in groups
    ]


class ActionGuide(KnowledgeAction):
    """One step of the guided script, chosen by what the latest button carries."""

    def name(self) -> str:
        return "action_guide"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        if not is_staff(tracker):
            dispatcher.utter_message(response="utter_guide_staff_only")
            return []
        state = {name: next(map(str, tracker.get_latest_entity_values(name)), None) for name in STATE}
        municipalities = names(await self.client.municipalities())
        municipality = state["municipality"] if state["municipality"] in municipalities else None
        if municipality is None:
            buttons = [{"title": name, "payload": guide_payload(municipality=m)} for m, name in municipalities.items()]
            dispatcher.utter_message(response="utter_guide_ask_municipality", buttons=buttons)
            return []
        events: list[EventType] = [SlotSet("municipality", municipality)]
        callers = {c.id: c for c in await self.client.callers()}
        caller = callers.get(state["caller"] or "")
        if caller is None:
            dispatcher.utter_message(
                response="utter_guide_ask_caller",
                municipality_name=municipalities[municipality],
                buttons=caller_buttons(municipality, list(callers.values())),
            )
            return events
        events.append(SlotSet("caller", caller.id))
        labels = {topic.id: topic.label for topic in await self.client.topics()}
        if state["guide_topic"] not in labels:
            dispatcher.utter_message(
                response="utter_guide_ask_topic",
                municipality_name=municipalities[municipality],
                caller_label=caller.label,
                buttons=guided_topic_buttons(municipality, caller, labels, state["age"]),
            )
            return events
        topic = str(state["guide_topic"])
        age = parse_age(state["age"]) if state["age"] else None
        step = await self.client.script_step(municipality, caller.id, topic, age)
        if step.age_groups:
            buttons = guided_age_buttons(municipality, caller.id, topic, step.age_groups)
            dispatcher.utter_message(response="utter_guide_ask_age", buttons=buttons)
            return events
        read_step(dispatcher, step)
        dispatcher.utter_message(
            response="utter_guide_followups", buttons=followup_buttons(step, str(age) if age is not None else None)
        )
        await count(self.client, "questions", municipality, topic)
        return [*events, SlotSet("topic", topic)]


def say_aloud(dispatcher: CollectingDispatcher, text: str, sources: list[SourcePublic]) -> None:
    """Something for staff to read aloud, with its sources beside it."""
    dispatcher.utter_message(response="utter_guide_answer", answer=text, json_message=sources_payload(sources))


def read_step(dispatcher: CollectingDispatcher, step: ScriptStepPublic) -> None:
    dispatcher.utter_message(
        response="utter_guide_read_aloud",
        municipality_name=step.municipality_name,
        caller_label=step.caller.label,
        topic_label=step.topic.label.capitalize(),
    )
    if step.status == "not_for_age":
        dispatcher.utter_message(response="utter_guide_not_for_age", topic_label=step.topic.label)
    for said in step.read_aloud:
        say_aloud(dispatcher, said.text, said.sources)


def read_booking_aloud(dispatcher: CollectingDispatcher, booking: BookingPublic, back: str) -> None:
    """A booking made for a caller: time and place (or that the standard names none), whose hours they are, what
    happens, the code letter by letter, and back to topics."""
    named = booking.place.name is not None
    dispatcher.utter_message(
        response="utter_guide_booked" if named else "utter_guide_booked_no_place",
        label=booking.label,
        place_name=booking.place.name,
        municipality_name=booking.municipality_name,
    )
    if booking.default_hours:
        dispatcher.utter_message(response="utter_booking_default_hours")
    if not named:
        dispatcher.utter_message(response="utter_booking_place_not_named")
    for fact in (booking.place.contact, booking.about):
        say_aloud(dispatcher, fact.spoken, fact.sources)
    dispatcher.utter_message(
        response="utter_guide_read_code",
        code=booking.code,
        code_spoken=booking.code_spoken,
        buttons=[{"title": "Tilbage til emnerne", "payload": back}],
    )
