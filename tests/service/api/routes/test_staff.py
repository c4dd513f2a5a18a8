"""Staff see and cancel their own municipality's bookings only, with their own token."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.api.deps import OTHER_MUNICIPALITY, STAFF_LOGIN
from service.api.errors import RASA_DOWN
from service.api.routes.staff import NO_SUCH_BOOKING, RANGE_TOO_LONG
from tests.conftest import INTERNAL_TOKEN, STAFF_TOKENS


def staff(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def book(client: TestClient, municipality: str) -> dict[str, str]:
    slot = client.get("/api/bookings/slots", params={"municipality": municipality}).json()["days"][0]["slots"][0]
    booking: dict[str, str] = client.post(
        "/api/bookings", json={"municipality": municipality, "start": slot["start"], "topic": "pårørende"}
    ).json()
    return booking


def listing(client: TestClient, municipality: str, token: str, booking: dict[str, str]) -> list[dict[str, str]]:
    day = booking["start"][:10]
    response = client.get(
        "/api/staff/bookings", params={"municipality": municipality, "from": day, "to": day}, headers=staff(token)
    )
    assert response.status_code == 200
    found: list[dict[str, str]] = response.json()
    return found


def test_staff_see_their_bookings_with_nothing_that_identifies_anyone(service: TestClient) -> None:
    booking = book(service, "faxe")
    [listed] = listing(service, "faxe", STAFF_TOKENS["faxe"], booking)
    assert listed == {key: booking[key] for key in ("code", "start", "end", "label", "created", "topic")}


def test_a_token_for_one_municipality_never_sees_anothers_bookings(service: TestClient) -> None:
    faxe, odsherred = book(service, "faxe"), book(service, "odsherred")
    response = service.get(
        "/api/staff/bookings",
        params={"municipality": "odsherred", "from": odsherred["start"][:10], "to": odsherred["start"][:10]},
        headers=staff(STAFF_TOKENS["faxe"]),
    )
    assert (response.status_code, response.json()) == (403, {"detail": OTHER_MUNICIPALITY})
    assert [b["code"] for b in listing(service, "odsherred", STAFF_TOKENS["odsherred"], odsherred)] == [
        odsherred["code"]
    ]
    assert [b["code"] for b in listing(service, "faxe", STAFF_TOKENS["faxe"], faxe)] == [faxe["code"]]


def test_a_token_cannot_cancel_another_municipalitys_booking(service: TestClient) -> None:
    odsherred = book(service, "odsherred")
    response = service.delete(f"/api/staff/bookings/{odsherred['code']}", headers=staff(STAFF_TOKENS["faxe"]))
    assert (response.status_code, response.json()) == (404, {"detail": NO_SUCH_BOOKING})
    assert service.get(f"/api/bookings/{odsherred['code']}").status_code == 200
    own = service.delete(f"/api/staff/bookings/{odsherred['code']}", headers=staff(STAFF_TOKENS["odsherred"]))
    assert own.status_code == 204
    assert service.get(f"/api/bookings/{odsherred['code']}").status_code == 404


@pytest.mark.parametrize("headers", [{}, staff("wrong"), staff(""), {"Authorization": "Basic ZmF4ZTp4"}])
def test_no_or_a_wrong_token_is_401(service: TestClient, headers: dict[str, str]) -> None:
    week = {"municipality": "faxe", "from": "2026-11-23", "to": "2026-11-30"}
    response = service.get("/api/staff/bookings", params=week, headers=headers)
    assert (response.status_code, response.json()) == (401, {"detail": STAFF_LOGIN})
    assert service.delete("/api/staff/bookings/ABC-DEF-GHJ", headers=headers).status_code == 401


@pytest.mark.parametrize(("first", "last"), [("2026-12-01", "2026-11-30"), ("2026-01-01", "2026-12-31")])
def test_a_range_backwards_or_too_long_is_refused(service: TestClient, first: str, last: str) -> None:
    response = service.get(
        "/api/staff/bookings",
        params={"municipality": "faxe", "from": first, "to": last},
        headers=staff(STAFF_TOKENS["faxe"]),
    )
    assert (response.status_code, response.json()) == (422, {"detail": RANGE_TOO_LONG})


@pytest.mark.parametrize("municipality", sorted(STAFF_TOKENS))
def test_a_token_says_whose_it_is(service: TestClient, municipality: str) -> None:
    response = service.get("/api/staff/me", headers=staff(STAFF_TOKENS[municipality]))
    assert response.json()["municipality"] == municipality


def test_the_staff_chat_needs_a_staff_token(service: TestClient) -> None:
    for headers in ({}, staff("forged"), {"Authorization": f"Bearer {INTERNAL_TOKEN}"}):
        response = service.post("/api/staff/chat", json={"message": "/start_guide"}, headers=headers)
        assert (response.status_code, response.json()) == (401, {"detail": STAFF_LOGIN})


def test_the_staff_chat_is_checked_like_the_public_one(service: TestClient) -> None:
    """Empty and oversized messages are refused; with Rasa down, 503 (Rasa is a port where nothing listens)."""
    headers = staff(STAFF_TOKENS["faxe"])
    assert service.post("/api/staff/chat", json={"message": ""}, headers=headers).status_code == 422
    assert service.post("/api/staff/chat", json={"message": "x" * 2001}, headers=headers).status_code == 422
    response = service.post("/api/staff/chat", json={"message": "/start_guide"}, headers=headers)
    assert (response.status_code, response.json()) == (503, {"detail": RASA_DOWN})


@pytest.mark.parametrize("path", ["/api/staff/me", "/api/script", "/api/usage"])
def test_a_token_with_letters_beyond_ascii_is_refused_not_a_crash(service: TestClient, path: str) -> None:
    method = "POST" if path == "/api/usage" else "GET"
    headers = {b"Authorization": "Bearer ikke-en-rigtig-nøgle".encode()}
    response = service.request(method, path, headers=headers)
    assert response.status_code in (401, 403)
