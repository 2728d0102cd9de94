"""How well the matcher names the work on wordings it has never seen (a script, not a test).

    .venv/bin/python bench/bench_matcher.py [--failures] [--heldout] [--set FILE.tsv ...]

Reads the labelled wordings of ``tests/unit/evaluation/wordings.tsv`` (wording, unit, expected
barème code or UNMATCHED), matches each one and prints:

- precision: of the lines the matcher matched, how many went to the right item (a line
  labelled UNMATCHED that gets matched counts as a wrong match);
- recall: of the lines the barème has an item for, how many were matched to it;
- wrong matches split by what they cost: a reference *cheaper* than the right one makes a
  false OVERPRICED (annoying, a human looks anyway); a *dearer* one, or any match for work the
  barème does not price, can hide an overpriced line (dangerous).

``--heldout`` scores the wordings of the held-out generator (``tests/heldout/catalog.py``),
which were written by someone else without looking at the barème, as a second set.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from billma_core.bareme import load_bareme  # noqa: E402
from billma_core.bareme.schema import Bareme  # noqa: E402
from billma_core.evaluation.matching import Matcher, matcher_for  # noqa: E402
from billma_core.models import Unit  # noqa: E402

WORDINGS = ROOT / "tests" / "unit" / "evaluation" / "wordings.tsv"
FRESH = ROOT / "tests" / "unit" / "evaluation" / "wordings_fresh.tsv"
UNMATCHED = "UNMATCHED"

# Held-out categories and the barème items that price them (several when the work may be
# worded as any of them: a leaking fitting is PLO-002 or PLO-004, both not covered).
HELDOUT_CODES: dict[str, frozenset[str]] = {
    "wall_painting": frozenset({"PEI-003"}),
    "ceiling_painting": frozenset({"PEI-004"}),
    "wallpaper_removal": frozenset({"REV-001"}),
    "wallpaper_laying": frozenset({"REV-002"}),
    "surface_prep": frozenset({"PEI-001"}),
    "stain_primer": frozenset({"PEI-002"}),
    "plasterboard": frozenset({"PLA-001"}),
    "joint_filler": frozenset({"PLA-002"}),
    "laminate_floor": frozenset({"SOL-002"}),
    "floor_removal": frozenset({"SOL-001"}),
    "floor_tiling": frozenset({"CAR-001"}),
    "wall_tiling": frozenset({"CAR-002"}),
    "skirting": frozenset({"SOL-010"}),
    "suspended_ceiling": frozenset({"PLA-007"}),
    "protection": frozenset({"INS-001"}),
    "cleaning": frozenset({"NET-001"}),
    "travel_setup": frozenset({"INS-002"}),
    "leak_search": frozenset({"PLO-001"}),
    "leak_repair": frozenset({"PLO-002", "PLO-003", "PLO-004"}),
    "double_glazing": frozenset({"VIT-001"}),
    "whole_window": frozenset({"MEN-003"}),
    "interior_door": frozenset({"MEN-001"}),
    "socket": frozenset({"ELE-001"}),
    "labour": frozenset({"MOE-001", "MOE-002"}),
    "dehumidifier": frozenset({"ASS-001", "ASS-002"}),
}


@dataclass(frozen=True)
class Labelled:
    wording: str
    unit: Unit | None
    expected: frozenset[str]  # empty: the barème has no item for this work


@dataclass(frozen=True)
class Outcome:
    case: Labelled
    got: str | None
    confidence: float

    @property
    def correct(self) -> bool:
        return self.got in self.case.expected if self.got else not self.case.expected


def load_wordings(path: Path = WORDINGS) -> list[Labelled]:
    cases = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        wording, unit, code = raw.split("\t")
        expected = frozenset() if code == UNMATCHED else frozenset(code.split("|"))
        cases.append(Labelled(wording, Unit(unit) if unit else None, expected))
    return cases


def heldout_wordings() -> list[Labelled]:
    from tests.heldout.catalog import ITEMS

    return [
        Labelled(variant, Unit(item.unit), HELDOUT_CODES[category])
        for category, item in ITEMS.items()
        for variant in item.variants
    ]


def run(cases: list[Labelled], matcher: Matcher) -> list[Outcome]:
    known = {item.code for item in matcher.bareme.items}
    out = []
    for labelled in cases:
        # An item an older barème does not have: that barème should leave the line unmatched.
        case = Labelled(labelled.wording, labelled.unit, labelled.expected & known)
        match = matcher.match(case.wording, case.unit)
        out.append(Outcome(case, match.item.code if match.item else None, match.confidence))
    return out


@dataclass(frozen=True)
class Scores:
    lines: int
    matched: int
    correct_matches: int
    with_item: int
    precision: float
    recall: float
    unmatched_right: int  # UNMATCHED lines left unmatched
    unmatched_total: int
    cheaper: int  # wrong match to a cheaper reference: false OVERPRICED
    dearer: int  # wrong match to a dearer (or any) reference for out-of-barème work: dangerous


def _price_per_unit(bareme: Bareme, code: str) -> float:
    return float(bareme.item(code).unit_price_ht)


def score(outcomes: list[Outcome], bareme: Bareme) -> Scores:
    matched = [o for o in outcomes if o.got]
    correct = [o for o in matched if o.correct]
    with_item = [o for o in outcomes if o.case.expected]
    unmatched_cases = [o for o in outcomes if not o.case.expected]
    cheaper = dearer = 0
    for o in matched:
        if o.correct or o.got is None:
            continue
        if not o.case.expected:
            dearer += 1
            continue
        right = min(_price_per_unit(bareme, c) for c in o.case.expected)
        if _price_per_unit(bareme, o.got) < right:
            cheaper += 1
        else:
            dearer += 1
    return Scores(
        lines=len(outcomes),
        matched=len(matched),
        correct_matches=len(correct),
        with_item=len(with_item),
        precision=len(correct) / len(matched) if matched else 1.0,
        recall=sum(1 for o in with_item if o.correct) / len(with_item) if with_item else 1.0,
        unmatched_right=sum(1 for o in unmatched_cases if o.got is None),
        unmatched_total=len(unmatched_cases),
        cheaper=cheaper,
        dearer=dearer,
    )


def report(name: str, outcomes: list[Outcome], bareme: Bareme, failures: bool) -> None:
    s = score(outcomes, bareme)
    print(f"## {name}: {s.lines} wordings ({s.with_item} with a barème item, {s.unmatched_total} without)")
    print(f"precision {100 * s.precision:.1f} % ({s.correct_matches}/{s.matched} matches right)")
    print(f"recall    {100 * s.recall:.1f} % ({sum(1 for o in outcomes if o.correct and o.got)}/{s.with_item})")
    print(f"out-of-barème left unmatched {s.unmatched_right}/{s.unmatched_total}")
    print(f"wrong matches: {s.cheaper} to a cheaper reference (false OVERPRICED), {s.dearer} dangerous")
    if failures:
        for o in outcomes:
            if o.correct:
                continue
            expected = "|".join(sorted(o.case.expected)) or UNMATCHED
            unit = o.case.unit.value if o.case.unit else "-"
            print(f"  {o.got or UNMATCHED:9} (conf {o.confidence:.2f}) expected {expected:9} {unit:7} {o.case.wording}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list every wrong or missed wording")
    parser.add_argument("--heldout", action="store_true", help="also score the held-out generator's wordings")
    parser.add_argument("--set", type=Path, action="append", help="labelled wording files (default: both sets)")
    args = parser.parse_args()
    bareme = load_bareme()
    matcher = matcher_for(bareme)
    for path in args.set or [WORDINGS, FRESH]:
        report(path.name, run(load_wordings(path), matcher), bareme, args.failures)
    if args.heldout:
        report("held-out catalog", run(heldout_wordings(), matcher), bareme, args.failures)


if __name__ == "__main__":
    main()
