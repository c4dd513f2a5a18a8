"""Words that say a life is in danger now: an overdose, someone who does not breathe or wake, thoughts of suicide.

The classifier learns emergencies from examples, but a message it is unsure of must never miss 112: these phrasings
decide on their own (bot/components.py). Matched on the text in lower case with æ/ø/å folded (danish/patterns.py),
so "vaagner ikke" counts as "vågner ikke". Each pattern names the danger, not a word that may merely appear in a
question about treatment ("dø" alone, "liv" alone).
"""

from __future__ import annotations

import re

from danish.patterns import fold

_NOT = r"(?:ikke|ik|ikk|naesten ikke)"
_PATTERNS = (
    # Suicide.
    r"\bselvmord",
    r"\bsuicid",
    r"\b(?:vil|gider|orker) " + _NOT + r" (?:at )?leve\b",
    r"\bikke leve (?:mere|laengere)\b",
    r"\bgoere en ende paa (?:det|mit liv|livet|det hele)\b",
    r"\btage mit (?:eget )?liv\b",
    r"\bslaa mig selv ihjel\b",
    r"\b(?:slutte|ende|afslutte) det hele\b",
    r"\b(?:vil|vil bare|har lyst til at|oensker at) doe\b",
    r"\bkill (?:myself|herself|himself)\b",
    r"\bwant to die\b",
    # Overdose and a body that fails.
    r"\boverdos",
    r"\btraekker " + _NOT + r" vejret\b",
    r"\bkan " + _NOT + r" (?:faa|faar) luft\b",
    r"\bvaagner " + _NOT + r"\b",
    r"\bbevidstloes\b",
    r"\bbesvim",
    r"\b(?:har|fik|faaet|ligger i|er i) kramper\b",
    r"\bkrampeanfald",
    r"\bblaa (?:om|paa) (?:laeberne|munden)\b",
    r"\b(?:not|isn't|isnt|is not) breathing\b",
    r"\bunconscious\b",
    r"\bwon'?t wake up\b",
)
_DANGER = re.compile("|".join(f"(?:{pattern})" for pattern in _PATTERNS))


def in_danger(text: str) -> bool:
    """Whether the message says that a life is in danger now."""
    return _DANGER.search(fold(text)) is not None
