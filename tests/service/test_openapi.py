"""The contracts are documented in the service's OpenAPI schema."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from service.main import create_app
from service.settings import Settings


@pytest.mark.parametrize(
    ("path", "method", "statuses"),
    [
        ("/api/chat", "post", {"200", "422", "503"}),
        ("/api/chat/{session_id}", "delete", {"204", "422", "503"}),
        ("/api/health", "get", {"200", "503"}),
        ("/api/municipalities", "get", {"200"}),
        ("/api/knowledge/{municipality}/{topic}", "get", {"200", "404"}),
        ("/api/knowledge/{municipality}/report", "get", {"200", "401", "403", "404"}),
        ("/api/knowledge/search", "get", {"200", "404", "422"}),
        ("/api/knowledge/compare", "get", {"200", "404", "422"}),
        ("/api/bookings/place", "get", {"200", "404", "422"}),
        ("/api/bookings/slots", "get", {"200", "404", "422", "503"}),
        ("/api/bookings", "post", {"201", "404", "409", "422", "429", "503"}),
        ("/api/bookings/{code}", "get", {"200", "404", "429", "503"}),
        ("/api/bookings/{code}", "delete", {"204", "404", "429", "503"}),
        ("/api/staff/bookings", "get", {"200", "401", "403", "404", "422", "503"}),
        ("/api/staff/bookings/refused", "get", {"200", "401", "403", "404", "422", "503"}),
        ("/api/staff/bookings/{code}", "delete", {"204", "401", "404", "503"}),
        ("/api/staff/me", "get", {"200", "401"}),
        ("/api/staff/chat", "post", {"200", "401", "422", "429", "503"}),
        ("/api/staff/script", "get", {"200", "401", "403", "404"}),
        ("/api/staff/stats", "get", {"200", "401", "403", "404", "422", "503"}),
        ("/api/script", "get", {"200", "401"}),
        ("/api/usage", "post", {"204", "403", "404", "422"}),
    ],
)
def test_each_contract_is_in_openapi(path: str, method: str, statuses: set[str]) -> None:
    schema = create_app(Settings(rasa_token=SecretStr("x"))).openapi()
    assert statuses <= set(schema["paths"][path][method]["responses"])


def test_chat_request_and_reply_shapes_are_documented() -> None:
    components = create_app(Settings(rasa_token=SecretStr("x"))).openapi()["components"]["schemas"]
    assert set(components["ChatMessageCreate"]["properties"]) == {"session_id", "message", "municipality"}
    assert components["ChatMessageCreate"]["required"] == ["message"]
    assert set(components["ChatPublic"]["properties"]) == {"session_id", "replies", "removed"}
    assert set(components["ReplyPublic"]["properties"]) == {"text", "buttons", "sources", "booking"}
    assert set(components["ButtonPublic"]["properties"]) == {"title", "payload"}


def test_a_booking_request_can_hold_nothing_but_municipality_slot_topic_and_age() -> None:
    components = create_app(Settings(rasa_token=SecretStr("x"))).openapi()["components"]["schemas"]
    booking = components["BookingCreate"]
    assert set(booking["properties"]) == {"municipality", "start", "topic", "age"}
    assert "never stored" in booking["properties"]["age"]["description"]
    assert booking["additionalProperties"] is False
    assert booking["properties"]["topic"]["enum"] == ["stoffer", "alkohol", "pårørende", "ung"]
    assert "code" in components["BookingPublic"]["required"]


def test_topics_and_callers_carry_what_the_actions_need() -> None:
    components = create_app(Settings(rasa_token=SecretStr("x"))).openapi()["components"]["schemas"]
    assert "english" in components["TopicPublic"]["required"]
    assert components["CallerPublic"]["properties"]["booking_topic"]["enum"] == [
        "stoffer",
        "alkohol",
        "pårørende",
        "ung",
    ]
