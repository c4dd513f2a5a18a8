"""Text rules of the knowledge base: normalising PDF text, finding quotes, extracting the details that facts
must carry (phones, e-mails, street addresses, ages and time limits), and readability (LIX).

The committed sources are never changed: quotes and sources are compared in a normalised form.
"""

from __future__ import annotations

import datetime
import re
import statistics
import unicodedata
from collections.abc import Iterable

from babel.dates import format_date

from danish.patterns import digits, email_addresses, phone_numbers
from danish.patterns import street_addresses as street_addresses_in

# Bullet glyphs of the PDF extractions, U+F0B7 being the Symbol font's bullet in a private-use slot.
BULLETS = "•\uf0b7▪●◦"
# Marks an omission inside a quote: the parts around it must appear in the source in this order.
OMISSION = "[…]"
_BULLET_RE = re.compile(f"[{BULLETS}]")
_SPACE_RE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC, bullet glyphs dropped, every run of whitespace (line breaks included) collapsed to one space."""
    text = _BULLET_RE.sub(" ", unicodedata.normalize("NFC", text))
    return _SPACE_RE.sub(" ", text).strip()


def line_offsets(text: str) -> list[int]:
    """Where each line (1-based line n at index n - 1) begins in normalise(text), or would begin if it is blank.

    normalise(text) is the non-blank lines, each normalised, joined by one space.
    """
    offsets: list[int] = []
    length = 0
    for line in text.split("\n"):
        offsets.append(length + 1 if length else 0)
        if content := normalise(line):
            length += (1 if length else 0) + len(content)
    return offsets


def danish_date(date: str) -> str:
    """A standard's date as Danish writes it: "2023-12-06" as "6. december 2023", "2025-01" as "januar 2025"."""
    if len(date) == len("2025-01"):
        return format_date(datetime.date.fromisoformat(f"{date}-01"), "MMMM y", locale="da")
    return format_date(datetime.date.fromisoformat(date), "d. MMMM y", locale="da")


def find_quote(quote: str, source: str, start: int = 0, end: int | None = None) -> int | None:
    """Where a quote begins in an already normalised source (within start..end), or None.

    A quote may leave out text with "[…]"; its parts must then follow each other in the source.
    """
    parts = [normalise(part) for part in quote.split(OMISSION)]
    if not all(parts):
        return None
    limit = len(source) if end is None else end
    first = source.find(parts[0], start, limit)
    if first < 0:
        return None
    position = first + len(parts[0])
    for part in parts[1:]:
        found = source.find(part, position, limit)
        if found < 0:
            return None
        position = found + len(part)
    return first


# --- Details a fact must carry --------------------------------------------------------------------------

_UNITS = {
    "dag": "dage", "dage": "dage",
    "hverdag": "hverdage", "hverdage": "hverdage",
    "uge": "uger", "uger": "uger",
    "måned": "måneder", "måneder": "måneder",
    "år": "år",
}  # fmt: skip
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_LIMIT_RE = re.compile(rf"(?<![\d.,])(\d+)(?: ?(?:-|–|til|og) ?(\d+))? ({_UNIT})\b", re.IGNORECASE)


def phones(text: str) -> set[str]:
    """Danish 8-digit phone numbers, as digits only ("56 20 27 20" and "5620 2720" are the same)."""
    text = normalise(text)
    return {digits(found.of(text))[-8:] for found in phone_numbers(text)}


def emails(text: str) -> set[str]:
    text = normalise(text)
    return {found.of(text).lower() for found in email_addresses(text)}


def street_addresses(text: str) -> set[str]:
    """Street and number ("Præstøvej 78", "Sankelmarksvej 10A"), as the standard writes them."""
    text = normalise(text)
    return {re.sub(r"\s+(?=[A-Za-z]$)", "", found.of(text).split(",")[0]) for found in street_addresses_in(text)}


def limits(text: str) -> set[str]:
    """Ages and time limits as "number unit": "under 30 år" -> "30 år", "1 måned" -> "1 måneder".

    Ranges and pairs give each number with the unit ("15-17 år" and "mellem 15 og 17 år" -> "15 år", "17 år"),
    so an answer carries them however it phrases them. Numbers written as words are not found.
    """
    found: set[str] = set()
    for match in _LIMIT_RE.finditer(normalise(text)):
        unit = _UNITS[match.group(3).lower()]
        found.update(f"{number} {unit}" for number in match.group(1, 2) if number)
    return found


def details(text: str) -> dict[str, set[str]]:
    """Every detail of every kind in a text, by kind."""
    return {
        "telefon": phones(text),
        "e-mail": emails(text),
        "adresse": street_addresses(text),
        "alder eller frist": limits(text),
    }


def numbers(text: str) -> set[str]:
    """Every number in a text, phone numbers as one digit string each."""
    normalised = normalise(text)
    spans = list(phone_numbers(normalised))
    without_phones = "".join(
        normalised[start:end]
        for start, end in zip([0, *(f.end for f in spans)], [*(f.start for f in spans), None], strict=True)
    )
    return phones(normalised) | set(re.findall(r"\d+", without_phones))


# --- Readability ----------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
# A sentence ends at . ! ? or : followed by a capital letter, a line break or the end of the text.
_SENTENCE_END_RE = re.compile(r"[.!?:]+(?=\s+[A-ZÆØÅ\"“(]|\s*\n|\s*$)")


def lix(text: str) -> float:
    """LIX (Björnsson): words per sentence + percentage of long words (more than six letters).

    Words are runs of letters; numbers do not count, so a phone number cannot lower the score.
    """
    words = _WORD_RE.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END_RE.findall(text.strip())))
    long_words = sum(1 for word in words if len(word) > 6)
    return len(words) / sentences + 100 * long_words / len(words)


def lix_summary(texts: Iterable[str]) -> dict[str, float]:
    scores = [lix(text) for text in texts]
    return {
        "answers": len(scores),
        "median": round(statistics.median(scores), 1),
        "max": round(max(scores), 1),
        "mean": round(statistics.fmean(scores), 1),
    }
