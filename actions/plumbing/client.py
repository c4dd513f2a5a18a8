"""The action server's one HTTP client to the service's knowledge and booking API, and how actions get it.

Every answer is parsed with the contract's models and every body is built with them: a service that answers
otherwise is unavailable, like one that does not answer."""

from __future__ import annotations

import datetime
import functools
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError, parse_obj_as

from actions.plumbing.settings import load_settings
from contract.constants import SESSION_HEADER, ActionMeasure, BookingTopic
from contract.models import (
    AnswerPublic,
    BookingCreate,
    BookingPublic,
    CallerPublic,
    FactPublic,
    MunicipalityPublic,
    PlacePublic,
    QuestionCreate,
    ScriptPublic,
    ScriptStepPublic,
    SlotsPublic,
    TopicPublic,
    UsageEventCreate,
)

Answer = TypeVar("Answer")


class ServiceUnavailable(Exception):
    """The service could not be reached or did not answer as documented."""


class BookingUnavailable(ServiceUnavailable):
    """The service is up, but its booking store (Redis) is not: nothing was booked or changed."""


class TooManyBookings(BookingUnavailable):
    """Too many booking requests, or bookings still to come, from this chat or its address (429): nothing was
    booked; like booking being down, the chat says whom to call."""


class SlotTaken(Exception):
    """The chosen slot was taken or is no longer offered."""


class CodeNotFound(Exception):
    """No booking has that code (the service never says whether one had)."""


class TooManyCodes(Exception):
    """Too many wrong codes from this chat: the service refuses look-ups for a while."""


# How the booking API's documented refusals reach the actions; any other error is ServiceUnavailable.
_DOWN: dict[int, type[Exception]] = {503: BookingUnavailable}
_TAKEN: dict[int, type[Exception]] = {409: SlotTaken, 429: TooManyBookings, **_DOWN}
_BY_CODE: dict[int, type[Exception]] = {404: CodeNotFound, 429: TooManyCodes, **_DOWN}


class ServiceClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._municipalities: list[MunicipalityPublic] | None = None
        self._topics: list[TopicPublic] | None = None
        self._callers: list[CallerPublic] | None = None

    async def municipalities(self) -> list[MunicipalityPublic]:
        """The covered municipalities, by name; read once, they change only with a new release."""
        if self._municipalities is None:
            self._municipalities = await self._get(list[MunicipalityPublic], "/api/municipalities")
        return self._municipalities

    async def topics(self) -> list[TopicPublic]:
        if self._topics is None:
            self._topics = await self._get(list[TopicPublic], "/api/knowledge/topics")
        return self._topics

    async def answer(self, question: QuestionCreate) -> AnswerPublic:
        """The facts that best answer a question (POST /api/knowledge/answer)."""
        answer = await self._send("POST", "/api/knowledge/answer", body=question)
        return _parsed(AnswerPublic, answer, "POST /api/knowledge/answer")

    async def national_facts(self) -> dict[str, FactPublic]:
        facts = await self._get(list[FactPublic], "/api/knowledge/national")
        return {fact.id: fact for fact in facts}

    async def place(self, municipality: str) -> PlacePublic:
        return await self._get(PlacePublic, "/api/bookings/place", {"municipality": municipality})

    async def free_slots(self, municipality: str) -> SlotsPublic:
        return await self._get(SlotsPublic, "/api/bookings/slots", {"municipality": municipality}, refusals=_DOWN)

    async def callers(self) -> list[CallerPublic]:
        """Who may be calling, for the guided script; read once, like the municipalities."""
        if self._callers is None:
            self._callers = (await self._get(ScriptPublic, "/api/script")).callers
        return self._callers

    async def script_step(self, municipality: str, caller: str, topic: str, age: int | None = None) -> ScriptStepPublic:
        params = {"age": age} if age is not None else None
        return await self._get(ScriptStepPublic, f"/api/script/{municipality}/{caller}/{topic}", params)

    async def count(self, measure: ActionMeasure, municipality: str, topic: str | None = None) -> None:
        """Count a conversation, question or fallback for the usage figures: never text, never who."""
        event = UsageEventCreate(measure=measure, municipality=municipality, topic=topic)
        await self._send("POST", "/api/usage", body=event)

    async def book(
        self,
        municipality: str,
        start: datetime.datetime,
        topic: BookingTopic | None = None,
        age: int | None = None,
        session: str | None = None,
    ) -> BookingPublic:
        """Books the slot; with the age of the person it is for, if known (the service checks it, never stores it).
        With the chat's session, the service limits bookings per conversation and its address."""
        booking = BookingCreate(municipality=municipality, start=start, topic=topic, age=age)
        answer = await self._send("POST", "/api/bookings", body=booking, session=session, refusals=_TAKEN)
        return _parsed(BookingPublic, answer, "POST /api/bookings")

    async def booking(self, code: str, session: str) -> BookingPublic:
        return await self._get(BookingPublic, f"/api/bookings/{code}", session=session, refusals=_BY_CODE)

    async def cancel(self, code: str, session: str) -> None:
        await self._send("DELETE", f"/api/bookings/{code}", session=session, refusals=_BY_CODE)

    async def _get(
        self,
        shape: type[Answer],
        path: str,
        params: dict[str, Any] | None = None,
        *,
        session: str | None = None,
        refusals: dict[int, type[Exception]] | None = None,
    ) -> Answer:
        answer = await self._send("GET", path, params, session=session, refusals=refusals)
        return _parsed(shape, answer, f"GET {path}")

    async def _send(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None = None,
        *,
        body: BaseModel | None = None,
        session: str | None = None,
        refusals: dict[int, type[Exception]] | None = None,
    ) -> Any:
        """The answer's JSON (None for 204); a documented refusal as its exception; anything else unavailable.

        With a session, the service counts wrong codes and bookings per chat session and its address, instead of the
        action server's address."""
        headers = {SESSION_HEADER: session} if session else {}
        if body is not None:
            headers["Content-Type"] = "application/json"
        content = body.json() if body is not None else None
        try:
            response = await self._http.request(method, path, params=params, content=content, headers=headers)
        except httpx.HTTPError as error:
            raise ServiceUnavailable(f"{method} {path}: {type(error).__name__}") from error
        refused = (refusals or {}).get(response.status_code)
        if refused:
            raise refused(f"{method} {path}: {response.status_code}")
        if response.is_error:
            raise ServiceUnavailable(f"{method} {path}: {response.status_code}")
        try:
            return response.json() if response.content else None
        except ValueError as error:
            raise ServiceUnavailable(f"{method} {path}: not JSON") from error


def _parsed(shape: type[Answer], answer: Any, request: str) -> Answer:
    """The answer as the contract shapes it; an answer that does not match is as unusable as no answer."""
    try:
        return parse_obj_as(shape, answer)
    except ValidationError as error:
        raise ServiceUnavailable(f"{request}: not as the contract says: {error}") from error


@functools.cache
def default_client() -> ServiceClient:
    """The action server's shared client, created on first use (never at import) inside the server's event loop."""
    settings = load_settings()
    headers = {"Authorization": f"Bearer {settings.internal_token}"} if settings.internal_token else None
    http = httpx.AsyncClient(base_url=settings.service_url, timeout=settings.timeout_seconds, headers=headers)
    return ServiceClient(http)


class UsesService:
    """Gives an action its client: the one it was made with (`ActionX(client)`, as the tests do), else the shared
    default (`ActionX()`, as rasa_sdk makes every action)."""

    def __init__(self, client: ServiceClient | None = None) -> None:
        self._client = client

    @property
    def client(self) -> ServiceClient:
        if self._client is None:
            self._client = default_client()
        return self._client
