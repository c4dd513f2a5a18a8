"""`/api/staff/bookings`: the municipality's own bookings, listed and cancelled by its staff."""

from __future__ import annotations

import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status

from service.api.auth import OTHER_MUNICIPALITY_DOC, OwnMunicipalityQuery, StaffMunicipalityDep
from service.api.deps import BookingsDep, DateRange, ResourcesDep, UsageCounterDep, date_range
from service.api.errors import BOOKINGS_UNAVAILABLE, Responses, error_doc
from service.booking.codes import normalise_code
from service.schemas.bookings import RefusedDayPublic, StaffBookingPublic

router = APIRouter(prefix="/bookings", tags=["staff"])
NO_SUCH_BOOKING = "Din kommune har ingen booking med den kode."
MAX_DAYS = 62
RANGE_TOO_LONG = f"Vælg højst {MAX_DAYS} dage ad gangen."


def _range(
    first_day: Annotated[datetime.date, Query(alias="from")], last_day: Annotated[datetime.date, Query(alias="to")]
) -> DateRange:
    return date_range(first_day, last_day, datetime.timedelta(days=MAX_DAYS), RANGE_TOO_LONG)


# Both listings by day: a municipality the token may see, and a range of days it may ask for.
_BY_DAYS: Responses = {
    **OTHER_MUNICIPALITY_DOC,
    404: error_doc("Unknown municipality."),
    422: error_doc("A range from after to, or longer than MAX_DAYS."),
    **BOOKINGS_UNAVAILABLE,
}


@router.get(
    "",
    response_model=list[StaffBookingPublic],
    responses=_BY_DAYS,
)
async def list_bookings(
    municipality: OwnMunicipalityQuery,
    days: Annotated[DateRange, Depends(_range)],
    bookings: BookingsDep,
) -> list[StaffBookingPublic]:
    """The municipality's bookings from one day to another, both included, by time, whatever the opening hours
    were when they were made or are now."""
    return [StaffBookingPublic.of(booking) for booking in await bookings.on_days(municipality, days.first, days.last)]


@router.get(
    "/refused",
    response_model=list[RefusedDayPublic],
    responses=_BY_DAYS,
)
async def list_refused(
    municipality: OwnMunicipalityQuery, days: Annotated[DateRange, Depends(_range)], resources: ResourcesDep
) -> list[RefusedDayPublic]:
    """Each day from one to another, with how many requests to book were refused because one client (an address
    or a chat conversation) asked for too many: a burst, likely a script. Never who."""
    dates = [days.first + datetime.timedelta(days=n) for n in range((days.last - days.first).days + 1)]
    counts = await resources.stores.booking_guard.refused(municipality, dates)
    return [RefusedDayPublic(date=date, refused=count) for date, count in zip(dates, counts, strict=True)]


@router.delete(
    "/{code}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses={
        **OTHER_MUNICIPALITY_DOC,
        404: error_doc("No booking of the token's municipality with that code."),
        **BOOKINGS_UNAVAILABLE,
    },
)
async def cancel_booking(
    staff: StaffMunicipalityDep, bookings: BookingsDep, usage: UsageCounterDep, code: str
) -> Response:
    """Cancel a booking of the token's municipality (a caller asked on the phone)."""
    normalised = normalise_code(code)
    if not (normalised and await bookings.cancel(normalised, municipality=staff)):
        raise HTTPException(status.HTTP_404_NOT_FOUND, NO_SUCH_BOOKING)
    await usage.count(staff, "bookings_cancelled")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
