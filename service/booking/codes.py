"""Booking codes: the only key to a booking, random and unguessable, easy to read aloud over the phone."""

from __future__ import annotations

import math
import re
import secrets

# No 0/O, 1/I/L: nothing that sounds or looks like something else.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 9
DIGITS = set("23456789")
# Every code holds a digit, so that a code typed with spaces ("k7m 4qx p9r") is never three ordinary words.
BITS = math.log2(len(ALPHABET) ** LENGTH - (len(ALPHABET) - len(DIGITS)) ** LENGTH)  # about 44.5
_SEPARATORS = re.compile(r"[\s\-.]+")


def new_code() -> str:
    """Like "K7M-4QX-P9R": three groups of three, read aloud group by group."""
    while True:  # drawing again keeps every code with a digit equally likely
        raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if DIGITS & set(raw):
            return format_code(raw)


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + 3] for i in range(0, LENGTH, 3))


def normalise_code(text: str) -> str | None:
    """A code as people type it ("k7m 4qx p9r"), in its printed form; None if it cannot be one."""
    raw = _SEPARATORS.sub("", text).upper()
    if len(raw) != LENGTH or any(char not in ALPHABET for char in raw):
        return None
    return format_code(raw)
