"""`/api/municipalities` and `/api/knowledge/...`: the contract's bodies built from the knowledge base, and the
search's own bodies."""

from __future__ import annotations

from pydantic import BaseModel

from contract.models import (
    AgeRangePublic,
    FactPublic,
    MunicipalityPublic,
    NotStatedPublic,
    StandardPublic,
    TopicAnswerPublic,
    TopicPublic,
)
from knowledge.answering import TopicAnswer
from knowledge.base import KnowledgeBase, Standard
from knowledge.search import Hit


def municipality_public(standard: Standard) -> MunicipalityPublic:
    return MunicipalityPublic(id=standard.municipality, name=standard.name, standard=standard_public(standard))


def standard_public(standard: Standard) -> StandardPublic:
    return StandardPublic.from_orm(standard.meta)


def topic_answer_public(answer: TopicAnswer, kb: KnowledgeBase) -> TopicAnswerPublic:
    silent = answer.not_stated
    return TopicAnswerPublic(
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
