"""The Danish spaCy pipeline inside the service: loaded once, for the privacy gateway and to lemmatise for search
and for finding the facts that answer a question."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from danish.lemmas import is_danish_word, lemmatiser
from danish.pipeline import DanishPipeline
from knowledge.base import KnowledgeBase
from knowledge.places import Places
from knowledge.ranking import FactIndex, load_synonyms
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


def fact_index(pipeline: DanishPipeline, kb: KnowledgeBase, places: Places, synonyms_file: Path) -> FactIndex:
    """The facts of `kb`, lemmatised, with the names of places (which say where, not what) left out."""
    names = [name for m, found in places.covered.items() for name in found if name not in places.centres[m]]
    municipalities = [standard.name for standard in kb.standards.values()]
    ignored = [*municipalities, *names, *places.other_municipalities, "kommune", "kommunen", "kommuner"]
    synonyms = load_synonyms(synonyms_file)
    nlp = danish_nlp(pipeline)
    return FactIndex(kb, lemmatiser(nlp, synonyms.meaningful), synonyms, ignored, is_danish_word(nlp))
