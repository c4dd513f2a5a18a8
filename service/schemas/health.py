"""`GET /api/health`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class ComponentHealthPublic(BaseModel):
    ok: bool
    detail: str


class SpacyModelPublic(BaseModel):
    name: str
    version: str
    fallback: bool
    description: str


class HealthPublic(BaseModel):
    status: Literal["ok", "unavailable"]
    components: dict[str, ComponentHealthPublic]
    spacy_model: SpacyModelPublic
