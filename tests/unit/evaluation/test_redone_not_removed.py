"""A line that says its thing is made again and takes nothing out (« refait », « refaite ») puts a
new one in: it is never priced as the barème's removal-only item of that thing (session 18, j40;
set 21's « Revêtement de sol … refait » was judged as the soft floor's removal SOL-001, a false
overpriced on a fair line). « Revêtements de sol plastiques » is the vinyl floor (barème 2025.3)."""

from __future__ import annotations

import pytest

from billma_core.bareme import load_bareme
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.models import Unit


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return matcher_for(load_bareme())


def _removal_only(matcher: Matcher, code: str) -> bool:
    words = matcher.words
    item = matcher.bareme.item(code)
    return words.action(list(words.tokens(item.label))) == words.removal


@pytest.mark.parametrize(
    "wording",
    ["Revêtement de sol refait dans la cuisine", "Moquette refaite dans la chambre", "Parquet refait après séchage"],
)
def test_a_redone_thing_is_never_its_removal(matcher: Matcher, wording: str) -> None:
    match = matcher.match(wording, Unit.M2)
    assert match.item is None or not _removal_only(matcher, match.item.code)
    assert not any(_removal_only(matcher, c.item.code) and c.score >= 0.6 for c in matcher.rank(wording, Unit.M2))


def test_a_removal_stays_a_removal(matcher: Matcher) -> None:
    # Only a line that takes nothing out is redone: the removal item keeps its removals.
    match = matcher.match("Dépose du revêtement de sol souple de la cuisine", Unit.M2)
    assert match.item is not None and _removal_only(matcher, match.item.code)


@pytest.mark.parametrize(
    "wording",
    ["Revêtement de sol plastique refait après séchage de la dalle", "Revêtement de sol plastique posé collé"],
)
def test_a_plastic_floor_is_the_vinyl_floor(matcher: Matcher, wording: str) -> None:
    match = matcher.match(wording, Unit.M2)
    assert match.item is not None and match.item.code == "SOL-005"


def test_a_plastic_sheet_stays_the_protection(matcher: Matcher) -> None:
    # « plastique » says the matter (a qualifier, as PVC): it makes no floor of a sheet.
    match = matcher.match("Mise sous bâche plastique du salon", Unit.FORFAIT)
    assert match.item is not None and match.item.code == "INS-001"
