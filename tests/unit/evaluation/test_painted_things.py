"""Painting a thing another trade prices (tiles, a bath, a wooden floor, a render) is another work
than painting the walls: public price guides list it on its own line (PEI-003's ``excludes``,
sourced). Left to a reviewer, never priced as the walls' painting. Wordings written for this test."""

from __future__ import annotations

import pytest

from billma_core.evaluation.matching import Matcher
from billma_core.models import Unit


@pytest.mark.parametrize(
    ("wording", "unit"),
    [
        ("Mise en peinture de la faïence murale", Unit.M2),
        ("Peinture résine sur carrelage de cuisine", Unit.M2),
        ("Peinture d'une baignoire émaillée", Unit.U),
        ("Peinture façon crépi", Unit.M2),
    ],
)
def test_painting_a_thing_another_trade_prices_is_not_the_walls_painting(
    matcher: Matcher, wording: str, unit: Unit
) -> None:
    match = matcher.match(wording, unit)
    assert all(c.item.code != "PEI-003" for c in match.candidates[: max(match.plausible, 1)] if match.item)


@pytest.mark.parametrize("wording", ["Peinture des murs 2 couches", "Peinture murale acrylique velours"])
def test_the_walls_painting_is_still_read(matcher: Matcher, wording: str) -> None:
    match = matcher.match(wording, Unit.M2)
    assert match.item is not None and match.item.code == "PEI-003"
