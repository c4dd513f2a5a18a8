"""A limit on request bodies: a 10 MB body is refused before it is read, not parsed into memory."""

from __future__ import annotations

from fastapi import HTTPException, status
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOO_LARGE = "Forespørgslen er for stor. En besked må højst være 2.000 tegn."


class BodyLimit:
    """Pure ASGI: the body is counted as it arrives (with or without a Content-Length), and the route that reads
    past the limit gets a 413 with a Danish message; routes that read no body are not affected."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        received = 0

        async def limited() -> Message:
            nonlocal received
            if declared and (not declared.isdigit() or int(declared) > self.max_bytes):
                raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, TOO_LARGE)
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, TOO_LARGE)
            return message

        await self.app(scope, limited, send)
