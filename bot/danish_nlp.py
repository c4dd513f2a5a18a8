"""Which Danish spaCy pipeline Vejviser runs: `da_core_news_sm` when installed, else an offline fallback.

Rasa's NLU (through `bot.components.DanishSpacyNLP`) and the service both call `resolve_pipeline()`, so
they agree on the pipeline. Resolving does not import spaCy (importing it pulls in TensorFlow); only
building the fallback does.

Run `python -m bot.danish_nlp` to build the fallback if needed and print the pipeline in use.
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

PREFERRED_MODEL = "da_core_news_sm"
FALLBACK_NAME = "vejviser_da_fallback"
# Bump when the fallback recipe changes, so existing builds are replaced.
FALLBACK_VERSION = "1.0.0"
DEFAULT_FALLBACK_DIR = Path(__file__).resolve().parent.parent / "var" / "spacy" / FALLBACK_NAME


@dataclass(frozen=True)
class DanishPipeline:
    """A Danish spaCy pipeline and where `spacy.load` finds it."""

    name: str
    version: str
    location: str
    fallback: bool

    @property
    def fingerprint(self) -> str:
        return f"{self.name}-{self.version}"

    def describe(self) -> str:
        if self.fallback:
            return (
                f"{self.fingerprint} (offline fallback: blank 'da' with lookup lemmas; "
                f"{PREFERRED_MODEL} is not installed)"
            )
        return self.fingerprint


def resolve_pipeline(fallback_dir: Path = DEFAULT_FALLBACK_DIR) -> DanishPipeline:
    """Return the installed `da_core_news_sm`, else the fallback (built into `fallback_dir` if missing)."""
    try:
        version = importlib.metadata.version(PREFERRED_MODEL)
    except importlib.metadata.PackageNotFoundError:
        if _built_version(fallback_dir) != FALLBACK_VERSION:
            build_fallback(fallback_dir)
        return DanishPipeline(FALLBACK_NAME, FALLBACK_VERSION, str(fallback_dir), fallback=True)
    return DanishPipeline(PREFERRED_MODEL, version, PREFERRED_MODEL, fallback=False)


def build_fallback(target: Path) -> None:
    """Build blank Danish with the lookup lemmatiser (tables from spacy-lookups-data) into `target`.

    Built beside the target and moved into place, so a reader never sees a half-written pipeline.
    """
    import spacy

    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.meta.update(
        name=FALLBACK_NAME,
        version=FALLBACK_VERSION,
        description="Vejviser's offline Danish pipeline: spaCy's Danish tokenizer and lookup lemmas.",
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as staging:
        built = Path(staging) / "pipeline"
        nlp.to_disk(built)
        shutil.rmtree(target, ignore_errors=True)
        built.rename(target)
    logger.info("Built the offline Danish spaCy pipeline in %s.", target)


def _built_version(directory: Path) -> str | None:
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return str(meta.get("version")) if meta.get("name") == FALLBACK_NAME else None


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    print(f"Danish spaCy pipeline: {resolve_pipeline().describe()}")
