"""`/api/staff/me`: whose token it is."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.auth import StaffMunicipalityDep
from service.api.deps import KnowledgeDep
from service.schemas.staff import StaffPublic

router = APIRouter(tags=["staff"])


@router.get("/me", response_model=StaffPublic)
async def who_am_i(staff: StaffMunicipalityDep, kb: KnowledgeDep) -> StaffPublic:
    """The municipality the staff token belongs to."""
    return StaffPublic(municipality=staff, municipality_name=kb.standard(staff).name)
