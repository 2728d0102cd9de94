"""What a line does (session 18, round 2, j41; set 21's two last judge-alone losses):

- a removal after the line's own work that takes out what no item is (no item's head) is a step of
  that work, not what the line does: « Remise en propreté des locaux après travaux, enlèvement des
  poussières » is the cleaning, not a removal (it was UNMATCHED: every cleaning item refused as
  « another action »);
- an item that only takes out is never a reading supported by a line that fits new: « Remplacement
  du doublage … » is no « Dépose de plaques de plâtre », whose low ceiling blocked the line's price."""

from __future__ import annotations

import pytest

from billma_core.bareme import load_bareme
from billma_core.bareme.schema import Trade
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.models import Unit


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return matcher_for(load_bareme())


def _removal_only(matcher: Matcher, code: str) -> bool:
    words = matcher.words
    return words.action(list(words.tokens(matcher.bareme.item(code).label))) == words.removal


def test_taking_out_what_no_item_is_is_a_step_of_the_cleaning(matcher: Matcher) -> None:
    match = matcher.match("Remise en propreté des locaux après travaux, enlèvement des poussières", Unit.FORFAIT)
    assert match.item is not None and match.item.trade is Trade.CLEANING


@pytest.mark.parametrize(
    ("wording", "unit"),
    [("Nettoyage et dépose des plinthes", Unit.ML), ("Dépose du revêtement de sol souple de la cuisine", Unit.M2)],
)
def test_taking_out_an_items_thing_stays_a_removal(matcher: Matcher, wording: str, unit: Unit) -> None:
    # (Two works, a person chooses, or the removal item: never the cleaning alone.)
    match = matcher.match(wording, unit)
    assert match.item is None or _removal_only(matcher, match.item.code)
    assert not any(c.item.trade is Trade.CLEANING and c.score >= 0.6 for c in matcher.rank(wording, unit))


def test_a_fitting_line_is_supported_by_no_removal_only_item(matcher: Matcher) -> None:
    wording = "Remplacement du doublage en plâtre cartonné après curage des parties humides"
    read = matcher.match_in(wording, Unit.M2, frozenset({Trade.PLASTERING}))
    assert read.item is None and read.supported
    assert not any(_removal_only(matcher, c.item.code) for c in read.supported)
    # The removal-only item is still a candidate the reviewer may choose.
    assert any(_removal_only(matcher, c.item.code) for c in read.candidates)


def test_a_removal_line_keeps_its_removal_items(matcher: Matcher) -> None:
    read = matcher.rank("Dépose du doublage en plâtre cartonné", Unit.M2)
    assert read and _removal_only(matcher, read[0].item.code)
