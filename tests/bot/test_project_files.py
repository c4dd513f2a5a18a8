"""Conventions of the Rasa project: Danish config, one topic name across all folders, sentence names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.evaluate import intent_examples, plain
from knowledge.load import knowledge_base
from knowledge.text import numbers
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
TOPIC_FOLDERS = [
    ROOT / "data" / "nlu",
    ROOT / "data" / "stories",
    ROOT / "data" / "rules",
    ROOT / "bot" / "domain",
]


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_config_is_danish_with_a_real_assistant_id() -> None:
    config = _yaml(ROOT / "bot" / "config.yml")
    assert config["language"] == "da"
    assert config["assistant_id"] == "vejviser-stofmisbrug-da"


def test_every_folder_has_the_same_topics() -> None:
    topics = [{path.stem for path in folder.glob("*.yml")} for folder in TOPIC_FOLDERS]
    assert topics[0], "no topics"
    assert all(found == topics[0] for found in topics), dict(zip(map(str, TOPIC_FOLDERS), topics, strict=True))


@pytest.mark.parametrize(("folder", "key", "kind"), [("rules", "rules", "rule"), ("stories", "stories", "story")])
def test_rules_and_stories_are_named_as_sentences(folder: str, key: str, kind: str) -> None:
    for path in (ROOT / "data" / folder).glob("*.yml"):
        for entry in _yaml(path)[key]:
            name = entry[kind]
            assert name[0].isupper(), (path.name, name)
            assert len(name.split()) >= 4, (path.name, name)


def test_the_service_deletes_the_keys_rasa_writes() -> None:
    endpoints = _yaml(ROOT / "bot" / "endpoints.yml")
    prefix = Settings.__fields__["tracker_key_prefix"].default
    assert endpoints["tracker_store"]["key_prefix"] == prefix
    assert endpoints["lock_store"]["key_prefix"] == prefix


def test_conversations_expire() -> None:
    assert _yaml(ROOT / "bot" / "endpoints.yml")["tracker_store"]["record_exp"] == "${TRACKER_EXPIRY_SECONDS}"


def test_the_emergency_fallback_gives_the_national_facts_numbers() -> None:
    """The one place numbers live outside knowledge/: for when the knowledge base cannot be read."""
    fallback = _yaml(ROOT / "bot" / "domain" / "akut.yml")["responses"]["utter_emergency_fallback"][0]["text"]
    national = knowledge_base().national
    expected = numbers(national["national-akut-112"].answer) | numbers(national["national-akut-livslinien"].answer)
    assert numbers(fallback) == expected == {"112", "70201201"}


TRAINING = intent_examples(ROOT / "data" / "nlu")
HELD_OUT = intent_examples(ROOT / "tests" / "nlu")


def test_every_intent_has_enough_training_and_held_out_examples() -> None:
    assert set(TRAINING) == set(HELD_OUT)
    assert {intent: len(found) for intent, found in TRAINING.items() if len(found) < 25} == {}
    assert {intent: len(found) for intent, found in HELD_OUT.items() if len(found) < 10} == {}


def test_the_held_out_set_shares_no_example_with_the_training_data() -> None:
    training = {plain(example) for examples in TRAINING.values() for example in examples}
    shared = sorted({plain(e) for examples in HELD_OUT.values() for e in examples} & training)
    assert shared == []


def _age_pattern() -> re.Pattern[str]:
    nlu = _yaml(ROOT / "data" / "nlu" / "kommune.yml")["nlu"]
    (entry,) = [item for item in nlu if item.get("regex") == "age"]
    return re.compile(entry["examples"].strip().removeprefix("- "), re.IGNORECASE)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("min datter på 15 ryger hash", "15"),
        ("min datter paa 15 ryger hash", "15"),
        ("min datter pa 15 ryger hash", "15"),
        ("en dreng paa 17", "17"),
        ("hun er 19 og bor i faxe", "19"),
        ("lige fyldt 18", "18"),
        ("jeg har røget i 10 år", None),
        ("det stoppede for 3 år siden", None),
        ("ventetiden paa 14 dage", None),
    ],
)
def test_the_age_pattern_reads_an_age_however_å_is_typed_and_never_a_duration(text: str, age: str | None) -> None:
    found = _age_pattern().search(text)
    assert (found.group(0) if found else None) == age
