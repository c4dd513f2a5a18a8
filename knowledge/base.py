"""The knowledge base in memory: standards, topics, facts and what each standard does not say."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from knowledge.files import StandardMeta
from knowledge.spoken import spoken
from knowledge.text import normalise


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    # Every municipality's facts on the topic are also written in English.
    english: bool = False


@dataclass(frozen=True)
class Section:
    heading: str
    start: int
    end: int


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
    def sections(self) -> tuple[Section, ...]:
        """The listed headings found in order in the text, each spanning until the next one.

        A heading that cannot be found is left out (validation names it).
        """
        found: list[tuple[str, int]] = []
        position = 0
        for heading in self.meta.sections:
            start = self.normalised.find(normalise(heading), position)
            if start >= 0:
                found.append((heading, start))
                position = start + len(normalise(heading))
        if not found:
            return ()
        ends = [start for _, start in found[1:]] + [len(self.normalised)]
        return tuple(Section(heading, start, end) for (heading, start), end in zip(found, ends, strict=True))

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
class KnowledgeBase:
    topics: dict[str, Topic]
    # Ordered by municipality name.
    standards: dict[str, Standard]
    facts: dict[str, tuple[Fact, ...]]
    not_stated: dict[tuple[str, str], NotStated]
    # Facts that hold in all of Denmark (emergency numbers, the general duty to offer treatment), by id.
    national: dict[str, Fact]

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
