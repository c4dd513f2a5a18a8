"""Security headers on every answer, and CORS only for the web sites that embed the widget."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware

# The page and widget load nothing from elsewhere: no third-party scripts, fonts or analytics.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# FastAPI's API pages load Swagger UI and ReDoc from a CDN. They are off unless DOCS_ENABLED (development only); when
# on, they get every header but the CSP. Every other path, a disabled /docs included, gets the whole policy.
_DOC_PATHS = ("/docs", "/redoc")


def add_security(app: FastAPI, cors_origins: list[str], docs_enabled: bool = False) -> None:
    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in HEADERS.items():
            if name == "Content-Security-Policy" and docs_enabled and request.url.path in _DOC_PATHS:
                continue
            response.headers.setdefault(name, value)
        return response

    # Added last, so it runs first: a preflight is answered before anything else.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=cors_origins,
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type"],
        allow_credentials=False,
        max_age=600,
    )
