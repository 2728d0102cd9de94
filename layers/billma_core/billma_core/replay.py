"""Replay of a barème: the stored readings of past dossiers judged again, by the robot's own
``judging.judge_quote``, against the barème in force and against a candidate version, side by side.
Nothing is written: the dossiers stay as they are.

The two sides are both judged now, with the same code, so that every difference comes from the
barème alone (not from a reader or a rule that changed since the dossier was evaluated).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from pydantic import Field

from billma_core.bareme.schema import Bareme
from billma_core.labels import OUTCOMES, VERDICTS
from billma_core.models import Dossier, Evaluation, LazyModel, LineEvaluation, Outcome, utc_now
from billma_core.money import ZERO, format_eur, money
from billma_core.settings import Settings

# Documents without a priced reading of their own: nothing to judge again.
NOT_REPLAYED = frozenset({Outcome.DUPLICATE, Outcome.DOCUMENT_REJECTED})


class Side(LazyModel):
    """One dossier judged against one barème."""

    outcome: Outcome
    revised_total_ttc: Decimal | None = None
    gap_ttc: Decimal | None = None


class ReplayedDossier(LazyModel):
    dossier_id: str
    claim_reference: str
    created_at: datetime
    quote_total_ttc: Decimal | None = None
    current: Side
    candidate: Side
    outcome_changed: bool
    # Lines judged otherwise, in French ("ligne 3 « … » PEI-002 : conforme → surévalué, …").
    changed_lines: list[str] = Field(default_factory=list)


class Totals(LazyModel):
    bareme_version: str
    auto_validated: int
    auto_validation_rate: float
    total_gap_ttc: Decimal


class ReplayReport(LazyModel):
    since: date | None = None
    replayed: int
    skipped: int
    current: Totals
    candidate: Totals
    changed: list[ReplayedDossier]
    dossiers: list[ReplayedDossier]
    made_at: datetime = Field(default_factory=utc_now)


def _side(evaluation: Evaluation) -> Side:
    return Side(outcome=evaluation.outcome, revised_total_ttc=evaluation.revised_total_ttc, gap_ttc=evaluation.gap_ttc)


def _line_label(evaluation: Evaluation, line: LineEvaluation) -> str:
    quote = evaluation.quote
    designation = quote.lines[line.line].designation if quote and line.line < len(quote.lines) else ""
    return f"ligne {line.line + 1} « {designation[:60]} »"


def changed_lines(current: Evaluation, candidate: Evaluation) -> list[str]:
    """The lines the two barèmes judge otherwise (verdict, item or revised amount), in French."""
    changes: list[str] = []
    for before, after in zip(current.lines, candidate.lines, strict=True):
        if (before.verdict, before.bareme_code, before.revised_total_ht) == (
            after.verdict,
            after.bareme_code,
            after.revised_total_ht,
        ):
            continue
        code = after.bareme_code or before.bareme_code or "sans article"
        text = f"{_line_label(current, before)} {code} : {VERDICTS[before.verdict.value].lower()}"
        if after.verdict is not before.verdict:
            text += f" → {VERDICTS[after.verdict.value].lower()}"
        if before.reference_unit_price_ht is not None and after.reference_unit_price_ht is not None:
            text += (
                f", prix de référence {format_eur(before.reference_unit_price_ht)} → "
                f"{format_eur(after.reference_unit_price_ht)}"
            )
        text += f", révisé {format_eur(before.revised_total_ht)} → {format_eur(after.revised_total_ht)} HT"
        changes.append(text)
    return changes


def _totals(version: str, sides: list[Side]) -> Totals:
    auto = sum(1 for side in sides if side.outcome is Outcome.AUTO_VALIDATED)
    return Totals(
        bareme_version=version,
        auto_validated=auto,
        auto_validation_rate=round(auto / len(sides), 4) if sides else 0.0,
        total_gap_ttc=money(sum((side.gap_ttc or ZERO for side in sides), ZERO)),
    )


def replay(
    dossiers: Iterable[Dossier],
    *,
    current: Bareme,
    candidate: Bareme,
    settings: Settings,
    since: date | None = None,
) -> ReplayReport:
    """Judge the stored reading of each dossier created on or after ``since`` against both
    barèmes; nothing is written."""
    # Imported here: the API functions load the judge only when a replay is asked.
    from billma_core.judging import judge_again

    rows: list[ReplayedDossier] = []
    skipped = 0
    for dossier in dossiers:
        if since is not None and dossier.created_at.date() < since:
            continue
        evaluation = dossier.evaluation
        if evaluation is None or evaluation.quote is None or evaluation.outcome in NOT_REPLAYED:
            skipped += 1
            continue
        before = judge_again(evaluation.quote, evaluation, dossier, current, settings)
        after = judge_again(evaluation.quote, evaluation, dossier, candidate, settings)
        rows.append(
            ReplayedDossier(
                dossier_id=dossier.dossier_id,
                claim_reference=dossier.form.claim_reference,
                created_at=dossier.created_at,
                quote_total_ttc=evaluation.quote.total_ttc,
                current=_side(before),
                candidate=_side(after),
                outcome_changed=before.outcome is not after.outcome,
                changed_lines=changed_lines(before, after),
            )
        )
    rows.sort(key=lambda row: (row.created_at, row.dossier_id))
    return ReplayReport(
        since=since,
        replayed=len(rows),
        skipped=skipped,
        current=_totals(current.version, [row.current for row in rows]),
        candidate=_totals(candidate.version, [row.candidate for row in rows]),
        changed=[row for row in rows if row.outcome_changed],
        dossiers=rows,
    )


# ------------------------------------------------------------------ French output


def _eur(amount: Decimal | None) -> str:
    return format_eur(amount) if amount is not None else "—"


def _pct(rate: float) -> str:
    return f"{rate * 100:.1f} %".replace(".", ",")


def render_text(report: ReplayReport) -> str:
    """The side-by-side table a person reads, then the dossiers whose outcome would change and why."""
    cur, cand = report.current, report.candidate
    table = [
        ("", f"Barème {cur.bareme_version} (en vigueur)", f"Barème {cand.bareme_version} (candidat)"),
        ("Dossiers rejoués", str(report.replayed), str(report.replayed)),
        ("Validés automatiquement", str(cur.auto_validated), str(cand.auto_validated)),
        ("Taux de validation automatique", _pct(cur.auto_validation_rate), _pct(cand.auto_validation_rate)),
        ("Écart total TTC", _eur(cur.total_gap_ttc), _eur(cand.total_gap_ttc)),
    ]
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    lines = [
        "Rejeu du barème" + (f" sur les dossiers créés depuis le {report.since:%d/%m/%Y}" if report.since else ""),
        "",
    ]
    for index, cells in enumerate(table):
        lines.append(f"{cells[0].ljust(widths[0])}  {cells[1].rjust(widths[1])}  {cells[2].rjust(widths[2])}".rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines.append("")
    if report.skipped:
        lines.append(f"{report.skipped} dossier(s) sans devis lu à rejouer (doublons, documents rejetés, en attente).")
    gap = cand.total_gap_ttc - cur.total_gap_ttc
    lines.append(f"Différence d'écart total : {'+' if gap > 0 else ''}{format_eur(gap)} TTC.")
    if not report.changed:
        lines.append("Aucun dossier ne changerait de résultat.")
    else:
        lines.append(f"{len(report.changed)} dossier(s) changeraient de résultat :")
        for row in report.changed:
            lines.append(
                f"- {row.dossier_id} ({row.claim_reference}) : {OUTCOMES[row.current.outcome].lower()} → "
                f"{OUTCOMES[row.candidate.outcome].lower()}, écart {_eur(row.current.gap_ttc)} → "
                f"{_eur(row.candidate.gap_ttc)}"
            )
            lines.extend(f"    {change}" for change in row.changed_lines)
    lines.append("Aucun dossier n'a été modifié.")
    return "\n".join(lines) + "\n"


CSV_HEADER = [
    "dossier",
    "reference_sinistre",
    "cree_le",
    "total_devis_ttc",
    "resultat_actuel",
    "resultat_candidat",
    "resultat_change",
    "revise_ttc_actuel",
    "revise_ttc_candidat",
    "ecart_ttc_actuel",
    "ecart_ttc_candidat",
    "lignes_changees",
]


def _csv_amount(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:.2f}".replace(".", ",")


def render_csv(report: ReplayReport) -> str:
    """One row per replayed dossier, for a spreadsheet in French (``;``, decimal comma)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in report.dossiers:
        writer.writerow(
            [
                row.dossier_id,
                row.claim_reference,
                row.created_at.date().isoformat(),
                _csv_amount(row.quote_total_ttc),
                row.current.outcome.value,
                row.candidate.outcome.value,
                "oui" if row.outcome_changed else "non",
                _csv_amount(row.current.revised_total_ttc),
                _csv_amount(row.candidate.revised_total_ttc),
                _csv_amount(row.current.gap_ttc),
                _csv_amount(row.candidate.gap_ttc),
                " | ".join(row.changed_lines),
            ]
        )
    return out.getvalue()
