"""`/api/staff/script`: the municipality's whole guided script, to print (JSON for the page, and PDF)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from starlette.concurrency import run_in_threadpool

from knowledge.script import printable_script
from service.api.auth import OTHER_MUNICIPALITY_DOC, OwnMunicipalityQuery
from service.api.deps import BookingPlacesDep, KnowledgeDep, ScriptDep
from service.api.errors import Responses, error_doc
from service.printing import script_pdf
from service.schemas.script import PrintedScriptPublic

router = APIRouter(tags=["script"])
_OWN: Responses = {**OTHER_MUNICIPALITY_DOC, 404: error_doc("Unknown municipality.")}


def _printed(
    kb: KnowledgeDep, tree: ScriptDep, places: BookingPlacesDep, municipality: OwnMunicipalityQuery
) -> PrintedScriptPublic:
    emergency = [fact for fact in kb.national.values() if fact.topic == "akut"]
    topics = printable_script(kb, tree, municipality, places[municipality])
    return PrintedScriptPublic.of(kb, municipality, emergency, topics)


PrintedDep = Annotated[PrintedScriptPublic, Depends(_printed)]


@router.get("/script", response_model=PrintedScriptPublic, responses=_OWN)
async def printed_script(printed: PrintedDep) -> PrintedScriptPublic:
    """The municipality's whole script, for the printable page (/staff/script/)."""
    return printed


@router.get(
    "/script.pdf",
    response_class=Response,
    responses={**_OWN, 200: {"content": {"application/pdf": {}}, "description": "The script as PDF."}},
)
async def printed_script_pdf(printed: PrintedDep) -> Response:
    """The municipality's whole script as PDF, with the standard's name and date on every page."""
    pdf = await run_in_threadpool(script_pdf, printed)
    filename = f"vejviser-script-{printed.municipality}.pdf"
    return Response(
        pdf, media_type="application/pdf", headers={"Content-Disposition": f'inline; filename="{filename}"'}
    )
