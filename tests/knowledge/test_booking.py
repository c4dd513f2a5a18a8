"""knowledge/booking.yml: one place per municipality, named by its own standard, the hours it gives, and whom the
conversation is for by age, as it says."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from pydantic import ValidationError

from knowledge.booking import check_offers, load_booking_places, offer, offered_to
from knowledge.files import AgesEntry, BookingPlace, SourceRef
from knowledge.load import knowledge_base
from knowledge.validate import check_booking

KB = knowledge_base()
PLACES = load_booking_places()
# A time of day as the standards write opening hours: "kl. 9.00", "kl.10.00".
OPENING_HOUR = re.compile(r"\bkl\. ?\d{1,2}[.:]\d{2}")


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


def test_whom_each_conversation_is_for_is_what_its_standard_says() -> None:
    assert list(check_offers(KB, PLACES)) == []


@pytest.mark.parametrize("municipality", sorted(PLACES))
def test_vejvisers_default_hours_are_used_exactly_where_the_standard_gives_none(municipality: str) -> None:
    """So "Kommunens kvalitetsstandard nævner ingen åbningstider", said with the default hours, is true."""
    gives_hours = bool(OPENING_HOUR.search(KB.standard(municipality).normalised))
    assert PLACES[municipality].hours.default is not gives_hours


@pytest.mark.parametrize("municipality", sorted(PLACES))
def test_anyone_outside_the_ages_has_a_contact_for_their_age(municipality: str) -> None:
    offered = offer(KB, municipality, PLACES[municipality])
    outside = [age for age in range(121) if not offered_to(PLACES[municipality], age)]
    assert all(source.municipality == municipality and source.quote for source in offered.sources)
    if outside:
        assert offered.contact is not None
        assert offered.contact.municipality == municipality
        assert all(offered.contact.applies_to(age) for age in outside)
    else:
        assert offered.ages is None
        assert offered.contact is None


def test_broenderslevs_conversation_is_for_adults_and_names_no_place() -> None:
    """The review's finding: its standard is for adults ("over 18 år") and does not say where the anonymous offer
    is held."""
    place = PLACES["broenderslev"]
    assert not place.place.named
    assert not offered_to(place, 17)
    assert offered_to(place, 18)


def with_offer(municipality: str, **changes: Any) -> dict[str, BookingPlace]:
    return PLACES | {municipality: PLACES[municipality].copy(update=changes)}


@pytest.mark.parametrize(
    ("places", "problem"),
    [
        (
            with_offer("faxe", ages_sources=[SourceRef(section="2. Målgruppe", quote="Borgere over 21 år")]),
            "quote not verbatim under '2. Målgruppe'",
        ),
        (
            with_offer("faxe", ages_sources=[SourceRef(section="9. Målgruppe", quote="Borgere over 18 år")]),
            "section '9. Målgruppe' is not a heading",
        ),
        (with_offer("broenderslev", ages=AgesEntry(min=21, max=None)), "the limit 21 is not in ages_sources"),
        (with_offer("broenderslev", ages=AgesEntry(min=21, max=None)), "about 'broenderslev-anonym-hvem' is for 18 år"),
        (
            with_offer("broenderslev", ages_contact="broenderslev-kontakt-ungecenter"),
            "is not for every age outside ages",
        ),
        (with_offer("broenderslev", ages_contact="faxe-kontakt-rusmiddelcenter"), "is not a kontakt fact of"),
        (
            with_offer("frederiksberg", ages=None, ages_contact=None),
            "place.fact 'frederiksberg-kontakt-fkrc' is not for every age",
        ),
    ],
)
def test_whom_a_conversation_is_for_that_the_standard_does_not_say_is_caught(
    places: dict[str, BookingPlace], problem: str
) -> None:
    found = [f"{municipality}: {message}" for municipality, message in check_offers(KB, places)]
    assert any(problem in message for message in found), found


@pytest.mark.parametrize(
    "changes",
    [
        {"ages": {"min": 18}},  # no one to contact instead
        {"ages_contact": "faxe-kontakt-rusmiddelcenter"},  # a contact for no one
        {"ages_sources": []},  # nothing from the standard
    ],
)
def test_whom_it_is_for_must_come_with_its_quotes_and_a_contact_for_everyone_else(changes: dict[str, Any]) -> None:
    entry = PLACES["faxe"].dict() | changes
    with pytest.raises(ValidationError):
        BookingPlace.parse_obj(entry)
