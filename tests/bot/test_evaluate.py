"""The trained model against the held-out NLU set and the test stories (runs `rasa test`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluate import (
    FLOOR_INTENT_ACCURACY,
    TARGET_MUNICIPALITY_F1,
    evaluate_nlu,
    evaluate_stories,
)

pytestmark = pytest.mark.model


def test_held_out_intent_accuracy_holds_its_floor_and_municipality_f1_meets_the_target(tmp_path: Path) -> None:
    result = evaluate_nlu(tmp_path)
    assert result.intent_count >= 340
    assert result.intent_accuracy >= FLOOR_INTENT_ACCURACY, result.confusions
    assert result.entity_f1["municipality"] >= TARGET_MUNICIPALITY_F1


def test_every_test_story_is_predicted(tmp_path: Path) -> None:
    completed = evaluate_stories(tmp_path)
    assert completed.returncode == 0, (completed.stdout[-4000:], (tmp_path / "failed_test_stories.yml").read_text())
