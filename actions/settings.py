"""The action server's settings, read from the environment in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class ActionSettings:
    service_url: str
    timeout_seconds: float


def load_settings() -> ActionSettings:
    return ActionSettings(
        service_url=os.environ.get("SERVICE_URL", "http://127.0.0.1:8000").rstrip("/"),
        timeout_seconds=float(os.environ.get("SERVICE_TIMEOUT_SECONDS", "5")),
    )
