"""The guided script for phone-line staff, step by step: for the action server that drives it in chat, and for
staff. (The printable script is the staff's own: routes/staff/script.py.)"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status

from contract.models import ScriptPublic, ScriptStepPublic
from knowledge.script import script_step
from service.api.auth import script_reader
from service.api.deps import BookingPlacesDep, KnowledgeDep, MunicipalityPath, ScriptDep, TopicPath
from service.api.errors import error_doc
from service.schemas.script import script_public, script_step_public

router = APIRouter(
    prefix="/script",
    tags=["script"],
    dependencies=[Depends(script_reader)],
    responses={401: error_doc("Neither a staff token nor the internal token.")},
)


@router.get("", response_model=ScriptPublic)
async def get_script(tree: ScriptDep) -> ScriptPublic:
    """Who may be calling, for the guided script's second step."""
    return script_public(tree)


@router.get(
    "/{municipality}/{caller}/{topic}",
    response_model=ScriptStepPublic,
    responses={404: error_doc("Unknown municipality, caller or topic.")},
)
async def get_step(
    municipality: MunicipalityPath,
    caller: str,
    topic: TopicPath,
    kb: KnowledgeDep,
    tree: ScriptDep,
    places: BookingPlacesDep,
    age: Annotated[int | None, Query(ge=0, le=120, description="Age of the person it is about.")] = None,
) -> ScriptStepPublic:
    """What staff read aloud for this caller and topic, with its sources, and the questions to ask next (booking
    only for an age the municipality's conversation is for); with `age_groups`, ask the age first."""
    if caller not in tree.callers:
        message = f"Vejviser kender ikke den opkalder. Vælg en af disse: {', '.join(tree.callers)}."
        raise HTTPException(status.HTTP_404_NOT_FOUND, message)
    return script_step_public(script_step(kb, tree, municipality, caller, topic, age, places[municipality]), kb)
