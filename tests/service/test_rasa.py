from __future__ import annotations

import datetime
import time
from typing import Any

import httpx
import jwt
import pytest

from service.rasa import JWT_LIFETIME_SECONDS, DomainNames, RasaClient, rasa_jwt, to_replies
from stack.config import free_port

SOURCE = {
    "municipality": "faxe",
    "document": "Kvalitetsstandard",
    "adopted": "2022-04-04",
    "section": "Klage",
    "law": None,
    "quote": "citat",
    "url": None,
}


CARD = {
    "code": "BTU-SU9-2B4",
    "start": "2026-12-08T09:00:00+01:00",
    "end": "2026-12-08T09:45:00+01:00",
    "label": "tirsdag 8. december kl. 09.00",
    "municipality_name": "Faxe",
    "place_name": "Rusmiddelcentret",
    "address": "Præstøvej 78, Bygning 18, 4640 Faxe",
    "about": "Samtalen er til afklaring.",
}
CARD_READ = {
    **CARD,
    "start": datetime.datetime(2026, 12, 8, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=1))),
    "end": datetime.datetime(2026, 12, 8, 9, 45, tzinfo=datetime.timezone(datetime.timedelta(hours=1))),
}


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        ([{"recipient_id": "s", "text": "Hej"}], [{"text": "Hej", "buttons": [], "sources": [], "booking": None}]),
        (
            [{"recipient_id": "s", "text": "Vælg", "buttons": [{"title": "Faxe", "payload": "/x"}]}],
            [{"text": "Vælg", "buttons": [{"title": "Faxe", "payload": "/x"}], "sources": [], "booking": None}],
        ),
        (
            [{"recipient_id": "s", "custom": {"text": "Svar", "sources": [SOURCE]}}],
            [{"text": "Svar", "buttons": [], "sources": [SOURCE], "booking": None}],
        ),
        ([{"recipient_id": "s", "image": "https://example.org/x.png"}], []),
        ([{"recipient_id": "s", "custom": {"text": "Svar", "sources": [{"quote": "kun citat"}]}}], []),
        ([{"recipient_id": "s", "text": ""}], []),
        (
            [{"text": "Faxe Kommune: Svar"}, {"custom": {"sources": [SOURCE]}}],
            [{"text": "Faxe Kommune: Svar", "buttons": [], "sources": [SOURCE], "booking": None}],
        ),
        ([{"recipient_id": "s", "custom": {"sources": [SOURCE]}}], []),
        (
            [{"text": "Din tid er booket."}, {"custom": {"booking": CARD}}],
            [{"text": "Din tid er booket.", "buttons": [], "sources": [], "booking": CARD_READ}],
        ),
        (
            [{"text": "Din tid er booket."}, {"custom": {"booking": {"code": "X"}}}],
            [{"text": "Din tid er booket.", "buttons": [], "sources": [], "booking": None}],
        ),
    ],
    ids=[
        "text",
        "buttons",
        "custom-with-sources",
        "image-only",
        "invalid-custom",
        "empty-text",
        "sources-follow-their-text",
        "sources-without-text",
        "booking-follows-its-text",
        "invalid-booking",
    ],
)
def test_rasa_messages_become_replies(messages: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    assert [reply.dict() for reply in to_replies(messages)] == expected


@pytest.mark.anyio
async def test_a_slot_is_none_when_rasa_cannot_say() -> None:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{free_port()}", timeout=1) as http:
        assert await RasaClient(http, "token").slot("staff:faxe:abc", "municipality") is None


NAMES = DomainNames(frozenset({"ask_pris", "inform_municipality", "affirm"}), frozenset({"municipality", "age"}))


@pytest.mark.parametrize(
    ("text", "payload"),
    [
        ("/affirm", True),
        ('/inform_municipality{"municipality": "faxe"}', True),
        ('/inform_municipality{"municipality": "faxe", "age": 17}', True),
        ("/unknown_intent", False),
        ("/affirm jeg hedder Mette", False),
        ('/inform_municipality{"name": "Mette"}', False),
        ('/inform_municipality{"municipality": ', False),
        ('/inform_municipality{"municipality": ["faxe"]}', False),
        ("/affirm@0.9", False),
        ("/", False),
        ("hej", False),
    ],
)
def test_only_a_payload_of_the_models_own_intents_and_entities_is_one(text: str, payload: bool) -> None:
    assert NAMES.is_payload(text) is payload


@pytest.mark.parametrize(
    ("text", "sent"),
    [
        ("/affirm", "/affirm"),
        ("/ jeg hedder Mette", "jeg hedder Mette"),
        ("//ask_pris bare tekst", "ask_pris bare tekst"),
        ("/", "?"),
        ("hej /affirm", "hej /affirm"),
    ],
)
@pytest.mark.anyio
async def test_rasa_never_gets_a_slash_message_it_cannot_parse(text: str, sent: str) -> None:
    def domain(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/domain"
        return httpx.Response(200, json={"intents": ["affirm", {"ask_pris": {}}], "entities": ["municipality"]})

    async with httpx.AsyncClient(transport=httpx.MockTransport(domain), base_url="http://rasa") as http:
        assert await RasaClient(http, "token").as_rasa_may_see_it(text) == sent


@pytest.mark.anyio
async def test_without_rasas_domain_every_slash_message_is_plain_text() -> None:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{free_port()}", timeout=1) as http:
        assert await RasaClient(http, "token").as_rasa_may_see_it("/affirm") == "affirm"


SECRET = "-rasa-secret-of-this-run-long-enough-for-hs256-"


def test_the_token_for_rasas_api_is_a_jwt_rasa_accepts_as_admin() -> None:
    token = rasa_jwt(SECRET, time.time())
    # As sanic-jwt decodes it for Rasa started with --jwt-secret and --jwt-method=HS256 (leeway aside).
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": True, "require": ["exp"]})
    assert claims["user"] == {"username": "vejviser-service", "role": "admin"}
    assert 0 < claims["exp"] - time.time() <= JWT_LIFETIME_SECONDS
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, "another secret", algorithms=["HS256"])


def test_an_old_token_is_refused() -> None:
    with pytest.raises(jwt.ExpiredSignatureError):
        jwt.decode(rasa_jwt(SECRET, time.time() - 3600), SECRET, algorithms=["HS256"])


@pytest.mark.anyio
async def test_the_secret_never_travels_and_nothing_is_in_the_query_string() -> None:
    seen: list[httpx.Request] = []

    def rasa(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/domain":
            return httpx.Response(200, json={"intents": ["affirm"], "entities": []})
        if request.url.path == "/status":
            return httpx.Response(200, json={"model_file": "vejviser.tar.gz"})
        return httpx.Response(200, json={"slots": {"municipality": "faxe"}})

    async with httpx.AsyncClient(transport=httpx.MockTransport(rasa), base_url="http://rasa") as http:
        client = RasaClient(http, SECRET)
        assert await client.domain_names() is not None
        assert await client.has_model()
        assert await client.slot("abc", "municipality") == "faxe"
    assert [request.url.path for request in seen] == ["/domain", "/status", "/conversations/abc/tracker"]
    for request in seen:
        assert "token" not in request.url.params
        assert SECRET not in str(request.url)
        scheme, token = request.headers["authorization"].split(" ")
        assert scheme == "Bearer"
        assert SECRET not in token
        assert jwt.decode(token, SECRET, algorithms=["HS256"])["user"]["role"] == "admin"
