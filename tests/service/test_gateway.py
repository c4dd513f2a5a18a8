"""The gateway keeps staff conversations apart from the public chat, and only it marks them as staff's."""

from __future__ import annotations

from contract.constants import STAFF_METADATA
from service.gateway import Conversation

SESSION = "a" * 32


def test_a_public_conversation_is_its_session_id_with_no_metadata() -> None:
    conversation = Conversation(SESSION)
    assert (conversation.sender, conversation.metadata) == (SESSION, None)


def test_a_staff_conversation_is_kept_apart_and_marked() -> None:
    conversation = Conversation(SESSION, staff="faxe")
    assert (conversation.sender, conversation.metadata) == (f"staff:faxe:{SESSION}", STAFF_METADATA)
