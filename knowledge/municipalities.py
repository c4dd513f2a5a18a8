"""The registry of municipalities Vejviser covers, read from `municipalities.yml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

REGISTRY_FILE = Path(__file__).with_name("municipalities.yml")


@dataclass(frozen=True)
class Municipality:
    id: str
    name: str


@lru_cache(maxsize=1)
def load_municipalities() -> tuple[Municipality, ...]:
    entries = yaml.safe_load(REGISTRY_FILE.read_text(encoding="utf-8"))
    return tuple(Municipality(id=entry["id"], name=entry["name"]) for entry in entries)
