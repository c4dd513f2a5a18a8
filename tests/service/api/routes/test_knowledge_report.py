"""`GET /api/knowledge/{municipality}/report`: what the review found in a standard to correct, for the
municipality's own staff only."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from knowledge.load import knowledge_base
from knowledge.report import NO_DATE, load_report, municipality_report
from knowledge.text import normalise
from service.api.auth import OTHER_MUNICIPALITY, STAFF_LOGIN
from tests.conftest import INTERNAL, STAFF_TOKENS, staff_auth

KB = knowledge_base()
REPORT = load_report()


def _report_path(municipality: str) -> str:
    return f"/api/knowledge/{municipality}/report"


@pytest.mark.parametrize("municipality", sorted(STAFF_TOKENS))
def test_staff_get_their_own_standards_report_with_every_finding_and_quote(
    service: TestClient, municipality: str
) -> None:
    response = service.get(_report_path(municipality), headers=staff_auth(municipality))
    assert response.status_code == 200
    body = response.json()
    standard = KB.standard(municipality)
    assert (body["municipality"], body["municipality_name"]) == (municipality, standard.name)
    assert body["standard"]["title"] == standard.meta.title
    assert body["standard"]["adopted"] == standard.meta.adopted
    expected = municipality_report(KB, REPORT, municipality).findings
    assert [finding["id"] for finding in body["findings"]] == [finding.id for finding in expected]
    for given, finding in zip(body["findings"], expected, strict=True):
        assert (given["kind"], given["label"], given["says"]) == (finding.kind, finding.label, finding.says)
        assert [(quote["section"], quote["quote"]) for quote in given["quotes"]] == [
            (quote.section, normalise(quote.quote)) for quote in finding.quotes
        ]
        for quote in given["quotes"]:
            assert (quote["municipality"], quote["document"]) == (municipality, standard.meta.title)
            assert quote["quote"] in standard.normalised
    assert (NO_DATE in [finding["kind"] for finding in body["findings"]]) == (standard.meta.adopted is None)


def test_the_report_is_not_taken_for_a_topic_and_topics_still_answer(service: TestClient) -> None:
    response = service.get(_report_path("broenderslev"), headers=staff_auth("broenderslev"))
    quotes = [quote["quote"] for finding in response.json()["findings"] for quote in finding["quotes"]]
    assert any("patientklagenævnet" in quote for quote in quotes)
    assert service.get("/api/knowledge/broenderslev/klage").json()["topic"]["id"] == "klage"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-token"}, INTERNAL])
def test_without_a_staff_token_it_is_401(service: TestClient, headers: dict[str, str]) -> None:
    response = service.get(_report_path("faxe"), headers=headers)
    assert (response.status_code, response.json()) == (401, {"detail": STAFF_LOGIN})
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_token_never_gets_another_municipalitys_report(service: TestClient) -> None:
    response = service.get(_report_path("odsherred"), headers=staff_auth("faxe"))
    assert (response.status_code, response.json()) == (403, {"detail": OTHER_MUNICIPALITY})


def test_an_unknown_municipality_is_404_in_danish(service: TestClient) -> None:
    response = service.get(_report_path("aarhus"), headers=staff_auth("faxe"))
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Vejviser kender ikke den kommune.")
    unauthorised = service.get(_report_path("aarhus"))
    assert unauthorised.status_code == 401


def test_it_is_documented_as_a_staff_route(service: TestClient) -> None:
    operation = service.get("/openapi.json").json()["paths"]["/api/knowledge/{municipality}/report"]["get"]
    assert operation["summary"]
    assert {"200", "401", "403", "404"} <= set(operation["responses"])
    assert operation["security"]
