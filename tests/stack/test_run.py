from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from service.settings import Settings
from stack.config import StackConfig
from stack.run import Stack


def test_a_rasa_secret_that_starts_with_a_dash_is_not_taken_for_an_option(tmp_path: Path) -> None:
    stack = Stack(StackConfig(var_dir=tmp_path, rasa_token="-Ab3"))
    command = stack.processes["rasa"].command
    assert "--jwt-secret=-Ab3" in command
    assert "--jwt-method=HS256" in command
    assert not any(argument.startswith("--auth-token") for argument in command)
    assert stack.processes["service"].env["RASA_TOKEN"] == "-Ab3"


def test_tests_play_many_users_from_one_address_and_make_run_keeps_the_limit(tmp_path: Path) -> None:
    def limit(config: StackConfig) -> str:
        return Stack(config).processes["service"].env["CHAT_PER_ADDRESS_PER_MINUTE"]

    assert limit(StackConfig.on_free_ports(tmp_path)) == "100000"
    assert limit(StackConfig(var_dir=tmp_path)) == "120"


def test_the_service_gets_the_chat_limits_and_docs_setting_of_make_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {"CHAT_PER_ADDRESS_PER_MINUTE": "7", "CHAT_PER_SESSION_PER_MINUTE": "3"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("DOCS_ENABLED", raising=False)
    env = Stack(dataclasses.replace(StackConfig.from_env(), var_dir=tmp_path)).processes["service"].env
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = Settings()  # type: ignore[call-arg]  # as the service reads its environment
    assert (settings.chat_per_address_per_minute, settings.chat_per_session_per_minute) == (7, 3)
    assert settings.docs_enabled is False
