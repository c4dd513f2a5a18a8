"""A staff token says whose it is."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import STAFF_TOKENS, staff_auth


@pytest.mark.parametrize("municipality", sorted(STAFF_TOKENS))
def test_a_token_says_whose_it_is(service: TestClient, municipality: str) -> None:
    response = service.get("/api/staff/me", headers=staff_auth(municipality))
    assert response.json()["municipality"] == municipality
