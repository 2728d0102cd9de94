"""The quote's money rules, written once: line totals, VAT by rate, TTC, gap, indemnity.

Rates are in per cent, as quotes print them ("10" for 10 %); a reader that gives a fraction
("0.10") means the same rate. VAT is computed once per rate on the summed base, as invoices do,
so per-line rounding does not drift. Every amount goes through :func:`billma_core.money.money`
(two places, half-up). The robot's proposal, the reviewer's revision, its server-side preview and
the closure's settlement all call these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from billma_core.models import Quote
from billma_core.money import ZERO, money

HUNDRED = Decimal(100)
LEGAL_VAT_RATES = (Decimal("5.5"), Decimal("10"), Decimal("20"))
# Home renovation: the rate of a line whose rate the quote does not let us read.
DEFAULT_VAT_RATE = Decimal("10")
# A quote's VAT / HT within this many points of a legal rate is that rate.
SNAP_TOLERANCE = Decimal("0.6")


@dataclass(frozen=True)
class Totals:
    ht: Decimal
    tva: Decimal
    ttc: Decimal


def vat_percent(rate: Decimal | None) -> Decimal | None:
    """A VAT rate in per cent ("10"), whether it was given in per cent or as a fraction."""
    if rate is None:
        return None
    return rate * HUNDRED if 0 < rate < 1 else rate


def line_total(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """Quantity × unit price, to the cent."""
    return money(quantity * unit_price)


def vat_of(base: Decimal, rate: Decimal) -> Decimal:
    """The VAT on a base at a rate (per cent), to the cent."""
    return money(base * rate / HUNDRED)


def ttc_of(ht: Decimal, tva: Decimal) -> Decimal:
    """HT + VAT."""
    return money(ht + tva)


def ht_of(ttc: Decimal, tva: Decimal) -> Decimal:
    """TTC − VAT."""
    return money(ttc - tva)


def totals(amounts: Iterable[tuple[Decimal, Decimal | None]], fallback_rate: Decimal) -> Totals:
    """HT, VAT and TTC of (HT, rate) pairs; ``fallback_rate`` (per cent) for lines without one."""
    bases: dict[Decimal, Decimal] = {}
    for amount, rate in amounts:
        key = vat_percent(rate)
        key = fallback_rate if key is None else key
        bases[key] = bases.get(key, ZERO) + amount
    total_ht = money(sum(bases.values(), ZERO))
    total_tva = money(sum((vat_of(base, rate) for rate, base in bases.items()), ZERO))
    return Totals(ht=total_ht, tva=total_tva, ttc=ttc_of(total_ht, total_tva))


def quote_vat_rate(quote: Quote) -> Decimal:
    """The rate (per cent) for the quote's lines without one: its own VAT / HT snapped to a legal
    rate, else the one rate its lines share, else the default."""
    if quote.total_ht and quote.total_tva is not None and quote.total_ht > 0:
        observed = quote.total_tva / quote.total_ht * HUNDRED
        nearest = min(LEGAL_VAT_RATES, key=lambda rate: abs(rate - observed))
        if abs(nearest - observed) < SNAP_TOLERANCE:
            return nearest
    rates = {vat_percent(line.tva_rate) for line in quote.lines if line.tva_rate is not None}
    only = rates.pop() if len(rates) == 1 else None
    return only if only is not None else DEFAULT_VAT_RATE


def quote_total_ttc(quote: Quote) -> Decimal | None:
    """What the contractor asks for: the stated total TTC, else recomputed from its lines."""
    if quote.total_ttc is not None:
        return money(quote.total_ttc)
    if not quote.lines:
        return None
    return totals(((line.total_ht, line.tva_rate) for line in quote.lines), quote_vat_rate(quote)).ttc


def revised_totals(quote: Quote, revised_amounts: Iterable[Decimal]) -> Totals:
    """The totals of the quote's lines at their revised HT amounts (one per line, in order)."""
    fallback = quote_vat_rate(quote)
    pairs = [(amount, line.tva_rate) for amount, line in zip(revised_amounts, quote.lines, strict=True)]
    return totals(pairs, fallback)


def gap(quote_ttc: Decimal | None, revised_ttc: Decimal) -> Decimal:
    """Quote total TTC − revised total TTC (what the revision saves)."""
    return money((quote_ttc if quote_ttc is not None else ZERO) - revised_ttc)


def indemnity(amount: Decimal | None, deductible: Decimal) -> Decimal | None:
    """What the insurer pays on ``amount``: the amount less the deductible, never below 0."""
    return None if amount is None else max(money(amount - deductible), ZERO)
