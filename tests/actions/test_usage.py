"""What the actions count for the usage figures: each conversation once per municipality, questions and fallbacks
by topic, never text."""

from __future__ import annotations

import pytest
import redis
from rasa_sdk.events import SlotSet

from actions.answers import ActionAnswerTopic
from actions.client import ServiceClient
from actions.samtale import ActionClarify
from actions.usage import counted_event
from tests.actions.helpers import run, slots, tracker

pytestmark = pytest.mark.anyio


def figures(redis_client: redis.Redis[bytes], municipality: str) -> dict[str, str]:
    keys = redis_client.keys(f"vejviser:usage:{municipality}:*")
    return {k.decode(): v.decode() for key in keys for k, v in redis_client.hgetall(key).items()}


@pytest.mark.parametrize(
    ("slots_before", "events", "counted"),
    [
        ({}, [SlotSet("municipality", "faxe")], "faxe"),
        ({"municipality": "faxe"}, [], "faxe"),
        ({"municipality": "faxe", "usage_counted": ["faxe"]}, [], None),
        ({"municipality": "faxe", "usage_counted": ["faxe"]}, [SlotSet("municipality", "odsherred")], "odsherred"),
        ({}, [], None),
    ],
)
def test_a_conversation_is_counted_once_for_each_municipality_it_is_about(
    slots_before: dict[str, object], events: list[dict[str, object]], counted: str | None
) -> None:
    municipality, remember = counted_event(tracker("ask_pris", slots=slots_before), events)
    assert municipality == counted
    before = list(slots_before.get("usage_counted") or [])  # type: ignore[call-overload]
    assert remember == ([SlotSet("usage_counted", [*before, counted])] if counted else [])


async def test_a_question_answered_is_counted_by_municipality_and_topic(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes]
) -> None:
    _, events = await run(ActionAnswerTopic(), tracker("ask_pris", {"municipality": ["odsherred"]}))
    await run(ActionAnswerTopic(), tracker("ask_anonym", slots={"municipality": "odsherred", **slots(events)}))
    assert figures(redis_client, "odsherred") == {"conversations": "1", "questions:pris": "1", "questions:anonym": "1"}


async def test_a_comparison_counts_the_question_for_each_municipality(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes]
) -> None:
    await run(ActionAnswerTopic(), tracker("ask_klage", {"municipality": ["faxe", "vordingborg"]}))
    assert figures(redis_client, "faxe") == {"questions:klage": "1"}
    assert figures(redis_client, "vordingborg") == {"questions:klage": "1"}


@pytest.mark.parametrize(
    ("ranking", "guess"), [(["nlu_fallback", "ask_pris", "ask_anonym"], "pris"), (["greet", "thanks"], "ukendt")]
)
async def test_a_fallback_is_counted_by_the_topic_guessed_never_the_text(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes], ranking: list[str], guess: str
) -> None:
    state = tracker(
        "nlu_fallback", slots={"municipality": "faxe"}, ranking=ranking, text="min søn hedder <NAVN> og ryger"
    )
    await run(ActionClarify(), state)
    assert figures(redis_client, "faxe") == {f"fallbacks:{guess}": "1", "conversations": "1"}


async def test_without_a_municipality_nothing_is_counted(
    knowledge_service: ServiceClient, redis_client: redis.Redis[bytes]
) -> None:
    await run(ActionClarify(), tracker("nlu_fallback", ranking=["ask_pris"]))
    assert redis_client.keys("vejviser:usage:*") == []


async def test_counting_never_stands_in_the_way_of_an_answer(service_without_redis: ServiceClient) -> None:
    """With Redis down, the count is lost and the answer is given all the same."""
    messages, _ = await run(ActionAnswerTopic(), tracker("ask_pris", {"municipality": ["faxe"]}))
    assert {message["response"] for message in messages} == {"utter_fact"}
