"""`POST /api/usage` and `/api/staff/stats`: anonymous counters, never text or identifiers."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, Extra, root_validator

from service.usage import BY_TOPIC, DayUsage


class UsageEventCreate(BaseModel):
    """One thing to count, sent by the action server: a municipality, a measure and maybe a topic. Nothing else."""

    measure: Literal["conversations", "questions", "fallbacks"]
    municipality: str
    topic: str | None = None

    class Config:
        extra = Extra.forbid

    @root_validator(skip_on_failure=True)
    def _topic_where_counted_by_topic(cls, values: dict[str, object]) -> dict[str, object]:
        if (values["measure"] in BY_TOPIC) != (values.get("topic") is not None):
            raise ValueError("Spørgsmål og fallbacks tælles med emne, samtaler uden.")
        return values


class UsagePublic(BaseModel):
    conversations: int
    bookings_made: int
    bookings_cancelled: int
    questions: dict[str, int]
    fallbacks: dict[str, int]

    @classmethod
    def of(cls, usage: DayUsage) -> UsagePublic:
        return cls(
            conversations=usage.conversations,
            bookings_made=usage.bookings_made,
            bookings_cancelled=usage.bookings_cancelled,
            questions=dict(usage.questions.most_common()),
            fallbacks=dict(usage.fallbacks.most_common()),
        )


class DayUsagePublic(UsagePublic):
    date: datetime.date

    @classmethod
    def of(cls, usage: DayUsage) -> DayUsagePublic:
        return cls(date=usage.day, **UsagePublic.of(usage).dict())


class StatsPublic(BaseModel):
    """A municipality's figures per day, and in total. A fallback's topic is Vejviser's guess (`ukendt`: none)."""

    municipality: str
    municipality_name: str
    first_day: datetime.date
    last_day: datetime.date
    days: list[DayUsagePublic]
    total: UsagePublic
