"""The role search (``reading/roles.py``): a row's figures take the roles their equations close
on, in any order, any subset; an amount never goes unexplained."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from role_layouts import build_roles, misreadings

from billma_core.reading import read_document
from billma_core.reading.lines import detect_header, price_row
from billma_core.reading.numbers import squeeze
from billma_core.reading.roles import Figure, closes, may_close, search, takeoff
from billma_core.reading.vocabulary import vocabulary
from tests.quick import first_quick


def _figures(*cells: str) -> list[Figure]:
    """ "3" a bare count, "50.00" an amount, "10%" a rate with its sign, "0.90 m" with a unit after
    it, "qty:12" under a header's column."""
    figures = []
    for cell in cells:
        column, _, text = cell.rpartition(":")
        number, _, unit = text.partition(" ")
        value = Decimal(number.rstrip("%"))
        percent = number.endswith("%")
        measure, money = bool(unit), "." in number
        figures.append(Figure(value, money, percent=percent, unit=measure, worded=measure, column=column or None))
    return figures


def test_a_figure_under_the_quantity_column_is_no_measure_of_the_wording() -> None:
    # "4,00 h  0,25  45,60  182,40" under "Qté  U  T.U. (h)  P.U. HT  Montant HT": 0,25 × 182,40
    # = 45,60 closes too, but only by leaving the quantity 4,00 to the wording.
    header = detect_header("Désignation      Qté   Unité   T.U. (h)   P.U. HT   Montant HT")
    assert header is not None
    priced = price_row("Main d'oeuvre   4,00   heure      0,25       45,60 €    182,40 €", header, True)
    assert priced is not None
    assert (priced.quantity, priced.unit_price, priced.total) == (Decimal("4.00"), Decimal("45.60"), Decimal("182.40"))


def test_vat_and_ttc_without_ht_in_any_order() -> None:
    orders = (("3", "50.00", "15.00", "165.00"), ("165.00", "15.00", "50.00", "3"), ("3", "165.00", "50.00", "15.00"))
    for cells in orders:
        figures = _figures(*cells)
        found = search(figures)
        assert found is not None
        assert (figures[found.quantity].value, figures[found.price].value) == (Decimal(3), Decimal("50.00"))
        assert (found.ht, found.ht_at, found.vat_rate) == (Decimal("150.00"), None, Decimal(10))


def test_a_derived_ht_needs_two_confirmations() -> None:
    # 3 × 50,00 = 150,00, and 165,00 is its TTC at 10 %: one equation only, nothing to confirm it.
    assert search(_figures("3", "50.00", "165.00")) is None
    # A printed rate is the second one.
    found = search(_figures("3", "50.00", "10%", "165.00"))
    assert found is not None and (found.ht, found.vat_rate, found.rate_at) == (Decimal("150.00"), Decimal(10), 2)


def test_discount_rate_net_price_and_ttc() -> None:
    # 4 × 25,00 less 10 % = 90,00; the net unit price 22,50 and the TTC at 20 % 108,00 agree.
    figures = _figures("108.00", "4", "25.00", "10%", "22.50", "90.00")
    found = search(figures)
    assert found is not None
    assert (found.quantity, found.price, found.ht_at, found.discount_rate) == (1, 2, 5, Decimal(10))
    assert (found.net_at, found.ttc_at, found.vat_rate) == (4, 0, Decimal(20))


def test_discount_amount_is_its_rate() -> None:
    found = search(_figures("2", "100.00", "20.00", "180.00"))
    assert found is not None and (found.ht, found.discount_rate) == (Decimal("180.00"), Decimal(10))
    assert search(_figures("2", "100.00", "20.00", "180.00"), discounts=False) is None


def test_unit_price_ttc_and_amount_ttc_beside_ht() -> None:
    figures = _figures("2.5", "40.00", "44.00", "100.00", "110.00")
    found = search(figures)
    assert found is not None
    assert (found.quantity, found.price, found.ht_at, found.price_ttc_at, found.ttc_at) == (0, 1, 3, 2, 4)


@pytest.mark.parametrize(
    "cells",
    [
        ("3", "50.00", "150.00", "40.00"),  # an amount nothing explains
        ("3", "50.00", "16.00", "166.00"),  # VAT and TTC that no French rate makes of 150,00
        ("3", "50.00", "155.00"),  # an arithmetic error
    ],
)
def test_an_amount_left_unexplained_is_no_reading(cells: tuple[str, ...]) -> None:
    assert search(_figures(*cells)) is None


def test_header_columns_break_ties() -> None:
    # 2 × 30,00 = 60,00 and 30 × 2,00 = 60,00 both close: the header's columns say which is which.
    figures = _figures("qty:2.00", "pu:30.00", "total:60.00")
    found = search(figures)
    assert found is not None and (found.quantity, found.price) == (0, 1)
    swapped = _figures("pu:2.00", "qty:30.00", "total:60.00")
    found = search(swapped)
    assert found is not None and (found.quantity, found.price) == (1, 0)


def test_a_unit_price_printed_as_its_supply_and_its_labour() -> None:
    # 3 × (28,00 + 42,00) = 210,00: no figure is the unit price, two side by side make it.
    figures = _figures("3", "28.00", "42.00", "210.00")
    found = search(figures)
    assert found is not None and (found.quantity, found.ht_at, found.price_parts) == (0, 3, (1, 2))
    assert found.price_of([figure.value for figure in figures]) == Decimal("70.00")
    # The unit price printed after its parts; a quantity of 1 whose amount is their sum.
    figures = _figures("3", "28.00", "42.00", "70.00", "210.00")
    found = search(figures)
    assert found is not None and (found.price, found.price_parts, found.ht_at) == (3, (1, 2), 4)
    found = search(_figures("qty:1", "64.98", "49.02", "total:114.00"), discounts=False)
    assert found is not None and (found.ht, found.price_parts) == (Decimal("114.00"), (1, 2))
    # Parts whose sum closes no equation of the row are no reading.
    assert search(_figures("3", "28.00", "41.00", "210.00")) is None


def test_quantities_by_room_are_no_parts_of_the_unit_price() -> None:
    # « Entrée  Bureau  Total  P.U. HT  Montant HT »: 12,79 + 11,41 = 24,2 m, × 13,40 = 324,28.
    header = detect_header("Désignation    U     Entrée    Bureau      Total     P.U. HT   Montant HT")
    for row, quantity in (
        ("Plinthe en pin   ML     12,79     11,41       24,2       13,40      324,28", "24.2"),
        ("Bandes à joints  M2      7,41      4,22      11,63       15,33      178,29", "11.63"),
        ("Rebouchage       m2     26,03     16,56      42,59       11,77      501,28", "42.59"),
    ):
        priced = price_row(row, header, False)
        assert priced is not None and priced.quantity == Decimal(quantity), row


def test_a_row_of_supply_and_labour_prices_is_a_line() -> None:
    header = detect_header("Désignation        Qté   U     PU fourniture   Main d'œuvre    Total HT")
    row = "Pose de plinthes   12,50   m2    10,00 €          8,00 €          225,00 €"
    priced = price_row(row, header, False)
    assert priced is not None
    assert (priced.quantity, priced.unit_price, priced.total) == (Decimal("12.50"), Decimal("18.00"), Decimal("225.00"))


def test_only_a_measure_before_the_line_figures_may_end_the_wording() -> None:
    found = search(_figures("0.90 m", "3", "50.00", "150.00"))
    assert found is not None and (found.quantity, found.price, found.ht_at) == (1, 2, 3)
    # "40,00 m²  30,00  1 200,00  100,00 %  1 200,00" read without its thousands: 1 × 200,00 = 200,00
    # would leave the unit price 30,00 out.
    assert search(_figures("40.00 m", "30.00", "1", "200.00", "100.00%", "1", "200.00")) is None


# Tables of figure columns in a random subset and order (``role_layouts.py``), each misread by the
# reader of session 9: 24 (the amount TTC first, price before quantity, under a header), 33 (no
# amount HT: unit price, VAT amount and rate, no header), 36 (a discount rate before the amount
# TTC, no header), 44 (a discount, a unit price TTC and a VAT amount beside the HT), 45 (eight
# columns, the quantity last), 49 (no amount HT: the rate and the TTC only), 55 (no amount HT:
# the VAT amount and the unit price TTC).
ROLE_SAMPLE = [24, 33, 36, 44, 45, 49, 55]
# … and tables printing a take-off before the quantity, misread by session 11's start reader: 3
# (letters between its figures in the wording), 7 (a product and a deduction in the wording, ten
# figures on a row), 32 (take-off columns, the unit price first).
TAKEOFF_SAMPLE = [3, 7, 32]


@pytest.mark.parametrize("seed", [*first_quick(ROLE_SAMPLE, 3), *first_quick(TAKEOFF_SAMPLE, 1)])
def test_a_role_layout_is_read_whole(seed: int) -> None:
    role_quote = build_roles(seed)
    assert misreadings(role_quote, read_document(role_quote.pdf)) == [], role_quote.columns


def test_a_progress_statement_share_done_is_a_role() -> None:
    # 12 × 40,00 = 480,00 under contract, 60 % done: 288,00.
    found = search(_figures("12", "40.00", "480.00", "60.00%", "288.00"))
    assert found is not None and (found.ht_at, found.progress_at, found.done_at) == (2, 3, 4)


def test_a_takeoff_before_the_quantity_explains_it() -> None:
    # Nb 1 × Long. 4,30 × Haut. 2,50 = 10,75 m² at 15,60: the take-off is no price nor amount.
    found = search(_figures("1", "4.30", "2.50", "10.75 m", "15.60", "167.70", "10"))
    assert found is not None and found.takeoff == (0, 1, 2)
    assert (found.quantity, found.price, found.ht_at, found.rate_at) == (3, 4, 5, 6)


def test_a_takeoff_less_its_deduction() -> None:
    # 2 × 4,30 × 2,50 less a door of 1,68 = 19,82, the deduction printed with its sign or without.
    for deduction in ("-1.68", "1.68"):
        found = search(_figures("2", "4.30", "2.50", deduction, "19.82", "10.00", "198.20"))
        assert found is not None and found.takeoff == (0, 1, 2, 3) and found.quantity == 4


def test_figures_whose_product_is_not_the_quantity_are_no_takeoff() -> None:
    assert takeoff([Decimal("4.30"), Decimal("2.50")], Decimal("10.80")) == 0
    assert takeoff([Decimal("1"), Decimal("1")], Decimal("1")) == 0  # ones make anything
    assert takeoff([Decimal("7"), Decimal("3"), Decimal("1.20")], Decimal("3.60")) == 2  # the longest run that makes it
    # A figure before the wording's end whose product makes nothing stays out of the reading.
    found = search(_figures("12 m", "5", "3", "45.00", "135.00"))
    assert found is not None and found.takeoff == () and found.quantity == 2


@pytest.mark.parametrize(
    ("row", "wording"),
    [
        ("Enduit sur plaques   1   4,30   2,50      10,75   m²   15,60   167,70   10", "Enduit sur plaques"),
        ("Peinture murs chambre   2   4,30   2,50   -1,68   19,82   m²   10,00   198,20", "Peinture murs chambre"),
        ("Peinture murs chambre 3 × 2,50 × 2,40 = 18,00 m²  12,00  216,00", "Peinture murs chambre"),
        ("Carrelage mural L 7,97 l 3,24   25,82   m²   64,38   1 662,29", "Carrelage mural"),
    ],
)
def test_a_takeoff_leaves_the_wording(row: str, wording: str) -> None:
    priced = price_row(row, None, strict=False)
    assert priced is not None and row[: priced.designation_end].strip() == wording


def test_a_takeoff_formula_note_is_no_wording() -> None:
    assert vocabulary().header_words_only(squeeze("Métré : Nb x Long. x Haut./Larg. – déductions = Quantité"))
    assert not vocabulary().header_words_only(squeeze("Peinture des murs x 2"))


def test_the_amount_is_a_sum_of_money_not_a_bare_rate() -> None:
    # 1 × 99,75 less 5 % = 94,76, and 1 × 99,75 less 94,76 = 5 close alike: the amount HT is the
    # figure printed as money, the bare "5" the discount's rate.
    found = search(_figures("94.76", "1", "99.75", "5"))
    assert found is not None and (found.quantity, found.price, found.ht_at, found.discount_at) == (1, 2, 0, 3)
    assert found.discount_rate == 5


def test_a_derived_unit_price_only_where_no_column_says_otherwise() -> None:
    # « … par 1.20 m   10 %   61,63   4   246,52   271,17 »: 61,63 × 4 = 246,52 makes a derived unit
    # price, 1.20 × 246,52 its amount and 271,17 its unit price TTC, when no header speaks; under
    # « TVA | PU | Qté | Montant | Total TTC » 246,52 is an amount and 1.20 no quantity.
    cells = ("1.20", "61.63", "4", "246.52", "271.17", "10%")
    found = search(_figures(*cells))
    assert found is not None and found.derived_from == (1, 2)
    under = search(_figures("tva:1.20", "pu:61.63", "qty:4", "total:246.52", "total:271.17", "10%"))
    assert under is None or not under.derived_from


# Figures as printed: up to nine digits before the mark, up to four after, signed.
_PRINTED = st.decimals(min_value=Decimal("-999999999"), max_value=Decimal("999999999"), places=4)


@given(_PRINTED, _PRINTED, _PRINTED)
def test_the_float_screen_never_refuses_what_closes_accepts(quantity: Decimal, price: Decimal, total: Decimal) -> None:
    # The screen may let a triple through that ``closes`` refuses, never the other way round.
    if closes(quantity, price, total):
        assert may_close(float(quantity) * float(price), float(total))


@given(_PRINTED, _PRINTED)
def test_the_float_screen_accepts_a_total_at_the_edge_of_the_tolerance(quantity: Decimal, price: Decimal) -> None:
    # Totals exactly as far from the product as ``closes`` allows, on either side: the widest it
    # accepts, which the screen must let through.
    product = quantity * price
    for sign in (1, -1):
        share_edge = (product + sign * Decimal("0.011")) / (1 - sign * Decimal("0.01"))
        for total in (product + sign * (Decimal("0.011") + Decimal("0.005") * abs(quantity)), share_edge):
            if closes(quantity, price, total):
                assert may_close(float(quantity) * float(price), float(total))


def test_the_float_screen_refuses_a_product_far_from_its_total() -> None:
    assert not may_close(float(Decimal("3")) * float(Decimal("45.00")), float(Decimal("150.00")))
    assert may_close(float(Decimal("3")) * float(Decimal("45.00")), float(Decimal("135.00")))
    assert may_close(float("inf"), 10.0)  # beyond a float's range: left to the exact test
