"""One question per topic and municipality through POST /api/chat on the real stack (85 conversations).

Each reply must carry that municipality's facts, each with its verbatim quote in `sources`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from knowledge.answering import topic_answer
from knowledge.base import Fact
from knowledge.load import knowledge_base
from stack.run import Stack

pytestmark = pytest.mark.e2e
KB = knowledge_base()
DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "bot" / "domain" / "samtale.yml").read_text("utf-8"))
CLARIFY = DOMAIN["responses"]["utter_clarify"][0]["text"]
# How people ask, with the municipality's name put in.
QUESTIONS = {
    "kontakt": "hvad er telefonnummeret til stofmisbrugsbehandlingen i {name}",
    "maalgruppe": "hvem kan få hjælp til stofmisbrug i {name}",
    "visitation": "hvordan kommer jeg i gang med behandling i {name}",
    "anonym": "kan jeg være anonym hvis jeg søger hjælp i {name}",
    "behandlingsgaranti": "hvor lang tid skal jeg vente på at komme i behandling i {name}",
    "frit_valg": "kan jeg selv vælge hvor jeg vil i behandling i {name}",
    "pris": "hvad koster behandlingen i {name}",
    "klage": "hvordan klager jeg over en afgørelse i {name}",
    "tilbud": "hvilke slags behandling tilbyder {name} kommune",
    "paaroerende": "hvilken hjælp kan pårørende få i {name}",
    "unge": "hvad kan unge få af hjælp i {name}",
    "boern": "jeg har børn derhjemme hvad sker der med dem hvis jeg går i behandling i {name}",
    "gravid": "jeg er gravid og tager stoffer kan jeg få hjælp i {name}",
    "behandlingsplan": "får jeg en behandlingsplan i {name}",
    "tavshedspligt": "har i tavshedspligt i {name} eller får politiet noget at vide",
    "laegesamtale": "kan jeg tale med en læge om medicin i {name}",
    "alkohol": "kan jeg også få behandling for alkohol i {name}",
}
CASES = [(m, topic) for m in KB.standards for topic in KB.topics]


def test_every_topic_has_a_question() -> None:
    assert set(QUESTIONS) == set(KB.topics)


def _post(stack: Stack, message: str, session_id: str | None) -> dict[str, Any]:
    response = httpx.post(
        f"{stack.config.service_url}/api/chat", json={"message": message, "session_id": session_id}, timeout=60
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _expected(municipality: str, topic: str, age: int | None) -> list[tuple[str, Fact | None]]:
    """(text, fact) for every reply the knowledge base says should come; the fact carries the source."""
    audience = "pårørende" if topic == "paaroerende" else None
    answer = topic_answer(KB, municipality, topic, audience, age)
    name = KB.standard(municipality).name
    expected: list[tuple[str, Fact | None]] = [(f"{name} Kommune: {fact.answer}", fact) for fact in answer.facts]
    if answer.not_stated:
        expected.append((f"{name} Kommune: {answer.not_stated.answer}", None))
        contact = answer.not_stated.contact
        if contact:
            expected.append((f"{name} Kommune: {contact.answer}", contact))
    return expected


@pytest.mark.parametrize(("municipality", "topic"), CASES, ids=[f"{m}-{t}" for m, t in CASES])
def test_each_topic_is_answered_from_that_municipalitys_standard(stack: Stack, municipality: str, topic: str) -> None:
    name = KB.standard(municipality).name
    body = _post(stack, QUESTIONS[topic].format(name=name), None)
    if body["replies"][0]["text"] == CLARIFY:
        # Unsure, Vejviser offers the likely topics; the right one must be among them.
        payloads = [button["payload"] for button in body["replies"][0]["buttons"]]
        assert f"/ask_{topic}" in payloads, payloads
        body = _post(stack, f"/ask_{topic}", body["session_id"])
    age = None
    if topic_answer(KB, municipality, topic, "pårørende" if topic == "paaroerende" else None).age_groups:
        # Vejviser asks for the age; answer with the first button, as a person would.
        [question] = body["replies"]
        assert question["text"].startswith("Hvor gammel er den, det handler om?")
        button = question["buttons"][0]
        age = int(button["payload"].split('"age": "')[1].split('"')[0])
        body = _post(stack, button["payload"], body["session_id"])
    replies = {reply["text"]: reply for reply in body["replies"]}
    for text, fact in _expected(municipality, topic, age):
        assert text in replies, (text, list(replies))
        if fact is not None:
            quotes = [source["quote"] for source in replies[text]["sources"]]
            assert quotes == [source.quote for source in fact.sources]
            assert {source["municipality"] for source in replies[text]["sources"]} == {municipality}
