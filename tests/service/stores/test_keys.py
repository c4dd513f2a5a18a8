"""The key scheme: every Redis key is built in service/stores/keys.py, and nowhere else in the service."""

from __future__ import annotations

import ast
import datetime
import re
from pathlib import Path

from service.stores import keys as key_scheme
from service.stores.keys import Keys

SERVICE = Path(key_scheme.__file__).resolve().parents[1]
# A piece of a key: the prefix followed by a colon, or a colon-framed kind of key ("...:booking:...").
KEY_PIECE = re.compile(r"vejviser:|:(tracker|lock|notice|booking|slot|usage|rate|client|open|refused):")


def _strings(path: Path) -> list[str]:
    """The string literals of a module, the literal parts of f-strings included, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_module_but_the_key_scheme_builds_a_key() -> None:
    builders = {
        str(path.relative_to(SERVICE.parent))
        for path in SERVICE.rglob("*.py")
        if any(KEY_PIECE.search(text) for text in _strings(path))
    }
    assert builders == {"service/stores/keys.py"}


def test_the_keys_are_as_documented() -> None:
    keys = Keys("vejviser")
    sender = "staff:faxe:" + "a" * 32
    assert [keys.tracker(sender), keys.lock(sender), keys.notice(sender)] == [
        f"vejviser:tracker:{sender}",
        f"vejviser:lock:{sender}",
        f"vejviser:notice:{sender}",
    ]
    assert keys.booking("K7M-4QX-P9R") == "vejviser:booking:K7M-4QX-P9R"
    assert keys.usage("faxe", datetime.date(2026, 12, 1)) == "vejviser:usage:faxe:2026-12-01"
    assert keys.rate("codes", "0f1e") == "vejviser:rate:codes:0f1e"
    assert keys.client("0f1e") == "vejviser:client:0f1e"
    assert keys.open_bookings("0f1e") == "vejviser:open:0f1e"
    assert keys.refused("faxe", datetime.date(2026, 12, 1)) == "vejviser:refused:faxe:2026-12-01"


def test_a_slot_key_is_its_prefix_then_municipality_and_start_as_the_cancel_script_builds_it() -> None:
    keys = Keys("vejviser")
    start = "2026-12-01T10:00:00+01:00"
    assert keys.slot("faxe", start) == f"vejviser:slot:faxe:{start}" == keys.slot_prefix + "faxe" + ":" + start


def test_a_municipalitys_booking_index_is_its_prefix_then_municipality_as_the_cancel_script_builds_it() -> None:
    keys = Keys("vejviser")
    assert keys.booked("faxe") == "vejviser:booked:faxe" == keys.booked_prefix + "faxe"
