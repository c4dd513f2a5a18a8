"""Which Danish spaCy pipeline Vejviser runs: `da_core_news_sm` when it is installed, else Vejviser's own,
`vejviser_da`: spaCy's Danish tokenizer, lookup lemmas (spacy-lookups-data), and the NER trained by `make ner`
(danish/ner/), committed in danish/build/ with its sha256 and scores.

Rasa's NLU (through `bot.components.DanishSpacyNLP`), the search and the privacy gateway all call
`resolve_pipeline()`, so they agree on the pipeline. Resolving does not import spaCy (importing it pulls in
TensorFlow); only assembling the own pipeline does, once, into var/spacy/. Run `python -m danish.pipeline`
(make spacy-model) to assemble it if needed and print the pipeline in use.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

PREFERRED_MODEL = "da_core_news_sm"
OWN_NAME = "vejviser_da"
BUILD = Path(__file__).resolve().parent / "build"
MANIFEST = BUILD / "build.json"
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "var" / "spacy" / OWN_NAME
Scores = dict[str, dict[str, dict[str, float]]]


class PipelineError(Exception):
    """The committed NER build cannot be used (its sha256 is not the recorded one)."""


@dataclass(frozen=True)
class DanishPipeline:
    """A Danish spaCy pipeline and where `spacy.load` finds it. `own`: Vejviser's, not `da_core_news_sm`."""

    name: str
    version: str
    location: str
    own: bool

    @property
    def fingerprint(self) -> str:
        return f"{self.name}-{self.version}"

    def describe(self) -> str:
        if self.own:
            return (
                f"{self.fingerprint} (Vejviser's own: spaCy's Danish tokenizer, lookup lemmas and an NER trained on "
                f"Universal NER Danish and chat-like sentences; {PREFERRED_MODEL} is not installed)"
            )
        return self.fingerprint

    def ner_scores(self) -> Scores:
        """The NER's precision, recall and F1 per label, by test set, as its build or package recorded them."""
        if self.own:
            meta = json.loads((Path(self.location) / "meta.json").read_text(encoding="utf-8"))
            return dict(meta.get("vejviser_scores", {}))
        return {"dev": _package_meta(self.location).get("performance", {}).get("ents_per_type", {})}


def _package_meta(package: str) -> dict[str, Any]:
    import importlib.resources

    meta = importlib.resources.files(package) / "meta.json"
    data: dict[str, Any] = json.loads(meta.read_text(encoding="utf-8")) if meta.is_file() else {}
    return data


@lru_cache(maxsize=1)
def manifest() -> dict[str, Any]:
    """danish/build/build.json: the committed NER archive's name, sha256 and scores."""
    data: dict[str, Any] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return data


def own_version() -> str:
    """The own pipeline's version: its NER build's sha256, shortened; a new build is a new version."""
    return str(manifest()["sha256"])[:12]


def resolve_pipeline(target: Path = DEFAULT_DIR) -> DanishPipeline:
    """The installed `da_core_news_sm`, else the own pipeline (assembled into `target` if missing or outdated)."""
    try:
        version = importlib.metadata.version(PREFERRED_MODEL)
    except importlib.metadata.PackageNotFoundError:
        if _built_version(target) != own_version():
            assemble(target)
        return DanishPipeline(OWN_NAME, own_version(), str(target), own=True)
    return DanishPipeline(PREFERRED_MODEL, version, PREFERRED_MODEL, own=False)


def _verified_archive(build: Path) -> Path:
    recorded = json.loads((build / MANIFEST.name).read_text(encoding="utf-8"))
    archive = build / str(recorded["archive"])
    found = hashlib.sha256(archive.read_bytes()).hexdigest()
    if found != recorded["sha256"]:
        raise PipelineError(f"{archive} has sha256 {found}, not the {recorded['sha256']} build.json records")
    return archive


def assemble(target: Path, build: Path = BUILD) -> None:
    """The own pipeline into `target`: the NER built in `build` (checked against its recorded sha256) and lookup
    lemmas. Built beside the target and moved into place, so a reader never sees a half-written pipeline.
    """
    import spacy

    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as staging:
        ner_dir = Path(staging) / "ner"
        with tarfile.open(_verified_archive(build)) as archive:
            archive.extractall(ner_dir, filter="data")
        nlp = spacy.load(ner_dir)
        lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"}, first=True)
        lemmatizer.initialize(lambda: [])  # only the lemmatizer: the NER keeps its trained weights
        nlp.meta.update(
            name=OWN_NAME,
            version=own_version(),
            description=DanishPipeline(OWN_NAME, own_version(), str(target), own=True).describe(),
            license="CC BY-SA 4.0",
            sources=[
                {"name": "Universal NER: UNER_Danish-DDT", "url": "https://github.com/UniversalNER/UNER_Danish-DDT"}
            ],
            vejviser_scores=manifest()["scores"],
        )
        built = Path(staging) / "pipeline"
        nlp.to_disk(built)
        shutil.rmtree(target, ignore_errors=True)
        built.rename(target)
    logger.info("Assembled the Danish spaCy pipeline in %s.", target)


def _built_version(directory: Path) -> str | None:
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return str(meta.get("version")) if meta.get("name") == OWN_NAME else None


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    print(f"Danish spaCy pipeline: {resolve_pipeline().describe()}")
