"""`python -m audit --pip-audit PATH`: run pip-audit on constraints.txt and judge its findings against the allowlist.

Fails (exit 1) on a vulnerability the allowlist does not name with reasons, and on a package pip-audit could not look
up (PyPI unreachable, or its per-version JSON not served): an audit that saw nothing never passes."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "constraints.txt"
ALLOWLIST = Path(__file__).with_name("allowlist.toml")
REASONS = ("cannot_upgrade", "does_not_reach")


@dataclass(frozen=True)
class Finding:
    package: str
    version: str
    id: str
    aliases: tuple[str, ...]
    fix_versions: tuple[str, ...]

    @property
    def names(self) -> set[str]:
        return {self.id, *self.aliases}

    def __str__(self) -> str:
        also = f" ({', '.join(self.aliases)})" if self.aliases else ""
        fixed = f", fixed in {', '.join(self.fix_versions)}" if self.fix_versions else ", no fix"
        return f"{self.package} {self.version}: {self.id}{also}{fixed}"


@dataclass(frozen=True)
class Verdict:
    findings: list[Finding]
    unexplained: list[Finding]
    unaudited: list[str]
    stale: list[str]

    @property
    def passed(self) -> bool:
        return not self.unexplained and not self.unaudited


class AllowlistError(ValueError):
    pass


def _normal(package: str) -> str:
    return package.lower().replace("_", "-").replace(".", "-")


def load_allowlist(text: str) -> list[dict[str, str]]:
    """The entries, each checked to name an id, a package and both reasons."""
    entries = tomllib.loads(text).get("allow", [])
    for entry in entries:
        missing = [key for key in ("id", "package", *REASONS) if not str(entry.get(key, "")).strip()]
        if missing:
            raise AllowlistError(f"allowlist entry {entry.get('id', '?')} lacks {', '.join(missing)}")
    return list(entries)


def findings_of(report: dict[str, Any]) -> tuple[list[Finding], list[str]]:
    """pip-audit's JSON report: the vulnerabilities found, and the packages it could not audit."""
    findings, unaudited = [], []
    for dependency in report.get("dependencies", []):
        if "skip_reason" in dependency:
            unaudited.append(f"{dependency['name']}: {dependency['skip_reason']}")
        for vuln in dependency.get("vulns", []):
            findings.append(
                Finding(
                    dependency["name"],
                    dependency.get("version", "?"),
                    vuln["id"],
                    tuple(vuln.get("aliases", [])),
                    tuple(vuln.get("fix_versions", [])),
                )
            )
    return findings, unaudited


def judge(report: dict[str, Any], allowlist: list[dict[str, str]]) -> Verdict:
    findings, unaudited = findings_of(report)
    used: set[int] = set()
    unexplained = []
    for finding in findings:
        matches = [
            i
            for i, entry in enumerate(allowlist)
            if entry["id"] in finding.names and _normal(entry["package"]) == _normal(finding.package)
        ]
        used.update(matches)
        if not matches:
            unexplained.append(finding)
    stale = [f"{entry['package']} {entry['id']}" for i, entry in enumerate(allowlist) if i not in used]
    return Verdict(findings, unexplained, unaudited, stale)


def run_pip_audit(pip_audit: str, constraints: Path) -> dict[str, Any]:
    # Pinned requirements, looked up as they are (no resolution, no install): PyPI's advisories for each version.
    command = [
        pip_audit, "--requirement", str(constraints), "--no-deps", "--disable-pip",
        "--progress-spinner", "off", "--format", "json",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        report: dict[str, Any] = json.loads(done.stdout)
    except ValueError:
        raise SystemExit(f"pip-audit did not report (exit {done.returncode}):\n{done.stderr.strip()}") from None
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m audit", description=__doc__)
    parser.add_argument("--pip-audit", required=True, help="the pip-audit executable")
    args = parser.parse_args(argv)
    allowlist = load_allowlist(ALLOWLIST.read_text(encoding="utf-8"))
    verdict = judge(run_pip_audit(args.pip_audit, CONSTRAINTS), allowlist)
    explained = [finding for finding in verdict.findings if finding not in verdict.unexplained]
    for finding in explained:
        print(f"allowed: {finding}")
    for entry in verdict.stale:
        print(f"allowlist entry matches nothing any more, remove it: {entry}")
    if verdict.unaudited:
        print(
            f"FAILED: {len(verdict.unaudited)} packages could not be audited (is PyPI's JSON API reachable?), "
            f"e.g. {verdict.unaudited[0]}",
            file=sys.stderr,
        )
    for finding in verdict.unexplained:
        print(f"FAILED: not in audit/allowlist.toml: {finding}", file=sys.stderr)
    if verdict.passed:
        print(f"Audit passed: {len(verdict.findings)} known vulnerabilities, all in the allowlist with reasons.")
    return 0 if verdict.passed else 1


if __name__ == "__main__":
    sys.exit(main())
