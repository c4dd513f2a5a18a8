"""`POST /api/chat` and `DELETE /api/chat/{session_id}`."""

from __future__ import annotations

import datetime
import re
import secrets
import unicodedata
from typing import Literal

from pydantic import BaseModel, Extra, Field, StrictStr, validator

from contract.constants import RemovedKind
from contract.models import SourcePublic

MAX_MESSAGE_CHARS = 2000
SESSION_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
MESSAGE_TOO_LONG = f"Beskeden er for lang. Skriv højst {MAX_MESSAGE_CHARS:,} tegn.".replace(",", ".")
MESSAGE_EMPTY = "Beskeden er tom. Skriv dit spørgsmål."
INVALID_SESSION_ID = "Samtalens id er ugyldigt. Start en ny samtale."
# Kept: line breaks and tabs. Dropped: other control characters and lone surrogates, which cannot be
# encoded as UTF-8 on the way to Rasa and Redis.
_KEPT_CONTROLS = {"\n", "\t"}


def clean_message(text: str) -> str:
    """Normalise to NFC (so æ/ø/å are single characters) and drop characters that are not text."""
    text = unicodedata.normalize("NFC", text)
    kept = (char for char in text if char in _KEPT_CONTROLS or unicodedata.category(char) not in ("Cc", "Cs"))
    return "".join(kept).strip()


def new_session_id() -> str:
    """128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


def is_valid_session_id(session_id: str) -> bool:
    return SESSION_ID_PATTERN.fullmatch(session_id) is not None


class ChatMessageCreate(BaseModel):
    session_id: StrictStr | None = Field(
        default=None, description="Leave out to start a new conversation; the answer carries a new id."
    )
    message: StrictStr = Field(
        ..., description=f"The user's message, 1 to {MAX_MESSAGE_CHARS} characters.", example="hej"
    )
    municipality: StrictStr | None = Field(
        default=None,
        description="A covered municipality's id: the conversation is in it from this message on, as if the person "
        "had chosen it (the widget embedded on a municipality's site sends it with the first message).",
        example="faxe",
    )

    class Config:
        extra = Extra.forbid

    @validator("session_id")
    def _valid_session_id(cls, value: str | None) -> str | None:
        if value is not None and not is_valid_session_id(value):
            raise ValueError(INVALID_SESSION_ID)
        return value

    @validator("message")
    def _clean_message(cls, value: str) -> str:
        if len(value) > MAX_MESSAGE_CHARS:
            raise ValueError(MESSAGE_TOO_LONG)
        cleaned = clean_message(value)
        if not cleaned:
            raise ValueError(MESSAGE_EMPTY)
        return cleaned


class ButtonPublic(BaseModel):
    title: str
    payload: str


class BookingCardPublic(BaseModel):
    """A booking as the chat shows it on a card: its time, place and code, nothing of who booked it."""

    code: str
    start: datetime.datetime
    end: datetime.datetime
    label: str
    municipality_name: str
    place_name: str | None
    address: str | None
    about: str | None = Field(default=None, description="What the conversation is for, in the standard's words.")


class ReplyPublic(BaseModel):
    text: str
    buttons: list[ButtonPublic] = []
    sources: list[SourcePublic] = []
    booking: BookingCardPublic | None = Field(default=None, description="The booking this reply confirms, for a card.")


class ChatPublic(BaseModel):
    session_id: str
    replies: list[ReplyPublic] = Field(..., min_items=1)
    removed: list[RemovedKind] = Field(
        [], description="Kinds of personal data removed from the message before anything stored or saw it."
    )


class HistoryEntryPublic(ReplyPublic):
    """One message the person saw: theirs (`user`, as stored, personal data removed) or Vejviser's (`bot`)."""

    who: Literal["user", "bot"]


class ChatHistoryPublic(BaseModel):
    session_id: str
    messages: list[HistoryEntryPublic]
