"""`/api/bookings/...` and `/api/staff/bookings/...`: the contract's booking bodies built from the store's bookings and
the booking places, and the staff's own listing."""

from __future__ import annotations

import datetime

from babel.dates import format_date, format_datetime
from pydantic import BaseModel

from contract.constants import BookingTopic
from contract.models import (
    AgeRangePublic,
    BookingPublic,
    FactPublic,
    OfferedToPublic,
    PlacePublic,
    SlotPublic,
    SourcePublic,
)
from knowledge.base import KnowledgeBase
from knowledge.booking import offer
from knowledge.files import BookingPlace
from service.booking.codes import spoken_code
from service.booking.slots import TIMEZONE, Slot
from service.stores.bookings import Booking


def time_label(start: datetime.datetime) -> str:
    """Danish, as people say it: "tirsdag 24. november kl. 10.00"."""
    return format_datetime(start.astimezone(TIMEZONE), "EEEE d. MMMM 'kl.' HH.mm", locale="da")


def day_label(day: datetime.date) -> str:
    return format_date(day, "EEEE d. MMMM", locale="da")


def slot_public(slot: Slot) -> SlotPublic:
    return SlotPublic(start=slot.start, end=slot.end, label=time_label(slot.start))


def offered_to_public(municipality: str, place: BookingPlace, kb: KnowledgeBase) -> OfferedToPublic:
    offered = offer(kb, municipality, place)
    return OfferedToPublic(
        ages=AgeRangePublic.from_orm(offered.ages) if offered.ages else None,
        sources=[SourcePublic.from_orm(source) for source in offered.sources],
        contact=FactPublic.from_orm(offered.contact) if offered.contact else None,
    )


def place_public(municipality: str, place: BookingPlace, kb: KnowledgeBase) -> PlacePublic:
    """The place as the standard names it: no name or address where it names none, only whom to ask."""
    named = place.place.named
    return PlacePublic(
        name=place.place.name if named else None,
        address=place.place.address if named else None,
        contact=FactPublic.from_orm(kb.facts_by_id[place.place.fact]),
        offered_to=offered_to_public(municipality, place, kb),
    )


def booking_public(booking: Booking, place: BookingPlace, kb: KnowledgeBase) -> BookingPublic:
    return BookingPublic.parse_obj(
        vars(booking)
        | {
            "municipality_name": kb.standard(booking.municipality).name,
            "code_spoken": spoken_code(booking.code),
            "label": time_label(booking.start),
            "place": place_public(booking.municipality, place, kb),
            "about": FactPublic.from_orm(kb.facts_by_id[place.about]),
            "default_hours": place.hours.default,
        }
    )


class StaffBookingPublic(BaseModel):
    code: str
    start: datetime.datetime
    end: datetime.datetime
    label: str
    # The day it was booked (Copenhagen), no finer: staff need no more, and a time could link it to another log.
    created: datetime.date
    topic: BookingTopic | None

    @classmethod
    def of(cls, booking: Booking) -> StaffBookingPublic:
        created = booking.created.astimezone(TIMEZONE).date()
        fields = vars(booking) | {"label": time_label(booking.start), "created": created}
        return cls.parse_obj({name: fields[name] for name in cls.__fields__})


class RefusedDayPublic(BaseModel):
    """Booking requests refused on a day because one client asked for too many (POST /api/bookings 429): a count,
    never who."""

    date: datetime.date
    refused: int
