"""The municipality's staff: its bookings only, with its own token."""

from __future__ import annotations

import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response, status

from contract.constants import STAFF_METADATA
from service.api.deps import (
    BookingPlacesDep,
    BookingsDep,
    ChatLimitsDep,
    KnowledgeDep,
    ResourcesDep,
    StaffMunicipalityDep,
    UsageCounterDep,
    own_municipality,
)
from service.api.errors import BOOKINGS_UNAVAILABLE, RASA_UNAVAILABLE, Responses, error_doc
from service.booking.codes import normalise_code
from service.booking.slots import slots_between
from service.gateway import converse
from service.schemas.bookings import StaffBookingPublic
from service.schemas.chat import ChatMessageCreate, ChatPublic, new_session_id
from service.schemas.staff import StaffPublic

router = APIRouter(prefix="/staff", tags=["staff"])
NO_SUCH_BOOKING = "Din kommune har ingen booking med den kode."
MAX_DAYS = 62
RANGE_TOO_LONG = f"Vælg højst {MAX_DAYS} dage ad gangen."
_AUTH: Responses = {
    401: error_doc("No or unknown staff token."),
    403: error_doc("The token is for another municipality."),
}


@router.get("/me", response_model=StaffPublic, responses={401: _AUTH[401]})
async def who_am_i(staff: StaffMunicipalityDep, kb: KnowledgeDep) -> StaffPublic:
    """The municipality the staff token belongs to."""
    return StaffPublic(municipality=staff, municipality_name=kb.standard(staff).name)


@router.post(
    "/chat",
    response_model=ChatPublic,
    responses={
        401: _AUTH[401],
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
    session_id = body.session_id or new_session_id()
    sender = f"staff:{staff}:{session_id}"
    await limits.count(sender)
    return await converse(resources, sender, body.message, session_id, STAFF_METADATA)


@router.get(
    "/bookings",
    response_model=list[StaffBookingPublic],
    responses={**_AUTH, 422: error_doc("A range from after to, or longer than MAX_DAYS."), **BOOKINGS_UNAVAILABLE},
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
    own_municipality(kb, staff, municipality)
    if not datetime.timedelta(0) <= last_day - first_day <= datetime.timedelta(days=MAX_DAYS):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, RANGE_TOO_LONG)
    found = await bookings.in_slots(municipality, list(slots_between(places[municipality], first_day, last_day)))
    return [StaffBookingPublic.of(booking) for booking in found]


@router.delete(
    "/bookings/{code}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses={
        **_AUTH,
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
