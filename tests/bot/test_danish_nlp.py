from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from bot.danish_nlp import FALLBACK_NAME, FALLBACK_VERSION, PREFERRED_MODEL, build_fallback, resolve_pipeline

MODEL_INSTALLED = importlib.util.find_spec(PREFERRED_MODEL) is not None
NEEDS_MODEL = pytest.mark.skipif(
    not MODEL_INSTALLED,
    reason=f"{PREFERRED_MODEL} is not installed: it is published only as a GitHub release asset, which "
    "this machine cannot reach (`make spacy-model` tries it). The offline fallback is tested instead.",
)
NEEDS_NO_MODEL = pytest.mark.skipif(MODEL_INSTALLED, reason=f"{PREFERRED_MODEL} is installed, so it is used")


@pytest.fixture(scope="module")
def fallback_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("spacy") / FALLBACK_NAME
    build_fallback(target)
    return target


@pytest.fixture(scope="module")
def fallback_nlp(fallback_dir: Path) -> Language:
    return spacy.load(fallback_dir)


@pytest.mark.parametrize(
    ("text", "lemmas"),
    [
        ("behandlingen", ["behandling"]),
        ("børn", ["barn"]),
        ("bor", ["bo"]),
        ("kommunen", ["kommune"]),
        ("min søn tager hash", ["min", "søn", "tage", "hash"]),
    ],
)
def test_the_offline_fallback_lemmatises_danish(fallback_nlp: Language, text: str, lemmas: list[str]) -> None:
    assert fallback_nlp.lang == "da"
    assert [token.lemma_ for token in fallback_nlp(text)] == lemmas


def test_the_fallback_names_itself(fallback_dir: Path) -> None:
    meta = json.loads((fallback_dir / "meta.json").read_text(encoding="utf-8"))
    assert (meta["lang"], meta["name"], meta["version"]) == ("da", FALLBACK_NAME, FALLBACK_VERSION)


@NEEDS_NO_MODEL
def test_without_the_model_the_fallback_is_built_once_and_used(tmp_path: Path) -> None:
    target = tmp_path / "fallback"
    pipeline = resolve_pipeline(target)
    assert (pipeline.name, pipeline.fallback, pipeline.location) == (FALLBACK_NAME, True, str(target))
    assert PREFERRED_MODEL in pipeline.describe()
    built = (target / "meta.json").stat().st_mtime_ns
    assert resolve_pipeline(target) == pipeline
    assert (target / "meta.json").stat().st_mtime_ns == built


@NEEDS_NO_MODEL
def test_an_outdated_fallback_is_rebuilt(tmp_path: Path) -> None:
    target = tmp_path / "fallback"
    target.mkdir()
    (target / "meta.json").write_text(json.dumps({"name": FALLBACK_NAME, "version": "0.0.1"}), encoding="utf-8")
    resolve_pipeline(target)
    assert json.loads((target / "meta.json").read_text(encoding="utf-8"))["version"] == FALLBACK_VERSION


@NEEDS_MODEL
def test_da_core_news_sm_is_used_when_installed(tmp_path: Path) -> None:
    pipeline = resolve_pipeline(tmp_path / "unused")
    assert (pipeline.name, pipeline.fallback) == (PREFERRED_MODEL, False)
    assert not (tmp_path / "unused").exists()
    nlp = spacy.load(pipeline.location)
    assert nlp.lang == "da"
    assert "ner" in nlp.pipe_names
    assert [token.lemma_ for token in nlp("børnene")] == ["barn"]
