"""Anonymous usage figures: a municipality's counts for a day, added up, and as CSV for its staff.

The action server counts conversations, questions and fallbacks (`POST /api/usage`); the booking API counts bookings
made and cancelled. Redis keeps them (service/stores/usage.py).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from dataclasses import dataclass, field

from contract.constants import BY_TOPIC, Measure

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
