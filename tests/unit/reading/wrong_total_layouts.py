"""Quotes whose printed total TTC is wrong (the contractor's arithmetic error: HT + VAT ≠ the TTC
printed), with their truth: the reader must read the TTC the document prints, never its own
HT + VAT in its place, so that the check names the error and the quote goes to a reviewer.

Each seed draws, from a stream of its own (``wrong-total-{seed}``): the lines and the VAT rate,
the error (a few euros to a hundred, up or down: a slip of a digit, a figure copied from another
quote), the label of the TTC among the totals — those the vocabulary knows (« Total TTC »,
« Net à payer ») and those of online billing services and invoicing software it does not
(« Total », « Montant du devis », « Total à payer » ; Stripe's hosted quotes and invoices, the
exports of invoicing software) — and where the document states it: once (among the totals, or
only above the lines as hosted quotes print it: « 2 510,33 € valable jusqu'au … », the totals then
printing the HT and the VAT only), twice (the totals and above the lines, or the totals and a
footer), or in several places (two totals rows, above the lines and a footer). From a stream of
its own (``wrong-total-side-{seed}``, so the draws above stay each seed's): which side of its
figure the TTC's label stands (before it or after it on its row, on the row above it or the row
under it: « 1 348,10 €   Total TTC », « Net à payer » over its figure, « TTC net à payer » under
it), and whether the whole totals block stands before the lines (a summary at the head of the
quote). ``misreadings`` names what a reading got wrong. Used by ``bench/bench_reader_fuzz.py --wrong-total`` and by
``test_reading_wrong_total.py`` (a hypothesis property).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from layout_fuzzer import line_faults
from unseen_layouts import Style, UnseenQuote, _fit, _letterhead, _lines, _luhn_siret, _pdf

from billma_core.models import DocumentReading, Flag

_RATES = (Decimal("5.5"), Decimal(10), Decimal(20))
_ERRORS = (Decimal(-100), Decimal(-30), Decimal(-27), Decimal(-10), Decimal(10), Decimal(27), Decimal(30), Decimal(100))
_TTC_LABELS = ["Total TTC", "Net à payer", "Total", "Montant du devis", "Total à payer", "Montant total", "À payer"]
_ABOVE = ["{v} valable jusqu'au 14 juin 2025", "Montant du devis : {v}", "Total : {v} TTC", "{v} à régler"]
# Where the document states its TTC: the totals block, above the lines, a footer.
_PLACES = [
    ("totals",),
    ("above",),
    ("totals", "above"),
    ("totals", "footer"),
    ("totals", "totals", "above", "footer"),
]
_SIDES = ("before", "after", "above", "below")  # where a total's label stands from its figure
_HEAD = 0.25  # the share of quotes printing their totals block before the lines


@dataclass
class WrongTotalQuote:
    quote: UnseenQuote
    printed_ttc: Decimal  # what the document prints as its total TTC (HT + VAT is quote.total_ttc)
    label: str
    places: tuple[str, ...]
    side: str = "before"  # where the TTC's label stands from its figure (``_SIDES``)
    head: bool = False  # the totals block printed before the lines

    def names(self) -> dict[str, str]:
        """The conventions the bench counts faults by."""
        return {
            "TTC label": self.label,
            "stated": " + ".join(self.places),
            "error": "up" if self.printed_ttc > self.quote.total_ttc else "down",
            "label side": self.side,
            "totals block": "before the lines" if self.head else "after the lines",
        }

    @property
    def pdf(self) -> bytes:
        return self.quote.pdf


def build_wrong_total(seed: int) -> WrongTotalQuote:
    rng = random.Random(f"wrong-total-{seed}")
    style = Style(rng)
    lines = _lines(rng, rng.choice([3, 4, 5, 6]))
    quote = UnseenQuote("wrong-total", seed, f"DV-{seed:05d}", _luhn_siret(rng), lines, rng.choice(_RATES))
    printed = quote.total_ttc + rng.choice(_ERRORS)
    fq = WrongTotalQuote(quote, printed, rng.choice(_TTC_LABELS), rng.choice(_PLACES))
    drawn = random.Random(f"wrong-total-side-{seed}")
    fq.side, fq.head = drawn.choice(_SIDES), drawn.random() < _HEAD
    quote.pdf = _render(fq, style, rng)
    return fq


def _render(fq: WrongTotalQuote, style: Style, rng: random.Random) -> bytes:
    quote = fq.quote
    pdf = _pdf()
    pdf.add_page()
    _letterhead(pdf, quote, rng)
    if "above" in fq.places:
        pdf.set_font("DejaVu", "B", 13)
        template = rng.choice(_ABOVE)
        if fq.side in ("above", "below"):
            # The label on a row of its own, over or under the figure alone on its row.
            label = template.replace("{v}", "").strip(" :")
            pair = [label, style.amount(fq.printed_ttc)]
            for text in pair if fq.side == "above" else reversed(pair):
                pdf.cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.cell(0, 7, template.format(v=style.amount(fq.printed_ttc)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    if fq.head:
        _totals_block(pdf, fq, style)
        pdf.ln(3)
    widths = [86.0, 16.0, 14.0, 26.0, 30.0]
    pdf.set_font("DejaVu", "B", 8)
    for name, width in zip(["Désignation", "Qté", "Unité", "P.U. HT", "Montant HT"], widths, strict=True):
        pdf.cell(width, 6, name, border=1, align="C")
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 8)
    for line in quote.lines:
        cells = [_fit(pdf, line.designation, widths[0]), style.quantity(line.quantity), style.unit(line.unit)]
        cells += [style.amount(line.unit_price), style.amount(line.total)]
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            pdf.cell(width, 6, cell, border=1, align="L" if index == 0 else "R")
        pdf.ln(6)
    pdf.ln(3)
    if not fq.head:
        _totals_block(pdf, fq, style)
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 8)
    pdf.cell(0, 4.5, "Devis valable 3 mois. Bon pour accord, date et signature :", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if "footer" in fq.places:
        pdf.set_y(-18)
        pdf.set_font("DejaVu", "", 7)
        pdf.cell(140, 4, f"{quote.number} · {style.amount(fq.printed_ttc)}")
        pdf.cell(0, 4, "Page 1 sur 1", align="R")
    return bytes(pdf.output())


def _totals_block(pdf: FPDF, fq: WrongTotalQuote, style: Style) -> None:
    """The totals HT, VAT and the TTC printed in the totals (as many rows as ``places`` says),
    each label on the side of its figure the quote draws: a label after its figure, over or
    under it, stands in the figure's column's left neighbour or right above or under it."""
    quote = fq.quote
    rate = f"{quote.vat_rate.normalize():f}".replace(".", ",")
    rows = [("Total HT", quote.total_ht), (f"TVA {rate} %", quote.total_tva)]
    labels = [fq.label, *(label for label in ("Montant du devis", "Total TTC") if label != fq.label)]
    rows += [(label, fq.printed_ttc) for label in labels[: fq.places.count("totals")]]
    for label, value in rows:
        pdf.set_font("DejaVu", "B" if value == fq.printed_ttc else "", 9)
        figure = style.amount(value)
        if fq.side == "after":
            pdf.cell(110, 5, figure, align="R")
            pdf.cell(0, 5, "   " + label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif fq.side in ("above", "below"):
            pair = [label, figure] if fq.side == "above" else [figure, label]
            for text in pair:
                pdf.cell(0, 5, text, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.cell(140, 5, label, align="R")
            pdf.cell(0, 5, figure, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def misreadings(fq: WrongTotalQuote, reading: DocumentReading) -> list[str]:
    """What the reading got wrong, "kind: detail" each (empty when all is right): the lines, the
    total HT, the TTC the document prints, and the arithmetic error flagged."""
    quote = reading.quote
    if quote is None:
        return ["no quote read"]
    read = list(quote.lines)
    wrong, _ = line_faults(fq.quote.lines, read, lambda unit: unit)
    wrong += [f"extra line: {x.designation[:40]} {x.total_ht}" for x in read]
    if quote.total_ht != fq.quote.total_ht:
        wrong.append(f"total HT: {quote.total_ht} (truth {fq.quote.total_ht})")
    if quote.total_ttc != fq.printed_ttc:
        wrong.append(f"total TTC: {quote.total_ttc} (printed {fq.printed_ttc}, HT + VAT {fq.quote.total_ttc})")
    if Flag.ARITHMETIC_ERROR not in reading.flags:
        wrong.append("missing arithmetic_error")
    return wrong
