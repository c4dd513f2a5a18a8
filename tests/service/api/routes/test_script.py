"""The guided script's API: steps for the action server and staff, the printable script for a municipality's staff."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from knowledge.load import knowledge_base
from knowledge.script import script, script_step
from service.api.deps import OTHER_MUNICIPALITY, STAFF_LOGIN
from service.schemas.script import adopted_label, script_step_public
from tests.conftest import INTERNAL, STAFF_TOKENS, staff_auth

KB = knowledge_base()


@pytest.mark.parametrize("headers", [INTERNAL, staff_auth("faxe"), staff_auth("odsherred")])
def test_the_action_server_and_any_staff_read_the_steps(service: TestClient, headers: dict[str, str]) -> None:
    callers = service.get("/api/script", headers=headers).json()["callers"]
    assert [caller["id"] for caller in callers] == list(script().callers)
    response = service.get("/api/script/faxe/borger/pris", headers=headers)
    assert response.status_code == 200
    expected = script_step_public(script_step(KB, script(), "faxe", "borger", "pris"), KB)
    assert response.json() == expected.dict()
    assert response.json()["read_aloud"][0]["sources"][0]["quote"]


def test_each_caller_says_what_a_booking_for_them_is_about(service: TestClient) -> None:
    callers = service.get("/api/script", headers=INTERNAL).json()["callers"]
    assert {caller["id"]: caller["booking_topic"] for caller in callers} == {
        caller.id: caller.booking_topic for caller in script().callers.values()
    }
    assert any(caller["booking_topic"] for caller in callers)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer gaet-et-token"}])
def test_the_script_is_not_public(service: TestClient, headers: dict[str, str]) -> None:
    for path in ("/api/script", "/api/script/faxe/borger/anonym", "/api/staff/script?municipality=faxe"):
        response = service.get(path, headers=headers)
        assert (response.status_code, response.json()) == (401, {"detail": STAFF_LOGIN})


@pytest.mark.parametrize(
    ("path", "named"),
    [("aarhus/borger/anonym", "Faxe"), ("faxe/nabo/anonym", "fagperson"), ("faxe/borger/vejret", "kontakt")],
)
def test_unknown_municipality_caller_or_topic_is_404_listing_the_valid_ones(
    service: TestClient, path: str, named: str
) -> None:
    response = service.get(f"/api/script/{path}", headers=INTERNAL)
    assert response.status_code == 404
    assert named in response.json()["detail"]


def test_a_step_that_depends_on_age_asks_first_and_answers_for_the_age_given(service: TestClient) -> None:
    asked = service.get("/api/script/frederiksberg/ung/unge", headers=INTERNAL).json()
    assert [group["label"] for group in asked["age_groups"]] == ["under 15 år", "15-17 år"]
    assert asked["read_aloud"] == []
    answered = service.get("/api/script/frederiksberg/ung/unge", params={"age": 16}, headers=INTERNAL).json()
    assert answered["age_groups"] == []
    assert answered["read_aloud"]


@pytest.mark.parametrize("municipality", sorted(STAFF_TOKENS))
def test_staff_print_their_own_script_with_every_topic(service: TestClient, municipality: str) -> None:
    response = service.get("/api/staff/script", params={"municipality": municipality}, headers=staff_auth(municipality))
    assert response.status_code == 200
    printed = response.json()
    assert [topic["topic"]["id"] for topic in printed["topics"]] == list(KB.topics)
    assert printed["standard"]["title"] == KB.standard(municipality).meta.title
    assert [fact["id"] for fact in printed["emergency"]] == ["national-akut-112", "national-akut-livslinien"]


@pytest.mark.parametrize("path", ["/api/staff/script", "/api/staff/script.pdf"])
def test_a_token_never_prints_another_municipalitys_script(service: TestClient, path: str) -> None:
    response = service.get(path, params={"municipality": "odsherred"}, headers=staff_auth("faxe"))
    assert (response.status_code, response.json()) == (403, {"detail": OTHER_MUNICIPALITY})


@pytest.mark.parametrize(
    ("adopted", "label"),
    [("2022-04-04", "vedtaget 4. april 2022"), ("2025-01", "vedtaget januar 2025"), (None, "standarden nævner")],
)
def test_the_date_is_said_in_danish(adopted: str | None, label: str) -> None:
    assert adopted_label(adopted).startswith(label)


@pytest.mark.parametrize("municipality", sorted(STAFF_TOKENS))
def test_the_pdf_names_the_standard_and_its_date_on_every_page(service: TestClient, municipality: str) -> None:
    """Every municipality's script prints: the PDF core fonts hold Windows-1252, and every text must fit."""
    response = service.get(
        "/api/staff/script.pdf", params={"municipality": municipality}, headers=staff_auth(municipality)
    )
    assert response.headers["content-type"] == "application/pdf"
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    meta = KB.standard(municipality).meta
    assert len(pages) > 1
    for page in pages:
        flat = " ".join(page.split())
        assert " ".join(meta.title.split()) in flat
        assert adopted_label(meta.adopted) in flat
    text = " ".join(pages)
    assert "Ring 112" in text
    assert "Livslinien" in text
