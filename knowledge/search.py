"""Free-text search over the standards' passages, ranked by TF-IDF over Danish lemmas (scikit-learn).

The lemmatiser is passed in, so the search uses the same spaCy pipeline as the bot without this module
deciding how spaCy is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

from danish.lemmas import Lemmatiser
from danish.patterns import fold
from knowledge.base import Standard
from knowledge.text import normalise

# Paragraphs shorter than this are joined to the next: PDF layout leaves many fragments.
MIN_PASSAGE_WORDS = 12
# Word lemmas find the right passage; character n-grams forgive typos and split compounds.
WORD_WEIGHT = 0.6


@dataclass(frozen=True)
class Passage:
    municipality: str
    section: str
    text: str


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float


def passages(standard: Standard) -> list[Passage]:
    """The standard's paragraphs, short ones joined, each under the section heading it lies in."""
    found: list[Passage] = []
    position = 0
    pending = ""
    for block in re.split(r"\n\s*\n", standard.text):
        text = f"{pending} {normalise(block)}".strip()
        if len(text.split()) < MIN_PASSAGE_WORDS:
            pending = text
            continue
        pending = ""
        start = standard.normalised.find(text, position)
        offset = start if start >= 0 else position
        if start >= 0:
            position = start + len(text)
        found.append(Passage(standard.municipality, _section_at(standard, offset), text))
    if pending:
        found.append(Passage(standard.municipality, _section_at(standard, position), pending))
    return found


def _section_at(standard: Standard, offset: int) -> str:
    return next((section.heading for section in standard.sections if section.holds(offset)), standard.meta.title)


class SearchIndex:
    def __init__(self, standards: Iterable[Standard], lemmatise: Lemmatiser) -> None:
        self.passages = [passage for standard in standards for passage in passages(standard)]
        self._lemmatise = lemmatise
        documents = [self._terms(passage.text) for passage in self.passages]
        self._words = TfidfVectorizer(analyzer=str.split, sublinear_tf=True)
        self._chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self._word_matrix = self._words.fit_transform(documents)
        self._char_matrix = self._chars.fit_transform(documents)

    def _terms(self, text: str) -> str:
        return " ".join(fold(lemma) for lemma in self._lemmatise(text))

    def search(self, query: str, municipality: str | None = None, limit: int = 5) -> list[Hit]:
        terms = self._terms(query)
        if not terms:
            return []
        scores = (
            WORD_WEIGHT * linear_kernel(self._words.transform([terms]), self._word_matrix)[0]
            + (1 - WORD_WEIGHT) * linear_kernel(self._chars.transform([terms]), self._char_matrix)[0]
        )
        ranked = sorted(range(len(self.passages)), key=lambda index: scores[index], reverse=True)
        hits = [
            Hit(self.passages[index], round(float(scores[index]), 4))
            for index in ranked
            if scores[index] > 0 and municipality in (None, self.passages[index].municipality)
        ]
        return hits[:limit]
