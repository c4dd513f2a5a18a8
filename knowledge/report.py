"""The report for the municipalities: what the knowledge review found in each standard that the municipality should
correct when it revises it (outdated complaint bodies, a guarantee counted from a later point than the law, gaps
such as no phone number), each with its verbatim quotes.

`python -m knowledge.report [--municipality ID]` (make knowledge-report) checks knowledge/report.yml and prints the
report as Markdown; it exits 1, printing every problem instead, if a quote is not verbatim under its section, a
municipality is unknown or a finding is empty. "No adoption date" is not written in report.yml: it is read from
the standard's metadata (`adopted: null`), so it is there exactly when the metadata says so.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from knowledge.base import Fact, KnowledgeBase, Source, Standard
from knowledge.files import KnowledgeError, ReportFile, ReportKind, read_file
from knowledge.load import KNOWLEDGE_DIR, load_knowledge
from knowledge.text import danish_date, normalise
from knowledge.validate import Problem, check_quote

REPORT_FILE = "report.yml"
NO_DATE: Literal["no_date"] = "no_date"
FindingKind = ReportKind | Literal["no_date"]
# Every kind of finding, as the report names it; all but no_date are written in report.yml.
KIND_LABELS = {
    "outdated_body": "Forældet klageinstans",
    "old_name": "Gammelt navn",
    "old_law_text": "Forældet lovtekst",
    "guarantee": "Behandlingsgarantien",
    "contradiction": "Modstrid i standarden",
    "gap": "Mangler i standarden",
    "note": "Til orientering",
    NO_DATE: "Ingen vedtagelsesdato",
}


@dataclass(frozen=True)
class Quote:
    section: str
    quote: str


@dataclass(frozen=True)
class Finding:
    id: str
    kind: FindingKind
    says: str
    # The row of the knowledge review it comes from; None for no_date, which the metadata says.
    review: str | None
    quotes: tuple[Quote, ...] = ()

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


# By municipality id, the findings in the order report.yml lists them.
Findings = dict[str, tuple[Finding, ...]]


@dataclass(frozen=True)
class MunicipalityReport:
    """One municipality's report: its standard and every finding, no_date first when the metadata has no date."""

    standard: Standard
    findings: tuple[Finding, ...]

    @property
    def municipality(self) -> str:
        return self.standard.municipality


def load_report(path: Path = KNOWLEDGE_DIR / REPORT_FILE) -> Findings:
    """report.yml as findings by municipality; KnowledgeError with every schema problem otherwise."""
    entries: ReportFile = read_file(ReportFile, path)
    return {
        municipality: tuple(
            Finding(
                id=entry.id,
                kind=entry.kind,
                says=" ".join(entry.says.split()),
                review=entry.review.strip(),
                quotes=tuple(Quote(quote.section, " ".join(quote.quote.split())) for quote in entry.quotes),
            )
            for entry in findings
        )
        for municipality, findings in entries.__root__.items()
    }


def no_date_finding(standard: Standard) -> Finding | None:
    """ "No adoption date", when the standard's metadata has none (the text gives none)."""
    meta = standard.meta
    if meta.adopted is not None:
        return None
    when = "hvornår" if meta.adopted_by else "hvornår og af hvem"
    says = (
        f"Standarden siger ikke, {when} den er vedtaget. Skriv vedtagelsesdatoen i standarden, så borgere og "
        "medarbejdere kan se, hvilken udgave der gælder."
    )
    return Finding(f"{standard.municipality}-ingen-vedtagelsesdato", NO_DATE, says, None)


def municipality_report(kb: KnowledgeBase, findings: Findings, municipality: str) -> MunicipalityReport:
    """The municipality's report (no findings for one the review did not cover). UnknownMunicipality otherwise."""
    standard = kb.standard(municipality)
    derived = no_date_finding(standard)
    return MunicipalityReport(standard, ((derived,) if derived else ()) + findings.get(municipality, ()))


# --- Checks ---------------------------------------------------------------------------------------------------


def _as_fact(finding: Finding, standard: Standard) -> Fact:
    """The finding in the shape the facts' quote check reads (it uses the id and the sources only)."""
    meta = standard.meta
    sources = tuple(
        Source(meta.title, standard.municipality, meta.adopted, quote.section, None, quote.quote)
        for quote in finding.quotes
    )
    return Fact(finding.id, standard.municipality, "report", "alle", finding.says, sources)


def check_findings(standard: Standard, findings: tuple[Finding, ...]) -> Iterator[Problem]:
    """Every quote verbatim under its section; every finding says something and quotes something (a gap may
    quote nothing); ids are the municipality's own."""
    m = standard.municipality
    for finding in findings:
        if not finding.id.startswith(f"{m}-"):
            yield Problem(m, f"report.yml {finding.id}", f"the id must start with '{m}-'")
        if not finding.says:
            yield Problem(m, f"report.yml {finding.id}", "says nothing: say what to correct")
        if not finding.quotes and finding.kind != "gap":
            yield Problem(m, f"report.yml {finding.id}", "quotes nothing: only a gap may have no quote")
        fact = _as_fact(finding, standard)
        for number, source in enumerate(fact.sources, 1):
            for problem in check_quote(fact, number, source, standard):
                yield Problem(problem.municipality, f"report.yml {problem.where}", problem.message)


def check_report(kb: KnowledgeBase, findings: Findings, municipality: str | None = None) -> list[Problem]:
    """Every problem of the report's findings (of one municipality, or of all with unknown municipalities)."""
    problems: list[Problem] = []
    if municipality is None:
        for unknown in sorted(set(findings) - set(kb.standards)):
            problems.append(Problem(unknown, "report.yml", "unknown municipality: it has no standard in sources/"))
    seen: set[str] = set()
    for m, entries in findings.items():
        for finding in entries:
            if finding.id in seen:
                problems.append(Problem(m, f"report.yml {finding.id}", "the id is used twice"))
            seen.add(finding.id)
    for m in [municipality] if municipality else list(findings):
        if m in kb.standards:
            problems.extend(check_findings(kb.standard(m), findings.get(m, ())))
    return problems


# --- Markdown -------------------------------------------------------------------------------------------------


def markdown(report: MunicipalityReport) -> str:
    """The municipality's report, readable as it is and as Markdown."""
    meta = report.standard.meta
    adopted = danish_date(meta.adopted) if meta.adopted else "ingen dato i standarden"
    if meta.adopted and meta.adopted_by:
        adopted += f" ({meta.adopted_by})"
    lines = [
        f"## {report.standard.name}",
        "",
        f"Kvalitetsstandard: {meta.title}  ",
        f"Vedtaget: {adopted}",
        "",
    ]
    if not report.findings:
        lines += ["Gennemgangen fandt intet, kommunen bør rette i standarden.", ""]
    for number, finding in enumerate(report.findings, 1):
        lines += [f"### {number}. {finding.label}", "", finding.says, ""]
        for quote in finding.quotes:
            lines += [f"> “{normalise(quote.quote)}”  ", f"> (afsnit: {quote.section})", ""]
        if finding.review:
            lines += [f"*Gennemgangen: {finding.review}*", ""]
    return "\n".join(lines)


def report_markdown(kb: KnowledgeBase, findings: Findings, municipality: str | None = None) -> str:
    municipalities = [municipality] if municipality else list(kb.standards)
    title = [
        "# Kvalitetsstandarderne: hvad kommunen bør rette",
        "",
        "Vejviser svarer kun ud fra kommunens egen kvalitetsstandard. En gennemgang af svarene fandt steder, hvor "
        "standarden selv er forældet, går imod den lov, den selv gengiver, eller mangler noget, borgerne har brug for. "
        "Citaterne er ordret fra standarden.",
        "",
    ]
    return "\n".join(title + [markdown(municipality_report(kb, findings, m)) for m in municipalities]).rstrip() + "\n"


def main(argv: list[str] | None = None, root: Path = KNOWLEDGE_DIR) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge.report", description=__doc__)
    parser.add_argument("--municipality", help="one municipality only (its id, e.g. faxe)")
    args = parser.parse_args(argv)
    try:
        kb = load_knowledge(root, only=args.municipality)
        findings = load_report(root / REPORT_FILE)
    except KnowledgeError as error:
        print("The knowledge files do not match the schema:", *error.problems, sep="\n  ", file=sys.stderr)
        return 1
    if args.municipality and args.municipality not in kb.standards:
        print(f"Unknown municipality {args.municipality!r}.", file=sys.stderr)
        return 1
    problems = check_report(kb, findings, args.municipality)
    if problems:
        print(*problems, f"{len(problems)} problem(s) in {REPORT_FILE}.", sep="\n", file=sys.stderr)
        return 1
    print(report_markdown(kb, findings, args.municipality), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
