"""`/api/knowledge/...`."""

from __future__ import annotations

from pydantic import BaseModel


class MunicipalityPublic(BaseModel):
    id: str
    name: str
