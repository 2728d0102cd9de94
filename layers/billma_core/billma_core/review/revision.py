"""The reviewer's revision: line decisions in, server-computed revised totals, gap and REN
eligibility out. The client never sends amounts it computed itself: totals are always redone
here from the quote the robot read and the robot's line verdicts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

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

HUNDRED = Decimal(100)
# Used only when neither the line, the quote's totals nor the robot tell the VAT: the standard
# French rate, which errs on the side of a smaller gap (never a REN offered on a guessed VAT).
STANDARD_VAT = Decimal("0.20")

# What an accepted robot verdict means as a reason, when it lowered the line.
_VERDICT_REASON: dict[Verdict, ExclusionReason] = {
    Verdict.OVERPRICED: ExclusionReason.OVERVALUED,
    Verdict.UNMEASURED: ExclusionReason.OVERVALUED,
    Verdict.NOT_COVERED: ExclusionReason.NOT_COVERED,
}


def vat_fraction(rate: Decimal | None) -> Decimal | None:
    """A line's VAT rate as a fraction; readers give "10" (per cent) or "0.10" alike."""
    if rate is None:
        return None
    return rate / HUNDRED if rate > 1 else rate


def overall_ttc_ratio(quote: Quote, fallback: Decimal | None = None) -> Decimal:
    """TTC/HT of the whole quote, for lines whose own VAT rate was not read."""
    if quote.total_ht is not None and quote.total_ht > 0:
        if quote.total_ttc is not None:
            return quote.total_ttc / quote.total_ht
        if quote.total_tva is not None:
            return (quote.total_ht + quote.total_tva) / quote.total_ht
    if fallback is not None:
        return fallback
    return 1 + STANDARD_VAT


def ttc_of(amounts: Iterable[tuple[Decimal, Decimal | None]], ratio: Decimal) -> Decimal:
    """TTC of (HT, VAT rate) pairs: VAT computed once per rate, as on an invoice, so per-line
    rounding does not drift; lines without a rate take the quote's overall ratio."""
    buckets: dict[Decimal | None, Decimal] = {}
    for ht, rate in amounts:
        key = vat_fraction(rate)
        buckets[key] = buckets.get(key, ZERO) + ht
    total = ZERO
    for rate, ht in buckets.items():
        total += money(ht * (ratio if rate is None else 1 + rate))
    return money(total)


def robot_ttc_ratio(dossier: Dossier) -> Decimal | None:
    """TTC/HT of the robot's proposed revision, when the quote itself does not tell."""
    evaluation = dossier.evaluation
    if evaluation is None or not evaluation.revised_total_ht or evaluation.revised_total_ttc is None:
        return None
    return evaluation.revised_total_ttc / evaluation.revised_total_ht


def quote_total_ttc(quote: Quote, fallback_ratio: Decimal | None = None) -> Decimal:
    """What the contractor asks for: the stated total TTC, else recomputed from the lines (with
    the same VAT fallback as the revision, so an unchanged quote has no gap)."""
    if quote.total_ttc is not None:
        return money(quote.total_ttc)
    lines = ((line.total_ht, line.tva_rate) for line in quote.lines)
    return ttc_of(lines, overall_ttc_ratio(quote, fallback_ratio))


def dossier_quote_total_ttc(dossier: Dossier) -> Decimal:
    return quote_total_ttc(quote_of(dossier), robot_ttc_ratio(dossier))


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
        return robot.model_copy(
            update={"reason": decision.reason or robot.reason, "comment": decision.comment}
        )
    if decision.action is LineAction.SET:
        # What the reviewer leaves out keeps the quote's value (setting the measured quantity
        # of a line keeps the contractor's unit price, and vice versa).
        quantity = decision.quantity if decision.quantity is not None else line.quantity
        unit_price = money(
            decision.unit_price_ht if decision.unit_price_ht is not None else line.unit_price_ht
        )
        return RevisedLine(
            line=decision.line,
            action=LineAction.SET,
            quantity=quantity,
            unit_price_ht=unit_price,
            revised_total_ht=money(quantity * unit_price),
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

    ratio = overall_ttc_ratio(quote, robot_ttc_ratio(dossier))
    revised_ht = money(sum((line.revised_total_ht for line in lines), ZERO))
    revised_ttc = ttc_of(
        ((revised.revised_total_ht, quote.lines[revised.line].tva_rate) for revised in lines), ratio
    )
    gap = money(quote_total_ttc(quote, robot_ttc_ratio(dossier)) - revised_ttc)
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
        revised_total_ht=revised_ht,
        revised_total_ttc=revised_ttc,
        gap_ttc=gap,
        ren_eligible=gap > settings.ren_threshold_ttc,
        reasons=reasons,
    )
