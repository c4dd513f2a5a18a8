"""The guided script's steps, for the action server and staff."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from knowledge.booking import load_booking_places
from knowledge.load import knowledge_base
from knowledge.script import script, script_step
from service.api.auth import STAFF_LOGIN
from service.schemas.script import script_step_public
from tests.conftest import INTERNAL, staff_auth

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


def test_each_caller_says_what_a_booking_for_them_is_about(service: TestClient) -> None:
    callers = service.get("/api/script", headers=INTERNAL).json()["callers"]
    assert {caller["id"]: caller["booking_topic"] for caller in callers} == {
        caller.id: caller.booking_topic for caller in script().callers.values()
    }
    assert any(caller["booking_topic"] for caller in callers)


def test_staff_read_a_national_note_after_the_standards_words(service: TestClient) -> None:
    step = service.get("/api/script/vordingborg/borger/klage", headers=INTERNAL).json()
    said = [item["text"] for item in step["read_aloud"]]
    outdated = next(i for i, text in enumerate(said) if "Patientombuddet" in text)
    assert said[outdated + 1].startswith("Landsdækkende note")
    assert "Styrelsen for Patientklager" in said[outdated + 1]


@pytest.mark.parametrize("municipality", sorted(load_booking_places()))
def test_a_step_offers_booking_only_to_an_age_the_conversation_is_for(service: TestClient, municipality: str) -> None:
    ages = service.get("/api/bookings/place", params={"municipality": municipality}).json()["offered_to"]["ages"]
    low, high = (ages["min"], ages["max"]) if ages else (None, None)
    for age in (11, 16, 18, 40):
        step = service.get(f"/api/script/{municipality}/borger/kontakt", params={"age": age}, headers=INTERNAL).json()
        books = any(followup["topic"] is None for followup in step["followups"])
        assert books is ((low is None or age >= low) and (high is None or age <= high))
