"""The action server's one HTTP client to the service's knowledge and booking API."""

from __future__ import annotations

from typing import Any, TypedDict, cast

import httpx

from actions.settings import ActionSettings, load_settings


class ServiceUnavailable(Exception):
    """The service could not be reached or did not answer as documented."""


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


class ServiceClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._municipalities: list[Municipality] | None = None
        self._topics: list[Topic] | None = None

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

    async def _get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        try:
            response = await self._http.get(path, params=params)
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
