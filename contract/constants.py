"""Fixed words that cross the process boundary: a header, message metadata, the privacy tokens, usage measures and
booking topics. Each is defined here once; the service and the actions import it."""

from __future__ import annotations

from typing import Literal

# With the internal token, the action server names the chat session it acts for in this header, so that the
# service counts wrong booking codes and bookings per conversation and the address it chats from, instead of per
# the server's address (which every chat shares).
SESSION_HEADER = "X-Vejviser-Session"

# Message metadata that only the service sets, on staff messages: the actions offer the guided script then.
CHANNEL_KEY = "vejviser_channel"
STAFF_CHANNEL = "staff"
STAFF_METADATA = {CHANNEL_KEY: STAFF_CHANNEL}

# The kinds of personal data the gateway removes, and the token that stands in their place in what Rasa sees.
RemovedKind = Literal["cpr", "telefon", "email", "adresse", "navn"]
PERSONAL_DATA_TOKENS: dict[RemovedKind, str] = {
    "cpr": "<CPR>",
    "telefon": "<TELEFON>",
    "email": "<EMAIL>",
    "adresse": "<ADRESSE>",
    "navn": "<NAVN>",
}

# Anonymous usage figures. The action server counts conversations, questions and fallbacks; the booking API counts
# bookings made and cancelled. Questions and fallbacks are counted by topic.
Measure = Literal["conversations", "questions", "fallbacks", "bookings_made", "bookings_cancelled"]
ActionMeasure = Literal["conversations", "questions", "fallbacks"]
BY_TOPIC: tuple[Measure, ...] = ("questions", "fallbacks")
# The topic of a fallback whose intent ranking named no topic.
NO_TOPIC = "ukendt"

# Whom a fact is written for; "alle" is everyone.
Audience = Literal["borger", "pårørende", "ung", "alle"]

# The only thing a booking may say about its purpose; never free text.
BookingTopic = Literal["stoffer", "alkohol", "pårørende", "ung"]
