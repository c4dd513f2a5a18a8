"""Throughput: many conversations at once, each user waiting 1 s after a reply; and the saturation point, with no
waiting, where more users stop adding messages per second."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from bench.chat import QUESTIONS, Chat, Timings, summary
from stack.run import Stack

USERS = (1, 8, 32, 64)
SATURATION_USERS = (1, 2, 4, 8, 16, 32)
TURNS = 6
THINK_SECONDS = 1.0
# A level's messages per second bends when doubling the users adds less than this.
BEND = 1.1


async def user(
    http: httpx.AsyncClient, stack: Stack, index: int, users: int, think: float, until: float, timings: Timings
) -> None:
    """Conversations of a few turns, one after the other, until the time is up. People do not all press enter at
    the same instant: the users start spread over the first wait."""
    await asyncio.sleep(think * index / users)
    turn = index
    while time.monotonic() < until:
        chat = Chat(http, stack)
        for _ in range(TURNS):
            if time.monotonic() >= until:
                return
            await chat.say(QUESTIONS[turn % len(QUESTIONS)], timings)
            turn += 1
            await asyncio.sleep(think)


async def level(stack: Stack, users: int, seconds: float, think: float) -> dict[str, Any]:
    timings = Timings()
    limits = httpx.Limits(max_connections=users + 4, max_keepalive_connections=users + 4)
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
        started = time.monotonic()
        until = started + seconds
        await asyncio.gather(*(user(http, stack, index, users, think, until, timings) for index in range(users)))
        elapsed = time.monotonic() - started
    return {
        "users": users,
        "seconds": round(elapsed, 1),
        "messages_per_second": round(len(timings.latencies_ms) / elapsed, 1),
        **summary(timings.latencies_ms),
        "errors": timings.errors,
    }


def bend(levels: list[dict[str, Any]]) -> dict[str, Any]:
    """The first level whose messages per second are under BEND times the best before it."""
    best = levels[0]
    for found in levels[1:]:
        if found["messages_per_second"] < BEND * best["messages_per_second"]:
            return {"users": found["users"], "messages_per_second": best["messages_per_second"]}
        best = found
    return {"users": None, "messages_per_second": best["messages_per_second"]}


async def run(
    stack: Stack, seconds: float = 45, saturation_seconds: float = 20
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    waiting = [await level(stack, users, seconds, THINK_SECONDS) for users in USERS]
    flat_out = [await level(stack, users, saturation_seconds, 0.0) for users in SATURATION_USERS]
    bent = bend(flat_out)
    results = {"think_seconds": THINK_SECONDS, "turns": TURNS, "levels": waiting, "saturation": flat_out, "bend": bent}
    rows = [
        (
            f"{found['users']} users, {THINK_SECONDS:.0f} s between messages",
            f"{found['messages_per_second']} msg/s, p50 {found['p50_ms']} / p95 {found['p95_ms']} / "
            f"p99 {found['p99_ms']} ms, {found['errors']} errors",
        )
        for found in waiting
    ]
    rows += [
        (
            f"{found['users']} users, no waiting",
            f"{found['messages_per_second']} msg/s, p50 {found['p50_ms']} / p95 {found['p95_ms']} ms, "
            f"{found['errors']} errors",
        )
        for found in flat_out
    ]
    where = f"bends at {bent['users']} users" if bent["users"] else f"no bend up to {SATURATION_USERS[-1]} users"
    rows.append(("Saturation", f"{bent['messages_per_second']} msg/s; {where}"))
    return results, rows
