"""docker-compose.yml cannot run here (no Docker engine), so it is checked by parsing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
SERVICES: dict[str, Any] = yaml.safe_load(COMPOSE_TEXT)["services"]
SECRETS = ("RASA_TOKEN", "REDIS_PASSWORD", "INTERNAL_TOKEN", "STAFF_TOKENS", "CLIENT_KEY_SECRET")


def test_the_four_services_are_there() -> None:
    assert set(SERVICES) == {"redis", "rasa", "actions", "service"}


def test_redis_is_the_official_image_with_aof_on_a_volume() -> None:
    redis = SERVICES["redis"]
    assert redis["image"].startswith("redis:")
    assert "--appendonly yes" in redis["command"]
    assert "--appendfsync always" in redis["command"]
    assert "redis-data:/data" in redis["volumes"]
    assert "redis-data" in yaml.safe_load(COMPOSE_TEXT)["volumes"]


def _base_image(dockerfile: str) -> str:
    text = (ROOT / dockerfile).read_text(encoding="utf-8")
    match = re.search(r"^FROM\s+(\S+)", text, re.MULTILINE)
    assert match, dockerfile
    return match.group(1)


def test_rasa_uses_the_official_image_family_and_a_mounted_model() -> None:
    rasa = SERVICES["rasa"]
    assert _base_image(rasa["build"]["dockerfile"]).startswith("rasa/rasa:3.6.21")
    assert "./models:/app/models:ro" in rasa["volumes"]
    assert "/app/models/vejviser.tar.gz" in rasa["command"]
    assert "--enable-api" in rasa["command"]
    # The service sends a JWT in a header, never the secret in a query string; no plain token is accepted.
    assert "--jwt-secret=${RASA_TOKEN?Set RASA_TOKEN}" in rasa["command"]
    assert "--jwt-method=HS256" in rasa["command"]
    assert not any(argument.startswith("--auth-token") for argument in rasa["command"])


def test_actions_use_the_official_sdk_image() -> None:
    assert _base_image(SERVICES["actions"]["build"]["dockerfile"]).startswith("rasa/rasa-sdk:3.6.2")


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_every_service_has_a_health_check(name: str) -> None:
    assert SERVICES[name]["healthcheck"]["test"]


def test_only_the_service_publishes_a_port() -> None:
    published = {name: spec["ports"] for name, spec in SERVICES.items() if "ports" in spec}
    assert published == {"service": ["${PORT:-8000}:8000"]}


def test_the_service_waits_for_healthy_components() -> None:
    depends = SERVICES["service"]["depends_on"]
    assert {name: spec["condition"] for name, spec in depends.items()} == {
        "redis": "service_healthy",
        "rasa": "service_healthy",
        "actions": "service_healthy",
    }


@pytest.mark.parametrize("secret", SECRETS)
def test_secrets_come_from_the_environment_and_have_no_default(secret: str) -> None:
    uses = re.findall(r"\$\{" + secret + r"([^}]*)\}", COMPOSE_TEXT)
    assert uses, f"{secret} is not used"
    assert all(use.startswith("?") for use in uses), uses


def test_no_variable_that_looks_secret_has_a_default() -> None:
    defaults = re.findall(r"\$\{(\w+):?-", COMPOSE_TEXT)
    assert not [name for name in defaults if re.search("TOKEN|PASSWORD|SECRET|KEY", name)]
