"""`/api/staff/me`."""

from __future__ import annotations

from pydantic import BaseModel


class StaffPublic(BaseModel):
    """The municipality a staff token belongs to."""

    municipality: str
    municipality_name: str
