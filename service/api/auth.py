"""Who may call: a municipality's staff, by the bearer token of their municipality, and the action server, by the
internal token. Tokens are compared in constant time, and wrong staff tokens are limited per client address
(STAFF_LOGIN_LIMIT per STAFF_LOGIN_WINDOW_SECONDS, then 429)."""

from __future__ import annotations

import contextlib
import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.api.clients import client_key
from service.api.deps import KnowledgeDep, ResourcesDep, known_municipality
from service.api.errors import Responses, error_doc
from service.resources import Resources
from service.stores.base import StoreUnavailable
from service.stores.keys import Keys
from service.stores.ratelimit import RateLimiter

STAFF_LOGIN = "Log ind med din kommunes personalenøgle."
OTHER_MUNICIPALITY = "Din personalenøgle gælder ikke den kommune."
INTERNAL_ONLY = "Kun Vejvisers egne tjenester må bruge denne adresse."
TOO_MANY_LOGINS = "For mange forkerte personalenøgler. Prøv igen om et kvarter."
# What a route for the token's own municipality may answer besides.
OTHER_MUNICIPALITY_DOC: Responses = {403: error_doc("The token is for another municipality.")}

_bearer = HTTPBearer(auto_error=False, description="The municipality's staff token, or the internal token.")
CredentialsDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def same_secret(given: str, token: str) -> bool:
    """A constant-time comparison; as bytes, since a header may hold any character (str needs ASCII)."""
    return secrets.compare_digest(given.encode(), token.encode())


def is_internal(request: Request, resources: Resources) -> bool:
    """A call from the action server, which carries the internal token."""
    token = resources.settings.internal_token
    given = request.headers.get("authorization", "")
    return token is not None and same_secret(given, f"Bearer {token.get_secret_value()}")


def _staff_of(resources: Resources, credentials: HTTPAuthorizationCredentials | None) -> str | None:
    """The municipality whose staff token was given, if one was."""
    if credentials is not None:
        for municipality, token in resources.settings.staff_tokens.items():
            if same_secret(credentials.credentials, token.get_secret_value()):
                return municipality
    return None


def _unauthorised() -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, STAFF_LOGIN, headers={"WWW-Authenticate": "Bearer"})


def _login_limiter(resources: Resources) -> RateLimiter:
    """Tokens tried per client address and window: the stores' Redis and key scheme, counted under its own name."""
    settings = resources.settings
    return RateLimiter(
        resources.stores.redis,
        Keys(settings.tracker_key_prefix),
        "staff-login",
        settings.staff_login_limit,
        settings.staff_login_window_seconds,
    )


async def _limited_staff_of(
    request: Request, resources: Resources, credentials: HTTPAuthorizationCredentials | None
) -> str | None:
    """`_staff_of`, where each token tried counts against the client's address before it is compared (atomically,
    so parallel guesses cannot pass one check together); a right one is given back, so only failures count. At the
    limit: 429 until the window ends, whatever the token."""
    if credentials is None:
        return None

    client = client_key(resources, request)
    limiter = _login_limiter(resources)
    try:
        wait = await limiter.take({client: limiter.limit})
    except StoreUnavailable:
        # Redis down: the staff pages that need no Redis (the script) keep working, and those that do answer their
        # own 503; the tokens are then compared uncounted until Redis is back.
        return _staff_of(resources, credentials)
    if wait:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, TOO_MANY_LOGINS, headers={"Retry-After": str(wait)})
    municipality = _staff_of(resources, credentials)
    if municipality is not None:
        with contextlib.suppress(StoreUnavailable):
            await limiter.give_back(client)
    return municipality


async def staff_municipality(request: Request, resources: ResourcesDep, credentials: CredentialsDep) -> str:
    """The municipality whose staff token was given; 401 without one, 429 after too many wrong ones."""
    municipality = await _limited_staff_of(request, resources, credentials)
    if municipality is None:
        raise _unauthorised()
    return municipality


StaffMunicipalityDep = Annotated[str, Depends(staff_municipality)]


def _own_municipality(
    staff: StaffMunicipalityDep,
    kb: KnowledgeDep,
    municipality: Annotated[str, Query(description="Must be the token's municipality.")],
) -> str:
    """A municipality the staff token may see: its own (404 for an unknown one, 403 for another)."""
    if known_municipality(kb, municipality) != staff:
        raise HTTPException(status.HTTP_403_FORBIDDEN, OTHER_MUNICIPALITY)
    return municipality


OwnMunicipalityQuery = Annotated[str, Depends(_own_municipality)]


def internal_caller(request: Request, resources: ResourcesDep) -> None:
    """Only the action server, with the internal token."""
    if not is_internal(request, resources):
        raise HTTPException(status.HTTP_403_FORBIDDEN, INTERNAL_ONLY)


async def script_reader(request: Request, resources: ResourcesDep, credentials: CredentialsDep) -> None:
    """The guided script is for staff (any municipality's token) and the action server that drives it in chat."""
    if not is_internal(request, resources) and await _limited_staff_of(request, resources, credentials) is None:
        raise _unauthorised()
