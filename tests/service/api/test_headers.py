from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.api.headers import CONTENT_SECURITY_POLICY, HEADERS
from service.main import create_app
from service.settings import Settings

WIDGET_SITE = "https://www.faxekommune.dk"


@pytest.mark.parametrize("path", ["/", "/chat.js", "/api/municipalities", "/api/findes-ikke"])
def test_every_answer_carries_the_security_headers(service: TestClient, path: str) -> None:
    response = service.get(path)
    for name, value in HEADERS.items():
        assert response.headers[name] == value
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/docs/oauth2-redirect"])
def test_the_api_pages_are_off_by_default_under_the_whole_policy(service: TestClient, path: str) -> None:
    response = service.get(path)
    assert response.status_code == 404
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_the_openapi_document_is_served_without_the_pages(service: TestClient) -> None:
    response = service.get("/openapi.json")
    assert response.status_code == 200
    assert "/api/chat" in response.json()["paths"]
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_enabled_api_pages_may_load_their_cdn_scripts(service_settings: Settings, path: str) -> None:
    with TestClient(create_app(service_settings.copy(update={"docs_enabled": True}))) as client:
        response = client.get(path)
        # Only the pages themselves: a path below them is a file lookup under the whole policy.
        below = client.get(f"{path}x")
    assert response.status_code == 200
    assert "cdn.jsdelivr.net" in response.text
    assert "content-security-policy" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"
    assert below.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_the_page_loads_nothing_from_elsewhere() -> None:
    assert "'self'" in CONTENT_SECURITY_POLICY
    assert "http" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(("origin", "allowed"), [(WIDGET_SITE, True), ("https://evil.example", False)])
def test_only_configured_sites_may_call_the_chat_from_a_browser(
    service_settings: Settings, origin: str, allowed: bool
) -> None:
    settings = service_settings.copy(update={"cors_origins": [WIDGET_SITE]})
    with TestClient(create_app(settings)) as client:
        asks = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
        preflight = client.options("/api/chat", headers={"Origin": origin, **asks})
    assert (preflight.headers.get("access-control-allow-origin") == origin) is allowed
    assert "access-control-allow-credentials" not in preflight.headers
