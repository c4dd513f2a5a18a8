"""What the fuzz (tests/service/test_fuzz_api.py) found, one test each, so that the fix is checked by name."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import staff_auth


def test_a_wrong_type_under_a_key_the_client_chose_names_the_field_not_the_key(service: TestClient) -> None:
    """`topics` is a map the client fills: its keys are the client's and must not be echoed (service/api/errors.py
    names `location[-1]`, which is the client's key here)."""
    response = service.post("/api/knowledge/answer", json={"text": "hej", "topics": {"mette-hansen-010190": "x"}})
    assert response.status_code == 422
    assert "mette-hansen-010190" not in response.json()["detail"]
    assert response.json()["detail"] == "Feltet 'topics' har en forkert type."


def test_staff_bookings_of_an_unknown_municipality_answer_a_documented_status(service: TestClient) -> None:
    spec = service.get("/openapi.json").json()
    """GET /api/staff/bookings answers 404 for an unknown municipality, which its OpenAPI entry does not list."""
    response = service.get(
        "/api/staff/bookings",
        params={"municipality": "atlantis", "from": "2026-01-01", "to": "2026-01-02"},
        headers=staff_auth("faxe"),
    )
    documented = {int(code) for code in spec["paths"]["/api/staff/bookings"]["get"]["responses"]}
    assert response.status_code in documented, (response.status_code, sorted(documented))
