"""Lines priced TTC: the document's arithmetic says whether its line figures are HT or TTC.

Tools made for private customers print each line's unit price and amount TTC ("P.U. TTC",
"Montant TTC"), the HT only in the totals. The lines then add up to the total TTC, not the HT
(each line's TTC rounded on its own: a cent or so off per line). When they do, and not to the
total HT, each line's HT unit price and amount are derived from its TTC ones at its VAT rate
(``money.price_before_vat``), and the line says so. When the totals read by their labels do
not close, the HT-or-TTC question is one alternative of the search over the foot's figures
(``foot.search``), which may also read the totals anew. A header naming TTC prices decides when
nothing closes (a document with an arithmetic error): the checks then name the figures that
disagree, on HT figures.

The total TTC is then what the document prints, never the reader's own sum in its place
(``printed_ttc``), checked on the same foot's figures the search read. The reader derives a total
TTC the labels did not give it (HT + VAT: ``foot.completed``). On a text layer that derived figure
is a reading, not a fact: when the document prints it nowhere while it prints, outside its lines,
a figure that may be its sum to pay (a bare « Total », « À payer », « Montant du devis », the
amount stated above the lines or in a footer), the document states its TTC otherwise and its
figure stands, so the checks name the sum that does not close (a wrong TTC printed three times
must not be read as the HT + VAT the reader computed, hiding the error and letting the quote
through). A derived TTC printed nowhere and contradicted by nothing is kept, and said so. An HT
or a VAT the document states as a sum of its rows per rate is printed nowhere whole, and lines
and lots' totals resemble them: they are left as read. OCR's misread totals are mended elsewhere
(``parse._repair_totals``), each mend said so too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from billma_core.checks import TOTAL_SLACK, lines_make_total, ttc_closes
from billma_core.labels import TOTALS
from billma_core.models import Quote, QuoteLine, note_after
from billma_core.money import CENT, format_eur, money, price_before_vat
from billma_core.reading.foot import FootFigure, breakdown_equations, completed, one_rate, search
from billma_core.reading.lines import CELL_GAP, Header, amounts, detect_header
from billma_core.reading.numbers import row_tokens
from billma_core.reading.totals import Foot, Totals
from billma_core.reading.vocabulary import vocabulary


def settle(
    lines: list[QuoteLine],
    totals: Totals,
    foot: Foot,
    in_words: Decimal | None = None,
) -> tuple[list[QuoteLine], Totals]:
    """The lines with HT figures and the document's totals, as the document's equations read
    them: the labels' reading when it closes (the lines make its HT, HT + VAT = TTC), else the
    reading of the foot's figures that closes more equations (``foot.search``: totals found by
    their arithmetic, the lines priced HT or TTC among its alternatives; ``in_words``: the sum a
    sentence states in words, the TTC's), else the labels' reading with its lines derived from
    TTC when they make the TTC or the table's header prices them TTC (the checks then name the
    figures that disagree). ``foot``: the document's (its figures read once, when needed)."""
    if not lines:
        return lines, totals
    rates = [line.tva_rate if line.tva_rate is not None else _one_rate(totals) for line in lines]
    amounts = [line.total_ht for line in lines]
    ht, tva, ttc = totals.total_ht, totals.total_tva, totals.total_ttc
    made = ht is not None and lines_make_total(amounts, ht)
    if made and ht is not None and tva is not None and ttc is not None and ttc_closes(ht, tva, ttc):
        return lines, totals  # the labels' reading closes every equation it can
    vats = [tva] if tva is not None else []
    vats += [sum(totals.vat_by_rate.values(), Decimal(0))] if totals.vat_by_rate else []
    vats += [sum((vat for _, vat in totals.vat_recap.values()), Decimal(0))] if totals.vat_recap else []
    # The VAT per rate, with its base where printed: the same equations for both readings.
    breakdown: dict[Decimal, tuple[Decimal | None, Decimal]] = {r: (None, v) for r, v in totals.vat_by_rate.items()}
    breakdown |= totals.vat_recap
    found = search(foot.figures, sum(amounts, Decimal(0)), len(lines), vats, totals.no_vat, in_words, breakdown)
    closed = made + (ht is not None and tva is not None and one_rate(ht, tva) is not None)
    closed += breakdown_equations(ht, tva, breakdown) if ht is not None and tva is not None else 0
    closed += in_words is not None and in_words in (ttc, ht if totals.no_vat else None)
    if found is not None and found.equations <= closed:
        found = None  # no more than the labels' reading closes
    if found is not None and found.lines_ttc and found.rate is not None:
        rates = [found.rate if rate is None else rate for rate in rates]  # the one rate the totals make
    if found is not None and not (found.lines_ttc and None in rates):
        totals = replace(totals, total_ht=found.total_ht, total_tva=found.total_tva, total_ttc=found.total_ttc)
        return (_all_before_vat(lines, rates) if found.lines_ttc else lines), totals
    if any(rate is None for rate in rates):
        return lines, totals  # a line's rate unknown: its HT cannot be told
    if ht is not None and lines_make_total(amounts, ht):
        return lines, totals
    ht, tva, ttc = completed(ht, tva, ttc, totals.no_vat)
    per_line = TOTAL_SLACK + CENT * len(lines)  # each line's TTC rounded on its own
    if not ((ttc is not None and lines_make_total(amounts, ttc, per_line)) or _header_prices_ttc(foot.rows)):
        return lines, totals
    return _all_before_vat(lines, rates), totals


def _all_before_vat(lines: list[QuoteLine], rates: list[Decimal | None]) -> list[QuoteLine]:
    return [_before_vat(line, rate) for line, rate in zip(lines, rates, strict=True) if rate is not None]


def _one_rate(totals: Totals) -> Decimal | None:
    rates = set(totals.vat_rates) | set(totals.vat_recap) | set(totals.vat_by_rate)
    return rates.pop() if len(rates) == 1 else None


def _before_vat(line: QuoteLine, rate: Decimal) -> QuoteLine:
    note = (
        f"Ligne au prix TTC ({format_eur(line.unit_price_ht)} l'unité, {format_eur(line.total_ht)}), "
        f"ramenée hors taxes au taux de TVA de {f'{rate.normalize():f}'.replace('.', ',')} %."
    )
    return line.model_copy(
        update={
            "unit_price_ht": price_before_vat(line.unit_price_ht, rate),
            "total_ht": price_before_vat(line.total_ht, rate),
            "tva_rate": rate,
            "priced_ttc": True,
            "reading_note": note_after(line.reading_note, note),
        }
    )


def _header_prices_ttc(rows: Sequence[str]) -> bool:
    """The table's header marks its prices TTC and none HT ("P.U. TTC   TVA   Montant T.T.C.")."""
    marks = {mark for mark, total in vocabulary().tax_marks.items() if total in ("total_ht", "total_ttc")}
    ttc_marks = {mark for mark in marks if vocabulary().tax_marks[mark] == "total_ttc"}
    for row in rows:
        header = detect_header(row)
        if header is None:
            continue
        found = {mark for mark in marks if vocabulary().tax_mark_words[mark].search(row)}
        if found:
            return found == ttc_marks and not _ttc_column_apart(row, header, ttc_marks)
    return False


def _ttc_column_apart(row: str, header: Header, ttc_marks: set[str]) -> bool:
    """Every TTC mark of the header stands in a column of its own right of the (first) amount's
    ("Montant      TTC", "Réalisé  Montant TTC", Dolibarr's "Total TTC" per line): the line's
    figures before it are HT."""
    total_end = min((end for role, _, end in header.columns if role == "total"), default=None)
    if total_end is None:
        return False
    starts = [found.start() for mark in ttc_marks for found in vocabulary().tax_mark_words[mark].finditer(row)]
    return bool(starts) and all(start > total_end + _LABEL_GAP for start in starts)


_LABEL_GAP = 2  # characters: more than the space between the words of one label ("Montant TTC")


_TTC_LABELS = {"ttc", "net"}


def printed_ttc(quote: Quote, foot: Foot) -> None:
    """The total TTC of ``quote``, when the ``foot``'s rows (the layout text) print it nowhere,
    replaced by the figure the document states for it among the foot's figures (those ``settle``
    searched): stated most often, under a total's word, then the greatest; or noted as derived
    (see the module)."""
    derived = quote.total_ttc
    if derived is None:
        return
    # The TTC stands most often at the foot: looked for from the last row, the rows counted only when it is not there.
    rows = foot.rows
    if _printed(derived, rows):
        return
    stated = Counter(value for raw in rows for value in _row_amounts(raw))  # on how many rows each amount stands
    # The foot was read against the lines as ``settle`` had them: a figure with no label that is
    # one of the lines as finally read (from sentences, say) is no sum to pay.
    of_lines = {figure for line in quote.lines for figure in (line.total_ht, line.unit_price_ht)}
    figures = [
        f
        for f in foot.figures
        if not _names_another_total(rows[f.row]) and (f.label is not None or money(f.value) not in of_lines)
    ]
    # The first row of the lines: a figure stated before it, outside them, is the document's own
    # statement of its sum (a hosted quote's « 1 380,11 € valable jusqu'au … » above the table).
    first_line = next((index for index, raw in enumerate(rows) if _row_amounts(raw) & of_lines), 0)
    as_total = {
        money(f.value)
        for f in figures
        if f.label in _TTC_LABELS
        or _total_cell(rows[f.row])
        or stated[money(f.value)] >= 2
        or (f.label is None and f.row < first_line)
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


def _printed(value: Decimal, rows: Sequence[str]) -> bool:
    """Whether a row prints ``value``: the rows holding its cents' digits first, from the last
    (a row is tokenised to be read, and the foot's last rows are often long small print)."""
    cents = f"{value:.2f}"[-2:]
    first = any(value in _row_amounts(raw) for raw in reversed(rows) if cents in raw)
    return first or any(value in _row_amounts(raw) for raw in reversed(rows) if cents not in raw)


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
