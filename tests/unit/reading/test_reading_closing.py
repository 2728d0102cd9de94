"""Figures that close quantity × price = amount by chance (``closing_layouts.py``): a room's heading
carrying its take-off is no priced line and no line's wording; ``bench/bench_reader_fuzz.py
--closing`` runs hundreds of seeds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from closing_layouts import build_closing, misreadings

from billma_core.reading import read_document
from billma_core.reading.lines import figures_anywhere, price_row
from tests.quick import first_quick

HEADINGS = [
    "SALLE DE BAIN – 5,76 × 3,57 × h 2,60 m – sol 20,56 m²",
    "CUISINE (2,53 x 4,17 = 10,55 m²)",
    "Séjour   2,95 x 1,92   5,66 m²",
    "DÉGAGEMENT - L 4,14 l 1,62 - surface 6,71 m2",
    "Chambre 2 : 4,20 m x 3,10 m, soit 13,02 m²",
]


@pytest.mark.parametrize("row", HEADINGS)
@pytest.mark.parametrize("strict", [True, False])
def test_a_room_heading_carrying_its_takeoff_is_no_priced_line(row: str, strict: bool) -> None:
    """Length × width makes the surface as quantity × price makes an amount, but a surface in its
    cell (« 20,56 m² ») is no sum of money."""
    priced = price_row(row, None, strict=strict)
    assert priced is None or not priced.consistent, priced
    assert figures_anywhere(row, None, strict) is None


def test_a_priced_row_ending_on_its_quantity_is_still_read() -> None:
    """A table printing the quantity last with its unit: the surface is the quantity, read."""
    priced = price_row("Peinture des murs   12,00   240,00   20,00 m²", None, strict=False)
    assert priced is not None and (priced.quantity, priced.unit_price, priced.total) == (20, 12, 240)


# 4: room headings with their dimensions across the table (a perimeter × height, length × width =
# surface), read before as a line or joined to a line's wording. 3, 28, 33, 47: a heading whose
# dimensions multiply out (« CUISINE (2,53 x 4,17 = 10,55 m²) », « WC – périmètre 14.90 ml × h 2.60
# m ») reads as a line too; it stands in a block of its own and the total leaves it out (r46).
@pytest.mark.parametrize("seed", first_quick([4, 3, 28, 33, 47], 2))
def test_a_table_under_room_headings_with_dimensions_is_read_whole(seed: int) -> None:
    closing = build_closing(seed)
    reading = read_document(closing.pdf)
    assert misreadings(closing, reading) == [], closing.names()
    assert reading.quote is not None
    headings = {word for text in closing.table.headings.values() for word in text.split() if len(word) > 3}
    for line in reading.quote.lines:
        assert not headings & set(line.designation.split()), line.designation


# A unit price derived by the two figures before it; the amount in a sheet's general format.
DERIVED = [
    # base × coefficient = unit price, the amount without its cents' last zero
    ("Ponçage et impression des boiseries   m²   12,4   22,18   1,2   26,62   330,1", (12.4, 26.62, 330.1)),
    # … the unit price printed without cents: it stands on its amount, exact to the cent
    ("Dépose de la moquette collée   m²   17,4   36,36   1,1   40   696", (17.4, 40, 696)),
    # … a coefficient of 1: the base equals the unit price
    ("Lessivage des plafonds   m²   6,5   9,72   1   9,72   63,18", (6.5, 9.72, 63.18)),
    # a pack's price over its count = unit price
    ("Chevilles à frapper   u   40   45,60   12   3,80   152,00", (40, 3.8, 152)),
]


@pytest.mark.parametrize(("row", "expected"), DERIVED)
def test_a_unit_price_derived_by_the_figures_before_it_leaves_the_line_its_amount(
    row: str, expected: tuple[float, float, float]
) -> None:
    """Base × coefficient (or a pack over its count) closes as quantity × price too: the line is
    the reading that explains every figure, its amount the row's last."""
    priced = price_row(row, None, strict=False)
    assert priced is not None
    assert (priced.quantity, priced.unit_price, priced.total) == tuple(Decimal(str(v)) for v in expected)


# 14: base × coefficient columns, no header; 18: a pack's price and count, the general format.
@pytest.mark.parametrize("seed", [14, 18])
def test_a_table_of_derived_unit_prices_is_read_whole(seed: int) -> None:
    closing = build_closing(seed)
    assert closing.kind == "derived"
    assert misreadings(closing, read_document(closing.pdf)) == [], closing.names()
