"""Where and when each municipality's anonymous clarifying conversation can be held (knowledge/booking.yml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from knowledge.files import BookingFile, BookingPlace, read_file

BOOKING_FILE = Path(__file__).with_name("booking.yml")


@lru_cache(maxsize=4)
def load_booking_places(path: Path = BOOKING_FILE) -> dict[str, BookingPlace]:
    """Raises KnowledgeError listing every schema problem."""
    entry: BookingFile = read_file(BookingFile, path)
    return {str(municipality): place for municipality, place in entry.__root__.items()}
