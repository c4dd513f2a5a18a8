"""The shapes of the knowledge files, checked when they are read, and reading a file as its shape."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, Extra, Field, ValidationError, root_validator, validator

from contract.constants import Audience, BookingTopic

Model = TypeVar("Model", bound=BaseModel)


class KnowledgeError(Exception):
    """The knowledge files cannot be read as their shapes say; lists every problem found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_yaml(model: type[Model], path: Path, problems: list[str]) -> Any:
    """The file as the model, or None with its problems appended."""
    try:
        return model.parse_obj(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as error:
        problems.append(f"{path.name}: cannot be read: {error}")
    except ValidationError as error:
        for item in error.errors():
            place = ".".join(str(part) for part in item["loc"])
            problems.append(f"{path.name}: {place}: {item['msg']}")
    return None


def read_file(model: type[Model], path: Path) -> Any:
    """The file as the model; KnowledgeError with every problem otherwise."""
    problems: list[str] = []
    entry = read_yaml(model, path, problems)
    if entry is None:
        raise KnowledgeError(problems)
    return entry


class _Pattern(str):
    pattern: re.Pattern[str]
    explanation: str

    @classmethod
    def __get_validators__(cls) -> Iterator[Callable[[object], str]]:
        yield cls.validate

    @classmethod
    def validate(cls, value: object) -> str:
        if isinstance(value, datetime.date):  # YAML reads an unquoted 2022-04-04 as a date
            value = value.isoformat()
        if not isinstance(value, str) or not cls.pattern.fullmatch(value):
            raise ValueError(cls.explanation)
        return cls(value)


class Identifier(_Pattern):
    pattern = re.compile(r"[a-z][a-z0-9_-]*")
    explanation = "must be lowercase letters, digits, '_' or '-'"


class Date(_Pattern):
    """ "2022-04-04", or "2025-01" where the standard gives only the month."""

    pattern = re.compile(r"\d{4}-\d{2}(-\d{2})?")
    explanation = "must be YYYY-MM-DD or YYYY-MM"


class PhoneNumber(_Pattern):
    """ "112", "70 201 201": digits as the fact writes them."""

    pattern = re.compile(r"\d[\d ]*\d")
    explanation = "must be digits, with spaces between groups"


class Sha256(_Pattern):
    pattern = re.compile(r"[0-9a-f]{64}")
    explanation = "must be a SHA-256 in hex"


class Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        allow_mutation = False


# --- topics.yml, sources/<municipality>.yml, facts/<municipality>.yml, national.yml ----------------------------


class TopicEntry(Strict):
    id: Identifier
    label: str
    # Every fact (and not_stated entry) on the topic is also written in English (answer_en).
    english: bool = False


class TopicsFile(Strict):
    """knowledge/topics.yml."""

    __root__: list[TopicEntry] = Field(..., min_items=1)


class MunicipalityEntry(Strict):
    id: Identifier
    name: str


class SectionEntry(Strict):
    """Where a section of the text begins (1-based line); it runs until the next entry begins.

    A PDF's margin heading can come out of the extraction away from its text: `printed_at` is then the line
    where the heading itself stands. A section broken up by another one's text lists a second entry for the
    rest, marked `continued`.
    """

    heading: str
    line: int = Field(..., ge=1)
    printed_at: int | None = Field(None, ge=1)
    continued: bool = False


class StandardMeta(Strict):
    """knowledge/sources/<municipality>.yml: what the committed text is."""

    municipality: MunicipalityEntry
    title: str
    laws: list[str] = Field(..., min_items=1)
    adopted: Date | None
    adopted_by: str | None
    valid_from: Date | None = None
    valid_to: Date | None = None
    next_revision: Date | None = None
    # Only what the text itself says about its dates, when they need a word of explanation.
    dates_note: str | None = None
    # The sections in the order of their lines; every quote lies inside the section its source names.
    sections: list[SectionEntry] = Field(..., min_items=1)
    # Of the committed text file: proves it is the standard unchanged.
    sha256: Sha256


class SourceRef(Strict):
    section: str
    law: str | None = None
    quote: str


class AgesEntry(Strict):
    """The ages a fact is for, both ends included, from the standard's own limits ("under 30 år" is max 29)."""

    min: int | None = Field(None, ge=0, le=120)
    max: int | None = Field(None, ge=0, le=120)

    @root_validator(skip_on_failure=True)
    def _a_real_range(cls, values: dict[str, int | None]) -> dict[str, int | None]:
        low, high = values.get("min"), values.get("max")
        if low is None and high is None:
            raise ValueError("give min, max or both")
        if low is not None and high is not None and low > high:
            raise ValueError("min is above max")
        return values


class FactEntry(Strict):
    id: Identifier
    topic: Identifier
    audience: Audience
    answer: str
    # For people who write in English; required on the topics marked `english` in topics.yml.
    answer_en: str | None = None
    # Only where the standard makes the fact depend on age.
    ages: AgesEntry | None = None
    # Words people use when they ask for this fact and that the answer itself may not use ("åbent" for opening
    # hours, "vente" for a time limit): they help the fact be found (knowledge/ranking.py).
    keywords: list[str] = []
    sources: list[SourceRef] = Field(..., min_items=1)


class NotStatedEntry(Strict):
    """The standard says nothing on the topic; `contact` is the id of a `kontakt` fact to point to."""

    topic: Identifier
    answer: str
    answer_en: str | None = None
    contact: Identifier


class Organisation(Strict):
    name: str
    url: str
    # The law the organisation's task rests on, where a note needs its legal source.
    law: str | None = None


class Emergency(Strict):
    """How the chat's emergency bar, always in view, names a national fact's number ("Akut: ring 112")."""

    label: str
    label_en: str
    phone: PhoneNumber


class StandardRef(SourceRef):
    """A quote from one of the municipalities' standards."""

    municipality: Identifier


class NationalFactEntry(Strict):
    """A fact that holds in all of Denmark: named by the organisation behind it, or quoted from a standard."""

    id: Identifier
    topic: Identifier
    answer: str
    answer_en: str
    organisation: Organisation | None = None
    sources: list[StandardRef] = []
    # A note on what a standard says that is out of date or counted differently by the law: the municipal facts it
    # is shown beside, the standard's own words being kept.
    qualifies: list[Identifier] = []
    emergency: Emergency | None = None

    @root_validator(skip_on_failure=True)
    def _number_as_the_fact_says_it(cls, values: dict[str, object]) -> dict[str, object]:
        emergency = values.get("emergency")
        if isinstance(emergency, Emergency):
            if not values.get("organisation"):
                raise ValueError("an emergency number needs the organisation that answers it")
            for field in ("answer", "answer_en"):
                if emergency.phone not in str(values.get(field)):
                    raise ValueError(f"emergency phone {emergency.phone!r} is not in the {field}")
        return values

    @root_validator(skip_on_failure=True)
    def _one_kind_of_source(cls, values: dict[str, object]) -> dict[str, object]:
        organisation, quoted = bool(values.get("organisation")), bool(values.get("sources"))
        if values.get("qualifies"):
            # A note may quote the law as each standard prints it, with the organisation for the others.
            if not (organisation or quoted):
                raise ValueError("give an organisation, standard sources or both")
        elif organisation == quoted:
            raise ValueError("give either an organisation or standard sources")
        return values


class NationalFile(Strict):
    """knowledge/national.yml."""

    facts: list[NationalFactEntry] = Field(..., min_items=1)


class FactsFile(Strict):
    """knowledge/facts/<municipality>.yml."""

    municipality: Identifier
    facts: list[FactEntry]
    not_stated: list[NotStatedEntry] = []


# --- script.yml -----------------------------------------------------------------------------------------------


class CallerEntry(Strict):
    id: Identifier
    label: str
    description: str
    audience: Audience | None
    max_age: int | None = Field(None, ge=0, le=120)
    topics: list[Identifier] = Field(..., min_items=1)
    # What a booking made for this caller may say about its purpose (the booking API's fixed list).
    booking_topic: BookingTopic | None = None


class FollowupEntry(Strict):
    ask: str
    topic: Identifier | None = None
    book: bool = False
    callers: list[Identifier] | None = None

    @root_validator(skip_on_failure=True)
    def _a_topic_or_booking(cls, values: dict[str, object]) -> dict[str, object]:
        if bool(values.get("topic")) == bool(values.get("book")):
            raise ValueError("give either a topic or book: true")
        return values


class ScriptFile(Strict):
    """knowledge/script.yml."""

    callers: list[CallerEntry] = Field(..., min_items=1)
    followups: dict[Identifier, list[FollowupEntry]]


# --- booking.yml ----------------------------------------------------------------------------------------------

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Place(Strict):
    """Where the conversation is held, as the standard names it, with the kontakt fact that names it.

    `named: false`: the standard names no place for the conversation; `name`, `address` and `fact` are then only
    whom to ask where it is held, and the booking never gives them as its place."""

    name: str
    address: str | None
    fact: Identifier
    named: bool = True


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
    """Where and when one municipality's clarifying conversation is held."""

    place: Place
    about: Identifier
    hours: Hours
    slot_minutes: int = Field(..., ge=15, le=180)
    capacity: int = Field(..., ge=1, le=20)
    # Whom the conversation is for by age, as the standard says it: `ages` only where it limits them (both ends
    # included); `ages_sources` quote what it says (verbatim, under their sections); `ages_contact` is a kontakt
    # fact for anyone outside `ages`, whom to contact instead.
    ages: AgesEntry | None = None
    ages_sources: list[SourceRef] = Field(..., min_items=1)
    ages_contact: Identifier | None = None

    @root_validator(skip_on_failure=True)
    def _a_contact_for_other_ages(cls, values: dict[str, object]) -> dict[str, object]:
        if (values.get("ages") is None) != (values.get("ages_contact") is None):
            raise ValueError("give ages_contact exactly when ages limits whom the conversation is for")
        return values


class BookingFile(Strict):
    """knowledge/booking.yml, by municipality id."""

    __root__: dict[Identifier, BookingPlace]


# --- places.yml -----------------------------------------------------------------------------------------------


class CoveredPlaces(Strict):
    # Postcode -> its postal town.
    postcodes: dict[str, str]
    towns: list[str] = []
    spellings: list[str] = []
    # The places of treatment and the streets they lie on, as the municipality's own standard names them (each is
    # found in its text): "rusmiddelteamet" or "Sygehusvej" says Odsherred as surely as its name does.
    centres: list[str] = []

    @validator("postcodes")
    def _four_digits(cls, value: dict[str, str]) -> dict[str, str]:
        if not value or any(not (len(code) == 4 and code.isdigit()) for code in value):
            raise ValueError("give one postcode or more, each of four digits")
        return value


class SynonymsFile(Strict):
    """knowledge/synonyms.yml."""

    danish: list[list[str]] = Field(..., min_items=1)
    english: dict[str, list[str]] = Field(..., min_items=1)
    filler: list[str] = []
    meaningful: list[str] = []
    cues: dict[Identifier, list[str]] = {}


class PlacesFile(Strict):
    """knowledge/places.yml."""

    covered: dict[Identifier, CoveredPlaces]
    other_municipalities: list[str] = Field(..., min_items=1)
    other_towns: list[str] = []


# --- report.yml -----------------------------------------------------------------------------------------------

# What kind of thing a municipality should correct in its standard (knowledge/README.md, "The report").
ReportKind = Literal["outdated_body", "old_name", "old_law_text", "guarantee", "contradiction", "gap", "note"]


class ReportQuote(Strict):
    """Verbatim from the municipality's standard, under the section named (the rules of a fact's quotes)."""

    section: str = Field(..., min_length=1)
    quote: str = Field(..., min_length=1)


class ReportFinding(Strict):
    """One thing the knowledge review found in a standard that the municipality should correct."""

    id: Identifier
    kind: ReportKind
    # One or two plain Danish sentences to the municipality: what is wrong or missing, and what to correct.
    says: str = Field(..., min_length=1)
    # The section and row of the knowledge review it comes from, e.g. "§2b #11" or "§3 O4".
    review: str = Field(..., min_length=1)
    # Empty only for a gap with nothing to quote; `says` then says so.
    quotes: list[ReportQuote] = []

    @validator("says", "review")
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value


class ReportFile(Strict):
    """knowledge/report.yml: by municipality id, what its standard should correct."""

    __root__: dict[Identifier, list[ReportFinding]]
