"""Every route of the real app, in process, against the real Redis, fuzzed by Hypothesis: hostile path, query, body
and auth values, and half the time valid ones, so that the routes' own checks run and not only the validation.

The oracle is exact. Each answer's status is one the OpenAPI document lists for the route the path reaches (404 or
405 where it reaches none); Redis is up, so nothing answers 503 but the routes that need Rasa, which is down here
(a port where nothing listens); the code-guess limit is raised, so no 429 but the chat's; every error is
`{"detail": "<Danish sentence>"}` that echoes nothing sent. Bookings: starts are real offered slots half the time,
one slot is full, so 201, 409 (taken and not offered) all run, and a request that fails changes no booking.

The e2e fuzz (tests/e2e/test_fuzz.py) sends fewer cases through the real stack's Rasa and action server."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import quote, unquote

import pytest
import redis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr

from knowledge.load import knowledge_base
from service.main import create_app
from service.settings import Settings
from tests.conftest import INTERNAL_TOKEN, STAFF_TOKENS, RedisServer, settings_on
from tests.fuzzing import CASES, JSON, TEXT, a_danish_error, count_cases

KB = knowledge_base()
MUNICIPALITIES = sorted(KB.standards)
TOPICS = sorted(KB.topics)
BOOKING_TOPICS = ["stoffer", "alkohol", "pårørende", "ung"]
FUZZ = settings(max_examples=130, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Rasa is a port where nothing listens: these routes answer 503, as documented, and nothing else may.
NEEDS_RASA = {
    ("post", "/api/chat"),
    ("get", "/api/chat/{session_id}"),
    ("post", "/api/staff/chat"),
    ("get", "/api/health"),
}
SPEC = create_app(Settings(rasa_token=SecretStr("x"))).openapi()
OPERATIONS = [(method, path) for path, ops in SPEC["paths"].items() for method in ops]
# Hypothesis finds these; the success answers that are not JSON.
# The schemas' own field names, which an error may name.
FIELDS = {name for schema in SPEC["components"]["schemas"].values() for name in schema.get("properties", {})}
# What an error may list: the valid values (set in the fixture: the callers too).
KNOWN = FIELDS | set(MUNICIPALITIES) | set(TOPICS) | set(BOOKING_TOPICS)
NOT_JSON = {"/api/staff/script.pdf": "application/pdf", "/api/staff/stats.csv": "text/csv"}


@dataclass
class Fuzzed:
    client: TestClient
    redis: redis.Redis[bytes]
    callers: list[str]
    starts: list[str] = field(default_factory=list)
    # Codes the route fuzz may cancel, and codes nothing cancels (one slot of Faxe's full with them).
    codes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def fuzzed(redis_server: RedisServer, request: pytest.FixtureRequest) -> Iterator[Fuzzed]:
    """The real app on the session's Redis (emptied), the guess limit raised; one slot of Faxe's filled and one
    booking made in each municipality, so that lookups and cancels meet real codes and bookings meet a full slot."""
    count_cases(request.config)
    client = redis_server.client()
    client.flushdb()
    # Every limit raised: the fuzz sends thousands of requests from one address.
    raised = (
        "code_guess_limit",
        "code_guess_address_limit",
        "booking_create_limit",
        "booking_open_limit",
        "staff_login_limit",
        "chat_per_address_per_minute",
        "chat_per_session_per_minute",
    )
    app_settings = settings_on(redis_server).copy(update=dict.fromkeys(raised, 1_000_000_000))
    with TestClient(create_app(app_settings), raise_server_exceptions=False) as http:
        script = http.get("/api/script", headers={"Authorization": f"Bearer {INTERNAL_TOKEN}"})
        assert script.status_code == 200, script.text
        state = Fuzzed(http, client, callers=sorted(caller["id"] for caller in script.json()["callers"]))
        KNOWN.update(state.callers)
        for municipality in MUNICIPALITIES:
            slots = http.get("/api/bookings/slots", params={"municipality": municipality})
            assert slots.status_code == 200, slots.text
            starts = [slot["start"] for day in slots.json()["days"] for slot in day["slots"]]
            assert starts, municipality
            state.starts += [f"{municipality}|{start}" for start in starts[:6]]
            for start, codes in ((starts[-1], state.codes), (starts[-2], state.kept)):
                made = http.post("/api/bookings", json={"municipality": municipality, "start": start})
                assert made.status_code == 201, made.text
                codes.append(made.json()["code"])
        # Fill Faxe's first slot: its capacity, then one more is 409.
        full = state.starts[0].split("|", 1)[1]
        while (made := http.post("/api/bookings", json={"municipality": "faxe", "start": full})).status_code == 201:
            state.kept.append(made.json()["code"])
        assert made.status_code == 409, made.text
        yield state
    client.flushdb()
    client.close()


BOOKING_KEYS = ("vejviser:booking:*", "vejviser:slot:*", "vejviser:booked:*", "vejviser:open:*")


def bookings(client: redis.Redis[bytes]) -> dict[bytes, Any]:
    """Every booking, every slot's codes and every index of them, as stored (Redis's DUMP of each key)."""
    return {key: client.dump(key) for pattern in BOOKING_KEYS for key in client.scan_iter(pattern)}


def new_bookings(after: dict[bytes, Any], before: dict[bytes, Any]) -> set[bytes]:
    return {key for key in set(after) - set(before) if key.startswith(b"vejviser:booking:")}


def routes_reached(method: str, path: str) -> tuple[set[int], set[tuple[str, str]]]:
    """The statuses the OpenAPI document lists for the operations whose template the (decoded) path fits, and those
    operations; 405 when only another method's fits, 404 when none does."""
    statuses: set[int] = set()
    reached: set[tuple[str, str]] = set()
    other_method = False
    for op_method, template in OPERATIONS:
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", re.escape(template).replace(r"\{", "{").replace(r"\}", "}"))
        if re.fullmatch(pattern, path):
            if op_method == method:
                statuses |= {int(code) for code in SPEC["paths"][template][op_method]["responses"]}
                reached.add((op_method, template))
            else:
                other_method = True
    if not reached:
        statuses = {405} if other_method else {404}
    return statuses, reached


def text_or(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Half the time a valid value, else hostile text."""
    return st.booleans().flatmap(lambda good: valid if good else TEXT)


def value_of(name: str, fuzzed: Fuzzed) -> st.SearchStrategy[Any]:
    """A value for a parameter or field, by its name: valid half the time."""
    days = st.dates(date(2020, 1, 1), date(2035, 1, 1)).map(date.isoformat)
    valid: dict[str, st.SearchStrategy[Any]] = {
        "municipality": st.sampled_from(MUNICIPALITIES),
        "municipalities": st.lists(st.sampled_from(MUNICIPALITIES), min_size=1, max_size=5).map(",".join),
        "topic": st.sampled_from(TOPICS + BOOKING_TOPICS),
        "previous_topic": st.sampled_from(TOPICS),
        "caller": st.sampled_from(fuzzed.callers),
        "code": st.sampled_from(fuzzed.codes),
        "session_id": st.from_regex(r"[A-Za-z0-9_-]{16,64}", fullmatch=True),
        "q": st.sampled_from(["hvad koster det", "anonym", "pårørende", "alkohol", "åbningstider", "klage"]),
        "text": st.sampled_from(["hvad koster det", "er det anonymt", "min søn tager hash", "hej"]),
        "message": st.sampled_from(["hej", "hvad koster det", "jeg bor i faxe", "/restart"]),
        "context": st.sampled_from(["hvad koster det", ""]),
        "limit": st.integers(-5, 200),
        "age": st.integers(-5, 200),
        "audience": st.sampled_from(["borger", "pårørende", "ung", "alle"]),
        "measure": st.sampled_from(["conversations", "questions", "fallbacks"]),
        "from": days,
        "to": days,
        "everything": st.booleans(),
        "english": st.booleans(),
        "exclude": st.lists(TEXT, max_size=3),
        "topics": st.dictionaries(st.sampled_from(TOPICS), st.floats(-1, 2, allow_nan=False), max_size=3),
    }
    return text_or(valid.get(name, TEXT))


def body_of(schema_ref: str, fuzzed: Fuzzed) -> st.SearchStrategy[Any]:
    """A body for a schema: its fields valid, hostile or of the wrong type, sometimes an extra field, or any JSON."""
    schema = SPEC["components"]["schemas"][schema_ref.rsplit("/", 1)[1]]
    fields = {name: st.one_of(value_of(name, fuzzed), JSON) for name in schema["properties"]}
    required = {name: fields[name] for name in schema.get("required", [])}
    optional = {name: strategy for name, strategy in fields.items() if name not in required}
    objects = st.fixed_dictionaries(required, optional=optional)
    extra = st.fixed_dictionaries({"name": TEXT, "cpr": TEXT}, optional={"phone": TEXT})
    return st.one_of(objects, objects, st.tuples(objects, extra).map(lambda pair: pair[0] | pair[1]), JSON)


def path_value(text: str) -> str:
    # Every character escaped, dots too: "." and ".." would otherwise be taken as path steps before sending.
    return quote(text, safe="").replace(".", "%2E") or "%20"


def strings(value: Any) -> list[str]:
    """Every string inside a value, to check that no error echoes one."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in strings(key) + strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


def check(response: Any, method: str, path: str, sent: list[str], slash: bool = False) -> None:
    statuses, reached = routes_reached(method, unquote(path.split("?", 1)[0]))
    if slash:
        statuses |= {404, 405}  # a "/" in a path parameter makes another path, which no route may have
    statuses.discard(429)  # every limit is raised
    if not reached & NEEDS_RASA:
        statuses.discard(503)  # Redis is up
    assert response.status_code in statuses, (method, path, response.status_code, response.text[:300])
    if ("get", "/api/health") in reached:
        assert response.json()["status"] == ("ok" if response.status_code == 200 else "unavailable")
    elif response.status_code >= 400:
        a_danish_error(response, [text for text in sent if text not in KNOWN])
    elif response.status_code == 204:
        assert not response.content
    else:
        template = next(iter(reached))[1]
        kind = NOT_JSON.get(template, "application/json")
        assert response.headers["content-type"].startswith(kind), response.headers["content-type"]


# Cases per route: fewer where one case is slow (answering a question, drawing a PDF).
SLOW = {"/api/knowledge/answer": 50, "/api/staff/script.pdf": 60, "/api/staff/bookings": 100}


@pytest.mark.parametrize(("method", "template"), OPERATIONS, ids=[f"{m.upper()} {p}" for m, p in OPERATIONS])
def test_every_route_answers_anything_as_documented(fuzzed: Fuzzed, method: str, template: str) -> None:
    cases = SLOW.get(template, 140)
    settings(FUZZ, max_examples=cases)(given(data=st.data())(fuzz_route))(fuzzed, method, template)


def fuzz_route(fuzzed: Fuzzed, method: str, template: str, data: st.DataObject) -> None:
    CASES[f"in process: {method.upper()} {template}"] += 1
    operation = SPEC["paths"][template][method]
    sent: list[str] = []
    path = template
    slash = False
    for parameter in operation.get("parameters", []):
        name = parameter["name"]
        if parameter["in"] == "path":
            value = str(data.draw(value_of(name, fuzzed), label=name))
            sent.append(value)
            slash = slash or "/" in value
            path = path.replace("{" + name + "}", path_value(value))
    params: dict[str, str] = {}
    for parameter in operation.get("parameters", []):
        name = parameter["name"]
        if parameter["in"] == "query" and data.draw(st.integers(0, 9), label=f"send {name}") > 0:
            params[name] = str(data.draw(value_of(name, fuzzed), label=name))
            sent.append(params[name])
    if params:
        path += "?" + "&".join(f"{quote(key)}={quote(value, safe='')}" for key, value in params.items())
    headers: dict[str, str] = {}
    who = data.draw(st.sampled_from([None, "garbage", "internal", *MUNICIPALITIES]), label="auth")
    if who is not None:
        token = {"garbage": "x" * 20, "internal": INTERNAL_TOKEN}.get(who, STAFF_TOKENS.get(who, ""))
        headers["Authorization"] = f"Bearer {token}"
    content = None
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if schema is not None:
        body = data.draw(st.one_of(body_of(schema["$ref"], fuzzed), st.binary(max_size=200)), label="body")
        # json.dumps escapes lone surrogates, which httpx's own encoding would refuse to send.
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        sent += strings(body)
        headers["Content-Type"] = "application/json"
    response = fuzzed.client.request(method.upper(), path, content=content, headers=headers)
    check(response, method, path, sent, slash)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_booking_request_books_once_or_changes_nothing(fuzzed: Fuzzed, data: st.DataObject) -> None:
    CASES["in process: POST /api/bookings (real and full slots)"] += 1
    real = data.draw(st.booleans(), label="real slot")
    if real:
        municipality, start = data.draw(st.sampled_from(fuzzed.starts), label="slot").split("|", 1)
        body: Any = {"municipality": municipality, "start": start}
        shift = data.draw(st.sampled_from([None, None, timedelta(minutes=1), timedelta(days=-30)]), label="shift")
        if shift is not None:  # a start that is no offered slot: 409
            body["start"] = (datetime.fromisoformat(start) + shift).isoformat()
        body |= data.draw(
            st.fixed_dictionaries({}, optional={"topic": value_of("topic", fuzzed), "age": value_of("age", fuzzed)}),
            label="extra",
        )
    else:
        body = data.draw(
            st.one_of(
                st.fixed_dictionaries(
                    {
                        "municipality": value_of("municipality", fuzzed),
                        "start": st.one_of(st.datetimes(timezones=st.just(UTC)).map(str), TEXT, JSON),
                    },
                    optional={"topic": value_of("topic", fuzzed), "name": TEXT, "cpr": TEXT, "phone": TEXT},
                ),
                JSON,
            ),
            label="body",
        )
    before = bookings(fuzzed.redis)
    response = fuzzed.client.post("/api/bookings", content=json.dumps(body).encode())
    check(response, "post", "/api/bookings", strings(body))
    if response.status_code != 201:
        assert bookings(fuzzed.redis) == before
        return
    code = response.json()["code"]
    assert new_bookings(bookings(fuzzed.redis), before) == {f"vejviser:booking:{code}".encode()}
    assert fuzzed.client.get(f"/api/bookings/{code}").status_code == 200
    # Cancelled again, so that the slots stay free for the next cases.
    assert fuzzed.client.delete(f"/api/bookings/{path_value(code)}").status_code == 204
    assert fuzzed.client.get(f"/api/bookings/{path_value(code)}").status_code == 404


def spelled(code: str, how: int) -> str:
    """A code as someone might type it: as printed, lower case, without dashes, with spaces."""
    raw = code.replace("-", "")
    return [code, code.lower(), raw, " ".join(raw[i : i + 3] for i in range(0, len(raw), 3))][how]


@settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(real=st.booleans(), index=st.integers(0, 10_000), how=st.integers(0, 3), guess=TEXT)
def test_a_code_is_found_however_it_is_typed_and_a_guess_finds_nothing(
    fuzzed: Fuzzed, real: bool, index: int, how: int, guess: str
) -> None:
    CASES["in process: GET /api/bookings/{code} (real codes and guesses)"] += 1
    code = fuzzed.kept[index % len(fuzzed.kept)]
    text = spelled(code, how) if real else guess
    before = bookings(fuzzed.redis)
    response = fuzzed.client.get(f"/api/bookings/{path_value(text)}")
    check(response, "get", f"/api/bookings/{path_value(text)}", [] if real else [text], "/" in text)
    if real:
        assert response.status_code == 200, response.text
        assert response.json()["code"] == code
    elif "/" not in text:
        assert response.status_code == 404, response.text
    assert bookings(fuzzed.redis) == before
