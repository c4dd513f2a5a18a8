"""The service's client for the Rasa server: its REST channel and its token-protected HTTP API."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import httpx
from pydantic import ValidationError, parse_obj_as

from contract.models import SourcePublic
from service.schemas.chat import ReplyPublic

logger = logging.getLogger(__name__)

RasaMessage = dict[str, Any]


class RasaUnavailable(Exception):
    """Rasa could not be reached or did not answer properly."""


class RasaClient:
    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self._http = http
        self._token = token

    async def send(self, sender: str, message: str, metadata: dict[str, Any] | None = None) -> list[RasaMessage]:
        """Send one user message through the REST channel and return the bot's messages.

        `metadata` reaches the actions with the message (`latest_message.metadata`); only the service sets it."""
        body = {"sender": sender, "message": message, **({"metadata": metadata} if metadata else {})}
        try:
            response = await self._http.post("/webhooks/rest/webhook", json=body)
        except httpx.HTTPError as error:
            raise RasaUnavailable(type(error).__name__) from error
        if response.status_code != 200:
            raise RasaUnavailable(f"HTTP {response.status_code}")
        try:
            messages = response.json()
        except ValueError as error:
            raise RasaUnavailable("answer is not JSON") from error
        if not isinstance(messages, list):
            raise RasaUnavailable("answer is not a list")
        return [message for message in messages if isinstance(message, dict)]

    async def slot(self, sender: str, name: str) -> Any:
        """A slot of the conversation as Rasa holds it; None when unset or when Rasa cannot say (its store is down)."""
        try:
            response = await self._http.get(
                f"/conversations/{quote(sender, safe='')}/tracker",
                params={"token": self._token, "include_events": "NONE"},
            )
            return response.json()["slots"].get(name) if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError, KeyError, AttributeError):
            return None

    async def has_model(self) -> bool:
        """True when the server answers on its HTTP API and has a model loaded."""
        try:
            response = await self._http.get("/status", params={"token": self._token})
            return response.status_code == 200 and bool(response.json().get("model_file"))
        except (httpx.HTTPError, ValueError, AttributeError):
            return False


def to_replies(messages: list[RasaMessage]) -> list[ReplyPublic]:
    """Turn Rasa's REST messages into replies.

    A plain message has `text` and maybe `buttons`. An action that utters a response with sources sends them as
    a custom payload `{"sources": [...]}`, which the REST channel puts in the message after the text: those
    sources belong to the reply before them. A custom payload may also be a whole reply (`{"text", ...}`).
    """
    replies: list[ReplyPublic] = []
    for message in messages:
        body = message["custom"] if isinstance(message.get("custom"), dict) else message
        try:
            if body.get("text"):
                replies.append(ReplyPublic.parse_obj(body))
            elif body.get("sources") and replies:
                sources = parse_obj_as(list[SourcePublic], body["sources"])
                replies[-1] = replies[-1].copy(update={"sources": replies[-1].sources + sources})
        except ValidationError:
            logger.warning("Skipped a Rasa message that is not a valid reply.")
    return replies
