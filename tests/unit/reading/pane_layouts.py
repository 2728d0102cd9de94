"""Quotes printed in panes side by side, each line's wording on its own row(s) apart from its
figures, drawn at random, with the truth. Conventions no one listed.

An app's screen, a letter with a margin column, a form with a side box: beside the lines' pane
stands a pane of labels over their values (a customer, an address, a date, a phone, a caption),
parted from it by a gutter of whitespace. In the lines' pane each line prints its wording on one
or two rows of its own, above the row of its figures or under it (or, as a control, level with
them), the figures drawn from the ways apps and forms print them (a quantity stepper
"(−) 2,5 (+)", "2,5 m² × 51,55 EUR HT", "Qté 2,5 m²  PU 51,55", columns), the amount at the pane's
right edge; a note row (a VAT rate and a room, a reference) may stand under the figures or
between the wording and them, and a heading may open a group of lines. Each seed draws the side
pane's side, widths and rows, the gutter, the places and the type sizes independently.
``misreadings`` names what a reading got wrong, the wording of each line among it. Used by
``bench/bench_reader_fuzz.py --panes``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from fpdf import FPDF
from layout_fuzzer import quote_faults
from unseen_layouts import (
    _ROOMS,
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

from billma_core.models import DocumentReading, QuoteLine

_SIDES = ["left", "right"]
_WORDING_PLACES = ["above", "above", "below", "level"]
_FIGURES = ["stepper", "times", "labels", "columns"]
_NOTES = ["none", "after", "between"]
_NOTE_FORMS = ["TVA {rate} % · {room}", "{room}", "Réf. {code}-{n:03d}", "{room} · posé", "Lot {n} · {room}"]
_HEADINGS = ["PLOMBERIE", "ÉLECTRICITÉ", "PEINTURE", "MENUISERIE", "Travaux", "Fournitures", "Main d'œuvre"]
_LABELS = [
    ("CLIENT", ["M. et Mme Garnier", "Mme Sophie Lemaire", "SCI Les Tilleuls", "M. Karim Benali"]),
    ("ADRESSE D'INTERVENTION", ["12 rue des Lilas", "8 impasse du Moulin", "45 avenue Jean Jaurès"]),
    ("VILLE", ["69003 Lyon", "38000 Grenoble", "42100 Saint-Étienne"]),
    ("DATE", ["12/03/2025", "le 4 février 2025", "03/11/2024 à 14 h 30"]),
    ("TECHNICIEN", ["Julien M.", "Paul Roussel", "Équipe 2"]),
    ("TÉLÉPHONE", ["06 12 34 56 78", "04 78 90 12 34"]),
    ("N° DOSSIER", ["SIN-2025-0412", "D 48213", "Dossier 7731"]),
    ("VALIDITÉ", ["30 jours", "3 mois", "jusqu'au 30/04/2025"]),
    ("OBSERVATIONS", ["Accès par la cour", "Clés chez la gardienne", "Prévoir bâche de protection"]),
    ("PHOTOS (3)", ["Fuite sous évier", "Tableau électrique", "Plafond taché"]),
]


@dataclass
class PaneConventions:
    side: str  # where the pane of labels stands beside the lines' pane
    side_width: float  # its width, in mm
    gutter: float  # the whitespace between the panes, in mm
    wording: str  # the wording's row(s) above the figures, under them, or level with them
    wrapped: bool  # some wordings on two rows
    figures: str  # how a figures row prints them
    note: str  # a note row under the figures, between the wording and them, or none
    headings: bool  # a heading opening a group of lines
    labels: int  # label and value pairs in the side pane
    bold: bool  # the wording in bold
    larger: bool  # the wording a size above the figures

    def names(self) -> dict[str, str]:
        return {
            "side": self.side,
            "wording": self.wording,
            "wrapped": str(self.wrapped),
            "figures": self.figures,
            "note": self.note,
            "headings": str(self.headings),
            "bold": str(self.bold),
            "larger": str(self.larger),
            "gutter": "narrow" if self.gutter < 9 else "wide",
        }


PaneQuote = DrawnQuote[PaneConventions]


def draw(rng: random.Random) -> PaneConventions:
    return PaneConventions(
        side=rng.choice(_SIDES),
        side_width=rng.uniform(42, 70),
        gutter=rng.uniform(6, 14),
        wording=rng.choice(_WORDING_PLACES),
        wrapped=rng.random() < 0.35,
        figures=rng.choice(_FIGURES),
        note=rng.choice(_NOTES),
        headings=rng.random() < 0.3,
        labels=rng.randint(3, 8),
        bold=rng.random() < 0.7,
        larger=rng.random() < 0.5,
    )


def build_panes(seed: int) -> PaneQuote:
    rng = random.Random(f"panes-{seed}")
    conventions = draw(rng)
    style = Style(rng)
    style.currency = ""
    rate = rng.choice([Decimal("10"), Decimal("20"), Decimal("5.5")])
    lines = _lines(rng, rng.choice([3, 4, 5, 6]))
    quote = UnseenQuote("panes", seed, f"DV-{seed:05d}", _luhn_siret(rng), lines, rate)
    panes = PaneQuote(quote, conventions)
    quote.pdf = _render(panes, style, rate, rng)
    return panes


def _figure_cells(line: Line, style: Style, c: PaneConventions, rng: random.Random) -> list[tuple[str, float]]:
    """The cells of a figures row but its amount: (text, width in mm)."""
    quantity, unit, price = style.quantity(line.quantity), style.unit(line.unit), style.amount(line.unit_price)
    if c.figures == "stepper":
        return [(f"(−) {quantity} (+)", 24), (unit, 12), (f"× {price} EUR HT", 34)]
    if c.figures == "times":
        return [(f"{quantity} {unit} × {price} €", 52)]
    if c.figures == "labels":
        return [(f"Qté {quantity} {unit}", 26), (f"PU {price} €", 30)]
    return [(quantity, 14), (unit, 12), (price, 22)]


def _rows(pdf: FPDF, wording: str, width: float, two: bool) -> list[str]:
    """A wording cut into the rows its width holds in the current font, at word boundaries (on
    two rows at least when ``two`` and it has words enough)."""
    words = wording.split()
    if two and len(words) >= 4:
        half = len(words) // 2
        return [*_rows(pdf, " ".join(words[:half]), width, False), *_rows(pdf, " ".join(words[half:]), width, False)]
    rows = [words[0]]
    for word in words[1:]:
        if pdf.get_string_width(f"{rows[-1]} {word}") > width - 2:
            rows.append(word)
        else:
            rows[-1] = f"{rows[-1]} {word}"
    return rows


def _note(rate: Decimal, rng: random.Random) -> str:
    form = rng.choice(_NOTE_FORMS)
    room, code = rng.choice(_ROOMS), rng.choice(["PLO", "ELE", "PEI"])
    return form.format(rate=rate_text(rate), room=room, code=code, n=rng.randint(1, 999))


def _render(panes: PaneQuote, style: Style, rate: Decimal, rng: random.Random) -> bytes:
    quote, c = panes.quote, panes.conventions
    pdf = _pdf()
    pdf.set_auto_page_break(False)
    pdf.add_page()
    _letterhead(pdf, quote, rng)
    top = pdf.get_y() + 2
    left_edge, right_edge = 16.0, 194.0
    if c.side == "left":
        side_x, main_x = left_edge, left_edge + c.side_width + c.gutter
        main_width = right_edge - main_x
    else:
        main_x = left_edge
        main_width = right_edge - left_edge - c.side_width - c.gutter
        side_x = main_x + main_width + c.gutter
    _side_pane(pdf, side_x, top, c, rng)
    y = top
    size = 8.0
    for index, line in enumerate(quote.lines):
        if c.headings and (index == 0 or rng.random() < 0.3):
            pdf.set_font("DejaVu", "B", size)
            pdf.set_xy(main_x, y)
            pdf.cell(main_width, 5, rng.choice(_HEADINGS))
            y += 6
        y = _line_rows(pdf, line, style, c, rate, main_x, main_width, y, size, rng) + rng.uniform(1.5, 4)
    y += 3
    totals = [("Total HT", quote.total_ht)]
    totals += [(f"TVA {rate_text(r)} %", vat) for r, (_, vat) in quote.vat_recap.items()]
    totals.append(("Total TTC", quote.total_ttc))
    for label, value in totals:
        pdf.set_font("DejaVu", "B" if "TTC" in label else "", size)
        pdf.set_xy(main_x + main_width - 70, y)
        pdf.cell(40, 5, label, align="R")
        pdf.cell(30, 5, style.amount(value) + " €", align="R")
        y += 5
    return bytes(pdf.output())


def _side_pane(pdf: FPDF, x: float, y: float, c: PaneConventions, rng: random.Random) -> None:
    """Labels over their values, one or two value rows each, down the side pane."""
    for label, values in rng.sample(_LABELS, c.labels):
        pdf.set_font("DejaVu", "B", 6.5)
        pdf.set_xy(x, y)
        pdf.cell(c.side_width, 4, label)
        y += 4
        pdf.set_font("DejaVu", "", 8)
        for value in rng.sample(values, 1 if rng.random() < 0.7 else min(2, len(values))):
            pdf.set_xy(x, y)
            pdf.cell(c.side_width, 4.5, _fit(pdf, value, c.side_width))
            y += 4.5
        y += rng.uniform(1.5, 5)


def _line_rows(
    pdf: FPDF,
    line: Line,
    style: Style,
    c: PaneConventions,
    rate: Decimal,
    x: float,
    width: float,
    y: float,
    size: float,
    rng: random.Random,
) -> float:
    """One line's rows from ``y``: its wording, figures and note in the drawn places; the y under them."""
    cells = _figure_cells(line, style, c, rng)
    amount = style.amount(line.total) + rng.choice([" €", "€", ""])
    note = _note(rate, rng) if c.note != "none" else None

    def wording() -> None:
        nonlocal y
        pdf.set_font("DejaVu", "B" if c.bold else "", size + (1.5 if c.larger else 0))
        for text in _rows(pdf, line.designation, width - 30, c.wrapped and rng.random() < 0.6):
            pdf.set_xy(x, y)
            pdf.cell(width - 30, 5, text)
            y += 5

    def figures(with_wording: bool) -> None:
        nonlocal y
        span = width - 30 - sum(w for _, w in cells)
        pdf.set_font("DejaVu", "B" if c.bold else "", size)
        rest = _rows(pdf, line.designation, span, False) if with_wording else []
        pdf.set_xy(x, y)
        pdf.cell(span, 5, rest[0] if rest else "")
        pdf.set_font("DejaVu", "", size)
        for text, cell_width in cells:
            pdf.cell(cell_width, 5, text, align="R" if c.figures == "columns" else "L")
        pdf.set_xy(x + width - 30, y)
        pdf.set_font("DejaVu", "B", size)
        pdf.cell(30, 5, amount, align="R")
        y += 5
        pdf.set_font("DejaVu", "B" if c.bold else "", size)
        for text in rest[1:]:  # a level wording too long for its span goes on under itself
            pdf.set_xy(x, y)
            pdf.cell(span, 5, text)
            y += 5

    def note_row() -> None:
        nonlocal y
        if note is not None:
            pdf.set_font("DejaVu", "", size - 1.5)
            pdf.set_text_color(120, 120, 120)
            pdf.set_xy(x, y)
            pdf.cell(width - 30, 4, _fit(pdf, note, width - 30))
            pdf.set_text_color(0, 0, 0)
            y += 4

    if c.wording == "level":
        figures(True)
        note_row()
    elif c.wording == "above":
        wording()
        if c.note == "between":
            note_row()
        figures(False)
        if c.note == "after":
            note_row()
    else:  # below: the figures first, the wording under them
        figures(False)
        wording()
        note_row()
    return y


def misreadings(panes: PaneQuote, reading: DocumentReading) -> list[str]:
    """What the reading got wrong, "kind: detail" each (empty when all is right), each line's
    wording among it (read whole, nothing of the side pane nor of a note in it)."""

    def wording(line: Line, match: QuoteLine) -> list[str]:
        if " ".join(match.designation.split()) == " ".join(line.designation.split()):
            return []
        return [f"wording misread: {line.designation[:30]} read {match.designation[:60]}"]

    return quote_faults(panes.quote, reading, wording)
