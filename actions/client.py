"""The action server's one HTTP client to the service's knowledge and booking API."""

from __future__ import annotations

from typing import Any

import httpx

from actions.settings import ActionSettings, load_settings


class ServiceUnavailable(Exception):
    """The service could not be reached or did not answer as documented."""


class ServiceClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def municipality_names(self) -> list[str]:
        municipalities = await self._get("/api/municipalities")
        return [str(municipality["name"]) for municipality in municipalities]

    async def _get(self, path: str) -> Any:
        try:
            response = await self._http.get(path)
            response.raise_for_status()
            return response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise ServiceUnavailable(f"GET {path}: {type(error).__name__}") from error


_client: ServiceClient | None = None


def service_client(settings: ActionSettings | None = None) -> ServiceClient:
    """The shared client, created on first use (never at import) inside the server's event loop."""
    global _client
    if _client is None:
        settings = settings or load_settings()
        http = httpx.AsyncClient(base_url=settings.service_url, timeout=settings.timeout_seconds)
        _client = ServiceClient(http)
    return _client
