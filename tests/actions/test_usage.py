"""What the actions count for the usage figures: each conversation once per municipality, questions and fallbacks
by topic, never text. The only tests that know how the actions remember what they counted."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import redis
from rasa_sdk.events import SlotSet
from rasa_sdk.interfaces import Action, Tracker

from actions.answers import ActionAnswer
from actions.booking import ActionAskBookingSlot, ValidateBookingForm
from actions.booking_code import ActionManageBooking
from actions.guidet import ActionGuide
from actions.plumbing.client import ServiceClient
from actions.plumbing.usage import counted_event
from tests.actions.helpers import STAFF, USAGE_SLOT, booked, carried, run, step, tracker

pytestmark = pytest.mark.anyio


def figures(redis_client: redis.Redis[bytes], municipality: str) -> dict[str, str]:
    keys = redis_client.keys(f"vejviser:usage:{municipality}:*")
    return {k.decode(): v.decode() for key in keys for k, v in redis_client.hgetall(key).items()}


@pytest.mark.parametrize(
    ("slots_before", "events", "counted"),
    [
        ({}, [SlotSet("municipality", "faxe")], "faxe"),
        ({"municipality": "faxe"}, [], "faxe"),
        ({"municipality": "faxe", USAGE_SLOT: ["faxe"]}, [], None),
        ({"municipality": "faxe", USAGE_SLOT: ["faxe"]}, [SlotSet("municipality", "odsherred")], "odsherred"),
        ({}, [], None),
    ],
)
def test_a_conversation_is_counted_once_for_each_municipality_it_is_about(
    slots_before: dict[str, object], events: list[dict[str, object]], counted: str | None
) -> None:
    municipality, remember = counted_event(tracker("ask_pris", slots=slots_before), events)
    assert municipality == counted
    before = list(slots_before.get(USAGE_SLOT) or [])  # type: ignore[call-overload]
    assert remember == ([SlotSet(USAGE_SLOT, [*before, counted])] if counted else [])


# Actions that come to be about a municipality, each with a message it acts on.
ABOUT: list[tuple[Callable[[ServiceClient], Action], Callable[[], Tracker], str]] = [
    (ActionAnswer, lambda: tracker("ask_pris", {"municipality": ["faxe"]}, text="hvad koster det"), "faxe"),
    # Where the age decides the answer, the action asks for it; the conversation is about the municipality already.
    (
        ActionAnswer,
        lambda: tracker("ask_kontakt", {"municipality": ["frederiksberg"]}, text="hvor kan jeg få hjælp"),
        "frederiksberg",
    ),
    (ActionAnswer, lambda: tracker("inform_municipality", {"municipality": ["faxe"]}, text="faxe"), "faxe"),
    (ActionAnswer, lambda: tracker("english", {"municipality": ["faxe"]}, text="how much does it cost"), "faxe"),
    (ActionAskBookingSlot, lambda: tracker("book_conversation", slots={"municipality": "faxe"}), "faxe"),
    (
        ValidateBookingForm,
        lambda: tracker("choose_slot", slots={"municipality": "faxe", "requested_slot": "booking_slot"}),
        "faxe",
    ),
    (ActionGuide, lambda: step({"municipality": "faxe"}), "faxe"),
]


@pytest.mark.parametrize(("action", "state", "municipality"), ABOUT)
async def test_an_action_that_comes_to_be_about_a_municipality_counts_the_conversation_once(
    knowledge_service: ServiceClient,
    redis_client: redis.Redis[bytes],
    action: Callable[[ServiceClient], Action],
    state: Callable[[], Tracker],
    municipality: str,
) -> None:
    """Once, even when another action of the same turn follows: it starts from the slots the first one set."""
    _, events = await run(action(knowledge_service), state())
    assert figures(redis_client, municipality).get("conversations") == "1"
    following = tracker("ask_anonym", slots={"municipality": municipality, **carried(events)}, text="anonym?")
    await run(ActionAnswer(knowledge_service), following)
    assert figures(redis_client, municipality).get("conversations") == "1"


async def test_a_conversation_that_moves_on_to_another_municipality_counts_for_that_one_too(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes]
) -> None:
    answer = ActionAnswer(knowledge_service)
    _, events = await run(answer, tracker("ask_pris", {"municipality": ["faxe"]}, text="hvad koster det i faxe"))
    before = {"municipality": "faxe", **carried(events)}
    moved = tracker("inform_municipality", {"municipality": ["odsherred"]}, before, text="og i odsherred?")
    _, more = await run(answer, moved)
    before = {"municipality": "odsherred", **carried(events + more)}
    back = tracker("ask_klage", {"municipality": ["faxe"]}, before, text="hvordan klager jeg i faxe")
    await run(answer, back)
    assert figures(redis_client, "faxe")["conversations"] == "1"
    assert figures(redis_client, "odsherred")["conversations"] == "1"


async def test_a_booking_looked_up_by_code_counts_for_its_municipality(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes]
) -> None:
    made, _ = await booked(knowledge_service)
    lookup = tracker("manage_booking", {"booking_code": [made[0]["code"]]})  # another conversation, later
    await run(ActionManageBooking(knowledge_service), lookup)
    assert figures(redis_client, "faxe")["conversations"] == "2"


async def test_a_question_answered_is_counted_by_municipality_and_topic(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes]
) -> None:
    answer = ActionAnswer(knowledge_service)
    _, events = await run(answer, tracker("ask_pris", {"municipality": ["odsherred"]}, text="hvad koster det"))
    after = {"municipality": "odsherred", **carried(events)}
    await run(answer, tracker("ask_anonym", slots=after, text="kan jeg være anonym"))
    assert figures(redis_client, "odsherred") == {"conversations": "1", "questions:pris": "1", "questions:anonym": "1"}


async def test_a_comparison_counts_the_question_for_each_municipality(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes]
) -> None:
    state = tracker("ask_klage", {"municipality": ["faxe", "vordingborg"]}, text="hvordan klager jeg")
    await run(ActionAnswer(knowledge_service), state)
    assert figures(redis_client, "faxe") == {"questions:klage": "1"}
    assert figures(redis_client, "vordingborg") == {"questions:klage": "1"}


async def test_each_guided_answer_counts_as_a_question_and_each_conversation_once(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes]
) -> None:
    guide = ActionGuide(knowledge_service)
    where = {"municipality": "vordingborg", "caller": "borger", "guide_topic": "klage"}
    _, events = await run(guide, step(where))
    again = tracker("start_guide", {k: [v] for k, v in where.items()}, carried(events), metadata=STAFF)
    await run(guide, again)
    [key] = redis_client.keys("vejviser:usage:vordingborg:*")
    assert redis_client.hgetall(key) == {b"conversations": b"1", b"questions:klage": b"2"}


@pytest.mark.parametrize(("ranking", "guess"), [(["ask_pris", "ask_anonym"], "pris"), (["greet", "thanks"], "ukendt")])
async def test_a_fallback_is_counted_by_the_topic_guessed_never_the_text(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes], ranking: list[str], guess: str
) -> None:
    state = tracker(
        "nlu_fallback", slots={"municipality": "faxe"}, ranking=ranking, text="<NAVN> og blå bananer", confidence=0.5
    )
    await run(ActionAnswer(knowledge_service), state)
    assert figures(redis_client, "faxe") == {f"fallbacks:{guess}": "1", "conversations": "1"}


async def test_without_a_municipality_nothing_is_counted(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes]
) -> None:
    state = tracker("nlu_fallback", ranking=["ask_pris"], text="blå bananer", confidence=0.5)
    await run(ActionAnswer(knowledge_service), state)
    assert redis_client.keys("vejviser:usage:*") == []


async def test_counting_never_stands_in_the_way_of_an_answer(service_without_redis: ServiceClient) -> None:
    """With Redis down, the count is lost and the answer is given all the same."""
    answer = ActionAnswer(service_without_redis)
    messages, _ = await run(answer, tracker("ask_pris", {"municipality": ["faxe"]}, text="hvad koster det"))
    assert {message["response"] for message in messages} == {"utter_fact"}
