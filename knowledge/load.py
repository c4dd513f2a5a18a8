"""Reading the knowledge files into the knowledge base, checked against their shapes."""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

from knowledge.base import AgeRange, EmergencyNumber, Fact, KnowledgeBase, NotStated, Source, Standard, Topic
from knowledge.files import FactsFile, KnowledgeError, NationalFile, StandardMeta, TopicsFile, read_yaml

KNOWLEDGE_DIR = Path(__file__).resolve().parent


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
            keywords=tuple(entry.keywords),
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
        organisation = entry.organisation
        missing = [ref.municipality for ref in entry.sources if ref.municipality not in standards]
        problems.extend(f"national.yml: {entry.id}: unknown municipality {m!r}" for m in missing)
        if missing:
            continue
        sources = tuple(
            _standard_source(standards[ref.municipality], ref.section, ref.law, ref.quote) for ref in entry.sources
        )
        if organisation:
            sources = (Source(organisation.name, law=organisation.law, url=organisation.url), *sources)
        facts[entry.id] = Fact(entry.id, None, entry.topic, "alle", entry.answer.strip(), sources, entry.answer_en)
    return facts


def _with_notes(
    facts: dict[str, tuple[Fact, ...]], national: NationalFile, notes: dict[str, Fact], problems: list[str]
) -> dict[str, tuple[Fact, ...]]:
    """Every municipal fact with the national notes that qualify it."""
    beside: dict[str, list[Fact]] = {}
    for entry in national.facts:
        for fact_id in entry.qualifies:
            beside.setdefault(fact_id, []).append(notes[entry.id])
    known = {fact.id for municipal in facts.values() for fact in municipal}
    unknown = sorted(set(beside) - known)
    problems.extend(f"national.yml: qualifies {fact_id!r}, which is no municipality's fact" for fact_id in unknown)
    return {
        m: tuple(
            dataclasses.replace(fact, notes=tuple(_as_seen_in(note, m) for note in beside.get(fact.id, ())))
            for fact in municipal
        )
        for m, municipal in facts.items()
    }


def _as_seen_in(note: Fact, municipality: str) -> Fact:
    """A note beside a municipality's fact quotes that municipality's own print of the law, else names the
    organisation: never another municipality's standard."""
    own = tuple(source for source in note.sources if source.municipality == municipality)
    general = tuple(source for source in note.sources if source.municipality is None)
    return dataclasses.replace(note, sources=own or general)


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
    emergency: tuple[EmergencyNumber, ...] = ()
    if only is None:  # national facts may quote any standard
        national_file = read_yaml(NationalFile, root / "national.yml", problems)
        if national_file is not None:
            national = _resolve_national(national_file, by_id, problems)
            emergency = _emergency_numbers(national_file)
            if not problems:
                facts = _with_notes(facts, national_file, national, problems)
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase(
        topics={entry.id: Topic(entry.id, entry.label, entry.english) for entry in topics_file.__root__},
        standards={standard.municipality: standard for standard in sorted(standards, key=lambda s: s.name)},
        facts=facts,
        not_stated=not_stated,
        national=national,
        emergency=emergency,
    )


def _emergency_numbers(national: NationalFile) -> tuple[EmergencyNumber, ...]:
    return tuple(
        EmergencyNumber(number.label, number.label_en, entry.organisation.name, number.phone, entry.id)
        for entry in national.facts
        if (number := entry.emergency) and entry.organisation
    )


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The committed knowledge base, read once per process."""
    return load_knowledge()
