"""Every reading of the development files, dumped to compare two trees (a script, not a test).

    .venv/bin/python bench/dump_readings.py OUT.jsonl
    PYTHONPATH=<other tree>/layers/billma_core .venv/bin/python bench/dump_readings.py BASE.jsonl
    diff BASE.jsonl OUT.jsonl   # a speed change must leave every reading as it was

One JSON line per file of the corpus, the real invoices and the frozen development sets (text
PDFs, scans and photos; no OCR engine, so a scan's reading is its text layer's or none): the
hash of each page's words (text, box, style), each page's layout text, the whole
``DocumentReading`` and the altered-document signal. Caches are emptied before each file, as
for a new upload.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

from billma_core.reading import read_document
from billma_core.reading.numbers import clear_caches
from billma_core.reading.ocr.base import NoOcrEngine
from billma_core.reading.pdf import open_pdf, page_words
from billma_core.reading.words import layout_text
from billma_core.signals.altered import altered_document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
# The development sets, frozen1–19, named one by one: the held-out sets of the session in progress
# are never read by a development script.
SETS = [f"frozen{n}" if n > 1 else "frozen" for n in range(1, 20)]


def files() -> list[Path]:
    found = sorted((SHARED / "corpus").glob("*.pdf")) + sorted((SHARED / "real-invoices").glob("*.pdf"))
    for name in SETS:
        directory = ROOT / "tests" / "heldout" / name
        found += sorted(p for p in directory.iterdir() if p.suffix.lower() in {".pdf", ".jpg", ".jpeg", ".png"})
    return found


def dump(path: Path) -> dict[str, object]:
    data = path.read_bytes()
    clear_caches()
    open_pdf.cache_clear()
    page_words.cache_clear()
    record: dict[str, object] = {"file": os.path.relpath(path, ROOT)}
    if data.startswith(b"%PDF"):
        try:
            words = page_words(data, None)
            record["words"] = [hashlib.sha256(repr(page).encode()).hexdigest()[:16] for page in words]
            record["layout"] = [layout_text(page) for page in words]
        except Exception as exc:  # a file PDFium refuses: the reader falls back on pypdf
            record["words"] = f"{type(exc).__name__}"
    record["reading"] = json.loads(read_document(data, ocr=NoOcrEngine()).model_dump_json())
    signal = altered_document(data)
    record["altered"] = json.loads(signal.model_dump_json()) if signal is not None else None
    return record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8") as out:
        for path in files():
            out.write(json.dumps(dump(path), ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(files())} files dumped to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
