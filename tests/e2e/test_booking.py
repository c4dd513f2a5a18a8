"""Booking, looking up and cancelling the clarifying conversation through `POST /api/chat`, the whole chain real."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
import redis

from knowledge.booking import load_booking_places
from knowledge.load import knowledge_base
from stack.run import Stack
from tests.e2e.test_chat import chat

pytestmark = pytest.mark.e2e
CODE = re.compile(r"\b[A-HJKMNP-Z2-9]{3}-[A-HJKMNP-Z2-9]{3}-[A-HJKMNP-Z2-9]{3}\b")
KB = knowledge_base()
PLACES = load_booking_places()
# Where the standard limits whom the conversation is for by age.
LIMITED = sorted(m for m, place in PLACES.items() if place.ages)
# Said with the slots and the booking where the standard gives no opening hours, and where it names no place.
DEFAULT_HOURS = "Vejvisers standardtider"
NO_PLACE = "nævner ikke, hvor samtalen holdes"


class Conversation:
    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.session_id: str | None = None
        # The kinds of personal data the gateway removed from the last message.
        self.removed: list[str] = []

    def say(self, message: str) -> list[dict[str, Any]]:
        response = chat(self.stack, message, self.session_id)
        assert response.status_code == 200, response.text
        self.session_id = response.json()["session_id"]
        self.removed = response.json()["removed"]
        replies: list[dict[str, Any]] = response.json()["replies"]
        return replies


def slot_buttons(replies: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [button for reply in replies for button in reply["buttons"] if button["payload"].startswith("/choose_slot")]


def text(replies: list[dict[str, Any]]) -> str:
    return "\n".join(reply["text"] for reply in replies)


def test_book_look_up_and_cancel_in_the_chat(stack: Stack) -> None:
    talk = Conversation(stack)
    offered = talk.say("jeg vil gerne booke en anonym samtale i faxe")
    assert "ledige tider" in text(offered)
    assert "Faxe Kommune" in text(offered)
    buttons = slot_buttons(offered)
    assert buttons
    assert all(button["title"].startswith("kl. ") for button in buttons)
    assert {"title": "Flere tider", "payload": "/more_slots"} in offered[-1]["buttons"]

    confirm = talk.say(buttons[0]["payload"])
    assert "Skal jeg booke tiden?" in text(confirm)
    assert [button["payload"] for button in confirm[-1]["buttons"]] == ["/affirm", "/deny"]

    booked = talk.say("ja tak")
    code = CODE.search(text(booked))
    assert code, text(booked)
    assert "Præstøvej 78" in text(booked)
    assert "CPR" in text(booked)
    assert all(source["municipality"] == "faxe" for reply in booked for source in reply["sources"])
    assert any(reply["sources"] for reply in booked)
    assert httpx.get(f"{stack.config.service_url}/api/bookings/{code.group()}").status_code == 200

    # Later, in another conversation, with the code typed the way people type it.
    later = Conversation(stack)
    found = later.say(f"jeg vil aflyse min tid {code.group().lower().replace('-', ' ')}")
    assert "Vil du aflyse den?" in text(found), text(found)
    cancelled = later.say("ja")
    assert "er aflyst" in text(cancelled)
    assert httpx.get(f"{stack.config.service_url}/api/bookings/{code.group()}").status_code == 404


def test_a_question_during_booking_is_answered_and_the_booking_goes_on(stack: Stack) -> None:
    talk = Conversation(stack)
    first = slot_buttons(talk.say("kan jeg faa en tid i odsherred"))
    more = slot_buttons(talk.say("flere tider"))
    assert more
    assert more[0] != first[0]
    answered = talk.say("hvad koster det")
    assert any(reply["sources"] for reply in answered)
    assert slot_buttons(answered), "the slots are offered again after the answer"
    confirm = talk.say("den første")
    assert "Skal jeg booke tiden?" in text(confirm)
    assert "Vælg en anden tid" in text(talk.say("nej"))


@pytest.mark.parametrize("message", ["den første", "har du andre tider"])
def test_a_time_asked_for_with_no_booking_going_on_gets_the_offer_to_book(stack: Stack, message: str) -> None:
    """Never silence (which the gateway could only answer with "Prøv igen om lidt")."""
    talk = Conversation(stack)
    talk.say("hvad koster det i faxe")
    replies = talk.say(message)
    assert any(button["payload"] == "/book_conversation" for reply in replies for button in reply["buttons"]), text(
        replies
    )
    # A typed yes to the offer starts the booking in the municipality already named.
    offered = talk.say("ja")
    assert slot_buttons(offered), text(offered)
    assert "Faxe Kommune" in text(offered)


def test_the_municipality_is_asked_for_when_none_is_known(stack: Stack) -> None:
    talk = Conversation(stack)
    asked = talk.say("jeg vil gerne have en tid til en samtale")
    assert "Hvilken kommune" in text(asked)
    slots = talk.say('/inform_municipality{"municipality": "frederiksberg"}')
    assert "Frederiksberg Kommune" in text(slots)
    assert slot_buttons(slots)
    assert "ikke booket" in text(talk.say("nej"))


def test_a_wrong_code_gets_a_plain_answer(stack: Stack) -> None:
    assert "kan ikke finde" in text(Conversation(stack).say("hvornår er min tid ABC-DEF-GHJ"))


def test_50_parallel_bookings_of_one_place_over_http_give_exactly_one(stack: Stack) -> None:
    """The same race as the in-process test, over 50 real connections to the running service."""
    url = stack.config.service_url
    slots = httpx.get(f"{url}/api/bookings/slots", params={"municipality": "vordingborg"}).json()
    start = slots["days"][-1]["slots"][-1]["start"]
    body = {"municipality": "vordingborg", "start": start}
    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = sorted(pool.map(lambda _: httpx.post(f"{url}/api/bookings", json=body).status_code, range(50)))
    assert statuses == [201] + [409] * 49
    client = redis.Redis(port=stack.config.redis_port)
    assert client.scard(f"vejviser:slot:vordingborg:{start}") == 1
    client.close()


def test_a_question_about_another_municipality_during_booking_is_answered(stack: Stack) -> None:
    talk = Conversation(stack)
    assert slot_buttons(talk.say("jeg vil gerne booke en tid i faxe"))
    replies = talk.say("hvad koster det i odsherred")
    assert any(reply["text"].startswith("Odsherred Kommune: ") and reply["sources"] for reply in replies)
    assert slot_buttons(replies), "and the booking goes on"


def place_of(stack: Stack, municipality: str) -> dict[str, Any]:
    slots: dict[str, Any] = httpx.get(
        f"{stack.config.service_url}/api/bookings/slots", params={"municipality": municipality}
    ).json()
    return slots


@pytest.mark.parametrize("municipality", sorted(PLACES))
def test_a_booking_says_whose_hours_they_are_and_gives_only_a_place_the_standard_names(
    stack: Stack, municipality: str
) -> None:
    slots = place_of(stack, municipality)
    talk = Conversation(stack)
    offered = talk.say(f"jeg vil gerne booke en anonym samtale i {KB.standard(municipality).name.lower()}")
    buttons = slot_buttons(offered)
    assert buttons, text(offered)
    assert (DEFAULT_HOURS in text(offered)) is slots["default_hours"], text(offered)
    confirm = talk.say(buttons[0]["payload"])
    assert "Skal jeg booke tiden?" in text(confirm)
    booked = talk.say("ja tak")
    assert CODE.search(text(booked)), text(booked)
    assert (DEFAULT_HOURS in text(booked)) is slots["default_hours"]
    place = slots["place"]
    if place["name"] is None:
        assert NO_PLACE in text(confirm)
        assert NO_PLACE in text(booked)
        assert place["contact"]["answer"] in text(booked), "whom to ask where"
    else:
        assert place["name"] in text(confirm)
        assert place["name"] in text(booked)
        assert NO_PLACE not in text(booked)


@pytest.mark.parametrize("municipality", LIMITED)
def test_no_time_is_offered_to_an_age_the_conversation_is_not_for(stack: Stack, municipality: str) -> None:
    offered_to = place_of(stack, municipality)["place"]["offered_to"]
    ages = offered_to["ages"]
    too_young = int(ages["min"]) - 1
    talk = Conversation(stack)
    talk.say(f"jeg er {too_young} år")
    replies = talk.say(f"jeg vil gerne booke en anonym samtale i {KB.standard(municipality).name.lower()}")
    assert not slot_buttons(replies), text(replies)
    assert ages["label"] in text(replies)
    assert offered_to["contact"]["answer"] in text(replies), "whom to contact instead"
    assert any(source["quote"] == offered_to["sources"][0]["quote"] for r in replies for source in r["sources"])

    of_age = Conversation(stack)
    of_age.say(f"jeg er {ages['example']} år")
    assert slot_buttons(of_age.say(f"kan jeg booke en tid i {KB.standard(municipality).name.lower()}"))


@pytest.mark.parametrize("municipality", LIMITED)
def test_an_hour_typed_as_a_bare_number_while_times_are_offered_is_not_taken_for_an_age(
    stack: Stack, municipality: str
) -> None:
    """ "10" typed beside the button "kl. 10.00" is ten o'clock: the booking goes on, not refused as for a child."""
    talk = Conversation(stack)
    assert slot_buttons(talk.say(f"jeg vil gerne booke en samtale i {KB.standard(municipality).name.lower()}"))
    replies = talk.say("10")
    assert slot_buttons(replies), text(replies)
    assert place_of(stack, municipality)["place"]["offered_to"]["ages"]["label"] not in text(replies)
