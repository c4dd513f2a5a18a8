"""Where and when each municipality's anonymous clarifying conversation can be held (knowledge/booking.yml), and whom
it is for by age, each as the municipality's own standard says it.

`make knowledge-check` (knowledge.validate) checks the place, the hours and whom the conversation is for
(`check_offers`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.base import AgeRange, Fact, KnowledgeBase, Source, Standard
from knowledge.files import BookingFile, BookingPlace, SourceRef, read_file
from knowledge.text import find_quote, numbers

BOOKING_FILE = Path(__file__).with_name("booking.yml")
# The ages a person can be, for checking that a contact is for every age outside those a conversation is for.
EVERY_AGE = range(121)


@lru_cache(maxsize=4)
def load_booking_places(path: Path = BOOKING_FILE) -> dict[str, BookingPlace]:
    """Raises KnowledgeError listing every schema problem."""
    entry: BookingFile = read_file(BookingFile, path)
    return {str(municipality): place for municipality, place in entry.__root__.items()}


def age_range(place: BookingPlace) -> AgeRange | None:
    """The ages the conversation is for; None: the standard limits it to no age."""
    return AgeRange(place.ages.min, place.ages.max) if place.ages else None


def offered_to(place: BookingPlace, age: int) -> bool:
    """Whether the municipality's anonymous conversation is for someone of this age."""
    ages = age_range(place)
    return ages is None or ages.includes(age)


@dataclass(frozen=True)
class Offer:
    """Whom a municipality's anonymous conversation is for by age, with the standard's words for it, and whom to
    contact instead for any other age."""

    ages: AgeRange | None
    sources: tuple[Source, ...]
    contact: Fact | None


def offer(kb: KnowledgeBase, municipality: str, place: BookingPlace) -> Offer:
    standard = kb.standard(municipality)
    sources = tuple(_source(standard, ref) for ref in place.ages_sources)
    contact = kb.facts_by_id[place.ages_contact] if place.ages_contact else None
    return Offer(age_range(place), sources, contact)


def _source(standard: Standard, ref: SourceRef) -> Source:
    meta = standard.meta
    return Source(meta.title, standard.municipality, meta.adopted, ref.section, ref.law, ref.quote.strip())


def check_offers(kb: KnowledgeBase, places: dict[str, BookingPlace]) -> Iterator[tuple[str, str]]:
    """(municipality, problem) for each way whom a conversation is for is not what its standard says.

    Every quote lies verbatim under its section; an age limit is in the quotes; the fact shown with a booking
    (`about`) is for the same ages, and the contact given with it for all of them; the contact for anyone else
    is a kontakt fact of the municipality, for every age outside."""
    facts = kb.facts_by_id
    for m, place in places.items():
        if m not in kb.standards:
            continue  # knowledge.validate says an entry has no standard
        standard = kb.standard(m)
        for ref in place.ages_sources:
            section = standard.section(ref.section)
            if section is None:
                yield m, f"ages_sources: section {ref.section!r} is not a heading of sources/{m}.yml"
            elif all(find_quote(ref.quote, standard.normalised, start, end) is None for start, end in section.spans):
                yield m, f"ages_sources: quote not verbatim under {ref.section!r}: {ref.quote!r}"
        ages = age_range(place)
        quoted = numbers(" ".join(ref.quote for ref in place.ages_sources))
        # A quote gives a lower limit as itself ("over 18 år": min 18), an upper one as itself or the next age.
        if ages and ages.min is not None and str(ages.min) not in quoted:
            yield m, f"ages: the limit {ages.min} is not in ages_sources"
        if ages and ages.max is not None and not {str(ages.max), str(ages.max + 1)} & quoted:
            yield m, f"ages: the limit {ages.max} is not in ages_sources"
        about, shown = facts.get(place.about), facts.get(place.place.fact)
        if about is not None and about.ages is not None and about.ages != ages:
            yield m, f"ages: about {place.about!r} is for {about.ages.label}, the booking for other ages"
        covered = [age for age in EVERY_AGE if ages is None or ages.includes(age)]
        if shown is not None and not all(shown.applies_to(age) for age in covered):
            yield m, f"ages: place.fact {place.place.fact!r} is not for every age the conversation is for"
        if place.ages_contact is not None:
            contact = facts.get(place.ages_contact)
            if contact is None or contact.municipality != m or contact.topic != "kontakt":
                yield m, f"ages_contact {place.ages_contact!r} is not a kontakt fact of {m}"
            elif not all(contact.applies_to(age) for age in EVERY_AGE if age not in covered):
                yield m, f"ages_contact {place.ages_contact!r} is not for every age outside ages"
