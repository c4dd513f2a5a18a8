"""Booking the anonymous clarifying conversation (Serviceloven § 101 a, stk. 3): the form, its questions and checks,
and look-up and cancelling by code.

Nothing about the person is asked or sent: a booking is a municipality, a time and a code.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from rasa_sdk.events import ActionExecutionRejected, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.interfaces import Tracker
from rasa_sdk.types import DomainDict

from actions.answers import KnowledgeAction, latest_intent, municipality_buttons, utter_fact
from actions.client import (
    BookingUnavailable,
    CodeNotFound,
    FreeSlots,
    ServiceUnavailable,
    Slot,
    SlotTaken,
    TooManyCodes,
    service_client,
)
from actions.guidet import BOOKING_TOPIC_OF_CALLER, guide_payload, is_staff, read_booking_aloud
from actions.usage import count_conversation

# What the form takes as an answer to its questions; any other message is for the rules.
FORM_ANSWERS = {"book_conversation", "inform_municipality", "choose_slot", "more_slots", "affirm", "deny"}
# Days of slot buttons shown at a time; "flere tider" shows the next ones.
PAGE_DAYS = 2
# The privacy gateway's replacement tokens: personal data the person typed, removed before Rasa saw it.
PERSONAL_DATA_TOKEN = re.compile(r"<(?:CPR|TELEFON|EMAIL|ADRESSE|NAVN)>")

WEEKDAY_WORDS = {
    "man": 0, "mandag": 0, "tir": 1, "tirs": 1, "tirsdag": 1, "ons": 2, "onsdag": 2,
    "tor": 3, "tors": 3, "torsdag": 3, "fre": 4, "fredag": 4,
    # Never offered, but named they must not fall back to the times shown.
    "lør": 5, "lørdag": 5, "loerdag": 5, "søn": 6, "søndag": 6, "soendag": 6,
}  # fmt: skip
MONTH_WORDS = {
    "jan": 1, "januar": 1, "feb": 2, "februar": 2, "mar": 3, "marts": 3, "apr": 4, "april": 4, "maj": 5,
    "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
# Hours said as words after "kl."; "to" and "tre" are the afternoon in office hours.
HOUR_WORDS = {"otte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "et": 13, "to": 14, "tre": 15, "fire": 16}
_HOUR = re.compile(r"\b(?:klokken|kl\.?)\s*(\d{1,2}|[a-z]+)\b|\b(\d{1,2})[.:]00\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\b|\b(\d{1,2})\.?\s+([a-zæøå]+)\b")
_DAY_ONLY = re.compile(r"\b(?:den|d\.?)\s*(\d{1,2})\b")
_BARE_HOUR = re.compile(r"\b(\d{1,2})\b")


# --- Pure helpers -------------------------------------------------------------------------------------------------


def all_slots(free: FreeSlots) -> list[Slot]:
    return [slot for day in free["days"] for slot in day["slots"]]


def page_of(free: FreeSlots, page: int) -> tuple[int, list[Any]]:
    """The page's days, and the page number actually shown: past the last page, it starts over at the first."""
    pages = max(1, -(-len(free["days"]) // PAGE_DAYS))
    shown = page if 0 <= page < pages else 0
    return shown, free["days"][shown * PAGE_DAYS : (shown + 1) * PAGE_DAYS]


def slot_buttons(day_slots: list[Slot]) -> list[dict[str, str]]:
    return [
        {"title": f"kl. {start_of(slot):%H.%M}", "payload": f'/choose_slot{{"slot_start": "{slot["start"]}"}}'}
        for slot in day_slots
    ]


def start_of(slot: Slot) -> datetime.datetime:
    return datetime.datetime.fromisoformat(slot["start"])


def _hour(text: str) -> int | None:
    match = _HOUR.search(text)
    if not match:
        return None
    value = match.group(1) or match.group(2)
    if value.isdigit():
        return int(value)
    return HOUR_WORDS.get(value)


def _date(text: str) -> tuple[int, int | None] | None:
    """(day of month, month or None) from "27/11", "2. december", "den 25"."""
    for match in _DAY_MONTH.finditer(text):
        if match.group(1):
            return int(match.group(1)), int(match.group(2))
        if match.group(4) in MONTH_WORDS:
            return int(match.group(3)), MONTH_WORDS[match.group(4)]
    day_only = _DAY_ONLY.search(text)
    return (int(day_only.group(1)), None) if day_only else None


def typed_slot(text: str, free: list[Slot], shown: list[Slot]) -> Slot | None:
    """The free slot someone typed ("tirsdag kl 10", "27/11 kl. 13", "den første"), or None if it is not clear.

    A weekday means its nearest date. Without a day, "den første" and "den sidste" are among the times shown.
    """
    text = text.lower()
    words = re.findall(r"[a-zæøå]+", text)
    weekdays = {WEEKDAY_WORDS[word] for word in words if word in WEEKDAY_WORDS}
    date = _date(text)
    hour = _hour(text)
    candidates = shown if not weekdays and not date else free
    if weekdays:
        candidates = [slot for slot in candidates if start_of(slot).weekday() in weekdays]
    if date:
        day, month = date
        candidates = [
            slot for slot in candidates if start_of(slot).day == day and month in (None, start_of(slot).month)
        ]
    if hour is None and (weekdays or date):
        # "ok torsdag 11": a bare number beside a day is the hour, unless it is the date itself.
        numbers = [int(n) for n in _BARE_HOUR.findall(text) if 7 <= int(n) <= 17 and (not date or int(n) != date[0])]
        hour = numbers[0] if numbers else None
    if hour is not None:
        candidates = [slot for slot in candidates if start_of(slot).hour == hour]
    if not candidates:
        return None
    if "sidste" in words:
        return candidates[-1]
    if "første" in words or "foerste" in words or hour is not None:
        return candidates[0]
    return candidates[0] if len(candidates) == 1 else None


def resolve_slot(value: str, free: list[Slot], shown: list[Slot]) -> Slot | None:
    """A slot button's start, or what the person typed, as one of the free slots."""
    try:
        start = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        return typed_slot(value, free, shown)
    return next((slot for slot in free if start_of(slot) == start), None)


def answered_since_written(events: list[EventType], form: str) -> bool:
    """Whether an action other than the form already answered the latest message: the form comes back after an
    answer to a question, rather than running right after the person wrote."""
    for event in reversed(events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") not in ("action_listen", "action_extract_slots", form):
            return True
    return False


def booking_slots_reset() -> list[EventType]:
    return [SlotSet("booking_slot", None), SlotSet("booking_confirmed", None), SlotSet("booking_page", 0)]


# --- Shared replies -----------------------------------------------------------------------------------------------


async def municipality_name(municipality: str) -> str:
    return next(m["name"] for m in await service_client().municipalities() if m["id"] == municipality)


async def say_unavailable(dispatcher: CollectingDispatcher, municipality: str | None) -> None:
    """Booking is down (Redis): say so, with the municipality's own contact, which needs no Redis."""
    if not municipality:
        dispatcher.utter_message(response="utter_booking_unavailable_anywhere")
        return
    name = await municipality_name(municipality)
    dispatcher.utter_message(response="utter_booking_unavailable", municipality_name=name)
    utter_fact(dispatcher, (await service_client().place(municipality))["contact"], name)


def stop_form() -> list[EventType]:
    """Ends the booking form from its question: the form deactivates itself when no slot is requested."""
    return [*booking_slots_reset(), SlotSet("requested_slot", None)]


# --- The form -----------------------------------------------------------------------------------------------------


class ActionAskMunicipality(KnowledgeAction):
    """The form's question for the municipality, with a button for each."""

    def name(self) -> str:
        return "action_ask_municipality"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        buttons = municipality_buttons(await service_client().municipalities())
        dispatcher.utter_message(response="utter_ask_municipality", buttons=buttons)
        return []


class ActionAskBookingSlot(KnowledgeAction):
    """The free slots as buttons, a few days at a time, grouped by day."""

    def name(self) -> str:
        return "action_ask_booking_slot"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        municipality = str(tracker.get_slot("municipality"))
        try:
            free = await service_client().free_slots(municipality)
        except BookingUnavailable:
            await say_unavailable(dispatcher, municipality)
            return stop_form()
        if not free["days"]:
            dispatcher.utter_message(response="utter_booking_no_slots", municipality_name=free["municipality_name"])
            utter_fact(dispatcher, free["place"]["contact"], free["municipality_name"])
            return stop_form()
        wanted = int(tracker.get_slot("booking_page") or 0)
        page, days = page_of(free, wanted)
        if page != wanted:
            dispatcher.utter_message(response="utter_booking_from_start")
        dispatcher.utter_message(response="utter_ask_booking_slot", municipality_name=free["municipality_name"])
        for day in days:
            label = day["label"][:1].upper() + day["label"][1:]
            dispatcher.utter_message(response="utter_booking_day", day_label=label, buttons=slot_buttons(day["slots"]))
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
        try:
            free = await service_client().free_slots(municipality)
        except BookingUnavailable:
            await say_unavailable(dispatcher, municipality)
            return stop_form()
        slot = resolve_slot(str(tracker.get_slot("booking_slot")), all_slots(free), [])
        if slot is None:  # taken since it was chosen: choose again
            dispatcher.utter_message(response="utter_booking_slot_taken")
            events = await ActionAskBookingSlot().act(dispatcher, tracker)
            return [SlotSet("booking_slot", None), SlotSet("requested_slot", "booking_slot"), *events]
        dispatcher.utter_message(
            response="utter_ask_booking_confirmed",
            label=slot["label"],
            place_name=free["place"]["name"],
            municipality_name=free["municipality_name"],
            buttons=[
                {"title": "Ja, book tiden", "payload": "/affirm"},
                {"title": "Nej, en anden tid", "payload": "/deny"},
            ],
        )
        return []


class ValidateBookingForm(FormValidationAction):
    def name(self) -> str:
        return "validate_booking_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        just_written = not answered_since_written(tracker.events, self.form_name())
        if just_written and PERSONAL_DATA_TOKEN.search(tracker.latest_message.get("text") or ""):
            dispatcher.utter_message(response="utter_personal_data_not_needed")
        if just_written and latest_intent(tracker) not in FORM_ANSWERS:
            # A question, or a step of the guided script: the rules answer it (and come back to the form, or leave
            # it). The form would otherwise take a municipality named in it as an answer and ask for a time again.
            return [ActionExecutionRejected(self.form_name())]
        try:
            events = await super().run(dispatcher, tracker, domain)
            return events + await count_conversation(tracker, events)
        except BookingUnavailable:
            await say_unavailable(dispatcher, tracker.get_slot("municipality"))
            return stop_form()
        except ServiceUnavailable:
            dispatcher.utter_message(response="utter_service_unavailable")
            return stop_form()

    async def validate_municipality(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """One of the covered municipalities; a new one starts the choice of time over."""
        known = {m["id"] for m in await service_client().municipalities()}
        if value not in known:
            return {"municipality": None}
        return {"municipality": value, "booking_slot": None, "booking_confirmed": None, "booking_page": 0}

    async def validate_booking_slot(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        free = await service_client().free_slots(str(tracker.get_slot("municipality")))
        _, days = page_of(free, int(tracker.get_slot("booking_page") or 0))
        shown = [slot for day in days for slot in day["slots"]]
        slot = resolve_slot(str(value), all_slots(free), shown)
        if slot is None:
            dispatcher.utter_message(response="utter_booking_slot_unknown")
            return {"booking_slot": None}
        return {"booking_slot": slot["start"]}

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
        staff = is_staff(tracker)
        topic = BOOKING_TOPIC_OF_CALLER.get(tracker.get_slot("caller") or "") if staff else None
        try:
            booking = await service_client().book(municipality, start, topic)
        except SlotTaken:
            dispatcher.utter_message(response="utter_booking_slot_taken")
            return [*booking_slots_reset(), FollowupAction("booking_form")]
        except BookingUnavailable:
            await say_unavailable(dispatcher, municipality)
            return booking_slots_reset()
        if staff:
            read_booking_aloud(
                dispatcher, booking, guide_payload(municipality=municipality, caller=tracker.get_slot("caller"))
            )
        else:
            name = booking["municipality_name"]
            dispatcher.utter_message(
                response="utter_booking_confirmed",
                label=booking["label"],
                place_name=booking["place"]["name"],
                municipality_name=name,
                code=booking["code"],
            )
            utter_fact(dispatcher, booking["place"]["contact"], name)
            utter_fact(dispatcher, booking["about"], name)
            dispatcher.utter_message(response="utter_booking_anonymous", code=booking["code"])
        return [*booking_slots_reset(), SlotSet("booking_code", booking["code"])]


# --- Look-up and cancelling ---------------------------------------------------------------------------------------


def code_in(tracker: Tracker) -> str | None:
    """The code in the latest message as typed (the service reads any case and separators), else this
    conversation's."""
    typed = next(tracker.get_latest_entity_values("booking_code"), None)
    return str(typed) if typed else tracker.get_slot("booking_code")


class ActionManageBooking(KnowledgeAction):
    """Finds the booking by its code and offers to cancel it."""

    def name(self) -> str:
        return "action_manage_booking"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        code = code_in(tracker)
        if not code:
            dispatcher.utter_message(response="utter_ask_booking_code")
            return []
        try:
            booking = await service_client().booking(code, session=tracker.sender_id)
        except CodeNotFound:
            dispatcher.utter_message(response="utter_booking_not_found")
            return [SlotSet("booking_code", None)]
        except TooManyCodes:
            dispatcher.utter_message(response="utter_booking_too_many_codes")
            return [SlotSet("booking_code", None)]
        except BookingUnavailable:
            await say_unavailable(dispatcher, tracker.get_slot("municipality"))
            return []
        dispatcher.utter_message(
            response="utter_booking_found",
            label=booking["label"],
            place_name=booking["place"]["name"],
            municipality_name=booking["municipality_name"],
            buttons=[
                {"title": "Ja, aflys tiden", "payload": "/affirm"},
                {"title": "Nej, behold den", "payload": "/deny"},
            ],
        )
        return [SlotSet("booking_code", booking["code"]), SlotSet("municipality", booking["municipality"])]


class ActionCancelBooking(KnowledgeAction):
    """Cancels the booking just looked up."""

    def name(self) -> str:
        return "action_cancel_booking"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        code = tracker.get_slot("booking_code")
        if not code:
            dispatcher.utter_message(response="utter_ask_booking_code")
            return []
        client = service_client()
        try:
            booking = await client.booking(code, session=tracker.sender_id)
            await client.cancel(code, session=tracker.sender_id)
        except (CodeNotFound, TooManyCodes):
            dispatcher.utter_message(response="utter_booking_not_found")
            return [SlotSet("booking_code", None)]
        except BookingUnavailable:
            await say_unavailable(dispatcher, tracker.get_slot("municipality"))
            return []
        dispatcher.utter_message(response="utter_booking_cancelled", label=booking["label"])
        return [SlotSet("booking_code", None)]
