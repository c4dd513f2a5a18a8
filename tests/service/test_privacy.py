"""The privacy gateway on the service's real spaCy pipeline and the committed standards."""

from __future__ import annotations

import pytest

from bot.danish_nlp import resolve_pipeline
from contract.constants import PERSONAL_DATA_TOKENS
from knowledge.load import knowledge_base
from service.nlp import danish_nlp
from service.privacy import TOKENS, PublicDetails, Redactor, build_redactor, plausible_cpr
from tests.bot.test_danish_nlp import NEEDS_MODEL

PUBLIC = PublicDetails.of(knowledge_base())


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    pipeline = resolve_pipeline()
    return build_redactor(danish_nlp(pipeline), PUBLIC, has_ner=not pipeline.fallback)


@pytest.mark.parametrize(
    ("message", "redacted", "removed"),
    [
        ("mit cpr er 010190-1234", "mit cpr er <CPR>", ["cpr"]),
        ("cpr 0101901234 tak", "cpr <CPR> tak", ["cpr"]),
        ("2902001234", "<CPR>", ["cpr"]),  # 29 February 2000
        ("ring på 22 33 44 55", "ring på <TELEFON>", ["telefon"]),
        ("mit nr er 22334455", "mit nr er <TELEFON>", ["telefon"]),
        ("+45 2233 4455 efter kl 16", "<TELEFON> efter kl 16", ["telefon"]),
        ("0045 22 334 455", "<TELEFON>", ["telefon"]),
        ("skriv til peter.hansen@example.dk", "skriv til <EMAIL>", ["email"]),
        ("jeg bor på Vestergade 12, 2. th i faxe", "jeg bor på <ADRESSE> i faxe", ["adresse"]),
        ("vi bor paa skovvej 3b", "vi bor paa <ADRESSE>", ["adresse"]),
        ("jeg hedder Peter Hansen og er 17", "jeg hedder <NAVN> og er 17", ["navn"]),
        ("min søn hedder mads", "min søn hedder <NAVN>", ["navn"]),
        ("Mit navn er Anne", "Mit navn er <NAVN>", ["navn"]),
        (
            "jeg hedder Ib, cpr 010190-1234, tlf 22334455, ib@example.dk",
            "jeg hedder <NAVN>, cpr <CPR>, tlf <TELEFON>, <EMAIL>",
            ["cpr", "telefon", "email", "navn"],
        ),
    ],
)
def test_personal_data_is_replaced_by_a_token(
    redactor: Redactor, message: str, redacted: str, removed: list[str]
) -> None:
    redaction = redactor.redact(message)
    assert (redaction.text, redaction.removed) == (redacted, removed)


@pytest.mark.parametrize(
    "message",
    [
        "jeg bor i faxe",
        "jeg bor i 4640 Faxe",
        "nykøbing sjælland eller asnæs",
        "frederiksberg c 2000",
        "jeg er 17 år",
        "min søn er 15",
        "skal jeg vente mere end 14 dage",
        "hvad siger § 101 a stk. 3",
        "serviceloven § 101 og sundhedsloven § 142",
        "ring 112",
        "livslinien 70 201 201",
        "rus@faxekommune.dk",
        "Præstøvej 78",
        "tirsdag kl 10 den 24/11",
        "min kode er K7M-4QX-P9R",
        '/choose_slot{"slot_start": "2026-11-24T10:00:00+01:00"}',
        "jeg hedder ikke noget",
        "hvad hedder kommunen",
        "3102901234",  # 31 February is no date, so no CPR number
    ],
)
def test_what_the_bot_needs_is_kept(redactor: Redactor, message: str) -> None:
    assert redactor.redact(message).text == message


@pytest.mark.parametrize("phone", sorted(PUBLIC.phones))
def test_the_municipalities_own_phone_numbers_are_kept(redactor: Redactor, phone: str) -> None:
    for written in (phone, f"{phone[:4]} {phone[4:]}", " ".join(phone[i : i + 2] for i in range(0, 8, 2))):
        assert redactor.redact(f"kan jeg ringe til {written}").removed == []


def test_there_are_public_phone_numbers_to_keep() -> None:
    assert {"56202720", "70201201"} <= PUBLIC.phones


def test_the_tokens_are_the_contracts_which_the_actions_recognise() -> None:
    assert [(kind, token) for token, kind in TOKENS.values()] == list(PERSONAL_DATA_TOKENS.items())


@pytest.mark.parametrize(
    ("cpr", "plausible"), [("010190", True), ("290200", True), ("290201", False), ("320190", False)]
)
def test_a_cpr_number_needs_a_real_date(cpr: str, plausible: bool) -> None:
    assert plausible_cpr(f"{cpr}1234") is plausible


@NEEDS_MODEL
def test_names_are_found_by_the_danish_model_where_it_is_installed(redactor: Redactor) -> None:
    assert "navn" in redactor.redact("Lars Løkke ringede i går").removed
