"""How often a reading confirmed by the line's price alone is right, by its evidence (a script, not
a test; issue 12, session 19, j42).

    .venv/bin/python bench/bench_price_support.py
    PYTHONPATH=<base tree>/layers/billma_core .venv/bin/python bench/bench_price_support.py

Every labelled development wording of ``bench_price_evidence.py`` is judged alone. The lines the
judge accepts by their price alone (``verdicts._by_its_price``, « le prix du devis soutient la
lecture ») are collected with their evidence (the readings ``Matcher.match_in`` supports):

- *fair*: a wording with a barème item priced at its reference, the quote's trades its item's own
  (as ``bench_price_evidence``), and again with its five best candidates' trades (as the
  out-of-barème ones: the same worst case); right when the reading is its item;
- *out-of-barème*: a wording with no item priced at each of its five best candidates' references,
  their trades on the quote (counted once per wording);
- *inflated*: a fair price × 1.4 and × 2, own trade or every trade (UNSAFE).

It prints the fraction right by evidence class, then each rule's trade-off (a rule keeps an
acceptance or turns it back to UNMATCHED) on the part the rules were fitted on and on the part held
out (``tests/heldout/wordings16``–``21``). Run on a tree before j42 (session 18's rule accepts every
class) to see what each rule would keep; on j42's tree the classes it refuses are empty.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_price_evidence import BY_PRICE, INFLATIONS, OUTSIDE_CANDIDATES, Case, Judge, development_sets  # noqa: E402

from billma_core.bareme import load_bareme  # noqa: E402
from billma_core.bareme.schema import Trade  # noqa: E402
from billma_core.evaluation.matching import Candidate, matcher_for  # noqa: E402
from billma_core.models import Cover, Unit, Verdict  # noqa: E402

LUMP = {Unit.FORFAIT, Unit.ENS}
HELD_OUT = re.compile(r"^wordings(1[6-9]|2[01])(/|$)")


@dataclass(frozen=True)
class Accepted:
    """One acceptance by price alone and its evidence."""

    kind: str  # fair, fair_candidates, outside, unsafe_own, unsafe_any
    held_out: bool
    right: bool
    # The wording and its unit as labelled (an out-of-barème wording is counted once by it).
    key: str
    # The unit the line is matched in (none read, one of it: a lump sum).
    unit: Unit
    chosen: Candidate
    supported: tuple[Candidate, ...]

    @property
    def in_its_unit(self) -> bool:
        pair = {self.unit, self.chosen.item.unit}
        return len(pair) == 1 or pair <= LUMP or pair == {Unit.H, Unit.DAY}

    @property
    def naming_trades(self) -> int:
        return len({c.item.trade for c in self.supported if c.named_at is not None})


# The rules of the trade-off table: each keeps an acceptance or refuses it.
RULES: dict[str, Callable[[Accepted], bool]] = {
    "every acceptance of the tree run (session 18 on its base)": lambda a: True,
    "in the item's unit": lambda a: a.in_its_unit,
    "unit + every reading of one trade": lambda a: a.in_its_unit and len({c.item.trade for c in a.supported}) == 1,
    "**unit + naming readings of one trade (kept)**": lambda a: a.in_its_unit and a.naming_trades == 1,
    "unit + one naming trade + score ≥ 0.4": lambda a: a.in_its_unit and a.naming_trades == 1 and a.chosen.score >= 0.4,
    "unit + one naming trade + one naming reading": lambda a: (
        a.in_its_unit and a.naming_trades == 1 and sum(c.named_at is not None for c in a.supported) == 1
    ),
    "none (no acceptance by price)": lambda a: False,
}


class Collector:
    def __init__(self) -> None:
        bareme = load_bareme()
        self.matcher = matcher_for(bareme)
        self.judge = Judge(bareme, self.matcher)
        self.accepted: list[Accepted] = []
        # Out-of-barème wordings accepted without the price (the matcher's own reading), by part.
        self.outside_plain: set[tuple[str, bool]] = set()
        self.outside_seen: set[tuple[str, bool]] = set()

    def _by_price(
        self,
        kind: str,
        held_out: bool,
        case: Case,
        price: Decimal,
        cover: Cover,
        trades: frozenset[Trade],
        right: set[str],
    ) -> bool | None:
        """True when the line is accepted by its price (recorded), False when accepted otherwise,
        None when not accepted."""
        judged = self.judge.judged(case, price, cover, trades)
        if judged.verdict is not Verdict.OK:
            return None
        if BY_PRICE not in judged.why:
            return False
        unit = case.unit if case.unit is not None else Unit.FORFAIT
        supported = self.matcher.match_in(case.wording, unit, trades).supported
        chosen = next(c for c in supported if c.item.code == judged.bareme_code)
        ok = chosen.item.code in right
        self.accepted.append(Accepted(kind, held_out, ok, f"{case.wording}|{case.unit}", unit, chosen, supported))
        return True

    def collect(self) -> None:
        seen: set[tuple[str, Unit | None, tuple[frozenset[str], ...]]] = set()
        for name, cases in development_sets().items():
            held_out = bool(HELD_OUT.match(name))
            for case in cases:
                key = (case.wording, case.unit, case.alternatives)
                if key in seen:
                    continue
                seen.add(key)
                known = [a for a in case.alternatives if a <= self.judge.known]
                if known:
                    self._with_item(case, known[0], held_out)
                else:
                    self._outside(case, held_out)

    def _with_item(self, case: Case, codes: frozenset[str], held_out: bool) -> None:
        cover = self.judge.cover_for(codes)
        own = frozenset(self.judge.bareme.item(code).trade for code in codes)
        fair = self.judge.reference(codes, case.unit)
        ranked = self.matcher.rank(case.wording, case.unit, limit=OUTSIDE_CANDIDATES)
        self._by_price("fair", held_out, case, fair, cover, own, set(codes))
        wide = own | frozenset(c.item.trade for c in ranked)
        self._by_price("fair_candidates", held_out, case, fair, cover, wide, set(codes))
        for inflation in INFLATIONS:
            self._by_price("unsafe_own", held_out, case, fair * inflation, cover, own, set())
            self._by_price("unsafe_any", held_out, case, fair * inflation, cover, self.judge.every_trade, set())

    def _outside(self, case: Case, held_out: bool) -> None:
        ranked = self.matcher.rank(case.wording, case.unit, limit=OUTSIDE_CANDIDATES)
        trades = frozenset(c.item.trade for c in ranked)
        key = (f"{case.wording}|{case.unit}", held_out)
        self.outside_seen.add(key)
        for candidate in ranked:
            price = self.judge.reference(frozenset({candidate.item.code}), case.unit)
            if self._by_price("outside", held_out, case, price, Cover.DEGATS_DES_EAUX, trades, set()) is False:
                self.outside_plain.add(key)


def evidence_class(a: Accepted) -> str:
    if not a.in_its_unit:
        return "not in the item's unit"
    if a.naming_trades > 1:
        return "naming readings of several trades"
    return "in its unit, naming readings of one trade"


def main() -> None:
    collector = Collector()
    collector.collect()
    accepted = collector.accepted
    print("## Fraction right by evidence class (every set; out-of-barème counted once per wording)\n")
    print("| evidence | fair right (own trade) | fair right (candidates' trades) | out-of-barème | right |")
    print("|---|---:|---:|---:|---:|")
    for name in sorted({evidence_class(a) for a in accepted}):
        of = [a for a in accepted if evidence_class(a) == name]
        fair = sum(a.right for a in of if a.kind == "fair")
        wide = sum(a.right for a in of if a.kind == "fair_candidates")
        out = len({a.key for a in of if a.kind == "outside"})
        right = f"{fair / max(fair + out, 1):.2f} / {wide / max(wide + out, 1):.2f}"
        print(f"| {name} | {fair} | {wide} | {out} | {right} |")
    print("\n## Rules (fair and unsafe: acceptances by price; out-of-barème: wordings accepted in all)\n")
    print("| rule | part | fair by price (own / candidates' trades) | out-of-barème accepted | UNSAFE own / any |")
    print("|---|---|---:|---:|---:|")
    for name, rule in RULES.items():
        for part, held in (("fitted", False), ("held out", True)):
            kept = [a for a in accepted if a.held_out is held and rule(a)]
            counts = Counter(a.kind for a in kept if a.kind.startswith("unsafe") or a.kind == "outside" or a.right)
            outside = {(a.key, held) for a in kept if a.kind == "outside"}
            plain = {k for k in collector.outside_plain if k[1] is held}
            total = len({k for k in collector.outside_seen if k[1] is held})
            print(
                f"| {name} | {part} | {counts['fair']} / {counts['fair_candidates']} "
                f"| {len(outside | plain)} of {total} | {counts['unsafe_own']} / {counts['unsafe_any']} |"
            )


if __name__ == "__main__":
    main()
