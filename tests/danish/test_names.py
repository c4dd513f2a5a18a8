"""The name lists are made from Faker's maintained person providers and the hand-compiled additions, and the
everyday words among the names are marked."""

from __future__ import annotations

from pathlib import Path

from danish.names import FIRST_NAMES, SURNAMES, first_names, generated, name_words, not_names, surnames


def _listed(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_the_committed_lists_are_what_python_m_danish_names_makes() -> None:
    first, last = generated()
    assert _listed(FIRST_NAMES) == first
    assert _listed(SURNAMES) == last


def test_the_lists_hold_danish_and_other_names_with_their_letters() -> None:
    assert {"mette", "søren", "åse", "villads", "sofus", "ahmed", "łukasz", "fatima", "olena"} <= first_names()
    assert {"hansen", "sørensen", "nguyen", "yılmaz", "kowalski"} <= surnames()


def test_everyday_words_among_the_names_are_marked() -> None:
    assert {"bo", "per", "hans", "tom", "sol", "max", "storm", "lærke"} <= name_words() & (first_names() | surnames())
    assert {"antabus", "marts", "lol"} <= not_names()
