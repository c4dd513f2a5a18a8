"""`/api/municipalities` and `/api/knowledge/...`: the contract's bodies built from the knowledge base, and the
search's own bodies."""

from __future__ import annotations

from pydantic import BaseModel

from contract.models import (
    AgeRangePublic,
    AnswerGroupPublic,
    AnswerPublic,
    FactPublic,
    MunicipalityPublic,
    NotStatedPublic,
    SourcePublic,
    StandardPublic,
    TopicAnswerPublic,
    TopicPublic,
)
from knowledge.answering import Answer, TopicAnswer
from knowledge.base import EmergencyNumber, KnowledgeBase, NotStated, Standard
from knowledge.search import Hit


def municipality_public(standard: Standard) -> MunicipalityPublic:
    return MunicipalityPublic(id=standard.municipality, name=standard.name, standard=standard_public(standard))


def standard_public(standard: Standard) -> StandardPublic:
    return StandardPublic.from_orm(standard.meta)


def not_stated_public(silent: NotStated | None, kb: KnowledgeBase) -> NotStatedPublic | None:
    if silent is None:
        return None
    meta = kb.standard(silent.municipality).meta
    standard = SourcePublic(document=meta.title, municipality=silent.municipality, adopted=meta.adopted)
    contact = FactPublic.from_orm(silent.contact) if silent.contact else None
    return NotStatedPublic(answer=silent.answer, answer_en=silent.answer_en, sources=[standard], contact=contact)


def answer_public(
    answer: Answer | None,
    kb: KnowledgeBase,
    municipality: str | None,
    asked: int,
    known: int,
    english: bool,
    cued: list[str],
) -> AnswerPublic:
    name = kb.standard(municipality).name if municipality else None
    if answer is None:
        return AnswerPublic(
            municipality=municipality,
            municipality_name=name,
            topic=None,
            asked=asked,
            known=known,
            cued=cued,
            english=english,
        )
    return AnswerPublic(
        municipality=municipality,
        municipality_name=name,
        topic=TopicPublic.from_orm(answer.topic),
        groups=[
            AnswerGroupPublic(
                ages=AgeRangePublic.from_orm(group.ages) if group.ages else None,
                facts=[FactPublic.from_orm(fact) for fact in group.facts],
            )
            for group in answer.groups
        ],
        age_groups=[AgeRangePublic.from_orm(group) for group in answer.age_groups],
        not_stated=not_stated_public(answer.not_stated, kb),
        more=answer.more,
        score=answer.score,
        words=answer.words,
        asked=asked,
        known=known,
        cued=cued,
        english=english,
    )


def topic_answer_public(answer: TopicAnswer, kb: KnowledgeBase) -> TopicAnswerPublic:
    return TopicAnswerPublic(
        municipality=answer.municipality,
        municipality_name=kb.standard(answer.municipality).name,
        topic=TopicPublic.from_orm(answer.topic),
        # Whether the standard is silent on the topic; facts may also be empty for an age with none.
        status="not_stated" if answer.not_stated else "stated",
        facts=[FactPublic.from_orm(fact) for fact in answer.facts],
        not_stated=not_stated_public(answer.not_stated, kb),
        age_groups=[AgeRangePublic.from_orm(group) for group in answer.age_groups],
    )


class EmergencyPublic(BaseModel):
    """A number the chat always shows: `label` and `name` as the bar says them ("Akut: ring 112", "Tanker om
    selvmord: Livslinien 70 201 201"), `tel` for a link, `fact` the national fact that gives it."""

    label: str
    label_en: str
    name: str
    phone: str
    tel: str
    fact: str

    @classmethod
    def of(cls, number: EmergencyNumber) -> EmergencyPublic:
        return cls(
            label=number.label,
            label_en=number.label_en,
            name=number.name,
            phone=number.phone,
            tel=number.phone.replace(" ", ""),
            fact=number.fact,
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
