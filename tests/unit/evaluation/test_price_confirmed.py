"""What the price of a line nothing is plausible for may confirm (issue 12, session 19, j42): a
reading in the line's own unit, among readings that name what they are of one trade, at a confidence
of its own (``PRICE_CONFIRMED``), not its score's. A count priced like a lump sum, or a line whose
naming readings are of several trades, stays UNMATCHED at a fair-looking price, and is still
OVERPRICED above every reading's ceiling. The wordings are labelled out-of-barème development
wordings (tests/unit/evaluation/wordings_fresh.tsv, tests/heldout/wordings19) that the session-18
rule accepted at a neighbour's reference."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_verdicts_decision import WALLS, Line, judge, make_quote

from billma_core.bareme import Bareme, load_bareme
from billma_core.evaluation.matching import matcher_for
from billma_core.evaluation.verdicts import PRICE_CONFIRMED
from billma_core.models import Cover, Outcome, Unit, Verdict
from billma_core.money import money

M2, ML, U = Unit.M2, Unit.ML, Unit.U
AUTRE = Cover.AUTRE
# Gironde (the quotes' site): coefficient 1.06, tolerance 15 %.
COEF = Decimal("1.06")
READ_BY_PRICE = "le prix du devis soutient la lecture"
ROOF: Line = ("Tuiles, remplacement", "10", M2, "50", "10")
DRYING: Line = ("Assèchement des murs", "1", Unit.FORFAIT, "400", "10")
# A mould treatment with no barème item: its words name the drying trade's fungicide (ASS-004) and
# the painter's stain-blocking primer (PEI-002), both 10 €/m².
TREATMENT = "Traitement curatif de la charpente par injection et pulvérisation"
# A fitting counted by the unit whose only reading is a lump sum (ASS-003, the drying's readings).
COUNTED = "Bouche d'extraction hygro de salle d'eau"


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _reference(bareme: Bareme, code: str) -> Decimal:
    return money(bareme.item(code).unit_price_ht * COEF)


def _supported(bareme: Bareme, wording: str, unit: Unit, *companions: Line) -> dict[str, str]:
    matcher = matcher_for(bareme)
    trades = frozenset().union(*(matcher.sure_trades(c[0], c[2]) for c in companions))
    read = matcher.match_in(wording, unit, trades)
    assert read.item is None
    return {c.item.code: c.item.trade.value for c in read.supported if c.named_at is not None}


def test_a_confirmed_reading_has_the_price_confirmations_confidence(bareme: Bareme) -> None:
    ridge = "Faîtières cassées remplacées"  # TOI-004, below the threshold (test_price_evidence)
    line = judge(make_quote(ROOF, (ridge, "6", ML, str(_reference(bareme, "TOI-004")), "10")), bareme, cover=AUTRE)
    judged = line.lines[1]
    assert judged.verdict is Verdict.OK and f"{READ_BY_PRICE} TOI-004" in judged.why
    assert judged.confidence == PRICE_CONFIRMED
    assert judged.candidates[0].bareme_code == "TOI-004" and judged.candidates[0].confidence == PRICE_CONFIRMED
    assert f"confiance {round(PRICE_CONFIRMED * 100)} %" in judged.why


def test_naming_readings_of_several_trades_are_not_confirmed_by_a_price(bareme: Bareme) -> None:
    named = _supported(bareme, TREATMENT, M2, DRYING, WALLS)
    assert named == {"ASS-004": "drying", "PEI-002": "painting"}
    fair = _reference(bareme, "ASS-004")
    evaluation = judge(make_quote(DRYING, WALLS, (TREATMENT, "20", M2, str(fair), "10")), bareme, cover=AUTRE)
    line = evaluation.lines[2]
    assert line.verdict is Verdict.UNMATCHED, line.why
    assert {c.bareme_code for c in line.candidates} >= {"ASS-004", "PEI-002"}


def test_naming_readings_of_several_trades_are_still_overpriced_above_every_ceiling(bareme: Bareme) -> None:
    twice = 2 * _reference(bareme, "ASS-004")
    evaluation = judge(make_quote(DRYING, WALLS, (TREATMENT, "20", M2, str(twice), "10")), bareme, cover=AUTRE)
    line = evaluation.lines[2]
    assert line.verdict is Verdict.OVERPRICED and "dépasse le plafond de chacun" in line.why, line.why
    assert evaluation.outcome is not Outcome.AUTO_VALIDATED


def test_the_same_line_of_one_trade_is_confirmed(bareme: Bareme) -> None:
    # On a quote of drying alone only the fungicide is read: its price confirms it.
    assert _supported(bareme, TREATMENT, M2, DRYING) == {"ASS-004": "drying"}
    fair = _reference(bareme, "ASS-004")
    line = judge(make_quote(DRYING, (TREATMENT, "20", M2, str(fair), "10")), bareme, cover=AUTRE).lines[1]
    assert line.verdict is Verdict.OK and f"{READ_BY_PRICE} ASS-004" in line.why, line.why


def test_a_count_priced_like_a_lump_sum_is_not_confirmed(bareme: Bareme) -> None:
    assert _supported(bareme, COUNTED, U, DRYING) == {"ASS-003": "drying"}
    assert bareme.item("ASS-003").unit is Unit.FORFAIT
    fair = _reference(bareme, "ASS-003")
    line = judge(make_quote(DRYING, (COUNTED, "1", U, str(fair), "10")), bareme, cover=AUTRE).lines[1]
    assert line.verdict is Verdict.UNMATCHED, line.why
    # The same work quoted as one lump sum is in the item's unit: its price confirms it.
    lump = judge(make_quote(DRYING, (COUNTED, "1", Unit.FORFAIT, str(fair), "10")), bareme, cover=AUTRE).lines[1]
    assert lump.verdict is Verdict.OK and READ_BY_PRICE in lump.why, lump.why
