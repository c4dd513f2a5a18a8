"""The knowledge base, read-only."""

from __future__ import annotations

from fastapi import APIRouter

from knowledge.municipalities import load_municipalities
from service.schemas.knowledge import MunicipalityPublic

router = APIRouter(prefix="/knowledge", tags=["knowledge"])


@router.get("/municipalities", response_model=list[MunicipalityPublic])
async def list_municipalities() -> list[MunicipalityPublic]:
    """The municipalities Vejviser covers."""
    return [MunicipalityPublic(id=m.id, name=m.name) for m in load_municipalities()]
