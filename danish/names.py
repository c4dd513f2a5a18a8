"""Names of people as they turn up in Danish chat: first names and surnames (Danish, Nordic, and those of the larger
groups of people from other countries living in Denmark), and the names that are everyday Danish words too.

The lists are committed (danish/data/first_names.txt, surnames.txt); `python -m danish.names` makes them again from
Faker's person providers and danish/data/extra_names.yml (Faker is needed only for that).
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
FIRST_NAMES = DATA / "first_names.txt"
SURNAMES = DATA / "surnames.txt"
EXTRA = DATA / "extra_names.yml"
# Faker's locales for the names of people living in Denmark, in Latin letters: Danish and Nordic, and the larger
# groups from other countries (Poland, Turkey, Romania, the Balkans, Germany, Pakistan and the Arab world, East
# Africa, Lithuania, ...).
FAKER_LOCALES = (
    "da_DK", "sv_SE", "no_NO", "fi_FI", "is_IS", "de_DE", "nl_NL", "pl_PL", "lt_LT", "tr_TR", "ro_RO", "hr_HR",
    "en_PK", "fr_DZ", "sw", "es_ES", "it_IT", "fr_FR", "en_GB", "en_US",
)  # fmt: skip
# A name is letters (any Latin script, with accents), maybe hyphenated or with an apostrophe.
_NAME = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ]+(?:[-'][A-Za-zÀ-ÖØ-öø-ɏ]+)*")
NAME_WORDS_FILE = DATA / "name_words.txt"
NOT_NAMES_FILE = DATA / "not_names.txt"


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and line[0] != "#"]


def _read(path: Path) -> frozenset[str]:
    return frozenset(line.lower() for line in _lines(path))


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Names that are also everyday Danish words: a name only with a cue or a capital letter."""
    return frozenset(word for line in _lines(NAME_WORDS_FILE) for word in line.split())


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Words that look like names but never are one here: groups, programmes, medicines (lower case)."""
    return frozenset(line.lower() for line in _lines(NOT_NAMES_FILE) if " " not in line)


@lru_cache(maxsize=1)
def not_name_phrases() -> tuple[str, ...]:
    """Names of several words that are no person's ("Kristi Himmelfartsdag", "Blå Kors"), though a word of them may
    be a person's name elsewhere."""
    return tuple(line for line in _lines(NOT_NAMES_FILE) if " " in line)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Every first name, in lower case."""
    return _read(FIRST_NAMES)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Every surname, in lower case."""
    return _read(SURNAMES)


def _faker_names(attributes: tuple[str, ...]) -> set[str]:
    found: set[str] = set()
    for locale in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in attributes:
            names = getattr(provider, attribute, None) or ()
            found.update(name for name in names if _NAME.fullmatch(name) and len(name) > 2)
    return found


def generated() -> tuple[list[str], list[str]]:
    """First names and surnames from Faker and extra_names.yml, sorted."""
    extra = yaml.safe_load(EXTRA.read_text(encoding="utf-8"))
    first = _faker_names(("first_names", "first_names_male", "first_names_female")) | set(extra["first_names"])
    last = _faker_names(("last_names",)) | set(extra["surnames"])
    return sorted(first, key=lambda name: (name.lower(), name)), sorted(last, key=lambda name: (name.lower(), name))


def _header(what: str) -> str:
    import faker

    locales = ", ".join(FAKER_LOCALES)
    return (
        f"# {what}, one per line. Made by `python -m danish.names` from Faker {faker.VERSION}'s person providers\n"
        f"# ({locales}) and danish/data/extra_names.yml. Do not edit: change those and run it again.\n"
    )


def main() -> None:
    first, last = generated()
    FIRST_NAMES.write_text(_header("First names") + "\n".join(first) + "\n", encoding="utf-8")
    SURNAMES.write_text(_header("Surnames") + "\n".join(last) + "\n", encoding="utf-8")
    print(f"{len(first)} first names, {len(last)} surnames.")


if __name__ == "__main__":
    main()
