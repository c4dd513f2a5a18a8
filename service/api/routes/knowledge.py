"""What each municipality's standard says, by topic, side by side, or by free-text search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status

from contract.models import ComparisonPublic, FactPublic, TopicAnswerPublic, TopicPublic
from knowledge import answering
from knowledge.files import Audience
from service.api.deps import KnowledgeDep, MunicipalityPath, SearchDep, TopicPath, TopicQuery, known_municipality
from service.api.errors import Responses, error_doc
from service.schemas.knowledge import PassagePublic, SearchResultsPublic, topic_answer_public

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


@router.get("/topics", response_model=list[TopicPublic])
async def list_topics(kb: KnowledgeDep) -> list[TopicPublic]:
    """The topics every municipality's answers cover, with a Danish label."""
    return [TopicPublic.from_orm(topic) for topic in kb.topics.values()]


@router.get("/national", response_model=list[FactPublic])
async def list_national_facts(kb: KnowledgeDep) -> list[FactPublic]:
    """Facts for all of Denmark: 112, Livslinien, the duty of every municipality to offer treatment."""
    return [FactPublic.from_orm(fact) for fact in kb.national.values()]


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
