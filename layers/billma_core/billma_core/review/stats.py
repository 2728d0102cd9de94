"""Reviewer statistics over a set of dossiers (GET /stats)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from statistics import median

from pydantic import BaseModel, Field

from billma_core.models import Dossier, DossierState, MotifCode
from billma_core.money import ZERO, Money, money

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


def compute_stats(dossiers: Iterable[Dossier]) -> Stats:
    """Counts by state and motif (every state and motif present, zero included); auto-validation
    rate = auto-validated / dossiers the robot evaluated; gap saved = revision gaps of dossiers
    closed with a saving motif; median time to close = closed_at − created_at, in hours."""
    by_state = {state.value: 0 for state in DossierState}
    by_motif = {motif.value: 0 for motif in MotifCode}
    total = evaluated = 0
    saved = ZERO
    hours: list[Decimal] = []
    for dossier in dossiers:
        total += 1
        by_state[dossier.state.value] += 1
        if dossier.evaluation is not None:
            evaluated += 1
        closure = dossier.closure
        if closure is None:
            continue
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
    )
