"""`/api/staff/chat`: the guided script and staff's own questions, through the same bot as the public chat."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.auth import StaffMunicipalityDep
from service.api.deps import ResourcesDep
from service.api.errors import RASA_UNAVAILABLE, error_doc
from service.api.limits import ChatLimitsDep
from service.gateway import Conversation, converse
from service.schemas.chat import ChatMessageCreate, ChatPublic, new_session_id

router = APIRouter(tags=["staff"])


@router.post(
    "/chat",
    response_model=ChatPublic,
    responses={
        422: error_doc("Empty, oversized (over 2,000 characters) or malformed."),
        429: error_doc("Too many messages in a minute."),
        **RASA_UNAVAILABLE,
    },
)
async def staff_chat(
    body: ChatMessageCreate, staff: StaffMunicipalityDep, resources: ResourcesDep, limits: ChatLimitsDep
) -> ChatPublic:
    """The guided script ("Guidet forløb": send `/start_guide` to begin) and questions typed by staff, through the
    same bot as the public chat and the same privacy gateway. Staff conversations are kept apart: in Rasa their id
    is `staff:<municipality>:<session_id>`, which no public session id can be."""
    conversation = Conversation(body.session_id or new_session_id(), staff)
    await limits.hit(conversation.sender)
    return await converse(resources, conversation, body.message)
