"""Booking codes: the only key to a booking, random and unguessable, easy to read aloud over the phone."""

from __future__ import annotations

import math
import re
import secrets

from contract.codes import ALPHABET, DIGITS, GROUP_LENGTH, LENGTH

# Every code holds a digit, so that a code typed with spaces ("k7m 4qx p9r") is never three ordinary words.
BITS = math.log2(len(ALPHABET) ** LENGTH - (len(ALPHABET) - len(DIGITS)) ** LENGTH)  # about 44.5
_SEPARATORS = re.compile(r"[\s\-.]+")
# How each character is said over the phone: the Danish spelling alphabet, and the digits as words.
SAID = {
    "A": "A som Anna", "B": "B som Bernhard", "C": "C som Cecilie", "D": "D som David", "E": "E som Erik",
    "F": "F som Frederik", "G": "G som Georg", "H": "H som Hans", "J": "J som Johan", "K": "K som Karen",
    "M": "M som Mari", "N": "N som Nikolaj", "P": "P som Peter", "Q": "Q som Quintus", "R": "R som Rasmus",
    "S": "S som Søren", "T": "T som Theodor", "U": "U som Ulla", "V": "V som Viggo", "W": "W som William",
    "X": "X som Xerxes", "Y": "Y som Yrsa", "Z": "Z som Zakarias",
    "2": "to", "3": "tre", "4": "fire", "5": "fem", "6": "seks", "7": "syv", "8": "otte", "9": "ni",
}  # fmt: skip


def new_code() -> str:
    """Like "K7M-4QX-P9R": three groups of three, read aloud group by group."""
    while True:  # drawing again keeps every code with a digit equally likely
        raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if set(DIGITS) & set(raw):
            return format_code(raw)


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, LENGTH, GROUP_LENGTH))


def normalise_code(text: str) -> str | None:
    """A code as people type it ("k7m 4qx p9r"), in its printed form; None if it cannot be one."""
    raw = _SEPARATORS.sub("", text).upper()
    if len(raw) != LENGTH or any(char not in ALPHABET for char in raw):
        return None
    return format_code(raw)


def spoken_code(code: str) -> str:
    """ "K7M-4QX-P9R" as staff read it aloud: "K som Karen, syv, M som Mari – fire, Q som Quintus, ..."."""
    return " – ".join(", ".join(SAID[char] for char in group) for group in code.split("-"))
