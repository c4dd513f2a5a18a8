"""The custom NLU components, run for real: the Danish pipeline feeds Rasa lemmas; a message's shape decides its
intent where the words are too few; danger to life is an emergency."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.components import DangerClassifier, DanishSpacyNLP, RuleClassifier, ShapeClassifier
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


def classified(
    classifier: type[RuleClassifier], text: str, ranking: list[tuple[str, float]], entities: list[dict[str, Any]]
) -> Message:
    """A message as the FallbackClassifier leaves it (`nlu_fallback` first when unsure), after `classifier`."""
    intents = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message = Message(data={"text": text, "intent": intents[0], "intent_ranking": intents, "entities": entities})
    classifier.create({}, None, None, None).process([message])
    assert message.get("intent_ranking")[0]["name"] == message.get("intent")["name"]
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
    assert classified(DangerClassifier, text, ranking, []).get("intent")["name"] == intent


def entity(kind: str, text: str, found: str) -> dict[str, Any]:
    start = text.index(found)
    return {"entity": kind, "value": found, "start": start, "end": start + len(found)}


@pytest.mark.parametrize(
    ("text", "guess", "entities", "intent"),
    [
        # A booking code is about a booking, however few the other words.
        ("G5QYV6B2J", "inform_municipality", [("booking_code", "G5QYV6B2J")], "manage_booking"),
        ("afbestil zf2-m9k-6bh tak", "thanks", [("booking_code", "zf2-m9k-6bh")], "manage_booking"),
        # Nothing but places (and "bor i", "kommune") gives where.
        ("4640 Faxe", "inform_age", [("municipality", "4640"), ("municipality", "Faxe")], "inform_municipality"),
        ("vordinborg", "nlu_fallback", [("municipality", "vordinborg")], "inform_municipality"),
        ("bor i Hjørring kommune", "ask_kontakt", [("other_municipality", "Hjørring")], "inform_municipality"),
        # A question that names a place is still the question.
        ("hvad koster det i faxe", "ask_pris", [("municipality", "faxe")], "ask_pris"),
        ("hvad er vejret i faxe", "out_of_scope", [("municipality", "faxe")], "out_of_scope"),
        # Nothing but a place in the list of times chooses one.
        ("den første", "nlu_fallback", [], "choose_slot"),
        ("nummer to tak", "ask_visitation", [], "choose_slot"),
        ("den sidste tid", "more_slots", [], "choose_slot"),
        ("den første gang", "ask_visitation", [], "ask_visitation"),
        # Nothing but a number from 10 to 99 gives an age.
        ("16", "inform_municipality", [], "inform_age"),
        ("han er 58 år", "ask_maalgruppe", [], "inform_age"),
        ("2", "choose_slot", [], "choose_slot"),
        ("1000 tak", "thanks", [], "thanks"),
        ("16 år, kan jeg være anonym", "ask_anonym", [], "ask_anonym"),
        # A question taken for a yes, a thanks or a greeting is unsure: read with the question before.
        ("hvornår præcis?", "affirm", [], "nlu_fallback"),
        ("hvor ligger det", "thanks", [], "nlu_fallback"),
        ("skal jeg som mor sige ja til det", "affirm", [], "nlu_fallback"),
        ("er det okay", "affirm", [], "nlu_fallback"),
        ("det vil jeg gerne", "affirm", [], "affirm"),
        ("ja det kan jeg godt", "affirm", [], "affirm"),
        ("hvad koster det", "ask_pris", [], "ask_pris"),
        ("ja tak", "affirm", [], "affirm"),
        # A drug and treatment named ask about the treatment offered; a drug alone is not a question about it.
        ("haha nej. behandler de folk der tager speed", "out_of_scope", [("substance", "speed")], "ask_tilbud"),
        ("lol ok, can you treat cocaine there", "out_of_scope", [("substance", "cocaine")], "ask_tilbud"),
        ("hvor kan jeg købe hash", "out_of_scope", [("substance", "hash")], "out_of_scope"),
        ("kan min hund behandles", "out_of_scope", [], "out_of_scope"),
    ],
)
def test_a_messages_shape_decides_its_intent_where_the_words_are_too_few(
    text: str, guess: str, entities: list[tuple[str, str]], intent: str
) -> None:
    found = [entity(kind, text, value) for kind, value in entities]
    assert classified(ShapeClassifier, text, [(guess, 0.6), ("greet", 0.2)], found).get("intent")["name"] == intent
