"""Rate limits (429 with Retry-After): chat messages per conversation and per client address, wrong booking codes
and booking requests per client address and per chat conversation, open bookings per client.

A client is counted under a keyed hash of who it is, never its address or session id. Its address is the
connecting one, or, from a trusted reverse proxy (TRUSTED_PROXIES), the one X-Forwarded-For names. The action
server acts for a chat conversation: it names the session (SESSION_HEADER, with its internal token), and the
conversation's address is the one its chat messages came from (remembered as a keyed hash while it is kept)."""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from contract.constants import SESSION_HEADER
from service.api.auth import is_internal
from service.api.clients import client_key, keyed
from service.api.deps import NowDep, ResourcesDep
from service.resources import Resources
from service.stores.base import StoreUnavailable

logger = logging.getLogger(__name__)
TOO_MANY_CODES = "For mange forkerte koder. Prøv igen om et kvarter."
TOO_MANY_MESSAGES = "Du har sendt mange beskeder på kort tid. Vent et øjeblik, og prøv igen. Er det akut, så ring 112."
TOO_MANY_BOOKINGS = (
    "Der er bestilt mange tider herfra på kort tid, så Vejviser tager ikke imod flere lige nu. Prøv igen senere, "
    "eller ring til kommunen."
)
TOO_MANY_OPEN = (
    "Der er allerede booket {limit} tider herfra, som ikke har været endnu. Aflys en af dem med dens kode, hvis du "
    "vil booke en ny, eller ring til kommunen."
)


def _member(resources: Resources, code: str) -> str:
    """A booking in a client's set: a keyed hash of its code, so the set does not say which bookings it made."""
    return keyed(resources, f"booking:{code}")


def too_many(detail: str, retry_after: int) -> HTTPException:
    return HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, detail, headers={"Retry-After": str(retry_after)})


@dataclass(frozen=True)
class Client:
    """Who a booking request is from: the keyed hashes of its address and of its chat conversation, as far as
    known. Staff conversations (the guided script, booking for a caller on the phone) are not limited."""

    address: str | None
    session: str | None
    staff: bool = False

    @property
    def keys(self) -> list[str]:
        return [key for key in (self.address, self.session) if key]


async def booking_client(request: Request, resources: ResourcesDep) -> Client:
    session = request.headers.get(SESSION_HEADER) if is_internal(request, resources) else None
    if not session:
        return Client(address=client_key(resources, request), session=None)
    try:
        address = await resources.stores.conversations.client_of(client_key(resources, request, session))
    except StoreUnavailable:
        address = None
    return Client(address=address, session=client_key(resources, request, session), staff=session.startswith("staff:"))


ClientDep = Annotated[Client, Depends(booking_client)]


class CodeGuesses:
    """Wrong booking codes from one client: per address and per chat conversation. A guess takes its place in
    the count before the look-up, in one step with the check, and gives it back when the code was found: parallel
    guesses never get past the limit, and the owner of a code is not counted for finding it. The chat conversation
    that made a booking finds it even when its address is at the limit (a shared address)."""

    def __init__(self, client: Client, limits: dict[str, int], resources: Resources) -> None:
        self._client = client
        self._limits = limits
        self._resources = resources
        self._counted = False

    async def take(self, code: str | None) -> None:
        stores = self._resources.stores
        if (
            code
            and self._client.session
            and await stores.booking_guard.holds(self._client.session, _member(self._resources, code))
        ):
            return
        wait = await stores.code_guesses.take(self._limits) if self._limits else 0
        if wait:
            raise too_many(TOO_MANY_CODES, wait)
        self._counted = bool(self._limits)

    async def found(self) -> None:
        if self._counted:
            await self._resources.stores.code_guesses.give_back(*self._limits)


def code_guesses(client: ClientDep, resources: ResourcesDep) -> CodeGuesses:
    """A browser counts by its address; a chat by its conversation, and by the address its messages came from (the
    action server's own address is every chat's, and is not counted)."""
    settings = resources.settings
    limits = {}
    if client.address:
        limits[client.address] = settings.code_guess_address_limit if client.session else settings.code_guess_limit
    if client.session:
        limits[client.session] = settings.code_guess_limit
    return CodeGuesses(client, limits, resources)


CodeGuessesDep = Annotated[CodeGuesses, Depends(code_guesses)]


class BookingLimits:
    """Booking requests per window and open bookings, per address and per chat conversation. A refused request
    counts for the municipality's staff (how many that day, never who)."""

    def __init__(self, client: Client, resources: Resources, today: datetime.date) -> None:
        self._client = client
        self._resources = resources
        self._today = today

    async def _refuse(self, municipality: str, detail: str, wait: int) -> HTTPException:
        try:
            await self._resources.stores.booking_guard.count_refused(municipality, self._today)
        except StoreUnavailable as error:
            logger.warning("A refused booking was not counted: %s", type(error.__cause__).__name__)
        return too_many(detail, wait)

    @asynccontextmanager
    async def hold(self, municipality: str, start: datetime.datetime) -> AsyncIterator[Booked]:
        """Count the request, and hold a place among the client's open bookings while the booking is made (given
        back if it is not); 429 over either limit."""
        clients, settings, stores = self._client.keys, self._resources.settings, self._resources.stores
        booked = Booked()
        if self._client.staff or not clients:
            yield booked
            return
        wait = await stores.booking_requests.take({client: settings.booking_create_limit for client in clients})
        if wait:
            raise await self._refuse(municipality, TOO_MANY_BOOKINGS, wait)
        placeholder = f"held:{secrets.token_hex(8)}"
        wait = await stores.booking_guard.claim(clients, placeholder, start, settings.booking_open_limit)
        if wait:
            raise await self._refuse(municipality, TOO_MANY_OPEN.format(limit=settings.booking_open_limit), wait)
        try:
            yield booked
        finally:
            if booked.code:
                await stores.booking_guard.settle(clients, placeholder, _member(self._resources, booked.code), start)
            else:
                await stores.booking_guard.release(clients, placeholder)

    async def cancelled(self, code: str) -> None:
        """A booking this client cancelled is no longer among its open ones (one cancelled elsewhere stays until its
        time has come)."""
        if self._client.keys:
            await self._resources.stores.booking_guard.release(self._client.keys, _member(self._resources, code))


@dataclass
class Booked:
    code: str | None = None


def booking_limits(client: ClientDep, resources: ResourcesDep, now: NowDep) -> BookingLimits:
    return BookingLimits(client, resources, now.date())


BookingLimitsDep = Annotated[BookingLimits, Depends(booking_limits)]


class ChatLimits:
    """Messages per minute from one conversation and from one client address."""

    def __init__(self, request: Request, resources: Resources) -> None:
        self._request = request
        self._resources = resources

    async def hit(self, sender: str) -> None:
        """Count the message; 429 over either limit. Without Redis the message goes on: an answer matters more."""
        r, stores = self._resources, self._resources.stores
        address, session = client_key(r, self._request), client_key(r, self._request, sender)
        try:
            over = await stores.chat_sessions.hit(session) > stores.chat_sessions.limit
            over = await stores.chat_addresses.hit(address) > stores.chat_addresses.limit or over
            await stores.conversations.remember_client(session, address, r.settings.tracker_expiry_seconds)
        except StoreUnavailable as error:
            logger.warning("Chat limits unavailable: %s", type(error.__cause__).__name__)
            return
        if over:
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, TOO_MANY_MESSAGES)


def chat_limits(request: Request, resources: ResourcesDep) -> ChatLimits:
    return ChatLimits(request, resources)


ChatLimitsDep = Annotated[ChatLimits, Depends(chat_limits)]
