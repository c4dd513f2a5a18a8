"""The service's client for the Rasa server: its REST channel and its token-protected HTTP API."""

from __future__ import annotations

import logging
from typing import Any

import httpx
from pydantic import ValidationError

from service.schemas.chat import ReplyPublic

logger = logging.getLogger(__name__)

RasaMessage = dict[str, Any]


class RasaUnavailable(Exception):
    """Rasa could not be reached or did not answer properly."""


class RasaClient:
    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self._http = http
        self._token = token

    async def send(self, session_id: str, message: str) -> list[RasaMessage]:
        """Send one user message through the REST channel and return the bot's messages."""
        try:
            response = await self._http.post("/webhooks/rest/webhook", json={"sender": session_id, "message": message})
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

    async def has_model(self) -> bool:
        """True when the server answers on its HTTP API and has a model loaded."""
        try:
            response = await self._http.get("/status", params={"token": self._token})
            return response.status_code == 200 and bool(response.json().get("model_file"))
        except (httpx.HTTPError, ValueError, AttributeError):
            return False


def to_replies(messages: list[RasaMessage]) -> list[ReplyPublic]:
    """Turn Rasa's REST messages into replies.

    A plain message has `text` and maybe `buttons`. Actions send answers with sources as a custom
    payload shaped like a reply (`{"text", "buttons", "sources"}`).
    """
    replies = []
    for message in messages:
        body = message["custom"] if isinstance(message.get("custom"), dict) else message
        if not body.get("text"):
            continue
        try:
            replies.append(ReplyPublic.parse_obj(body))
        except ValidationError:
            logger.warning("Skipped a Rasa message that is not a valid reply.")
    return replies
