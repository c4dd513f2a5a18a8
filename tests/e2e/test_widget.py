"""The chat widget in headless Chromium (Debian's, driven by Selenium) against the whole stack, with axe-core."""

from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from stack.run import Stack
from tests.e2e.browser import ARTIFACTS, axe_violations, run_js, shot, skip_without_browser

pytestmark = pytest.mark.e2e
skip_without_browser()


def click(driver: WebDriver, target: WebElement) -> None:
    """As a person would: scrolled into the conversation's view first."""
    # Instantly: the log scrolls smoothly, and a click during the animation lands on whatever passes under it.
    run_js(driver, "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", target)
    target.click()


def bot_messages(driver: WebDriver) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, ".vv-bot")


def wait_for_reply(driver: WebDriver, before: int) -> list[WebElement]:
    def answered(d: WebDriver) -> bool:
        sending = d.find_element(By.CSS_SELECTOR, ".vv-form button").get_attribute("disabled")
        return len(bot_messages(d)) > before and not sending

    WebDriverWait(driver, 60).until(answered)
    return bot_messages(driver)[before:]


def type_message(driver: WebDriver, text: str) -> list[WebElement]:
    before = len(bot_messages(driver))
    field = driver.find_element(By.ID, "vv-message")
    field.send_keys(text, Keys.ENTER)
    return wait_for_reply(driver, before)


def test_chat_buttons_sources_and_deleting_in_a_real_browser(stack: Stack, browser: WebDriver) -> None:
    browser.get(stack.config.service_url + "/")
    intro = bot_messages(browser)
    assert "anonym" in intro[1].text
    assert "CPR" in intro[1].text

    replies = type_message(browser, "hvad koster behandling i faxe")
    assert any("Faxe Kommune" in reply.text for reply in replies)
    assert browser.switch_to.active_element.get_attribute("id") == "vv-message", "focus stays in the message field"
    source = next(found[0] for reply in replies if (found := reply.find_elements(By.CSS_SELECTOR, "details.vv-source")))
    click(browser, source.find_element(By.TAG_NAME, "summary"))
    assert source.get_attribute("open") is not None
    assert source.find_element(By.TAG_NAME, "blockquote").text.strip()
    assert "vedtaget" in source.text
    shot(browser, "widget-source-open")

    greeting = type_message(browser, "hej")
    before = len(bot_messages(browser))
    click(browser, greeting[-1].find_element(By.CSS_SELECTOR, ".vv-buttons button"))
    assert "Jeg kan svare på spørgsmål" in " ".join(reply.text for reply in wait_for_reply(browser, before))
    session = run_js(browser, "return sessionStorage.getItem('vejviser-session-id')")
    assert session
    assert browser.get_cookies() == []

    click(browser, browser.find_element(By.CSS_SELECTOR, ".vv-delete"))
    WebDriverWait(browser, 10).until(lambda d: "slettet" in d.find_element(By.CSS_SELECTOR, ".vv-status").text)
    assert len(bot_messages(browser)) == 2
    assert run_js(browser, "return sessionStorage.getItem('vejviser-session-id')") is None
    shot(browser, "widget-deleted")


def test_the_widget_has_no_serious_accessibility_violations(stack: Stack, browser: WebDriver) -> None:
    browser.get(stack.config.service_url + "/")
    type_message(browser, "hvem kan jeg kontakte i odsherred")
    for details in browser.find_elements(By.CSS_SELECTOR, "details.vv-source")[:1]:
        click(browser, details.find_element(By.TAG_NAME, "summary"))
    violations = axe_violations(browser)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = json.dumps(violations, indent=2, ensure_ascii=False)
    (ARTIFACTS / "axe-violations.json").write_text(report, encoding="utf-8")
    shot(browser, "widget-axe")
    assert violations == []


def test_keyboard_only_and_narrow_screens(stack: Stack, browser: WebDriver) -> None:
    browser.set_window_size(320, 700)
    browser.get(stack.config.service_url + "/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)  # the delete button, then the log, then the field
    for _ in range(4):
        if browser.switch_to.active_element.get_attribute("id") == "vv-message":
            break
        browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "vv-message"
    before = len(bot_messages(browser))
    browser.switch_to.active_element.send_keys("hej", Keys.ENTER)
    wait_for_reply(browser, before)
    width = run_js(browser, "return document.documentElement.scrollWidth")
    assert width <= 320, "no sideways scrolling at 320 px"
    shot(browser, "widget-320px")


def test_an_unreachable_service_keeps_what_was_typed(stack: Stack, browser: WebDriver) -> None:
    browser.get(stack.config.service_url + "/")
    # The network fails for the chat call only: the page is loaded, the service is "gone".
    run_js(browser, "window.fetch = () => Promise.reject(new TypeError('offline'));")
    field = browser.find_element(By.ID, "vv-message")
    field.send_keys("er der nogen", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda d: "kan ikke nås" in d.find_element(By.CSS_SELECTOR, ".vv-status").text)
    assert field.get_attribute("value") == "er der nogen"


@pytest.mark.parametrize(
    "markup",
    [
        '<img src=x onerror="window.vvInjected = 1">',
        "<script>window.vvInjected = 1</script><b>fed</b>",
        '<a href="javascript:window.vvInjected=1">klik</a> <svg onload="window.vvInjected=1">',
    ],
)
def test_markup_typed_by_a_user_is_shown_as_text_never_run(stack: Stack, browser: WebDriver, markup: str) -> None:
    browser.get(stack.config.service_url + "/")
    type_message(browser, markup)
    [said] = browser.find_elements(By.CSS_SELECTOR, ".vv-user p")
    assert said.text == markup
    log = browser.find_element(By.CSS_SELECTOR, ".vv-log")
    assert log.find_elements(By.CSS_SELECTOR, "img, script, b, a, svg") == []
    assert run_js(browser, "return window.vvInjected") is None
