"""Rate limits: chat messages per conversation and per client address, wrong booking codes per client (429).

A client is counted under a keyed hash of who it is, never its address or session id."""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from contract.constants import SESSION_HEADER
from service.api.auth import is_internal
from service.api.deps import ResourcesDep
from service.resources import Resources
from service.stores.base import StoreUnavailable
from service.stores.ratelimit import RateLimiter

logger = logging.getLogger(__name__)
TOO_MANY_CODES = "For mange forkerte koder. Prøv igen om et kvarter."
TOO_MANY_MESSAGES = "Du har sendt mange beskeder på kort tid. Vent et øjeblik, og prøv igen. Er det akut, så ring 112."


def client_key(resources: Resources, request: Request, session: str | None = None) -> str:
    """A short keyed hash of who is asking: the chat session when one is named, else the client's address. Stable
    within a process (across processes with CLIENT_KEY_SECRET), meaningless outside it."""
    who = f"session:{session}" if session else f"address:{request.client.host if request.client else 'unknown'}"
    secret = resources.settings.client_key_secret.get_secret_value()
    return hmac.new(secret.encode(), who.encode(), hashlib.sha256).hexdigest()[:32]


class CodeGuesses:
    """Wrong booking codes from one client."""

    def __init__(self, client: str, limiter: RateLimiter) -> None:
        self._client = client
        self._limiter = limiter

    async def check(self) -> None:
        if await self._limiter.exceeded(self._client):
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, TOO_MANY_CODES)

    async def miss(self) -> None:
        await self._limiter.hit(self._client)


def code_guesses(request: Request, resources: ResourcesDep) -> CodeGuesses:
    """A browser counts by its address; a chat by its session (the action server names it in SESSION_HEADER with
    its internal token), so chat users do not share the action server's address."""
    session = request.headers.get(SESSION_HEADER) if is_internal(request, resources) else None
    return CodeGuesses(client_key(resources, request, session), resources.stores.code_guesses)


CodeGuessesDep = Annotated[CodeGuesses, Depends(code_guesses)]


class ChatLimits:
    """Messages per minute from one conversation and from one client address."""

    def __init__(self, request: Request, resources: Resources) -> None:
        self._request = request
        self._resources = resources

    async def hit(self, sender: str) -> None:
        """Count the message; 429 over either limit. Without Redis the message goes on: an answer matters more."""
        r, stores = self._resources, self._resources.stores
        try:
            over = await stores.chat_sessions.hit(client_key(r, self._request, sender)) > stores.chat_sessions.limit
            over = await stores.chat_addresses.hit(client_key(r, self._request)) > stores.chat_addresses.limit or over
        except StoreUnavailable as error:
            logger.warning("Chat limits unavailable: %s", type(error.__cause__).__name__)
            return
        if over:
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, TOO_MANY_MESSAGES)


def chat_limits(request: Request, resources: ResourcesDep) -> ChatLimits:
    return ChatLimits(request, resources)


ChatLimitsDep = Annotated[ChatLimits, Depends(chat_limits)]
