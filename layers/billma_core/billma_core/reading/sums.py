"""Lines OCR misread beyond what a row's own arithmetic mends, mended by the document's sums.

A row whose figures do not multiply out is mended in ``lines.py`` when one slip explains it
(``resembles``). Two slips in one figure ("86,86" for "98,98"), or a figure whose row has no
second reading (a TTC line's quantity "93,3" for "9,33"), stay broken there. The document
checks them once more: its total HT, confirmed by HT + TVA = TTC, must be the sum of the lines.
Each line that does not multiply out may be read another way: its amount is quantity × unit
price (the amount misread), or its amount is right and a quantity or unit price misread is
amount ÷ the other, or, for one line at most, its amount is what the total HT leaves for it
and a factor is mended to match. A reading is kept when it makes the lines add up to the
total HT, mends the most lines, closes the sum nearest to the cent, and no other reading does
as well; each figure it changes is one OCR could have printed as read (``plausible``). A
contractor's arithmetic error changes a figure by 10, 27 or 100 € while the printed sums follow
the printed figures: nothing closes, nothing is mended, and the error stays visible.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal

from billma_core.checks import line_closes, lines_make_total, lines_sum, sum_slack, ttc_closes
from billma_core.models import Quote, QuoteLine, note_after
from billma_core.money import format_eur, money
from billma_core.reading.lines import resembles
from billma_core.reading.roles import VAT_RATES

_SMALLEST_RATE = min(rate for rate in VAT_RATES if rate > 0)  # in percent
_MAX_BROKEN = 4  # lines that do not multiply out: more is a misread table, not a few slips
_CENT = Decimal("0.01")
_Figures = tuple[Decimal, Decimal, Decimal]  # quantity, unit price, amount


def plausible(printed: Decimal, value: Decimal, amount: bool = True) -> bool:
    """OCR could print ``value`` as ``printed``: one slip (``resembles``), or the figure's shape
    kept and its digits misread: any of an amount's ("86,86" for "98,98": the sums closing to
    the cent are the evidence), one of a quantity's or unit price's ("29,07" for 28,07), which
    the sums confirm only together with the amount."""
    if resembles(_shown(printed), value, amount=amount):
        return True
    read, due = f"{printed:.2f}", f"{value:.2f}"
    return len(read) == len(due) and (amount or sum(a != b for a, b in zip(read, due, strict=True)) == 1)


def mend_by_sums(quote: Quote) -> None:
    """Mend the lines of an OCR'd quote that do not multiply out where the document's sums say
    how (see the module); each mended line says what changed in its ``reading_note``."""
    ht, tva, ttc = quote.total_ht, quote.total_tva, quote.total_ttc
    if ht is None or tva is None or ttc is None or not ttc_closes(ht, tva, ttc):
        return  # the total HT itself is not confirmed
    broken = [i for i, line in enumerate(quote.lines) if not _closes(line)]
    if not broken or len(broken) > _MAX_BROKEN or any(quote.lines[i].discount_rate for i in broken):
        return
    slack = sum_slack(quote.lines)
    found: dict[tuple[tuple[int, _Figures], ...], tuple[int, Decimal, dict[int, QuoteLine]]] = {}  # by figures
    for choice in itertools.product(*(list(_readings(quote.lines[i])) for i in broken)):
        mended = {i: line for i, line in zip(broken, choice, strict=True) if line is not None}
        lines = [mended.get(i, line) for i, line in enumerate(quote.lines)]
        gap = ht - lines_sum(lines)
        candidates = [mended] if mended and lines_make_total((x.total_ht for x in lines), ht, slack) else []
        for i in (i for i in broken if i not in mended):  # one line's amount is what the total HT leaves it
            candidates += [{**mended, i: line} for line in _closing_amount(quote.lines[i], gap)]
        for candidate in candidates:
            residual = abs(ht - sum((candidate.get(i, x).total_ht for i, x in enumerate(quote.lines)), Decimal(0)))
            key = tuple(sorted((i, _key(x)) for i, x in candidate.items()))
            found[key] = (len(candidate), residual, candidate)
    if not found:
        return
    # The reading that mends the most lines, then closes the sum nearest to the cent.
    ranked = sorted(found.values(), key=lambda c: (-c[0], c[1]))
    if len(ranked) > 1 and ranked[1][:2] == ranked[0][:2]:
        return  # two readings close the sums alike: the document does not say which
    chosen = ranked[0][2]
    quote.lines = [chosen.get(i, line) for i, line in enumerate(quote.lines)]


def mend_lost_commas(quote: Quote) -> None:
    """Lines of an OCR'd quote whose amount lost its decimal comma ("4  9442  37768" for
    4 × 94,42 = 377,68): their product closes as read, so their row cannot tell, but no line
    costs more than the document's total. A line whose whole amount exceeds the total read
    (HT or TTC, the larger, plus the discounts) is read with its comma back in the amount and
    in the one factor that can have lost it (a whole number of three digits or more), when that
    still multiplies out to the cent and fits under the total. When the foot does not close (a
    total HT or TTC lost or cut short by the engine: « 3,25 » for 3 529,91), the TVA read bounds
    the document too, the larger bound kept: its HT is at most the TVA at the smallest rate
    (381,66 € of TVA: no line of 37 768 €)."""
    ht, tva, ttc = quote.total_ht, quote.total_tva, quote.total_ttc
    totals = [t for t in (ht, ttc) if t is not None]
    reason = "le total du document est plus petit"
    foot_closes = ht is not None and tva is not None and ttc is not None and ttc_closes(ht, tva, ttc)
    if not foot_closes and tva is not None and tva > 0 and max(totals, default=tva) < tva * 100 / _SMALLEST_RATE:
        totals = [money(tva * 100 / _SMALLEST_RATE)]
        reason = f"la TVA du document, {format_eur(tva)}, n'en permet pas tant"
    if not totals:
        return
    bound = max(totals) - sum((line.total_ht for line in quote.lines if line.total_ht < 0), Decimal(0))
    quote.lines = [_comma_back(line, bound, reason) if line.total_ht > bound else line for line in quote.lines]


def _comma_back(line: QuoteLine, bound: Decimal, reason: str) -> QuoteLine:
    """``line`` with the comma back before the last two figures of its amount and its factor
    (« 9442 » for 94,42), else before the last one (a quantity of one decimal, « 215 » for 21,5,
    its amount « 2 240,30 » for 224,03), when so it fits under ``bound`` and still multiplies
    out; else ``line`` as it is."""
    for shift in _COMMA_SHIFTS:
        mended = _comma_shifted(line, bound, reason, shift)
        if mended is not line:
            return mended
    return line


# Where a lost comma stood: before a figure's last two digits (cents), or its last one (a tenth).
_COMMA_SHIFTS = (Decimal(100), Decimal(10))


def _comma_shifted(line: QuoteLine, bound: Decimal, reason: str, shift: Decimal) -> QuoteLine:
    amount = line.total_ht / shift
    if amount != money(amount) or amount > bound:
        return line
    bare = [
        (name, label, value)
        for name, label, value in (
            ("quantity", "la quantité", line.quantity),
            ("unit_price_ht", "le prix unitaire", line.unit_price_ht),
        )
        if value >= 100 and value == value.to_integral_value()
    ]
    if len(bare) != 1:
        return line  # no factor lost its comma, or either may have: the row does not say which
    name, label, value = bare[0]
    update = {name: value / shift, "total_ht": amount}
    quantity, price = update.get("quantity", line.quantity), update.get("unit_price_ht", line.unit_price_ht)
    if money(quantity * price) != amount:
        return line
    changes = [_changed(label, value, value / shift), _changed("le montant", line.total_ht, amount)]
    note = "Virgule perdue à la lecture, rétablie : " + ", ".join(changes) + f" ({reason})."
    return line.model_copy(update={**update, "reading_note": note_after(line.reading_note, note)})


def _key(line: QuoteLine) -> _Figures:
    return line.quantity, line.unit_price_ht, line.total_ht


def _closes(line: QuoteLine) -> bool:
    return line.quantity <= 0 or line_closes(line.quantity, line.net_unit_price_ht, line.total_ht)


def _readings(line: QuoteLine) -> Iterator[QuoteLine | None]:
    """The line as printed (None), then each other reading of it that multiplies out."""
    yield None
    product = money(line.quantity * line.unit_price_ht)
    if product > 0 and plausible(line.total_ht, product):
        yield _noted(line, {"total_ht": product}, [_changed("le montant", line.total_ht, product)])
    for update, changes in _factor_mended(line, line.total_ht):
        yield _noted(line, update, changes)


def _closing_amount(line: QuoteLine, gap: Decimal) -> Iterator[QuoteLine]:
    """The line with the amount the total HT leaves for it, and a factor mended to match."""
    amount = line.total_ht + gap
    if gap == 0 or amount <= 0 or not plausible(line.total_ht, amount):
        return
    for update, changes in _factor_mended(line, amount):
        yield _noted(line, {**update, "total_ht": amount}, [_changed("le montant", line.total_ht, amount), *changes])


def _factor_mended(line: QuoteLine, amount: Decimal) -> Iterator[tuple[dict[str, Decimal], list[str]]]:
    """The quantity or unit price made ``amount`` ÷ the other, where the printed one is a slip
    of it ("93,3" for 9,33): the update and what it changes, in French."""
    for name, label, printed, other in (
        ("quantity", "la quantité", line.quantity, line.unit_price_ht),
        ("unit_price_ht", "le prix unitaire", line.unit_price_ht, line.quantity),
    ):
        if other <= 0:
            continue
        value = (amount / other).quantize(_CENT)
        if value <= 0 or value == printed or not plausible(printed, value, amount=False):
            continue
        quantity, price = (value, line.unit_price_ht) if name == "quantity" else (line.quantity, value)
        if money(quantity * price) == amount:  # to the cent: a printed figure is replaced
            yield {name: value}, [_changed(label, printed, value)]


def _shown(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"


def _changed(label: str, printed: Decimal, value: Decimal) -> str:
    if label == "la quantité":
        return f"{label} lue {_shown(printed).replace('.', ',')} est {_shown(value).replace('.', ',')}"
    return f"{label} lu {format_eur(printed)} est {format_eur(value)}"


def _noted(line: QuoteLine, update: dict[str, Decimal], changes: list[str]) -> QuoteLine:
    note = "Chiffre mal lu, corrigé par les totaux du document : " + ", ".join(changes) + "."
    return line.model_copy(update={**update, "reading_note": note_after(line.reading_note, note)})
