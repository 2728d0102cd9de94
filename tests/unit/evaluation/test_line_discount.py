"""A line printed at a gross unit price less its own discount is judged at the price it is
charged: the net unit price, the discount taken off once (``QuoteLine.net_unit_price_ht``)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_verdicts_decision import PROTECTION, Line, judge, make_quote

from billma_core.bareme import Bareme, load_bareme
from billma_core.checks import arithmetic_problems
from billma_core.models import Quote, Unit, Verdict
from billma_core.money import money

# 40 m² of wall painting: 30 € HT is fair in Gironde, 40 € HT is not.
GROSS: Line = ("Peinture des murs 2 couches", "40", Unit.M2, "40", "10")


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _discounted(rate: str) -> Quote:
    """The gross line less ``rate`` % on the line: printed unit price 40, total net."""
    quote = make_quote(PROTECTION, GROSS)
    line = quote.lines[1]
    net_total = money(line.total_ht * (100 - Decimal(rate)) / 100)
    discounted = line.model_copy(update={"discount_rate": Decimal(rate), "total_ht": net_total})
    lines = [quote.lines[0], discounted]
    total_ht = money(sum((x.total_ht for x in lines), Decimal(0)))
    total_tva = money(total_ht / 10)
    return quote.model_copy(
        update={"lines": lines, "total_ht": total_ht, "total_tva": total_tva, "total_ttc": total_ht + total_tva}
    )


def test_a_discounted_line_is_judged_at_its_net_unit_price(bareme: Bareme) -> None:
    gross = judge(make_quote(PROTECTION, GROSS), bareme).lines[1]
    assert gross.verdict is Verdict.OVERPRICED, gross.why
    quote = _discounted("25")  # 40,00 less 25 % = 30,00
    assert quote.lines[1].net_unit_price_ht == Decimal("30.00")
    assert arithmetic_problems(quote) == []
    net = judge(quote, bareme).lines[1]
    assert net.verdict is Verdict.OK, net.why
    assert "30,00" in net.why and "après remise de 25 %" in net.why


def test_a_small_discount_does_not_hide_an_excess(bareme: Bareme) -> None:
    line = judge(_discounted("5"), bareme).lines[1]  # 38,00 net: still above the ceiling
    assert line.verdict is Verdict.OVERPRICED, line.why


def test_the_evaluation_says_the_unit_price_it_judged(bareme: Bareme) -> None:
    # The page marks a price over the barème from what the judge compared, never from the
    # printed gross price: the net one per unit of the line, or none when the total was judged.
    gross = judge(make_quote(PROTECTION, GROSS), bareme).lines[1]
    assert gross.judged_unit_price_ht == Decimal("40.00")
    assert judge(_discounted("25"), bareme).lines[1].judged_unit_price_ht == Decimal("30.00")
    assert judge(_discounted("5"), bareme).lines[1].judged_unit_price_ht == Decimal("38.00")
    # A lump-sum item quoted per m²: the line's total is set against one lump sum.
    per_m2: Line = ("Recherche de fuite", "20", Unit.M2, "15", "10")
    by_total = judge(make_quote(per_m2, GROSS), bareme).lines[0]
    assert by_total.reference_unit_price_ht is not None and "total de la ligne" in by_total.why, by_total.why
    assert by_total.judged_unit_price_ht is None
