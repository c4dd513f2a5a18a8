"""The NLU data's booking-code pattern is the one generated from the code alphabet, and finds real codes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from contract.codes import ALPHABET, nlu_pattern
from service.booking.codes import new_code

ROOT = Path(__file__).resolve().parents[2]


def _nlu_regex() -> str:
    nlu = yaml.safe_load((ROOT / "data" / "nlu" / "booking.yml").read_text(encoding="utf-8"))["nlu"]
    (entry,) = [item for item in nlu if item.get("regex") == "booking_code"]
    (pattern,) = [line.removeprefix("- ") for line in entry["examples"].splitlines() if line.strip()]
    return str(pattern)


def test_the_nlu_pattern_is_generated_from_the_alphabet() -> None:
    assert _nlu_regex() == nlu_pattern()


@pytest.mark.parametrize(
    "written", [str.upper, str.lower, lambda code: code.replace("-", " "), lambda code: code.replace("-", "")]
)
def test_the_nlu_pattern_finds_every_minted_code_however_it_is_typed(written: Callable[[str], str]) -> None:
    pattern = re.compile(_nlu_regex(), re.IGNORECASE)
    for _ in range(300):
        code = new_code()
        match = pattern.search(f"min kode er {written(code)}, tak")
        assert match is not None, code
        assert match.group(0).replace(" ", "").replace("-", "").upper() == code.replace("-", "")


@pytest.mark.parametrize("text", ["kan jeg aflyse min tid", "det var den bedste dag", "hej med dig jeg vil"])
def test_the_nlu_pattern_takes_no_ordinary_words_for_a_code(text: str) -> None:
    assert re.search(_nlu_regex(), text, re.IGNORECASE) is None


@pytest.mark.parametrize("character", sorted(set("0O1IL") | {"Æ", "Ø"}))
def test_a_character_outside_the_alphabet_is_no_code(character: str) -> None:
    assert character not in ALPHABET
    assert re.search(_nlu_regex(), f"k7m-4q{character}-p9r", re.IGNORECASE) is None
