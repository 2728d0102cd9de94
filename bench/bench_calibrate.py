"""The matcher's and the judge's constants fitted on every labelled set, measured out of set (a
script, not a test).

    .venv/bin/python bench/bench_calibrate.py [--quick]

Leave one set out: each constant is chosen on five sets (and the labelled wordings of
``tests/unit/evaluation``, always in the fit), then measured on the sixth, which it never saw.
The out-of-set figures are the honest estimate of what a new set will see.

- ``matching.PLAUSIBLE_MARGIN`` and ``matching.EVIDENCE_FLOOR`` on the public wording sets 1–6:
  the value that leaves the right item plausible most often (best candidate right, or another
  plausible one) with no more dangerous pricings (a wrong pricing accepted above the right item's
  price) than the value in use, on the five sets;
- ``matching.CALIBRATION``: a curve refitted on the five sets' best candidates
  (``bench_matcher.fit_calibration``), its calibration error on the sixth against the curve in use;
- ``verdicts.OVERCHARGE`` and ``PLAUSIBLE_MARGIN`` on the judge alone (perfect reading) of frozen
  sets 1–6: the value with most fair quotes auto-validated and no unsafe auto-validation on the
  five sets.

Every set here is a development set: none is held out from the project, only from each fold.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import bench_matcher as bm  # noqa: E402
from billma_core.bareme import load_bareme  # noqa: E402
from billma_core.evaluation import matching, verdicts  # noqa: E402
from billma_core.evaluation.matching import CALIBRATION, Matcher  # noqa: E402
from billma_core.models import Unit  # noqa: E402

HELDOUT = ROOT / "tests" / "heldout"
WORDING_SETS = ("wordings", "wordings2", "wordings3", "wordings4", "wordings5", "wordings6")
FROZEN_SETS = ("frozen", "frozen2", "frozen3", "frozen4", "frozen5", "frozen6")
MARGINS = (0.03, 0.06, 0.1, 0.15, 0.2)
DOUBTS = (0.7, 0.8, 0.9, 1.0)
FLOORS = (0.15, 0.25, 0.35, 0.45)
OVERCHARGES = (Decimal("1.1"), Decimal("1.2"), Decimal("1.3"), Decimal("1.4"), Decimal("1.5"), Decimal("1.6"))
# One labelled wording: text, unit, the right pricings (each a set of codes; empty: out of the barème).
Case = tuple[str, Unit | None, tuple[frozenset[str], ...]]


def wording_sets() -> dict[str, list[Case]]:
    sets: dict[str, list[Case]] = {}
    for name in WORDING_SETS:
        path = HELDOUT / name / "wordings.tsv"
        if name == "wordings2":
            sets[name] = [(w, u, tuple(frozenset({c}) for c in e)) for w, u, e in bm.load_public2(path)]
        else:
            sets[name] = [(c.wording, c.unit, c.alternatives) for c in bm.load_public(path)]
    own = [bm.WORDINGS, bm.FRESH, bm.DERIVED]
    sets["unit"] = [
        (c.wording, c.unit, tuple(frozenset({e}) for e in c.expected)) for p in own for c in bm.load_wordings(p)
    ]
    return sets


@dataclass(frozen=True)
class WordingScore:
    right: int  # the line is priced as labelled
    plausible: int  # the labelled item is among the plausible candidates (or the line is right)
    dangerous: int  # wrongly priced, accepted above the right pricing's price

    def __add__(self, other: WordingScore) -> WordingScore:
        return WordingScore(
            self.right + other.right, self.plausible + other.plausible, self.dangerous + other.dangerous
        )


def score_wordings(matcher: Matcher, cases: list[Case]) -> WordingScore:
    bareme = matcher.bareme
    known = {item.code for item in bareme.items}
    right = plausible = dangerous = 0
    for wording, unit, labelled in cases:
        alternatives = tuple(a for a in labelled if a <= known)
        got, accepted, _ = bm.priced_as(matcher, wording, unit)
        correct = got in alternatives if got else not alternatives
        match = matcher.match(wording, unit)
        among = {c.item.code for c in match.candidates[: match.plausible]}
        right += correct
        plausible += correct or any(len(a) == 1 and a <= among for a in alternatives)
        if got and not correct:
            price = min((sum(float(bareme.item(c).unit_price_ht) for c in a) for a in alternatives), default=0.0)
            dangerous += accepted > price
    return WordingScore(right, plausible, dangerous)


@contextmanager
def constants(**values: Any) -> Iterator[None]:
    """The matcher's (``matching``) and the judge's (``verdicts``) module constants set for a run."""
    saved = {}
    for name, value in values.items():
        module = verdicts if name == "OVERCHARGE" else matching
        saved[name] = (module, getattr(module, name))
        setattr(module, name, value)
    try:
        yield
    finally:
        for name, (module, value) in saved.items():
            setattr(module, name, value)


def report_wordings(name: str, current: Any, values: tuple[Any, ...]) -> None:
    bareme = load_bareme()
    sets = wording_sets()
    scores: dict[Any, dict[str, WordingScore]] = {}
    for value in values:
        with constants(**{name: value}):
            matcher = Matcher(bareme)
            scores[value] = {n: score_wordings(matcher, cases) for n, cases in sets.items()}
    limit = {n: scores[current][n].dangerous for n in sets}

    def fit(value: Any, held: str) -> tuple[int, int]:
        train = [n for n in sets if n != held]
        total = sum((scores[value][n] for n in train), start=WordingScore(0, 0, 0))
        safe = all(scores[value][n].dangerous <= limit[n] for n in train)
        return (safe, total.plausible + total.right) if safe else (False, 0)

    print(f"## {name} (in use {current}), public wording sets 1–6, leave one set out")
    for value in values:
        row = ", ".join(f"{n} {s.right}/{s.plausible}/{s.dangerous}" for n, s in scores[value].items())
        print(f"  {value}: right/plausible/dangerous {row}")
    for held in WORDING_SETS:
        best = max(values, key=lambda v: (fit(v, held), v == current))
        s, c = scores[best][held], scores[current][held]
        print(
            f"  out of set {held}: chosen {best}; right {c.right} -> {s.right}, plausible {c.plausible} -> "
            f"{s.plausible}, dangerous {c.dangerous} -> {s.dangerous} (of {len(sets[held])})"
        )
    print()


def report_calibration() -> None:
    bareme = load_bareme()
    matcher = Matcher(bareme)
    sets = wording_sets()
    best = {
        n: bm.best_candidates(
            matcher, [(w, u, frozenset().union(*a)) for w, u, a in cases if all(len(x) == 1 for x in a)]
        )
        for n, cases in sets.items()
    }
    print("## CALIBRATION, leave one public wording set out (fit on the others and tests/unit/evaluation)")
    for held in WORDING_SETS:
        curve = bm.fit_calibration([x for n, data in best.items() if n != held for x in data])
        print(f"  {held}: in use {bm.reliability([(best[held], CALIBRATION)])}")
        print(f"  {held}: refit  {bm.reliability([(best[held], curve)])}")
    print(f"  refit on every set: {bm.fit_calibration([x for data in best.values() for x in data])}")
    print()


def judge_alone(name: str) -> tuple[int, int, int]:
    """Fair quotes auto-validated, fair quotes, unsafe auto-validations: the judge alone on a set."""
    from tests.heldout.scoring import judge_perfect_reading, load_truths, score_document, summarise

    truths = load_truths(HELDOUT / name)
    # The judge reads through the loaded barème's matcher: built anew for these constants.
    load_bareme()._derived.clear()
    results = judge_perfect_reading(truths)
    summary = summarise([score_document(t, results.get(t["file"])) for t in truths])
    return summary.fair_auto, summary.fair_docs, len(summary.unsafe)


def report_judge(name: str, current: Any, values: tuple[Any, ...]) -> None:
    scores = {}
    for value in values:
        with constants(**{name: value}):
            scores[value] = {n: judge_alone(n) for n in FROZEN_SETS}
    print(f"## {name} (in use {current}), judge alone on frozen sets 1–6, leave one set out")
    for value in values:
        print(
            f"  {value}: fair/fair docs/unsafe "
            + ", ".join(f"{n} {a}/{b}/{u}" for n, (a, b, u) in scores[value].items())
        )

    def fit(value: Any, held: str) -> tuple[bool, int]:
        train = [n for n in FROZEN_SETS if n != held]
        unsafe = sum(scores[value][n][2] for n in train)
        return (unsafe == 0, sum(scores[value][n][0] for n in train) if unsafe == 0 else 0)

    for held in FROZEN_SETS:
        best = max(values, key=lambda v: (fit(v, held), v == current))
        (a, b, u), (a0, _, u0) = scores[best][held], scores[current][held]
        print(f"  out of set {held}: chosen {best}; fair {a0} -> {a} of {b}, unsafe {u0} -> {u}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the wordings only, not the judge on the frozen sets")
    args = parser.parse_args()
    report_wordings("PLAUSIBLE_MARGIN", matching.PLAUSIBLE_MARGIN, MARGINS)
    report_wordings("EVIDENCE_FLOOR", matching.EVIDENCE_FLOOR, FLOORS)
    report_wordings("DOUBT_BELOW", matching.DOUBT_BELOW, DOUBTS)
    report_calibration()
    if not args.quick:
        report_judge("OVERCHARGE", verdicts.OVERCHARGE, OVERCHARGES)
        report_judge("PLAUSIBLE_MARGIN", matching.PLAUSIBLE_MARGIN, MARGINS)
        report_judge("DOUBT_BELOW", matching.DOUBT_BELOW, DOUBTS)
        report_judge("EVIDENCE_FLOOR", matching.EVIDENCE_FLOOR, FLOORS)


if __name__ == "__main__":
    main()
