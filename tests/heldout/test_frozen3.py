"""Frozen held-out set 3 (``tests/heldout/frozen3``, see its README): floors (slow).

Measured once, before session 5's reader (issue 11) and judge (issue 12) changes (robot at
f74a4cd, ``docs/heldout.md`` "Frozen set 3 — before"); each floor sits one document below that
measure so that one OCR character more or less does not fail CI, and must only ever be raised.
Never tune the reader or the judge on these files. No quote may be auto-validated unsafely.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.heldout.scoring import (
    DocScore,
    below_floors,
    evaluate_set,
    judge_perfect_reading,
    load_truths,
    score_document,
    summarise,
    unsafe_cases,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(2400)]

FROZEN3 = Path(__file__).parent / "frozen3"

# before (f74a4cd, 5 Dec 2026 23:52 UTC): text 28/31 total TTC, 23/31 SIRET, 31/31 number, lines 92.4 % found
# and 92.4 % exact, 19/31 outcomes, 31/31 with every expected flag, 2/15 fair auto-validated; scans 11/15,
# 9/15, 13/15, 64.2 % / 61.9 %, 5/15, 13/15, 0/8. One document is 3.2 % of the text lines, 6.7 % of the
# scans' lines.
TEXT_FLOORS = {"ttc": 0.87, "siret": 0.70, "number": 0.96, "lines_found": 0.89, "lines": 0.89, "kind": 0.96,
               "outcome": 0.58, "flags_present": 0.96}
SCAN_FLOORS = {"ttc": 0.66, "siret": 0.53, "number": 0.79, "lines_found": 0.57, "lines": 0.55, "kind": 0.93,
               "outcome": 0.26, "flags_present": 0.79}
FAIR_AUTO_FLOOR = 1  # of 23 fair quotes (text and scans), 2 before
# the judge alone (a perfect reading) before: 36/46 outcomes, 12 of 23 fair quotes auto-validated
JUDGE_OUTCOME_FLOOR, JUDGE_FAIR_AUTO_FLOOR = 0.76, 11


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> list[DocScore]:
    return evaluate_set(FROZEN3, workers=2, results_file=tmp_path_factory.mktemp("frozen3") / "results.jsonl")


def test_every_document_gets_an_answer(scores: list[DocScore]) -> None:
    assert len(scores) == 46
    assert not [s.truth["file"] for s in scores if s.result is None or "robot_error" in s.actual_flags]


def test_text_pdf_floors(scores: list[DocScore]) -> None:
    below = below_floors([s for s in scores if not s.scan], TEXT_FLOORS)
    assert not below, f"below the floors {TEXT_FLOORS}: {below}"


def test_scan_floors(scores: list[DocScore]) -> None:
    below = below_floors([s for s in scores if s.scan], SCAN_FLOORS)
    assert not below, f"below the floors {SCAN_FLOORS}: {below}"


def test_fair_quotes_floor(scores: list[DocScore]) -> None:
    summary = summarise(scores)
    assert summary.fair_auto >= FAIR_AUTO_FLOOR, f"{summary.fair_auto}/{summary.fair_docs}"


def test_no_unsafe_auto_validation(scores: list[DocScore]) -> None:
    unsafe = unsafe_cases(scores)
    assert not unsafe, f"auto-validated although a reviewer must see them: {unsafe}"


def test_the_judge_alone() -> None:
    truths = load_truths(FROZEN3)
    judged = judge_perfect_reading(truths)
    summary = summarise([score_document(t, judged.get(t["file"])) for t in truths])
    assert not summary.unsafe, f"auto-validated although a reviewer must see them: {summary.unsafe}"
    assert summary.outcome >= JUDGE_OUTCOME_FLOOR, summary.outcome
    assert summary.fair_auto >= JUDGE_FAIR_AUTO_FLOOR, f"{summary.fair_auto}/{summary.fair_docs}"
