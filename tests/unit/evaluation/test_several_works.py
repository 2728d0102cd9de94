"""A line naming several works is priced as the sum of their items (issue 12): a later part that
names a work of another trade, which its own item reads surely, is that work, not the first part's
again ("Repli de chantier et nettoyage": the site's closing and the cleaning); a part of the same
trade still shares the first part's work ("Plafonds : préparation et peinture")."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_verdicts_decision import WALLS, judge, make_quote

from billma_core.bareme import Bareme, load_bareme
from billma_core.evaluation.matching import matcher_for
from billma_core.models import Outcome, Unit, Verdict


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


CLOSING_AND_CLEANING = "Repli de chantier et nettoyage"


def test_a_later_part_naming_another_trades_work_is_that_work(bareme: Bareme) -> None:
    matcher = matcher_for(bareme)
    match = matcher.match(CLOSING_AND_CLEANING, Unit.FORFAIT)
    closing = matcher.match("Repli de chantier", Unit.FORFAIT).item
    cleaning = matcher.match("Nettoyage", Unit.FORFAIT).item
    assert closing is not None and cleaning is not None and closing.trade != cleaning.trade
    assert {item.code for item in match.parts} == {closing.code, cleaning.code}
    both = closing.unit_price_ht + cleaning.unit_price_ht
    fair = judge(make_quote(WALLS, (CLOSING_AND_CLEANING, "1", Unit.FORFAIT, str(both), "10"), postal=None), bareme)
    assert fair.outcome is Outcome.AUTO_VALIDATED, [line.why for line in fair.lines]
    inflated = judge(
        make_quote(WALLS, (CLOSING_AND_CLEANING, "1", Unit.FORFAIT, str(both * Decimal("1.5")), "10"), postal=None),
        bareme,
    )
    assert inflated.lines[1].verdict is Verdict.OVERPRICED


def test_a_later_part_of_the_same_trade_shares_the_first_parts_work(bareme: Bareme) -> None:
    matcher = matcher_for(bareme)
    match = matcher.match("Plafonds : préparation et peinture mate", Unit.M2)
    assert not match.parts
    assert match.item == matcher.match("Peinture plafond", Unit.M2).item
