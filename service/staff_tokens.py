"""What a staff token must be, checked before the service starts: long and random enough that nobody guesses it
online (failed logins are rate-limited too, service/api/auth.py), one per municipality, and only for the
municipalities the knowledge base serves.

Entropy is estimated from the token alone, as its length times log2 of the alphabet its character classes span
(lower case, upper case, digits, anything else): `secrets.token_urlsafe(24)` (32 characters) counts 192 bits,
`secrets.token_hex(16)` 128. The estimate cannot see that a long sentence is guessable; it refuses what is plainly
short, has few different characters or repeats a piece of eight."""

from __future__ import annotations

import math
import string
from collections.abc import Iterable, Mapping

MIN_LENGTH = 32
MIN_BITS = 128
# A random token of 32 characters from 16 or more symbols shows about 14 different ones; "aaaa…" or "abababab…" not.
MIN_DISTINCT = 10
_CLASSES = ((string.ascii_lowercase, 26), (string.ascii_uppercase, 26), (string.digits, 10))
# Any other printable character: punctuation, "-", "_", letters beyond ASCII.
_OTHER = 32


class StaffTokenError(ValueError):
    """The staff tokens cannot be used; the message says which and why, never the token."""


def estimated_bits(token: str) -> float:
    pool = sum(size for chars, size in _CLASSES if any(c in chars for c in token))
    if any(not any(c in chars for chars, _ in _CLASSES) for c in token):
        pool += _OTHER
    return len(token) * math.log2(pool) if pool > 1 else 0.0


def _repeats(token: str, size: int = 8) -> bool:
    """A piece of `size` characters that occurs twice: a pattern typed again, which a generator almost never makes."""
    pieces = [token[i : i + size] for i in range(len(token) - size + 1)]
    return len(set(pieces)) < len(pieces)


def token_problems(tokens: Mapping[str, str]) -> list[str]:
    """Why each token is too weak, and which municipalities share one; empty when all are fine."""
    problems = []
    for municipality, token in tokens.items():
        if len(token) < MIN_LENGTH:
            problems.append(f"{municipality}: {len(token)} characters, needs at least {MIN_LENGTH}")
        elif estimated_bits(token) < MIN_BITS or len(set(token)) < MIN_DISTINCT or _repeats(token):
            problems.append(f"{municipality}: not random enough (needs about {MIN_BITS} bits, e.g. from a generator)")
        if token != token.strip() or not token.isprintable():
            problems.append(f"{municipality}: has spaces at an end or characters that cannot be typed")
    owners: dict[str, list[str]] = {}
    for municipality, token in tokens.items():
        owners.setdefault(token, []).append(municipality)
    problems += [f"{' and '.join(shared)} share one token" for shared in owners.values() if len(shared) > 1]
    return problems


def unknown_municipalities(tokens: Iterable[str], known: Iterable[str]) -> list[str]:
    return sorted(set(tokens) - set(known))


def check_staff_tokens(tokens: Mapping[str, str], known: Iterable[str] | None = None) -> None:
    """StaffTokenError unless every token is strong and its own, and (when `known` is given) for a municipality the
    service serves."""
    problems = token_problems(tokens)
    if known is not None:
        known = sorted(known)
        unknown = unknown_municipalities(tokens, known)
        if unknown:
            problems.append(f"no such municipality: {', '.join(unknown)} (known: {', '.join(known)})")
    if problems:
        raise StaffTokenError(
            "STAFF_TOKENS cannot be used: " + "; ".join(problems) + ". Make one with: "
            'python -c "import secrets; print(secrets.token_urlsafe(32))"'
        )
