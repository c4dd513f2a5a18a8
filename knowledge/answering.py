"""Answering a topic from one municipality's facts: by audience and by the age of the person it is about."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.base import AgeRange, Fact, KnowledgeBase, NotStated, Topic


@dataclass(frozen=True)
class TopicAnswer:
    """What one standard says on one topic: facts, or that it says nothing (and whom to contact).

    `age_groups` is set when the facts differ by age and no age was given: ask which group applies.
    """

    municipality: str
    topic: Topic
    facts: tuple[Fact, ...]
    not_stated: NotStated | None
    age_groups: tuple[AgeRange, ...] = ()


def age_ranges(facts: tuple[Fact, ...], up_to: int | None = None) -> tuple[AgeRange, ...]:
    """The ranges between every age limit the facts name; with `up_to`, only the ages up to it."""
    cuts = sorted(
        {fact.ages.min for fact in facts if fact.ages and fact.ages.min is not None}
        | {fact.ages.max + 1 for fact in facts if fact.ages and fact.ages.max is not None}
    )
    starts: list[int | None] = [None, *cuts]
    ends: list[int | None] = [cut - 1 for cut in cuts] + [None]
    ranges = [AgeRange(start, end) for start, end in zip(starts, ends, strict=True)]
    if up_to is None:
        return tuple(ranges)
    return tuple(
        AgeRange(r.min, up_to if r.max is None or r.max > up_to else r.max)
        for r in ranges
        if r.min is None or r.min <= up_to
    )


def age_groups(facts: tuple[Fact, ...], up_to: int | None = None) -> tuple[AgeRange, ...]:
    """The age groups to ask about: cut at every limit the facts name, but only when at least two groups get
    different facts. Facts all for one group (say, young people) are simply the answer: no need to ask."""
    groups = age_ranges(facts, up_to)
    answers = {frozenset(fact.id for fact in facts if fact.applies_to(group.example)) for group in groups}
    answers.discard(frozenset())
    return groups if len(answers) > 1 else ()


def topic_answer(
    kb: KnowledgeBase,
    municipality: str,
    topic: str,
    audience: str | None = None,
    age: int | None = None,
    up_to: int | None = None,
) -> TopicAnswer:
    """The facts on a topic.

    With an audience that has facts of its own on the topic, those and the facts for all; otherwise every fact
    (a relative asking whom to call needs the contact points written for the person who uses drugs). With an
    age (of the person it is about), the facts for that age; without one, `age_groups` says whether the answer
    depends on it. `up_to` is what is known without an age (a caller under 18): only younger groups are asked
    about, and where the answer does not depend on age below it, that answer is given.
    """
    kb.standard(municipality)
    found = tuple(fact for fact in kb.facts[municipality] if fact.topic == kb.topic(topic).id)
    if audience and any(fact.audience == audience for fact in found):
        found = tuple(fact for fact in found if fact.audience in (audience, "alle"))
    silent = kb.not_stated.get((municipality, topic))
    if age is None:
        groups = age_groups(found, up_to)
        if up_to is None or groups:
            return TopicAnswer(municipality, kb.topics[topic], found, silent, groups)
        ranges = age_ranges(found, up_to)
        age = next((r.example for r in ranges if any(fact.applies_to(r.example) for fact in found)), up_to)
    for_age = tuple(fact for fact in found if fact.applies_to(age))
    return TopicAnswer(municipality, kb.topics[topic], for_age, silent)
