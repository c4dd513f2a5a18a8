"""The booking API against the real service and a real Redis."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import redis
from fastapi.testclient import TestClient

from knowledge.booking import load_booking_places
from knowledge.load import knowledge_base
from knowledge.text import find_quote, normalise, phones
from service.api.deps import current_time
from service.api.errors import INVALID_REQUEST, UNKNOWN_FIELDS
from service.api.limits import TOO_MANY_CODES
from service.api.routes.bookings import NOT_OFFERED, SLOT_TAKEN, UNKNOWN_CODE
from service.booking.slots import offered_slots
from service.main import create_app
from service.settings import Settings
from service.stores.bookings import BOOKING_DOWN
from tests.conftest import INTERNAL_TOKEN, in_process

PLACES = load_booking_places()
KB = knowledge_base()
# Where the standard limits whom the conversation is for by age, and where it does not.
LIMITED = sorted(m for m, place in PLACES.items() if place.ages)
OPEN = sorted(m for m, place in PLACES.items() if not place.ages)


def first_free_slot(client: TestClient, municipality: str = "faxe") -> dict[str, Any]:
    days = client.get("/api/bookings/slots", params={"municipality": municipality}).json()["days"]
    slot: dict[str, Any] = days[0]["slots"][0]
    return slot


def book(client: TestClient, municipality: str = "faxe", **extra: Any) -> httpx.Response:
    start = first_free_slot(client, municipality)["start"]
    return client.post("/api/bookings", json={"municipality": municipality, "start": start, **extra})


def stored_keys(redis_client: redis.Redis[bytes]) -> set[str]:
    return {key.decode() for key in redis_client.keys("vejviser:booking:*") + redis_client.keys("vejviser:slot:*")}


def test_slots_come_by_day_with_the_place_from_the_standard(service: TestClient) -> None:
    response = service.get("/api/bookings/slots", params={"municipality": "frederiksberg"})
    assert response.status_code == 200
    body = response.json()
    assert (body["municipality_name"], body["default_hours"], body["slot_minutes"]) == ("Frederiksberg", False, 60)
    assert body["place"]["address"] == "Peter Bangsvej 24, 3.sal, 2000 Frederiksberg"
    assert body["place"]["contact"]["sources"][0]["quote"]
    assert 5 <= len(body["days"]) <= 11
    for day in body["days"]:
        assert day["label"].split()[0] in {"mandag", "tirsdag", "onsdag", "torsdag", "fredag"}
        assert {slot["start"][:10] for slot in day["slots"]} == {day["date"]}
        assert all(slot["label"].startswith(day["label"]) for slot in day["slots"])


@pytest.mark.parametrize("municipality", sorted(PLACES))
def test_the_place_and_its_contact_are_there_with_redis_down(service_redis_down: TestClient, municipality: str) -> None:
    place = service_redis_down.get("/api/bookings/place", params={"municipality": municipality}).json()
    named = PLACES[municipality].place
    assert place["name"] == (named.name if named.named else None)
    assert place["contact"]["id"] == PLACES[municipality].place.fact
    assert place["contact"]["sources"]


def test_default_hours_are_marked_as_such(service: TestClient) -> None:
    assert service.get("/api/bookings/slots", params={"municipality": "faxe"}).json()["default_hours"] is True


@pytest.mark.parametrize("municipality", sorted(PLACES))
def test_a_booking_says_whether_its_time_follows_vejvisers_default_hours(
    service: TestClient, municipality: str
) -> None:
    slots = service.get("/api/bookings/slots", params={"municipality": municipality}).json()
    booking = book(service, municipality).json()
    assert booking["default_hours"] is slots["default_hours"] is PLACES[municipality].hours.default
    assert service.get(f"/api/bookings/{booking['code']}").json()["default_hours"] is booking["default_hours"]


@pytest.mark.parametrize("municipality", sorted(PLACES))
def test_the_place_is_one_the_standard_names_else_none_with_whom_to_ask(service: TestClient, municipality: str) -> None:
    place = service.get("/api/bookings/place", params={"municipality": municipality}).json()
    booked = book(service, municipality).json()["place"]
    assert booked == place
    contact = " ".join(source["quote"] for source in place["contact"]["sources"])
    if place["name"] is None:
        assert place["address"] is None, "no address for a place the standard does not name"
        assert phones(place["contact"]["answer"]), "whom to ask, with a phone number"
    else:
        assert all(normalise(part) in normalise(contact) for part in place["name"].split(","))


@pytest.mark.parametrize("municipality", sorted(PLACES))
def test_whom_the_conversation_is_for_comes_with_the_place_in_the_standards_words(
    service_redis_down: TestClient, municipality: str
) -> None:
    offered = service_redis_down.get("/api/bookings/place", params={"municipality": municipality}).json()["offered_to"]
    standard = KB.standard(municipality)
    assert offered["sources"]
    for source in offered["sources"]:
        assert source["municipality"] == municipality
        assert find_quote(source["quote"], standard.normalised) is not None
    assert (offered["ages"] is None) is (offered["contact"] is None)
    if offered["ages"]:
        assert offered["contact"]["topic"] == "kontakt"
        assert offered["contact"]["sources"][0]["municipality"] == municipality


def outside(ages: dict[str, Any]) -> int:
    """An age just outside the range."""
    return int(ages["min"]) - 1 if ages["min"] is not None else int(ages["max"]) + 1


@pytest.mark.parametrize("municipality", LIMITED)
def test_a_booking_for_an_age_the_conversation_is_not_for_is_refused_with_whom_to_contact(
    service: TestClient, redis_client: redis.Redis[bytes], municipality: str
) -> None:
    offered = service.get("/api/bookings/place", params={"municipality": municipality}).json()["offered_to"]
    refused = book(service, municipality, age=outside(offered["ages"]))
    assert refused.status_code == 422
    detail = refused.json()["detail"]
    assert f"{KB.standard(municipality).name} Kommune" in detail
    assert offered["ages"]["label"] in detail
    assert offered["contact"]["answer"] in detail, "whom to contact instead"
    assert str(outside(offered["ages"])) not in detail.replace(offered["contact"]["answer"], ""), "never echoed"
    assert stored_keys(redis_client) == set()

    booked = book(service, municipality, age=offered["ages"]["example"])
    assert booked.status_code == 201
    stored = redis_client.hgetall(f"vejviser:booking:{booked.json()['code']}")
    assert {key.decode() for key in stored} == {"code", "municipality", "start", "end", "created", "topic"}


@pytest.mark.parametrize("municipality", OPEN)
@pytest.mark.parametrize("age", [0, 15, 70])
def test_where_the_standard_limits_no_age_any_age_can_book(service: TestClient, municipality: str, age: int) -> None:
    assert book(service, municipality, age=age).status_code == 201


@pytest.mark.parametrize("age", [-1, 121, "sixteen"])
def test_an_age_that_is_no_age_is_refused(service: TestClient, redis_client: redis.Redis[bytes], age: object) -> None:
    assert book(service, "faxe", age=age).status_code == 422
    assert stored_keys(redis_client) == set()


def test_a_booking_is_created_looked_up_and_cancelled_by_its_code(
    service: TestClient, redis_client: redis.Redis[bytes]
) -> None:
    slot = first_free_slot(service)
    created = service.post("/api/bookings", json={"municipality": "faxe", "start": slot["start"], "topic": "stoffer"})
    assert created.status_code == 201
    booking = created.json()
    assert (booking["start"], booking["label"], booking["topic"]) == (slot["start"], slot["label"], "stoffer")
    assert booking["place"]["address"] == "Præstøvej 78, Bygning 18, 4640 Faxe"
    assert booking["about"]["id"] == "faxe-anonym-henvendelse"
    assert slot["start"] != first_free_slot(service)["start"]

    code = booking["code"]
    assert service.get(f"/api/bookings/{code.lower().replace('-', ' ')}").json() == booking
    stored = redis_client.hgetall(f"vejviser:booking:{code}")
    assert {key.decode() for key in stored} == {"code", "municipality", "start", "end", "created", "topic"}

    assert service.delete(f"/api/bookings/{code}").status_code == 204
    assert service.get(f"/api/bookings/{code}").status_code == 404
    assert stored_keys(redis_client) == set()
    assert first_free_slot(service)["start"] == slot["start"]


@pytest.mark.parametrize(
    "extra",
    [
        {"name": "Peter Hansen"},
        {"cpr": "010190-1234"},
        {"phone": "12 34 56 78"},
        {"email": "peter@example.dk"},
        {"ip": "192.0.2.1"},
        {"address": "Vestergade 1, 4640 Faxe"},
        {"note": "jeg hedder Peter og min søn tager kokain"},
    ],
)
def test_any_field_that_could_say_who_someone_is_is_refused(
    service: TestClient, redis_client: redis.Redis[bytes], extra: dict[str, str]
) -> None:
    response = book(service, **extra)
    assert (response.status_code, response.json()) == (422, {"detail": UNKNOWN_FIELDS})
    assert stored_keys(redis_client) == set()
    assert next(iter(extra.values())) not in response.text


@pytest.mark.parametrize("topic", ["Peter Hansen 010190-1234", "STOFFER", ""])
def test_a_topic_outside_the_fixed_list_is_refused(
    service: TestClient, redis_client: redis.Redis[bytes], topic: str
) -> None:
    response = book(service, topic=topic)
    assert (response.status_code, response.json()) == (422, {"detail": INVALID_REQUEST})
    assert stored_keys(redis_client) == set()


@pytest.mark.parametrize(
    "start",
    ["2020-01-06T10:00:00+01:00", "2099-01-05T10:00:00+01:00", "next monday", None],
)
def test_a_time_that_is_not_offered_is_refused(
    service: TestClient, redis_client: redis.Redis[bytes], start: str | None
) -> None:
    response = service.post("/api/bookings", json={"municipality": "faxe", "start": start})
    assert response.status_code in {409, 422}
    if response.status_code == 409:
        assert response.json() == {"detail": NOT_OFFERED}
    assert stored_keys(redis_client) == set()


def test_an_unknown_municipality_is_404(service: TestClient) -> None:
    assert service.get("/api/bookings/slots", params={"municipality": "aarhus"}).status_code == 404
    start = first_free_slot(service)["start"]
    assert service.post("/api/bookings", json={"municipality": "aarhus", "start": start}).status_code == 404


@pytest.mark.anyio
async def test_50_parallel_requests_for_one_place_give_exactly_one_booking(
    service_settings: Settings, redis_client: redis.Redis[bytes]
) -> None:
    # 50 clients (behind a trusted proxy), so that no client reaches its limits.
    app = create_app(service_settings.copy(update={"trusted_proxies": ["127.0.0.1"]}))
    async with in_process(app) as async_service:
        slots = (await async_service.get("/api/bookings/slots", params={"municipality": "faxe"})).json()
        start = slots["days"][0]["slots"][0]["start"]
        body = {"municipality": "faxe", "start": start}
        responses = await asyncio.gather(
            *(
                async_service.post("/api/bookings", json=body, headers={"X-Forwarded-For": f"198.51.100.{n}"})
                for n in range(50)
            )
        )
        await _one_booking(async_service, redis_client, responses, start)


async def _one_booking(
    async_service: httpx.AsyncClient, redis_client: redis.Redis[bytes], responses: list[httpx.Response], start: str
) -> None:

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201] + [409] * 49
    assert {response.json()["detail"] for response in responses if response.status_code == 409} == {SLOT_TAKEN}
    code = next(response.json()["code"] for response in responses if response.status_code == 201)
    slot_key = f"vejviser:slot:faxe:{start}"
    assert redis_client.smembers(slot_key) == {code.encode()}
    assert stored_keys(redis_client) == {f"vejviser:booking:{code}", slot_key}
    # The winner's address holds it among its open bookings, by a keyed hash of the code only.
    assert len(redis_client.keys("vejviser:open:*")) == 1
    after = (await async_service.get("/api/bookings/slots", params={"municipality": "faxe"})).json()
    assert start not in {slot["start"] for day in after["days"] for slot in day["slots"]}
    assert (await async_service.get(f"/api/bookings/{code}")).json()["start"] == start


@pytest.mark.parametrize("code", ["ABC-DEF-GHJ", "abc", "0O1-IL0-000", "%27%3B--"])
def test_a_wrong_code_is_404_without_saying_whether_it_ever_existed(service: TestClient, code: str) -> None:
    cancelled = book(service).json()["code"]
    service.delete(f"/api/bookings/{cancelled}")
    for path in (f"/api/bookings/{code}", f"/api/bookings/{cancelled}"):
        for method in ("GET", "DELETE"):
            response = service.request(method, path)
            assert (response.status_code, response.json()) == (404, {"detail": UNKNOWN_CODE})


def test_repeated_wrong_codes_from_one_client_are_rate_limited(
    service: TestClient, redis_client: redis.Redis[bytes]
) -> None:
    code = book(service).json()["code"]
    for _ in range(10):
        assert service.get("/api/bookings/ABC-DEF-GHJ").status_code == 404
    blocked = service.get(f"/api/bookings/{code}")
    assert (blocked.status_code, blocked.json()) == (429, {"detail": TOO_MANY_CODES})
    assert service.delete(f"/api/bookings/{code}").status_code == 429
    # The address is stored only as a keyed hash.
    assert not any(b"testclient" in key for key in redis_client.keys("*"))


def test_chat_sessions_are_counted_apart_only_with_the_internal_token(service: TestClient) -> None:
    def guess(session: str, token: str) -> int:
        headers = {"X-Vejviser-Session": session, "Authorization": f"Bearer {token}"}
        return service.get("/api/bookings/ABC-DEF-GHJ", headers=headers).status_code

    assert [guess("a", INTERNAL_TOKEN) for _ in range(11)] == [404] * 10 + [429]
    assert guess("b", INTERNAL_TOKEN) == 404
    # Without the internal token the header is ignored: a browser cannot dodge the limit by changing it.
    assert [guess(f"s{n}", "forged") for n in range(11)] == [404] * 10 + [429]


def test_with_redis_down_booking_says_so_and_writes_nothing(service_redis_down: TestClient) -> None:
    client = service_redis_down
    start = next(iter(offered_slots(PLACES["faxe"], current_time()))).start.isoformat()
    for response in (
        client.get("/api/bookings/slots", params={"municipality": "faxe"}),
        client.post("/api/bookings", json={"municipality": "faxe", "start": start}),
        client.get("/api/bookings/ABC-DEF-GHJ"),
        client.delete("/api/bookings/ABC-DEF-GHJ"),
    ):
        assert (response.status_code, response.json()) == (503, {"detail": BOOKING_DOWN})
