"""The FastAPI application. Run with `uvicorn --factory service.main:create_app`."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from service.api.body_limit import BodyLimit
from service.api.errors import error_doc, register_error_handlers
from service.api.headers import add_security
from service.api.main import api_router
from service.resources import open_resources
from service.settings import Settings, get_settings

STATIC_DIR = Path(__file__).with_name("static")


class Pages(StaticFiles):
    """The chat page and the staff pages. A path no file can have (a NUL byte) is not found, rather than a crash."""

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        try:
            return super().lookup_path(path)
        except ValueError:
            return "", None


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs full request URLs at INFO, which can carry ids.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with open_resources(settings) as resources:
            app.state.resources = resources
            yield

    app = FastAPI(
        title="Vejviser",
        version="0.1.0",
        description=(
            "Anonymous Danish guide to drug-abuse treatment in five municipalities. "
            "Every error answers with a Danish `detail`."
        ),
        lifespan=lifespan,
        docs_url="/docs" if settings.docs_enabled else None,
        redoc_url="/redoc" if settings.docs_enabled else None,
        responses={413: error_doc(f"A request body over {settings.max_body_bytes} bytes.")},
    )
    register_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    add_security(app, settings.cors_origins, docs_enabled=settings.docs_enabled)
    app.include_router(api_router, prefix="/api")
    # Last, so the API routes above take precedence over files.
    app.mount("/", Pages(directory=STATIC_DIR, html=True), name="chat-page")
    return app
