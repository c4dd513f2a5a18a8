from __future__ import annotations

import pytest
from pydantic import SecretStr

from knowledge.load import knowledge_base
from service.settings import Settings
from stack.config import StackConfig


def test_defaults_are_the_documented_ports() -> None:
    config = StackConfig()
    assert (config.service_port, config.rasa_port, config.actions_port, config.redis_port) == (
        8000,
        5005,
        5055,
        6379,
    )
    assert config.service_url == "http://127.0.0.1:8000"


def test_ports_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "PORT": "8100",
        "REDIS_PORT": "6400",
        "RASA_PORT": "5105",
        "ACTIONS_PORT": "5155",
    }.items():
        monkeypatch.setenv(name, value)
    config = StackConfig.from_env()
    assert (config.service_port, config.redis_port, config.rasa_port, config.actions_port) == (
        8100,
        6400,
        5105,
        5155,
    )


@pytest.mark.parametrize("secret", ["rasa_token", "internal_token", "staff_tokens"])
def test_every_run_gets_its_own_secrets_and_never_shows_them(secret: str) -> None:
    assert getattr(StackConfig(), secret) != getattr(StackConfig(), secret)
    assert secret not in repr(StackConfig())


def test_every_municipality_gets_its_own_staff_token() -> None:
    tokens = StackConfig().staff_tokens
    assert list(tokens) == list(knowledge_base().standards)
    assert len(set(tokens.values())) == len(tokens)


def test_make_run_honours_the_documented_chat_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAT_PER_ADDRESS_PER_MINUTE", "7")
    monkeypatch.setenv("CHAT_PER_SESSION_PER_MINUTE", "3")
    config = StackConfig.from_env()
    assert (config.chat_per_address_per_minute, config.chat_per_session_per_minute) == (7, 3)


def test_without_the_variables_make_run_keeps_the_services_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHAT_PER_ADDRESS_PER_MINUTE", raising=False)
    monkeypatch.delenv("CHAT_PER_SESSION_PER_MINUTE", raising=False)
    config = StackConfig.from_env()
    defaults = Settings(rasa_token=SecretStr("x"))
    assert config.chat_per_address_per_minute == defaults.chat_per_address_per_minute
    assert config.chat_per_session_per_minute == defaults.chat_per_session_per_minute


@pytest.mark.parametrize(
    ("value", "enabled"), [(None, False), ("", False), ("false", False), ("true", True), ("1", True)]
)
def test_the_api_pages_are_off_unless_docs_enabled(
    monkeypatch: pytest.MonkeyPatch, value: str | None, enabled: bool
) -> None:
    if value is None:
        monkeypatch.delenv("DOCS_ENABLED", raising=False)
    else:
        monkeypatch.setenv("DOCS_ENABLED", value)
    assert StackConfig.from_env().docs_enabled is enabled
