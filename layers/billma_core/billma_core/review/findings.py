"""Dismissing a robot finding: a reviewer overrules a flag, on one line or on the whole
dossier, with a reason. Generic over every flag (verdicts, reading, fraud signals); the robot's
evaluation is left as it was, the dismissal is kept beside it and counted in the statistics."""

from __future__ import annotations

from datetime import datetime

from billma_core.errors import Conflict, RuleViolation, ValidationFailed
from billma_core.models import VERDICT_FLAGS, Dismissal, Dossier, Flag
from billma_core.review.transitions import Action, require_state


def line_flags(dossier: Dossier, line: int) -> set[Flag]:
    """The flags the robot raised on one line (its verdict's)."""
    evaluation = dossier.evaluation
    if evaluation is None:
        return set()
    return {VERDICT_FLAGS[j.verdict] for j in evaluation.lines if j.line == line and j.verdict in VERDICT_FLAGS}


def dismiss(dossier: Dossier, flag: Flag, line: int | None, reason: str, by: str, at: datetime) -> list[Dismissal]:
    """The dossier's dismissals with this one appended. Conflict when closed or already
    dismissed; RuleViolation when the dossier is not in review or the robot did not raise it
    there; ValidationFailed on an empty reason or a line the quote does not have."""
    require_state(dossier, Action.DISMISS)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed("Écarter un signalement demande une raison.", details={"field": "reason"})
    evaluation = dossier.evaluation
    raised = set(evaluation.flags) if evaluation is not None else set()
    if line is not None:
        count = len(evaluation.quote.lines) if evaluation is not None and evaluation.quote is not None else 0
        if not 0 <= line < count:
            raise ValidationFailed(
                f"La ligne {line} n'existe pas dans le devis ({count} ligne(s), numérotées à partir de 0).",
                details={"field": "line"},
            )
        # On a line: its verdict's flag, or a flag of the document that no verdict gives.
        raised = line_flags(dossier, line) | (raised - set(VERDICT_FLAGS.values()))
    if flag not in raised:
        where = f"sur la ligne {line + 1}" if line is not None else "sur ce dossier"
        raise RuleViolation(
            f"Le robot n'a pas levé le signalement « {flag.value} » {where} : rien à écarter.",
            details={"rule": "flag_not_raised", "flag": flag.value, "line": line},
        )
    if any(d.flag is flag and d.line == line for d in dossier.dismissals):
        raise Conflict("Ce signalement a déjà été écarté.", details={"flag": flag.value, "line": line})
    return [*dossier.dismissals, Dismissal(flag=flag, line=line, reason=reason, by=by, at=at)]
