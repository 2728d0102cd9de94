"""Lines priced TTC and totals printed as a grid, read from real PDF bytes: the document's own
arithmetic says whether the line figures are HT or TTC; the checks' tolerance follows the number
of lines priced TTC (cents, never a percentage). A commercial gesture printed on two rows is a
discount taken off as the document takes it off."""

from __future__ import annotations

from decimal import Decimal

import pytest
from unseen_layouts import rows_pdf

from billma_core.checks import arithmetic_problems
from billma_core.models import Flag, Quote, QuoteLine
from billma_core.money import money, price_before_vat
from billma_core.reading import read_document
from tests.french_amounts import french

# (wording, quantity, unit, unit price HT): the HT the document computed, which it does not print.
_WORK = [
    ("Peinture acrylique murs séjour", "28,41", "m²", "32.55"),
    ("Prise électrique remise en place", "5", "u", "10.47"),
    ("Faux plafond placo sur ossature", "10,05", "m²", "59.99"),
    ("Porte intérieure bloc-porte posé", "1", "u", "71.18"),
    ("Carrelage sol grès 45x45 posé", "27,49", "m²", "48.33"),
    ("Interrupteur va-et-vient remplacé", "5", "u", "24.31"),
]


def _fr(value: Decimal) -> str:
    return f"{french(value)} €"


def _lines_ht() -> list[tuple[str, Decimal, str, Decimal, Decimal]]:
    lines = []
    for wording, qty, unit, price in _WORK:
        quantity = Decimal(qty.replace(",", "."))
        lines.append((wording, quantity, unit, Decimal(price), money(quantity * Decimal(price))))
    return lines


def _ttc_quote(rate: Decimal = Decimal(10), ttc_shift: Decimal = Decimal(0), header: str = "P.U. TTC") -> bytes:
    """Every line printed TTC, each rounded on its own (their sum a cent or two off the total TTC,
    which the total HT makes), the HT only in the totals, printed as a grid."""
    factor = (100 + rate) / 100
    amount = f"Montant {header.removeprefix('P.U.').strip()}".strip()  # the header's mark, or none
    rows = [f"Désignation                            Qté    Unité   {header:>10}    TVA    {amount:>14}"]
    total_ht = Decimal(0)
    for wording, quantity, unit, price, line_ht in _lines_ht():
        total_ht += line_ht
        qty = f"{quantity:f}".replace(".", ",")
        price_ttc, amount_ttc = _fr(money(price * factor)), _fr(money(line_ht * factor))
        rows.append(f"{wording:<36} {qty:>6}    {unit:<4}  {price_ttc:>11}   {rate:g} %   {amount_ttc:>12}")
    vat = money(total_ht * rate / 100)
    ttc = total_ht + vat + ttc_shift
    rows += [
        " ",
        f"      Total HT             TVA {rate:g} %             Total TTC         Acompte versé         Net à payer",
        f"    {_fr(total_ht):>12}         {_fr(vat):>10}         {_fr(ttc):>12}         -500,00 €"
        f"       {_fr(ttc - 500)}",
    ]
    return rows_pdf(rows, "DejaVuSansMono.ttf", 7, 4)


def test_lines_priced_ttc_are_read_ht_from_their_ttc_and_say_so() -> None:
    reading = read_document(_ttc_quote())
    quote = reading.quote
    assert quote is not None
    truth = _lines_ht()
    assert [(line.quantity, line.unit_price_ht, line.total_ht) for line in quote.lines] == [
        (quantity, price, line_ht) for _, quantity, _, price, line_ht in truth
    ]
    assert all(line.priced_ttc and line.tva_rate == 10 for line in quote.lines)
    assert all(line.reading_note and "TTC" in line.reading_note for line in quote.lines)
    total_ht = sum((line_ht for *_, line_ht in truth), Decimal(0))
    assert (quote.total_ht, quote.total_ttc) == (total_ht, total_ht + money(total_ht / 10))
    # The line TTCs, each rounded, sum to cents off the total TTC: no arithmetic error for that.
    assert Flag.ARITHMETIC_ERROR not in reading.flags, arithmetic_problems(quote)


@pytest.mark.parametrize("header", ["P.U. TTC", "P.U. T.T.C."])
def test_a_ttc_total_100_euros_off_is_an_arithmetic_error_on_ht_figures(header: str) -> None:
    reading = read_document(_ttc_quote(ttc_shift=Decimal(100), header=header))
    assert reading.quote is not None and Flag.ARITHMETIC_ERROR in reading.flags
    assert all(line.priced_ttc for line in reading.quote.lines)  # the header says TTC when nothing closes
    assert any("total TTC imprimé" in problem for problem in arithmetic_problems(reading.quote))


def test_without_a_ttc_mark_the_arithmetic_alone_says_the_lines_are_ttc() -> None:
    reading = read_document(_ttc_quote(header="P.U."))
    assert reading.quote is not None and Flag.ARITHMETIC_ERROR not in reading.flags
    assert [line.unit_price_ht for line in reading.quote.lines] == [price for *_, price, _ in _lines_ht()]


def test_a_rate_of_20_percent_is_taken_off_as_printed() -> None:
    reading = read_document(_ttc_quote(rate=Decimal(20)))
    assert reading.quote is not None and Flag.ARITHMETIC_ERROR not in reading.flags
    assert all(line.tva_rate == 20 for line in reading.quote.lines)
    assert [line.total_ht for line in reading.quote.lines] == [line_ht for *_, line_ht in _lines_ht()]


def test_price_before_vat_is_the_inverse_of_the_printed_ttc() -> None:
    """A TTC rounded to the cent gives back the HT it was computed from, at every legal rate."""
    for rate in (Decimal("5.5"), Decimal(10), Decimal(20)):
        for cents in range(100, 100_000, 997):
            price = Decimal(cents) / 100
            assert price_before_vat(money(price * (100 + rate) / 100), rate) == price


def _quote(lines: list[QuoteLine], total_ht: Decimal) -> Quote:
    return Quote(lines=lines, total_ht=total_ht)


def test_the_sum_tolerance_grows_by_a_cent_per_line_priced_ttc_only() -> None:
    lines = [
        QuoteLine(designation=f"Poste {i}", quantity=Decimal(1), unit_price_ht=Decimal(10), total_ht=Decimal(10))
        for i in range(11)
    ]
    ttc_lines = [line.model_copy(update={"priced_ttc": True}) for line in lines]
    off = Decimal("110.09")  # 9 cents: rounding of 11 lines derived from their TTC, not of HT lines
    assert arithmetic_problems(_quote(ttc_lines, off)) == []
    assert arithmetic_problems(_quote(lines, off)) != []
    assert arithmetic_problems(_quote(ttc_lines, Decimal("111.00"))) != []  # a euro is an error


def test_a_commercial_gesture_on_two_rows_is_taken_off_as_printed() -> None:
    rows = [
        "Désignation                                                  Montant HT",
        "Dépose du parquet flottant abîmé",
        "     12,50 m² x 18,00 EUR HT · TVA 10 %                         225,00 EUR",
        "Pose de parquet flottant stratifié",
        "     12,50 m² x 44,00 EUR HT · TVA 10 %                         550,00 EUR",
        "Geste commercial",
        "     TVA 10 %                                                   -75,00 EUR",
        "                                        Total HT                700,00 EUR",
        "                                        TVA 10 %                 70,00 EUR",
        "                                        Total TTC               770,00 EUR",
    ]
    reading = read_document(rows_pdf(rows, "DejaVuSansMono.ttf", 7, 4))
    assert reading.quote is not None and Flag.ARITHMETIC_ERROR not in reading.flags, reading.flags
    assert [line.total_ht for line in reading.quote.lines] == [Decimal(225), Decimal(550), Decimal(-75)]
    assert reading.quote.lines[-1].designation == "Geste commercial"
