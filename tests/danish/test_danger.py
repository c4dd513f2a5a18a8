"""Danger to life is found in the words alone (danish/danger.py), so an unsure classifier never loses 112."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluate import intent_examples, plain
from danish.danger import in_danger

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text",
    [
        "jeg vil ikke leve mere",
        "tænker på selvmord hele tiden",
        "har lyst til at dø",
        "orker ikke mere, vil bare afslutte det hele",
        "min kæreste traekker ikke vejret",
        "han vågner ik, han har taget ghb",
        "tror hun har fået en overdosis",
        "min ven er besvimet efter piller",
        "hun ligger i kramper",
        "I want to die",
        "my friend is not breathing",
    ],
)
def test_a_life_in_danger_is_found(text: str) -> None:
    assert in_danger(text)


@pytest.mark.parametrize(
    "text",
    [
        "kan man dø af hash",
        "hvad koster behandling i faxe",
        "jeg kan ikke leve uden hash, hvor får jeg hjælp",
        "får kramper når jeg stopper med rivotril, kan jeg få medicin",
        "min far lever stadig med sit misbrug",
    ],
)
def test_a_question_about_treatment_is_not_taken_for_danger(text: str) -> None:
    assert not in_danger(text)


@pytest.mark.parametrize("folder", ["data/nlu", "tests/nlu"])
def test_no_example_of_another_intent_is_taken_for_danger(folder: str) -> None:
    examples = intent_examples(ROOT / folder)
    taken = [
        text for intent, texts in examples.items() if intent != "emergency" for text in texts if in_danger(plain(text))
    ]
    assert taken == []
