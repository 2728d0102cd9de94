"""The human half's rules as plain functions over the models: revision, REN, closure motifs,
the revision report and statistics. No I/O: handlers load, call these, and persist."""

from billma_core.review.closure import (
    BILLMATEUR,
    MOTIFS,
    REN_ORIGIN,
    ROBOT,
    Basis,
    MotifAvailability,
    OutOfScopeReason,
    available_motifs,
    close,
    ren_opening_event,
    settlement_for,
)
from billma_core.review.ren import (
    ContactPhone,
    DwellingType,
    Occupancy,
    PhoneType,
    RenOpening,
    apply_ren,
)
from billma_core.review.revision import dossier_quote_total_ttc, revise
from billma_core.review.stats import Stats, compute_stats
from billma_core.review.transitions import TRANSITIONS, Action, require_state

__all__ = [
    "BILLMATEUR",
    "MOTIFS",
    "REN_ORIGIN",
    "ROBOT",
    "TRANSITIONS",
    "Action",
    "Basis",
    "ContactPhone",
    "DwellingType",
    "MotifAvailability",
    "Occupancy",
    "OutOfScopeReason",
    "PhoneType",
    "RenOpening",
    "Stats",
    "apply_ren",
    "available_motifs",
    "close",
    "compute_stats",
    "dossier_quote_total_ttc",
    "ren_opening_event",
    "require_state",
    "revise",
    "settlement_for",
]
