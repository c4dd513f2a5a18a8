"""A booking found by its code, and cancelled: the code is the only key to a booking, so it is all that is asked."""

from __future__ import annotations

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Tracker

from actions.answers import KnowledgeAction
from actions.booking import say_unavailable, yes_no_buttons
from actions.plumbing.client import BookingUnavailable, CodeNotFound, TooManyCodes


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
            booking = await self.client.booking(code, session=tracker.sender_id)
        except CodeNotFound:
            dispatcher.utter_message(response="utter_booking_not_found")
            return [SlotSet("booking_code", None)]
        except TooManyCodes:
            dispatcher.utter_message(response="utter_booking_too_many_codes")
            return [SlotSet("booking_code", None)]
        except BookingUnavailable:
            await say_unavailable(self.client, dispatcher, tracker.get_slot("municipality"))
            return []
        named = booking.place.name is not None
        dispatcher.utter_message(
            response="utter_booking_found" if named else "utter_booking_found_no_place",
            label=booking.label,
            place_name=booking.place.name,
            municipality_name=booking.municipality_name,
            buttons=yes_no_buttons("Ja, aflys tiden", "Nej, behold den"),
        )
        return [SlotSet("booking_code", booking.code), SlotSet("municipality", booking.municipality)]


class ActionCancelBooking(KnowledgeAction):
    """Cancels the booking just looked up."""

    def name(self) -> str:
        return "action_cancel_booking"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        code = tracker.get_slot("booking_code")
        if not code:
            dispatcher.utter_message(response="utter_ask_booking_code")
            return []
        try:
            booking = await self.client.booking(code, session=tracker.sender_id)
            await self.client.cancel(code, session=tracker.sender_id)
        except (CodeNotFound, TooManyCodes):
            dispatcher.utter_message(response="utter_booking_not_found")
            return [SlotSet("booking_code", None)]
        except BookingUnavailable:
            await say_unavailable(self.client, dispatcher, tracker.get_slot("municipality"))
            return []
        dispatcher.utter_message(response="utter_booking_cancelled", label=booking.label)
        return [SlotSet("booking_code", None)]
