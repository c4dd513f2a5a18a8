"""The chat gateway: the browser's only way to Rasa."""

from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException, Response, status
from redis.exceptions import RedisError
from starlette.concurrency import run_in_threadpool

from service.api.deps import ChatLimitsDep, ConversationsDep, RasaDep, RedactorDep, SessionIdPath, SettingsDep
from service.api.errors import Responses, error_doc
from service.conversations import ConversationStore
from service.rasa import RasaUnavailable, to_replies
from service.schemas.chat import ChatMessageCreate, ChatPublic, ReplyPublic, new_session_id

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/chat", tags=["chat"])

RASA_DOWN = "Vejviser kan ikke svare lige nu. Prøv igen om lidt. Er det akut, så ring 112."
STORE_DOWN = "Samtalen kan ikke slettes lige nu. Prøv igen om lidt."
PERSONAL_DATA_REMOVED = (
    "Du behøver ikke skrive, hvem du er. Jeg har fjernet det fra din besked, så det hverken bliver læst eller gemt."
)
_ERRORS: Responses = {422: error_doc("Empty, oversized (over 2,000 characters) or malformed.")}


@router.post(
    "",
    response_model=ChatPublic,
    responses={
        **_ERRORS,
        429: error_doc("Too many messages from this conversation or client address in a minute."),
        503: error_doc("Rasa is down or gave no answer."),
    },
)
async def post_chat(
    body: ChatMessageCreate,
    rasa: RasaDep,
    redactor: RedactorDep,
    conversations: ConversationsDep,
    settings: SettingsDep,
    limits: ChatLimitsDep,
) -> ChatPublic:
    """Send a message; a missing `session_id` starts a new conversation with a new random id.

    Personal data (CPR and phone numbers, e-mail and street addresses, names) is replaced by a token such as
    `<CPR>` before Rasa sees the message; `removed` names the kinds, and the first time in a conversation a reply
    says so."""
    session_id = body.session_id or new_session_id()
    await limits.count(session_id)
    redaction = await run_in_threadpool(redactor.redact, body.message)
    try:
        replies = to_replies(await rasa.send(session_id, redaction.text))
    except RasaUnavailable as error:
        logger.warning("Rasa did not answer: %s", error)
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, RASA_DOWN) from error
    if not replies:
        logger.warning("Rasa answered with no replies.")
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, RASA_DOWN)
    if redaction.removed and await _first_notice(conversations, session_id, settings.tracker_expiry_seconds):
        replies.insert(0, ReplyPublic(text=PERSONAL_DATA_REMOVED))
    return ChatPublic(session_id=session_id, replies=replies, removed=redaction.removed)


async def _first_notice(conversations: ConversationStore, session_id: str, expiry_seconds: int) -> bool:
    try:
        return await conversations.first_privacy_notice(session_id, expiry_seconds)
    except (RedisError, OSError):  # the answer matters more than the notice
        return True


@router.delete(
    "/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses={**_ERRORS, 503: error_doc("Redis is down.")},
)
async def delete_chat(session_id: SessionIdPath, conversations: ConversationsDep) -> Response:
    """Delete the stored conversation ("slet min samtale"). Unknown ids get the same answer."""
    try:
        await conversations.delete(session_id)
    except (RedisError, OSError) as error:
        logger.warning("Could not delete a conversation: %s", type(error).__name__)
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, STORE_DOWN) from error
    return Response(status_code=status.HTTP_204_NO_CONTENT)
