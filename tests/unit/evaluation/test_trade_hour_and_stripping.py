"""Readings a post-fire cleaner's line needed (session 21, j50; barème 2025.3's ``abbreviations`` and
``pattern_parts``): an hour of a trade whose hourly item has no heads (« Heure de nettoyage ») was
priced at the dearer general labour; « dégarnissage » (stripping) was an unknown word, so the line
read as the thing's fitting; an ozone treatment said « ozonation », an odour treatment said
« olfactif » and a firm's « camion atelier » were not read. Wordings of our own, not of a measured
set."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from billma_core.models import Unit


@pytest.mark.parametrize(
    "wording", ["Vacation horaire d'un agent, nettoyage des locaux", "Heures d'ouvrier pour le nettoyage des pièces"]
)
def test_an_hour_naming_the_cleaning_is_the_cleaning_hour(
    priced: Callable[[str, Unit], str | None], wording: str
) -> None:
    assert priced(wording, Unit.H) == "NET-005"


def test_hours_naming_no_trade_or_a_headed_trade_keep_their_reading(priced: Callable[[str, Unit], str | None]) -> None:
    assert priced("Main d'œuvre", Unit.H) == "MOE-001"
    assert priced("Main d'œuvre peintre", Unit.H) == "MOE-002"
    assert priced("Heure de plombier", Unit.H) == "PLO-013"


@pytest.mark.parametrize("wording", ["Dégarnissage des dalles de faux plafond", "Dégarnir le faux plafond en dalles"])
def test_stripping_a_ceiling_is_its_removal(priced: Callable[[str, Unit], str | None], wording: str) -> None:
    assert priced(wording, Unit.M2) == "PLA-013"


@pytest.mark.parametrize("wording", ["Ozonisation du logement", "Traitement olfactif des pièces"])
def test_an_ozone_or_odour_treatment_is_the_odour_treatment(
    priced: Callable[[str, Unit], str | None], wording: str
) -> None:
    assert priced(wording, Unit.FORFAIT) == "NET-006"


@pytest.mark.parametrize("wording", ["Amenée du camion atelier", "Camion atelier sur place"])
def test_the_firms_truck_is_its_travel(priced: Callable[[str, Unit], str | None], wording: str) -> None:
    assert priced(wording, Unit.FORFAIT) == "INS-002"
