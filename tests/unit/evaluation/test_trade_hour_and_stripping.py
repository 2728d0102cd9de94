"""Readings a post-fire cleaner's line needed (session 21, j50; barème 2025.3's ``abbreviations`` and
``pattern_parts``): an hour of a trade whose hourly item has no heads (« Heure de nettoyage ») was
priced at the dearer general labour; « dégarnissage » (stripping) was an unknown word, so the line
read as the thing's fitting; an ozone treatment said « ozonation », an odour treatment said
« olfactif » and a firm's « camion atelier » were not read. Wordings of our own, not of a measured
set."""

from __future__ import annotations

import pytest

from billma_core.bareme import load_bareme
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.models import Unit


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return matcher_for(load_bareme())


def _code(matcher: Matcher, wording: str, unit: Unit) -> str | None:
    match = matcher.match(wording, unit)
    return match.item.code if match.item is not None else None


@pytest.mark.parametrize(
    "wording", ["Vacation horaire d'un agent, nettoyage des locaux", "Heures d'ouvrier pour le nettoyage des pièces"]
)
def test_an_hour_naming_the_cleaning_is_the_cleaning_hour(matcher: Matcher, wording: str) -> None:
    assert _code(matcher, wording, Unit.H) == "NET-005"


def test_hours_naming_no_trade_or_a_headed_trade_keep_their_reading(matcher: Matcher) -> None:
    assert _code(matcher, "Main d'œuvre", Unit.H) == "MOE-001"
    assert _code(matcher, "Main d'œuvre peintre", Unit.H) == "MOE-002"
    assert _code(matcher, "Heure de plombier", Unit.H) == "PLO-013"


@pytest.mark.parametrize("wording", ["Dégarnissage des dalles de faux plafond", "Dégarnir le faux plafond en dalles"])
def test_stripping_a_ceiling_is_its_removal(matcher: Matcher, wording: str) -> None:
    assert _code(matcher, wording, Unit.M2) == "PLA-013"


@pytest.mark.parametrize("wording", ["Ozonisation du logement", "Traitement olfactif des pièces"])
def test_an_ozone_or_odour_treatment_is_the_odour_treatment(matcher: Matcher, wording: str) -> None:
    assert _code(matcher, wording, Unit.FORFAIT) == "NET-006"


@pytest.mark.parametrize("wording", ["Amenée du camion atelier", "Camion atelier sur place"])
def test_the_firms_truck_is_its_travel(matcher: Matcher, wording: str) -> None:
    assert _code(matcher, wording, Unit.FORFAIT) == "INS-002"
