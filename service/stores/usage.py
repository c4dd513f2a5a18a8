"""Anonymous usage counters in Redis: one hash per municipality and day, never text or identifiers.

A hash's fields are a fixed vocabulary: `conversations`, `bookings_made`, `bookings_cancelled`, `questions:<topic>`
and `fallbacks:<topic>` (the topic Vejviser guessed, or `ukendt`).
"""

from __future__ import annotations

import datetime

from redis.asyncio import Redis

from contract.constants import BY_TOPIC, Measure
from service.stores.base import RedisStore
from service.stores.keys import Keys
from service.usage import TOTALS, DayUsage

STATS_DOWN = "Tallene kan ikke hentes lige nu. Prøv igen om lidt."


class UsageStore(RedisStore):
    down = STATS_DOWN

    def __init__(self, redis: Redis[bytes], keys: Keys, retention: datetime.timedelta) -> None:
        super().__init__(redis, keys)
        self._retention = retention

    async def count(self, municipality: str, day: datetime.date, measure: Measure, topic: str | None = None) -> None:
        """One more of a measure; per-topic measures need the topic."""
        if (measure in BY_TOPIC) != (topic is not None):
            raise ValueError(f"{measure} is {'' if measure in BY_TOPIC else 'not '}counted by topic")
        key = self._keys.usage(municipality, day)
        with self._reaching_redis():
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.hincrby(key, f"{measure}:{topic}" if topic else measure, 1)
                pipe.expire(key, self._retention)
                await pipe.execute()

    async def days(self, municipality: str, first: datetime.date, last: datetime.date) -> list[DayUsage]:
        """Every day from first to last, both included, with zeros where nothing was counted."""
        days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
        with self._reaching_redis():
            async with self._redis.pipeline(transaction=False) as pipe:
                for day in days:
                    pipe.hgetall(self._keys.usage(municipality, day))
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
