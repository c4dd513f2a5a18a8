"""The guided script's action against the real service and a real Redis: every step by buttons, for staff only."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import redis
from rasa_sdk.events import ActionExecutionRejected

from actions.booking import ActionAskBookingSlot, ActionBookConversation, ValidateBookingForm
from actions.guidet import ActionGuide, is_staff
from actions.plumbing.client import ServiceClient
from contract.constants import STAFF_METADATA
from knowledge.booking import load_booking_places
from knowledge.load import knowledge_base
from knowledge.script import script, script_step
from service.booking.codes import spoken_code
from tests.actions.helpers import STAFF, responses, run, slots, step, tracker

pytestmark = pytest.mark.anyio
KB = knowledge_base()
PLACES = load_booking_places()


@pytest.fixture
def guide(knowledge_service: ServiceClient) -> ActionGuide:
    return ActionGuide(knowledge_service)


def state_of(payload: str) -> dict[str, str]:
    """The state a button's payload carries."""
    match = re.fullmatch(r"/start_guide(\{.*\})?", payload)
    assert match, payload
    state: dict[str, str] = json.loads(match[1]) if match[1] else {}
    return state


def test_the_action_server_knows_the_services_staff_mark() -> None:
    assert is_staff(tracker("start_guide", metadata=dict(STAFF_METADATA)))


@pytest.mark.parametrize("metadata", [None, {}, {"vejviser_channel": "chat"}, {"channel": "staff"}])
async def test_the_public_chat_has_no_guided_script(guide: ActionGuide, metadata: Any) -> None:
    messages, events = await run(guide, step({"municipality": "faxe"}, metadata))
    assert responses(messages) == ["utter_guide_staff_only"]
    assert "buttons" not in messages[0] or not messages[0]["buttons"]
    assert events == []


async def test_staff_choose_municipality_caller_and_topic_by_buttons(guide: ActionGuide) -> None:
    messages, _ = await run(guide, step({}))
    assert responses(messages) == ["utter_guide_ask_municipality"]
    assert [state_of(b["payload"]) for b in messages[0]["buttons"]] == [{"municipality": m} for m in KB.standards]

    messages, events = await run(guide, step({"municipality": "odsherred"}))
    assert responses(messages) == ["utter_guide_ask_caller"]
    assert [state_of(b["payload"])["caller"] for b in messages[0]["buttons"]] == list(script().callers)
    assert messages[0]["buttons"][0]["title"] == "Borger: Ringer om sig selv."
    assert slots(events)["municipality"] == "odsherred"

    messages, events = await run(guide, step({"municipality": "odsherred", "caller": "paaroerende"}))
    assert responses(messages) == ["utter_guide_ask_topic"]
    topics = [state_of(b["payload"])["guide_topic"] for b in messages[0]["buttons"]]
    assert topics == list(script().callers["paaroerende"].topics)
    assert slots(events)["caller"] == "paaroerende"


@pytest.mark.parametrize("municipality", sorted(KB.standards))
async def test_the_answer_read_aloud_is_the_scripts_with_its_sources(guide: ActionGuide, municipality: str) -> None:
    messages, events = await run(
        guide, step({"municipality": municipality, "caller": "fagperson", "guide_topic": "pris"})
    )
    expected = script_step(KB, script(), municipality, "fagperson", "pris")
    assert responses(messages) == ["utter_guide_read_aloud", *["utter_guide_answer"] * len(expected.read_aloud),
                                   "utter_guide_followups"]  # fmt: skip
    assert [m["answer"] for m in messages[1:-1]] == [said.text for said in expected.read_aloud]
    for message, said in zip(messages[1:-1], expected.read_aloud, strict=True):
        quotes = [source["quote"] for source in message["custom"]["sources"]]
        assert quotes == [source.quote for source in said.fact.sources] if said.fact else quotes == []
    buttons = messages[-1]["buttons"]
    assert [b["title"] for b in buttons] == [f.ask for f in expected.followups] + ["Andet emne"]
    booking_button = next(b for b in buttons if b["payload"].startswith("/book_conversation"))
    assert json.loads(booking_button["payload"].removeprefix("/book_conversation")) == {"municipality": municipality}
    assert slots(events)["topic"] == "pris"


async def test_where_age_matters_the_age_is_asked_and_carried_on(guide: ActionGuide) -> None:
    where = {"municipality": "frederiksberg", "caller": "ung", "guide_topic": "unge"}
    messages, _ = await run(guide, step(where))
    assert responses(messages) == ["utter_guide_ask_age"]
    assert [b["title"] for b in messages[0]["buttons"]] == ["under 15 år", "15-17 år"]
    chosen = state_of(messages[0]["buttons"][1]["payload"])
    messages, _ = await run(guide, step(chosen))
    assert responses(messages)[0] == "utter_guide_read_aloud"
    onwards = [state_of(b["payload"]) for b in messages[-1]["buttons"] if b["payload"].startswith("/start_guide")]
    assert all(state["age"] == "15" for state in onwards)


@pytest.mark.parametrize(("caller", "topic"), [("paaroerende", "pårørende"), ("ung", "ung"), ("borger", None)])
async def test_a_booking_for_a_caller_is_read_back_letter_by_letter(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes], caller: str, topic: str | None
) -> None:
    start = (await knowledge_service.free_slots("faxe")).days[0].slots[0].start.isoformat()
    booked = {"municipality": "faxe", "booking_slot": start, "booking_confirmed": True, "caller": caller}
    book = ActionBookConversation(knowledge_service)
    messages, events = await run(book, tracker("affirm", slots=booked, metadata=STAFF))
    assert responses(messages) == ["utter_guide_booked", "utter_booking_default_hours", "utter_guide_answer",
                                   "utter_guide_answer", "utter_guide_read_code"]  # fmt: skip
    code = slots(events)["booking_code"]
    assert messages[-1]["code"] == code
    assert messages[-1]["code_spoken"] == spoken_code(code)
    place = KB.facts_by_id["faxe-kontakt-rusmiddelcenter"]
    assert messages[2]["answer"] == place.spoken, "the place as it is said: snabel-a, the phone two by two"
    assert messages[2]["custom"]["sources"][0]["quote"] == place.sources[0].quote
    assert state_of(messages[-1]["buttons"][0]["payload"]) == {"municipality": "faxe", "caller": caller}
    stored = redis_client.hget(f"vejviser:booking:{code}", "topic")
    assert (stored or b"").decode() == (topic or "")


async def test_the_public_chat_books_without_a_read_back(knowledge_service: ServiceClient) -> None:
    start = (await knowledge_service.free_slots("faxe")).days[0].slots[0].start.isoformat()
    booked = {"municipality": "faxe", "booking_slot": start, "booking_confirmed": True, "caller": "ung"}
    messages, _ = await run(ActionBookConversation(knowledge_service), tracker("affirm", slots=booked))
    assert responses(messages) == [
        "utter_booking_confirmed",
        "utter_booking_default_hours",
        "utter_fact",
        "utter_fact",
        "utter_booking_anonymous",
    ]


async def test_a_guided_step_during_booking_leaves_the_booking(knowledge_service: ServiceClient) -> None:
    """Back from the times to the guided script: the form refuses the step, and the rules show it."""
    state = step({"municipality": "faxe", "caller": "borger", "guide_topic": "pris"})
    messages, events = await run(ValidateBookingForm(knowledge_service), state)
    assert (messages, events) == ([], [ActionExecutionRejected("booking_form")])


@pytest.mark.parametrize("municipality", sorted(PLACES))
async def test_a_young_caller_is_offered_times_only_where_the_conversation_is_for_them(
    knowledge_service: ServiceClient, municipality: str
) -> None:
    """ "Ung under 18", no age given: times only where the conversation is for some age under 18; else whom it is
    for, and whom to refer the caller to."""
    young = next(caller for caller in await knowledge_service.callers() if caller.id == "ung")
    assert young.max_age is not None
    offered = (await knowledge_service.place(municipality)).offered_to
    for_them = any(offered.includes(age) for age in range(young.max_age + 1))
    state = tracker("book_conversation", slots={"municipality": municipality, "caller": "ung"}, metadata=STAFF)
    messages, _ = await run(ActionAskBookingSlot(knowledge_service), state)
    said = responses(messages)
    assert ("utter_booking_day" in said) is for_them
    if not for_them:
        assert said == ["utter_booking_not_for_age", "utter_fact"]
        assert offered.contact
        assert messages[1]["answer"] == offered.contact.answer


@pytest.mark.parametrize("municipality", sorted(PLACES))
async def test_staff_read_aloud_whose_hours_they_are_and_that_no_place_is_named(
    knowledge_service: ServiceClient, municipality: str
) -> None:
    free = await knowledge_service.free_slots(municipality)
    start = free.days[0].slots[0].start.isoformat()
    booked = {"municipality": municipality, "booking_slot": start, "booking_confirmed": True, "caller": "borger"}
    messages, _ = await run(ActionBookConversation(knowledge_service), tracker("affirm", slots=booked, metadata=STAFF))
    said = responses(messages)
    assert said[0] == ("utter_guide_booked" if free.place.name else "utter_guide_booked_no_place")
    assert ("utter_booking_default_hours" in said) is free.default_hours
    assert ("utter_booking_place_not_named" in said) is (free.place.name is None)
    assert said[-1] == "utter_guide_read_code"
    assert messages[said.index("utter_guide_read_code") - 2]["answer"] == free.place.contact.spoken
