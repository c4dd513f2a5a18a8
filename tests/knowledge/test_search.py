"""Search over the real standards with the same Danish spaCy pipeline as the bot."""

from __future__ import annotations

import pytest

from danish.patterns import fold
from danish.pipeline import resolve_pipeline
from knowledge.load import knowledge_base
from knowledge.search import SearchIndex, passages
from service.nlp import search_index

KB_INDEX: SearchIndex = search_index(resolve_pipeline(), knowledge_base())


def test_every_standard_is_split_into_passages_with_known_sections() -> None:
    kb = knowledge_base()
    for standard in kb.standards.values():
        found = passages(standard)
        assert len(found) >= 20
        assert {passage.section for passage in found} <= {
            *(entry.heading for entry in standard.meta.sections),
            standard.meta.title,
        }


@pytest.mark.parametrize(
    ("query", "municipality", "expected"),
    [
        ("klage til ankestyrelsen", "faxe", "Ankestyrelsen"),
        ("hvad koster døgnbehandling", "frederiksberg", "egenbetaling"),
        ("anonym behandling", "odsherred", "anonym"),
        ("behandlingsgaranti 14 dage", "vordingborg", "14 dage"),
        ("telefon til ungecenteret", "broenderslev", "9945 4705"),
    ],
)
def test_the_best_passage_answers_the_question(query: str, municipality: str, expected: str) -> None:
    hits = KB_INDEX.search(query, municipality, limit=3)
    assert hits
    assert all(hit.passage.municipality == municipality for hit in hits)
    assert any(expected.lower() in hit.passage.text.lower() for hit in hits), [hit.passage.text for hit in hits]


@pytest.mark.parametrize("query", ["paaroerende", "behandlingsgaranty", "PÅRØRENDE"])
def test_spellings_without_danish_letters_and_typos_still_find(query: str) -> None:
    hits = KB_INDEX.search(query, limit=5)
    assert hits
    assert fold(hits[0].passage.text).count(fold(query)[:8]) >= 1


def test_search_across_all_municipalities_ranks_best_first() -> None:
    hits = KB_INDEX.search("borgerrådgiver", limit=10)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert {hit.passage.municipality for hit in hits} >= {"odsherred"}


@pytest.mark.parametrize("query", ["", "   ", "og i på"])
def test_a_query_without_content_words_finds_nothing(query: str) -> None:
    assert KB_INDEX.search(query) == []
