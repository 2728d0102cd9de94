"""What a work includes, after « y compris » or « incluant », is a detail of that work, read as a
parenthesis is: not a second work to add, nor the work itself. The barème's vocabulary holds the
words (``inclusion_words``). Wordings written for this test."""

from __future__ import annotations

import pytest

from billma_core.evaluation.matching import Matcher
from billma_core.models import Unit


def test_an_included_accessory_is_not_the_work(matcher: Matcher) -> None:
    # The accessory alone is its own item; included in the water heater's replacement, it is not.
    assert matcher.match("Remplacement du groupe de sécurité", Unit.U).item.code == "PLO-016"
    match = matcher.match("Remplacement chauffe-eau y compris groupe de sécurité", Unit.U)
    assert match.item is not None and match.item.code == "PLO-012"
    assert not match.parts


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Carrelage sol y compris colle et joints", Unit.M2),
        ("Remplacement chauffe-eau y compris groupe de sécurité", Unit.U),
        ("Peinture des murs et plafonds y compris préparation", Unit.M2),
        ("Faïence murale incluant joints et croisillons", Unit.M2),
        ("Remplacement stratifié y compris dépose", Unit.M2),
    ],
)
def test_what_a_work_includes_reads_as_a_parenthesis(matcher: Matcher, text: str, unit: Unit) -> None:
    work, marker, included = text.partition(" y compris " if " y compris " in text else " incluant ")
    bracketed = matcher.match(f"{work} ({marker.strip()} {included})", unit)
    match = matcher.match(text, unit)
    assert (match.item, match.parts, match.removal, match.plausible) == (
        bracketed.item,
        bracketed.parts,
        bracketed.removal,
        bracketed.plausible,
    )


def test_the_included_parts_are_one_work(matcher: Matcher) -> None:
    match = matcher.match("Carrelage sol y compris colle et joints", Unit.M2)
    assert match.item is not None and match.item.code == "CAR-001"
    assert not match.parts
