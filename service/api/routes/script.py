"""The guided script for phone-line staff, step by step (for the action server and staff) and printable."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from starlette.concurrency import run_in_threadpool

from contract.models import ScriptPublic, ScriptStepPublic
from knowledge.script import printable_script, script_step
from service.api.deps import (
    KnowledgeDep,
    ScriptDep,
    StaffMunicipalityDep,
    own_municipality,
    require_municipality,
    require_topic,
    script_reader,
)
from service.api.errors import Responses, error_doc
from service.printing import script_pdf
from service.schemas.script import PrintedScriptPublic, script_public, script_step_public

router = APIRouter(tags=["script"])
_READER: Responses = {401: error_doc("Neither a staff token nor the internal token.")}
_STAFF: Responses = {
    401: error_doc("No or unknown staff token."),
    403: error_doc("The token is for another municipality."),
    404: error_doc("Unknown municipality."),
}


@router.get("/script", response_model=ScriptPublic, dependencies=[Depends(script_reader)], responses=_READER)
async def get_script(tree: ScriptDep) -> ScriptPublic:
    """Who may be calling, for the guided script's second step."""
    return script_public(tree)


@router.get(
    "/script/{municipality}/{caller}/{topic}",
    response_model=ScriptStepPublic,
    dependencies=[Depends(script_reader)],
    responses={**_READER, 404: error_doc("Unknown municipality, caller or topic.")},
)
async def get_step(
    municipality: str,
    caller: str,
    topic: str,
    kb: KnowledgeDep,
    tree: ScriptDep,
    age: Annotated[int | None, Query(ge=0, le=120, description="Age of the person it is about.")] = None,
) -> ScriptStepPublic:
    """What staff read aloud for this caller and topic, with its sources, and the questions to ask next; with
    `age_groups`, ask the age first."""
    require_municipality(kb, municipality)
    require_topic(kb, topic)
    if caller not in tree.callers:
        message = f"Vejviser kender ikke den opkalder. Vælg en af disse: {', '.join(tree.callers)}."
        raise HTTPException(status.HTTP_404_NOT_FOUND, message)
    return script_step_public(script_step(kb, tree, municipality, caller, topic, age), kb)


def _printed(kb: KnowledgeDep, tree: ScriptDep, staff: StaffMunicipalityDep, municipality: str) -> PrintedScriptPublic:
    own_municipality(kb, staff, municipality)
    emergency = [fact for fact in kb.national.values() if fact.topic == "akut"]
    return PrintedScriptPublic.of(kb, municipality, emergency, printable_script(kb, tree, municipality))


PrintedDep = Annotated[PrintedScriptPublic, Depends(_printed)]


@router.get("/staff/script", response_model=PrintedScriptPublic, responses=_STAFF)
async def printed_script(printed: PrintedDep) -> PrintedScriptPublic:
    """The municipality's whole script, for the printable page (/staff/script/)."""
    return printed


@router.get(
    "/staff/script.pdf",
    response_class=Response,
    responses={**_STAFF, 200: {"content": {"application/pdf": {}}, "description": "The script as PDF."}},
)
async def printed_script_pdf(printed: PrintedDep) -> Response:
    """The municipality's whole script as PDF, with the standard's name and date on every page."""
    pdf = await run_in_threadpool(script_pdf, printed)
    filename = f"vejviser-script-{printed.municipality}.pdf"
    return Response(
        pdf, media_type="application/pdf", headers={"Content-Disposition": f'inline; filename="{filename}"'}
    )
