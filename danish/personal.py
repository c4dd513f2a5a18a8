"""Finding personal details in a Danish chat message: names, CPR numbers, phone numbers, e-mail addresses and
street addresses. What a municipality publishes itself, and what is no one's (places, centres, drugs, ages, years,
booking codes), is kept.

Names come from three places, and the whole name is taken when part of it is found:
- cues in the text: "hedder", "mit navn er", a sign-off ("hilsen", "mvh", "/"), a relation word ("min søn ...",
  "vores datter, der hedder ..."), "det er ...", "... her", "... skriver:";
- the NER of the Danish pipeline (a PER entity);
- the name lists (danish/names.py): a listed first name anywhere; one that is an everyday word too ("per", "bo",
  "hans") only with a cue or a capital letter inside a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from danish.names import first_names, name_words, not_name_phrases, not_names, surnames
from danish.patterns import (
    Found,
    booking_codes,
    cpr_numbers,
    digits,
    email_addresses,
    fold,
    phone_numbers,
    street_addresses,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Kind = Literal["cpr", "telefon", "email", "adresse", "navn"]
# Which kind wins where two overlap: a CPR number holds a phone-like run, an e-mail address a name.
PRIORITY: tuple[Kind, ...] = ("cpr", "email", "telefon", "adresse", "navn")

RELATIONS = frozenset(
    """
    søn sønnen datter datteren dreng drengen pige pigen barn barnet børn bror broren lillebror storebror søster
    søsteren lillesøster storesøster søskende stedsøn steddatter stedfar stedmor papsøn papdatter papfar papmor
    bonussøn bonusdatter bonusbarn bonusfar bonusmor kæreste kæresten ekskæreste eks mand manden kone konen hustru
    ægtefælle partner far faren fader mor moren moder forældre farmor farfar mormor morfar bedstemor bedstefar
    ven vennen veninde veninden kammerat nevø niece barnebarn kollega fætter kusine onkel moster faster tante svoger
    svigerinde svigersøn svigerdatter svigermor svigerfar nabo naboen elev lærer sambo kontaktperson sagsbehandler
    behandler
    """.split()
)
ENGLISH_RELATIONS = frozenset(
    "son daughter brother sister husband wife boyfriend girlfriend friend mother father mom mum dad partner"
    " stepson stepdaughter stepfather stepmother stepbrother stepsister cousin uncle aunt".split()
)
# After these words comes a name: "jeg hedder Mette", "mit navn er ...".
NAMING = frozenset("hedder hedde hed kaldes kaldet".split())
NAME_NOUNS = frozenset("navn navnet fornavn fornavnet efternavn efternavnet name".split())
# "spørg efter Jannik", "jeg har talt med Lotte": a capitalised word after these is a person.
ASKING = {
    "efter": frozenset("spørg spørge spurgte spørger".split()),
    "med": frozenset("tal tale talt talte snak snakke snakket snakkede".split()),
}
# Small words inside a name: "nguyen van minh", "Ahmad bin Salman", "Maria de la Cruz".
PARTICLES = frozenset("van von der den de la le del da di dos du bin ibn al el abu ben".split())
# Labels of a form or a signature, never a name: "Personnummer: ...", "Tlf. ...", "Mail: ...".
LABELS = frozenset(
    "cpr personnummer personnr tlf telefon telefonnr mobil mobilnr nr mail email e-mail adresse navn".split()
)
# Words between a cue and the name: "jeg hedder også Mette", "jeg hedder faktisk bare Mette", "hedder: Mette".
FILLERS = frozenset("også bare altså faktisk egentlig vist jo forresten ellers".split()) | {":", "-", "–"}
SIGN_OFFS = frozenset("hilsen hilsner mvh vh kh knus venlig kærlig mange thanks regards cheers best sincerely".split())
# A dash before the last words signs a message too: "ok det vil jeg tænke over - Rune".
DASHES = frozenset({"-", "–", "—"})
OWNERS = frozenset("min mit mine vores hans hendes deres din dit sin sit".split())
GREETINGS = frozenset("hej hejsa hey hi halløj hallo goddag godmorgen godaften dav".split())
SAINTS = frozenset("sankt skt skt. sct sct.".split())
# In English a word after an article is a noun, not a name: "a lot of", "the will".
ENGLISH_ARTICLES = frozenset({"a", "an", "the"})
# A name that opens a message and is followed by one of these is the writer's: "Kasper her", "Azad skriver:".
SELF_INTRODUCING = frozenset("her skriver spørger igen".split()) | {":"}
# A word: letters, maybe joined by hyphens or apostrophes ("Anne-Marie", "Villads'").
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_STREET_CUE = re.compile(
    r"\b(?:bor|boede|bopæl|adresse|adressen|flytter|flyttet|flyttede)\b(?: \w+){0,2}? (?:på|i|er|til):? "
)
Cue = Literal["strong", "weak", "ner", "list"]
_RANK: dict[Cue, int] = {"strong": 0, "weak": 1, "ner": 2, "list": 3}


@dataclass(frozen=True)
class Detail:
    start: int
    end: int
    kind: Kind


@dataclass(frozen=True)
class Public:
    """What the municipalities publish or what is no one's: kept even where it looks personal."""

    # Phone numbers as 8 digits; e-mail addresses folded (fold()); addresses as street_key().
    phones: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    addresses: frozenset[str] = frozenset()
    # Folded words that are never a person's name here: places, centres, bodies, acronyms of the standards.
    words: frozenset[str] = frozenset()
    # Folded first words of place names: "Haslev 1. april" is no street address.
    places: frozenset[str] = frozenset()
    # Street names of the published addresses ("Peter Bangs Vej"): no word of them is a person's name.
    streets: tuple[str, ...] = ()


def street_key(address: str) -> str:
    """An address as it is compared with the published ones: the street folded, without spaces, and the house
    number ("Sankelmarksvej 10 a" and "sankelmarksvej 10A, 3. sal" are the same; "Præstøvej 41" is not
    "Præstøvej 78")."""
    match = re.match(r"(\D+?)\s*(\d+)", address)
    if match is None:
        return fold(address).replace(" ", "")
    return fold(match.group(1)).replace(" ", "") + match.group(2)


def _relation(word: str) -> bool:
    """A relation word, also in a compound ("klasselærer", "kontaktperson", "ekskone")."""
    return (
        word in RELATIONS
        or word in ENGLISH_RELATIONS
        or any(
            word.endswith(relation) for relation in RELATIONS if len(relation) >= 4 and len(word) > len(relation) + 2
        )
    )


def _spoken_email(text: str) -> str:
    """An e-mail address written out ("rus (at) faxekommune punktum dk") as typed ("rus@faxekommune.dk")."""
    text = re.sub(r"\s*(?:\((?:at|snabel-?a)\)|\[at\]|\bsnabel[- ]?a\b|\bat\b|@)\s*", "@", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*(?:\((?:dot|punktum)\)|\bdot\b|\bpunktum\b)\s*", ".", text, flags=re.IGNORECASE)
    return fold(text.replace(" ", ""))


def _protected(text: str, public: Public) -> list[tuple[int, int]]:
    """Where the text names a published street ("Peter Bangsvej", "peter bangs vej") or another name that is no
    person's ("Kristi Himmelfartsdag"): no person's name there."""
    spans = []
    for street in (*public.streets, *not_name_phrases()):
        letters = [
            "(?:æ|ae)" if char == "æ" else "(?:ø|oe)" if char == "ø" else "(?:å|aa)" if char == "å" else re.escape(char)
            for char in street.lower().replace(" ", "")
        ]
        pattern = r"\s?".join(letters)
        spans += [(match.start(), match.end()) for match in re.finditer(pattern, text, re.IGNORECASE)]
    return spans


# --- Names ------------------------------------------------------------------------------------------------------


def _bare(token: Token) -> str:
    """A word without a leading slash and a genitive ending: "/Morten" and "Mettes" -> "morten", "mette"."""
    word = token.text.lstrip("/").rstrip("’'").lower()
    if word.endswith("s") and word not in first_names() and word[:-1] in first_names():
        return word[:-1]
    return word


def _capitalised(token: Token) -> bool:
    text = token.text.lstrip("/")
    return text[:1].isupper() and (not text.isupper() or len(text) == 1)


# Small English words that are no Danish words ("i", "at", "for", "is", "and" are both).
ENGLISH = frozenset(
    "the an my are am you he she we they it can could in on of with or but not does has was were me your this that"
    " what how where when who will would should from get think know want need please thanks hello there about some"
    " any if just been very much don't i'm it's".split()
)


def _english(doc: Doc) -> bool:
    """A message mostly in English, by its small words."""
    small = sum(1 for token in doc if token.lower_ in ENGLISH)
    return small >= 2 and small >= 0.15 * sum(1 for token in doc if token.is_alpha)


def _starts_sentence(doc: Doc, index: int) -> bool:
    return index == 0 or doc[index - 1].text in {".", "!", "?", ":", "-"} or doc[index - 1].is_space


class NameFinder:
    """Names in a message, by cue, the NER and the name lists. `is_word` says whether a word is a Danish word form
    (the pipeline's lemma table): after a weak cue, such a word is a name only if listed or capitalised."""

    def __init__(self, public: Public, stop_words: frozenset[str], is_word: Callable[[str], bool]) -> None:
        self._public = public
        self._stop = stop_words
        self._is_word = is_word

    def _first_name(self, token: Token) -> bool:
        """A listed first name that is no everyday word too."""
        bare = _bare(token)
        parts = bare.split("-")
        listed = bare in first_names() or (len(parts) > 1 and all(len(p) > 2 and p in first_names() for p in parts))
        return listed and bare not in name_words()

    def _never(self, doc: Doc, index: int, named: bool = False) -> bool:
        """Never a name here: not a word; a relation, cue, label, place, centre, body, medicine or month; a stop word,
        unless it is a capitalised listed name inside a sentence or `named` by a strong cue ("Hans, min svigersøn")."""
        token = doc[index]
        bare = _bare(token)
        words = {bare, token.lower_.lstrip("/")}
        if _WORD.fullmatch(token.text.lstrip("/")) is None or len(bare) < 2:
            return True
        never = RELATIONS | NAMING | SIGN_OFFS | GREETINGS | SELF_INTRODUCING | LABELS | ENGLISH_RELATIONS
        if words & never or words & not_names() or {fold(word) for word in words} & self._public.words:
            return True
        if index > 0 and doc[index - 1].lower_ in SAINTS:  # "Sankt Hans", "Skt. Jørgens": a day or a place
            return True
        if index > 0 and doc[index - 1].lower_ in ENGLISH_ARTICLES and _english(doc):
            return True
        capitalised_name = _capitalised(token) and bare in first_names()
        exempt = capitalised_name and (named or not _starts_sentence(doc, index))
        return bool(words & self._stop) and not exempt

    def _name(self, doc: Doc, index: int, cue: Cue) -> bool:
        token = doc[index]
        if self._never(doc, index, named=cue == "strong"):
            return False
        bare = _bare(token)
        capital = _capitalised(token)
        inside = capital and not _starts_sentence(doc, index)
        # English words are unknown to the Danish lemmas: in English, unknown says nothing ("our daughter smokes").
        unknown = not self._is_word(bare) and not _english(doc)
        listed = bare in first_names() or bare in surnames()
        if cue == "strong":  # "hedder", "mit navn er", a sign-off at the end
            return listed or capital or unknown
        if cue == "weak":  # a relation word, "det er", "jeg er", "... her"
            return self._first_name(token) or capital or unknown
        if cue == "ner":  # the NER (trained on Danish), with the form of a name
            return not _english(doc) and (self._first_name(token) or inside or (capital and unknown))
        # On the lists alone: a first name, or one that is an everyday word too, capitalised inside a sentence; in an
        # English message a capital says nothing ("my Danish is bad").
        if _english(doc):
            return self._first_name(token) and not capital
        return self._first_name(token) or (inside and bare in first_names())

    def _part_of_name(self, doc: Doc, index: int) -> bool:
        token = doc[index]
        bare = _bare(token)
        if token.lower_ in PARTICLES and index + 1 < len(doc) and doc[index].whitespace_:
            return self._part_of_name(doc, index + 1)  # "van" in "nguyen van minh", if a name part follows
        unknown = not self._is_word(bare) and not _english(doc)  # "Artem who": English is unknown to the lemmas
        return not self._never(doc, index) and (
            bare in first_names() or bare in surnames() or _capitalised(token) or unknown
        )

    def _whole(self, doc: Doc, index: int) -> tuple[int, int]:
        """The whole name around a found part: names and capitalised words after it ("lone sørensen", "Mette Louise
        Hansen"), capitalised first names before it."""
        start = end = index
        while end + 1 < len(doc) and doc[end].whitespace_ and self._part_of_name(doc, end + 1):
            end += 1
        while start > 0 and doc[start - 1].whitespace_ and _capitalised(doc[start - 1]):
            before = doc[start - 1]
            if self._never(doc, start - 1) or not (self._first_name(before) or not self._is_word(_bare(before))):
                break
            start -= 1
        return start, end

    def _cued(self, doc: Doc) -> Iterator[tuple[int, Cue]]:
        """Tokens that cues point to as a name."""
        lower = [token.lower_ for token in doc]
        count = len(doc)

        def past_fillers(position: int) -> int:
            while position < count and lower[position] in FILLERS:
                position += 1
            return position

        for i, word in enumerate(lower):
            after = past_fillers(i + 1)
            if word in NAMING and i + 1 < count and lower[i + 1] in ("jeg", "han", "hun") and i > 0:
                yield i - 1, "strong"  # "Ömer Yılmaz hedder jeg"
            if after >= count:
                continue
            if word in NAMING:
                yield after, "strong"
            elif word in NAME_NOUNS and lower[after] in ("er", ":", "is"):
                yield past_fillers(after + 1), "strong"
            elif word in SIGN_OFFS or (word in DASHES and i > 0):
                yield from ((index, "strong") for index in self._signed(doc, after))
            elif _relation(word):
                # "min søn Bjørn", "en dreng på 20, Karl-Emil": after a possessive, a listed name even if it is an
                # everyday word too; a bare relation word is a weaker cue.
                named = after
                if named + 1 < count and lower[named] == "på" and doc[named + 1].like_num:
                    named += 2
                named += named < count and lower[named] == ","
                owned = i > 0 and lower[i - 1] in OWNERS | {"my", "our"}
                yield named, "strong" if owned else "weak"
            elif (word in ASKING and i > 0 and lower[i - 1] in ASKING[word]) or (
                word == "er" and i > 0 and lower[i - 1] in ("det", "jeg")
            ):
                yield after, "weak"
            elif (
                word == "er"
                and i > 0
                and after + 1 < count
                and lower[after] in OWNERS
                and lower[after + 1] in RELATIONS
            ):
                yield i - 1, "weak"  # "Sofus er min lillebror"
        for i in range(len(lower) - 2):
            # "Rune og jeg", "kim og jeg" opening a sentence: the other one is a person; "Hans, min svigersøn, ...":
            # so is he.
            if lower[i + 1] == "og" and lower[i + 2] in ("jeg", "mig") and _starts_sentence(doc, i):
                yield i, "strong"
            if lower[i + 1] == "," and lower[i + 2] in OWNERS and i + 3 < count and _relation(lower[i + 3]):
                yield i, "strong"
            if lower[i] == "det" and lower[i + 1] == "er" and i + 3 < count and lower[i + 3] == "her":
                yield i + 2, "strong"  # "det er bjørn her"
        # The writer's name first: "Kasper her", "hej, det er Lone her", "Azad skriver:".
        for i in range(1, count):
            opening = i == 1 or (i == 2 and lower[0] in GREETINGS) or (i > 1 and doc[i - 2].is_punct)
            if lower[i] in SELF_INTRODUCING and opening:
                yield i - 1, "weak"
        # "... /Morten" signs off; a message that is only "/word" is a button's payload ("/affirm"), no name.
        if count > 1 and ((doc[-1].text.startswith("/") and len(doc[-1].text) > 1) or lower[-2] == "/"):
            yield count - 1, "strong"

    @staticmethod
    def _signed(doc: Doc, after: int) -> Iterator[int]:
        """The names after a sign-off ("mvh. Bjørn og Åse Lindholm", "- Rune"): what follows it to the end of the
        message, if that is at most a few words joined by "og", "&" or commas."""
        lower = [token.lower_ for token in doc]
        while after < len(doc) and lower[after] in ("hilsen", "hilsner", ",", ".", "fra"):
            after += 1
        rest = range(after, len(doc))
        words = [i for i in rest if lower[i] not in ("og", "&", ",", ".", "!")]
        if 0 < len(words) <= 4 and all(_WORD.fullmatch(doc[i].text.lstrip("/")) for i in words):
            yield from words

    def find(self, doc: Doc, protected: list[tuple[int, int]]) -> Iterator[Detail]:
        """Names, whole; none inside a protected span (a published street's name)."""
        best: dict[int, Cue] = {}

        def offer(index: int, cue: Cue) -> None:
            if index < len(doc) and (index not in best or _RANK[cue] < _RANK[best[index]]):
                best[index] = cue

        for index, cue in self._cued(doc):
            offer(index, cue)
        for entity in doc.ents:
            if entity.label_ == "PER":
                for index in range(entity.start, entity.end):
                    offer(index, "ner")
        for index, token in enumerate(doc):
            if _bare(token) in first_names():
                offer(index, "list")
        shielded = {token.i for token in doc if any(start <= token.idx < end for start, end in protected)}
        taken: set[int] = set()
        names: list[tuple[int, int]] = []
        for index in sorted(best):
            if index in taken or index in shielded or not self._name(doc, index, best[index]):
                continue
            start, end = self._whole(doc, index)
            while end > start and end in shielded:
                end -= 1
            taken.update(range(start, end + 1))
            names.append((start, end))
        # A name found once is a name wherever else it stands: "Min ven Bo bor i Faxe. Bo kan ikke selv skrive."
        found = {_bare(doc[i]) for start, end in names for i in range(start, end + 1) if len(_bare(doc[i])) > 1}
        for token in doc:
            bare = _bare(token)
            again = token.i not in taken and token.i not in shielded and bare in found
            if again and (_capitalised(token) or (bare not in name_words() and not self._is_word(bare))):
                taken.add(token.i)
                names.append((token.i, token.i))
        for start, end in sorted(names):
            first, last = doc[start], doc[end]
            yield Detail(first.idx + (1 if first.text.startswith("/") else 0), last.idx + len(last.text), "navn")


# --- Everything together ----------------------------------------------------------------------------------------


def _of_kind(found: Iterable[Found], kind: Kind) -> Iterator[Detail]:
    return (Detail(f.start, f.end, kind) for f in found)


def _public(detail: Detail, text: str, public: Public) -> bool:
    shown = text[detail.start : detail.end]
    if detail.kind == "telefon":
        return digits(shown)[-8:] in public.phones
    if detail.kind == "email":
        return _spoken_email(shown) in public.emails
    if detail.kind == "adresse":
        return street_key(shown) in public.addresses or fold(shown.split()[0]) in public.places
    return False


def personal_details(text: str, doc: Doc, public: Public, names: NameFinder) -> list[Detail]:
    """Every personal detail in the text, not overlapping, in order; what is public or a booking code is kept."""
    codes = list(booking_codes(text))
    cued = frozenset(match.end() for match in _STREET_CUE.finditer(text.lower()))
    found = [
        *_of_kind(cpr_numbers(text), "cpr"),
        *_of_kind(email_addresses(text), "email"),
        *_of_kind(phone_numbers(text), "telefon"),
        *_of_kind(street_addresses(text, cued), "adresse"),
        *names.find(doc, _protected(text, public)),
    ]
    chosen: list[Detail] = []
    for detail in sorted(found, key=lambda d: (PRIORITY.index(d.kind), d.start)):
        in_code = any(code.start <= detail.start and detail.end <= code.end for code in codes)
        if in_code or _public(detail, text, public):
            continue
        if all(detail.end <= other.start or other.end <= detail.start for other in chosen):
            chosen.append(detail)
    return sorted(chosen, key=lambda d: d.start)
