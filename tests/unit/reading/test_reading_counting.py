"""The document-level choice of which rows are lines (``reading/counting.py``)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from billma_core.checks import TOTAL_SLACK
from billma_core.models import QuoteLine
from billma_core.reading.arithmetic import lines_the_total_counts
from billma_core.reading.counting import (
    Departure,
    blocks_apart,
    cheapest_departures,
    closing_reading,
    restating_tail,
)
from billma_core.reading.works import sub_detail_rows


def _line(designation: str, amount: str) -> QuoteLine:
    value = Decimal(amount)
    return QuoteLine(designation=designation, quantity=Decimal(1), unit_price_ht=value, total_ht=value)


def _dropped(*doubtful: bool) -> list[list[Departure]]:
    return [[Departure()] if doubt else [] for doubt in doubtful]


def _rows(*lines: QuoteLine) -> list[list[QuoteLine]]:
    return [[line] for line in lines]


def test_a_doubtful_row_the_total_leaves_out_is_no_line() -> None:
    lines = [_line("Peinture", "500.00"), _line("Option : enduit", "120.00"), _line("Ponçage", "80.00")]
    chosen = closing_reading(_rows(*lines), _dropped(False, True, False), [Decimal("580.00")])
    assert chosen == [lines[0], lines[2]]


def test_the_reading_with_the_fewest_departures_wins() -> None:
    # Leaving out the 300 row alone, or the 100 and 200 rows together, both make 700.
    lines = [_line("A", "400.00"), _line("B", "100.00"), _line("C", "200.00"), _line("D", "300.00")]
    taken = cheapest_departures(_rows(*lines), _dropped(False, True, True, True), [Decimal("700.00")])
    assert taken == {3: ()}


def test_two_readings_alike_leave_the_rows_as_read() -> None:
    lines = [_line("A", "400.00"), _line("Option B", "150.00"), _line("Option C", "150.00")]
    assert cheapest_departures(_rows(*lines), _dropped(False, True, True), [Decimal("550.00")]) is None


def test_a_row_without_doubt_is_never_dropped() -> None:
    # Dropping "B" would make the total, but nothing says it is no line: the error stays visible.
    lines = [_line("A", "400.00"), _line("B", "100.00"), _line("Option C", "30.00")]
    assert cheapest_departures(_rows(*lines), _dropped(False, False, True), [Decimal("400.00")]) is None


def test_rows_that_already_make_the_total_are_kept_whole() -> None:
    lines = [_line("A", "400.00"), _line("Option B", "100.00")]
    assert cheapest_departures(_rows(*lines), _dropped(False, True), [Decimal("500.00")]) == {}


def test_another_reading_of_a_row_counts_like_a_dropped_row() -> None:
    lines = [_line("Pose", "1000.00"), _line("Remise 5 %", "50.00")]
    discount = _line("Remise 5 %", "-50.00")
    chosen = closing_reading(_rows(*lines), [[], [Departure((discount,))]], [Decimal("950.00")])
    assert chosen == [lines[0], discount]


def test_one_of_several_sums_may_close() -> None:
    # The total before a discount printed among the totals is a sum the lines may make.
    lines = [_line("A", "400.00"), _line("Option B", "100.00")]
    taken = cheapest_departures(_rows(*lines), _dropped(False, True), [Decimal("380.00"), Decimal("400.00")])
    assert taken == {1: ()}


def test_the_search_gives_up_beyond_its_bound() -> None:
    # Thirteen doubtful rows of distinct powers of two reach 8 192 sums: too many to search.
    lines = [_line(f"Option {n}", str(2**n)) for n in range(13)]
    assert cheapest_departures(_rows(*lines), _dropped(*[True] * 13), [Decimal(1)]) is None
    # Twelve reach 4 096, within the bound: the one reading leaving out all but the first closes.
    taken = cheapest_departures(_rows(*lines[:12]), _dropped(*[True] * 12), [Decimal(1)])
    assert taken == {n: () for n in range(1, 12)}


def test_rows_that_go_together_are_dropped_together() -> None:
    # A take-off's rows under their measured line: one unit, left out whole or not at all.
    measured = _line("Peinture des murs 12 m2", "240.00")
    takeoff = [_line("Mur nord", "8.00"), _line("à déduire porte", "-1.00"), _line("Mur sud", "5.00")]
    units = [[measured], takeoff]
    assert closing_reading(units, [[], [Departure()]], [Decimal("240.00")]) == [measured]
    # The rows alone could not be left out one by one (5,00 alone would make 247,00).
    assert closing_reading(units, [[], [Departure()]], [Decimal("247.00")]) is None


def test_a_row_read_as_no_line_counts_only_where_the_sum_needs_it() -> None:
    # A price list's rows priced alone: no lines by default, each counted at the cost of a departure.
    ordered, listed = _line("Pose", "400.00"), [_line("Recherche de fuite", "190.00"), _line("Déplacement", "45.00")]
    units = [[ordered], [], []]
    counted = [[], [Departure((listed[0],))], [Departure((listed[1],))]]
    assert cheapest_departures(units, counted, [Decimal("400.00"), Decimal("590.00")]) == {}
    assert closing_reading(units, counted, [Decimal("445.00")]) == [ordered, listed[1]]


def _amounts(*amounts: str) -> list[QuoteLine]:
    """Measured rows: 2 units at half the amount each."""
    return [
        QuoteLine(designation=f"row {i}", quantity=Decimal(2), unit_price_ht=Decimal(a) / 2, total_ht=Decimal(a))
        for i, a in enumerate(amounts)
    ]


def test_a_works_priced_sub_detail_is_left_out_where_the_total_says_so() -> None:
    # A work 300,00 whose supplies, labour and sundries (120 + 150 + 30) are printed under it.
    lines = _amounts("300.00", "120.00", "150.00", "30.00", "80.00")
    assert sub_detail_rows(lines, [Decimal("380.00")]) == {1, 2, 3}
    # The total counts every row: no reading to change, none changed.
    assert sub_detail_rows(lines, [Decimal("680.00")]) is None


def test_a_single_row_equal_to_the_line_above_is_no_sub_detail() -> None:
    assert sub_detail_rows(_amounts("300.00", "300.00", "80.00"), [Decimal("380.00")]) is None


def test_a_lump_sum_over_rows_adding_up_to_it_is_no_work() -> None:
    # "Préparation du chantier  1 forfait  254,00" over 80 + 51,50 + 122,50: a heading carrying its
    # group's total as well, which the sums cannot tell from a work: the rows stay as read.
    lines = [_line("Préparation du chantier", "254.00"), *_amounts("80.00", "51.50", "122.50", "300.00")]
    assert sub_detail_rows(lines, [Decimal("554.00")]) is None


def test_overlapping_runs_are_tried_from_either_end() -> None:
    # The detail of the 139,20 work (69,60 + 38,98 + 30,62) ends with two rows adding up to its
    # first one: the inner run alone leaves the total open, the outer one closes it.
    lines = _amounts("139.20", "69.60", "38.98", "30.62", "50.00")
    assert sub_detail_rows(lines, [Decimal("189.20")]) == {1, 2, 3}
    # A run that takes in another work and its detail (120 = 60 + 35 + 25) where the total counts both works.
    lines = _amounts("120.00", "60.00", "35.00", "25.00")
    assert sub_detail_rows(lines, [Decimal("180.00")]) == {2, 3}


def test_a_block_set_apart_that_the_total_leaves_out_is_no_line() -> None:
    # Two lines, then two priced rows after the totals (block 1): the HT counts the first two.
    lines = [_line("Dépose", "300.00"), _line("Pose", "700.00"), _line("Gouttière", "250.00"), _line("Regard", "50.00")]
    assert blocks_apart(lines, [0, 0, 1, 1], [Decimal("1000.00")]) == {2, 3}


def test_a_block_departs_whole_never_a_row_of_it() -> None:
    # Leaving out the 250 row alone would close 1 050; the block 250 + 50 is one departure.
    lines = [_line("Dépose", "300.00"), _line("Pose", "700.00"), _line("Gouttière", "250.00"), _line("Regard", "50.00")]
    assert blocks_apart(lines, [0, 0, 1, 1], [Decimal("1050.00")]) is None


def test_the_first_block_and_a_block_with_a_credit_never_depart() -> None:
    lines = [_line("Dépose", "300.00"), _line("Pose", "700.00"), _line("Remise", "-100.00")]
    # The lines before any heading or totals row (block 0) stay whatever the total.
    assert blocks_apart(lines[:2], [0, 1], [Decimal("300.00")]) == {1}
    assert blocks_apart(lines[:2], [0, 1], [Decimal("700.00")]) is None
    # Leaving out a discount would make a total the lines overcharge: never.
    assert blocks_apart(lines, [0, 0, 1], [Decimal("1000.00")]) is None


def test_two_blocks_alike_leave_the_rows_as_read() -> None:
    lines = [_line("Pose", "700.00"), _line("PSE 1", "150.00"), _line("PSE 2", "150.00")]
    assert blocks_apart(lines, [0, 1, 2], [Decimal("850.00")]) is None


def test_no_block_departs_when_every_row_would_go() -> None:
    lines = [_line("Pose", "700.00"), _line("Peinture", "300.00")]
    assert blocks_apart(lines, [1, 2], [Decimal("0.00")]) is None


def test_payment_shares_ending_the_lines_restate_the_ttc() -> None:
    lines = [_line("Pose", "700.00"), _line("Peinture", "300.00"), _line("Acompte 30 %", "330.00")]
    shares = [*lines, _line("Solde 70 %", "770.00")]
    assert restating_tail(shares, [Decimal("1100.00")], [Decimal("1000.00")]) == {2, 3}
    # One row equal to the TTC is a total read as a row, not a schedule; nor do shares close a
    # sum the rows above them do not make.
    assert restating_tail([*lines[:2], _line("Net", "1100.00")], [Decimal("1100.00")], [Decimal("1000.00")]) is None
    assert restating_tail(shares, [Decimal("1100.00")], [Decimal("900.00")]) is None


def test_a_balance_ending_the_lines_restates_a_whole_percent_of_the_ttc() -> None:
    # The deposit's row read as no line (« Acompte de 30 % … »): the balance alone is left, 70 %.
    lines = [_line("Pose", "1100.00"), _line("Peinture", "329.13"), _line("Le solde", "1200.47")]
    assert restating_tail(lines, [Decimal("1714.96")], [Decimal("1429.13")]) == {2}
    # An amount no whole percent of the TTC (to the cent) is a line: the error stays flagged.
    odd = [*lines[:2], _line("Nettoyage", "1200.60")]
    assert restating_tail(odd, [Decimal("1714.96")], [Decimal("1429.13")]) is None
    # Nor does a share close a sum the rows above it do not make.
    assert restating_tail(lines, [Decimal("1714.96")], [Decimal("1400.00")]) is None


_AMOUNTS = st.decimals(min_value=Decimal("1.00"), max_value=Decimal("3000.00"), places=2)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(_AMOUNTS, st.integers(min_value=0, max_value=4)), min_size=2, max_size=12),
    st.decimals(min_value=Decimal("-500.00"), max_value=Decimal("500.00"), places=2),
)
def test_a_miscounted_total_closes_only_on_a_whole_block(rows: list[tuple[Decimal, int]], slip: Decimal) -> None:
    """Safety: whatever the blocks, a total HT the lines miss by a slip closes by a departure only
    when the slip is a whole block's sum (the layout's block, never a row picked among others),
    and a total the lines fall short of (an overcharge) never closes."""
    blocks = sorted(block for _, block in rows)  # the page's blocks come in order
    lines = [_line(f"Ligne {index}", str(amount)) for index, (amount, _) in enumerate(rows)]
    total = sum((line.total_ht for line in lines), Decimal(0)) - slip
    apart = blocks_apart(lines, blocks, [total])
    if apart is None:
        return
    assert slip > TOTAL_SLACK  # a total above the lines' sum never closes by leaving rows out
    left = {block for index, block in enumerate(blocks) if index in apart}
    assert 0 not in left
    assert apart == {index for index, block in enumerate(blocks) if block in left}  # whole blocks
    assert abs(sum((lines[index].total_ht for index in apart), Decimal(0)) - slip) <= TOTAL_SLACK


def _priced(designation: str, quantity: str, unit_price: str, amount: str) -> QuoteLine:
    return QuoteLine(
        designation=designation,
        quantity=Decimal(quantity),
        unit_price_ht=Decimal(unit_price),
        total_ht=Decimal(amount),
    )


def test_a_row_whose_figures_do_not_close_is_no_line_when_the_total_leaves_it_out() -> None:
    """Times or references read as a quantity, a price and an amount (« Ouvert 15:13 15:19 15:27 »)
    close no line's equation: the total HT, which leaves them out, says they are no line."""
    lines = [
        _priced("Arrivée sur place 15,27", "15.27", "16.01", "16.23"),
        _priced("Recherche de fuite", "1", "250.00", "250.00"),
        _priced("Remplacement du robinet", "2", "45.00", "90.00"),
    ]
    assert lines_the_total_counts(lines, Decimal("340.00")) == lines[1:]


def test_a_line_whose_figures_do_not_close_stays_when_the_total_counts_it() -> None:
    """The contractor's own error (2 × 45 printed 95) is counted by the total: the line stays, and
    the checks flag it."""
    lines = [_priced("Recherche de fuite", "1", "250.00", "250.00"), _priced("Robinet", "2", "45.00", "95.00")]
    assert lines_the_total_counts(lines, Decimal("345.00")) == lines
    assert lines_the_total_counts(lines, Decimal("340.00")) == lines
