"""Bodies shared by every route."""

from __future__ import annotations

from pydantic import BaseModel


class ErrorPublic(BaseModel):
    """Every error answer: one Danish sentence that says what went wrong and what to do."""

    detail: str
