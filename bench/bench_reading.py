"""Benchmark of the reader (a script, not a test).

    .venv/bin/python bench/bench_reading.py [--rounds 5] [--ocr-pages 3]

1. Robot reading time per text PDF of the corpus (``read_document``: sniff, pypdf layout
   text, parsing, checks) against bare pypdf ``extract_text()`` on the same files in the same
   run; goal: ratio ≤ 1.5.
2. OCR seconds per page: corpus pages rendered, rotated and speckled like a scan, read by
   Tesseract through ``read_document``.

Prints markdown tables.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "tests" / "unit" / "reading"))

from reading_support import image_pdf, jpeg, scanned  # noqa: E402

from billma_core.reading import read_document  # noqa: E402
from billma_core.reading.numbers import clear_caches  # noqa: E402
from billma_core.reading.ocr.tesseract import TesseractEngine  # noqa: E402


def text_pdfs() -> list[Path]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    return [CORPUS / d["file"] for d in manifest["documents"] if d["kind"] == "devis"]


def bare_pypdf(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def timed(function: Callable[[bytes], object], data: bytes) -> float:
    """CPU seconds of one call: other processes on the machine do not count."""
    started = time.process_time()
    function(data)
    return time.process_time() - started


def robot(data: bytes) -> object:
    clear_caches()  # every upload is a new document: no tokenised row to reuse
    return read_document(data)


def bench_text(rounds: int) -> None:
    files = text_pdfs()
    # Warm both paths once (imports, font caches) so neither pays for the other.
    for path in files[:2]:
        bare_pypdf(path.read_bytes())
        robot(path.read_bytes())
    print(f"## Text PDFs: robot vs bare pypdf (CPU ms, best of {rounds} interleaved runs)\n")
    print("| file | pages | pypdf extract_text | robot read_document | ratio |")
    print("|---|---:|---:|---:|---:|")
    ratios = []
    total_bare = total_robot = 0.0
    for path in files:
        data = path.read_bytes()
        bare_times, robot_times = [], []
        for _ in range(rounds):
            bare_times.append(timed(bare_pypdf, data))
            robot_times.append(timed(robot, data))
        bare, mine = min(bare_times), min(robot_times)
        total_bare += bare
        total_robot += mine
        ratios.append(mine / bare)
        pages = len(PdfReader(io.BytesIO(data)).pages)
        print(f"| {path.name} | {pages} | {bare * 1000:.1f} | {mine * 1000:.1f} | {mine / bare:.2f} |")
    print(
        f"| **all ({len(files)} files)** | | {total_bare * 1000:.1f} | {total_robot * 1000:.1f} "
        f"| **{total_robot / total_bare:.2f}** (median {statistics.median(ratios):.2f}) |\n"
    )


def bench_ocr(pages: int) -> None:
    engine = TesseractEngine()
    if not engine.available():
        print("## OCR\n\nTesseract absent: skipped.\n")
        return
    print("## OCR: scanned pages through Tesseract (fra, 200 dpi scans, 0.8° rotation, speckles)\n")
    print("| file | input | pages | seconds | s/page | total TTC read |")
    print("|---|---|---:|---:|---:|---|")
    per_page = []
    for path in text_pdfs()[:pages]:
        images = scanned(path.read_bytes())
        for label, data in (("JPEG page 1", jpeg(images[0])), ("image-only PDF", image_pdf(images))):
            started = time.perf_counter()
            reading = read_document(data, ocr=engine)
            elapsed = time.perf_counter() - started
            per_page.append(elapsed / max(reading.pages, 1))  # per page, as the table
            ttc = reading.quote.total_ttc if reading.quote else None
            page_time = elapsed / max(reading.pages, 1)
            print(f"| {path.name} | {label} | {reading.pages} | {elapsed:.2f} | {page_time:.2f} | {ttc} |")
    print(f"| **median** | | | | **{statistics.median(per_page):.2f}** | |\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ocr-pages", type=int, default=3, help="corpus files to scan and OCR (0: skip)")
    args = parser.parse_args()
    bench_text(args.rounds)
    if args.ocr_pages:
        bench_ocr(args.ocr_pages)


if __name__ == "__main__":
    main()
