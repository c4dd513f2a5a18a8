"""Anonymous usage figures: counters per municipality and day in Redis, never text or identifiers.

One hash per municipality and day; its fields are a fixed vocabulary: `conversations`, `bookings_made`,
`bookings_cancelled`, `questions:<topic>` and `fallbacks:<topic>` (the topic Vejviser guessed, or `ukendt`).
"""

from __future__ import annotations

import csv
import datetime
import io
import logging
from collections import Counter
from dataclasses import dataclass, field

from redis.asyncio import Redis
from redis.exceptions import RedisError

from contract.constants import BY_TOPIC, Measure

logger = logging.getLogger(__name__)
# Measures counted once a day, not by topic.
TOTALS: tuple[Measure, ...] = ("conversations", "bookings_made", "bookings_cancelled")
# Column values of the CSV export, in Danish for the staff who open it.
CSV_LABELS: dict[Measure, str] = {
    "conversations": "samtaler",
    "questions": "spørgsmål",
    "fallbacks": "ubesvarede",
    "bookings_made": "bookinger",
    "bookings_cancelled": "aflysninger",
}


@dataclass
class DayUsage:
    day: datetime.date
    conversations: int = 0
    bookings_made: int = 0
    bookings_cancelled: int = 0
    questions: Counter[str] = field(default_factory=Counter)
    fallbacks: Counter[str] = field(default_factory=Counter)

    def add(self, other: DayUsage) -> None:
        for measure in TOTALS:
            setattr(self, measure, getattr(self, measure) + getattr(other, measure))
        self.questions.update(other.questions)
        self.fallbacks.update(other.fallbacks)


class UsageStore:
    def __init__(self, redis: Redis[bytes], key_prefix: str, retention: datetime.timedelta) -> None:
        self._redis = redis
        self._prefix = key_prefix
        self._retention = retention

    def _key(self, municipality: str, day: datetime.date) -> str:
        return f"{self._prefix}:usage:{municipality}:{day.isoformat()}"

    async def count(self, municipality: str, day: datetime.date, measure: Measure, topic: str | None = None) -> None:
        """One more of a measure; per-topic measures need the topic. Counting never fails what it counts: with
        Redis down, the count is lost."""
        if (measure in BY_TOPIC) != (topic is not None):
            raise ValueError(f"{measure} is {'' if measure in BY_TOPIC else 'not '}counted by topic")
        key = self._key(municipality, day)
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.hincrby(key, f"{measure}:{topic}" if topic else measure, 1)
                pipe.expire(key, self._retention)
                await pipe.execute()
        except (RedisError, OSError) as error:
            logger.warning("A usage count was lost: %s", type(error).__name__)

    async def days(self, municipality: str, first: datetime.date, last: datetime.date) -> list[DayUsage]:
        """Every day from first to last, both included, with zeros where nothing was counted."""
        days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
        async with self._redis.pipeline(transaction=False) as pipe:
            for day in days:
                pipe.hgetall(self._key(municipality, day))
            stored = await pipe.execute()
        return [_day_usage(day, fields) for day, fields in zip(days, stored, strict=True)]


def _day_usage(day: datetime.date, fields: dict[bytes, bytes]) -> DayUsage:
    usage = DayUsage(day)
    for raw_name, raw_count in fields.items():
        name, _, topic = raw_name.decode().partition(":")
        if name in BY_TOPIC and topic:
            getattr(usage, name)[topic] += int(raw_count)
        elif name in TOTALS:
            setattr(usage, name, int(raw_count))
    return usage


def usage_csv(days: list[DayUsage]) -> str:
    """One row per day and measure (and topic), separated by semicolons as Danish spreadsheets expect."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["dato", "måling", "emne", "antal"])
    for usage in days:
        for measure in TOTALS:
            writer.writerow([usage.day.isoformat(), CSV_LABELS[measure], "", getattr(usage, measure)])
        for measure in BY_TOPIC:
            for topic, count in sorted(getattr(usage, measure).items()):
                writer.writerow([usage.day.isoformat(), CSV_LABELS[measure], topic, count])
    return out.getvalue()
