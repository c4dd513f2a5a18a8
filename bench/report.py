"""Benchmark results as JSON (for machines) and a Markdown table (for people)."""

from __future__ import annotations

import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from danish.pipeline import resolve_pipeline

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def machine() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "spacy_pipeline": resolve_pipeline().fingerprint,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def markdown_table(title: str, rows: list[tuple[str, str]], about: dict[str, Any]) -> str:
    lines = [f"# {title}", "", "| Measure | Value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    lines += ["", "Machine: " + ", ".join(f"{key} {value}" for key, value in about.items()), ""]
    return "\n".join(lines)


def write_report(name: str, title: str, results: dict[str, Any], rows: list[tuple[str, str]]) -> str:
    about = machine()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"{name}.json").write_text(
        json.dumps({"machine": about, "results": results}, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    table = markdown_table(title, rows, about)
    (RESULTS_DIR / f"{name}.md").write_text(table, encoding="utf-8")
    return table
