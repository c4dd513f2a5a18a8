"""Text rules of the knowledge base: normalising PDF text, finding quotes, extracting the details that facts
must carry (phones, e-mails, street addresses, ages and time limits), and readability (LIX).

The committed sources are never changed: quotes and sources are compared in a normalised form.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Iterable

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

# Eight digits, in pairs or as "70 201 201"; not part of a longer number, a date (17.12.2024) or a decimal, but a
# sentence may end right after it ("Ring på 38 21 36 66.").
_PHONE_RE = re.compile(r"(?<!\d)(?<!\d[.,])(?:\+45 ?)?(\d{2} ?\d{2} ?\d{2} ?\d{2}|\d{2} \d{3} \d{3})(?!\d)(?![.,]\d)")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_STREET_SUFFIXES = "vej|gade|allé|alle|plads|torv|vænge|stræde|boulevard|park|bakke|have|sti"
# "Præstøvej 78", and with the street type as a word of its own, "Peter Bangs Vej 24".
_ADDRESS_RE = re.compile(
    rf"\b([A-ZÆØÅ][a-zæøåé]+(?:{_STREET_SUFFIXES}|(?: (?:{_STREET_SUFFIXES.title()})))) (\d+ ?[A-Z]?)\b"
)
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
    return {match.group(1).replace(" ", "") for match in _PHONE_RE.finditer(normalise(text))}


def emails(text: str) -> set[str]:
    return {match.group(0).rstrip(".").lower() for match in _EMAIL_RE.finditer(normalise(text))}


def street_addresses(text: str) -> set[str]:
    """Street and number ("Præstøvej 78", "Sankelmarksvej 10A")."""
    return {f"{m.group(1)} {m.group(2).replace(' ', '')}" for m in _ADDRESS_RE.finditer(normalise(text))}


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
    found = phones(normalised)
    without_phones = _PHONE_RE.sub(" ", normalised)
    return found | set(re.findall(r"\d+", without_phones))


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
