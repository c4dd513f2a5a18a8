"""Custom Rasa NLU components, referenced from `bot/config.yml`."""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP

from danish.pipeline import resolve_pipeline

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
