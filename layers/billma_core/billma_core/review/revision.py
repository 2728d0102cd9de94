"""The reviewer's revision: line decisions in, server-computed revised totals, gap and REN
eligibility out. The client never sends amounts it computed itself: totals are always redone
here from the quote the robot read and the robot's line verdicts."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from billma_core.amounts import gap, line_total, quote_total_ttc, revised_totals
from billma_core.errors import RuleViolation, ValidationFailed
from billma_core.models import (
    Dossier,
    ExclusionReason,
    LineAction,
    LineDecision,
    LineEvaluation,
    Quote,
    QuoteLine,
    RevisedLine,
    Revision,
    Verdict,
)
from billma_core.money import ZERO, money
from billma_core.review.transitions import Action, require_state
from billma_core.settings import Settings

STALE_REVISION = "la révision a été faite sur une lecture du devis corrigée depuis ; refaites la révision."

# What an accepted robot verdict means as a reason, when it lowered the line.
_VERDICT_REASON: dict[Verdict, ExclusionReason] = {
    Verdict.OVERPRICED: ExclusionReason.OVERVALUED,
    Verdict.UNMEASURED: ExclusionReason.OVERVALUED,
    Verdict.NOT_COVERED: ExclusionReason.NOT_COVERED,
}


def dossier_quote_total_ttc(dossier: Dossier) -> Decimal:
    """What the contractor asks for (0 when the quote states nothing and has no line)."""
    total = quote_total_ttc(quote_of(dossier))
    return total if total is not None else ZERO


def quote_of(dossier: Dossier) -> Quote:
    if dossier.evaluation is None or dossier.evaluation.quote is None:
        raise RuleViolation(
            "Aucun devis lu pour ce dossier : il n'y a rien à réviser.",
            details={"dossier_id": dossier.dossier_id},
        )
    return dossier.evaluation.quote


def _robot_line(index: int, line: QuoteLine, judged: LineEvaluation | None) -> RevisedLine:
    """The robot's proposal for one line (what ACCEPT and "no decision" mean)."""
    total = money(judged.revised_total_ht) if judged is not None else money(line.total_ht)
    if total == money(line.total_ht):
        unit_price = money(line.unit_price_ht)
    elif line.quantity > 0:
        unit_price = money(total / line.quantity)
    else:
        unit_price = total
    reason = None
    if judged is not None and total < money(line.total_ht):
        reason = _VERDICT_REASON.get(judged.verdict)
    return RevisedLine(
        line=index,
        action=LineAction.ACCEPT,
        quantity=line.quantity,
        unit_price_ht=unit_price,
        revised_total_ht=total,
        reason=reason,
    )


def _decided_line(decision: LineDecision, line: QuoteLine, judged: LineEvaluation | None) -> RevisedLine:
    if decision.action is LineAction.ACCEPT:
        robot = _robot_line(decision.line, line, judged)
        return robot.model_copy(update={"reason": decision.reason or robot.reason, "comment": decision.comment})
    if decision.action is LineAction.SET:
        # What the reviewer leaves out keeps the quote's value (setting the measured quantity
        # of a line keeps the contractor's unit price, and vice versa).
        quantity = decision.quantity if decision.quantity is not None else line.quantity
        unit_price = money(decision.unit_price_ht if decision.unit_price_ht is not None else line.unit_price_ht)
        return RevisedLine(
            line=decision.line,
            action=LineAction.SET,
            quantity=quantity,
            unit_price_ht=unit_price,
            revised_total_ht=line_total(quantity, unit_price),
            reason=decision.reason,
            comment=decision.comment,
        )
    return RevisedLine(
        line=decision.line,
        action=LineAction.EXCLUDE,
        quantity=line.quantity,
        unit_price_ht=ZERO,
        revised_total_ht=ZERO,
        reason=decision.reason,
        comment=decision.comment,
    )


def validate_decisions(decisions: list[LineDecision], line_count: int) -> None:
    """Shape rules of the line decisions; ValidationFailed (422, French) with every problem."""
    problems: list[dict[str, object]] = []
    seen: set[int] = set()
    for position, decision in enumerate(decisions):
        where = {"index": position, "line": decision.line}
        if decision.line >= line_count:
            problems.append(
                where
                | {
                    "message": f"la ligne {decision.line} n'existe pas dans le devis "
                    f"({line_count} ligne(s), numérotées à partir de 0)"
                }
            )
        if decision.line in seen:
            problems.append(where | {"message": f"la ligne {decision.line} a plusieurs décisions"})
        seen.add(decision.line)
        if decision.action is LineAction.EXCLUDE and decision.reason is None:
            problems.append(
                where
                | {
                    "message": "une ligne exclue doit avoir une raison "
                    "(NOT_COVERED, UNRELATED_TO_CLAIM, FRAUD ou OVERVALUED)"
                }
            )
        if decision.action is LineAction.SET and decision.quantity is None and decision.unit_price_ht is None:
            problems.append(
                where | {"message": "une ligne modifiée doit indiquer un prix unitaire HT et/ou une quantité"}
            )
    if problems:
        first = str(problems[0]["message"])
        message = "Décisions de ligne invalides : " + first[0].lower() + first[1:]
        if len(problems) > 1:
            message += f" (et {len(problems) - 1} autre(s) problème(s))"
        raise ValidationFailed(message + ".", details=problems)


def revise(
    dossier: Dossier,
    decisions: list[LineDecision],
    comment: str | None,
    by: str,
    at: datetime,
    settings: Settings,
) -> Revision:
    """The dossier's next revision. Lines without a decision (all of them when ``decisions`` is
    empty) take the robot's proposal. Conflict when closed; RuleViolation when the dossier is not
    in review or has no quote; ValidationFailed on malformed decisions."""
    require_state(dossier, Action.REVISE)
    quote = quote_of(dossier)
    validate_decisions(decisions, len(quote.lines))

    assert dossier.evaluation is not None  # quote_of checked it
    judged = {item.line: item for item in dossier.evaluation.lines}
    by_line = {decision.line: decision for decision in decisions}
    lines: list[RevisedLine] = []
    for index, quote_line in enumerate(quote.lines):
        decision = by_line.get(index)
        if decision is None:
            lines.append(_robot_line(index, quote_line, judged.get(index)))
        else:
            lines.append(_decided_line(decision, quote_line, judged.get(index)))

    revised = revised_totals(quote, (line.revised_total_ht for line in lines))
    saved = gap(quote_total_ttc(quote), revised.ttc)
    reasons: list[ExclusionReason] = []
    for line in lines:
        if line.reason is not None and line.reason not in reasons:
            reasons.append(line.reason)
    previous = dossier.revision.number if dossier.revision is not None else 0
    return Revision(
        number=previous + 1,
        by=by,
        at=at,
        lines=lines,
        comment=comment,
        revised_total_ht=revised.ht,
        revised_total_ttc=revised.ttc,
        gap_ttc=saved,
        ren_eligible=settings.ren_eligible(saved),
        reasons=reasons,
    )
