"""A removal of what is there, qualified by its age or state (« initial », « ancien »,
« existant »: the vocabulary's qualifiers), is the removal of that thing: the qualifier is no thing
the barème does not know. Wordings written for this test."""

from __future__ import annotations

import pytest

from billma_core.evaluation.matching import Matcher
from billma_core.models import Unit


@pytest.mark.parametrize(
    ("wording", "code"),
    [("Dépose initiale de la moquette", "SOL-001"), ("Dépose initiale de la faïence", "CAR-003")],
)
def test_a_removal_of_the_thing_in_place_is_its_removal(matcher: Matcher, wording: str, code: str) -> None:
    match = matcher.match(wording, Unit.M2)
    assert match.item is not None and match.item.code == code
