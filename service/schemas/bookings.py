"""`/api/bookings/...` and `/api/staff/bookings/...`: the anonymous clarifying conversation."""

from __future__ import annotations

import datetime
from typing import Literal

from babel.dates import format_date, format_datetime
from pydantic import BaseModel, Extra, Field

from knowledge.base import KnowledgeBase
from knowledge.files import BookingPlace
from service.booking.codes import spoken_code
from service.booking.slots import TIMEZONE, Slot
from service.booking.store import Booking
from service.schemas.knowledge import FactPublic

# The only thing a booking may say about its purpose; never free text.
BookingTopic = Literal["stoffer", "alkohol", "pårørende", "ung"]


def time_label(start: datetime.datetime) -> str:
    """Danish, as people say it: "tirsdag 24. november kl. 10.00"."""
    return format_datetime(start.astimezone(TIMEZONE), "EEEE d. MMMM 'kl.' HH.mm", locale="da")


def day_label(day: datetime.date) -> str:
    return format_date(day, "EEEE d. MMMM", locale="da")


class BookingCreate(BaseModel):
    """Everything a booking may hold besides its code. Any other field (a name, a CPR number, a phone, an e-mail)
    is refused with 422."""

    municipality: str = Field(..., example="faxe")
    start: datetime.datetime = Field(..., description="Start of an offered slot (GET /api/bookings/slots).")
    topic: BookingTopic | None = None

    class Config:
        extra = Extra.forbid


class SlotPublic(BaseModel):
    start: datetime.datetime
    end: datetime.datetime
    label: str

    @classmethod
    def of(cls, slot: Slot) -> SlotPublic:
        return cls(start=slot.start, end=slot.end, label=time_label(slot.start))


class DayPublic(BaseModel):
    date: datetime.date
    label: str
    slots: list[SlotPublic]


class PlacePublic(BaseModel):
    """Where the conversation is held, with the contact fact that names it (and its sources)."""

    name: str
    address: str | None
    contact: FactPublic

    @classmethod
    def of(cls, place: BookingPlace, kb: KnowledgeBase) -> PlacePublic:
        contact = FactPublic.from_orm(kb.facts_by_id[place.place.fact])
        return cls(name=place.place.name, address=place.place.address, contact=contact)


class SlotsPublic(BaseModel):
    municipality: str
    municipality_name: str
    place: PlacePublic
    # True when the municipality's standard gives no opening hours and these are Vejviser's default.
    default_hours: bool
    slot_minutes: int
    days: list[DayPublic]


class BookingPublic(BaseModel):
    code: str = Field(..., description="The only key to the booking: say it to cancel or look it up.")
    code_spoken: str = Field(..., description="The code as staff read it aloud on the phone, letter by letter.")
    municipality: str
    municipality_name: str
    start: datetime.datetime
    end: datetime.datetime
    label: str
    created: datetime.datetime
    topic: BookingTopic | None
    place: PlacePublic
    # What the conversation is for, from the municipality's standard.
    about: FactPublic

    @classmethod
    def of(cls, booking: Booking, place: BookingPlace, kb: KnowledgeBase) -> BookingPublic:
        return cls.parse_obj(
            vars(booking)
            | {
                "municipality_name": kb.standard(booking.municipality).name,
                "code_spoken": spoken_code(booking.code),
                "label": time_label(booking.start),
                "place": PlacePublic.of(place, kb),
                "about": FactPublic.from_orm(kb.facts_by_id[place.about]),
            }
        )


class StaffBookingPublic(BaseModel):
    code: str
    start: datetime.datetime
    end: datetime.datetime
    label: str
    created: datetime.datetime
    topic: BookingTopic | None

    @classmethod
    def of(cls, booking: Booking) -> StaffBookingPublic:
        fields = vars(booking) | {"label": time_label(booking.start)}
        return cls.parse_obj({name: fields[name] for name in cls.__fields__})
