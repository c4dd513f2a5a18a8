"""Ports, paths and the per-run secrets of a local stack."""

from __future__ import annotations

import os
import secrets
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.load import knowledge_base

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class StackConfig:
    var_dir: Path = ROOT / "var"
    model: Path = ROOT / "models" / "vejviser.tar.gz"
    host: str = "127.0.0.1"
    redis_port: int = 6379
    rasa_port: int = 5005
    actions_port: int = 5055
    service_port: int = 8000
    # Seconds a conversation is kept in Redis after its last message.
    tracker_expiry_seconds: int = 7200
    # Rasa's Sanic workers, each with the model loaded (about 1.5 GB): two use both cores of a small machine, which
    # doubles the messages per second (bench/). The Redis lock store keeps each conversation to one at a time.
    rasa_workers: int = 2
    # Each log is rotated past this size, keeping this many older copies (stack.processes.ManagedProcess.rotate_log).
    log_max_bytes: int = 5 * 1024 * 1024
    log_copies: int = 3
    # Chat messages a minute from one client address and from one conversation (the service's own defaults).
    chat_per_address_per_minute: int = 120
    chat_per_session_per_minute: int = 20
    # Bookings a client may make per hour and hold open at once (the service's own defaults); None keeps them.
    booking_create_limit: int | None = None
    booking_open_limit: int | None = None
    # The service's /docs and /redoc (which load Swagger UI and ReDoc from a CDN): off unless DOCS_ENABLED is set.
    docs_enabled: bool = False
    # New for every run: only the service and Rasa know it.
    rasa_token: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    # New for every run: marks the action server's calls to the service.
    internal_token: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    # New for every run, one per municipality: the staff API's bearer tokens, printed at start.
    staff_tokens: dict[str, str] = field(
        default_factory=lambda: {m: secrets.token_urlsafe(24) for m in knowledge_base().standards}, repr=False
    )

    @classmethod
    def from_env(cls) -> StackConfig:
        """PORT, REDIS_PORT, RASA_PORT and ACTIONS_PORT override the default ports; RASA_WORKERS the workers;
        CHAT_PER_ADDRESS_PER_MINUTE and CHAT_PER_SESSION_PER_MINUTE the chat's rate limits; DOCS_ENABLED turns on the
        service's API pages."""
        env = os.environ
        return cls(
            rasa_workers=int(env.get("RASA_WORKERS", cls.rasa_workers)),
            chat_per_address_per_minute=int(env.get("CHAT_PER_ADDRESS_PER_MINUTE", cls.chat_per_address_per_minute)),
            chat_per_session_per_minute=int(env.get("CHAT_PER_SESSION_PER_MINUTE", cls.chat_per_session_per_minute)),
            docs_enabled=env.get("DOCS_ENABLED", "").strip().lower() in {"1", "true", "yes", "on"},
            service_port=int(env.get("PORT", cls.service_port)),
            redis_port=int(env.get("REDIS_PORT", cls.redis_port)),
            rasa_port=int(env.get("RASA_PORT", cls.rasa_port)),
            actions_port=int(env.get("ACTIONS_PORT", cls.actions_port)),
        )

    @classmethod
    def on_free_ports(cls, var_dir: Path) -> StackConfig:
        """A stack beside any other, for tests and benchmarks: its own ports, logs and Redis data."""
        return cls(
            var_dir=var_dir,
            redis_port=free_port(),
            rasa_port=free_port(),
            actions_port=free_port(),
            service_port=free_port(),
            # Tests and benchmarks play many users from one address, and long conversations fast.
            chat_per_address_per_minute=100_000,
            chat_per_session_per_minute=100_000,
            # Crash tests and benchmarks book many times from one address.
            booking_create_limit=100_000,
            booking_open_limit=100_000,
        )

    @property
    def log_dir(self) -> Path:
        return self.var_dir / "log"

    @property
    def redis_dir(self) -> Path:
        return self.var_dir / "redis"

    @property
    def service_url(self) -> str:
        return f"http://{self.host}:{self.service_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://{self.host}:{self.actions_port}"

    @property
    def redis_url(self) -> str:
        return f"redis://{self.host}:{self.redis_port}/0"


def venv_bin(name: str) -> str:
    """A console script of the environment running the stack (e.g. `rasa`)."""
    return str(Path(sys.executable).parent / name)


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
