"""Where people say they live (knowledge/places.yml): each covered municipality's postcodes, towns, villages and
spellings, and the other municipalities of Denmark."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from danish.places import typed_spellings
from knowledge.files import PlacesFile, read_file

PLACES_FILE = Path(__file__).with_name("places.yml")
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Places:
    # Municipality id -> every name of it and its places: postcodes, postal towns, towns, villages, spellings,
    # centres.
    covered: dict[str, tuple[str, ...]]
    # The other municipalities of Denmark, and towns in them that people name instead.
    other_municipalities: tuple[str, ...]
    # Municipality id -> its centres alone (also in `covered`).
    centres: dict[str, tuple[str, ...]]

    def names(self) -> frozenset[str]:
        """Every place name, covered or not."""
        return frozenset(name for names in self.covered.values() for name in names) | set(self.other_municipalities)


@lru_cache(maxsize=4)
def load_places(path: Path = PLACES_FILE) -> Places:
    """Raises KnowledgeError listing every schema problem."""
    entry: PlacesFile = read_file(PlacesFile, path)
    covered = {
        str(m): (*places.postcodes, *places.postcodes.values(), *places.towns, *places.spellings, *places.centres)
        for m, places in entry.covered.items()
    }
    centres = {str(m): tuple(places.centres) for m, places in entry.covered.items()}
    return Places(covered, (*entry.other_municipalities, *entry.other_towns), centres)


# The block of data/nlu/kommune.yml that `python -m knowledge.places` writes.
NLU_FILE = ROOT / "data" / "nlu" / "kommune.yml"
NLU_BEGIN = "  # --- Written by `python -m knowledge.places` from knowledge/places.yml: edit that file, not this block."
NLU_END = "  # --- End of the block written from knowledge/places.yml."
OTHER = "other"


def nlu_lookups(places: Places, names: dict[str, str]) -> str:
    """The lookup tables of each covered municipality: `centre_<id>` (its name and its centres: places wherever
    they are said) and `place_<id>` (its towns, postcodes and spellings: a town that is also a Danish word is a
    place only where said as one), and `place_other`; every name also as typed without æ/ø/å, longest first (Rasa
    joins a table into one regex and takes the first alternative that matches)."""
    tables: dict[str, tuple[str, ...]] = {}
    for m, found in places.covered.items():
        tables[f"centre_{m}"] = (names[m], *places.centres[m])
        tables[f"place_{m}"] = tuple(name for name in found if name not in places.centres[m])
    tables[f"place_{OTHER}"] = places.other_municipalities
    lines = [
        NLU_BEGIN,
        "  # The names of the places of each municipality Vejviser covers, and of the other municipalities: features",
        "  # for the intents, and the names bot.components.PlaceEntityExtractor finds (typos forgiven there).",
    ]
    for table, found in tables.items():
        variants = {variant for name in found for variant in {name, *typed_spellings(name)}}
        lines += [f"  - lookup: {table}", "    examples: |"]
        lines += [f"      - {name}" for name in sorted(variants, key=lambda name: (-len(name), name.lower(), name))]
        lines.append("")
    return "\n".join([*lines[:-1], NLU_END])


def write_nlu_lookups(path: Path = NLU_FILE) -> None:
    from knowledge.load import knowledge_base

    names = {m: standard.name for m, standard in knowledge_base().standards.items()}
    text = path.read_text(encoding="utf-8")
    before, _, rest = text.partition(NLU_BEGIN)
    _, _, after = rest.partition(NLU_END)
    path.write_text(before + nlu_lookups(load_places(), names) + after, encoding="utf-8")


if __name__ == "__main__":
    write_nlu_lookups()
