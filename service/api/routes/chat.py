"""The public chat: the browser's only way to Rasa, through the gateway."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from service.api.deps import ConversationsDep, KnowledgeDep, ResourcesDep, SessionIdPath, known_municipality
from service.api.errors import RASA_UNAVAILABLE, STORE_UNAVAILABLE, Responses, error_doc
from service.api.limits import ChatLimitsDep
from service.gateway import Conversation, converse, history
from service.schemas.chat import ChatHistoryPublic, ChatMessageCreate, ChatPublic, new_session_id

router = APIRouter(prefix="/chat", tags=["chat"])
_ERRORS: Responses = {422: error_doc("Empty, oversized (over 2,000 characters) or malformed.")}


@router.post(
    "",
    response_model=ChatPublic,
    responses={
        **_ERRORS,
        404: error_doc("`municipality` is not one Vejviser covers; the message lists those it does."),
        429: error_doc("Too many messages from this conversation or client address in a minute."),
        **RASA_UNAVAILABLE,
    },
)
async def post_chat(
    body: ChatMessageCreate, resources: ResourcesDep, kb: KnowledgeDep, limits: ChatLimitsDep
) -> ChatPublic:
    """Send a message; a missing `session_id` starts a new conversation with a new random id. With
    `municipality`, the conversation is in that municipality from this message on.

    Personal data (CPR and phone numbers, e-mail and street addresses, names) is replaced by a token such as
    `<CPR>` before Rasa sees the message; `removed` names the kinds, and the first time in a conversation a reply
    says so."""
    if body.municipality is not None:
        known_municipality(kb, body.municipality)
    conversation = Conversation(body.session_id or new_session_id())
    await limits.hit(conversation.sender)
    return await converse(resources, conversation, body.message, body.municipality)


@router.get(
    "/{session_id}",
    response_model=ChatHistoryPublic,
    responses={
        **_ERRORS,
        429: error_doc("Too many requests from this conversation or client address."),
        **RASA_UNAVAILABLE,
    },
)
async def get_chat(session_id: SessionIdPath, resources: ResourcesDep, limits: ChatLimitsDep) -> ChatHistoryPublic:
    """What the person has seen of the conversation, for a page loaded again: their messages as stored (personal
    data removed), Vejviser's replies with buttons and sources. Unknown, expired and deleted ids: no messages."""
    conversation = Conversation(session_id)
    await limits.hit(conversation.sender)
    return await history(resources, conversation)


@router.delete(
    "/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses={**_ERRORS, **STORE_UNAVAILABLE},
)
async def delete_chat(session_id: SessionIdPath, conversations: ConversationsDep) -> Response:
    """Delete the stored conversation ("slet min samtale"). Unknown ids get the same answer."""
    await conversations.delete(session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
