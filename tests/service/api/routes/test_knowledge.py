from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from knowledge.answering import topic_answer
from knowledge.load import knowledge_base
from service.api.routes.knowledge import COMPARE_NEEDS_TWO

KB = knowledge_base()
NOT_STATED = sorted(KB.not_stated)
UNKNOWN_MUNICIPALITY = (
    "Vejviser kender ikke den kommune. Vælg en af disse: Brønderslev (broenderslev), Faxe (faxe), "
    "Frederiksberg (frederiksberg), Odsherred (odsherred), Vordingborg (vordingborg)."
)
UNKNOWN_TOPIC = f"Vejviser kender ikke det emne. Vælg et af disse: {', '.join(KB.topics)}."


def test_a_topic_answer_carries_facts_with_verbatim_sources(service: TestClient) -> None:
    response = service.get("/api/knowledge/faxe/kontakt")
    assert response.status_code == 200
    body = response.json()
    assert (body["municipality"], body["municipality_name"], body["status"]) == ("faxe", "Faxe", "stated")
    assert body["topic"] == {"id": "kontakt", "label": KB.topics["kontakt"].label, "english": True}
    assert body["not_stated"] is None
    expected = topic_answer(KB, "faxe", "kontakt").facts
    assert [fact["id"] for fact in body["facts"]] == [fact.id for fact in expected]
    source = body["facts"][0]["sources"][0]
    assert set(source) == {"municipality", "document", "adopted", "section", "law", "quote", "url"}
    assert source["quote"] == expected[0].sources[0].quote
    assert source["adopted"] == "2022-04-04"


@pytest.mark.skipif(not NOT_STATED, reason="every standard speaks to every topic")
def test_a_topic_the_standard_is_silent_on_says_so_and_names_a_contact(service: TestClient) -> None:
    municipality, topic = NOT_STATED[0]
    body = service.get(f"/api/knowledge/{municipality}/{topic}").json()
    assert body["status"] == "not_stated"
    assert body["facts"] == []
    assert body["not_stated"]["answer"] == KB.not_stated[(municipality, topic)].answer
    assert body["not_stated"]["contact"]["topic"] == "kontakt"
    assert body["not_stated"]["contact"]["sources"]


def test_the_topics_say_which_are_also_in_english(service: TestClient) -> None:
    topics = service.get("/api/knowledge/topics").json()
    assert [(topic["id"], topic["english"]) for topic in topics] == [(t.id, t.english) for t in KB.topics.values()]
    assert any(topic["english"] for topic in topics)
    assert not all(topic["english"] for topic in topics)


def test_an_audience_narrows_the_facts(service: TestClient) -> None:
    body = service.get("/api/knowledge/odsherred/paaroerende", params={"audience": "pårørende"}).json()
    assert {fact["audience"] for fact in body["facts"]} <= {"pårørende", "alle"}


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/api/knowledge/aarhus/kontakt", UNKNOWN_MUNICIPALITY),
        ("/api/knowledge/faxe/vejret", UNKNOWN_TOPIC),
        ("/api/knowledge/search?q=klage&municipality=aarhus", UNKNOWN_MUNICIPALITY),
        ("/api/knowledge/compare?topic=pris&municipalities=faxe,aarhus", UNKNOWN_MUNICIPALITY),
        ("/api/knowledge/compare?topic=vejret&municipalities=faxe,odsherred", UNKNOWN_TOPIC),
    ],
)
def test_unknown_municipality_or_topic_is_404_listing_valid_ones(service: TestClient, path: str, detail: str) -> None:
    response = service.get(path)
    assert (response.status_code, response.json()) == (404, {"detail": detail})


def test_an_unknown_audience_is_refused(service: TestClient) -> None:
    assert service.get("/api/knowledge/faxe/kontakt", params={"audience": "nabo"}).status_code == 422


def test_compare_puts_each_municipality_side_by_side_in_the_order_asked(service: TestClient) -> None:
    response = service.get("/api/knowledge/compare", params={"topic": "pris", "municipalities": "odsherred, faxe"})
    assert response.status_code == 200
    body = response.json()
    assert body["topic"]["id"] == "pris"
    assert [answer["municipality"] for answer in body["answers"]] == ["odsherred", "faxe"]
    for answer in body["answers"]:
        for fact in answer["facts"]:
            assert {source["municipality"] for source in fact["sources"]} == {answer["municipality"]}


@pytest.mark.parametrize("municipalities", ["faxe", "faxe,faxe", " , "])
def test_compare_needs_two_different_municipalities(service: TestClient, municipalities: str) -> None:
    response = service.get("/api/knowledge/compare", params={"topic": "pris", "municipalities": municipalities})
    assert (response.status_code, response.json()) == (422, {"detail": COMPARE_NEEDS_TWO})


def test_search_returns_passages_with_municipality_and_section(service: TestClient) -> None:
    response = service.get("/api/knowledge/search", params={"q": "klage ankestyrelsen", "municipality": "faxe"})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "klage ankestyrelsen"
    assert body["passages"]
    for passage in body["passages"]:
        assert passage["municipality"] == "faxe"
        faxe = KB.standard("faxe").meta
        assert passage["section"] in {*(entry.heading for entry in faxe.sections), faxe.title}
        assert passage["text"]
        assert passage["score"] > 0


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x" * 201}, {"q": "klage", "limit": 0}])
def test_search_refuses_bad_queries(service: TestClient, params: dict[str, str | int]) -> None:
    assert service.get("/api/knowledge/search", params=params).status_code == 422


@pytest.mark.parametrize(
    ("municipality", "topic", "fact_id", "note_says"),
    [
        ("vordingborg", "klage", "vordingborg-klage-sundhed", "Styrelsen for Patientklager"),
        ("vordingborg", "klage", "vordingborg-klage-ankestyrelsen", "hedder i dag Ankestyrelsen"),
        ("odsherred", "behandlingsgaranti", "odsherred-behandlingsgaranti-14-dage", "14 dage efter din henvendelse"),
    ],
)
def test_a_national_note_comes_next_to_the_fact_it_qualifies(
    service: TestClient, municipality: str, topic: str, fact_id: str, note_says: str
) -> None:
    """The standard's words stay as they are; the note beside them is marked national and has its own source."""
    facts = {fact["id"]: fact for fact in service.get(f"/api/knowledge/{municipality}/{topic}").json()["facts"]}
    (note,) = facts.pop(fact_id)["notes"]
    assert note["answer"].startswith("Landsdækkende note:")
    assert note_says in note["answer"]
    assert note["sources"][0]["url"] or note["sources"][0]["quote"]
    assert all(len(fact["notes"]) == len(KB.facts_by_id[fact["id"]].notes) for fact in facts.values())


def test_the_emergency_numbers_are_those_their_national_facts_give(service: TestClient) -> None:
    numbers = service.get("/api/knowledge/emergency").json()
    assert {number["phone"] for number in numbers} >= {"112", "70 201 201"}
    for number in numbers:
        fact = KB.national[number["fact"]]
        assert number["phone"] in fact.answer
        assert number["phone"] in (fact.answer_en or "")
        assert number["tel"] == number["phone"].replace(" ", "")
        assert number["name"] == fact.sources[0].document
