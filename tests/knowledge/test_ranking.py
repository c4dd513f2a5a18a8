"""Finding the facts that answer a question, with the real knowledge base and the same Danish pipeline as the
service; and choosing the one to three to show (knowledge/answering.py)."""

from __future__ import annotations

import pytest

from danish.pipeline import resolve_pipeline
from knowledge.answering import ANSWER_FIRST_WORDS, MAX_FACTS, answer_question
from knowledge.load import KNOWLEDGE_DIR, knowledge_base
from knowledge.places import load_places
from knowledge.ranking import Entry, FactIndex, Question, looks_english
from service.nlp import fact_index

KB = knowledge_base()
INDEX: FactIndex = fact_index(resolve_pipeline(), KB, load_places(), KNOWLEDGE_DIR / "synonyms.yml")


def best(municipality: str, question: Question) -> str:
    ranked = INDEX.rank(question, municipality)
    entry = ranked[0].entry
    return entry.fact.id if entry.fact else f"not_stated:{entry.topic}"


@pytest.mark.parametrize(
    ("municipality", "text", "expected"),
    [
        ("faxe", "hvilket nummer skal jeg ringe på", "faxe-kontakt-rusmiddelcenter"),
        ("frederiksberg", "hvornår har ungecentret åbent", "frederiksberg-kontakt-ungecenter"),
        ("odsherred", "kan man få et gavekort hvis man træner", "odsherred-tilbud-move-gavekort"),
        ("vordingborg", "hvor mange uger varer gruppen i det anonyme tilbud", "vordingborg-anonym-forloeb"),
        ("broenderslev", "hvornår følger de op når behandlingen er slut", "broenderslev-behandlingsplan-efter"),
        ("faxe", "jeg er gravid, hvad gør jeg", "not_stated:gravid"),
        # "tit" and "tidligere" are stop words, but here they say what is asked (synonyms.yml `meaningful`).
        ("odsherred", "hvor tit er der samtaler", "odsherred-tilbud-intensitet"),
        (
            "broenderslev",
            "er der noget særligt, hvis man tidligere har været i behandling",
            "broenderslev-visitation-vurdering",
        ),
    ],
)
def test_a_question_finds_the_fact_that_answers_it(municipality: str, text: str, expected: str) -> None:
    assert best(municipality, Question(text)) == expected


@pytest.mark.parametrize(
    ("text", "cued"),
    [
        ("hvor kan jeg gaa hen", ["kontakt"]),
        ("hvor skal min søn hen for at få hjælp", ["kontakt"]),
        ("hvem kan jeg ringe til", ["kontakt"]),
        ("hvem ringer jeg til", ["kontakt"]),
        ("hvor ringer man hen", ["kontakt"]),
        ("som pårørende, hvad kan jeg få", ["paaroerende"]),
        ("hvem kan hjælpe mig", ["kontakt"]),
        ("jeg vil gerne ha hjælp", ["kontakt"]),
        ("har brug for hjælp til at stoppe", ["kontakt"]),
        ("where can I get help", ["kontakt"]),
        ("I'm 24 and need help to quit drugs", ["kontakt"]),
        ("hvor lang tid skal jeg vente", []),
        ("hvem kan få hjælp", []),
    ],
)
def test_a_phrasing_that_asks_whom_to_contact_is_cued(text: str, cued: list[str]) -> None:
    assert INDEX.cued_topics(text) == cued


@pytest.mark.parametrize("municipality", list(KB.standards))
def test_asking_where_to_go_finds_a_contact_point(municipality: str) -> None:
    assert INDEX.rank(Question("hvor kan jeg gå hen for at få hjælp"), municipality)[0].entry.topic == "kontakt"


@pytest.mark.parametrize("municipality", list(KB.standards))
def test_a_phrasing_that_asks_whom_to_contact_keeps_its_topic_beside_words_that_match_another(
    municipality: str,
) -> None:
    """ "hjælp" matches who can get help well; "hvor kan man få hjælp" still asks where to turn."""
    question = Question(f"hvor kan man få hjælp i {KB.standards[municipality].name}", topics={"kontakt": 1.0}, age=45)
    assert INDEX.rank(question, municipality)[0].entry.topic == "kontakt"


@pytest.mark.parametrize(
    ("municipality", "text", "guessed", "expected"),
    [
        ("vordingborg", "hvor lang tid varer det anonyme gruppeforløb", "tilbud", "vordingborg-anonym-forloeb"),
        ("faxe", "hvor lang tid varer det anonyme forløb", "tilbud", "faxe-anonym-forloeb"),
        ("faxe", "kan jeg klage over lægen", "tilbud", "faxe-klage-patientklager"),
    ],
)
def test_the_classifiers_topic_does_not_outweigh_the_fact_whose_words_are_asked(
    municipality: str, text: str, guessed: str, expected: str
) -> None:
    ranked = INDEX.rank(Question(text, topics={guessed: 0.96}), municipality)
    found = next(r for r in ranked if r.entry.fact and r.entry.fact.id == expected)
    unmatched = [r.score for r in ranked if r.entry.topic == guessed and r.words < 0.02]
    assert unmatched
    assert found.score > max(unmatched)


@pytest.mark.parametrize("municipality", list(KB.standards))
def test_a_phrasing_that_asks_is_a_question_of_its_own_not_read_with_the_one_before(municipality: str) -> None:
    text = "ok tak. hvem kan jeg tale med om mit forbrug"
    alone = INDEX.rank(Question(text), municipality)
    after = INDEX.rank(Question(text, context="er det anonymt at snakke med dig"), municipality)
    assert [(r.entry, r.score) for r in after] == [(r.entry, r.score) for r in alone]


def test_a_follow_up_in_one_word_keeps_to_the_topic_before() -> None:
    question = Question("og bygningen?", context="hvor ligger rusmiddelcentret", previous_topic="kontakt")
    assert best("faxe", question) == "faxe-kontakt-rusmiddelcenter"


def test_the_classifiers_topic_decides_between_facts_that_match_alike() -> None:
    text = "hvad skal jeg gøre"
    assert INDEX.rank(Question(text, topics={"klage": 0.9}), "faxe")[0].entry.topic == "klage"
    assert INDEX.rank(Question(text, topics={"visitation": 0.9}), "faxe")[0].entry.topic == "visitation"


@pytest.mark.parametrize("age", [10, 15, 17, 18, 24, 25, 29, 30, 45])
@pytest.mark.parametrize("municipality", list(KB.standards))
def test_a_fact_for_another_age_is_never_ranked(municipality: str, age: int) -> None:
    ranked = INDEX.rank(Question("hvem kan jeg kontakte", age=age), municipality)
    assert all(r.entry.fact is None or r.entry.fact.applies_to(age) for r in ranked)


@pytest.mark.parametrize("municipality", list(KB.standards))
def test_a_relative_gets_the_facts_written_for_relatives_first(municipality: str) -> None:
    first = INDEX.rank(Question("kan jeg få hjælp", audience="pårørende"), municipality)[0].entry
    assert first.fact is not None
    assert first.fact.audience == "pårørende"


def test_english_words_find_danish_facts() -> None:
    question = Question("how long do I have to appeal a decision", english=True)
    assert INDEX.rank(question, "vordingborg")[0].entry.topic == "klage"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("og i faxe?", 0),
        ("hvad hvis hun var 25", 0),
        ("samme spørgsmål men for odsherred", 0),
        ("jeg bor i haslev og er 30", 0),
        ("hvor lang er ventetiden", 2),
        ("hvad koster døgnbehandling", 2),
    ],
)
def test_a_message_that_only_gives_a_value_asks_nothing(text: str, asked: int) -> None:
    assert INDEX.asked(text) == asked


@pytest.mark.parametrize(
    ("text", "known"),
    [("hvem vandt superligaen", 0), ("hvad synes du om politikerne", 0), ("hvad koster det", 1), ("jeg ryger hash", 1)],
)
def test_the_words_the_standards_know_are_counted(text: str, known: int) -> None:
    assert INDEX.known(text) == known


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("how much does it cost", True),
        ("is it free?", True),
        ("we live in Frederiksberg", True),
        ("hvad koster det", False),
        ("hej med dig", False),
        ("vi bor i odsherred", False),
    ],
)
def test_english_is_told_from_danish(text: str, english: bool) -> None:
    assert looks_english(text) is english


# --- Choosing what to show -----------------------------------------------------------------------------------


def test_an_answer_shows_at_most_three_facts_and_counts_the_rest_of_the_topic() -> None:
    answer = answer_question(KB, INDEX, Question("hvordan klager jeg"), "odsherred")
    assert answer is not None
    assert 1 <= len(answer.facts) <= MAX_FACTS
    on_topic = [fact for fact in KB.facts["odsherred"] if fact.topic == answer.topic.id]
    assert answer.more == len([fact for fact in on_topic if fact not in answer.facts])


def test_a_short_answer_that_differs_by_age_is_given_at_once_under_each_age() -> None:
    answer = answer_question(KB, INDEX, Question("hvem skal jeg ringe til", topics={"kontakt": 1.0}), "frederiksberg")
    assert answer is not None
    assert answer.groups
    assert sum(len(fact.answer.split()) for fact in answer.facts) <= ANSWER_FIRST_WORDS
    labelled = [group.ages for group in answer.groups if group.ages]
    assert len(labelled) >= 2  # under 18 and 18 or older, each under its own ages


def test_a_long_answer_that_differs_by_age_waits_for_the_age() -> None:
    answer = answer_question(
        KB, INDEX, Question("hvor kan jeg gå hen og få hjælp", topics={"kontakt": 1.0}), "frederiksberg"
    )
    assert answer is not None
    assert answer.age_groups
    assert not answer.groups


@pytest.mark.parametrize("municipality", list(KB.standards))
def test_without_an_age_an_answer_leaves_no_age_without_a_fact(municipality: str) -> None:
    """Words that match only what holds for young people ("hash") still leave an adult an answer."""
    answer = answer_question(KB, INDEX, Question("jeg ryger hash", topics={"kontakt": 1.0}), municipality)
    assert answer is not None
    for_some_ages = [fact.ages for fact in KB.facts[municipality] if fact.topic == "kontakt" and fact.ages]
    for age in {ages.example for ages in for_some_ages}:
        assert answer.age_groups or any(fact.applies_to(age) for fact in answer.facts), age


def test_a_question_for_one_named_place_is_answered_without_asking_the_age_first() -> None:
    text = "kan man skrive til ungecentret på frederiksberg i stedet for at ringe? hader at ringe"
    answer = answer_question(KB, INDEX, Question(text, topics={"kontakt": 1.0}), "frederiksberg")
    assert answer is not None
    assert "frederiksberg-kontakt-ungecenter" in [fact.id for fact in answer.facts]


def test_with_an_age_the_answer_is_that_ages_only() -> None:
    answer = answer_question(
        KB, INDEX, Question("hvor kan jeg gå hen og få hjælp", topics={"kontakt": 1.0}, age=16), "frederiksberg"
    )
    assert answer is not None
    assert answer.facts
    assert all(fact.applies_to(16) for fact in answer.facts)


def test_more_gives_the_rest_of_the_topic_and_nothing_shown_before() -> None:
    first = answer_question(KB, INDEX, Question("hvordan klager jeg", topics={"klage": 1.0}), "faxe")
    assert first is not None
    shown = frozenset(fact.id for fact in first.facts)
    rest = answer_question(
        KB, INDEX, Question("hvordan klager jeg"), "faxe", topic="klage", everything=True, exclude=shown
    )
    assert rest is not None
    ids = {fact.id for fact in rest.facts}
    assert not ids & shown
    assert ids | shown == {fact.id for fact in KB.facts["faxe"] if fact.topic == "klage"}


def test_a_silent_standard_says_so_and_names_whom_to_ask() -> None:
    answer = answer_question(KB, INDEX, Question("er der hjælp til gravide", topics={"gravid": 1.0}), "faxe")
    assert answer is not None
    assert answer.not_stated is not None
    assert answer.not_stated.contact is not None


def test_nothing_is_answered_when_nothing_matches() -> None:
    assert answer_question(KB, INDEX, Question("hvordan bliver vejret i morgen"), "faxe") is None


def test_a_danish_word_is_not_taken_for_a_misspelt_word_of_the_facts() -> None:
    """ "deroppe" (up there) is one letter from "droppe" (drop out), which a fact has."""
    own, _ = INDEX.query_terms("hvad kan man få af behandling deroppe")
    assert "deroppe" in own
    ranked = INDEX.rank(Question("hvad kan man få af behandling deroppe", topics={"tilbud": 0.9}), "broenderslev")
    assert ranked[0].entry.topic == "tilbud"
    assert INDEX.rank(Question("kan jeg få hjaelp anonymt hvis jeg er 17 år"), "faxe")[0].words > 0


OUTSIDERS_WRITTEN_FOR = [
    m for m in KB.standards if any(Entry(m, f.topic, fact=f).for_outsider("Randers") for f in KB.facts[m])
]


@pytest.mark.parametrize("municipality", OUTSIDERS_WRITTEN_FOR)
def test_someone_from_another_municipality_gets_the_facts_written_for_them_first(municipality: str) -> None:
    text = "hvad skal jeg gøre"
    first = INDEX.rank(Question(text, lives_elsewhere="Randers"), municipality)[0].entry
    assert first.for_outsider("Randers"), first
    assert not INDEX.rank(Question(text), municipality)[0].entry.for_outsider("Randers")


def test_a_fact_naming_the_municipality_the_person_lives_in_comes_first() -> None:
    question = Question("kan jeg få anonym behandling", topics={"anonym": 0.9}, lives_elsewhere="Lolland")
    first = INDEX.rank(question, "vordingborg")[0].entry
    assert first.fact is not None
    assert "Lolland" in first.fact.answer


WITH_ADDRESSES = [m for m in KB.standards if any(Entry(m, f.topic, fact=f).gives_address for f in KB.facts[m])]


@pytest.mark.parametrize("municipality", WITH_ADDRESSES)
@pytest.mark.parametrize("text", ["hvor skal jeg møde op", "hvor ligger de henne"])
def test_a_question_that_asks_where_gets_an_address_first(municipality: str, text: str) -> None:
    assert INDEX.rank(Question(text, topics={"kontakt": 0.5}), municipality)[0].entry.gives_address


@pytest.mark.parametrize("municipality", WITH_ADDRESSES)
@pytest.mark.parametrize(
    ("text", "topic"), [("hvor skal jeg gå hen", "kontakt"), ("hvor skal jeg gå hen med det", "visitation")]
)
def test_an_answer_to_a_question_that_asks_where_gives_an_address(municipality: str, text: str, topic: str) -> None:
    """ "Du kan gå direkte til Rusmiddelteamet" does not say where the team is: the answer adds it."""
    answer = answer_question(KB, INDEX, Question(text, topics={topic: 0.9}), municipality)
    assert answer is not None
    assert any(Entry(municipality, fact.topic, fact=fact).gives_address for fact in answer.facts)
    assert len(answer.facts) <= MAX_FACTS


def test_a_person_under_18_asking_about_anonymous_treatment_in_a_standard_for_adults_hears_so() -> None:
    """Brønderslev's standard is for adults; its anonymous treatment is for those over 18."""
    question = Question("kan jeg få anonym behandling", topics={"anonym": 0.95}, age=17)
    answer = answer_question(KB, INDEX, question, "broenderslev")
    assert answer is not None
    assert "kun for voksne" in answer.facts[0].answer


@pytest.mark.parametrize(
    "text", ["hvor lang tid tager det", "hvor mange samtaler får man", "hvor gammel skal man være"]
)
def test_asking_how_long_many_or_old_is_not_asking_where(text: str) -> None:
    with_address = [r for r in INDEX.rank(Question(text), "faxe") if r.entry.gives_address]
    assert all(r.score == round(r.words, 4) for r in with_address)


@pytest.mark.parametrize("municipality", list(KB.standards))
def test_a_follow_up_that_asks_where_is_about_what_was_said_last(municipality: str) -> None:
    """The classifier reads "hvor ligger det?" as a question about contact points; it asks where the thing the
    answer just before ended with is."""
    said = tuple(fact.id for fact in KB.facts[municipality] if fact.topic == "tilbud")[:2]
    question = Question("hvor ligger det", topics={"kontakt": 0.9}, previous_topic="tilbud", previous_facts=said)
    answer = answer_question(KB, INDEX, question, municipality)
    assert answer is not None
    assert said[-1] in [fact.id for fact in answer.facts]


def test_the_address_asked_for_is_of_the_place_the_answer_before_ended_with() -> None:
    """Complaints about a doctor go to Patientombuddet, told last: "hvad er adressen der?" gives its address."""
    said = ("vordingborg-klage-frist", "vordingborg-klage-sundhed")
    question = Question("hvad er adressen der", topics={"kontakt": 0.6}, previous_topic="klage", previous_facts=said)
    answer = answer_question(KB, INDEX, question, "vordingborg")
    assert answer is not None
    assert "Finsensvej 15" in " ".join(fact.answer for fact in answer.facts)


SILENCES = sorted(key for key in KB.not_stated if key[1] != "tilbud")


@pytest.mark.parametrize(("municipality", "topic"), SILENCES)
def test_a_standards_silence_answers_its_own_topic_not_the_question_after_it(municipality: str, topic: str) -> None:
    """ "og hvis det er hash, hvad kan man så få?" after a question the standard is silent on asks about treatment."""
    label = KB.topics[topic].label.lower()
    question = Question(
        "ok men hvad kan man så få af behandling",
        context=f"hvad med {label}",
        previous_topic=topic,
        topics={"tilbud": 0.9},
    )
    first = INDEX.rank(question, municipality)[0].entry
    assert first.silent is None, first
