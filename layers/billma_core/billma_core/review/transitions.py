"""The dossier's life as one table: which action may start from which state, and where it leads.

Every write path (handlers, the robot, the review rules) asks :func:`require_state` instead of
testing states by hand, so the life described in the design lives in one place."""

from __future__ import annotations

from enum import StrEnum

from billma_core.errors import Conflict, RuleViolation
from billma_core.labels import STATES
from billma_core.models import Dossier, DossierState

S = DossierState


class Action(StrEnum):
    UPLOAD = "UPLOAD"  # a (new) document lands in S3 and the robot picks it up
    ROBOT_CLOSE = "ROBOT_CLOSE"  # auto-validated by the robot
    ROBOT_HANDOFF = "ROBOT_HANDOFF"  # needs review, out of scope, duplicate, rejected
    REUPLOAD = "REUPLOAD"  # a rejected document is replaced on the same dossier
    ASSIGN = "ASSIGN"
    REVISE = "REVISE"
    REN_PROPOSE = "REN_PROPOSE"
    REN_ANSWER = "REN_ANSWER"  # ACCEPTED or REFUSED
    CLOSE = "CLOSE"  # a reviewer's closure
    CORRECT_READING = "CORRECT_READING"  # the reviewer's reading of the quote, judged again
    DISMISS = "DISMISS"  # a robot finding overruled with a reason


# action -> {state it may start from: state it leads to}.
# Re-assigning keeps the state: a colleague may take over a dossier already in review.
# The REN answer keeps REN_PROPOSED: the dossier then waits for its closure (REN_ACCEPTED after
# an acceptance, INDEMNITY_REVISED after a refusal) and the answer itself lives in the REN history.
TRANSITIONS: dict[Action, dict[DossierState, DossierState]] = {
    Action.UPLOAD: {S.AWAITING_DOCUMENT: S.ANALYSING},
    Action.ROBOT_CLOSE: {S.ANALYSING: S.CLOSED},
    Action.ROBOT_HANDOFF: {S.ANALYSING: S.TO_REVIEW},
    # A rejected document is replaced before any REN: a REN proposed on a quote binds that quote.
    Action.REUPLOAD: {
        S.AWAITING_DOCUMENT: S.AWAITING_DOCUMENT,
        S.TO_REVIEW: S.AWAITING_DOCUMENT,
        S.IN_REVIEW: S.AWAITING_DOCUMENT,
    },
    Action.ASSIGN: {S.TO_REVIEW: S.IN_REVIEW, S.IN_REVIEW: S.IN_REVIEW, S.REN_PROPOSED: S.REN_PROPOSED},
    Action.REVISE: {S.IN_REVIEW: S.IN_REVIEW},
    Action.REN_PROPOSE: {S.IN_REVIEW: S.REN_PROPOSED},
    Action.REN_ANSWER: {S.REN_PROPOSED: S.REN_PROPOSED},
    Action.CLOSE: {S.IN_REVIEW: S.CLOSED, S.REN_PROPOSED: S.CLOSED},
    # Like a new document, a new reading comes before any REN: a REN binds the quote it was on.
    Action.CORRECT_READING: {S.IN_REVIEW: S.IN_REVIEW},
    Action.DISMISS: {S.IN_REVIEW: S.IN_REVIEW, S.REN_PROPOSED: S.REN_PROPOSED},
}

ACTION_LABELS: dict[Action, str] = {
    Action.UPLOAD: "analyser un document",
    Action.ROBOT_CLOSE: "valider automatiquement",
    Action.ROBOT_HANDOFF: "transmettre à la revue",
    Action.REUPLOAD: "remplacer le document",
    Action.ASSIGN: "prendre le dossier",
    Action.REVISE: "réviser le devis",
    Action.REN_PROPOSE: "proposer une REN",
    Action.REN_ANSWER: "enregistrer la réponse à la REN",
    Action.CLOSE: "clôturer le dossier",
    Action.CORRECT_READING: "corriger la lecture du devis",
    Action.DISMISS: "écarter un signalement du robot",
}


def is_closed(dossier: Dossier) -> bool:
    return dossier.state is DossierState.CLOSED or dossier.closure is not None


def ensure_open(dossier: Dossier) -> None:
    """A closed dossier is final: any change is a 409 (a new quote is a new dossier)."""
    if is_closed(dossier):
        raise Conflict(
            "Le dossier est clos : il ne peut plus être modifié "
            "(un nouveau devis pour ce sinistre fait l'objet d'un nouveau dossier).",
            details={"dossier_id": dossier.dossier_id, "state": DossierState.CLOSED.value},
        )


def can(dossier: Dossier, action: Action) -> bool:
    return not is_closed(dossier) and dossier.state in TRANSITIONS[action]


def require_state(dossier: Dossier, action: Action) -> DossierState:
    """The state ``action`` leads to from the dossier's state; Conflict when the dossier is closed,
    RuleViolation (409, French) when the action is not allowed from its current state."""
    ensure_open(dossier)
    targets = TRANSITIONS[action]
    if dossier.state not in targets:
        expected = ", ".join(f"« {STATES[s]} »" for s in targets)
        raise RuleViolation(
            f"Impossible de {ACTION_LABELS[action]} : le dossier est « {STATES[dossier.state]} » "
            f"(attendu : {expected}).",
            details={
                "action": action.value,
                "state": dossier.state.value,
                "allowed_states": [s.value for s in targets],
            },
        )
    return targets[dossier.state]
