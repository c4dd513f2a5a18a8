"""The staff pages (/staff/) in headless Chromium against the whole stack: the guided script by keyboard only for
every municipality, the printable script and its PDF, staff-token isolation, the figures, and axe-core."""

from __future__ import annotations

import base64
import datetime
import io
import json
import re
from typing import Any

import httpx
import pytest
from pypdf import PdfReader
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from knowledge.load import knowledge_base
from stack.run import Stack
from tests.e2e.browser import ARTIFACTS, axe_violations, log_in, run_js, shot, skip_without_browser

pytestmark = pytest.mark.e2e
skip_without_browser()
NAMES = {municipality: standard.name for municipality, standard in knowledge_base().standards.items()}
# A topic whose answer depends on the age in that municipality's standard, so the age question comes too.
TOPIC_WITH_AGES = {
    "broenderslev": "Anonym behandling",
    "faxe": "Anonym behandling",
    "frederiksberg": "Hjælp til unge",
    "odsherred": "Hjælp til unge",
    "vordingborg": "Hvem du kan kontakte",
}
CODE = re.compile(r"\b[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}\b")
TOKEN_KEY = "vejviser-staff-token"
SESSION_KEY = "vejviser-staff-session"
# Every object URL the page makes (the downloads), so a test can read what "Hent CSV" or "Hent PDF" fetched.
CATCH_DOWNLOADS = """
window.downloads = [];
const make = URL.createObjectURL;
URL.createObjectURL = (blob) => { window.downloads.push(blob); return make(blob); };
"""
READ_DOWNLOAD = """
const done = arguments[arguments.length - 1];
const reader = new FileReader();
reader.onload = () => done(reader.result.split(',')[1]);
reader.readAsDataURL(window.downloads[window.downloads.length - 1]);
"""
FETCH_STATUS = """
const done = arguments[arguments.length - 1];
fetch(arguments[0], {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('vejviser-staff-token')}})
  .then(r => done(r.status)).catch(e => done(String(e)));
"""


def staff_shot(driver: WebDriver, name: str) -> None:
    shot(driver, f"staff-{name}")


def wait(driver: WebDriver, seconds: float = 60) -> WebDriverWait[WebDriver]:
    return WebDriverWait(driver, seconds)


def focused_id(driver: WebDriver) -> str | None:
    return driver.switch_to.active_element.get_attribute("id")


def first_screen(driver: WebDriver) -> str:
    wait(driver).until(lambda d: focused_id(d) == "gd-heading")
    return driver.find_element(By.CSS_SELECTOR, ".gd-screen").text


def press(driver: WebDriver, key: str) -> str:
    """A key pressed where the focus is (the screen's heading), and the next screen's text once it has the focus."""
    shown = driver.find_element(By.ID, "gd-heading")
    driver.switch_to.active_element.send_keys(key)
    wait(driver).until(expected_conditions.staleness_of(shown))
    return first_screen(driver)


def heading(driver: WebDriver) -> str:
    return driver.find_element(By.ID, "gd-heading").text


def key_for(driver: WebDriver, title: str) -> str:
    """The shortcut shown on the screen's choice whose title contains `title`."""
    for choice in driver.find_elements(By.CSS_SELECTOR, ".gd-choice"):
        if title in choice.text:
            return choice.find_element(By.TAG_NAME, "kbd").text
    raise AssertionError(f"No choice {title!r} on the screen: {heading(driver)}")


def staff_headers(stack: Stack, municipality: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {stack.config.staff_tokens[municipality]}"}


def printed_script(stack: Stack, municipality: str) -> dict[str, Any]:
    response = httpx.get(
        f"{stack.config.service_url}/api/staff/script",
        params={"municipality": municipality},
        headers=staff_headers(stack, municipality),
    )
    response.raise_for_status()
    script: dict[str, Any] = response.json()
    return script


def one_line(text: str) -> str:
    return " ".join(text.split())


def header_on_top(page: Any, header: str) -> bool:
    """Whether a printed page's topmost lines are the running header, with no text in or right under it."""
    lines: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():  # the baseline's position on the page: the text matrix, then the transformation matrix
            x, y = cm[0] * tm[4] + cm[2] * tm[5] + cm[4], cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            lines.append((-y, x, text.strip()))

    page.extract_text(visitor_text=visit)
    lines.sort()
    wanted, joined = one_line(header), ""
    for taken, (bottom, _, text) in enumerate(lines, 1):
        joined = one_line(f"{joined} {text}")
        if joined == wanted:
            return all(below - bottom > 14 for below, *_ in lines[taken:])  # 14 pt: at least a line apart
        if not wanted.startswith(joined):
            return False
    return False


@pytest.mark.parametrize("municipality", sorted(NAMES))
def test_the_guided_script_by_keyboard_to_a_booking(stack: Stack, browser: WebDriver, municipality: str) -> None:
    log_in(browser, f"{stack.config.service_url}/staff/", stack.config.staff_tokens[municipality])
    assert "Hvilken kommune" in first_screen(browser)
    assert browser.find_element(By.CSS_SELECTOR, "[aria-keyshortcuts='E']").get_attribute("disabled") is not None
    session = run_js(browser, f"return sessionStorage.getItem('{SESSION_KEY}')")
    assert session

    assert "Hvem ringer?" in press(browser, key_for(browser, NAMES[municipality]))
    assert "Hvilken kommune" in press(browser, "t"), "T goes back one screen"
    assert "Hvem ringer?" in press(browser, key_for(browser, NAMES[municipality]))
    topics = press(browser, key_for(browser, "Borger"))
    assert f"{NAMES[municipality]} Kommune · Borger. Hvad handler opkaldet om?" in topics
    assert "112" in press(browser, "a"), "A gives the emergency numbers on every screen"
    assert "Hvad handler opkaldet om?" in press(browser, "t")

    # Typing is not a shortcut; Escape leaves the field for the screen again.
    browser.switch_to.active_element.send_keys("/")
    assert focused_id(browser) == "gd-question"
    browser.switch_to.active_element.send_keys("a")
    assert browser.find_element(By.ID, "gd-question").get_attribute("value") == "a"
    assert browser.find_element(By.CSS_SELECTOR, ".st-status").text == "", "nothing was sent"
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert focused_id(browser) == "gd-heading"
    assert "Hvad handler opkaldet om?" in heading(browser)

    answer = press(browser, key_for(browser, TOPIC_WITH_AGES[municipality]))
    if "Hvor gammel" in answer:
        # The oldest age group: the one every municipality's anonymous conversation is for (knowledge/booking.yml).
        answer = press(browser, str(len(browser.find_elements(By.CSS_SELECTOR, ".gd-choice"))))
    assert "Læs op for den, der ringer:" in heading(browser)
    said = [p.text for p in browser.find_elements(By.CSS_SELECTOR, ".gd-say") if p.text.strip()]
    assert said, answer
    quotes = [q.text for q in browser.find_elements(By.CSS_SELECTOR, ".gd-fact .st-sources blockquote")]
    assert any(quote.strip() for quote in quotes), "at least one verbatim quote beside what is read aloud"
    assert "Spørg bagefter:" in answer
    staff_shot(browser, f"answer-{municipality}")

    times = press(browser, key_for(browser, "booke"))
    assert "ledige tider" in times
    slots = httpx.get(f"{stack.config.service_url}/api/bookings/slots", params={"municipality": municipality}).json()
    assert ("Vejvisers standardtider" in times) is slots["default_hours"], "default hours are said to be Vejviser's"
    assert "Skal jeg booke tiden?" in press(browser, "1")
    booked = press(browser, key_for(browser, "Ja, book tiden"))
    not_named = "nævner ikke, hvor samtalen holdes" in booked
    assert not_named is (slots["place"]["name"] is None), "a place the standard does not name is never given"
    assert ("Vejvisers standardtider" in booked) is slots["default_hours"]
    reading = browser.find_elements(By.CSS_SELECTOR, ".gd-label")[-1].text
    code = CODE.search(reading)
    assert code, booked
    assert reading.startswith(f"Læs koden {code.group()} op")
    assert " som " in reading, "the code is spelled out, letter by letter"
    staff_shot(browser, f"booked-{municipality}")

    assert "Hvad handler opkaldet om?" in press(browser, "e"), "E goes straight to the topics"
    assert "Hvilken kommune" in press(browser, "n"), "N starts a new call"
    assert run_js(browser, f"return sessionStorage.getItem('{SESSION_KEY}')") != session
    assert browser.find_element(By.CSS_SELECTOR, "[aria-keyshortcuts='T']").get_attribute("disabled") is not None


@pytest.mark.parametrize("municipality", sorted(NAMES))
def test_the_printable_script_has_the_standard_on_every_page(
    stack: Stack, browser: WebDriver, municipality: str
) -> None:
    script = printed_script(stack, municipality)
    title, dated = one_line(script["standard"]["title"]), script["dated"]
    log_in(browser, f"{stack.config.service_url}/staff/script/", stack.config.staff_tokens[municipality])
    sections = wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".sc-section"))
    assert browser.find_element(By.CSS_SELECTOR, ".st-page h1").text == f"Guidet forløb · {NAMES[municipality]} Kommune"
    assert one_line(browser.find_element(By.CSS_SELECTOR, ".sc-standard").text) == f"{title} · {dated}"
    assert "112" in sections[0].text, "the emergency numbers come first"
    assert len(sections) == 1 + len(script["topics"])
    assert "For: " in sections[1].text
    assert "Spørg bagefter" in browser.find_element(By.CSS_SELECTOR, ".st-page").text
    assert browser.find_elements(By.CSS_SELECTOR, ".sc-section blockquote")
    staff_shot(browser, f"script-{municipality}")

    printed = PdfReader(io.BytesIO(base64.b64decode(browser.print_page())))
    assert len(printed.pages) > 1
    for number, page in enumerate(printed.pages, 1):
        text = one_line(page.extract_text())
        assert title in text, f"page {number} of {len(printed.pages)}"
        assert dated in text, f"page {number} of {len(printed.pages)}"
        assert header_on_top(page, f"{title} · {dated}"), f"page {number}: the header covers text"
        assert "Log ud" not in text, "no header or buttons in print"
        assert "Udskriv" not in text

    run_js(browser, CATCH_DOWNLOADS)
    browser.find_element(By.XPATH, "//button[.='Hent PDF']").click()
    wait(browser, 30).until(lambda d: "PDF-filen er hentet" in d.find_element(By.CSS_SELECTOR, ".st-status").text)
    served = PdfReader(io.BytesIO(base64.b64decode(browser.execute_async_script(READ_DOWNLOAD))))
    for number, page in enumerate(served.pages, 1):
        assert title in one_line(page.extract_text()), f"page {number} of the service's PDF"


def test_a_staff_key_opens_its_own_municipality_only(stack: Stack, browser: WebDriver) -> None:
    url = stack.config.service_url
    browser.get(f"{url}/staff/")
    field = wait(browser, 10).until(expected_conditions.visibility_of_element_located((By.ID, "st-token")))
    for wrong in ("ikke-en-rigtig-nøgle", "ikke-en-rigtig-noegle"):  # not even ASCII, and unknown to the service
        run_js(browser, "document.getElementById('st-login-error').textContent = '';")
        field.clear()
        field.send_keys(wrong, Keys.ENTER)
        error = wait(browser, 10).until(lambda d: d.find_element(By.ID, "st-login-error").text)
        assert "passer ikke" in error
    assert field.get_attribute("aria-invalid") == "true"
    assert browser.find_element(By.CSS_SELECTOR, ".st-page").is_displayed() is False
    assert run_js(browser, f"return sessionStorage.getItem('{TOKEN_KEY}')") is None
    staff_shot(browser, "wrong-key")

    field.clear()
    field.send_keys(stack.config.staff_tokens["faxe"], Keys.ENTER)
    first_screen(browser)
    header = browser.find_element(By.CSS_SELECTOR, ".st-header").text
    assert "Faxe Kommune" in header
    assert not [name for name in NAMES.values() if name != "Faxe" and name in header]
    for path in ("api/staff/stats?municipality=odsherred", "api/staff/script?municipality=odsherred"):
        assert browser.execute_async_script(FETCH_STATUS, f"{url}/{path}") == 403, path
    assert browser.execute_async_script(FETCH_STATUS, f"{url}/api/staff/stats?municipality=faxe") == 200
    assert browser.get_cookies() == []

    browser.get(f"{url}/staff/stats/")  # the key lasts for the tab: no new login
    title = wait(browser, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, ".st-page h1").text)
    assert title == "Tal for Faxe Kommune"
    wait(browser, 30).until(lambda d: d.find_elements(By.ID, "sx-period"))
    assert "Faxe Kommune" in browser.find_element(By.ID, "sx-period").text

    browser.find_element(By.CSS_SELECTOR, ".st-logout").click()
    assert wait(browser, 10).until(lambda d: d.find_element(By.ID, "st-token").is_displayed())
    assert run_js(browser, f"return sessionStorage.getItem('{TOKEN_KEY}')") is None
    assert run_js(browser, f"return sessionStorage.getItem('{SESSION_KEY}')") is None
    assert "Faxe" not in browser.find_element(By.CSS_SELECTOR, ".st-header").text

    # The public chat has no staff features: no link, and no guided script through its API.
    browser.get(f"{url}/")
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "Guidet forløb" not in page
    assert "Personalenøgle" not in page
    assert not browser.find_elements(By.CSS_SELECTOR, "a[href*='staff']")
    response = httpx.post(f"{url}/api/chat", json={"message": "/start_guide"}, timeout=60)
    assert response.status_code == 200
    replies = response.json()["replies"]
    assert "Guidet forløb er for kommunernes rådgivere" in " ".join(reply["text"] for reply in replies)
    assert all(reply["buttons"] == [] for reply in replies)


def test_the_figures_after_a_booking_with_chart_table_and_csv(stack: Stack, browser: WebDriver) -> None:
    url = stack.config.service_url
    slots = httpx.get(f"{url}/api/bookings/slots", params={"municipality": "faxe"}).json()
    start = slots["days"][-1]["slots"][-1]["start"]
    assert httpx.post(f"{url}/api/bookings", json={"municipality": "faxe", "start": start}).status_code == 201

    log_in(browser, f"{url}/staff/stats/", stack.config.staff_tokens["faxe"])
    wait(browser, 30).until(lambda d: d.find_elements(By.ID, "sx-period"))
    stats = httpx.get(f"{url}/api/staff/stats", params={"municipality": "faxe"}, headers=staff_headers(stack, "faxe"))
    days = stats.json()["days"]
    assert browser.find_element(By.NAME, "to").get_attribute("value") == days[-1]["date"]
    rows = browser.find_elements(By.CSS_SELECTOR, ".sx-scroll tbody tr")
    assert len(rows) == len(days) == 30
    today = rows[-1].find_elements(By.TAG_NAME, "td")
    assert int(today[1].text) >= 1, "the booking made today is counted today"
    chart = browser.find_element(By.CSS_SELECTOR, "svg.sx-chart")
    assert chart.get_attribute("role") == "img"
    assert len(chart.find_elements(By.CSS_SELECTOR, "rect")) == 2 * len(days)
    captions = [caption.text for caption in browser.find_elements(By.TAG_NAME, "caption")]
    assert "Spørgsmål pr. emne" in captions
    staff_shot(browser, "stats")

    run_js(browser, CATCH_DOWNLOADS)
    browser.find_element(By.XPATH, "//button[.='Hent CSV']").click()
    wait(browser, 30).until(lambda d: "CSV-filen er hentet" in d.find_element(By.CSS_SELECTOR, ".st-status").text)
    csv = base64.b64decode(browser.execute_async_script(READ_DOWNLOAD)).decode("utf-8-sig")
    assert csv.startswith("dato;måling;emne;antal")
    assert f"{days[-1]['date']};bookinger;;" in csv

    week = datetime.date.fromisoformat(days[-1]["date"]) - datetime.timedelta(days=6)
    run_js(browser, "document.querySelector('[name=from]').value = arguments[0];", week.isoformat())
    browser.find_element(By.XPATH, "//button[.='Vis']").click()
    wait(browser, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".sx-scroll tbody tr")) == 7)
    assert focused_id(browser) == "sx-period"
    run_js(browser, "document.querySelector('[name=from]').value = arguments[0];", days[-1]["date"])
    run_js(browser, "document.querySelector('[name=to]').value = arguments[0];", week.isoformat())
    browser.find_element(By.XPATH, "//button[.='Vis']").click()
    wait(browser, 30).until(lambda d: "fra-datoen" in d.find_element(By.CSS_SELECTOR, ".st-status").text)


def test_narrow_screens_an_old_key_and_an_unreachable_service(stack: Stack, browser: WebDriver) -> None:
    browser.set_window_size(320, 700)
    url, token = f"{stack.config.service_url}/staff/", stack.config.staff_tokens["odsherred"]
    log_in(browser, url, token)
    first_screen(browser)
    press(browser, key_for(browser, "Odsherred"))
    press(browser, key_for(browser, "Fagperson"))
    press(browser, key_for(browser, "Hvad behandlingen koster"))
    assert run_js(browser, "return document.documentElement.scrollWidth") <= 320, "no sideways scrolling"
    staff_shot(browser, "320px")

    # A key from an earlier run of the service: back to the login, which says why.
    run_js(browser, f"sessionStorage.setItem('{TOKEN_KEY}', 'en-gammel-noegle');")
    browser.switch_to.active_element.send_keys("1")
    message = wait(browser, 30).until(lambda d: d.find_element(By.ID, "st-login-error").text)
    assert "Log ind igen" in message
    assert focused_id(browser) == "st-token"
    assert not browser.find_elements(By.CSS_SELECTOR, ".gd-screen")

    log_in(browser, url, token)
    first_screen(browser)
    run_js(browser, "window.fetch = () => Promise.reject(new TypeError('offline'));")
    browser.switch_to.active_element.send_keys("/")
    browser.switch_to.active_element.send_keys("må jeg være anonym", Keys.ENTER)
    status = wait(browser, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, ".st-status").text)
    assert "Vejviser kan ikke nås lige nu" in status
    assert browser.find_element(By.ID, "gd-question").get_attribute("value") == "må jeg være anonym"
    assert "Hvilken kommune" in heading(browser), "the screen stays"


def test_the_staff_pages_have_no_serious_accessibility_violations(stack: Stack, browser: WebDriver) -> None:
    url, token = stack.config.service_url, stack.config.staff_tokens["frederiksberg"]
    found: dict[str, list[dict[str, Any]]] = {}
    browser.get(f"{url}/staff/")
    wait(browser, 10).until(expected_conditions.visibility_of_element_located((By.ID, "st-token")))
    found["login"] = axe_violations(browser)

    log_in(browser, f"{url}/staff/", token)
    first_screen(browser)
    press(browser, key_for(browser, "Frederiksberg"))
    press(browser, key_for(browser, "Pårørende"))
    press(browser, key_for(browser, "Hjælp til pårørende"))
    assert browser.find_elements(By.CSS_SELECTOR, ".gd-say")
    found["guided answer"] = axe_violations(browser)
    staff_shot(browser, "axe-answer")

    browser.get(f"{url}/staff/stats/")
    wait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "svg.sx-chart"))
    found["stats"] = axe_violations(browser)

    browser.get(f"{url}/staff/script/")
    wait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".sc-section"))
    found["script"] = axe_violations(browser)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = json.dumps(found, indent=2, ensure_ascii=False)
    (ARTIFACTS / "staff-axe-violations.json").write_text(report, encoding="utf-8")
    assert found == {"login": [], "guided answer": [], "stats": [], "script": []}
