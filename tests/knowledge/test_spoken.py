"""Answers as staff read them aloud: nothing to decode, every number kept."""

from __future__ import annotations

import pytest

from knowledge.base import Fact
from knowledge.load import knowledge_base
from knowledge.spoken import spoken
from knowledge.text import numbers, phones

KB = knowledge_base()
# Written forms that must not be read out as they stand.
UNSAYABLE = ("@", "§", "kl.", "stk.", "www.", "http", "fx ", "f.eks.")


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Ring kl. 9.00-12.00 på 56202720.", "Ring klokken 9 til 12 på 56 20 27 20."),
        ("Ring på 5620 2720.", "Ring på 56 20 27 20."),
        ("Skriv til rus@faxekommune.dk.", "Skriv til rus snabel-a faxekommune punktum dk."),
        ("Læs mere på www.odsherred.dk/rusmiddelteamet.", "Læs mere på www punktum odsherred punktum dk."),
        ("her: https://www.frederiksberg.dk/kommunen/om-klager", "her: www punktum frederiksberg punktum dk"),
        ("efter § 101 a, stk. 3", "efter paragraf 101 a, stykke 3"),
        ("efter §§ 153 og 154", "efter paragrafferne 153 og 154"),
        ("fx 3-5 samtaler, bl.a. i en gruppe", "for eksempel 3 til 5 samtaler, blandt andet i en gruppe"),
        ("mandag til torsdag kl. 10.00-15.30", "mandag til torsdag klokken 10 til 15.30"),
        ("Du bor hjemme.", "Du bor hjemme."),
    ],
)
def test_signs_and_abbreviations_are_said_in_words(written: str, said: str) -> None:
    assert spoken(written) == said


@pytest.mark.parametrize("fact", KB.all_facts(), ids=lambda fact: fact.id)
def test_every_answer_can_be_read_aloud_as_it_stands(fact: Fact) -> None:
    said = spoken(fact.answer)
    assert not [sign for sign in UNSAYABLE if sign in said]
    assert numbers(said) <= numbers(fact.answer), "no number is invented"
    assert phones(fact.answer) <= phones(said), "every phone number is still there"
