"""Words of a line that the vocabulary reads as the work they name (barème 2025.3, each sourced):
a removal told by its participle after the thing (« carreaux retirés »), a disinfecting cleaning
(« nettoyage désinfectant »), a hire (« mise à disposition »), a work the line's work follows
(« après pompage »), the covering of the furniture (its protection, not a roof). Each line below was
read otherwise before these words were data."""

from __future__ import annotations

import pytest

from billma_core.bareme import Bareme, load_bareme
from billma_core.evaluation.matching import matcher_for
from billma_core.models import Unit


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # The thing taken out, never the thing supplied new (tiling 70 €/m² against its removal).
        ("Faïence murale retirée", Unit.M2, "CAR-003"),
        ("Parquet stratifié retiré", Unit.M2, "SOL-001"),
        ("Moquette retirée de la chambre", Unit.M2, "SOL-001"),
        # The cleaning that disinfects after a loss, not the end-of-works cleaning by the m².
        ("Nettoyage désinfectant des sols de la cave", Unit.M2, "NET-003"),
        # A machine's hire by the day, not a day of labour.
        ("Mise à disposition échafaudage", Unit.DAY, "INS-007"),
        # « après pompage de l'eau » says when; the pumping is another line's work.
        ("Bio-nettoyage après pompage de l'eau", Unit.M2, "NET-003"),
        # Covering the furniture is protecting it.
        ("Couverture des meubles du salon", Unit.FORFAIT, "INS-001"),
        # A roof's covering keeps its item.
        ("Réfection couverture tuile", Unit.M2, "TOI-001"),
    ],
)
def test_the_work_a_line_names(bareme: Bareme, wording: str, unit: Unit, code: str) -> None:
    match = matcher_for(bareme).match(wording, unit)
    assert match.item is not None and match.item.code == code, [c.item.code for c in match.candidates[:3]]
