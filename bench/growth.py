"""Growth: message 1 against message 200 of one long conversation (the tracker grows), and the memory of each
service before and after 10,000 messages."""

from __future__ import annotations

import asyncio
import statistics
from typing import Any

import httpx

from bench.chat import QUESTIONS, Chat, Timings
from bench.startup import memory
from stack.run import Stack

LONG = 200
MANY = 10_000
WORKERS = 8
PER_CONVERSATION = 20


async def long_conversation(stack: Stack, messages: int = LONG) -> list[float]:
    timings = Timings()
    async with httpx.AsyncClient(timeout=60) as http:
        chat = Chat(http, stack)
        for index in range(messages):
            await chat.say(QUESTIONS[index % len(QUESTIONS)], timings)
    return timings.latencies_ms


async def many_messages(stack: Stack, messages: int = MANY) -> Timings:
    """Messages from several users at once, with no waiting, in conversations of PER_CONVERSATION messages."""
    timings = Timings()
    left = iter(range(messages))

    async def worker(http: httpx.AsyncClient) -> None:
        chat = Chat(http, stack)
        for index in left:
            if index % PER_CONVERSATION == 0:
                chat = Chat(http, stack)
            await chat.say(QUESTIONS[index % len(QUESTIONS)], timings)

    async with httpx.AsyncClient(timeout=60) as http:
        await asyncio.gather(*(worker(http) for _ in range(WORKERS)))
    return timings


async def run(stack: Stack) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    latencies = await long_conversation(stack)
    before = memory(stack)
    sent = await many_messages(stack)
    after = memory(stack)
    long = {
        "messages": len(latencies),
        "message_1_ms": round(latencies[0], 1),
        "message_200_ms": round(latencies[-1], 1),
        "median_first_10_ms": round(statistics.median(latencies[:10]), 1),
        "median_last_10_ms": round(statistics.median(latencies[-10:]), 1),
    }
    results = {
        "long_conversation": long,
        "many": {"messages": len(sent.latencies_ms), "errors": sent.errors},
        "rss_mb_before": before,
        "rss_mb_after": after,
    }
    rows = [
        ("One conversation: message 1, message 200", f"{long['message_1_ms']} ms, {long['message_200_ms']} ms"),
        ("Median of messages 1-10, of 191-200", f"{long['median_first_10_ms']} ms, {long['median_last_10_ms']} ms"),
        (f"{MANY:,} messages ({WORKERS} users, no waiting)", f"{sent.errors} errors"),
        *((f"RSS {name} before / after", f"{before[name]} MB / {after[name]} MB") for name in before),
    ]
    return results, rows
