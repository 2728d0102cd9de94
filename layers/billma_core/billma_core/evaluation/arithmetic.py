"""Does the quote add up? quantity × unit price = line total, lines = total HT, HT + TVA = TTC.

The reader runs the same checks; repeating them here keeps the decision right for a quote that
did not come through the reader (a unit test, a re-evaluation with another barème).
"""

from __future__ import annotations

from decimal import Decimal

from billma_core.models import Quote
from billma_core.money import format_eur, money

# Rounding slack: a line may be rounded half-even by the issuer's software, totals accumulate it.
LINE_SLACK = Decimal("0.02")
TOTAL_SLACK = Decimal("0.05")
# A unit price printed rounded to the cent can be off by half a cent per unit (same rule as the
# reader's check, so that both agree on what an arithmetic error is).
PER_UNIT_SLACK = Decimal("0.005")


def _quantity(value: Decimal) -> str:
    text = f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
    return text.replace(".", ",")


def arithmetic_problems(quote: Quote) -> list[str]:
    """French descriptions of what does not add up (empty when everything does)."""
    problems: list[str] = []
    for index, line in enumerate(quote.lines, start=1):
        expected = money(line.quantity * line.unit_price_ht)
        if abs(expected - line.total_ht) > max(LINE_SLACK, Decimal("0.01") + abs(line.quantity) * PER_UNIT_SLACK):
            problems.append(
                f"ligne {index} : {_quantity(line.quantity)} × {format_eur(line.unit_price_ht)} = "
                f"{format_eur(expected)}, le devis indique {format_eur(line.total_ht)}"
            )
    if quote.lines and quote.total_ht is not None:
        lines_sum = money(sum((line.total_ht for line in quote.lines), Decimal(0)))
        if abs(lines_sum - quote.total_ht) > TOTAL_SLACK:
            problems.append(f"somme des lignes {format_eur(lines_sum)} ≠ total HT imprimé {format_eur(quote.total_ht)}")
    if quote.total_ht is not None and quote.total_tva is not None and quote.total_ttc is not None:
        ttc = money(quote.total_ht + quote.total_tva)
        if abs(ttc - quote.total_ttc) > LINE_SLACK:
            problems.append(f"total HT + TVA = {format_eur(ttc)} ≠ total TTC imprimé {format_eur(quote.total_ttc)}")
    return problems
