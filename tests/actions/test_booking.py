"""The booking form and booking against the real service and a real Redis."""

from __future__ import annotations

import pytest
import redis
from rasa_sdk.events import ActionExecutionRejected, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import booking
from actions.plumbing.client import ServiceClient
from contract.models import AgeRangePublic
from knowledge.booking import load_booking_places
from knowledge.text import phones
from tests.actions.helpers import DOMAIN, after, booked, responses, run, slots, tracker, without_usage

pytestmark = pytest.mark.anyio
PLACES = load_booking_places()
# Where the standard limits whom the conversation is for by age, and where it does not.
LIMITED = sorted(m for m, place in PLACES.items() if place.ages)
OPEN = sorted(m for m, place in PLACES.items() if not place.ages)


def outside(ages: AgeRangePublic) -> int:
    """An age just outside the range."""
    return ages.min - 1 if ages.min is not None else int(ages.max or 0) + 1


async def test_the_slots_come_as_buttons_a_few_days_at_a_time(knowledge_service: ServiceClient) -> None:
    state = tracker("book_conversation", slots={"municipality": "faxe"})
    ask = booking.ActionAskBookingSlot(knowledge_service)
    messages, events = await run(ask, state)
    free = await knowledge_service.free_slots("faxe")
    assert responses(messages) == ["utter_ask_booking_slot", "utter_booking_default_hours"] + [
        "utter_booking_day"
    ] * 2 + ["utter_booking_more"]
    first_day = messages[2]
    assert first_day["day_label"].lower() == free.days[0].label
    assert [button["payload"] for button in first_day["buttons"]] == [
        f'/choose_slot{{"slot_start": "{s.start.isoformat()}"}}' for s in free.days[0].slots
    ]
    assert first_day["buttons"][0]["title"].startswith("kl. ")
    assert [button["payload"] for button in messages[-1]["buttons"]] == ["/more_slots", "/deny"]
    assert without_usage(events) == [SlotSet("booking_page", 0)]

    messages, _ = await run(ask, tracker("more_slots", slots={"municipality": "faxe", "booking_page": 1}))
    assert messages[2]["day_label"].lower() == free.days[2].label

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
    assert responses(messages) == [
        "utter_booking_confirmed",
        "utter_booking_default_hours",
        "utter_fact",
        "utter_fact",
        "utter_booking_anonymous",
    ]
    code = messages[0]["code"]
    assert set_slots == {
        "booking_code": code,
        "booking_slot": None,
        "booking_confirmed": None,
        "booking_page": 0,
    }
    assert messages[2]["custom"]["sources"][0]["municipality"] == "faxe"  # the place, quoted from Faxe
    assert "Præstøvej 78" in messages[2]["answer"]
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


@pytest.mark.parametrize("municipality", sorted(PLACES))
async def test_the_slots_say_when_their_hours_are_vejvisers_own(
    knowledge_service: ServiceClient, municipality: str
) -> None:
    state = tracker("book_conversation", slots={"municipality": municipality})
    messages, _ = await run(booking.ActionAskBookingSlot(knowledge_service), state)
    free = await knowledge_service.free_slots(municipality)
    said = responses(messages)
    assert ("utter_booking_default_hours" in said) is free.default_hours
    if free.default_hours:
        assert said.index("utter_booking_default_hours") < said.index("utter_booking_day"), "said with the times"


@pytest.mark.parametrize("municipality", sorted(PLACES))
async def test_a_booking_gives_its_place_only_where_the_standard_names_one(
    knowledge_service: ServiceClient, municipality: str
) -> None:
    free = await knowledge_service.free_slots(municipality)
    chosen = {"municipality": municipality, "booking_slot": free.days[0].slots[0].start.isoformat()}
    asked, _ = await run(booking.ActionAskBookingConfirmed(knowledge_service), tracker("choose_slot", slots=chosen))
    messages, _ = await run(
        booking.ActionBookConversation(knowledge_service), tracker("affirm", slots=chosen | {"booking_confirmed": True})
    )
    said = responses(messages)
    assert ("utter_booking_default_hours" in said) is free.default_hours
    contact = messages[said.index("utter_booking_anonymous") - 2]
    assert contact["answer"] == free.place.contact.answer
    if free.place.name is None:
        assert responses(asked) == ["utter_ask_booking_confirmed_no_place"]
        assert said[0] == "utter_booking_confirmed_no_place"
        assert said[said.index("utter_booking_place_not_named") + 1] == "utter_fact", "then whom to ask"
        assert phones(contact["answer"])
    else:
        assert responses(asked) == ["utter_ask_booking_confirmed"]
        assert asked[0]["place_name"] == messages[0]["place_name"] == free.place.name
        assert "utter_booking_place_not_named" not in said


@pytest.mark.parametrize("municipality", LIMITED)
async def test_no_time_is_offered_to_an_age_the_conversation_is_not_for(
    knowledge_service: ServiceClient, municipality: str
) -> None:
    offered = (await knowledge_service.place(municipality)).offered_to
    assert offered.ages
    assert offered.contact
    ask = booking.ActionAskBookingSlot(knowledge_service)
    state = tracker(
        "book_conversation",
        slots={"municipality": municipality, "age": str(outside(offered.ages)), "requested_slot": "booking_slot"},
    )
    messages, events = await run(ask, state)
    assert responses(messages) == ["utter_booking_not_for_age", "utter_fact"]
    assert messages[0]["ages_label"] == offered.ages.label
    assert [source["quote"] for source in messages[0]["custom"]["sources"]] == [s.quote for s in offered.sources]
    assert messages[1]["answer"] == offered.contact.answer, "whom to contact instead"
    assert after(state, events)["requested_slot"] is None, "the booking stops"

    of_age = tracker("book_conversation", slots={"municipality": municipality, "age": str(offered.ages.example)})
    assert "utter_booking_day" in responses((await run(ask, of_age))[0])


@pytest.mark.parametrize("municipality", OPEN)
@pytest.mark.parametrize("age", ["11", "16", "70"])
async def test_any_age_is_offered_times_where_the_standard_limits_none(
    knowledge_service: ServiceClient, municipality: str, age: str
) -> None:
    state = tracker("book_conversation", slots={"municipality": municipality, "age": age})
    messages, _ = await run(booking.ActionAskBookingSlot(knowledge_service), state)
    assert "utter_booking_day" in responses(messages)


@pytest.mark.parametrize("municipality", LIMITED)
async def test_an_age_said_after_choosing_a_time_stops_the_booking(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes], municipality: str
) -> None:
    offered = (await knowledge_service.place(municipality)).offered_to
    assert offered.ages
    start = (await knowledge_service.free_slots(municipality)).days[0].slots[0].start.isoformat()
    chosen = {"municipality": municipality, "booking_slot": start, "age": str(outside(offered.ages))}
    messages, _ = await run(booking.ActionAskBookingConfirmed(knowledge_service), tracker("inform_age", slots=chosen))
    assert responses(messages) == ["utter_booking_not_for_age", "utter_fact"]

    confirmed = tracker("affirm", slots=chosen | {"booking_confirmed": True})
    messages, events = await run(booking.ActionBookConversation(knowledge_service), confirmed)
    assert responses(messages) == ["utter_booking_not_for_age", "utter_fact"]
    assert "booking_code" not in slots(events)
    assert not redis_client.keys("vejviser:booking:*"), "nothing booked"
