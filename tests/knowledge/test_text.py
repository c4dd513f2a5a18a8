from __future__ import annotations

import pytest

from knowledge.text import (
    danish_date,
    details,
    emails,
    find_quote,
    limits,
    lix,
    normalise,
    numbers,
    phones,
    street_addresses,
)

SOURCE = normalise(
    """3. Kontakt

 Rusmiddelcentret, Præstøvej 78,
4640 Faxe. Tlf. 5620 2720 •
rus@faxekommune.dk
Klager skal være indgivet inden 2 år efter det tidspunkt, hvor klageren var eller burde
være bekendt med det forhold."""
)


def test_normalising_drops_bullets_and_collapses_whitespace() -> None:
    assert normalise("•  Behandling\n\n af\tstof • misbrug  ") == "Behandling af stof misbrug"


@pytest.mark.parametrize(
    "quote",
    [
        "Præstøvej 78, 4640 Faxe",
        "Præstøvej 78,\n   4640 Faxe",
        "Tlf. 5620 2720 • rus@faxekommune.dk",
        "Klager skal være indgivet […] være bekendt med det forhold.",
    ],
)
def test_quotes_are_found_whatever_the_layout(quote: str) -> None:
    assert find_quote(quote, SOURCE) is not None


@pytest.mark.parametrize(
    "quote",
    [
        "Præstøvej 79, 4640 Faxe",
        "præstøvej 78",
        "være bekendt med det forhold. […] Klager skal være indgivet",
        "Klager skal være indgivet […]",
    ],
    ids=["one-character-changed", "case-changed", "parts-out-of-order", "empty-part"],
)
def test_quotes_that_are_not_verbatim_are_not_found(quote: str) -> None:
    assert find_quote(quote, SOURCE) is None


def test_a_quote_must_lie_within_the_given_span() -> None:
    start = SOURCE.index("Klager")
    assert find_quote("Præstøvej 78", SOURCE, start) is None
    assert find_quote("Klager skal", SOURCE, start) == start


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ring på 5620 2720", {"56202720"}),
        ("ring 56 20 27 20 eller +45 21156947", {"56202720", "21156947"}),
        ("§ 101 og 14 dage, cvr 123456789", set()),
        ("dato 17.12.2024 og kl. 08.00-15.00", set()),
        ("Ring på 38 21 36 66. Eller 38213070, tak", {"38213666", "38213070"}),
        ("Livslinien på 70 201 201", {"70201201"}),
        ("1.000.000 og 12345678.5", set()),
    ],
)
def test_phones(text: str, expected: set[str]) -> None:
    assert phones(text) == expected


def test_emails_and_addresses() -> None:
    assert emails("skriv til Rus@FaxeKommune.dk.") == {"rus@faxekommune.dk"}
    assert emails("borgerrådgiver@odsherred.dk") == {"borgerrådgiver@odsherred.dk"}
    assert street_addresses("Sankelmarksvej 10A, 4760 Vordingborg og Smallegade 1 og Peter Bangs Vej 24") == {
        "Sankelmarksvej 10A",
        "Smallegade 1",
        "Peter Bangs Vej 24",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("senest 14 dage efter", {"14 dage"}),
        ("unge under 18 år og over 30 år", {"18 år", "30 år"}),
        ("unge mellem 15 og 24 år", {"15 år", "24 år"}),
        ("15-17 år", {"15 år", "17 år"}),
        ("efter 1 og 6 måneder", {"1 måneder", "6 måneder"}),
        ("1 måned, 4 uger, 1 uge, 3 hverdage", {"1 måneder", "4 uger", "1 uger", "3 hverdage"}),
        ("Voksne>26 år, Unge <25 år", {"26 år", "25 år"}),
        ("2 til 8 gange om måneden, hver 6. måned", set()),
    ],
)
def test_ages_and_time_limits(text: str, expected: set[str]) -> None:
    assert limits(text) == expected


def test_details_by_kind() -> None:
    found = details(SOURCE)
    assert found == {
        "telefon": {"56202720"},
        "e-mail": {"rus@faxekommune.dk"},
        "adresse": {"Præstøvej 78"},
        "alder eller frist": {"2 år"},
    }


def test_numbers_count_a_phone_as_one_number() -> None:
    assert numbers("Ring 56 20 27 20 inden 14 dage (§ 101)") == {"56202720", "14", "101"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 5 words, 1 sentence, no long words.
        ("Du kan få hjælp her.", 5.0),
        # 5 words, 2 sentences, 2 long words (Behandling, hjælper).
        ("Ring til os. Behandling hjælper.", 5 / 2 + 100 * 2 / 5),
        # Numbers are not words.
        ("Ring 56 20 27 20.", 1.0),
        ("", 0.0),
    ],
)
def test_lix(text: str, expected: float) -> None:
    assert lix(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("date", "said"), [("2023-12-06", "6. december 2023"), ("2025-01", "januar 2025"), ("2022-04-04", "4. april 2022")]
)
def test_a_standards_date_is_said_in_danish(date: str, said: str) -> None:
    assert danish_date(date) == said
