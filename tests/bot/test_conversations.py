"""The conversation test set (tests/conversations/) and how its replies are judged.

The set runs end to end in tests/e2e/test_conversations.py; here: that it is what the issue asked for, shares no
message with the training data, and that the judge reads the bot's real texts the way the writers meant.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from bot.conversations import FLAG_PATTERNS, FLOOR_FILE, Expect, Reply, judge, load, mentions
from bot.evaluate import intent_examples, plain
from knowledge.load import knowledge_base

ROOT = Path(__file__).resolve().parents[2]
SET = load()
KB = knowledge_base()


def _response(file: str, name: str) -> str:
    domain = yaml.safe_load((ROOT / "bot" / "domain" / file).read_text(encoding="utf-8"))
    text: str = domain["responses"][name][0]["text"]
    return text


def test_the_set_has_enough_conversations_and_enough_of_them_go_on() -> None:
    assert len(SET) >= 250
    assert sum(conversation.multi_turn for conversation in SET) >= 100


def test_every_expectation_names_a_municipality_vejviser_covers() -> None:
    named = {m for c in SET for t in c.turns if t.expect and t.expect.sources for m in t.expect.sources}
    assert named <= set(KB.standards)


def test_no_message_of_three_words_or_more_is_also_a_training_example() -> None:
    """Short answers ("ja", "faxe", "den første") are the same in any set; a question written twice is not."""
    training = {plain(example) for examples in intent_examples(ROOT / "data" / "nlu").values() for example in examples}
    typed = {plain(turn.user) for conversation in SET for turn in conversation.turns}
    assert sorted(text for text in typed & training if len(text.split()) >= 3) == []


@pytest.mark.parametrize(
    ("text", "wanted", "found"),
    [
        ("Ring på 56 20 27 20.", "5620 2720", True),
        ("Ring på 5620 2720.", "56 20 27 20", True),
        ("Ring på 5620 2721.", "5620 2720", False),
        ("Det er   GRATIS for dig.", "gratis", True),
        ("Adressen er Præstøvej 78.", "præstøvej  78", True),
        ("Adressen er Præstøvej 7.", "Præstøvej 78", False),
    ],
)
def test_a_fact_is_found_in_any_case_spacing_and_grouping_of_digits(text: str, wanted: str, found: bool) -> None:
    assert mentions(text, wanted) is found


def _reply(text: str, *municipalities: str) -> Reply:
    return Reply(text, frozenset(municipalities), 0)


@pytest.mark.parametrize(
    ("expect", "reply", "problems"),
    [
        (Expect(contains=(("gratis", "koster ikke"),)), _reply("Det koster ikke noget."), 0),
        (Expect(contains=(("gratis",), ("14 dage",))), _reply("Det er gratis."), 1),
        (Expect(absent=("5620 2720",)), _reply("Ring på 56 20 27 20."), 1),
        (Expect(sources=frozenset({"faxe"})), _reply("Faxe Kommune: ...", "faxe"), 0),
        (Expect(sources=frozenset({"faxe"})), _reply("Faxe og Odsherred", "faxe", "odsherred"), 1),
        (Expect(sources=frozenset({"faxe"})), _reply("Hvilken kommune bor du i?"), 1),
        (Expect(flags=("emergency",)), _reply("Ring 112 nu."), 0),
        (Expect(flags=("booking_code",)), _reply("Din kode er K7M-4QX-P9R."), 0),
        (Expect(flags=("booking_code",)), _reply("Vælg en tid."), 1),
    ],
)
def test_the_judge_names_each_unmet_expectation(expect: Expect, reply: Reply, problems: int) -> None:
    assert len(judge(expect, reply)) == problems


@pytest.mark.parametrize(
    ("flag", "text"),
    [
        ("out_of_scope", _response("samtale.yml", "utter_out_of_scope")),
        ("not_covered", _response("kommune.yml", "utter_other_municipality")),
        *[("not_stated", entry.answer) for entry in KB.not_stated.values()],
        *[("not_stated", entry.answer_en) for entry in KB.not_stated.values() if entry.answer_en],
    ],
)
def test_the_bots_own_texts_are_read_as_the_kind_of_answer_they_are(flag: str, text: str) -> None:
    assert FLAG_PATTERNS[flag].search(text)


@pytest.mark.parametrize("flag", ["out_of_scope", "not_covered"])
def test_an_answer_with_facts_is_not_read_as_a_refusal(flag: str) -> None:
    facts = [fact.answer for facts in KB.facts.values() for fact in facts]
    assert [text for text in facts if FLAG_PATTERNS[flag].search(text)] == []


def _committed_floors() -> list[float]:
    path = FLOOR_FILE.relative_to(ROOT).as_posix()
    log = subprocess.run(
        ["git", "log", "--reverse", "--format=%H", "--", path], cwd=ROOT, capture_output=True, text=True, check=True
    )
    shown = (
        subprocess.run(["git", "show", f"{commit}:{path}"], cwd=ROOT, capture_output=True, text=True, check=True)
        for commit in log.stdout.split()
    )
    return [float(completed.stdout) for completed in shown]


def test_the_floor_of_the_pass_rate_only_ever_goes_up() -> None:
    floors = [*_committed_floors(), float(FLOOR_FILE.read_text(encoding="utf-8"))]
    assert floors == sorted(floors)
