"""A line naming a work and the preparation the barème's item of that work includes is that item,
not their sum, whichever item the preparation's words score best alone ("Nettoyage des murs" may be
the walls' preparation, not only the end-of-works cleaning). The line's words chose it: the quote's
other trades do not rule it out. Wordings written for this test."""

from __future__ import annotations

import pytest

from billma_core.bareme import load_bareme
from billma_core.bareme.schema import Trade
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.models import Unit

WORDINGS = ("Nettoyage des murs et deux couches de peinture", "Lessivage des murs et peinture acrylique 2 couches")


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return matcher_for(load_bareme())


@pytest.mark.parametrize("wording", WORDINGS)
def test_a_work_and_the_preparation_it_includes_is_that_work(matcher: Matcher, wording: str) -> None:
    match = matcher.match(wording, Unit.M2)
    assert match.item is not None and match.item.code == "PEI-003"
    assert not match.parts


@pytest.mark.parametrize("wording", WORDINGS)
def test_the_quotes_other_trades_do_not_rule_it_out(matcher: Matcher, wording: str) -> None:
    match = matcher.match_in(wording, Unit.M2, frozenset({Trade.FLOORING, Trade.PLASTERING}))
    assert match.item is not None and match.item.code == "PEI-003"
