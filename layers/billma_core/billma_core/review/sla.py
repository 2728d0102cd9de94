"""Ageing against the review SLA: how long a dossier handed to review has waited."""

from __future__ import annotations

from datetime import datetime

from billma_core.models import Dossier, DossierState

# States in which a dossier waits for a reviewer (or for the policyholder's answer to a REN).
WAITING_STATES = frozenset({DossierState.TO_REVIEW, DossierState.IN_REVIEW, DossierState.REN_PROPOSED})


def review_started(dossier: Dossier) -> datetime:
    """When the robot handed the dossier to review (its evaluation; the robot's own one when a
    reviewer corrected the reading since), else its creation."""
    evaluation = dossier.robot_evaluation or dossier.evaluation
    return evaluation.evaluated_at if evaluation is not None else dossier.created_at


def age_hours(dossier: Dossier, now: datetime) -> float:
    """Hours since review started: until now while waiting, until the closure once closed."""
    end = dossier.closure.closed_at if dossier.closure is not None else now
    return max(0.0, (end - review_started(dossier)).total_seconds() / 3600)


def is_waiting(dossier: Dossier) -> bool:
    return dossier.state in WAITING_STATES


def is_overdue(dossier: Dossier, now: datetime, sla_hours: float) -> bool:
    return is_waiting(dossier) and age_hours(dossier, now) > sla_hours
