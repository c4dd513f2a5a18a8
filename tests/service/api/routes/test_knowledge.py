from __future__ import annotations

from fastapi.testclient import TestClient


def test_the_five_municipalities_are_listed(service: TestClient) -> None:
    response = service.get("/api/knowledge/municipalities")
    assert response.status_code == 200
    assert response.json() == [
        {"id": "faxe", "name": "Faxe"},
        {"id": "odsherred", "name": "Odsherred"},
        {"id": "vordingborg", "name": "Vordingborg"},
        {"id": "broenderslev", "name": "Brønderslev"},
        {"id": "frederiksberg", "name": "Frederiksberg"},
    ]
