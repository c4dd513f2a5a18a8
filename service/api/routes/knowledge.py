"""What each municipality's standard says, by topic, side by side, or by free-text search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status

from contract.constants import Audience
from contract.models import (
    AnswerPublic,
    ComparisonPublic,
    FactPublic,
    QuestionCreate,
    TopicAnswerPublic,
    TopicPublic,
)
from knowledge import answering
from knowledge.ranking import Question, looks_english
from service.api.deps import (
    FactIndexDep,
    KnowledgeDep,
    MunicipalityPath,
    SearchDep,
    TopicPath,
    TopicQuery,
    known_municipality,
    known_topic,
)
from service.api.errors import Responses, error_doc
from service.schemas.knowledge import (
    EmergencyPublic,
    PassagePublic,
    SearchResultsPublic,
    answer_public,
    topic_answer_public,
)

router = APIRouter(prefix="/knowledge", tags=["knowledge"])
COMPARE_NEEDS_TWO = "Vælg mindst to forskellige kommuner at sammenligne, adskilt med komma."
_NOT_FOUND: Responses = {404: error_doc("Unknown municipality or topic; the message lists the valid ones.")}


@router.get("/search", response_model=SearchResultsPublic, responses=_NOT_FOUND)
async def search(
    kb: KnowledgeDep,
    index: SearchDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Free text, Danish.")],
    municipality: Annotated[str | None, Query(description="Only this municipality's standard.")] = None,
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> SearchResultsPublic:
    """Passages of the standards, best first, with municipality and section."""
    if municipality is not None:
        known_municipality(kb, municipality)
    hits = index.search(q, municipality, limit)
    return SearchResultsPublic(query=q, passages=[PassagePublic.of(hit) for hit in hits])


def _compared(
    municipalities: Annotated[str, Query(description="Two or more municipality ids, comma-separated.")],
) -> list[str]:
    """The municipalities asked for, each once, in the order asked; 422 for fewer than two."""
    wanted = list(dict.fromkeys(part.strip() for part in municipalities.split(",") if part.strip()))
    if len(wanted) < 2:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, COMPARE_NEEDS_TWO)
    return wanted


@router.get(
    "/compare",
    response_model=ComparisonPublic,
    responses={**_NOT_FOUND, 422: error_doc("Fewer than two municipalities.")},
)
async def compare(
    kb: KnowledgeDep, wanted: Annotated[list[str], Depends(_compared)], topic: TopicQuery
) -> ComparisonPublic:
    """One topic in several municipalities, side by side, each from its own standard."""
    answers = [topic_answer_public(answering.topic_answer(kb, known_municipality(kb, m), topic), kb) for m in wanted]
    return ComparisonPublic(topic=TopicPublic.from_orm(kb.topics[topic]), answers=answers)


@router.post("/answer", response_model=AnswerPublic, responses=_NOT_FOUND)
async def answer(question: QuestionCreate, kb: KnowledgeDep, index: FactIndexDep) -> AnswerPublic:
    """The one to three facts of a municipality's standard that best answer a question, grouped by the ages they
    are for; or the ages to ask about first; or that the standard says nothing on it. `topic` is null when nothing
    in the standard answers the question. Without a municipality: the best of all standards, to know the topic.
    `asked` says whether the message asks anything or only gives a value, `known` how many of those words the
    standards know; `cued`, the topics its phrasing asks about; `english`, that it is in English."""
    municipality = known_municipality(kb, question.municipality) if question.municipality else None
    for topic in filter(None, (question.topic, question.previous_topic)):
        known_topic(kb, topic)
    english = question.english or looks_english(question.text)
    found = answering.answer_question(
        kb,
        index,
        Question(
            text=question.text,
            context=question.context or "",
            topics={topic: confidence for topic, confidence in question.topics.items() if topic in kb.topics},
            previous_topic=question.previous_topic,
            audience=question.audience,
            age=question.age,
            english=english,
            lives_elsewhere=question.lives_elsewhere,
            previous_facts=tuple(question.previous_facts),
        ),
        municipality,
        topic=question.topic,
        everything=question.everything,
        exclude=frozenset(question.exclude),
    )
    asked, known = index.asked(question.text, english), index.known(question.text, english)
    return answer_public(found, kb, municipality, asked, known, english, index.cued_topics(question.text))


@router.get("/topics", response_model=list[TopicPublic])
async def list_topics(kb: KnowledgeDep) -> list[TopicPublic]:
    """The topics every municipality's answers cover, with a Danish label."""
    return [TopicPublic.from_orm(topic) for topic in kb.topics.values()]


@router.get("/national", response_model=list[FactPublic])
async def list_national_facts(kb: KnowledgeDep) -> list[FactPublic]:
    """Facts for all of Denmark: 112, Livslinien, the duty of every municipality to offer treatment."""
    return [FactPublic.from_orm(fact) for fact in kb.national.values()]


@router.get("/emergency", response_model=list[EmergencyPublic])
async def list_emergency_numbers(kb: KnowledgeDep) -> list[EmergencyPublic]:
    """The numbers the chat always shows (112, Livslinien), each from the national fact that says it."""
    return [EmergencyPublic.of(number) for number in kb.emergency]


@router.get("/{municipality}/{topic}", response_model=TopicAnswerPublic, responses=_NOT_FOUND)
async def topic_answer(
    municipality: MunicipalityPath,
    topic: TopicPath,
    kb: KnowledgeDep,
    audience: Annotated[Audience | None, Query(description="Facts for this audience and for all.")] = None,
    age: Annotated[int | None, Query(ge=0, le=120, description="Age of the person it is about.")] = None,
) -> TopicAnswerPublic:
    """The facts with their sources, or `not_stated` with whom to contact; `age_groups` when age matters."""
    return topic_answer_public(answering.topic_answer(kb, municipality, topic, audience, age), kb)
