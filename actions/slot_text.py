"""Which free booking slot a person means, from a slot button or from Danish typed in their own words ("tirsdag kl
10", "27/11 kl. 13", "den første"). Pure functions over the slots the service offers."""

from __future__ import annotations

import datetime
import re

from contract.models import SlotPublic

WEEKDAY_WORDS = {
    "man": 0, "mandag": 0, "tir": 1, "tirs": 1, "tirsdag": 1, "ons": 2, "onsdag": 2,
    "tor": 3, "tors": 3, "torsdag": 3, "fre": 4, "fredag": 4,
    # Never offered, but named they must not fall back to the times shown.
    "lør": 5, "lørdag": 5, "loerdag": 5, "søn": 6, "søndag": 6, "soendag": 6,
}  # fmt: skip
MONTH_WORDS = {
    "jan": 1, "januar": 1, "feb": 2, "februar": 2, "mar": 3, "marts": 3, "apr": 4, "april": 4, "maj": 5,
    "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
# Hours said as words after "kl."; "to" and "tre" are the afternoon in office hours.
HOUR_WORDS = {"otte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "et": 13, "to": 14, "tre": 15, "fire": 16}
_HOUR = re.compile(r"\b(?:klokken|kl\.?)\s*(\d{1,2}|[a-z]+)\b|\b(\d{1,2})[.:]00\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\b|\b(\d{1,2})\.?\s+([a-zæøå]+)\b")
_DAY_ONLY = re.compile(r"\b(?:den|d\.?)\s*(\d{1,2})\b")
_BARE_HOUR = re.compile(r"\b(\d{1,2})\b")
# Which of the times shown: "den første", "den anden", "nr 2", "nummer 3", "#2". "Den sidste" is the last.
ORDINAL_WORDS = {
    "første": 1, "foerste": 1, "forste": 1, "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6,
}  # fmt: skip
_NUMBERED = re.compile(r"(?:\bnr\.?|\bnummer|#)\s*(\d{1,2})\b")


def _hour(text: str) -> int | None:
    match = _HOUR.search(text)
    if not match:
        return None
    value = match.group(1) or match.group(2)
    if value.isdigit():
        return int(value)
    return HOUR_WORDS.get(value)


def _date(text: str) -> tuple[int, int | None] | None:
    """(day of month, month or None) from "27/11", "2. december", "den 25"."""
    for match in _DAY_MONTH.finditer(text):
        if match.group(1):
            return int(match.group(1)), int(match.group(2))
        if match.group(4) in MONTH_WORDS:
            return int(match.group(3)), MONTH_WORDS[match.group(4)]
    day_only = _DAY_ONLY.search(text)
    return (int(day_only.group(1)), None) if day_only else None


def _ordinal(text: str, words: list[str]) -> int | None:
    """Which of the times shown: "nr 2", "den første"; "anden" only after "den" ("en anden tid" is no choice)."""
    numbered = _NUMBERED.search(text)
    if numbered:
        return int(numbered.group(1))
    for i, word in enumerate(words):
        if word in ORDINAL_WORDS and (ORDINAL_WORDS[word] == 1 or (i > 0 and words[i - 1] in ("den", "det"))):
            return ORDINAL_WORDS[word]
    return None


def typed_slot(text: str, free: list[SlotPublic], shown: list[SlotPublic]) -> SlotPublic | None:
    """The free slot someone typed ("tirsdag kl 10", "27/11 kl. 13", "den første", "nr 2"), or None if it is not
    clear.

    A weekday means its nearest date. Without a day, "den første", "den anden", "nr 2" and "den sidste" are among the
    times shown.
    """
    text = text.lower()
    words = re.findall(r"[a-zæøå]+", text)
    weekdays = {WEEKDAY_WORDS[word] for word in words if word in WEEKDAY_WORDS}
    date = _date(text)
    hour = _hour(text)
    candidates = shown if not weekdays and not date else free
    if weekdays:
        candidates = [slot for slot in candidates if slot.start.weekday() in weekdays]
    if date:
        day, month = date
        candidates = [slot for slot in candidates if slot.start.day == day and month in (None, slot.start.month)]
    if hour is None and (weekdays or date):
        # "ok torsdag 11": a bare number beside a day is the hour, unless it is the date itself.
        numbers = [int(n) for n in _BARE_HOUR.findall(text) if 7 <= int(n) <= 17 and (not date or int(n) != date[0])]
        hour = numbers[0] if numbers else None
    if hour is not None:
        candidates = [slot for slot in candidates if slot.start.hour == hour]
    if not candidates:
        return None
    if "sidste" in words:
        return candidates[-1]
    numbered = _NUMBERED.search(text)
    ordinal = (
        int(numbered.group(1)) if numbered else next((ORDINAL_WORDS[w] for w in words if w in ORDINAL_WORDS), None)
    )
    if ordinal is not None:
        return candidates[ordinal - 1] if 0 < ordinal <= len(candidates) else None
    if hour is not None:
        return candidates[0]
    return candidates[0] if len(candidates) == 1 else None


def resolve_slot(value: str, free: list[SlotPublic], shown: list[SlotPublic]) -> SlotPublic | None:
    """A slot button's start, or what the person typed, as one of the free slots."""
    try:
        start = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        return typed_slot(value, free, shown)
    return next((slot for slot in free if slot.start == start), None)
