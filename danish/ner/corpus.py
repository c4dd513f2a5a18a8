"""The Universal NER annotations of the Danish Dependency Treebank (danish/data/uner_danish_ddt/) as spaCy Docs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

UNER = Path(__file__).resolve().parent.parent / "data" / "uner_danish_ddt"
SPLITS = ("train", "dev", "test")


def sentences(split: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """(text, tokens, IOB2 tags) of each sentence of a split: `index<TAB>token<TAB>tag<TAB>...` lines, a blank line
    between sentences, each led by its `# text = ...` comment."""
    text, words, tags = "", [], []
    for line in (UNER / f"da_ddt-ud-{split}.iob2").read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line.removeprefix("# text = ")
        elif line.startswith("#"):
            continue
        elif line.strip():
            columns = line.split("\t")
            words.append(columns[1])
            tags.append(columns[2])
        elif words:
            yield text, words, tags
            words, tags = [], []
    if words:
        yield text, words, tags


def doc(vocab: Vocab, text: str, words: list[str], tags: list[str], lower: bool = False) -> Doc:
    """The sentence with its entities; the spaces between tokens come from its text."""
    spaces, position = [], 0
    for word in words:
        start = text.find(word, position)
        end = (start if start >= 0 else position) + len(word)
        position = end
        spaces.append(text[end : end + 1] == " ")
    if lower:
        words = [word.lower() for word in words]
    return Doc(vocab, words=words, spaces=spaces, ents=tags)


def docs(vocab: Vocab, split: str, lower: bool = False) -> list[Doc]:
    return [doc(vocab, *sentence, lower=lower) for sentence in sentences(split)]
