"""Reviewer statistics over a set of dossiers (GET /stats)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from statistics import median

from pydantic import Field

from billma_core.models import Dossier, DossierState, Flag, LazyModel, MotifCode, utc_now
from billma_core.money import ZERO, Money, money
from billma_core.review.closure import ROBOT
from billma_core.review.quality import wilson_interval
from billma_core.review.sla import age_hours, is_waiting
from billma_core.settings import Settings, get_settings

# Motifs whose settlement is below the quote by the revision's gap: the gap is money saved.
SAVING_MOTIFS = frozenset({MotifCode.INDEMNITY_REVISED, MotifCode.REN_ACCEPTED})


class Stats(LazyModel):
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
    settings = settings or get_settings()
    counts = _Counts()
    quality = _QualitySample()
    sla = _ReviewSla(settings.review_sla_hours, now or utc_now())
    for dossier in dossiers:
        counts.add(dossier)
        quality.add(dossier)
        sla.add(dossier)
    auto = counts.by_motif[MotifCode.AUTO_VALIDATED.value]
    return Stats(
        total=counts.total,
        by_state=counts.by_state,
        by_motif=counts.by_motif,
        evaluated=counts.evaluated,
        auto_validated=auto,
        auto_validation_rate=_rate(auto, counts.evaluated),
        total_gap_saved_ttc=money(counts.saved),
        closed=len(counts.hours),
        median_hours_to_close=round(float(median(counts.hours)), 2) if counts.hours else None,
        quality_sampled=quality.sampled,
        quality_pending=quality.pending,
        quality_checked=quality.checked,
        quality_agreed=quality.agreed,
        quality_agreement_rate=_rate(quality.agreed, quality.checked),
        quality_agreement_interval_95=_rounded(wilson_interval(quality.agreed, quality.checked)),
        review_sla_hours=sla.hours,
        reviewed=sla.reviewed,
        reviewed_within_sla=sla.within,
        within_sla_rate=_rate(sla.within, sla.reviewed),
        waiting=sla.waiting,
        overdue=sla.overdue,
        oldest_waiting_hours=round(sla.oldest[0], 2) if sla.oldest else None,
        oldest_waiting_dossier=sla.oldest[1] if sla.oldest else None,
        dismissals_by_flag={
            flag.value: counts.dismissals[flag.value] for flag in Flag if flag.value in counts.dismissals
        },
    )


@dataclass
class _Counts:
    """Dossiers by state and motif, evaluated ones, money saved, times to close, dismissed findings."""

    total: int = 0
    evaluated: int = 0
    by_state: dict[str, int] = field(default_factory=lambda: {state.value: 0 for state in DossierState})
    by_motif: dict[str, int] = field(default_factory=lambda: {motif.value: 0 for motif in MotifCode})
    saved: Decimal = ZERO
    hours: list[Decimal] = field(default_factory=list)
    dismissals: dict[str, int] = field(default_factory=dict)

    def add(self, dossier: Dossier) -> None:
        self.total += 1
        self.by_state[dossier.state.value] += 1
        if dossier.evaluation is not None:
            self.evaluated += 1
        for dismissal in dossier.dismissals:
            self.dismissals[dismissal.flag.value] = self.dismissals.get(dismissal.flag.value, 0) + 1
        closure = dossier.closure
        if closure is None:
            return
        self.by_motif[closure.motif.value] += 1
        seconds = Decimal((closure.closed_at - dossier.created_at).total_seconds())
        self.hours.append(seconds / 3600)
        if closure.motif in SAVING_MOTIFS and dossier.revision is not None and dossier.revision.gap_ttc > 0:
            self.saved += dossier.revision.gap_ttc


@dataclass
class _QualitySample:
    """Automatic validations sampled for a reviewer's check: pending, checked, agreed."""

    sampled: int = 0
    pending: int = 0
    checked: int = 0
    agreed: int = 0

    def add(self, dossier: Dossier) -> None:
        check = dossier.quality_check
        if check is None:
            return
        self.sampled += 1
        if check.agree is None:
            self.pending += 1
        else:
            self.checked += 1
            self.agreed += int(check.agree)


@dataclass
class _ReviewSla:
    """Reviewed dossiers closed within the SLA; waiting ones, overdue ones, the oldest waiting."""

    hours: float
    now: datetime
    reviewed: int = 0
    within: int = 0
    waiting: int = 0
    overdue: int = 0
    oldest: tuple[float, str] | None = None

    def add(self, dossier: Dossier) -> None:
        if is_waiting(dossier):
            self.waiting += 1
            age = age_hours(dossier, self.now)
            self.overdue += int(age > self.hours)
            if self.oldest is None or age > self.oldest[0]:
                self.oldest = (age, dossier.dossier_id)
        closure = dossier.closure
        if closure is not None and closure.closed_by != ROBOT and dossier.evaluation is not None:
            self.reviewed += 1
            self.within += int(age_hours(dossier, self.now) <= self.hours)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _rounded(interval: tuple[float, float] | None) -> list[float] | None:
    return [round(interval[0], 4), round(interval[1], 4)] if interval else None
