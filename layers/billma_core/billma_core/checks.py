"""Does the quote hold together? Its own arithmetic and its contractor's SIRET, checked here once
for the reader (which turns them into flags) and the decision (which words them for the reviewer).

One tolerance, what rounding can explain: a line may be off by the larger of 2 cents and 1 cent
plus half a cent per unit (a unit price printed rounded to the cent); the lines' sum against the
total HT by 5 cents (several rounded lines), and a cent more per line priced TTC (its HT, derived
from the TTC, is within half a cent of the one the document computed); HT + VAT against TTC by 2 cents; the VAT against
the lines' bases per rate by 2 cents plus a cent a line (VAT rounded line by line).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from billma_core.amounts import ttc_of, vat_of
from billma_core.models import Flag, Quote, QuoteLine
from billma_core.money import CENT, format_eur, money

LINE_SLACK = Decimal("0.02")
PER_UNIT_SLACK = Decimal("0.005")
TOTAL_SLACK = Decimal("0.05")
TTC_SLACK = Decimal("0.02")


@dataclass(frozen=True)
class Finding:
    flag: Flag
    note: str  # French, for the reviewer


def line_tolerance(quantity: Decimal) -> Decimal:
    return max(LINE_SLACK, CENT + abs(quantity) * PER_UNIT_SLACK)


def line_closes(quantity: Decimal, unit_price: Decimal, total: Decimal) -> bool:
    """quantity × unit price = line total, within what rounding explains."""
    return abs(money(quantity * unit_price) - total) <= line_tolerance(quantity)


def lines_make_total(line_totals: Iterable[Decimal], total_ht: Decimal, slack: Decimal = TOTAL_SLACK) -> bool:
    """The lines add up to the total HT, within what rounding explains (``sum_slack``)."""
    return abs(money(sum(line_totals, Decimal(0))) - total_ht) <= slack


def lines_sum(lines: Iterable[QuoteLine]) -> Decimal:
    """The sum of the lines' amounts HT, as read (not rounded: the checks compare it)."""
    return sum((line.total_ht for line in lines), Decimal(0))


def sum_slack(lines: Sequence[QuoteLine]) -> Decimal:
    """How far the lines' sum may stand from the total HT by rounding alone: 5 cents, and a cent
    per line whose HT is derived from its TTC."""
    return TOTAL_SLACK + CENT * sum(line.priced_ttc for line in lines)


def ttc_closes(ht: Decimal, tva: Decimal, ttc: Decimal) -> bool:
    """HT + VAT = TTC, within what rounding explains."""
    return abs(ttc_of(ht, tva) - ttc) <= TTC_SLACK


def _quantity(value: Decimal) -> str:
    text = f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
    return text.replace(".", ",")


def arithmetic_problems(quote: Quote) -> list[str]:
    """French descriptions of what does not add up (empty when everything does)."""
    problems: list[str] = []
    for index, line in enumerate(quote.lines, start=1):
        price = line.net_unit_price_ht  # a line's own discount is off its unit price
        if not line_closes(line.quantity, price, line.total_ht):
            problems.append(
                f"ligne {index} : {_quantity(line.quantity)} × {format_eur(price)} = "
                f"{format_eur(money(line.quantity * price))}, le devis indique {format_eur(line.total_ht)}"
            )
        stated = line.price_in_words
        if stated is not None and stated not in (line.unit_price_ht, line.total_ht):
            problems.append(
                f"ligne {index} : prix écrit en lettres {format_eur(stated)}, "
                f"en chiffres {format_eur(line.unit_price_ht)} (total {format_eur(line.total_ht)})"
            )
    if quote.lines and quote.total_ht is not None:
        totals = [line.total_ht for line in quote.lines]
        if not lines_make_total(totals, quote.total_ht, sum_slack(quote.lines)):
            lines_sum = money(sum(totals, Decimal(0)))
            problems.append(f"somme des lignes {format_eur(lines_sum)} ≠ total HT imprimé {format_eur(quote.total_ht)}")
    ht, tva, ttc = quote.total_ht, quote.total_tva, quote.total_ttc
    if ht is not None and tva is not None and ttc is not None and not ttc_closes(ht, tva, ttc):
        problems.append(f"total HT + TVA = {format_eur(ttc_of(ht, tva))} ≠ total TTC imprimé {format_eur(ttc)}")
    stated = quote.total_in_words
    if stated is not None and stated not in (ttc, ht):
        printed = ttc if ttc is not None else ht
        figures = format_eur(printed) if printed is not None else "absent"
        problems.append(f"somme écrite en lettres {format_eur(stated)} ≠ total en chiffres {figures}")
    vat = _vat_problem(quote)
    if vat is not None:
        problems.append(vat)
    return problems


def _vat_bases(lines: Sequence[QuoteLine]) -> dict[Decimal, Decimal]:
    """The lines' bases HT by VAT rate (a line without one at 0 %)."""
    bases: dict[Decimal, Decimal] = {}
    for line in lines:
        rate = line.tva_rate if line.tva_rate is not None else Decimal(0)
        bases[rate] = bases.get(rate, Decimal(0)) + line.total_ht
    return bases


def _vat_due(bases: dict[Decimal, Decimal]) -> Decimal:
    return sum((vat_of(base, rate) for rate, base in bases.items()), Decimal(0))


def _vat_within(due: Decimal, tva: Decimal, lines: int) -> bool:
    """``due`` is ``tva`` within its rounding line by line."""
    return abs(due - tva) <= TTC_SLACK + CENT * lines


def vat_closes(lines: Sequence[QuoteLine], tva: Decimal) -> bool:
    """The VAT of the lines, rate by rate, is ``tva``, within its rounding line by line."""
    return _vat_within(_vat_due(_vat_bases(lines)), tva, len(lines))


def _vat_problem(quote: Quote) -> str | None:
    """The VAT is the sum, rate by rate, of the rate on the lines at that rate: "TVA : 10 % de
    972,80 € + 20 % de 563,04 € = 209,89 €, le devis indique 97,28 €". Checked when every line
    carries its rate and the lines make the total HT (otherwise the sum already speaks)."""
    tva, ht = quote.total_tva, quote.total_ht
    if tva is None or ht is None or not quote.lines or any(line.tva_rate is None for line in quote.lines):
        return None
    if not lines_make_total((line.total_ht for line in quote.lines), ht, sum_slack(quote.lines)):
        return None
    bases = _vat_bases(quote.lines)
    due = _vat_due(bases)
    if _vat_within(due, tva, len(quote.lines)):
        return None
    parts = " + ".join(f"{_quantity(rate)} % de {format_eur(money(base))}" for rate, base in sorted(bases.items()))
    return f"TVA : {parts} = {format_eur(money(due))}, le devis indique {format_eur(tva)}"


def check_quote(quote: Quote) -> list[Finding]:
    """What is wrong with the quote itself: its arithmetic, its contractor's SIRET."""
    findings: list[Finding] = []
    problems = arithmetic_problems(quote)
    if problems:
        findings.append(Finding(Flag.ARITHMETIC_ERROR, "Erreur de calcul : " + " ; ".join(problems) + "."))
    siret = quote.contractor.siret
    if siret is None or not quote.contractor.siret_valid:
        note = f"SIRET {siret} invalide (clé de Luhn)." if siret else "SIRET absent du devis."
        findings.append(Finding(Flag.INVALID_SIRET, note))
    return findings
