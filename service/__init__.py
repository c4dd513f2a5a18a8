"""Vejviser's FastAPI service: chat gateway, knowledge API, health, and the chat page."""
