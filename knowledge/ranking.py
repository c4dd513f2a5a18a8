"""Which facts answer a question: a municipality's facts, and what its standard does not say, ranked by how well
they match what was asked.

A fact is found by its answer, its quotes, its keywords and its topic's label: Danish lemmas with æ/ø/å folded;
how much of what was asked a fact has (each word weighed by its rarity, BM25's saturation and length), and
character n-grams (parts of compounds). A question's words bring their synonyms (knowledge/synonyms.yml) and the
words they misspell, English words the Danish words they stand for. Beside the words, the classifier's
confidence in each topic (less for a fact that matches none of the words, when another matches them well), the
topic of the answer just before, the question just before (for a follow-up such as "hvornår præcis?"), the
audience and the age of the person it is about (a fact for that age over one for all) weigh in, and that the
person lives in a municipality outside the standards. A question that asks where prefers a
fact that gives an address; a short one ("hvor ligger det?"), the facts of the answer just before. Place names
weigh nothing: they say which municipality, not what is asked.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer

from danish.lemmas import Lemmatiser, folded_stop_words
from danish.patterns import fold
from danish.places import misspelt
from knowledge.base import Fact, KnowledgeBase, NotStated
from knowledge.files import SynonymsFile, read_file

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yml")
# The weights of a score, tuned on the development conversations (tests/conversations_dev/).
WORDS = 0.7  # of the similarity: the words; the rest is character n-grams (parts of compounds, typos)
K1 = 1.2  # BM25: how fast more of a word stops counting
B = 0.5  # BM25: how much a long entry is discounted
BROUGHT = 0.8  # a synonym's match, against the word's own
INFORMATIVE = 3.0  # the rarity (idf) a question needs to be matched fully: about one word that few facts have
CONTEXT = 0.35  # the question before, beside the question itself (1)
TOPIC = 0.35  # the classifier's confidence in the entry's topic
# When the question's words match some entry this well, they say what is asked: the topic counts fully only for
# the entries that match them at least `MATCHED`, and down to `UNMATCHED_TOPIC` for those that match none of them.
STRONG = 0.2
MATCHED = 0.1
UNMATCHED_TOPIC = 0.5
PREVIOUS = 0.1  # the entry is on the topic answered just before
AUDIENCE = 0.08  # written for the asker's audience (plus), or for another specific one (minus)
AGE = 0.08  # written for the age range of the person it is about, rather than for every age
ELSEWHERE = 0.3  # for people from another municipality, or naming the one the person lives in, when they do
PLACE = 0.08  # gives an address, to a question that asks where
REFERENT = 0.4  # said last in the answer just before, to a follow-up that asks where it is ("hvor ligger det")
CUE = 0.8  # a phrasing that asks about a topic (synonyms.yml `cues`) counts as the classifier this sure of it
SHORT = 2  # a question of this many words or fewer is a follow-up: the topic before counts twice
_WORD = re.compile(r"[a-zæøå]+")
# A question that asks where ("hvor skal jeg gå hen", "hvad er adressen"), not how many, how long or how old (folded).
_ASKS_WHERE = re.compile(
    r"\b(?:hvor(?! (?:mange|meget|lang|laenge|tit|ofte|gammel|stor|hurtigt|godt|slemt)\b)|adresse\w*|where)\b"
)
# An address: a street and its number, or a postcode and town.
_ADDRESS = re.compile(r"\b[A-ZÆØÅ][a-zæøå]+(?:vej|gade|allé|plads|torv|stræde) \d+|\b\d{4} [A-ZÆØÅ]")
# A fact for people who live in another municipality (folded: no æ/ø/å).
_FOR_OUTSIDERS = re.compile(r"\b(anden kommune|andre kommuner|egen kommune|bor ikke her|udenbys|hjemkommune)\b")
# Words that are common in English and not Danish words: a message with enough of them is written in English.
ENGLISH_MARKERS = frozenset(
    "the is it i i'm im do does can my how what where who when why to for an and of on with you your me have get "
    "much are am there any this that be if will should about need help would want they their please free call "
    "live living drug drugs treatment we our us in from".split()
)
ENGLISH_SHARE = 0.3


def definite(term: str) -> str:
    """A compound the lemmatiser does not know, as its base form: "ungecentret"/"ungecenteret" is "ungecenter"."""
    if term.endswith("eret") and len(term) > 6:
        return term[:-2]
    if term.endswith("tret") and len(term) > 6:
        return term[:-3] + "er"
    return term


@dataclass(frozen=True)
class Synonyms:
    groups: tuple[frozenset[str], ...]
    english: Mapping[str, tuple[str, ...]]
    filler: frozenset[str] = frozenset()
    # Stop words that say what is asked here ("hvor tit", "uden navn", "tidligere behandling").
    meaningful: frozenset[str] = frozenset()
    # Phrasings that ask about a topic in words the ranking drops ("hvor kan jeg gå hen" asks whom to contact).
    cues: Mapping[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)


@lru_cache(maxsize=4)
def load_synonyms(path: Path = SYNONYMS_FILE) -> Synonyms:
    entry: SynonymsFile = read_file(SynonymsFile, path)
    return Synonyms(
        tuple(frozenset(fold(word) for word in group) for group in entry.danish),
        {fold(word): tuple(fold(danish) for danish in words) for word, words in entry.english.items()},
        frozenset(fold(word) for word in entry.filler),
        frozenset(fold(word) for word in entry.meaningful),
        {topic: tuple(re.compile(pattern) for pattern in patterns) for topic, patterns in entry.cues.items()},
    )


def asks_where(text: str) -> bool:
    return _ASKS_WHERE.search(fold(text)) is not None


def looks_english(text: str) -> bool:
    words = _WORD.findall(text.lower())
    markers = sum(word in ENGLISH_MARKERS for word in words)
    return markers >= 2 and markers >= ENGLISH_SHARE * len(words)


@dataclass(frozen=True)
class Question:
    """What was asked, and what the conversation knows besides."""

    text: str
    # The question before, for a follow-up that names only what is new.
    context: str = ""
    # The classifier's confidence per topic id.
    topics: Mapping[str, float] = field(default_factory=dict)
    previous_topic: str | None = None
    audience: str | None = None
    age: int | None = None
    english: bool = False
    # The municipality outside the standards the person lives in ("jeg bor i Aalborg"), if they said so.
    lives_elsewhere: str | None = None
    # The facts the answer just before showed, in order: what "hvor ligger det?" asks about, the last one most.
    previous_facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """A fact, or a standard's silence on a topic (`silent`), as something a question can match."""

    municipality: str
    topic: str
    fact: Fact | None = None
    silent: NotStated | None = None

    @property
    def audience(self) -> str:
        return self.fact.audience if self.fact else "alle"

    def applies_to(self, age: int | None) -> bool:
        return age is None or self.fact is None or self.fact.applies_to(age)

    # Read on every ranking that asks where, or for someone from elsewhere: worked out once per entry.
    @cached_property
    def gives_address(self) -> bool:
        return self.fact is not None and _ADDRESS.search(self.fact.answer) is not None

    @cached_property
    def _folded(self) -> str:
        return fold(f"{self.fact.answer} {' '.join(self.fact.keywords)}") if self.fact else ""

    @cached_property
    def _for_outsiders(self) -> bool:
        return bool(_FOR_OUTSIDERS.search(self._folded))

    def for_outsider(self, lives_in: str) -> bool:
        """Written for people from another municipality, or names the one the person lives in."""
        if self.fact is None:
            return False
        named = bool(lives_in) and re.search(rf"\b{re.escape(fold(lives_in))}\b", self._folded) is not None
        return named or self._for_outsiders


@dataclass(frozen=True)
class Ranked:
    entry: Entry
    score: float
    # How well the question's own words match (0 to 1), without context, topic, audience.
    words: float


class FactIndex:
    """Every municipality's entries, indexed once; `rank` scores one municipality's, or all of them."""

    def __init__(
        self,
        kb: KnowledgeBase,
        lemmatise: Lemmatiser,
        synonyms: Synonyms,
        ignored: Iterable[str] = (),
        is_word: Callable[[str], bool] = lambda word: False,
    ) -> None:
        self._lemmatise = lemmatise
        self._is_word = is_word
        self._ignored = {fold(word) for name in ignored for word in name.split()}
        self._synonyms: dict[str, set[str]] = {}
        for group in synonyms.groups:
            lemmas = {lemma for word in group for lemma in (word, *map(fold, lemmatise(word)))}
            for lemma in lemmas:
                self._synonyms.setdefault(lemma, set()).update(lemmas - {lemma})
        self._english = synonyms.english
        unknown = set(synonyms.cues) - set(kb.topics)
        if unknown:
            raise ValueError(f"synonyms.yml: cues for unknown topics {sorted(unknown)}")
        self._cues = synonyms.cues
        self._filler = {lemma for word in synonyms.filler for lemma in (word, *map(fold, lemmatise(word)))}
        # Words that say nothing of what is asked: stop words (also typed without æ/ø/å), where, who, how old.
        self._empty = (folded_stop_words() - synonyms.meaningful) | self._filler
        self.entries = [Entry(m, fact.topic, fact=fact) for m in kb.standards for fact in kb.facts[m]] + [
            Entry(m, topic, silent=silent) for (m, topic), silent in kb.not_stated.items()
        ]
        labels = {topic.id: topic.label for topic in kb.topics.values()}
        documents = [self._terms(self._text(entry, labels[entry.topic])) for entry in self.entries]
        counts = [Counter(terms) for terms in documents]
        lengths = [len(terms) for terms in documents]
        average = sum(lengths) / max(len(lengths), 1)
        frequency = Counter(term for found in counts for term in found)
        n = len(self.entries)
        self._idf = {term: math.log(1 + (n - df + 0.5) / (df + 0.5)) for term, df in frequency.items()}
        self._unknown_idf = math.log(1 + (n + 0.5) / 0.5)
        # Each term's entries, with how fully each has it: BM25's saturation of the count, scaled to at most 1.
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for i, found in enumerate(counts):
            norm = K1 * (1 - B + B * lengths[i] / average)
            for term, count in found.items():
                self._postings.setdefault(term, []).append((i, count / (count + norm)))
        self._by_length: dict[int, list[str]] = {}
        for term in self._idf:
            self._by_length.setdefault(len(term), []).append(term)
        # A request reads its question up to three times (its words, how many ask, the next turn's context).
        self._query_terms = lru_cache(maxsize=4096)(self._read_query)
        # A request's answer, its follow-up and the next turn's context compare the same texts again.
        self._similarity = lru_cache(maxsize=1024)(self._compare)
        self._chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        # Rows are unit length, so the cosine is a product; transposed once rather than on every question.
        self._char_columns = self._chars.fit_transform([" ".join(terms) for terms in documents]).T.tocsr()

    @staticmethod
    def _text(entry: Entry, label: str) -> str:
        if entry.silent:
            return f"{label}. {entry.silent.answer}"
        fact = entry.fact
        assert fact is not None
        quotes = " ".join(source.quote or "" for source in fact.sources)
        return f"{label}. {fact.answer} {quotes} {' '.join(fact.keywords)}"

    def _terms(self, text: str) -> list[str]:
        return [definite(lemma) for lemma in map(fold, self._lemmatise(text)) if lemma not in self._ignored]

    def _asking(self, terms: list[str]) -> list[str]:
        return [term for term in terms if term not in self._empty and not any(char.isdigit() for char in term)]

    def query_terms(self, text: str, english: bool = False) -> tuple[list[str], list[str]]:
        """The question's own terms, and those its words bring (synonyms; Danish words for English ones)."""
        own, brought = self._query_terms(text, english)
        return list(own), list(brought)

    def _read_query(self, text: str, english: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if english:
            words = [word for word in _WORD.findall(fold(text)) if word not in self._ignored]
            own = [danish for word in words for danish in self._english.get(word, ())]
        else:
            own = self._asking(self._terms(text))
        brought = sorted({synonym for term in own for synonym in self._synonyms.get(term, ())} - set(own))
        return tuple(own), tuple(brought)

    def asked(self, text: str, english: bool = False) -> int:
        """How many words of a message say what is asked: not where, who or how old, nor "og hvis ...?"."""
        own, _ = self.query_terms(text, english)
        return len(own)

    def known(self, text: str, english: bool = False) -> int:
        """How many of the words that say what is asked the facts have, themselves or by a synonym (a guessed
        misspelling is too loose to count): none of "hvem vandt superligaen", of which the standards say nothing."""
        own, _ = self.query_terms(text, english)
        return sum(1 for term in own if term in self._idf or term in self._synonyms)

    def _compare(self, text: str, english: bool) -> NDArray[np.float64]:
        """How similar each entry is to the text (read-only: it is shared by the cache)."""
        own, _ = self.query_terms(text, english)
        if not own:
            similarity: NDArray[np.float64] = np.zeros(len(self.entries))
        else:
            chars = (self._chars.transform([" ".join(own)]) @ self._char_columns).toarray()[0]
            similarity = WORDS * self._matched(own) + (1 - WORDS) * chars
        similarity.flags.writeable = False
        return similarity

    def _matched(self, own: list[str]) -> NDArray[np.float64]:
        """How much of what was asked each entry has: each asked word weighs its rarity (idf), and counts as far
        as the entry has it, or a synonym of it (a little less), or the word it misspells. A word no fact has
        weighs the most and is matched by none."""
        matched = np.zeros(len(self.entries))
        asked = 0.0
        for term in dict.fromkeys(own):
            known = term if term in self._idf else self._typo_of(term)
            idf = self._idf.get(known, self._unknown_idf) if known else self._unknown_idf
            asked += idf
            best = np.zeros(len(self.entries))
            candidates = [(known, 1.0)] if known else []
            candidates += [(synonym, BROUGHT) for synonym in self._synonyms.get(term, ())]
            for candidate, weight in candidates:
                for i, fullness in self._postings.get(candidate, ()):
                    best[i] = max(best[i], weight * fullness)
            matched += idf * best
        # A question of common words alone ("hvor kan jeg få hjælp") is matched by many facts and says little of
        # which: it cannot match fully, and the classifier's topic decides.
        return matched / max(asked, INFORMATIVE)

    def _typo_of(self, term: str) -> str | None:
        """The word of the facts a question's word misspells (the rules of danish/places.py), if any; a Danish
        word is not a misspelling ("deroppe" is not "droppe")."""
        return None if self._is_word(term) else misspelt(term, self._by_length)

    def rank(self, question: Question, municipality: str | None = None) -> list[Ranked]:
        """The entries of one municipality (or of all), best first, leaving out facts for another age."""
        own = self._similarity(question.text, question.english)
        cued = self.cued_topics(question.text)
        # A follow-up in a word or two ("og ambulant?") stays on the topic before, unless its words say otherwise;
        # a phrasing that asks ("hvem kan jeg tale med om ...") is a question of its own, not read with the one
        # before.
        context = self._similarity(question.context, question.english) if question.context and not cued else own * 0
        short = self.asked(question.text, question.english) <= SHORT
        previous = PREVIOUS * (2 if short else 1)
        where = asks_where(question.text)
        # "hvor ligger det?", "hvad er adressen der?": where the thing just told of is.
        refers_back = where and short
        topics = dict(question.topics)
        for topic in cued:
            topics[topic] = max(topics.get(topic, 0.0), CUE)
        candidates = [
            i
            for i, entry in enumerate(self.entries)
            if municipality in (None, entry.municipality) and entry.applies_to(question.age)
        ]
        best = max((float(own[i]) for i in candidates), default=0.0)
        ranked = []
        for i in candidates:
            entry, words = self.entries[i], float(own[i])
            # "hvor lang tid varer det anonyme gruppeforløb": the classifier's topic (the offer) does not outweigh
            # the one fact whose words are asked; a phrasing that asks about a topic still does.
            share = 1.0 if best < STRONG else UNMATCHED_TOPIC + (1 - UNMATCHED_TOPIC) * min(words / MATCHED, 1.0)
            weights = {topic: p if topic in cued else p * share for topic, p in topics.items()}
            score = self._score(entry, words, float(context[i]), question, weights, previous, where, refers_back)
            ranked.append(Ranked(entry, score, round(words, 4)))
        return sorted(ranked, key=lambda r: r.score, reverse=True)

    def cued_topics(self, text: str) -> list[str]:
        """The topics a message asks about by its phrasing alone."""
        folded = fold(text)
        return [topic for topic, patterns in self._cues.items() if any(p.search(folded) for p in patterns)]

    @staticmethod
    def _score(
        entry: Entry,
        own: float,
        context: float,
        question: Question,
        topics: Mapping[str, float],
        previous: float,
        asks_where: bool,
        refers_back: bool,
    ) -> float:
        if entry.silent:
            # That a standard says nothing on a topic answers a question about that topic, not one after it: "og
            # hvis det er hash?" after a question on alcohol asks about hash.
            return round(own + TOPIC * topics.get(entry.topic, 0.0), 4)
        score = own + CONTEXT * context + TOPIC * topics.get(entry.topic, 0.0)
        if entry.topic == question.previous_topic:
            score += previous
        if entry.audience != "alle" and question.audience:
            score += AUDIENCE if entry.audience == question.audience else -AUDIENCE
        if question.age is not None and entry.fact and entry.fact.ages:
            score += AGE  # facts for another age are not ranked at all
        if question.lives_elsewhere and entry.for_outsider(question.lives_elsewhere):
            score += ELSEWHERE
        if asks_where and entry.gives_address:
            score += PLACE
        if refers_back and entry.fact and entry.fact.id in question.previous_facts:
            shown = question.previous_facts
            score += REFERENT * (shown.index(entry.fact.id) + 1) / len(shown)
        return round(score, 4)
