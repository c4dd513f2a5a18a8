"""The gateway keeps staff conversations apart from the public chat, and only it marks them as staff's."""

from __future__ import annotations

from typing import Any

from contract.constants import STAFF_METADATA
from knowledge.load import knowledge_base
from service.gateway import Conversation, visible_history

SESSION = "a" * 32


def test_a_public_conversation_is_its_session_id_with_no_metadata() -> None:
    conversation = Conversation(SESSION)
    assert (conversation.sender, conversation.metadata) == (SESSION, None)


def test_a_staff_conversation_is_kept_apart_and_marked() -> None:
    conversation = Conversation(SESSION, staff="faxe")
    assert (conversation.sender, conversation.metadata) == (f"staff:faxe:{SESSION}", STAFF_METADATA)


KB = knowledge_base()
SOURCE = {"document": "Kvalitetsstandard", "municipality": "faxe", "section": "Pris", "quote": "gratis"}


def user(text: str) -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": "x"}}}


def bot(text: str | None, buttons: list[dict[str, str]] | None = None, custom: Any = None) -> dict[str, Any]:
    return {"event": "bot", "text": text, "data": {"buttons": buttons, "custom": custom}}


def test_the_history_is_what_the_person_saw_in_order() -> None:
    offered = [{"title": "Faxe", "payload": '/inform_municipality{"municipality": "faxe"}'}]
    events = [
        {"event": "action", "name": "action_session_start"},
        {"event": "slot", "name": "municipality", "value": "faxe"},
        user("hvad koster det, jeg hedder <NAVN>"),
        bot("Hvilken kommune bor du i?", offered),
        user('/inform_municipality{"municipality": "faxe"}'),
        bot("Faxe Kommune: Det er gratis.", custom={"sources": [SOURCE]}),
        bot("Mere?", [{"title": "Mere om pris", "payload": "/more_about"}]),
        user("/ask_anonym"),
        user('/inform_municipality{"municipality": "aalborg"}'),
    ]
    shown = [
        (entry.who, entry.text, [b.title for b in entry.buttons], len(entry.sources))
        for entry in visible_history(events, KB)
    ]
    assert shown == [
        ("user", "hvad koster det, jeg hedder <NAVN>", [], 0),
        ("bot", "Hvilken kommune bor du i?", ["Faxe"], 0),
        ("user", "Faxe", [], 0),
        ("bot", "Faxe Kommune: Det er gratis.", [], 1),
        ("bot", "Mere?", ["Mere om pris"], 0),
        # A chip the bot did not offer, by the label of its topic; a payload that says nothing known is left out.
        ("user", KB.topics["anonym"].label.capitalize(), [], 0),
    ]


def test_an_unknown_conversation_has_no_history() -> None:
    assert visible_history([], KB) == []
