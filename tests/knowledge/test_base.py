from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge.answering import topic_answer
from knowledge.base import AgeRange, UnknownMunicipality, UnknownTopic
from knowledge.files import KnowledgeError
from knowledge.load import KNOWLEDGE_DIR, knowledge_base, load_knowledge

KB = knowledge_base()


@pytest.mark.parametrize(
    ("municipality", "adopted", "adopted_by", "valid_from", "valid_to"),
    [
        ("faxe", "2022-04-04", "Socialudvalget", None, None),
        ("odsherred", "2024-12-17", "Byrådet", "2025-01", "2026-12"),
        ("frederiksberg", None, None, None, None),
    ],
)
def test_metadata_says_what_the_standards_say_about_their_dates(
    municipality: str, adopted: str | None, adopted_by: str | None, valid_from: str | None, valid_to: str | None
) -> None:
    meta = KB.standard(municipality).meta
    assert (meta.adopted, meta.adopted_by) == (adopted, adopted_by)
    assert (meta.valid_from, meta.valid_to) == (valid_from, valid_to)


@pytest.mark.parametrize("municipality", sorted(KB.standards))
def test_every_standard_has_a_title_laws_and_sections(municipality: str) -> None:
    standard = KB.standard(municipality)
    assert standard.meta.title
    assert standard.meta.laws
    assert len(standard.sections) == len({entry.heading for entry in standard.meta.sections}) >= 5
    assert all(start < end for section in standard.sections for start, end in section.spans)


def test_municipalities_are_ordered_by_name() -> None:
    names = [standard.name for standard in KB.standards.values()]
    assert names == ["Brønderslev", "Faxe", "Frederiksberg", "Odsherred", "Vordingborg"]


def test_an_answer_has_facts_with_sources_or_says_nothing_is_stated() -> None:
    for municipality in KB.standards:
        for topic in KB.topics:
            answer = topic_answer(KB, municipality, topic)
            assert bool(answer.facts) != bool(answer.not_stated), (municipality, topic)
            assert all(fact.sources for fact in answer.facts)


def test_an_audience_with_facts_of_its_own_gets_those_and_the_ones_for_all() -> None:
    for municipality in KB.standards:
        for topic in KB.topics:
            every = topic_answer(KB, municipality, topic).facts
            relatives = topic_answer(KB, municipality, topic, "pårørende").facts
            if any(fact.audience == "pårørende" for fact in every):
                assert list(relatives) == [fact for fact in every if fact.audience in ("pårørende", "alle")]
            else:
                assert relatives == every


def test_a_relative_asking_whom_to_call_gets_every_contact_point() -> None:
    assert (
        topic_answer(KB, "frederiksberg", "kontakt", "pårørende").facts
        == topic_answer(KB, "frederiksberg", "kontakt").facts
    )


@pytest.mark.parametrize(
    ("municipality", "age", "expected"),
    [
        ("broenderslev", 25, {"broenderslev-kontakt-ungecenter", "broenderslev-kontakt-rusmiddelcenter"}),
        ("broenderslev", 30, {"broenderslev-kontakt-visitationen", "broenderslev-kontakt-rusmiddelcenter"}),
        ("frederiksberg", 16, {"frederiksberg-kontakt-ungecenter", "frederiksberg-kontakt-familieafdelingen"}),
    ],
)
def test_contacts_by_age_follow_the_standard(municipality: str, age: int, expected: set[str]) -> None:
    assert topic_answer(KB, municipality, "kontakt").age_groups
    found = {fact.id for fact in topic_answer(KB, municipality, "kontakt", age=age).facts}
    assert expected <= found
    assert all(fact.applies_to(age) for fact in topic_answer(KB, municipality, "kontakt", age=age).facts)


def test_no_age_is_asked_when_every_age_gets_the_same_answer() -> None:
    assert topic_answer(KB, "faxe", "kontakt").age_groups == ()


def test_unknown_municipality_and_topic_raise() -> None:
    with pytest.raises(UnknownMunicipality):
        topic_answer(KB, "aarhus", "kontakt")
    with pytest.raises(UnknownTopic):
        topic_answer(KB, "faxe", "vejret")


def test_files_that_break_the_schema_are_reported_with_their_place(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    facts = root / "facts" / "faxe.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("audience: alle", "audience: nogen", 1), "utf-8")
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(root)
    assert any(problem.startswith("faxe.yml: facts.") and "audience" in problem for problem in raised.value.problems)


def test_one_municipality_can_be_loaded_alone() -> None:
    assert list(load_knowledge(only="odsherred").standards) == ["odsherred"]


@pytest.mark.parametrize(
    ("municipality", "topic"),
    [("frederiksberg", "kontakt"), ("faxe", "anonym"), ("faxe", "maalgruppe"), ("vordingborg", "kontakt")],
)
def test_up_to_an_age_gives_only_the_facts_for_those_ages(municipality: str, topic: str) -> None:
    """A caller under 18: the answer for under 18, without asking, where it is the same for every age below."""
    answer = topic_answer(KB, municipality, topic, up_to=17)
    assert answer.age_groups == ()
    assert answer.facts
    assert all(fact.ages is None or fact.ages.min is None or fact.ages.min <= 17 for fact in answer.facts)
    assert answer.facts == topic_answer(KB, municipality, topic, age=17).facts


def test_up_to_an_age_asks_only_about_the_groups_below_it() -> None:
    """Frederiksberg's offer for young people starts at 15: under 18 are two groups, and 18 or older none."""
    groups = topic_answer(KB, "frederiksberg", "unge", "ung", up_to=17).age_groups
    assert [group.label for group in groups] == ["under 15 år", "15-17 år"]


@pytest.mark.parametrize(
    ("low", "high", "label"),
    [(None, 17, "under 18 år"), (18, None, "18 år eller ældre"), (15, 17, "15-17 år"), (25, 25, "25 år")],
)
def test_an_age_group_is_named_as_people_say_it(low: int | None, high: int | None, label: str) -> None:
    assert AgeRange(low, high).label == label


@pytest.mark.parametrize(
    ("number", "problem"),
    [('phone: "70 201 202"', "is not in the answer"), ('phone: "ring 112"', "must be digits")],
)
def test_an_emergency_number_must_be_the_one_its_fact_gives(tmp_path: Path, number: str, problem: str) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    national = root / "national.yml"
    national.write_text(national.read_text("utf-8").replace('phone: "70 201 201"', number, 1), "utf-8")
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(root)
    assert any(found.startswith("national.yml") and problem in found for found in raised.value.problems)
