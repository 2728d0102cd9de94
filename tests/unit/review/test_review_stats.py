from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from review_factory import closed, make_dossier, make_evaluation, revised, small_gap_decisions, with_ren

from billma_core.models import DossierState, MotifCode, Outcome, RenDecision
from billma_core.review import ROBOT, close, compute_stats
from billma_core.review.stats import Stats
from billma_core.settings import Settings


def _auto_validated(hours: int):
    dossier = make_dossier(DossierState.ANALYSING, evaluation=make_evaluation(Outcome.AUTO_VALIDATED))
    closure = close(
        dossier, MotifCode.AUTO_VALIDATED, None, None, ROBOT, dossier.created_at + timedelta(hours=hours), Settings()
    )
    return dossier.model_copy(update={"closure": closure, "state": DossierState.CLOSED})


def test_stats_of_nothing():
    stats = compute_stats([])
    assert stats == Stats(
        total=0,
        by_state={state.value: 0 for state in DossierState},
        by_motif={motif.value: 0 for motif in MotifCode},
    )


def test_counts_rates_gap_saved_and_median():
    ren_refused = with_ren(with_ren(revised(make_dossier()), RenDecision.PROPOSED), RenDecision.REFUSED)
    ren_accepted = with_ren(with_ren(revised(make_dossier()), RenDecision.PROPOSED), RenDecision.ACCEPTED)
    dossiers = [
        _auto_validated(1),
        _auto_validated(2),
        closed(ren_refused, MotifCode.INDEMNITY_REVISED, "OVERVALUED"),  # 30 h, saves 825
        closed(ren_accepted, MotifCode.REN_ACCEPTED),  # 30 h, saves 825
        closed(revised(make_dossier(), small_gap_decisions()), MotifCode.GAP_UNDER_200),  # 30 h, pays the quote
        make_dossier(DossierState.TO_REVIEW),
        make_dossier(DossierState.AWAITING_DOCUMENT, with_evaluation=False),
    ]
    stats = compute_stats(iter(dossiers))
    assert stats.total == 7
    assert stats.by_state["CLOSED"] == 5
    assert stats.by_state["TO_REVIEW"] == 1
    assert stats.by_state["AWAITING_DOCUMENT"] == 1
    assert stats.by_motif["AUTO_VALIDATED"] == 2
    assert stats.by_motif["INDEMNITY_REVISED"] == 1
    assert stats.by_motif["OUT_OF_SCOPE"] == 0
    assert stats.evaluated == 6
    assert stats.auto_validated == 2
    assert stats.auto_validation_rate == round(2 / 6, 4)
    assert stats.total_gap_saved_ttc == Decimal("1650.00")
    assert stats.closed == 5
    assert stats.median_hours_to_close == 30.0
    assert stats.model_dump(mode="json")["total_gap_saved_ttc"] == 1650.0
