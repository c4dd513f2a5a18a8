"""Training time, start-up time to the first answer, and resident memory of each service."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import psutil

from stack.config import ROOT, venv_bin
from stack.run import PYTHON_ENV, Stack


def training_seconds(out_dir: Path) -> float:
    """Training from scratch as on a clean CI machine: `make train`'s command, forced, Rasa's cache off."""
    command = [
        venv_bin("rasa"), "train", "--force", "--skip-validation",
        "--config", "bot/config.yml", "--domain", "bot/domain", "--data", "data",
        "--out", str(out_dir), "--fixed-model-name", "bench",
    ]  # fmt: skip
    started = time.monotonic()
    subprocess.run(
        command, cwd=ROOT, env={**os.environ, **PYTHON_ENV, "RASA_MAX_CACHE_SIZE": "0"}, check=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return time.monotonic() - started


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children."""
    process = psutil.Process(pid)
    total = process.memory_info().rss + sum(child.memory_info().rss for child in process.children(recursive=True))
    return total / 2**20


def memory(stack: Stack) -> dict[str, float]:
    """Resident memory of each service, in MB."""
    return {name: round(rss_mb(process.pid), 1) for name, process in stack.processes.items()}


def start(stack: Stack) -> dict[str, Any]:
    """Start the stack: seconds until every component is healthy and until the first answer."""
    started = time.monotonic()
    stack.start()
    healthy = time.monotonic() - started
    httpx.post(f"{stack.config.service_url}/api/chat", json={"message": "hej"}, timeout=60).raise_for_status()
    return {
        "seconds_to_healthy": round(healthy, 1),
        "seconds_to_first_answer": round(time.monotonic() - started, 1),
        "rss_mb_at_start": memory(stack),
    }


def rows(training: float, started: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        ("Training from scratch (rasa train --force, no cache)", f"{training:.1f} s"),
        ("Start-up to all components healthy", f"{started['seconds_to_healthy']} s"),
        ("Start-up to first answer", f"{started['seconds_to_first_answer']} s"),
        *((f"RSS {name} after the first answer", f"{mb} MB") for name, mb in started["rss_mb_at_start"].items()),
    ]
