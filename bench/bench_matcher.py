"""How well the matcher names the work on wordings it has never seen (a script, not a test).

    .venv/bin/python bench/bench_matcher.py [--failures] [--heldout] [--public] [--set FILE.tsv ...]
    .venv/bin/python bench/bench_matcher.py --wordings tests/heldout/wordings3/wordings.tsv
    .venv/bin/python bench/bench_matcher.py --generator-wordings /tmp/public.json
    .venv/bin/python bench/bench_matcher.py --calibration

Reads the labelled wordings of ``tests/unit/evaluation/wordings.tsv`` (wording, unit, expected
barème code or UNMATCHED), matches each one and prints:

- precision: of the lines the matcher matched, how many went to the right item (a line
  labelled UNMATCHED that gets matched counts as a wrong match);
- recall: of the lines the barème has an item for, how many were matched to it;
- wrong matches split by what they cost: a reference *cheaper* than the right one makes a
  false OVERPRICED (annoying, a human looks anyway); a *dearer* one, or any match for work the
  barème does not price, can hide an overpriced line (dangerous).

``--public`` scores the held-out public wordings of ``tests/heldout/wordings/wordings.tsv``
(written by others: price libraries, trade-software catalogues, invoices; frozen before the
matcher was changed for them). A line naming several works ("A+B") is right only when it is
priced as all of them; "dangerous" there is a wrong pricing under which the line is accepted at a
dearer reference than the right one (its sum, or its dearest plausible candidate: an overpriced
line could pass under it), counted apart from work outside the barème that got a price.

``--calibration`` prints how often the best candidate is right by tenth of its calibrated
confidence (a reliability table) on the development and public wordings, a curve refitted on all
of them, and that refit's reliability on the public wordings out of fold.

``--heldout`` scores the wordings of the held-out generator (``tests/heldout/catalog.py``),
which were written by someone else without looking at the barème, as a second set.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from billma_core.bareme import load_bareme  # noqa: E402
from billma_core.bareme.schema import Bareme  # noqa: E402
from billma_core.evaluation.matching import CALIBRATION, Matcher, calibrated, matcher_for  # noqa: E402
from billma_core.models import Unit  # noqa: E402

WORDINGS = ROOT / "tests" / "unit" / "evaluation" / "wordings.tsv"
PUBLIC = ROOT / "tests" / "heldout" / "wordings" / "wordings.tsv"
FRESH = ROOT / "tests" / "unit" / "evaluation" / "wordings_fresh.tsv"
OWN = ROOT / "tests" / "unit" / "evaluation" / "wordings_own.tsv"
DERIVED = ROOT / "tests" / "unit" / "evaluation" / "wordings_derived.tsv"
# Frozen set 2's public wordings, by generator category: a development set since session 5.
PUBLIC2 = ROOT / "tests" / "heldout" / "wordings2" / "wordings.tsv"
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
    "switch": frozenset({"ELE-002"}),
    "light_point": frozenset({"ELE-003"}),
    "plumber_hour": frozenset({"PLO-013"}),
    "electrician_hour": frozenset({"ELE-011"}),
    "drying_days": frozenset({"ASS-001"}),
    "roof_tiles": frozenset({"TOI-001"}),
    "gutter": frozenset({"TOI-003"}),
    "disinfection": frozenset({"NET-003"}),
    "vinyl_floor": frozenset({"SOL-005"}),
    "tile_removal": frozenset({"CAR-003"}),
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


@dataclass(frozen=True)
class PublicCase:
    wording: str
    unit: Unit | None
    # Each alternative is the set of items the line is priced as (several: a composite line).
    alternatives: tuple[frozenset[str], ...]
    source: str


def load_public(path: Path = PUBLIC) -> list[PublicCase]:
    """Labelled public wordings: ``wording, unit, expected, fair_price_ht, source`` rows, or a file
    whose first line is a header naming its columns (``wording``, ``unit``, ``expected`` and
    ``source_url``, any order, others ignored) such as ``tests/heldout/wordings3/wordings.tsv``."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t") if lines and "wording" in lines[0].split("\t") else None
    cases = []
    for raw in lines[1:] if header else lines:
        if header:
            row = dict(zip(header, raw.split("\t"), strict=True))
            wording, unit, expected, source = row["wording"], row["unit"], row["expected"], row["source_url"]
        else:
            wording, unit, expected, _fair, source = raw.split("\t")
        alternatives = () if expected == UNMATCHED else tuple(frozenset(a.split("+")) for a in expected.split("|"))
        cases.append(PublicCase(wording, Unit(unit) if unit else None, alternatives, source))
    return cases


def priced_as(matcher: Matcher, wording: str, unit: Unit | None) -> tuple[frozenset[str], float, float]:
    """The barème items the line is revised at (none: left to a human), the price of the dearest
    pricing it is accepted under (its ceiling's base: a sum, or the dearest plausible candidate),
    and the matcher's calibrated confidence. As the judge reads a line alone (no heading, no other
    line: :meth:`Matcher.match_in` with no trade), the line's unit rules out the candidates it
    contradicts: a per-m² line is never accepted under an hourly rate."""
    match = matcher.match_in(wording, unit, frozenset())
    if match.parts:
        return frozenset(item.code for item in match.parts), sum(float(i.unit_price_ht) for i in match.parts), 0.0
    if match.item is None:
        return frozenset(), 0.0, match.confidence
    dearest = max(float(c.item.unit_price_ht) for c in match.candidates[: max(match.plausible, 1)])
    return frozenset({match.item.code}), dearest, match.confidence


def _plain(text: str) -> str:
    """Lower case, no accents, words only: how two wordings are told to be the same text."""
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


def report_public(bareme: Bareme, matcher: Matcher, failures: bool, path: Path = PUBLIC) -> None:
    cases = load_public(path)
    known = {item.code for item in bareme.items}
    # A held-out wording that the barème now holds word for word no longer measures the matcher.
    words = {_plain(text) for item in bareme.items for text in (item.label, *item.synonyms)}
    in_bareme = sum(_plain(case.wording) in words for case in cases)

    def price(codes: frozenset[str]) -> float:
        return sum(_price_per_unit(bareme, code) for code in codes)

    priced = right = with_item = right_with_item = dearer = cheaper = outside = 0
    lines = []
    # Calibration: the best candidate's confidence against how often it is right, by tenths.
    buckets: dict[int, list[int]] = {}
    # Wrong pricings by the trade of the right item (its code's prefix) and by what they cost.
    by_trade: dict[str, dict[str, int]] = {}
    for case in cases:
        alternatives = tuple(a for a in case.alternatives if a <= known)
        got, accepted, confidence = priced_as(matcher, case.wording, case.unit)
        correct = got in alternatives if got else not alternatives
        if got and len(got) == 1:
            bucket = buckets.setdefault(min(int(confidence * 10), 9), [0, 0])
            bucket[0] += correct
            bucket[1] += 1
        priced += bool(got)
        right += bool(got) and correct
        with_item += bool(alternatives)
        right_with_item += bool(alternatives) and correct
        if not correct:
            trade = min(code for a in alternatives for code in a).split("-")[0] if alternatives else UNMATCHED
            cost = "missed"
            if got and not alternatives:
                cost = "out-of-barème priced"
            elif got and accepted > min(price(a) for a in alternatives):
                cost = "dangerous"
            elif got:
                cost = "cheaper"
            outside += cost == "out-of-barème priced"
            dearer += cost == "dangerous"
            cheaper += cost == "cheaper"
            counts = by_trade.setdefault(trade, {})
            counts[cost] = counts.get(cost, 0) + 1
        if failures and not correct:
            expected = "|".join("+".join(sorted(a)) for a in alternatives) or UNMATCHED
            unit = case.unit.value if case.unit else "-"
            lines.append(
                f"  {'+'.join(sorted(got)) or UNMATCHED:15} expected {expected:17} {unit:7} {case.wording}  [{cost}]"
            )
    without = len(cases) - with_item
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"## public held-out wordings {name}: {len(cases)} ({with_item} with a barème item, {without} without)")
    print(f"precision {100 * right / max(priced, 1):.1f} % ({right}/{priced} pricings right)")
    print(f"recall    {100 * right_with_item / max(with_item, 1):.1f} % ({right_with_item}/{with_item})")
    print(f"dangerous {dearer} (dearer than the right item); cheaper {cheaper}; out-of-barème priced {outside}")
    print(f"wordings now word for word a label or synonym of the barème (no longer held out): {in_bareme}")
    calibration = ", ".join(f"{b / 10:.1f}–{(b + 1) / 10:.1f}: {r}/{n}" for b, (r, n) in sorted(buckets.items()))
    print(f"calibration (confidence: right/matched) {calibration}")
    print(
        "wrong by trade of the right item: "
        + "; ".join(
            f"{trade} " + ", ".join(f"{n} {cost}" for cost, n in sorted(counts.items()))
            for trade, counts in sorted(by_trade.items())
        )
    )
    print("\n".join(lines))
    print()


# Where the calibration curve has its knots (scores of the best candidate).
KNOTS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
Curve = tuple[tuple[float, float], ...]


def best_candidates(matcher: Matcher, cases: list[tuple[str, Unit | None, frozenset[str]]]) -> list[tuple[float, bool]]:
    """Each wording's best candidate: its score and whether it names the work (matched or not)."""
    out = []
    for wording, unit, expected in cases:
        ranked = matcher.rank(wording, unit, limit=1)
        if ranked:
            out.append((ranked[0].score, ranked[0].item.code in expected))
    return out


def load_public2(path: Path = PUBLIC2) -> list[tuple[str, Unit | None, frozenset[str]]]:
    """Frozen set 2's public wordings with the items of their category, in its unit."""
    from tests.heldout.catalog import ITEMS

    cases = []
    for raw in path.read_text(encoding="utf-8").splitlines()[1:]:
        if raw.strip():
            category, wording = raw.split("\t")[:2]
            cases.append((wording, Unit(ITEMS[category].unit), HELDOUT_CODES[category]))
    return cases


def development_candidates(matcher: Matcher) -> tuple[list[tuple[float, bool]], list[tuple[float, bool]]]:
    """The best candidates of the development wordings (tests/unit/evaluation's labelled sets)
    and of the public ones (both collections; a single item each, lines naming several works
    left out)."""
    dev = [(c.wording, c.unit, c.expected) for path in (WORDINGS, FRESH, DERIVED) for c in load_wordings(path)]
    public = [
        (c.wording, c.unit, frozenset().union(*c.alternatives))
        for c in load_public()
        if all(len(a) == 1 for a in c.alternatives)
    ]
    return best_candidates(matcher, dev), best_candidates(matcher, public + load_public2())


def fit_calibration(data: list[tuple[float, bool]]) -> Curve:
    """Per knot, the share of right best candidates among those scoring nearest to it, smoothed
    ((right + 1) / (n + 2): few cases say little) and made non-decreasing (pooling adjacent
    knots that disagree, weighted by their cases)."""
    bins = [[0, 0] for _ in KNOTS]
    for score, right in data:
        nearest = min(range(len(KNOTS)), key=lambda k: abs(KNOTS[k] - score))
        bins[nearest][0] += right
        bins[nearest][1] += 1
    # Pool adjacent violators: blocks of (right, n, knots).
    blocks: list[list[int]] = []
    for k, (right, n) in enumerate(bins):
        blocks.append([right, n, k, k])
        while len(blocks) > 1 and (blocks[-2][0] + 1) / (blocks[-2][1] + 2) > (blocks[-1][0] + 1) / (blocks[-1][1] + 2):
            last = blocks.pop()
            blocks[-1] = [blocks[-1][0] + last[0], blocks[-1][1] + last[1], blocks[-1][2], last[3]]
    values = [0.0] * len(KNOTS)
    for right, n, first, last in blocks:
        for k in range(first, last + 1):
            values[k] = round((right + 1) / (n + 2), 2)
    values[0] = 0.0
    return tuple(zip(KNOTS, values, strict=True))


def reliability(judged: list[tuple[list[tuple[float, bool]], Curve]]) -> str:
    """Right / best candidates by tenth of calibrated confidence, with the mean confidence said,
    and the calibration error (the gap between said and right, weighted by cases)."""
    buckets: dict[int, list[float]] = {}
    for data, curve in judged:
        for score, right in data:
            confidence = calibrated(score, curve)
            bucket = buckets.setdefault(min(int(confidence * 10), 9), [0, 0, 0.0])
            bucket[0] += right
            bucket[1] += 1
            bucket[2] += confidence
    total = sum(n for _, n, _ in buckets.values()) or 1
    error = sum(abs(r - c) for r, _, c in buckets.values()) / total
    return f"calibration error {100 * error:.1f} % — " + ", ".join(
        f"{b / 10:.1f}–{(b + 1) / 10:.1f}: {int(r)}/{int(n)} right (said {100 * c / n:.0f} %)"
        for b, (r, n, c) in sorted(buckets.items())
    )


def report_calibration(matcher: Matcher) -> None:
    """The curve in use, and one refitted on every development wording, checked on the public
    wordings out of fold (each half judged by a curve fitted on the other half and the rest)."""
    dev, public = development_candidates(matcher)
    print("## calibration: best candidate's confidence vs how often it names the work")
    print(f"in use {CALIBRATION}")
    print(f"  public: {reliability([(public, CALIBRATION)])}")
    print(f"  tests/unit/evaluation sets: {reliability([(dev, CALIBRATION)])}")
    sets = "tests/unit/evaluation/{wordings,wordings_fresh,wordings_derived}.tsv + public"
    print(f"refit on {sets}: {fit_calibration(dev + public)}")
    halves = (public[0::2], public[1::2])
    folds = [(half, fit_calibration(dev + halves[1 - k])) for k, half in enumerate(halves)]
    print(f"  public, out of fold: {reliability(folds)}")
    print()


def generator_wordings() -> dict[str, list[str]]:
    """The public wordings by held-out generator category (one expected item of the category, in
    the category's unit), for ``bench_heldout.py --wordings``: fair and inflated quotes worded by
    others."""
    from tests.heldout.catalog import ITEMS

    out: dict[str, list[str]] = {}
    for case in load_public():
        if len(case.alternatives) != 1 or len(case.alternatives[0]) != 1 or case.unit is None:
            continue
        (code,) = case.alternatives[0]
        for category, codes in HELDOUT_CODES.items():
            if code in codes and case.unit.value == ITEMS[category].unit:
                out.setdefault(category, []).append(case.wording)
    return out


def pricing(matcher: Matcher, wording: str, unit: Unit | None) -> str:
    """How the matcher prices a wording: its item, the sum of its parts, or UNMATCHED."""
    match = matcher.match(wording, unit)
    if match.parts:
        return "+".join(item.code for item in match.parts)
    return match.item.code if match.item is not None else UNMATCHED


def report_own(matcher: Matcher, write: bool) -> None:
    """The development wordings of wordings_own.tsv: how many are priced otherwise than recorded
    (each change to be read by hand: they carry no labels), or record the current pricings."""
    rows = [line.split("\t") for line in OWN.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    now = [(wording, unit, pricing(matcher, wording, Unit(unit) if unit else None)) for wording, unit, _ in rows]
    if write:
        header = [line for line in OWN.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        OWN.write_text("\n".join([*header, *("\t".join(row) for row in now)]) + "\n", encoding="utf-8")
        return
    changed = [(row, new) for row, (_, _, new) in zip(rows, now, strict=True) if row[2] != new]
    print(f"## {OWN.name}: {len(rows)} wordings, {len(changed)} priced otherwise than recorded")
    for (wording, unit, recorded), new in changed:
        print(f"  {recorded:<16} -> {new:<16} {unit:<8} {wording}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list every wrong or missed wording")
    parser.add_argument("--heldout", action="store_true", help="also score the held-out generator's wordings")
    parser.add_argument("--public", action="store_true", help="score only the public held-out wordings")
    parser.add_argument("--wordings", type=Path, help="score these labelled wordings (a TSV)")
    parser.add_argument(
        "--generator-wordings", type=Path, help="write the public wordings as bench_heldout --wordings JSON"
    )
    parser.add_argument("--set", type=Path, action="append", help="labelled wording files (default: both sets)")
    parser.add_argument("--calibration", action="store_true", help="reliability of the confidence, and a refit")
    parser.add_argument("--own", action="store_true", help="wordings_own.tsv: pricings changed since recorded")
    parser.add_argument("--record-own", action="store_true", help="record the current pricings in wordings_own.tsv")
    args = parser.parse_args()
    bareme = load_bareme()
    matcher = matcher_for(bareme)
    if args.generator_wordings:
        import json

        args.generator_wordings.write_text(json.dumps(generator_wordings(), ensure_ascii=False, indent=1), "utf-8")
        return
    if args.calibration:
        report_calibration(matcher)
        return
    if args.own or args.record_own:
        report_own(matcher, args.record_own)
        return
    if args.public or args.wordings:
        report_public(bareme, matcher, args.failures, args.wordings or PUBLIC)
        return
    for path in args.set or [WORDINGS, FRESH]:
        report(path.name, run(load_wordings(path), matcher), bareme, args.failures)
    if args.heldout:
        report("held-out catalog", run(heldout_wordings(), matcher), bareme, args.failures)


if __name__ == "__main__":
    main()
