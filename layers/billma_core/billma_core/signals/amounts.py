"""``suspicious_amounts``: amounts that look chosen rather than computed (totals or most line
prices on round hundreds) and lines far outside the barème's range for their item.

A signal, not a verdict: the reviewer looks, the prices may well be right.
"""

from __future__ import annotations

from decimal import Decimal

from billma_core.bareme.schema import Bareme
from billma_core.evaluation.matching import unit_factor
from billma_core.evaluation.verdicts import COMPOSITE_SEPARATOR
from billma_core.models import Flag, LineEvaluation, Quote, QuoteLine, Signal
from billma_core.money import format_eur, money

HUNDRED = Decimal(100)
# "Many" line prices: at least this many priced lines, and at least this share of them.
MIN_ROUND_LINES = 3
ROUND_LINE_SHARE = Decimal("0.5")
# A line above this multiple of its barème ceiling is far outside the item's range.
FAR_ABOVE_CEILING = Decimal(3)
# unit_factor of a line in its item's very unit ("forfait" and "ens" alike).
SAME_UNIT = 1.0


def _round_hundred(amount: Decimal | None) -> bool:
    return amount is not None and amount > 0 and amount % HUNDRED == 0


def _comparable(line: QuoteLine, code: str | None, bareme: Bareme) -> bool:
    """The line is priced in its item's unit: its total and the item's reference total measure
    the same thing (a 7-day lump sum against a per-unit hire does not). A line naming several
    works ("INS-001+INS-002", priced as their sum) is comparable when each of them is."""
    if code is None or line.unit is None:
        return False
    try:
        items = [bareme.item(part) for part in code.split(COMPOSITE_SEPARATOR)]
    except KeyError:
        return False
    return all(unit_factor(line.unit, item.unit) >= SAME_UNIT for item in items)


def _highest_ceiling(line: QuoteLine, judged: LineEvaluation, bareme: Bareme, tolerance: Decimal) -> Decimal | None:
    """The line's ceiling for its quantity: the highest among the items it could be, its best
    item's and the other plausible candidates' the judge accepts a price under (a doubtful line,
    tiles or vinyl, is far above neither unless far above the dearer one), in the line's unit.
    For a line naming several works the judge's reference is already the sum of their items:
    its ceiling is the sum of theirs, above each part's alone."""
    reference = judged.reference_total_ht
    if reference is None or reference <= 0 or not _comparable(line, judged.bareme_code, bareme):
        return None
    others = [
        line.quantity * candidate.ceiling_unit_price_ht
        for candidate in judged.candidates
        if _comparable(line, candidate.bareme_code, bareme)
    ]
    return max([reference * (1 + tolerance), *others])


def suspicious_amounts(quote: Quote, judged: list[LineEvaluation], bareme: Bareme, tolerance: Decimal) -> Signal | None:
    """Round totals, mostly round line prices, or lines above ``FAR_ABOVE_CEILING`` × the
    highest ceiling (reference × (1 + ``tolerance``)) of the items they could be, in the item's unit."""
    found: list[str] = []
    evidence: dict[str, object] = {}

    round_totals = [
        name
        for name, amount in (("total_ht", quote.total_ht), ("total_ttc", quote.total_ttc))
        if _round_hundred(amount)
    ]
    if round_totals:
        evidence["round_totals"] = round_totals
        found.append("total " + " et ".join("HT" if name == "total_ht" else "TTC" for name in round_totals) + " rond")

    priced = [index for index, line in enumerate(quote.lines) if line.unit_price_ht > 0]
    round_lines = [index for index in priced if _round_hundred(quote.lines[index].unit_price_ht)]
    if len(round_lines) >= MIN_ROUND_LINES and len(round_lines) >= ROUND_LINE_SHARE * len(priced):
        evidence["round_price_lines"] = [index + 1 for index in round_lines]
        found.append(f"{len(round_lines)} prix unitaires sur {len(priced)} en centaines rondes")

    far: list[dict[str, object]] = []
    for line_evaluation in judged:
        if line_evaluation.line >= len(quote.lines):
            continue
        line = quote.lines[line_evaluation.line]
        ceiling = _highest_ceiling(line, line_evaluation, bareme, tolerance)
        if ceiling is None:
            continue  # unmatched, or a lump sum against a per-day item: no range to be far outside of
        # As the verdicts do: never a wrong multiplication (that is arithmetic_error's finding).
        total = min(line.total_ht, money(line.quantity * line.unit_price_ht))
        if total > FAR_ABOVE_CEILING * ceiling:
            far.append(
                {
                    "line": line_evaluation.line + 1,
                    "bareme_code": line_evaluation.bareme_code,
                    "total_ht": str(total),
                    "ceiling_ht": str(ceiling.quantize(Decimal("0.01"))),
                    "ratio": str((total / ceiling).quantize(Decimal("0.1"))),
                }
            )
    if far:
        evidence["far_above_ceiling"] = far
        found.append(
            "; ".join(
                f"ligne {item['line']} à {item['ratio']} × le plafond du barème "
                f"({format_eur(Decimal(str(item['total_ht'])))} HT pour {format_eur(Decimal(str(item['ceiling_ht'])))})"
                for item in far
            )
        )
    if not found:
        return None
    return Signal(
        flag=Flag.SUSPICIOUS_AMOUNTS,
        reason=f"Montants à vérifier : {' ; '.join(found)}.",
        evidence=evidence,
    )
