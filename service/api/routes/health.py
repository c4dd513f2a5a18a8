"""Health of the service and every component it needs."""

from __future__ import annotations

import asyncio

import httpx
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from service.api.deps import ResourcesDep
from service.resources import Resources
from service.schemas.health import ComponentHealthPublic, HealthPublic, SpacyModelPublic
from service.stores.base import StoreUnavailable

router = APIRouter(tags=["health"])


async def _redis(resources: Resources) -> ComponentHealthPublic:
    try:
        await resources.stores.ping()
    except StoreUnavailable:
        return ComponentHealthPublic(ok=False, detail="Redis svarer ikke.")
    return ComponentHealthPublic(ok=True, detail="Redis svarer.")


async def _rasa(resources: Resources) -> ComponentHealthPublic:
    if await resources.rasa.has_model():
        return ComponentHealthPublic(ok=True, detail="Rasa svarer og har en model indlæst.")
    return ComponentHealthPublic(ok=False, detail="Rasa svarer ikke eller har ingen model.")


async def _actions(resources: Resources) -> ComponentHealthPublic:
    try:
        response = await resources.probe.get(f"{resources.settings.actions_url}/health")
    except httpx.HTTPError:
        response = None
    if response is not None and response.status_code == 200:
        return ComponentHealthPublic(ok=True, detail="Action-serveren svarer.")
    return ComponentHealthPublic(ok=False, detail="Action-serveren svarer ikke.")


@router.get(
    "/health",
    response_model=HealthPublic,
    responses={503: {"model": HealthPublic, "description": "At least one component is down."}},
)
async def get_health(resources: ResourcesDep) -> JSONResponse:
    """Each component (redis, rasa, actions), and the Danish spaCy pipeline in use with its NER scores; 200 only when
    all components are up."""
    redis, rasa, actions = await asyncio.gather(_redis(resources), _rasa(resources), _actions(resources))
    components = {"redis": redis, "rasa": rasa, "actions": actions}
    healthy = all(component.ok for component in components.values())
    pipeline = resources.spacy_pipeline
    body = HealthPublic(
        status="ok" if healthy else "unavailable",
        components=components,
        spacy_model=SpacyModelPublic(
            name=pipeline.name,
            version=pipeline.version,
            own=pipeline.own,
            description=pipeline.describe(),
            ner_scores=pipeline.ner_scores(),
        ),
    )
    return JSONResponse(body.dict(), status_code=200 if healthy else 503)
