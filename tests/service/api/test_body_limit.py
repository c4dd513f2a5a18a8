"""Request bodies over the limit are refused with 413 before they are read, with or without a Content-Length."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.api.body_limit import TOO_LARGE
from service.settings import Settings


@pytest.mark.parametrize("size", [65 * 1024, 10 * 1024 * 1024])
def test_a_body_over_the_limit_is_413_in_danish(service: TestClient, service_settings: Settings, size: int) -> None:
    assert size > service_settings.max_body_bytes
    body = b'{"message": "' + b"x" * size + b'"}'
    for path in ("/api/chat", "/api/bookings", "/api/usage"):
        response = service.post(path, content=body, headers={"Content-Type": "application/json"})
        assert (response.status_code, response.json()) == (413, {"detail": TOO_LARGE})
        assert response.headers["x-content-type-options"] == "nosniff"


def test_a_streamed_body_without_a_length_is_counted_as_it_comes(service: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"message": "'
        for _ in range(200):
            yield b"x" * 1024
        yield b'"}'

    response = service.post("/api/chat", content=chunks(), headers={"Content-Type": "application/json"})
    assert (response.status_code, response.json()) == (413, {"detail": TOO_LARGE})


def test_json_nested_too_deep_to_parse_is_malformed_not_a_crash(service: TestClient) -> None:
    nested = b"[" * 30_000 + b"]" * 30_000
    response = service.post("/api/chat", content=nested, headers={"Content-Type": "application/json"})
    assert response.status_code == 422


def test_a_body_within_the_limit_is_read(service: TestClient) -> None:
    response = service.post("/api/chat", json={"message": "x" * 2001})
    assert response.status_code == 422, "read and refused for its length, not its size"
