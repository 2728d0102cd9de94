"""A line whose first word of work is a head several items share ("revêtement": a wall covering's
and a tiling's) says in parentheses which of them it is: that head counts as the work's word, not a
detail. Wordings written for this test."""

from __future__ import annotations

import pytest

from billma_core.evaluation.matching import Matcher
from billma_core.models import Unit


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        ("Revêtement mural (carrelage 20x20) fourni posé", "CAR-002"),
        ("Revêtement mural (mosaïque)", "CAR-002"),
        ("Revêtement mural (papier peint intissé)", "REV-002"),
    ],
)
def test_the_parentheses_say_which_item_a_shared_head_is(matcher: Matcher, wording: str, code: str) -> None:
    match = matcher.match(wording, Unit.M2)
    assert match.item is not None and match.item.code == code


def test_a_detail_after_a_head_of_one_item_stays_a_detail(matcher: Matcher) -> None:
    marked = matcher.read("Peinture des murs (préparation comprise)")
    assert any(detail for _, detail in marked)
