"""The price as evidence: what the judge accepts of every labelled development wording, priced fair
and inflated (a script, not a test; issue 12, session 18).

    .venv/bin/python bench/bench_price_evidence.py [--sets] [--failures] [--only wordings18 ...]

Each labelled wording (``tests/unit/evaluation/wordings*.tsv`` but the unlabelled ``wordings_own``,
``tests/heldout/wordings*/``: every development set with its expected item) is made one quote line
and judged alone by :func:`evaluate_line`, as the judge reads it on a quote (no heading):

- a wording whose expected item is in the barème is priced at that item's reference (the sum of a
  line naming several works; the first alternative of ``A|B``), a *fair* price, then at 1.4 and 2
  times it, *inflated*: a fair line judged ``OK`` is a gain, an inflated one judged ``OK`` is UNSAFE
  (it lets an inflated quote through);
- a wording the barème has no item for (``UNMATCHED``) is priced at the reference of each of its
  five best candidates in turn: judged ``OK`` at any of them, it is out-of-barème *accepted* (it must
  stay unmatched or be flagged).

The quote's trades (what ``PricingContext.trades`` holds: the trades of the quote's sure lines) are
set two ways: ``own`` — the line's expected item's trades, as on a quote of that trade (for an
out-of-barème wording, its candidates' trades); ``any`` — every trade of the barème, the worst case
for a rule that trusts the quote's trades. The cover is one the expected item is paid under, at a
coefficient of 1.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_matcher import load_public, load_public2, load_wordings  # noqa: E402

from billma_core.bareme import load_bareme  # noqa: E402
from billma_core.bareme.schema import Bareme  # noqa: E402
from billma_core.evaluation.matching import Matcher, matcher_for  # noqa: E402
from billma_core.evaluation.verdicts import PricingContext, evaluate_line  # noqa: E402
from billma_core.models import Cover, LineEvaluation, QuoteLine, Unit, Verdict  # noqa: E402
from billma_core.money import money  # noqa: E402
from billma_core.settings import Settings  # noqa: E402

EVALUATION = ROOT / "tests" / "unit" / "evaluation"
HELDOUT = ROOT / "tests" / "heldout"
# The inflations an inflated line is priced at, over its fair reference.
INFLATIONS = (Decimal("1.4"), Decimal("2"))
# How many of an out-of-barème wording's best candidates it is priced at in turn.
OUTSIDE_CANDIDATES = 5
# A plausible quantity per unit: a lump sum is one, a measure several.
QUANTITIES = {Unit.M2: Decimal(12), Unit.ML: Decimal(8), Unit.H: Decimal(4), Unit.DAY: Decimal(3), Unit.U: Decimal(2)}
# What the why of a line accepted by its price alone says (``verdicts._by_its_price``).
BY_PRICE = "le prix du devis soutient la lecture"
# Never measured here (frozen blind sets of later sessions, should they be in the tree; set 21
# became a development set in session 18, round 2).
BLIND: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    wording: str
    unit: Unit | None
    # Each alternative is the set of items the line is priced as (several: a line naming several works).
    alternatives: tuple[frozenset[str], ...]


def development_sets() -> dict[str, list[Case]]:
    """Every labelled development wording set, by name."""
    sets: dict[str, list[Case]] = {}
    for path in sorted(EVALUATION.glob("wordings*.tsv")):
        if path.stem == "wordings_own":
            continue  # recorded pricings, not labels
        sets[path.stem] = [
            Case(c.wording, c.unit, tuple(frozenset({code}) for code in sorted(c.expected)))
            for c in load_wordings(path)
        ]
    for folder in sorted(HELDOUT.glob("wordings*")):
        if folder.name in BLIND or not folder.is_dir():
            continue
        if folder.name == "wordings2":
            sets[folder.name] = [
                Case(w, u, tuple(frozenset({code}) for code in sorted(codes))) for w, u, codes in load_public2()
            ]
            continue
        for path in sorted(folder.glob("*.tsv")):
            name = folder.name if path.stem == "wordings" else f"{folder.name}/{path.stem}"
            sets[name] = [Case(c.wording, c.unit, c.alternatives) for c in load_public(path)]
    return sets


@dataclass
class Tally:
    with_item: int = 0
    fair_ok: int = 0
    inflated: int = 0  # inflated pricings judged (wordings with an item x inflations)
    unsafe_own: int = 0
    unsafe_any: int = 0
    outside: int = 0
    outside_ok: int = 0
    # Fair lines accepted by their price alone (``verdicts._by_its_price``), and of them at their item.
    by_price: int = 0
    by_price_right: int = 0
    fair_verdicts: Counter[str] | None = None

    def add(self, other: Tally) -> None:
        for name in (
            "with_item",
            "fair_ok",
            "inflated",
            "unsafe_own",
            "unsafe_any",
            "outside",
            "outside_ok",
            "by_price",
            "by_price_right",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        assert self.fair_verdicts is not None and other.fair_verdicts is not None
        self.fair_verdicts.update(other.fair_verdicts)


class Judge:
    def __init__(self, bareme: Bareme, matcher: Matcher) -> None:
        self.bareme = bareme
        self.matcher = matcher
        self.every_trade = frozenset(item.trade for item in bareme.items)
        self.known = {item.code for item in bareme.items}
        self.tolerance = Settings().price_tolerance

    def context(self, cover: Cover, trades: frozenset) -> PricingContext:  # type: ignore[type-arg]
        return PricingContext(
            cover=cover,
            coefficient=Decimal(1),
            departement=None,
            tolerance=self.tolerance,
            bareme_version=self.bareme.version,
            hours_per_day=self.bareme.hours_per_day,
            trades=trades,
        )

    def verdict(self, case: Case, price: Decimal, cover: Cover, trades: frozenset) -> Verdict:  # type: ignore[type-arg]
        return self.judged(case, price, cover, trades).verdict

    def judged(self, case: Case, price: Decimal, cover: Cover, trades: frozenset) -> LineEvaluation:  # type: ignore[type-arg]
        quantity = QUANTITIES.get(case.unit, Decimal(1)) if case.unit is not None else Decimal(1)
        unit_price = money(price)
        line = QuoteLine(
            designation=case.wording,
            quantity=quantity,
            unit=case.unit,
            unit_price_ht=unit_price,
            total_ht=money(quantity * unit_price),
        )
        return evaluate_line(0, line, self.matcher, self.context(cover, trades))

    def reference(self, codes: frozenset[str], unit: Unit | None) -> Decimal:
        price = sum((self.bareme.item(code).unit_price_ht for code in codes), Decimal(0))
        first = self.bareme.item(min(codes))
        if first.unit is Unit.H and unit is Unit.DAY:
            price *= self.bareme.hours_per_day
        return price

    def cover_for(self, codes: frozenset[str]) -> Cover:
        items = [self.bareme.item(code) for code in codes]
        return next((c for c in Cover if all(i.payable_under(c) for i in items)), Cover.DEGATS_DES_EAUX)

    def tally(self, cases: list[Case], failures: list[str] | None = None) -> Tally:
        out = Tally(fair_verdicts=Counter())
        for case in cases:
            alternatives = [a for a in case.alternatives if a <= self.known]
            if alternatives:
                self._with_item(case, alternatives[0], out, failures)
            else:
                self._outside(case, out, failures)
        return out

    def _with_item(self, case: Case, codes: frozenset[str], out: Tally, failures: list[str] | None) -> None:
        out.with_item += 1
        cover = self.cover_for(codes)
        own = frozenset(self.bareme.item(code).trade for code in codes)
        fair = self.reference(codes, case.unit)
        judged = self.judged(case, fair, cover, own)
        verdict = judged.verdict
        if verdict is Verdict.OK and BY_PRICE in judged.why:
            out.by_price += 1
            out.by_price_right += judged.bareme_code in codes
        assert out.fair_verdicts is not None
        out.fair_verdicts[verdict.value] += 1
        out.fair_ok += verdict is Verdict.OK
        for inflation in INFLATIONS:
            out.inflated += 1
            own_ok = self.verdict(case, fair * inflation, cover, own) is Verdict.OK
            any_ok = self.verdict(case, fair * inflation, cover, self.every_trade) is Verdict.OK
            out.unsafe_own += own_ok
            out.unsafe_any += any_ok
            if failures is not None and (own_ok or any_ok):
                expected = "+".join(sorted(codes))
                failures.append(f"  UNSAFE x{inflation} ({'own' if own_ok else 'any'}) {expected:9} {case.wording}")

    def _outside(self, case: Case, out: Tally, failures: list[str] | None) -> None:
        out.outside += 1
        ranked = self.matcher.rank(case.wording, case.unit, limit=OUTSIDE_CANDIDATES)
        trades = frozenset(c.item.trade for c in ranked)
        for candidate in ranked:
            price = self.reference(frozenset({candidate.item.code}), case.unit)
            if self.verdict(case, price, Cover.DEGATS_DES_EAUX, trades) is Verdict.OK:
                out.outside_ok += 1
                if failures is not None:
                    failures.append(f"  OUTSIDE accepted at {candidate.item.code} {case.wording}")
                return


def row(name: str, t: Tally) -> str:
    verdicts = ", ".join(f"{k} {v}" for k, v in sorted((t.fair_verdicts or Counter()).items()))
    return (
        f"| {name} | {t.with_item} | {t.fair_ok} ({100 * t.fair_ok / max(t.with_item, 1):.1f} %) "
        f"| {t.unsafe_own} / {t.unsafe_any} of {t.inflated} | {t.outside_ok} of {t.outside} "
        f"| {t.by_price} ({t.by_price_right} at their item) | {verdicts} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", action="store_true", help="one row per set, not only the three last blind sets")
    parser.add_argument("--failures", action="store_true", help="list every unsafe or out-of-barème acceptance")
    parser.add_argument("--only", action="append", help="only these sets (names as printed)")
    args = parser.parse_args()
    bareme = load_bareme()
    judge = Judge(bareme, matcher_for(bareme))
    sets = development_sets()
    if args.only:
        sets = {name: cases for name, cases in sets.items() if name in args.only}
    print(
        "| set | with item | fair accepted | inflated accepted (UNSAFE own / any trade) | out-of-barème accepted "
        "| fair verdicts |"
    )
    print("|---|---|---|---|---|---|")
    total = Tally(fair_verdicts=Counter())
    failures: list[str] | None = [] if args.failures else None
    seen: set[tuple[str, Unit | None, tuple[frozenset[str], ...]]] = set()
    shown = set(sets) if args.sets or args.only else {"wordings18", "wordings19", "wordings20"}
    for name, cases in sets.items():
        fresh = [c for c in cases if (c.wording, c.unit, c.alternatives) not in seen]
        seen.update((c.wording, c.unit, c.alternatives) for c in cases)
        if name in shown:
            print(row(name, judge.tally(cases)))
        total.add(judge.tally(fresh, failures))
    print(row(f"all ({len(sets)} sets, distinct wordings)", total))
    if failures:
        print("\n".join(failures))


if __name__ == "__main__":
    main()
