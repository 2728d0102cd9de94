"""The total TTC is what the document prints, never the reader's own sum in its place.

The reader derives a total TTC the document's labels did not give it (HT + VAT: ``foot.
completed``, the foot's search in ``ttc.settle``). On a text layer that derived figure is
a reading, not a fact: when the document prints it nowhere while it prints, outside its lines, a
figure that may be its sum to pay (a bare « Total », « À payer », « Montant du devis », the amount
stated above the lines or in a footer), the document states its TTC otherwise and its figure
stands, so the checks name the sum that does not close (a wrong TTC printed three times must not
be read as the HT + VAT the reader computed, hiding the error and letting the quote through). A
derived TTC printed nowhere and contradicted by nothing is kept, and said so. An HT or a VAT the
document states as a sum of its rows per rate is printed nowhere whole, and lines and lots'
totals resemble them: they are left as read. OCR's misread totals are mended elsewhere
(``parse._repair_totals``), each mend said so too.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from billma_core.labels import TOTALS
from billma_core.models import Quote, note_after
from billma_core.money import format_eur, money
from billma_core.reading.foot import FootFigure
from billma_core.reading.lines import CELL_GAP, amounts
from billma_core.reading.numbers import row_tokens
from billma_core.reading.totals import foot_figures, labels_joined
from billma_core.reading.vocabulary import vocabulary

_TTC_LABELS = {"ttc", "net"}


def printed_ttc(quote: Quote, rows: list[str]) -> None:
    """The total TTC of ``quote``, when ``rows`` (the layout text) print it nowhere, replaced by
    the figure the document states for it: stated most often, under a total's word, then the
    greatest; or noted as derived (see the module)."""
    derived = quote.total_ttc
    if derived is None:
        return
    # The TTC stands most often at the foot: looked for from the last row, the rows counted only when it is not there.
    if any(derived in _row_amounts(raw) for raw in reversed(rows)):
        return
    stated = Counter(value for raw in rows for value in _row_amounts(raw))  # on how many rows each amount stands
    rows = labels_joined(rows)  # a label alone over or under its figure, joined to it
    figures = [
        f
        for f in foot_figures(rows, [figure for line in quote.lines for figure in (line.total_ht, line.unit_price_ht)])
        if not _names_another_total(rows[f.row])
    ]
    as_total = {
        money(f.value)
        for f in figures
        if f.label in _TTC_LABELS or _total_cell(rows[f.row]) or stated[money(f.value)] >= 2
    }
    found = _candidates(quote, figures, as_total)
    best = max(found, key=lambda f: (stated[f], f in as_total, f), default=None)
    if best is not None:
        quote.total_ttc = best
        note = (
            f"{TOTALS['total_ttc']} imprimé {format_eur(best)} ; le total HT et la TVA en donnent "
            f"{format_eur(derived)}, chiffre que le document n'imprime nulle part."
        )
    else:
        note = f"{TOTALS['total_ttc']} non imprimé sur le document : {format_eur(derived)} déduit des autres totaux."
    quote.totals_note = note_after(quote.totals_note, note)


def _row_amounts(raw: str) -> set[Decimal]:
    """The amounts a layout row prints."""
    if not any(ch.isdigit() for ch in raw):
        return set()
    return {money(found) for found, _, _ in amounts(list(row_tokens(raw)))}


def _candidates(quote: Quote, figures: list[FootFigure], as_total: set[Decimal]) -> list[Decimal]:
    """The figures outside the lines that may be the sum to pay: none labelled as another total,
    taken off or a share of one, nor the HT or the VAT; above the HT, or between the VAT and the
    HT when the document states it as a total (``as_total``: under a total's word, or on two rows;
    a figure on one row may be a line's amount TTC; its label on either side of it, ``foot_figures``)."""
    found: list[Decimal] = []
    for figure in figures:
        value = money(figure.value)
        if figure.after_deduction or figure.deduction or figure.discount or figure.share or value in found:
            continue
        if (figure.label is not None and figure.label not in _TTC_LABELS) or value in (quote.total_ht, quote.total_tva):
            continue
        below = value in as_total and (quote.total_tva is None or value > quote.total_tva)
        if value > 0 and (quote.total_ht is None or value > quote.total_ht or below):
            found.append(value)
    return found


def _names_another_total(row: str) -> bool:
    """The row names the HT or the VAT and not the TTC (« Total brut HT », « Base HT », « TVA 10 % »)."""
    marks = vocabulary().tax_mark_words
    other = marks["ht"].search(row) is not None or marks["tva"].search(row) is not None
    return other and marks["ttc"].search(row) is None


def _total_cell(row: str) -> bool:
    """A cell of the row opens on a total's word (« Total », « Montant du devis », « Net à payer »),
    or the row says its figure is the sum to pay, before it or after it (« 1 348,10 € à régler »)."""
    screen = vocabulary().totals_screen
    opens = any(cell.split()[0].lower() in screen for cell in CELL_GAP.split(row.strip()) if cell.split())
    return opens or vocabulary().sum_to_pay.search(row) is not None
