"""The knowledge base in memory: standards, topics, facts and what each standard does not say."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.model import FactsFile, NationalFile, StandardMeta, TopicsFile
from knowledge.spoken import spoken
from knowledge.text import normalise

KNOWLEDGE_DIR = Path(__file__).resolve().parent
Model = TypeVar("Model", bound=BaseModel)


class KnowledgeError(Exception):
    """The knowledge files cannot be read as the schema says; lists every problem found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Topic:
    id: str
    label: str


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


@dataclass(frozen=True)
class TopicAnswer:
    """What one standard says on one topic: facts, or that it says nothing (and whom to contact).

    `age_groups` is set when the facts differ by age and no age was given: ask which group applies.
    """

    municipality: str
    topic: Topic
    facts: tuple[Fact, ...]
    not_stated: NotStated | None
    age_groups: tuple[AgeRange, ...] = ()


def age_ranges(facts: tuple[Fact, ...], up_to: int | None = None) -> tuple[AgeRange, ...]:
    """The ranges between every age limit the facts name; with `up_to`, only the ages up to it."""
    cuts = sorted(
        {fact.ages.min for fact in facts if fact.ages and fact.ages.min is not None}
        | {fact.ages.max + 1 for fact in facts if fact.ages and fact.ages.max is not None}
    )
    starts: list[int | None] = [None, *cuts]
    ends: list[int | None] = [cut - 1 for cut in cuts] + [None]
    ranges = [AgeRange(start, end) for start, end in zip(starts, ends, strict=True)]
    if up_to is None:
        return tuple(ranges)
    return tuple(
        AgeRange(r.min, up_to if r.max is None or r.max > up_to else r.max)
        for r in ranges
        if r.min is None or r.min <= up_to
    )


def age_groups(facts: tuple[Fact, ...], up_to: int | None = None) -> tuple[AgeRange, ...]:
    """The age groups to ask about: cut at every limit the facts name, but only when at least two groups get
    different facts. Facts all for one group (say, young people) are simply the answer: no need to ask."""
    groups = age_ranges(facts, up_to)
    answers = {frozenset(fact.id for fact in facts if fact.applies_to(group.example)) for group in groups}
    answers.discard(frozenset())
    return groups if len(answers) > 1 else ()


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

    def answer(
        self,
        municipality: str,
        topic: str,
        audience: str | None = None,
        age: int | None = None,
        up_to: int | None = None,
    ) -> TopicAnswer:
        """The facts on a topic.

        With an audience that has facts of its own on the topic, those and the facts for all; otherwise every fact
        (a relative asking whom to call needs the contact points written for the person who uses drugs). With an
        age (of the person it is about), the facts for that age; without one, `age_groups` says whether the answer
        depends on it. `up_to` is what is known without an age (a caller under 18): only younger groups are asked
        about, and where the answer does not depend on age below it, that answer is given.
        """
        self.standard(municipality)
        found = tuple(fact for fact in self.facts[municipality] if fact.topic == self.topic(topic).id)
        if audience and any(fact.audience == audience for fact in found):
            found = tuple(fact for fact in found if fact.audience in (audience, "alle"))
        silent = self.not_stated.get((municipality, topic))
        if age is None:
            groups = age_groups(found, up_to)
            if up_to is None or groups:
                return TopicAnswer(municipality, self.topics[topic], found, silent, groups)
            ranges = age_ranges(found, up_to)
            age = next((r.example for r in ranges if any(fact.applies_to(r.example) for fact in found)), up_to)
        for_age = tuple(fact for fact in found if fact.applies_to(age))
        return TopicAnswer(municipality, self.topics[topic], for_age, silent)

    def all_facts(self) -> list[Fact]:
        return [fact for facts in self.facts.values() for fact in facts]

    @cached_property
    def facts_by_id(self) -> dict[str, Fact]:
        return {fact.id: fact for fact in self.all_facts()} | self.national


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


def _standard_source(standard: Standard, section: str, law: str | None, quote: str) -> Source:
    meta = standard.meta
    return Source(meta.title, standard.municipality, meta.adopted, section, law, quote.strip())


def _resolve(facts_file: FactsFile, standard: Standard) -> tuple[tuple[Fact, ...], list[NotStated]]:
    m = standard.municipality
    facts = tuple(
        Fact(
            id=entry.id,
            municipality=m,
            topic=entry.topic,
            audience=entry.audience,
            answer=entry.answer.strip(),
            sources=tuple(_standard_source(standard, ref.section, ref.law, ref.quote) for ref in entry.sources),
            answer_en=entry.answer_en.strip() if entry.answer_en else None,
            ages=AgeRange(entry.ages.min, entry.ages.max) if entry.ages else None,
        )
        for entry in facts_file.facts
    )
    by_id = {fact.id: fact for fact in facts}
    not_stated = [
        NotStated(m, entry.topic, entry.answer.strip(), by_id.get(entry.contact), entry.answer_en)
        for entry in facts_file.not_stated
    ]
    return facts, not_stated


def _resolve_national(national: NationalFile, standards: dict[str, Standard], problems: list[str]) -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    for entry in national.facts:
        if entry.organisation:
            sources: tuple[Source, ...] = (Source(entry.organisation.name, url=entry.organisation.url),)
        else:
            missing = [ref.municipality for ref in entry.sources if ref.municipality not in standards]
            problems.extend(f"national.yml: {entry.id}: unknown municipality {m!r}" for m in missing)
            if missing:
                continue
            sources = tuple(
                _standard_source(standards[ref.municipality], ref.section, ref.law, ref.quote) for ref in entry.sources
            )
        facts[entry.id] = Fact(entry.id, None, entry.topic, "alle", entry.answer.strip(), sources, entry.answer_en)
    return facts


def load_knowledge(root: Path = KNOWLEDGE_DIR, only: str | None = None) -> KnowledgeBase:
    """Read topics, every standard in sources/ (or `only` that one) and its facts file.

    Raises KnowledgeError listing every schema problem.
    """
    problems: list[str] = []
    topics_file = read_yaml(TopicsFile, root / "topics.yml", problems)
    standards: list[Standard] = []
    for meta_path in sorted((root / "sources").glob(f"{only or '*'}.yml")):
        meta = read_yaml(StandardMeta, meta_path, problems)
        if meta is not None:
            standards.append(Standard(meta, meta_path.with_suffix(".txt").read_text(encoding="utf-8")))
    facts: dict[str, tuple[Fact, ...]] = {}
    not_stated: dict[tuple[str, str], NotStated] = {}
    for standard in standards:
        facts_file = read_yaml(FactsFile, root / "facts" / f"{standard.municipality}.yml", problems)
        if facts_file is not None:
            facts[standard.municipality], missing = _resolve(facts_file, standard)
            not_stated.update({(entry.municipality, entry.topic): entry for entry in missing})
    by_id = {standard.municipality: standard for standard in standards}
    national: dict[str, Fact] = {}
    if only is None:  # national facts may quote any standard
        national_file = read_yaml(NationalFile, root / "national.yml", problems)
        if national_file is not None:
            national = _resolve_national(national_file, by_id, problems)
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase(
        topics={entry.id: Topic(entry.id, entry.label) for entry in topics_file.__root__},
        standards={standard.municipality: standard for standard in sorted(standards, key=lambda s: s.name)},
        facts=facts,
        not_stated=not_stated,
        national=national,
    )


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The committed knowledge base, read once per process."""
    return load_knowledge()
