"""The usage figures for a municipality's own staff: per day and in total, as JSON and CSV."""

from __future__ import annotations

import datetime

import pytest
from fastapi.testclient import TestClient

from service.api.auth import OTHER_MUNICIPALITY, STAFF_LOGIN
from service.api.deps import current_time
from service.api.routes.staff.stats import RANGE_INVALID
from tests.conftest import staff_auth
from tests.service.api.routes.test_usage import TODAY, count, stats


def test_the_csv_has_the_same_figures(service: TestClient) -> None:
    count(service, measure="questions", municipality="faxe", topic="anonym")
    response = service.get(
        "/api/staff/stats.csv", params={"municipality": "faxe", "from": TODAY, "to": TODAY}, headers=staff_auth("faxe")
    )
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "dato;måling;emne;antal"
    assert f"{TODAY};spørgsmål;anonym;1" in lines


@pytest.mark.parametrize("path", ["/api/staff/stats", "/api/staff/stats.csv"])
def test_a_token_never_sees_another_municipalitys_figures(service: TestClient, path: str) -> None:
    other = service.get(path, params={"municipality": "odsherred"}, headers=staff_auth("faxe"))
    assert (other.status_code, other.json()) == (403, {"detail": OTHER_MUNICIPALITY})
    none = service.get(path, params={"municipality": "faxe"})
    assert (none.status_code, none.json()) == (401, {"detail": STAFF_LOGIN})


@pytest.mark.parametrize(("first", "last"), [("2026-12-02", "2026-12-01"), ("2025-01-01", "2026-12-01")])
def test_a_range_backwards_or_over_a_year_is_refused(service: TestClient, first: str, last: str) -> None:
    response = service.get(
        "/api/staff/stats", params={"municipality": "faxe", "from": first, "to": last}, headers=staff_auth("faxe")
    )
    assert (response.status_code, response.json()) == (422, {"detail": RANGE_INVALID})


def test_the_default_is_the_last_30_days(service: TestClient) -> None:
    body = stats(service)
    assert len(body["days"]) == 30
    assert body["last_day"] == TODAY
    assert body["first_day"] == (current_time().date() - datetime.timedelta(days=29)).isoformat()
