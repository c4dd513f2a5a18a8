"""What it costs that Redis fsyncs every write before it answers (`appendfsync always`, stack/redis_server.py):
booking create latency, and chat throughput (Rasa keeps its trackers and locks in the same Redis), each measured with
`always` and with `everysec` (which can lose the last second of writes to `kill -9`), switched on the running Redis
with CONFIG SET and taking turns, so that neither setting always meets a warmer stack.

Alone (starts its own stack): `python -m bench.durability`.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx
import redis

from bench.chat import summary
from bench.load import THINK_SECONDS, level
from bench.report import write_report
from stack.config import StackConfig
from stack.run import Stack

MODES = ("always", "everysec")
ROUNDS = 2
CHAT_USERS = 8
# And as people chat (bench/load.py): many users, each waiting a second after a reply.
WAITING_USERS = 32
CHAT_SECONDS = 10.0


def mean(values: Iterable[float]) -> float:
    found = list(values)
    return round(sum(found) / len(found), 1)


def set_fsync(stack: Stack, mode: str) -> None:
    client = redis.Redis(host=stack.config.host, port=stack.config.redis_port)
    try:
        client.config_set("appendfsync", mode)
    finally:
        client.close()


async def free_slots(http: httpx.AsyncClient, url: str) -> list[tuple[str, str]]:
    municipalities = [m["id"] for m in (await http.get(f"{url}/api/municipalities")).json()]
    found = []
    for municipality in municipalities:
        response = await http.get(f"{url}/api/bookings/slots", params={"municipality": municipality})
        if response.status_code != 200:
            continue
        found += [(municipality, slot["start"]) for day in response.json()["days"] for slot in day["slots"]]
    return found


async def bookings(http: httpx.AsyncClient, url: str, slots: list[tuple[str, str]]) -> tuple[list[float], int]:
    """Book each slot one after the other (POST /api/bookings, timed), then cancel them all again."""
    latencies, errors, codes = [], 0, []
    for municipality, start in slots:
        started = time.perf_counter()
        response = await http.post(f"{url}/api/bookings", json={"municipality": municipality, "start": start})
        latencies.append((time.perf_counter() - started) * 1000)
        if response.status_code == 201:
            codes.append(response.json()["code"])
        else:
            errors += 1
    for code in codes:
        await http.delete(f"{url}/api/bookings/{code}")
    return latencies, errors


async def run(stack: Stack, rounds: int = ROUNDS) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    url = stack.config.service_url
    created: dict[str, list[float]] = {mode: [] for mode in MODES}
    failed = dict.fromkeys(MODES, 0)
    chats: dict[str, list[dict[str, Any]]] = {mode: [] for mode in MODES}
    waiting: dict[str, list[dict[str, Any]]] = {mode: [] for mode in MODES}
    try:
        async with httpx.AsyncClient(timeout=60) as http:
            slots = (await free_slots(http, url))[:60]
            await bookings(http, url, slots[:10])  # warm-up
            for round_ in range(rounds):
                for mode in MODES if round_ % 2 == 0 else MODES[::-1]:
                    set_fsync(stack, mode)
                    latencies, errors = await bookings(http, url, slots)
                    created[mode] += latencies
                    failed[mode] += errors
                    chats[mode].append(await level(stack, CHAT_USERS, CHAT_SECONDS, 0.0))
                    waiting[mode].append(await level(stack, WAITING_USERS, CHAT_SECONDS, THINK_SECONDS))
    finally:
        set_fsync(stack, "always")
    results: dict[str, Any] = {}
    for mode in MODES:
        levels = chats[mode]
        results[mode] = {
            "booking_create": {**summary(created[mode]), "errors": failed[mode]},
            "chat_messages_per_second": round(sum(found["messages_per_second"] for found in levels) / len(levels), 1),
            "chat_p50_ms": round(sum(found["p50_ms"] for found in levels) / len(levels), 1),
            "chat_p95_ms": round(sum(found["p95_ms"] for found in levels) / len(levels), 1),
            "chat_errors": sum(found["errors"] for found in levels),
            "waiting": {
                "users": WAITING_USERS,
                "messages_per_second": mean(found["messages_per_second"] for found in waiting[mode]),
                "p50_ms": mean(found["p50_ms"] for found in waiting[mode]),
                "p95_ms": mean(found["p95_ms"] for found in waiting[mode]),
                "errors": sum(found["errors"] for found in waiting[mode]),
            },
        }
    rows = []
    for mode in MODES:
        made, chat = results[mode]["booking_create"], results[mode]
        rows += [
            (
                f"POST /api/bookings, appendfsync {mode}",
                f"p50 {made['p50_ms']} ms, p95 {made['p95_ms']} ms ({made['count']} bookings, {made['errors']} errors)",
            ),
            (
                f"Chat, {CHAT_USERS} users no waiting, appendfsync {mode}",
                f"{chat['chat_messages_per_second']} msg/s, p50 {chat['chat_p50_ms']} / p95 {chat['chat_p95_ms']} ms, "
                f"{chat['chat_errors']} errors",
            ),
            (
                f"Chat, {WAITING_USERS} users {THINK_SECONDS:.0f} s between messages, appendfsync {mode}",
                f"{chat['waiting']['messages_per_second']} msg/s, p50 {chat['waiting']['p50_ms']} / "
                f"p95 {chat['waiting']['p95_ms']} ms, {chat['waiting']['errors']} errors",
            ),
        ]
    return results, rows


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        stack = Stack(StackConfig.on_free_ports(Path(scratch) / "var"))
        stack.start()
        try:
            results, rows = asyncio.run(run(stack))
            print(write_report("durability", "Durability: fsync before answering (appendfsync always)", results, rows))
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
