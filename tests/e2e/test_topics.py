"""One question per topic and municipality through POST /api/chat on the real stack (85 conversations).

Each reply must carry that municipality's facts on the topic, each with its verbatim quote in `sources`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from knowledge.answering import MAX_FACTS
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


def facts_said(municipality: str, replies: list[dict[str, Any]], english: bool = False) -> list[Fact]:
    """The facts of the municipality whose answers the replies give (in English where a fact has it), each
    checked to carry exactly its quotes."""
    prefix = f"{KB.standard(municipality).name} Kommune: "
    said: list[Fact] = []
    for reply in replies:
        # "Faxe Kommune: <answer>", or under the ages it is for: "Faxe Kommune: Under 18 år: <answer>".
        text = reply["text"]
        fact = next(
            (
                f
                for f in KB.facts[municipality]
                if text.startswith(prefix) and text.endswith((f.answer_en or f.answer) if english else f.answer)
            ),
            None,
        )
        if fact is None:
            continue
        assert [source["quote"] for source in reply["sources"]] == [source.quote for source in fact.sources]
        assert {source["municipality"] for source in reply["sources"]} == {municipality}
        said.append(fact)
    return said


@pytest.mark.parametrize(("municipality", "topic"), CASES, ids=[f"{m}-{t}" for m, t in CASES])
def test_each_topic_is_answered_from_that_municipalitys_standard(stack: Stack, municipality: str, topic: str) -> None:
    """The best one to three facts on the topic, or that the standard says nothing and whom to ask; "Mere om"
    gives the rest of the topic."""
    name = KB.standard(municipality).name
    body = _post(stack, QUESTIONS[topic].format(name=name), None)
    if body["replies"][0]["text"] == CLARIFY:
        # Unsure, Vejviser offers the likely topics; the right one must be among them.
        payloads = [button["payload"] for button in body["replies"][0]["buttons"]]
        assert f"/ask_{topic}" in payloads, payloads
        body = _post(stack, f"/ask_{topic}", body["session_id"])
    if body["replies"][0]["text"].startswith("Hvor gammel er den, det handler om?"):
        # Vejviser asks for the age; answer with the first button, as a person would.
        body = _post(stack, body["replies"][0]["buttons"][0]["payload"], body["session_id"])
    replies = body["replies"]
    said = facts_said(municipality, replies)
    silent = KB.not_stated.get((municipality, topic))
    if silent:
        assert any(reply["text"] == f"{name} Kommune: {silent.answer}" for reply in replies), replies
        return
    assert 1 <= len(said) <= MAX_FACTS, [reply["text"] for reply in replies]
    assert any(fact.topic == topic for fact in said), [fact.id for fact in said]
    more = [b for reply in replies for b in reply["buttons"] if b["payload"].startswith("/more_about")]
    if more:
        rest = facts_said(municipality, _post(stack, more[0]["payload"], body["session_id"])["replies"])
        assert rest
        assert not {fact.id for fact in rest} & {fact.id for fact in said}
