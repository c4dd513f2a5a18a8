"""The knowledge base's answers as staff read them aloud on the phone: no signs or abbreviations to decode."""

from __future__ import annotations

import re

# Written abbreviations and how they are said, matched as whole words.
_SAID = {
    "kl.": "klokken",
    "stk.": "stykke",
    "nr.": "nummer",
    "fx": "for eksempel",
    "f.eks.": "for eksempel",
    "bl.a.": "blandt andet",
    "ca.": "cirka",
    "dvs.": "det vil sige",
    "evt.": "eventuelt",
    "inkl.": "inklusive",
    "jf.": "jævnfør",
    "mv.": "med videre",
    "osv.": "og så videre",
}
_ABBREVIATION = re.compile(r"(?<![\w.])(" + "|".join(re.escape(word) for word in _SAID) + r")(?!\w)", re.IGNORECASE)
_EMAIL = re.compile(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
# A web address is said by its site; its path is in the source beside the answer.
_URL = re.compile(r"\b(?:https?://)?((?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:dk|com|org|net|eu))(?:/[^\s)]*[^\s).,])?")
_FULL_HOUR = re.compile(r"\b(\d{1,2})\.00\b")
_RANGE = re.compile(r"(\d)\s*[-–]\s*(\d)")
_PARAGRAPH = re.compile(r"§§?\s*")
# A phone number is said two digits at a time, however it is written ("56202720", "5620 2720").
_PHONE = re.compile(r"\b(\d{2})(\d{2}) ?(\d{2})(\d{2})\b")


def _said_address(address: str) -> str:
    return address.replace(".", " punktum ")


def spoken(text: str) -> str:
    """'Ring kl. 9.00-12.00 på 56202720 eller skriv til rus@faxe.dk (§ 101 a)' as it is said:
    'Ring klokken 9 til 12 på 56 20 27 20 eller skriv til rus snabel-a faxe punktum dk (paragraf 101 a)'."""
    text = _EMAIL.sub(lambda m: f"{_said_address(m[1])} snabel-a {_said_address(m[2])}", text)
    text = _URL.sub(lambda m: _said_address(m[1]), text)
    text = _ABBREVIATION.sub(lambda m: _SAID[m[1].lower()], text)
    text = _PARAGRAPH.sub(lambda m: "paragrafferne " if m[0].startswith("§§") else "paragraf ", text)
    text = _FULL_HOUR.sub(r"\1", text)
    text = _RANGE.sub(r"\1 til \2", text)
    text = _PHONE.sub(r"\1 \2 \3 \4", text)
    return re.sub(r"\s{2,}", " ", text).strip()
