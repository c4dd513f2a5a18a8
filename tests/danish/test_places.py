"""Finding places as people type them, with the committed places (knowledge/places.yml) and the Danish word list."""

from __future__ import annotations

import pytest

from danish.lemmas import is_danish_word
from danish.places import MIN_FUZZY_LENGTH, PlaceFinder, max_edits, typed_spellings
from knowledge.load import knowledge_base
from knowledge.places import load_places

PLACES = load_places()
KB = knowledge_base()
NAMES = {name: m for m, names in PLACES.covered.items() for name in names}
NAMES |= {standard.name: m for m, standard in KB.standards.items()}
NAMES |= {name: "other" for name in PLACES.other_municipalities}
SURE = [standard.name for standard in KB.standards.values()] + [c for cs in PLACES.centres.values() for c in cs]
FINDER = PlaceFinder(NAMES, is_danish_word(), SURE)


def found(text: str) -> list[tuple[str, str]]:
    return [(match.text, match.value) for match in FINDER.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jeg bor i karise", [("karise", "faxe")]),
        ("Jeg bor i Haslev og er 30", [("Haslev", "faxe")]),
        ("hvad koster det i vordinborg", [("vordinborg", "vordingborg")]),  # a spelling the file lists
        ("odsherrred kommune", [("odsherrred", "odsherred")]),  # a typo no list holds
        ("brønderslef", [("brønderslef", "broenderslev")]),
        ("frederiksbegr", [("frederiksbegr", "frederiksberg")]),  # two letters swapped
        ("bor i praesto", [("praesto", "vordingborg")]),  # ø typed as o
        ("bor i naestved", [("naestved", "other")]),
        ("jeg bor i koge", [("koge", "other")]),
        ("nykøbing sj.", [("nykøbing sj", "odsherred")]),
        ("4760", [("4760", "vordingborg")]),
        ("hvor ligger center for rusmidler", [("center for rusmidler", "vordingborg")]),
        ("I live in Faxe", [("Faxe", "faxe")]),  # also the verb "to fax": a municipality's own name is sure
        ("hvad er rusmiddelteamets adresse", [("rusmiddelteamets", "odsherred")]),  # the genitive is a letter more
        ("jeg bor i valby", [("valby", "other")]),  # not a misspelt Dalby
        ("og i ullerslev", [("ullerslev", "other")]),  # not a misspelt Allerslev
    ],
)
def test_a_place_is_found_as_people_type_it(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "jeg vil stege en kylling",  # Stege, a town, is also "to fry"
        "vejen er lang",  # Vejen, a municipality, is also "the road"
        "jeg er siden 2000 blevet afhængig",  # a year, not Frederiksberg's postcode
        "hjaelp jeg vil stoppe",  # a Danish word typed without æ is not a typo of a place
        "har du en stoette",
        "kan jeg faa hjælp",
    ],
)
def test_an_ordinary_word_is_never_a_place(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jeg bor i vig", [("vig", "odsherred")]),
        ("vig", [("vig", "odsherred")]),  # the whole message: the answer to "Hvilken kommune bor du i?"
        ("en vig ved havet", []),  # "vig" is also a bay
        ("jeg bor i vejen", [("vejen", "other")]),
    ],
)
def test_a_town_that_is_also_a_word_counts_where_it_is_said_as_a_place(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(text) == expected


def test_typos_are_forgiven_only_in_longer_names() -> None:
    assert [max_edits(n) for n in (3, MIN_FUZZY_LENGTH - 1, MIN_FUZZY_LENGTH, 7, 8, 12)] == [0, 0, 1, 1, 2, 2]


def test_a_name_is_also_found_as_typed_without_danish_letters() -> None:
    assert typed_spellings("Næstved") == {"Naestved", "Nastved", "Nestved"}
    assert typed_spellings("Århus") == {"Aarhus", "Arhus"}
    assert typed_spellings("Faxe") == set()
