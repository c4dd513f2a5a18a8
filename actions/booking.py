"""Booking the anonymous clarifying conversation (Serviceloven § 101 a, stk. 3): the booking form, its questions and
checks, and booking the confirmed time. Which slot a typed time means is `slot_text`'s; look-up and cancelling by
code are `booking_code`'s.

Nothing about the person is asked or sent: a booking is a municipality, a time and a code.
"""

from __future__ import annotations

import datetime
from typing import Any

from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Tracker
from rasa_sdk.types import DomainDict

from actions.answers import KnowledgeAction, sources_payload, utter_fact
from actions.dialogue import latest_intent, parse_age
from actions.forms import AnswersOnlyForm
from actions.guidet import booking_topic, guide_payload, is_staff, read_booking_aloud
from actions.municipalities import municipality_buttons, names
from actions.plumbing.client import BookingUnavailable, ServiceClient, ServiceUnavailable, SlotTaken, UsesService
from actions.plumbing.usage import count_conversation
from actions.slot_text import resolve_slot
from contract.models import BookingPublic, DayPublic, OfferedToPublic, PlacePublic, SlotPublic, SlotsPublic

# Days of slot buttons shown at a time; "flere tider" shows the next ones.
PAGE_DAYS = 2
# Intents that never answer the form's question, whatever their words hold: the rules answer them.
QUESTIONS = frozenset({"start_guide", "emergency", "manage_booking"})


def all_slots(free: SlotsPublic) -> list[SlotPublic]:
    return [slot for day in free.days for slot in day.slots]


def page_of(free: SlotsPublic, page: int) -> tuple[int, list[DayPublic]]:
    """The page's days, and the page number actually shown: past the last page, it starts over at the first."""
    pages = max(1, -(-len(free.days) // PAGE_DAYS))
    shown = page if 0 <= page < pages else 0
    return shown, free.days[shown * PAGE_DAYS : (shown + 1) * PAGE_DAYS]


def slot_buttons(day_slots: list[SlotPublic]) -> list[dict[str, str]]:
    return [
        {"title": f"kl. {slot.start:%H.%M}", "payload": f'/choose_slot{{"slot_start": "{slot.start.isoformat()}"}}'}
        for slot in day_slots
    ]


def yes_no_buttons(yes: str, no: str) -> list[dict[str, str]]:
    """The answers to a yes-or-no question, which the rules read as affirm and deny."""
    return [{"title": yes, "payload": "/affirm"}, {"title": no, "payload": "/deny"}]


def booking_slots_reset() -> list[EventType]:
    return [SlotSet("booking_slot", None), SlotSet("booking_confirmed", None), SlotSet("booking_page", 0)]


def stop_form() -> list[EventType]:
    """Ends the booking form from its question: the form deactivates itself when no slot is requested."""
    return [*booking_slots_reset(), SlotSet("requested_slot", None)]


async def say_unavailable(client: ServiceClient, dispatcher: CollectingDispatcher, municipality: str | None) -> None:
    """Booking is down (Redis): say so, with the municipality's own contact, which needs no Redis."""
    if not municipality:
        dispatcher.utter_message(response="utter_booking_unavailable_anywhere")
        return
    name = names(await client.municipalities())[municipality]
    dispatcher.utter_message(response="utter_booking_unavailable", municipality_name=name)
    utter_fact(dispatcher, (await client.place(municipality)).contact, name)


async def not_offered_to(client: ServiceClient, tracker: Tracker, offered: OfferedToPublic) -> bool:
    """Whether the person it is about is of an age the conversation is not for: the age the conversation knows,
    else, in the guided script, every age the caller can be ("Ung under 18")."""
    if offered.ages is None:
        return False
    age = parse_age(tracker.get_slot("age"))
    if age is not None:
        return not offered.includes(age)
    caller = tracker.get_slot("caller")
    found = next((c for c in await client.callers() if c.id == caller), None) if caller else None
    if found is None or found.max_age is None:
        return False
    return not any(offered.includes(age) for age in range(found.max_age + 1))


async def refused_for_age(
    client: ServiceClient, dispatcher: CollectingDispatcher, tracker: Tracker, municipality: str
) -> bool:
    """Booking is not offered to an age the municipality's conversation is not for: say whom it is for, with the
    standard's words, and whom to contact instead. Asks the service only when an age or a caller is known."""
    if parse_age(tracker.get_slot("age")) is None and not tracker.get_slot("caller"):
        return False
    place = await client.place(municipality)
    offered = place.offered_to
    if offered.ages is None or not await not_offered_to(client, tracker, offered):
        return False
    name = names(await client.municipalities())[municipality]
    dispatcher.utter_message(
        response="utter_booking_not_for_age",
        municipality_name=name,
        ages_label=offered.ages.label,
        json_message=sources_payload(offered.sources),
    )
    if offered.contact:
        utter_fact(dispatcher, offered.contact, name)
    return True


def say_where(dispatcher: CollectingDispatcher, place: PlacePublic, municipality_name: str) -> None:
    """The place's contact; where the standard names no place, first that it names none."""
    if place.name is None:
        dispatcher.utter_message(response="utter_booking_place_not_named")
    utter_fact(dispatcher, place.contact, municipality_name)


def booking_card(booking: BookingPublic) -> dict[str, object]:
    """The custom payload the chat shows the booking by as a card: its time, place, what the conversation is for
    (the standard's words, whose sources the reply after it carries) and code; nothing of who."""
    card = {
        "code": booking.code,
        "start": booking.start.isoformat(),
        "end": booking.end.isoformat(),
        "label": booking.label,
        "municipality_name": booking.municipality_name,
        "place_name": booking.place.name,
        "address": booking.place.address,
        "about": booking.about.answer,
    }
    return {"booking": card}


def say_booked(dispatcher: CollectingDispatcher, booking: BookingPublic) -> None:
    """The booking's time, place and code (also as a card); whose hours they are; where it is; what happens; how
    to cancel."""
    name = booking.municipality_name
    named = booking.place.name is not None
    dispatcher.utter_message(
        response="utter_booking_confirmed" if named else "utter_booking_confirmed_no_place",
        label=booking.label,
        place_name=booking.place.name,
        municipality_name=name,
        code=booking.code,
        json_message=booking_card(booking),
    )
    if booking.default_hours:
        dispatcher.utter_message(response="utter_booking_default_hours")
    say_where(dispatcher, booking.place, name)
    utter_fact(dispatcher, booking.about, name)
    dispatcher.utter_message(response="utter_booking_anonymous", code=booking.code)


async def free_slots_or_say(
    client: ServiceClient, dispatcher: CollectingDispatcher, municipality: str
) -> SlotsPublic | None:
    """The municipality's free slots; None when booking is down, which has been said (the form stops then)."""
    try:
        return await client.free_slots(municipality)
    except BookingUnavailable:
        await say_unavailable(client, dispatcher, municipality)
        return None


# --- The form's questions -----------------------------------------------------------------------------------------


class ActionAskMunicipality(KnowledgeAction):
    """The form's question for the municipality, with a button for each."""

    def name(self) -> str:
        return "action_ask_municipality"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        buttons = municipality_buttons(await self.client.municipalities())
        dispatcher.utter_message(response="utter_ask_municipality", buttons=buttons)
        return []


class ActionAskBookingSlot(KnowledgeAction):
    """The free slots as buttons, a few days at a time, grouped by day."""

    def name(self) -> str:
        return "action_ask_booking_slot"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        municipality = str(tracker.get_slot("municipality"))
        if await refused_for_age(self.client, dispatcher, tracker, municipality):
            return stop_form()
        free = await free_slots_or_say(self.client, dispatcher, municipality)
        if free is None:
            return stop_form()
        if not free.days:
            dispatcher.utter_message(response="utter_booking_no_slots", municipality_name=free.municipality_name)
            utter_fact(dispatcher, free.place.contact, free.municipality_name)
            return stop_form()
        wanted = int(tracker.get_slot("booking_page") or 0)
        page, days = page_of(free, wanted)
        if page != wanted:
            dispatcher.utter_message(response="utter_booking_from_start")
        dispatcher.utter_message(response="utter_ask_booking_slot", municipality_name=free.municipality_name)
        if free.default_hours:
            dispatcher.utter_message(response="utter_booking_default_hours")
        for day in days:
            label = day.label[:1].upper() + day.label[1:]
            dispatcher.utter_message(response="utter_booking_day", day_label=label, buttons=slot_buttons(day.slots))
        more = [{"title": "Flere tider", "payload": "/more_slots"}, {"title": "Stop bookingen", "payload": "/deny"}]
        dispatcher.utter_message(response="utter_booking_more", buttons=more)
        return [SlotSet("booking_page", page)]


class ActionMoreSlots(KnowledgeAction):
    """ "Flere tider": the form's next question shows the next days."""

    def name(self) -> str:
        return "action_more_slots"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        return [SlotSet("booking_page", int(tracker.get_slot("booking_page") or 0) + 1)]


class ActionAskBookingConfirmed(KnowledgeAction):
    """The chosen time and place, to confirm."""

    def name(self) -> str:
        return "action_ask_booking_confirmed"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        municipality = str(tracker.get_slot("municipality"))
        if await refused_for_age(self.client, dispatcher, tracker, municipality):
            return stop_form()
        free = await free_slots_or_say(self.client, dispatcher, municipality)
        if free is None:
            return stop_form()
        slot = resolve_slot(str(tracker.get_slot("booking_slot")), all_slots(free), [])
        if slot is None:  # taken since it was chosen: choose again
            dispatcher.utter_message(response="utter_booking_slot_taken")
            events = await ActionAskBookingSlot(self.client).act(dispatcher, tracker)
            return [SlotSet("booking_slot", None), SlotSet("requested_slot", "booking_slot"), *events]
        named = free.place.name is not None
        dispatcher.utter_message(
            response="utter_ask_booking_confirmed" if named else "utter_ask_booking_confirmed_no_place",
            label=slot.label,
            place_name=free.place.name,
            municipality_name=free.municipality_name,
            buttons=yes_no_buttons("Ja, book tiden", "Nej, en anden tid"),
        )
        return []


# --- The form's checks and the booking ----------------------------------------------------------------------------


class ValidateBookingForm(UsesService, AnswersOnlyForm):
    answers = frozenset({"book_conversation", "inform_municipality", "choose_slot", "more_slots", "affirm", "deny"})

    def name(self) -> str:
        return "validate_booking_form"

    async def is_answer(self, tracker: Tracker) -> bool:
        """Also a municipality the classifier was unsure of ("nej vent, jeg bor i vordingborg": it changes the
        place), and a time typed in any words while the form asks for one ("nr 2", "den sidste"). A question that
        names a municipality is not: the rules answer it."""
        intent = latest_intent(tracker)
        if intent == "nlu_fallback" and any(tracker.get_latest_entity_values("municipality")):
            return True
        if tracker.get_slot("requested_slot") == "booking_slot" and intent not in QUESTIONS:
            try:
                if await self._typed_slot(tracker) is not None:
                    return True
            except ServiceUnavailable:
                pass  # the form says so when it asks again
        return await super().is_answer(tracker)

    async def _typed_slot(self, tracker: Tracker) -> SlotPublic | None:
        text = str(tracker.latest_message.get("text") or "")
        if not text or text.startswith("/") or not tracker.get_slot("municipality"):
            return None
        free = await self.client.free_slots(str(tracker.get_slot("municipality")))
        _, days = page_of(free, int(tracker.get_slot("booking_page") or 0))
        return resolve_slot(text, all_slots(free), [slot for day in days for slot in day.slots])

    async def extract_booking_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A time typed in any words, while the form asks for one (a button carries `slot_start`)."""
        if tracker.get_slot("requested_slot") != "booking_slot" or tracker.get_slot("booking_slot"):
            return {}
        slot = await self._typed_slot(tracker)
        return {"booking_slot": slot.start.isoformat()} if slot else {}

    async def take_answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        try:
            events = await super().take_answer(dispatcher, tracker, domain)
            return events + await count_conversation(self.client, tracker, events)
        except BookingUnavailable:
            await say_unavailable(self.client, dispatcher, tracker.get_slot("municipality"))
            return stop_form()
        except ServiceUnavailable:
            dispatcher.utter_message(response="utter_service_unavailable")
            return stop_form()

    async def validate_municipality(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """One of the covered municipalities; a new one starts the choice of time over."""
        if value not in names(await self.client.municipalities()):
            return {"municipality": None}
        return {"municipality": value, "booking_slot": None, "booking_confirmed": None, "booking_page": 0}

    async def validate_booking_slot(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        free = await self.client.free_slots(str(tracker.get_slot("municipality")))
        _, days = page_of(free, int(tracker.get_slot("booking_page") or 0))
        shown = [slot for day in days for slot in day.slots]
        slot = resolve_slot(str(value), all_slots(free), shown)
        if slot is None:
            dispatcher.utter_message(response="utter_booking_slot_unknown")
            return {"booking_slot": None}
        return {"booking_slot": slot.start.isoformat()}

    async def validate_booking_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is True:
            return {"booking_confirmed": True}
        dispatcher.utter_message(response="utter_booking_other_time")
        return {"booking_confirmed": None, "booking_slot": None}


class ActionBookConversation(KnowledgeAction):
    """Books the confirmed slot: the code, time, place, what the conversation is for, and how to cancel."""

    def name(self) -> str:
        return "action_book_conversation"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        municipality, start = tracker.get_slot("municipality"), tracker.get_slot("booking_slot")
        if not (municipality and start and tracker.get_slot("booking_confirmed")):
            return []  # the form stopped before a time was confirmed, and has said why
        if await refused_for_age(self.client, dispatcher, tracker, municipality):
            return booking_slots_reset()
        staff = is_staff(tracker)
        topic = await booking_topic(self.client, tracker.get_slot("caller")) if staff else None
        age = parse_age(tracker.get_slot("age"))
        try:
            booking = await self.client.book(
                municipality, datetime.datetime.fromisoformat(start), topic, age, session=tracker.sender_id
            )
        except SlotTaken:
            dispatcher.utter_message(response="utter_booking_slot_taken")
            return [*booking_slots_reset(), FollowupAction("booking_form")]
        except BookingUnavailable:
            await say_unavailable(self.client, dispatcher, municipality)
            return booking_slots_reset()
        if staff:
            read_booking_aloud(
                dispatcher, booking, guide_payload(municipality=municipality, caller=tracker.get_slot("caller"))
            )
        else:
            say_booked(dispatcher, booking)
        return [*booking_slots_reset(), SlotSet("booking_code", booking.code)]
