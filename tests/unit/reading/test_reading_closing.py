"""Figures that close quantity × price = amount by chance (``closing_layouts.py``): a room's heading
carrying its take-off is no priced line and no line's wording; ``bench/bench_reader_fuzz.py
--closing`` runs hundreds of seeds."""

from __future__ import annotations

import pytest
from closing_layouts import build_closing, misreadings

from billma_core.reading import read_document
from billma_core.reading.lines import figures_anywhere, price_row

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
# surface), read before as a line or joined to a line's wording. 3 is left: « CUISINE (2,53 x 4,17
# = 10,55 m²) », its bracket closing on the unit, is still read as a line by another path.
@pytest.mark.parametrize("seed", [4])
def test_a_table_under_room_headings_with_dimensions_is_read_whole(seed: int) -> None:
    closing = build_closing(seed)
    reading = read_document(closing.pdf)
    assert misreadings(closing, reading) == [], closing.names()
    assert reading.quote is not None
    headings = {word for text in closing.table.headings.values() for word in text.split() if len(word) > 3}
    for line in reading.quote.lines:
        assert not headings & set(line.designation.split()), line.designation
