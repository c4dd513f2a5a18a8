"""What a message adds to the conversation, and what the conversation already knows: pure functions over the
tracker, for actions/answers.py.

A message may ask something, or only give what a question before it needed (a municipality, an age, that it is
about a relative): then the question before is answered again with it. What was given stays for the next
questions, until it is given anew.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import get_args

from rasa_sdk.interfaces import Tracker

from contract.constants import Audience
from contract.models import AnswerPublic

# Intents that give a value rather than ask: the question before is answered again with it.
VALUE_INTENTS = frozenset({"inform_municipality", "inform_age", "inform_relative"})
# Intents that say little of what a message asks: below the classifier's threshold, or only a value given.
UNSURE_INTENTS = frozenset({"nlu_fallback", "inform_age", "inform_municipality"})
# Intents that are not `ask_<topic>` but are answered from a topic.
TOPIC_OF_INTENT = {"inform_relative": "paaroerende", "talk_to_person": "kontakt"}
RELATIVE_INTENTS = frozenset({"inform_relative", "ask_paaroerende"})
RELATIVE: Audience = "pårørende"
# Where to turn: the answer to a message that only tells of drug use ("jeg er 17 og ryger hash, bor i Faxe").
CONTACT = "kontakt"
# The classifier is sure enough of a topic that the message asks about it, even in few words.
SURE = 0.8
# A message whose one asking word matches a fact this well asks something.
ASKS = 0.2
# The classifier's best guess, if at least this likely, says a message of one asking word asks about a topic.
LIKELY = 0.4
# The classifier's best guess, if at least this likely, is what a message asks when the facts it matches agree.
GUESS = 0.3
# A message the classifier calls out of scope is answered from a standard only when its words match this well;
# when the classifier is sure of it, better still ("hvordan fornyer jeg mit pas" matches "passer" in a fact).
IN_SCOPE = 0.3
IN_SCOPE_WHEN_SURE = 0.4
# A relative asks for someone else ("hvor kan han få hjælp?"), or for themselves ("kan jeg få hjælp?").
_SOMEONE_ELSE = frozenset({"han", "hun", "ham", "hende", "de", "dem"})
_ONESELF = frozenset({"jeg", "mig", "vi", "os"})
# A message that opens with the writer's own age ("jeg er 34 og ...", "16 år, ...") tells of the writer.
_OWN_AGE = re.compile(r"^\s*(?:(?:jeg er|er|i'?m|i am)\s+\d{1,2}\b|\d{1,2}\s*(?:år|aar)?\s*,)", re.IGNORECASE)
# "jeg bor i ...", "vi bor på ..." say where, not who is asking.
_WHERE = re.compile(r"\b(?:jeg|vi)\s+(?:bor|boede|er flyttet|flytter)\b")
# "jeg bor i Aalborg", "I live in Næstved": where the writer lives, not only a place named.
_LIVES = re.compile(r"\b(?:bor|boede|flyttet|flytter|live|living)\b", re.IGNORECASE)
# "og hvis det er døgnbehandling?", "hvad med døgn?", "men hvis jeg er 17?": the question before, on a condition.
_ON_CONDITION = re.compile(r"^\s*(?:(?:og|men|and|but)\s+)?(?:(?:hvad|what)\s+)?(?:hvis|med|if|about)\b", re.IGNORECASE)
# A message with one of these beside a municipality compares it with the one before.
COMPARE_WORDS = frozenset(
    {"forskel", "forskellen", "forskellig", "forskellige", "sammenlign", "sammenligne", "anderledes"}
)


def latest_intent(tracker: Tracker) -> str | None:
    """The intent the rules matched on (for a low-confidence message, `nlu_fallback`)."""
    intent = tracker.latest_message.get("intent") or {}
    name = intent.get("name")
    return str(name) if name else None


def topic_of(intent: str | None) -> str | None:
    if not intent or intent == "ask_capabilities":
        return None
    if intent in TOPIC_OF_INTENT:
        return TOPIC_OF_INTENT[intent]
    return intent.removeprefix("ask_") if intent.startswith("ask_") else None


def parse_age(value: object) -> int | None:
    try:
        age = int(str(value))
    except ValueError:
        return None
    return age if 0 < age < 120 else None


@dataclass(frozen=True)
class Said:
    """What the latest message says: its text (personal data already removed by the gateway; empty for a
    button), the classifier's topics, and the values it names."""

    text: str
    intent: str | None
    confidence: float
    topics: dict[str, float]
    municipalities: list[str]
    # A municipality outside the five, as written.
    other_municipality: str | None
    age: int | None
    relative: bool
    # Names a drug or a way of taking one.
    substance: bool

    @classmethod
    def of(cls, tracker: Tracker, covered: set[str]) -> Said:
        message = tracker.latest_message
        text = str(message.get("text") or "")
        intent = message.get("intent") or {}
        relation = any(tracker.get_latest_entity_values("relation"))
        # A story of the writer's own use, taken by the classifier for a relative's, is not about a relative.
        own = not relation and bool(_OWN_AGE.match(text))
        topics: dict[str, float] = {}
        for ranked in message.get("intent_ranking") or []:
            topic = topic_of(ranked.get("name"))
            if topic and not (own and ranked.get("name") in RELATIVE_INTENTS):
                topics[topic] = topics.get(topic, 0.0) + float(ranked.get("confidence") or 0.0)
        named = (str(value).lower() for value in tracker.get_latest_entity_values("municipality"))
        ages = [parse_age(value) for value in tracker.get_latest_entity_values("age")]
        return cls(
            # A button's payload ("/inform_age{...}") asks nothing in words.
            text="" if text.startswith("/") else text.strip(),
            intent=intent.get("name"),
            confidence=float(intent.get("confidence") or 0.0),
            topics=topics,
            municipalities=list(dict.fromkeys(value for value in named if value in covered)),
            other_municipality=next((str(v) for v in tracker.get_latest_entity_values("other_municipality")), None),
            age=next((age for age in ages if age is not None), None),
            relative=relation or (intent.get("name") in RELATIVE_INTENTS and not own),
            substance=any(True for _ in tracker.get_latest_entity_values("substance")),
        )

    @property
    def unsure(self) -> bool:
        """The classifier says little of what the message asks: below its threshold, only a value given, or a
        relative's story that is the writer's own."""
        return self.intent in UNSURE_INTENTS or (self.intent in RELATIVE_INTENTS and not self.relative)

    @property
    def english(self) -> bool:
        return self.intent == "english"

    @property
    def words(self) -> list[str]:
        return re.findall(r"[a-zæøå]+", self.text.lower())

    @property
    def compares(self) -> bool:
        return bool(COMPARE_WORDS & set(self.words))

    @property
    def gives_value(self) -> bool:
        return bool(self.municipalities or self.other_municipality or self.age is not None or self.relative)

    @property
    def sure_topic(self) -> str | None:
        """The topic the classifier is sure the message asks about (not one it only gives a value for)."""
        if self.intent in VALUE_INTENTS or self.confidence < SURE:
            return None
        return topic_of(self.intent)

    @property
    def button_topic(self) -> str | None:
        """The topic a button asks about ("/ask_pris", "Hvad behandlingen koster"): a message of no words whose
        intent is a question about a topic."""
        return None if self.text else self.sure_topic

    @property
    def guessed_topic(self) -> str | None:
        """The topic the classifier thinks likeliest, if it is likely enough to weigh against weak words."""
        if not self.topics or self.intent in VALUE_INTENTS:
            return None
        topic, confidence = max(self.topics.items(), key=lambda item: item[1])
        return topic if confidence >= GUESS else None

    @property
    def topic_intent(self) -> bool:
        """The classifier's best guess is a question about a topic."""
        ranking = sorted(self.topics.items(), key=lambda item: -item[1])
        return bool(ranking) and self.intent not in VALUE_INTENTS and ranking[0][1] >= LIKELY


def lives_elsewhere(said: Said, before: str | None) -> str | None:
    """The municipality outside the five the person lives in: one named with "bor" ("jeg bor i Aalborg, kan jeg
    komme i behandling i Faxe?") or alone, as the answer to where they live. Kept until they say they live in one
    of the five; not a place only named ("eller skal jeg helt til Aalborg?")."""
    lives = bool(_LIVES.search(said.text))
    if said.other_municipality and (lives or not said.municipalities):
        return said.other_municipality
    if said.municipalities and lives:
        return None
    return before


@dataclass(frozen=True)
class Memory:
    """What the conversation knows from before: the slots."""

    municipality: str | None
    age: int | None
    audience: Audience | None
    # The question last asked (answered, or waiting for a municipality or an age), its topic, whether in English.
    question: str | None
    topic: str | None
    english: bool
    # The facts of the answer before, so that "Mere om ..." shows the others.
    shown: list[str]
    # Municipalities to compare once the person has said on what.
    compare_with: list[str]
    # A form is asking (the booking): its question comes next, whatever this action says.
    in_form: bool
    # A municipality outside the five the person lives in (`lives_elsewhere`).
    lives_elsewhere: str | None

    @classmethod
    def of(cls, tracker: Tracker) -> Memory:
        return cls(
            municipality=value_before_message(tracker, "municipality"),
            age=parse_age(tracker.get_slot("age")),
            audience=parse_audience(tracker.get_slot("audience")),
            question=tracker.get_slot("question"),
            topic=tracker.get_slot("topic"),
            english=bool(tracker.get_slot("english")),
            shown=list(tracker.get_slot("shown_facts") or []),
            compare_with=list(tracker.get_slot("compare_with") or []),
            in_form=bool((tracker.active_loop or {}).get("name")),
            lives_elsewhere=tracker.get_slot("lives_elsewhere"),
        )


def value_before_message(tracker: Tracker, slot: str) -> str | None:
    """A slot's value before the latest message: Rasa fills a slot from the message's entities before any action
    runs, so "er det anderledes i Faxe?" already finds Faxe in the slot."""
    events = tracker.events or []
    latest = next((i for i in range(len(events) - 1, -1, -1) if events[i].get("event") == "user"), None)
    if latest is None:
        value = tracker.get_slot(slot)
    else:
        before = (e for e in reversed(events[:latest]) if e.get("event") == "slot" and e.get("name") == slot)
        value = next((e.get("value") for e in before), None)
    return str(value) if value is not None else None


def parse_audience(value: object) -> Audience | None:
    return next((audience for audience in get_args(Audience) if audience == value), None)


def audience_of(said: Said, memory: Memory) -> Audience | None:
    """Relatives get the answers written for relatives, from the message that says so on."""
    return RELATIVE if said.relative or memory.audience == RELATIVE else memory.audience


def about_someone_else(text: str) -> bool:
    """The question is about another person's help ("hvor kan han ringe?"), not the asker's own."""
    words = set(re.findall(r"[a-zæøå]+", _WHERE.sub(" ", text.lower())))
    return bool(_SOMEONE_ELSE & words) and not _ONESELF & words


def with_before(text: str, before: str) -> str:
    """A follow-up read with the question before it, as long as a question may be."""
    return f"{text} {before}"[:500]


def narrowed(said: Said, before: str | None) -> str:
    """The question a message asks: itself, or, when it puts a condition on the question before ("og hvis det er
    døgnbehandling?" after "hvad koster det?"), both. A condition that is only a value ("og hvis jeg bor i Faxe?")
    is that value given: the question before is answered again with it."""
    on_condition = before and not said.gives_value and _ON_CONDITION.match(said.text)
    return with_before(said.text, before) if before and on_condition else said.text


def asked_for(question: str, audience: Audience | None) -> Audience | None:
    """Whom this question's answer is for: a relative asking where the person they worry about can go gets the
    answers for that person."""
    return None if audience == RELATIVE and about_someone_else(question) else audience


def asks(said: Said, memory: Memory, found: AnswerPublic | None) -> bool:
    """Whether the message asks something, or only gives a value (a municipality, an age, a relative) for the
    question before: "og i Faxe?", "han er 58", "hvad hvis jeg flytter til Odsherred?". A value with no asking
    word gives only that; with one, only if the classifier also took it for a value and the word matches little."""
    asked = found.asked if found else 0
    if not said.gives_value or said.sure_topic is not None:
        return True
    if said.relative and not memory.question:
        return True  # a relative with no question before asks what relatives can get
    if said.substance and not memory.question:
        return True  # telling of drug use with no question before asks where to turn
    if found and found.cued:
        return True  # "hvor kan jeg få hjælp" asks, in words that say little
    if asked == 0:
        return False
    if memory.lives_elsewhere and said.municipalities:
        return True  # living elsewhere, asking of one of the five: "kan jeg få behandling i Brønderslev?"
    weak = found is not None and found.words < ASKS and not said.topic_intent
    return not (asked == 1 and weak and said.intent in VALUE_INTENTS | {"nlu_fallback"})


def beyond_scope(said: Said, found: AnswerPublic | None) -> bool:
    """The message asks what Vejviser cannot answer: the classifier says so and no fact matches it well enough.
    Naming a drug does not make it a question about treatment ("hvor kan jeg købe hash")."""
    if said.intent != "out_of_scope":
        return False
    needed = IN_SCOPE_WHEN_SURE if said.confidence >= SURE else IN_SCOPE
    return found is None or found.topic is None or found.words < needed


def unsure_topic(said: Said, found: AnswerPublic | None) -> str | None:
    """What a message asks that the classifier is unsure of and whose words match weakly: what its phrasing asks
    ("hvor kan jeg få hjælp", "hvor skal han hen"); else the classifier's best guess, if the standards know a word
    of it and unless it is what relatives get while the relative asks for the other; else, for a message that
    tells of drug use without asking, where to turn. None: nothing to go on."""
    cued = found.cued[0] if found and found.cued else None
    guessed = said.guessed_topic if found is None or found.known else None  # no known word: out of scope
    if guessed == TOPIC_OF_INTENT["inform_relative"] and about_someone_else(said.text):
        guessed = None
    return cued or guessed or (CONTACT if said.substance else None)


def comparison(said: Said, memory: Memory) -> list[str]:
    """The municipalities to compare: two or more named; one named beside the one before when the message
    compares ("er det anderledes i Faxe?"); or those waiting for the person to choose a topic."""
    if len(said.municipalities) >= 2:
        return said.municipalities
    if said.municipalities and said.compares and memory.municipality not in (None, said.municipalities[0]):
        return [str(memory.municipality), *said.municipalities]
    return memory.compare_with
