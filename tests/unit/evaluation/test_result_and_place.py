"""A work named by what it makes, by what it repairs, by the place it covers or by the costs of
coming, and a thing hired by the day (session 15, wordings_j32). Wordings written for this test, none
from a wording set: each case fails on the barème and matcher before these rules
(``git show b40c60d:…``), except the guards, which hold on both."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from billma_core.models import Unit


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # The place a work covers, then its material (``Vocabulary.surface_words``).
        ("Pourtour de la baignoire carrelé en faïence murale", Unit.M2, "CAR-002"),
        ("Soubassement de l'escalier en faïence", Unit.M2, "CAR-002"),
        ("Pan de mur derrière la cuisinière en carreaux de faïence", Unit.M2, "CAR-002"),
        # A result said for the fitting (« rabaissé », read as its pose).
        ("Plafond du couloir rabaissé en lambris PVC", Unit.M2, "REV-004"),
        # A repair takes nothing out: the removal word after the thing is its state.
        ("Reprise de la couverture sur la partie arrachée par la tempête", Unit.M2, "TOI-001"),
        # The costs of coming and setting up.
        ("Frais de venue et mise en place de l'outillage du plombier", Unit.FORFAIT, "INS-002"),
        # A light's control is a switch.
        ("Commande d'éclairage du garage, remplacement", Unit.U, "ELE-002"),
    ],
)
def test_a_work_named_by_its_result_repair_place_or_setup(
    priced: Callable[[str, Unit], str | None], wording: str, unit: Unit, code: str
) -> None:
    assert priced(wording, unit) == code


@pytest.mark.parametrize(
    "wording",
    [
        "Appareil d'assèchement des cloisons loué, tarif par jour",
        "Séchage du sol par appareil laissé en place, coût par journée",
        "Appareil de séchage du plancher, tarif journalier",
    ],
)
def test_a_drying_appliance_by_the_day_is_its_daily_hire(
    priced: Callable[[str, Unit], str | None], wording: str
) -> None:
    """Never the hour of a worker (MOE, ELE-011), never the whole drying set-up (ASS-002, a lump
    sum): an inflated daily hire would pass under either."""
    assert priced(wording, Unit.DAY) == "ASS-001"


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # A day of labour named so stays labour; a scaffold, whose trade prices no day, keeps its item.
        ("Journée de main d'oeuvre plombier", Unit.DAY, "PLO-013"),
        ("Mise à disposition échafaudage", Unit.DAY, "INS-007"),
        # A surface that is the item's own thing in the line's measure is that thing.
        ("Tablier de volet roulant aluminium remplacé, mécanisme conservé", Unit.U, "MEN-006"),
        # A removal and a repair joined: the removal is the line's (not the light's replacement).
        ("Dépose du plafond affaissé en plaques de plâtre", Unit.M2, "PLA-003"),
    ],
)
def test_guards(priced: Callable[[str, Unit], str | None], wording: str, unit: Unit, code: str) -> None:
    assert priced(wording, unit) == code


def test_a_repair_joined_to_a_removal_is_no_replacement(priced: Callable[[str, Unit], str | None]) -> None:
    assert priced("Réparation et dépose du luminaire", Unit.U) != "ELE-003"
