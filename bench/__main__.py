"""`python -m bench` (make bench): run the benchmarks and print their tables."""

from __future__ import annotations

from bench import startup
from bench.report import write_report


def main() -> None:
    results, rows = startup.run()
    print(write_report("startup", "Start-up, training and memory", results, rows))


if __name__ == "__main__":
    main()
