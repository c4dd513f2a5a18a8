from __future__ import annotations

import datetime

import pytest

from knowledge.booking import load_booking_places
from knowledge.files import WEEKDAYS
from service.booking.slots import MIN_NOTICE, TIMEZONE, WINDOW_DAYS, find_slot, is_working_day, offered_slots

PLACES = load_booking_places()


def at(day: str, time: str = "08:00") -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=TIMEZONE)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-11-23", True),  # a Monday
        ("2026-11-28", False),  # Saturday
        ("2026-11-29", False),  # Sunday
        ("2026-12-25", False),  # Juledag
        ("2027-01-01", False),  # Nytårsdag
        ("2027-03-25", False),  # Skærtorsdag
        ("2027-03-26", False),  # Langfredag
        ("2027-03-29", False),  # 2. påskedag
        ("2027-05-06", False),  # Kristi himmelfartsdag
        ("2027-05-17", False),  # 2. pinsedag
        ("2027-06-05", False),  # Grundlovsdag (a Saturday that year, but a holiday all the same)
        ("2026-06-05", False),  # Grundlovsdag on a Friday
        ("2026-12-24", False),  # Juleaftensdag: public offices are closed
        ("2026-12-31", False),  # Nytårsaftensdag
        ("2026-12-23", True),
    ],
)
def test_weekends_and_danish_public_holidays_are_not_working_days(day: str, working: bool) -> None:
    assert is_working_day(datetime.date.fromisoformat(day)) is working


@pytest.mark.parametrize("municipality", sorted(PLACES))
@pytest.mark.parametrize("now", [at("2026-11-23"), at("2026-12-18", "16:00"), at("2027-03-22", "11:30")])
def test_offered_slots_lie_in_the_next_14_days_on_working_days_within_the_hours(
    municipality: str, now: datetime.datetime
) -> None:
    place = PLACES[municipality]
    slots = list(offered_slots(place, now))
    assert slots
    for slot in slots:
        assert now + MIN_NOTICE <= slot.start < now + datetime.timedelta(days=WINDOW_DAYS)
        assert is_working_day(slot.start.date())
        opens, closes = place.hours.weekdays[WEEKDAYS[slot.start.weekday()]]
        assert opens <= slot.start.time()
        assert slot.end.time() <= closes
        assert slot.end - slot.start == datetime.timedelta(minutes=place.slot_minutes)
        assert slot.start.tzinfo == TIMEZONE


def test_christmas_and_new_year_are_skipped() -> None:
    days = {slot.start.date() for slot in offered_slots(PLACES["faxe"], at("2026-12-18", "16:00"))}
    assert days.isdisjoint({datetime.date(2026, 12, 24), datetime.date(2026, 12, 25), datetime.date(2026, 12, 31)})
    assert datetime.date(2027, 1, 1) not in days
    assert datetime.date(2026, 12, 28) in days
    assert max(days) == datetime.date(2026, 12, 30)


def test_easter_is_skipped() -> None:
    days = {slot.start.date() for slot in offered_slots(PLACES["odsherred"], at("2027-03-22"))}
    assert days.isdisjoint({datetime.date(2027, 3, 25), datetime.date(2027, 3, 26), datetime.date(2027, 3, 29)})
    assert datetime.date(2027, 3, 24) in days


def test_nothing_in_the_past_or_too_soon_for_staff_to_see_it() -> None:
    now = at("2026-11-24", "11:30")
    first = next(iter(offered_slots(PLACES["faxe"], now)))
    assert first.start == at("2026-11-24", "14:00")


def test_the_window_ends_14_days_from_now() -> None:
    now = at("2026-11-23", "08:00")
    slots = list(offered_slots(PLACES["faxe"], now))
    assert slots[-1].start.date() == datetime.date(2026, 12, 4)
    assert find_slot(PLACES["faxe"], at("2026-12-07", "09:00"), now) is None
    later = list(offered_slots(PLACES["faxe"], at("2026-11-23", "16:00")))
    assert later[-1].start == at("2026-12-07", "14:00")


def test_only_an_offered_start_is_found() -> None:
    now = at("2026-11-23")
    assert find_slot(PLACES["faxe"], at("2026-11-24", "10:00"), now) is not None
    assert find_slot(PLACES["faxe"], at("2026-11-24", "10:30"), now) is None  # not on the hour
    assert find_slot(PLACES["faxe"], at("2026-11-22", "10:00"), now) is None  # past
    assert find_slot(PLACES["faxe"], at("2026-11-28", "10:00"), now) is None  # Saturday
