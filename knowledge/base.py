"""The knowledge base in memory: standards, topics, facts and what each standard does not say."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from knowledge.files import StandardMeta
from knowledge.spoken import spoken
from knowledge.text import line_offsets, normalise


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    # Every municipality's facts on the topic are also written in English.
    english: bool = False


@dataclass(frozen=True)
class Section:
    heading: str
    # Where its text lies in the normalised text: start and end offsets, one pair per entry of the heading.
    spans: tuple[tuple[int, int], ...]

    def holds(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.spans)


@dataclass(frozen=True)
class Standard:
    """One municipality's quality standard: the committed text and what it is."""

    meta: StandardMeta
    text: str

    @property
    def municipality(self) -> str:
        return self.meta.municipality.id

    @property
    def name(self) -> str:
        return self.meta.municipality.name

    @cached_property
    def normalised(self) -> str:
        return normalise(self.text)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def lines(self) -> list[int]:
        """Where each line begins in the normalised text (line n at index n - 1)."""
        return line_offsets(self.text)

    def heading_at(self, heading: str, line: int) -> int | None:
        """Where the heading begins in the normalised text if it begins on that line, else None."""
        if not 1 <= line <= len(self.lines):
            return None
        start = self.lines[line - 1]
        following = self.lines[line] if line < len(self.lines) else len(self.normalised)
        found = self.normalised.find(normalise(heading), start)
        return found if 0 <= found < max(following, start + 1) else None

    @cached_property
    def starts(self) -> list[int]:
        """Where each entry of the metadata's sections begins in the normalised text, in the listed order.

        An entry begins at its heading when the heading stands on its line, else (a heading printed elsewhere, a
        continued section) at the beginning of the line.
        """
        starts = []
        for entry in self.meta.sections:
            line = min(entry.line, len(self.lines))
            at_heading = None if entry.printed_at or entry.continued else self.heading_at(entry.heading, line)
            starts.append(self.lines[line - 1] if at_heading is None else at_heading)
        return starts

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """Each heading with the spans of its text: an entry runs from its start until the next entry's start."""
        ends = [*self.starts[1:], len(self.normalised)]
        spans: dict[str, list[tuple[int, int]]] = {}
        for entry, start, end in zip(self.meta.sections, self.starts, ends, strict=True):
            spans.setdefault(entry.heading, []).append((start, end))
        return tuple(Section(heading, tuple(found)) for heading, found in spans.items())

    def section(self, heading: str) -> Section | None:
        return next((section for section in self.sections if section.heading == heading), None)


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a verbatim quote from a municipality's standard (with its section), or, for a
    national fact, the organisation behind it."""

    document: str
    municipality: str | None = None
    adopted: str | None = None
    section: str | None = None
    law: str | None = None
    quote: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class AgeRange:
    """Both ends included; None is open."""

    min: int | None
    max: int | None

    def includes(self, age: int) -> bool:
        return (self.min is None or age >= self.min) and (self.max is None or age <= self.max)

    @property
    def example(self) -> int:
        """An age in the range."""
        return self.min if self.min is not None else (self.max if self.max is not None else 0)

    @property
    def label(self) -> str:
        if self.min is None:
            return f"under {self.max + 1 if self.max is not None else 0} år"
        if self.max is None:
            return f"{self.min} år eller ældre"
        return f"{self.min} år" if self.min == self.max else f"{self.min}-{self.max} år"


@dataclass(frozen=True)
class Fact:
    id: str
    # None for a national fact.
    municipality: str | None
    topic: str
    audience: str
    answer: str
    sources: tuple[Source, ...]
    answer_en: str | None = None
    ages: AgeRange | None = None
    keywords: tuple[str, ...] = ()
    # National notes shown beside this fact: where the standard's words are out of date or narrower than the law.
    notes: tuple[Fact, ...] = ()

    def applies_to(self, age: int) -> bool:
        return self.ages is None or self.ages.includes(age)

    @property
    def spoken(self) -> str:
        """The answer as staff read it aloud on the phone."""
        return spoken(self.answer)


@dataclass(frozen=True)
class NotStated:
    municipality: str
    topic: str
    answer: str
    contact: Fact | None
    answer_en: str | None = None


class UnknownMunicipality(KeyError):
    pass


class UnknownTopic(KeyError):
    pass


@dataclass(frozen=True)
class EmergencyNumber:
    """A number for the chat's emergency bar, from a national fact that says it ("Akut: ring 112")."""

    label: str
    label_en: str
    name: str
    phone: str
    fact: str


@dataclass(frozen=True)
class KnowledgeBase:
    topics: dict[str, Topic]
    # Ordered by municipality name.
    standards: dict[str, Standard]
    facts: dict[str, tuple[Fact, ...]]
    not_stated: dict[tuple[str, str], NotStated]
    # Facts that hold in all of Denmark (emergency numbers, the general duty to offer treatment), by id.
    national: dict[str, Fact]
    # The numbers always in view in the chat, in the order of national.yml.
    emergency: tuple[EmergencyNumber, ...] = ()

    def standard(self, municipality: str) -> Standard:
        try:
            return self.standards[municipality]
        except KeyError:
            raise UnknownMunicipality(municipality) from None

    def topic(self, topic: str) -> Topic:
        try:
            return self.topics[topic]
        except KeyError:
            raise UnknownTopic(topic) from None

    def all_facts(self) -> list[Fact]:
        return [fact for facts in self.facts.values() for fact in facts]

    @cached_property
    def facts_by_id(self) -> dict[str, Fact]:
        return {fact.id: fact for fact in self.all_facts()} | self.national
