"""The service's settings, read from the environment in one place."""

from __future__ import annotations

import ipaddress
import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import BaseSettings, Field, SecretStr, validator

from knowledge.load import KNOWLEDGE_DIR
from service.staff_tokens import check_staff_tokens


class Settings(BaseSettings):
    """Environment variables of the same name, case-insensitive (PORT, RASA_URL, ...)."""

    host: str = "127.0.0.1"
    port: int = 8000
    redis_url: str = "redis://127.0.0.1:6379/0"
    # Separate from the URL so that it needs no URL-encoding; empty for a local Redis on loopback.
    redis_password: SecretStr = SecretStr("")
    rasa_url: str = "http://127.0.0.1:5005"
    # Protects Rasa's HTTP API: Rasa is started with it as `--jwt-secret`; the service signs short-lived JWTs with it.
    rasa_token: SecretStr
    actions_url: str = "http://127.0.0.1:5055"
    # The first message after start-up can wait for TensorFlow to warm up.
    rasa_timeout_seconds: float = 30.0
    health_timeout_seconds: float = 3.0
    redis_timeout_seconds: float = 3.0
    # The knowledge folder the service serves: topics, standards, facts, booking places and the guided script. A new
    # municipality is data in this folder only.
    knowledge_dir: Path = KNOWLEDGE_DIR
    # Must equal `key_prefix` in bot/endpoints.yml: the service deletes Rasa's tracker keys.
    tracker_key_prefix: str = "vejviser"
    log_level: str = "INFO"
    # Request bodies are small (a message is at most 2,000 characters); a larger one is refused unread (413).
    max_body_bytes: int = 64 * 1024
    # Seconds a conversation is kept after its last message: Rasa's TRACKER_EXPIRY_SECONDS, the same value.
    tracker_expiry_seconds: int = 7200
    # Seconds between rewrites of Redis's append-only file, which remove expired conversations from its disk (a
    # deleted one goes at once, service/stores/aof.py).
    aof_rewrite_interval_seconds: int = 600
    # Days a booking and its traces are kept after its slot.
    booking_retention_days: int = 3
    # Days the anonymous usage figures (counters only) are kept.
    usage_retention_days: int = 400
    # One bearer token per municipality for the staff API and pages, as JSON: {"faxe": "...", ...}.
    staff_tokens: dict[str, SecretStr] = {}
    # Failed staff logins (a wrong token) allowed per client address per window, before 429.
    staff_login_limit: int = 10
    staff_login_window_seconds: int = 900
    # Shared with the action server: marks its calls, which act for a chat session rather than a browser.
    internal_token: SecretStr | None = None
    # Wrong booking codes allowed per client (or chat session) per window, before 429.
    code_guess_limit: int = 10
    code_guess_window_seconds: int = 900
    # Wrong booking codes allowed per client address per window (higher: an address may be shared by many chats).
    code_guess_address_limit: int = 30
    # POST /api/bookings allowed per client address and per chat conversation per window, and open (future, not
    # cancelled) bookings per client, before 429. Staff conversations are not limited.
    booking_create_limit: int = 6
    booking_create_window_seconds: int = 3600
    booking_open_limit: int = 3
    # Reverse proxies (addresses or networks, as JSON: ["10.0.0.2", "172.16.0.0/12"]) whose X-Forwarded-For names
    # the client. Empty by default: the connecting address is the client, and X-Forwarded-For is ignored.
    trusted_proxies: list[str] = []
    # Chat messages allowed per minute from one conversation, and from one client address (a municipality's
    # phone line may share one address), before 429.
    chat_per_session_per_minute: int = 20
    chat_per_address_per_minute: int = 120
    # Web sites that may embed the chat widget (CORS), as JSON: ["https://www.faxekommune.dk"]. None by default.
    cors_origins: list[str] = []
    # The interactive API pages /docs and /redoc load Swagger UI and ReDoc from a CDN, on the origin that keeps the
    # staff token: off unless set (development only). /openapi.json is always served.
    docs_enabled: bool = False
    # Keys client addresses for rate limits, so that no address is ever stored. New per process unless set.
    client_key_secret: SecretStr = Field(default_factory=lambda: SecretStr(secrets.token_hex(32)))

    @validator("staff_tokens")
    def _strong_staff_tokens(cls, value: dict[str, SecretStr]) -> dict[str, SecretStr]:
        # Strong and one per municipality here; known municipalities when the knowledge is read (service.resources).
        check_staff_tokens({municipality: token.get_secret_value() for municipality, token in value.items()})
        return value

    @validator("trusted_proxies", each_item=True)
    def _proxy_network(cls, value: str) -> str:
        ipaddress.ip_network(value, strict=False)  # an address or a network, else ValueError at start
        return value

    @validator("rasa_url", "actions_url")
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return value.rstrip("/")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]  # values come from the environment
