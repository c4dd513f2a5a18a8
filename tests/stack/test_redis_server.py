from __future__ import annotations

import time
from pathlib import Path

import redis

from stack.config import free_port
from stack.redis_server import redis_command, redis_is_up, redis_process, redis_server_binary


def test_redis_runs_on_loopback_with_the_append_only_file_on() -> None:
    command = redis_command("redis-server", "127.0.0.1", 6390, Path("/data"))
    flags = dict(zip(command[1::2], command[2::2], strict=True))
    assert flags["--bind"] == "127.0.0.1"
    assert flags["--appendonly"] == "yes"
    # Written to disk before Redis answers: a booking code shown is never lost to a crash (tests/e2e/test_crashes.py).
    assert flags["--appendfsync"] == "always"
    assert flags["--dir"] == "/data"


def test_a_redis_server_binary_is_available() -> None:
    assert Path(redis_server_binary()).is_file()


def test_data_survives_a_restart_through_the_append_only_file(tmp_path: Path) -> None:
    port = free_port()
    server = redis_process("127.0.0.1", port, tmp_path / "data", tmp_path / "redis.log")
    for round_ in ("write", "read"):
        server.start()
        try:
            server.wait_until(lambda: redis_is_up("127.0.0.1", port), time.monotonic() + 30)
            client = redis.Redis(port=port)
            if round_ == "write":
                client.set("vejviser:test", "bevaret")
            else:
                assert client.get("vejviser:test") == b"bevaret"
            client.close()
        finally:
            server.stop()
    assert list((tmp_path / "data").rglob("*.aof"))
