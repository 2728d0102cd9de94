"""How the reader generalises over layouts drawn by the fuzzer (a script, not a test).

    .venv/bin/python bench/bench_reader_fuzz.py [--seeds 300] [--first 1] [--misses] [--words]
        [--roles] [--marks] [--noise]

For each seed, ``tests/unit/reading/layout_fuzzer.py`` draws a quote's conventions independently
(columns and their order, header words, number format, units, wrapped designations, sections
and subtotals, page breaks with carried totals, discounts, VAT rates, where the seller stands,
type size), prints it with fpdf2 and reads it in-process with ``read_document``. Prints the
share of documents read without a fault, of lines found and exact, of totals, SIRETs and
numbers exact, then, per convention value, the share of documents with a fault (the classes a
failure belongs to), and with ``--misses`` every fault by seed. ``--roles``: the tables of
``role_layouts.py`` instead (a random subset and order of the figure columns a line may print).
``--marks``: only the seeds that print a mark after a line's figures or before its wording.
``--noise``: the quotes of ``noise_layouts.py`` instead (what a row prints around and between a
line's figures: words, signs, labels, codes, dates, the amount on the next row).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit" / "reading"))

from layout_fuzzer import FuzzQuote, build_fuzz, draw, misreadings  # noqa: E402
from noise_layouts import NoiseQuote, build_noise  # noqa: E402
from noise_layouts import misreadings as noise_misreadings  # noqa: E402
from role_layouts import RoleQuote, build_roles  # noqa: E402
from role_layouts import misreadings as role_misreadings  # noqa: E402

from billma_core.reading import read_document  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seeds", type=int, default=300, help="how many seeds")
    parser.add_argument("--first", type=int, default=1, help="the first seed")
    parser.add_argument("--misses", action="store_true", help="list every fault by seed")
    parser.add_argument("--words", action="store_true", help="also each line's wording and section")
    parser.add_argument("--roles", action="store_true", help="tables of random figure columns (role_layouts.py)")
    parser.add_argument("--marks", action="store_true", help="only seeds printing marks around a line's figures")
    parser.add_argument("--noise", action="store_true", help="print around a line's figures (noise_layouts.py)")
    args = parser.parse_args(argv)
    documents = lines = lost = misread = 0
    faults: Counter[str] = Counter()
    by_value: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])  # (convention, value) → [docs, faulty]
    misses: list[str] = []
    for seed in range(args.first, args.first + args.seeds):
        if args.roles:
            fuzz: FuzzQuote | RoleQuote | NoiseQuote = build_roles(seed)
            wrong = role_misreadings(fuzz, read_document(fuzz.pdf))
        elif args.noise:
            fuzz = build_noise(seed)
            wrong = noise_misreadings(fuzz, read_document(fuzz.pdf))
        else:
            drawn = draw(seed)
            if args.marks and not (drawn.trailing_mark or drawn.leading_mark):
                continue
            fuzz = build_fuzz(seed)
            wrong = misreadings(fuzz, read_document(fuzz.pdf), words=args.words)
        documents += 1
        lines += len(fuzz.quote.lines)
        lost += sum(w.startswith("line lost") for w in wrong)
        misread += sum(w.startswith("line misread") for w in wrong)
        for kind in {w.split(":")[0] for w in wrong}:
            faults[kind] += 1
        names = fuzz.names() if isinstance(fuzz, RoleQuote | NoiseQuote) else fuzz.conventions.names()
        for name, value in names.items():
            tally = by_value[(name, value)]
            tally[0] += 1
            tally[1] += bool(wrong)
        if wrong:
            misses.append(f"- seed {seed}: " + "; ".join(wrong[:5]))
    clean = documents - len(misses)
    print(f"documents {documents}, read without a fault {clean} ({100 * clean / documents:.1f} %)")
    print(
        f"lines {lines}: found {100 * (lines - lost) / lines:.1f} %, "
        f"qty+unit+unit price exact {100 * (lines - lost - misread) / lines:.1f} %"
    )
    print("\n| fault | documents |\n|---|---:|")
    for kind, count in faults.most_common():
        print(f"| {kind} | {count} |")
    print("\n| convention | value | documents | with a fault |\n|---|---|---:|---:|")
    for (name, value), (count, faulty) in sorted(by_value.items()):
        if name != "columns":
            print(f"| {name} | {value} | {count} | {faulty} ({100 * faulty / count:.0f} %) |")
    if args.misses:
        print()
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
