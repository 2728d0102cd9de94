"""A line naming apart a work and what the barème's one item for both includes (a board and its
insulation) is that composite item, never the sum of a board and an insulation, which is dearer
(issue 12: "or the composite item where the barème has one"). Words that do not say which composite
price it at the cheaper one. Removal worded as « suppression » is a removal; bringing a thing up to
standard (« mise aux normes ») is no replacement of it. Wordings written for this test."""

from __future__ import annotations

import pytest

from billma_core.evaluation.matching import Matcher
from billma_core.models import Unit


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        ("Placo BA13 + laine de roche 100 mm (doublage)", "PLA-005"),
        ("Doublage placo et laine de roche", "PLA-005"),
        ("Cloison placo + laine de verre", "PLA-004"),
    ],
)
def test_a_board_and_its_insulation_named_apart_is_the_composite_item(
    matcher: Matcher, wording: str, code: str
) -> None:
    match = matcher.match(wording, Unit.M2)
    assert match.item is not None and match.item.code == code
    assert not match.parts


def test_words_that_do_not_say_which_composite_price_the_cheaper(matcher: Matcher) -> None:
    match = matcher.match("Placo + laine de verre", Unit.M2)
    assert match.item is not None and not match.parts
    cheapest = min(
        (item for item in matcher.bareme.items if "PLA-010" in item.includes), key=lambda item: item.unit_price_ht
    )
    assert match.item == cheapest


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        ("Suppression du papier peint", Unit.M2, "REV-001"),
        ("Suppression ancienne moquette", Unit.M2, "SOL-001"),
        ("Suppression carrelage mural", Unit.M2, "CAR-003"),
    ],
)
def test_a_suppression_is_a_removal(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code


def test_bringing_a_thing_up_to_standard_is_no_replacement_of_it(matcher: Matcher) -> None:
    # Public sources say an electrical panel out of standard is replaced, not that every thing brought
    # up to standard is: read as a replacement, a water heater's few fittings would be priced at a new
    # water heater's ceiling and an inflated line would pass. Such a line goes to a reviewer.
    assert matcher.match("Remplacement du chauffe-eau", Unit.U).item is not None
    assert matcher.match("Mise aux normes du chauffe-eau", Unit.U).item is None


@pytest.mark.parametrize(
    "wording", ["Nettoyage des murs et du sol après inondation", "Nettoyage des plafonds suite au sinistre"]
)
def test_a_cleaning_after_a_loss_is_the_cleaning_after_a_loss(matcher: Matcher, wording: str) -> None:
    # The walls' preparation explains more words, but the line's work is a cleaning and it says
    # it follows a loss: the barème's cleaning after a loss comes first.
    match = matcher.match(wording, Unit.M2)
    assert match.item is not None and match.item.code == "NET-003"


def test_a_cleaning_before_painting_stays_the_preparation(matcher: Matcher) -> None:
    match = matcher.match("Nettoyage des murs avant peinture", Unit.M2)
    assert match.item is not None and match.item.code == "PEI-001"


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        ("Recherche de fuite par fumigène sur la colonne", Unit.FORFAIT, "PLO-001"),
        ("Séchage des maçonneries après inondation", Unit.FORFAIT, "ASS-002"),
    ],
)
def test_leak_search_by_smoke_and_drying_masonry_are_named(
    matcher: Matcher, wording: str, unit: Unit, code: str
) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code


@pytest.mark.parametrize("wording", ["Dépose et repose du WC", "Bloc WC : dépose puis repose"])
def test_a_wc_taken_off_and_refitted_is_the_appliance(matcher: Matcher, wording: str) -> None:
    match = matcher.match(wording, Unit.U)
    assert match.item is not None and match.item.code == "PLO-010"


def test_a_wc_as_a_room_stays_a_room(matcher: Matcher) -> None:
    match = matcher.match("Peinture murs WC", Unit.M2)
    assert match.item is not None and match.item.code == "PEI-003"
