"""A line counted in another unit than its item's (issue 12, session 9): days of labour are hours
of the trade's hourly item, but hours are never days of an item priced by the day (a hire runs by
the calendar day), and a count or a surface is never a length: such a line is unmeasured, so a
price per hour of a day's hire can never pass as a price per day."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_verdicts_decision import WALLS, judge, make_quote

from billma_core.bareme import Bareme, load_bareme
from billma_core.models import Outcome, Unit, Verdict


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _day_items() -> list[str]:
    return [item.label for item in load_bareme().items if item.unit is Unit.DAY]


@settings(max_examples=40, deadline=None)
@given(label=st.sampled_from(_day_items()), hours=st.integers(1, 200), price=st.integers(1, 500))
def test_hours_of_an_item_priced_by_the_day_are_never_validated(label: str, hours: int, price: int) -> None:
    bareme = load_bareme()
    evaluation = judge(make_quote(WALLS, (label, str(hours), Unit.H, str(price), "10"), postal=None), bareme)
    line = evaluation.lines[1]
    assume(line.bareme_code is not None and bareme.item(line.bareme_code).unit is Unit.DAY)
    assert line.verdict is not Verdict.OK, line.why
    assert evaluation.outcome is not Outcome.AUTO_VALIDATED


def test_days_of_labour_are_hours_of_the_trades_hourly_item(bareme: Bareme) -> None:
    hours = bareme.hours_per_day
    rate = bareme.item(bareme.general_labour or "").unit_price_ht
    fair = judge(make_quote(WALLS, ("Main d'œuvre", "2", Unit.DAY, str(rate * hours), "10"), postal=None), bareme)
    assert fair.lines[1].verdict is Verdict.OK, fair.lines[1].why
    dear = rate * hours * Decimal("1.5")
    inflated = judge(make_quote(WALLS, ("Main d'œuvre", "2", Unit.DAY, str(dear), "10"), postal=None), bareme)
    assert inflated.lines[1].verdict is Verdict.OVERPRICED, inflated.lines[1].why


@pytest.mark.parametrize(
    ("wording", "unit"),
    [("Plinthes bois fournies posées", Unit.U), ("Peinture des plinthes", Unit.M2), ("Carrelage de sol", Unit.ML)],
)
def test_a_count_a_surface_or_a_length_is_no_other_measure(bareme: Bareme, wording: str, unit: Unit) -> None:
    evaluation = judge(make_quote(WALLS, (wording, "12", unit, "10", "10"), postal=None), bareme)
    assert evaluation.lines[1].verdict is Verdict.UNMEASURED, evaluation.lines[1].why
    assert evaluation.outcome is not Outcome.AUTO_VALIDATED


def test_one_job_printed_without_a_unit_is_judged_as_a_lump_sum(bareme: Bareme) -> None:
    """« Bâche de sol et adhésif   1   77 € »: the barème prices protection per m² and as a lump sum;
    a quantity of one with no unit is the whole job, checked against the lump sum's ceiling."""
    fair = judge(make_quote(WALLS, ("Bâche de sol et adhésif", "1", None, "77", "10"), postal=None), bareme)
    line = fair.lines[1]
    assert line.verdict is Verdict.OK, line.why
    assert line.bareme_code is not None and bareme.item(line.bareme_code).unit is Unit.FORFAIT
    ceiling = line.candidates[0].ceiling_unit_price_ht
    dear = judge(make_quote(WALLS, ("Bâche de sol et adhésif", "1", None, str(ceiling * 2), "10"), postal=None), bareme)
    assert dear.lines[1].verdict is Verdict.OVERPRICED, dear.lines[1].why


@pytest.mark.parametrize("wording", ["Peinture des murs 2 couches", "Carrelage de sol fourni posé", "Plinthes bois"])
def test_one_measured_job_printed_without_a_unit_still_asks_for_its_measure(bareme: Bareme, wording: str) -> None:
    evaluation = judge(make_quote(WALLS, (wording, "1", None, "900", "10"), postal=None), bareme)
    assert evaluation.lines[1].verdict is Verdict.UNMEASURED, evaluation.lines[1].why
    assert evaluation.outcome is not Outcome.AUTO_VALIDATED
