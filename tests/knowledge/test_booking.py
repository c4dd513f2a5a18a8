"""knowledge/booking.yml: one place per municipality, named by its own standard."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from pydantic import ValidationError

from knowledge.booking import load_booking_places
from knowledge.files import BookingPlace
from knowledge.load import knowledge_base
from knowledge.validate import check_booking

KB = knowledge_base()
PLACES = load_booking_places()


def test_the_committed_booking_config_has_no_problems() -> None:
    assert list(check_booking(KB, PLACES)) == []
    assert set(PLACES) == set(KB.standards)


def changed(municipality: str, **changes: Any) -> dict[str, BookingPlace]:
    place = PLACES[municipality]
    parts = {name: getattr(place, name) for name in ("place", "hours")}
    if "place" in changes:
        changes["place"] = parts["place"].copy(update=changes["place"])
    if "hours" in changes:
        changes["hours"] = parts["hours"].copy(update=changes["hours"])
    return PLACES | {municipality: place.copy(update=changes)}


@pytest.mark.parametrize(
    ("places", "problem"),
    [
        (changed("faxe", place={"address": "Præstøvej 80, 4640 Faxe"}), "'Præstøvej 80' is not in the quotes"),
        (changed("faxe", place={"fact": "odsherred-kontakt-rusmiddelteamet"}), "is not a kontakt fact of faxe"),
        (changed("faxe", about="odsherred-anonym-henvendelse"), "is not a fact of faxe"),
        (
            changed("frederiksberg", hours={"weekdays": {"monday": (datetime.time(8), datetime.time(14))}}),
            "opening hour 08.00 is not quoted",
        ),
        ({m: p for m, p in PLACES.items() if m != "vordingborg"}, "needs exactly one entry per municipality"),
    ],
)
def test_a_place_or_hours_the_standard_does_not_give_are_caught(places: dict[str, BookingPlace], problem: str) -> None:
    assert any(problem in str(found) for found in check_booking(KB, places))


@pytest.mark.parametrize(
    "hours",
    [{"monday": ["15:00", "09:00"]}, {"someday": ["09:00", "15:00"]}, {"monday": ["9 am", "3 pm"]}],
)
def test_malformed_hours_are_refused(hours: dict[str, list[str]]) -> None:
    entry = PLACES["faxe"].dict() | {"hours": {"default": True, "weekdays": hours}}
    with pytest.raises(ValidationError):
        BookingPlace.parse_obj(entry)
