"""What the fuzz tests share: hostile strategies, the oracle for an error body, and the count of generated cases,
printed at the end of the run (pytest's terminal summary, so `make test` shows it)."""

from __future__ import annotations

import collections
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import strategies as st

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "'; DROP TABLE bookings; --",
    '" OR 1=1 --',
    "{{7*7}}",
    "${7*7}",
    "{% for x in range(9999999) %}x{% endfor %}",
    "${jndi:ldap://example.org/a}",
    "%s%s%s%s%n",
    "../../../../etc/passwd",
    "\x00\x01\x02\x1b[31m",
    "\u202eesrever",
    "/restart",
    "/session_start",
    "/start_guide",
    '/book_conversation{"municipality": "faxe", "booking_slot": "x"}',
    '/inform_municipality{"municipality": "<script>"}',
    "/nonexistent_intent",
    "KEYS *\r\nFLUSHALL\r\n",
]
EMOJI = st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF)
TEXT = st.one_of(
    st.text(max_size=300),
    st.text(st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), max_size=200),
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=6).map(" ".join),
    st.text(EMOJI, min_size=500, max_size=2100),
    st.text(max_size=50).map(lambda text: text * 60),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)

# What the framework would say in English; the service answers each in Danish (service/api/errors.py).
ENGLISH = ("Not Found", "Method Not Allowed", "field required", "value is not", "There was an error", "Internal")

# Generated cases per fuzz test, over the whole run.
CASES: collections.Counter[str] = collections.Counter()
_PLUGIN = "vejviser-fuzz-count"


class _Summary:
    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not CASES:
            return
        terminalreporter.section("fuzz")
        for name, count in sorted(CASES.items()):
            terminalreporter.write_line(f"{count:6d}  {name}")
        terminalreporter.write_line(f"{sum(CASES.values()):6d}  generated fuzz cases in all")


def count_cases(config: pytest.Config) -> None:
    """Print the counts at the end of the run (registered once per run)."""
    if not config.pluginmanager.has_plugin(_PLUGIN):
        config.pluginmanager.register(_Summary(), _PLUGIN)


def a_danish_error(response: Any, sent: Sequence[str] = ()) -> str:
    """An error answer is JSON of exactly `{"detail": "<one Danish sentence>"}` that echoes nothing sent."""
    assert response.headers["content-type"].startswith("application/json"), response.headers["content-type"]
    body = response.json()
    assert isinstance(body, dict), body
    assert set(body) == {"detail"}, body
    detail = body["detail"]
    assert isinstance(detail, str), body
    assert detail.strip(), body
    assert not any(word in detail for word in ENGLISH), detail
    for text in sent:
        if len(text.strip()) >= 8:
            assert text not in detail, ("echoed", text, detail)
    return detail
