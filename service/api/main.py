"""The API: every router, in one list (service/main.py mounts it under /api)."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.routes import bookings, chat, health, knowledge, knowledge_report, municipalities, script, staff, usage

api_router = APIRouter()
# knowledge_report before knowledge, whose /knowledge/{municipality}/{topic} would take "report" for a topic.
for module in (chat, municipalities, knowledge_report, knowledge, bookings, staff, script, usage, health):
    api_router.include_router(module.router)
