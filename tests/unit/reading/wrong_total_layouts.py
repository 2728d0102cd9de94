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
footer), or in several places (two totals rows, above the lines and a footer). ``misreadings``
names what a reading got wrong. Used by ``bench/bench_reader_fuzz.py --wrong-total`` and by
``test_reading_wrong_total.py`` (a hypothesis property).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

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


@dataclass
class WrongTotalQuote:
    quote: UnseenQuote
    printed_ttc: Decimal  # what the document prints as its total TTC (HT + VAT is quote.total_ttc)
    label: str
    places: tuple[str, ...]

    def names(self) -> dict[str, str]:
        """The conventions the bench counts faults by."""
        return {
            "TTC label": self.label,
            "stated": " + ".join(self.places),
            "error": "up" if self.printed_ttc > self.quote.total_ttc else "down",
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
    quote.pdf = _render(fq, style, rng)
    return fq


def _render(fq: WrongTotalQuote, style: Style, rng: random.Random) -> bytes:
    quote = fq.quote
    pdf = _pdf()
    pdf.add_page()
    _letterhead(pdf, quote, rng)
    if "above" in fq.places:
        pdf.set_font("DejaVu", "B", 13)
        pdf.cell(0, 7, rng.choice(_ABOVE).format(v=style.amount(fq.printed_ttc)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
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
    rate = f"{quote.vat_rate.normalize():f}".replace(".", ",")
    rows = [("Total HT", quote.total_ht), (f"TVA {rate} %", quote.total_tva)]
    labels = [fq.label, *(label for label in ("Montant du devis", "Total TTC") if label != fq.label)]
    rows += [(label, fq.printed_ttc) for label in labels[: fq.places.count("totals")]]
    for label, value in rows:
        pdf.set_font("DejaVu", "B" if value == fq.printed_ttc else "", 9)
        pdf.cell(140, 5, label, align="R")
        pdf.cell(0, 5, style.amount(value), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 8)
    pdf.cell(0, 4.5, "Devis valable 3 mois. Bon pour accord, date et signature :", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if "footer" in fq.places:
        pdf.set_y(-18)
        pdf.set_font("DejaVu", "", 7)
        pdf.cell(140, 4, f"{quote.number} · {style.amount(fq.printed_ttc)}")
        pdf.cell(0, 4, "Page 1 sur 1", align="R")
    return bytes(pdf.output())


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
