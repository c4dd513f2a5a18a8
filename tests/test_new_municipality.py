"""Adding a municipality is data only: a made-up sixth one, from fixture files, is served by the knowledge API,
booking, the staff API, the chat widget and the staff pages, with no change to the code."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
import yaml
from fastapi.testclient import TestClient
from pydantic import SecretStr
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from knowledge.load import KNOWLEDGE_DIR, load_knowledge
from knowledge.report import REPORT_FILE, check_report, load_report
from knowledge.validate import validate
from service.main import create_app
from service.settings import Settings
from stack.config import free_port
from tests.conftest import staff_auth
from tests.e2e.browser import CHROMEDRIVER, log_in

FIXTURE = Path(__file__).parent / "fixtures" / "sixth_municipality"
SIXTH, SIXTH_NAME = "nordby", "Nordby"
SIXTH_TOKEN = "nordby-staff-token-for-the-sixth-municipality"
STAFF = {"Authorization": f"Bearer {SIXTH_TOKEN}"}


@pytest.fixture(scope="module")
def knowledge_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed knowledge base with the fixture's municipality added: its standard, facts, booking place and
    places."""
    root = tmp_path_factory.mktemp("knowledge")
    shutil.copytree(KNOWLEDGE_DIR, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    for folder in ("sources", "facts"):
        for path in (FIXTURE / folder).iterdir():
            shutil.copy(path, root / folder / path.name)
    with (root / "booking.yml").open("a", encoding="utf-8") as booking:
        booking.write("\n" + (FIXTURE / "booking.yml").read_text(encoding="utf-8"))
    places = yaml.safe_load((root / "places.yml").read_text(encoding="utf-8"))
    places["covered"] |= yaml.safe_load((FIXTURE / "places.yml").read_text(encoding="utf-8"))
    (root / "places.yml").write_text(yaml.safe_dump(places, allow_unicode=True), encoding="utf-8")
    return root


@pytest.fixture
def settings(service_settings: Settings, knowledge_dir: Path) -> Settings:
    tokens = {**service_settings.staff_tokens, SIXTH: SecretStr(SIXTH_TOKEN)}
    return service_settings.copy(update={"knowledge_dir": knowledge_dir, "staff_tokens": tokens})


@pytest.fixture
def sixth(settings: Settings, redis_client: object) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def test_the_knowledge_base_with_a_sixth_municipality_passes_every_check(knowledge_dir: Path) -> None:
    kb = load_knowledge(knowledge_dir)
    assert kb.standard(SIXTH).name == SIXTH_NAME
    assert [str(problem) for problem in validate(kb, root=knowledge_dir)] == []
    assert [str(problem) for problem in check_report(kb, load_report(knowledge_dir / REPORT_FILE))] == []


def test_the_knowledge_api_answers_for_it(sixth: TestClient) -> None:
    assert SIXTH_NAME in [m["name"] for m in sixth.get("/api/municipalities").json()]
    contact = sixth.get(f"/api/knowledge/{SIXTH}/kontakt").json()
    assert "99 99 99 99" in contact["facts"][0]["answer"]
    assert contact["facts"][0]["sources"][0]["municipality"] == SIXTH
    assert sixth.get(f"/api/knowledge/{SIXTH}/klage").json()["status"] == "not_stated"
    compared = sixth.get("/api/knowledge/compare", params={"topic": "pris", "municipalities": f"faxe,{SIXTH}"})
    assert [answer["municipality_name"] for answer in compared.json()["answers"]] == ["Faxe", SIXTH_NAME]


def test_it_can_be_booked_and_its_staff_see_its_own_bookings_script_and_figures(sixth: TestClient) -> None:
    slots = sixth.get("/api/bookings/slots", params={"municipality": SIXTH}).json()
    assert slots["place"]["name"] == "Rusmiddelcenter Nordby"
    start = slots["days"][0]["slots"][0]["start"]
    booked = sixth.post("/api/bookings", json={"municipality": SIXTH, "start": start})
    assert booked.status_code == 201
    assert sixth.get("/api/staff/me", headers=STAFF).json() == {"municipality": SIXTH, "municipality_name": SIXTH_NAME}
    day = start[:10]
    listed = sixth.get("/api/staff/bookings", params={"municipality": SIXTH, "from": day, "to": day}, headers=STAFF)
    assert [booking["code"] for booking in listed.json()] == [booked.json()["code"]]
    script = sixth.get("/api/staff/script", params={"municipality": SIXTH}, headers=STAFF).json()
    assert script["municipality_name"] == SIXTH_NAME
    stats = sixth.get("/api/staff/stats", params={"municipality": SIXTH}, headers=STAFF).json()
    assert stats["total"]["bookings_made"] == 1
    report = sixth.get(f"/api/knowledge/{SIXTH}/report", headers=STAFF).json()
    assert (report["municipality_name"], report["findings"]) == (SIXTH_NAME, [])
    assert sixth.get("/api/staff/me", headers=staff_auth("faxe")).json()["municipality"] == "faxe"


@pytest.fixture
def served(settings: Settings, redis_client: object) -> Iterator[str]:
    """The service over HTTP on a free port, for the browser."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.skipif(CHROMEDRIVER is None, reason="Chromium is not installed: `make browser-deps` installs it")
def test_the_chat_widget_and_the_staff_pages_name_it(served: str, browser: WebDriver) -> None:
    browser.get(f"{served}/")
    WebDriverWait(browser, 20).until(
        lambda driver: SIXTH_NAME in driver.find_element(By.CSS_SELECTOR, ".vv-msg.vv-bot p").text
    )
    log_in(browser, f"{served}/staff/", SIXTH_TOKEN)
    WebDriverWait(browser, 20).until(
        lambda driver: f"{SIXTH_NAME} Kommune" in driver.find_element(By.ID, "st-header").text
    )
