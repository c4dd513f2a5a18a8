"""The custom NLU component, run for real: it loads the pipeline Vejviser resolves and feeds Rasa lemmas."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.components import DanishSpacyNLP
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
