"""What a message adds to the conversation (actions/dialogue.py): pure functions over the tracker."""

from __future__ import annotations

import pytest

from actions.dialogue import (
    Memory,
    Said,
    about_someone_else,
    asked_for,
    asks,
    beyond_scope,
    comparison,
    lives_elsewhere,
    narrowed,
    parse_age,
    topic_of,
    unsure_topic,
)
from contract.models import AnswerPublic, TopicPublic
from tests.actions.helpers import tracker

COVERED = {"faxe", "odsherred", "vordingborg", "broenderslev", "frederiksberg"}
BOTH = ["faxe", "odsherred"]
FAXE = {"municipality": "faxe"}


def said(intent: str, text: str, confidence: float = 0.9, **entities: list[str]) -> Said:
    return Said.of(tracker(intent, entities, text=text, confidence=confidence), COVERED)


def memory(**slots: object) -> Memory:
    return Memory.of(tracker("greet", slots=slots))


def found(asked: int, words: float) -> AnswerPublic:
    return AnswerPublic(municipality="faxe", municipality_name="Faxe", topic=None, asked=asked, words=words)


def cued(*topics: str, known: int = 1) -> AnswerPublic:
    return AnswerPublic(
        municipality="faxe", municipality_name="Faxe", topic=None, words=0.05, known=known, cued=list(topics)
    )


@pytest.mark.parametrize(
    ("intent", "ranking"),
    [("ask_pris", "pris"), ("inform_relative", "paaroerende"), ("talk_to_person", "kontakt"), ("greet", None)],
)
def test_a_topic_is_read_from_the_intent(intent: str, ranking: str | None) -> None:
    assert topic_of(intent) == ranking


@pytest.mark.parametrize(("value", "age"), [("17", 17), (17, 17), ("seksten", None), (None, None), ("200", None)])
def test_parse_age(value: object, age: int | None) -> None:
    assert parse_age(value) == age


def test_a_buttons_payload_asks_nothing_in_words_and_its_values_are_read() -> None:
    message = said("inform_municipality", '/inform_municipality{"municipality": "faxe"}', municipality=["faxe"])
    assert message.text == ""
    assert message.municipalities == ["faxe"]
    assert message.gives_value


def test_a_municipality_vejviser_does_not_cover_is_not_taken_for_one() -> None:
    message = said("inform_municipality", "aarhus", municipality=["aarhus"], other_municipality=["Aarhus"])
    assert message.municipalities == []
    assert message.other_municipality


@pytest.mark.parametrize(
    ("message", "answer", "expected"),
    [
        (said("inform_municipality", "og i faxe?", municipality=["faxe"]), found(0, 0.0), False),
        (said("inform_age", "hvad hvis hun var 25", age=["25"]), found(0, 0.0), False),
        (said("nlu_fallback", "jeg bor i haslev", 0.5, municipality=["faxe"]), found(0, 0.0), False),
        (said("inform_municipality", "flytter til faxe nu", municipality=["faxe"]), found(1, 0.05), False),
        (said("inform_municipality", "hvad koster det i faxe", municipality=["faxe"]), found(1, 0.6), True),
        (said("inform_age", "jeg er 35, hvor kan jeg få hjælp", age=["35"]), found(2, 0.1), True),
        (said("ask_pris", "faxe koster", 0.95, municipality=["faxe"]), found(1, 0.0), True),  # sure of a topic
        (said("out_of_scope", "hvordan bliver vejret i faxe", municipality=["faxe"]), found(1, 0.0), True),
        (said("ask_kontakt", "hvem kan jeg ringe til", 0.6), found(2, 0.3), True),  # no value given: a question
        (said("inform_age", "er 17, hvor kan jeg få hjælp", age=["17"]), cued("kontakt"), True),  # its phrasing asks
    ],
)
def test_a_message_asks_or_only_gives_a_value(message: Said, answer: AnswerPublic, expected: bool) -> None:
    assert asks(message, memory(question="hvad koster det"), answer) is expected


@pytest.mark.parametrize(
    ("message", "answer", "topic"),
    [
        # The phrasing first, then the classifier's guess, then a drug named without a question: where to turn.
        (Said.of(tracker("nlu_fallback", text="...", ranking=["ask_pris"], confidence=0.4), COVERED), cued(), "pris"),
        (said("nlu_fallback", "hvem ringer jeg til, ryger for meget", 0.5), cued("kontakt"), "kontakt"),
        (
            Said.of(tracker("nlu_fallback", text="hvor skal han hen", ranking=["ask_pris"], confidence=0.4), COVERED),
            cued("kontakt"),
            "kontakt",
        ),
        (  # a relative asking for the other does not ask what relatives get
            Said.of(
                tracker(
                    "nlu_fallback",
                    {"relation": ["onkel"]},
                    text="min onkel tager heroin, kan han få hjælp",
                    ranking=["inform_relative"],
                    confidence=0.4,
                ),
                COVERED,
            ),
            cued(),
            None,
        ),
        (said("nlu_fallback", "er 17 og ryger hash hver dag", 0.5, substance=["hash"], age=["17"]), cued(), "kontakt"),
        (said("nlu_fallback", "jeg er 17 og bor i faxe", 0.5, age=["17"]), cued(), None),
        (said("nlu_fallback", "blå bananer", 0.5), None, None),
        (  # a guess at a message of which the standards know no word: out of scope
            Said.of(
                tracker("nlu_fallback", text="hvem vandt superligaen", ranking=["ask_kontakt"], confidence=0.4), COVERED
            ),
            cued(known=0),
            None,
        ),
    ],
)
def test_what_an_unsure_message_asks(message: Said, answer: AnswerPublic | None, topic: str | None) -> None:
    assert unsure_topic(message, answer) == topic


def test_telling_of_drug_use_with_no_question_before_asks() -> None:
    message = said("inform_age", "er 17 og ryger hash", age=["17"], substance=["hash"])
    assert asks(message, memory(), found(1, 0.05))
    assert not asks(message, memory(question="hvad koster det"), found(1, 0.05))


@pytest.mark.parametrize(
    ("message", "relative"),
    [
        (said("inform_relative", "jeg er pårørende"), True),
        (said("inform_relative", "min eks tager heroin"), True),
        (said("inform_relative", "jeg er 34 og snifer coke hver weekend", age=["34"]), False),
        (said("inform_relative", "16 år, ryger skunk hver dag", age=["16"]), False),
        (said("nlu_fallback", "jeg er 45 og min søn tager stoffer", 0.5, age=["45"], relation=["søn"]), True),
    ],
)
def test_who_a_message_is_about(message: Said, relative: bool) -> None:
    """A classifier that takes a story of the writer's own use for a relative's is corrected by the opening age."""
    assert message.relative is relative


def test_a_story_of_ones_own_use_taken_for_a_relatives_is_unsure_and_not_about_relatives() -> None:
    message = Said.of(
        tracker("inform_relative", {"age": ["16"]}, text="16 år, ryger skunk", ranking=["ask_kontakt"], confidence=0.6),
        COVERED,
    )
    assert message.unsure
    assert "paaroerende" not in message.topics


def test_someone_living_elsewhere_who_names_one_of_the_five_asks_about_coming_there() -> None:
    message = said("nlu_fallback", "kan jeg få behandling i faxe", 0.5, municipality=["faxe"])
    assert asks(message, memory(question="hvad koster det", lives_elsewhere="Randers"), found(1, 0.05))
    assert not asks(message, memory(question="hvad koster det"), found(1, 0.05))


def test_a_relative_with_no_question_before_asks_what_relatives_can_get() -> None:
    message = said("inform_relative", "min søn", relation=["søn"])
    assert asks(message, memory(), found(0, 0.0))
    assert not asks(message, memory(question="hvad koster det"), found(0, 0.0))


@pytest.mark.parametrize(
    ("message", "before", "expected"),
    [
        (said("compare_municipalities", "faxe og odsherred", municipality=["faxe", "odsherred"]), {}, BOTH),
        (said("compare_municipalities", "er det anderledes i odsherred", municipality=["odsherred"]), FAXE, BOTH),
        (said("inform_municipality", "er det det samme i odsherred", municipality=["odsherred"]), FAXE, []),
        (said("ask_pris", "/ask_pris"), {"compare_with": BOTH}, BOTH),
    ],
)
def test_what_is_compared(message: Said, before: dict[str, object], expected: list[str]) -> None:
    assert comparison(message, memory(**before)) == expected


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("min søn tager kokain, hvor kan han få hjælp", True),
        ("hvor skal hun ringe, vi bor i faxe", True),
        ("min mor drikker, kan jeg få nogen at tale med", False),
        ("kan vi komme til samtale sammen", False),
        ("hvad koster det", False),
    ],
)
def test_a_relative_asks_for_the_other_or_for_themselves(text: str, other: bool) -> None:
    assert about_someone_else(text) is other
    assert asked_for(text, "pårørende") == (None if other else "pårørende")


FAXE_SET = {"event": "slot", "name": "municipality", "value": "faxe"}
ODSHERRED_SET = {"event": "slot", "name": "municipality", "value": "odsherred"}
USER = {"event": "user"}


@pytest.mark.parametrize(
    ("events", "expected"),
    [([FAXE_SET, USER], "faxe"), ([FAXE_SET, USER, ODSHERRED_SET], "faxe"), ([USER, ODSHERRED_SET], None)],
)
def test_memory_holds_the_municipality_from_before_the_message_filled_its_slot(
    events: list[dict[str, object]], expected: str | None
) -> None:
    """Rasa fills the slot from the message's entities before the action runs: "og i Odsherred?" must still
    know the conversation was about Faxe."""
    state = tracker("compare_municipalities", {"municipality": ["odsherred"]}, slots={"municipality": "odsherred"})
    state.events = events
    assert Memory.of(state).municipality == expected


def on_topic(words: float) -> AnswerPublic:
    topic = TopicPublic(id="kontakt", label="hvem du kan kontakte", english=True)
    return AnswerPublic(municipality="faxe", municipality_name="Faxe", topic=topic, asked=2, words=words)


@pytest.mark.parametrize(
    ("message", "answer", "beyond"),
    [
        (said("out_of_scope", "hvem vandt superligaen", 0.6), None, True),
        (said("out_of_scope", "hvem kan hjælpe med min kat", 0.6), on_topic(0.2), True),
        (said("out_of_scope", "hvem kan jeg tale med", 0.6), on_topic(0.35), False),
        # A sure classifier needs a better match: "pas" matched as "passer".
        (said("out_of_scope", "hvordan fornyer jeg mit pas", 0.99), on_topic(0.35), True),
        (said("out_of_scope", "hvordan fornyer jeg mit pas", 0.99), on_topic(0.5), False),
        # Naming a drug does not make it a question about treatment.
        (said("out_of_scope", "hvor kan jeg købe hash", 0.9, substance=["hash"]), on_topic(0.2), True),
        (said("ask_kontakt", "hvem kan jeg tale med", 0.9), None, False),
    ],
)
def test_what_vejviser_cannot_answer(message: Said, answer: AnswerPublic | None, beyond: bool) -> None:
    assert beyond_scope(message, answer) is beyond


@pytest.mark.parametrize(
    ("text", "named", "other", "before", "lives"),
    [
        ("jeg bor i Randers", [], "Randers", None, "Randers"),
        ("randers", [], "randers", None, "randers"),
        ("I live in Køge, can I get help in Faxe", ["faxe"], "Køge", None, "Køge"),
        ("flyttet til Aarhus, må jeg blive i behandling i faxe", ["faxe"], "Aarhus", None, "Aarhus"),
        ("er det bedre i faxe eller skal jeg helt til Køge", ["faxe"], "Køge", None, None),
        ("hvad koster det", [], None, "Randers", "Randers"),
        ("og i faxe?", ["faxe"], None, "Randers", "Randers"),
        ("vi bor i faxe nu", ["faxe"], None, "Randers", None),
    ],
)
def test_where_the_person_lives_outside_the_five_is_what_they_say_of_themselves(
    text: str, named: list[str], other: str | None, before: str | None, lives: str | None
) -> None:
    others = [other] if other else []
    assert lives_elsewhere(said("ask_kontakt", text, municipality=named, other_municipality=others), before) == lives


BEFORE = "hvad koster behandlingen"


@pytest.mark.parametrize(
    ("message", "asked"),
    [
        # A condition on the question before asks it again, narrowed.
        (said("ask_tilbud", "og hvis det er døgnbehandling?"), f"og hvis det er døgnbehandling? {BEFORE}"),
        (said("ask_tilbud", "hvad med dagbehandling"), f"hvad med dagbehandling {BEFORE}"),
        (said("english", "what about residential treatment?"), f"what about residential treatment? {BEFORE}"),
        (said("ask_pris", "og hvad med medicin, koster det"), f"og hvad med medicin, koster det {BEFORE}"),
        (said("ask_tilbud", "men hvis jeg har et arbejde?"), f"men hvis jeg har et arbejde? {BEFORE}"),
        # A question of its own is not.
        (said("ask_anonym", "kan jeg være anonym"), "kan jeg være anonym"),
        (
            said("ask_tilbud", "hvilken behandling kan jeg få med arbejde ved siden af"),
            "hvilken behandling kan jeg få med arbejde ved siden af",
        ),
        # A condition that is only a value gives the value: the question before is asked again with it.
        (said("inform_municipality", "og hvis jeg bor i faxe?", municipality=["faxe"]), "og hvis jeg bor i faxe?"),
        (said("inform_age", "hvad hvis hun var 25", age=["25"]), "hvad hvis hun var 25"),
    ],
)
def test_a_condition_on_the_question_before_is_that_question_narrowed(message: Said, asked: str) -> None:
    assert narrowed(message, BEFORE) == asked
    assert narrowed(message, None) == message.text


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        (said("ask_pris", "/ask_pris", 1.0), "pris"),
        (said("ask_paaroerende", "/ask_paaroerende", 1.0), "paaroerende"),
        # Typed words are a question, not a button; a value's button gives the value.
        (said("ask_pris", "hvad koster det", 1.0), None),
        (said("inform_relative", "/inform_relative", 1.0), None),
        (said("inform_municipality", '/inform_municipality{"municipality": "faxe"}', 1.0, municipality=["faxe"]), None),
    ],
)
def test_a_topics_button_asks_about_that_topic(message: Said, topic: str | None) -> None:
    assert message.button_topic == topic
