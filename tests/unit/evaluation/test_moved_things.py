"""Moving a thing fitted one by one (« Déplacement d'un point lumineux ») is a work on that thing
in place: priced by an item of that work whose names say the thing (its move, its removal and
refit) or by time, never by the contractor's trip (« Frais de déplacement »), whose word it shares,
nor by the new thing's fitting. The kinds of work whose word alone names something else are the
vocabulary's (``Vocabulary.thing_services``); the things are the heads of the items counted by the
unit."""

from __future__ import annotations

import pytest

from bench.bench_service_variants import FORMS, plausible_readings, prices
from billma_core.bareme import Bareme, load_bareme
from billma_core.bareme.schema import BaremeItem
from billma_core.evaluation.text import Wording
from billma_core.models import Unit


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _says(item: BaremeItem, thing: str, words: Wording) -> bool:
    """Whether one of the item's names says the thing (every word of it)."""
    names = {tok for name in (item.label, *item.synonyms) for tok in words.tokens(name)}
    return set(words.tokens(thing)) <= names


def _things(bareme: Bareme, words: Wording) -> list[tuple[str, BaremeItem]]:
    """Each thing sold one by one (a head of an item counted by the unit that does no work in
    place, whose first word names no work: not « peinture », « rabotage »), with the item selling it."""
    return [
        (head, item)
        for item in bareme.items
        if item.unit is Unit.U and not item.services
        for head in item.heads
        if not any(words.names_a_work(tok) for tok in words.tokens(head)[:1])
    ]


def test_a_moved_thing_is_priced_by_its_move_or_time(bareme: Bareme) -> None:
    words = Wording(bareme.vocabulary)
    wrong = []
    for kind in bareme.vocabulary.thing_services:
        for word in bareme.vocabulary.service_words[kind]:
            for thing, sold in _things(bareme, words):
                for form in FORMS:
                    wording = form.format(work=word, thing=thing).capitalize()
                    for item in plausible_readings(bareme, wording, Unit.U):
                        timed = item.unit in (Unit.H, Unit.DAY)
                        if item == sold or not (timed or (prices(bareme, item, kind) and _says(item, thing, words))):
                            wrong.append((wording, item.code))
    assert not wrong, wrong[:10]


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        # The barème's move items (public sources in their records).
        ("Déplacement d'un point lumineux au plafond", "ELE-015"),
        ("Déplacer un point lumineux", "ELE-015"),
        ("Point lumineux à déplacer", "ELE-015"),
        ("Déplacement d'une prise de courant", "ELE-016"),
        ("Déplacement du radiateur", "PLO-022"),
    ],
)
def test_a_moved_thing_is_its_move_item(bareme: Bareme, wording: str, code: str) -> None:
    assert [item.code for item in plausible_readings(bareme, wording, Unit.U)] == [code]


@pytest.mark.parametrize(
    ("wording", "unit"),
    [
        ("Frais de déplacement", Unit.FORFAIT),
        ("Déplacement du technicien", Unit.FORFAIT),
        ("Frais de déplacement du plombier", Unit.FORFAIT),
        ("Déplacement + diagnostic plombier", Unit.FORFAIT),
    ],
)
def test_a_trip_stays_a_trip(bareme: Bareme, wording: str, unit: Unit) -> None:
    # Alone or with a person, « déplacement » is the contractor's trip.
    assert [item.code for item in plausible_readings(bareme, wording, unit)] == ["INS-002"]


def test_moving_a_thing_with_no_move_item_is_never_a_trip(bareme: Bareme) -> None:
    # An electric radiator has no move item (the water radiator's excludes it): its refit, time,
    # or a reviewer; never the trip, never a new radiator.
    read = {item.code for item in plausible_readings(bareme, "Déplacement du radiateur électrique", Unit.U)}
    assert not read & {"INS-002", "ELE-009", "PLO-022"}, read


@pytest.mark.parametrize(
    ("wording", "never"),
    [
        ("Remplacement prise de courant", {"ELE-016"}),
        ("Remplacement du radiateur à eau", {"PLO-022"}),
        ("Fourniture et pose d'un plafonnier", {"ELE-015"}),
    ],
)
def test_a_new_thing_is_never_its_move(bareme: Bareme, wording: str, never: set[str]) -> None:
    # A line fitting a thing is not a work on it in place (every name of a move item moves).
    read = {item.code for item in plausible_readings(bareme, wording, Unit.U)}
    assert not read & never, read
