"""The README says how to install, run and test, in that order, and its layout matches the tree."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Made by `make run` / `make test`, never committed.
GENERATED = {"var/", "models/", ".venv/"}


def _section(title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", README, re.MULTILINE | re.DOTALL)
    assert match, title
    return match.group(1)


def test_sections_are_install_run_test_layout() -> None:
    assert re.findall(r"^## (.+)$", README, re.MULTILINE) == ["Install", "Run", "Test", "Layout"]


def test_the_two_commands_are_make_run_and_make_test() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert first_block
    assert [line.split("#")[0].strip() for line in first_block.group(1).splitlines()] == [
        "make run",
        "make test",
    ]


def test_every_path_in_the_layout_exists() -> None:
    paths = re.findall(r"`([^`\s]+)`", "\n".join(line.split("|")[1] for line in _section("Layout").splitlines()[2:]))
    assert paths
    missing = [path for path in paths if path not in GENERATED and not (ROOT / path).exists()]
    assert not missing
