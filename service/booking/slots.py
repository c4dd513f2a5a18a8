"""The times offered for a clarifying conversation: the next 14 days, working hours, no weekends or holidays."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from knowledge.files import WEEKDAYS, BookingPlace

TIMEZONE = ZoneInfo("Europe/Copenhagen")
WINDOW_DAYS = 14
# Staff must see a booking before it happens.
MIN_NOTICE = datetime.timedelta(hours=2)


@dataclass(frozen=True, order=True)
class Slot:
    start: datetime.datetime
    end: datetime.datetime

    @property
    def key(self) -> str:
        return self.start.isoformat()


@lru_cache(maxsize=8)
def danish_holidays(year: int) -> holidays.HolidayBase:
    """Danish public holidays from the maintained `holidays` package, with the days public offices close on besides
    (juleaftensdag, nytårsaftensdag, grundlovsdag, 1. maj: its "optional" category)."""
    return holidays.country_holidays("DK", years=year, categories=("public", "optional"))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in danish_holidays(day.year)


def slots_between(place: BookingPlace, first_day: datetime.date, last_day: datetime.date) -> Iterator[Slot]:
    """Every slot in the place's opening hours on the working days from first_day to last_day."""
    length = datetime.timedelta(minutes=place.slot_minutes)
    day = first_day
    while day <= last_day:
        hours = place.hours.weekdays.get(WEEKDAYS[day.weekday()])
        if hours is not None and is_working_day(day):
            start = datetime.datetime.combine(day, hours[0], TIMEZONE)
            closes = datetime.datetime.combine(day, hours[1], TIMEZONE)
            while start + length <= closes:
                yield Slot(start, start + length)
                start += length
        day += datetime.timedelta(days=1)


def offered_slots(place: BookingPlace, now: datetime.datetime) -> Iterator[Slot]:
    """The slots that can be booked now: within the next 14 days, starting at least MIN_NOTICE from now."""
    now = now.astimezone(TIMEZONE)
    window = datetime.timedelta(days=WINDOW_DAYS)
    last_day = now.date() + datetime.timedelta(days=WINDOW_DAYS)
    slots = slots_between(place, now.date(), last_day)
    return (slot for slot in slots if now + MIN_NOTICE <= slot.start < now + window)


def find_slot(place: BookingPlace, start: datetime.datetime, now: datetime.datetime) -> Slot | None:
    """The offered slot that starts at `start`, if there is one."""
    return next((slot for slot in offered_slots(place, now) if slot.start == start), None)
