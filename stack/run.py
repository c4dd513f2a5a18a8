"""The local stack: Redis, Rasa (REST channel, JWT-protected API), the action server and the service."""

from __future__ import annotations

import json
import time

import httpx

from stack.config import ROOT, StackConfig, venv_bin
from stack.processes import ManagedProcess, StackError
from stack.redis_server import redis_is_up, redis_process

START_TIMEOUT_SECONDS = 240.0
# What every Python child needs: project imports, no telemetry (no network), less library noise.
PYTHON_ENV = {
    "PYTHONPATH": str(ROOT),
    "RASA_TELEMETRY_ENABLED": "false",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
}
# Stopped in reverse: the service first, Redis last.
START_ORDER = ("redis", "rasa", "actions", "service")


class Stack:
    """`start()` blocks until the service reports every component healthy; `stop()` ends all of them."""

    def __init__(self, config: StackConfig) -> None:
        self.config = config
        c = config
        logs = c.log_dir
        self.processes: dict[str, ManagedProcess] = {
            "redis": redis_process(c.host, c.redis_port, c.redis_dir, logs / "redis.log"),
            "rasa": ManagedProcess("rasa", self._rasa_command(), self._rasa_env(), logs / "rasa.log"),
            "actions": ManagedProcess(
                "actions",
                [venv_bin("python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(c.actions_port)],
                # rasa_sdk has no host option; SANIC_HOST keeps the action server on loopback.
                {**PYTHON_ENV, "SANIC_HOST": c.host, "SERVICE_URL": c.service_url, "INTERNAL_TOKEN": c.internal_token},
                logs / "actions.log",
            ),
            "service": ManagedProcess("service", self._service_command(), self._service_env(), logs / "service.log"),
        }

    def _rasa_command(self) -> list[str]:
        c = self.config
        return [
            venv_bin("rasa"), "run",
            "--model", str(c.model),
            # The API checks a JWT signed with the secret, sent in a header (never a `?token=` in URLs and logs).
            # One argument each: a secret may start with "-", which argparse would take for an option.
            "--enable-api", f"--jwt-secret={c.rasa_token}", "--jwt-method=HS256",
            "--interface", c.host, "--port", str(c.rasa_port),
            "--credentials", "bot/credentials.yml",
            "--endpoints", "bot/endpoints.yml",
        ]  # fmt: skip

    def _rasa_env(self) -> dict[str, str]:
        """The variables bot/endpoints.yml reads."""
        c = self.config
        return {
            **PYTHON_ENV,
            "ACTION_ENDPOINT_URL": f"{c.actions_url}/webhook",
            "REDIS_HOST": c.host,
            "REDIS_PORT": str(c.redis_port),
            "REDIS_PASSWORD": "",
            "TRACKER_EXPIRY_SECONDS": str(c.tracker_expiry_seconds),
            "SANIC_WORKERS": str(c.rasa_workers),
        }

    def _service_command(self) -> list[str]:
        c = self.config
        return [
            venv_bin("python"), "-m", "uvicorn", "--factory", "service.main:create_app",
            "--host", c.host, "--port", str(c.service_port),
            # Request lines can carry ids and codes; the service logs what it needs itself.
            "--no-access-log",
        ]  # fmt: skip

    def _service_env(self) -> dict[str, str]:
        """The variables service.settings.Settings reads."""
        c = self.config
        return {
            **PYTHON_ENV,
            "PORT": str(c.service_port),
            "REDIS_URL": c.redis_url,
            "RASA_URL": c.rasa_url,
            "RASA_TOKEN": c.rasa_token,
            "ACTIONS_URL": c.actions_url,
            "INTERNAL_TOKEN": c.internal_token,
            "STAFF_TOKENS": json.dumps(c.staff_tokens),
            "TRACKER_EXPIRY_SECONDS": str(c.tracker_expiry_seconds),
            "CHAT_PER_ADDRESS_PER_MINUTE": str(c.chat_per_address_per_minute),
            "CHAT_PER_SESSION_PER_MINUTE": str(c.chat_per_session_per_minute),
            **{
                name: str(limit)
                for name, limit in (
                    ("BOOKING_CREATE_LIMIT", c.booking_create_limit),
                    ("BOOKING_OPEN_LIMIT", c.booking_open_limit),
                )
                if limit is not None
            },
            "DOCS_ENABLED": str(c.docs_enabled).lower(),
        }

    def rotate_logs(self) -> None:
        for process in self.processes.values():
            process.rotate_log(self.config.log_max_bytes, self.config.log_copies)

    def start(self, timeout: float = START_TIMEOUT_SECONDS) -> None:
        if not self.config.model.is_file():
            raise StackError(f"No trained model at {self.config.model}; run `make train`.")
        self.rotate_logs()
        deadline = time.monotonic() + timeout
        try:
            redis = self.processes["redis"]
            redis.start()
            redis.wait_until(lambda: redis_is_up(self.config.host, self.config.redis_port), deadline)
            for name in START_ORDER[1:]:
                self.processes[name].start()
            self.wait_healthy(deadline)
        except BaseException:
            self.stop()
            raise

    def healthy(self) -> bool:
        """The service's own health check: Redis, Rasa with a model loaded, and the action server."""
        try:
            return httpx.get(f"{self.config.service_url}/api/health", timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    def wait_healthy(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            dead = self.dead()
            if dead:
                raise StackError("\n".join(f"{name} exited:\n{self.processes[name].log_tail()}" for name in dead))
            if self.healthy():
                return
            time.sleep(0.5)
        tails = "\n".join(f"{name}:\n{process.log_tail(10)}" for name, process in self.processes.items())
        raise StackError(f"The stack was not healthy in time.\n{tails}")

    def stop(self) -> None:
        for name in reversed(START_ORDER):
            self.processes[name].stop()

    def dead(self) -> list[str]:
        return [name for name, process in self.processes.items() if not process.is_running()]

    def __enter__(self) -> Stack:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
