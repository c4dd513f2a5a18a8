"""`GET /api/health`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ComponentHealthPublic(BaseModel):
    ok: bool
    detail: str


class SpacyModelPublic(BaseModel):
    """The Danish spaCy pipeline: `da_core_news_sm`, or Vejviser's own (`own`)."""

    name: str
    version: str
    own: bool
    description: str
    ner_scores: dict[str, dict[str, dict[str, float]]] = Field(
        ...,
        description="Precision (p), recall (r) and F1 (f) of the NER per label (PER, LOC, ORG), by test set: for "
        "Vejviser's own, the Universal NER Danish test split as written and lower-cased, and chat-like sentences.",
    )


class HealthPublic(BaseModel):
    status: Literal["ok", "unavailable"]
    components: dict[str, ComponentHealthPublic]
    spacy_model: SpacyModelPublic
