"""Whole conversations, typed as people type them, through POST /api/chat on the real stack (issue 15).

Each test is one behaviour: a pending question finished when its missing piece is typed; follow-ups; towns,
misspellings and centres; the answer first; the relevant facts briefly; several aspects in one message; English.
What a reply must say is taken from the knowledge base (the facts of the topic, their ages and numbers), never
from a copy of a reply.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.answering import MAX_FACTS
from knowledge.base import Fact
from knowledge.load import knowledge_base
from knowledge.ranking import Entry
from stack.run import Stack
from tests.e2e.test_booking import Conversation, slot_buttons, text
from tests.e2e.test_topics import facts_said

pytestmark = pytest.mark.e2e
KB = knowledge_base()
DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain"


def response(file: str, name: str) -> str:
    """The first sentence of a named response: enough to recognise it."""
    responses = yaml.safe_load((DOMAIN / file).read_text("utf-8"))["responses"]
    first: str = responses[name][0]["text"]
    return first.split(". ")[0].split("? ")[0].split("{")[0]


ASK_MUNICIPALITY = response("kommune.yml", "utter_ask_municipality")
ASK_AGE = response("kommune.yml", "utter_ask_age")
CLARIFY = response("samtale.yml", "utter_clarify")
OUT_OF_SCOPE = response("samtale.yml", "utter_out_of_scope")
OTHER_MUNICIPALITY = response("kommune.yml", "utter_other_municipality")


def topics_of(facts: list[Fact]) -> set[str]:
    return {fact.topic for fact in facts}


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def mentions_number(replies: list[dict[str, Any]], number: str) -> bool:
    return digits(number) in digits(text(replies))


def phone_of(fact: Fact) -> str:
    """The eight-digit phone number a contact fact gives."""
    found = re.search(r"\d{2} ?\d{2} ?\d{2} ?\d{2}", fact.answer)
    assert found, fact.id
    return found.group()


# 1. A pending question is finished when the missing piece is typed.


@pytest.mark.parametrize(
    ("question", "typed", "municipality", "topic"),
    [
        ("hvad koster det at komme i behandling", "odsherred", "odsherred", "pris"),
        ("kan jeg vaere anonym", "jeg bor i vordingborg", "vordingborg", "anonym"),
        ("hvor lang ventetid er der", "frederiksberg kommune", "frederiksberg", "behandlingsgaranti"),
    ],
)
def test_a_question_waiting_for_the_municipality_is_answered_when_it_is_typed(
    stack: Stack, question: str, typed: str, municipality: str, topic: str
) -> None:
    talk = Conversation(stack)
    assert ASK_MUNICIPALITY in text(talk.say(question))
    answered = talk.say(typed)
    assert CLARIFY not in text(answered)
    assert topic in topics_of(facts_said(municipality, answered))


def test_the_age_typed_after_an_answer_that_depends_on_it_narrows_it(stack: Stack) -> None:
    """Brønderslev sends adults under 30 to UngeCenter, and those of 30 or older (or on førtidspension) to
    Visitationen; its standard is for adults only: the typed age picks what holds for it."""
    minor, young, older = (
        KB.facts_by_id[f"broenderslev-kontakt-{name}"] for name in ("under-18", "ungecenter", "visitationen")
    )
    talk = Conversation(stack)
    first = talk.say("hvem skal jeg ringe til om stoffer i brønderslev")
    assert ASK_AGE in text(first) or len({fact.ages for fact in facts_said("broenderslev", first)}) > 1
    for typed, right, wrong in (("jeg er 24", young, minor), ("hvad nu hvis jeg er 41", older, young)):
        narrowed = facts_said("broenderslev", talk.say(typed))
        assert right in narrowed, [fact.id for fact in narrowed]
        assert wrong not in narrowed, [fact.id for fact in narrowed]


def test_a_municipality_typed_during_booking_goes_on_with_the_booking(stack: Stack) -> None:
    talk = Conversation(stack)
    assert ASK_MUNICIPALITY in text(talk.say("jeg vil gerne booke en anonym samtale"))
    slots = talk.say("faxe")
    assert CLARIFY not in text(slots)
    assert "Faxe Kommune" in text(slots)
    assert slot_buttons(slots)


@pytest.mark.parametrize("typed", ["52", "52 år", "han er 52"])
def test_a_bare_age_typed_when_asked_for_one_answers_the_question(stack: Stack, typed: str) -> None:
    """A number alone is an age, not a postcode or a time: the question waiting for it is answered for that age."""
    talk = Conversation(stack)
    talk.say("min bror tager kokain, hvem kan han ringe til i brønderslev")
    said = facts_said("broenderslev", talk.say(typed))
    assert KB.facts_by_id["broenderslev-kontakt-visitationen"] in said, [fact.id for fact in said]
    assert KB.facts_by_id["broenderslev-kontakt-ungecenter"] not in said


def test_a_follow_up_question_is_not_taken_for_a_yes(stack: Stack) -> None:
    """ "hvornår præcis?" has the words of a yes to a classifier: it asks, and is read with the question before."""
    talk = Conversation(stack)
    first = facts_said("odsherred", talk.say("følger rusmiddelteamet i odsherred op på en, når behandlingen er slut"))
    assert "behandlingsplan" in topics_of(first)
    again = talk.say("hvornår præcis?")
    assert "behandlingsplan" in topics_of(facts_said("odsherred", again)), text(again)


@pytest.mark.parametrize(
    ("first", "follow_up", "municipality", "topic"),
    [
        ("hvad koster behandling i faxe", "og hvad så i vordingborg?", "vordingborg", "pris"),
        ("jeg bor i faxe", "hvor lang tid skal jeg vente på behandling?", "faxe", "behandlingsgaranti"),
        ("kan man klage i odsherred", "hvad med i brønderslev", "broenderslev", "klage"),
    ],
)
def test_a_follow_up_is_answered_with_what_the_conversation_knows(
    stack: Stack, first: str, follow_up: str, municipality: str, topic: str
) -> None:
    talk = Conversation(stack)
    talk.say(first)
    answered = talk.say(follow_up)
    assert topic in topics_of(facts_said(municipality, answered)), text(answered)


@pytest.mark.parametrize(
    ("first", "follow_up", "municipality", "topic"),
    [
        ("hvad koster behandling i vordingborg", "og hvis det er døgnbehandling?", "vordingborg", "pris"),
        ("skal man selv betale noget på frederiksberg", "men hvis det er døgnbehandling?", "frederiksberg", "pris"),
        ("kan man være anonym i faxe", "men hvis jeg er under 18?", "faxe", "anonym"),
    ],
)
def test_a_condition_on_the_question_before_is_answered_as_that_question(
    stack: Stack, first: str, follow_up: str, municipality: str, topic: str
) -> None:
    talk = Conversation(stack)
    talk.say(first)
    answered = facts_said(municipality, talk.say(follow_up))
    assert answered, follow_up
    assert answered[0].topic == topic, [fact.id for fact in answered]


@pytest.mark.parametrize(
    ("first", "follow_up", "municipality"),
    [
        ("er der et sted for unge under 18 på frederiksberg", "hvor ligger det", "frederiksberg"),
        ("min kone er gravid og tager stoffer, hvad kan hun få af hjælp i odsherred", "hvor er det henne", "odsherred"),
        ("hvor foregår døgnbehandling i odsherred", "hvad er adressen der", "odsherred"),
    ],
)
def test_asking_where_it_is_gets_the_place_the_answer_before_ended_with(
    stack: Stack, first: str, follow_up: str, municipality: str
) -> None:
    talk = Conversation(stack)
    last = facts_said(municipality, talk.say(first))[-1]
    assert last in facts_said(municipality, talk.say(follow_up)), last.id


@pytest.mark.parametrize(
    ("message", "municipality"),
    [
        ("jeg er 40 og bor i asnæs, jeg kan ikke styre mit forbrug af piller", "odsherred"),
        ("jeg bor i haslev og tager alt for meget kokain", "faxe"),
    ],
)
def test_a_question_that_asks_where_is_answered_with_an_address(stack: Stack, message: str, municipality: str) -> None:
    talk = Conversation(stack)
    talk.say(message)
    said = facts_said(municipality, talk.say("hvor skal jeg henvende mig"))
    assert any(Entry(municipality, fact.topic, fact=fact).gives_address for fact in said), [f.id for f in said]


@pytest.mark.parametrize(
    ("municipality", "typed", "topic"),
    [("faxe", "faxe", "pris"), ("vordingborg", "vordingborg", "klage"), ("broenderslev", "brønderslev", "anonym")],
)
def test_a_topics_button_answers_that_topic_before_and_after_the_municipality(
    stack: Stack, municipality: str, typed: str, topic: str
) -> None:
    """The buttons offered when nothing matches ("Hvad behandlingen koster") and the widget's chips."""
    known = Conversation(stack)
    known.say(f"jeg bor i {typed}")
    answered = facts_said(municipality, known.say(f"/ask_{topic}"))
    assert answered, topic
    assert {fact.topic for fact in answered} == {topic}
    first = Conversation(stack)
    assert ASK_MUNICIPALITY in text(first.say(f"/ask_{topic}"))
    answered = facts_said(municipality, first.say(typed))
    assert answered, topic
    assert answered[0].topic == topic


# 2. Towns, misspelled municipalities and named centres.


@pytest.mark.parametrize(
    ("message", "municipality"),
    [
        ("jeg bor i karise hvad koster det", "faxe"),
        ("hvad koster behandling i frederiksbrg", "frederiksberg"),
        ("hvad koster det i odshered", "odsherred"),
        ("hvad koster det i stege", "vordingborg"),
        ("hvad koster det for os i dronninglund", "broenderslev"),
    ],
)
def test_towns_and_misspellings_find_the_municipality(stack: Stack, message: str, municipality: str) -> None:
    replies = Conversation(stack).say(message)
    assert "pris" in topics_of(facts_said(municipality, replies)), text(replies)


@pytest.mark.parametrize(
    ("message", "municipality"),
    [
        ("hvor ligger FKRC", "frederiksberg"),
        ("hvad er adressen på center for rusmidler", "vordingborg"),
        ("hvor ligger u-turn", "frederiksberg"),
    ],
)
def test_a_named_centre_gives_its_municipality_and_its_address(stack: Stack, message: str, municipality: str) -> None:
    replies = Conversation(stack).say(message)
    said = facts_said(municipality, replies)
    assert said, text(replies)
    assert ASK_MUNICIPALITY not in text(replies)


def test_a_municipality_vejviser_does_not_cover_is_told_so(stack: Stack) -> None:
    replies = Conversation(stack).say("hvad koster behandling i aarhus")
    assert OTHER_MUNICIPALITY in text(replies)
    assert all(reply["sources"] for reply in replies if reply["text"].startswith("Kommunen"))


@pytest.mark.parametrize(
    ("turns", "lives_in", "municipality"),
    [
        (["jeg bor i Randers", "kan jeg komme i behandling i brønderslev alligevel"], "Randers", "broenderslev"),
        (["bor i Lolland. hvad gør jeg for at få anonym hjælp i vordingborg"], "Lolland", "vordingborg"),
    ],
)
def test_someone_who_lives_in_another_municipality_hears_what_applies_to_them(
    stack: Stack, turns: list[str], lives_in: str, municipality: str
) -> None:
    """Living outside the five, said in the message or the one before, brings the facts for people from another
    municipality (or naming theirs) into the answer."""
    talk = Conversation(stack)
    for message in turns:
        replies = talk.say(message)
    said = facts_said(municipality, replies)
    assert any(Entry(municipality, fact.topic, fact=fact).for_outsider(lives_in) for fact in said), text(replies)


# 3. The answer first.


@pytest.mark.parametrize(
    ("message", "municipality", "topic"),
    [
        ("hvad er adressen på rusmiddelcentret i faxe", "faxe", "kontakt"),
        ("tilbyder odsherred anonym behandling", "odsherred", "anonym"),
        ("skal man bo i vordingborg kommune for at få hjælp", "vordingborg", "maalgruppe"),
    ],
)
def test_what_can_be_answered_at_once_is_not_met_with_a_question(
    stack: Stack, message: str, municipality: str, topic: str
) -> None:
    replies = Conversation(stack).say(message)
    assert ASK_AGE not in text(replies)
    assert topic in topics_of(facts_said(municipality, replies)), text(replies)


def test_an_answer_that_differs_by_age_is_grouped_with_buttons_to_narrow_it(stack: Stack) -> None:
    replies = Conversation(stack).say("hvor kan man henvende sig i brønderslev om stoffer")
    assert ASK_AGE not in text(replies)
    said = facts_said("broenderslev", replies)
    ages = {fact.ages for fact in said if fact.ages}
    if len(ages) > 1:  # facts for different ages carry their ages, and buttons narrow
        assert any(re.search(r"Kommune: (Under|\d+)", reply["text"]) for reply in replies)
        assert any(b["payload"].startswith("/inform_age") for reply in replies for b in reply["buttons"])


# 4. The relevant fact, briefly.


@pytest.mark.parametrize(
    ("message", "municipality", "detail"),
    [
        ("hvad er nummeret til ungecenter brønderslev", "broenderslev", "broenderslev-kontakt-ungecenter"),
        ("hvem betaler transporten til døgnbehandling i odsherred", "odsherred", "odsherred-pris-transport"),
        ("hvornår følger de op efter behandling på frb", "frederiksberg", "frederiksberg-behandlingsplan-opfoelgning"),
    ],
)  # fmt: skip
def test_a_specific_detail_is_found(stack: Stack, message: str, municipality: str, detail: str) -> None:
    """The detail asked for is among the one to three facts shown (or said in another fact's words)."""
    replies = Conversation(stack).say(message)
    said = facts_said(municipality, replies)
    assert 1 <= len(said) <= MAX_FACTS, text(replies)
    wanted = KB.facts_by_id[detail]
    assert wanted in said or any(phone_of(wanted) in fact.answer for fact in said if wanted.topic == "kontakt"), [
        fact.id for fact in said
    ]


def test_the_rest_of_a_topic_is_one_button_away(stack: Stack) -> None:
    talk = Conversation(stack)
    first = talk.say("hvad koster det i odsherred")
    shown = facts_said("odsherred", first)
    more = [b for reply in first for b in reply["buttons"] if b["title"].startswith("Mere om")]
    assert more, text(first)
    rest = facts_said("odsherred", talk.say(more[0]["payload"]))
    assert rest
    assert not set(rest) & set(shown)
    assert {fact.topic for fact in rest} == {"pris"}


@pytest.mark.parametrize(
    "message",
    [
        "hvad bliver vejret i morgen",
        "hvem vandt superligaen",
        "hvordan laver man pizza",
        # "pas" is also a form of "passe", which the facts use: the classifier's certainty weighs in.
        "hvordan fornyer jeg mit pas",
    ],
)
def test_out_of_scope_says_plainly_it_cannot_help(stack: Stack, message: str) -> None:
    """Either as out of scope or as nothing in the standards answering it: plainly, with no facts."""
    replies = Conversation(stack).say(message)
    assert OUT_OF_SCOPE in text(replies) or CLARIFY in text(replies)
    assert not any(reply["sources"] for reply in replies)


def test_a_question_after_a_laugh_at_an_out_of_scope_answer_is_answered(stack: Stack) -> None:
    talk = Conversation(stack)
    talk.say("hvem vinder x factor i år")
    answered = talk.say("haha okay. hvordan klager jeg over en behandler i odsherred")
    assert "klage" in topics_of(facts_said("odsherred", answered)), text(answered)


@pytest.mark.parametrize(
    ("message", "municipality"),
    [
        ("haha, nej tak. bliver folk der tager ketamin behandlet i brønderslev", "broenderslev"),
        ("haha ok. men behandler I folk der ryger hash i odsherred", "odsherred"),
    ],
)
def test_treatment_of_a_drug_asked_after_an_out_of_scope_answer_is_answered(
    stack: Stack, message: str, municipality: str
) -> None:
    talk = Conversation(stack)
    talk.say("kan du finde en billig flybillet til mig")
    answered = talk.say(message)
    assert facts_said(municipality, answered), text(answered)


def test_a_question_nothing_answers_gets_what_vejviser_can_help_with(stack: Stack) -> None:
    replies = Conversation(stack).say("xq zzv plorp")
    assert CLARIFY in text(replies) or OUT_OF_SCOPE in text(replies)
    assert any(reply["buttons"] for reply in replies)


# 5. Several aspects in one message.


def test_a_relative_the_age_and_the_substance_in_one_message(stack: Stack) -> None:
    """A parent of a 15-year-old in Faxe gets what applies at 15, never what is for adults only."""
    replies = Conversation(stack).say("min datter på 15 ryger hash, vi bor i faxe. hvor kan hun få hjælp")
    said = facts_said("faxe", replies)
    assert said, text(replies)
    assert all(fact.applies_to(15) for fact in said), [fact.id for fact in said]
    assert ASK_AGE not in text(replies)


@pytest.mark.parametrize(
    ("message", "municipality", "age"),
    [
        ("er 19 og tager alt for meget speed for tiden, bor i vordingborg", "vordingborg", 19),
        ("jeg er 34 og snifer coke hver weekend. bor i brønderslev", "broenderslev", 34),
        ("16 år, ryger skunk hver dag og bor på frederiksberg", "frederiksberg", 16),
    ],
)
def test_telling_of_drug_use_without_asking_gets_where_to_turn(
    stack: Stack, message: str, municipality: str, age: int
) -> None:
    """No question, only the situation: the contact points for that age, not "I am not sure what you ask"."""
    replies = Conversation(stack).say(message)
    said = facts_said(municipality, replies)
    assert "kontakt" in topics_of(said), text(replies)
    assert all(fact.applies_to(age) for fact in said), [fact.id for fact in said]


@pytest.mark.parametrize(("municipality", "town", "age"), [("vordingborg", "præstø", 19), ("frederiksberg", "frb", 45)])
def test_a_relative_who_says_the_others_age_hears_what_relatives_get_and_where_the_other_can_go(
    stack: Stack, municipality: str, town: str, age: int
) -> None:
    talk = Conversation(stack)
    talk.say(f"hvad kan jeg gøre som forælder, min søn på {age} tager kokain")
    said = facts_said(municipality, talk.say(f"vi bor i {town}"))
    assert "paaroerende" in topics_of(said), [fact.id for fact in said]
    contacts = [fact for fact in said if fact.topic == "kontakt"]
    assert contacts, [fact.id for fact in said]
    assert all(fact.applies_to(age) for fact in contacts)


def test_the_age_given_once_holds_for_the_next_questions(stack: Stack) -> None:
    talk = Conversation(stack)
    talk.say("min søn er 16 og bor i brønderslev")
    said = facts_said("broenderslev", talk.say("hvem skal han ringe til"))
    assert said
    assert all(fact.applies_to(16) for fact in said), [fact.id for fact in said]


# 6. English.


@pytest.mark.parametrize(
    ("message", "municipality", "topic"),
    [
        ("how much does treatment cost in odsherred", "odsherred", "pris"),
        ("can I be anonymous in faxe?", "faxe", "anonym"),
        ("how do I complain about a decision in vordingborg", "vordingborg", "klage"),
    ],
)
def test_english_questions_reach_the_right_topic(stack: Stack, message: str, municipality: str, topic: str) -> None:
    replies = Conversation(stack).say(message)
    assert topic in topics_of(facts_said(municipality, replies, english=True)), text(replies)


# Each fact whose standard names a body that no longer handles complaints, or counts the guarantee from a later
# point than the law: typed, through the chat, its national note must follow it (issue 16).
NOTED = [
    ("vordingborg", "hvor kan jeg klage over lægen i vordingborg", "vordingborg-klage-sundhed"),
    ("broenderslev", "hvor klager jeg over lægens behandling i brønderslev", "broenderslev-klage-laege"),
    ("odsherred", "hvor lang tid skal jeg vente på behandling i odsherred", "odsherred-behandlingsgaranti-14-dage"),
]


@pytest.mark.parametrize(("municipality", "message", "fact_id"), NOTED)
def test_a_national_note_follows_the_standards_own_words(
    stack: Stack, municipality: str, message: str, fact_id: str
) -> None:
    fact = KB.facts_by_id[fact_id]
    replies = Conversation(stack).say(message)
    said = [reply["text"] for reply in replies]
    shown = next(i for i, reply in enumerate(said) if fact.answer in reply)
    (note,) = fact.notes
    assert said[shown + 1] == note.answer, "the note comes right after the standard's words, without a municipality"
    assert replies[shown + 1]["sources"][0]["document"] == note.sources[0].document
