"""Custom Rasa NLU components, referenced from `bot/config.yml`."""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Self

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from danish.danger import in_danger
from danish.lemmas import is_danish_word
from danish.pipeline import resolve_pipeline
from danish.places import PlaceFinder

logger = logging.getLogger(__name__)


# Rasa looks up a model provider by its exact class name, so this class names itself in `model_from`.
@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.MODEL_LOADER,
        DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER,
    ],
    is_trainable=False,
    model_from="DanishSpacyNLP",
)
class DanishSpacyNLP(SpacyNLP):
    """`SpacyNLP` that chooses the Danish pipeline itself instead of reading a model name from config."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> DanishSpacyNLP:
        pipeline = resolve_pipeline()
        logger.info("Rasa NLU uses the Danish spaCy pipeline %s.", pipeline.describe())
        loaded = cls.load_model(pipeline.location)
        cls.ensure_proper_language_model(loaded.model)
        # Rasa sees messages the gateway has already stripped of names: the NER (and in Vejviser's own pipeline the
        # tok2vec that serves only it) need not run.
        for name in ("ner", "tok2vec") if pipeline.own else ("ner",):
            if name in loaded.model.pipe_names:
                loaded.model.disable_pipe(name)
        # The fingerprint names the pipeline and its version, so another pipeline or a new NER build retrains.
        model = SpacyModel(model=loaded.model, model_name=pipeline.fingerprint)
        return cls(model, {**cls.get_default_config(), **config})


# Lookup tables named `centre_<municipality id>` hold a covered municipality's name and centres, `place_<id>` its
# towns, postcodes and spellings, `place_other` the municipalities Vejviser does not cover (data/nlu/kommune.yml,
# written from knowledge/places.yml).
PLACE_LOOKUP_PREFIX = "place_"
CENTRE_LOOKUP_PREFIX = "centre_"
OTHER_PLACES = "other"
MUNICIPALITY = "municipality"
OTHER_MUNICIPALITY = "other_municipality"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class PlaceEntityExtractor(GraphComponent, EntityExtractorMixin):
    """The municipality a message names, by any name of its places, spelled without æ/ø/å or with a typo
    (danish/places.py): `municipality` with the municipality's id as value, or `other_municipality` with the name
    as written for a municipality Vejviser does not cover."""

    PLACES_FILE = "places.json"

    def __init__(
        self,
        model_storage: ModelStorage,
        resource: Resource,
        places: dict[str, str] | None = None,
        sure: list[str] | None = None,
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self._places = places or {}
        self._sure = sure or []
        self._finder = PlaceFinder(self._places, is_danish_word(), self._sure) if places else None

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PlaceEntityExtractor:
        return cls(model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        places: dict[str, str] = {}
        sure: list[str] = []
        for table in training_data.lookup_tables:
            name = str(table["name"])
            for prefix in (PLACE_LOOKUP_PREFIX, CENTRE_LOOKUP_PREFIX):
                if name.startswith(prefix):
                    places |= {element: name.removeprefix(prefix) for element in table["elements"]}
                    sure += table["elements"] if prefix == CENTRE_LOOKUP_PREFIX else []
        with self._model_storage.write_to(self._resource) as directory:
            found = {"places": places, "sure": sure}
            (directory / self.PLACES_FILE).write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> PlaceEntityExtractor:
        with model_storage.read_from(resource) as directory:
            found = json.loads((directory / cls.PLACES_FILE).read_text(encoding="utf-8"))
        return cls(model_storage, resource, found["places"], found["sure"])

    def process(self, messages: list[Message]) -> list[Message]:
        if self._finder is None:
            return messages
        for message in messages:
            found = [
                {
                    ENTITY_ATTRIBUTE_TYPE: OTHER_MUNICIPALITY if match.value == OTHER_PLACES else MUNICIPALITY,
                    ENTITY_ATTRIBUTE_VALUE: match.text if match.value == OTHER_PLACES else match.value,
                    ENTITY_ATTRIBUTE_START: match.start,
                    ENTITY_ATTRIBUTE_END: match.end,
                }
                for match in self._finder.find(message.get(TEXT) or "")
            ]
            message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(found), add_to_output=True)
        return messages


EMERGENCY = "emergency"


class RuleClassifier(GraphComponent, IntentClassifier):
    """An intent classifier of fixed rules over each message: nothing to configure, train or load. Abstract: each
    rule is a subclass that registers itself and sets `process`."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        return cls()


def _decide(message: Message, intent: str) -> None:
    """Set the message's intent, sure, at the head of its ranking."""
    fallback = DEFAULT_NLU_FALLBACK_INTENT_NAME
    decided = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}
    others = [r for r in message.get(INTENT_RANKING_KEY) or [] if r[INTENT_NAME_KEY] not in (intent, fallback)]
    message.set(INTENT, decided, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [decided, *others], add_to_output=True)


# A message of only a place, or only an age, may carry these words besides ("jeg bor i faxe kommune", "17 år").
_PLACE_FILLER = frozenset(
    "jeg vi bor boer er fra i på paa kommune kommunen kommun nær naer ved in from live municipality".split()
)
_ONLY_AGE = re.compile(r"(?:(?:jeg|han|hun) er\s+)?(1\d|[2-9]\d)\s*(?:år|aar)?(?:\s+gammel)?", re.IGNORECASE)
# A message that opens with a question word, or with a verb before its subject ("skal jeg ..."), asks something:
# it is never a greeting, a thanks, a yes or a no.
_QUESTION = re.compile(
    r"(?:hvad|hvem|hvor|hvornår|hvornaar|hvordan|hvorfor|hvilken|hvilke|hvilket)\b"
    r"|(?:skal|kan|må|maa|får|faar|gælder|gaelder|vil|bliver|er|har)\s+(?:jeg|man|du|han|hun|vi|de|det|den)\s+\w",
    re.IGNORECASE,
)
# One of the offered times by its place in the list: "den første", "nummer to", "den sidste tid".
_ONLY_CHOICE = re.compile(
    r"(?:den|det|nummer|nr\.?)?\s*(?:første|foerste|anden|andet|to|tredje|tre|fjerde|fire|sidste)"
    r"(?:\s+(?:tid|tidspunkt|mulighed))?(?:\s+tak)?",
    re.IGNORECASE,
)
_SOCIAL = frozenset({"affirm", "deny", "thanks", "greet", "goodbye"})
# A drug named beside treatment asks about the treatment offered, however the message begins ("haha nej. men
# behandler de folk der tager speed?"); a drug alone does not ("hvor kan jeg købe hash").
_TREATMENT = re.compile(r"\b(?:behandl|afvæn|afvaen|afrus|treat|rehab)\w*", re.IGNORECASE)
OUT_OF_SCOPE = "out_of_scope"
ASK_TILBUD = "ask_tilbud"
SUBSTANCE = "substance"
MANAGE_BOOKING = "manage_booking"
CHOOSE_SLOT = "choose_slot"
INFORM_MUNICIPALITY = "inform_municipality"
INFORM_AGE = "inform_age"
BOOKING_CODE = "booking_code"


def shape_intent(text: str, entities: list[dict[str, Any]], intent: str | None) -> str | None:
    """The intent a message's shape says, whatever the classifier guessed (`intent`) from its words: a booking
    code is about a booking; a message of nothing but place names gives where; one of nothing but a number from 10
    to 99 (with "år") gives an age; one of nothing but a place in a list ("den første") chooses a time; a question
    ("hvornår præcis?") taken for a yes or a greeting is unsure, left to be read with the question before; a drug
    and treatment named are never out of scope. None for every other message."""
    if any(entity[ENTITY_ATTRIBUTE_TYPE] == BOOKING_CODE for entity in entities):
        return MANAGE_BOOKING
    places = [e for e in entities if e[ENTITY_ATTRIBUTE_TYPE] in (MUNICIPALITY, OTHER_MUNICIPALITY)]
    if places:
        rest = text
        for place in sorted(places, key=lambda e: -int(e[ENTITY_ATTRIBUTE_START])):
            rest = rest[: place[ENTITY_ATTRIBUTE_START]] + " " + rest[place[ENTITY_ATTRIBUTE_END] :]
        if set(re.findall(r"[\w']+", rest.lower())) <= _PLACE_FILLER:
            return INFORM_MUNICIPALITY
    if _ONLY_AGE.fullmatch(text.strip(" .!")):
        return INFORM_AGE
    if _ONLY_CHOICE.fullmatch(text.strip(" .!")):
        return CHOOSE_SLOT
    if intent in _SOCIAL and _QUESTION.match(text.strip()):
        return str(DEFAULT_NLU_FALLBACK_INTENT_NAME)
    drug = any(entity[ENTITY_ATTRIBUTE_TYPE] == SUBSTANCE for entity in entities)
    if intent == OUT_OF_SCOPE and drug and _TREATMENT.search(text):
        return ASK_TILBUD
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ShapeClassifier(RuleClassifier):
    """A message whose shape alone says what it is (`shape_intent`) gets that intent: a bare "16" or "4640 Faxe"
    has too few words for the classifier, which reads digits as postcodes, ages or times alike. After the entity
    extractors, whose entities it reads, and the FallbackClassifier."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            guessed = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            intent = shape_intent(message.get(TEXT) or "", message.get(ENTITIES) or [], guessed)
            if intent and intent != guessed:
                _decide(message, intent)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class DangerClassifier(RuleClassifier):
    """A message that says a life is in danger is an emergency, however unsure the classifier is: words of
    overdose or suicide (danish/danger.py), or an emergency as the classifier's likeliest guess below its
    threshold. After the FallbackClassifier, so that 112 is never lost to "I am not sure what you ask"."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            fallback = DEFAULT_NLU_FALLBACK_INTENT_NAME
            unsure = (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == fallback
            ranked = [r for r in message.get(INTENT_RANKING_KEY) or [] if r[INTENT_NAME_KEY] != fallback]
            guess = ranked[0][INTENT_NAME_KEY] if ranked else None
            if in_danger(message.get(TEXT) or "") or (unsure and guess == EMERGENCY):
                _decide(message, EMERGENCY)
        return messages
