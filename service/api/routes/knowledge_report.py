"""`/api/knowledge/{municipality}/report`: what the review found in the municipality's standard that it should
correct, for its own staff. (Registered before routes/knowledge.py, whose `/{municipality}/{topic}` would take
"report" for a topic.)"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, status

from knowledge.report import municipality_report
from service.api.auth import OTHER_MUNICIPALITY, OTHER_MUNICIPALITY_DOC, StaffMunicipalityDep
from service.api.deps import KnowledgeDep, ReportDep, known_municipality
from service.api.errors import error_doc
from service.schemas.report import ReportPublic

router = APIRouter(prefix="/knowledge", tags=["knowledge"])


def _own_municipality(
    staff: StaffMunicipalityDep,
    kb: KnowledgeDep,
    municipality: Annotated[str, Path(description="A municipality id, e.g. faxe; must be the token's own.")],
) -> str:
    """The staff token's own municipality, as the staff routes allow: 401 without a token, then 404 for an unknown
    municipality and 403 for another one."""
    if known_municipality(kb, municipality) != staff:
        raise HTTPException(status.HTTP_403_FORBIDDEN, OTHER_MUNICIPALITY)
    return municipality


@router.get(
    "/{municipality}/report",
    response_model=ReportPublic,
    summary="What the municipality's standard should correct (staff)",
    responses={
        401: error_doc("No or unknown staff token."),
        **OTHER_MUNICIPALITY_DOC,
        404: error_doc("Unknown municipality."),
    },
)
async def municipality_report_public(
    municipality: Annotated[str, Depends(_own_municipality)], kb: KnowledgeDep, report: ReportDep
) -> ReportPublic:
    """For the municipality's own staff (its staff token): what the review of Vejviser's knowledge base found in the
    municipality's quality standard to correct when it is revised (outdated complaint bodies, a treatment guarantee
    counted from a later point than the law, gaps such as no phone number or no adoption date), each finding in
    plain Danish with its verbatim quotes and their sections. `make knowledge-report` prints the same as
    Markdown."""
    return ReportPublic.of(municipality_report(kb, report, municipality))
