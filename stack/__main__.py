"""`python -m stack run`: start the local stack, print the chat URL, stop everything on Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import time

from stack.config import StackConfig
from stack.processes import StackError
from stack.run import Stack

# How often the running stack checks whether a log is due to be rotated.
LOG_CHECK_SECONDS = 60


def _raise_interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def run() -> int:
    config = StackConfig.from_env()
    stack = Stack(config)
    # `kill` and Ctrl-C both end in the same clean stop.
    signal.signal(signal.SIGTERM, _raise_interrupt)
    print("Starting Redis, Rasa, the action server and the service (logs in var/log/) ...", flush=True)
    started = time.monotonic()
    try:
        stack.start()
        print(
            f"\nVejviser is running ({time.monotonic() - started:.0f} s to start).\n"
            f"  Chat:  {config.service_url}/\n"
            f"  API:   {config.service_url}/{'docs' if config.docs_enabled else 'openapi.json'}\n"
            f"Staff tokens for this run (Authorization: Bearer ...):\n"
            + "".join(f"  {municipality}: {token}\n" for municipality, token in config.staff_tokens.items())
            + "Press Ctrl-C to stop.",
            flush=True,
        )
        checked = time.monotonic()
        while not stack.dead():
            time.sleep(1)
            if time.monotonic() - checked > LOG_CHECK_SECONDS:
                stack.rotate_logs()
                checked = time.monotonic()
        print(f"Stopped unexpectedly: {', '.join(stack.dead())}. See var/log/.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        return 0
    except StackError as error:
        print(f"Could not start: {error}", file=sys.stderr)
        return 1
    finally:
        # A second Ctrl-C (or a forwarded signal) must not cut the stop short and orphan children.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stack.stop()


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m stack", description=__doc__)
    parser.add_argument("command", choices=["run"], help="run: start the stack until Ctrl-C")
    parser.parse_args()
    return run()


if __name__ == "__main__":
    sys.exit(main())
