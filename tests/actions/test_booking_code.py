"""Finding a booking by its code and cancelling it, against the real service and a real Redis."""

from __future__ import annotations

import pytest
import redis
from rasa_sdk.interfaces import Tracker

from actions.booking_code import ActionCancelBooking, ActionManageBooking
from actions.plumbing.client import ServiceClient
from knowledge.booking import load_booking_places
from tests.actions.helpers import booked, responses, run, slots, tracker

pytestmark = pytest.mark.anyio


async def test_a_booking_is_found_by_its_code_and_cancelled(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes]
) -> None:
    made, _ = await booked(knowledge_service)
    code = made[0]["code"]
    typed = code.lower().replace("-", " ")
    manage = ActionManageBooking(knowledge_service)
    messages, events = await run(manage, tracker("manage_booking", {"booking_code": [typed]}))
    assert responses(messages) == ["utter_booking_found"]
    assert messages[0]["label"] == made[0]["label"]
    assert [button["payload"] for button in messages[0]["buttons"]] == ["/affirm", "/deny"]
    assert slots(events) == {"booking_code": code, "municipality": "faxe"}

    cancel = ActionCancelBooking(knowledge_service)
    messages, events = await run(cancel, tracker("affirm", slots={"booking_code": code}))
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
    messages, _ = await run(ActionManageBooking(knowledge_service), tracker("manage_booking", entities))
    assert responses(messages) == [reply]


async def test_wrong_codes_are_limited_per_conversation(knowledge_service: ServiceClient) -> None:
    manage = ActionManageBooking(knowledge_service)
    state = tracker("manage_booking", {"booking_code": ["ABC-DEF-GHJ"]})
    replies = [responses((await run(manage, state))[0])[0] for _ in range(11)]
    assert replies == ["utter_booking_not_found"] * 10 + ["utter_booking_too_many_codes"]
    other_conversation = Tracker("other-session", {}, state.latest_message, [], False, None, {}, "action_listen")
    assert responses((await run(manage, other_conversation))[0]) == ["utter_booking_not_found"]


@pytest.mark.parametrize("municipality", sorted(load_booking_places()))
async def test_a_booking_found_gives_its_place_only_where_the_standard_names_one(
    knowledge_service: ServiceClient, municipality: str
) -> None:
    start = (await knowledge_service.free_slots(municipality)).days[0].slots[0].start
    made = await knowledge_service.book(municipality, start)
    messages, _ = await run(
        ActionManageBooking(knowledge_service), tracker("manage_booking", {"booking_code": [made.code]})
    )
    named = made.place.name is not None
    assert responses(messages) == ["utter_booking_found" if named else "utter_booking_found_no_place"]
    assert messages[0]["place_name"] == made.place.name
