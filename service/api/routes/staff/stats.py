"""`/api/staff/stats`: the municipality's usage figures for its own staff, as JSON and as CSV."""

from __future__ import annotations

import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from service.api.auth import OTHER_MUNICIPALITY_DOC, OwnMunicipalityQuery, StaffMunicipalityDep
from service.api.deps import DateRange, KnowledgeDep, NowDep, UsageDep, date_range
from service.api.errors import STORE_UNAVAILABLE, Responses, error_doc
from service.schemas.usage import DayUsagePublic, StatsPublic, UsagePublic
from service.usage import DayUsage, usage_csv

router = APIRouter(tags=["usage"])
MAX_DAYS = 366
RANGE_INVALID = f"Vælg en periode på højst {MAX_DAYS} dage, hvor fra-datoen ligger før til-datoen."
_ERRORS: Responses = {
    **OTHER_MUNICIPALITY_DOC,
    404: error_doc("Unknown municipality."),
    422: error_doc("A range from after to, or longer than MAX_DAYS."),
    **STORE_UNAVAILABLE,
}


def _range(
    now: NowDep,
    first_day: Annotated[datetime.date | None, Query(alias="from", description="Default: 29 days before to.")] = None,
    last_day: Annotated[datetime.date | None, Query(alias="to", description="Default: today.")] = None,
) -> DateRange:
    last = last_day or now.date()
    first = first_day or last - datetime.timedelta(days=29)
    # MAX_DAYS days at most, both ends included.
    return date_range(first, last, datetime.timedelta(days=MAX_DAYS - 1), RANGE_INVALID)


async def _days(
    municipality: OwnMunicipalityQuery, days: Annotated[DateRange, Depends(_range)], usage: UsageDep
) -> list[DayUsage]:
    return await usage.days(municipality, days.first, days.last)


DaysDep = Annotated[list[DayUsage], Depends(_days)]


@router.get("/stats", response_model=StatsPublic, responses=_ERRORS)
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
    "/stats.csv",
    response_class=Response,
    responses={**_ERRORS, 200: {"content": {"text/csv": {}}, "description": "dato;måling;emne;antal"}},
)
async def stats_csv(days: DaysDep, staff: StaffMunicipalityDep) -> Response:
    """The same figures as CSV (UTF-8, semicolons), one row per day, measure and topic."""
    filename = f"vejviser-{staff}-{days[0].day}-{days[-1].day}.csv"
    return Response(
        content="\ufeff" + usage_csv(days),  # the byte-order mark makes spreadsheets read æ, ø and å
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
