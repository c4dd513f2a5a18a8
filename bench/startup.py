"""Training time, start-up time to the first answer, and resident memory of each service."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import psutil

from stack.config import ROOT, StackConfig, venv_bin
from stack.run import PYTHON_ENV, Stack

WARM_MESSAGES = ["hej", "hvad kan du hjælpe med", "mange tak", "hvordan bliver vejret", "farvel"] * 10


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


def startup_and_memory(var_dir: Path) -> dict[str, Any]:
    stack = Stack(StackConfig.on_free_ports(var_dir))
    url = f"{stack.config.service_url}/api/chat"
    started = time.monotonic()
    stack.start()
    try:
        healthy = time.monotonic() - started
        first = httpx.post(url, json={"message": "hej"}, timeout=60)
        first.raise_for_status()
        first_answer = time.monotonic() - started
        latencies = []
        session_id = first.json()["session_id"]
        for message in WARM_MESSAGES:
            sent = time.monotonic()
            httpx.post(url, json={"message": message, "session_id": session_id}, timeout=60).raise_for_status()
            latencies.append((time.monotonic() - sent) * 1000)
        memory = {name: round(rss_mb(process.pid), 1) for name, process in stack.processes.items()}
    finally:
        stack.stop()
    return {
        "seconds_to_healthy": round(healthy, 1),
        "seconds_to_first_answer": round(first_answer, 1),
        "warm_messages": len(latencies),
        "warm_ms_p50": round(statistics.median(latencies), 1),
        "warm_ms_max": round(max(latencies), 1),
        "rss_mb_after_warm_messages": memory,
    }


def run() -> tuple[dict[str, Any], list[tuple[str, str]]]:
    with tempfile.TemporaryDirectory() as scratch:
        results = {
            "training_seconds": round(training_seconds(Path(scratch) / "models"), 1),
            **startup_and_memory(Path(scratch) / "var"),
        }
    rows = [
        ("Training from scratch (rasa train --force, no cache)", f"{results['training_seconds']} s"),
        ("Start-up to all components healthy", f"{results['seconds_to_healthy']} s"),
        ("Start-up to first answer", f"{results['seconds_to_first_answer']} s"),
        (
            f"POST /api/chat, warm, {results['warm_messages']} messages",
            f"p50 {results['warm_ms_p50']} ms, max {results['warm_ms_max']} ms",
        ),
    ]
    rows += [(f"RSS {name}", f"{mb} MB") for name, mb in results["rss_mb_after_warm_messages"].items()]
    return results, rows
