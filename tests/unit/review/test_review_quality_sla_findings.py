"""Quality sample of automatic validations, ageing against the review SLA, dismissed findings,
and what /stats makes of them."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from review_factory import NOW, REVIEWER, make_dossier, make_evaluation

from billma_core.errors import Conflict, RuleViolation, ValidationFailed
from billma_core.models import DossierState, Flag, MotifCode, Outcome
from billma_core.review import ROBOT, close, compute_stats
from billma_core.review.findings import dismiss
from billma_core.review.quality import draw, record, sampled, wilson_interval
from billma_core.review.sla import age_hours, is_overdue
from billma_core.settings import Settings


def auto_validated(dossier_id: str, rate: float = 1.0):
    settings = Settings(audit_sample_rate=rate)
    dossier = make_dossier(DossierState.ANALYSING, evaluation=make_evaluation(Outcome.AUTO_VALIDATED))
    dossier = dossier.model_copy(update={"dossier_id": dossier_id})
    closure = close(dossier, MotifCode.AUTO_VALIDATED, None, None, ROBOT, NOW, settings)
    dossier = dossier.model_copy(update={"closure": closure, "state": DossierState.CLOSED})
    return dossier.model_copy(update={"quality_check": draw(dossier, settings, NOW)})


def test_the_sample_is_a_deterministic_share_of_the_ids() -> None:
    ids = [f"dossier-{n}" for n in range(4000)]
    drawn = [i for i in ids if sampled(i, 0.05)]
    assert drawn == [i for i in ids if sampled(i, 0.05)]  # a replay draws the same ones
    assert 0.04 < len(drawn) / len(ids) < 0.06
    assert set(drawn) <= {i for i in ids if sampled(i, 0.2)}  # a larger rate keeps them
    assert not any(sampled(i, 0.0) for i in ids) and all(sampled(i, 1.0) for i in ids)


def test_only_automatic_validations_are_drawn_and_a_check_is_final() -> None:
    assert auto_validated("a", rate=0.0).quality_check is None
    assert draw(make_dossier(), Settings(audit_sample_rate=1.0), NOW) is None  # not closed
    dossier = auto_validated("a")
    assert dossier.quality_check is not None and dossier.quality_check.agree is None
    with pytest.raises(RuleViolation):
        record(dossier, False, "  ", REVIEWER, NOW)  # a disagreement says why
    check = record(dossier, True, None, REVIEWER, NOW)
    assert (check.agree, check.by) == (True, REVIEWER)
    with pytest.raises(Conflict):
        record(dossier.model_copy(update={"quality_check": check}), False, "non", REVIEWER, NOW)
    with pytest.raises(RuleViolation):
        record(auto_validated("b", rate=0.0), True, None, REVIEWER, NOW)


def test_wilson_interval() -> None:
    assert wilson_interval(0, 0) is None
    low, high = wilson_interval(95, 100) or (0.0, 0.0)
    assert low < 0.95 < high and math.isclose(low, 0.8882, abs_tol=1e-3) and math.isclose(high, 0.9785, abs_tol=1e-3)
    low, high = wilson_interval(10, 10) or (0.0, 0.0)
    assert high == pytest.approx(1.0) and 0.69 < low < 0.73


def test_age_and_overdue_count_from_the_robot_hand_off() -> None:
    dossier = make_dossier(DossierState.TO_REVIEW)
    assert dossier.evaluation is not None
    handed = dossier.evaluation.evaluated_at
    assert age_hours(dossier, handed + timedelta(hours=50)) == pytest.approx(50)
    assert is_overdue(dossier, handed + timedelta(hours=50), 48)
    assert not is_overdue(dossier, handed + timedelta(hours=47), 48)
    closed = dossier.model_copy(update={"state": DossierState.CLOSED})
    assert not is_overdue(closed, handed + timedelta(hours=50), 48)


def test_a_finding_is_dismissed_once_with_a_reason() -> None:
    dossier = make_dossier()  # line 0 overpriced, line 2 not covered
    assert dossier.evaluation is not None
    dossier = dossier.model_copy(
        update={
            "evaluation": dossier.evaluation.model_copy(
                update={"flags": [Flag.OVERPRICED, Flag.NOT_COVERED, Flag.SUSPICIOUS_AMOUNTS]}
            )
        }
    )
    dismissed = dismiss(dossier, Flag.OVERPRICED, 0, "prix négocié avec l'assureur", REVIEWER, NOW)
    assert [(d.flag, d.line, d.by) for d in dismissed] == [(Flag.OVERPRICED, 0, REVIEWER)]
    # A dossier-level flag (a fraud signal) is dismissed the same way.
    assert dismiss(dossier, Flag.SUSPICIOUS_AMOUNTS, None, "montants ronds usuels", REVIEWER, NOW)
    with pytest.raises(RuleViolation):
        dismiss(dossier, Flag.OVERPRICED, 1, "raison", REVIEWER, NOW)  # line 1 is OK
    with pytest.raises(RuleViolation):
        dismiss(dossier, Flag.INVALID_SIRET, None, "raison", REVIEWER, NOW)  # not raised
    with pytest.raises(ValidationFailed):
        dismiss(dossier, Flag.OVERPRICED, 0, "   ", REVIEWER, NOW)
    with pytest.raises(ValidationFailed):
        dismiss(dossier, Flag.OVERPRICED, 9, "raison", REVIEWER, NOW)
    with pytest.raises(Conflict):
        dismiss(dossier.model_copy(update={"dismissals": dismissed}), Flag.OVERPRICED, 0, "encore", REVIEWER, NOW)
    with pytest.raises(RuleViolation):
        dismiss(dossier.model_copy(update={"state": DossierState.TO_REVIEW}), Flag.OVERPRICED, 0, "r", REVIEWER, NOW)


def test_stats_of_the_sample_the_sla_and_the_dismissals() -> None:
    agreed = [auto_validated(f"ok-{n}") for n in range(3)]
    agreed = [d.model_copy(update={"quality_check": record(d, True, None, REVIEWER, NOW)}) for d in agreed]
    disagreed = auto_validated("ko")
    disagreed = disagreed.model_copy(update={"quality_check": record(disagreed, False, "fuite", REVIEWER, NOW)})
    pending = auto_validated("pending")
    waiting = make_dossier(DossierState.TO_REVIEW)
    assert waiting.evaluation is not None
    now = waiting.evaluation.evaluated_at + timedelta(hours=60)
    late = make_dossier().model_copy(update={"dossier_id": "late"})
    late = late.model_copy(update={"dismissals": dismiss(late, Flag.OVERPRICED, 0, "r", REVIEWER, NOW)})

    stats = compute_stats([*agreed, disagreed, pending, waiting, late], Settings(review_sla_hours=48), now)
    assert (stats.quality_sampled, stats.quality_pending, stats.quality_checked, stats.quality_agreed) == (5, 1, 4, 3)
    assert stats.quality_agreement_rate == 0.75
    assert stats.quality_agreement_interval_95 is not None
    low, high = stats.quality_agreement_interval_95
    assert low < 0.75 < high
    assert (stats.waiting, stats.overdue) == (2, 2)
    assert stats.oldest_waiting_hours == pytest.approx(60, abs=0.01)
    assert stats.dismissals_by_flag == {"overpriced": 1}
