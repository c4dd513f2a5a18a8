"""The privacy gateway's filter: every personal detail in a chat message (a name, a CPR number, a phone number, an
e-mail or street address) is replaced by the contract's token before Rasa, Redis or a log sees it. The details are
found by danish/personal.py, on the service's Danish pipeline (its NER for names); what the municipalities publish
themselves, and the names of places, centres and bodies, are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from contract.constants import PERSONAL_DATA_TOKENS, RemovedKind
from danish.lemmas import is_danish_word
from danish.names import first_names, surnames
from danish.patterns import digits, email_addresses, fold, phone_numbers, street_addresses
from danish.personal import NameFinder, Public, personal_details, street_key
from knowledge.base import KnowledgeBase
from knowledge.places import Places

if TYPE_CHECKING:  # spaCy must wait until TensorFlow is blocked (service.nlp)
    from spacy.language import Language

_CAPITALISED = re.compile(r"\b[A-ZÆØÅ][\wæøåÆØÅ-]+")


@dataclass(frozen=True)
class Redaction:
    text: str
    # The kinds removed, in the contract's order.
    removed: list[RemovedKind]


def public_details(kb: KnowledgeBase, places: Places) -> Public:
    """What the standards and the facts written from them publish (phones, e-mails, street addresses), which users
    repeat, and the words that are never a person's name here: every place; every capitalised word of the standards
    that is no name; every acronym of the standards ("FKRC", "NADA")."""
    texts = [standard.text for standard in kb.standards.values()]
    texts += [fact.answer for fact in [*kb.all_facts(), *kb.national.values()]]
    texts += [source.quote or "" for fact in kb.national.values() for source in fact.sources]
    names = first_names() | surnames()
    capitalised = {word for text in texts for word in _CAPITALISED.findall(text)}
    # A place of several words adds its first word only: "Jyderup Skov" makes no "skov" a non-name.
    place_words = {fold(place.split()[0]) for place in places.names()}
    addresses = [found.of(text) for text in texts for found in street_addresses(text)]
    return Public(
        phones=frozenset(digits(found.of(text))[-8:] for text in texts for found in phone_numbers(text)),
        emails=frozenset(fold(found.of(text)) for text in texts for found in email_addresses(text)),
        addresses=frozenset(street_key(address) for address in addresses),
        words=frozenset(
            place_words
            | {fold(word) for word in capitalised if word.lower() not in names or (word.isupper() and len(word) > 1)}
        ),
        places=frozenset(fold(place.split()[0]) for place in places.names()),
        streets=tuple(sorted({re.sub(r"\s*\d.*", "", address) for address in addresses})),
    )


class Redactor:
    def __init__(self, nlp: Language, public: Public) -> None:
        self._nlp = nlp
        self._public = public
        self._names = NameFinder(public, frozenset(nlp.Defaults.stop_words), is_danish_word(nlp))

    def redact(self, text: str) -> Redaction:
        """The text with every personal detail replaced by its token ("<NAVN>", "<CPR>", ...)."""
        details = personal_details(text, self._nlp(text), self._public, self._names)
        pieces, position = [], 0
        for detail in details:
            pieces += [text[position : detail.start], PERSONAL_DATA_TOKENS[detail.kind]]
            position = detail.end
        pieces.append(text[position:])
        kinds = {detail.kind for detail in details}
        return Redaction("".join(pieces), [kind for kind in PERSONAL_DATA_TOKENS if kind in kinds])
