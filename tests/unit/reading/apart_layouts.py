"""Quotes printing priced rows the total HT leaves out, set apart by the layout alone (no word
saying so), with their truth: the reader must read the lines the printed HT counts, leave the
rows apart out, and let the reviewer see them.

Each seed draws, from a stream of its own (``apart-{seed}``): the lines (three to six, from
``unseen_layouts``' works), under lot headings or not, the VAT rate, and one block of rows the
total leaves out, of a kind drawn among:
- ``after totals``: priced rows printed after the totals block (a take-off program's « PSE »,
  additional works proposed), under a heading naming no option (« Travaux complémentaires »,
  « Prestations supplémentaires éventuelles ») or none, their wordings labelled « PSE n » or not;
- ``own heading``: a run of priced rows under a heading of its own ending the lines, before the
  totals (a lot the customer may order later, named by its work only);
- ``payment schedule``: the payment shares of the TTC (a works contract's schedule, NF P 03-001:
  « À la commande 30 % », « Solde à la réception ») printed as priced rows, under the lines
  before the totals or after them, under a heading (« Échéancier de paiement ») or none.
From a stream of its own (``apart-form-{seed}``): how the block's heading is written — as
drawn, in capitals, closed by a colon, or numbered (« 3. Extérieurs ») — the forms a heading
takes on a text layer that loses its bold type.
With ``miscount`` (the safety property, ``test_reading_apart.py``): the same documents whose
printed total HT misses a slip of the lines (a contractor's arithmetic error, never a whole
block's sum): the reading must flag it, whatever block it might leave out.
``misreadings`` names what a reading got wrong. Used by ``bench/bench_reader_fuzz.py --apart``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from layout_fuzzer import quote_faults
from unseen_layouts import Line, Style, UnseenQuote, _fit, _letterhead, _lines, _luhn_siret, _pdf, rate_text

from billma_core.models import DocumentReading, Flag
from billma_core.money import format_eur

_RATES = (Decimal("5.5"), Decimal(10), Decimal(20))
_KINDS = ("after totals", "own heading", "payment schedule")
_LOTS = ["Lot 1 – Préparation des supports", "Lot 2 – Peinture", "Lot 3 – Revêtements de sol", "Lot 4 – Plâtrerie"]
_AFTER_HEADINGS = [
    "",
    "Travaux complémentaires proposés",
    "Prestations supplémentaires éventuelles",
    "Proposition de travaux complémentaires",
    "Compléments possibles",
]
_OWN_HEADINGS = ["Reprise des boiseries", "Lot 5 – Menuiseries intérieures", "Traitement des façades", "Extérieurs"]
_SCHEDULE_HEADINGS = ["", "Échéancier de paiement", "Conditions de règlement", "Modalités de paiement"]
_SHARES = [
    [("Acompte à la commande", 30), ("Solde à la réception des travaux", 70)],
    [("À la commande", 40), ("Au démarrage du chantier", 30), ("À la fin des travaux", 30)],
    [("Acompte", 50), ("Solde", 50)],
]
_FORMS = ("plain", "capitals", "colon", "numbered")
_WIDTHS = [86.0, 16.0, 14.0, 26.0, 30.0]
_SLIPS = (Decimal("-90.00"), Decimal("-18.40"), Decimal("-1.35"), Decimal("1.35"), Decimal("12.00"), Decimal("47.60"))


@dataclass
class ApartQuote:
    quote: UnseenQuote
    kind: str
    heading: str
    apart: list[tuple[str, Decimal, str, Decimal, Decimal]]  # wording, quantity, unit, unit price, amount
    lots: list[tuple[str, list[Line]]] = field(default_factory=list)  # the lines under lot headings, if any
    placed: str = ""  # where a payment schedule stands: "under the lines" or "after the totals"
    form: str = "plain"  # how the block's heading is written (``_FORMS``)
    printed_ht: Decimal = Decimal(0)  # what the document prints as its total HT

    def names(self) -> dict[str, str]:
        """The conventions the bench counts faults by."""
        return {
            "kind": self.kind,
            "heading": self.form if self.heading else "none",
            "lots": str(bool(self.lots)),
            **({"placed": self.placed} if self.placed else {}),
            "miscounted": str(self.printed_ht != self.quote.total_ht),
        }

    @property
    def pdf(self) -> bytes:
        return self.quote.pdf


def build_apart(seed: int, miscount: bool = False) -> ApartQuote:
    rng = random.Random(f"apart-{seed}")
    style = Style(rng)
    lines = _lines(rng, rng.choice([3, 4, 5, 6]))
    quote = UnseenQuote("apart", seed, f"DV-{seed:05d}", _luhn_siret(rng), lines, rng.choice(_RATES))
    kind = rng.choice(_KINDS)
    lots: list[tuple[str, list[Line]]] = []
    if rng.random() < 0.4:
        cut = rng.randint(1, len(lines) - 1)
        first, second = rng.sample(_LOTS, 2)
        lots = [(first, lines[:cut]), (second, lines[cut:])]
    if kind == "payment schedule":
        heading = rng.choice(_SCHEDULE_HEADINGS)
        shares = rng.choice(_SHARES)
        ttc = quote.total_ttc
        amounts = [(ttc * share / 100).quantize(Decimal("0.01"), ROUND_HALF_UP) for _, share in shares[:-1]]
        amounts.append(ttc - sum(amounts, Decimal(0)))
        apart = [
            (f"{label} {share} %", Decimal(1), "forfait", amount, amount)
            for (label, share), amount in zip(shares, amounts, strict=True)
        ]
        placed = rng.choice(["under the lines", "after the totals"])
    else:
        heading = rng.choice(_AFTER_HEADINGS if kind == "after totals" else _OWN_HEADINGS)
        numbered = kind == "after totals" and rng.random() < 0.5
        extra = _lines(random.Random(f"apart-rows-{seed}"), rng.choice([1, 2, 3]))
        apart = [
            (f"PSE {index} : {x.designation}" if numbered else x.designation, x.quantity, x.unit, x.unit_price, x.total)
            for index, x in enumerate(extra, start=1)
        ]
        placed = ""
    form = random.Random(f"apart-form-{seed}").choice(_FORMS)
    heading = _written(heading, form, len(lots) + 1)
    fq = ApartQuote(quote, kind, heading, apart, lots, placed, form, quote.total_ht)
    if miscount:
        fq.printed_ht = quote.total_ht + rng.choice(_SLIPS)
    quote.pdf = _render(fq, style, rng)
    return fq


def _written(heading: str, form: str, number: int) -> str:
    if not heading or form == "plain":
        return heading
    if form == "capitals":
        return heading.upper()
    if form == "colon":
        return f"{heading} :"
    return heading if heading.startswith("Lot ") else f"{number}. {heading}"  # a lot is numbered already


def _render(fq: ApartQuote, style: Style, rng: random.Random) -> bytes:
    quote = fq.quote
    pdf = _pdf()
    pdf.add_page()
    _letterhead(pdf, quote, rng)
    _header(pdf)
    for heading, lines in fq.lots or [("", quote.lines)]:
        if heading:
            _heading(pdf, heading)
        for line in lines:
            cells = [line.designation, style.quantity(line.quantity), style.unit(line.unit)]
            _row(pdf, cells, style, line.unit_price, line.total)
    before = fq.kind == "own heading" or fq.placed == "under the lines"
    if before:
        _apart(pdf, fq, style, repeat_header=False)
    pdf.ln(3)
    _totals_block(pdf, fq, style)
    if not before:
        pdf.ln(4)
        _apart(pdf, fq, style, repeat_header=rng.random() < 0.5)
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 8)
    pdf.cell(0, 4.5, "Devis valable 3 mois. Bon pour accord, date et signature :", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _apart(pdf: FPDF, fq: ApartQuote, style: Style, repeat_header: bool) -> None:
    if fq.heading:
        _heading(pdf, fq.heading)
    if repeat_header:
        _header(pdf)
    for wording, quantity, unit, price, amount in fq.apart:
        _row(pdf, [wording, style.quantity(quantity), style.unit(unit)], style, price, amount)


def _header(pdf: FPDF) -> None:
    pdf.set_font("DejaVu", "B", 8)
    for name, width in zip(["Désignation", "Qté", "Unité", "P.U. HT", "Montant HT"], _WIDTHS, strict=True):
        pdf.cell(width, 6, name, border=1, align="C")
    pdf.ln(6)


def _heading(pdf: FPDF, text: str) -> None:
    pdf.set_font("DejaVu", "B", 9)
    pdf.cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _row(pdf: FPDF, cells: list[str], style: Style, price: Decimal, amount: Decimal) -> None:
    pdf.set_font("DejaVu", "", 8)
    cells = [_fit(pdf, cells[0], _WIDTHS[0]), *cells[1:], style.amount(price), style.amount(amount)]
    for index, (cell, width) in enumerate(zip(cells, _WIDTHS, strict=True)):
        pdf.cell(width, 6, cell, border=1, align="L" if index == 0 else "R")
    pdf.ln(6)


def _totals_block(pdf: FPDF, fq: ApartQuote, style: Style) -> None:
    quote = fq.quote
    vat = (fq.printed_ht * quote.vat_rate / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    for label, value in (
        ("Total HT", fq.printed_ht),
        (f"TVA {rate_text(quote.vat_rate)} %", vat),
        ("Total TTC", fq.printed_ht + vat),
    ):
        pdf.set_font("DejaVu", "B" if "TTC" in label else "", 9)
        pdf.cell(140, 5, label, align="R")
        pdf.cell(0, 5, style.amount(value), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def misreadings(fq: ApartQuote, reading: DocumentReading) -> list[str]:
    """What the reading got wrong, "kind: detail" each (empty when all is right): the lines the
    total counts, the totals, a false arithmetic error, and the rows left out not told to the
    reviewer (none of their amounts in the quote's notes); a miscounted quote: its error not flagged."""
    if fq.printed_ht != fq.quote.total_ht:
        flagged = reading.quote is not None and Flag.ARITHMETIC_ERROR in reading.flags
        return [] if flagged else ["miscount hidden: no arithmetic_error"]
    wrong = quote_faults(fq.quote, reading)
    quote = reading.quote
    if quote is not None and not wrong:
        told = quote.totals_note or ""
        # A row the reader takes for no line by its words (« Acompte … ») is not in the note.
        if not any(format_eur(amount) in told for *_, amount in fq.apart):
            wrong.append("rows apart untold")
    return wrong
