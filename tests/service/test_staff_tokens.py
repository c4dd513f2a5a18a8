"""Staff tokens are checked before the service starts: strong, one per municipality, for known municipalities."""

from __future__ import annotations

import secrets

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr, ValidationError

from service.main import create_app
from service.settings import Settings
from service.staff_tokens import MIN_BITS, StaffTokenError, check_staff_tokens, estimated_bits

STRONG = secrets.token_urlsafe(24)


@pytest.mark.parametrize(
    "token",
    [secrets.token_urlsafe(24), secrets.token_urlsafe(32), secrets.token_hex(16), secrets.token_hex(32)],
)
def test_what_the_generators_make_is_strong_enough(token: str) -> None:
    assert estimated_bits(token) >= MIN_BITS
    check_staff_tokens({"faxe": token})


@pytest.mark.parametrize(
    ("token", "why"),
    [
        ("faxe-staff-token", "16 characters, needs at least 32"),
        (secrets.token_urlsafe(16), "characters, needs at least 32"),
        ("a" * 40, "not random enough"),
        ("ab" * 20, "not random enough"),
        ("1234567890" * 4, "not random enough"),
        ("Xk9#mQ2$" * 5, "not random enough"),
        (f" {secrets.token_urlsafe(32)}", "spaces at an end"),
        (f"{secrets.token_urlsafe(32)}\n", "spaces at an end"),
    ],
)
def test_a_short_repetitive_or_untypable_token_is_refused(token: str, why: str) -> None:
    with pytest.raises(StaffTokenError, match=why) as refused:
        check_staff_tokens({"faxe": token})
    assert "faxe" in str(refused.value)
    assert token.strip() not in str(refused.value)  # the message never shows the token


def test_two_municipalities_may_not_share_a_token() -> None:
    with pytest.raises(StaffTokenError, match="faxe and odsherred share one token"):
        check_staff_tokens({"faxe": STRONG, "odsherred": STRONG, "vordingborg": secrets.token_urlsafe(24)})


def test_a_token_for_a_municipality_the_service_does_not_serve_is_refused() -> None:
    with pytest.raises(StaffTokenError, match=r"no such municipality: fakse \(known: faxe, odsherred\)"):
        check_staff_tokens({"fakse": STRONG}, ["odsherred", "faxe"])


def test_the_settings_refuse_a_weak_token_with_a_clear_message() -> None:
    with pytest.raises(ValidationError, match="STAFF_TOKENS cannot be used: faxe: 5 characters") as refused:
        Settings(rasa_token=SecretStr("x"), staff_tokens={"faxe": SecretStr("hemli")})
    assert "hemli" not in str(refused.value)


def test_the_settings_read_from_the_environment_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASA_TOKEN", "x")
    monkeypatch.setenv("STAFF_TOKENS", '{"faxe": "kort"}')
    with pytest.raises(ValidationError, match="needs at least 32"):
        Settings()  # type: ignore[call-arg]


def test_the_service_does_not_start_with_a_token_for_an_unknown_municipality(service_settings: Settings) -> None:
    tokens = {**service_settings.staff_tokens, "fakse": SecretStr(secrets.token_urlsafe(24))}
    app = create_app(service_settings.copy(update={"staff_tokens": tokens}))
    with pytest.raises(StaffTokenError, match="no such municipality: fakse"), TestClient(app):
        pass


def test_the_service_does_not_start_with_a_weak_token_set_past_the_settings(service_settings: Settings) -> None:
    # `copy(update=...)` skips validation: the start checks again.
    app = create_app(service_settings.copy(update={"staff_tokens": {"faxe": SecretStr("kort")}}))
    with pytest.raises(StaffTokenError, match="faxe: 4 characters"), TestClient(app):
        pass
