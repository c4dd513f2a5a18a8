"""`/api/municipalities` and `/api/knowledge/...`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from knowledge.answering import TopicAnswer
from knowledge.base import KnowledgeBase, Standard
from knowledge.search import Hit


class FromAttributes(BaseModel):
    """Built with `from_orm` from the knowledge base's objects, whose attribute names it shares."""

    class Config:
        orm_mode = True


class StandardPublic(FromAttributes):
    title: str
    laws: list[str]
    adopted: str | None
    adopted_by: str | None
    valid_from: str | None
    valid_to: str | None
    next_revision: str | None


class MunicipalityPublic(BaseModel):
    id: str
    name: str
    standard: StandardPublic

    @classmethod
    def of(cls, standard: Standard) -> MunicipalityPublic:
        return cls(id=standard.municipality, name=standard.name, standard=StandardPublic.from_orm(standard.meta))


class SourcePublic(FromAttributes):
    """Where a fact comes from: the municipality's own quality standard, quoted verbatim (municipality, section,
    quote), or for a national fact the organisation behind it (document and url)."""

    document: str
    municipality: str | None = None
    adopted: str | None = None
    section: str | None = None
    law: str | None = None
    quote: str | None = None
    url: str | None = None


class AgeRangePublic(FromAttributes):
    min: int | None
    max: int | None
    label: str
    example: int


class FactPublic(FromAttributes):
    id: str
    topic: str
    audience: str
    answer: str
    spoken: str = Field(..., description="The answer as staff read it aloud on the phone (no signs to decode).")
    answer_en: str | None = None
    ages: AgeRangePublic | None = None
    sources: list[SourcePublic]


class NotStatedPublic(BaseModel):
    """The standard says nothing on the topic; `contact` says whom to ask, with its own source."""

    answer: str
    answer_en: str | None = None
    contact: FactPublic | None


class TopicPublic(FromAttributes):
    id: str
    label: str


class TopicAnswerPublic(BaseModel):
    municipality: str
    municipality_name: str
    topic: TopicPublic
    status: Literal["stated", "not_stated"]
    facts: list[FactPublic]
    not_stated: NotStatedPublic | None
    # Set when the facts differ by the age of the person it is about and no age was given: ask which applies.
    age_groups: list[AgeRangePublic] = []

    @classmethod
    def of(cls, answer: TopicAnswer, kb: KnowledgeBase) -> TopicAnswerPublic:
        silent = answer.not_stated
        return cls(
            municipality=answer.municipality,
            municipality_name=kb.standard(answer.municipality).name,
            topic=TopicPublic.from_orm(answer.topic),
            # Whether the standard is silent on the topic; facts may also be empty for an age with none.
            status="not_stated" if answer.not_stated else "stated",
            facts=[FactPublic.from_orm(fact) for fact in answer.facts],
            not_stated=NotStatedPublic(
                answer=silent.answer,
                answer_en=silent.answer_en,
                contact=FactPublic.from_orm(silent.contact) if silent.contact else None,
            )
            if silent
            else None,
            age_groups=[AgeRangePublic.from_orm(group) for group in answer.age_groups],
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
