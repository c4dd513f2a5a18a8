"""The municipality's staff: its bookings only, with its own token."""

from __future__ import annotations

import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response, status
from redis.exceptions import RedisError

from service.api.deps import BookingPlacesDep, BookingsDep, KnowledgeDep, StaffMunicipalityDep, require_municipality
from service.api.errors import Responses, error_doc
from service.api.routes.bookings import DOWN, booking_down
from service.booking.codes import normalise_code
from service.booking.slots import slots_between
from service.schemas.bookings import StaffBookingPublic

router = APIRouter(prefix="/staff", tags=["staff"])
OTHER_MUNICIPALITY = "Din personalenøgle gælder ikke den kommune."
NO_SUCH_BOOKING = "Din kommune har ingen booking med den kode."
MAX_DAYS = 62
RANGE_TOO_LONG = f"Vælg højst {MAX_DAYS} dage ad gangen."
_AUTH: Responses = {
    401: error_doc("No or unknown staff token."),
    403: error_doc("The token is for another municipality."),
}


@router.get(
    "/bookings",
    response_model=list[StaffBookingPublic],
    responses={**_AUTH, 422: error_doc("A range from after to, or longer than MAX_DAYS."), **DOWN},
)
async def list_bookings(
    staff: StaffMunicipalityDep,
    kb: KnowledgeDep,
    places: BookingPlacesDep,
    bookings: BookingsDep,
    municipality: Annotated[str, Query(description="Must be the token's municipality.")],
    first_day: Annotated[datetime.date, Query(alias="from")],
    last_day: Annotated[datetime.date, Query(alias="to")],
) -> list[StaffBookingPublic]:
    """The municipality's bookings from one day to another, both included, by time."""
    if require_municipality(kb, municipality) != staff:
        raise HTTPException(status.HTTP_403_FORBIDDEN, OTHER_MUNICIPALITY)
    if not datetime.timedelta(0) <= last_day - first_day <= datetime.timedelta(days=MAX_DAYS):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, RANGE_TOO_LONG)
    try:
        found = await bookings.in_slots(municipality, list(slots_between(places[municipality], first_day, last_day)))
    except RedisError as error:
        raise booking_down(error) from error
    return [StaffBookingPublic.of(booking) for booking in found]


@router.delete(
    "/bookings/{code}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses={**_AUTH, 404: error_doc("No booking of the token's municipality with that code."), **DOWN},
)
async def cancel_booking(staff: StaffMunicipalityDep, bookings: BookingsDep, code: str) -> Response:
    """Cancel a booking of the token's municipality (a caller asked on the phone)."""
    normalised = normalise_code(code)
    try:
        cancelled = bool(normalised) and await bookings.cancel(str(normalised), municipality=staff)
    except RedisError as error:
        raise booking_down(error) from error
    if not cancelled:
        raise HTTPException(status.HTTP_404_NOT_FOUND, NO_SUCH_BOOKING)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
