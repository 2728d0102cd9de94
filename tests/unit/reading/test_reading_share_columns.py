"""A grid printing, after each line's amount HT, a percentage and the amounts it shares the line
into (a part billed to another party and the rest), read from real PDF bytes: the percentage is
no VAT rate where the totals print one rate that the lines' percentages do not make, and the
shares after the amount are no amount taken off the line (« Remise en peinture » names works,
no discount). A VAT column the header names keeps its rates: an error of the document's own
stays the checks' to say."""

from __future__ import annotations

from decimal import Decimal

from unseen_layouts import rows_pdf

from billma_core.amounts import vat_of
from billma_core.models import Flag
from billma_core.money import money
from billma_core.reading import read_document
from tests.french_amounts import french

# (wording, quantity, unit, unit price HT)
_WORK = [
    ("Remise en peinture des murs", "8,35", "m²", "30.37"),
    ("Plinthes bois remplacées", "6,27", "ml", "14.72"),
    ("Recherche de fuite", "1", "forfait", "264.36"),
    ("Bloc-porte remplacé", "1", "u", "332.00"),
]
# The percentage each line prints after its amount: 20 and 10 are VAT rates too.
_PERCENTS = ("20", "10", "20", "0")


def _quote(percent_head: str, shares: bool) -> bytes:
    """The grid with a state's column (a word) and the percentage's column headed ``percent_head``
    (and the two shares after it where ``shares``: the amount less the percentage, and the
    rest), then the totals at the one
    VAT rate of 10 % on the whole HT."""
    heads = "   État" + f"{percent_head:>8}" + ("     Occupant       Reste" if shares else "")
    rows = ["Désignation                        Qté   U         P.U. HT   Montant HT" + heads]
    total = Decimal(0)
    for (wording, qty, unit, price), percent in zip(_WORK, _PERCENTS, strict=True):
        amount = money(Decimal(qty.replace(",", ".")) * Decimal(price))
        total += amount
        share = money(amount * (100 - Decimal(percent)) / 100)
        cells = (
            "   usé "
            + f"{percent + ' %':>8}"
            + (f"   {french(share):>10}  {french(amount - share):>10}" if shares else "")
        )
        rows.append(f"{wording:<32} {qty:>6}   {unit:<7} {french(Decimal(price)):>9}   {french(amount):>10}" + cells)
    vat = vat_of(total, Decimal(10))
    rows += [
        " ",
        f"                                              Total HT             {french(total):>12}",
        f"                                              TVA 10 %             {french(vat):>12}",
        f"                                              Total TTC            {french(total + vat):>12}",
    ]
    return rows_pdf(rows, "DejaVuSansMono.ttf", 7, 4)


def _expected() -> list[tuple[Decimal, Decimal, Decimal]]:
    quantities = [Decimal(qty.replace(",", ".")) for _, qty, _, _ in _WORK]
    return [
        (q, Decimal(price), money(q * Decimal(price))) for q, (_, _, _, price) in zip(quantities, _WORK, strict=True)
    ]


def test_the_shares_after_the_amount_are_no_discount() -> None:
    reading = read_document(_quote("Part", shares=True))
    assert reading.quote is not None
    lines = reading.quote.lines
    assert [(line.quantity, line.unit_price_ht, line.total_ht) for line in lines] == _expected()
    assert [line.discount_rate for line in lines] == [None] * len(_WORK)


def test_a_share_column_s_percentage_is_no_vat_rate() -> None:
    reading = read_document(_quote("Part", shares=False))
    assert reading.quote is not None
    lines = reading.quote.lines
    assert [(line.quantity, line.unit_price_ht, line.total_ht) for line in lines] == _expected()
    assert [line.tva_rate for line in lines] == [Decimal(10)] * len(_WORK)
    assert Flag.ARITHMETIC_ERROR not in reading.flags


def test_a_vat_column_keeps_its_rates_and_the_document_s_error_is_flagged() -> None:
    # The header names the column VAT: its rates are the lines', and the VAT printed at 10 % on
    # the whole HT is the document's error.
    reading = read_document(_quote("TVA", shares=False))
    assert reading.quote is not None
    assert [line.tva_rate for line in reading.quote.lines] == [Decimal(p) for p in _PERCENTS]
    assert Flag.ARITHMETIC_ERROR in reading.flags
