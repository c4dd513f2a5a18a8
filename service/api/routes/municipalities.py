"""The municipalities Vejviser covers, each with its quality standard."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import KnowledgeDep
from service.schemas.knowledge import MunicipalityPublic

router = APIRouter(prefix="/municipalities", tags=["knowledge"])


@router.get("", response_model=list[MunicipalityPublic])
async def list_municipalities(kb: KnowledgeDep) -> list[MunicipalityPublic]:
    """Ordered by name."""
    return [MunicipalityPublic.of(standard) for standard in kb.standards.values()]
