"""Which free slot a person means, from a button or typed Danish: pure functions, no service."""

from __future__ import annotations

import datetime

import pytest

from actions.slot_text import resolve_slot, typed_slot
from contract.models import SlotPublic

TZ = datetime.timezone(datetime.timedelta(hours=1))


def slot(month: int, day: int, hour: int) -> SlotPublic:
    start = datetime.datetime(2026, month, day, hour, tzinfo=TZ)
    return SlotPublic(start=start, end=start + datetime.timedelta(hours=1), label="")


# Tuesday 24 to Friday 27 November and Tuesday 1 December 2026, 9 to 14.
FREE = [slot(11, day, hour) for day in (24, 25, 26, 27) for hour in range(9, 15)] + [
    slot(12, 1, hour) for hour in range(9, 15)
]
SHOWN = FREE[:12]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("tirsdag kl 10", "2026-11-24T10:00:00+01:00"),
        ("tirsdag klokken 10", "2026-11-24T10:00:00+01:00"),
        ("ons kl. 13.00", "2026-11-25T13:00:00+01:00"),
        ("ok torsdag 11", "2026-11-26T11:00:00+01:00"),
        ("torsdag klokken elleve", "2026-11-26T11:00:00+01:00"),
        ("27/11 kl 12", "2026-11-27T12:00:00+01:00"),
        ("d. 1. december kl. 9", "2026-12-01T09:00:00+01:00"),
        ("den 25 kl 14", "2026-11-25T14:00:00+01:00"),
        ("den første tid", "2026-11-24T09:00:00+01:00"),
        ("den sidste på onsdag", "2026-11-25T14:00:00+01:00"),
        ("tirsdag", None),  # which time?
        ("lørdag kl 10", None),
        ("tirsdag kl 16", None),
        ("jeg ved det ikke", None),
    ],
)
def test_a_typed_time_is_one_free_slot_or_none(text: str, start: str | None) -> None:
    found = typed_slot(text, FREE, SHOWN)
    assert (found.start.isoformat() if found else None) == start


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("fredag kl. to", "2026-11-27T14:00:00+01:00"),  # "to" in office hours is the afternoon
        ("torsdag kl. ti", "2026-11-26T10:00:00+01:00"),
        ("torsdag 13:00", "2026-11-26T13:00:00+01:00"),
        ("FREDAG KL 9", "2026-11-27T09:00:00+01:00"),
        ("1/12 kl 11", "2026-12-01T11:00:00+01:00"),
        ("24. nov kl 12", "2026-11-24T12:00:00+01:00"),
        ("den 1 kl 10", "2026-12-01T10:00:00+01:00"),  # a day without a month is the day of any month
        ("den 26 11", "2026-11-26T11:00:00+01:00"),  # the bare number beside the date is the hour
        ("den foerste", "2026-11-24T09:00:00+01:00"),
        ("den sidste", "2026-11-25T14:00:00+01:00"),  # the last of the times shown, not of all
        ("onsdag den sidste", "2026-11-25T14:00:00+01:00"),
        ("søndag", None),
        ("24/12 kl 10", None),  # no such slot: never the 24th of another month
        ("fredag kl 15", None),
        ("kl 10", "2026-11-24T10:00:00+01:00"),  # an hour alone is the first shown at that hour
    ],
)
def test_more_ways_of_writing_a_time(text: str, start: str | None) -> None:
    found = typed_slot(text, FREE, SHOWN)
    assert (found.start.isoformat() if found else None) == start


def test_a_time_without_a_day_is_one_of_those_shown() -> None:
    later = FREE[12:]
    assert typed_slot("kl 10", FREE, later) == later[1]
    assert typed_slot("den første", FREE, []) is None


def test_a_button_start_must_still_be_free() -> None:
    assert resolve_slot("2026-11-24T10:00:00+01:00", FREE, SHOWN) == FREE[1]
    assert resolve_slot("2026-11-24T10:30:00+01:00", FREE, SHOWN) is None


def test_a_button_start_is_the_same_moment_in_any_offset() -> None:
    assert resolve_slot("2026-11-24T09:00:00+00:00", FREE, SHOWN) == FREE[1]


def test_what_is_not_a_start_is_read_as_typed_text() -> None:
    assert resolve_slot(" tirsdag kl 10 ", FREE, SHOWN) == FREE[1]
