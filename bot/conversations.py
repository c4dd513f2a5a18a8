"""The conversation test set (tests/conversations/): whole conversations typed through `POST /api/chat`.

Each file is a category; each conversation a list of turns, each turn a typed message and, where the writer
expected something, what the bot's replies to that message must hold: facts (`contains`, an item being a text
or a list of alternatives), what they must not hold (`absent`), which municipalities' standards they are
sourced from (`sources`, exactly those), and what kind of answer it is (`flags`). Texts match case-insensitively
with whitespace collapsed; a text of digits and spaces (a phone number) matches with the spaces ignored.

`python -m bot.conversations` (part of `make evaluate`) starts the stack and prints the pass rate overall and per
category, every failure, and the length of the replies to factual questions.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import httpx
import yaml

from contract.codes import nlu_pattern

ROOT = Path(__file__).resolve().parent.parent
CONVERSATIONS = ROOT / "tests" / "conversations"
# The pass rate `make test` holds the set to (tests/e2e/test_conversations.py); raised as answers improve, never
# lowered (tests/bot/test_conversations.py reads its history).
FLOOR_FILE = CONVERSATIONS / "floor.txt"
Flag = Literal["emergency", "not_stated", "out_of_scope", "not_covered", "booking_code"]
# What each kind of answer says, in any wording: the set's writers never saw the bot's texts.
FLAG_PATTERNS: dict[str, re.Pattern[str]] = {
    "emergency": re.compile(r"\b112\b"),
    "not_stated": re.compile(
        r"\b(siger|nævner|står|skriver|oplyser)\b[^.]*\b(ikke|intet)\b|\b(does not|doesn't) (say|mention|give)\b",
        re.IGNORECASE,
    ),
    "out_of_scope": re.compile(r"\bkan\b[^.]*\bikke\b[^.]*\b(svare|hjælpe)\b", re.IGNORECASE),
    "not_covered": re.compile(r"\b(kender|dækker) kun\b", re.IGNORECASE),
    "booking_code": re.compile(nlu_pattern(), re.IGNORECASE),
}
CONCURRENCY = 8
# How a reply that answers for a municipality begins ("Faxe Kommune: ...").
_MUNICIPALITY_ANSWER = re.compile(r"[A-ZÆØÅ][\w ]* Kommune: ")


def _collapsed(text: str) -> str:
    return " ".join(text.split()).casefold()


def mentions(text: str, wanted: str) -> bool:
    """`wanted` in `text`, case and whitespace aside; a phone number also when grouped differently."""
    if re.fullmatch(r"[\d ]+", wanted):
        return wanted.replace(" ", "") in re.sub(r"(?<=\d) (?=\d)", "", text)
    return _collapsed(wanted) in _collapsed(text)


@dataclass(frozen=True)
class Expect:
    contains: tuple[tuple[str, ...], ...] = ()
    absent: tuple[str, ...] = ()
    sources: frozenset[str] | None = None
    flags: tuple[str, ...] = ()

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> Expect:
        unknown = set(raw) - {"contains", "absent", "sources", "flags"}
        flags = tuple(raw.get("flags", ()))
        if unknown or set(flags) - set(get_args(Flag)):
            raise ValueError(f"unknown expectation {sorted(unknown)} or flag in {flags}")
        return cls(
            contains=tuple((item,) if isinstance(item, str) else tuple(item) for item in raw.get("contains", ())),
            absent=tuple(raw.get("absent", ())),
            sources=frozenset(raw["sources"]) if "sources" in raw else None,
            flags=flags,
        )

    @property
    def factual(self) -> bool:
        """A question answered from a standard (not a booking, an emergency or something out of scope)."""
        return self.sources is not None and not {"emergency", "out_of_scope", "booking_code"} & set(self.flags)


@dataclass(frozen=True)
class Turn:
    user: str
    expect: Expect | None


@dataclass(frozen=True)
class Conversation:
    id: str
    category: str
    municipality: str
    topic: str
    turns: tuple[Turn, ...]

    @property
    def multi_turn(self) -> bool:
        return len(self.turns) > 1


def load(directory: Path = CONVERSATIONS) -> list[Conversation]:
    found: list[Conversation] = []
    for path in sorted(directory.glob("*.yml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]:
            turns = tuple(
                Turn(str(turn["user"]), Expect.parse(turn["expect"]) if "expect" in turn else None)
                for turn in raw["turns"]
            )
            found.append(Conversation(raw["id"], path.stem, raw["municipality"], raw["topic"], turns))
    ids = Counter(conversation.id for conversation in found)
    if duplicated := [i for i, n in ids.items() if n > 1]:
        raise ValueError(f"conversation ids used twice: {duplicated}")
    return found


@dataclass(frozen=True)
class Reply:
    """What the bot sent for one typed message: its texts joined, and the municipalities its sources name."""

    text: str
    sources: frozenset[str]
    unsourced_facts: int

    @classmethod
    def of(cls, body: dict[str, Any]) -> Reply:
        replies = body["replies"]
        municipalities = {s["municipality"] for r in replies for s in r.get("sources", []) if s.get("municipality")}
        return cls(
            text="\n".join(reply["text"] for reply in replies),
            sources=frozenset(municipalities),
            unsourced_facts=sum(1 for r in replies if _MUNICIPALITY_ANSWER.match(r["text"]) and not r.get("sources")),
        )

    @property
    def words(self) -> int:
        return len(self.text.split())


def judge(expect: Expect, reply: Reply) -> list[str]:
    """What is wrong with the reply; empty when it meets the expectation."""
    problems = [
        f"mangler {' / '.join(options)!r}"
        for options in expect.contains
        if not any(mentions(reply.text, option) for option in options)
    ]
    problems += [f"må ikke nævne {text!r}" for text in expect.absent if mentions(reply.text, text)]
    if expect.sources is not None and reply.sources != expect.sources:
        problems.append(f"kilder fra {sorted(reply.sources)}, ventede {sorted(expect.sources)}")
    problems += [f"er ikke et {flag}-svar" for flag in expect.flags if not FLAG_PATTERNS[flag].search(reply.text)]
    return problems


@dataclass
class TurnResult:
    turn: Turn
    reply: Reply
    problems: list[str]


@dataclass
class Result:
    conversation: Conversation
    turns: list[TurnResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(not turn.problems for turn in self.turns)


async def converse(http: httpx.AsyncClient, conversation: Conversation) -> Result:
    result = Result(conversation)
    session_id: str | None = None
    for turn in conversation.turns:
        response = await http.post("/api/chat", json={"message": turn.user, "session_id": session_id})
        if response.status_code != 200:
            reply = Reply(f"HTTP {response.status_code}: {response.text}", frozenset(), 0)
            result.turns.append(TurnResult(turn, reply, [f"HTTP {response.status_code}"]))
            break
        body = response.json()
        session_id = body["session_id"]
        reply = Reply.of(body)
        problems = judge(turn.expect, reply) if turn.expect else []
        result.turns.append(TurnResult(turn, reply, problems))
    return result


async def run_all(service_url: str, conversations: Iterable[Conversation]) -> list[Result]:
    """Several conversations at a time; those that book one at a time, since two that show the same free times
    would race for them (each then told the time was just taken, which is right, but not what is tested)."""
    limit = asyncio.Semaphore(CONCURRENCY)
    booking = asyncio.Lock()

    async def one(http: httpx.AsyncClient, conversation: Conversation) -> Result:
        books = any(turn.expect and "booking_code" in turn.expect.flags for turn in conversation.turns)
        async with limit:
            if not books:
                return await converse(http, conversation)
            async with booking:
                return await converse(http, conversation)

    async with httpx.AsyncClient(base_url=service_url, timeout=60) as http:
        return list(await asyncio.gather(*(one(http, c) for c in conversations)))


def pass_rate(results: list[Result]) -> float:
    return sum(result.passed for result in results) / len(results)


def factual_reply_words(results: list[Result]) -> list[int]:
    """The length of every reply to a question answered from a standard."""
    return [t.reply.words for r in results for t in r.turns if t.turn.expect and t.turn.expect.factual]


def report(results: list[Result]) -> str:
    by_category: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        by_category[result.conversation.category].append(result)
    multi = [r for r in results if r.conversation.multi_turn]
    lines = [
        f"Conversations: {sum(r.passed for r in results)}/{len(results)} passed ({pass_rate(results):.1%}); "
        f"multi-turn {sum(r.passed for r in multi)}/{len(multi)}",
    ]
    for category, found in sorted(by_category.items()):
        lines.append(f"  {category:<20} {sum(r.passed for r in found):>4}/{len(found):<4} {pass_rate(found):.1%}")
    words = sorted(factual_reply_words(results))
    if words:
        quartiles = statistics.quantiles(words, n=4)
        lines.append(
            f"Words per reply to a factual question ({len(words)}): median {statistics.median(words):.0f}, "
            f"quartiles {quartiles[0]:.0f}/{quartiles[2]:.0f}, 90th {statistics.quantiles(words, n=10)[-1]:.0f}, "
            f"max {words[-1]}"
        )
    unsourced = sum(t.reply.unsourced_facts for r in results for t in r.turns)
    lines.append(f"Replies naming a municipality's answer without sources: {unsourced}")
    lines.append("Failures:")
    for result in results:
        if result.passed:
            continue
        lines.append(f"- {result.conversation.id}")
        for turn in result.turns:
            lines.append(f"    > {turn.turn.user}")
            if turn.problems:
                lines.append(f"      ! {'; '.join(turn.problems)}")
                lines.append("      < " + turn.reply.text.replace("\n", "\n        "))
    return "\n".join(lines)


def main(folder: Path = CONVERSATIONS) -> int:
    from stack.config import StackConfig
    from stack.run import Stack

    conversations = load(folder)
    with tempfile.TemporaryDirectory() as var_dir, Stack(StackConfig.on_free_ports(Path(var_dir))) as stack:
        results = asyncio.run(run_all(stack.config.service_url, conversations))
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else CONVERSATIONS))
