"""Reviewer statistics over a set of dossiers (GET /stats)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from statistics import median

from pydantic import BaseModel, Field

from billma_core.models import Dossier, DossierState, Flag, MotifCode, utc_now
from billma_core.money import ZERO, Money, money
from billma_core.review.closure import ROBOT
from billma_core.review.quality import wilson_interval
from billma_core.review.sla import age_hours, is_waiting
from billma_core.settings import Settings

# Motifs whose settlement is below the quote by the revision's gap: the gap is money saved.
SAVING_MOTIFS = frozenset({MotifCode.INDEMNITY_REVISED, MotifCode.REN_ACCEPTED})


class Stats(BaseModel):
    total: int
    by_state: dict[str, int] = Field(default_factory=dict)
    by_motif: dict[str, int] = Field(default_factory=dict)
    evaluated: int = 0
    auto_validated: int = 0
    auto_validation_rate: float | None = None
    total_gap_saved_ttc: Money = ZERO
    closed: int = 0
    median_hours_to_close: float | None = None
    # Quality sample of automatic validations: checked, agreed, agreement rate and its 95 %
    # Wilson interval (1 − rate: the robot's measured false-validation rate).
    quality_sampled: int = 0
    quality_pending: int = 0
    quality_checked: int = 0
    quality_agreed: int = 0
    quality_agreement_rate: float | None = None
    # [low, high] (a list: the OpenAPI document cannot describe a tuple).
    quality_agreement_interval_95: list[float] | None = None
    # Review SLA: dossiers closed by a reviewer within the SLA (from the robot's hand-off), the
    # waiting ones overdue, the oldest waiting.
    review_sla_hours: float = Settings.model_fields["review_sla_hours"].default
    reviewed: int = 0
    reviewed_within_sla: int = 0
    within_sla_rate: float | None = None
    waiting: int = 0
    overdue: int = 0
    oldest_waiting_hours: float | None = None
    oldest_waiting_dossier: str | None = None
    # Robot findings reviewers dismissed, by flag (the rules they overrule most).
    dismissals_by_flag: dict[str, int] = Field(default_factory=dict)


def compute_stats(dossiers: Iterable[Dossier], settings: Settings | None = None, now: datetime | None = None) -> Stats:
    """Counts by state and motif (every state and motif present, zero included); auto-validation
    rate = auto-validated / dossiers the robot evaluated; gap saved = revision gaps of dossiers
    closed with a saving motif; median time to close = closed_at − created_at, in hours; the
    quality sample, the review SLA and the dismissed findings."""
    settings = settings or Settings()
    now = now or utc_now()
    sla = settings.review_sla_hours
    by_state = {state.value: 0 for state in DossierState}
    by_motif = {motif.value: 0 for motif in MotifCode}
    total = evaluated = 0
    saved = ZERO
    hours: list[Decimal] = []
    sampled = pending = checked = agreed = 0
    reviewed = within = waiting = overdue = 0
    oldest: tuple[float, str] | None = None
    dismissals: dict[str, int] = {}
    for dossier in dossiers:
        total += 1
        by_state[dossier.state.value] += 1
        if dossier.evaluation is not None:
            evaluated += 1
        for dismissal in dossier.dismissals:
            dismissals[dismissal.flag.value] = dismissals.get(dismissal.flag.value, 0) + 1
        check = dossier.quality_check
        if check is not None:
            sampled += 1
            if check.agree is None:
                pending += 1
            else:
                checked += 1
                agreed += int(check.agree)
        if is_waiting(dossier):
            waiting += 1
            age = age_hours(dossier, now)
            overdue += int(age > sla)
            if oldest is None or age > oldest[0]:
                oldest = (age, dossier.dossier_id)
        closure = dossier.closure
        if closure is None:
            continue
        if closure.closed_by != ROBOT and dossier.evaluation is not None:
            reviewed += 1
            within += int(age_hours(dossier, now) <= sla)
        by_motif[closure.motif.value] += 1
        seconds = Decimal((closure.closed_at - dossier.created_at).total_seconds())
        hours.append(seconds / 3600)
        if closure.motif in SAVING_MOTIFS and dossier.revision is not None and dossier.revision.gap_ttc > 0:
            saved += dossier.revision.gap_ttc
    auto = by_motif[MotifCode.AUTO_VALIDATED.value]
    return Stats(
        total=total,
        by_state=by_state,
        by_motif=by_motif,
        evaluated=evaluated,
        auto_validated=auto,
        auto_validation_rate=round(auto / evaluated, 4) if evaluated else None,
        total_gap_saved_ttc=money(saved),
        closed=len(hours),
        median_hours_to_close=round(float(median(hours)), 2) if hours else None,
        quality_sampled=sampled,
        quality_pending=pending,
        quality_checked=checked,
        quality_agreed=agreed,
        quality_agreement_rate=round(agreed / checked, 4) if checked else None,
        quality_agreement_interval_95=_rounded(wilson_interval(agreed, checked)),
        review_sla_hours=sla,
        reviewed=reviewed,
        reviewed_within_sla=within,
        within_sla_rate=round(within / reviewed, 4) if reviewed else None,
        waiting=waiting,
        overdue=overdue,
        oldest_waiting_hours=round(oldest[0], 2) if oldest else None,
        oldest_waiting_dossier=oldest[1] if oldest else None,
        dismissals_by_flag={flag.value: dismissals[flag.value] for flag in Flag if flag.value in dismissals},
    )


def _rounded(interval: tuple[float, float] | None) -> list[float] | None:
    return [round(interval[0], 4), round(interval[1], 4)] if interval else None
