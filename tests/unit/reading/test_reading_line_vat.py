"""Grids printing each line's VAT amount and amount TTC but no amount HT (a spreadsheet quote
template), read from real PDF bytes: the line's own arithmetic (quantity × unit price = HT, HT ×
rate = VAT, HT + VAT = TTC) gives its HT, in any column order, with or without the rate's
column; a row of column totals under the lines is no line; a grid printing the HT too reads it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from unseen_layouts import rows_pdf

from billma_core.amounts import vat_of
from billma_core.checks import arithmetic_problems
from billma_core.models import Flag
from billma_core.money import money
from billma_core.reading import read_document
from tests.french_amounts import french

# (wording, quantity, unit, unit price HT, VAT rate)
_WORK = [
    ("Plinthes MDF blanches posées", "6,43", "ml", "14.73", "10"),
    ("Placo BA13 hydro fourni posé", "11,17", "m²", "53.00", "10"),
    ("Prise 16A encastrée remplacée", "2", "u", "59.72", "20"),
    ("Peinture plafond taché après fuite", "13,38", "m²", "33.71", "10"),
    ("Nettoyage du chantier", "1", "forfait", "114.45", "10"),
    ("Heure ouvrier qualifié", "11", "h", "42.00", "10"),
]


def _lines() -> list[tuple[str, Decimal, str, Decimal, Decimal, Decimal]]:
    """Each line with its HT, which the document computed and does not print."""
    lines = []
    for wording, qty, unit, price, rate in _WORK:
        quantity = Decimal(qty.replace(",", "."))
        lines.append((wording, quantity, unit, Decimal(price), Decimal(rate), money(quantity * Decimal(price))))
    return lines


def _quote(order: str, rate_column: bool, totals_label: str, ht_column: bool = False, shift: int = 0) -> bytes:
    """The grid, its figures after the wording in the columns ``order`` names ("vat ttc": the VAT
    amount, then the TTC), a row of column totals labelled ``totals_label`` (none when empty),
    then the totals (the total HT ``shift`` euros off)."""
    heads = {"ht": "Montant HT", "vat": "Montant TVA", "ttc": "Montant TTC"}
    columns = (["ht"] if ht_column else []) + order.split()
    rate_head = "   Taux" if rate_column else ""
    rows = [
        "Prestation                             Qté   Unité    P.U. HT"
        + rate_head
        + "".join(f"   {heads[role]:>12}" for role in columns)
    ]
    sums = {"qty": Decimal(0), "ht": Decimal(0), "vat": Decimal(0), "ttc": Decimal(0)}
    for wording, quantity, unit, price, rate, line_ht in _lines():
        vat = vat_of(line_ht, rate)
        figures = {"ht": line_ht, "vat": vat, "ttc": line_ht + vat}
        for role, value in (("qty", quantity), *figures.items()):
            sums[role] += value
        rate_cell = f"   {rate:g} %" if rate_column else ""
        qty = f"{quantity:f}".replace(".", ",")
        rows.append(
            f"{wording:<36} {qty:>6}   {unit:<7} {french(price):>9}{rate_cell:>7}"
            + "".join(f"   {french(figures[role]):>12}" for role in columns)
        )
    if totals_label:
        qty = f"{sums['qty']:f}".replace(".", ",")
        rows.append(
            f"{totals_label:<36} {qty:>6}           {french(sums['ht']):>9}{'':>7}"
            + "".join(f"   {french(sums[role]):>12}" for role in columns)
        )
    total_ht = sums["ht"] + shift
    rows += [
        " ",
        f"                                              Montant total HT     {french(total_ht):>12}",
        f"                                              Total TVA            {french(sums['vat']):>12}",
        f"                                              Montant total TTC    {french(total_ht + sums['vat']):>12}",
    ]
    return rows_pdf(rows, "DejaVuSansMono.ttf", 7, 4)


@pytest.mark.parametrize(
    ("order", "rate_column", "totals_label"),
    [("vat ttc", True, "TOTAUX"), ("ttc vat", True, "Totaux"), ("vat ttc", False, ""), ("ttc vat", False, "TOTAUX")],
)
def test_a_line_s_vat_amount_and_ttc_are_never_its_amount_ht(order: str, rate_column: bool, totals_label: str) -> None:
    reading = read_document(_quote(order, rate_column, totals_label))
    quote = reading.quote
    assert quote is not None
    assert [(line.quantity, line.unit_price_ht, line.total_ht, line.tva_rate) for line in quote.lines] == [
        (quantity, price, line_ht, rate) for _, quantity, _, price, rate, line_ht in _lines()
    ]
    assert all(line.reading_note and "Montant HT non imprimé" in line.reading_note for line in quote.lines)
    assert Flag.ARITHMETIC_ERROR not in reading.flags, arithmetic_problems(quote)


def test_a_grid_printing_the_amount_ht_too_reads_it_as_printed() -> None:
    reading = read_document(_quote("vat ttc", True, "TOTAUX", ht_column=True))
    quote = reading.quote
    assert quote is not None and Flag.ARITHMETIC_ERROR not in reading.flags
    assert [(line.quantity, line.total_ht) for line in quote.lines] == [
        (quantity, line_ht) for _, quantity, _, _, _, line_ht in _lines()
    ]
    assert not any(line.reading_note for line in quote.lines)


def test_lines_that_miss_the_total_ht_are_still_an_arithmetic_error() -> None:
    reading = read_document(_quote("vat ttc", True, "TOTAUX", shift=100))
    assert reading.quote is not None and Flag.ARITHMETIC_ERROR in reading.flags
    assert len(reading.quote.lines) == len(_WORK)
