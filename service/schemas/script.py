"""`/api/script/...` and `/api/staff/script`: the guided script for phone-line staff, as the contract's step bodies
and the printable script's own bodies."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from contract.models import (
    AgeRangePublic,
    CallerPublic,
    FactPublic,
    FollowupPublic,
    ReadAloudPublic,
    ScriptPublic,
    ScriptStepPublic,
    SourcePublic,
    StandardPublic,
    StepBody,
    TopicPublic,
)
from knowledge.base import Fact, KnowledgeBase
from knowledge.script import PrintedTopic, ReadAloud, Script, ScriptStep, Variant
from knowledge.text import danish_date
from service.schemas.knowledge import standard_public


def script_public(tree: Script) -> ScriptPublic:
    return ScriptPublic(callers=[CallerPublic.from_orm(caller) for caller in tree.callers.values()])


def read_aloud_public(said: ReadAloud) -> ReadAloudPublic:
    sources = [SourcePublic.from_orm(source) for source in said.fact.sources] if said.fact else []
    return ReadAloudPublic(text=said.text, sources=sources)


def _step_fields(step: ScriptStep) -> dict[str, Any]:
    """What every step body holds: the status, what to read aloud, and what to ask next."""
    return {
        "status": step.status,
        "read_aloud": [read_aloud_public(said) for said in step.read_aloud],
        "followups": [FollowupPublic.from_orm(followup) for followup in step.followups],
    }


def script_step_public(step: ScriptStep, kb: KnowledgeBase) -> ScriptStepPublic:
    return ScriptStepPublic(
        **_step_fields(step),
        municipality=step.municipality,
        municipality_name=kb.standard(step.municipality).name,
        caller=CallerPublic.from_orm(step.caller),
        topic=TopicPublic.from_orm(step.topic),
        age_groups=[AgeRangePublic.from_orm(group) for group in step.age_groups],
    )


class PrintedVariantPublic(StepBody):
    """One answer of a topic, and the callers (and age group) it is for."""

    callers: list[CallerPublic]
    age: AgeRangePublic | None

    @classmethod
    def of(cls, variant: Variant) -> PrintedVariantPublic:
        return cls(
            **_step_fields(variant.step),
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
    return f"vedtaget {danish_date(adopted)}"


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
            standard=standard_public(standard),
            dated=adopted_label(standard.meta.adopted),
            emergency=[FactPublic.from_orm(fact) for fact in emergency],
            topics=[PrintedTopicPublic.of(printed) for printed in topics],
        )
