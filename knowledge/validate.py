"""Checks that the knowledge base says only what the standards say, and all they say.

`python -m knowledge.validate [--municipality ID]` (make knowledge-check) prints every problem, the coverage
table and the readability figures, and exits 1 if there is any problem.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from danish.patterns import fold
from knowledge.base import Fact, KnowledgeBase, Source, Standard
from knowledge.booking import check_offers, load_booking_places
from knowledge.files import BookingPlace, KnowledgeError
from knowledge.load import KNOWLEDGE_DIR, load_knowledge
from knowledge.places import Places, load_places
from knowledge.script import Script, load_script
from knowledge.text import details, find_quote, lix, lix_summary, normalise, numbers

MAX_LIX = 45.0
MAX_MEDIAN_LIX = 35.0
# How a national note beside a standard's words begins, so that no one takes it for the standard's.
NOTE_MARK = "Landsdækkende note:"
NOTE_MARK_EN = "National note:"
# "fyldt 30 år eller tilkendt førtidspension": a way in other than age, which an age tag would leave out.
_AGE_OR_RE = re.compile(r"\b\d+ år,? eller (?!(?:ældre|derover|yngre|over|under|mere)\b)\w+", re.IGNORECASE)
_PARAGRAPH_RE = re.compile(r"§ ?(\d+)(?: ?([a-z])\b)?")


@dataclass(frozen=True)
class Problem:
    municipality: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.municipality}: {self.where}: {self.message}"


def _paragraphs(text: str) -> set[str]:
    """Law paragraphs cited in a text, e.g. {"§ 101 a", "§ 142"}."""
    return {f"§ {number} {letter}".strip() for number, letter in _PARAGRAPH_RE.findall(normalise(text))}


def check_standard(standard: Standard) -> Iterator[Problem]:
    m = standard.municipality
    where = f"sources/{m}.yml"
    if standard.sha256 != standard.meta.sha256:
        yield Problem(m, f"sources/{m}.txt", "the text differs from the committed standard (sha256)")
    seen: set[str] = set()
    if standard.starts != sorted(set(standard.starts)):
        yield Problem(m, where, "the sections do not begin in the order they are listed, each after the one before")
    for entry in standard.meta.sections:
        line = entry.printed_at or entry.line
        if not entry.continued and standard.heading_at(entry.heading, line) is None:
            yield Problem(m, where, f"heading {entry.heading!r} does not begin on line {line}")
        if entry.continued != (entry.heading in seen):
            problem = "continues no earlier entry" if entry.continued else "is listed twice without continued: true"
            yield Problem(m, where, f"section {entry.heading!r} {problem}")
        seen.add(entry.heading)


def check_quote(fact: Fact, number: int, source: Source, standard: Standard) -> Iterator[Problem]:
    """The quote lies verbatim under its section; a cited law paragraph is one the standard mentions."""
    m = standard.municipality
    where = f"{fact.id} source {number}"
    section = standard.section(source.section or "")
    quote = source.quote or ""
    if section is None:
        yield Problem(m, where, f"section {source.section!r} is not a heading listed in sources/{m}.yml")
    elif all(find_quote(quote, standard.normalised, start, end) is None for start, end in section.spans):
        anywhere = find_quote(quote, standard.normalised) is not None
        place = f"not under {source.section!r} but elsewhere" if anywhere else "not verbatim in the text"
        yield Problem(m, where, f"quote {place}: {quote!r}")
    if source.law:
        for paragraph in _paragraphs(source.law) - _paragraphs(standard.text):
            yield Problem(m, where, f"law {source.law!r} cites {paragraph}, which the text never mentions")


def check_grounded(fact: Fact, where: str) -> Iterator[Problem]:
    """Every number in the answers, and every age limit, is in the fact's own quotes; the answers read easily."""
    quoted = numbers(" ".join(source.quote or "" for source in fact.sources))
    for answer in (fact.answer, fact.answer_en or ""):
        for value in sorted(numbers(answer) - quoted):
            yield Problem(where, fact.id, f"the answer says {value}, which none of its quotes says")
    if fact.ages:
        # A quote gives a lower limit as itself ("fyldt 30 år": min 30), an upper one as itself ("15-17 år":
        # max 17) or as the next age ("under 30 år": max 29).
        wanted = [{fact.ages.min}] if fact.ages.min is not None else []
        if fact.ages.max is not None:
            wanted.append({fact.ages.max, fact.ages.max + 1})
        for options in wanted:
            if not {str(age) for age in options} & quoted:
                yield Problem(where, fact.id, f"age limit {min(options)} is not in the fact's quotes")
        for source in fact.sources:
            if found := _AGE_OR_RE.search(normalise(source.quote or "")):
                wider = f"'{found.group(0)}…' lets in more than an age: the age tag is narrower than the text"
                yield Problem(where, fact.id, wider)
    score = lix(fact.answer)
    if score > MAX_LIX:
        yield Problem(where, fact.id, f"LIX {score:.0f} is above {MAX_LIX:.0f}: shorter sentences, shorter words")


def check_fact(fact: Fact, standard: Standard, english: bool) -> Iterator[Problem]:
    m = standard.municipality
    if not fact.id.startswith(f"{m}-"):
        yield Problem(m, fact.id, f"the id must start with '{m}-'")
    for number, source in enumerate(fact.sources, 1):
        yield from check_quote(fact, number, source, standard)
    yield from check_grounded(fact, m)
    if english and not fact.answer_en:
        yield Problem(m, fact.id, f"facts on {fact.topic} need answer_en, for people who write in English")
    for keyword in fact.keywords:
        if keyword != keyword.strip().lower() or not keyword or numbers(keyword):
            yield Problem(m, fact.id, f"keyword {keyword!r}: lowercase words, no numbers (facts carry those)")
    if len(set(fact.keywords)) != len(fact.keywords):
        yield Problem(m, fact.id, "a keyword is listed twice")


def check_national(kb: KnowledgeBase) -> Iterator[Problem]:
    for fact in kb.national.values():
        if not fact.id.startswith("national-"):
            yield Problem("national", fact.id, "the id must start with 'national-'")
        for number, source in enumerate(fact.sources, 1):
            if source.municipality is not None:
                yield from check_quote(fact, number, source, kb.standard(source.municipality))
        if any(source.quote for source in fact.sources):
            yield from check_grounded(fact, "national")
        elif lix(fact.answer) > MAX_LIX:
            yield Problem("national", fact.id, f"LIX {lix(fact.answer):.0f} is above {MAX_LIX:.0f}")
    notes = {note.id for fact in kb.all_facts() for note in fact.notes}
    for fact in kb.all_facts():
        for note in fact.notes:
            if not note.sources:
                yield Problem("national", note.id, f"beside {fact.id}: quote its standard or name an organisation")
    for fact in kb.national.values():
        marked = fact.answer.startswith(NOTE_MARK) and (fact.answer_en or "").startswith(NOTE_MARK_EN)
        if (fact.id in notes) != marked:
            yield Problem("national", fact.id, f"a note, and only a note, begins {NOTE_MARK!r} ({NOTE_MARK_EN!r})")


def check_municipality(kb: KnowledgeBase, municipality: str) -> Iterator[Problem]:
    m = municipality
    standard = kb.standard(m)
    yield from check_standard(standard)
    facts = kb.facts[m]
    english = {topic.id for topic in kb.topics.values() if topic.english}
    for fact in facts:
        if fact.topic not in kb.topics:
            yield Problem(m, fact.id, f"unknown topic {fact.topic!r}")
        yield from check_fact(fact, standard, fact.topic in english)
    seen: set[str] = set()
    for fact in facts:
        if fact.id in seen:
            yield Problem(m, fact.id, "the id is used twice")
        seen.add(fact.id)
    stated = {fact.topic for fact in facts}
    silent = {topic for municipality, topic in kb.not_stated if municipality == m}
    for topic in kb.topics:
        if topic not in stated and topic not in silent:
            yield Problem(m, topic, "topic has neither facts nor a not_stated entry")
        if topic in stated and topic in silent:
            yield Problem(m, topic, "topic has facts and also a not_stated entry")
    for (municipality, topic), entry in kb.not_stated.items():
        if municipality != m:
            continue
        if topic not in kb.topics:
            yield Problem(m, f"not_stated {topic}", "unknown topic")
        if entry.contact is None or entry.contact.topic != "kontakt":
            yield Problem(m, f"not_stated {topic}", "contact must be the id of a kontakt fact of this municipality")
        if numbers(entry.answer):
            yield Problem(m, f"not_stated {topic}", "the answer has numbers; the contact fact carries them")
        if lix(entry.answer) > MAX_LIX:
            yield Problem(m, f"not_stated {topic}", f"LIX {lix(entry.answer):.0f} is above {MAX_LIX:.0f}")
        if topic in english and not entry.answer_en:
            yield Problem(m, f"not_stated {topic}", "needs answer_en, for people who write in English")
    yield from check_completeness(standard, facts)
    answers = [fact.answer for fact in facts]
    if answers and statistics.median(map(lix, answers)) > MAX_MEDIAN_LIX:
        yield Problem(m, "readability", f"median LIX of the answers is above {MAX_MEDIAN_LIX:.0f}")


def check_completeness(standard: Standard, facts: tuple[Fact, ...]) -> Iterator[Problem]:
    """Every phone, e-mail, street address, age and time limit in the text is carried by some answer."""
    in_text = details(standard.text)
    in_answers = details(" ".join(fact.answer for fact in facts))
    for kind, values in in_text.items():
        for value in sorted(values - in_answers[kind]):
            yield Problem(standard.municipality, "completeness", f"{kind} {value!r} is in the text but in no answer")


def check_booking(kb: KnowledgeBase, places: dict[str, BookingPlace]) -> Iterator[Problem]:
    """Every municipality has a place for the clarifying conversation, named by its own facts."""
    for m in sorted(set(kb.standards) ^ set(places)):
        yield Problem(m, "booking.yml", "needs exactly one entry per municipality")
    facts = kb.facts_by_id
    for m, entry in places.items():
        place = facts.get(entry.place.fact)
        if place is None or place.municipality != m or place.topic != "kontakt":
            yield Problem(m, "booking.yml", f"place.fact {entry.place.fact!r} is not a kontakt fact of {m}")
        else:
            quoted = normalise(" ".join(source.quote or "" for source in place.sources))
            for part in f"{entry.place.name}, {entry.place.address or ''}".split(","):
                if normalise(part) and normalise(part) not in quoted:
                    yield Problem(m, "booking.yml", f"{part.strip()!r} is not in the quotes of {place.id}")
        if entry.about not in facts or facts[entry.about].municipality != m:
            yield Problem(m, "booking.yml", f"about {entry.about!r} is not a fact of {m}")
        if not entry.hours.default:
            hours = facts.get(entry.hours.fact or "")
            quoted = normalise(" ".join(source.quote or "" for source in hours.sources)) if hours else ""
            for opens, closes in entry.hours.weekdays.values():
                for time in (opens, closes):
                    if time.strftime("%H.%M") not in quoted:
                        yield Problem(m, "booking.yml", f"opening hour {time:%H.%M} is not quoted by hours.fact")
    for m, message in check_offers(kb, places):
        yield Problem(m, "booking.yml", message)


def check_places(kb: KnowledgeBase, places: Places) -> Iterator[Problem]:
    """One entry per municipality; a name says one municipality only; a centre is named by its own standard."""
    for m in sorted(set(kb.standards) ^ set(places.covered)):
        yield Problem(m, "places.yml", "needs exactly one entry under covered per municipality")
    owners: dict[str, set[str]] = {}
    for m, names in places.covered.items():
        for name in names:
            owners.setdefault(fold(name), set()).add(m)
    for name in places.other_municipalities:
        owners.setdefault(fold(name), set()).add("other_municipalities")
    for name, found in sorted(owners.items()):
        if len(found) > 1:
            yield Problem("places.yml", name, f"named under {', '.join(sorted(found))}: a name says one place")
    for m, centres in places.centres.items():
        if m in kb.standards:
            text = fold(kb.standard(m).normalised)
            for centre in centres:
                if fold(normalise(centre)) not in text:
                    yield Problem(m, "places.yml", f"centre {centre!r} is not named in the standard")


def check_script(kb: KnowledgeBase, tree: Script) -> Iterator[Problem]:
    """Every caller is offered every topic once; every topic has questions to ask next, for every caller."""
    for caller in tree.callers.values():
        if sorted(caller.topics) != sorted(kb.topics):
            yield Problem("script", caller.id, "topics must list every topic of topics.yml once")
    for topic in sorted(set(tree.followups) - set(kb.topics)):
        yield Problem("script", f"followups {topic}", "unknown topic")
    for topic in kb.topics:
        for caller_id in tree.callers:
            if not tree.followups_for(topic, caller_id):
                yield Problem("script", f"followups {topic}", f"no question to ask next for {caller_id}")
    for topic, questions in tree.followups.items():
        for followup, callers in questions:
            where = f"followups {topic}: {followup.ask!r}"
            if followup.topic is not None and (followup.topic not in kb.topics or followup.topic == topic):
                yield Problem("script", where, f"leads to {followup.topic!r}: not another topic of topics.yml")
            for unknown in sorted((callers or set()) - set(tree.callers)):
                yield Problem("script", where, f"unknown caller {unknown!r}")
            if lix(followup.ask) > MAX_LIX:
                yield Problem("script", where, f"LIX {lix(followup.ask):.0f} is above {MAX_LIX:.0f}")


def validate(kb: KnowledgeBase, municipality: str | None = None, root: Path = KNOWLEDGE_DIR) -> list[Problem]:
    """Every problem of the knowledge base read from `root` (the booking places and the script from there too)."""
    municipalities = [municipality] if municipality else list(kb.standards)
    problems = [problem for m in municipalities for problem in check_municipality(kb, m)]
    if not municipality:
        problems.extend(check_national(kb))
        try:
            problems.extend(check_booking(kb, load_booking_places(root / "booking.yml")))
            problems.extend(check_places(kb, load_places(root / "places.yml")))
            problems.extend(check_script(kb, load_script(root / "script.yml")))
        except KnowledgeError as error:
            problems.extend(Problem("script", "script.yml", problem) for problem in error.problems)
        answers = [fact.answer for fact in kb.all_facts()]
        if answers and statistics.median(map(lix, answers)) > MAX_MEDIAN_LIX:
            problems.append(Problem("alle", "readability", f"median LIX is above {MAX_MEDIAN_LIX:.0f}"))
    return problems


def coverage_table(kb: KnowledgeBase) -> str:
    """Municipality x topic: the number of facts, or "not_stated"."""
    names = [standard.name for standard in kb.standards.values()]
    lines = ["| topic | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for topic in kb.topics:
        cells = []
        for m in kb.standards:
            count = sum(1 for fact in kb.facts[m] if fact.topic == topic)
            cells.append(str(count) if count else ("not_stated" if (m, topic) in kb.not_stated else "-"))
        lines.append(f"| {topic} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def readability_table(kb: KnowledgeBase) -> str:
    lines = ["| municipality | answers | median LIX | max LIX |", "|---|---|---|---|"]
    groups = [(standard.name, [fact.answer for fact in kb.facts[m]]) for m, standard in kb.standards.items()]
    groups.append(("all", [fact.answer for fact in kb.all_facts()]))
    for name, answers in groups:
        if answers:
            summary = lix_summary(answers)
            lines.append(f"| {name} | {summary['answers']:.0f} | {summary['median']} | {summary['max']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge.validate", description=__doc__)
    parser.add_argument("--municipality", help="check one municipality only (its id, e.g. faxe)")
    args = parser.parse_args(argv)
    try:
        kb = load_knowledge(only=args.municipality)
    except KnowledgeError as error:
        print("The knowledge files do not match the schema:", *error.problems, sep="\n  ")
        return 1
    if args.municipality and args.municipality not in kb.standards:
        print(f"Unknown municipality {args.municipality!r}.")
        return 1
    problems = validate(kb, args.municipality)
    print(coverage_table(kb), "", readability_table(kb), "", sep="\n")
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
