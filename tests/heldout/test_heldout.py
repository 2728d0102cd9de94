"""Held-out quotes the robot has never seen: conservative floors that hold today (slow).

The full measurement, with the failure cases, is ``bench/bench_heldout.py`` (see
``docs/heldout.md``). These floors sit a little below what the robot reaches now, so that a
regression shows; raise them as the reader and the matcher improve. The safety property is
strict: no quote that should go to a reviewer is auto-validated.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.heldout.generate import generate, truths_only
from tests.heldout.scoring import DocScore, evaluate_set, judge_perfect_reading, score_document, summarise

pytestmark = pytest.mark.slow

SEED = 11
N_TEXT = 16
N_SCANS = 4

# Floors (fractions), a little below what seed 11 gives on 25 Nov 2026 (text PDFs: TTC 93.8 %,
# SIRET 100 %, number 93.8 %, lines 43.8 %, outcome 37.5 %; scans: TTC 100 %, SIRET 100 %,
# number 75 %, lines 8 %). See docs/heldout.md for the full measurement.
TEXT_FLOORS = {"ttc": 0.85, "siret": 0.95, "number": 0.85, "lines": 0.35, "outcome": 0.30}
SCAN_FLOORS = {"ttc": 0.50, "siret": 0.50, "number": 0.50}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> list[DocScore]:
    directory: Path = tmp_path_factory.mktemp("heldout")
    generate(directory, N_TEXT, N_SCANS, SEED)
    return evaluate_set(directory, workers=4)


def test_every_document_gets_an_answer(scores: list[DocScore]) -> None:
    missing = [s.truth["file"] for s in scores if s.result is None]
    assert not missing
    crashed = [s.truth["file"] for s in scores if "robot_error" in s.actual_flags]
    assert not crashed


def test_no_unsafe_auto_validation(scores: list[DocScore]) -> None:
    unsafe = [(s.truth["file"], s.truth["scenario"], s.truth["expected"]["flags"]) for s in scores if s.unsafe]
    assert not unsafe, f"auto-validated although a reviewer must see them: {unsafe}"


def test_out_of_scope_never_auto_validated(scores: list[DocScore]) -> None:
    wrong = [
        s.truth["file"]
        for s in scores
        if s.truth["expected"]["outcome"] == "out_of_scope" and s.actual_outcome == "auto_validated"
    ]
    assert not wrong


def test_text_pdf_extraction_floors(scores: list[DocScore]) -> None:
    summary = summarise([s for s in scores if not s.scan])
    measured = {
        "ttc": summary.ttc,
        "siret": summary.siret,
        "number": summary.number,
        "lines": summary.lines,
        "outcome": summary.outcome,
    }
    below = {k: round(v, 3) for k, v in measured.items() if v < TEXT_FLOORS[k]}
    assert not below, f"below the floors {TEXT_FLOORS}: {below}"


def test_scan_extraction_floors(scores: list[DocScore]) -> None:
    summary = summarise([s for s in scores if s.scan])
    measured = {"ttc": summary.ttc, "siret": summary.siret, "number": summary.number}
    below = {k: round(v, 3) for k, v in measured.items() if v < SCAN_FLOORS[k]}
    assert not below, f"below the floors {SCAN_FLOORS}: {below}"


def test_scans_carry_the_ocr_flag(scores: list[DocScore]) -> None:
    read = [s for s in scores if s.scan and s.result and s.result.get("quote")]
    assert all("ocr" in s.actual_flags for s in read)


def test_judge_alone_is_safe_on_a_sweep() -> None:
    """A perfect reader, 300 unrendered quotes: the barème, matcher and decision on their own."""
    truths = truths_only(300, SEED + 2000)
    judged = judge_perfect_reading(truths)
    scores = [score_document(t, judged.get(t["file"])) for t in truths]
    unsafe = [(s.truth["file"], s.truth["scenario"], s.truth["expected"]["flags"]) for s in scores if s.unsafe]
    assert not unsafe
    summary = summarise(scores)
    # 99.4 % on 25 Nov 2026 with the committed wordings (which the matcher has been tuned on)
    assert summary.outcome >= 0.90, summary.causes.keys()
    assert summary.review_reason >= 0.95
