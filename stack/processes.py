"""A child process with its own log file, a health check and a clean stop."""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from stack.config import ROOT

Check = Callable[[], bool]


class StackError(RuntimeError):
    pass


class ManagedProcess:
    def __init__(
        self,
        name: str,
        command: list[str],
        env: dict[str, str],
        log_path: Path,
    ) -> None:
        self.name = name
        self.command = command
        self.env = env
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        if self.process is None:
            raise StackError(f"{self.name} is not started")
        return self.process.pid

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            log.write(f"\n--- {time.strftime('%Y-%m-%d %H:%M:%S')} starting {self.name}\n".encode())
            log.flush()
            # Own process group: Ctrl-C reaches only the runner, which stops children in order.
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env={**os.environ, **self.env},
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_until(self, ready: Check, deadline: float) -> None:
        """Wait for `ready()` while this process runs; fail with its log if it exits or time runs out."""
        while time.monotonic() < deadline:
            if not self.is_running():
                raise StackError(f"{self.name} exited while starting:\n{self.log_tail()}")
            if ready():
                return
            time.sleep(0.25)
        raise StackError(f"{self.name} was not ready in time:\n{self.log_tail()}")

    def stop(self, timeout: float = 20.0) -> None:
        """SIGTERM (Redis writes its append-only file, servers finish requests), then SIGKILL."""
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    def kill(self) -> None:
        """SIGKILL, as a crash or the kernel's OOM killer would: no cleanup of any kind (crash tests)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None

    def rotate_log(self, max_bytes: int, keep: int) -> None:
        """A log over `max_bytes` is copied to `.1` (older copies move up to `.<keep>`, the oldest is dropped) and
        emptied; the process goes on appending to it. Logs never grow without end."""
        try:
            if self.log_path.stat().st_size <= max_bytes:
                return
        except OSError:
            return
        older = [self.log_path.with_name(f"{self.log_path.name}.{n}") for n in range(1, keep + 1)]
        for source, target in reversed(list(itertools.pairwise(older))):
            if source.exists():
                source.replace(target)
        shutil.copyfile(self.log_path, older[0])
        with self.log_path.open("r+b") as log:
            log.truncate(0)

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])
