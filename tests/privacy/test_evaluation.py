"""The privacy gateway measured on hand-written messages: recall per kind of personal detail, and the messages
without personal data that it changed.

- messages.yml: the evaluation set (623 messages), written for evaluation, apart from the NER's training sentences;
- dev.yml: the development set the gateway was tuned on;
- holdout.yml, holdout_final.yml: written later by other writers, to see how the gateway does on text it was not
  tuned on (their first scores are in the issue's closing note; general mistakes they showed were mended after).
Every set holds issue 14's targets, but a hold-out set may keep one changed message (one in a hundred)."""

from __future__ import annotations

import pytest

from danish.ner.chat import sentences
from service.privacy import Redactor
from tests.privacy.scoring import KINDS, Score, load, score

# Issue 14's targets: every CPR number, phone number, e-mail and street address; 97 % of names; no message without
# personal data changed.
TARGETS = {"cpr": 1.0, "telefon": 1.0, "email": 1.0, "adresse": 1.0, "navn": 0.97}


SETS = ["messages.yml", "dev.yml", "holdout.yml", "holdout_final.yml"]


@pytest.fixture(scope="module", params=SETS)
def scored(request: pytest.FixtureRequest, redactor: Redactor) -> Score:
    result = score(lambda text: redactor.redact(text).text, load(request.param))
    print(f"\n{request.param}\n{result.table()}")
    return result


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_detail_is_removed(scored: Score, kind: str) -> None:
    missed = [(text, detail) for found_kind, detail, text in scored.missed if found_kind == kind]
    assert scored.recall(kind) >= TARGETS[kind], missed


def test_no_message_without_personal_data_is_changed(scored: Score, request: pytest.FixtureRequest) -> None:
    allowed = max(1, scored.clean_messages // 100) if "holdout" in request.node.callspec.id else 0
    assert len(scored.false_positives) <= allowed, scored.false_positives


def test_what_a_message_keeps_survives(scored: Score, request: pytest.FixtureRequest) -> None:
    allowed = max(1, scored.clean_messages // 100) if "holdout" in request.node.callspec.id else 0
    assert len(scored.lost_keeps) <= allowed, scored.lost_keeps


def test_the_sets_are_large_and_varied_enough() -> None:
    evaluation = load("messages.yml")
    assert len(evaluation) >= 400
    assert sum(1 for message in evaluation if not message["personal"]) >= 150
    kinds = {item["kind"] for message in evaluation for item in message["personal"]}
    assert kinds == set(KINDS)
    assert any(ch in message["text"] for message in evaluation for ch in "æøåÆØÅ")


@pytest.mark.parametrize("name", SETS)
def test_no_set_shares_a_sentence_with_the_ner_training_sentences(name: str) -> None:
    trained = {text.lower() for text, _ in sentences(20000, 1)}
    assert not [message["text"] for message in load(name) if message["text"].lower() in trained]
