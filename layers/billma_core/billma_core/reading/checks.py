"""Checks on a parsed quote that become flags: arithmetic and SIRET."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from billma_core.models import Flag, Quote

CENT = Decimal("0.01")


@dataclass(slots=True)
class CheckResult:
    flags: list[Flag] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # French, for the reviewer


def line_tolerance(quantity: Decimal) -> Decimal:
    """What rounding can explain: a cent on the total, plus the unit price rounded to the
    cent (half a cent per unit)."""
    return CENT + abs(quantity) * Decimal("0.005")


def check_quote(quote: Quote) -> CheckResult:
    result = CheckResult()
    for index, line in enumerate(quote.lines, start=1):
        expected = line.quantity * line.unit_price_ht
        if abs(expected - line.total_ht) > line_tolerance(line.quantity):
            result.notes.append(
                f"ligne {index} : {line.quantity} × {line.unit_price_ht} = {expected.quantize(CENT)}"
                f", le devis indique {line.total_ht}"
            )
    if quote.lines and quote.total_ht is not None:
        lines_sum = sum((line.total_ht for line in quote.lines), Decimal(0))
        if abs(lines_sum - quote.total_ht) > CENT * 2:
            result.notes.append(f"somme des lignes {lines_sum} ≠ total HT {quote.total_ht}")
    ht, tva, ttc = quote.total_ht, quote.total_tva, quote.total_ttc
    if ht is not None and tva is not None and ttc is not None and abs(ht + tva - ttc) > CENT:
        result.notes.append(f"total HT {quote.total_ht} + TVA {quote.total_tva} ≠ total TTC {quote.total_ttc}")
    if result.notes:
        result.flags.append(Flag.ARITHMETIC_ERROR)
    if quote.contractor.siret is None or not quote.contractor.siret_valid:
        result.flags.append(Flag.INVALID_SIRET)
        result.notes.append(
            "SIRET absent du devis"
            if quote.contractor.siret is None
            else f"SIRET {quote.contractor.siret} invalide (clé de Luhn)"
        )
    return result
