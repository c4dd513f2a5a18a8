"""`/api/script/...` and `/api/staff/script`: the guided script for phone-line staff."""

from __future__ import annotations

import datetime
from typing import Any, Literal, TypeVar

from babel.dates import format_date
from pydantic import BaseModel

from knowledge.base import Fact, KnowledgeBase
from knowledge.script import PrintedTopic, ReadAloud, ScriptStep, Variant
from service.schemas.knowledge import (
    AgeRangePublic,
    FactPublic,
    FromAttributes,
    SourcePublic,
    StandardPublic,
    TopicPublic,
)


class CallerPublic(FromAttributes):
    id: str
    label: str
    description: str
    max_age: int | None
    # The topics to offer this caller, in order.
    topics: list[str]


class ScriptPublic(BaseModel):
    """Who may be calling, in the order staff are offered them."""

    callers: list[CallerPublic]


class FollowupPublic(FromAttributes):
    """A question to ask next: it leads to `topic`, or (topic null) to booking a clarifying conversation."""

    ask: str
    topic: str | None


class ReadAloudPublic(BaseModel):
    """A fact's answer as staff say it, with the fact's sources (none for "the standard says nothing")."""

    text: str
    sources: list[SourcePublic]

    @classmethod
    def of(cls, said: ReadAloud) -> ReadAloudPublic:
        sources = [SourcePublic.from_orm(source) for source in said.fact.sources] if said.fact else []
        return cls(text=said.text, sources=sources)


StepBody = TypeVar("StepBody", bound="_StepBody")


class _StepBody(BaseModel):
    status: Literal["stated", "not_stated", "not_for_age"]
    read_aloud: list[ReadAloudPublic]
    followups: list[FollowupPublic]

    @classmethod
    def _from_step(cls: type[StepBody], step: ScriptStep, **fields: Any) -> StepBody:
        return cls(
            status=step.status,
            read_aloud=[ReadAloudPublic.of(said) for said in step.read_aloud],
            followups=[FollowupPublic.from_orm(followup) for followup in step.followups],
            **fields,
        )


class ScriptStepPublic(_StepBody):
    """One caller and topic. With `age_groups`, ask the age first: nothing is read aloud yet."""

    municipality: str
    municipality_name: str
    caller: CallerPublic
    topic: TopicPublic
    age_groups: list[AgeRangePublic]

    @classmethod
    def of(cls, step: ScriptStep, kb: KnowledgeBase) -> ScriptStepPublic:
        return cls._from_step(
            step,
            municipality=step.municipality,
            municipality_name=kb.standard(step.municipality).name,
            caller=CallerPublic.from_orm(step.caller),
            topic=TopicPublic.from_orm(step.topic),
            age_groups=[AgeRangePublic.from_orm(group) for group in step.age_groups],
        )


class PrintedVariantPublic(_StepBody):
    """One answer of a topic, and the callers (and age group) it is for."""

    callers: list[CallerPublic]
    age: AgeRangePublic | None

    @classmethod
    def of(cls, variant: Variant) -> PrintedVariantPublic:
        return cls._from_step(
            variant.step,
            callers=[CallerPublic.from_orm(caller) for caller in variant.callers],
            age=AgeRangePublic.from_orm(variant.age) if variant.age else None,
        )


class PrintedTopicPublic(BaseModel):
    topic: TopicPublic
    variants: list[PrintedVariantPublic]

    @classmethod
    def of(cls, printed: PrintedTopic) -> PrintedTopicPublic:
        return cls(
            topic=TopicPublic.from_orm(printed.topic),
            variants=[PrintedVariantPublic.of(variant) for variant in printed.variants],
        )


def adopted_label(adopted: str | None) -> str:
    """ "vedtaget 4. april 2022" ("vedtaget januar 2025" where the standard gives only the month)."""
    if not adopted:
        return "standarden nævner ingen dato for vedtagelse"
    if len(adopted) == len("2025-01"):
        return f"vedtaget {format_date(datetime.date.fromisoformat(f'{adopted}-01'), 'MMMM y', locale='da')}"
    return f"vedtaget {format_date(datetime.date.fromisoformat(adopted), 'd. MMMM y', locale='da')}"


class PrintedScriptPublic(BaseModel):
    """The whole script of one municipality, for print: its standard (`dated`: when it was adopted, in Danish,
    printed on every page with its title), the emergency numbers, every topic."""

    municipality: str
    municipality_name: str
    standard: StandardPublic
    dated: str
    emergency: list[FactPublic]
    topics: list[PrintedTopicPublic]

    @classmethod
    def of(
        cls, kb: KnowledgeBase, municipality: str, emergency: list[Fact], topics: list[PrintedTopic]
    ) -> PrintedScriptPublic:
        standard = kb.standard(municipality)
        return cls(
            municipality=municipality,
            municipality_name=standard.name,
            standard=StandardPublic.from_orm(standard.meta),
            dated=adopted_label(standard.meta.adopted),
            emergency=[FactPublic.from_orm(fact) for fact in emergency],
            topics=[PrintedTopicPublic.of(printed) for printed in topics],
        )
