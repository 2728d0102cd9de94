"""How the reader generalises over layouts drawn by the fuzzer (a script, not a test).

    .venv/bin/python bench/bench_reader_fuzz.py [--seeds 300] [--first 1] [--misses] [--words]
        [--roles] [--marks] [--cents] [--split] [--free] [--unordered] [--uncounted] [--recap-cut] [--groups] [--noise]
        [--foot [--extras] [--breakdown] [--payments]] [--codes] [--wrong-total]
        [--composed] [--closing] [--trade] [--prose] [--parties] [--panes] [--wording [--code-column]] [--apart]
        [--fresh] [--scans] [--low-resolution] [--slips [--no-slip]]

For each seed, ``tests/unit/reading/layout_fuzzer.py`` draws a quote's conventions independently
(columns and their order, header words, number format, units, wrapped designations, sections
and subtotals, page breaks with carried totals, discounts, VAT rates, where the seller stands,
type size), prints it with fpdf2 and reads it in-process with ``read_document``. Prints the
share of documents read without a fault, of lines found and exact, of totals, SIRETs and
numbers exact, then, per convention value, the share of documents with a fault (the classes a
failure belongs to), and with ``--misses`` every fault by seed. ``--roles``: the tables of
``role_layouts.py`` instead (a random subset and order of the figure columns a line may print).
``--codes``: only the seeds printing units as an invoicing program prints (UN/ECE codes,
quantities to three decimals; with ``--roles``, prices to four too). ``--marks``: only the seeds that
print a mark after a line's figures or before its wording.
``--cents``: only the seeds whose money columns print euros and cents in two cells ("1242   17").
``--split``: only the seeds whose grid splits the unit price into a supply and a labour column
("PU fourniture | Main d'œuvre", the amount the quantity times their sum). ``--free``: only the
seeds printing lines charged nothing among the others ("Offert", "Inclus", "P.M." in the amount).
``--unordered``: only the seeds printing a price list's rows not ordered among the lines (a unit
price, no quantity nor amount), the ordered lines ticked ("X", "✓") or not. ``--uncounted``: only
the seeds printing rows like lines that the total does not count (options or variants priced in
full, lines of a previous quote recalled, subtotals without a label). ``--recap-cut``: only the
seeds printing a recap by lot cut by a page break after its first rows, its first lot of one line.
``--groups``: only the seeds printing a detail row under each wording that names its group and
how it is priced (« Salon · au m² »), or a group's heading too short to read as a line (« WC »).
``--scans``: the scan fuzzer: each document scanned or photographed and degraded at random
(``tests/heldout/scan.py::fuzzed``: rotation, perspective, light, shadow, crumple, blur, JPEG),
read by RapidOCR through ``ocr_cache.py`` (``--ocr-cache``: a second run replays the engine).
Development seeds from 1; a fresh range is kept unseen (e.g. ``--first 5001``) until the end.
``--low-resolution``: with ``--scans``, only the seeds scanned at 100 dpi (a fax or a grey scan:
the scans whose figures lose their commas and whose rows the engine cuts or merges).
``--slips``: each document's text layer read as an OCR page would be (its words and boxes laid
out by ``words_to_layout``, the reader told the page is OCR'd) with OCR's one-letter slips drawn at
random from a stream of their own (``tests/heldout/scan.py::ocr_slipped``: a unit's exponent lost or
its letter read as a figure, a totals label one letter off, a figure of an amount read as a letter):
what the reader makes of the slips alone, in seconds, with no engine (``--no-slip``: the same
path with none drawn, what it costs alone). With ``--scans``: the engine's words slipped so
before they are laid out (the scan's own misreadings and these).
``--foot``: the quotes of ``foot_layouts.py`` instead (a random foot block: the totals' labels,
order and place, deposits, discounts, VAT per rate or none, lines HT or TTC); with ``--extras``, the
foot kinds of public models drawn from a stream of their own (an aid taken off the TTC and the
rest to pay, a deposit asked after the TTC, an eco-contribution, a rounding to the euro, the TTC
in words: ``foot_layouts.py``, its sources there); with ``--payments``, payment shares under the
lines or after the totals and a promotional column with its own figures beside them (a fifth
stream: the class of frozen set 18's ``flyer``); with ``--breakdown``, lines at several VAT rates
and their VAT per rate in a layout of invoicing programs, from a fourth stream (a table of rate
codes beside or above the totals, a label per rate, the rate and its base in the label, a column
per rate). ``--fresh``: the
seeds from ``FRESH_FIRST`` on, a range kept apart from development (its figures only, no misses:
measured once at the start of a change and once at its end, never looked into).
``--wrong-total``: the quotes of ``wrong_total_layouts.py`` instead (a printed total TTC that HT + VAT
does not make, stated once, twice or in several places: the reading must keep it and flag the error).
``--noise``: the quotes of ``noise_layouts.py`` instead (what a row prints around and between a
line's figures: words, signs, labels, codes, dates, the amount on the next row).
``--composed``: the quotes of ``composed_layouts.py`` instead (several axes drawn at once, from the
drawers above: column roles and take-off × number format × euros | cents × codes, dates, glued
units × marks × foot block).
``--closing``: the quotes of ``closing_layouts.py`` instead (figures that close quantity × price =
amount by chance: a discount or VAT rate closing as the quantity, room headings carrying their
take-off, wordings ending in a size or a count).
``--parties``: the quotes of ``parties_fuzzer.py`` instead (a seller's letterhead and a company
customer's block, each printing SIRET, SIREN, VAT number and name at random places; the seller's
SIRET valid or not: « unsafe » counts an invalid one read as valid).
``--trade``: the quotes of ``trade_layouts.py`` instead (line tables of public trade-software
models: works priced with their priced sub-detail, three-level numbered chapters with subtotals,
a column of labour time per unit).
``--prose``: the quotes of ``prose_layouts.py`` instead (priced lines written as sentences, their
figures in any order the sentence allows, wrapped at a random width, with stray rows between or
after their parts: a message's time, a day, a name, a page mark; e-mails, letters, notes, messages).
``--panes``: the quotes of ``pane_layouts.py`` instead (a pane of labels and values beside the lines'
pane, parted by a gutter; each line's wording on its own row(s) above, under or level with its
figures, a note row under them or between; the wording checked too).
``--wording``: the quotes of ``wording_layouts.py`` instead (public wordings wrapped over one to
three rows, the figures level with the first, the last or under them, a trade column before them,
phase, lot or room headings, notes under lines: each line's wording checked whole and alone);
with ``--code-column``, that first column prints a code each row (a zone, initials, a reference).
``--apart``: the quotes of ``apart_layouts.py`` instead (priced rows the total HT leaves out, set apart
by the layout alone: rows after the totals, a run under a heading of its own ending the lines, a
payment schedule under the lines or after the totals; each left out and told to the reviewer).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit" / "reading"))
sys.path.insert(0, str(ROOT / "bench"))

import ocr_cache  # noqa: E402
from apart_layouts import ApartQuote, build_apart  # noqa: E402
from apart_layouts import misreadings as apart_misreadings  # noqa: E402
from closing_layouts import ClosingQuote, build_closing  # noqa: E402
from closing_layouts import misreadings as closing_misreadings  # noqa: E402
from composed_layouts import ComposedQuote, build_composed  # noqa: E402
from composed_layouts import misreadings as composed_misreadings  # noqa: E402
from foot_layouts import FootQuote, build_foot  # noqa: E402
from foot_layouts import misreadings as foot_misreadings  # noqa: E402
from layout_fuzzer import FuzzQuote, build_fuzz, draw, misreadings  # noqa: E402
from noise_layouts import NoiseQuote, build_noise  # noqa: E402
from noise_layouts import misreadings as noise_misreadings  # noqa: E402
from pane_layouts import PaneQuote, build_panes  # noqa: E402
from pane_layouts import misreadings as pane_misreadings  # noqa: E402
from parties_fuzzer import PartyQuote, build_parties  # noqa: E402
from parties_fuzzer import misreadings as party_misreadings  # noqa: E402
from prose_layouts import ProseQuote, build_prose  # noqa: E402
from prose_layouts import misreadings as prose_misreadings  # noqa: E402
from role_layouts import RoleQuote, build_roles  # noqa: E402
from role_layouts import misreadings as role_misreadings  # noqa: E402
from trade_layouts import TradeQuote, build_trade  # noqa: E402
from trade_layouts import misreadings as trade_misreadings  # noqa: E402
from wording_layouts import WordingQuote, build_wording  # noqa: E402
from wording_layouts import misreadings as wording_misreadings  # noqa: E402
from wrong_total_layouts import WrongTotalQuote, build_wrong_total  # noqa: E402
from wrong_total_layouts import misreadings as wrong_total_misreadings  # noqa: E402

from billma_core.models import DocumentReading, Flag  # noqa: E402
from billma_core.reading import read_document  # noqa: E402
from billma_core.reading.ocr.base import OcrWord, words_to_layout  # noqa: E402
from billma_core.reading.parse import parse_quote  # noqa: E402
from billma_core.reading.pdf import page_words  # noqa: E402
from tests.heldout.scan import fuzzed, ocr_slipped  # noqa: E402

FRESH_FIRST = 100_001  # development ranges stay below


def read_slipped(pdf: bytes, seed: int, slips: bool = True) -> tuple[DocumentReading, list[str]]:
    """``pdf``'s text layer read as OCR pages with one-letter slips (``--slips``; none drawn
    without ``slips``: what the OCR path alone costs), and the kinds of slip made."""
    rng = random.Random(f"{seed} ocr slips")
    names: set[str] = set()
    pages = [
        words_to_layout([OcrWord(ocr_slipped(w.text, rng, names) if slips else w.text, *w[1:5]) for w in words])
        for words in page_words(pdf, None)
    ]
    quote = parse_quote(pages, ocr=True).quote
    reading = DocumentReading(sha256=str(seed), size=len(pdf), quote=quote, flags=[Flag.OCR])
    return reading, sorted(names) or ["no slip"]


def slip_the_engine() -> dict[str, Any]:
    """With ``--scans --slips``: the engine's words slipped before they are laid out, from the
    stream the returned dict holds (set per seed: ``rng``, and ``names`` the kinds made)."""
    from billma_core.reading.ocr import rapid

    stream: dict[str, Any] = {"rng": random.Random(0), "names": set()}
    laid_out = words_to_layout

    def slipped(words: Sequence[OcrWord]) -> str:
        return laid_out([w._replace(text=ocr_slipped(w.text, stream["rng"], stream["names"])) for w in words])

    setattr(rapid, "words_to_layout", slipped)  # noqa: B010 (the engine's module looks the name up at each page)
    return stream


def _drawn(
    build: Callable[[int], Any], misreadings: Callable[[Any, Any], list[str]]
) -> Callable[[int], tuple[Any, list[str]]]:
    """A drawer's seed → (its quote, the faults of its reading)."""

    def drawn(seed: int) -> tuple[Any, list[str]]:
        fuzz = build(seed)
        return fuzz, misreadings(fuzz, read_document(fuzz.pdf))

    return drawn


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seeds", type=int, default=300, help="how many seeds")
    parser.add_argument("--first", type=int, default=1, help="the first seed")
    parser.add_argument("--misses", action="store_true", help="list every fault by seed")
    parser.add_argument("--words", action="store_true", help="also each line's wording and section")
    parser.add_argument("--roles", action="store_true", help="tables of random figure columns (role_layouts.py)")
    parser.add_argument("--codes", action="store_true", help="only seeds printing units as UN/ECE codes")
    parser.add_argument("--marks", action="store_true", help="only seeds printing marks around a line's figures")
    parser.add_argument("--cents", action="store_true", help="only seeds printing amounts as euros | cents")
    parser.add_argument("--split", action="store_true", help="only seeds splitting the unit price (supply | labour)")
    parser.add_argument("--free", action="store_true", help="only seeds printing lines charged nothing")
    parser.add_argument("--unordered", action="store_true", help="only seeds printing a price list's unordered rows")
    parser.add_argument("--uncounted", action="store_true", help="only seeds printing rows the total does not count")
    parser.add_argument("--recap-cut", action="store_true", help="only seeds cutting a recap by lot by a page")
    parser.add_argument("--groups", action="store_true", help="only seeds printing group detail rows, short headings")
    parser.add_argument("--scans", action="store_true", help="each document scanned or photographed, read by OCR")
    parser.add_argument("--low-resolution", action="store_true", help="with --scans: only the 100 dpi scans and faxes")
    parser.add_argument(
        "--ocr-cache", type=Path, default=Path("/tmp/billma-ocr-cache"), help="with --scans: RapidOCR's answers kept"
    )
    parser.add_argument("--slips", action="store_true", help="text layers read as OCR pages with one-letter slips")
    parser.add_argument("--no-slip", action="store_true", help="with --slips: the OCR path alone, no slip drawn")
    parser.add_argument("--foot", action="store_true", help="quotes of random foot blocks (foot_layouts.py)")
    parser.add_argument("--extras", action="store_true", help="with --foot: the foot kinds of public models")
    parser.add_argument("--breakdown", action="store_true", help="with --foot: several VAT rates, a breakdown per rate")
    parser.add_argument(
        "--payments", action="store_true", help="with --foot: payment shares and a promotional column near the foot"
    )
    parser.add_argument("--wrong-total", action="store_true", help="a wrong TTC printed (wrong_total_layouts.py)")
    parser.add_argument("--fresh", action="store_true", help="the range kept apart: figures only")
    parser.add_argument("--noise", action="store_true", help="print around a line's figures (noise_layouts.py)")
    parser.add_argument("--composed", action="store_true", help="several axes at once (composed_layouts.py)")
    parser.add_argument("--closing", action="store_true", help="figures closing by chance (closing_layouts.py)")
    parser.add_argument("--trade", action="store_true", help="trade-software line tables (trade_layouts.py)")
    parser.add_argument("--prose", action="store_true", help="lines written as wrapped prose (prose_layouts.py)")
    parser.add_argument("--parties", action="store_true", help="two parties' identifiers (parties_fuzzer.py)")
    parser.add_argument("--panes", action="store_true", help="a side pane, wordings on own rows (pane_layouts.py)")
    parser.add_argument("--wording", action="store_true", help="wrapped public wordings (wording_layouts.py)")
    parser.add_argument(
        "--code-column", action="store_true", help="with --wording: a code column (zone, initials, reference) first"
    )
    parser.add_argument("--apart", action="store_true", help="rows the total leaves out, set apart (apart_layouts.py)")
    args = parser.parse_args(argv)
    if args.scans:
        os.environ["BILLMA_OCR_ENGINE"] = "rapidocr"
        ocr_cache.install(args.ocr_cache)
    stream = slip_the_engine() if args.scans and args.slips else None
    if args.fresh:
        args.first, args.misses = FRESH_FIRST, False
    totals_exact = ttc_exact = arithmetic_clean = 0
    documents = lines = lost = misread = 0
    faults: Counter[str] = Counter()
    by_value: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])  # (convention, value) → [docs, faulty]
    misses: list[str] = []
    # The drawers read alike: build the seed's quote, read it, list its faults.
    drawers = {
        "panes": (build_panes, pane_misreadings),
        "parties": (build_parties, party_misreadings),
        "wrong_total": (build_wrong_total, wrong_total_misreadings),
        "composed": (build_composed, composed_misreadings),
        "closing": (build_closing, closing_misreadings),
        "prose": (build_prose, prose_misreadings),
        "trade": (build_trade, trade_misreadings),
        "wording": (lambda seed: build_wording(seed, args.code_column), wording_misreadings),
        "apart": (build_apart, apart_misreadings),
    }
    drawer = next((_drawn(*drawers[name]) for name in drawers if getattr(args, name)), None)
    for seed in range(args.first, args.first + args.seeds):
        if args.foot:
            fuzz: (
                FuzzQuote
                | RoleQuote
                | FootQuote
                | NoiseQuote
                | ComposedQuote
                | ClosingQuote
                | TradeQuote
                | WrongTotalQuote
                | ProseQuote
                | PartyQuote
                | PaneQuote
                | WordingQuote
                | ApartQuote
            )
            fuzz = build_foot(seed, args.extras, args.breakdown, args.payments)
            wrong = foot_misreadings(fuzz, read_document(fuzz.pdf))
        elif drawer is not None:
            fuzz, wrong = drawer(seed)
        elif args.roles:
            fuzz = build_roles(seed)
            if args.codes and fuzz.program is None:
                continue
            wrong = role_misreadings(fuzz, read_document(fuzz.pdf))
        elif args.noise:
            fuzz = build_noise(seed)
            wrong = noise_misreadings(fuzz, read_document(fuzz.pdf))
        else:
            drawn = draw(seed)
            if args.marks and not (drawn.trailing_mark or drawn.leading_mark):
                continue
            if args.cents and not drawn.style.cents_cell:
                continue
            if (args.split and not drawn.split_price) or (args.free and not drawn.free_word):
                continue
            if (args.unordered and not drawn.unordered) or (args.uncounted and not drawn.uncounted):
                continue
            if (args.recap_cut and not drawn.recap_cut) or (args.codes and not drawn.unit_codes):
                continue
            if args.groups and not (drawn.group_detail or drawn.short_heading):
                continue
            fuzz = build_fuzz(seed)
            data, degradations = fuzzed(fuzz.pdf, random.Random(seed)) if args.scans else (fuzz.pdf, [])
            if args.low_resolution and "100 dpi" not in degradations:
                continue
            if stream is not None:
                stream.update(rng=random.Random(f"{seed} ocr slips"), names=set())
                reading = read_document(data)
                degradations += sorted(stream["names"])
            elif args.slips:
                reading, degradations = read_slipped(fuzz.pdf, seed, not args.no_slip)
            else:
                reading = read_document(data)
            wrong = misreadings(fuzz, reading, words=args.words)
            for name in degradations:
                tally = by_value[("degradation", name)]
                tally[0] += 1
                tally[1] += bool(wrong)
        documents += 1
        totals_exact += not any(w.startswith(("total HT", "total TTC", "no quote")) for w in wrong)
        ttc_exact += not any(w.startswith(("total TTC", "no quote")) for w in wrong)
        arithmetic_clean += not any(w.startswith(("false arithmetic_error", "no quote")) for w in wrong)
        lines += len(fuzz.quote.lines)
        lost += sum(w.startswith("line lost") for w in wrong)
        misread += sum(w.startswith("line misread") for w in wrong)
        for kind in {w.split(":")[0] for w in wrong}:
            faults[kind] += 1
        names = fuzz.conventions.names() if isinstance(fuzz, FuzzQuote) else fuzz.names()
        for name, value in names.items():
            tally = by_value[(name, value)]
            tally[0] += 1
            tally[1] += bool(wrong)
        if wrong:
            misses.append(f"- seed {seed}: " + "; ".join(wrong[:5]))
    if not documents:  # the filters drew no document in the range asked
        print("documents 0: widen --seeds")
        return 0
    clean = documents - len(misses)
    print(f"documents {documents}, read without a fault {clean} ({100 * clean / documents:.1f} %)")
    print(
        f"lines {lines}: found {100 * (lines - lost) / lines:.1f} %, "
        f"qty+unit+unit price exact {100 * (lines - lost - misread) / lines:.1f} %"
    )
    print(
        f"totals HT and TTC exact {100 * totals_exact / documents:.1f} %, "
        f"no false arithmetic error {100 * arithmetic_clean / documents:.1f} %"
    )
    print(f"total TTC exact {100 * ttc_exact / documents:.1f} %")
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
    if args.scans:
        print(
            f"\nOCR: {ocr_cache.TALLY['calls']} engine calls in {ocr_cache.TALLY['seconds']:.0f} s, "
            f"{ocr_cache.TALLY['hits']} replayed"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
