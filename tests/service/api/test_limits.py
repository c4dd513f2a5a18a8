"""Limits on booking and on guessing codes, against the real app in process and a real Redis: a flood of bookings
from one client stops at the limit, a burst of parallel guesses gets no further than the limit, and the owner of a
code on a shared address still finds it."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest
import redis
from fastapi import FastAPI

from contract.constants import SESSION_HEADER
from service.api.deps import current_time
from service.api.limits import TOO_MANY_BOOKINGS, TOO_MANY_CODES, TOO_MANY_OPEN
from service.main import create_app
from service.schemas.chat import new_session_id
from service.settings import Settings
from tests.conftest import INTERNAL, staff_auth

pytestmark = pytest.mark.anyio
PROXY = "10.0.0.1"
At = Callable[..., httpx.AsyncClient]


@pytest.fixture
async def at(service_settings: Settings, redis_client: redis.Redis[bytes]) -> AsyncIterator[At]:
    """Clients of one app (lifespan included) that connect from the address given; 10.0.0.1 is a trusted proxy."""
    app: FastAPI = create_app(service_settings.copy(update={"trusted_proxies": [PROXY]}))
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(app.router.lifespan_context(app))

        def client(address: str = "192.0.2.1") -> httpx.AsyncClient:
            transport = httpx.ASGITransport(app=app, client=(address, 40000))
            return httpx.AsyncClient(transport=transport, base_url="http://service")

        yield client


async def free_starts(http: httpx.AsyncClient, municipality: str = "faxe") -> list[str]:
    days = (await http.get("/api/bookings/slots", params={"municipality": municipality})).json()["days"]
    return [slot["start"] for day in days for slot in day["slots"]]


async def book(http: httpx.AsyncClient, start: str, **headers: str) -> httpx.Response:
    return await http.post("/api/bookings", json={"municipality": "faxe", "start": start}, headers=headers)


@functools.cache
def sid(name: str) -> str:
    """A session id of the chat's kind, one per name (staff conversations are named as the gateway names them)."""
    return name if name.startswith("staff:") else new_session_id()


def chatting(session: str) -> dict[str, str]:
    """What the action server sends for a chat conversation."""
    return {**INTERNAL, SESSION_HEADER: sid(session)}


async def chat_from(http: httpx.AsyncClient, session: str) -> None:
    """A chat message from the client's address: the service remembers the conversation's address (Rasa is not
    running here, so the answer is 503)."""
    response = await http.post("/api/chat", json={"session_id": sid(session), "message": "hej"})
    assert response.status_code == 503


def refused(response: httpx.Response, detail: str, longest: int) -> bool:
    retry_after = int(response.headers["retry-after"])
    return response.status_code == 429 and response.json() == {"detail": detail} and 0 < retry_after <= longest


async def test_a_flood_of_bookings_from_one_address_stops_at_the_limit(at: At, service_settings: Settings) -> None:
    limit = service_settings.booking_create_limit
    statuses = []
    async with at() as http:
        start = (await free_starts(http))[0]
        for _ in range(20):
            response = await book(http, start)
            statuses.append(response.status_code)
            if response.status_code == 201:
                # Cancelled at once, so that only the number of requests can stop it.
                assert (await http.delete(f"/api/bookings/{response.json()['code']}")).status_code == 204
            else:
                assert refused(response, TOO_MANY_BOOKINGS, service_settings.booking_create_window_seconds)
        assert statuses == [201] * limit + [429] * (20 - limit)
        async with at("192.0.2.2") as other:
            assert (await book(other, start)).status_code == 201


async def test_bookings_still_to_come_are_limited_per_address_and_a_cancelled_one_frees_its_place(
    at: At, service_settings: Settings
) -> None:
    limit = service_settings.booking_open_limit
    async with at() as http:
        starts = await free_starts(http)
        made = [await book(http, start) for start in starts[: limit + 1]]
        assert [response.status_code for response in made] == [201] * limit + [429]
        assert refused(made[-1], TOO_MANY_OPEN.format(limit=limit), 15 * 24 * 3600)
        assert (await http.delete(f"/api/bookings/{made[0].json()['code']}")).status_code == 204
        assert (await book(http, starts[limit])).status_code == 201


async def test_x_forwarded_for_names_the_client_only_from_a_trusted_proxy(at: At, service_settings: Settings) -> None:
    limit = service_settings.booking_create_limit

    async def flood(http: httpx.AsyncClient, forwarded: Callable[[int], str]) -> list[int]:
        start = (await free_starts(http))[0]
        statuses = []
        for n in range(limit + 1):
            headers = {"X-Forwarded-For": forwarded(n)}
            response = await book(http, start, **headers)
            statuses.append(response.status_code)
            if response.status_code == 201:
                cancel = await http.delete(f"/api/bookings/{response.json()['code']}", headers=headers)
                assert cancel.status_code == 204
        return statuses

    # From anyone else, a new X-Forwarded-For each time changes nothing.
    async with at("192.0.2.9") as direct:
        assert await flood(direct, lambda n: f"198.51.100.{n}") == [201] * limit + [429]
    # From the proxy, each client it names is counted apart, and a client cannot prepend its way out.
    async with at(PROXY) as proxy:
        assert await flood(proxy, lambda n: f"203.0.113.{n}") == [201] * (limit + 1)
        assert await flood(proxy, lambda n: f"198.51.100.{n}, 203.0.113.99") == [201] * limit + [429]


async def test_a_chat_is_limited_by_its_conversation_and_by_the_address_it_chats_from(
    at: At, service_settings: Settings
) -> None:
    limit = service_settings.booking_create_limit
    async with at("192.0.2.50") as browser, at("172.18.0.5") as actions:
        start = (await free_starts(actions))[0]
        statuses = []
        for n in range(limit + 2):
            # A new conversation for each booking, all from one address.
            await chat_from(browser, f"flood-{n}")
            response = await book(actions, start, **chatting(f"flood-{n}"))
            statuses.append(response.status_code)
            if response.status_code == 201:
                code = response.json()["code"]
                assert (
                    await actions.delete(f"/api/bookings/{code}", headers=chatting(f"flood-{n}"))
                ).status_code == 204
        assert statuses == [201] * limit + [429] * 2
        # Another chat from another address, through the same action server, books.
        async with at("192.0.2.51") as elsewhere:
            await chat_from(elsewhere, "someone-else")
        assert (await book(actions, start, **chatting("someone-else"))).status_code == 201


async def test_staff_conversations_are_not_limited(at: At, service_settings: Settings) -> None:
    async with at("172.18.0.5") as actions:
        starts = await free_starts(actions)
        for start in starts[: service_settings.booking_create_limit + 2]:
            assert (await book(actions, start, **chatting("staff:faxe:abc"))).status_code == 201


async def test_staff_see_how_many_requests_were_refused_each_day(at: At, service_settings: Settings) -> None:
    limit = service_settings.booking_open_limit
    today = current_time().date().isoformat()
    async with at() as http:
        starts = await free_starts(http)
        statuses = [(await book(http, start)).status_code for start in starts[: limit + 4]]
        assert statuses.count(429) == 4
        week = {"municipality": "faxe", "from": today, "to": today}
        answer = await http.get("/api/staff/bookings/refused", params=week, headers=staff_auth("faxe"))
        assert answer.json() == [{"date": today, "refused": 4}]
        other = {**week, "municipality": "odsherred"}
        answer = await http.get("/api/staff/bookings/refused", params=other, headers=staff_auth("odsherred"))
        assert answer.json() == [{"date": today, "refused": 0}]
        assert (await http.get("/api/staff/bookings/refused", params=week)).status_code == 401


async def guesses(http: httpx.AsyncClient, n: int, **headers: str) -> list[httpx.Response]:
    return list(
        await asyncio.gather(*(http.get(f"/api/bookings/ABC-DEF-GH{i % 10}", headers=headers) for i in range(n)))
    )


def statuses(responses: list[httpx.Response]) -> dict[int, int]:
    return {status: sum(r.status_code == status for r in responses) for status in {r.status_code for r in responses}}


async def test_a_parallel_burst_of_wrong_codes_gets_no_further_than_the_limit(
    at: At, service_settings: Settings, capsys: Any
) -> None:
    limit = service_settings.code_guess_limit
    async with at() as http:
        burst = await guesses(http, 50)
        with capsys.disabled():
            print(f"\n50 parallel wrong codes from one address: {statuses(burst)}")
        assert statuses(burst) == {404: limit, 429: 50 - limit}
        assert all(refused(r, TOO_MANY_CODES, 900) for r in burst if r.status_code == 429)


async def test_the_owner_of_a_code_finds_it_on_an_address_shared_with_a_guesser(
    at: At, service_settings: Settings, capsys: Any
) -> None:
    session_limit, address_limit = service_settings.code_guess_limit, service_settings.code_guess_address_limit
    async with at("192.0.2.77") as shared, at("172.18.0.5") as actions:
        await chat_from(shared, "owner")
        code = (await book(actions, (await free_starts(actions))[0], **chatting("owner"))).json()["code"]
        # A guesser on the same address: one conversation, then a new conversation for every ten guesses.
        await chat_from(shared, "guesser")
        one = await guesses(actions, 50, **chatting("guesser"))
        assert statuses(one) == {404: session_limit, 429: 50 - session_limit}
        many: list[httpx.Response] = []
        for n in range(10):
            await chat_from(shared, f"guesser-{n}")
            many += await guesses(actions, 10, **chatting(f"guesser-{n}"))
        through = sum(r.status_code == 404 for r in one + many)
        with capsys.disabled():
            print(f"\nwrong codes through from one address in new conversations: {through} of {len(one + many)}")
        assert through == address_limit
        # The address is at its limit: a wrong code from the owner's conversation is refused now, like a code from
        # a browser on that address ...
        assert (await actions.get("/api/bookings/ABC-DEF-GHJ", headers=chatting("owner"))).status_code == 429
        assert (await shared.get(f"/api/bookings/{code}")).status_code == 429
        # ... but the conversation that booked finds its own booking, as often as it asks, and cancels it.
        for _ in range(3):
            assert (await actions.get(f"/api/bookings/{code}", headers=chatting("owner"))).status_code == 200
        assert (await actions.delete(f"/api/bookings/{code}", headers=chatting("owner"))).status_code == 204


async def test_a_code_found_is_given_back_so_the_owner_on_a_shared_address_is_not_counted(at: At) -> None:
    async with at("192.0.2.78") as shared:
        code = (await book(shared, (await free_starts(shared))[0])).json()["code"]
        # Nine wrong codes from someone on the address, the owner's code many times: the address can still look up.
        assert statuses(await guesses(shared, 9)) == {404: 9}
        for _ in range(20):
            assert (await shared.get(f"/api/bookings/{code}")).status_code == 200
        assert (await shared.get("/api/bookings/ABC-DEF-GHJ")).status_code == 404
        assert (await shared.get(f"/api/bookings/{code}")).status_code == 429


async def test_a_parallel_burst_of_bookings_from_one_address_gets_no_further_than_the_limits(
    at: At, service_settings: Settings, capsys: Any
) -> None:
    async with at() as http:
        starts = await free_starts(http)
        burst = await asyncio.gather(*(book(http, start) for start in starts[:30]))
        with capsys.disabled():
            print(f"\n30 parallel bookings of free slots from one address: {statuses(list(burst))}")
        assert service_settings.booking_open_limit == 3
        assert statuses(list(burst)) == {201: 3, 429: 27}
