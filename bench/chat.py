"""What the benchmarks send and how they time it: Danish questions through the gateway or straight to Rasa."""

from __future__ import annotations

import math
import secrets
import time
from dataclasses import dataclass, field

import httpx

from stack.run import Stack

# A fixed set of questions, as one conversation: small talk, topics, a municipality named, a comparison.
QUESTIONS = [
    "hej",
    "hvad koster behandlingen i faxe",
    "kan jeg være anonym",
    "hvor lang tid skal jeg vente på at komme i behandling",
    "hvem kan jeg ringe til",
    "min søn ryger hash hver dag hvad kan jeg gøre",
    "kan jeg selv vælge hvor jeg skal i behandling",
    "hvordan klager jeg over en afgørelse",
    "hvad er forskellen på faxe og odsherred",
    "får politiet noget at vide",
    "hvilken behandling kan jeg få i vordingborg",
    "kan jeg tale med en læge om medicin",
    "jeg er pårørende hvad kan jeg få af hjælp",
    "hvad med alkohol",
    "mange tak",
]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share 0.95 is p95)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary(latencies_ms: list[float]) -> dict[str, float]:
    if not latencies_ms:
        return {"count": 0}
    return {
        "count": len(latencies_ms),
        "p50_ms": round(percentile(latencies_ms, 0.50), 1),
        "p95_ms": round(percentile(latencies_ms, 0.95), 1),
        "p99_ms": round(percentile(latencies_ms, 0.99), 1),
        "max_ms": round(max(latencies_ms), 1),
    }


@dataclass
class Timings:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0


class Chat:
    """One conversation, through the service's gateway (`POST /api/chat`) or straight to Rasa's REST webhook."""

    def __init__(self, http: httpx.AsyncClient, stack: Stack, bare: bool = False) -> None:
        self.http = http
        self.url = f"{stack.config.rasa_url}/webhooks/rest/webhook" if bare else f"{stack.config.service_url}/api/chat"
        self.bare = bare
        self.session_id: str | None = secrets.token_urlsafe(16) if bare else None

    async def say(self, message: str, timings: Timings) -> bool:
        """Send one message; its latency, or an error (not 200, or no answer)."""
        body = {"sender": self.session_id, "message": message} if self.bare else {
            "message": message, "session_id": self.session_id,
        }  # fmt: skip
        started = time.perf_counter()
        try:
            response = await self.http.post(self.url, json=body)
            answer = response.json()
            answered = response.status_code == 200 and bool(answer if self.bare else answer["replies"])
        except (httpx.HTTPError, ValueError, KeyError, TypeError):
            answered = False
        if not answered:
            timings.errors += 1
            return False
        timings.latencies_ms.append((time.perf_counter() - started) * 1000)
        if not self.bare:
            self.session_id = answer["session_id"]
        return True
