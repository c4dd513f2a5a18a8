"""The checks of the committed knowledge base, and proof that they catch what they are meant to catch."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from knowledge.base import AgeRange, Fact, KnowledgeBase
from knowledge.load import knowledge_base
from knowledge.text import phones
from knowledge.validate import (
    check_completeness,
    check_fact,
    check_grounded,
    check_municipality,
    check_national,
    validate,
)

KB = knowledge_base()
SHARED_STANDARDS = Path(__file__).resolve().parents[3] / "shared" / "standards"
QUOTED = [(fact, index) for fact in KB.all_facts() for index in range(len(fact.sources))]


def test_the_committed_knowledge_base_has_no_problems() -> None:
    assert [str(problem) for problem in validate(KB)] == []


def test_there_are_five_municipalities_and_every_topic() -> None:
    assert list(KB.standards) == ["broenderslev", "faxe", "frederiksberg", "odsherred", "vordingborg"]
    assert len(KB.topics) == 17


@pytest.mark.parametrize("municipality", sorted(KB.standards))
def test_the_committed_sources_are_the_standards_unchanged(municipality: str) -> None:
    standard = KB.standard(municipality)
    assert standard.sha256 == standard.meta.sha256
    shared = SHARED_STANDARDS / f"{municipality}.txt"
    if shared.is_file():  # beside this checkout on the machine that wrote it; not in every CI clone
        assert shared.read_text(encoding="utf-8") == standard.text


def _fact_problems(fact: Fact) -> list[str]:
    return [
        str(problem) for problem in check_fact(fact, KB.standard(str(fact.municipality)), KB.topics[fact.topic].english)
    ]


def _with_quote(fact: Fact, index: int, quote: str) -> Fact:
    sources = list(fact.sources)
    sources[index] = dataclasses.replace(sources[index], quote=quote)
    return dataclasses.replace(fact, sources=tuple(sources))


def _one_character_changed(text: str) -> str:
    """The middle letter replaced by another letter."""
    letters = [i for i, char in enumerate(text) if char.isalpha()]
    i = letters[len(letters) // 2]
    return text[:i] + ("x" if text[i].lower() != "x" else "y") + text[i + 1 :]


@pytest.mark.parametrize(("fact", "index"), QUOTED, ids=[f"{fact.id}-{index + 1}" for fact, index in QUOTED])
def test_changing_one_character_of_any_quote_fails_and_names_it(fact: Fact, index: int) -> None:
    changed = _one_character_changed(str(fact.sources[index].quote))
    problems = _fact_problems(_with_quote(fact, index, changed))
    assert any(f"source {index + 1}" in problem and repr(changed) in problem for problem in problems), problems


PHONES = [(m, phone) for m, standard in KB.standards.items() for phone in sorted(phones(standard.text))]


@pytest.mark.parametrize(("municipality", "phone"), PHONES)
def test_removing_the_facts_with_any_phone_number_fails_completeness(municipality: str, phone: str) -> None:
    kept = tuple(fact for fact in KB.facts[municipality] if phone not in phones(fact.answer))
    assert len(kept) < len(KB.facts[municipality]), "no fact carries this phone"
    problems = [str(problem) for problem in check_completeness(KB.standard(municipality), kept)]
    assert f"{municipality}: completeness: telefon {phone!r} is in the text but in no answer" in problems


def _kb_with(municipality: str, *facts: Fact) -> KnowledgeBase:
    """The committed knowledge base with one municipality's facts replaced."""
    return dataclasses.replace(KB, facts={**KB.facts, municipality: facts})


def _faxe_fact(topic: str = "kontakt") -> Fact:
    return next(fact for fact in KB.facts["faxe"] if fact.topic == topic)


def _problems(kb: KnowledgeBase, municipality: str = "faxe") -> list[str]:
    return [str(problem) for problem in check_municipality(kb, municipality)]


def test_an_invented_number_in_an_answer_is_caught() -> None:
    fact = _faxe_fact()
    invented = dataclasses.replace(fact, answer=fact.answer + " Ring også på 22 34 56 78.")
    others = tuple(other for other in KB.facts["faxe"] if other is not fact)
    assert f"faxe: {fact.id}: the answer says 22345678, which none of its quotes says" in _problems(
        _kb_with("faxe", invented, *others)
    )


def test_a_law_the_standard_never_cites_is_caught() -> None:
    fact = _faxe_fact()
    source = dataclasses.replace(fact.sources[0], law="Serviceloven § 999")
    problems = _fact_problems(dataclasses.replace(fact, sources=(source,)))
    assert any("§ 999" in problem for problem in problems)


def test_a_quote_under_the_wrong_section_is_caught() -> None:
    fact = _faxe_fact()
    other_section = next(s.heading for s in KB.standard("faxe").sections if s.heading != fact.sources[0].section)
    source = dataclasses.replace(fact.sources[0], section=other_section)
    problems = _fact_problems(dataclasses.replace(fact, sources=(source,)))
    assert any("quote not under" in problem for problem in problems)


def test_a_hard_answer_is_caught() -> None:
    fact = _faxe_fact()
    hard = dataclasses.replace(
        fact,
        answer="Kommunalbestyrelsens stofmisbrugsbehandlingstilbud iværksættes efter visitationssamtalens "
        "gennemførelse i overensstemmelse med kvalitetsstandardens bestemmelser og lovgivningens krav",
    )
    assert any("LIX" in problem for problem in _fact_problems(hard))


def test_a_topic_without_facts_or_not_stated_is_caught() -> None:
    kept = tuple(fact for fact in KB.facts["faxe"] if fact.topic != "klage")
    assert "faxe: klage: topic has neither facts nor a not_stated entry" in _problems(_kb_with("faxe", *kept))


def test_core_topics_need_english() -> None:
    fact = _faxe_fact("pris")
    assert f"faxe: {fact.id}: facts on pris need answer_en, for people who write in English" in _fact_problems(
        dataclasses.replace(fact, answer_en=None)
    )


def test_an_age_limit_must_be_quoted() -> None:
    fact = _faxe_fact("kontakt")
    problems = _fact_problems(dataclasses.replace(fact, ages=AgeRange(min=65, max=None)))
    assert f"faxe: {fact.id}: age limit 65 is not in the fact's quotes" in problems


@pytest.mark.parametrize(("low", "high"), [(None, 29), (30, None), (15, 17)])
def test_upper_limits_may_be_quoted_as_the_next_age(low: int | None, high: int | None) -> None:
    fact = dataclasses.replace(_faxe_fact(), ages=AgeRange(low, high))
    quote = "under 30 år, fyldt 30 år, 15-17 år"
    grounded = dataclasses.replace(fact, sources=(dataclasses.replace(fact.sources[0], quote=quote),))
    assert not [problem for problem in check_grounded(grounded, "faxe") if "age limit" in str(problem)]


def test_national_facts_are_named_or_quoted() -> None:
    assert set(KB.national) >= {"national-akut-112", "national-akut-livslinien", "national-kommunen-skal-tilbyde"}
    assert "70 201 201" in KB.national["national-akut-livslinien"].answer
    assert KB.national["national-akut-112"].sources[0].url
    rule = KB.national["national-kommunen-skal-tilbyde"]
    assert rule.sources[0].municipality == "faxe"
    assert list(check_national(KB)) == []


def test_a_national_quote_that_is_not_verbatim_is_caught() -> None:
    rule = KB.national["national-kommunen-skal-tilbyde"]
    changed = _with_quote(rule, 0, _one_character_changed(str(rule.sources[0].quote)))
    kb = dataclasses.replace(KB, national={rule.id: changed})
    assert any("not verbatim" in str(problem) for problem in check_national(kb))
