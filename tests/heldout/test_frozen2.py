"""Frozen held-out set 2 (``tests/heldout/frozen2``, see its README): floors (slow).

Measured once, before session 4's reader and judge changes (robot at e603f1d,
``docs/heldout.md`` "Frozen set 2 — before"), then after them; each floor sits one document below
the latest measure so that one OCR character more or less does not fail CI. Raise them when a
better robot is merged; never tune the reader or the judge on these files. No quote may be auto-validated unsafely.
"""

from __future__ import annotations

import csv
import re
import unicodedata
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

FROZEN2 = Path(__file__).parent / "frozen2"
WORDINGS2 = Path(__file__).parent / "wordings2" / "wordings.tsv"
TUNED_WORDINGS = Path(__file__).parent / "wordings" / "wordings.tsv"

# before (e603f1d): text 18/28 TTC, 28/28 SIRET and number, lines 65.8 % found / 65.4 % exact,
# 11/28 outcomes, 27/28 with every expected flag; scans 11/14, 13/14, 12/14, 83.5 % / 80.4 %, 8/14,
# 12/14. After session 4 (b0e5651; the set was seen by then, docs/heldout.md): text 25/28 TTC,
# 28/28, 89.2 % / 89.2 %, 17/28, 28/28; scans 13/14, 13/14, 12/14, 88.7 % / 85.6 %, 11/14, 13/14.
# After session 5's reader (issue-11e, de67de0; seen): text 28/28 TTC, 28/28, 100 % / 100 %, 22/28,
# 28/28; scans 14/14, 13/14, 12/14, 97.9 % / 94.8 %, 13/14, 14/14.
# The floors sit one document below the latter.
TEXT_FLOORS = {"ttc": 0.96, "siret": 0.96, "number": 0.96, "lines_found": 0.96, "lines": 0.96, "outcome": 0.75,
               "flags_present": 0.96}
SCAN_FLOORS = {"ttc": 0.92, "siret": 0.85, "number": 0.78, "lines_found": 0.90, "lines": 0.87, "outcome": 0.85,
               "flags_present": 0.92}
# the judge alone (a perfect reading): before 30/42 outcomes, 11 of 25 fair quotes auto-validated;
# after session 4, 35/42 and 16/25
JUDGE_OUTCOME_FLOOR, JUDGE_FAIR_AUTO_FLOOR = 0.80, 15


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> list[DocScore]:
    return evaluate_set(FROZEN2, workers=2, results_file=tmp_path_factory.mktemp("frozen2") / "results.jsonl")


def test_every_document_gets_an_answer(scores: list[DocScore]) -> None:
    assert len(scores) == 42
    assert not [s.truth["file"] for s in scores if s.result is None or "robot_error" in s.actual_flags]


def test_text_pdf_floors(scores: list[DocScore]) -> None:
    below = below_floors([s for s in scores if not s.scan], TEXT_FLOORS)
    assert not below, f"below the floors {TEXT_FLOORS}: {below}"


def test_scan_floors(scores: list[DocScore]) -> None:
    below = below_floors([s for s in scores if s.scan], SCAN_FLOORS)
    assert not below, f"below the floors {SCAN_FLOORS}: {below}"


def test_no_unsafe_auto_validation(scores: list[DocScore]) -> None:
    unsafe = unsafe_cases(scores)
    assert not unsafe, f"auto-validated although a reviewer must see them: {unsafe}"


def test_the_judge_alone() -> None:
    truths = load_truths(FROZEN2)
    judged = judge_perfect_reading(truths)
    summary = summarise([score_document(t, judged.get(t["file"])) for t in truths])
    assert not summary.unsafe, f"auto-validated although a reviewer must see them: {summary.unsafe}"
    assert summary.outcome >= JUDGE_OUTCOME_FLOOR, summary.outcome
    assert summary.fair_auto >= JUDGE_FAIR_AUTO_FLOOR, f"{summary.fair_auto}/{summary.fair_docs}"


def _plain(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).strip()


def test_wordings_are_public_sourced_and_new() -> None:
    with WORDINGS2.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) >= 120
    assert not [r["wording"] for r in rows if not r["source_url"].startswith(("http://", "https://"))]
    tuned = {_plain(line.split("\t")[0]) for line in TUNED_WORDINGS.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    reused = [r["wording"] for r in rows if _plain(r["wording"]) in tuned]
    assert not reused, f"wordings already in the tuned set: {reused}"
