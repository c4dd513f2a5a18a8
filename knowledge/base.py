"""The knowledge base in memory: standards, topics, facts and what each standard does not say."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.model import FactsFile, StandardMeta, TopicsFile
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
    """Where a fact comes from, with all a reader needs to find it in the standard."""

    municipality: str
    document: str
    adopted: str | None
    section: str
    law: str | None
    quote: str


@dataclass(frozen=True)
class Fact:
    id: str
    municipality: str
    topic: str
    audience: str
    answer: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class NotStated:
    municipality: str
    topic: str
    answer: str
    contact: Fact | None


@dataclass(frozen=True)
class TopicAnswer:
    """What one standard says on one topic: facts, or that it says nothing (and whom to contact)."""

    municipality: str
    topic: Topic
    facts: tuple[Fact, ...]
    not_stated: NotStated | None


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

    def answer(self, municipality: str, topic: str, audience: str | None = None) -> TopicAnswer:
        """The facts on a topic; with an audience, those for it and for all (or every fact if none is)."""
        self.standard(municipality)
        found = tuple(fact for fact in self.facts[municipality] if fact.topic == self.topic(topic).id)
        if audience:
            found = tuple(fact for fact in found if fact.audience in (audience, "alle")) or found
        silent = self.not_stated.get((municipality, topic))
        return TopicAnswer(municipality, self.topics[topic], found, silent)

    def all_facts(self) -> list[Fact]:
        return [fact for facts in self.facts.values() for fact in facts]


def _read(model: type[Model], path: Path, problems: list[str]) -> Any:
    try:
        return model.parse_obj(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as error:
        problems.append(f"{path.name}: cannot be read: {error}")
    except ValidationError as error:
        for item in error.errors():
            place = ".".join(str(part) for part in item["loc"])
            problems.append(f"{path.name}: {place}: {item['msg']}")
    return None


def _resolve(facts_file: FactsFile, standard: Standard) -> tuple[tuple[Fact, ...], list[NotStated]]:
    meta, m = standard.meta, standard.municipality
    facts = tuple(
        Fact(
            id=entry.id,
            municipality=m,
            topic=entry.topic,
            audience=entry.audience,
            answer=entry.answer.strip(),
            sources=tuple(
                Source(m, meta.title, meta.adopted, ref.section, ref.law, ref.quote.strip()) for ref in entry.sources
            ),
        )
        for entry in facts_file.facts
    )
    by_id = {fact.id: fact for fact in facts}
    not_stated = [
        NotStated(standard.municipality, entry.topic, entry.answer.strip(), by_id.get(entry.contact))
        for entry in facts_file.not_stated
    ]
    return facts, not_stated


def load_knowledge(root: Path = KNOWLEDGE_DIR, only: str | None = None) -> KnowledgeBase:
    """Read topics, every standard in sources/ (or `only` that one) and its facts file.

    Raises KnowledgeError listing every schema problem.
    """
    problems: list[str] = []
    topics_file = _read(TopicsFile, root / "topics.yml", problems)
    standards: list[Standard] = []
    for meta_path in sorted((root / "sources").glob(f"{only or '*'}.yml")):
        meta = _read(StandardMeta, meta_path, problems)
        if meta is not None:
            standards.append(Standard(meta, meta_path.with_suffix(".txt").read_text(encoding="utf-8")))
    facts: dict[str, tuple[Fact, ...]] = {}
    not_stated: dict[tuple[str, str], NotStated] = {}
    for standard in standards:
        facts_file = _read(FactsFile, root / "facts" / f"{standard.municipality}.yml", problems)
        if facts_file is not None:
            facts[standard.municipality], missing = _resolve(facts_file, standard)
            not_stated.update({(entry.municipality, entry.topic): entry for entry in missing})
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase(
        topics={entry.id: Topic(entry.id, entry.label) for entry in topics_file.__root__},
        standards={standard.municipality: standard for standard in sorted(standards, key=lambda s: s.name)},
        facts=facts,
        not_stated=not_stated,
    )


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The committed knowledge base, read once per process."""
    return load_knowledge()
