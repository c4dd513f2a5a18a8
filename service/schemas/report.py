"""`/api/knowledge/{municipality}/report`: what the review found in a municipality's standard to correct."""

from __future__ import annotations

from pydantic import BaseModel, Field

from contract.models import StandardPublic
from knowledge.report import Finding, FindingKind, MunicipalityReport
from knowledge.text import normalise
from service.schemas.knowledge import standard_public


class ReportQuotePublic(BaseModel):
    """Verbatim from the municipality's standard, under its section."""

    municipality: str
    document: str = Field(..., description="The standard's title.")
    adopted: str | None
    section: str
    quote: str


class FindingPublic(BaseModel):
    id: str
    kind: FindingKind
    label: str = Field(..., description="The kind, in Danish.")
    says: str = Field(..., description="What is wrong or missing and what to correct, in plain Danish.")
    review: str | None = Field(..., description="The knowledge review's row; null for no_date (from the metadata).")
    quotes: list[ReportQuotePublic]


class ReportPublic(BaseModel):
    """A municipality's report: its standard, and each finding with its quotes (none if the review found none)."""

    municipality: str
    municipality_name: str
    standard: StandardPublic
    findings: list[FindingPublic]

    @classmethod
    def of(cls, report: MunicipalityReport) -> ReportPublic:
        standard = report.standard
        return cls(
            municipality=standard.municipality,
            municipality_name=standard.name,
            standard=standard_public(standard),
            findings=[finding_public(finding, report) for finding in report.findings],
        )


def finding_public(finding: Finding, report: MunicipalityReport) -> FindingPublic:
    meta = report.standard.meta
    quotes = [
        ReportQuotePublic(
            municipality=report.municipality,
            document=meta.title,
            adopted=meta.adopted,
            section=quote.section,
            quote=normalise(quote.quote),
        )
        for quote in finding.quotes
    ]
    return FindingPublic(
        id=finding.id,
        kind=finding.kind,
        label=finding.label,
        says=finding.says,
        review=finding.review,
        quotes=quotes,
    )
