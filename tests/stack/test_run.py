from __future__ import annotations

from pathlib import Path

from stack.config import StackConfig
from stack.run import Stack


def test_a_rasa_token_that_starts_with_a_dash_is_not_taken_for_an_option(tmp_path: Path) -> None:
    stack = Stack(StackConfig(var_dir=tmp_path, rasa_token="-Ab3"))
    assert "--auth-token=-Ab3" in stack.processes["rasa"].command
    assert stack.processes["service"].env["RASA_TOKEN"] == "-Ab3"
