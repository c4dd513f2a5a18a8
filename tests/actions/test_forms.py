"""The policy of Vejviser's forms: when a form runs right after the person wrote, and which text is personal data
the privacy gateway removed. The booking form's own tests (tests/actions/test_booking.py) show the policy at work."""

from __future__ import annotations

import pytest

from actions.forms import PERSONAL_DATA, answered_since_written
from contract.constants import PERSONAL_DATA_TOKENS


@pytest.mark.parametrize(
    ("after_the_message", "answered"),
    [
        (["action_extract_slots", "booking_form"], False),
        (["action_extract_slots", "action_answer_topic", "booking_form"], True),
    ],
)
def test_the_form_knows_when_it_comes_back_after_an_answer(after_the_message: list[str], answered: bool) -> None:
    events = [{"event": "action", "name": "booking_form"}, {"event": "user", "text": "hvad koster det i odsherred"}]
    events += [{"event": "action", "name": name} for name in after_the_message]
    assert answered_since_written(events, "booking_form") is answered


def test_an_answer_before_the_latest_message_does_not_count() -> None:
    events = [{"event": "action", "name": "action_answer_topic"}, {"event": "user", "text": "tirsdag kl 10"}]
    assert answered_since_written(events, "booking_form") is False


@pytest.mark.parametrize("token", PERSONAL_DATA_TOKENS.values())
def test_every_token_of_the_gateway_is_personal_data(token: str) -> None:
    assert PERSONAL_DATA.search(f"jeg hedder {token} og vil gerne have en tid")


@pytest.mark.parametrize("text", ["tirsdag kl 10", "mit cpr-nummer er hemmeligt", "<cpr>", "CPR", "<POSTNUMMER>"])
def test_text_without_a_token_is_not(text: str) -> None:
    assert not PERSONAL_DATA.search(text)
