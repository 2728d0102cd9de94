"""How well the reader reads lines and totals (a script, not a test).

    .venv/bin/python bench/bench_reader_layouts.py [--seeds 1 2 3] [--heldout DIR ...]

In-process ``read_document`` (no judge) on: the corpus; the layouts of
``tests/unit/reading/unseen_layouts.py`` and ``column_layouts.py`` (letter, swapped columns, dot
leaders, carried totals, options and deposits, discounts) for each seed; and any directory written by
``tests/heldout/generate.py`` (``--heldout``). For each set: ground-truth lines found (a read
line with the same total, or the same quantity and unit price), lines with quantity, unit and
unit price exact, lines whose wording kept every word of the truth's (a designation wrapped over
rows or pages), lines whose wording has no word more than the truth's (no remark, heading or
footer glued to it), total TTC exact, documents wrongly flagged ``arithmetic_error``, and lines read
that are none of the truth's ("extra": a recap row, a take-off row).
Prints a markdown table.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit" / "reading"))

from column_layouts import COLUMN_FAMILIES, build_column  # noqa: E402
from party_layouts import PARTY_FAMILIES, build_party  # noqa: E402
from reading_support import image_pdf, scanned  # noqa: E402
from unseen_layouts import DEV_FAMILIES, FAMILIES, ROUND3_FAMILIES, S5_FAMILIES, S5R2_FAMILIES, build  # noqa: E402

from billma_core.models import Flag, Quote  # noqa: E402
from billma_core.money import net_price  # noqa: E402
from billma_core.reading import read_document  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "corpus"


@dataclass
class Tally:
    documents: int = 0
    lines: int = 0
    found: int = 0
    exact: int = 0
    worded: int = 0
    word_exact: int = 0  # … and no word more (no row glued that is not the wording: a remark, a footer)
    ttc: int = 0
    false_arithmetic: int = 0
    sirets: int = 0  # documents whose seller's SIRET is known (the party families)
    siret: int = 0  # … and read exact
    extra: int = 0  # lines read that are none of the truth's (a recap row, a take-off row)
    misses: list[str] = field(default_factory=list)

    def add(
        self,
        name: str,
        truth_lines: list[tuple[Decimal, str | None, Decimal, Decimal, str]],
        ttc: Decimal,
        quote: Quote | None,
        flags: list[Flag],
        arithmetic_expected: bool = False,
    ) -> None:
        self.documents += 1
        self.lines += len(truth_lines)
        read = list(quote.lines) if quote else []
        missed = []
        for quantity, unit, price, total, wording in truth_lines:
            match = next((x for x in read if x.quantity == quantity and x.net_unit_price_ht == price), None)
            match = match or next((x for x in read if x.total_ht == total), None)
            if match is None:
                missed.append(f"{quantity} {unit} × {price} = {total}")
                continue
            read.remove(match)
            self.found += 1
            self.worded += _words(wording) <= _words(match.designation)
            self.word_exact += _words(wording) == _words(match.designation)
            got_unit = match.unit.value if match.unit else None
            # The truth's unit price is the one charged: net of the line's own discount.
            if match.quantity == quantity and match.net_unit_price_ht == price and got_unit == unit:
                self.exact += 1
            else:
                got = f"{match.quantity} {got_unit} × {match.net_unit_price_ht}"
                missed.append(f"{quantity} {unit} × {price} read {got}")
        self.extra += len(read)
        ttc_ok = quote is not None and quote.total_ttc == ttc
        self.ttc += ttc_ok
        wrong_flag = Flag.ARITHMETIC_ERROR in flags and not arithmetic_expected
        self.false_arithmetic += wrong_flag
        if missed or not ttc_ok or wrong_flag:
            got = quote.total_ttc if quote else None
            self.misses.append(
                f"{name}: TTC {got} (attendu {ttc}); flags {[f.value for f in flags]}; " + "; ".join(missed[:4])
            )


def _net(unit_price: Decimal, discount_pct: Decimal) -> Decimal:
    return net_price(unit_price, discount_pct or None)


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"[^\W\d_]{3,}", text.lower())}


def _dec(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01")) if value is not None else Decimal(0)


def _truth_lines(truth: dict[str, Any]) -> list[tuple[Decimal, str | None, Decimal, Decimal, str]]:
    return [
        (
            Decimal(str(x["quantity"])).normalize(),
            x["unit"],
            _dec(x["unit_price_ht"]),
            _dec(x["total_ht"]),
            x["designation"],
        )
        for x in truth["lines"]
    ]


def _norm(quote: Quote | None) -> Quote | None:
    if quote is None:
        return None
    for line in quote.lines:
        line.quantity = line.quantity.normalize()
    return quote


def corpus(tally: Tally) -> None:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["documents"]:
        if entry["kind"] != "devis":
            continue
        truth = json.loads((CORPUS / entry["ground_truth"]).read_text(encoding="utf-8"))
        reading = read_document((CORPUS / entry["file"]).read_bytes())
        expected = truth.get("scenario") == "arithmetic_error"
        tally.add(
            entry["file"], _truth_lines(truth), _dec(truth["total_ttc"]), _norm(reading.quote), reading.flags, expected
        )


def unseen(tally: Tally, family: str, seeds: list[int], scan: bool = False) -> None:
    for seed in seeds:
        quote = build_column(family, seed) if family in COLUMN_FAMILIES else build(family, seed)
        # A scan: the page rendered, slightly rotated and speckled, read by OCR.
        reading = read_document(image_pdf(scanned(quote.pdf, seed=seed)) if scan else quote.pdf)
        lines = [
            (x.quantity.normalize(), x.unit, _net(x.unit_price, x.discount_pct), x.total, x.designation)
            for x in quote.lines
        ]
        tally.add(f"{family}-{seed}", lines, quote.total_ttc, _norm(reading.quote), reading.flags)


def party(tally: Tally, family: str, seeds: list[int]) -> None:
    """The party families: seller's block on the right, discount column, VAT-free net to pay."""
    for seed in seeds:
        document = build_party(family, seed)
        reading = read_document(document.pdf)
        lines = [
            (x.quantity.normalize(), x.unit, _net(x.unit_price, x.discount_pct), x.total, x.designation)
            for x in document.lines
        ]
        tally.add(f"{family}-{seed}", lines, document.total_ttc, _norm(reading.quote), reading.flags)
        tally.sirets += 1
        tally.siret += reading.quote is not None and reading.quote.contractor.siret == document.seller_siret


def heldout(tally: Tally, directory: Path, scans: bool) -> None:
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["documents"]:
        truth = json.loads((directory / entry["ground_truth"]).read_text(encoding="utf-8"))
        if (truth["media"] != "text_pdf") != scans:
            continue
        reading = read_document((directory / entry["file"]).read_bytes())
        expected = truth.get("scenario") == "arithmetic_error"
        tally.add(
            entry["file"], _truth_lines(truth), _dec(truth["total_ttc"]), _norm(reading.quote), reading.flags, expected
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--heldout", type=Path, nargs="*", default=[])
    parser.add_argument(
        "--families",
        nargs="+",
        default=[*FAMILIES, *DEV_FAMILIES, *ROUND3_FAMILIES, *S5_FAMILIES, *S5R2_FAMILIES, *COLUMN_FAMILIES],
        help="layout families to read",
    )
    parser.add_argument("--party-families", nargs="*", default=list(PARTY_FAMILIES), help="party families to read")
    parser.add_argument("--scans", action="store_true", help="also scans (--heldout sets, families)")
    parser.add_argument("--scan-seeds", type=int, nargs="+", default=[41, 42, 43], help="seeds of the families' scans")
    parser.add_argument("--misses", action="store_true", help="list what each set got wrong")
    args = parser.parse_args(argv)
    sets: dict[str, Tally] = {"corpus": Tally()}
    corpus(sets["corpus"])
    for family in args.families:
        sets[family] = Tally()
        unseen(sets[family], family, args.seeds)
    for family in args.party_families:
        sets[family] = Tally()
        party(sets[family], family, args.seeds)
    if args.scans:
        for family in args.families:
            sets[f"{family} scans"] = Tally()
            unseen(sets[f"{family} scans"], family, args.scan_seeds, scan=True)
    for directory in args.heldout:
        sets[f"{directory.name} text"] = Tally()
        heldout(sets[f"{directory.name} text"], directory, scans=False)
        if args.scans:
            sets[f"{directory.name} scans"] = Tally()
            heldout(sets[f"{directory.name} scans"], directory, scans=True)
    print(
        "| set | docs | lines | found | qty+unit+PU exact | wording whole | wording exact | TTC exact "
        "| false arithmetic_error "
        "| extra lines | seller SIRET |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, t in sets.items():
        lines = max(t.lines, 1)
        print(
            f"| {name} | {t.documents} | {t.lines} | {100 * t.found / lines:.1f} % | {100 * t.exact / lines:.1f} % "
            f"| {100 * t.worded / lines:.1f} % | {100 * t.word_exact / lines:.1f} % "
            f"| {t.ttc}/{t.documents} | {t.false_arithmetic} | {t.extra} "
            f"| {f'{t.siret}/{t.sirets}' if t.sirets else '–'} |"
        )
    if args.misses:
        for name, t in sets.items():
            for miss in t.misses:
                print(f"- [{name}] {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
