"""Staff see and cancel their own municipality's bookings only, with their own token."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.api.auth import OTHER_MUNICIPALITY, STAFF_LOGIN
from service.api.routes.staff.bookings import NO_SUCH_BOOKING, RANGE_TOO_LONG
from tests.conftest import STAFF_TOKENS


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
    assert listed == {key: booking[key] for key in ("code", "start", "end", "label", "topic")} | {
        "created": booking["created"][:10]
    }
    # When it was booked: the day, no finer; stored to the hour, no finer.
    assert booking["created"].endswith(":00:00+01:00") or booking["created"].endswith(":00:00+02:00")


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
