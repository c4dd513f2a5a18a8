"""The covered municipalities in a conversation: which a message names, their names and buttons, and a list as
Danish writes it. Pure functions over what the service says the municipalities are."""

from __future__ import annotations

import pytest

from actions.municipalities import join_danish, municipality_buttons, named_municipalities, names
from contract.models import MunicipalityPublic, StandardPublic
from tests.actions.helpers import tracker

STANDARD = StandardPublic(
    title="Kvalitetsstandard",
    laws=[],
    adopted=None,
    adopted_by=None,
    valid_from=None,
    valid_to=None,
    next_revision=None,
)
KNOWN = [
    MunicipalityPublic(id="faxe", name="Faxe", standard=STANDARD),
    MunicipalityPublic(id="broenderslev", name="Brønderslev", standard=STANDARD),
]


@pytest.mark.parametrize(
    ("words", "joined"),
    [
        ([], ""),
        (["Faxe"], "Faxe"),
        (["Faxe", "Odsherred"], "Faxe og Odsherred"),
        (["Faxe", "Odsherred", "Brønderslev"], "Faxe, Odsherred og Brønderslev"),
    ],
)
def test_join_danish(words: list[str], joined: str) -> None:
    assert join_danish(words) == joined


def test_names_by_id_in_the_services_order() -> None:
    assert list(names(KNOWN).items()) == [("faxe", "Faxe"), ("broenderslev", "Brønderslev")]


@pytest.mark.parametrize(
    ("entities", "named"),
    [
        (["faxe"], ["faxe"]),
        (["Broenderslev", "faxe", "broenderslev"], ["broenderslev", "faxe"]),  # in order, once each, any case
        (["aarhus", "faxe"], ["faxe"]),  # only the covered
        ([], []),
    ],
)
def test_the_municipalities_a_message_names(entities: list[str], named: list[str]) -> None:
    assert named_municipalities(tracker("inform_municipality", {"municipality": entities}), KNOWN) == named


def test_a_button_for_each_municipality_names_it_and_sends_its_id() -> None:
    assert municipality_buttons(KNOWN) == [
        {"title": "Faxe", "payload": '/inform_municipality{"municipality": "faxe"}'},
        {"title": "Brønderslev", "payload": '/inform_municipality{"municipality": "broenderslev"}'},
    ]
