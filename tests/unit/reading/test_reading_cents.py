"""An amount printed as two tokens, its euros then its two cent digits in a cell of their own, no
decimal mark ("1242   17", "1 242   17", "1.242   17"): the money columns of a form ruled "€ | c".
The row's arithmetic says which neighbours are one figure; a totals row without a decimal comma
joins them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from billma_core.reading.lines import amounts, price_row
from billma_core.reading.numbers import row_tokens
from billma_core.reading.totals import find_totals, labels_joined

CENT = Decimal("0.01")
GROUPINGS = ["", " ", "."]
GAPS = [" ", "  ", "   ", "    "]


def euros_cents(value: Decimal, grouping: str, gap: str) -> str:
    whole, cents = f"{value:.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return grouping.join([whole, *groups]) + gap + cents


@given(
    st.decimals(min_value=Decimal("1"), max_value=Decimal("60"), places=2),
    st.decimals(min_value=Decimal("1"), max_value=Decimal("2500"), places=2),
    st.sampled_from(GROUPINGS),
    st.sampled_from(GAPS),
    st.booleans(),
)
# Read half joined, « 3 25  4 13 » closes by chance as 3,25 × 4 = 13 (a row prints its cents alike).
@example(Decimal("1.27"), Decimal("3.25"), "", " ", False)
def test_a_line_priced_in_euros_and_cents_cells_is_read(
    quantity: Decimal, price: Decimal, grouping: str, gap: str, whole: bool
) -> None:
    quantity = quantity.to_integral_value() if whole else quantity
    total = (quantity * price).quantize(CENT, ROUND_HALF_UP)
    shown = f"{quantity.normalize():f}".replace(".", ",")
    row = (
        f"  {shown:>6}   m²   Peinture des murs, deux couches      "
        f"{euros_cents(price, grouping, gap):>10}      {euros_cents(total, grouping, gap):>12}"
    )
    priced = price_row(row, None, strict=False)
    assert priced is not None, row
    assert (priced.quantity, priced.unit_price, priced.total) == (quantity, price, total), row


def test_a_row_with_decimal_commas_keeps_its_reading() -> None:
    # "12 m²  25  30,00 …": a whole number before a two-digit one, where the comma prints the cents.
    priced = price_row("  Dépose plinthes lot 12 ml      25   300,00", None, strict=False)
    assert priced is not None
    assert (priced.quantity, priced.unit_price, priced.total) == (Decimal(12), Decimal(25), Decimal("300.00"))


def test_a_total_in_euros_and_cents_cells_is_one_amount() -> None:
    assert [value for value, _, _ in amounts(list(row_tokens("Total T.T.C.      4 016 76")))] == [Decimal("4016.76")]
    assert [value for value, _, _ in amounts(list(row_tokens("Acompte versé     -920 00")))] == [Decimal("-920.00")]
    # A row that prints a decimal comma prints its cents so: the figures after it stand apart.
    found = [value for value, _, _ in amounts(list(row_tokens("Total HT  1 234,56   lot 12")))]
    assert found == [Decimal("1234.56"), Decimal(12)]


def test_the_totals_of_a_form_ruled_in_euros_and_cents() -> None:
    rows = [
        "Paiement à réception.          Total H.T.                    4187 21",
        "                               T.V.A. 10 %                    418 72",
        "                               Total T.T.C.                  4605 93",
    ]
    totals = find_totals(labels_joined(rows))
    assert (totals.total_ht, totals.total_ttc) == (Decimal("4187.21"), Decimal("4605.93"))


@pytest.mark.parametrize("cents", ["01", "00", "07", "34"])
def test_a_total_whose_cents_cell_stands_apart_keeps_its_cents(cents: str) -> None:
    # Cells three spaces apart beside the label: "01" alone is no amount (a padded whole number),
    # the euros and the cents cells together make one.
    vat = "                              TVA                  564   33"
    totals = find_totals(labels_joined([f"                     Total net HT               5 819   {cents}", vat]))
    assert totals.total_ht == Decimal(f"5819.{cents}")
    # … and printed before its label.
    totals = find_totals(labels_joined([f"        5 819   {cents}   Total net HT", vat]))
    assert totals.total_ht == Decimal(f"5819.{cents}")
