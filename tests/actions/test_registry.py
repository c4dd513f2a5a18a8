"""The action server finds exactly the actions the domain names, the way rasa_sdk looks for them: it imports every
module of the package and registers each concrete `Action` subclass by its name."""

from __future__ import annotations

from pathlib import Path

import yaml
from rasa_sdk.executor import ActionExecutor

DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain"


def test_the_action_server_registers_the_domains_custom_actions() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    named = {
        action
        for path in DOMAIN.glob("*.yml")
        for action in yaml.safe_load(path.read_text(encoding="utf-8")).get("actions", [])
        if not action.startswith("utter_")
    }
    assert set(executor.actions) == named
