"""The patterns of personal details, on the forms people type, and in time linear in the text."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from danish.patterns import (
    Found,
    booking_codes,
    cpr_numbers,
    email_addresses,
    phone_numbers,
    street_addresses,
)

Finder = Callable[[str], Iterator[Found]]


def found(finder: Finder, text: str) -> list[str]:
    return [match.of(text) for match in finder(text)]


@pytest.mark.parametrize(
    "cpr",
    [
        "010190-1234",
        "0101901234",
        "010190 1234",
        "010190–1234",
        "010190 - 1234",
        "01.01.90-1234",
        "01 01 90 1234",
        "290200-1234",
    ],
)
def test_cpr_numbers_in_every_common_form(cpr: str) -> None:
    assert found(cpr_numbers, f"mit cpr er {cpr} ok") == [cpr]
    assert found(cpr_numbers, f"CPR-{cpr}") == [cpr]


@pytest.mark.parametrize("text", ["3102901234", "2902011234", "tlf 22334455", "år 2019-2021", "12345678901"])
def test_no_cpr_number_without_a_real_date_or_ten_digits(text: str) -> None:
    assert found(cpr_numbers, text) == []


@pytest.mark.parametrize(
    "phone",
    ["22334455", "22 33 44 55", "2233 4455", "223 34 455", "22 334 455", "22-33-44-55", "22.33.44.55",
     "22/33/44/55", "+45 22 33 44 55", "+4522334455", "0045 2233 4455", "(+45) 22 33 44 55", "2 2 3 3 4 4 5 5"],
)  # fmt: skip
def test_phone_numbers_in_every_grouping(phone: str) -> None:
    assert found(phone_numbers, f"ring på {phone} i dag") == [phone]


@pytest.mark.parametrize(
    "text",
    ["jeg var i behandling 2019-2021", "fra 2018/2020", "d. 12.03.2024", "K23-456-789", "k23456789",
     "234-567-892", "koden er M23-456-789", "10234567", "1.200 kr", "kl. 14.30"],
)  # fmt: skip
def test_years_dates_prices_and_booking_codes_are_no_phone_numbers(text: str) -> None:
    assert found(phone_numbers, text) == []


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("skriv til Mette.Hansen+chat@Gmail.com tak", "Mette.Hansen+chat@Gmail.com"),
        ("mette snabel-a gmail punktum com", "mette snabel-a gmail punktum com"),
        ("mette (at) gmail.com", "mette (at) gmail.com"),
        ("mads89 at outlook dot com", "mads89 at outlook dot com"),
        ("ida [at] hotmail.dk!", "ida [at] hotmail.dk"),
    ],
)
def test_email_addresses_as_typed_and_as_said(text: str, email: str) -> None:
    assert found(email_addresses, text) == [email]


@pytest.mark.parametrize("text", ["jeg prøver at stoppe", "for at få hjælp.", "at home at last", "@faxe"])
def test_at_in_danish_is_no_email(text: str) -> None:
    assert found(email_addresses, text) == []


@pytest.mark.parametrize(
    "address",
    ["Strandvejen 12", "Hovedgaden 4", "Egevænget 7", "Nørregade 12B, 2. th", "vestergade 4, st. tv",
     "Gammel Kongevej 12", "Peter Bangs Vej 24", "Sankt Annæ Plads 3", "skovvej 3b", "Bakken 3", "Toftager 4",
     "Møllegården 4", "Frederiksberg Allé 12, 3.sal", "ole rømers vej 2"],
)  # fmt: skip
def test_street_addresses_with_every_suffix_and_shape(address: str) -> None:
    assert found(street_addresses, f"jeg bor på {address} i byen") == [address]


def test_a_street_without_a_street_ending_needs_a_cue() -> None:
    assert found(street_addresses, "Skovbrynet 8, 4690 Haslev") == ["Skovbrynet 8"]
    assert found(street_addresses, "Agermarken 3") == ["Agermarken 3"]
    cued = "jeg bor på Solsikken 5"
    assert [match.of(cued) for match in street_addresses(cued, frozenset({11}))] == ["Solsikken 5"]
    assert found(street_addresses, "Solsikken 5") == []


@pytest.mark.parametrize(
    "text",
    ["min søn tager 2 piller", "jeg vil have 3", "vi ryger 4 joints", "uge 3", "side 12",
     "telefon 9945 4705 Brønderslev", "Vestergade 12 i faxe"],
)  # fmt: skip
def test_everyday_words_before_a_number_are_no_street(text: str) -> None:
    assert found(street_addresses, text) in ([], ["Vestergade 12"])


@pytest.mark.parametrize("code", ["K7M-4QX-P9R", "k7m 4qx p9r", "k7m4qxp9r", "K23-456-789", "234-567-892"])
def test_booking_codes_however_typed(code: str) -> None:
    assert found(booking_codes, f"min kode er {code}") == [code]
