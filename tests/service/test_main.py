"""The application as a whole: its pages are served, and a path no file can have is not found, not a crash."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("path", ["/", "/staff/", "/staff/stats/", "/staff/script/", "/chat.js"])
def test_the_pages_are_served(service: TestClient, path: str) -> None:
    assert service.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/%00", "/staff/%00.js", "/api/bookings/%2F%00", "/findes-ikke"])
def test_a_path_no_file_can_have_is_not_found(service: TestClient, path: str) -> None:
    response = service.get(path)
    assert (response.status_code, response.json()) == (404, {"detail": "Siden findes ikke."})
