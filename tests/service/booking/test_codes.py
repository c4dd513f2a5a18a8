from __future__ import annotations

import re
from collections import Counter

import pytest

from contract.codes import ALPHABET
from service.booking.codes import BITS, SAID, new_code, normalise_code, spoken_code

# Three groups of three, none of the characters that are misread aloud or on paper.
CODE = re.compile(r"[A-HJKMNP-Z2-9]{3}-[A-HJKMNP-Z2-9]{3}-[A-HJKMNP-Z2-9]{3}")


def test_a_code_is_three_groups_without_0_o_1_i_or_l_and_with_a_digit() -> None:
    for _ in range(1000):
        code = new_code()
        assert CODE.fullmatch(code)
        assert any(char.isdigit() for char in code)
    assert not set("0O1IL") & set(ALPHABET)


def test_a_code_carries_at_least_40_bits() -> None:
    assert BITS >= 40


def test_codes_are_random_over_the_whole_alphabet() -> None:
    codes = [new_code() for _ in range(5000)]
    assert len(set(codes)) == len(codes)
    counts = Counter(char for code in codes for char in code.replace("-", ""))
    assert set(counts) == set(ALPHABET)
    expected = 5000 * 9 / len(ALPHABET)
    # Uniform within a wide margin (a biased generator would lose entropy).
    assert all(0.8 * expected < count < 1.2 * expected for count in counts.values())


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("K7M-4QX-P9R", "K7M-4QX-P9R"),
        ("k7m 4qx p9r", "K7M-4QX-P9R"),
        ("k7m4qxp9r", "K7M-4QX-P9R"),
        ("  K7M.4QX.P9R ", "K7M-4QX-P9R"),
        ("K7M-4QX-P9", None),
        ("K7M-4QX-P9RR", None),
        ("K7M-4QX-P0R", None),
        ("K7M-4QX-PIR", None),
        ("", None),
        ("'; DROP TABLE--", None),
    ],
)
def test_a_typed_code_is_read_in_its_printed_form_or_not_at_all(typed: str, code: str | None) -> None:
    assert normalise_code(typed) == code


def test_every_character_of_a_code_can_be_read_aloud() -> None:
    assert set(SAID) == set(ALPHABET)
    assert spoken_code("K7M-4QX-P9R") == (
        "K som Karen, syv, M som Mari – fire, Q som Quintus, X som Xerxes – P som Peter, ni, R som Rasmus"
    )
