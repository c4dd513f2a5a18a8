"""The municipalities Vejviser covers, each with its quality standard."""

from __future__ import annotations

from fastapi import APIRouter

from contract.models import MunicipalityPublic
from service.api.deps import KnowledgeDep
from service.schemas.knowledge import municipality_public

router = APIRouter(prefix="/municipalities", tags=["knowledge"])


@router.get("", response_model=list[MunicipalityPublic])
async def list_municipalities(kb: KnowledgeDep) -> list[MunicipalityPublic]:
    """Ordered by name."""
    return [municipality_public(standard) for standard in kb.standards.values()]
