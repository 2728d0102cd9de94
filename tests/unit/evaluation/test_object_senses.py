"""A noun of a work whose sense depends on having an object (``Vocabulary.object_senses``):
« déplacement » of a thing fitted one by one is fitting it elsewhere, alone (or of the contractor)
the trip. And a line naming beside a thing another one its item excludes, which the barème does not
price, is that item for its thing. Cases drawn from the barème's own heads and exclusions; wordings
written for this test."""

from __future__ import annotations

import pytest

from billma_core.bareme import load_bareme
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.models import Unit


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return matcher_for(load_bareme())


def test_moving_a_fitted_thing_is_fitting_it_not_the_trip(matcher: Matcher) -> None:
    trip = matcher.match("Déplacement", Unit.FORFAIT).item
    assert trip is not None
    checked = 0
    for item in matcher.bareme.items:
        if item.unit is not Unit.U:
            continue
        for head in item.heads:
            fitted = matcher.match(f"Pose d'un {head}", Unit.U)
            if fitted.item != item or head.split()[0] not in {h.split()[0] for h in item.heads}:
                continue
            if matcher.words.canonical(head.split()[0])[0] not in matcher._fitted_things:
                continue
            for moving in (f"Déplacement d'un {head}", f"Déplacer un {head}"):
                moved = matcher.match(moving, Unit.U)
                assert moved.item == item, (moving, moved.candidates[:2])
                assert moved.item != trip
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    "text",
    ["Déplacement", "Frais de déplacement", "Frais de déplacement du plombier", "Déplacement et installation"],
)
def test_a_trip_stays_a_trip(matcher: Matcher, text: str) -> None:
    assert matcher.match(text, Unit.FORFAIT).item == matcher.match("Frais de déplacement", Unit.FORFAIT).item


def test_the_bareme_own_moving_of_a_thing_keeps_its_item(matcher: Matcher) -> None:
    # « déplacement des meubles » is an item's own name: the noun keeps its sense there.
    named = [
        (item, name)
        for item in matcher.bareme.items
        for name in item.synonyms
        if name.lower().startswith("déplacement d") and item.unit is not Unit.H
    ]
    assert named
    for item, name in named:
        assert matcher.match(name[:1].upper() + name[1:], item.unit).item == item, name


def test_a_thing_beside_one_its_item_excludes_is_that_item(matcher: Matcher) -> None:
    checked = 0
    for item in matcher.bareme.items:
        if item.unit is not Unit.U or not item.excludes:
            continue
        for head in item.heads:
            if " " in head or matcher.match(f"Remplacement {head}", Unit.U).item != item:
                continue
            for excluded in item.excludes:
                if " " in excluded or matcher.match(f"Remplacement {head} {excluded}", Unit.U).item is not None:
                    continue
                both = matcher.match(f"Remplacement {head} {excluded} et {head} de la cuisine", Unit.U)
                # Never another item (a part read as something else leaves the line to a human).
                assert both.item in (item, None), (head, excluded, both.candidates[:2])
                checked += both.item == item
    assert checked >= 3


def test_an_excluded_thing_alone_stays_unread(matcher: Matcher) -> None:
    # The exclusion still rules the item out where the line names nothing else it prices.
    for item in matcher.bareme.items:
        for excluded in item.excludes:
            for head in item.heads[:1]:
                match = matcher.match(f"Remplacement {head} {excluded}", item.unit)
                assert match.item != item or match.parts, (head, excluded)
