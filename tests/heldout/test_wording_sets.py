"""The public wording sets of frozen sets 2 to 19 (``tests/heldout/wordings2`` to ``wordings19``) are
sourced and new against the sets before them (unit speed).

Only its shape is checked here, never the matcher's answers on it (those are measured once by
``bench/bench_matcher.py --wordings``, see ``docs/matcher.md``).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest

from billma_core.bareme import load_bareme
from tests.heldout.catalog import ITEMS

HERE = Path(__file__).parent
WORDINGS2 = HERE / "wordings2" / "wordings.tsv"
WORDINGS3 = HERE / "wordings3" / "wordings.tsv"
WORDINGS4 = HERE / "wordings4" / "wordings.tsv"
WORDINGS5 = HERE / "wordings5" / "wordings.tsv"
WORDINGS6 = HERE / "wordings6" / "wordings.tsv"
WORDINGS7 = HERE / "wordings7" / "wordings.tsv"
WORDINGS8 = HERE / "wordings8" / "wordings.tsv"
WORDINGS9 = HERE / "wordings9" / "wordings.tsv"
WORDINGS10 = HERE / "wordings10" / "wordings.tsv"
WORDINGS11 = HERE / "wordings11" / "wordings.tsv"
WORDINGS12 = HERE / "wordings12" / "wordings.tsv"
WORDINGS13 = HERE / "wordings13" / "wordings.tsv"
WORDINGS14 = HERE / "wordings14" / "wordings.tsv"
# Each labelled public set (header: category, wording, unit, expected, source_url, what_the_source_says)
# and the sets with a header before it that it must not repeat.
HEADED = {
    "wordings3": (WORDINGS3, (WORDINGS2,)),
    "wordings4": (WORDINGS4, (WORDINGS2, WORDINGS3)),
    "wordings5": (WORDINGS5, (WORDINGS2, WORDINGS3, WORDINGS4)),
    "wordings6": (WORDINGS6, (WORDINGS2, WORDINGS3, WORDINGS4, WORDINGS5)),
    "wordings7": (WORDINGS7, (WORDINGS2, WORDINGS3, WORDINGS4, WORDINGS5, WORDINGS6)),
    "wordings8": (WORDINGS8, (WORDINGS2, WORDINGS3, WORDINGS4, WORDINGS5, WORDINGS6, WORDINGS7)),
    "wordings9": (WORDINGS9, (WORDINGS2, WORDINGS3, WORDINGS4, WORDINGS5, WORDINGS6, WORDINGS7, WORDINGS8)),
    "wordings10": (
        WORDINGS10,
        (WORDINGS2, WORDINGS3, WORDINGS4, WORDINGS5, WORDINGS6, WORDINGS7, WORDINGS8, WORDINGS9),
    ),
    "wordings11": (
        WORDINGS11,
        (WORDINGS2, WORDINGS3, WORDINGS4, WORDINGS5, WORDINGS6, WORDINGS7, WORDINGS8, WORDINGS9, WORDINGS10),
    ),
}
# How many rows each set holds at least (sets 6 and 8 to 14, made for one measure each, are smaller).
# Session 11's development set in two halves (one developed on, one kept back: its README).
J20 = HERE / "wordings_j20"
_ALL_BEFORE_J20 = (WORDINGS2, WORDINGS3, WORDINGS4, WORDINGS5, WORDINGS6, WORDINGS7, WORDINGS8, WORDINGS9, WORDINGS10)
HEADED["wordings_j20_dev"] = (J20 / "dev.tsv", _ALL_BEFORE_J20)
HEADED["wordings_j20_final"] = (J20 / "final.tsv", (*_ALL_BEFORE_J20, J20 / "dev.tsv"))
# Session 12's development set for the matcher's reading of structure, in two halves the same way.
J24 = HERE / "wordings_j24"
_ALL_BEFORE_J24 = (*_ALL_BEFORE_J20, WORDINGS11, J20 / "dev.tsv", J20 / "final.tsv")
HEADED["wordings_j24_dev"] = (J24 / "dev.tsv", _ALL_BEFORE_J24)
HEADED["wordings_j24_final"] = (J24 / "final.tsv", (*_ALL_BEFORE_J24, J24 / "dev.tsv"))
# Session 12's development set for the barème's words, made at the same time, likewise.
J25 = HERE / "wordings_j25"
_ALL_BEFORE_J25 = (*_ALL_BEFORE_J20, WORDINGS11, J20 / "dev.tsv", J20 / "final.tsv")
HEADED["wordings_j25_dev"] = (J25 / "dev.tsv", _ALL_BEFORE_J25)
HEADED["wordings_j25_final"] = (J25 / "final.tsv", (*_ALL_BEFORE_J25, J25 / "dev.tsv"))
# Session 12's held-out set (made at the same time as j24's and j25's): new against every set
# before it, session 11's j20 halves included.
HEADED["wordings12"] = (WORDINGS12, (*_ALL_BEFORE_J20, WORDINGS11, J20 / "dev.tsv", J20 / "final.tsv"))
# Session 13's held-out set: new against every set before it, session 12's j24 and j25 halves included.
HEADED["wordings13"] = (
    WORDINGS13,
    (*_ALL_BEFORE_J25, WORDINGS12, J24 / "dev.tsv", J24 / "final.tsv", J25 / "dev.tsv", J25 / "final.tsv"),
)
# Session 14's held-out set: new against every set before it, set 13 included.
HEADED["wordings14"] = (WORDINGS14, (*HEADED["wordings13"][1], WORDINGS13))
# Session 14's development set (helper j30: wordings from public pages no earlier set cites), made at
# the same time as wordings14 without seeing it: new against every set before both.
HEADED["wordings_j30"] = (
    HERE / "wordings_j30" / "wordings.tsv",
    (*HEADED["wordings13"][1], WORDINGS13),
)
# Session 14's round-2 development set for the trade's other names of a thing, in two halves (its
# README): new against every set before it, set 14 and j30's included.
J31 = HERE / "wordings_j31"
_ALL_BEFORE_J31 = (*HEADED["wordings14"][1], WORDINGS14, HEADED["wordings_j30"][0])
HEADED["wordings_j31_dev"] = (J31 / "dev.tsv", _ALL_BEFORE_J31)
HEADED["wordings_j31_final"] = (J31 / "final.tsv", (*_ALL_BEFORE_J31, J31 / "dev.tsv"))
# Session 14's second held-out set, made by helper ho15 at the same time as wordings14 without
# seeing it (nor j30's, j31's): new against every set before it, set 13 included.
WORDINGS15 = HERE / "wordings15" / "wordings.tsv"
HEADED["wordings15"] = (WORDINGS15, (*HEADED["wordings13"][1], WORDINGS13))
# Session 15's development set for a work named by its result or its place (helper j32, its README):
# new against every set before it, set 15 and j31's halves included.
HEADED["wordings_j32"] = (
    HERE / "wordings_j32" / "wordings.tsv",
    (*_ALL_BEFORE_J31, J31 / "dev.tsv", J31 / "final.tsv", WORDINGS15),
)
# Session 15's second blind set, made by helper ho17 after sets 14, 15, j30 and j31 were open (opened
# after round 1): new against every set before it.
WORDINGS17 = HERE / "wordings17" / "wordings.tsv"
HEADED["wordings17"] = (WORDINGS17, (*HEADED["wordings_j31_final"][1], J31 / "final.tsv", WORDINGS15))
# Session 15's round-2 development set for a qualifier or a fixed phrase naming another item's noun
# (helper j33, its README): new against every set before it, j32's and set 17 included.
HEADED["wordings_j33"] = (
    HERE / "wordings_j33" / "wordings.tsv",
    (*HEADED["wordings_j32"][1], HEADED["wordings_j32"][0], WORDINGS17),
)
# Session 15's round-2 development set for a work named by its function, its method, its place, its
# act or its state (helper j34, its README): new against every set before it, set 17 and j32's included
# (made beside j33's, not checked against it).
HEADED["wordings_j34"] = (
    HERE / "wordings_j34" / "wordings.tsv",
    (*HEADED["wordings_j32"][1], HEADED["wordings_j32"][0], WORDINGS17),
)
# Session 15's held-out set, made by helper ho16 once sets 14 and 15 were opened: new against every
# set before it, j30's and j31's halves and set 15 included.
HEADED["wordings16"] = (
    HERE / "wordings16" / "wordings.tsv",
    (*_ALL_BEFORE_J31, J31 / "dev.tsv", J31 / "final.tsv", WORDINGS15),
)
# Session 16's round-1 development set for a work named by its action and its object with a place or a
# circumstance around it, a trade's short word for the object, or a part of a bigger thing (helper j35,
# its README): new against every set before it, sets 16 and 17 and j32-j34 included.
HEADED["wordings_j35"] = (
    HERE / "wordings_j35" / "wordings.tsv",
    (
        *HEADED["wordings_j32"][1],
        HEADED["wordings_j32"][0],
        WORDINGS17,
        HEADED["wordings_j33"][0],
        HEADED["wordings_j34"][0],
        HEADED["wordings16"][0],
    ),
)
# Session 16's blind set, made by helper ho18 after every set above was open (opened after round 1):
# new against every set before it, j33's, j34's and set 16 included.
HEADED["wordings18"] = (
    HERE / "wordings18" / "wordings.tsv",
    (*HEADED["wordings_j33"][1], HEADED["wordings_j33"][0], HEADED["wordings_j34"][0], HEADED["wordings16"][0]),
)
# Session 16's round-2 development set for a work named by its result, its component acts, its material
# and method or its role (helper j36, its README): new against every set before it, 18 and j35 included.
HEADED["wordings_j36"] = (
    HERE / "wordings_j36" / "wordings.tsv",
    (*HEADED["wordings18"][1], HEADED["wordings18"][0], HEADED["wordings_j35"][0]),
)
# Session 16's held-out set, made by helper ho19 (alone seeing it) from the structural and envelope
# trades: new against every set before it.
HEADED["wordings19"] = (HERE / "wordings19" / "wordings.tsv", (WORDINGS2, *(path for path, _ in HEADED.values())))
# Session 17's round-1 development set for a work named by its purpose, a heading then its steps, a
# trade's person, a material's trade name or a redo (helper j37, its README): new against every set
# before it, 18 and 19 included.
HEADED["wordings_j37"] = (HERE / "wordings_j37" / "wordings.tsv", (WORDINGS2, *(path for path, _ in HEADED.values())))
# Session 17's held-out set, made by helper ho20 (alone seeing it) from the technical and emergency repair
# trades: new against every set before it, 19 and j37 included.
HEADED["wordings20"] = (HERE / "wordings20" / "wordings.tsv", (WORDINGS2, *(path for path, _ in HEADED.values())))
# Session 17's round-2 development set for a call-out's site cost named by its object, a thing under its
# trade's other name and a diagnosis named by its instruments (helper j38, its README): new against every
# set before it, 20 included.
HEADED["wordings_j38"] = (HERE / "wordings_j38" / "wordings.tsv", (WORDINGS2, *(path for path, _ in HEADED.values())))
# Session 18's held-out set, made by helper ho21 (alone seeing it) from general contractors and
# multi-trade repairers after a loss and a public tender's price schedules: new against every set before
# it, 20 and j38 included.
HEADED["wordings21"] = (HERE / "wordings21" / "wordings.tsv", (WORDINGS2, *(path for path, _ in HEADED.values())))
# Session 19's held-out set, made by helper ho22 (alone seeing it) from kitchen and bathroom fitters, joiners
# and micro-entrepreneur tradesmen after water damage: new against every set before it, 21 included.
HEADED["wordings22"] = (HERE / "wordings22" / "wordings.tsv", (WORDINGS2, *(path for path, _ in HEADED.values())))
# Session 20's held-out set, made by helper ho23 (alone seeing it) from glaziers, locksmiths, shutter and
# window fitters after a break-in or a storm, and the follow-up works: new against every set before it.
HEADED["wordings23"] = (HERE / "wordings23" / "wordings.tsv", (WORDINGS2, *(path for path, _ in HEADED.values())))
# Session 21's development set for a trade no set had drawn from (helper j49, its README): electricians
# and heating fitters after lightning, a surge, a short circuit or frost; new against every set before it.
HEADED["wordings_j49"] = (HERE / "wordings_j49" / "wordings.tsv", (WORDINGS2, *(path for path, _ in HEADED.values())))
# Session 21's development set for one trade no set drew from as a population (helper j48, its README):
# roofers, zinc workers and carpenters after a storm, hail or a fallen tree; new against every set before it.
HEADED["wordings_j48"] = (HERE / "wordings_j48" / "wordings.tsv", (WORDINGS2, *(path for path, _ in HEADED.values())))
# Session 21's held-out set, made by helper ho24 (alone seeing it) from post-fire cleaning and
# decontamination firms and the plasterers, painters and floor layers after them: new against every set
# before it.
HEADED["wordings24"] = (HERE / "wordings24" / "wordings.tsv", (WORDINGS2, *(path for path, _ in HEADED.values())))
# Session 22's held-out set, made by helper ho25 (alone seeing it) from the multi-trade maintenance
# contractors of social landlords, co-ownership and property managers: new against every set before it.
HEADED["wordings25"] = (HERE / "wordings25" / "wordings.tsv", (WORDINGS2, *(path for path, _ in HEADED.values())))
# Session 22's per-item set for the trades PEI, PLA, SOL, REV, INS, NET, ASS, MOE (helper j53, its
# README), split by source into a tuning half and a held-out half: new against every set before it.
HEADED["wordings_j53"] = (HERE / "wordings_j53" / "wordings.tsv", (WORDINGS2, *(path for path, _ in HEADED.values())))
HEADED["wordings_j53h"] = (
    HERE / "wordings_j53h" / "wordings.tsv",
    (WORDINGS2, *(path for path, _ in HEADED.values()), HERE / "wordings_j53" / "wordings.tsv"),
)
# Session 22's per-item sets for the trades PLO, ELE, MEN, VIT, TOI, CAR (helper j52, their READMEs): public
# quote-line wordings split by source (sources sorted by URL, alternate) into a half tuned on (j52) and a
# held-out half (j52h, never looked at for a change); new against every set before them.
HEADED["wordings_j52"] = (HERE / "wordings_j52" / "wordings.tsv", (WORDINGS2, *(path for path, _ in HEADED.values())))
HEADED["wordings_j52h"] = (HERE / "wordings_j52h" / "wordings.tsv", (WORDINGS2, *(path for path, _ in HEADED.values())))
MINIMUM = {
    "wordings6": 100,
    "wordings8": 80,
    "wordings9": 100,
    "wordings10": 120,
    "wordings11": 120,
    "wordings12": 120,
    "wordings13": 120,
    "wordings14": 120,
    "wordings15": 100,
    "wordings17": 100,
    "wordings16": 100,
    "wordings18": 100,
    "wordings19": 100,
    "wordings20": 100,
    "wordings21": 100,
    "wordings22": 100,
    "wordings23": 100,
    "wordings24": 100,
    "wordings25": 100,
    "wordings_j20_dev": 90,
    "wordings_j20_final": 90,
    "wordings_j24_dev": 65,
    "wordings_j24_final": 65,
    "wordings_j25_dev": 70,
    "wordings_j25_final": 70,
    "wordings_j31_dev": 29,
    "wordings_j31_final": 30,
    "wordings_j32": 100,
    "wordings_j33": 60,
    "wordings_j34": 100,
    "wordings_j35": 120,
    "wordings_j36": 120,
    "wordings_j37": 60,
    "wordings_j38": 30,
    "wordings_j49": 100,
    "wordings_j48": 100,
    "wordings_j53": 80,
    "wordings_j53h": 80,
    "wordings_j52": 100,
    "wordings_j52h": 90,
}
EARLIER = (HERE / "wordings" / "wordings.tsv", *sorted((HERE.parent / "unit" / "evaluation").glob("*.tsv")))
UNITS = {"m2", "ml", "u", "forfait", "ens", "h", "j"}


def _plain(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).strip()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _codes(expected: str) -> list[list[str]]:
    return [] if expected == "UNMATCHED" else [alt.split("+") for alt in expected.split("|")]


@pytest.mark.parametrize("name", sorted(HEADED))
def test_every_row_has_a_source_a_unit_and_bareme_labels(name: str) -> None:
    rows = _rows(HEADED[name][0])
    known = {item.code for item in load_bareme().items}
    assert len(rows) >= MINIMUM.get(name, 150)
    assert not [r["wording"] for r in rows if not r["source_url"].startswith(("http://", "https://", "code-search:"))]
    assert not [r["wording"] for r in rows if not r["what_the_source_says"].strip()]
    assert not [r["wording"] for r in rows if r["unit"] not in UNITS]
    unknown = [(r["wording"], code) for r in rows for alt in _codes(r["expected"]) for code in alt if code not in known]
    assert not unknown, unknown


@pytest.mark.parametrize("name", sorted(HEADED))
def test_categories_price_like_their_bareme_items(name: str) -> None:
    """A wording a quote of the frozen set uses for a catalogue category is priced, by its label, near
    the category's typical price (else a fair line of the set would be judged against another price)."""
    prices = {item.code: float(item.unit_price_ht) for item in load_bareme().items}
    wrong = []
    for r in _rows(HEADED[name][0]):
        if r["category"] == "-":
            continue
        item = ITEMS[r["category"]]
        for alt in _codes(r["expected"]):
            price = sum(prices[code] for code in alt)
            if r["unit"] != item.unit or not 0.85 * item.typical <= price <= 1.3 * item.typical:
                wrong.append((r["wording"], r["category"], alt, price))
    assert not wrong, wrong


@pytest.mark.parametrize("name", sorted(HEADED))
def test_no_wording_comes_from_earlier_sets(name: str) -> None:
    """New against every earlier wording set. (Against the barème too when frozen, at f74a4cd for
    wordings3, 4ddb0c2 for wordings4, 0372cf2 for wordings5, 06b5b88 for wordings6, fbf63c8 for wordings7,
    session 8's final robot for wordings8, 3fb59ac for wordings9, 8cf77d6 for wordings10, b7979cf for
    wordings11, 364f779 for wordings12, 4ed12fc for wordings13, c5e6b9d for wordings14, wordings15 and
    wordings_j30, 57404b5 for wordings16 and wordings17, db9f941 for wordings18; the barème grows since, so
    ``bench_matcher.py --wordings`` counts the wordings it now holds.)"""
    path, headed_before = HEADED[name]
    earlier = set()
    for before in EARLIER:
        earlier |= {
            _plain(line.split("\t")[0])
            for line in before.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        }
    for before in headed_before:
        with before.open(encoding="utf-8", newline="") as fh:
            earlier |= {_plain(r["wording"]) for r in csv.DictReader(fh, delimiter="\t")}
    mine = [_plain(r["wording"]) for r in _rows(path)]
    assert len(set(mine)) == len(mine)
    assert not [w for w in mine if w in earlier]


def test_wordings2_are_public_sourced_and_new() -> None:
    with WORDINGS2.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) >= 120
    assert not [r["wording"] for r in rows if not r["source_url"].startswith(("http://", "https://"))]
    tuned = {
        _plain(line.split("\t")[0])
        for line in EARLIER[0].read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    reused = [r["wording"] for r in rows if _plain(r["wording"]) in tuned]
    assert not reused, f"wordings already in the tuned set: {reused}"
