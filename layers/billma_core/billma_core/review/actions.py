"""What a reviewer may do on a dossier now, asked of the rules themselves: the page shows the
buttons the server lists (``allowed_actions`` of ``GET /dossiers/{id}``) instead of keeping its
own copy of the state table."""

from __future__ import annotations

from enum import StrEnum

from billma_core.models import Dossier, RenDecision
from billma_core.review.reading import UNCORRECTABLE, robot_evaluation
from billma_core.review.ren import last_ren_decision
from billma_core.review.transitions import Action, can


class ReviewerAction(StrEnum):
    ASSIGN = "ASSIGN"
    REVISE = "REVISE"
    REN_PROPOSE = "REN_PROPOSE"
    REN_ANSWER = "REN_ANSWER"
    CLOSE = "CLOSE"
    CORRECT_READING = "CORRECT_READING"
    DISMISS = "DISMISS"
    QUALITY_CHECK = "QUALITY_CHECK"


def allowed_actions(dossier: Dossier) -> list[ReviewerAction]:
    """The reviewer actions the dossier's state and history allow, in the page's order."""
    robot = robot_evaluation(dossier)
    has_quote = dossier.evaluation is not None and dossier.evaluation.quote is not None
    allowed = {
        ReviewerAction.ASSIGN: can(dossier, Action.ASSIGN),
        ReviewerAction.REVISE: can(dossier, Action.REVISE) and has_quote,
        ReviewerAction.REN_PROPOSE: can(dossier, Action.REN_PROPOSE),
        ReviewerAction.REN_ANSWER: can(dossier, Action.REN_ANSWER)
        and last_ren_decision(dossier) is RenDecision.PROPOSED,
        ReviewerAction.CLOSE: can(dossier, Action.CLOSE),
        ReviewerAction.CORRECT_READING: can(dossier, Action.CORRECT_READING)
        and robot is not None
        and robot.outcome not in UNCORRECTABLE,
        ReviewerAction.DISMISS: can(dossier, Action.DISMISS),
        ReviewerAction.QUALITY_CHECK: dossier.quality_check is not None and dossier.quality_check.agree is None,
    }
    return [action for action, ok in allowed.items() if ok]
