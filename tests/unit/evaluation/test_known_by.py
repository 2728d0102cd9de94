"""A work named by what it leaves, by the acts it is made of, by the role of what it lays or by what
its thing is made of and how it is laid (``BaremeItem.results``, ``acts``, ``roles``, ``make_up``;
session 16, wordings_j36). Wordings written for this test, none from a wording set: each case fails
on the barème and matcher before these names (``git show 211bed3:…``), except the guards, which hold
on both."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pytest

from billma_core.bareme import load_bareme
from billma_core.models import Unit

QUOTE = re.compile(r"«\s*(.+?)\s*»")
WHERE = re.compile(r"https?://|\bid \d+")


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # What the work leaves (``results``).
        ("Appartement rendu propre et libre de tout déchet en fin d'intervention", Unit.FORFAIT, "NET-001"),
        # The acts it is made of (``acts``).
        ("Masticage des trous de chevilles et ponçage des murs", Unit.M2, "PEI-001"),
        ("Meubles poussés vers le mur du fond pour le chantier", Unit.FORFAIT, "INS-004"),
        # The role of what it lays (``roles``).
        ("Couche d'accroche sur les murs jaunis du séjour", Unit.M2, "PEI-002"),
        # What its thing is made of and how it is laid (``make_up``).
        ("Grès émaillé 45x45 en double encollage, couloir", Unit.M2, "CAR-001"),
        ("Grès cérame mural 30x60 en crédence", Unit.M2, "CAR-002"),
        ("Nantaise cuivre remplacée sur 8 m", Unit.ML, "TOI-003"),
        ("Silicone sanitaire du lavabo refait", Unit.ML, "PLO-007"),
        ("Sol du séjour rendu propre et libre de tout déchet", Unit.M2, "NET-002"),
    ],
)
def test_a_work_named_by_its_result_acts_role_or_make_up(
    priced: Callable[[str, Unit], str | None], wording: str, unit: Unit, code: str
) -> None:
    assert priced(wording, unit) == code


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # Guards: the item's own names still name it, and a wall's tiles stay the wall's.
        ("Faïence murale 20x20 collée", Unit.M2, "CAR-002"),
        ("Carrelage grès cérame 45x45 posé au sol", Unit.M2, "CAR-001"),
        ("Peinture des murs prêts à peindre", Unit.M2, "PEI-003"),
        ("Isolant mouillé des combles retiré", Unit.M2, "PLA-012"),
    ],
)
def test_the_items_own_names_still_win(
    priced: Callable[[str, Unit], str | None], wording: str, unit: Unit, code: str
) -> None:
    assert priced(wording, unit) == code


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def test_every_name_by_kind_quotes_its_public_source() -> None:
    """Words are data from outside: each such name is a verbatim part of a wording quoted « … » in
    one of its item's sources, a source that says where it is."""
    items = load_bareme().items
    unsourced = [
        (item.code, name)
        for item in items
        for name in item.known_by
        if not any(
            WHERE.search(source) and f" {_fold(name)} " in f" {_fold(quote)} "
            for source in item.sources
            for quote in QUOTE.findall(source)
        )
    ]
    assert not unsourced
    assert sum(len(item.known_by) for item in items) > 20
