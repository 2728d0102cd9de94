"""``billma evaluate``: the robot over local files, offline, in the order given, one process.

With ``--json`` one JSON object per file and per line (the contract the robot is measured
with); otherwise a French table. A file seen twice in one run is a duplicate of its first
occurrence, as it would be across dossiers in the cloud.
"""

from __future__ import annotations

import json
import sys
import traceback
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from billma_core.bareme import Bareme, load_bareme
from billma_core.models import Cover, Evaluation, Flag, Outcome, Quote
from billma_core.money import format_eur
from billma_core.robot import InMemoryDuplicateRegistry, evaluate_document
from billma_core.settings import Settings, get_settings

DOCUMENT_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png"})
PROGRESS_FROM = 5
OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.AUTO_VALIDATED: "Validé automatiquement",
    Outcome.NEEDS_REVIEW: "À revoir",
    Outcome.OUT_OF_SCOPE: "Hors périmètre",
    Outcome.DUPLICATE: "Doublon",
    Outcome.DOCUMENT_REJECTED: "Document rejeté",
}


def expand(paths: list[str]) -> list[str]:
    """Files to evaluate: files as given; a directory in its manifest's order when it has one,
    else its documents by name."""
    files: list[str] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            files.append(raw)
            continue
        manifest = path / "manifest.json"
        if manifest.is_file():
            documents = json.loads(manifest.read_text(encoding="utf-8")).get("documents", [])
            ordered = sorted(documents, key=lambda d: d.get("upload_order", 0))
            files.extend(str(path / d["file"]) for d in ordered)
        else:
            files.extend(
                str(p) for p in sorted(path.iterdir()) if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            )
    return files


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def quote_json(quote: Quote | None, evaluation: Evaluation) -> dict[str, Any] | None:
    if quote is None:
        return None
    judged = {line.line: line for line in evaluation.lines}
    lines = []
    for index, line in enumerate(quote.lines):
        verdict = judged.get(index)
        lines.append(
            {
                "designation": line.designation,
                "quantity": _number(line.quantity),
                "unit": line.unit.value if line.unit else None,
                "unit_price_ht": _number(line.unit_price_ht),
                "total_ht": _number(line.total_ht),
                "tva_rate": _number(line.tva_rate),
                "discount_rate": _number(line.discount_rate),
                "room": line.room,
                "bareme_code": verdict.bareme_code if verdict else None,
                "verdict": verdict.verdict.value if verdict else None,
                "reference_total_ht": _number(verdict.reference_total_ht) if verdict else None,
                "why": verdict.why if verdict else None,
            }
        )
    contractor = quote.contractor
    return {
        "kind": quote.kind.value,
        "contractor": {
            "name": contractor.name,
            "siret": contractor.siret,
            "siret_valid": contractor.siret_valid,
            "vat_number": contractor.vat_number,
        },
        "number": quote.number,
        "date": quote.date.isoformat() if quote.date else None,
        "site_postal_code": quote.site_postal_code,
        "lines": lines,
        "total_ht": _number(quote.total_ht),
        "total_tva": _number(quote.total_tva),
        "total_ttc": _number(quote.total_ttc),
    }


def evaluation_json(file: str, evaluation: Evaluation) -> dict[str, Any]:
    """The issue-3 contract, keys in its order."""
    return {
        "file": file,
        "sha256": evaluation.sha256 or None,
        "outcome": evaluation.outcome.value,
        "flags": [flag.value for flag in evaluation.flags],
        "reason": evaluation.reason,
        "quote": quote_json(evaluation.quote, evaluation),
        "revised_total_ttc": _number(evaluation.revised_total_ttc),
        "gap_ttc": _number(evaluation.gap_ttc),
    }


def _failure(sha256: str, flag: Flag, reason: str, outcome: Outcome) -> Evaluation:
    return Evaluation(sha256=sha256, outcome=outcome, flags=[flag], reason=reason)


def _progress(done: int, total: int, stream: TextIO) -> None:
    width = 30
    filled = width * done // total
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        stream.write("\n")
    stream.flush()


def run_evaluate(
    files: list[str],
    as_json: bool,
    cover: Cover | str | None,
    postal_code: str | None,
    *,
    settings: Settings | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Evaluate ``files`` in order; 0 when every file could be processed, 1 otherwise."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    settings = settings or get_settings()
    bareme = load_bareme()
    chosen_cover = Cover(cover) if cover else Cover.DEGATS_DES_EAUX
    registry = InMemoryDuplicateRegistry()
    paths = expand(files)
    show_progress = not as_json and len(paths) >= PROGRESS_FROM and err.isatty()
    first_seen: dict[str, str] = {}
    results: list[tuple[str, Evaluation]] = []
    status = 0
    for position, file in enumerate(paths):
        # One dossier per file position: the same path twice is two uploads.
        dossier_id = f"{position + 1:04d}"
        first_seen.setdefault(dossier_id, file)
        evaluation, failed = _evaluate_file(
            file, dossier_id, chosen_cover, postal_code, registry, settings, bareme, err
        )
        status = 1 if failed else status
        _name_first_file(evaluation, first_seen)
        results.append((file, evaluation))
        if as_json:
            out.write(json.dumps(evaluation_json(file, evaluation), ensure_ascii=False) + "\n")
            out.flush()
        if show_progress:
            _progress(position + 1, len(paths), err)
    if not as_json:
        out.write(render_table(results))
    return status


def _evaluate_file(
    file: str,
    dossier_id: str,
    cover: Cover,
    postal_code: str | None,
    registry: InMemoryDuplicateRegistry,
    settings: Settings,
    bareme: Bareme,
    err: TextIO,
) -> tuple[Evaluation, bool]:
    """One file's evaluation, and whether it failed (unreadable file, robot error)."""
    try:
        data = Path(file).read_bytes()
    except OSError as exc:
        reason = f"Fichier introuvable ou illisible : {exc.strerror}."
        return _failure("", Flag.UNREADABLE, reason, Outcome.DOCUMENT_REJECTED), True
    try:
        evaluation = evaluate_document(
            data,
            cover=cover,
            postal_code=postal_code,
            registry=registry,
            dossier_id=dossier_id,
            settings=settings,
            bareme=bareme,
        )
    except Exception as exc:  # one bad file must not stop the run; the flag says it
        traceback.print_exc(file=err)
        return _failure("", Flag.ROBOT_ERROR, f"Erreur du robot : {exc}", Outcome.NEEDS_REVIEW), True
    return evaluation, False


def _name_first_file(evaluation: Evaluation, first_seen: dict[str, str]) -> None:
    """Dossier ids mean nothing offline: a duplicate's reason names the first file instead."""
    if evaluation.duplicate_of in first_seen:
        first_file = Path(first_seen[evaluation.duplicate_of]).name
        evaluation.reason = (evaluation.reason or "").replace(
            f"le dossier {evaluation.duplicate_of}", f"« {first_file} »"
        )


def render_table(results: list[tuple[str, Evaluation]]) -> str:
    """A plain-text French table, then the reason for each document that is not validated."""
    header = ("Fichier", "Résultat", "Total TTC", "Révisé TTC", "Écart TTC", "Alertes")
    rows = []
    for file, evaluation in results:
        quote = evaluation.quote
        rows.append(
            (
                Path(file).name,
                OUTCOME_LABELS[evaluation.outcome],
                format_eur(quote.total_ttc) if quote and quote.total_ttc is not None else "—",
                format_eur(evaluation.revised_total_ttc) if evaluation.revised_total_ttc is not None else "—",
                format_eur(evaluation.gap_ttc) if evaluation.gap_ttc is not None else "—",
                ", ".join(flag.value for flag in evaluation.flags) or "—",
            )
        )
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    right = {2, 3, 4}

    def fmt(row: tuple[str, ...]) -> str:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        return "  ".join(cells).rstrip()

    lines = [fmt(header), "  ".join("-" * w for w in widths)]
    lines.extend(fmt(row) for row in rows)
    counts: dict[Outcome, int] = {}
    for _, evaluation in results:
        counts[evaluation.outcome] = counts.get(evaluation.outcome, 0) + 1
    lines.append("")
    lines.append(
        f"{len(results)} document(s) : " + ", ".join(f"{OUTCOME_LABELS[o].lower()} {n}" for o, n in counts.items())
    )
    details = [(file, e) for file, e in results if e.outcome is not Outcome.AUTO_VALIDATED and e.reason]
    if details:
        lines.append("")
        lines.append("Motifs :")
        lines.extend(f"- {Path(file).name} : {e.reason}" for file, e in details)
    return "\n".join(lines) + "\n"
