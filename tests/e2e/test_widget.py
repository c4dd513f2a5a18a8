"""The chat widget in headless Chromium (Debian's, driven by Selenium) against the whole stack, with axe-core."""

from __future__ import annotations

import re
from urllib.parse import unquote

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from stack.run import Stack
from tests.e2e.browser import axe_violations, run_js, shot, skip_without_browser
from tests.e2e.test_booking import CODE

# How the widget writes the date a standard was adopted: "vedtaget 4. april 2022", or "vedtaget januar 2025".
MONTHS = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
DANISH_DATE = re.compile(rf"vedtaget (?:\d{{1,2}}\. )?(?:{MONTHS}) \d{{4}}")

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


def open_widget(driver: WebDriver, stack: Stack, **data: str) -> None:
    """The page at /, or, with `data`, the widget as a site embeds it: its script tag with those data attributes
    (data-municipality, data-mode, data-lang). Ready when the service's emergency numbers are in the bar."""
    driver.get(stack.config.service_url + "/")
    if data:
        run_js(
            driver,
            "document.getElementById('vejviser').remove();"
            "const tag = document.createElement('script'); tag.src = 'chat.js';"
            "Object.assign(tag.dataset, arguments[0]); document.body.append(tag);",
            data,
        )
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".vv-emergency a"))


def chip_groups(driver: WebDriver) -> dict[str, list[WebElement]]:
    """The start's groups of chips by their label."""
    groups = driver.find_elements(By.CSS_SELECTOR, ".vv-bot .vv-buttons")
    return {str(group.get_attribute("aria-label")): group.find_elements(By.TAG_NAME, "button") for group in groups}


def outside_the_window(driver: WebDriver) -> list[str]:
    """The widget's visible elements that reach outside the window's width: clipped, or scrolled sideways."""
    found: list[str] = run_js(
        driver,
        "const width = document.documentElement.clientWidth; const out = [];"
        "for (const node of document.querySelectorAll('.vv, .vv *, .vv-open')) {"
        "  const box = node.getBoundingClientRect();"
        "  if (box.width && box.height && (box.left < -0.5 || box.right > width + 0.5))"
        "    out.push(node.className || node.tagName);"
        "} return out;",
    )
    return found


def type_message(driver: WebDriver, text: str) -> list[WebElement]:
    before = len(bot_messages(driver))
    field = driver.find_element(By.ID, "vv-message")
    field.send_keys(text, Keys.ENTER)
    return wait_for_reply(driver, before)


def test_the_start_offers_municipalities_common_questions_and_the_emergency_numbers(
    stack: Stack, browser: WebDriver
) -> None:
    open_widget(browser, stack)
    municipalities = httpx.get(stack.config.service_url + "/api/municipalities").json()
    numbers = httpx.get(stack.config.service_url + "/api/knowledge/emergency").json()
    bar = browser.find_element(By.CSS_SELECTOR, ".vv-emergency")
    links = {link.text: link.get_attribute("href") for link in bar.find_elements(By.TAG_NAME, "a")}
    assert links == {number["phone"]: f"tel:{number['tel']}" for number in numbers}
    assert "Akut: ring 112" in bar.text
    groups = chip_groups(browser)
    assert [chip.text for chip in groups["Hvor bor du?"]] == [m["name"] for m in municipalities]
    assert 4 <= len(groups["Det spørger mange om"]) <= 6
    assert "anonym" in bot_messages(browser)[0].text
    assert "CPR" in bot_messages(browser)[1].text
    assert axe_violations(browser) == []
    shot(browser, "widget-start")

    faxe = next(chip for chip in groups["Hvor bor du?"] if chip.text == "Faxe")
    before = len(bot_messages(browser))
    click(browser, faxe)
    wait_for_reply(browser, before)
    assert all(not chip.is_enabled() for chip in groups["Hvor bor du?"]), "a used group cannot be used again"
    assert faxe.get_attribute("aria-pressed") == "true"
    replies = type_message(browser, "hvad koster det")
    assert any("Faxe Kommune" in reply.text for reply in replies)


@pytest.mark.parametrize("mode", ["inline", "launcher"])
def test_embedded_for_one_municipality_the_conversation_starts_in_it(
    stack: Stack, browser: WebDriver, mode: str
) -> None:
    open_widget(browser, stack, municipality="odsherred", mode=mode)
    if mode == "launcher":
        assert not browser.find_element(By.CSS_SELECTOR, ".vv").is_displayed()
        browser.find_element(By.CSS_SELECTOR, ".vv-open").click()
        assert browser.switch_to.active_element.get_attribute("id") == "vv-message"
    assert browser.find_element(By.CSS_SELECTOR, ".vv-place").text == "Odsherred Kommune"
    assert "Odsherred Kommune" in bot_messages(browser)[0].text
    groups = chip_groups(browser)
    assert "Hvor bor du?" not in groups, "the widget does not ask where the person lives"
    cost = next(chip for chip in groups["Det spørger mange om"] if chip.text == "Hvad koster det?")
    before = len(bot_messages(browser))
    click(browser, cost)
    replies = " ".join(reply.text for reply in wait_for_reply(browser, before))
    assert "Odsherred Kommune:" in replies
    assert "Hvilken kommune" not in replies
    assert axe_violations(browser) == []
    shot(browser, f"widget-embedded-{mode}")
    if mode == "launcher":
        browser.switch_to.active_element.send_keys(Keys.ESCAPE)
        assert not browser.find_element(By.CSS_SELECTOR, ".vv").is_displayed()
        assert "vv-open" in (browser.switch_to.active_element.get_attribute("class") or "")


def test_an_answer_shows_a_typing_indicator_then_its_sources_with_a_danish_date(
    stack: Stack, browser: WebDriver
) -> None:
    open_widget(browser, stack)
    # The service answers a second late, so that the indicator can be seen.
    run_js(
        browser,
        "const fetched = window.fetch;"
        "window.fetch = (...args) => new Promise((done) => setTimeout(() => done(fetched(...args)), 1500));",
    )
    before = len(bot_messages(browser))
    browser.find_element(By.ID, "vv-message").send_keys("hvad koster behandling i faxe", Keys.ENTER)
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".vv-typing"))
    assert browser.find_element(By.CSS_SELECTOR, ".vv-status").text == "Vejviser skriver …"
    replies = wait_for_reply(browser, before)
    assert browser.find_elements(By.CSS_SELECTOR, ".vv-typing") == []
    assert browser.find_element(By.CSS_SELECTOR, ".vv-status").text == ""
    assert any("Faxe Kommune" in reply.text for reply in replies)
    assert browser.switch_to.active_element.get_attribute("id") == "vv-message", "focus stays in the message field"
    source = next(found[0] for reply in replies if (found := reply.find_elements(By.CSS_SELECTOR, "details.vv-source")))
    click(browser, source.find_element(By.TAG_NAME, "summary"))
    assert source.get_attribute("open") is not None
    assert source.find_element(By.TAG_NAME, "blockquote").text.strip()
    assert DANISH_DATE.search(source.text), source.text
    assert axe_violations(browser) == []
    shot(browser, "widget-answer-sources")


def test_the_emergency_bar_stays_in_view_as_the_conversation_grows(stack: Stack, browser: WebDriver) -> None:
    browser.set_window_size(1024, 700)
    open_widget(browser, stack)
    for message in ("hvem kan jeg kontakte i vordingborg", "hvad koster det", "kan jeg være anonym"):
        type_message(browser, message)
    height = run_js(browser, "return window.innerHeight")
    for position in ("start", "end"):
        run_js(browser, f"document.querySelector('.vv-form').scrollIntoView({{block: '{position}'}});")
        box = run_js(browser, "return document.querySelector('.vv-emergency').getBoundingClientRect().toJSON();")
        assert box["top"] >= 0
        assert box["bottom"] <= height


def test_a_reload_shows_the_conversation_and_deleting_forgets_it_in_the_browser_and_on_the_server(
    stack: Stack, browser: WebDriver
) -> None:
    open_widget(browser, stack)
    replies = type_message(browser, "hvad koster behandling i faxe, mit cpr er 010190-1234")
    # The gateway's own notice that it removed personal data is not part of the stored conversation.
    seen = [reply.text for reply in replies if "Du behøver ikke skrive" not in reply.text]
    session = run_js(browser, "return sessionStorage.getItem('vejviser-session-id')")
    assert session
    assert browser.get_cookies() == []

    browser.refresh()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".vv-user"))
    [said] = [message.text for message in browser.find_elements(By.CSS_SELECTOR, ".vv-user")]
    assert said == "hvad koster behandling i faxe, mit cpr er <CPR>", "as stored: personal data removed"
    assert [reply.text for reply in bot_messages(browser)[2:]] == seen
    assert axe_violations(browser) == []
    shot(browser, "widget-reloaded")

    click(browser, browser.find_element(By.CSS_SELECTOR, ".vv-delete"))
    WebDriverWait(browser, 10).until(lambda d: "slettet" in d.find_element(By.CSS_SELECTOR, ".vv-status").text)
    assert len(bot_messages(browser)) == 2
    assert run_js(browser, "return sessionStorage.getItem('vejviser-session-id')") is None
    stored = httpx.get(f"{stack.config.service_url}/api/chat/{session}").json()
    assert stored["messages"] == []
    browser.refresh()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".vv-emergency a"))
    assert browser.find_elements(By.CSS_SELECTOR, ".vv-user") == []
    shot(browser, "widget-deleted")


def test_another_tab_or_a_closed_one_starts_afresh(stack: Stack, browser: WebDriver) -> None:
    """The id lives in sessionStorage, which belongs to the tab: a new tab knows nothing of the conversation."""
    open_widget(browser, stack)
    type_message(browser, "hej")
    browser.switch_to.new_window("tab")
    open_widget(browser, stack)
    assert run_js(browser, "return sessionStorage.getItem('vejviser-session-id')") is None
    assert browser.find_elements(By.CSS_SELECTOR, ".vv-user") == []


def test_dark_mode_keeps_contrast(stack: Stack, browser: WebDriver) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}
    )
    open_widget(browser, stack)
    type_message(browser, "hvad koster behandling i odsherred")
    background = run_js(browser, "return getComputedStyle(document.querySelector('.vv')).backgroundColor")
    assert sum(map(int, re.findall(r"\d+", background)[:3])) < 150, f"not dark: {background}"
    assert axe_violations(browser) == []
    shot(browser, "widget-dark")


def last_buttons(driver: WebDriver) -> list[WebElement]:
    return bot_messages(driver)[-1].find_elements(By.CSS_SELECTOR, ".vv-buttons button")


def press(driver: WebDriver, button: WebElement) -> list[WebElement]:
    before = len(bot_messages(driver))
    click(driver, button)
    return wait_for_reply(driver, before)


def test_a_booking_ends_as_a_card_with_its_code_a_calendar_file_and_cancelling(
    stack: Stack, browser: WebDriver
) -> None:
    open_widget(browser, stack, municipality="faxe")
    origin = stack.config.service_url
    browser.execute_cdp_cmd(
        "Browser.grantPermissions", {"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}
    )
    book = next(chip for chip in chip_groups(browser)["Det spørger mange om"] if "Book" in chip.text)
    press(browser, book)
    slot = next(
        button
        for message in bot_messages(browser)
        for button in message.find_elements(By.TAG_NAME, "button")
        if button.text.startswith("kl. ")
    )
    press(browser, slot)
    press(browser, last_buttons(browser)[0])  # yes, book it
    card = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, ".vv-card"))
    code = card.find_element(By.CSS_SELECTOR, ".vv-code").text
    assert CODE.fullmatch(code), code
    assert (
        float(card.find_element(By.CSS_SELECTOR, ".vv-code").value_of_css_property("font-size").removesuffix("px"))
        >= 24
    )
    assert "Præstøvej 78" in card.text
    assert "CPR" in card.text
    booked = httpx.get(f"{origin}/api/bookings/{code}")
    assert booked.status_code == 200
    assert booked.json()["about"]["answer"] in card.text, "what the conversation is for, in the standard's words"

    click(browser, next(b for b in card.find_elements(By.TAG_NAME, "button") if b.text == "Kopiér koden"))
    WebDriverWait(browser, 5).until(lambda d: "kopieret" in d.find_element(By.CSS_SELECTOR, ".vv-status").text)
    copied = browser.execute_async_script("navigator.clipboard.readText().then(arguments[arguments.length - 1]);")
    assert copied == code
    calendar = card.find_element(By.CSS_SELECTOR, "a.vv-calendar")
    assert calendar.get_attribute("download") == "vejviser.ics"
    kind, _, data = str(calendar.get_attribute("href")).partition(",")
    assert kind == "data:text/calendar;charset=utf-8"
    ics = unquote(data)
    assert ics.startswith("BEGIN:VCALENDAR\r\n")
    assert re.search(r"^DTSTART:\d{8}T\d{6}Z\r$", ics, re.MULTILINE)
    assert re.search(r"^DTEND:\d{8}T\d{6}Z\r$", ics, re.MULTILINE)
    assert code in ics
    assert "Præstøvej 78" in ics
    assert axe_violations(browser) == []
    shot(browser, "widget-booking-card")

    press(browser, next(b for b in card.find_elements(By.TAG_NAME, "button") if b.text == "Aflys tiden"))
    replies = press(browser, last_buttons(browser)[0])  # yes, cancel it
    assert any("aflyst" in reply.text for reply in replies)
    assert httpx.get(f"{origin}/api/bookings/{code}").status_code == 404


def tab_to(driver: WebDriver, text: str, backwards: bool = False) -> WebElement:
    """Tab (or Shift+Tab) from the focused element to the first whose text starts with `text`."""
    for _ in range(60):
        focused = driver.switch_to.active_element
        if focused.text.startswith(text):
            return focused
        focused.send_keys(Keys.SHIFT, Keys.TAB) if backwards else focused.send_keys(Keys.TAB)
    raise AssertionError(f"no focusable element {text!r} by keyboard")


def test_keyboard_only_from_the_first_chip_to_the_booking_code(stack: Stack, browser: WebDriver) -> None:
    open_widget(browser, stack, municipality="vordingborg")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    before = len(bot_messages(browser))
    tab_to(browser, "Book").send_keys(Keys.ENTER)
    wait_for_reply(browser, before)
    before = len(bot_messages(browser))
    tab_to(browser, "kl. ", backwards=True).send_keys(Keys.ENTER)
    wait_for_reply(browser, before)
    before = len(bot_messages(browser))
    tab_to(browser, "Ja", backwards=True).send_keys(Keys.ENTER)
    wait_for_reply(browser, before)
    tab_to(browser, "Kopiér koden", backwards=True)
    code = browser.find_element(By.CSS_SELECTOR, ".vv-card .vv-code").text
    assert CODE.fullmatch(code), code
    shot(browser, "widget-keyboard-booking")


@pytest.mark.parametrize("width", [320, 375, 420])
def test_narrow_screens_clip_nothing_and_the_keyboard_reaches_every_part(
    stack: Stack, browser: WebDriver, width: int
) -> None:
    browser.set_window_size(width, 740)
    open_widget(browser, stack)
    assert outside_the_window(browser) == []
    # Keyboard only: from the first chip to the message field, through every focusable part in order.
    run_js(browser, "arguments[0].focus();", chip_groups(browser)["Hvor bor du?"][0])
    for _ in range(20):
        if browser.switch_to.active_element.get_attribute("id") == "vv-message":
            break
        browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "vv-message"
    before = len(bot_messages(browser))
    browser.switch_to.active_element.send_keys("hvem kan jeg ringe til i frederiksberg", Keys.ENTER)
    wait_for_reply(browser, before)
    assert outside_the_window(browser) == []
    assert run_js(browser, "return document.documentElement.scrollWidth") <= width, "no sideways scrolling"
    assert axe_violations(browser) == []
    shot(browser, f"widget-{width}px")


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
