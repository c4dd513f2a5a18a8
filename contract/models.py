"""The bodies the action server reads from the service and sends to it, as the service's OpenAPI document names
them. The service answers with these classes; the actions parse every answer with them, so a disagreement is an
error at the boundary, never a missing key deep inside an action."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Extra, Field, root_validator

from contract.constants import BY_TOPIC, ActionMeasure, Audience, BookingTopic


class Body(BaseModel):
    class Config:
        # The service builds bodies from its domain objects, whose attribute names they share.
        orm_mode = True


# --- Municipalities and knowledge -----------------------------------------------------------------------------


class StandardPublic(Body):
    title: str
    laws: list[str]
    adopted: str | None
    adopted_by: str | None
    valid_from: str | None
    valid_to: str | None
    next_revision: str | None


class MunicipalityPublic(Body):
    id: str
    name: str
    standard: StandardPublic


class SourcePublic(Body):
    """Where a fact comes from: the municipality's own quality standard, quoted verbatim (municipality, section,
    quote), or for a national fact the organisation behind it (document and url)."""

    document: str
    municipality: str | None = None
    adopted: str | None = None
    section: str | None = None
    law: str | None = None
    quote: str | None = None
    url: str | None = None


class AgeRangePublic(Body):
    min: int | None
    max: int | None
    label: str
    example: int


class FactPublic(Body):
    id: str
    topic: str
    audience: str
    answer: str
    spoken: str = Field(..., description="The answer as staff read it aloud on the phone (no signs to decode).")
    answer_en: str | None = None
    ages: AgeRangePublic | None = None
    sources: list[SourcePublic]
    notes: list[FactPublic] = Field(
        [],
        description="National notes to show beside this fact (each begins 'Landsdækkende note:'): where the "
        "standard names a body that no longer handles the matter, or counts a time limit from a later point than "
        "the law. The fact keeps the standard's own words.",
    )


class NotStatedPublic(Body):
    """The standard says nothing on the topic; `contact` says whom to ask, with its own source. `sources` names the
    standard that is silent (no quote: there is nothing to quote)."""

    answer: str
    answer_en: str | None = None
    sources: list[SourcePublic]
    contact: FactPublic | None


class TopicPublic(Body):
    id: str
    label: str
    english: bool = Field(..., description="Every municipality's facts on this topic are also written in English.")


class TopicAnswerPublic(Body):
    municipality: str
    municipality_name: str
    topic: TopicPublic
    # Whether the standard is silent on the topic; facts may also be empty for an age with none.
    status: Literal["stated", "not_stated"]
    facts: list[FactPublic]
    not_stated: NotStatedPublic | None
    # Set when the facts differ by the age of the person it is about and no age was given: ask which applies.
    age_groups: list[AgeRangePublic] = []


class QuestionCreate(Body):
    """A question to answer from one municipality's standard; with no municipality, from all of them, to know what
    it is about. Besides the text: what the conversation knows (the question before, the topic answered before,
    the audience, the age) and the classifier's confidence per topic."""

    text: Annotated[str, Field(min_length=1, max_length=2000, description="The message, personal data removed.")]
    municipality: str | None = None
    context: Annotated[str | None, Field(max_length=2000, description="The question before, for a follow-up.")] = None
    topics: Annotated[dict[str, float], Field(description="The classifier's confidence per topic id, 0 to 1.")] = {}
    previous_topic: str | None = None
    topic: Annotated[str | None, Field(description="Keep to this topic (a comparison, a topic button).")] = None
    everything: Annotated[bool, Field(description="All facts of `topic` not in `exclude` ('Mere om ...').")] = False
    exclude: Annotated[list[str], Field(max_items=100, description="Ids of facts already shown.")] = []
    previous_facts: Annotated[
        list[str], Field(max_items=100, description="Ids of the facts the answer before showed ('hvor ligger det?').")
    ] = []
    audience: Audience | None = None
    age: Annotated[int | None, Field(ge=0, le=120, description="Age of the person it is about.")] = None
    english: bool = False
    lives_elsewhere: Annotated[
        str | None,
        Field(
            max_length=100,
            description="A municipality outside the standards the person lives in: facts for people from another "
            "municipality, or naming it, come first.",
        ),
    ] = None

    class Config:
        extra = Extra.forbid


class AnswerGroupPublic(Body):
    ages: AgeRangePublic | None = Field(..., description="The ages the facts are for; null: every age.")
    facts: list[FactPublic]


class AnswerPublic(Body):
    """The best facts for the question (one to three, grouped by the ages they are for), or `age_groups` to ask
    about first, or `not_stated`. `topic` is null when nothing in the standards answers the question."""

    municipality: str | None
    municipality_name: str | None
    topic: TopicPublic | None
    groups: list[AnswerGroupPublic] = []
    age_groups: list[AgeRangePublic] = []
    not_stated: NotStatedPublic | None = None
    # How many more facts the standard has on the topic.
    more: int = 0
    score: float = 0.0
    # How well the question's own words matched, 0 to 1.
    words: float = 0.0
    # How many of the message's words say what is asked (not where, who or how old): 0 for "og i Faxe?".
    asked: int = 0
    # How many of those words the standards know (themselves or a synonym): 0 for "hvem vandt superligaen".
    known: int = 0
    # Topics the message's phrasing asks about, whatever its words (knowledge/synonyms.yml `cues`): "hvor kan jeg
    # gå hen" asks whom to contact.
    cued: list[str] = []
    # The question is in English (said so, or written so): answer in English where the knowledge base has it.
    english: bool = False

    @property
    def facts(self) -> list[FactPublic]:
        return [fact for group in self.groups for fact in group.facts]


class ComparisonPublic(Body):
    topic: TopicPublic
    answers: list[TopicAnswerPublic]


# --- Booking --------------------------------------------------------------------------------------------------


class BookingCreate(Body):
    """Everything a booking may hold besides its code. Any other field (a name, a CPR number, a phone, an e-mail)
    is refused with 422."""

    municipality: str = Field(..., example="faxe")
    start: datetime.datetime = Field(..., description="Start of an offered slot (GET /api/bookings/slots).")
    topic: BookingTopic | None = None
    age: Annotated[
        int | None,
        Field(
            ge=0,
            le=120,
            description="Age of the person it is for, if known: an age the conversation is not for (the place's "
            "`offered_to`) is refused with 422. Checked, never stored.",
        ),
    ] = None

    class Config:
        extra = Extra.forbid


class SlotPublic(Body):
    start: datetime.datetime
    end: datetime.datetime
    label: str


class DayPublic(Body):
    date: datetime.date
    label: str
    slots: list[SlotPublic]


class OfferedToPublic(Body):
    """Whom the conversation is for by age, as the municipality's standard says it."""

    ages: AgeRangePublic | None = Field(
        ..., description="The ages it is for, both ends included; null: the standard limits it to no age."
    )
    sources: list[SourcePublic] = Field(..., description="What the standard says about whom it is for, verbatim.")
    contact: FactPublic | None = Field(
        ..., description="Whom to contact instead, for an age outside `ages` (null when there is none)."
    )

    def includes(self, age: int) -> bool:
        low, high = (self.ages.min, self.ages.max) if self.ages else (None, None)
        return (low is None or age >= low) and (high is None or age <= high)


class PlacePublic(Body):
    """Where the conversation is held, with the contact fact that names it (and its sources), and whom it is for."""

    name: str | None = Field(
        ..., description="Null: the standard names no place for the conversation; `contact` is whom to ask where."
    )
    address: str | None
    contact: FactPublic
    offered_to: OfferedToPublic


class SlotsPublic(Body):
    municipality: str
    municipality_name: str
    place: PlacePublic
    default_hours: bool = Field(
        ..., description="The standard gives no opening hours: the slots follow Vejviser's default hours."
    )
    slot_minutes: int
    days: list[DayPublic]


class BookingPublic(Body):
    code: str = Field(..., description="The only key to the booking: say it to cancel or look it up.")
    code_spoken: str = Field(..., description="The code as staff read it aloud on the phone, letter by letter.")
    municipality: str
    municipality_name: str
    start: datetime.datetime
    end: datetime.datetime
    label: str
    created: datetime.datetime
    topic: BookingTopic | None
    place: PlacePublic
    # What the conversation is for, from the municipality's standard.
    about: FactPublic
    default_hours: bool = Field(
        ..., description="The standard gives no opening hours: the time follows Vejviser's default hours."
    )


# --- The guided script ----------------------------------------------------------------------------------------


class CallerPublic(Body):
    id: str
    label: str
    description: str
    max_age: int | None
    # The topics to offer this caller, in order.
    topics: list[str]
    # What a booking made for this caller says about its purpose, if anything.
    booking_topic: BookingTopic | None


class ScriptPublic(Body):
    """Who may be calling, in the order staff are offered them."""

    callers: list[CallerPublic]


class FollowupPublic(Body):
    """A question to ask next: it leads to `topic`, or (topic null) to booking a clarifying conversation."""

    ask: str
    topic: str | None


class ReadAloudPublic(Body):
    """A fact's answer as staff say it, with the fact's sources (none for "the standard says nothing")."""

    text: str
    sources: list[SourcePublic]


class StepBody(Body):
    """What staff read aloud, and the questions to ask next."""

    status: Literal["stated", "not_stated", "not_for_age"]
    read_aloud: list[ReadAloudPublic]
    followups: list[FollowupPublic]


class ScriptStepPublic(StepBody):
    """One caller and topic. With `age_groups`, ask the age first: nothing is read aloud yet."""

    municipality: str
    municipality_name: str
    caller: CallerPublic
    topic: TopicPublic
    age_groups: list[AgeRangePublic]


# --- Usage figures --------------------------------------------------------------------------------------------


class UsageEventCreate(Body):
    """One thing to count, sent by the action server: a municipality, a measure and maybe a topic. Nothing else."""

    measure: ActionMeasure
    municipality: str
    topic: str | None = None

    class Config:
        extra = Extra.forbid

    @root_validator(skip_on_failure=True)
    def _topic_where_counted_by_topic(cls, values: dict[str, object]) -> dict[str, object]:
        if (values["measure"] in BY_TOPIC) != (values.get("topic") is not None):
            raise ValueError("Spørgsmål og fallbacks tælles med emne, samtaler uden.")
        return values
