"""The document's fields read on the frozen sets' text PDFs, set by set (a script, not a test).

    .venv/bin/python bench/bench_fields.py [--sets tests/heldout/frozen16 …] [--wrong]
    .venv/bin/python bench/bench_fields.py --regional tests/heldout/frozen16

For each set: how many text PDFs have the site's postal code, the contractor's name (the truth's
name inside the one read), the SIRET, the number, the date and the kind (quote or invoice)
exact, read in-process with no OCR engine (the robot's reading, no judge). ``--wrong`` lists each
miss. ``--regional``: the whole robot on a set's text PDFs **without** the dossier form's postal
code, so the barème's regional coefficient comes from the site's postal code the reader found:
outcomes acceptable, fair quotes auto-validated, unsafe auto-validations.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from billma_core.reading import read_document  # noqa: E402
from billma_core.reading.ocr.base import NoOcrEngine  # noqa: E402
from tests.heldout.scoring import load_truths, run_robot, score_document, summarise, unsafe_cases  # noqa: E402

FIELDS = ("site", "name", "siret", "number", "date", "kind")


_KINDS = {"devis": "quote", "facture": "invoice"}


def _checks(truth: dict, quote: object) -> dict[str, tuple[bool, object]]:
    artisan = truth.get("artisan") or {}
    name = getattr(quote.contractor, "name", None) or ""  # type: ignore[attr-defined]
    date = truth.get("date")
    return {
        "site": (quote.site_postal_code == truth.get("site_postal_code"), quote.site_postal_code),  # type: ignore[attr-defined]
        "name": (bool(artisan.get("name")) and artisan["name"].lower() in name.lower(), name),
        "siret": (quote.contractor.siret == artisan.get("siret"), quote.contractor.siret),  # type: ignore[attr-defined]
        "number": (quote.number == truth.get("devis_number"), quote.number),  # type: ignore[attr-defined]
        "date": (date is None or quote.date == dt.date.fromisoformat(date), quote.date),  # type: ignore[attr-defined]
        "kind": (quote.kind == _KINDS.get(truth.get("kind", "devis")), quote.kind),  # type: ignore[attr-defined]
    }


def fields(directory: Path, wrong: bool) -> str:
    truths = [t for t in load_truths(directory) if t["media"] == "text_pdf"]
    right = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    for truth in truths:
        reading = read_document((directory / truth["file"]).read_bytes(), ocr=NoOcrEngine())
        if reading.quote is None:
            misses.append(f"  {truth['file']}: no quote read")
            continue
        for field, (ok, got) in _checks(truth, reading.quote).items():
            right[field] += ok
            if not ok:
                misses.append(f"  {truth['file']} {field}: {got!r}")
    row = f"| {directory.name} | {len(truths)} | " + " | ".join(str(right[f]) for f in FIELDS) + " |"
    return "\n".join([row, *misses]) if wrong else row


def regional(directory: Path) -> str:
    truths = [t for t in load_truths(directory) if t["media"] == "text_pdf"]
    results = run_robot(directory, truths, workers=2, with_postal_code=False)
    scores = [score_document(t, results.get(t["file"])) for t in truths]
    s = summarise(scores)
    return (
        f"{directory.name} without the form's postal code: site postal code {round(s.postal * s.docs)}/{s.docs}, "
        f"outcome acceptable {round(s.outcome * s.docs)}/{s.docs}, fair auto-validated {s.fair_auto}/{s.fair_docs}, "
        f"unsafe {len(unsafe_cases(scores))}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sets = sorted((ROOT / "tests" / "heldout").glob("frozen*"), key=lambda p: int(p.name[6:] or 1))
    parser.add_argument(
        "--sets", nargs="*", type=Path, default=[p for p in sets if p.name[6:].isdigit() or p.name == "frozen"]
    )
    parser.add_argument("--wrong", action="store_true")
    parser.add_argument("--regional", type=Path)
    args = parser.parse_args()
    if args.regional is not None:
        print(regional(args.regional))
        return 0
    print("| set | text PDFs | " + " | ".join(FIELDS) + " |")
    print("|---|---:|" + "---:|" * len(FIELDS))
    for directory in args.sets:
        print(fields(directory, args.wrong), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
