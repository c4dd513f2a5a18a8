"""The service's client for the Rasa server: its REST channel and its HTTP API, protected by a JWT secret."""

from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import jwt
from pydantic import ValidationError, parse_obj_as

from contract.models import SourcePublic
from service.schemas.chat import BookingCardPublic, ReplyPublic

logger = logging.getLogger(__name__)

RasaMessage = dict[str, Any]
# Seconds a token for Rasa's API is valid; the client makes a new one halfway.
JWT_LIFETIME_SECONDS = 300


class RasaUnavailable(Exception):
    """Rasa could not be reached or did not answer properly."""


# A button's payload: "/intent", or "/intent{...}" with a JSON object of entities. Rasa parses a message that starts
# with "/" as one, and writes the whole message to its log when it cannot (an unknown intent, text after it, bad
# JSON): no other message may reach it with a leading "/".
_PAYLOAD = re.compile(r"/([a-z_]+)(\{.*\})?", re.DOTALL)


def payload_parts(text: str) -> tuple[str, dict[str, Any]] | None:
    """A button's payload as its intent and entities; None for anything else (entities that are not a JSON
    object included)."""
    match = _PAYLOAD.fullmatch(text)
    if match is None:
        return None
    if match.group(2) is None:
        return match.group(1), {}
    try:
        entities = json.loads(match.group(2))
    except ValueError:
        return None
    return (match.group(1), entities) if isinstance(entities, dict) else None


@dataclass(frozen=True)
class DomainNames:
    """The intents and entities of the model Rasa runs."""

    intents: frozenset[str]
    entities: frozenset[str]

    def is_payload(self, text: str) -> bool:
        parts = payload_parts(text)
        if parts is None or parts[0] not in self.intents:
            return False
        entities = parts[1]
        return set(entities) <= self.entities and all(
            isinstance(value, str | int | float) for value in entities.values()
        )


def _names(items: list[Any]) -> frozenset[str]:
    """Names from a domain's list, where an item is a name or {name: properties}."""
    return frozenset(str(item) if not isinstance(item, dict) else str(next(iter(item))) for item in items)


def rasa_jwt(secret: str, now: float, lifetime_seconds: int = JWT_LIFETIME_SECONDS) -> str:
    """A JSON Web Token (HS256) for Rasa's HTTP API, which Rasa started with `--jwt-secret` checks: the service
    acts as admin (any conversation), for a few minutes. The secret itself never travels."""
    claims = {
        "user": {"username": "vejviser-service", "role": "admin"},
        "iat": int(now),
        "exp": int(now) + lifetime_seconds,
    }
    return jwt.encode(claims, secret, algorithm="HS256")


class RasaClient:
    """Calls Rasa's HTTP API with a short-lived JWT in the Authorization header (never the secret, never in a URL,
    where access logs would keep it)."""

    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self._http = http
        self._secret = token
        self._jwt = ""
        self._jwt_renew_at = 0.0
        self._domain: DomainNames | None = None

    def _auth(self) -> dict[str, str]:
        now = time.time()
        if now >= self._jwt_renew_at:
            self._jwt = rasa_jwt(self._secret, now)
            self._jwt_renew_at = now + JWT_LIFETIME_SECONDS / 2
        return {"Authorization": f"Bearer {self._jwt}"}

    async def domain_names(self) -> DomainNames | None:
        """The running model's intents and entities, read once from Rasa's API; None while Rasa cannot say."""
        if self._domain is None:
            try:
                response = await self._http.get("/domain", headers={"Accept": "application/json", **self._auth()})
                domain = response.json() if response.status_code == 200 else None
                if isinstance(domain, dict):
                    self._domain = DomainNames(_names(domain["intents"]), _names(domain["entities"]))
            except (httpx.HTTPError, ValueError, KeyError, TypeError, StopIteration):
                return None
        return self._domain

    async def as_rasa_may_see_it(self, text: str) -> str:
        """A button's payload as it is; any other message without a leading "/", so that Rasa never takes it for a
        payload it cannot parse (and logs it whole)."""
        if not text.startswith("/"):
            return text
        names = await self.domain_names()
        if names is not None and names.is_payload(text):
            return text
        return text.lstrip("/ \t\n") or "?"

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
                params={"include_events": "NONE"},
                headers=self._auth(),
            )
            return response.json()["slots"].get(name) if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError, KeyError, AttributeError):
            return None

    async def set_slot(self, sender: str, name: str, value: str) -> None:
        """Set a slot of the conversation before its next message, as a button would, without a turn of its own."""
        try:
            response = await self._http.post(
                f"/conversations/{quote(sender, safe='')}/tracker/events",
                json={"event": "slot", "name": name, "value": value},
                headers=self._auth(),
            )
        except httpx.HTTPError as error:
            raise RasaUnavailable(type(error).__name__) from error
        if response.status_code != 200:
            raise RasaUnavailable(f"HTTP {response.status_code}")

    async def events(self, sender: str) -> list[RasaMessage]:
        """The conversation's events as Rasa holds them (none for an unknown or expired one)."""
        try:
            response = await self._http.get(
                f"/conversations/{quote(sender, safe='')}/tracker",
                params={"include_events": "ALL"},
                headers=self._auth(),
            )
        except httpx.HTTPError as error:
            raise RasaUnavailable(type(error).__name__) from error
        if response.status_code != 200:
            raise RasaUnavailable(f"HTTP {response.status_code}")
        try:
            events = response.json()["events"] or []
        except (ValueError, KeyError, TypeError) as error:
            raise RasaUnavailable("tracker is not JSON") from error
        return [event for event in events if isinstance(event, dict)]

    async def has_model(self) -> bool:
        """True when the server answers on its HTTP API and has a model loaded."""
        try:
            response = await self._http.get("/status", headers=self._auth())
            return response.status_code == 200 and bool(response.json().get("model_file"))
        except (httpx.HTTPError, ValueError, AttributeError):
            return False


def to_replies(messages: list[RasaMessage]) -> list[ReplyPublic]:
    """Turn Rasa's REST messages into replies.

    A plain message has `text` and maybe `buttons`. An action that utters a response with sources, or with the
    booking it confirms, sends them as a custom payload (`{"sources": [...]}`, `{"booking": {...}}`), which the
    REST channel puts in the message after the text: they belong to the reply before them. A custom payload may
    also be a whole reply (`{"text", ...}`).
    """
    replies: list[ReplyPublic] = []
    for message in messages:
        body = message["custom"] if isinstance(message.get("custom"), dict) else message
        try:
            if body.get("text"):
                replies.append(ReplyPublic.parse_obj(body))
            elif replies and (body.get("sources") or body.get("booking")):
                sources = replies[-1].sources + parse_obj_as(list[SourcePublic], body.get("sources") or [])
                booking = BookingCardPublic.parse_obj(body["booking"]) if body.get("booking") else replies[-1].booking
                replies[-1] = replies[-1].copy(update={"sources": sources, "booking": booking})
        except ValidationError:
            logger.warning("Skipped a Rasa message that is not a valid reply.")
    return replies


def said_by_bot(event: RasaMessage) -> list[RasaMessage]:
    """A bot event of the tracker as the REST channel sent it: its text with its buttons, then its custom payload."""
    data: dict[str, Any] = event["data"] if isinstance(event.get("data"), dict) else {}
    messages: list[RasaMessage] = []
    if event.get("text"):
        messages.append({"text": event["text"], "buttons": data.get("buttons") or []})
    if isinstance(data.get("custom"), dict):
        messages.append({"custom": data["custom"]})
    return messages
