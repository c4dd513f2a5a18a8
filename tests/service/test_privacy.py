"""The privacy gateway on the service's real Danish pipeline (its NER included) and the committed standards: what
people type is replaced by the contract's tokens, and what the bot needs is kept."""

from __future__ import annotations

import pytest

from contract.constants import PERSONAL_DATA_TOKENS
from knowledge.load import knowledge_base
from knowledge.places import load_places
from service.privacy import Redactor, public_details

PUBLIC = public_details(knowledge_base(), load_places())


@pytest.mark.parametrize(
    ("message", "redacted", "removed"),
    [
        ("mit cpr er 010190-1234", "mit cpr er <CPR>", ["cpr"]),
        ("cpr 0101901234 tak", "cpr <CPR> tak", ["cpr"]),
        ("CPR-010190–1234", "CPR-<CPR>", ["cpr"]),
        ("2902001234", "<CPR>", ["cpr"]),  # 29 February 2000
        ("ring på 22 33 44 55", "ring på <TELEFON>", ["telefon"]),
        ("mit nr er 22334455", "mit nr er <TELEFON>", ["telefon"]),
        ("+45 2233 4455 efter kl 16", "<TELEFON> efter kl 16", ["telefon"]),
        ("0045 22 334 455", "<TELEFON>", ["telefon"]),
        ("ring 20.12.34.56", "ring <TELEFON>", ["telefon"]),
        ("skriv til peter.hansen@example.dk", "skriv til <EMAIL>", ["email"]),
        ("mette snabel-a gmail punktum com", "<EMAIL>", ["email"]),
        ("jeg bor på Vestergade 12, 2. th i faxe", "jeg bor på <ADRESSE> i faxe", ["adresse"]),
        ("vi bor paa skovvej 3b", "vi bor paa <ADRESSE>", ["adresse"]),
        ("Vestergade 12 i faxe", "<ADRESSE> i faxe", ["adresse"]),
        ("Strandvejen 12 og Gammel Kongevej 4", "<ADRESSE> og <ADRESSE>", ["adresse"]),
        ("jeg hedder Peter Hansen og er 17", "jeg hedder <NAVN> og er 17", ["navn"]),
        ("jeg hedder lone sørensen", "jeg hedder <NAVN>", ["navn"]),
        ("min søn hedder mads", "min søn hedder <NAVN>", ["navn"]),
        ("min søn Villads ryger hash", "min søn <NAVN> ryger hash", ["navn"]),
        ("min datter, der hedder Ida, er 15", "min datter, der hedder <NAVN>, er 15", ["navn"]),
        ("det er Lærke", "det er <NAVN>", ["navn"]),
        ("Kasper her", "<NAVN> her", ["navn"]),
        ("tak for hjælpen, hilsen Henrik", "tak for hjælpen, hilsen <NAVN>", ["navn"]),
        ("Marie-Louise her, kan jeg være anonym", "<NAVN> her, kan jeg være anonym", ["navn"]),
        ("Mit navn er Anne", "Mit navn er <NAVN>", ["navn"]),
        ("min bror Bo tager kokain", "min bror <NAVN> tager kokain", ["navn"]),
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
        "min søn ryger hash og tager 2 piller",
        "skal jeg vente mere end 14 dage",
        "hvad siger § 101 a stk. 3",
        "serviceloven § 101 og sundhedsloven § 142",
        "ring 112",
        "livslinien 70 201 201",
        "rus@faxekommune.dk",
        "Præstøvej 78",
        "er Peter Bangsvej 24 det rigtige sted",
        "tirsdag kl 10 den 24/11",
        "min kode er K7M-4QX-P9R",
        "koden er K23-456-789",
        "jeg var i behandling 2019-2021",
        '/choose_slot{"slot_start": "2026-11-24T10:00:00+01:00"}',
        "jeg hedder ikke noget",
        "hvad hedder kommunen",
        "hans mor ved det ikke, per uge ryger han hash",
        "det er tom snak, max to gange",
        "Sankt Hans aften drak jeg for meget",
        "our daughter smokes a lot of weed, where can we get help",  # "Lot" is a name, "a lot" is not
        "3102901234",  # 31 February is no date, so no CPR number
    ],
)
def test_what_the_bot_needs_is_kept(redactor: Redactor, message: str) -> None:
    assert redactor.redact(message).text == message


@pytest.mark.parametrize("phone", sorted(PUBLIC.phones))
def test_the_municipalities_own_phone_numbers_are_kept(redactor: Redactor, phone: str) -> None:
    for written in (phone, f"{phone[:4]} {phone[4:]}", " ".join(phone[i : i + 2] for i in range(0, 8, 2))):
        assert redactor.redact(f"kan jeg ringe til {written}").removed == []


def test_there_are_public_details_to_keep() -> None:
    assert {"56202720", "70201201"} <= PUBLIC.phones
    assert "rus@faxekommune.dk" in PUBLIC.emails
    assert {"haslev", "faxe", "fkrc"} <= PUBLIC.words


def test_the_removed_kinds_are_named_in_the_contracts_order(redactor: Redactor) -> None:
    redaction = redactor.redact("Mette her, 22 33 44 55, 010190-1234, mette@example.dk, Strandvejen 3")
    assert redaction.removed == list(PERSONAL_DATA_TOKENS)
