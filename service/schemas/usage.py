"""`/api/staff/stats`: anonymous counters, never text or identifiers (what `POST /api/usage` counts is the
contract's `UsageEventCreate`)."""

from __future__ import annotations

import datetime

from pydantic import BaseModel

from service.usage import DayUsage


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
