"""Finding the places a Danish message names, as people type them: any case, æ/ø/å as ae/oe/aa or as a/o/a, and
with a typo in a longer name ("odshered", "frederiksbrg"), matched by Damerau-Levenshtein distance (rapidfuzz): one
edit in a name of five to seven letters, two in a longer one, never in the first letter, and about as long.

A name that is also a Danish word ("Vig", "Stege", "Vejen") counts only where it is said as a place: after "i",
"på", "fra", "bor" and the like, before "kommune", or as the whole message. Typos are forgiven only in names of
five letters or more, and never turn a Danish word into a place.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from danish.patterns import fold

# Words, with the dots and dashes inside names ("Fr.berg", "U-Turn") kept.
_TOKEN = re.compile(r"\w+(?:[.\-]\w+)*", re.UNICODE)
# The words before a name that say it is a place; "kommune" after it does too.
PLACE_CUES = frozenset(
    {"i", "paa", "fra", "ved", "naer", "omkring", "bor", "bo", "boede", "til", "mod", "udenfor", "in", "from", "near"}
)
AFTER_CUES = frozenset({"kommune", "kommunen", "kommunes"})
# Numbers that are years more often than postcodes after these words.
_YEAR_CUES = frozenset({"siden", "aar", "aaret", "aarene", "foraar", "efteraar"})
# Typos: how many edits a name of this many letters forgives.
MIN_FUZZY_LENGTH = 5
LONG_NAME = 8


def max_edits(length: int) -> int:
    if length < MIN_FUZZY_LENGTH:
        return 0
    return 1 if length < LONG_NAME else 2


def misspelt(word: str, by_length: Mapping[int, Collection[str]]) -> str | None:
    """The known word (grouped by length) that `word` misspells: a letter or two wrong, missing, extra or swapped
    (max_edits), never the first letter, and about as long."""
    edits = max_edits(len(word))
    if not edits:
        return None
    lengths = (len(word) - 1, len(word), len(word) + 1)
    near = [known for n in lengths for known in by_length.get(n, ()) if known[0] == word[0]]
    best = process.extractOne(word, near, scorer=DamerauLevenshtein.distance, score_cutoff=edits)
    return best[0] if best else None


def typed_spellings(name: str) -> set[str]:
    """The ways a name is typed without æ/ø/å: "Næstved" -> Naestved, Nastved, Nestved."""
    letters = {"æ": ("ae", "a", "e"), "ø": ("oe", "o"), "å": ("aa", "a")}
    letters |= {key.upper(): tuple(value.capitalize() for value in values) for key, values in letters.items()}
    options = [letters.get(part, (part,)) for part in re.split(r"([æøåÆØÅ])", name)]
    return {"".join(choice) for choice in itertools.product(*options)} - {name}


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    text: str
    # What the name stands for (a municipality id, or whatever the caller mapped it to).
    value: str
    exact: bool


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), fold(m.group())) for m in _TOKEN.finditer(text)]


class PlaceFinder:
    """Finds the names of `places` (a name -> what it stands for) in a text. `is_word` says whether a word is a
    Danish word form, so that an ordinary word is never read as a place; names in `sure` (a municipality's own
    name, its centres) are places even so ("Faxe" is also the verb "to fax")."""

    def __init__(self, places: Mapping[str, str], is_word: Callable[[str], bool], sure: Collection[str] = ()) -> None:
        self._is_word = is_word
        self._exact: dict[tuple[str, ...], str] = {}
        self._sure: set[tuple[str, ...]] = set()
        for name, value in places.items():
            for spelling in {name, *typed_spellings(name)}:
                key = tuple(token for _, _, token in _tokens(spelling))
                self._exact.setdefault(key, value)
                if name in sure:
                    self._sure.add(key)
        self._longest = max((len(key) for key in self._exact), default=1)
        # One-word names long enough to forgive a typo, and not Danish words themselves, by length.
        self._fuzzy: dict[int, dict[str, str]] = {}
        for key, value in self._exact.items():
            if len(key) == 1 and len(key[0]) >= MIN_FUZZY_LENGTH and not key[0].isdigit() and not is_word(key[0]):
                self._fuzzy.setdefault(len(key[0]), {})[key[0]] = value

    def find(self, text: str) -> list[PlaceMatch]:
        tokens = _tokens(text)
        found: list[PlaceMatch] = []
        taken: set[int] = set()
        for size in range(self._longest, 0, -1):
            for i in range(len(tokens) - size + 1):
                span = range(i, i + size)
                key = tuple(tokens[j][2] for j in span)
                if key in self._exact and not taken & set(span) and self._said_as_place(text, tokens, i, size):
                    found.append(self._match(text, tokens, i, size, self._exact[key], exact=True))
                    taken.update(span)
        for i, (start, end, token) in enumerate(tokens):
            if i in taken or token.isdigit() or self._word(text[start:end]):
                continue
            value = self._typo(token)
            if value is not None:
                found.append(self._match(text, tokens, i, 1, value, exact=False))
        return sorted(found, key=lambda match: match.start)

    def _word(self, typed: str) -> bool:
        """Whether a typed word is a Danish word, also when æ/ø/å were typed as ae/oe/aa."""
        lower = typed.lower()
        unfolded = lower.replace("ae", "æ").replace("oe", "ø").replace("aa", "å")
        return self._is_word(lower) or self._is_word(unfolded)

    def _typo(self, token: str) -> str | None:
        """The name a word misspells: a letter or two wrong, missing, extra or swapped, and about as long (a name
        with something added, such as a street named after a town, is another name)."""
        name = misspelt(token, self._fuzzy)
        return self._fuzzy[len(name)][name] if name else None

    def _said_as_place(self, text: str, tokens: list[tuple[int, int, str]], i: int, size: int) -> bool:
        words = [token for _, _, token in tokens[i : i + size]]
        if tuple(words) in self._sure:
            return True
        before = tokens[i - 1][2] if i > 0 else None
        if len(words) == 1 and words[0].isdigit():
            return before not in _YEAR_CUES
        start, end, _ = tokens[i]
        if not (len(words) == 1 and self._word(text[start:end])):
            return True
        after = tokens[i + size][2] if i + size < len(tokens) else None
        return len(tokens) == size or before in PLACE_CUES or after in AFTER_CUES

    @staticmethod
    def _match(text: str, tokens: list[tuple[int, int, str]], i: int, size: int, value: str, exact: bool) -> PlaceMatch:
        start, end = tokens[i][0], tokens[i + size - 1][1]
        return PlaceMatch(start, end, text[start:end], value, exact)
