"""Headless Chromium for the browser tests (Debian's, driven by Selenium), axe-core, and screenshots."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from stack.config import ROOT

AXE = ROOT / "var" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "var" / "test-artifacts"
CHROMEDRIVER = shutil.which("chromedriver")


def skip_without_browser() -> None:
    """Skip the calling test module where `make browser-deps` could not install Chromium or axe-core."""
    missing = [what for what, there in (("chromedriver", CHROMEDRIVER), ("axe-core", AXE.is_file())) if not there]
    if missing:
        pytest.skip(
            f"{' and '.join(missing)} not installed: `make browser-deps` installs them", allow_module_level=True
        )


def new_browser() -> WebDriver:
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1024,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    return driver


def shot(driver: WebDriver, name: str) -> None:
    """A screenshot kept as a test artifact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def run_js(driver: WebDriver, script: str, *args: object) -> Any:
    return driver.execute_script(script, *args)  # type: ignore[no-untyped-call]


def axe_violations(driver: WebDriver) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations of WCAG 2.1 A and AA (and best practice) on the page."""
    run_js(driver, AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
        ".then(r => done(r)).catch(e => done({violations: [{id: 'axe-error', impact: 'critical', help: String(e)}]}));"
    )
    return [v for v in result["violations"] if v.get("impact") in {"serious", "critical"}]


def log_in(driver: WebDriver, url: str, token: str) -> None:
    """Open a staff page and log in with a municipality's staff key."""
    driver.get(url)
    field = WebDriverWait(driver, 10).until(expected_conditions.visibility_of_element_located((By.ID, "st-token")))
    field.send_keys(token, Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, ".st-page").is_displayed())
