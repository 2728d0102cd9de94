"""Measure the fraud signals on documents made here and on the shared documents.

    .venv/bin/python -m tests.signals_measure [--heldout DIR]

Prints the Markdown tables of ``docs/signals.md``: each made document through the robot's own
pipeline (real reader, in-memory registry, a claim per dossier) with the flags and checks it
raised; then the false alarms on ``../shared/corpus``, ``../shared/real-invoices`` and, with
``--heldout``, a held-out set (``python -m tests.heldout.generate DIR --scans 0``).
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from billma_core.bareme import load_bareme
from billma_core.models import Cover, Evaluation, Flag
from billma_core.reading import read_document
from billma_core.robot import InMemoryDuplicateRegistry, evaluate_document
from billma_core.settings import Settings
from billma_core.signals import SIGNAL_FLAGS, ClaimContext
from billma_core.signals.altered import altered_document
from tests.altered_documents import (
    QuoteSpec,
    honest_quote,
    incremental_amount_edit,
    pasted_amount,
    raised_price,
    resaved_by_editor,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LOSS = date(2025, 3, 16)


class Run:
    """Dossiers one after the other in one registry, as the robot sees them in the cloud."""

    def __init__(self) -> None:
        self.registry = InMemoryDuplicateRegistry()
        self.bareme = load_bareme()
        self.settings = Settings()
        self.count = 0

    def submit(self, data: bytes, reference: str, loss: date | None = LOSS, person: str = "p1") -> Evaluation:
        self.count += 1
        dossier = f"D{self.count:03d}"
        claim = ClaimContext(dossier_id=dossier, claim_reference=reference, policyholder=person, date_of_loss=loss)
        return evaluate_document(
            data, cover=Cover.DEGATS_DES_EAUX, postal_code="33400", registry=self.registry, dossier_id=dossier,
            settings=self.settings, bareme=self.bareme, claim=claim,
        )  # fmt: skip


def _signals(evaluation: Evaluation) -> str:
    parts = []
    for signal in evaluation.signals:
        checks = signal.evidence.get("checks")
        parts.append(f"{signal.flag.value}" + (f" ({', '.join(checks)})" if checks else ""))
        if signal.linked_dossier_id:
            parts[-1] += f" → {signal.linked_dossier_id}"
    return ", ".join(parts) or "—"


def made_documents() -> list[tuple[str, str, Evaluation, Flag | None]]:
    """(document, what it is, evaluation, the flag it must raise or None)."""
    spec = QuoteSpec()
    original = honest_quote(spec)
    edited = incremental_amount_edit(original, raised_price(spec, line=2, price="35,00"))
    rows: list[tuple[str, str, Evaluation, Flag | None]] = [
        ("honnête", "devis fpdf2, une révision", Run().submit(original, "SIN-M-1"), None),
        ("mise à jour incrémentale", "PU 27,50 → 35,00 € (sous le plafond) et totaux, révision ajoutée",
         Run().submit(edited, "SIN-M-2"), Flag.ALTERED_DOCUMENT),
        ("ré-enregistré", "PDF repassé par « iLovePDF » 9 jours après",
         Run().submit(resaved_by_editor(original), "SIN-M-3"), Flag.ALTERED_DOCUMENT),
        ("montant collé", "un total de ligne en Times 10 dans une colonne en Helvetica 9",
         Run().submit(pasted_amount(spec, line=2, amount="873,75"), "SIN-M-4"), Flag.ALTERED_DOCUMENT),
    ]  # fmt: skip

    reuse = Run()
    first = QuoteSpec(number="DV-2025-0555")
    reuse.submit(honest_quote(first), "SIN-R-1")
    rows.append(("réutilisé 1", "le même fichier sur un 2e sinistre",
                 reuse.submit(honest_quote(first), "SIN-R-2", person="p2"), Flag.REUSED_QUOTE))  # fmt: skip
    retyped = replace(first, lines=(*first.lines[:-1], ("Nettoyage de fin de chantier", "1", "forfait", "105,00")))
    rows.append(("réutilisé 2", "ressaisi (un prix changé, même SIRET et n°) sur un 3e sinistre",
                 reuse.submit(honest_quote(retyped), "SIN-R-3", person="p3"), Flag.REUSED_QUOTE))  # fmt: skip
    corpus_first = (SHARED / "corpus" / "01_DEV-2025-0736.pdf").read_bytes()
    rerendered = (SHARED / "corpus" / "14_DEVIS-DEV-2025-0736.pdf").read_bytes()
    reuse.submit(corpus_first, "SIN-R-4")
    rows.append(("réutilisé 3", "le même devis remis en page (corpus 01 → 14) sur un autre sinistre",
                 reuse.submit(rerendered, "SIN-R-5", person="p5"), Flag.REUSED_QUOTE))  # fmt: skip
    again = Run()
    again.submit(corpus_first, "SIN-S-1")
    rows.append(("même sinistre", "le même fichier redéposé pour le même sinistre (doublon, pas réutilisé)",
                 again.submit(corpus_first, "SIN-S-1"), None))  # fmt: skip
    return rows


def shared_false_alarms(folder: Path, claims_from_truth: bool) -> tuple[int, int, list[str]]:
    """(documents, signals raised, which): each document for its own claim, dated as its
    ground truth says; a duplicate goes to its original's claim (the same upload twice)."""
    run = Run()
    files = sorted(folder.glob("*.pdf")) + sorted(folder.glob("*.png")) + sorted(folder.glob("*.jpg"))
    manifest = folder / "manifest.json"
    if manifest.is_file():
        order = [
            d["file"] for d in sorted(json.loads(manifest.read_text())["documents"], key=lambda d: d["upload_order"])
        ]
        files = [folder / name for name in order]
    reference_of: dict[str, str] = {}
    alarms: list[str] = []
    for path in files:
        truth_path = path.with_suffix(".json")
        truth = json.loads(truth_path.read_text()) if claims_from_truth and truth_path.is_file() else {}
        loss = date.fromisoformat(truth["date_of_loss"]) if truth.get("date_of_loss") else None
        reference = reference_of.get(truth.get("duplicate_of") or "", f"SIN-{path.stem}")
        reference_of[path.name] = reference
        data = path.read_bytes()
        evaluation = run.submit(data, reference, loss=loss)
        raised = [flag.value for flag in evaluation.flags if flag in SIGNAL_FLAGS]
        if altered_document(data) is not None and "altered_document" not in raised:
            raised.append("altered_document")  # a rejected document's bytes are checked too
        if raised:
            alarms.append(f"{path.name}: {', '.join(raised)}")
    return len(files), len(alarms), alarms


def cost_ratio(files: list[Path]) -> tuple[int, float, float]:
    """(documents, reading seconds, altered_document seconds) over the same PDFs in one run."""
    settings = Settings(ocr_engine="none")
    datas = [path.read_bytes() for path in files]
    started = time.perf_counter()
    for data in datas:
        read_document(data, settings)
    reading = time.perf_counter() - started
    started = time.perf_counter()
    for data in datas:
        altered_document(data)
    return len(datas), reading, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--heldout", type=Path, default=None)
    args = parser.parse_args()
    print("| document | ce qui a été fait | attendu | résultat | signaux (contrôles) | détecté |")
    print("|---|---|---|---|---|---|")
    for name, what, evaluation, expected in made_documents():
        raised = {s.flag for s in evaluation.signals}
        ok = (expected in raised) if expected else not (raised & {Flag.ALTERED_DOCUMENT, Flag.REUSED_QUOTE})
        print(f"| {name} | {what} | {expected.value if expected else 'aucun'} | {evaluation.outcome.value} | "
              f"{_signals(evaluation)} | {'oui' if ok else 'NON'} |")  # fmt: skip
    print()
    print("| documents | nombre | signaux levés (fausses alertes) |")
    print("|---|---|---|")
    sets = [("../shared/corpus", SHARED / "corpus", True), ("../shared/real-invoices", SHARED / "real-invoices", False)]
    if args.heldout:
        sets.append((f"held-out ({args.heldout.name})", args.heldout, True))
    for label, folder, truth in sets:
        count, raised, which = shared_false_alarms(folder, truth)
        print(f"| {label} | {count} | {raised}{' : ' + '; '.join(which) if which else ''} |")
    pdfs = sorted((SHARED / "corpus").glob("*.pdf"))
    if args.heldout:
        pdfs += sorted(args.heldout.glob("*.pdf"))
    count, reading, altered = cost_ratio(pdfs)
    print()
    print(f"Coût : altered_document sur {count} PDF = {altered / reading:.2f} × leur lecture "
          f"({altered / count * 1000:.0f} ms contre {reading / count * 1000:.0f} ms par document).")  # fmt: skip


if __name__ == "__main__":
    main()
