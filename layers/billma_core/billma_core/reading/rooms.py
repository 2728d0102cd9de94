"""Rooms named on quotes ("Salle de bain", "Chambre 2"...), in one display form."""

from __future__ import annotations

import re
from functools import lru_cache

from billma_core.reading.numbers import cleared_with_rows
from billma_core.reading.vocabulary import vocabulary


@lru_cache(maxsize=8192)
def rooms_in(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, display name) of every room named in the text (the line passes ask it of a
    row's wording several times: found once)."""
    pattern, names = vocabulary().rooms, vocabulary().room_names
    found: list[tuple[int, int, str]] = []
    for match in pattern.finditer(text):
        # The room's group encloses its qualifier's: it is the last group to close.
        index = int(str(match.lastgroup)[1:])
        name, numbered = names[index]
        extra = (match.group(f"q{index}") or "").strip() if numbered else ""
        if extra:
            number = re.search(r"\d{1,2}", extra)
            name = f"{name} {number.group() if number else extra.lower()}"
        found.append((match.start(), match.end(), name))
    return tuple(found)


cleared_with_rows(rooms_in.cache_clear)


def last_room(text: str) -> str | None:
    found = rooms_in(text)
    return found[-1][2] if found else None


def is_room_label(text: str) -> bool:
    """The whole text names a room (with at most punctuation and an index around it)."""
    found = rooms_in(text)
    if len(found) != 1:
        return False
    start, end, _ = found[0]
    rest = (text[:start] + text[end:]).strip(" :-–—.()0123456789")
    return rest == ""
