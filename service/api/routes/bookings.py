"""Booking the anonymous clarifying conversation (Serviceloven § 101 a, stk. 3), with a code as the only key."""

from __future__ import annotations

import itertools

from fastapi import APIRouter, HTTPException, Response, status

from contract.models import BookingCreate, BookingPublic, DayPublic, PlacePublic, SlotsPublic
from knowledge.base import KnowledgeBase
from knowledge.booking import offer, offered_to
from knowledge.files import BookingPlace
from service.api.deps import (
    BookingPlacesDep,
    BookingsDep,
    KnowledgeDep,
    MunicipalityQuery,
    NowDep,
    UsageCounterDep,
    known_municipality,
)
from service.api.errors import BOOKINGS_UNAVAILABLE, Responses, error_doc
from service.api.limits import BookingLimitsDep, CodeGuessesDep
from service.booking.codes import normalise_code
from service.booking.slots import find_slot, offered_slots
from service.schemas.bookings import booking_public, day_label, place_public, slot_public
from service.stores.bookings import Booking, SlotTaken

router = APIRouter(prefix="/bookings", tags=["bookings"])

UNKNOWN_CODE = "Der findes ingen booking med den kode. Tjek koden, eller book en ny tid."
SLOT_TAKEN = "Den tid er ikke ledig længere. Vælg en anden tid."
NOT_OFFERED = "Den tid kan ikke bookes. Vælg en af de ledige tider."
# The ages as an AgeRange labels them ("18 år eller ældre"), then whom to contact instead (its kontakt fact's answer).
NOT_FOR_AGE = "Den anonyme samtale i {municipality} Kommune er kun for dem, der er {ages}. {contact}"
_UNKNOWN_MUNICIPALITY: Responses = {404: error_doc("Unknown municipality.")}
_CODE: Responses = {
    404: error_doc("Unknown or wrong code; never says whether it existed."),
    429: error_doc(
        "Too many wrong codes from this client address or chat conversation (a code that is found does not count); "
        "`Retry-After` says in how many seconds to try again."
    ),
}


def not_for_age(municipality: str, place: BookingPlace, kb: KnowledgeBase) -> str:
    """Whom the conversation is for, and whom to contact instead: for an age it is not for."""
    offered = offer(kb, municipality, place)
    ages = offered.ages.label if offered.ages else ""
    contact = offered.contact.answer if offered.contact else ""
    return NOT_FOR_AGE.format(municipality=kb.standard(municipality).name, ages=ages, contact=contact).strip()


@router.get("/place", response_model=PlacePublic, responses=_UNKNOWN_MUNICIPALITY)
async def get_place(municipality: MunicipalityQuery, kb: KnowledgeDep, places: BookingPlacesDep) -> PlacePublic:
    """Where the municipality holds the conversation (no name where its standard names no place: then the contact
    is whom to ask), with its contact, and whom it is for by age (`offered_to`): also when booking itself is down."""
    return place_public(municipality, places[municipality], kb)


@router.get("/slots", response_model=SlotsPublic, responses={**_UNKNOWN_MUNICIPALITY, **BOOKINGS_UNAVAILABLE})
async def list_slots(
    municipality: MunicipalityQuery, kb: KnowledgeDep, places: BookingPlacesDep, bookings: BookingsDep, now: NowDep
) -> SlotsPublic:
    """Free slots in the next 14 days (working days, opening hours, not past), by day; `default_hours` when the
    standard gives no opening hours and the slots follow Vejviser's."""
    place = places[municipality]
    offered = list(offered_slots(place, now))
    taken = await bookings.taken(municipality, offered)
    free = [slot for slot, count in zip(offered, taken, strict=True) if count < place.capacity]
    days = [
        DayPublic(date=day, label=day_label(day), slots=[slot_public(slot) for slot in slots])
        for day, slots in itertools.groupby(free, key=lambda slot: slot.start.date())
    ]
    return SlotsPublic(
        municipality=municipality,
        municipality_name=kb.standard(municipality).name,
        place=place_public(municipality, place, kb),
        default_hours=place.hours.default,
        slot_minutes=place.slot_minutes,
        days=days,
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=BookingPublic,
    responses={
        **_UNKNOWN_MUNICIPALITY,
        409: error_doc("The slot is not offered or is full."),
        422: error_doc(
            "Malformed, a field that is not allowed (anything that could identify a person), or an `age` the "
            "conversation is not for (the place's `offered_to`, GET /api/bookings/place)."
        ),
        429: error_doc(
            "Too many booking requests from this client address or chat conversation in an hour, or too many of its "
            "bookings still to come; `Retry-After` says in how many seconds to try again."
        ),
        **BOOKINGS_UNAVAILABLE,
    },
)
async def create_booking(
    body: BookingCreate,
    kb: KnowledgeDep,
    places: BookingPlacesDep,
    bookings: BookingsDep,
    usage: UsageCounterDep,
    now: NowDep,
    limits: BookingLimitsDep,
) -> BookingPublic:
    """Reserve a place in an offered slot. The answer's code is the only key to the booking. With an age, only
    for someone the conversation is for (the place's `offered_to`); the age is never stored."""
    place = places[known_municipality(kb, body.municipality)]
    if body.age is not None and not offered_to(place, body.age):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, not_for_age(body.municipality, place, kb))
    slot = find_slot(place, body.start, now)
    if slot is None:
        raise HTTPException(status.HTTP_409_CONFLICT, NOT_OFFERED)
    async with limits.hold(body.municipality, slot.start) as held:
        try:
            booking = await bookings.reserve(body.municipality, slot, place.capacity, body.topic, now)
        except SlotTaken as error:
            raise HTTPException(status.HTTP_409_CONFLICT, SLOT_TAKEN) from error
        held.code = booking.code
    await usage.count(booking.municipality, "bookings_made")
    return booking_public(booking, place, kb)


async def _find(code: str, bookings: BookingsDep, guesses: CodeGuessesDep) -> Booking:
    """The booking; every look-up counts as a wrong code before it is made (so that parallel guesses cannot pass
    the limit together), and is given back when the code is found."""
    normalised = normalise_code(code)
    await guesses.take(normalised)
    booking = await bookings.get(normalised) if normalised else None
    if booking is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, UNKNOWN_CODE)
    await guesses.found()
    return booking


@router.get("/{code}", response_model=BookingPublic, responses={**_CODE, **BOOKINGS_UNAVAILABLE})
async def get_booking(
    code: str, kb: KnowledgeDep, places: BookingPlacesDep, bookings: BookingsDep, guesses: CodeGuessesDep
) -> BookingPublic:
    """Look a booking up by its code (spaces, dashes and case do not matter)."""
    booking = await _find(code, bookings, guesses)
    return booking_public(booking, places[booking.municipality], kb)


@router.delete(
    "/{code}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses={**_CODE, **BOOKINGS_UNAVAILABLE},
)
async def cancel_booking(
    code: str, bookings: BookingsDep, guesses: CodeGuessesDep, usage: UsageCounterDep, limits: BookingLimitsDep
) -> Response:
    """Cancel a booking by its code; its place in the slot is free again, and it no longer counts among the open
    bookings of the client that cancels it."""
    booking = await _find(code, bookings, guesses)
    if await bookings.cancel(booking.code):
        await usage.count(booking.municipality, "bookings_cancelled")
        await limits.cancelled(booking.code)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
