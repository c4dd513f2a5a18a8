"""Every pattern that reads a chat message runs in time linear in its length, up to the 2,000-character limit, on the
inputs that make a backtracking pattern slow: the same near-match repeated (dots, dashes, digits and separators,
capitalised words, street endings and house numbers, "@" and spoken "at"/"punktum").

No wall-clock threshold (those belong in bench/): each input is timed at 1,000 and at 4,000 characters, and the
second must take less than 6 times the first (linear is 4, quadratic 16). Each time is the fastest of several runs
of enough repetitions to last milliseconds, and a slow ratio is measured again before it fails, so a busy machine
does not fail the test."""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable

import pytest

from danish import danger, names, patterns, personal, places
from service import privacy

# Past the chat's limit of 2,000, so that a slow pattern shows plainly: linear is 4 times, quadratic 16.
SHORT, LONG = 1000, 4000
MAX_RATIO = 6.0
# A call on the long text faster than this cannot hide quadratic work (4,000² steps take milliseconds): it is not
# timed further. It only ever lets a check pass, so a slow machine cannot make the test fail.
NEGLIGIBLE_SECONDS = 100e-6
# Near-matches of every pattern, each repeated to the length measured.
UNITS = [
    "a.", "a-", "a'", "a ", "A ", "Aa ", "aa.", "a-a", "1", "1 ", "1.", "1-", "12 ", "1, ", "12b ", "+45 ", "0045 ",
    "(+45) ", "2 ", "20.", "20-", "010190", "0101901234", "01.01.90-", "19", "2019-", "12.03.", "27.12-", "+1 ",
    "a@", "@a.", "a@a.", "a at ", " at a.", "a at a punktum ", "a (at) a (dot) ", "snabel-a ", "a.a.", "Aa Aa ",
    "Vej ", "Vej 1 ", "Strandvejen 12 ", "vej 12, 2. th ", "Ved Aa 1 ", "Gl. Aa ", "bor på Aa ", "adresse ",
    "Aa 1, 4000 A ", "K7M-", "k7m ", "é", "Ø", "/", "{", "\n", "hedder ", "min søn ", "selvmord ", "ikke ",
]  # fmt: skip


def _all_matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return list(pattern.finditer(text))


def _finders() -> dict[str, Callable[[str], object]]:
    finders: dict[str, Callable[[str], object]] = {
        "cpr_numbers": lambda text: list(patterns.cpr_numbers(text)),
        "phone_numbers": lambda text: list(patterns.phone_numbers(text)),
        "email_addresses": lambda text: list(patterns.email_addresses(text)),
        "street_addresses": lambda text: list(patterns.street_addresses(text)),
        "street_addresses_cued": lambda text: list(patterns.street_addresses(text, frozenset(range(0, len(text), 3)))),
        "booking_codes": lambda text: list(patterns.booking_codes(text)),
        "in_danger": danger.in_danger,
    }
    # And every compiled pattern of the modules that read messages, searched through the whole text.
    for module in (patterns, personal, names, danger, places, privacy):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                finders[f"{module.__name__}.{name}"] = functools.partial(_all_matches, value)
    return finders


FINDERS = _finders()


def _seconds(find: Callable[[str], object], text: str, repeats: int, runs: int = 5) -> float:
    """The fastest of several runs, per call."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        for _ in range(repeats):
            find(text)
        best = min(best, time.perf_counter() - started)
    return best / repeats


def _ratio(find: Callable[[str], object], unit: str) -> float:
    """How many times as long the long text takes as the short one (0 when the long one takes no time to speak of)."""
    short, long = (unit * LONG)[:SHORT], (unit * LONG)[:LONG]
    once = _seconds(find, long, 1, runs=3)
    if once < NEGLIGIBLE_SECONDS:
        return 0.0
    repeats = max(1, int(0.002 / once))
    return _seconds(find, long, repeats) / _seconds(find, short, repeats * 4)


@pytest.mark.parametrize("name", sorted(FINDERS))
def test_every_pattern_is_linear_on_repeated_near_matches(name: str) -> None:
    find = FINDERS[name]
    slow = {}
    for unit in UNITS:
        ratio = _ratio(find, unit)
        if ratio >= MAX_RATIO:  # measured again: a busy moment is not a slow pattern
            ratio = min(ratio, _ratio(find, unit), _ratio(find, unit))
        if ratio >= MAX_RATIO:
            slow[unit] = round(ratio, 1)
    assert slow == {}, f"{name} takes {slow} times as long for 4 times the text"


def test_the_check_itself_sees_a_quadratic_pattern() -> None:
    # A pattern that backtracks over the whole rest of the text at every start: the ratio is about 16.
    quadratic = re.compile(r"a(?:\.a)*\.(?!a)b")
    assert _ratio(lambda text: list(quadratic.finditer(text)), "a.") >= MAX_RATIO


def test_the_units_cover_every_finder() -> None:
    assert len(FINDERS) >= 25
