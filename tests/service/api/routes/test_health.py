from __future__ import annotations

from fastapi.testclient import TestClient

from danish.pipeline import resolve_pipeline


def test_health_is_503_and_names_each_component_that_is_down(service: TestClient) -> None:
    response = service.get("/api/health")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert {name: component["ok"] for name, component in body["components"].items()} == {
        "redis": True,
        "rasa": False,
        "actions": False,
    }


def test_health_reports_the_spacy_pipeline_in_use(service: TestClient) -> None:
    pipeline = resolve_pipeline()
    model = service.get("/api/health").json()["spacy_model"]
    assert model == {
        "name": pipeline.name,
        "version": pipeline.version,
        "own": pipeline.own,
        "description": pipeline.describe(),
        "ner_scores": pipeline.ner_scores(),
    }
    if pipeline.own:
        assert model["ner_scores"]["uner_test_as_written"]["PER"]["f"] > 0
