"""Dependencies of the routes: the service's resources, the clock, usage counting, and typed path and query values
checked before a route runs (an unknown municipality or topic is 404, naming the valid ones)."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Path, Query, Request, status

from contract.constants import Measure
from knowledge.base import KnowledgeBase
from knowledge.files import BookingPlace
from knowledge.ranking import FactIndex
from knowledge.report import Findings
from knowledge.script import Script
from knowledge.search import SearchIndex
from service.booking.slots import TIMEZONE
from service.resources import Resources
from service.schemas.chat import INVALID_SESSION_ID, is_valid_session_id
from service.stores.base import StoreUnavailable
from service.stores.bookings import BookingStore
from service.stores.conversations import ConversationStore
from service.stores.usage import UsageStore

logger = logging.getLogger(__name__)
Part = TypeVar("Part")


def get_resources(request: Request) -> Resources:
    resources: Resources = request.app.state.resources
    return resources


ResourcesDep = Annotated[Resources, Depends(get_resources)]


def _part(get: Callable[[Resources], Part]) -> Any:
    """A dependency on one part of the resources."""

    def part(resources: ResourcesDep) -> Part:
        return get(resources)

    return Depends(part)


KnowledgeDep = Annotated[KnowledgeBase, _part(lambda r: r.knowledge.base)]
SearchDep = Annotated[SearchIndex, _part(lambda r: r.knowledge.search)]
FactIndexDep = Annotated[FactIndex, _part(lambda r: r.knowledge.facts)]
BookingPlacesDep = Annotated[dict[str, BookingPlace], _part(lambda r: r.knowledge.booking_places)]
ScriptDep = Annotated[Script, _part(lambda r: r.knowledge.script)]
ReportDep = Annotated[Findings, _part(lambda r: r.knowledge.report)]
ConversationsDep = Annotated[ConversationStore, _part(lambda r: r.stores.conversations)]
BookingsDep = Annotated[BookingStore, _part(lambda r: r.stores.bookings)]
UsageDep = Annotated[UsageStore, _part(lambda r: r.stores.usage)]


def current_time() -> datetime.datetime:
    """Now, in Danish time; a dependency so that tests can fix the clock."""
    return datetime.datetime.now(TIMEZONE)


NowDep = Annotated[datetime.datetime, Depends(current_time)]


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


def valid_session_id(session_id: str) -> str:
    if not is_valid_session_id(session_id):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, INVALID_SESSION_ID)
    return session_id


SessionIdPath = Annotated[str, Depends(valid_session_id)]


def known_municipality(kb: KnowledgeBase, municipality: str) -> str:
    """The municipality, if Vejviser covers it; 404 naming those it does."""
    if municipality not in kb.standards:
        known = ", ".join(f"{standard.name} ({standard.municipality})" for standard in kb.standards.values())
        message = f"Vejviser kender ikke den kommune. Vælg en af disse: {known}."
        raise HTTPException(status.HTTP_404_NOT_FOUND, message)
    return municipality


def known_topic(kb: KnowledgeBase, topic: str) -> str:
    """The topic, if Vejviser knows it; 404 naming those it does."""
    if topic not in kb.topics:
        message = f"Vejviser kender ikke det emne. Vælg et af disse: {', '.join(kb.topics)}."
        raise HTTPException(status.HTTP_404_NOT_FOUND, message)
    return topic


def _municipality_path(municipality: Annotated[str, Path()], kb: KnowledgeDep) -> str:
    return known_municipality(kb, municipality)


def _municipality_query(
    municipality: Annotated[str, Query(description="A municipality id, e.g. faxe.")], kb: KnowledgeDep
) -> str:
    return known_municipality(kb, municipality)


def _topic_path(topic: Annotated[str, Path()], kb: KnowledgeDep) -> str:
    return known_topic(kb, topic)


def _topic_query(topic: Annotated[str, Query(description="A topic id, e.g. pris.")], kb: KnowledgeDep) -> str:
    return known_topic(kb, topic)


MunicipalityPath = Annotated[str, Depends(_municipality_path)]
MunicipalityQuery = Annotated[str, Depends(_municipality_query)]
TopicPath = Annotated[str, Depends(_topic_path)]
TopicQuery = Annotated[str, Depends(_topic_query)]


@dataclass(frozen=True)
class DateRange:
    """From one day to another, both included."""

    first: datetime.date
    last: datetime.date


def date_range(first: datetime.date, last: datetime.date, longest: datetime.timedelta, refused: str) -> DateRange:
    """The range; 422 with the route's own sentence when it runs backwards or `last` is more than `longest` after
    `first`."""
    if not datetime.timedelta(0) <= last - first <= longest:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, refused)
    return DateRange(first, last)
