"""The booking code's alphabet and shape: the service mints and reads codes with it, and the NLU data's
`booking_code` pattern is generated from it (`nlu_pattern`), so the bot recognises exactly the codes that exist."""

from __future__ import annotations

# No 0/O, 1/I/L: nothing that sounds or looks like something else.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
DIGITS = "23456789"
# Three groups of three, printed with dashes ("K7M-4QX-P9R").
GROUPS = 3
GROUP_LENGTH = 3
LENGTH = GROUPS * GROUP_LENGTH


def _char_class(characters: str) -> str:
    """A regex character class with runs of consecutive characters as ranges: "abcxy" -> "[a-cx-y]"."""
    chars = sorted(set(characters), key=lambda char: (char.isdigit(), char))
    parts: list[str] = []
    start = previous = chars[0]
    for char in [*chars[1:], ""]:
        if char and ord(char) == ord(previous) + 1:
            previous = char
            continue
        parts.append(start if start == previous else f"{start}-{previous}")
        start = previous = char
    return f"[{''.join(parts)}]"


def nlu_pattern() -> str:
    """The `booking_code` regex of data/nlu/booking.yml (matched case-insensitively).

    Dashed, or with spaces or nothing between the groups: then one group must hold a digit, so that three short
    words or a nine-letter word are never a code, and a three-letter word before a spaced code is not part of it."""
    char = _char_class(ALPHABET.lower())
    group = f"{char}{{{GROUP_LENGTH}}}"
    with_digit = f"(?={char}{{0,{GROUP_LENGTH - 1}}}{_char_class(DIGITS)}){group}"
    dashed = r"\b" + "-".join([group] * GROUPS) + r"\b"
    spaced = [
        " ?".join(with_digit if i == digit_group else group for i in range(GROUPS)) for digit_group in range(GROUPS)
    ]
    return f"{dashed}|\\b(?:{'|'.join(spaced)})\\b(?! {group}\\b)"
