"""The usage figures added up and written as CSV for staff."""

from __future__ import annotations

import datetime
from collections import Counter

from service.usage import DayUsage, usage_csv

DAY = datetime.date(2026, 12, 1)


def test_the_csv_has_a_row_per_day_measure_and_topic() -> None:
    lines = usage_csv([DayUsage(DAY, bookings_cancelled=1, questions=Counter({"pris": 1}))]).splitlines()
    assert lines == [
        "dato;måling;emne;antal",
        "2026-12-01;samtaler;;0",
        "2026-12-01;bookinger;;0",
        "2026-12-01;aflysninger;;1",
        "2026-12-01;spørgsmål;pris;1",
    ]


def test_days_add_up() -> None:
    total = DayUsage(DAY, conversations=1, questions=Counter({"pris": 2}))
    total.add(DayUsage(DAY, conversations=2, bookings_made=1, questions=Counter({"pris": 1, "anonym": 1})))
    assert (total.conversations, total.bookings_made, total.questions) == (3, 1, {"pris": 3, "anonym": 1})
