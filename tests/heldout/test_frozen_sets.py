"""The frozen sets (``tests/heldout/frozen*``, see each README and ``docs/heldout.md``): floors (slow).

Each set was measured once before the changes it was made to judge, and again after them. All
thirteen (``frozen`` to ``frozen13``) have been analysed since and are development sets: set 7,
made at the start of session 8 and measured on its start robot (fbf63c8) and on its first round, was
opened by the second; set 8, measured once on session 8's start and final robots, is open since
session 9; sets 9, 10 and 11, each made at the start of its session by a helper who alone saw it,
measured on that session's start robot (3fb59ac, 8cf77d6, b7979cf) and on its first round (be697ff;
f9509ef with o17; set 11 unmoved), were opened by their second rounds. Set 12 (``frozen12``), made
the same way at the start of session 12 on its start robot (364f779) and unmoved by its first
round, was opened by its second. Set 13 (``frozen13``), made the same way at the start of session 13
on its start robot (4ed12fc) and unmoved by its first round, was opened by its second. Sets 14 and 15
were made the same way at the start of session 14 by two helpers (ho14, ho15), each alone seeing
their own set, and measured on its start robot (c5e6b9d): set 14, unmoved by the session's first
round, was opened by its second; set 15, measured once more (blind) on the session's final robot,
was opened at the end of session 14 and is a development set since session 15. Set 17
(``frozen17``), made the same way at the start of session 15 by helper ho17 (alone seeing it) on its
start robot (57404b5) and unmoved by its first round (8a24721), was opened by its second. Set 16
(``frozen16``), made the same way at the start of session 15 by helper ho16 and measured on its start
robot (57404b5) and once, blind, on the session's final robot, was opened at the end of session 15 and
is a development set since session 16. Set 18 (``frozen18``), made the same way at the start of
session 16 by helper ho18 (alone seeing it) on its start robot (db9f941) and unmoved by its first round
(s16-round1, 63a2250), was opened by its second. Set 19 (``frozen19``), made the same way by helper ho19
on the same start robot and measured once, blind, on the session's final robot (a26bdca), was opened
at the end of session 16 and is a development set since session 17. Set 20 (``frozen20``), made the
same way at the start of session 17 by helper ho20 (alone seeing it) on its start robot (3d3a292) and
unmoved by its first round (421f2eba, measured blind), was opened by its second. Set 21 (``frozen21``),
made the same way at the start of session 18 by helper ho21 (alone seeing it) on its start robot
(57e18efe) and measured blind after each merge of its first round (the judge alone moved: 8/16 ->
11/16 fair), was opened by its second. Set 22 (``frozen22``), made the same way at the start of
session 19 by helper ho22 (alone seeing it) on its start robot (def556b2) and measured blind after each
merge of its first round (text and judge unmoved, one wording and one scanned line more), was opened by
its second. Set 23 (``frozen23``), made the same way at the start of session 20 by helper ho23 (alone
seeing it) on its start robot (aaad2f43) and measured blind after each merge of its first round (the
reader found every figure, the judge unmoved: 3/13 fair text quotes), was opened by its second. Set 24
(``frozen24``), made the same way at the start of session 21 by helper ho24 (alone seeing it) on its start
robot (8d48365b) and measured blind after each merge of its first round (nothing moved: 1/13 fair text
quotes), was opened by its second. Set 25 (``frozen25``), made the same way at the start of session 22 by
helper ho25 (alone seeing it) on its start robot (52929c4d) and measured blind after each merge of its
first round (nothing moved: 6/13 fair text quotes), was opened by its second. No set is held out now:
the next session makes one first and registers it held out (``development=False``, so that CI reads its
scans). Every
floor sits one document below the latest measure so that one OCR character more or less does not
fail CI; raise floors when a better robot is merged, never lower them. No quote may be auto-validated unsafely.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

# Reading a set (40-odd documents, a third by OCR) takes minutes on two cores: CI reads the
# development sets' text PDFs only (their scans are marked dev_scans).
pytestmark = [pytest.mark.slow, pytest.mark.timeout(2400)]

HERE = Path(__file__).parent


@dataclass(frozen=True)
class FrozenSet:
    """A frozen set and the floors its measures must stay above."""

    folder: str
    documents: int
    scans: int  # of which scans and photos
    development: bool  # analysed since it was made: no longer held out
    text_floors: dict[str, float]
    scan_floors: dict[str, float]
    # Fair quotes auto-validated among the text PDFs, among the scans.
    fair_auto_floors: tuple[int, int] = (0, 0)
    # The judge alone (a perfect reading): outcome rate and fair quotes auto-validated.
    judge_floors: tuple[float, int] | None = None


Measured = tuple[FrozenSet, bool, list[DocScore]]

SETS = [
    # Before issue 11's reader: robot 6eedfe6; raised after it (c8f3dcd, docs/heldout.md).
    FrozenSet(
        "frozen",
        38,
        14,
        True,
        {"ttc": 0.95, "siret": 0.95, "number": 0.95, "lines_found": 0.95, "lines": 0.95, "outcome": 0.91},
        {"ttc": 0.92, "siret": 0.92, "number": 0.85, "lines_found": 0.90, "lines": 0.88, "outcome": 0.85},
    ),
    # Before (e603f1d): text 18/28 TTC, 28/28 SIRET and number, lines 65.8 % found / 65.4 % exact,
    # 11/28 outcomes; scans 11/14, 13/14, 12/14, 83.5 % / 80.4 %, 8/14. After session 4 (b0e5651, seen
    # by then): text 25/28, 28/28, 89.2 % / 89.2 %, 17/28; scans 13/14, 13/14, 12/14, 88.7 % / 85.6 %,
    # 11/14; the judge alone 35/42 outcomes, 16 of 25 fair quotes auto-validated. After session 5's
    # reader (issue-11e, de67de0; seen): text 28/28, 28/28, 100 % / 100 %, 22/28; scans 14/14, 13/14,
    # 12/14, 97.9 % / 94.8 %, 13/14. The judge alone after session 5 (9789a0e): 42/42, 24/25.
    FrozenSet(
        "frozen2",
        42,
        14,
        True,
        {
            "ttc": 0.96,
            "siret": 0.96,
            "number": 0.96,
            "lines_found": 0.96,
            "lines": 0.96,
            "outcome": 0.75,
            "flags_present": 0.96,
        },
        {
            "ttc": 0.92,
            "siret": 0.85,
            "number": 0.78,
            "lines_found": 0.90,
            "lines": 0.87,
            "outcome": 0.85,
            "flags_present": 0.92,
        },
        judge_floors=(0.97, 23),
    ),
    # Before (f74a4cd): text 28/31 TTC, 23/31 SIRET, 31/31 number, lines 92.4 % / 92.4 %, 19/31
    # outcomes; scans 11/15, 9/15, 13/15, 64.2 % / 61.9 %, 5/15; 2 of 23 fair quotes auto-validated;
    # the judge alone 36/46 outcomes, 12/23 fair. After session 5 (9789a0e, seen by then): text 31/31
    # TTC, SIRET and number, lines 92.4 % / 92.4 %, 21/31 outcomes, 4/15 fair; scans 12/15, 12/15,
    # 13/15, 64.9 % / 63.4 %, 7/15, 2/8 fair; the judge alone 38/46, 14/23; after session 6's judge
    # (issue-12h) 41/46, 18/23. Floors one document below.
    # Development set since session 6 (analysed in session 5): its scans are dev_scans, out of CI.
    FrozenSet(
        "frozen3",
        46,
        15,
        True,
        {
            "ttc": 0.96,
            "siret": 0.96,
            "number": 0.96,
            "lines_found": 0.89,
            "lines": 0.89,
            "kind": 0.96,
            "outcome": 0.64,
            "flags_present": 0.96,
        },
        {
            "ttc": 0.73,
            "siret": 0.73,
            "number": 0.79,
            "lines_found": 0.58,
            "lines": 0.56,
            "kind": 0.93,
            "outcome": 0.40,
            "flags_present": 0.79,
        },
        fair_auto_floors=(3, 1),
        judge_floors=(0.86, 17),
    ),
    # Held out in session 6. Before (4ddb0c2, docs/heldout.md "Frozen set 4 — before"): text 32/32 TTC,
    # SIRET and number, lines 100 % found / 93.4 % exact, 20/32 outcomes, 3/17 fair quotes
    # auto-validated; scans 10/11 TTC, 9/11 SIRET, 9/11 number, 81.6 % / 74.8 %, 4/11 outcomes, 0/7
    # fair; the judge alone 34/43 outcomes, 14/24 fair. After session 6 (05465b5; seen from its last reader
    # round): text 23/32 outcomes, 6/17 fair, lines 100 % / 92.7 %; scans 11/11 TTC, 10/11 SIRET and
    # number, 100 % / 92.2 %, 6/11 outcomes, 2/7 fair. Floors one document below.
    # Development set since session 7 (analysed in session 6): its scans are dev_scans, out of CI.
    FrozenSet(
        "frozen4",
        43,
        11,
        True,
        {
            "ttc": 0.96,
            "siret": 0.96,
            "number": 0.96,
            "lines_found": 0.96,
            "lines": 0.90,
            "kind": 0.96,
            "outcome": 0.68,
            "flags_present": 0.96,
        },
        {
            "ttc": 0.90,
            "siret": 0.81,
            "number": 0.81,
            "lines_found": 0.90,
            "lines": 0.83,
            "kind": 0.90,
            "outcome": 0.45,
            "flags_present": 0.81,
        },
        fair_auto_floors=(5, 1),
        judge_floors=(0.76, 13),
    ),
    # Development set since session 7's second round (briefed from its causes at 06:25, so seen).
    # Before (0372cf2, docs/heldout.md "Frozen set 5 — before"): text 27/35 TTC, 35/35 SIRET, 29/35
    # number, lines 71.0 % found / 65.5 % exact, 29/35 kind, 17/35 outcomes, 1/21 fair; scans 8/11
    # TTC, 10/11 SIRET and number, 61.5 % / 53.8 %, 5/11 outcomes, 1/7 fair; the judge alone 33/46,
    # 13/28. Seen (06b5b88, the fresh-clone CI run's answers): text 35/35 TTC, SIRET, number and kind,
    # 100 % / 99.7 %, 24/35 outcomes, 33/35 flags, 8/21 fair; scans 10/11 TTC and SIRET, 11/11 number
    # and kind, 96.6 % / 92.3 %, 7/11 outcomes, 10/11 flags, 3/7 fair. Floors one document below
    # (about ten lines for the line measures); its scans are dev_scans, out of CI.
    FrozenSet(
        "frozen5",
        46,
        11,
        True,
        {
            "ttc": 0.97,
            "siret": 0.97,
            "number": 0.97,
            "lines_found": 0.96,
            "lines": 0.95,
            "kind": 0.97,
            "outcome": 0.65,
            "flags_present": 0.91,
        },
        {
            "ttc": 0.81,
            "siret": 0.81,
            "number": 0.90,
            "lines_found": 0.88,
            "lines": 0.84,
            "kind": 0.90,
            "outcome": 0.54,
            "flags_present": 0.81,
        },
        fair_auto_floors=(7, 2),
        judge_floors=(0.69, 12),
    ),
    # Made by helper ho6 after sets 1-5 were seen, measured once on the final robot of session 7
    # (06b5b88; docs/heldout.md "Frozen set 6"): text only, 24/24 TTC, SIRET, number and kind,
    # lines 94.0 % found / 90.8 % exact, 21/24 outcomes, 24/24 with every expected flag, 9/14 fair
    # auto-validated; the judge alone 22/24 outcomes, 12/14 fair. Floors one document below (about
    # three lines for the line measures, 184 lines in all). Development set since session 8; raised
    # after it (final main of session 8, seen): lines 100 % / 100 %, 24/24 outcomes, 14/14 fair, the
    # judge alone 24/24 and 14/14; floors one document (three lines) below.
    FrozenSet(
        "frozen6",
        24,
        0,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.98,
            "lines": 0.98,
            "kind": 0.95,
            "outcome": 0.95,
            "flags_present": 0.95,
        },
        {},
        fair_auto_floors=(13, 0),
        judge_floors=(0.95, 13),
    ),
    # Made by helper ho7 at the start of session 8 after sets 1-6 were seen, measured once on the
    # session's start robot (fbf63c8; docs/heldout.md "Frozen set 7"): text 28/30 TTC, 30/30 SIRET,
    # number and kind, lines 73.2 % found / 38.2 % exact, 15/30 outcomes, 0/16 fair; scans 5/6 TTC and
    # SIRET, 6/6 number and kind, lines 79.3 % / 46.3 %, 2/6 outcomes, 0/4 fair; the judge alone 31/36
    # outcomes, 14/20 fair. The first round of session 8 (helpers who never saw it) left the reading as it
    # was (clean after: the same figures; the judge alone 33/36, 16/20). Seen from then on (the second
    # round was briefed from its causes); final main: text 30/30 TTC, SIRET, number and kind, lines
    # 100 % / 100 %, 29/30 outcomes, 14/16 fair; scans 6/6 TTC, 5/6 SIRET, 6/6 number and kind, lines
    # 97.6 % / 87.8 %, 3/6 outcomes, 1/4 fair; the judge alone 33/36, 16/20. Floors one document below
    # (about ten lines of the text PDFs' 314, about fourteen of the scans' 82); its scans are dev_scans.
    FrozenSet(
        "frozen7",
        36,
        6,
        True,
        {
            "ttc": 0.96,
            "siret": 0.96,
            "number": 0.96,
            "lines_found": 0.96,
            "lines": 0.96,
            "kind": 0.96,
            "outcome": 0.93,
            "flags_present": 0.96,
        },
        {
            "ttc": 0.83,
            "siret": 0.66,
            "number": 0.83,
            "lines_found": 0.80,
            "lines": 0.70,
            "kind": 0.83,
            "outcome": 0.33,
            "flags_present": 0.83,
        },
        fair_auto_floors=(13, 0),
        judge_floors=(0.88, 15),
    ),
    # Made by helper ho8 at the end of session 8 after sets 1-7 were seen, measured once on the
    # session's start robot (fbf63c8) and its final robot (docs/heldout.md "Frozen set 8"): final
    # robot text 24/24 TTC, SIRET, number and kind, lines 96.9 % found / 96.9 % exact, 17/24
    # outcomes, 24/24 with every expected flag, 7/14 fair; the judge alone 22/24 outcomes, 12/14 fair.
    # Development set since session 9 (open to every helper); session 9's first round (its reader read
    # the side band apart, its matcher took « initial » as a qualifier): text 24/24 TTC, SIRET, number
    # and kind, lines 100 % / 100 %, 24/24 outcomes, 14/14 fair; the judge alone 24/24, 14/14. Floors one
    # document below (about ten lines of its 254); no scans.
    FrozenSet(
        "frozen8",
        24,
        0,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.96,
            "lines": 0.96,
            "kind": 0.95,
            "outcome": 0.95,
            "flags_present": 0.95,
        },
        {},
        fair_auto_floors=(13, 0),
        judge_floors=(0.95, 13),
    ),
    # Made by helper ho9 at the start of session 9 after sets 1-8 were seen, measured on the session's
    # start robot (3fb59ac; docs/heldout.md "Frozen set 9"): text 24/24 TTC, SIRET, number and kind,
    # lines 99.3 % / 99.3 %, 16/24 outcomes, 6/14 fair; scans 4/4 TTC, SIRET, number and kind, lines
    # 57.1 % / 42.9 %, 1/4 outcomes, 0/3 fair; the judge alone 26/28, 15/17. The first round (helpers who
    # never saw it, be697ff) left every figure as it was. Seen from then on (the second round was briefed
    # from its causes); final main: text 24/24 everywhere, lines 100 % / 100 %, 24/24 outcomes, 14/14
    # fair; scans 4/4 TTC, SIRET, number, kind and outcomes, lines 100 % / 90.5 %, 3/3 fair; the judge
    # alone 28/28, 17/17. Floors one document below (about eleven lines of the text PDFs' 270, of the
    # scans' 42); its scans are dev_scans.
    FrozenSet(
        "frozen9",
        28,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.96,
            "lines": 0.96,
            "kind": 0.95,
            "outcome": 0.95,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.75,
            "siret": 0.75,
            "number": 0.75,
            "lines_found": 0.75,
            "lines": 0.65,
            "kind": 0.75,
            "outcome": 0.75,
            "flags_present": 0.75,
        },
        fair_auto_floors=(13, 2),
        judge_floors=(0.96, 16),
    ),
    # Made by helper ho10 at the start of session 10 after sets 1-9 were seen, measured once on the
    # session's start robot (8cf77d6; docs/heldout.md "Frozen set 10"): text 24/24 TTC, SIRET, number
    # and kind, lines 56.5 % found / 56.5 % exact (122/216), 15/24 outcomes, 20/24 with every expected
    # flag, 5/14 fair; scans 4/4 TTC, SIRET, number and kind, lines 61.8 % / 61.8 % (21/34), 2/4
    # outcomes, 4/4 flags, 1/3 fair; the judge alone 24/28 outcomes, 13/17 fair. The first round (helpers
    # who never saw it) left every figure as it was. Seen from then on; final main: text 24/24
    # everywhere, lines 100 % / 100 %, 24/24 outcomes, 14/14 fair; scans 4/4 TTC, SIRET, number, kind
    # and flags, lines 97.1 % / 97.1 %, 3/4 outcomes, 2/3 fair; the judge alone 28/28, 17/17. Floors one
    # document below (about nine lines of the text PDFs' 216, of the scans' 34); its scans are dev_scans.
    FrozenSet(
        "frozen10",
        28,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.95,
            "lines": 0.95,
            "kind": 0.95,
            "outcome": 0.95,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.75,
            "siret": 0.75,
            "number": 0.75,
            "lines_found": 0.7,
            "lines": 0.7,
            "kind": 0.75,
            "outcome": 0.5,
            "flags_present": 0.75,
        },
        fair_auto_floors=(13, 1),
        judge_floors=(0.96, 16),
    ),
    # Made by helper ho11 at the start of session 11 after sets 1-10 were
    # seen, measured once on the session's start robot (b7979cf; docs/heldout.md "Frozen set 11"): text
    # 12/24 TTC, 24/24 SIRET, number and kind, lines 57.7 % found / 57.7 % exact (142/246), 5/24
    # outcomes, 21/24 with every expected flag, 0/14 fair; scans 1/4 TTC, 2/4 SIRET, 4/4 number and
    # kind, lines 32.5 % / 30.0 % (13/40), 0/4 outcomes, 3/4 flags, 0/3 fair; the judge alone
    # 20/28 outcomes, 9/17 fair. The first round (helpers who never saw it) left every figure as it
    # was; seen from session 11's second round on: its scans are dev_scans, out of CI. Session 11's
    # final robot: text 24/24 TTC, SIRET, number, kind, lines 100 % / 100 %, 23/24 outcomes, 24/24
    # flags, 13/14 fair; scans 2/4 TTC, 2/4 SIRET, lines 65.0 % / 62.5 %, 0/4 outcomes, 0/3 fair; the
    # judge alone 27/28, 16/17. Floors one document below (about ten lines of 246, of the scans' 40).
    FrozenSet(
        "frozen11",
        28,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.95,
            "lines": 0.95,
            "kind": 0.95,
            "outcome": 0.91,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.25,
            "siret": 0.25,
            "number": 0.75,
            "lines_found": 0.4,
            "lines": 0.37,
            "kind": 0.75,
            "outcome": 0.0,
            "flags_present": 0.5,
        },
        fair_auto_floors=(12, 0),
        judge_floors=(0.92, 15),
    ),
    # Made by helper ho12 at the start of session 12 after sets 1-11 were seen, measured once on the
    # start robot (364f779; docs/heldout.md "Frozen set 12"): text 24/24 TTC, SIRET, number and kind,
    # lines 100 % found / 99.5 % exact (213/214), 12/24 outcomes, 24/24 with every expected flag, 2/14
    # fair; scans 2/4 TTC, 3/4 SIRET, 4/4 number and kind, lines 55.6 % / 52.8 % (20/36, 19/36), 1/4
    # outcomes, 3/4 flags, 1/3 fair; the judge alone 21/28 outcomes, 10/17 fair. The first round
    # (helpers who never saw it) left every figure as it was; seen from session 12's second round on:
    # its scans are dev_scans, out of CI. Session 12's final robot: text the same but 16/24
    # outcomes, 6/14 fair; scans lines 58.3 % / 52.8 %, the rest the same; the judge alone 21/28,
    # 10/17. Session 13's final robot: text 18/24 outcomes, 8/14 fair; scans (o22) 3/4 TTC, lines 77.8 % /
    # 72.2 %, 2/4 outcomes; the judge alone 24/28, 13/17. Floors one document below (about ten lines of
    # the text PDFs' 214, two of the scans' 36).
    FrozenSet(
        "frozen12",
        28,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.95,
            "lines": 0.95,
            "kind": 0.95,
            "outcome": 0.7,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.5,
            "siret": 0.5,
            "number": 0.75,
            "lines_found": 0.72,
            "lines": 0.66,
            "kind": 0.75,
            "outcome": 0.25,
            "flags_present": 0.5,
        },
        fair_auto_floors=(7, 0),
        judge_floors=(0.82, 12),
    ),
    # Made by helper ho13 at the start of session 13 after sets 1-12 were seen, measured once on the
    # start robot (4ed12fc; docs/heldout.md "Frozen set 13"): text 18/24 TTC, 24/24 SIRET, number and
    # kind, lines 100 % found / 100 % exact (200/200), 17/24 outcomes, 24/24 with every expected flag,
    # 7/14 fair; scans 3/4 TTC, 4/4 SIRET, 3/4 number, 4/4 kind, lines 86.7 % found / 70.0 % exact
    # (26/30, 21/30), 2/4 outcomes, 3/4 with every expected flag, 1/3 fair; the judge alone 23/28
    # outcomes, 12/17 fair. Session 13's first round left every figure as it was (clean after; j27,
    # which lowered it, was reverted); seen from its second round on: its scans are dev_scans, out of
    # CI. Session 13's final robot: text 24/24 TTC, 24/24 outcomes, 14/14 fair; scans 3/4 TTC, lines
    # 86.7 % / 70.0 %, 4/4 outcomes, 3/3 fair; the judge alone 28/28, 17/17. Floors one document below
    # (about eight lines of the text PDFs' 200, two of the scans' 30).
    FrozenSet(
        "frozen13",
        28,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.95,
            "lines": 0.95,
            "kind": 0.95,
            "outcome": 0.95,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.5,
            "siret": 0.75,
            "number": 0.5,
            "lines_found": 0.8,
            "lines": 0.63,
            "kind": 0.75,
            "outcome": 0.75,
            "flags_present": 0.5,
        },
        fair_auto_floors=(13, 0),
        judge_floors=(0.96, 16),
    ),
    # Made by helper ho14 at the start of session 14 after sets 1-13 were seen, measured once on the
    # start robot (c5e6b9d; docs/heldout.md "Frozen set 14"): text 23/24 TTC, 24/24 SIRET, number and
    # kind, lines 100 % found / 47.9 % exact (215/215, 103/215), 13/24 outcomes, 23/24 with every
    # expected flag, 4/14 fair, **1 unsafe auto-validation** (a wrong printed TTC replaced by the
    # reader's HT + VAT); scans 4/4 TTC, SIRET, number and kind, lines 100 % / 48.6 % (37/37, 18/37),
    # 2/4 outcomes, 4/4 with every expected flag, 1/3 fair, 0 unsafe; the judge alone 17/28 outcomes,
    # 6/17 fair, 0 unsafe. Session 14's first round left every figure as it was (clean after, 5863540);
    # seen from its second round on: its scans are dev_scans, out of CI. Session 14's final robot: text
    # 24/24 TTC, lines 100 % / 100 %, 24/24 outcomes, 14/14 fair, 0 unsafe; scans 4/4 TTC, lines
    # 100 % / 100 %, 4/4 outcomes, 3/3 fair; the judge alone 28/28, 17/17. Floors one document below.
    FrozenSet(
        "frozen14",
        28,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.95,
            "lines": 0.95,
            "kind": 0.95,
            "outcome": 0.95,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.75,
            "siret": 0.75,
            "number": 0.75,
            "lines_found": 0.75,
            "lines": 0.75,
            "kind": 0.75,
            "outcome": 0.75,
            "flags_present": 0.75,
        },
        fair_auto_floors=(13, 0),
        judge_floors=(0.96, 16),
    ),
    # Made by helper ho15 at the start of session 14 after sets 1-13 were seen, measured once on the
    # start robot (c5e6b9d; docs/heldout.md "Frozen set 15"): text 20/20 TTC, 16/20 SIRET, 19/20 number
    # and kind, lines 95.4 % found / 95.4 % exact (165/173), 14/20 outcomes, 19/20 with every expected
    # flag, 6/12 fair; scans 4/4 TTC, SIRET, number and kind, lines 97.2 % found / 97.2 % exact (35/36),
    # 2/4 outcomes, 4/4 with every expected flag, 1/3 fair; the judge alone 18/24 outcomes, 9/15 fair.
    # Session 14's final robot, measured once (blind): text 17/20 SIRET, lines 95.4 % / 95.4 %, 14/20
    # outcomes, 6/12 fair; scans 3/4 outcomes, 2/3 fair; the judge alone 19/24, 10/15; 0 unsafe.
    # Opened then: a development set since session 15. Floors one document below the final measure
    # (lines: about eight of the text PDFs' 173, two of the scans' 36). Session 15: j32 (the matcher
    # reading a work by its result, its place, its set-up costs, a daily hire) took text outcomes
    # 14/20 -> 16/20, fair 6/12 -> 8/12, the judge alone 19/24 -> 21/24, 10/15 -> 12/15; r35 (a prose
    # line's rows searched for the arrangement that closes) text lines to 100 % / 100 %; the final
    # robot of session 15: text 17/20 outcomes, 9/12 fair; scans 4/4, 3/3; the judge alone 21/24,
    # 12/15. Floors raised to one document below each.
    FrozenSet(
        "frozen15",
        24,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.8,
            "number": 0.9,
            "lines_found": 0.94,
            "lines": 0.94,
            "kind": 0.9,
            "outcome": 0.75,
            "flags_present": 0.9,
        },
        {
            "ttc": 0.75,
            "siret": 0.75,
            "number": 0.75,
            "lines_found": 0.9,
            "lines": 0.9,
            "kind": 0.75,
            "outcome": 0.75,
            "flags_present": 0.75,
        },
        fair_auto_floors=(7, 2),
        judge_floors=(0.83, 11),
    ),
    # Made by helper ho17 at the start of session 15 after sets 1-15 were seen, measured once on the
    # start robot (57404b5; docs/heldout.md "Frozen set 17"): text 20/20 TTC and SIRET, 19/20 number and
    # kind, lines 100 % found / 97.6 % exact (124/124, 121/124), 11/20 outcomes, 20/20 with every expected
    # flag, 3/13 fair; scans 4/4 TTC, SIRET, number and kind, lines 96 % found / 88 % exact (24/25,
    # 22/25), 2/4 outcomes, 3/4 with every expected flag, 0/3 fair; the judge alone 15/24 outcomes, 5/16
    # fair; 0 unsafe. The first round (8a24721), measured blind: every figure the same. Opened to the
    # second round then: a development set. Session 15's final robot: text 20/20 number and kind,
    # lines exact 98.4 %, 19/20 outcomes, 11/13 fair; scans lines 96 % / 96 %, 3/4 outcomes, 4/4 with
    # every expected flag, 1/3 fair; the judge alone 22/24, 12/16. Floors one document below that
    # (lines: about six). Helper j35 (session 16, « au droit de » read as a place): the judge alone
    # 23/24, 14/16; floors one document below.
    FrozenSet(
        "frozen17",
        24,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.95,
            "lines": 0.93,
            "kind": 0.95,
            "outcome": 0.9,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.75,
            "siret": 0.75,
            "number": 0.75,
            "lines_found": 0.85,
            "lines": 0.85,
            "kind": 0.75,
            "outcome": 0.5,
            "flags_present": 0.75,
        },
        fair_auto_floors=(10, 0),
        judge_floors=(0.91, 13),
    ),
    # Made by helper ho16 at the start of session 15 after sets 1-15 were seen, measured once on the
    # start robot (57404b5; docs/heldout.md "Frozen set 16"): text 20/20 TTC, SIRET, number and kind,
    # lines 100 % found / 100 % exact (170/170), 11/20 outcomes, 20/20 with every expected flag, 3/12
    # fair; scans 4/4 TTC, SIRET, number and kind, lines 100 % found / 94.6 % exact (37/37, 35/37), 1/4
    # outcomes, 3/4 with every expected flag, 0/3 fair; the judge alone 18/24 outcomes, 9/15 fair; 0
    # unsafe. Session 15's final robot (both rounds), measured once, blind: every figure the same
    # (wordings 16 alone moved). Opened then: a development set since session 16. Helper j35 (session
    # 16, the matcher: a place or a circumstance around the work, docs/notes/j35-s16.md): text 12/20
    # outcomes, 4/12 fair; the judge alone 24/24, 15/15. Floors one document below.
    FrozenSet(
        "frozen16",
        24,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.95,
            "lines": 0.95,
            "kind": 0.95,
            "outcome": 0.55,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.75,
            "siret": 0.75,
            "number": 0.75,
            "lines_found": 0.9,
            "lines": 0.85,
            "kind": 0.75,
            "outcome": 0.0,
            "flags_present": 0.5,
        },
        fair_auto_floors=(3, 0),
        judge_floors=(0.95, 14),
    ),
    # Made by helper ho18 at the start of session 16 after sets 1-17 were seen, measured once on the
    # start robot (db9f941; docs/heldout.md "Frozen set 18"): text 20/20 TTC and number, 19/20 SIRET and
    # kind, lines 96.8 % found / 70.1 % exact (149/154, 108/154), 11/20 outcomes, 20/20 with every expected
    # flag, 4/13 fair; scans 4/4 TTC, number and kind, 3/4 SIRET, lines 93.8 % found / 75 % exact (30/32,
    # 24/32), 2/4 outcomes, 4/4 with every expected flag, 1/3 fair; the judge alone 14/24 outcomes, 6/16
    # fair; 0 unsafe. The first round (63a2250), measured blind: outcomes, fair and the judge the same,
    # lines 98.1 % found / 71.4 % exact, scans 96.9 % / 78.1 %. Opened to the second round then: a
    # development set. Session 16's final robot: text 20/20 TTC, SIRET, number and kind, lines 100 % /
    # 100 %, 19/20 outcomes, 12/13 fair; scans 3/4 outcomes, 2/3 fair, lines 96.9 % / 87.5 %; the judge
    # alone 23/24, 15/16. Floors one document below (lines: about six).
    FrozenSet(
        "frozen18",
        24,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.95,
            "lines": 0.95,
            "kind": 0.95,
            "outcome": 0.9,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.75,
            "siret": 0.75,
            "number": 0.75,
            "lines_found": 0.9,
            "lines": 0.8,
            "kind": 0.75,
            "outcome": 0.5,
            "flags_present": 0.75,
        },
        fair_auto_floors=(11, 1),
        judge_floors=(0.91, 14),
    ),
    # Made by helper ho19 at the start of session 16 after sets 1-17 were seen, measured once on the
    # start robot (db9f941; docs/heldout.md "Frozen set 19"): text 20/20 TTC and SIRET, 19/20 number and
    # kind, lines 100 % found / 100 % exact (133/133), 13/20 outcomes, 20/20 with every expected flag,
    # 3/13 fair; scans 4/4 TTC, SIRET, number and kind, lines 100 % found / 92.6 % exact (27/27,
    # 25/27), 2/4 outcomes, 4/4 with every expected flag, 0/3 fair; the judge alone 17/24 outcomes, 6/16 fair; 0 unsafe.
    # Measured blind once more on session 16's final robot (a26bdca): the same but the judge alone 5/16
    # fair. Opened then: a development set since session 17. Session 17's final robot (33bf7328): text
    # 19/20 outcomes, 11/13 fair; the judge alone 24/24, 15/16. Floors one document below.
    FrozenSet(
        "frozen19",
        24,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.9,
            "lines_found": 0.94,
            "lines": 0.94,
            "kind": 0.9,
            "outcome": 0.9,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.75,
            "siret": 0.75,
            "number": 0.75,
            "lines_found": 0.75,
            "lines": 0.7,
            "kind": 0.75,
            "outcome": 0.25,
            "flags_present": 0.75,
        },
        fair_auto_floors=(10, 0),
        judge_floors=(0.95, 14),
    ),
    # Made by helper ho20 at the start of session 17 after sets 1-19 were seen, measured once on the
    # start robot (3d3a292; docs/heldout.md "Frozen set 20"): text 20/20 TTC, SIRET, number and kind,
    # lines 100 % found / 96.8 % exact (125/125, 121/125), 10/20 outcomes, 20/20 with every expected flag,
    # 2/13 fair; scans 4/4 TTC, SIRET, number and kind, lines 100 % found / 72.7 % exact (22/22, 16/22),
    # 2/4 outcomes, 4/4 with every expected flag, 0/3 fair; the judge alone 13/24 outcomes, 3/16 fair;
    # 0 unsafe. Measured blind on the session's first round (421f2eba): the same on every figure. Opened
    # then to its second round: a development set. Session 17's final robot (33bf7328): text 20/20
    # outcomes, 13/13 fair, lines 96.8 % exact; scans 3/4 outcomes, 2/3 fair; the judge alone 24/24,
    # 16/16. Floors one document below.
    FrozenSet(
        "frozen20",
        24,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.95,
            "lines": 0.92,
            "kind": 0.95,
            "outcome": 0.95,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.75,
            "siret": 0.75,
            "number": 0.75,
            "lines_found": 0.75,
            "lines": 0.5,
            "kind": 0.75,
            "outcome": 0.5,
            "flags_present": 0.75,
        },
        fair_auto_floors=(12, 1),
        judge_floors=(0.95, 15),
    ),
    # Made by helper ho21 at the start of session 18 after sets 1-20 were seen, measured once on the
    # start robot (57e18efe; docs/heldout.md "Frozen set 21"): text 20/20 TTC, SIRET, number and kind,
    # lines 100 % found / 99.4 % exact (175/175, 174/175), 13/20 outcomes, 20/20 with every expected flag,
    # 6/13 fair; scans 4/4 TTC, SIRET, number and kind, lines 100 % found / 58.3 % exact (24/24, 14/24),
    # 2/4 outcomes, 4/4 with every expected flag, 1/3 fair; the judge alone 16/24 outcomes, 8/16 fair;
    # 0 unsafe. Measured blind after each merge of the first round: the judge alone 19/24, 11/16 (j39),
    # text and scans unmoved. Opened then to its second round: a development set. Session 18's final
    # robot (21aa78b1): text 19/20 outcomes, 12/13 fair, lines 99.4 % exact; scans 3/4 outcomes, 2/3
    # fair, lines 91.7 % exact; the judge alone 22/24, 14/16. Floors one document below.
    FrozenSet(
        "frozen21",
        24,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.95,
            "lines": 0.96,
            "kind": 0.95,
            "outcome": 0.9,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.75,
            "siret": 0.75,
            "number": 0.75,
            "lines_found": 0.75,
            "lines": 0.65,
            "kind": 0.75,
            "outcome": 0.5,
            "flags_present": 0.75,
        },
        fair_auto_floors=(11, 1),
        judge_floors=(0.87, 13),
    ),
    # Made by helper ho22 at the start of session 19 after sets 1-21 were seen, measured once on the
    # start robot (def556b2; docs/heldout.md "Frozen set 22"): text 20/20 TTC, SIRET, number and kind,
    # lines 72.9 % found / 72.9 % exact (121/166), 11/20 outcomes, 19/20 with every expected flag, 4/13
    # fair; scans 4/4 TTC, SIRET, number and kind, lines 65.7 % found / 37.1 % exact (23/35, 13/35), 2/4
    # outcomes, 3/4 with every expected flag, 1/3 fair; the judge alone 22/24 outcomes, 14/16 fair;
    # 0 unsafe. Measured blind after each merge of the first round: text and judge unmoved, scans 40.0 %
    # exact (s26), wordings 22 recall 87.3 -> 88.2 % (j43). Opened then to its second round: a
    # development set. Session 19's final robot (48d88bd0): text 18/20 outcomes, 11/13 fair, lines
    # 99.4 % found and exact; scans 3/4 outcomes, 2/3 fair, lines 100 % found / 80.0 % exact; the judge
    # alone 24/24, 16/16. Floors one document below.
    FrozenSet(
        "frozen22",
        24,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.94,
            "lines": 0.94,
            "kind": 0.95,
            "outcome": 0.85,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.75,
            "siret": 0.75,
            "number": 0.75,
            "lines_found": 0.75,
            "lines": 0.55,
            "kind": 0.75,
            "outcome": 0.5,
            "flags_present": 0.75,
        },
        fair_auto_floors=(10, 1),
        judge_floors=(0.95, 15),
    ),
    # Made by helper ho23 at the start of session 20 after sets 1-22 were seen, measured once on the
    # start robot (aaad2f43; docs/heldout.md "Frozen set 23"): text 20/20 TTC, SIRET, number and kind,
    # lines 100 % found and exact (128/128), 17/20 outcomes, 20/20 with every expected flag, 3/13 fair;
    # scans 3/4 TTC, 3/4 SIRET, 4/4 number and kind, lines 88.5 % found / 76.9 % exact (23/26, 20/26),
    # 2/4 outcomes, 3/4 with every expected flag, 1/3 fair; the judge alone 20/24 outcomes, 9/16 fair;
    # 0 unsafe. Measured blind after the merges of the first round: text, judge unmoved, scans 80.8 %
    # exact (s28), wordings 23 recall 78.7 -> 77.8 % (j45). Opened then to its second round: a
    # development set. Session 20's final robot (round 3): text 18/20 outcomes, 10/13 fair, lines 100 %
    # found and exact; scans 2/4 outcomes, 2/3 fair, lines 88.5 % found / 80.8 % exact; the judge alone
    # 22/24, 13/16. Floors one document below.
    FrozenSet(
        "frozen23",
        24,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.95,
            "lines": 0.95,
            "kind": 0.95,
            "outcome": 0.85,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.5,
            "siret": 0.5,
            "number": 0.75,
            "lines_found": 0.6,
            "lines": 0.55,
            "kind": 0.75,
            "outcome": 0.25,
            "flags_present": 0.5,
        },
        fair_auto_floors=(9, 1),
        judge_floors=(0.87, 12),
    ),
    # Made by helper ho24 at the start of session 21 after sets 1-23 were seen, measured once on the
    # start robot (8d48365b; docs/heldout.md "Frozen set 24"): text 20/20 TTC, SIRET, number and kind,
    # lines 85.1 % found and exact (149/175), 8/20 outcomes, 20/20 with every expected flag, 1/13 fair;
    # scans 4/4 TTC, SIRET, number and kind, lines 81.8 % found / 69.7 % exact (27/33, 23/33), 1/4
    # outcomes, 4/4 with every expected flag, 0/3 fair; the judge alone 17/24 outcomes, 9/16 fair;
    # 0 unsafe. Measured blind after the merges of the first round: nothing moved. Opened then to its
    # second round: a development set. Session 21's final robot (round 3): text 18/20 outcomes, 11/13
    # fair, lines 100 % found and exact, the site's postal code 20/20; scans 3/4 outcomes, 2/3 fair, lines
    # 90.9 % found / 78.8 % exact; the judge alone 21/24, 13/16. Floors one document below.
    FrozenSet(
        "frozen24",
        24,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.95,
            "lines": 0.95,
            "kind": 0.95,
            "outcome": 0.85,
            "flags_present": 0.95,
        },
        {
            "ttc": 0.75,
            "siret": 0.75,
            "number": 0.75,
            "lines_found": 0.65,
            "lines": 0.55,
            "kind": 0.75,
            "outcome": 0.5,
            "flags_present": 0.75,
        },
        fair_auto_floors=(10, 1),
        judge_floors=(0.83, 12),
    ),
    # Made by helper ho25 at the start of session 22 after sets 1-24 were seen, measured once on the
    # start robot (52929c4d; docs/heldout.md "Frozen set 25"): text 20/20 TTC, SIRET, number and kind,
    # lines 99.3 % found and exact (150/151), 13/20 outcomes, 19/20 with every expected flag, 6/13 fair;
    # scans 4/4 TTC, SIRET, number and kind, lines 91.7 % found / 75.0 % exact (33/36, 27/36), 2/4
    # outcomes, 4/4 with every expected flag, 1/3 fair; the judge alone 18/24 outcomes, 10/16 fair;
    # 0 unsafe. Measured blind after the merges of the first round: nothing moved. Opened then to its
    # second round: a development set. Session 22's final robot: text 20/20 outcomes, 13/13 fair, lines
    # 100 % found and exact, 19/20 with every expected flag; scans 3/4 outcomes, 2/3 fair, lines 94.4 %
    # found / 80.6 % exact; the judge alone 24/24, 16/16. Floors one document below.
    FrozenSet(
        "frozen25",
        24,
        4,
        True,
        {
            "ttc": 0.95,
            "siret": 0.95,
            "number": 0.95,
            "lines_found": 0.95,
            "lines": 0.95,
            "kind": 0.95,
            "outcome": 0.95,
            "flags_present": 0.9,
        },
        {
            "ttc": 0.75,
            "siret": 0.75,
            "number": 0.75,
            "lines_found": 0.75,
            "lines": 0.6,
            "kind": 0.75,
            "outcome": 0.5,
            "flags_present": 0.75,
        },
        fair_auto_floors=(12, 1),
        judge_floors=(0.95, 15),
    ),
]


def _parts() -> list[Any]:
    """Each set's text PDFs and its scans apart; the development sets' scans (OCR: most of the
    time) are marked ``dev_scans`` and left out of CI, the held-out set's never."""
    parts = []
    for frozen in SETS:
        parts.append(pytest.param((frozen, False), id=f"{frozen.folder}-text"))
        if not frozen.scans:
            continue
        marks = [pytest.mark.dev_scans] if frozen.development else []
        parts.append(pytest.param((frozen, True), id=f"{frozen.folder}-scans", marks=marks))
    return parts


@pytest.fixture(scope="module", params=_parts())
def measured(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Measured:
    frozen, scans = request.param
    results = tmp_path_factory.mktemp(frozen.folder) / "results.jsonl"
    return frozen, scans, evaluate_set(HERE / frozen.folder, workers=2, results_file=results, scans=scans)


def test_every_document_gets_an_answer(measured: Measured) -> None:
    frozen, scans, scores = measured
    assert len(scores) == (frozen.scans if scans else frozen.documents - frozen.scans)
    assert not [s.truth["file"] for s in scores if s.result is None or "robot_error" in s.actual_flags]


def test_floors(measured: Measured) -> None:
    frozen, scans, scores = measured
    floors = frozen.scan_floors if scans else frozen.text_floors
    below = below_floors(scores, floors)
    assert not below, f"below the floors {floors}: {below}"


def test_fair_quotes_floor(measured: Measured) -> None:
    frozen, scans, scores = measured
    floor = frozen.fair_auto_floors[1 if scans else 0]
    summary = summarise(scores)
    assert summary.fair_auto >= floor, f"{summary.fair_auto}/{summary.fair_docs}"


def test_no_unsafe_auto_validation(measured: Measured) -> None:
    _, _, scores = measured
    unsafe = unsafe_cases(scores)
    assert not unsafe, f"auto-validated although a reviewer must see them: {unsafe}"


@pytest.mark.parametrize("frozen", [s for s in SETS if s.judge_floors], ids=lambda s: s.folder)
def test_the_judge_alone(frozen: FrozenSet) -> None:
    assert frozen.judge_floors is not None
    outcome_floor, fair_auto_floor = frozen.judge_floors
    truths = load_truths(HERE / frozen.folder)
    judged = judge_perfect_reading(truths)
    summary = summarise([score_document(t, judged.get(t["file"])) for t in truths])
    assert not summary.unsafe, f"auto-validated although a reviewer must see them: {summary.unsafe}"
    assert summary.outcome >= outcome_floor, summary.outcome
    assert summary.fair_auto >= fair_auto_floor, f"{summary.fair_auto}/{summary.fair_docs}"
