"""The guided script for phone-line staff: the script tree (knowledge/script.yml) over the knowledge base.

A step is what staff see for one caller and topic: the municipality's facts as they are read aloud, with their
sources, and the questions to ask next. The answers are the knowledge base's own, so phone and chat never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from contract.constants import BookingTopic
from knowledge.answering import topic_answer
from knowledge.base import AgeRange, Fact, KnowledgeBase, Topic
from knowledge.booking import offered_to
from knowledge.files import BookingPlace, ScriptFile, read_file
from knowledge.spoken import spoken

SCRIPT_FILE = Path(__file__).with_name("script.yml")


@dataclass(frozen=True)
class Caller:
    id: str
    label: str
    description: str
    audience: str | None
    max_age: int | None
    topics: tuple[str, ...]
    booking_topic: BookingTopic | None = None


@dataclass(frozen=True)
class Followup:
    """A question staff ask next; it leads to a topic, or (topic None) to booking a clarifying conversation."""

    ask: str
    topic: str | None


@dataclass(frozen=True)
class Script:
    callers: dict[str, Caller]
    # Per topic: each question with the callers it is for (None: every caller).
    followups: dict[str, tuple[tuple[Followup, frozenset[str] | None], ...]]

    def followups_for(self, topic: str, caller: str) -> tuple[Followup, ...]:
        return tuple(f for f, callers in self.followups.get(topic, ()) if callers is None or caller in callers)


@dataclass(frozen=True)
class ReadAloud:
    """One thing to read aloud: a fact's answer as it is said, with the fact (and so its sources)."""

    text: str
    fact: Fact | None = None


@dataclass(frozen=True)
class ScriptStep:
    """`status`: the standard's facts (`stated`), nothing on the topic (`not_stated`: whom to contact instead), or
    nothing for this age (`not_for_age`: whom to contact). `age_groups` set: ask the age first."""

    municipality: str
    caller: Caller
    topic: Topic
    status: Literal["stated", "not_stated", "not_for_age"]
    read_aloud: tuple[ReadAloud, ...]
    followups: tuple[Followup, ...]
    age_groups: tuple[AgeRange, ...] = ()


def load_script(path: Path = SCRIPT_FILE) -> Script:
    """Raises KnowledgeError listing every schema problem."""
    entry: ScriptFile = read_file(ScriptFile, path)
    callers = {
        str(c.id): Caller(
            str(c.id), c.label, c.description, c.audience, c.max_age, tuple(map(str, c.topics)), c.booking_topic
        )
        for c in entry.callers
    }
    followups = {
        str(topic): tuple(
            (Followup(f.ask, f.topic and str(f.topic)), frozenset(map(str, f.callers)) if f.callers else None)
            for f in questions
        )
        for topic, questions in entry.followups.items()
    }
    return Script(callers, followups)


@lru_cache(maxsize=1)
def script() -> Script:
    """The committed script tree, read once per process."""
    return load_script()


def _read(facts: tuple[Fact, ...]) -> tuple[ReadAloud, ...]:
    """Each fact as it is said, followed by the national notes that qualify it."""
    return tuple(ReadAloud(said.spoken, said) for fact in facts for said in (fact, *fact.notes))


def _offered(
    followups: tuple[Followup, ...], booking: BookingPlace | None, age: int | None, up_to: int | None
) -> tuple[Followup, ...]:
    """The questions to ask next, but booking where the conversation is for neither the age given nor, without
    one, any age the caller can be (knowledge/booking.yml)."""
    if booking is None:
        return followups
    if age is not None:
        bookable = offered_to(booking, age)
    else:
        bookable = up_to is None or any(offered_to(booking, younger) for younger in range(up_to + 1))
    return tuple(followup for followup in followups if followup.topic is not None or bookable)


def script_step(
    kb: KnowledgeBase,
    tree: Script,
    municipality: str,
    caller_id: str,
    topic_id: str,
    age: int | None = None,
    booking: BookingPlace | None = None,
) -> ScriptStep:
    """What staff read for this caller and topic, from the municipality's own facts (KeyError: unknown caller).
    With the municipality's booking place, booking is offered only to an age its conversation is for."""
    caller = tree.callers[caller_id]
    answer = topic_answer(kb, municipality, topic_id, caller.audience, age, up_to=caller.max_age)
    followups = _offered(tree.followups_for(topic_id, caller_id), booking, age, caller.max_age)
    if answer.age_groups:
        return ScriptStep(municipality, caller, answer.topic, "stated", (), followups, answer.age_groups)
    if answer.not_stated:
        # The standard's own contact for it, if that is for the caller's age; else the contact points for the age.
        contact = answer.not_stated.contact
        who = age if age is not None else caller.max_age
        if contact is not None and (who is None or contact.applies_to(who)):
            contacts: tuple[Fact, ...] = (contact,)
        else:
            contacts = _contacts(kb, municipality, caller, age)
        said = (ReadAloud(spoken(answer.not_stated.answer)), *_read(contacts))
        return ScriptStep(municipality, caller, answer.topic, "not_stated", said, followups)
    if not answer.facts:
        said = _read(_contacts(kb, municipality, caller, age))
        return ScriptStep(municipality, caller, answer.topic, "not_for_age", said, followups)
    return ScriptStep(municipality, caller, answer.topic, "stated", _read(answer.facts), followups)


def _contacts(kb: KnowledgeBase, municipality: str, caller: Caller, age: int | None) -> tuple[Fact, ...]:
    """Whom to refer a caller to when the standard has nothing for them."""
    return topic_answer(kb, municipality, "kontakt", caller.audience, age, up_to=caller.max_age).facts


@dataclass(frozen=True)
class Variant:
    """One answer of a printed topic, and the callers (and age group) it is for."""

    callers: tuple[Caller, ...]
    age: AgeRange | None
    step: ScriptStep


@dataclass(frozen=True)
class PrintedTopic:
    topic: Topic
    variants: tuple[Variant, ...]


def printable_script(
    kb: KnowledgeBase, tree: Script, municipality: str, booking: BookingPlace | None = None
) -> list[PrintedTopic]:
    """Every topic of a municipality for the printed script: each different answer once, with the callers it is
    for; where the answer depends on age, one per age group. With the booking place, as script_step."""
    printed = []
    for topic in kb.topics:
        variants: dict[tuple[object, ...], tuple[list[Caller], AgeRange | None, ScriptStep]] = {}
        for caller in tree.callers.values():
            step = script_step(kb, tree, municipality, caller.id, topic, booking=booking)
            by_age: list[tuple[AgeRange | None, ScriptStep]] = [
                (group, script_step(kb, tree, municipality, caller.id, topic, group.example, booking))
                for group in step.age_groups
            ] or [(None, step)]
            for age, answer in by_age:
                key = (age, answer.status, answer.read_aloud, answer.followups)
                variants.setdefault(key, ([], age, answer))[0].append(caller)
        printed.append(
            PrintedTopic(
                kb.topics[topic],
                tuple(Variant(tuple(callers), age, step) for callers, age, step in variants.values()),
            )
        )
    return printed
