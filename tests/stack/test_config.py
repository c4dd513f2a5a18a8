from __future__ import annotations

import pytest

from knowledge.load import knowledge_base
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
