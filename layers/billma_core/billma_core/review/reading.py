"""The reviewer's reading of the quote: corrected lines and the totals as printed in, the robot's
judge run again on them at once (same barème version, same rules, a chosen item used as is).

The robot's own evaluation stays beside the new one, the audit gets the lines before → after,
and a revision made on the earlier reading is marked stale: its lines no longer match."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from billma_core.amounts import line_total, quote_total_ttc
from billma_core.bareme.loader import BaremeError, load_bareme
from billma_core.bareme.schema import Bareme, BaremeItem
from billma_core.errors import RuleViolation, ValidationFailed
from billma_core.labels import UNITS
from billma_core.models import (
    CorrectedLine,
    Dossier,
    Evaluation,
    Outcome,
    PrintedTotals,
    Quote,
    QuoteLine,
    ReadingCorrection,
)
from billma_core.money import format_eur, money, net_price
from billma_core.review.transitions import Action, require_state
from billma_core.settings import Settings

MAX_LINES = 500
MAX_DESIGNATION = 500
MAX_QUANTITY = Decimal("1000000")
MAX_UNIT_PRICE = Decimal("1000000")
MAX_VAT_RATE = Decimal("30")
MAX_DISCOUNT_RATE = Decimal("100")
# Outcomes whose document is not a quote to read: replace the document (a new upload) instead.
UNCORRECTABLE = {
    Outcome.DUPLICATE: "ce document est un doublon : clôturez en « Doublon / Erreur document »",
    Outcome.DOCUMENT_REJECTED: "le document a été refusé : demandez un nouveau document",
}

AuditChange = tuple[dict[str, object], dict[str, object]]


def robot_evaluation(dossier: Dossier) -> Evaluation | None:
    """What the robot itself made of the document (before any reviewer's correction)."""
    return dossier.robot_evaluation or dossier.evaluation


def bareme_of_version(version: str | None, current: Bareme) -> Bareme:
    """The barème the robot judged with: the deployment's when it is that version, else the
    packaged copy of that version (a newer barème never re-prices an older evaluation)."""
    if version is None or version == current.version:
        return current
    try:
        return load_bareme(f"packaged:{version}")
    except BaremeError as missing:
        raise RuleViolation(
            f"Le barème {version} de l'évaluation du robot n'est plus disponible : "
            "impossible de juger la lecture corrigée avec les mêmes prix.",
            details={"rule": "bareme_version", "bareme_version": version},
        ) from missing


def validate_lines(
    lines: list[CorrectedLine], totals: PrintedTotals, current_count: int, bareme: Bareme
) -> dict[int, BaremeItem]:
    """Shape rules of a corrected reading; ValidationFailed (422, French) listing every problem.
    Returns the chosen items by line."""
    problems: list[dict[str, object]] = []
    chosen: dict[int, BaremeItem] = {}
    codes = {item.code: item for item in bareme.items}
    if not lines:
        problems.append({"message": "le devis doit avoir au moins une ligne"})
    if len(lines) > MAX_LINES:
        problems.append({"message": f"au plus {MAX_LINES} lignes"})
    for index, line in enumerate(lines):
        n = index + 1

        def problem(message: str, field: str, at: int = n) -> None:
            problems.append({"line": at, "field": field, "message": f"ligne {at} : {message}"})

        if not line.designation:
            problem("la désignation est vide", "designation")
        elif len(line.designation) > MAX_DESIGNATION:
            problem(f"la désignation dépasse {MAX_DESIGNATION} caractères", "designation")
        if not Decimal(0) <= line.quantity <= MAX_QUANTITY:
            problem("la quantité doit être positive (ou nulle) et réaliste", "quantity")
        if abs(line.unit_price_ht) > MAX_UNIT_PRICE:
            problem("le prix unitaire HT n'est pas réaliste", "unit_price_ht")
        if line.tva_rate is not None and not Decimal(0) <= line.tva_rate <= MAX_VAT_RATE:
            problem("le taux de TVA est en pour cent, entre 0 et 30 (10 pour 10 %)", "tva_rate")
        if line.discount_rate is not None and not Decimal(0) <= line.discount_rate < MAX_DISCOUNT_RATE:
            problem("la remise de la ligne est en pour cent, de 0 à moins de 100 (15 pour 15 %)", "discount_rate")
        if line.source_line is not None and not 0 <= line.source_line < current_count:
            problem(
                f"la ligne d'origine {line.source_line} n'existe pas "
                f"(lecture actuelle : {current_count} ligne(s), numérotées à partir de 0)",
                "source_line",
            )
        if line.bareme_code is not None:
            item = codes.get(line.bareme_code.strip().upper())
            if item is None:
                problem(f"l'article {line.bareme_code} n'existe pas au barème {bareme.version}", "bareme_code")
            else:
                chosen[index] = item
    for name in ("total_ht", "total_tva", "total_ttc"):
        value = getattr(totals, name)
        if value is not None and abs(value) > MAX_UNIT_PRICE * 10:
            problems.append({"field": name, "message": f"le total imprimé {name} n'est pas réaliste"})
    if problems:
        first = str(problems[0]["message"])
        message = "Lecture corrigée invalide : " + first
        if len(problems) > 1:
            message += f" (et {len(problems) - 1} autre(s) problème(s))"
        raise ValidationFailed(message + ".", details=problems)
    return chosen


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def line_text(line: QuoteLine) -> str:
    """One line as the audit trail shows it."""
    unit = UNITS.get(line.unit, line.unit.value) if line.unit else "sans unité"
    rate = f", TVA {_number(line.tva_rate)} %" if line.tva_rate is not None else ""
    discount = f" remise {_number(line.discount_rate)} %" if line.discount_rate else ""
    return (
        f"{line.designation} — {_number(line.quantity)} {unit} × {format_eur(line.unit_price_ht)} HT{discount}"
        f" = {format_eur(line.total_ht)}{rate}"
    )


def _quote_line(line: CorrectedLine, source: QuoteLine | None) -> QuoteLine:
    return QuoteLine(
        designation=line.designation,
        quantity=line.quantity,
        unit=line.unit,
        unit_price_ht=money(line.unit_price_ht),
        total_ht=line_total(line.quantity, net_price(line.unit_price_ht, line.discount_rate)),
        tva_rate=line.tva_rate,
        discount_rate=line.discount_rate or None,
        room=source.room if source is not None else None,
    )


def line_changes(current: list[QuoteLine], lines: list[CorrectedLine], new: list[QuoteLine]) -> AuditChange:
    """Before → after per line, aligned: an edit pairs the old and new line, a split the old
    line and its parts, an added line has no before and a deleted one no after."""
    before: list[str | None] = []
    after: list[str | None] = []
    by_source: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.source_line is None:
            before.append(None)
            after.append(f"+ {index + 1}. {line_text(new[index])}")
        else:
            by_source.setdefault(line.source_line, []).append(index)
    for source, old in enumerate(current):
        targets = by_source.get(source, [])
        if not targets:
            before.append(f"{source + 1}. {line_text(old)}")
            after.append(None)
            continue
        texts = [f"{t + 1}. {line_text(new[t])}" for t in targets]
        if len(targets) == 1 and new[targets[0]] == old and lines[targets[0]].bareme_code is None:
            continue
        before.append(f"{source + 1}. {line_text(old)}")
        after.append(" + ".join(texts) + (" (article choisi)" if any(lines[t].bareme_code for t in targets) else ""))
    return {"reading_lines": list(before)}, {"reading_lines": list(after)}


def correct_reading(
    dossier: Dossier,
    lines: list[CorrectedLine],
    totals: PrintedTotals,
    comment: str | None,
    by: str,
    at: datetime,
    settings: Settings,
    bareme: Bareme,
) -> tuple[Dossier, AuditChange]:
    """The dossier with the reviewer's reading judged again, and the audit's before → after.
    Conflict when closed; RuleViolation when not in review or the document is not a quote to
    read; ValidationFailed (422, French) on bad lines. ``bareme`` is the one of the robot's
    evaluation (:func:`bareme_of_version`)."""
    require_state(dossier, Action.CORRECT_READING)
    robot, judged = _correctable_evaluations(dossier)
    current = judged.quote or Quote()
    chosen = validate_lines(lines, totals, len(current.lines), bareme)
    new_lines = [
        _quote_line(line, current.lines[line.source_line] if line.source_line is not None else None) for line in lines
    ]
    quote = current.model_copy(
        update={
            "lines": new_lines,
            "total_ht": totals.total_ht,
            "total_tva": totals.total_tva,
            "total_ttc": totals.total_ttc,
        }
    )
    number = dossier.reading.number + 1 if dossier.reading is not None else 1
    # What the robot found on the document (OCR, fraud signals...) still holds for the corrected reading.
    # Imported here: the API functions load the judge only when a reading is corrected.
    from billma_core.judging import judge_again

    evaluation = judge_again(
        quote,
        robot,
        dossier,
        bareme,
        settings,
        reading_reason=f"Lecture corrigée par {by} (correction n°{number}).",
        chosen_items=chosen,
    ).model_copy(update={"evaluated_at": at})
    correction = ReadingCorrection(
        number=number,
        by=by,
        at=at,
        lines=[
            line.model_copy(update={"bareme_code": chosen[index].code if index in chosen else None})
            for index, line in enumerate(lines)
        ],
        totals=totals,
        comment=comment,
    )
    update: dict[str, object] = {"evaluation": evaluation, "robot_evaluation": robot, "reading": correction}
    if dossier.revision is not None and not dossier.revision.stale:
        update["revision"] = dossier.revision.model_copy(update={"stale": True})
    return dossier.model_copy(update=update), _audit_change(dossier, judged, lines, new_lines, evaluation)


def _correctable_evaluations(dossier: Dossier) -> tuple[Evaluation, Evaluation]:
    """The robot's evaluation and the current one, of a document that is a quote to read;
    RuleViolation otherwise."""
    robot = robot_evaluation(dossier)
    if robot is None or dossier.evaluation is None:
        raise RuleViolation("Le robot n'a pas encore analysé ce dossier : rien à corriger.", {"rule": "evaluation"})
    if robot.outcome in UNCORRECTABLE:
        raise RuleViolation(
            f"Impossible de corriger la lecture : {UNCORRECTABLE[robot.outcome]}.",
            {"rule": "document", "outcome": robot.outcome.value},
        )
    return robot, dossier.evaluation


def _audit_change(
    dossier: Dossier,
    previous: Evaluation,
    lines: list[CorrectedLine],
    new_lines: list[QuoteLine],
    evaluation: Evaluation,
) -> AuditChange:
    """The audit's before → after: the lines, the figures, and the revision made stale."""
    before, after = line_changes((previous.quote or Quote()).lines, lines, new_lines)
    before |= _figures(previous)
    after |= _figures(evaluation)
    if dossier.revision is not None:
        before["revision_stale"], after["revision_stale"] = dossier.revision.stale, True
    return before, after


def _figures(evaluation: Evaluation) -> dict[str, object]:
    total = quote_total_ttc(evaluation.quote) if evaluation.quote is not None else None
    return {
        "quote_total_ttc": str(total) if total is not None else None,
        "proposed_gap_ttc": str(evaluation.gap_ttc) if evaluation.gap_ttc is not None else None,
        "flags": [flag.value for flag in evaluation.flags],
    }
