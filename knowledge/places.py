"""Where people say they live (knowledge/places.yml): each covered municipality's postcodes, towns, villages and
spellings, and the other municipalities of Denmark."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.files import PlacesFile, read_file

PLACES_FILE = Path(__file__).with_name("places.yml")


@dataclass(frozen=True)
class Places:
    # Municipality id -> every name of it and its places: postcodes, postal towns, towns, villages, spellings.
    covered: dict[str, tuple[str, ...]]
    other_municipalities: tuple[str, ...]

    def names(self) -> frozenset[str]:
        """Every place name, covered or not."""
        return frozenset(name for names in self.covered.values() for name in names) | set(self.other_municipalities)


@lru_cache(maxsize=4)
def load_places(path: Path = PLACES_FILE) -> Places:
    """Raises KnowledgeError listing every schema problem."""
    entry: PlacesFile = read_file(PlacesFile, path)
    covered = {
        str(m): (*places.postcodes, *places.postcodes.values(), *places.towns, *places.spellings)
        for m, places in entry.covered.items()
    }
    return Places(covered, tuple(entry.other_municipalities))
