"""A total is what the document prints, never the reader's own sum in its place.

The reader derives a total the document's labels did not give it (HT + VAT = TTC, TTC − VAT = HT,
TTC − HT = VAT: ``parse._complete_totals``, the foot's search in ``ttc.settle``). On a text
layer that derived figure is a reading, not a fact: when the document prints it nowhere while it
prints, outside its lines, a figure that may stand for that total (its bare « Total », the amount
stated above the lines or in a footer, « Montant du devis »), the document states the total
otherwise and its figure stands: the checks then name the sum that does not close (a wrong total
TTC printed three times must not be read as the HT + VAT the reader computed). A derived total
printed nowhere and contradicted by nothing is kept, and said so. OCR's misread totals are mended
elsewhere (``parse._repair_totals``), each mend said so too.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from billma_core.labels import TOTALS
from billma_core.models import Quote
from billma_core.money import format_eur, money
from billma_core.reading.foot import FootFigure
from billma_core.reading.lines import amounts
from billma_core.reading.numbers import row_tokens
from billma_core.reading.totals import foot_figures
from billma_core.reading.vocabulary import vocabulary

_ROLES = ("total_ttc", "total_ht", "total_tva")
_LABELS = {"total_ttc": {"ttc", "net"}, "total_ht": {"ht"}, "total_tva": {"tva", "tva_total"}}
_CELL_GAP = re.compile(r"\s{3,}")


def printed_totals(quote: Quote, rows: list[str]) -> None:
    """Each total of ``quote`` printed nowhere in ``rows`` (the layout text) replaced by the
    figure outside the lines that the document states for it (see the module), the one stated
    most often, then the greatest; or noted as derived."""
    stated = Counter(
        money(value)
        for raw in rows
        if any(ch.isdigit() for ch in raw)
        for value, _, _ in amounts(list(row_tokens(raw)))
    )
    derived = [name for name in _ROLES if (value := getattr(quote, name)) is not None and value and not stated[value]]
    if not derived:
        return
    line_figures = [figure for line in quote.lines for figure in (line.total_ht, line.unit_price_ht)]
    figures = foot_figures(rows, line_figures)
    for name in derived:
        value: Decimal = getattr(quote, name)
        totals = {money(f.value) for f in figures if _total_cell(rows[f.row]) or stated[money(f.value)] >= 2}
        found = _candidates(quote, name, figures, totals)
        # The figure the document states most often, under a total's word, then the greatest.
        best = max(found, key=lambda f: (stated[f], f in totals, f), default=None)
        if best is not None:
            setattr(quote, name, best)
            note = (
                f"{TOTALS[name]} imprimé {format_eur(best)} ; les autres totaux en donnent "
                f"{format_eur(value)}, chiffre que le document n'imprime nulle part."
            )
        else:
            note = f"{TOTALS[name]} non imprimé sur le document : {format_eur(value)} déduit des autres totaux."
        quote.totals_note = f"{quote.totals_note} {note}" if quote.totals_note else note


def _candidates(quote: Quote, name: str, figures: list[FootFigure], stated_as_total: set[Decimal]) -> list[Decimal]:
    """The figures outside the lines that may be the document's total ``name``: none labelled as
    another total, taken off or a share of one. Only the TTC is looked for, the sum to pay: any
    such figure above the HT (the amount stated above the lines, « À payer »), or below it when
    the document states it as a total (``stated_as_total``: under a total's word, or twice); an
    HT or a VAT derived is only said so (lines and lots' totals resemble them)."""
    if name != "total_ttc":
        return []
    others = {getattr(quote, other) for other in _ROLES if other != name}
    found: list[Decimal] = []
    for figure in figures:
        value = money(figure.value)
        if figure.after_deduction or figure.deduction or figure.discount or figure.share or value in found:
            continue
        if (figure.label is not None and figure.label not in _LABELS[name]) or value in others:
            continue
        if quote.total_ht is None or value > quote.total_ht or value in stated_as_total:
            found.append(value)
    return found


def _total_cell(row: str) -> bool:
    """A cell of the row opens on a total's word (« Total », « Montant du devis », « Net à payer »)."""
    screen = vocabulary().totals_screen
    return any(cell.split()[0].lower() in screen for cell in _CELL_GAP.split(row.strip()) if cell.split())
