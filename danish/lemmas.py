"""Danish words and their lemmas: the lemmatiser the search uses, and whether a word is a Danish word form at all
(the lookup table of spacy-lookups-data), which the privacy gateway asks of a word that might be a name."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from danish.patterns import fold

if TYPE_CHECKING:
    from spacy.language import Language

Lemmatiser = Callable[[str], list[str]]


def lemmatiser(nlp: Language, kept: frozenset[str] = frozenset()) -> Lemmatiser:
    """The lemmas of a text's words and numbers, lower case, without one-letter words and stop words (but those in
    `kept`, typed without æ/ø/å)."""

    # Names and places play no part in the lemmas: the NER need not run, nor a tok2vec only the NER listens to.
    skipped = [name for name in ("ner",) if name in nlp.pipe_names]
    listeners = {name: set(getattr(pipe, "listening_components", None) or ()) for name, pipe in nlp.pipeline}
    skipped += [name for name, listening in listeners.items() if listening and listening <= set(skipped)]

    def lemmatise(text: str) -> list[str]:
        # In lower case: a lookup table holds the lower-case forms, so "Adressen" opening a sentence would stay
        # "adressen" while "adressen" in a question is "adresse".
        return [
            (token.lemma_ or token.text).lower()
            for token in nlp(text.lower(), disable=skipped)
            if (token.is_alpha or token.like_num)
            and not (token.is_stop and fold(token.lower_) not in kept)
            and len(token.text) > 1
        ]

    return lemmatise


def folded_stop_words() -> frozenset[str]:
    """spaCy's Danish stop words as people type them without æ/ø/å ("paa", "faa")."""
    from spacy.lang.da.stop_words import STOP_WORDS

    return frozenset(fold(word) for word in STOP_WORDS)


def is_danish_word(nlp: Language | None = None) -> Callable[[str], bool]:
    """Whether a word is a Danish word form: in the lookup lemmatiser's table (spacy-lookups-data), the pipeline's
    own where it has one. The table holds hashes, not strings, so it costs little memory."""
    from spacy.lookups import Table, load_lookups
    from spacy.pipeline import Lemmatizer

    lemmatizer = nlp.get_pipe("lemmatizer") if nlp is not None and "lemmatizer" in nlp.pipe_names else None
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.lookups.has_table("lemma_lookup"):
        table: Table = lemmatizer.lookups.get_table("lemma_lookup")
    else:
        table = load_lookups("da", ["lemma_lookup"]).get_table("lemma_lookup")

    def is_word(word: str) -> bool:
        return word in table or word.lower() in table

    return is_word
