"""Anonymous usage figures: counted by the action server and the booking API, shown to each municipality's staff."""

from __future__ import annotations

import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status

from contract.constants import NO_TOPIC
from contract.models import UsageEventCreate
from service.api.deps import (
    KnowledgeDep,
    NowDep,
    StaffMunicipalityDep,
    UsageCounterDep,
    UsageDep,
    internal_caller,
    own_municipality,
    require_municipality,
    require_topic,
)
from service.api.errors import STORE_UNAVAILABLE, Responses, error_doc
from service.schemas.usage import DayUsagePublic, StatsPublic, UsagePublic
from service.usage import DayUsage, usage_csv

router = APIRouter(tags=["usage"])
MAX_DAYS = 366
RANGE_INVALID = f"Vælg en periode på højst {MAX_DAYS} dage, hvor fra-datoen ligger før til-datoen."
_STAFF: Responses = {
    401: error_doc("No or unknown staff token."),
    403: error_doc("The token is for another municipality."),
    404: error_doc("Unknown municipality."),
    422: error_doc("A range from after to, or longer than MAX_DAYS."),
    **STORE_UNAVAILABLE,
}


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
    require_municipality(kb, body.municipality)
    if body.topic is not None and not (body.measure == "fallbacks" and body.topic == NO_TOPIC):
        require_topic(kb, body.topic)
    await usage.count(body.municipality, body.measure, body.topic)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


async def _days(
    staff: StaffMunicipalityDep,
    kb: KnowledgeDep,
    usage: UsageDep,
    now: NowDep,
    municipality: Annotated[str, Query(description="Must be the token's municipality.")],
    first_day: Annotated[datetime.date | None, Query(alias="from", description="Default: 29 days before to.")] = None,
    last_day: Annotated[datetime.date | None, Query(alias="to", description="Default: today.")] = None,
) -> list[DayUsage]:
    own_municipality(kb, staff, municipality)
    last = last_day or now.date()
    first = first_day or last - datetime.timedelta(days=29)
    if not datetime.timedelta(0) <= last - first < datetime.timedelta(days=MAX_DAYS):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, RANGE_INVALID)
    return await usage.days(municipality, first, last)


DaysDep = Annotated[list[DayUsage], Depends(_days)]


@router.get("/staff/stats", response_model=StatsPublic, responses=_STAFF)
async def stats(days: DaysDep, kb: KnowledgeDep, staff: StaffMunicipalityDep) -> StatsPublic:
    """The municipality's figures per day: conversations, questions and fallbacks by topic, bookings made and
    cancelled. Counters only: no text, no session ids."""
    total = DayUsage(days[0].day)
    for day in days:
        total.add(day)
    return StatsPublic(
        municipality=staff,
        municipality_name=kb.standard(staff).name,
        first_day=days[0].day,
        last_day=days[-1].day,
        days=[DayUsagePublic.of(day) for day in days],
        total=UsagePublic.of(total),
    )


@router.get(
    "/staff/stats.csv",
    response_class=Response,
    responses={**_STAFF, 200: {"content": {"text/csv": {}}, "description": "dato;måling;emne;antal"}},
)
async def stats_csv(days: DaysDep, staff: StaffMunicipalityDep) -> Response:
    """The same figures as CSV (UTF-8, semicolons), one row per day, measure and topic."""
    filename = f"vejviser-{staff}-{days[0].day}-{days[-1].day}.csv"
    return Response(
        content="\ufeff" + usage_csv(days),  # the byte-order mark makes spreadsheets read æ, ø and å
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
