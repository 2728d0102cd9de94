"""A covering noun (« habillage », « revêtement », « parement »: ``Vocabulary.covering_words``) names
a work by the finish it gives a surface; the thing named after it says which item the line is. A
removal of the old one (``Vocabulary.old_words``) after the line's own thing is a step of putting the
thing in its place, not the line's work. Wordings written for this test."""

from __future__ import annotations

import pytest

from billma_core.evaluation.matching import Matcher
from billma_core.models import Unit


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        # The covering noun's items of another trade (panelling, boxing-in) yield to the thing.
        ("Habillage du mur de la cuisine en plaques BA13", Unit.M2, "PLA-001"),
        ("Habillage du pan de mur en carreaux de faïence blanche", Unit.M2, "CAR-002"),
        ("Revêtement céramique de la crédence", Unit.M2, "CAR-002"),
        # A covering noun already a name of the thing's trade keeps its own items in the running.
        ("Revêtement mural vinyle expansé", Unit.M2, "REV-002"),
    ],
)
def test_a_covering_noun_yields_to_the_thing_named_after_it(matcher: Matcher, text: str, unit: Unit, code: str) -> None:
    assert (match := matcher.match(text, unit)).item is not None
    assert match.item.code == code


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        ("Plaques de plâtre hydrofuges sur ossature, dépose de l'ancien doublage", Unit.M2, "PLA-001"),
        ("Doublage collé isolant, dépose de l'existant", Unit.M2, "PLA-005"),
        ("Cloison en plaques sur rails, dépose de l'ancienne cloison", Unit.M2, "PLA-004"),
    ],
)
def test_the_old_one_taken_out_after_the_work_is_a_replacement(
    matcher: Matcher, text: str, unit: Unit, code: str
) -> None:
    assert (match := matcher.match(text, unit)).item is not None
    assert match.item.code == code


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        # A removal that is the line's work, first or after a heading, stays a removal (its item is
        # the cheaper one: a fitting's ceiling would let an overpriced removal pass).
        ("Dépose de l'ancien doublage placo", Unit.M2, "PLA-003"),
        ("Cloison placo : dépose de l'ancienne", Unit.M2, "PLA-003"),
        ("Placo, dépose", Unit.M2, "PLA-003"),
        ("Carrelage mural dépose", Unit.M2, "CAR-003"),
    ],
)
def test_a_removal_that_is_the_work_stays_a_removal(matcher: Matcher, text: str, unit: Unit, code: str) -> None:
    assert (match := matcher.match(text, unit)).item is not None
    assert match.item.code == code
