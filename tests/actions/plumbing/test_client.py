"""The client's own checks, against a stand-in transport: an answer that does not match the contract is as
unusable as no answer, and what it sends is what the contract says. The action tests show the rest against the
real service."""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from actions.plumbing.client import BookingUnavailable, ServiceClient, ServiceUnavailable, TooManyBookings
from contract.constants import SESSION_HEADER
from contract.models import BookingCreate, UsageEventCreate

pytestmark = pytest.mark.anyio
TZ = datetime.timezone(datetime.timedelta(hours=1))


class StandIn:
    """Answers every request with one answer, and keeps the requests."""

    def __init__(self) -> None:
        self.answer = httpx.Response(204)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answer


@pytest.fixture
def stand_in() -> StandIn:
    return StandIn()


@pytest.fixture
async def client(stand_in: StandIn) -> AsyncIterator[ServiceClient]:
    async with httpx.AsyncClient(transport=httpx.MockTransport(stand_in), base_url="http://service") as http:
        yield ServiceClient(http)


@pytest.mark.parametrize(
    "body",
    [
        [{"id": "faxe"}],  # no name, no standard
        {"id": "faxe", "name": "Faxe"},  # one where a list was due
        None,
    ],
)
async def test_an_answer_that_does_not_match_the_contract_is_unavailable(
    client: ServiceClient, stand_in: StandIn, body: Any
) -> None:
    stand_in.answer = httpx.Response(200, json=body)
    with pytest.raises(ServiceUnavailable, match="not as the contract says"):
        await client.municipalities()


async def test_a_booking_in_another_shape_is_unavailable(client: ServiceClient, stand_in: StandIn) -> None:
    stand_in.answer = httpx.Response(200, json={"code": "K7M-4QX-P9R", "start": "tirsdag"})
    with pytest.raises(ServiceUnavailable):
        await client.booking("K7M-4QX-P9R", session="a-session")


async def test_an_answer_that_is_not_json_is_unavailable(client: ServiceClient, stand_in: StandIn) -> None:
    stand_in.answer = httpx.Response(200, text="<html>proxy error</html>")
    with pytest.raises(ServiceUnavailable, match="not JSON"):
        await client.topics()


async def test_a_booking_is_sent_as_the_contract_writes_it(client: ServiceClient, stand_in: StandIn) -> None:
    start = datetime.datetime(2026, 11, 24, 10, tzinfo=TZ)
    with pytest.raises(ServiceUnavailable):  # the stand-in's 204 is no booking
        await client.book("faxe", start, "ung")
    [request] = stand_in.requests
    assert (request.method, request.url.path) == ("POST", "/api/bookings")
    assert request.headers["Content-Type"] == "application/json"
    assert BookingCreate.parse_raw(request.content) == BookingCreate(municipality="faxe", start=start, topic="ung")


async def test_a_booking_carries_the_age_for_the_service_to_check(client: ServiceClient, stand_in: StandIn) -> None:
    start = datetime.datetime(2026, 11, 24, 10, tzinfo=TZ)
    with pytest.raises(ServiceUnavailable):
        await client.book("broenderslev", start, None, 16)
    assert BookingCreate.parse_raw(stand_in.requests[0].content).age == 16


async def test_a_count_is_sent_as_the_contract_writes_it(client: ServiceClient, stand_in: StandIn) -> None:
    await client.count("fallbacks", "faxe", "ukendt")
    [request] = stand_in.requests
    assert (request.method, request.url.path) == ("POST", "/api/usage")
    event = UsageEventCreate(measure="fallbacks", municipality="faxe", topic="ukendt")
    assert UsageEventCreate.parse_raw(request.content) == event


async def test_a_look_up_by_code_names_its_session(client: ServiceClient, stand_in: StandIn) -> None:
    await client.cancel("K7M-4QX-P9R", session="a-session")
    assert stand_in.requests[0].headers[SESSION_HEADER] == "a-session"


async def test_a_booking_names_its_session_and_a_429_is_too_many_bookings(
    client: ServiceClient, stand_in: StandIn
) -> None:
    stand_in.answer = httpx.Response(429, json={"detail": "For mange"}, headers={"Retry-After": "60"})
    with pytest.raises(TooManyBookings):
        await client.book("faxe", datetime.datetime(2026, 11, 24, 10, tzinfo=TZ), session="a-session")
    assert stand_in.requests[0].headers[SESSION_HEADER] == "a-session"
    # Said to the user as booking being unavailable: whom to call instead.
    assert issubclass(TooManyBookings, BookingUnavailable)
