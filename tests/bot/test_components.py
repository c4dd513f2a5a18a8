"""The custom NLU components, run for real: the Danish pipeline feeds Rasa lemmas; danger to life is an emergency."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.components import DangerClassifier, DanishSpacyNLP
from danish.pipeline import resolve_pipeline


@pytest.fixture(scope="module")
def component() -> Any:
    return DanishSpacyNLP.create({}, model_storage=None, resource=None, execution_context=None)


def test_the_model_fingerprint_names_the_pipeline(component: Any) -> None:
    model = component.provide()
    assert model.model_name == resolve_pipeline().fingerprint
    assert model.model.lang == "da"


def test_rasa_tokens_carry_danish_lemmas(component: Any) -> None:
    messages = [Message(data={"text": "Behandlingen af børnene i kommunen"})]
    component.process(messages, component.provide())
    tokenizer = SpacyTokenizer.create(SpacyTokenizer.get_default_config(), None, None, None)
    tokenizer.process(messages)
    lemmas = [token.lemma for token in messages[0].get("text_tokens")]
    assert lemmas[:2] == ["behandling", "af"]
    assert lemmas[-1] == "kommune"


def classified(text: str, ranking: list[tuple[str, float]]) -> Message:
    """A message as the FallbackClassifier leaves it: `nlu_fallback` first when unsure."""
    intents = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message = Message(data={"text": text, "intent": intents[0], "intent_ranking": intents})
    DangerClassifier.create({}, None, None, None).process([message])
    return message


@pytest.mark.parametrize(
    ("text", "ranking", "intent"),
    [
        # Words of danger decide, whatever the classifier said.
        ("jeg vil ikke leve mere", [("nlu_fallback", 0.5), ("more_about", 0.4)], "emergency"),
        ("han trækker ikke vejret", [("ask_kontakt", 0.9)], "emergency"),
        # An unsure classifier whose best guess is an emergency: the emergency.
        ("det er helt galt med ham", [("nlu_fallback", 0.5), ("emergency", 0.45), ("ask_kontakt", 0.3)], "emergency"),
        # Otherwise nothing changes.
        ("hvad koster det", [("ask_pris", 0.9), ("emergency", 0.05)], "ask_pris"),
        ("blå bananer", [("nlu_fallback", 0.5), ("ask_pris", 0.3), ("emergency", 0.2)], "nlu_fallback"),
    ],
)
def test_danger_to_life_is_an_emergency(text: str, ranking: list[tuple[str, float]], intent: str) -> None:
    message = classified(text, ranking)
    assert message.get("intent")["name"] == intent
    assert message.get("intent_ranking")[0]["name"] == intent
