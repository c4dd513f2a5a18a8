"""The booking actions against the real service and a real Redis."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import redis
from rasa_sdk.events import ActionExecutionRejected, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Tracker

from actions import booking
from actions.client import ServiceClient, Slot
from tests.actions.helpers import DOMAIN, responses, run, slots, tracker

pytestmark = pytest.mark.anyio
TZ = datetime.timezone(datetime.timedelta(hours=1))


def slot(day: int, hour: int) -> Slot:
    start = datetime.datetime(2026, 11, day, hour, tzinfo=TZ)
    return Slot(start=start.isoformat(), end=(start + datetime.timedelta(hours=1)).isoformat(), label="")


# Tuesday 24 to Friday 27 November and Tuesday 1 December 2026, 9 to 14.
FREE = [slot(day, hour) for day in (24, 25, 26, 27) for hour in range(9, 15)] + [
    Slot(start=f"2026-12-01T{hour:02}:00:00+01:00", end="", label="") for hour in range(9, 15)
]
SHOWN = FREE[:12]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("tirsdag kl 10", "2026-11-24T10:00:00+01:00"),
        ("tirsdag klokken 10", "2026-11-24T10:00:00+01:00"),
        ("ons kl. 13.00", "2026-11-25T13:00:00+01:00"),
        ("ok torsdag 11", "2026-11-26T11:00:00+01:00"),
        ("torsdag klokken elleve", "2026-11-26T11:00:00+01:00"),
        ("27/11 kl 12", "2026-11-27T12:00:00+01:00"),
        ("d. 1. december kl. 9", "2026-12-01T09:00:00+01:00"),
        ("den 25 kl 14", "2026-11-25T14:00:00+01:00"),
        ("den første tid", "2026-11-24T09:00:00+01:00"),
        ("den sidste på onsdag", "2026-11-25T14:00:00+01:00"),
        ("tirsdag", None),  # which time?
        ("lørdag kl 10", None),
        ("tirsdag kl 16", None),
        ("jeg ved det ikke", None),
    ],
)
def test_a_typed_time_is_one_free_slot_or_none(text: str, start: str | None) -> None:
    found = booking.typed_slot(text, FREE, SHOWN)
    assert (found["start"] if found else None) == start


def test_a_button_start_must_still_be_free() -> None:
    assert booking.resolve_slot("2026-11-24T10:00:00+01:00", FREE, SHOWN) == FREE[1]
    assert booking.resolve_slot("2026-11-24T10:30:00+01:00", FREE, SHOWN) is None


async def test_the_slots_come_as_buttons_a_few_days_at_a_time(knowledge_service: ServiceClient) -> None:
    state = tracker("book_conversation", slots={"municipality": "faxe"})
    messages, events = await run(booking.ActionAskBookingSlot(), state)
    free = await knowledge_service.free_slots("faxe")
    assert responses(messages) == ["utter_ask_booking_slot"] + ["utter_booking_day"] * 2 + ["utter_booking_more"]
    first_day = messages[1]
    assert first_day["day_label"].lower() == free["days"][0]["label"]
    assert [button["payload"] for button in first_day["buttons"]] == [
        f'/choose_slot{{"slot_start": "{s["start"]}"}}' for s in free["days"][0]["slots"]
    ]
    assert first_day["buttons"][0]["title"].startswith("kl. ")
    assert [button["payload"] for button in messages[-1]["buttons"]] == ["/more_slots", "/deny"]
    assert events == [SlotSet("booking_page", 0), SlotSet("usage_counted", ["faxe"])]

    messages, _ = await run(
        booking.ActionAskBookingSlot(), tracker("more_slots", slots={"municipality": "faxe", "booking_page": 1})
    )
    assert messages[1]["day_label"].lower() == free["days"][2]["label"]

    past_the_end = {"municipality": "faxe", "booking_page": len(free["days"])}
    messages, events = await run(booking.ActionAskBookingSlot(), tracker("more_slots", slots=past_the_end))
    assert responses(messages)[:2] == ["utter_booking_from_start", "utter_ask_booking_slot"]
    assert slots(events)["booking_page"] == 0


async def test_flere_tider_turns_the_page() -> None:
    _, events = await run(booking.ActionMoreSlots(), tracker("more_slots", slots={"booking_page": 2}))
    assert slots(events) == {"booking_page": 3}


async def test_a_chosen_slot_is_checked_against_the_free_ones(knowledge_service: ServiceClient) -> None:
    first = (await knowledge_service.free_slots("faxe"))["days"][0]["slots"][0]
    form = booking.ValidateBookingForm()
    state = tracker("choose_slot", slots={"municipality": "faxe", "booking_page": 0})
    for value in (first["start"], "den første"):
        chosen = await form.validate_booking_slot(value, CollectingDispatcher(), state, DOMAIN)
        assert chosen == {"booking_slot": first["start"]}
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


async def booked(knowledge_service: ServiceClient) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    start = (await knowledge_service.free_slots("faxe"))["days"][0]["slots"][0]["start"]
    state = tracker("affirm", slots={"municipality": "faxe", "booking_slot": start, "booking_confirmed": True})
    messages, events = await run(booking.ActionBookConversation(), state)
    return messages, slots(events)


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
        "usage_counted": ["faxe"],
    }
    assert messages[1]["custom"]["sources"][0]["municipality"] == "faxe"  # the place, quoted from Faxe
    assert "Præstøvej 78" in messages[1]["answer"]
    assert redis_client.exists(f"vejviser:booking:{code}")


async def test_a_slot_taken_meanwhile_goes_back_to_choosing(knowledge_service: ServiceClient) -> None:
    start = (await knowledge_service.free_slots("faxe"))["days"][0]["slots"][0]["start"]
    await knowledge_service.book("faxe", start)
    state = tracker("affirm", slots={"municipality": "faxe", "booking_slot": start, "booking_confirmed": True})
    messages, events = await run(booking.ActionBookConversation(), state)
    assert responses(messages) == ["utter_booking_slot_taken"]
    assert FollowupAction("booking_form") in events


async def test_nothing_is_booked_when_the_form_stopped_without_a_time(knowledge_service: ServiceClient) -> None:
    counted = {"municipality": "faxe", "usage_counted": ["faxe"]}
    assert await run(booking.ActionBookConversation(), tracker("deny", slots=counted)) == ([], [])


async def test_a_booking_is_found_by_its_code_and_cancelled(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes]
) -> None:
    made, _ = await booked(knowledge_service)
    code = made[0]["code"]
    typed = code.lower().replace("-", " ")
    messages, events = await run(booking.ActionManageBooking(), tracker("manage_booking", {"booking_code": [typed]}))
    assert responses(messages) == ["utter_booking_found"]
    assert messages[0]["label"] == made[0]["label"]
    assert [button["payload"] for button in messages[0]["buttons"]] == ["/affirm", "/deny"]
    assert slots(events) == {"booking_code": code, "municipality": "faxe", "usage_counted": ["faxe"]}

    messages, events = await run(booking.ActionCancelBooking(), tracker("affirm", slots={"booking_code": code}))
    assert responses(messages) == ["utter_booking_cancelled"]
    assert slots(events) == {"booking_code": None}
    assert not redis_client.exists(f"vejviser:booking:{code}")


@pytest.mark.parametrize(
    ("entities", "reply"),
    [({"booking_code": ["ABC-DEF-GHJ"]}, "utter_booking_not_found"), ({}, "utter_ask_booking_code")],
)
async def test_an_unknown_or_missing_code_is_said_plainly(
    knowledge_service: ServiceClient, entities: dict[str, list[str]], reply: str
) -> None:
    messages, _ = await run(booking.ActionManageBooking(), tracker("manage_booking", entities))
    assert responses(messages) == [reply]


async def test_wrong_codes_are_limited_per_conversation(knowledge_service: ServiceClient) -> None:
    state = tracker("manage_booking", {"booking_code": ["ABC-DEF-GHJ"]})
    replies = [responses((await run(booking.ActionManageBooking(), state))[0])[0] for _ in range(11)]
    assert replies == ["utter_booking_not_found"] * 10 + ["utter_booking_too_many_codes"]
    other_conversation = Tracker("other-session", {}, state.latest_message, [], False, None, {}, "action_listen")
    assert responses((await run(booking.ActionManageBooking(), other_conversation))[0]) == ["utter_booking_not_found"]


async def test_with_redis_down_booking_gives_the_municipalitys_phone(service_without_redis: ServiceClient) -> None:
    state = tracker("book_conversation", slots={"municipality": "faxe"})
    messages, events = await run(booking.ActionAskBookingSlot(), state)
    assert responses(messages) == ["utter_booking_unavailable", "utter_fact"]
    assert "5620 2720" in messages[1]["answer"]
    assert slots(events)["requested_slot"] is None


@pytest.mark.parametrize(("intent", "rejected"), [("ask_pris", True), ("start_guide", True), ("choose_slot", False)])
async def test_a_question_naming_a_municipality_is_for_the_rules_not_an_answer(
    knowledge_service: ServiceClient, intent: str, rejected: bool
) -> None:
    """ "hvad koster det i odsherred" while the form asks for a time: answered by the rules, not taken as a new
    municipality for the booking."""
    state = tracker(intent, {"municipality": ["odsherred"]}, {"municipality": "faxe", "requested_slot": "booking_slot"})
    _, events = await run(booking.ValidateBookingForm(), state)
    assert (ActionExecutionRejected("booking_form") in events) is rejected


@pytest.mark.parametrize(
    ("after_the_message", "answered"),
    [
        (["action_extract_slots", "booking_form"], False),
        (["action_extract_slots", "action_answer_topic", "booking_form"], True),
    ],
)
def test_the_form_knows_when_it_comes_back_after_an_answer(after_the_message: list[str], answered: bool) -> None:
    events = [{"event": "action", "name": "booking_form"}, {"event": "user", "text": "hvad koster det i odsherred"}]
    events += [{"event": "action", "name": name} for name in after_the_message]
    assert booking.answered_since_written(events, "booking_form") is answered
