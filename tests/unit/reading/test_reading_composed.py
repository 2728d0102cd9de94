"""Quotes drawing several of the fuzzers' axes at once (``composed_layouts.py``): column roles and
take-off, number format, euros | cents cells, codes, dates, glued units, marks, a foot block. A
reading is whole, or it says it is not; and a row whose figures as first tokenised leave its
equation open is read under another tokenisation (``lines.read_row``). Fresh seed 421 of the
drawer lost every line before and after this search (rows priced TTC with no amount HT, a mark after
them, a foot grid): no line at all is a reading that says it is not whole."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from composed_layouts import build_composed, misreadings
from hypothesis import example, given, settings
from hypothesis import strategies as st

from billma_core.models import Flag
from billma_core.reading import read_document
from billma_core.reading.lines import Header, Priced, detect_header, read_row, read_written
from tests.quick import first_quick

CENT = Decimal("0.01")
# Faults that change what the document adds up to: a reading with one of them must say so.
_UNSAFE = ("line lost", "extra line", "total HT", "total TTC", "no quote")


def _whole_or_flagged(seed: int) -> None:
    composed = build_composed(seed)
    reading = read_document(composed.pdf)
    quote = reading.quote
    # It says so by an arithmetic error, a total missing, or no line at all (nothing to judge).
    flagged = quote is None or Flag.ARITHMETIC_ERROR in reading.flags or None in (quote.total_ht, quote.total_ttc)
    flagged = flagged or not quote.lines
    faults = [fault for fault in misreadings(composed, reading) if fault.startswith(_UNSAFE)]
    assert flagged or not faults, (seed, faults, composed.names())


@pytest.mark.slow  # a drawn sweep: CI's slow step runs it
@settings(max_examples=3, deadline=None)
@given(st.integers(min_value=1, max_value=100_000))
def test_a_composed_quote_is_read_whole_or_says_it_is_not(seed: int) -> None:
    _whole_or_flagged(seed)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=100_000))
def test_many_composed_quotes_are_read_whole_or_say_they_are_not(seed: int) -> None:
    _whole_or_flagged(seed)


# Development seeds the rules' tokenisation lost (1–60): 4 (euros | cents cells over seven
# columns, a discount, a VAT letter after the row), 9 (cents cells, no amount HT, the quantity
# last, glued units), 39 (the unit a column after the VAT rate, codes opening the rows), 60 (a
# take-off in the wording, « 4,00 U   5,5 % » under a VAT column).
# 4788, drawn by `make test` at the end of session 12: the total HT printed « 5 819   01 », its
# cents cell "01" alone no amount, read 5 819,00 (a cell of euros and one of cents make one amount).
COMPOSED_SAMPLE = [4, 9, 39, 60, 4788]


@pytest.mark.parametrize("seed", first_quick(COMPOSED_SAMPLE, 1))
def test_a_composed_quote_is_read_without_a_fault(seed: int) -> None:
    composed = build_composed(seed)
    assert misreadings(composed, read_document(composed.pdf)) == [], composed.names()


HEADER = "Désignation            Total HT    Qté    Remise    PU HT       TVA €      P.U. TTC     Mt TTC"


def _cells(value: Decimal, gap: str) -> str:
    euros, cents = f"{value:.2f}".split(".")
    return f"{euros}{gap}{cents}"


@pytest.mark.slow  # 25 rows read whole (8 s): CI runs it
@settings(max_examples=25, deadline=None)
@given(
    st.integers(min_value=1, max_value=40) | st.just(25),  # 25 − 20 % closes as 20 too
    st.decimals(min_value=Decimal("5"), max_value=Decimal("400"), places=2),
    st.sampled_from([5, 10, 15, 20]),
    st.sampled_from([" ", "  ", "   "]),
    st.sampled_from(["", " A", " *", " (1)", " ☐"]),
)
# Drawn by a plain `pytest` (session 21): 11 × 4,95 (the VAT cell) = 54,45 (the amount TTC), the
# price cell « 5 00 » an amount off and the rate « 10 » a VAT rate, closes as well as 11 × 5,00 − 10 %
# = 49,50; only the reading whose figures follow the header's columns in their order is the line's.
@example(11, Decimal("5.00"), 10, " ", "")
def test_a_row_of_cents_cells_and_a_mark_is_tokenised_by_its_arithmetic(
    quantity: int, price: Decimal, discount: int, gap: str, mark: str
) -> None:
    gross = (quantity * price).quantize(CENT, ROUND_HALF_UP)
    total = (gross * (100 - discount) / 100).quantize(CENT, ROUND_HALF_UP)
    # The discount rate times the price may make the amount too (a second reading that closes,
    # the rate as the quantity): the header's columns tell the line's.
    vat = (total * Decimal("0.1")).quantize(CENT, ROUND_HALF_UP)
    figures = [_cells(total, gap), f"U {quantity},00", str(discount), _cells(price, gap), _cells(vat, gap)]
    row = "Pose d'un interrupteur   " + "   ".join(figures) + f"   {_cells(total + vat, gap)}{mark}"
    _, priced = _read(row, detect_header(HEADER))
    assert priced is not None, row
    assert (priced.quantity, priced.unit_price, priced.total, priced.discount_rate) == (
        quantity,
        price,
        total,
        discount,
    ), row


def test_a_discount_rate_that_closes_as_a_quantity_is_read_by_the_header() -> None:
    """25 × 5,00 − 20 % and 20 × 5,00 both make 100,00: the figures standing under the header's
    « Total HT » and « Qté » are cells of those columns, no measure ending the wording, and the
    reading that leaves them out is none."""
    row = "Pose d'un interrupteur   100  00   U 25,00   20   5  00   10  00   110  00"
    _, priced = _read(row, detect_header(HEADER))
    assert priced is not None
    assert (priced.quantity, priced.unit_price, priced.total, priced.discount_rate) == (25, 5, 100, 20)


def test_a_vat_cell_that_closes_as_the_price_is_read_by_the_header_order() -> None:
    """The property's drawn example, quick: 11 × 4,95 = 54,45 (the VAT cell times the quantity makes
    the amount TTC, 5,00 then an amount off, 10 the VAT rate) closes as well as the line's own
    11 × 5,00 − 10 % = 49,50; the header prints « Remise » before « PU HT » before « TVA € »."""
    row = "Pose d'un interrupteur   49 50   U 11,00   10   5 00   4 95   54 45"
    _, priced = _read(row, detect_header(HEADER))
    assert priced is not None
    assert (priced.quantity, priced.unit_price, priced.total, priced.discount_rate) == (11, 5, Decimal("49.50"), 10)


def test_a_row_that_closes_as_tokenised_has_no_other_reading() -> None:
    row = "Pose d'un interrupteur   3   U   79,75   239,25"
    written = read_written(row, None, strict=False, ocr=False)
    assert written is not None and read_row(row, None, False, False, written, True) == (row, written)


def _read(row: str, header: Header | None) -> tuple[str, Priced | None]:
    """The row read by the reader's one search over its tokenisations and roles."""
    return read_row(row, header, False, False, read_written(row, header, False, False), True)
