"""Anonymous usage figures, counted by the action server. (Staff read them: routes/staff/stats.py.)"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response, status

from contract.constants import NO_TOPIC
from contract.models import UsageEventCreate
from service.api.auth import internal_caller
from service.api.deps import KnowledgeDep, UsageCounterDep, known_municipality, known_topic
from service.api.errors import error_doc

router = APIRouter(tags=["usage"])


@router.post(
    "/usage",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    dependencies=[Depends(internal_caller)],
    responses={
        403: error_doc("Not the action server."),
        404: error_doc("Unknown municipality or topic."),
        422: error_doc("Malformed."),
    },
)
async def count_usage(body: UsageEventCreate, kb: KnowledgeDep, usage: UsageCounterDep) -> Response:
    """Count one conversation, question or fallback for a municipality today. Counting never fails a chat: with
    Redis down the count is lost, and the answer is still 204."""
    known_municipality(kb, body.municipality)
    if body.topic is not None and not (body.measure == "fallbacks" and body.topic == NO_TOPIC):
        known_topic(kb, body.topic)
    await usage.count(body.municipality, body.measure, body.topic)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
