"""The booking form and booking against the real service and a real Redis."""

from __future__ import annotations

import pytest
import redis
from rasa_sdk.events import ActionExecutionRejected, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import booking
from actions.plumbing.client import ServiceClient
from tests.actions.helpers import DOMAIN, after, booked, responses, run, slots, tracker, without_usage

pytestmark = pytest.mark.anyio


async def test_the_slots_come_as_buttons_a_few_days_at_a_time(knowledge_service: ServiceClient) -> None:
    state = tracker("book_conversation", slots={"municipality": "faxe"})
    ask = booking.ActionAskBookingSlot(knowledge_service)
    messages, events = await run(ask, state)
    free = await knowledge_service.free_slots("faxe")
    assert responses(messages) == ["utter_ask_booking_slot"] + ["utter_booking_day"] * 2 + ["utter_booking_more"]
    first_day = messages[1]
    assert first_day["day_label"].lower() == free.days[0].label
    assert [button["payload"] for button in first_day["buttons"]] == [
        f'/choose_slot{{"slot_start": "{s.start.isoformat()}"}}' for s in free.days[0].slots
    ]
    assert first_day["buttons"][0]["title"].startswith("kl. ")
    assert [button["payload"] for button in messages[-1]["buttons"]] == ["/more_slots", "/deny"]
    assert without_usage(events) == [SlotSet("booking_page", 0)]

    messages, _ = await run(ask, tracker("more_slots", slots={"municipality": "faxe", "booking_page": 1}))
    assert messages[1]["day_label"].lower() == free.days[2].label

    past_the_end = {"municipality": "faxe", "booking_page": len(free.days)}
    messages, events = await run(ask, tracker("more_slots", slots=past_the_end))
    assert responses(messages)[:2] == ["utter_booking_from_start", "utter_ask_booking_slot"]
    assert slots(events)["booking_page"] == 0


async def test_flere_tider_turns_the_page(unreachable_service: ServiceClient) -> None:
    more = booking.ActionMoreSlots(unreachable_service)
    _, events = await run(more, tracker("more_slots", slots={"booking_page": 2}))
    assert slots(events) == {"booking_page": 3}


async def test_a_chosen_slot_is_checked_against_the_free_ones(knowledge_service: ServiceClient) -> None:
    first = (await knowledge_service.free_slots("faxe")).days[0].slots[0].start.isoformat()
    form = booking.ValidateBookingForm(knowledge_service)
    state = tracker("choose_slot", slots={"municipality": "faxe", "booking_page": 0})
    for value in (first, "den første"):
        chosen = await form.validate_booking_slot(value, CollectingDispatcher(), state, DOMAIN)
        assert chosen == {"booking_slot": first}
    dispatcher = CollectingDispatcher()
    assert await form.validate_booking_slot("lørdag kl 3", dispatcher, state, DOMAIN) == {"booking_slot": None}
    assert responses(dispatcher.messages) == ["utter_booking_slot_unknown"]


async def test_saying_no_to_the_time_asks_for_another() -> None:
    dispatcher = CollectingDispatcher()
    result = await booking.ValidateBookingForm().validate_booking_confirmed(False, dispatcher, tracker("deny"), DOMAIN)
    assert result == {"booking_confirmed": None, "booking_slot": None}
    assert responses(dispatcher.messages) == ["utter_booking_other_time"]


@pytest.mark.parametrize("token", ["<CPR>", "<TELEFON>", "<NAVN>"])
async def test_personal_data_typed_during_booking_is_met_with_a_notice(token: str) -> None:
    state = tracker("out_of_scope", text=f"mit cpr er {token} kan i ringe", slots={"municipality": "faxe"})
    messages, _ = await run(booking.ValidateBookingForm(), state)
    assert responses(messages) == ["utter_personal_data_not_needed"]


async def test_a_confirmed_slot_is_booked_with_code_place_and_what_happens(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes]
) -> None:
    messages, set_slots = await booked(knowledge_service)
    assert responses(messages) == ["utter_booking_confirmed", "utter_fact", "utter_fact", "utter_booking_anonymous"]
    code = messages[0]["code"]
    assert set_slots == {
        "booking_code": code,
        "booking_slot": None,
        "booking_confirmed": None,
        "booking_page": 0,
    }
    assert messages[1]["custom"]["sources"][0]["municipality"] == "faxe"  # the place, quoted from Faxe
    assert "Præstøvej 78" in messages[1]["answer"]
    assert redis_client.exists(f"vejviser:booking:{code}")


async def test_a_slot_taken_meanwhile_goes_back_to_choosing(knowledge_service: ServiceClient) -> None:
    start = (await knowledge_service.free_slots("faxe")).days[0].slots[0].start
    await knowledge_service.book("faxe", start)
    chosen = {"municipality": "faxe", "booking_slot": start.isoformat(), "booking_confirmed": True}
    messages, events = await run(booking.ActionBookConversation(knowledge_service), tracker("affirm", slots=chosen))
    assert responses(messages) == ["utter_booking_slot_taken"]
    assert FollowupAction("booking_form") in events


async def test_nothing_is_booked_when_the_form_stopped_without_a_time(knowledge_service: ServiceClient) -> None:
    book = booking.ActionBookConversation(knowledge_service)
    messages, events = await run(book, tracker("deny", slots={"municipality": "faxe"}))
    assert (messages, without_usage(events)) == ([], [])


async def test_with_redis_down_booking_gives_the_municipalitys_phone(service_without_redis: ServiceClient) -> None:
    state = tracker("book_conversation", slots={"municipality": "faxe", "requested_slot": "booking_slot"})
    messages, events = await run(booking.ActionAskBookingSlot(service_without_redis), state)
    assert responses(messages) == ["utter_booking_unavailable", "utter_fact"]
    assert "5620 2720" in messages[1]["answer"]
    assert after(state, events)["requested_slot"] is None


@pytest.mark.parametrize(("intent", "rejected"), [("ask_pris", True), ("start_guide", True), ("choose_slot", False)])
async def test_a_question_naming_a_municipality_is_for_the_rules_not_an_answer(
    knowledge_service: ServiceClient, intent: str, rejected: bool
) -> None:
    """ "hvad koster det i odsherred" while the form asks for a time: answered by the rules, not taken as a new
    municipality for the booking."""
    state = tracker(intent, {"municipality": ["odsherred"]}, {"municipality": "faxe", "requested_slot": "booking_slot"})
    _, events = await run(booking.ValidateBookingForm(knowledge_service), state)
    assert (ActionExecutionRejected("booking_form") in events) is rejected
