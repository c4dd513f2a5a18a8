"""Latency of one user's messages through the gateway, beside the same messages sent straight to Rasa.

The ratio is what the gateway costs (validation, limits, the privacy filter, the extra hop): both paths run the
same actions against the same service."""

from __future__ import annotations

from typing import Any

import httpx

from bench.chat import QUESTIONS, Chat, Timings, summary
from stack.run import Stack

ROUNDS = 10


async def run(stack: Stack, rounds: int = ROUNDS) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    gateway, bare = Timings(), Timings()
    async with httpx.AsyncClient(timeout=60) as http:
        for warm in (Chat(http, stack), Chat(http, stack, bare=True)):
            for question in QUESTIONS:
                await warm.say(question, Timings())
        for round_ in range(rounds):
            chats = [(Chat(http, stack), gateway), (Chat(http, stack, bare=True), bare)]
            for index, question in enumerate(QUESTIONS):
                # Taking turns at going first, so that neither path always meets a warmer cache.
                for chat, timings in chats if (round_ + index) % 2 == 0 else chats[::-1]:
                    await chat.say(question, timings)
    through, straight = summary(gateway.latencies_ms), summary(bare.latencies_ms)
    results = {
        "questions": len(QUESTIONS),
        "rounds": rounds,
        "gateway": {**through, "errors": gateway.errors},
        "bare_rasa": {**straight, "errors": bare.errors},
        "ratio_p50": round(through["p50_ms"] / straight["p50_ms"], 2),
        "ratio_p95": round(through["p95_ms"] / straight["p95_ms"], 2),
    }
    rows = [
        ("Messages per path (single user)", f"{through['count']} ({len(QUESTIONS)} questions x {rounds})"),
        ("POST /api/chat (gateway)", f"p50 {through['p50_ms']} ms, p95 {through['p95_ms']} ms"),
        ("Straight to Rasa's REST webhook", f"p50 {straight['p50_ms']} ms, p95 {straight['p95_ms']} ms"),
        ("Ratio gateway / bare Rasa (target ≤ 1.3)", f"p50 {results['ratio_p50']}, p95 {results['ratio_p95']}"),
        ("Errors", f"{gateway.errors} + {bare.errors}"),
    ]
    return results, rows
