"""The guided script: its tree is complete, and every answer it reads aloud is the knowledge base's own."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
import yaml

from knowledge.answering import topic_answer
from knowledge.booking import load_booking_places, offered_to
from knowledge.files import KnowledgeError
from knowledge.load import KNOWLEDGE_DIR, knowledge_base
from knowledge.script import Followup, load_script, printable_script, script, script_step
from knowledge.spoken import spoken
from knowledge.validate import check_script

KB = knowledge_base()
TREE = script()
EVERY_STEP = list(itertools.product(KB.standards, TREE.callers, KB.topics))
PLACES = load_booking_places()


def test_the_committed_script_tree_has_no_problems() -> None:
    assert [str(problem) for problem in check_script(KB, TREE)] == []


def test_staff_can_say_who_is_calling() -> None:
    assert [caller.label for caller in TREE.callers.values()] == ["Borger", "Pårørende", "Ung under 18", "Fagperson"]
    assert TREE.callers["ung"].max_age == 17


@pytest.mark.parametrize(("municipality", "caller", "topic"), EVERY_STEP)
def test_every_answer_read_aloud_is_the_knowledge_bases_answer(municipality: str, caller: str, topic: str) -> None:
    """One source of truth: the phone reads exactly what the chat answers, said aloud, with the same sources."""
    who = TREE.callers[caller]
    step = script_step(KB, TREE, municipality, caller, topic)
    assert step.followups
    if step.age_groups:
        assert not step.read_aloud
        assert all(who.max_age is None or (group.max or 0) <= who.max_age for group in step.age_groups)
        return
    answer = topic_answer(KB, municipality, topic, who.audience, up_to=who.max_age)
    if answer.not_stated:
        assert step.status == "not_stated"
        assert step.read_aloud[0].text == spoken(answer.not_stated.answer)
        contacts = [said.fact for said in step.read_aloud[1:]]
        assert [said.text for said in step.read_aloud[1:]] == [spoken(fact.answer) for fact in contacts if fact]
        if who.max_age is None:
            assert contacts == [answer.not_stated.contact]
        assert all(fact is not None and fact.topic == "kontakt" for fact in contacts)
    elif answer.facts:
        assert step.status == "stated"
        # Each fact, then the national notes beside it.
        said = [fact for shown in answer.facts for fact in (shown, *shown.notes)]
        assert [said.fact for said in step.read_aloud] == said
        assert [said.text for said in step.read_aloud] == [spoken(fact.answer) for fact in said]
    else:
        assert step.status == "not_for_age"
        assert all(said.fact is not None and said.fact.topic == "kontakt" for said in step.read_aloud)


@pytest.mark.parametrize("municipality", sorted(KB.standards))
def test_a_caller_under_18_hears_no_fact_for_adults_only(municipality: str) -> None:
    for topic in KB.topics:
        step = script_step(KB, TREE, municipality, "ung", topic)
        facts = [said.fact for said in step.read_aloud if said.fact]
        assert all(fact.ages is None or fact.ages.min is None or fact.ages.min < 18 for fact in facts), topic


def test_an_age_group_chosen_gives_the_answer_for_that_age() -> None:
    asked = script_step(KB, TREE, "frederiksberg", "ung", "unge")
    assert [group.label for group in asked.age_groups] == ["under 15 år", "15-17 år"]
    fifteen = script_step(KB, TREE, "frederiksberg", "ung", "unge", age=15)
    assert [said.fact for said in fifteen.read_aloud] == list(
        topic_answer(KB, "frederiksberg", "unge", "ung", 15).facts
    )


def test_questions_lead_to_other_topics_or_to_booking() -> None:
    followups = TREE.followups_for("kontakt", "borger")
    assert any(followup.topic is None for followup in followups), "booking is offered"
    assert all(followup.topic in KB.topics for followup in followups if followup.topic)


def test_a_question_for_some_callers_only_is_not_offered_to_others() -> None:
    asks = {followup.ask for followup in TREE.followups_for("paaroerende", "borger")}
    assert "Er det en ung, du er bekymret for?" not in asks
    assert "Er det en ung, du er bekymret for?" in {f.ask for f in TREE.followups_for("paaroerende", "paaroerende")}


@pytest.mark.parametrize("municipality", sorted(KB.standards))
def test_the_printed_script_has_every_topic_for_every_caller(municipality: str) -> None:
    printed = printable_script(KB, TREE, municipality)
    assert [topic.topic.id for topic in printed] == list(KB.topics)
    for topic in printed:
        covered = [caller.id for variant in topic.variants if variant.age is None for caller in variant.callers]
        by_age = {caller.id for variant in topic.variants if variant.age for caller in variant.callers}
        assert sorted(set(covered) | by_age) == sorted(TREE.callers), topic.topic.id
        assert len(covered) == len(set(covered)), "each caller's answer once"


def _broken(tmp_path: Path, change: dict[str, object]) -> list[str]:
    tree = yaml.safe_load((KNOWLEDGE_DIR / "script.yml").read_text(encoding="utf-8"))
    tree.update(change)
    path = tmp_path / "script.yml"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    return [str(problem) for problem in check_script(KB, load_script(path))]


def test_a_caller_who_is_not_offered_every_topic_is_caught(tmp_path: Path) -> None:
    callers = yaml.safe_load((KNOWLEDGE_DIR / "script.yml").read_text(encoding="utf-8"))["callers"]
    callers[0]["topics"] = callers[0]["topics"][1:]
    assert _broken(tmp_path, {"callers": callers}) == [
        "script: borger: topics must list every topic of topics.yml once"
    ]


def test_a_topic_without_questions_and_a_question_to_nowhere_are_caught(tmp_path: Path) -> None:
    followups = yaml.safe_load((KNOWLEDGE_DIR / "script.yml").read_text(encoding="utf-8"))["followups"]
    del followups["gravid"]
    followups["klage"].append({"ask": "Vil du vide noget om vejret?", "topic": "vejret"})
    problems = _broken(tmp_path, {"followups": followups})
    assert "script: followups gravid: no question to ask next for borger" in problems
    assert any("'vejret'" in problem for problem in problems)


def test_a_script_that_breaks_the_schema_names_the_place(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = root / "script.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("      book: true", "      book: true\n      topic: pris", 1), "utf-8"
    )
    with pytest.raises(KnowledgeError) as raised:
        load_script(path)
    assert any(problem.startswith("script.yml: followups.") for problem in raised.value.problems)


def offers_booking(followups: tuple[Followup, ...]) -> bool:
    return any(followup.topic is None for followup in followups)


@pytest.mark.parametrize("municipality", sorted(PLACES))
def test_booking_is_offered_only_to_an_age_the_municipalitys_conversation_is_for(municipality: str) -> None:
    place = PLACES[municipality]
    young = TREE.callers["ung"]
    assert young.max_age is not None
    for_the_young = any(offered_to(place, age) for age in range(young.max_age + 1))
    assert offers_booking(script_step(KB, TREE, municipality, "ung", "kontakt", booking=place).followups) is (
        for_the_young
    )
    for age in (11, 17, 18, 45):
        step = script_step(KB, TREE, municipality, "borger", "kontakt", age, place)
        assert offers_booking(step.followups) is offered_to(place, age)
    assert offers_booking(script_step(KB, TREE, municipality, "borger", "kontakt", booking=place).followups)


@pytest.mark.parametrize("municipality", sorted(PLACES))
def test_the_printed_script_offers_a_young_caller_booking_only_where_it_is_for_them(municipality: str) -> None:
    place = PLACES[municipality]
    for_the_young = any(offered_to(place, age) for age in range(18))
    offered = [
        offers_booking(variant.step.followups)
        for printed in printable_script(KB, TREE, municipality, place)
        for variant in printed.variants
        if TREE.callers["ung"] in variant.callers
    ]
    assert any(offered) is for_the_young
