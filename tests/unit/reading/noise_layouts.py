"""Quote lines whose figures stand among other print: what a row holds around and between them,
drawn at random, with the truth. Conventions no one listed.

Each seed draws, independently, how the document's lines print their quantity, unit price and
amount: in columns or written out ("9,74 m² x 28,07", "3 u à 45,00 €", "Qté 3  PU 45,00"), the
amount after a sign or a word ("= 135,00", "soit 135,00", "Total : 135,00") or on the next row,
the wording before, between or after the figures, units glued or apart, the currency sign before
or after; and what else a row prints near them: a reference code or an item number, a date, a
VAT letter after the amount. Around the table, rows that close an equation by chance and are no
line: a deposit, a phone number, a date. ``misreadings`` names what a reading got wrong. Used by
``bench/bench_reader_fuzz.py --noise`` and ``test_reading_noise.py`` (a fixed sample).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from layout_fuzzer import quote_faults
from unseen_layouts import (
    CENT,
    DrawnQuote,
    Line,
    Style,
    UnseenQuote,
    _fit,
    _letterhead,
    _lines,
    _luhn_siret,
    _pdf,
    rate_text,
)

from billma_core.models import DocumentReading

# How the quantity and unit price stand together, and how the amount follows them.
_JOINS = ["columns", "times", "at", "labels"]
_TIMES = ["x", "X", "×", "*"]
_LINKS = ["column", "equals", "soit", "label", "next row"]
_QTY_LABELS = ["Qté", "Qté :", "Quantité :", "Qte"]
_PU_LABELS = ["PU", "PU :", "P.U. HT :", "Prix unitaire :"]
_TOTAL_LABELS = ["Total :", "Montant :", "Total HT", "Mt HT :"]
_WORDING_PLACES = ["before", "after", "between"]
_CURRENCIES = ["after", "before", "none"]
_CODES = ["Réf. {a}-{n:04d}", "{a}{n:03d}", "Art. {n}"]
_CODE_LETTERS = ["PLA", "PEI", "ELEC", "CAR", "MO"]
_DATES = ["(intervention du {d:02d}/{m:02d}/2025)", "le {d:02d}/{m:02d}", "semaine {w}"]


@dataclass
class NoiseConventions:
    join: str
    times: str
    link: str
    wording: str
    currency: str
    glued_units: bool
    code: str | None  # a reference code opening each line
    numbered: bool  # an item number opening each line ("1.", "2.")
    date: bool  # a date printed in some lines' wording
    vat_letter: bool  # a VAT letter after each amount ("273,40 A")
    header: bool
    traps: bool  # rows around the table closing an equation by chance

    def names(self) -> dict[str, str]:
        return {
            "join": self.join,
            "link": self.link,
            "wording": self.wording,
            "currency": self.currency,
            "glued units": str(self.glued_units),
            "code": str(self.code is not None),
            "numbered": str(self.numbered),
            "date": str(self.date),
            "VAT letter": str(self.vat_letter),
            "header": str(self.header),
            "traps": str(self.traps),
        }


NoiseQuote = DrawnQuote[NoiseConventions]


def draw(rng: random.Random) -> NoiseConventions:
    join = rng.choice(_JOINS)
    link = rng.choice(_LINKS)
    return NoiseConventions(
        join=join,
        times=rng.choice(_TIMES),
        link=link,
        wording=rng.choice(_WORDING_PLACES),
        currency=rng.choice(_CURRENCIES),
        glued_units=rng.random() < 0.4,
        code=rng.choice(_CODES) if rng.random() < 0.3 else None,
        numbered=rng.random() < 0.25,
        date=rng.random() < 0.2,
        vat_letter=rng.random() < 0.2,
        header=join == "columns" and link == "column" and rng.random() < 0.5,
        traps=rng.random() < 0.4,
    )


def build_noise(seed: int) -> NoiseQuote:
    rng = random.Random(f"noise-{seed}")
    conventions = draw(rng)
    style = Style(rng)
    style.currency = ""  # the currency's place is the fuzzer's own draw
    rate = rng.choice([Decimal("10"), Decimal("20"), Decimal("5.5")])
    lines = _lines(rng, rng.choice([3, 4, 5, 6]))
    quote = UnseenQuote("noise", seed, f"DV-{seed:05d}", _luhn_siret(rng), lines, rate)
    noise = NoiseQuote(quote, conventions)
    quote.pdf = _render(noise, style, rng)
    return noise


def _money(value: Decimal, style: Style, c: NoiseConventions, sign: str) -> str:
    text = style.amount(value, currency=False)
    if c.currency == "after":
        return f"{text}{sign}"
    if c.currency == "before":
        return f"€ {text}"
    return text


def _figures(line: Line, style: Style, c: NoiseConventions, rng: random.Random) -> tuple[list[str], str | None]:
    """The cells that print a line's figures, and the amount when it goes on the next row."""
    sign = rng.choice([" €", "€"])
    unit = style.unit(line.unit)
    quantity = style.quantity(line.quantity)
    counted = f"{quantity}{unit}" if c.glued_units else f"{quantity} {unit}"
    price = _money(line.unit_price, style, c, sign)
    total = _money(line.total, style, c, sign)
    if c.vat_letter:
        total = f"{total} A"
    if c.join == "columns":
        cells = [quantity, unit, price] if not c.glued_units else [counted, price]
    elif c.join == "times":
        cells = [f"{counted} {c.times} {price}"]
    elif c.join == "at":
        cells = [f"{counted} à {price}"]
    else:
        cells = [f"{rng.choice(_QTY_LABELS)} {counted}", f"{rng.choice(_PU_LABELS)} {price}"]
    if c.link == "next row":
        return cells, total
    if c.link == "column":
        return [*cells, total], None
    if c.link == "equals":
        return [*cells[:-1], f"{cells[-1]} = {total}"], None
    if c.link == "soit":
        return [*cells[:-1], f"{cells[-1]}, soit {total}"], None
    return [*cells, f"{rng.choice(_TOTAL_LABELS)} {total}"], None


def _opening(index: int, c: NoiseConventions, rng: random.Random) -> str:
    """What opens a line before its wording: an item number, a reference code."""
    parts = []
    if c.numbered:
        parts.append(f"{index}.")
    if c.code is not None:
        parts.append(c.code.format(a=rng.choice(_CODE_LETTERS), n=rng.randint(1, 999)))
    return " ".join(parts)


def _render(noise: NoiseQuote, style: Style, rng: random.Random) -> bytes:
    quote, c = noise.quote, noise.conventions
    pdf = _pdf()
    pdf.add_page()
    _letterhead(pdf, quote, rng)
    if c.traps:
        pdf.set_font("DejaVu", "", 8)
        pdf.cell(0, 5, "Tél. 04 78 12 34 56   —   Visite du 03/02/2025", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if c.header:
        pdf.set_font("DejaVu", "B", 7)
        for text, width in (("Désignation", 96.0), ("Qté", 16.0), ("Unité", 14.0), ("P.U. HT", 26.0)):
            pdf.cell(width, 6, text, border=1, align="C")
        pdf.cell(26, 6, "Montant HT", border=1, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 7)
    for index, line in enumerate(quote.lines, 1):
        wording = line.designation
        if c.date and rng.random() < 0.5:
            date = rng.choice(_DATES)
            wording = f"{wording} {date.format(d=rng.randint(1, 28), m=rng.randint(1, 12), w=rng.randint(2, 50))}"
        opening = _opening(index, c, rng)
        cells, below = _figures(line, style, c, rng)
        _line_row(pdf, c, opening, wording, cells, rng)
        if below is not None:
            pdf.cell(178, 5, below, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    totals = [("Total HT", quote.total_ht)]
    totals += [(f"TVA {rate_text(rate)} %", vat) for rate, (_, vat) in quote.vat_recap.items()]
    totals.append(("Total TTC", quote.total_ttc))
    for label, value in totals:
        pdf.set_font("DejaVu", "B" if "TTC" in label else "", 8)
        pdf.cell(140, 5, label, align="R")
        pdf.cell(0, 5, style.amount(value) + " €", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if c.traps:
        deposit = (quote.total_ttc * Decimal("0.3")).quantize(CENT)
        pdf.set_font("DejaVu", "", 7)
        pdf.cell(
            0, 5, f"Acompte de 30 % à la commande, soit {style.amount(deposit)} €", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    return bytes(pdf.output())


def _line_row(pdf: FPDF, c: NoiseConventions, opening: str, wording: str, cells: list[str], rng: random.Random) -> None:
    """One line's row: the cells of its figures and its wording in the drawn order, in columns
    when the figures are, else as written text with gaps between its groups."""
    spread = c.join == "columns" and c.link == "column"
    if c.wording == "before":
        groups = [wording, *cells]
    elif c.wording == "after":
        groups = [*cells, wording]
    else:
        groups = [cells[0], wording, *cells[1:]]
    if opening:
        groups = [opening, *groups]
    if spread:
        widths = [96.0 if g == wording else 16.0 if i < len(groups) - 1 else 26.0 for i, g in enumerate(groups)]
        widths = [w if g != opening else 20.0 for w, g in zip(widths, groups, strict=True)]
        free = 178.0 - sum(w for w, g in zip(widths, groups, strict=True) if g != wording)
        for group, drawn in zip(groups, widths, strict=True):
            width = free if group == wording else drawn
            text = _fit(pdf, group, width) if group == wording else group
            pdf.cell(width, 5, text, align="L" if group in (wording, opening) else "R")
        pdf.ln(5)
        return
    gap = rng.choice(["   ", "  ", " "])
    pdf.cell(0, 5, gap.join(groups), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def misreadings(noise: NoiseQuote, reading: DocumentReading) -> list[str]:
    """What the reading got wrong, "kind: detail" each (empty when all is right)."""
    return quote_faults(noise.quote, reading)
