"""The privacy gateway: personal data in a chat message is replaced by a token before Rasa, Redis or a log sees it.

Presidio runs the recognizers: Danish CPR numbers, phone numbers, e-mail addresses, street addresses, and names
(spaCy NER when `da_core_news_sm` is installed; "jeg hedder ...", "mit navn er ..." always). The municipalities'
own public phone numbers, e-mail addresses and street addresses, which people repeat, are kept.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from contract.constants import PERSONAL_DATA_TOKENS, RemovedKind
from knowledge.base import KnowledgeBase
from knowledge.text import emails, phones, street_addresses

if TYPE_CHECKING:  # Presidio imports spaCy, which must wait until TensorFlow is blocked (service.nlp)
    from presidio_analyzer import AnalyzerEngine
    from presidio_anonymizer import AnonymizerEngine
    from spacy.language import Language

LANGUAGE = "da"
# The Presidio entity that finds each kind of personal data.
ENTITIES: dict[RemovedKind, str] = {
    "cpr": "DK_CPR",
    "telefon": "DK_PHONE",
    "email": "EMAIL",
    "adresse": "DK_ADDRESS",
    "navn": "PERSON",
}
# Presidio's entity name -> the token that replaces it (the contract's, which the actions recognise), and the kind
# named in the chat response.
TOKENS: dict[str, tuple[str, RemovedKind]] = {
    ENTITIES[kind]: (token, kind) for kind, token in PERSONAL_DATA_TOKENS.items()
}
CPR = r"(?<![\d-])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}-?\d{4}(?![\d-])"
# Eight digits, as people group them, with or without +45; the first digit of a Danish number is 2-9.
PHONE = (
    r"(?<![\d+])(?:(?:\+|00)\s?45[\s-]?)?"
    r"(?:[2-9]\d{7}|[2-9]\d(?:[\s-]\d{2}){3}|[2-9]\d{3}[\s-]\d{4}|[2-9]\d[\s-]\d{3}[\s-]\d{3})(?![\d-])"
)
EMAIL = r"\b[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b"
STREET = (
    r"\b[a-zæøå][a-zæøåé.-]*(?:vej|gade|allé|alle|stræde|straede|plads|vænge|vaenge|torv|sti|bakke|boulevard"
    r"|vang|have|toft|høj|hoej|park|lund)\s+\d{1,3}\s?[a-z]?\b(?:,?\s*\d{1,2}\.?\s*(?:th|tv|mf|sal)\b\.?)?"
)
# The name after "jeg hedder", "min søn hedder", "mit navn er"...: one word, and a second if it is capitalised.
_NAMED_BY = ("jeg", "han", "hun", "søn", "datter", "mand", "kone", "kæreste", "mor", "far", "ven", "veninde")
NAME = (
    "(?:"
    + "|".join(f"(?<=\\b{who} hedder )" for who in _NAMED_BY)
    + "|(?<=\\bmit navn er )|(?<=\\bhans navn er )|(?<=\\bhendes navn er )"
    + ")[a-zæøå]+(?-i:\\s[A-ZÆØÅ][a-zæøå]+)?"
)
# Words after "hedder" that are no name ("jeg hedder ikke noget").
NOT_NAMES = {"ikke", "det", "noget", "bare", "også", "du", "i", "vi", "man"}


@dataclass(frozen=True)
class Redaction:
    text: str
    # The kinds removed, e.g. ["cpr", "telefon"], in the order of TOKENS.
    removed: list[RemovedKind]


@dataclass(frozen=True)
class PublicDetails:
    """What the standards publish, which a user may repeat: never redacted."""

    phones: frozenset[str]
    emails: frozenset[str]
    addresses: frozenset[str]

    @classmethod
    def of(cls, kb: KnowledgeBase) -> PublicDetails:
        texts = [standard.text for standard in kb.standards.values()]
        texts += [source.quote or "" for fact in kb.national.values() for source in fact.sources]
        texts += [fact.answer for fact in kb.national.values()]
        return cls(
            phones=frozenset(p for text in texts for p in phones(text)),
            emails=frozenset(e for text in texts for e in emails(text)),
            addresses=frozenset(a.lower() for text in texts for a in street_addresses(text)),
        )


def plausible_cpr(text: str) -> bool:
    """DDMMYY with a real date (in a leap year when the year allows one); no modulus-11 check."""
    digits = re.sub(r"\D", "", text)
    day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    try:
        datetime.date(2000 + year if year % 4 == 0 else 2001, month, day)
    except ValueError:
        return False
    return True


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)[-8:]


class Redactor:
    def __init__(self, analyzer: AnalyzerEngine, anonymizer: AnonymizerEngine) -> None:
        self._analyzer = analyzer
        self._anonymizer = anonymizer

    def redact(self, text: str) -> Redaction:
        from presidio_anonymizer.entities import OperatorConfig

        found = self._analyzer.analyze(text, language=LANGUAGE, entities=list(TOKENS))
        if not found:
            return Redaction(text, [])
        operators = {entity: OperatorConfig("replace", {"new_value": token}) for entity, (token, _) in TOKENS.items()}
        result = self._anonymizer.anonymize(text, found, operators)  # type: ignore[arg-type]
        kinds = {item.entity_type for item in result.items}
        return Redaction(result.text, [kind for entity, (_, kind) in TOKENS.items() if entity in kinds])


def build_redactor(nlp: Language, public: PublicDetails, has_ner: bool) -> Redactor:
    """Presidio with the Danish recognizers, running on the service's own spaCy pipeline."""
    from presidio_analyzer import AnalyzerEngine, EntityRecognizer, Pattern, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer
    from presidio_anonymizer import AnonymizerEngine

    class Recognizer(PatternRecognizer):
        """A pattern, and a check that throws out what it should not have matched."""

        def __init__(self, entity: str, pattern: str, invalid: Callable[[str], bool]) -> None:
            super().__init__(entity, patterns=[Pattern(entity, pattern, 0.9)], supported_language=LANGUAGE)
            self._invalid = invalid

        def invalidate_result(self, pattern_text: str) -> bool:
            return self._invalid(re.sub(r"\s+", " ", pattern_text.strip().lower()))

    recognizers: list[EntityRecognizer] = [
        Recognizer("DK_CPR", CPR, lambda text: not plausible_cpr(text)),
        Recognizer("DK_PHONE", PHONE, lambda text: _digits(text) in public.phones),
        Recognizer("EMAIL", EMAIL, lambda text: text in public.emails),
        Recognizer("DK_ADDRESS", STREET, lambda text: text in public.addresses),
        Recognizer("PERSON", NAME, lambda text: text.split()[0] in NOT_NAMES),
    ]
    if has_ner:
        recognizers.append(SpacyRecognizer(supported_language=LANGUAGE, supported_entities=["PERSON"]))
    engine = SpacyNlpEngine(
        models=[{"lang_code": LANGUAGE, "model_name": "vejviser-danish"}],
        ner_model_configuration=NerModelConfiguration(
            model_to_presidio_entity_mapping={"PER": "PERSON"}, labels_to_ignore=["LOC", "ORG", "MISC"]
        ),
    )
    # The pipeline the service has loaded already, not a second load (Presidio types `nlp` as unset until load()).
    engine.nlp = {LANGUAGE: nlp}  # type: ignore[assignment]
    analyzer = AnalyzerEngine(
        registry=RecognizerRegistry(recognizers, supported_languages=[LANGUAGE]),
        nlp_engine=engine,
        supported_languages=[LANGUAGE],
    )
    return Redactor(analyzer, AnonymizerEngine())  # type: ignore[no-untyped-call]
