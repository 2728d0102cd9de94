"""The line reader's cheap screens say what the whole look at a row says: a figures-only row is
found token by token, a row of column totals from its closing figures first, then all of them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from billma_core.models import QuoteLine, Unit
from billma_core.reading.lines import _column_totals, _tail_only


@pytest.mark.parametrize(
    ("row", "figures_only"),
    [
        ("   12,5   m²   28,00   350,00", True),
        ("A12   3   u   5,00   15,00", True),  # an item code opening the row is no word
        ("28,00 €   TVA 10 %", True),  # a tax mark labelling the rate after it
        ("1.1   Peinture   12   m²", False),
        ("12   TVA", False),  # a tax mark labelling nothing
        ("28,00 €   TVA   TVA 10 %", False),
        ("   -   ", False),  # no figure
        # A size printed last ends a wording printed after the figures, the row's own.
        ("   114,00   Forfait   1   64,98   49,02   2 2.5 par 1.20 m", False),
        ("   1,20 x 2,15 m", True),  # a size alone: a take-off's figures
        ("   2 h par 45,00 €   90,00", True),  # a price's « par » ends on its currency
    ],
)
def test_a_figures_only_row(row: str, figures_only: bool) -> None:
    assert _tail_only(row) is figures_only


def _line(quantity: int, total: str) -> QuoteLine:
    return QuoteLine(
        designation="Peinture",
        quantity=Decimal(quantity),
        unit=Unit.M2,
        unit_price_ht=Decimal("20.00"),
        total_ht=Decimal(total),
        tva_rate=Decimal("10"),
    )


@pytest.mark.parametrize(
    ("row", "totals"),
    [
        ("TOTAUX      30      600,00      60,00      660,00", True),  # quantities, HT, VAT, TTC
        ("Total des 30 postes     600,00   660,00", True),
        ("Total des 12 postes     600,00   660,00", False),  # its closing figures are sums, not the 12
        ("Peinture plafond   30   20,00   600,00", False),
        ("Sous-total   600,00", False),  # one column
    ],
)
def test_a_row_of_column_totals(row: str, totals: bool) -> None:
    assert _column_totals(row, [_line(10, "200.00"), _line(20, "400.00")]) is totals
