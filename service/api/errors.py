"""Errors as HTTP status codes with one Danish sentence, never echoing what the user sent: the framework's own, and
the two ways a part behind the service can be down (Redis: StoreUnavailable; Rasa: RasaUnavailable)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.rasa import RasaUnavailable
from service.schemas.common import ErrorPublic
from service.stores.base import StoreUnavailable

logger = logging.getLogger(__name__)
NOT_JSON = "Forespørgslen kunne ikke læses. Send et JSON-objekt."
UNKNOWN_FIELDS = "Forespørgslen indeholder felter, som ikke findes."
INVALID_REQUEST = "Forespørgslen er ikke gyldig."
UNEXPECTED = "Der skete en fejl hos Vejviser. Prøv igen om lidt."
RASA_DOWN = "Vejviser kan ikke svare lige nu. Prøv igen om lidt. Er det akut, så ring 112."
# Pydantic error types whose `msg` is a Danish sentence written by our own validators.
_OWN_MESSAGES = {"value_error"}
# FastAPI's type for a body that is not JSON, and pydantic's for JSON that is not an object.
_NOT_JSON = {"json_invalid", "type_error.dict"}
# What FastAPI and Starlette raise themselves, in English, and what the service answers instead.
_FRAMEWORK_ERRORS: dict[tuple[int, str], tuple[int, str]] = {
    # A body that is not UTF-8 is malformed like any other.
    (400, "There was an error parsing the body"): (422, NOT_JSON),
    (404, "Not Found"): (404, "Siden findes ikke."),
    (405, "Method Not Allowed"): (405, "Den metode kan ikke bruges her."),
}


Responses = dict[int | str, dict[str, Any]]


def error_doc(description: str) -> dict[str, Any]:
    """An error answer for a route's OpenAPI `responses`."""
    return {"model": ErrorPublic, "description": description}


# The 503 of the routes that chat through Rasa, and of those whose store is down.
RASA_UNAVAILABLE: Responses = {
    503: error_doc("Rasa cannot be reached. (When it answers with nothing, the reply says whom to call.)")
}
STORE_UNAVAILABLE: Responses = {503: error_doc("Redis is down.")}
BOOKINGS_UNAVAILABLE: Responses = {503: error_doc("Redis is down: nothing was written.")}


def validation_message(errors: Sequence[dict[str, Any]]) -> str:
    """One Danish sentence for the first problem in a request.

    Field names are named only when they are our own schema's (a missing or mistyped field); unknown
    keys come from the client and are never echoed, nor are values.
    """
    if not errors:
        return INVALID_REQUEST
    error = errors[0]
    kind = str(error.get("type", ""))
    # After where it was sent (body, query, path): the first part is always our schema's own field; a deeper part
    # may be a key the client chose (inside a map), which is never echoed.
    location = [str(part) for part in error.get("loc", ())[1:]]
    if kind in _OWN_MESSAGES:
        return str(error["msg"])
    if kind in _NOT_JSON or not location:
        return NOT_JSON
    if kind == "value_error.extra":
        return UNKNOWN_FIELDS
    if kind == "value_error.missing":
        return f"Feltet '{location[0]}' mangler."
    if kind.startswith("type_error"):
        return f"Feltet '{location[0]}' har en forkert type."
    return INVALID_REQUEST


def _error(status_code: int, detail: str) -> JSONResponse:
    return JSONResponse(ErrorPublic(detail=detail).dict(), status_code=status_code)


async def _on_validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return _error(status.HTTP_422_UNPROCESSABLE_ENTITY, validation_message(exc.errors()))


async def _on_http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status_code, detail = _FRAMEWORK_ERRORS.get((exc.status_code, str(exc.detail)), (exc.status_code, str(exc.detail)))
    return JSONResponse(ErrorPublic(detail=detail).dict(), status_code=status_code, headers=exc.headers)


async def _on_store_unavailable(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StoreUnavailable)
    # The store and the kind of error only: what the request held stays out of the log.
    logger.warning("%s unavailable: %s", exc.store, type(exc.__cause__).__name__)
    return _error(status.HTTP_503_SERVICE_UNAVAILABLE, exc.detail)


async def _on_rasa_unavailable(_: Request, exc: Exception) -> JSONResponse:
    logger.warning("Rasa did not answer: %s", exc)
    return _error(status.HTTP_503_SERVICE_UNAVAILABLE, RASA_DOWN)


async def _on_unexpected_error(_: Request, __: Exception) -> JSONResponse:
    return _error(status.HTTP_500_INTERNAL_SERVER_ERROR, UNEXPECTED)


def register_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(StoreUnavailable, _on_store_unavailable)
    app.add_exception_handler(RasaUnavailable, _on_rasa_unavailable)
    app.add_exception_handler(Exception, _on_unexpected_error)
