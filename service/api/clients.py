"""Who is asking, as a keyed hash that says nothing outside this service: the chat session, or the client's address
(read from X-Forwarded-For only behind a trusted proxy)."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from functools import lru_cache

from fastapi import Request

from service.resources import Resources

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: Request, trusted_proxies: list[str]) -> str:
    """The client's address: the connecting one, unless that is a trusted proxy; then the last address in
    X-Forwarded-For that is not a trusted proxy itself (what the proxies before it appended), as far as each is an
    address. Anyone can write X-Forwarded-For, so it says nothing unless a trusted proxy passed it on."""
    address = request.client.host if request.client else "unknown"
    networks = _networks(tuple(trusted_proxies))
    if not _trusted(address, networks):
        return address
    forwarded = [part.strip() for value in request.headers.getlist("x-forwarded-for") for part in value.split(",")]
    for hop in reversed(forwarded):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            break
        address = hop
        if not _trusted(hop, networks):
            break
    return address


def keyed(resources: Resources, who: str) -> str:
    secret = resources.settings.client_key_secret.get_secret_value()
    return hmac.new(secret.encode(), who.encode(), hashlib.sha256).hexdigest()[:32]


def client_key(resources: Resources, request: Request, session: str | None = None) -> str:
    """A short keyed hash of who is asking: the chat session when one is named, else the client's address. Stable
    within a process (across processes with CLIENT_KEY_SECRET), meaningless outside it."""
    if session:
        return keyed(resources, f"session:{session}")
    return keyed(resources, f"address:{client_address(request, resources.settings.trusted_proxies)}")
