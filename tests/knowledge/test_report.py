"""The report for the municipalities (knowledge/report.yml): every quote verbatim under its section, the findings a
municipality must hear about are there, and a problem makes `python -m knowledge.report` fail."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.base import Standard
from knowledge.load import KNOWLEDGE_DIR, knowledge_base
from knowledge.report import (
    NO_DATE,
    REPORT_FILE,
    Finding,
    Findings,
    Quote,
    check_report,
    load_report,
    main,
    municipality_report,
    report_markdown,
)
from knowledge.text import danish_date, find_quote, normalise

KB = knowledge_base()
REPORT = load_report()
QUOTED = [
    (m, finding, index)
    for m, findings in REPORT.items()
    for finding in findings
    for index in range(len(finding.quotes))
]
QUOTED_IDS = [f"{finding.id}-{index + 1}" for _, finding, index in QUOTED]
# Complaint bodies that no longer take complaints, or not by that name or at that address (the review, §2b).
OUTDATED_BODIES = ["patientklagenævnet", "Patientombuddet", "Sociale Ankestyrelse", "Finsensvej 15"]
MENTIONS = [
    (m, body)
    for m, standard in KB.standards.items()
    for body in OUTDATED_BODIES
    if body.lower() in standard.normalised.lower()
]
_AGE_LIMIT = re.compile(r"([<>]) ?(\d+) år")
# Words with which a standard lets the 14 days start later than the law's "henvendelsen til kommunen" (§2c).
LATER_START = ["personligt møder op", "ved fremmøde", "du ansøger"]
LATER = [(m, cue) for m, standard in KB.standards.items() for cue in LATER_START if cue in standard.normalised.lower()]


def _problems(findings: Findings, municipality: str | None = None) -> list[str]:
    return [str(problem) for problem in check_report(KB, findings, municipality)]


def _replaced(findings: Findings, municipality: str, finding: Finding, changed: Finding) -> Findings:
    return {**findings, municipality: tuple(changed if entry is finding else entry for entry in findings[municipality])}


def _with_quote(municipality: str, finding: Finding, index: int, **change: str) -> Findings:
    quotes = list(finding.quotes)
    quotes[index] = dataclasses.replace(quotes[index], **change)
    return _replaced(REPORT, municipality, finding, dataclasses.replace(finding, quotes=tuple(quotes)))


def _one_character_changed(text: str) -> str:
    letters = [i for i, char in enumerate(text) if char.isalpha()]
    i = letters[len(letters) // 2]
    return text[:i] + ("x" if text[i].lower() != "x" else "y") + text[i + 1 :]


def _a_section_without(standard: Standard, quote: Quote) -> str:
    """Another section of the standard, where the quote is not."""
    return next(
        section.heading
        for section in standard.sections
        if section.heading != quote.section
        and all(find_quote(quote.quote, standard.normalised, start, end) is None for start, end in section.spans)
    )


def _uncovered_ages(text: str) -> set[int]:
    """The ages in neither of the age groups a text gives as "<25 år" (up to 24) and ">26 år" (from 27)."""
    limits = _AGE_LIMIT.findall(normalise(text))
    below = [int(age) for sign, age in limits if sign == "<"]
    above = [int(age) for sign, age in limits if sign == ">"]
    return set(range(max(below), min(above) + 1)) if below and above else set()


# --- The committed report ---------------------------------------------------------------------------------------


def test_the_committed_report_has_no_problems() -> None:
    assert _problems(REPORT) == []


@pytest.mark.parametrize("municipality", sorted(KB.standards))
def test_each_municipality_has_findings_and_each_finding_says_something(municipality: str) -> None:
    report = municipality_report(KB, REPORT, municipality)
    assert report.findings
    for finding in report.findings:
        assert finding.says.strip()
        assert finding.label
        assert finding.quotes or finding.kind in {"gap", NO_DATE}


@pytest.mark.parametrize(("municipality", "body"), MENTIONS)
def test_every_mention_of_an_outdated_complaint_body_is_reported_with_its_quote(municipality: str, body: str) -> None:
    findings = municipality_report(KB, REPORT, municipality).findings
    quoted = [
        quote.quote for finding in findings if finding.kind in {"outdated_body", "old_name"} for quote in finding.quotes
    ]
    assert any(body.lower() in quote.lower() for quote in quoted), (body, quoted)


@pytest.mark.parametrize(("municipality", "cue"), LATER)
def test_a_guarantee_counted_from_a_later_point_is_reported_beside_the_law_it_prints(
    municipality: str, cue: str
) -> None:
    guarantees = [finding for finding in REPORT[municipality] if finding.kind == "guarantee"]
    quoted = [" ".join(quote.quote for quote in finding.quotes).lower() for finding in guarantees]
    assert any(cue in quotes and "henvendelsen til kommunen" in quotes for quotes in quoted), quoted


def test_the_later_starts_are_found_where_the_review_found_them() -> None:
    assert {m for m, _ in LATER} == {"broenderslev", "odsherred"}


def test_the_outdated_bodies_are_found_where_the_review_found_them() -> None:
    assert {m for m, _ in MENTIONS} == {"broenderslev", "odsherred", "vordingborg"}
    assert ("broenderslev", "patientklagenævnet") in MENTIONS


@pytest.mark.parametrize("municipality", sorted(KB.standards))
def test_age_groups_that_leave_ages_out_are_reported_with_both_limits(municipality: str) -> None:
    uncovered = _uncovered_ages(KB.standard(municipality).normalised)
    gaps = [finding for finding in REPORT.get(municipality, ()) if finding.kind == "gap"]
    reported = [finding for finding in gaps if _uncovered_ages(" ".join(q.quote for q in finding.quotes))]
    assert [_uncovered_ages(" ".join(q.quote for q in finding.quotes)) for finding in reported] == (
        [uncovered] if uncovered else []
    )


def test_some_standard_leaves_ages_out() -> None:
    """The check above is not empty: Vordingborg's "Unge <25 år" and "Voksne>26 år" leave 25 and 26 out."""
    assert _uncovered_ages(KB.standard("vordingborg").normalised) == {25, 26}


@pytest.mark.parametrize("municipality", sorted(KB.standards))
def test_no_adoption_date_is_reported_exactly_when_the_metadata_has_none(municipality: str) -> None:
    standard = KB.standard(municipality)
    kinds = [finding.kind for finding in municipality_report(KB, REPORT, municipality).findings]
    assert (NO_DATE in kinds) == (standard.meta.adopted is None)
    dated = dataclasses.replace(standard, meta=standard.meta.copy(update={"adopted": "2024-12-17"}))
    undated = dataclasses.replace(standard, meta=standard.meta.copy(update={"adopted": None}))
    for changed, expected in ((dated, False), (undated, True)):
        kb = dataclasses.replace(KB, standards={**KB.standards, municipality: changed})
        kinds = [finding.kind for finding in municipality_report(kb, REPORT, municipality).findings]
        assert (NO_DATE in kinds) == expected


def test_a_municipality_the_review_did_not_cover_gets_an_empty_report() -> None:
    report = municipality_report(KB, {}, "faxe")
    assert report.findings == ()
    assert "Gennemgangen fandt intet" in report_markdown(KB, {}, "faxe")


# --- The checks catch what they are meant to catch ----------------------------------------------------------


@pytest.mark.parametrize(("municipality", "finding", "index"), QUOTED, ids=QUOTED_IDS)
def test_a_quote_that_is_not_verbatim_is_a_problem(municipality: str, finding: Finding, index: int) -> None:
    changed = _one_character_changed(finding.quotes[index].quote)
    problems = _problems(_with_quote(municipality, finding, index, quote=changed), municipality)
    assert any(
        f"{finding.id} source {index + 1}" in problem and "not verbatim" in problem and repr(changed) in problem
        for problem in problems
    ), problems


@pytest.mark.parametrize(("municipality", "finding", "index"), QUOTED, ids=QUOTED_IDS)
def test_a_quote_under_the_wrong_section_is_a_problem(municipality: str, finding: Finding, index: int) -> None:
    wrong = _a_section_without(KB.standard(municipality), finding.quotes[index])
    problems = _problems(_with_quote(municipality, finding, index, section=wrong), municipality)
    assert any(f"{finding.id} source {index + 1}" in p and f"not under {wrong!r} but elsewhere" in p for p in problems)


def test_a_section_that_is_no_heading_of_the_standard_is_a_problem() -> None:
    municipality, finding, index = QUOTED[0]
    problems = _problems(_with_quote(municipality, finding, index, section="Ingen sådan overskrift"), municipality)
    assert any("'Ingen sådan overskrift' is not a heading" in problem for problem in problems), problems


def test_an_unknown_municipality_is_a_problem() -> None:
    problems = _problems({**REPORT, "nordby": REPORT["faxe"]})
    assert any(problem.startswith("nordby: report.yml: unknown municipality") for problem in problems), problems


def test_a_finding_that_quotes_nothing_must_be_a_gap() -> None:
    municipality, finding, _ = next(entry for entry in QUOTED if entry[1].kind == "outdated_body")
    problems = _problems(_replaced(REPORT, municipality, finding, dataclasses.replace(finding, quotes=())))
    assert any(finding.id in problem and "only a gap may have no quote" in problem for problem in problems)
    gap = dataclasses.replace(finding, kind="gap", quotes=())
    assert _problems(_replaced(REPORT, municipality, finding, gap)) == []


def test_a_finding_that_says_nothing_is_a_problem() -> None:
    municipality, finding, _ = QUOTED[0]
    problems = _problems(_replaced(REPORT, municipality, finding, dataclasses.replace(finding, says="")))
    assert any(finding.id in problem and "says nothing" in problem for problem in problems), problems


def test_ids_are_the_municipalitys_own_and_used_once() -> None:
    municipality, finding, _ = QUOTED[0]
    foreign = dataclasses.replace(finding, id="aarhus-noget")
    assert any("must start with" in p for p in _problems(_replaced(REPORT, municipality, finding, foreign)))
    twice = {**REPORT, municipality: (*REPORT[municipality], finding)}
    assert any(f"{finding.id}: the id is used twice" in problem for problem in _problems(twice))


# --- The command ----------------------------------------------------------------------------------------------


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the knowledge folder, whose report.yml a test may change."""
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def _edit_report(root: Path, edit: Any) -> None:
    path = root / REPORT_FILE
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(entries)
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("municipality", sorted(KB.standards))
def test_the_command_prints_the_standard_and_every_finding_with_its_quotes(
    municipality: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--municipality", municipality]) == 0
    printed = capsys.readouterr().out
    standard = KB.standard(municipality)
    meta = standard.meta
    assert f"## {standard.name}" in printed
    assert normalise(meta.title) in printed
    assert (danish_date(meta.adopted) if meta.adopted else "ingen dato i standarden") in printed
    for finding in municipality_report(KB, REPORT, municipality).findings:
        assert finding.label in printed
        assert finding.says in printed
        for quote in finding.quotes:
            assert f"“{normalise(quote.quote)}”  \n> (afsnit: {quote.section})" in printed
    others = [other.name for m, other in KB.standards.items() if m != municipality]
    assert not any(f"## {name}" in printed for name in others)


def test_the_command_prints_every_municipality_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    printed = capsys.readouterr().out
    assert [line[3:] for line in printed.splitlines() if line.startswith("## ")] == [
        standard.name for standard in KB.standards.values()
    ]


def test_a_quote_that_is_not_verbatim_fails_the_command(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(entries: dict[str, list[dict[str, Any]]]) -> None:
        entries["broenderslev"][0]["quotes"][0]["quote"] = "skal klagen sendes til Patientklagenævnet i Aarhus."

    _edit_report(root, edit)
    assert main([], root=root) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "not verbatim in the text" in captured.err
    assert "1 problem(s) in report.yml." in captured.err


def test_a_finding_with_blank_words_fails_the_command(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(entries: dict[str, list[dict[str, Any]]]) -> None:
        entries["faxe"][0]["says"] = "   "

    _edit_report(root, edit)
    assert main([], root=root) == 1
    assert "faxe.0.says: must not be blank" in capsys.readouterr().err


def test_a_kind_outside_the_fixed_set_fails_the_command(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(entries: dict[str, list[dict[str, Any]]]) -> None:
        entries["faxe"][0]["kind"] = NO_DATE  # read from the metadata, never written

    _edit_report(root, edit)
    assert main([], root=root) == 1
    assert "faxe.0.kind" in capsys.readouterr().err


def test_an_unknown_municipality_fails_the_command(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit_report(root, lambda entries: entries.update(nordby=entries["faxe"]))
    assert main([], root=root) == 1
    assert "nordby: report.yml: unknown municipality" in capsys.readouterr().err
    assert main(["--municipality", "nordby"]) == 1
