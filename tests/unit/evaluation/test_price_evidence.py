"""A line nothing is plausible for is UNMATCHED only when no reading is: below the threshold, the
candidates its own evidence supports (it names what they are, in their measure, of the quote's
trades) are confirmed by its price, which must sit in a reading's band and under every other
reading's ceiling; above every one of them it is OVERPRICED (issue 12, session 18)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_verdicts_decision import PROTECTION, Line, judge, make_quote

from billma_core.bareme import Bareme, load_bareme
from billma_core.evaluation.matching import matcher_for
from billma_core.evaluation.verdicts import PRICE_FLOOR
from billma_core.models import Cover, Outcome, Unit, Verdict
from billma_core.money import money

M2, ML, U, F = Unit.M2, Unit.ML, Unit.U, Unit.FORFAIT
# A cover every item of these lines is paid under.
AUTRE = Cover.AUTRE
# Gironde (the quotes' site): coefficient 1.06, tolerance 15 %.
COEF = Decimal("1.06")
# A roofer's sure line: the quote is of the roofing trade.
ROOF: Line = ("Tuiles, remplacement", "10", M2, "50", "10")
RIDGE = "Faîtières cassées remplacées"  # TOI-004, 70 €/ml; scores below the threshold
READ_BY_PRICE = "le prix du devis soutient la lecture"

# Development wordings (tests/heldout/wordings*) the matcher scores below the threshold but whose
# words, unit and trade support one item, with the line of that item's trade a quote carries.
SUPPORTED: list[tuple[str, Unit, Line]] = [
    (RIDGE, ML, ROOF),
    ("Élimination de la suie", M2, ("Nettoyage et désinfection après sinistre", "20", M2, "12", "10")),
    ("Essai d'étanchéité du réseau après réparation", F, ("Recherche de fuite", "1", F, "250", "10")),
    ("Fixateur durcisseur sur plâtre poreux", M2, ("Peinture des murs 2 couches", "40", M2, "25", "10")),
    ("Commande lumineuse à voyant remplacée", U, ("Remplacement d'une prise électrique", "2", U, "45", "10")),
]


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _reference(bareme: Bareme, code: str) -> Decimal:
    return money(bareme.item(code).unit_price_ht * COEF)


def test_a_line_below_the_threshold_is_read_by_its_price(bareme: Bareme) -> None:
    fair = _reference(bareme, "TOI-004")  # 74.20
    evaluation = judge(make_quote(ROOF, (RIDGE, "6", ML, str(fair), "10")), bareme, cover=AUTRE)
    line = evaluation.lines[1]
    assert line.verdict is Verdict.OK, line.why
    assert line.bareme_code == "TOI-004" and line.match_to_confirm
    assert f"{READ_BY_PRICE} TOI-004" in line.why
    assert line.candidates and line.candidates[0].bareme_code == "TOI-004"
    # The matcher alone still finds nothing plausible: the price is what confirms the reading.
    assert matcher_for(bareme).match(RIDGE, ML).item is None


def test_above_every_supported_ceiling_it_is_overpriced(bareme: Bareme) -> None:
    fair = _reference(bareme, "TOI-004")
    evaluation = judge(make_quote(ROOF, (RIDGE, "6", ML, str(2 * fair), "10")), bareme, cover=AUTRE)
    line = evaluation.lines[1]
    assert line.verdict is Verdict.OVERPRICED, line.why
    assert line.bareme_code == "TOI-004" and line.revised_total_ht == money(6 * fair)
    assert "dépasse le plafond de chacun" in line.why
    assert evaluation.outcome is not Outcome.AUTO_VALIDATED


def test_a_price_far_below_the_reference_supports_no_reading(bareme: Bareme) -> None:
    fair = _reference(bareme, "TOI-004")
    cheap = money(fair * PRICE_FLOOR) - Decimal("0.01")
    line = judge(make_quote(ROOF, (RIDGE, "6", ML, str(cheap), "10")), bareme, cover=AUTRE).lines[1]
    assert line.verdict is Verdict.UNMATCHED, line.why


def test_a_reading_of_a_trade_the_quote_is_not_of_stays_unmatched(bareme: Bareme) -> None:
    fair = _reference(bareme, "TOI-004")
    line = judge(make_quote(PROTECTION, (RIDGE, "6", ML, str(fair), "10")), bareme, cover=AUTRE).lines[1]
    assert line.verdict is Verdict.UNMATCHED, line.why


def test_a_cheaper_reading_keeps_a_dearer_one_from_accepting_its_price(bareme: Bareme) -> None:
    # "Évacuation de l'ancienne isolation" names the insulation (PLA-010, 25 €/m², supplied) and
    # its words are also the removal's (PLA-012, 12 €/m²): twice the removal's price sits in the
    # insulation's band but above the removal's ceiling, so no reading accepts it.
    matcher = matcher_for(bareme)
    wording = "Évacuation de l'ancienne isolation"
    trades = frozenset({bareme.item("PLA-010").trade})
    supported = {c.item.code for c in matcher.match_in(wording, M2, trades).supported}
    assert {"PLA-010", "PLA-012"} <= supported
    plaster: Line = ("Doublage placo, plaque de plâtre BA13", "10", M2, "40", "10")
    price = 2 * _reference(bareme, "PLA-012")
    assert (
        PRICE_FLOOR * _reference(bareme, "PLA-010") <= price <= money(_reference(bareme, "PLA-010") * Decimal("1.15"))
    )
    line = judge(make_quote(plaster, (wording, "10", M2, str(price), "10")), bareme, cover=AUTRE).lines[1]
    assert line.verdict is not Verdict.OK, line.why


@pytest.mark.parametrize(("wording", "unit", "companion"), SUPPORTED)
def test_each_supported_wording_is_read_by_its_price(bareme: Bareme, wording: str, unit: Unit, companion: Line) -> None:
    """The property below draws from real readings, not from lines that never reach the rule."""
    (code,) = {c.item.code for c in matcher_for(bareme).match_in(wording, unit, _trades(bareme, companion)).supported}
    line = judge(
        make_quote(companion, (wording, "3", unit, str(_reference(bareme, code)), "10")), bareme, cover=AUTRE
    ).lines[1]
    assert line.verdict is Verdict.OK and READ_BY_PRICE in line.why, line.why


def _trades(bareme: Bareme, companion: Line) -> frozenset:  # type: ignore[type-arg]
    matcher = matcher_for(bareme)
    return matcher.sure_trades(companion[0], companion[2])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=st.sampled_from(SUPPORTED),
    quantity=st.integers(min_value=1, max_value=30),
    extra=st.integers(min_value=0, max_value=300),
)
def test_a_price_above_every_supported_ceiling_is_overpriced_and_never_auto_validated(
    case: tuple[str, Unit, Line], quantity: int, extra: int
) -> None:
    """Any price above the highest ceiling among a line's readings, price-supported ones included,
    is OVERPRICED and the quote never auto-validated."""
    bareme = load_bareme()
    wording, unit, companion = case
    supported = matcher_for(bareme).match_in(wording, unit, _trades(bareme, companion)).supported
    highest = max(money(_reference(bareme, c.item.code) * Decimal("1.15")) for c in supported)
    raised = highest + money(highest * extra / 100) + Decimal("0.01")
    evaluation = judge(make_quote(companion, (wording, str(quantity), unit, str(raised), "10")), bareme, cover=AUTRE)
    assert evaluation.lines[1].verdict is Verdict.OVERPRICED, evaluation.lines[1].why
    assert evaluation.outcome is not Outcome.AUTO_VALIDATED
