"""The lemmas the knowledge search and the ranking read (danish/lemmas.py), with the pipeline the service runs."""

from __future__ import annotations

import pytest

from danish.lemmas import Lemmatiser, lemmatiser
from danish.pipeline import resolve_pipeline
from service.nlp import danish_nlp


@pytest.fixture(scope="module")
def lemmatise() -> Lemmatiser:
    return lemmatiser(danish_nlp(resolve_pipeline()))


@pytest.mark.parametrize("word", ["Adressen", "Behandlingen", "Klagen", "Samtalerne", "Børnene"])
def test_a_word_that_opens_a_sentence_has_the_lemma_it_has_inside_one(lemmatise: Lemmatiser, word: str) -> None:
    opening = lemmatise(f"{word} er vigtig.")[0]
    inside = lemmatise(f"hvad med {word.lower()}")[-1]
    assert opening == inside
    assert opening != word.lower()
