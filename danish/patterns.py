"""What Danish personal details look like in text: CPR numbers, phone numbers, e-mail addresses and street
addresses, one finder per kind.

The privacy gateway removes what these find, and the knowledge base uses the same finders to list the details each
standard publishes (which the gateway then keeps), so the two can never disagree. Every finder runs in time linear
in the text: regular expressions with bounded repetition only, and streets found word by word.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

from contract.codes import ALPHABET, LENGTH


@dataclass(frozen=True)
class Found:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def fold(text: str) -> str:
    """Lower case with æ, ø and å as people type them without a Danish keyboard (ae, oe, aa)."""
    return text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa").replace("é", "e")


# --- CPR numbers ------------------------------------------------------------------------------------------------

# DDMMYY and four digits, written together, with a dash (any kind), a space or dots between the parts.
_CPR = re.compile(r"(?<!\d)(\d{2})[ .]?(\d{2})[ .]?(\d{2}) ?[-–—‑.]? ?(\d{4})(?!\d)")


def _a_date(day: str, month: str, year: str) -> bool:
    """A real date (in a leap year when the two-digit year allows one)."""
    try:
        datetime.date(2000 + int(year) if int(year) % 4 == 0 else 2001, int(month), int(day))
    except ValueError:
        return False
    return True


def cpr_numbers(text: str) -> Iterator[Found]:
    """CPR numbers: "010190-1234", "0101901234", "010190 1234", "01.01.90-1234", "CPR-010190–1234"."""
    for match in _CPR.finditer(text):
        if _a_date(*match.group(1, 2, 3)):
            yield Found(match.start(), match.end())


# --- Phone numbers ----------------------------------------------------------------------------------------------

# Eight digits with at most one separator between any two (2-2-2-2, 4-4, 3-2-3, 2-3-3, dots, slashes, digit by
# digit), maybe after +45, 0045 or (+45); not inside a word or a longer number.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00) ?45[ .-]?|\(\+?45\) ?)?([2-9](?:[ .\-/]?\d){7})(?![\w]|[.,-]\d)",
)
_YEARS = re.compile(r"(19|20)\d\d ?[-–/] ?(19|20)\d\d")
_DATE = re.compile(r"(\d\d)[.\-/](\d\d)[.\-/](\d{4})")
_DATES = re.compile(r"(\d\d)[./](\d\d) ?[-–] ?(\d\d)[./](\d\d)")


# A number from abroad: a country code other than Denmark's, then 6 to 12 digits, grouped as people group them.
_FOREIGN_PHONE = re.compile(r"(?<![\w+])(?:\+|00)(?!45)[1-9]\d{0,2}[ .-]?\(?\d{1,4}\)?(?:[ .\-/]?\d){4,11}(?![\w])")


def phone_numbers(text: str) -> Iterator[Found]:
    """Phone numbers as people write them: Danish ones, and numbers from abroad with their country code; not a span
    of years ("2019-2021") or a date ("12.03.2024")."""
    yield from (Found(match.start(), match.end()) for match in _FOREIGN_PHONE.finditer(text))
    for match in _PHONE.finditer(text):
        number = match.group(1)
        date, dates = _DATE.fullmatch(number), _DATES.fullmatch(number)
        if _YEARS.fullmatch(number) or (date and _a_date(date.group(1), date.group(2), date.group(3)[2:])):
            continue
        if dates and _a_date(dates.group(1), dates.group(2), "00") and _a_date(dates.group(3), dates.group(4), "00"):
            continue  # "27.12-30.12": from one day to another
        yield Found(match.start(), match.end())


# --- E-mail addresses -------------------------------------------------------------------------------------------

# "@" as typed or as said: "snabel-a", "(at)", "[at]", or " at " between a name and a domain.
_AT = re.compile(r" ?@ ?|[ ]?\((?:at|snabel-?a)\)[ ]?|[ ]?\[at\][ ]?| snabel[- ]?a | at ", re.IGNORECASE)
# "." in a domain, as typed or said.
_DOT = re.compile(r"\.|[ ]?\((?:dot|punktum)\)[ ]?| (?:dot|punktum) ", re.IGNORECASE)
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzæøåéüöäABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅÉÜÖÄ0123456789._%+-")
_LABEL = re.compile(r"[A-Za-z0-9æøåÆØÅ](?:[A-Za-z0-9æøåÆØÅ-]{0,62})")
# Top-level domains people type: a spoken "at" needs one of them at the end, a typed "@" any two letters or more.
_TLDS = frozenset("dk com net org se no de eu info io nu me uk co biz fi is nl fr it es pl tr live online".split())


def _domain_end(text: str, start: int, spoken: bool) -> int | None:
    """Where a domain that starts at `start` ends: labels joined by dots, the last one a top-level domain."""
    end, labels, position = None, 0, start
    while True:
        label = _LABEL.match(text, position)
        if not label:
            return end
        labels += 1
        top = label.group(0).lower()
        if labels >= 2 and (top in _TLDS or (not spoken and top.isalpha() and len(top) >= 2)):
            end = label.end()
        dot = _DOT.match(text, label.end())
        if not dot or (not spoken and dot.group(0) != "."):  # a typed address is typed through
            return end
        position = dot.end()


def email_addresses(text: str) -> Iterator[Found]:
    """E-mail addresses, also as said: "mette snabel-a gmail punktum com", "mette (at) gmail.com"."""
    covered = 0
    for at in _AT.finditer(text):
        start = at.start()
        while start > covered and text[start - 1] in _LOCAL_CHARS:
            start -= 1
        if start == at.start():
            continue
        end = _domain_end(text, at.end(), spoken=at.group(0).strip() != "@")
        if end is not None:
            covered = end
            yield Found(start, end)


# --- Street addresses -------------------------------------------------------------------------------------------

# How Danish street names end, also in the definite form ("Strandvejen", "Hovedgaden", "Egevænget", "Bakken").
# These mark a street in any case; the weaker ones below are everyday words too ("tager 2 piller", "vil have 3"),
# so a word ending in one of them is a street only when it is capitalised.
STREET_ENDINGS = tuple(
    """
    vej vejen gade gaden allé alle alléen alleen stræde strædet straede plads pladsen vænge vænget vaenge vaenget
    torv torvet stien boulevard boulevarden parken haven bakken toften højen lunden vangen hegnet engen marken
    gården gaarden holmen krogen løkken brinken bjerget stranden kajen mosen skoven brynet gyden dalen kvarteret
    """.split()
)
CAPITALISED_STREET_ENDINGS = tuple(
    """
    ager agre have sti park toft høj hoej lund vang hegn eng mark gård gaard dal holm krog løkke brink bjerg strand
    kaj mose skov bryn hus huse huset bro broen række rækken gyde bakke skrænt slette kvarter
    """.split()
)
# Words that begin a street name of several words ("Gammel Kongevej", "Sankt Annæ Plads", "Ny Østergade").
STREET_WORDS = frozenset(
    """gammel gamle gl. store st. lille ny nye nørre søndre vester øster vestre østre nordre øvre nedre lange korte
    sankt skt. sct. dr. kong dronning prins prinsesse""".split()
)
# Street names that are a preposition and a place: "Ved Kirken", "Over Bækken", "Bag Haverne", "Langs Åen".
STREET_PREPOSITIONS = frozenset("ved over under bag mellem langs inden udenfor neden oven".split())
# The house number, a letter, and floor and side: "12", "12b", "12 B", "12, 2. th", "4, st. tv", "3.sal". A letter
# after a space must be a capital: "Vestergade 12 i Faxe" ends at 12.
_MONTHS = "jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec"
_HOUSE = re.compile(
    rf"\d{{1,3}}(?:[A-Za-z]| [A-Z])?(?![\w])(?!\.? ?(?:{_MONTHS}))"
    r"(?:,? ?(?:st|kl|\d{1,2})\.? ?(?:th|tv|mf|sal)\b\.?|,? ?(?:st|\d{1,2})\.? ?sal\b"
    r"|,? \d{1,2}(?:st|nd|rd|th) floor\b)?"
)
_POSTCODE = re.compile(r",? ?\d{4} [A-ZÆØÅ]")
_WORD = re.compile(r"\S+")


def _street_word(word: str, before: str) -> bool:
    """A word that ends like a street name: more than the ending; or the ending alone, capitalised ("Vej" in
    "Peter Bangs Vej") or after a genitive or a word that begins street names ("ole rømers vej")."""
    bare = word.rstrip(",.").lower()
    if not bare.isalpha():
        return False
    capital = word[:1].isupper()
    endings = STREET_ENDINGS + CAPITALISED_STREET_ENDINGS if capital else STREET_ENDINGS
    named = capital or before.endswith("s") or before in STREET_WORDS
    return any(bare.endswith(ending) and (len(bare) > len(ending) or named) for ending in endings)


def _street_start(words: list[re.Match[str]], index: int) -> int:
    """The first word of a street name that ends with words[index]: where the street type stands alone, the name
    before it (capitalised words, "Peter Bangs Vej"; or a genitive and the word before it, "ole rømers vej"); and
    words that begin street names ("Gammel Kongevej", "Ny Østergade")."""

    def alpha(i: int) -> bool:
        return i >= 0 and words[i].group(0).isalpha()

    def capital(i: int) -> bool:
        return words[i].group(0)[:1].isupper()

    start = index
    alone = words[index].group(0).lower() in STREET_ENDINGS + CAPITALISED_STREET_ENDINGS
    if alone and alpha(index - 1) and (capital(index - 1) or words[index - 1].group(0).lower().endswith("s")):
        start = index - 1
        if alpha(index - 2) and (capital(index - 2) or not capital(index - 1)):
            start = index - 2
    for begin in range(start - 1, max(-1, start - 4), -1):
        if not (words[begin].group(0)[:1].isupper() or words[begin].group(0).lower() in STREET_WORDS):
            break
        if words[begin].group(0).lower() in STREET_WORDS:  # "Gammel Køge Landevej": from the first word on
            start = begin
    return start


def street_addresses(text: str, cued: frozenset[int] = frozenset()) -> Iterator[Found]:
    """Street, house number, letter, floor and side: "Strandvejen 12", "Nørregade 12B, 2. th", "Peter Bangs Vej 24".

    A capitalised word of any shape followed by a house number is a street too where it is cued: where it starts at
    one of the `cued` positions (after "bor på", "adresse"), or where a postcode and town follow the number."""
    words = list(_WORD.finditer(text))
    for index, word in enumerate(words[:-1]):
        house = _HOUSE.match(text, words[index + 1].start())
        shown = word.group(0)
        if not house or word.end() != words[index + 1].start() - 1 or not shown.isalpha():
            continue
        previous = words[index - 1].group(0).lower() if index else ""
        cue = word.start() in cued or (_POSTCODE.match(text, house.end()) is not None and shown[:1].isupper())
        prepositional = previous in STREET_PREPOSITIONS and words[index - 1].group(0)[:1].isupper() and shown.istitle()
        if prepositional:
            yield Found(words[index - 1].start(), house.end())
            continue
        if not (_street_word(shown, previous) or (cue and len(shown) >= 4)):
            continue
        first = _street_start(words, index)
        yield Found(words[first].start(), house.end())


# --- Booking codes ----------------------------------------------------------------------------------------------

_CODE_PIECES = re.compile(r"[A-Za-z0-9]{3}[ -]?[A-Za-z0-9]{3}[ -]?[A-Za-z0-9]{3}(?![A-Za-z0-9])")


def booking_codes(text: str) -> Iterator[Found]:
    """Booking codes however they are typed ("K7M-4QX-P9R", "k7m 4qx p9r", "k23456789"): not personal, always kept."""
    for match in _CODE_PIECES.finditer(text):
        raw = match.group(0).replace(" ", "").replace("-", "").upper()
        alone = match.start() == 0 or not text[match.start() - 1].isalnum()
        if alone and len(raw) == LENGTH and all(c in ALPHABET for c in raw) and any(c.isdigit() for c in raw):
            yield Found(match.start(), match.end())
