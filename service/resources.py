"""What the service holds while it runs: the knowledge it serves, and its connections."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import httpx
from starlette.concurrency import run_in_threadpool

from danish.pipeline import DanishPipeline, resolve_pipeline
from knowledge.base import KnowledgeBase
from knowledge.booking import load_booking_places
from knowledge.files import BookingPlace
from knowledge.load import load_knowledge
from knowledge.places import Places, load_places
from knowledge.ranking import FactIndex
from knowledge.report import REPORT_FILE, Findings, load_report
from knowledge.script import Script, load_script
from knowledge.search import SearchIndex
from service.nlp import danish_nlp, fact_index, search_index
from service.privacy import Redactor, public_details
from service.rasa import RasaClient
from service.settings import Settings
from service.staff_tokens import check_staff_tokens
from service.stores import Stores, open_stores

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Knowledge:
    """Everything read from the knowledge folder, the search index over its standards and the index of its facts."""

    base: KnowledgeBase
    booking_places: dict[str, BookingPlace]
    script: Script
    places: Places
    search: SearchIndex
    facts: FactIndex
    # What each standard should correct (knowledge/report.yml), for the municipalities' staff.
    report: Findings


@lru_cache(maxsize=4)
def read_knowledge(folder: Path, pipeline: DanishPipeline) -> Knowledge:
    """Once per process and folder (every app the tests start reads the same one). Blocking: the search index
    lemmatises every passage. Raises KnowledgeError listing every problem of the files."""
    kb = load_knowledge(folder)
    places = load_places(folder / "places.yml")
    return Knowledge(
        base=kb,
        booking_places=load_booking_places(folder / "booking.yml"),
        script=load_script(folder / "script.yml"),
        places=places,
        search=search_index(pipeline, kb),
        facts=fact_index(pipeline, kb, places, folder / "synonyms.yml"),
        report=load_report(folder / REPORT_FILE),
    )


@dataclass(frozen=True)
class Resources:
    settings: Settings
    knowledge: Knowledge
    spacy_pipeline: DanishPipeline
    redactor: Redactor
    rasa: RasaClient
    # For health probes of components that have no client of their own (the action server).
    probe: httpx.AsyncClient
    stores: Stores


@asynccontextmanager
async def open_resources(settings: Settings) -> AsyncIterator[Resources]:
    # Assembling the own pipeline (first start only) is blocking work.
    pipeline = await run_in_threadpool(resolve_pipeline)
    logger.info("Danish spaCy pipeline: %s", pipeline.describe())
    knowledge = await run_in_threadpool(read_knowledge, settings.knowledge_dir, pipeline)
    # The tokens' strength was checked with the settings; here, that each is for a municipality served.
    check_staff_tokens(
        {municipality: token.get_secret_value() for municipality, token in settings.staff_tokens.items()},
        knowledge.base.standards,
    )
    # The municipalities' own phone numbers and addresses, which users repeat, and the names of places are kept.
    redactor = Redactor(danish_nlp(pipeline), public_details(knowledge.base, knowledge.places))
    async with (
        open_stores(settings) as stores,
        httpx.AsyncClient(base_url=settings.rasa_url, timeout=settings.rasa_timeout_seconds) as rasa_http,
        httpx.AsyncClient(timeout=settings.health_timeout_seconds) as probe,
    ):
        yield Resources(
            settings=settings,
            knowledge=knowledge,
            spacy_pipeline=pipeline,
            redactor=redactor,
            rasa=RasaClient(rasa_http, settings.rasa_token.get_secret_value()),
            probe=probe,
            stores=stores,
        )
