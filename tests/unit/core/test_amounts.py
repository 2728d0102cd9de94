"""The money rules, once: VAT per rate on the summed base, TTC, gap, indemnity."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from billma_core.amounts import gap, indemnity, line_total, quote_total_ttc, quote_vat_rate, totals, vat_percent
from billma_core.models import Quote, QuoteLine

D = Decimal


def line(total: str, rate: str | None = None) -> QuoteLine:
    return QuoteLine(
        designation="x",
        quantity=D(1),
        unit_price_ht=D(total),
        total_ht=D(total),
        tva_rate=None if rate is None else D(rate),
    )


def test_vat_is_computed_once_per_rate_on_the_summed_base() -> None:
    # Per line, 0.05 × 10 % rounds to 0.01 three times (0.03); on the base 0.15 it is 0.02.
    result = totals([(D("0.05"), D("10"))] * 3, D("10"))
    assert (result.ht, result.tva, result.ttc) == (D("0.15"), D("0.02"), D("0.17"))
    mixed = totals([(D("100"), D("10")), (D("50"), D("20")), (D("10"), None)], D("5.5"))
    assert (mixed.ht, mixed.tva, mixed.ttc) == (D("160.00"), D("20.55"), D("180.55"))


def test_a_fraction_is_the_same_rate_as_its_per_cent() -> None:
    assert vat_percent(D("0.10")) == vat_percent(D("10")) == D("10")
    assert totals([(D("100"), D("0.2"))], D("10")).ttc == D("120.00")


def test_the_quote_rate_for_lines_without_one() -> None:
    snapped = Quote(lines=[line("100")], total_ht=D("100"), total_tva=D("10.04"))
    assert quote_vat_rate(snapped) == D("10")
    shared = Quote(lines=[line("100", "5.5"), line("10", "5.5"), line("1")])
    assert quote_vat_rate(shared) == D("5.5")
    assert quote_vat_rate(Quote(lines=[line("1", "10"), line("1", "20")])) == D("10")


def test_total_ttc_is_the_stated_one_else_recomputed() -> None:
    assert quote_total_ttc(Quote(total_ttc=D("12.345"))) == D("12.35")
    assert quote_total_ttc(Quote(lines=[line("100", "20")])) == D("120.00")
    assert quote_total_ttc(Quote()) is None


def test_gap_and_indemnity() -> None:
    assert gap(D("1200"), D("950.50")) == D("249.50")
    assert gap(None, D("10")) == D("-10.00")
    assert indemnity(D("1000"), D("150")) == D("850.00")
    assert indemnity(D("100"), D("150")) == D("0.00")
    assert indemnity(None, D("150")) is None
    assert line_total(D("2.5"), D("10.01")) == D("25.03")  # 25.025 half-up


amounts = st.decimals(min_value=D(0), max_value=D("100000"), places=2)
rates = st.sampled_from([D("5.5"), D("10"), D("20"), None])


@given(st.lists(st.tuples(amounts, rates), max_size=30))
def test_ttc_is_ht_plus_vat_and_vat_stays_within_a_cent_per_rate_of_exact(pairs: list[tuple[D, D | None]]) -> None:
    result = totals(pairs, D("10"))
    assert result.ttc == result.ht + result.tva
    exact = sum((amount * (rate if rate is not None else D("10")) / 100 for amount, rate in pairs), D(0))
    assert abs(result.tva - exact) <= D("0.005") * 3 + D("0.005")
