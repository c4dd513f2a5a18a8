"""`/api/municipalities` and `/api/knowledge/...`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from knowledge.base import Fact, KnowledgeBase, Source, Standard, TopicAnswer
from knowledge.search import Hit


class StandardPublic(BaseModel):
    title: str
    laws: list[str]
    adopted: str | None
    adopted_by: str | None
    valid_from: str | None
    valid_to: str | None
    next_revision: str | None

    @classmethod
    def of(cls, standard: Standard) -> StandardPublic:
        meta = standard.meta
        return cls(
            title=meta.title,
            laws=meta.laws,
            adopted=meta.adopted,
            adopted_by=meta.adopted_by,
            valid_from=meta.valid_from,
            valid_to=meta.valid_to,
            next_revision=meta.next_revision,
        )


class MunicipalityPublic(BaseModel):
    id: str
    name: str
    standard: StandardPublic

    @classmethod
    def of(cls, standard: Standard) -> MunicipalityPublic:
        return cls(id=standard.municipality, name=standard.name, standard=StandardPublic.of(standard))


class SourcePublic(BaseModel):
    """Where a fact comes from: the municipality's own quality standard, quoted verbatim."""

    municipality: str
    document: str
    adopted: str | None = None
    section: str
    law: str | None = None
    quote: str

    @classmethod
    def of(cls, source: Source) -> SourcePublic:
        return cls(
            municipality=source.municipality,
            document=source.document,
            adopted=source.adopted,
            section=source.section,
            law=source.law,
            quote=source.quote,
        )


class FactPublic(BaseModel):
    id: str
    topic: str
    audience: str
    answer: str
    sources: list[SourcePublic]

    @classmethod
    def of(cls, fact: Fact) -> FactPublic:
        return cls(
            id=fact.id,
            topic=fact.topic,
            audience=fact.audience,
            answer=fact.answer,
            sources=[SourcePublic.of(source) for source in fact.sources],
        )


class NotStatedPublic(BaseModel):
    """The standard says nothing on the topic; `contact` says whom to ask, with its own source."""

    answer: str
    contact: FactPublic | None


class TopicPublic(BaseModel):
    id: str
    label: str


class TopicAnswerPublic(BaseModel):
    municipality: str
    municipality_name: str
    topic: TopicPublic
    status: Literal["stated", "not_stated"]
    facts: list[FactPublic]
    not_stated: NotStatedPublic | None

    @classmethod
    def of(cls, answer: TopicAnswer, kb: KnowledgeBase) -> TopicAnswerPublic:
        silent = answer.not_stated
        return cls(
            municipality=answer.municipality,
            municipality_name=kb.standard(answer.municipality).name,
            topic=TopicPublic(id=answer.topic.id, label=answer.topic.label),
            status="stated" if answer.facts else "not_stated",
            facts=[FactPublic.of(fact) for fact in answer.facts],
            not_stated=NotStatedPublic(
                answer=silent.answer, contact=FactPublic.of(silent.contact) if silent.contact else None
            )
            if silent
            else None,
        )


class ComparisonPublic(BaseModel):
    topic: TopicPublic
    answers: list[TopicAnswerPublic]


class PassagePublic(BaseModel):
    municipality: str
    section: str
    text: str
    score: float

    @classmethod
    def of(cls, hit: Hit) -> PassagePublic:
        passage = hit.passage
        return cls(municipality=passage.municipality, section=passage.section, text=passage.text, score=hit.score)


class SearchResultsPublic(BaseModel):
    query: str
    passages: list[PassagePublic]
