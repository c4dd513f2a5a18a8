"""A stack process's log is rotated, never grows without end, and the process goes on writing to it."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from stack.processes import ManagedProcess

WRITER = "import sys, time\nfor n in range(400):\n    print('line', n, 'x' * 50, flush=True); time.sleep(0.005)\n"


def test_a_log_past_its_size_is_rotated_while_the_process_writes(tmp_path: Path) -> None:
    log = tmp_path / "writer.log"
    process = ManagedProcess("writer", [sys.executable, "-c", WRITER], {}, log)
    process.start()
    sizes = []
    while process.is_running():
        process.rotate_log(max_bytes=2000, keep=2)
        sizes.append(log.stat().st_size)
        time.sleep(0.05)
    process.stop()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["writer.log", "writer.log.1", "writer.log.2"]
    assert all(path.stat().st_size < 10_000 for path in tmp_path.iterdir())
    assert "line 399" in log.read_text() or "line 399" in (tmp_path / "writer.log.1").read_text()
    assert max(sizes) < 10_000


def test_a_small_log_is_left_alone(tmp_path: Path) -> None:
    log = tmp_path / "small.log"
    log.write_text("a little\n")
    ManagedProcess("small", ["true"], {}, log).rotate_log(max_bytes=2000, keep=3)
    assert [path.name for path in tmp_path.iterdir()] == ["small.log"]
