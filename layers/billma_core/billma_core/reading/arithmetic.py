"""The document checks the reading: of the lines read, those the total HT leaves out or takes off.

A quote prints optional lines ("en option", "variante") and sometimes subtotals without a
label among its lines; the total HT says which of them it counts. A line is left out only
when its wording or its figures show it may be one (an optional word, a total equal to the
lines just above it) and leaving it out makes the lines add up to the total HT to the cent:
otherwise the lines stay as read and the checks flag the difference. A discount line printed
without its minus sign is taken off when that, and only that, makes the total.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from billma_core.models import QuoteLine
from billma_core.reading.vocabulary import vocabulary

_CENTS = Decimal("0.02")
_MAX_SUSPECTS = 8


def lines_the_total_counts(lines: list[QuoteLine], total_ht: Decimal | None) -> list[QuoteLine]:
    """``lines`` without the optional lines and unlabelled subtotals the total HT leaves out."""
    if total_ht is None or not lines:
        return lines
    lines_sum = sum((line.total_ht for line in lines), Decimal(0))
    if abs(lines_sum - total_ht) <= _CENTS:
        return lines
    # A discount printed without its minus sign ("Remise commerciale 5 %   118,88") is taken off.
    discounts = [i for i, line in enumerate(lines) if line.total_ht > 0 and _discount(line)][:_MAX_SUSPECTS]
    for size in range(1, len(discounts) + 1):
        for negated in itertools.combinations(discounts, size):
            taken = sum((lines[i].total_ht for i in negated), Decimal(0))
            if abs(lines_sum - 2 * taken - total_ht) <= _CENTS:
                return [_negative(line) if i in negated else line for i, line in enumerate(lines)]
    suspects = [i for i, line in enumerate(lines) if _optional(line) or _subtotal(lines, i)][:_MAX_SUSPECTS]
    for size in range(1, len(suspects) + 1):
        for left_out in itertools.combinations(suspects, size):
            kept = sum((lines[i].total_ht for i in left_out), Decimal(0))
            if abs(lines_sum - kept - total_ht) <= _CENTS:
                return [line for i, line in enumerate(lines) if i not in left_out]
    return lines


def _discount(line: QuoteLine) -> bool:
    return vocabulary().discount.search(line.designation.lower()) is not None


def _negative(line: QuoteLine) -> QuoteLine:
    return line.model_copy(update={"unit_price_ht": -line.unit_price_ht, "total_ht": -line.total_ht, "unit": None})


def _optional(line: QuoteLine) -> bool:
    return vocabulary().optional.search(line.designation.lower()) is not None


def _subtotal(lines: list[QuoteLine], index: int) -> bool:
    """The line's total is the sum of two or more lines just above it."""
    running = Decimal(0)
    for count, previous in enumerate(reversed(lines[:index]), start=1):
        running += previous.total_ht
        if count >= 2 and abs(running - lines[index].total_ht) <= _CENTS:
            return True
        if running > lines[index].total_ht:
            return False
    return False
