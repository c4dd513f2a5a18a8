"""The chat gateway: every message on its way to Rasa passes here, stripped of personal data first."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool

from contract.constants import STAFF_METADATA
from contract.models import SourcePublic
from knowledge.base import KnowledgeBase
from service.rasa import RasaMessage, payload_parts, said_by_bot, to_replies
from service.resources import Resources
from service.schemas.chat import ChatHistoryPublic, ChatPublic, HistoryEntryPublic, ReplyPublic
from service.settings import Settings
from service.stores.base import StoreUnavailable

logger = logging.getLogger(__name__)
# Rasa's slot for the municipality the conversation is in (bot/domain/kommune.yml).
MUNICIPALITY_SLOT = "municipality"
# When Rasa answers with nothing because a part behind it is down; then the contact of the conversation's
# municipality ("Faxe Kommune"), or of every municipality ("din kommune").
CANNOT_ANSWER = (
    "Jeg kan ikke svare på dit spørgsmål lige nu. Prøv igen om lidt. Er det akut, så ring 112. "
    "Du kan også ringe til {whom}:"
)
# Only what is true: what the gateway found is removed before anything stores the message, and the conversation is
# gone from Redis and its disk when the person deletes it, or at most {hours} hours after the last message
# (the tracker's expiry and the next rewrite of the append-only file).
PERSONAL_DATA_REMOVED = (
    "Du behøver ikke skrive, hvem du er. Jeg fjernede de navne, numre og adresser, jeg fandt i din besked, "
    "før den blev gemt. Samtalen slettes, når du trykker Slet samtale, og ellers senest {hours} timer efter din "
    "sidste besked."
)


def personal_data_removed(settings: Settings) -> str:
    seconds = settings.tracker_expiry_seconds + settings.aof_rewrite_interval_seconds
    return PERSONAL_DATA_REMOVED.format(hours=math.ceil(seconds / 3600))


@dataclass(frozen=True)
class Conversation:
    """A chat session, and for a staff member's the municipality whose token started it."""

    session_id: str
    staff: str | None = None

    @property
    def sender(self) -> str:
        """Who Rasa talks to: the session id, or `staff:<municipality>:<session id>`, which no public session id
        can be, so staff conversations are kept apart."""
        return f"staff:{self.staff}:{self.session_id}" if self.staff else self.session_id

    @property
    def metadata(self) -> dict[str, str] | None:
        """Only the service sets metadata, so the public chat cannot claim to be staff (the actions offer the guided
        script to staff only)."""
        return STAFF_METADATA if self.staff else None


async def converse(
    resources: Resources, conversation: Conversation, message: str, municipality: str | None = None
) -> ChatPublic:
    """Remove personal data, and answer the message with Rasa's replies, in `municipality` if given (a covered
    one's id). RasaUnavailable when Rasa cannot be reached; when it answers with nothing, whom to call instead."""
    redaction = await run_in_threadpool(resources.redactor.redact, message)
    sender = conversation.sender
    if municipality is not None:
        await resources.rasa.set_slot(sender, MUNICIPALITY_SLOT, municipality)
    text = await resources.rasa.as_rasa_may_see_it(redaction.text)
    replies = to_replies(await resources.rasa.send(sender, text, conversation.metadata))
    if not replies:
        # Rasa is up, but a part behind it is not (the action server, Redis): no silence, whom to call instead.
        logger.warning("Rasa answered with no replies.")
        replies = await _whom_to_call(resources, sender)
    if redaction.removed and await _first_notice(resources, sender):
        replies.insert(0, ReplyPublic(text=personal_data_removed(resources.settings)))
    return ChatPublic(session_id=conversation.session_id, replies=replies, removed=redaction.removed)


async def _whom_to_call(resources: Resources, sender: str) -> list[ReplyPublic]:
    """The conversation's municipality's contact, from its own standard; every municipality's, if Rasa cannot say
    which it is."""
    kb, places = resources.knowledge.base, resources.knowledge.booking_places
    municipality = await resources.rasa.slot(sender, MUNICIPALITY_SLOT)
    known = municipality in kb.standards
    whom = f"{kb.standard(municipality).name} Kommune" if known else "din kommune"
    replies = [ReplyPublic(text=CANNOT_ANSWER.format(whom=whom))]
    for m in [municipality] if known else list(kb.standards):
        fact = kb.facts_by_id[places[m].place.fact]
        sources = [SourcePublic.from_orm(source) for source in fact.sources]
        replies.append(ReplyPublic(text=f"{kb.standard(m).name} Kommune: {fact.answer}", sources=sources))
    return replies


async def _first_notice(resources: Resources, sender: str) -> bool:
    try:
        return await resources.stores.conversations.first_privacy_notice(
            sender, resources.settings.tracker_expiry_seconds
        )
    except StoreUnavailable:  # the answer matters more than the notice
        return True


async def history(resources: Resources, conversation: Conversation) -> ChatHistoryPublic:
    """What the person has seen of the conversation, for a page that is loaded again. RasaUnavailable when Rasa
    cannot be reached."""
    events = await resources.rasa.events(conversation.sender)
    return ChatHistoryPublic(
        session_id=conversation.session_id, messages=visible_history(events, resources.knowledge.base)
    )


def visible_history(events: list[RasaMessage], kb: KnowledgeBase) -> list[HistoryEntryPublic]:
    """The person's messages as stored (personal data already removed; a button by its title) and Vejviser's
    replies with their buttons and sources, in order."""
    shown: list[HistoryEntryPublic] = []
    titles: dict[str, str] = {}  # the buttons offered so far, by payload
    replies: list[RasaMessage] = []
    # An empty last turn shows the replies to the person's last message.
    for event in [*events, {"event": "user"}]:
        if event.get("event") == "bot":
            messages = said_by_bot(event)
            replies += messages
            titles |= {b["payload"]: b["title"] for message in messages for b in message.get("buttons", [])}
        elif event.get("event") == "user":
            shown += [HistoryEntryPublic(who="bot", **reply.dict()) for reply in to_replies(replies)]
            replies = []
            text = str(event.get("text") or "")
            said = titles.get(text) or button_title(text, kb) if text.startswith("/") else text
            if said:
                shown.append(HistoryEntryPublic(who="user", text=said))
    return shown


def button_title(payload: str, kb: KnowledgeBase) -> str | None:
    """A button the bot did not offer (the widget's chips) by what it asks: a topic's label, a municipality's name."""
    intent, entities = payload_parts(payload) or ("", {})
    topic = intent.removeprefix("ask_")
    if intent.startswith("ask_") and topic in kb.topics:
        return kb.topics[topic].label.capitalize()
    municipality = entities.get("municipality")
    if intent == "inform_municipality" and municipality in kb.standards:
        return kb.standards[municipality].name
    return None
