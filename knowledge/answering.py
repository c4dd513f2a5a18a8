"""Answering from one municipality's facts: a whole topic by audience and by the age of the person it is about
(`topic_answer`), or a question with the facts that match it best (`answer_question`)."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.base import AgeRange, Fact, KnowledgeBase, NotStated, Topic
from knowledge.ranking import FactIndex, Question, Ranked, asks_where


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


# How many facts an answer shows at most; the rest of the topic is one button away ("Mere om ...").
MAX_FACTS = 3
# A fact is shown beside the best one when it scores at least this share of the best one's score.
CLOSE = 0.75
# The question's own words match the best fact this well: it asks for that fact ("adressen på Ungecentret"), not
# for the topic at every age.
SPECIFIC = 0.28
# Below this score nothing in the standard answers the question.
MIN_SCORE = 0.12
# A question that asks where, answered without an address, gets the best one that scores this share of the best.
WHERE = 0.5
# An answer that differs by age is given at once, each fact under its ages, when it is this many words at most;
# a longer one waits for the age.
ANSWER_FIRST_WORDS = 90


@dataclass(frozen=True)
class AgeGroup:
    """Facts for one age range (None: for every age)."""

    ages: AgeRange | None
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Answer:
    """The best facts for a question, grouped by the ages they are for; or the ages to ask about first; or the
    standard's silence on the topic. `more` counts the topic's other facts."""

    municipality: str | None
    topic: Topic
    groups: tuple[AgeGroup, ...]
    age_groups: tuple[AgeRange, ...]
    not_stated: NotStated | None
    more: int
    score: float
    # How well the question's own words matched the best entry.
    words: float

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(fact for group in self.groups for fact in group.facts)


def answer_question(
    kb: KnowledgeBase,
    index: FactIndex,
    question: Question,
    municipality: str | None = None,
    topic: str | None = None,
    everything: bool = False,
    exclude: frozenset[str] = frozenset(),
) -> Answer | None:
    """The best one to three facts of a municipality's standard for the question; None when nothing matches. A
    question that asks where gets an address among them, if one is close behind.

    Without a municipality, the best of all standards, to know what the question is about. `topic` keeps to one
    topic (a comparison, a button); `everything` gives all its facts but those in `exclude` (already shown)."""
    ranked = [
        r
        for r in index.rank(question, municipality)
        if topic in (None, r.entry.topic) and not (r.entry.fact and r.entry.fact.id in exclude)
    ]
    if not ranked or (ranked[0].score < MIN_SCORE and topic is None):
        return None
    best = ranked[0]
    chosen = kb.topics[best.entry.topic]
    if best.entry.silent:
        return Answer(municipality, chosen, (), (), best.entry.silent, 0, best.score, best.words)
    close = [r.entry.fact for r in ranked if r.entry.fact and (everything or r.score >= CLOSE * best.score)]
    shown = tuple(close if everything else close[:MAX_FACTS])
    if not everything and asks_where(question.text):
        shown = _with_address(shown, ranked)
    on_topic = [r.entry.fact for r in ranked if r.entry.fact and r.entry.topic == chosen.id]
    if question.age is None and not everything and best.words < SPECIFIC:
        shown = _for_every_age(shown, on_topic)
    groups = age_groups(shown) if question.age is None and not everything else ()
    if groups and _words(shown) > ANSWER_FIRST_WORDS:
        # Which ages apply is asked first, unless the question's words ask for the best fact itself.
        if _for_other_ages(shown) and best.words < SPECIFIC:
            more = sum(1 for fact in on_topic if fact not in shown)
            return Answer(municipality, chosen, (), groups, None, more, best.score, best.words)
        shown = _within(shown, ANSWER_FIRST_WORDS)
        groups = age_groups(shown)
    more = sum(1 for fact in on_topic if fact not in shown)
    return Answer(municipality, chosen, by_ages(shown), groups, None, more, best.score, best.words)


def _with_address(shown: tuple[Fact, ...], ranked: list[Ranked]) -> tuple[Fact, ...]:
    """The facts shown, with an address when none gives one: "hvor skal jeg gå hen?" answered by "Du kan gå direkte
    til Rusmiddelteamet" also says where the team is, if the standard does and that fact is not far behind."""
    if any(r.entry.gives_address for r in ranked if r.entry.fact in shown):
        return shown
    floor = WHERE * ranked[0].score
    address = next((r.entry.fact for r in ranked if r.entry.gives_address and r.score >= floor), None)
    return shown if address is None else (*shown[: MAX_FACTS - 1], address)


def _for_every_age(shown: tuple[Fact, ...], on_topic: list[Fact]) -> tuple[Fact, ...]:
    """The facts shown, and for each age they all leave out, the topic's best fact for it: an answer of what holds
    under 18 leaves an adult who did not say their age without one."""
    kept = list(shown)
    for ages in age_ranges(tuple(on_topic)):
        if not any(fact.applies_to(ages.example) for fact in kept):
            best = next((fact for fact in on_topic if fact.applies_to(ages.example)), None)
            if best:
                kept.append(best)
    return tuple(kept)


def _words(facts: tuple[Fact, ...]) -> int:
    return sum(len(fact.answer.split()) for fact in facts)


def _for_other_ages(facts: tuple[Fact, ...]) -> bool:
    """Whether two of the facts are for ages that do not meet (under 30 / 30 and older): then which applies is the
    question to ask first."""
    ranges = [fact.ages for fact in facts if fact.ages]
    return any(
        (a.max is not None and b.min is not None and a.max < b.min)
        or (b.max is not None and a.min is not None and b.max < a.min)
        for i, a in enumerate(ranges)
        for b in ranges[i + 1 :]
    )


def _within(facts: tuple[Fact, ...], words: int) -> tuple[Fact, ...]:
    """The best fact, and those after it that still fit in `words`; but no age the facts covered is left without
    one."""
    kept = [facts[0]]
    for fact in facts[1:]:
        if _words((*kept, fact)) <= words:
            kept.append(fact)
    return _for_every_age(tuple(kept), list(facts))


def by_ages(facts: tuple[Fact, ...]) -> tuple[AgeGroup, ...]:
    """The facts under the ages they are for: for everyone first, then by youngest."""
    ranges = sorted({fact.ages for fact in facts}, key=lambda r: (r is not None, r and (r.min or 0, r.max or 999)))
    return tuple(AgeGroup(r, tuple(fact for fact in facts if fact.ages == r)) for r in ranges)
