"""Where and when each municipality's anonymous clarifying conversation can be held (knowledge/booking.yml)."""

from __future__ import annotations

import datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, validator

from knowledge.model import Identifier, Strict

BOOKING_FILE = Path(__file__).with_name("booking.yml")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Place(Strict):
    name: str
    address: str | None
    fact: Identifier


class Hours(Strict):
    default: bool
    fact: Identifier | None = None
    weekdays: dict[Weekday, tuple[datetime.time, datetime.time]]

    @validator("weekdays")
    def _opening_before_closing(
        cls, value: dict[Weekday, tuple[datetime.time, datetime.time]]
    ) -> dict[Weekday, tuple[datetime.time, datetime.time]]:
        if any(opens >= closes for opens, closes in value.values()):
            raise ValueError("a day opens after it closes")
        return value


class BookingPlace(Strict):
    place: Place
    about: Identifier
    hours: Hours
    slot_minutes: int = Field(..., ge=15, le=180)
    capacity: int = Field(..., ge=1, le=20)


@lru_cache(maxsize=1)
def load_booking_places(path: Path = BOOKING_FILE) -> dict[str, BookingPlace]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {municipality: BookingPlace.parse_obj(entry) for municipality, entry in raw.items()}
