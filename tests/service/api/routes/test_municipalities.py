from __future__ import annotations

from fastapi.testclient import TestClient


def test_the_five_municipalities_are_listed_by_name_with_their_standard(service: TestClient) -> None:
    response = service.get("/api/municipalities")
    assert response.status_code == 200
    body = response.json()
    assert [(m["id"], m["name"]) for m in body] == [
        ("broenderslev", "Brønderslev"),
        ("faxe", "Faxe"),
        ("frederiksberg", "Frederiksberg"),
        ("odsherred", "Odsherred"),
        ("vordingborg", "Vordingborg"),
    ]
    faxe = body[1]["standard"]
    assert faxe["adopted"] == "2022-04-04"
    assert faxe["title"]
    assert faxe["laws"]
