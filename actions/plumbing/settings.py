"""The action server's settings, read from the environment in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class ActionSettings:
    service_url: str
    timeout_seconds: float
    # Shared with the service: its booking lookups then count wrong codes per chat session, not per address.
    internal_token: str | None


def load_settings() -> ActionSettings:
    return ActionSettings(
        service_url=os.environ.get("SERVICE_URL", "http://127.0.0.1:8000").rstrip("/"),
        timeout_seconds=float(os.environ.get("SERVICE_TIMEOUT_SECONDS", "5")),
        internal_token=os.environ.get("INTERNAL_TOKEN") or None,
    )
