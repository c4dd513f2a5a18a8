"""The Danish spaCy pipeline inside the service: loaded once, for the privacy gateway and to lemmatise for search."""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import TYPE_CHECKING

from danish.lemmas import lemmatiser
from danish.pipeline import DanishPipeline
from knowledge.base import KnowledgeBase
from knowledge.search import SearchIndex

if TYPE_CHECKING:  # importing spaCy at run time must wait until TensorFlow is blocked
    from spacy.language import Language


@lru_cache(maxsize=1)
def danish_nlp(pipeline: DanishPipeline) -> Language:
    # thinc imports TensorFlow whenever it is installed (Rasa needs it); the service never uses it, and the
    # import costs about 400 MB and 5 s. A None entry in sys.modules makes that import fail at once.
    sys.modules.setdefault("tensorflow", None)  # type: ignore[arg-type]  # None: Python's "import blocked"
    import spacy

    return spacy.load(pipeline.location)


def search_index(pipeline: DanishPipeline, kb: KnowledgeBase) -> SearchIndex:
    """The standards of `kb`, lemmatised: blocking work."""
    return SearchIndex(kb.standards.values(), lemmatiser(danish_nlp(pipeline)))
