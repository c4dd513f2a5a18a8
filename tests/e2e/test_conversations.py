"""The conversation test set, typed through `POST /api/chat` on the real stack, held to a floor that only rises.

`make evaluate` prints the same run in full: the pass rate per category and every failure.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.conversations import FLOOR_FILE, load, pass_rate, report, run_all
from stack.run import Stack

pytestmark = pytest.mark.e2e


def test_the_conversation_set_passes_at_least_as_often_as_the_floor(stack: Stack) -> None:
    results = asyncio.run(run_all(stack.config.service_url, load()))
    assert pass_rate(results) >= float(FLOOR_FILE.read_text(encoding="utf-8")), report(results)
