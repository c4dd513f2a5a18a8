"""`python -m bench` (make bench): train from scratch, start the stack, and measure latency, throughput, growth and
memory on it; each part's results go to bench/results/ as JSON and a Markdown table, and are printed."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from bench import durability, growth, latency, load, startup
from bench.report import write_report
from stack.config import StackConfig
from stack.run import Stack


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        training = startup.training_seconds(Path(scratch) / "models")
        stack = Stack(StackConfig.on_free_ports(Path(scratch) / "var"))
        started = startup.start(stack)
        try:
            results = {"training_seconds": round(training, 1), **started}
            print(write_report("startup", "Start-up, training and memory", results, startup.rows(training, started)))
            for name, title, part in (
                ("latency", "Latency: gateway and bare Rasa, one user", latency),
                ("load", "Throughput and saturation", load),
                ("growth", "Tracker growth and memory", growth),
                ("durability", "Durability: fsync before answering (appendfsync always)", durability),
            ):
                results, rows = asyncio.run(part.run(stack))
                print(write_report(name, title, results, rows))
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
