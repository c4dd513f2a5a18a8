"""Train Vejviser's Danish NER and build it into danish/build/ (make ner).

Train: the UNER train split and chat-like sentences (danish/ner/chat.py); half the examples are lower-cased at random
while training, since people write names in lower case. Names are a feature: every first name and surname of
danish/names.py (but those that are everyday words) gets its own norm, so a name the model has not seen still looks
like a name, in either case. The best model on the dev split (as written and lower-cased, and chat-like dev
sentences) is scored on the test split and packed as danish/build/vejviser_da_ner.tar.gz with its sha256 and scores
in danish/build/build.json, which setup checks before it assembles the pipeline (danish/pipeline.py).
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import io
import json
import logging
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy
from spacy.about import __version__ as spacy_version
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.scorer import Scorer
from spacy.tokens import Doc, DocBin
from spacy.training import Example  # type: ignore[attr-defined]  # exported, but not marked so
from spacy.util import registry

from danish.names import first_names, name_words, surnames
from danish.ner import chat, corpus

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "config.cfg"
BUILD = HERE.parent / "build"
ARCHIVE = BUILD / "vejviser_da_ner.tar.gz"
MANIFEST = BUILD / "build.json"
CHAT_TRAIN, CHAT_DEV, CHAT_TEST = (3000, 1), (300, 2), (300, 3)  # (sentences, seed)
NORMS = {"fornavn": first_names, "efternavn": surnames}

logger = logging.getLogger(__name__)


@registry.callbacks("vejviser.name_norms")  # type: ignore[untyped-decorator]
def name_norms() -> Callable[[Language], Language]:
    """Before training: the Danish norm table, with every listed name normed as a first name or surname."""

    def add(nlp: Language) -> Language:
        import spacy_lookups_data

        path = Path(spacy_lookups_data.__file__).parent / "data" / "da_lexeme_norm.json.gz"
        table: dict[str, str] = json.loads(gzip.decompress(path.read_bytes()))
        for norm, names in NORMS.items():
            for name in names() - name_words():
                for form in (name, name.title(), name.upper()):
                    table[form] = norm
        lookups = Lookups()
        lookups.add_table("lexeme_norm", table)
        nlp.vocab.lookups = lookups
        return nlp

    return add


def _write(docs: list[Doc], path: Path) -> Path:
    DocBin(docs=docs).to_disk(path)
    return path


def scores(nlp: Language, docs: list[Doc]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 per label of the pipeline's entities against the gold ones."""
    examples = [
        Example(nlp(Doc(nlp.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold])), gold)
        for gold in docs
    ]
    per_type: dict[str, dict[str, float]] = Scorer.score_spans(examples, "ents")["ents_per_type"]
    return {label: {key: round(value, 3) for key, value in found.items()} for label, found in sorted(per_type.items())}


def _deterministic_tar(source: Path, target: Path) -> None:
    """The model folder as tar.gz with no timestamps or owners, so the same model gives the same sha256."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for path in sorted(source.rglob("*")):
            info = tar.gettarinfo(str(path), arcname=str(path.relative_to(source)))
            info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
            with path.open("rb") if path.is_file() else io.BytesIO() as content:
                tar.addfile(info, content if path.is_file() else None)
    target.write_bytes(gzip.compress(buffer.getvalue(), mtime=0))


def train(workdir: Path) -> dict[str, Any]:
    from spacy.cli.train import train as spacy_train

    vocab = spacy.blank("da").vocab
    paths = {
        "paths.train": str(
            _write(corpus.docs(vocab, "train") + chat.docs(vocab, *CHAT_TRAIN), workdir / "train.spacy")
        ),
        "paths.dev": str(
            _write(
                corpus.docs(vocab, "dev") + corpus.docs(vocab, "dev", lower=True) + chat.docs(vocab, *CHAT_DEV),
                workdir / "dev.spacy",
            )
        ),
    }
    started = time.monotonic()
    spacy_train(CONFIG, workdir / "out", overrides=paths)
    seconds = time.monotonic() - started
    best = workdir / "out" / "model-best"
    nlp = spacy.load(best)
    measured = {
        "uner_test_as_written": scores(nlp, corpus.docs(nlp.vocab, "test")),
        "uner_test_lower_case": scores(nlp, corpus.docs(nlp.vocab, "test", lower=True)),
        "chat_test": scores(nlp, chat.docs(nlp.vocab, *CHAT_TEST)),
    }
    BUILD.mkdir(exist_ok=True)
    _deterministic_tar(best, ARCHIVE)
    manifest = {
        "archive": ARCHIVE.name,
        "sha256": hashlib.sha256(ARCHIVE.read_bytes()).hexdigest(),
        "built": datetime.date.today().isoformat(),
        "spacy": spacy_version,
        "training_seconds": round(seconds),
        "scores": measured,
    }
    MANIFEST.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory() as workdir:
        manifest = train(Path(workdir))
    print(json.dumps(manifest["scores"], indent=2, ensure_ascii=False))
    print(f"Built {ARCHIVE} in {manifest['training_seconds']} s (sha256 {manifest['sha256']}).")


if __name__ == "__main__":
    main()
