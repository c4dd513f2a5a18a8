"""Scoring a redactor on a hand-written privacy set (tests/privacy/*.yml): recall per kind of personal detail,
and the messages without personal data that it changed (false positives).

A detail counts as removed when what identifies it no longer stands in the redacted text (leaving aside what the
message lists under `keep`, such as a published address with the same street): each word of a name; the digits of
a CPR or phone number (however they are grouped); the local part of an e-mail address; each word of a street name.
What a message lists under `keep` must stand unchanged."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
KINDS = ("navn", "cpr", "telefon", "email", "adresse")
# Floor and side after a house number ("2. th", "st. tv") are not the street's name.
_NOT_STREET_WORDS = {"th", "tv", "mf", "st", "sal", "kl", "nr"}
_EMAIL_AT = re.compile(r"\s*(?:@|\(at\)|\[at\]|snabel-?a|\bat\b)\s*", re.IGNORECASE)
_DIGIT_SEPARATORS = re.compile(r"[\s.\-–—‑/()+]")


def load(name: str) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))["messages"]
    return messages


def _words(text: str) -> list[str]:
    return [word for word in re.findall(r"[^\W\d_]+", text) if len(word) >= 2]


def _stands(word: str, text: str) -> bool:
    return re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", text, re.IGNORECASE) is not None


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def removed(kind: str, detail: str, redacted: str) -> bool:
    if kind == "navn":
        return not any(_stands(word, redacted) for word in _words(detail))
    if kind in ("cpr", "telefon"):
        digits = _digits(detail)
        digits = digits[-10:] if kind == "cpr" else digits[-8:]
        return digits not in _DIGIT_SEPARATORS.sub("", redacted)
    if kind == "email":
        local = _EMAIL_AT.split(detail, maxsplit=1)[0].strip()
        return local.lower() not in redacted.lower()
    street = [word for word in _words(detail) if word.lower() not in _NOT_STREET_WORDS]
    return not any(_stands(word, redacted) for word in street)


@dataclass
class Score:
    found: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    # Messages without personal data that were changed, and kept details that did not survive.
    false_positives: list[tuple[str, str]] = field(default_factory=list)
    lost_keeps: list[tuple[str, str, str]] = field(default_factory=list)
    clean_messages: int = 0

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.total[kind] if self.total[kind] else 1.0

    def table(self) -> str:
        lines = ["| kind | details | removed | recall |", "|---|---|---|---|"]
        for kind in KINDS:
            lines.append(f"| {kind} | {self.total[kind]} | {self.found[kind]} | {self.recall(kind):.3f} |")
        lines.append(
            f"| no personal data | {self.clean_messages} messages | changed: {len(self.false_positives)} | "
            f"kept details lost: {len(self.lost_keeps)} |"
        )
        return "\n".join(lines)


def score(redact: Callable[[str], str], messages: Iterable[dict[str, Any]]) -> Score:
    result = Score()
    for message in messages:
        text = message["text"]
        redacted = redact(text)
        without_keeps = redacted
        for kept in message.get("keep") or []:
            without_keeps = without_keeps.replace(kept, " ")
        for item in message["personal"]:
            result.total[item["kind"]] += 1
            if removed(item["kind"], item["text"], without_keeps):
                result.found[item["kind"]] += 1
            else:
                result.missed.append((item["kind"], item["text"], text))
        for kept in message.get("keep") or []:
            if kept not in redacted:
                result.lost_keeps.append((kept, text, redacted))
        if not message["personal"]:
            result.clean_messages += 1
            if redacted != text:
                result.false_positives.append((text, redacted))
    return result
