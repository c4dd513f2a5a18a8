"""Dependencies shared by the routes."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import logging
import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from contract.constants import SESSION_HEADER, Measure
from knowledge.base import KnowledgeBase
from knowledge.files import BookingPlace
from knowledge.script import Script
from knowledge.search import SearchIndex
from service.booking.slots import TIMEZONE
from service.resources import Resources
from service.schemas.chat import INVALID_SESSION_ID, is_valid_session_id
from service.stores.base import StoreUnavailable
from service.stores.bookings import BookingStore
from service.stores.conversations import ConversationStore
from service.stores.ratelimit import RateLimiter
from service.stores.usage import UsageStore

logger = logging.getLogger(__name__)
STAFF_LOGIN = "Log ind med din kommunes personalenøgle."
OTHER_MUNICIPALITY = "Din personalenøgle gælder ikke den kommune."
INTERNAL_ONLY = "Kun Vejvisers egne tjenester må bruge denne adresse."
TOO_MANY_CODES = "For mange forkerte koder. Prøv igen om et kvarter."
TOO_MANY_MESSAGES = "Du har sendt mange beskeder på kort tid. Vent et øjeblik, og prøv igen. Er det akut, så ring 112."


def get_resources(request: Request) -> Resources:
    resources: Resources = request.app.state.resources
    return resources


ResourcesDep = Annotated[Resources, Depends(get_resources)]


def get_conversations(resources: ResourcesDep) -> ConversationStore:
    return resources.stores.conversations


def get_knowledge(resources: ResourcesDep) -> KnowledgeBase:
    return resources.knowledge.base


def get_search(resources: ResourcesDep) -> SearchIndex:
    return resources.knowledge.search


def get_bookings(resources: ResourcesDep) -> BookingStore:
    return resources.stores.bookings


def get_booking_places(resources: ResourcesDep) -> dict[str, BookingPlace]:
    return resources.knowledge.booking_places


def get_usage(resources: ResourcesDep) -> UsageStore:
    return resources.stores.usage


def get_script(resources: ResourcesDep) -> Script:
    return resources.knowledge.script


def current_time() -> datetime.datetime:
    """Now, in Danish time; a dependency so that tests can fix the clock."""
    return datetime.datetime.now(TIMEZONE)


def valid_session_id(session_id: str) -> str:
    if not is_valid_session_id(session_id):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, INVALID_SESSION_ID)
    return session_id


ConversationsDep = Annotated[ConversationStore, Depends(get_conversations)]
SessionIdPath = Annotated[str, Depends(valid_session_id)]
KnowledgeDep = Annotated[KnowledgeBase, Depends(get_knowledge)]
SearchDep = Annotated[SearchIndex, Depends(get_search)]
BookingsDep = Annotated[BookingStore, Depends(get_bookings)]
BookingPlacesDep = Annotated[dict[str, BookingPlace], Depends(get_booking_places)]
NowDep = Annotated[datetime.datetime, Depends(current_time)]
UsageDep = Annotated[UsageStore, Depends(get_usage)]
ScriptDep = Annotated[Script, Depends(get_script)]


class UsageCounter:
    """Today's usage counts. Counting never fails what it counts: with Redis down, the count is lost (logged)."""

    def __init__(self, store: UsageStore, today: datetime.date) -> None:
        self._store = store
        self._today = today

    async def count(self, municipality: str, measure: Measure, topic: str | None = None) -> None:
        try:
            await self._store.count(municipality, self._today, measure, topic)
        except StoreUnavailable as error:
            logger.warning("A usage count was lost: %s", type(error.__cause__).__name__)


def usage_counter(usage: UsageDep, now: NowDep) -> UsageCounter:
    return UsageCounter(usage, now.date())


UsageCounterDep = Annotated[UsageCounter, Depends(usage_counter)]


def require_municipality(kb: KnowledgeBase, municipality: str) -> str:
    if municipality not in kb.standards:
        known = ", ".join(f"{standard.name} ({standard.municipality})" for standard in kb.standards.values())
        message = f"Vejviser kender ikke den kommune. Vælg en af disse: {known}."
        raise HTTPException(status.HTTP_404_NOT_FOUND, message)
    return municipality


def require_topic(kb: KnowledgeBase, topic: str) -> str:
    if topic not in kb.topics:
        message = f"Vejviser kender ikke det emne. Vælg et af disse: {', '.join(kb.topics)}."
        raise HTTPException(status.HTTP_404_NOT_FOUND, message)
    return topic


def _same(given: str, token: str) -> bool:
    """A constant-time comparison; as bytes, since a header may hold any character (str needs ASCII)."""
    return secrets.compare_digest(given.encode(), token.encode())


def _is_internal(request: Request, resources: Resources) -> bool:
    """A call from the action server, which carries the internal token."""
    token = resources.settings.internal_token
    given = request.headers.get("authorization", "")
    return token is not None and _same(given, f"Bearer {token.get_secret_value()}")


def client_key(secret: str, client: str) -> str:
    """A short keyed hash of an address or session id: stable within a process, meaningless outside it."""
    return hmac.new(secret.encode(), client.encode(), hashlib.sha256).hexdigest()[:32]


class CodeGuesses:
    """Wrong booking codes from one client, counted under a keyed hash of who the client is."""

    def __init__(self, key: str, limiter: RateLimiter) -> None:
        self._key = key
        self._limiter = limiter

    async def check(self) -> None:
        if await self._limiter.exceeded(self._key):
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, TOO_MANY_CODES)

    async def miss(self) -> None:
        await self._limiter.hit(self._key)


class ChatLimits:
    """Messages per minute from one conversation and from one client address."""

    def __init__(self, address_key: str, resources: Resources) -> None:
        self._address_key = address_key
        self._resources = resources

    async def count(self, session_id: str) -> None:
        """Count the message; 429 over either limit. Without Redis the message goes on: an answer matters more."""
        r = self._resources
        session_key = client_key(r.settings.client_key_secret.get_secret_value(), f"session:{session_id}")
        stores = r.stores
        try:
            over = await stores.chat_sessions.hit(session_key) > stores.chat_sessions.limit
            over = await stores.chat_addresses.hit(self._address_key) > stores.chat_addresses.limit or over
        except StoreUnavailable as error:
            logger.warning("Chat limits unavailable: %s", type(error.__cause__).__name__)
            return
        if over:
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, TOO_MANY_MESSAGES)


def chat_limits(request: Request, resources: ResourcesDep) -> ChatLimits:
    address = f"address:{request.client.host if request.client else 'unknown'}"
    return ChatLimits(client_key(resources.settings.client_key_secret.get_secret_value(), address), resources)


ChatLimitsDep = Annotated[ChatLimits, Depends(chat_limits)]


def code_guesses(request: Request, resources: ResourcesDep) -> CodeGuesses:
    """A browser counts by its address; a chat by its session (the action server names it in SESSION_HEADER with
    its internal token), so chat users do not share the action server's address."""
    session = request.headers.get(SESSION_HEADER)
    if session and _is_internal(request, resources):
        who = f"session:{session}"
    else:
        who = f"address:{request.client.host if request.client else 'unknown'}"
    key = client_key(resources.settings.client_key_secret.get_secret_value(), who)
    return CodeGuesses(key, resources.stores.code_guesses)


CodeGuessesDep = Annotated[CodeGuesses, Depends(code_guesses)]
_bearer = HTTPBearer(auto_error=False, description="The municipality's staff token, or the internal token.")
CredentialsDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _staff_of(resources: Resources, credentials: HTTPAuthorizationCredentials | None) -> str | None:
    """The municipality whose staff token was given, if one was."""
    if credentials is not None:
        for municipality, token in resources.settings.staff_tokens.items():
            if _same(credentials.credentials, token.get_secret_value()):
                return municipality
    return None


def _unauthorised() -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, STAFF_LOGIN, headers={"WWW-Authenticate": "Bearer"})


def staff_municipality(resources: ResourcesDep, credentials: CredentialsDep) -> str:
    """The municipality whose staff token was given."""
    municipality = _staff_of(resources, credentials)
    if municipality is None:
        raise _unauthorised()
    return municipality


StaffMunicipalityDep = Annotated[str, Depends(staff_municipality)]


def own_municipality(kb: KnowledgeBase, staff: str, municipality: str) -> str:
    """A municipality the staff token may see: its own (404 for an unknown one, 403 for another)."""
    if require_municipality(kb, municipality) != staff:
        raise HTTPException(status.HTTP_403_FORBIDDEN, OTHER_MUNICIPALITY)
    return municipality


def internal_caller(request: Request, resources: ResourcesDep) -> None:
    """Only the action server, with the internal token."""
    if not _is_internal(request, resources):
        raise HTTPException(status.HTTP_403_FORBIDDEN, INTERNAL_ONLY)


def script_reader(request: Request, resources: ResourcesDep, credentials: CredentialsDep) -> None:
    """The guided script is for staff (any municipality's token) and the action server that drives it in chat."""
    if not _is_internal(request, resources) and _staff_of(resources, credentials) is None:
        raise _unauthorised()
