"""A priced line written as prose, wrapped at any width, with stray rows among or after its parts:
the reader searches the arrangements of its rows and keeps the one whose arithmetic closes
(``prose._rearranged``); ``prose_layouts.py`` draws the class at random."""

from __future__ import annotations

from decimal import Decimal

import pytest
from prose_layouts import build_prose, misreadings

from billma_core.models import Unit
from billma_core.reading import read_document
from billma_core.reading.lines import Row
from billma_core.reading.prose import read_prose
from tests.quick import first_quick


def _lines(texts: list[str], stated_ht: str | None = None) -> list[tuple[str, Decimal, Unit | None, Decimal, Decimal]]:
    rows = [Row(text, 0) for text in texts]
    reading = read_prose(rows, Decimal(stated_ht) if stated_ht else None)
    return [(x.designation, x.quantity, x.unit, x.unit_price_ht, x.total_ht) for x in reading.lines]


def test_an_amount_wrapped_past_a_stray_row_closes_its_line() -> None:
    assert _lines(["- Ponçage du parquet du salon : 18,40 m² x 21 € =", "Lu", "386,40 €"]) == [
        ("Ponçage du parquet du salon", Decimal("18.40"), Unit.M2, Decimal("21.00"), Decimal("386.40"))
    ]


def test_a_page_mark_between_a_quantity_and_its_unit_is_left_out() -> None:
    rows = ["2. 412,80 € : reprise des enduits de la cage", "d'escalier, 9,60", "Page 2", "m² à 43,00 €"]
    assert _lines(rows) == [
        ("Reprise des enduits de la cage d'escalier", Decimal("9.60"), Unit.M2, Decimal("43.00"), Decimal("412.80"))
    ]


def test_a_wording_alone_takes_the_lump_sum_on_its_next_row() -> None:
    rows = ["Évacuation des gravats en déchetterie :", "210,00 € HT (forfait)", "Total HT : 210,00 €"]
    assert _lines(rows) == [
        ("Évacuation des gravats en déchetterie", Decimal(1), Unit.FORFAIT, Decimal("210.00"), Decimal("210.00"))
    ]


def test_a_line_that_closes_alone_is_never_joined_to_the_next() -> None:
    rows = ["Dépose de la moquette : 12 m² x 8 € = 96 €", "Pose de lino : 12 m² x 25 € = 300 €"]
    assert [line[4] for line in _lines(rows)] == [Decimal("96.00"), Decimal("300.00")]


def test_the_time_under_a_line_is_no_part_of_it() -> None:
    rows = ["Remplacement du mitigeur de l'évier : 164,00 € HT (forfait)", "09:41", "Total HT : 164,00 €"]
    assert _lines(rows) == [
        ("Remplacement du mitigeur de l'évier", Decimal(1), Unit.FORFAIT, Decimal("164.00"), Decimal("164.00"))
    ]


# Drawn seeds the reader gets wrong, each with its reason (strict: a seed that starts passing says so).
LEFT: dict[int, str] = {}


@pytest.mark.parametrize(
    "seed",
    first_quick(
        [
            pytest.param(seed, marks=[pytest.mark.xfail(reason=LEFT[seed], strict=True)] if seed in LEFT else [])
            for seed in range(1, 13)
        ],
        4,
    ),
)
def test_drawn_prose_quotes_read_whole(seed: int) -> None:
    prose = build_prose(seed)
    assert misreadings(prose, read_document(prose.pdf)) == []
