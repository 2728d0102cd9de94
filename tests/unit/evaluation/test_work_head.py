"""A line naming first a work in place that is one item's one-word head, the rest its object and
context (« Désinfection des sols souillés par les eaux usées »), keeps that item among its readings:
the complement's words, which no item explains, do not push it under the threshold. Only when the
item prices that work on any object (its heads all name works), or on one the line names (a leak
search is of a leak), and only for the line's own word (not a word mended into it)."""

from __future__ import annotations

import pytest

from bench.bench_service_variants import plausible_readings
from billma_core.bareme import Bareme, load_bareme
from billma_core.models import Unit


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


@pytest.mark.parametrize(
    "wording",
    [
        "Désinfection des sols souillés par les eaux usées",
        "Désinfection des surfaces souillées par les eaux de crue",
        "Désinfection des murs contaminés par les boues",
    ],
)
def test_the_head_keeps_its_item(bareme: Bareme, wording: str) -> None:
    assert "NET-003" in [item.code for item in plausible_readings(bareme, wording, Unit.M2)]


@pytest.mark.parametrize(
    ("wording", "unit", "never"),
    [
        # A leak search is of a leak: searching the cause of power cuts is no leak search.
        ("Recherche de la cause des coupures intempestives", Unit.FORFAIT, "PLO-001"),
        # « Aplanissement » is mended into « assainissement » (a disinfection head): not the line's word.
        ("Aplanissement du sol avant pose", Unit.M2, "NET-003"),
    ],
)
def test_no_head_but_the_lines_own_work(bareme: Bareme, wording: str, unit: Unit, never: str) -> None:
    assert never not in [item.code for item in plausible_readings(bareme, wording, unit)]
