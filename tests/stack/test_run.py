from __future__ import annotations

from pathlib import Path

from stack.config import StackConfig
from stack.run import Stack


def test_a_rasa_token_that_starts_with_a_dash_is_not_taken_for_an_option(tmp_path: Path) -> None:
    stack = Stack(StackConfig(var_dir=tmp_path, rasa_token="-Ab3"))
    assert "--auth-token=-Ab3" in stack.processes["rasa"].command
    assert stack.processes["service"].env["RASA_TOKEN"] == "-Ab3"


def test_tests_play_many_users_from_one_address_and_make_run_keeps_the_limit(tmp_path: Path) -> None:
    def limit(config: StackConfig) -> str:
        return Stack(config).processes["service"].env["CHAT_PER_ADDRESS_PER_MINUTE"]

    assert limit(StackConfig.on_free_ports(tmp_path)) == "100000"
    assert limit(StackConfig(var_dir=tmp_path)) == "120"
