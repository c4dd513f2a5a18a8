"""The guided script for staff through `POST /api/staff/chat` on the real stack: the same bot, the knowledge base's
answers read aloud, a booking read back, conversations kept apart from the public chat, and counters only."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest
import redis

from knowledge.load import knowledge_base
from service.booking.codes import spoken_code
from stack.run import Stack
from tests.e2e.test_booking import CODE, slot_buttons
from tests.e2e.test_chat import chat

pytestmark = pytest.mark.e2e
KB = knowledge_base()


class StaffCall:
    """A staff member's guided conversation, with their municipality's token."""

    def __init__(self, stack: Stack, municipality: str) -> None:
        self.stack = stack
        self.headers = {"Authorization": f"Bearer {stack.config.staff_tokens[municipality]}"}
        self.session_id: str | None = None

    def press(self, payload: str) -> list[dict[str, Any]]:
        body = {"message": payload, "session_id": self.session_id}
        response = httpx.post(
            f"{self.stack.config.service_url}/api/staff/chat", json=body, headers=self.headers, timeout=60
        )
        assert response.status_code == 200, response.text
        self.session_id = response.json()["session_id"]
        replies: list[dict[str, Any]] = response.json()["replies"]
        return replies

    def step(self, path: str, **params: int) -> dict[str, Any]:
        response = httpx.get(f"{self.stack.config.service_url}/api/script/{path}", params=params, headers=self.headers)
        assert response.status_code == 200, response.text
        step: dict[str, Any] = response.json()
        return step


def button(replies: list[dict[str, Any]], payload_start: str) -> str:
    return next(str(b["payload"]) for r in replies for b in r["buttons"] if b["payload"].startswith(payload_start))


def booking_facts(stack: Stack, code: str) -> list[dict[str, Any]]:
    """The place and what happens there, as the booking API gives them."""
    booking = httpx.get(f"{stack.config.service_url}/api/bookings/{code}").json()
    return [booking["place"]["contact"], booking["about"]]


def guide(**state: str) -> str:
    return f"/start_guide{json.dumps(state)}"


@pytest.mark.parametrize("municipality", sorted(KB.standards))
def test_staff_read_the_knowledge_bases_answer_and_book_for_the_caller(stack: Stack, municipality: str) -> None:
    call = StaffCall(stack, municipality)
    assert "Hvilken kommune" in call.press("/start_guide")[0]["text"]
    assert "Hvem ringer" in call.press(guide(municipality=municipality))[0]["text"]
    assert "Hvad handler" in call.press(guide(municipality=municipality, caller="paaroerende"))[0]["text"]
    replies = call.press(guide(municipality=municipality, caller="paaroerende", guide_topic="paaroerende"))
    expected = call.step(f"{municipality}/paaroerende/paaroerende")
    read = [reply for reply in replies if reply["sources"]]
    assert [reply["text"] for reply in read] == [said["text"] for said in expected["read_aloud"] if said["sources"]]
    assert [reply["sources"] for reply in read] == [
        said["sources"] for said in expected["read_aloud"] if said["sources"]
    ]
    assert [b["title"] for b in replies[-1]["buttons"]][:-1] == [f["ask"] for f in expected["followups"]]

    slots = slot_buttons(call.press(button(replies, "/book_conversation")))
    assert "Skal jeg booke" in call.press(slots[0]["payload"])[0]["text"]
    booked = call.press("/affirm")
    assert booked[0]["text"].startswith("Tiden er booket: ")
    code = CODE.findall(booked[-1]["text"])[0]
    assert booked[-1]["text"].startswith(f"Læs koden {code} op, tegn for tegn: {spoken_code(code)}.")
    read = [reply["text"] for reply in booked[1:-1] if reply["sources"]]
    assert read == [fact["spoken"] for fact in booking_facts(stack, code)]
    said = " ".join(reply["text"] for reply in booked[1:-1] if not reply["sources"])
    booking = httpx.get(f"{stack.config.service_url}/api/bookings/{code}").json()
    assert ("Vejvisers standardtider" in said) is booking["default_hours"]
    assert ("nævner ikke, hvor samtalen holdes" in said) is (booking["place"]["name"] is None)

    day = slots[0]["payload"].split('"slot_start": "')[1][:10]
    listing = httpx.get(
        f"{stack.config.service_url}/api/staff/bookings",
        params={"municipality": municipality, "from": day, "to": day},
        headers=call.headers,
    ).json()
    assert {(b["code"], b["topic"]) for b in listing} >= {(code, "pårørende")}


def test_going_back_from_the_times_leaves_the_booking(stack: Stack) -> None:
    call = StaffCall(stack, "odsherred")
    assert slot_buttons(call.press('/book_conversation{"municipality": "odsherred"}'))
    step = call.press(guide(municipality="odsherred", caller="borger", guide_topic="pris"))
    assert step[0]["text"].startswith("Odsherred Kommune · Borger · Hvad behandlingen koster.")
    assert "Hvem ringer" in call.press(guide(municipality="odsherred"))[0]["text"]


def test_staff_conversations_are_kept_apart_from_the_public_chat(stack: Stack) -> None:
    call = StaffCall(stack, "faxe")
    call.press(guide(municipality="faxe", caller="borger"))
    client = redis.Redis(port=stack.config.redis_port)
    try:
        assert client.exists(f"vejviser:tracker:staff:faxe:{call.session_id}")
        assert not client.exists(f"vejviser:tracker:{call.session_id}")
    finally:
        client.close()
    # The same id in the public chat is another, public conversation: no guided script there.
    public = chat(stack, guide(municipality="faxe", caller="borger", guide_topic="pris"), call.session_id)
    assert [(r["text"], r["buttons"]) for r in public.json()["replies"]] == [
        ("Guidet forløb er for kommunernes rådgivere. Skriv bare dit spørgsmål til mig, så svarer jeg.", [])
    ]


def test_the_usage_figures_count_the_calls_with_no_text_or_identifiers(stack: Stack) -> None:
    call = StaffCall(stack, "vordingborg")
    call.press(guide(municipality="vordingborg", caller="borger", guide_topic="pris"))
    call.press(guide(municipality="vordingborg", caller="borger", guide_topic="klage"))
    chat(stack, "hvad koster behandlingen i vordingborg")
    stats = httpx.get(
        f"{stack.config.service_url}/api/staff/stats", params={"municipality": "vordingborg"}, headers=call.headers
    ).json()
    assert stats["total"]["conversations"] >= 2
    assert stats["total"]["questions"]["pris"] >= 2
    assert stats["total"]["questions"]["klage"] >= 1
    client = redis.Redis(port=stack.config.redis_port)
    try:
        for key in client.scan_iter("vejviser:usage:*"):
            assert re.fullmatch(rb"vejviser:usage:[a-z]+:\d{4}-\d{2}-\d{2}", key)
            fields = client.hgetall(key)
            assert all(re.fullmatch(rb"[a-z_]+(:[a-z_]+)?", field) for field in fields)
            assert all(value.isdigit() for value in fields.values())
            assert str(call.session_id).encode() not in key + b"".join(fields)
    finally:
        client.close()
