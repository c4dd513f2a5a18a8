"""Who may call: a municipality's staff, by the bearer token of their municipality, and the action server, by the
internal token. Tokens are compared in constant time."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.api.deps import KnowledgeDep, ResourcesDep, known_municipality
from service.api.errors import Responses, error_doc
from service.resources import Resources

STAFF_LOGIN = "Log ind med din kommunes personalenøgle."
OTHER_MUNICIPALITY = "Din personalenøgle gælder ikke den kommune."
INTERNAL_ONLY = "Kun Vejvisers egne tjenester må bruge denne adresse."
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


def staff_municipality(resources: ResourcesDep, credentials: CredentialsDep) -> str:
    """The municipality whose staff token was given; 401 without one."""
    municipality = _staff_of(resources, credentials)
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


def script_reader(request: Request, resources: ResourcesDep, credentials: CredentialsDep) -> None:
    """The guided script is for staff (any municipality's token) and the action server that drives it in chat."""
    if not is_internal(request, resources) and _staff_of(resources, credentials) is None:
        raise _unauthorised()
