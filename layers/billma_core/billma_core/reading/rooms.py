"""Rooms named on quotes ("Salle de bain", "Chambre 2"...), in one display form."""

from __future__ import annotations

import re

_ROOMS: list[tuple[str, str]] = [
    (r"salles?\s+de\s+bains?|sdb", "Salle de bain"),
    (r"salles?\s+d['’ ]\s*eau", "Salle d'eau"),
    (r"salles?\s+[àa]\s+manger", "Salle à manger"),
    (r"s[ée]jour", "Séjour"),
    (r"salon", "Salon"),
    (r"living", "Living"),
    (r"pi[èe]ce\s+de\s+vie", "Pièce de vie"),
    (r"cuisine", "Cuisine"),
    (r"chambre(?:\s+(?:n°\s*)?\d{1,2}|\s+parentale|\s+d['’]amis)?", "Chambre"),
    (r"entr[ée]e", "Entrée"),
    (r"couloir", "Couloir"),
    (r"d[ée]gagement", "Dégagement"),
    (r"w\.?c\.?|toilettes?", "WC"),
    (r"bureau", "Bureau"),
    (r"buanderie", "Buanderie"),
    (r"cellier", "Cellier"),
    (r"garage", "Garage"),
    (r"grenier|combles", "Combles"),
    (r"palier", "Palier"),
    (r"escaliers?", "Escalier"),
    (r"dressing", "Dressing"),
    (r"v[ée]randa", "Véranda"),
    (r"mezzanine", "Mezzanine"),
    (r"hall", "Hall"),
    (r"d[ée]barras", "Débarras"),
    (r"cave", "Cave"),
]
_PATTERN = re.compile(
    "|".join(f"(?P<r{i}>(?<![\\w-])(?:{p})(?![\\w]))" for i, (p, _) in enumerate(_ROOMS)), re.IGNORECASE
)


def rooms_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, display name) of every room named in the text."""
    found: list[tuple[int, int, str]] = []
    for match in _PATTERN.finditer(text):
        index = int(next(k for k, v in match.groupdict().items() if v is not None)[1:])
        name = _ROOMS[index][1]
        if name == "Chambre":
            number = re.search(r"\d{1,2}", match.group())
            extra = match.group()[len("chambre") :].strip()
            if number:
                name = f"Chambre {number.group()}"
            elif extra:
                name = f"Chambre {extra.lower()}"
        found.append((match.start(), match.end(), name))
    return found


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
