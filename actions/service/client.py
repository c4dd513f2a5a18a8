"""The action server's one HTTP client to the service's knowledge and booking API."""

from __future__ import annotations

from typing import Any, TypedDict, cast

import httpx

from actions.settings import ActionSettings, load_settings


class ServiceUnavailable(Exception):
    """The service could not be reached or did not answer as documented."""


class BookingUnavailable(ServiceUnavailable):
    """The service is up, but its booking store (Redis) is not: nothing was booked or changed."""


class SlotTaken(Exception):
    """The chosen slot was taken or is no longer offered."""


class CodeNotFound(Exception):
    """No booking has that code (the service never says whether one had)."""


class TooManyCodes(Exception):
    """Too many wrong codes from this chat: the service refuses look-ups for a while."""


# How the booking API's documented refusals reach the actions; any other error is ServiceUnavailable.
_DOWN: dict[int, type[Exception]] = {503: BookingUnavailable}
_TAKEN: dict[int, type[Exception]] = {409: SlotTaken, **_DOWN}
_BY_CODE: dict[int, type[Exception]] = {404: CodeNotFound, 429: TooManyCodes, **_DOWN}


class Municipality(TypedDict):
    id: str
    name: str


class Topic(TypedDict):
    id: str
    label: str


class Fact(TypedDict):
    id: str
    topic: str
    answer: str
    spoken: str
    answer_en: str | None
    sources: list[dict[str, Any]]


class AgeGroup(TypedDict):
    label: str
    example: int


class NotStated(TypedDict):
    answer: str
    answer_en: str | None
    contact: Fact | None


class TopicAnswer(TypedDict):
    municipality: str
    municipality_name: str
    topic: Topic
    status: str
    facts: list[Fact]
    not_stated: NotStated | None
    age_groups: list[AgeGroup]


class Comparison(TypedDict):
    topic: Topic
    answers: list[TopicAnswer]


class Slot(TypedDict):
    start: str
    end: str
    label: str


class Day(TypedDict):
    date: str
    label: str
    slots: list[Slot]


class Place(TypedDict):
    name: str
    address: str | None
    contact: Fact


class FreeSlots(TypedDict):
    municipality: str
    municipality_name: str
    place: Place
    days: list[Day]


class Booking(TypedDict):
    code: str
    code_spoken: str
    municipality: str
    municipality_name: str
    start: str
    label: str
    place: Place
    about: Fact


class Caller(TypedDict):
    id: str
    label: str
    description: str
    max_age: int | None
    topics: list[str]


class Followup(TypedDict):
    ask: str
    topic: str | None


class ReadAloud(TypedDict):
    text: str
    sources: list[dict[str, Any]]


class ScriptStep(TypedDict):
    municipality: str
    municipality_name: str
    caller: Caller
    topic: Topic
    status: str
    read_aloud: list[ReadAloud]
    followups: list[Followup]
    age_groups: list[AgeGroup]


class ServiceClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._municipalities: list[Municipality] | None = None
        self._topics: list[Topic] | None = None
        self._callers: list[Caller] | None = None

    async def municipalities(self) -> list[Municipality]:
        """The covered municipalities, by name; read once, they change only with a new release."""
        if self._municipalities is None:
            self._municipalities = cast(list[Municipality], await self._get("/api/municipalities"))
        return self._municipalities

    async def topics(self) -> list[Topic]:
        if self._topics is None:
            self._topics = cast(list[Topic], await self._get("/api/knowledge/topics"))
        return self._topics

    async def topic_answer(
        self, municipality: str, topic: str, audience: str | None = None, age: int | None = None
    ) -> TopicAnswer:
        params = {key: value for key, value in {"audience": audience, "age": age}.items() if value is not None}
        return cast(TopicAnswer, await self._get(f"/api/knowledge/{municipality}/{topic}", params))

    async def compare(self, topic: str, municipalities: list[str]) -> Comparison:
        params = {"topic": topic, "municipalities": ",".join(municipalities)}
        return cast(Comparison, await self._get("/api/knowledge/compare", params))

    async def national_facts(self) -> dict[str, Fact]:
        facts = cast(list[Fact], await self._get("/api/knowledge/national"))
        return {fact["id"]: fact for fact in facts}

    async def place(self, municipality: str) -> Place:
        return cast(Place, await self._get("/api/bookings/place", {"municipality": municipality}))

    async def free_slots(self, municipality: str) -> FreeSlots:
        free = await self._send("GET", "/api/bookings/slots", {"municipality": municipality}, refusals=_DOWN)
        return cast(FreeSlots, free)

    async def callers(self) -> list[Caller]:
        """Who may be calling, for the guided script; read once, like the municipalities."""
        if self._callers is None:
            self._callers = cast(list[Caller], (await self._get("/api/script"))["callers"])
        return self._callers

    async def script_step(self, municipality: str, caller: str, topic: str, age: int | None = None) -> ScriptStep:
        params = {"age": age} if age is not None else None
        return cast(ScriptStep, await self._get(f"/api/script/{municipality}/{caller}/{topic}", params))

    async def count(self, measure: str, municipality: str, topic: str | None = None) -> None:
        """Count a conversation, question or fallback for the usage figures: never text, never who."""
        body = {"measure": measure, "municipality": municipality, "topic": topic}
        await self._send("POST", "/api/usage", json=body)

    async def book(self, municipality: str, start: str, topic: str | None = None) -> Booking:
        body = {"municipality": municipality, "start": start, **({"topic": topic} if topic else {})}
        return cast(Booking, await self._send("POST", "/api/bookings", json=body, refusals=_TAKEN))

    async def booking(self, code: str, session: str) -> Booking:
        return cast(Booking, await self._send("GET", f"/api/bookings/{code}", session=session, refusals=_BY_CODE))

    async def cancel(self, code: str, session: str) -> None:
        await self._send("DELETE", f"/api/bookings/{code}", session=session, refusals=_BY_CODE)

    async def _get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return await self._send("GET", path, params)

    async def _send(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None = None,
        *,
        json: dict[str, Any] | None = None,
        session: str | None = None,
        refusals: dict[int, type[Exception]] | None = None,
    ) -> Any:
        """The answer's JSON (None for 204); a documented refusal as its exception; anything else unavailable.

        With a session, the service counts wrong codes per chat session instead of per address."""
        headers = {"X-Vejviser-Session": session} if session else None
        try:
            response = await self._http.request(method, path, params=params, json=json, headers=headers)
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


_client: ServiceClient | None = None


def service_client(settings: ActionSettings | None = None) -> ServiceClient:
    """The shared client, created on first use (never at import) inside the server's event loop."""
    global _client
    if _client is None:
        settings = settings or load_settings()
        headers = {"Authorization": f"Bearer {settings.internal_token}"} if settings.internal_token else None
        http = httpx.AsyncClient(base_url=settings.service_url, timeout=settings.timeout_seconds, headers=headers)
        _client = ServiceClient(http)
    return _client
