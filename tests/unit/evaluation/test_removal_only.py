"""A line that only takes out a fitting the barème prices as "dépose et repose" (issue 12): it is
judged against the barème's removal-only item of that fitting, with its own public price, never
against the dearer removal-and-refit item, so an inflated removal can never pass under the refit's
ceiling; a removal and refit stays the refit item."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_verdicts_decision import WALLS, judge, make_quote

from billma_core.bareme import Bareme, load_bareme
from billma_core.bareme.schema import BaremeItem
from billma_core.evaluation.matching import matcher_for
from billma_core.models import Outcome, Unit, Verdict


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _removal_only(bareme: Bareme, refit: str) -> BaremeItem:
    """The removal-only item of the same trade whose heads are among the refit item's (data)."""
    whole = bareme.item(refit)
    words = matcher_for(bareme).words
    (item,) = [
        item
        for item in bareme.items
        if item.code != refit
        and item.trade == whole.trade
        and item.unit == whole.unit
        and set(item.heads or ()) & set(whole.heads or ())
        and words.action(list(words.tokens(item.label))) == words.removal
    ]
    return item


@pytest.mark.parametrize(
    ("wording", "refit"),
    [("Dépose du lavabo", "PLO-010"), ("Dépose receveur de douche", "PLO-011"), ("Dépose baignoire", "PLO-011")],
)
def test_a_removal_only_line_is_the_removal_only_item_never_the_refit(bareme: Bareme, wording: str, refit: str) -> None:
    removal = _removal_only(bareme, refit)
    assert removal.unit_price_ht < bareme.item(refit).unit_price_ht
    match = matcher_for(bareme).match(wording, Unit.U)
    assert match.item == removal
    assert refit not in {c.item.code for c in match.candidates[: match.plausible]}
    fair = judge(make_quote(WALLS, (wording, "1", Unit.U, str(removal.unit_price_ht), "10"), postal=None), bareme)
    assert fair.outcome is Outcome.AUTO_VALIDATED, [line.why for line in fair.lines]
    # Inflated by half (still under the refit item's price): overpriced, never validated.
    price = removal.unit_price_ht * Decimal("1.5")
    assert price < bareme.item(refit).unit_price_ht
    inflated = judge(make_quote(WALLS, (wording, "1", Unit.U, str(price), "10"), postal=None), bareme)
    assert inflated.lines[1].verdict is Verdict.OVERPRICED
    assert inflated.outcome is not Outcome.AUTO_VALIDATED


@pytest.mark.parametrize(
    ("wording", "refit"), [("Dépose et repose lavabo", "PLO-010"), ("Dépose et repose baignoire", "PLO-011")]
)
def test_a_removal_and_refit_stays_the_refit_item(bareme: Bareme, wording: str, refit: str) -> None:
    match = matcher_for(bareme).match(wording, Unit.U)
    assert match.item is not None and match.item.code == refit
