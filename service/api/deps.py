"""Dependencies shared by the routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from knowledge.base import KnowledgeBase
from knowledge.search import SearchIndex
from service.conversations import ConversationStore
from service.rasa import RasaClient
from service.resources import Resources
from service.schemas.chat import INVALID_SESSION_ID, is_valid_session_id


def get_resources(request: Request) -> Resources:
    resources: Resources = request.app.state.resources
    return resources


ResourcesDep = Annotated[Resources, Depends(get_resources)]


def get_conversations(resources: ResourcesDep) -> ConversationStore:
    return resources.conversations


def get_rasa(resources: ResourcesDep) -> RasaClient:
    return resources.rasa


def get_knowledge(resources: ResourcesDep) -> KnowledgeBase:
    return resources.knowledge


def get_search(resources: ResourcesDep) -> SearchIndex:
    return resources.search


def valid_session_id(session_id: str) -> str:
    if not is_valid_session_id(session_id):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, INVALID_SESSION_ID)
    return session_id


ConversationsDep = Annotated[ConversationStore, Depends(get_conversations)]
RasaDep = Annotated[RasaClient, Depends(get_rasa)]
SessionIdPath = Annotated[str, Depends(valid_session_id)]
KnowledgeDep = Annotated[KnowledgeBase, Depends(get_knowledge)]
SearchDep = Annotated[SearchIndex, Depends(get_search)]
