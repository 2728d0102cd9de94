"""How the judge alone names the work when the barème's own wordings are rewritten by French
grammar (a script, not a test): per axis of ``tests/wording_grammar.py``, recall, precision and
dangerous pricings.

    .venv/bin/python bench/bench_wording_grammar.py [--seeds 200] [--first 1] [--failures] [--fresh]
        [--axis participle ...]

Each (axis, seed) draws one barème wording and rewrites it ("Remplacement du plafonnier" ->
"Plafonnier remplacé"); the line is priced as ``bench_matcher.priced_as`` does (the judge reading a
line alone). Right: priced as its source item (or the two items of a coordination). Dangerous:
wrong and accepted under a dearer reference than the right one. ``kept``: of the cases whose
source wording alone is right, how many stay right once rewritten (the structure's own cost).
Development seeds from 1; ``--fresh`` scores the range kept apart (figures only).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_matcher import priced_as  # noqa: E402

from billma_core.bareme import load_bareme  # noqa: E402
from billma_core.evaluation.matching import matcher_for  # noqa: E402
from billma_core.models import Unit  # noqa: E402
from tests.wording_grammar import AXES, Grammar  # noqa: E402

FRESH_FIRST = 100_001  # development ranges stay below
# The labelled development wordings: the public sets (tests/heldout/wordings*, all seen) and
# tests/unit/evaluation's.
SETS = [
    *sorted((ROOT / "tests" / "heldout").glob("wordings*/*.tsv")),
    *(
        ROOT / "tests" / "unit" / "evaluation" / name
        for name in ("wordings.tsv", "wordings_fresh.tsv", "wordings_derived.tsv")
    ),
]


def development_wordings() -> tuple[tuple[str, str], ...]:
    """(item, wording) of every development wording priced as one item."""
    out = []
    for path in SETS:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
        header = lines[0].split("\t") if lines and "wording" in lines[0].split("\t") else None
        if header is not None and "expected" not in header:
            continue
        for raw in lines[1:] if header else lines:
            cells = raw.split("\t")
            row = dict(zip(header, cells, strict=False)) if header else {"wording": cells[0], "expected": cells[2]}
            code = row.get("expected", "")
            if code and all(ch not in code for ch in "+|") and code != "UNMATCHED":
                out.append((code, row["wording"]))
    return tuple(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=200)
    parser.add_argument("--first", type=int, default=1)
    parser.add_argument("--fresh", action="store_true", help="the range kept apart: figures only")
    parser.add_argument("--failures", action="store_true", help="list the wrong and missed wordings")
    parser.add_argument("--axis", action="append", choices=AXES, help="only these axes")
    parser.add_argument(
        "--sets", action="store_true", help="also rewrite the labelled wordings of the development sets (one item)"
    )
    args = parser.parse_args()
    if args.fresh:
        args.first, args.failures = FRESH_FIRST, False
    bareme = load_bareme()
    matcher = matcher_for(bareme)
    grammar = Grammar(bareme, development_wordings() if args.sets else ())
    prices = {item.code: float(item.unit_price_ht) for item in bareme.items}
    print(f"seeds {args.first}..{args.first + args.seeds - 1}")
    print("| axis | cases | recall | precision | dangerous | cheaper | missed | kept |")
    print("|---|---|---|---|---|---|---|---|")
    totals = [0, 0, 0, 0, 0, 0, 0, 0]
    failures: list[str] = []
    for axis in args.axis or AXES:
        right = priced = dangerous = cheaper = missed = source_right = kept = 0
        for seed in range(args.first, args.first + args.seeds):
            case = grammar.case(axis, seed)
            unit = Unit(case.unit)
            got, accepted, _ = priced_as(matcher, case.wording, unit)
            correct = got == case.expected
            alone = all(priced_as(matcher, text, unit)[0] == frozenset({code}) for text, code in case.sources)
            source_right += alone
            kept += alone and correct
            right += correct
            priced += bool(got)
            if not got:
                missed += 1
            elif not correct:
                if accepted > sum(prices[code] for code in case.expected):
                    dangerous += 1
                else:
                    cheaper += 1
            if not correct and args.failures:
                tag = "DANGEROUS" if got and accepted > sum(prices[c] for c in case.expected) else ""
                tag += "" if alone else " (source wrong too)"
                sources = " + ".join(text for text, _ in case.sources)
                failures.append(
                    f"  {axis:14} {seed:5} {'+'.join(sorted(got)) or 'UNMATCHED':15} expected "
                    f"{'+'.join(sorted(case.expected)):15} {case.unit:7} {case.wording}  [{sources}] {tag}"
                )
        n = args.seeds
        print(
            f"| {axis} | {n} | {100 * right / n:.1f} % | {100 * right / max(priced, 1):.1f} % | {dangerous} | "
            f"{cheaper} | {missed} | {kept}/{source_right} |"
        )
        for k, value in enumerate((n, right, priced, dangerous, cheaper, missed, kept, source_right)):
            totals[k] += value
    n, right, priced, dangerous, cheaper, missed, kept, source_right = totals
    print(
        f"| all | {n} | {100 * right / n:.1f} % | {100 * right / max(priced, 1):.1f} % | {dangerous} | {cheaper} | "
        f"{missed} | {kept}/{source_right} |"
    )
    if failures:
        print("\n".join(failures))


if __name__ == "__main__":
    main()
