"""The Danish spaCy pipeline inside the service: loaded once, used to lemmatise for search."""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.danish_nlp import DanishPipeline
from knowledge.base import KnowledgeBase
from knowledge.load import knowledge_base
from knowledge.search import Lemmatiser, SearchIndex

if TYPE_CHECKING:  # importing spaCy at run time must wait until TensorFlow is blocked
    from spacy.language import Language


@lru_cache(maxsize=1)
def danish_nlp(pipeline: DanishPipeline) -> Language:
    # thinc imports TensorFlow whenever it is installed (Rasa needs it); the service never uses it, and the
    # import costs about 400 MB and 5 s. A None entry in sys.modules makes that import fail at once.
    sys.modules.setdefault("tensorflow", None)  # type: ignore[arg-type]  # None: Python's "import blocked"
    import spacy

    return spacy.load(pipeline.location)


def lemmatiser(nlp: Language) -> Lemmatiser:
    def lemmatise(text: str) -> list[str]:
        return [
            (token.lemma_ or token.text).lower()
            for token in nlp(text)
            if (token.is_alpha or token.like_num) and not token.is_stop and len(token.text) > 1
        ]

    return lemmatise


def search_index(pipeline: DanishPipeline, kb: KnowledgeBase | None = None) -> SearchIndex:
    """The standards of `kb` (the committed knowledge base when none is given), lemmatised: blocking work."""
    return SearchIndex((kb or knowledge_base()).standards.values(), lemmatiser(danish_nlp(pipeline)))
