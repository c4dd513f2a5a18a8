"""Who is asking: the address behind a trusted proxy only."""

from __future__ import annotations

from starlette.requests import Request

from service.api.clients import client_address


def test_the_client_address_is_the_last_one_no_trusted_proxy_wrote() -> None:
    def address(peer: str, forwarded: str | None, trusted: list[str]) -> str:
        headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded is not None else []
        return client_address(Request({"type": "http", "client": (peer, 1), "headers": headers}), trusted)

    assert address("192.0.2.1", "203.0.113.5", []) == "192.0.2.1"
    assert address("192.0.2.1", "203.0.113.5", ["10.0.0.0/8"]) == "192.0.2.1"
    assert address("10.0.0.1", "203.0.113.5", ["10.0.0.0/8"]) == "203.0.113.5"
    assert address("10.0.0.1", "1.2.3.4, 203.0.113.5, 10.0.0.7", ["10.0.0.0/8"]) == "203.0.113.5"
    assert address("10.0.0.1", None, ["10.0.0.0/8"]) == "10.0.0.1"
    assert address("10.0.0.1", "not-an-address", ["10.0.0.0/8"]) == "10.0.0.1"
    assert address("::1", "2001:db8::5", ["::1"]) == "2001:db8::5"
