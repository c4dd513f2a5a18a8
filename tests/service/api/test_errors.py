from __future__ import annotations

from typing import Any

import pytest

from service.api.errors import INVALID_REQUEST, NOT_JSON, UNKNOWN_FIELDS, validation_message


@pytest.mark.parametrize(
    ("errors", "expected"),
    [
        (
            [{"type": "value_error", "loc": ("body", "message"), "msg": "Beskeden er tom."}],
            "Beskeden er tom.",
        ),
        ([{"type": "json_invalid", "loc": ("body", 0), "msg": "JSON decode error"}], NOT_JSON),
        ([{"type": "type_error.dict", "loc": ("body",), "msg": "value is not a valid dict"}], NOT_JSON),
        ([{"type": "value_error.missing", "loc": ("body", "message"), "msg": "field required"}], None),
        ([{"type": "type_error.str", "loc": ("body", "message"), "msg": "str type expected"}], None),
        ([{"type": "value_error.extra", "loc": ("body", "010190-1234"), "msg": "extra"}], UNKNOWN_FIELDS),
        ([{"type": "value_error.number.not_gt", "loc": ("query", "n"), "msg": "x"}], INVALID_REQUEST),
        ([], INVALID_REQUEST),
    ],
    ids=["own", "not-json", "not-object", "missing", "wrong-type", "extra", "other", "none"],
)
def test_validation_messages_are_danish_and_never_echo_client_keys(
    errors: list[dict[str, Any]], expected: str | None
) -> None:
    message = validation_message(errors)
    if expected is not None:
        assert message == expected
    else:
        assert message.startswith("Feltet 'message' ")
    assert "010190-1234" not in message
