"""The audit's verdict on pip-audit's report: allowed only with reasons, never a pass when nothing was looked up."""

from __future__ import annotations

from typing import Any

import pytest

from audit.__main__ import ALLOWLIST, AllowlistError, judge, load_allowlist

ENTRY = {
    "id": "GHSA-aaaa-bbbb-cccc",
    "package": "Sanic",
    "cannot_upgrade": "Rasa 3.6 requires sanic<21.13.",
    "does_not_reach": "Only Rasa's API, on loopback.",
}


def _report(*dependencies: dict[str, Any]) -> dict[str, Any]:
    return {"dependencies": list(dependencies), "fixes": []}


def _vulnerable(name: str = "sanic", vuln_id: str = "PYSEC-2024-1", aliases: list[str] | None = None) -> dict[str, Any]:
    vuln = {"id": vuln_id, "aliases": aliases or [], "fix_versions": ["23.3.0"], "description": "..."}
    return {"name": name, "version": "21.12.2", "vulns": [vuln]}


def test_the_committed_allowlist_is_valid() -> None:
    load_allowlist(ALLOWLIST.read_text(encoding="utf-8"))


def test_a_clean_report_passes() -> None:
    verdict = judge(_report({"name": "httpx", "version": "0.24.1", "vulns": []}), [])
    assert verdict.passed
    assert verdict.findings == []


def test_a_vulnerability_not_in_the_allowlist_fails() -> None:
    verdict = judge(_report(_vulnerable()), [])
    assert not verdict.passed
    assert str(verdict.unexplained[0]) == "sanic 21.12.2: PYSEC-2024-1, fixed in 23.3.0"


@pytest.mark.parametrize("aliases", [["GHSA-aaaa-bbbb-cccc"], ["CVE-2024-1", "GHSA-aaaa-bbbb-cccc"]])
def test_an_allowed_vulnerability_passes_by_its_id_or_an_alias(aliases: list[str]) -> None:
    assert judge(_report(_vulnerable(aliases=aliases)), [ENTRY]).passed


def test_an_entry_allows_only_its_own_package() -> None:
    verdict = judge(_report(_vulnerable(name="aiohttp", aliases=["GHSA-aaaa-bbbb-cccc"])), [ENTRY])
    assert not verdict.passed
    assert verdict.stale == ["Sanic GHSA-aaaa-bbbb-cccc"]


def test_a_package_that_could_not_be_looked_up_fails_rather_than_passes() -> None:
    # What pip-audit reports, exit 0 and "No known vulnerabilities found", when PyPI's JSON API is unreachable.
    skipped = {"name": "absl-py", "skip_reason": "Dependency not found on PyPI and could not be audited: absl-py"}
    verdict = judge(_report(skipped), [])
    assert verdict.findings == []
    assert not verdict.passed
    assert verdict.unaudited == ["absl-py: Dependency not found on PyPI and could not be audited: absl-py"]


@pytest.mark.parametrize("missing", ["id", "package", "cannot_upgrade", "does_not_reach"])
def test_an_entry_without_its_reasons_is_refused(missing: str) -> None:
    entry = {key: value for key, value in ENTRY.items() if key != missing}
    text = "".join(f'{key} = "{value}"\n' for key, value in entry.items())
    with pytest.raises(AllowlistError, match=missing):
        load_allowlist(f"[[allow]]\n{text}")
