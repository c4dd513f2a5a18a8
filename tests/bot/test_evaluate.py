"""The trained model against the held-out NLU set and the test stories (runs `rasa test`)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.evaluate import (
    FLOOR_INTENT_ACCURACY,
    TARGET_MUNICIPALITY_F1,
    NluResult,
    evaluate_nlu,
    evaluate_stories,
)

pytestmark = pytest.mark.model


@dataclass(frozen=True)
class Runs:
    nlu: Future[NluResult]
    stories: Future[subprocess.CompletedProcess[str]]
    stories_out: Path


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    """Both `rasa test` runs at once: each spends most of its time loading Rasa and the model, on one core."""
    stories_out = tmp_path_factory.mktemp("core")
    with ThreadPoolExecutor(max_workers=2) as pool:
        nlu = pool.submit(evaluate_nlu, tmp_path_factory.mktemp("nlu"))
        yield Runs(nlu, pool.submit(evaluate_stories, stories_out), stories_out)


def test_held_out_intent_accuracy_holds_its_floor_and_municipality_f1_meets_the_target(runs: Runs) -> None:
    result = runs.nlu.result()
    assert result.intent_count >= 340
    assert result.intent_accuracy >= FLOOR_INTENT_ACCURACY, result.confusions
    assert result.entity_f1["municipality"] >= TARGET_MUNICIPALITY_F1


def test_every_test_story_is_predicted(runs: Runs) -> None:
    completed = runs.stories.result()
    failed = runs.stories_out / "failed_test_stories.yml"
    assert completed.returncode == 0, (completed.stdout[-4000:], failed.read_text())
