"""The service serves the knowledge folder its settings name: a change there is a change in what it answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from fastapi.testclient import TestClient

from knowledge.load import KNOWLEDGE_DIR
from service.main import create_app
from service.settings import Settings


def test_the_knowledge_comes_from_the_configured_folder(
    service_settings: Settings, redis_client: object, tmp_path: Path
) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    topics = yaml.safe_load((folder / "topics.yml").read_text(encoding="utf-8"))
    topics[0]["label"] = "en anden etiket"
    (folder / "topics.yml").write_text(yaml.safe_dump(topics, allow_unicode=True), encoding="utf-8")
    with TestClient(create_app(service_settings.copy(update={"knowledge_dir": folder}))) as client:
        labels = [topic["label"] for topic in client.get("/api/knowledge/topics").json()]
        answer = client.get(f"/api/knowledge/faxe/{topics[0]['id']}").json()
    assert labels[0] == answer["topic"]["label"] == "en anden etiket"


def test_the_committed_folder_is_the_default() -> None:
    assert Settings.__fields__["knowledge_dir"].default == KNOWLEDGE_DIR
