"""Everything under /api/staff: a municipality's own staff, with its own token. One router per sub-resource; this
package owns the prefix and the token check, so no staff route can be reached without a staff token (401)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from service.api.auth import staff_municipality
from service.api.errors import error_doc
from service.api.routes.staff import bookings, chat, me, script, stats

router = APIRouter(
    prefix="/staff",
    dependencies=[Depends(staff_municipality)],
    responses={401: error_doc("No or unknown staff token.")},
)
for module in (me, chat, bookings, script, stats):
    router.include_router(module.router)
