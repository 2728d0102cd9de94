"""Benchmark of the reader (a script, not a test).

    .venv/bin/python bench/bench_reading.py [--rounds 5] [--ocr-pages 3] [--sets DIR ...] [--stages]

1. Robot reading time per text PDF of the corpus (and of the text PDFs of the development sets
   given with ``--sets``: ``tests/heldout/frozen``…) (``read_document``: sniff, PDFium words,
   parsing, checks; then ``altered_document``, the signal the robot computes on the same
   bytes) against bare pypdf ``extract_text()`` on the same files in the same run; goal:
   ratio ≤ 1.5. Also the reading alone and the altered check alone (its own parse, as if the
   reader had not read the file). The ratios are summed up over all files, per file (median,
   worst, share within the goal) and by page count; with ``--stages``, where the time goes.
2. OCR seconds per page for both local engines (Tesseract, RapidOCR): corpus pages rendered,
   rotated and speckled like a scan, read through ``read_document``, the engines taking turns
   on each image so that the machine's load weighs on both alike; and, apart, the seconds
   of the orientation survey each engine makes of a page before reading it (included in
   the page's time).

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

from PIL import Image
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "tests" / "unit" / "reading"))

from reading_support import image_pdf, jpeg, scanned  # noqa: E402

from billma_core.checks import check_quote  # noqa: E402
from billma_core.reading import read_document  # noqa: E402
from billma_core.reading.facturx import read_facturx  # noqa: E402
from billma_core.reading.numbers import clear_caches  # noqa: E402
from billma_core.reading.ocr import OcrEngine  # noqa: E402
from billma_core.reading.ocr.rapid import RapidOcrEngine  # noqa: E402
from billma_core.reading.ocr.tesseract import TesseractEngine  # noqa: E402
from billma_core.reading.parse import parse_quote  # noqa: E402
from billma_core.reading.pdf import open_pdf, page_count, page_words  # noqa: E402
from billma_core.reading.words import layout_text  # noqa: E402
from billma_core.signals.altered import altered_document  # noqa: E402

# The goal: robot time per text PDF within this factor of bare pypdf ``extract_text``.
GOAL = 1.5


def text_pdfs() -> list[Path]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    return [CORPUS / d["file"] for d in manifest["documents"] if d["kind"] == "devis"]


def set_text_pdfs(directory: Path) -> list[Path]:
    """The text PDFs of a frozen set (each document's truth says its medium)."""
    truths = (json.loads(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.json")))
    return [directory / truth["file"] for truth in truths if truth.get("media") == "text_pdf"]


def bare_pypdf(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def timed(function: Callable[[bytes], object], data: bytes) -> float:
    """CPU seconds of one call: other processes on the machine do not count."""
    started = time.process_time()
    function(data)
    return time.process_time() - started


def _new_document() -> None:
    """Every upload is a new document: no tokenised row, parse or words to reuse."""
    clear_caches()
    open_pdf.cache_clear()
    page_words.cache_clear()


def robot(data: bytes) -> object:
    _new_document()
    reading = read_document(data)
    return reading, altered_document(data)


def reading_only(data: bytes) -> object:
    _new_document()
    return read_document(data)


def altered_alone(data: bytes) -> object:
    _new_document()
    return altered_document(data)


def bench_text(files: list[Path], rounds: int) -> None:
    # Warm both paths once (imports, font caches) so neither pays for the other.
    for path in files[:2]:
        bare_pypdf(path.read_bytes())
        robot(path.read_bytes())
    print(f"## Text PDFs: robot vs bare pypdf (CPU ms, best of {rounds} interleaved runs)\n")
    print("| file | pages | pypdf extract_text | reading | altered alone | robot (reading + altered) | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    ratios: list[tuple[float, int, str]] = []  # (robot / pypdf, pages, file)
    total_bare = total_robot = total_reading = total_altered = 0.0
    for path in files:
        data = path.read_bytes()
        times: dict[str, list[float]] = {"bare": [], "robot": [], "reading": [], "altered": []}
        for _ in range(rounds):
            times["bare"].append(timed(bare_pypdf, data))
            times["robot"].append(timed(robot, data))
            times["reading"].append(timed(reading_only, data))
            times["altered"].append(timed(altered_alone, data))
        bare, mine = min(times["bare"]), min(times["robot"])
        alone, altered = min(times["reading"]), min(times["altered"])
        total_bare += bare
        total_robot += mine
        total_reading += alone
        total_altered += altered
        pages = len(PdfReader(io.BytesIO(data)).pages)
        name = f"{path.parent.name}/{path.name}"
        ratios.append((mine / bare, pages, name))
        print(
            f"| {name} | {pages} | {bare * 1000:.1f} | {alone * 1000:.1f} | {altered * 1000:.1f} "
            f"| {mine * 1000:.1f} | {mine / bare:.2f} |"
        )
    print(
        f"| **all ({len(files)} files)** | | {total_bare * 1000:.1f} | {total_reading * 1000:.1f} "
        f"| {total_altered * 1000:.1f} | {total_robot * 1000:.1f} "
        f"| **{total_robot / total_bare:.2f}** (reading alone {total_reading / total_bare:.2f}) |\n"
    )
    print(ratio_summary(ratios))


def ratio_summary(ratios: list[tuple[float, int, str]]) -> str:
    """Per-file ratios: median, worst, share within the goal, for all files and by page count."""
    lines = [
        f"Per-file ratio robot / pypdf (goal ≤ {GOAL}):\n",
        "| files | count | median | worst | within the goal |",
        "|---|---:|---:|---:|---:|",
    ]
    groups: list[tuple[str, list[tuple[float, int, str]]]] = [("all", ratios)]
    for pages in sorted({pages for _, pages, _ in ratios}):
        groups.append((f"{pages} page{'s' if pages > 1 else ''}", [r for r in ratios if r[1] == pages]))
    for label, group in groups:
        worst = max(group)
        within = sum(ratio <= GOAL for ratio, _, _ in group)
        lines.append(
            f"| {label} | {len(group)} | {statistics.median(r for r, _, _ in group):.2f} "
            f"| {worst[0]:.2f} ({worst[2]}) | {within}/{len(group)} |"
        )
    return "\n".join(lines) + "\n"


def stage_times(data: bytes) -> dict[str, float]:
    """CPU seconds of each step the robot takes on a text PDF, in its order, for a new document:
    pypdf's parse (page count, metadata later), PDFium's words, rows of layout text, the
    parse of the rows, the checks and the Factur-X look-up, then the altered check on the
    parse and words already made."""
    _new_document()
    times: dict[str, float] = {}
    clock = time.process_time()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.process_time()
        times[stage] = now - clock
        clock = now

    reader, password = open_pdf(data)
    page_count(reader)
    lap("pypdf parse")
    words = page_words(data, password)
    lap("PDFium words")
    pages = [layout_text(page) for page in words]
    lap("rows of layout text")
    parsed = parse_quote(pages)
    lap("parse (lines, totals, fields)")
    check_quote(parsed.quote)
    read_facturx(data)
    lap("checks, Factur-X")
    altered_document(data)
    lap("altered check")
    return times


def bench_stages(files: list[Path], rounds: int) -> None:
    """Where a text PDF's time goes (median over the files of each stage's best of ``rounds``)."""
    best: list[dict[str, float]] = []
    for path in files:
        data = path.read_bytes()
        runs = [stage_times(data) for _ in range(rounds)]
        best.append({stage: min(run[stage] for run in runs) for stage in runs[0]})
    total = statistics.median(sum(times.values()) for times in best)
    print(f"## Where the time goes (CPU ms, median over {len(files)} files of the best of {rounds})\n")
    print("| stage | median ms | share |\n|---|---:|---:|")
    for stage in best[0]:
        median = statistics.median(times[stage] for times in best)
        print(f"| {stage} | {median * 1000:.2f} | {100 * median / total:.0f} % |")
    print(f"| **all** | **{total * 1000:.2f}** | |\n")


def bench_ocr(pages: int) -> None:
    engines: list[OcrEngine] = [e for e in (TesseractEngine(), RapidOcrEngine()) if e.available()]
    if not engines:
        print("## OCR\n\nNo local OCR engine installed: skipped.\n")
        return
    names = [e.name for e in engines]
    print(f"## OCR: scanned pages through {', '.join(names)} (200 dpi scans, 0.8° rotation, speckles)\n")
    print("Wall-clock seconds through `read_document`; RapidOCR's models are loaded before timing.\n")
    print("| file | input | pages | " + " | ".join(f"{n} s/page | {n} total TTC" for n in names) + " |")
    print("|---|---|---:|" + "---:|---|" * len(engines))
    per_page: dict[str, list[float]] = {n: [] for n in names}
    surveys: dict[str, list[float]] = {n: [] for n in names}
    if any(isinstance(e, RapidOcrEngine) for e in engines):
        RapidOcrEngine().image_to_text(jpeg(scanned(text_pdfs()[0].read_bytes())[0]))
    for path in text_pdfs()[:pages]:
        images = scanned(path.read_bytes())
        for label, data in (("JPEG page 1", jpeg(images[0])), ("image-only PDF", image_pdf(images))):
            cells = []
            count = 1
            for engine in engines:
                started = time.perf_counter()
                reading = read_document(data, ocr=engine)
                count = max(reading.pages, 1)
                page_time = (time.perf_counter() - started) / count
                per_page[engine.name].append(page_time)
                cells.append(f"{page_time:.2f} | {reading.quote.total_ttc if reading.quote else None}")
            print(f"| {path.name} | {label} | {count} | " + " | ".join(cells) + " |")
        for engine in engines:
            started = time.perf_counter()
            engine.survey(png(images[0]))
            surveys[engine.name].append(time.perf_counter() - started)
    medians = {n: statistics.median(v) for n, v in per_page.items()}
    print("| **median s/page** | | | " + " | ".join(f"**{medians[n]:.2f}** | " for n in names) + "|")
    if len(names) == 2:
        print(f"\n{names[1]} / {names[0]} time per page: **{medians[names[1]] / medians[names[0]]:.2f}**\n")
    print("Orientation survey of page 1 alone (wall-clock seconds, median; part of the time per page):\n")
    print("| engine | survey s/page | share of the page's time |\n|---|---:|---:|")
    for name in names:
        survey = statistics.median(surveys[name])
        print(f"| {name} | {survey:.2f} | {100 * survey / medians[name]:.0f} % |")
    print()


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ocr-pages", type=int, default=3, help="corpus files to scan and OCR (0: skip)")
    parser.add_argument(
        "--sets", type=Path, nargs="*", default=[], help="frozen development sets whose text PDFs are timed too"
    )
    parser.add_argument("--stages", action="store_true", help="also the time of each stage of the reading")
    args = parser.parse_args()
    files = text_pdfs() + [path for directory in args.sets for path in set_text_pdfs(directory)]
    bench_text(files, args.rounds)
    if args.stages:
        bench_stages(files, args.rounds)
    if args.ocr_pages:
        bench_ocr(args.ocr_pages)


if __name__ == "__main__":
    main()
