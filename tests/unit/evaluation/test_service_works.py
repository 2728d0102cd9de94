"""A work done on a thing in place (a check, a cleaning, an adjustment, a protection…) is never
priced as the thing new: the vocabulary says which kind of work each word names
(``Vocabulary.service_words``), each item which kinds it prices (``BaremeItem.services``), and the
matcher never prices such a line at an item that does not price its kind
(``bench/bench_service_variants.py`` counts it over every word and every thing sold)."""

from __future__ import annotations

import pytest

from bench.bench_service_variants import plausible_readings, priced_at_another_work, prices, variants
from billma_core.bareme import Bareme, load_bareme
from billma_core.models import Unit


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _read(bareme: Bareme, wording: str, unit: Unit) -> list[str]:
    return [item.code for item in plausible_readings(bareme, wording, unit)]


@pytest.mark.parametrize(
    ("wording", "unit", "never"),
    [
        # « Révision de la vitre »: the glazing is checked, not replaced (350 €/m²).
        ("Révision de la vitre de la porte", Unit.M2, {"VIT-001", "VIT-002"}),
        ("Chauffe-eau : détartrage", Unit.U, {"PLO-012"}),
        ("Tableau électrique : resserrage des connexions", Unit.U, {"ELE-006"}),
        ("Canalisation à contrôler", Unit.ML, {"PLO-003"}),
        ("Luminaire : nettoyage", Unit.U, {"ELE-003"}),
        ("Stratifié : retouche", Unit.M2, {"SOL-002"}),
        ("Gouttière à nettoyer", Unit.ML, {"TOI-003"}),
        ("Nettoyage du radiateur", Unit.U, {"ELE-009", "PLO-015"}),
    ],
)
def test_a_work_on_a_thing_in_place_is_no_new_thing(bareme: Bareme, wording: str, unit: Unit, never: set[str]) -> None:
    read = _read(bareme, wording, unit)
    assert not never & set(read), read


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # The item that prices the work keeps the line: the adjustment of a door, the protection of
        # the floors, the leak search, the cleaning of the site.
        ("Porte intérieure à régler", Unit.U, "MEN-002"),
        ("Rabotage de la porte de chambre", Unit.U, "MEN-002"),
        ("Protection des sols par film polyane", Unit.M2, "INS-003"),
        ("Recherche de fuite par caméra thermique", Unit.FORFAIT, "PLO-001"),
        ("Nettoyage de fin de chantier", Unit.FORFAIT, "NET-001"),
        ("Contrôle de l'installation électrique", Unit.FORFAIT, "ELE-007"),
        # Painting includes its preparation: its cleaning and filling are the painting's own words.
        ("Peinture des murs après lessivage et rebouchage", Unit.M2, "PEI-003"),
        # A work word after the thing that does not end the line after « à » or a colon says when
        # or how, not the line's work: the leak is repaired.
        ("Réparation de fuite après recherche", Unit.FORFAIT, "PLO-002"),
    ],
)
def test_a_line_doing_an_items_work_is_that_item(bareme: Bareme, wording: str, unit: Unit, code: str) -> None:
    assert _read(bareme, wording, unit)[:1] == [code]


def test_hung_things_taken_down_and_up_again_are_refitted(bareme: Bareme) -> None:
    # « Décrochage et raccrochage » are the removal and refit of a hung thing, not a new light.
    assert _read(bareme, "Décrochage et raccrochage de l'applique murale", Unit.U) == ["ELE-014"]
    assert "ELE-003" not in _read(bareme, "Décrochage du plafonnier", Unit.U)


def test_labour_and_hire_are_priced_for_any_work(bareme: Bareme) -> None:
    # An hour of labour or a day's hire is the time a work takes, whatever the work.
    hour = next(item for item in bareme.items if item.unit is Unit.H)
    supplied = bareme.item("MEN-003")
    assert all(prices(bareme, hour, kind) for kind in bareme.vocabulary.service_words)
    assert not any(prices(bareme, supplied, kind) for kind in bareme.vocabulary.service_words)
    # The painting prices the cleaning of the preparation it includes.
    assert prices(bareme, bareme.item("PEI-003"), "clean")


def test_the_variants_cover_every_kind_and_thing(bareme: Bareme) -> None:
    lines = variants(bareme)
    assert {line.kind for line in lines} == set(bareme.vocabulary.service_words)
    assert any(line.wording == "Nettoyage fenêtre" for line in lines)
    assert any(line.wording == "Vitrage : verification" for line in lines)


@pytest.mark.slow
def test_no_work_on_a_thing_in_place_is_priced_as_another_work(bareme: Bareme) -> None:
    # Every work word × every thing the barème sells × two forms (about 14 000 lines).
    found = priced_at_another_work(bareme)
    assert not found, found[:10]
