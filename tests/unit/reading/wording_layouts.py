"""Line tables whose wordings are public quote-line wordings wrapped over one to three rows,
among the rows a table prints around them, drawn at random, with the truth. Conventions no one
listed.

Where a line's wording stops is what this fuzzer asks: each line's wording is drawn from the
public wording sets (``tests/heldout/wordings*/wordings.tsv``: the words contractors write,
each with its source) and printed over one to three rows, its figures level with its first row,
its middle (a cell centred in a taller row), its last, or on a row of their own under it; a first
column may print a trade or lot word before every wording (« Électricité », « Revêt. muraux »), or
(``codes``) a code of one kind per table, drawn by a generator: a zone, a person's initials, a
maker's reference, an item code (« Z2 », « KB », « SCH 17153 », « B4 »), its column as narrow as the
code or narrower, the wording a space after it; a
margin left of everything may number the rows with labels that are not the document's (a
spreadsheet's row numbers, one per grid row, centred in a wrapped cell's taller row; a listing's
line numbers, one per printed row) and a row of the sheet's column letters may stand over the
header; heading rows (a phase, a lot, a room, its dimensions after it or not) may open groups of
lines; a note may stand under a line (smaller, grey or italic or not). Each seed draws the type
size, the columns' widths, the header's words, the gaps and the styles independently.
``misreadings`` names what a reading got wrong, each line's wording among it (compared without
case, spaces, or a word's hyphen across rows; a note read into its own line is a detail of it,
into the next line a fault). Used by ``bench/bench_reader_fuzz.py --wording``.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from fpdf import FPDF
from layout_fuzzer import quote_faults
from unseen_layouts import _ROOMS, DrawnQuote, Line, Style, UnseenQuote, _letterhead, _luhn_siret, _pdf, rate_text

from billma_core.models import DocumentReading, QuoteLine

HELDOUT = Path(__file__).resolve().parents[2] / "heldout"
CENT = Decimal("0.01")
# A trade or lot word an estimate prints in a column before each wording (as an expert's grid or
# an all-trades firm's estimate sorts its lines), abbreviated as their narrow columns print them.
_TRADES = [
    "Électricité", "Plomberie", "Revêt. muraux", "Revêt. sols", "Peinture", "Menuiserie", "Plâtrerie",
    "Maçonnerie", "Carrelage", "Nettoyage", "Assèchement", "Couverture", "Isolation", "Vitrerie",
    "Lot 02", "Lot 5", "Démolition", "Serrurerie", "Divers", "Sanitaire",
]  # fmt: skip
_TRADE_HEADERS = ["Corps d'état", "Lot", "Nature", "Métier", "Poste"]
# The figures level with the wording's first row, its middle (a cell centred vertically in its taller
# row, between two rows when the wording has two), its last, or on a row of their own under it.
_PLACES = ["top", "middle", "bottom", "under"]
# Labels of the page, not of the document, in a margin left of everything: a spreadsheet printed as
# on screen numbers each grid row (a wrapped cell's row is taller, its number centred), a listing
# numbers each printed row.
_MARGINS = ["none", "sheet", "listing"]
_HEADINGS = ["none", "phase", "lot", "room"]
_PHASES = [
    "Mesures d'urgence et recherche de la cause", "Travaux de remise en état", "Assèchement des supports",
    "Travaux préparatoires", "Finitions", "Nettoyage et évacuation", "Dépose et démolition",
]  # fmt: skip
_LOTS = ["PLOMBERIE SANITAIRE", "ÉLECTRICITÉ", "PEINTURE ET REVÊTEMENTS", "MENUISERIES", "PLÂTRERIE ISOLATION"]
_NOTES = [
    "Y compris protection des sols et évacuation des déchets", "Selon constat du {day:02d}/03/2025",
    "TVA {rate} % · {room}", "Réf. {code}-{n:03d}", "Surface relevée sur place : {n} m²",
    "Hors fourniture du revêtement", "Option : teinte au choix du client", "Garantie {years} ans",
]  # fmt: skip
_HEADER_WORDS = {
    "designation": ["Désignation", "Description des travaux", "Libellé", "Prestations"],
    "qty": ["Qté", "Quantité", "Qté."],
    "unit": ["U", "Unité", "U."],
    "pu": ["P.U. HT", "Prix unitaire", "PU HT"],
    "total": ["Montant HT", "Total HT", "Montant"],
}


@dataclass
class WordingConventions:
    trade: bool  # a trade or lot word in a column before each wording
    place: str  # the figures level with the wording's first row, its middle, its last, or on a row under it
    rows: int  # the most rows a wording is wrapped over (1 to 3)
    headings: str  # heading rows opening groups of lines: none, a phase, a lot, a room
    dimensions: bool  # a room heading carries the room's dimensions and areas
    subtotals: bool  # each group closed by its subtotal
    notes: bool  # a note row under some lines
    note_style: str  # the note's print: grey, italic, plain
    size: float  # the table's type size
    gap: float  # the space between two lines, in mm
    margin: str = "none"  # row numbers left of everything: none, a sheet's grid rows, a listing's printed rows
    letters: bool = False  # the sheet's column letters (A, B, C …) over the header
    codes: bool = False  # the first column prints a code (a zone, initials, a reference), not a trade
    trades: dict[int, str] = field(default_factory=dict)  # line index → its trade word
    notes_of: dict[int, str] = field(default_factory=dict)  # line index → the note under it

    def names(self) -> dict[str, str]:
        return {
            "trade": "code" if self.codes else str(self.trade),
            "place": self.place,
            "rows": str(self.rows),
            "headings": self.headings + (" + dimensions" if self.dimensions and self.headings == "room" else ""),
            "subtotals": str(self.subtotals),
            "notes": f"{self.note_style}" if self.notes else "none",
            "size": "small" if self.size < 8 else "normal",
            "margin": self.margin,
            "letters": str(self.letters),
        }


WordingQuote = DrawnQuote[WordingConventions]


# The wording sets drawn from, named: a set added later (a held-out one at a session's end) must not
# change what a seed draws, nor the quick suite's seeds with it.
SOURCES = (
    *(f"wordings{n}" for n in ("", *range(2, 19))),
    *(f"wordings_j{n}" for n in (30, 32, 33, 34, 35)),
)


@cache
def public_wordings() -> list[tuple[str, str]]:
    """(wording, unit) of the public wording sets of ``SOURCES`` that name their unit."""
    found = []
    for path in sorted(HELDOUT / name / "wordings.tsv" for name in SOURCES):
        rows = csv.DictReader((row for row in path.open(encoding="utf-8") if not row.startswith("#")), delimiter="\t")
        for row in rows:
            unit = row.get("unit") or ""
            if unit in ("m2", "ml", "u", "forfait", "h", "j") and row["wording"].strip():
                found.append((" ".join(row["wording"].split()), unit))
    return found


def _draw_lines(rng: random.Random, count: int) -> list[Line]:
    lines = []
    for wording, unit in rng.sample(public_wordings(), count):
        if unit in ("m2", "ml"):
            quantity = Decimal(rng.randint(20, 450)) / 10
        elif unit == "forfait":
            quantity = Decimal(1)
        else:
            quantity = Decimal(rng.randint(1, 12))
        price = (Decimal(rng.randint(800, 30000)) / 100).quantize(CENT, ROUND_HALF_UP)
        lines.append(Line(wording, quantity, unit, price))
    return lines


def draw(rng: random.Random) -> WordingConventions:
    return WordingConventions(
        trade=rng.random() < 0.5,
        place=rng.choice(_PLACES),
        rows=rng.choice([1, 2, 3]),
        headings=rng.choice(_HEADINGS),
        dimensions=rng.random() < 0.5,
        subtotals=rng.random() < 0.4,
        notes=rng.random() < 0.4,
        note_style=rng.choice(["grey", "italic", "plain"]),
        size=rng.choice([7.0, 7.5, 8.0, 9.0]),
        gap=rng.choice([0.0, 0.5, 1.5, 3.0]),
        margin=rng.choice(_MARGINS),
        letters=rng.random() < 0.4,
    )


def build_wording(seed: int, codes: bool = False) -> WordingQuote:
    """The seed's quote; with ``codes``, its first column a code column (the other draws alike)."""
    rng = random.Random(f"wording-{seed}")
    conventions = draw(rng)
    conventions.trade, conventions.codes = conventions.trade or codes, codes
    style = Style(rng)
    style.currency = rng.choice(["", " €"])
    rate = rng.choice([Decimal("10"), Decimal("20"), Decimal("5.5")])
    lines = _draw_lines(rng, rng.randint(3, 7))
    quote = UnseenQuote("wording", seed, f"DV-{seed:05d}", _luhn_siret(rng), lines, rate)
    drawn = WordingQuote(quote, conventions)
    quote.pdf = _render(drawn, style, rate, rng)
    return drawn


_CODE_HEADERS = {
    "zone": ["Zone", "Secteur"],
    "initials": ["Intervenant", "Tech.", "Opérateur"],
    "reference": ["Réf.", "Référence", "Code article"],
    "item": ["Code", "Poste", "Art."],
}


def _codes(kind: str, count: int, rng: random.Random) -> list[str]:
    """A column's codes of one kind: a zone (« Z1 »), a person's initials (« NN », « J-P »), a
    maker's reference (« COMAP 21276 », « SCH17153 »), an item code (« B4 », « EL-12 »)."""

    def capitals(n: int) -> str:
        return "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVW") for _ in range(n))

    def one() -> str:
        if kind == "zone":
            return f"{rng.choice(['Z', 'ZN', 'S'])}{rng.randint(1, 4)}"
        if kind == "initials":
            return rng.choice([capitals(2), capitals(3), f"{capitals(1)}-{capitals(1)}"])
        if kind == "reference":
            digits = str(rng.randint(1000, 999999))
            return rng.choice([f"{capitals(rng.randint(3, 5))} {digits}", f"{capitals(3)}{digits}"])
        return f"{capitals(rng.randint(1, 2))}{rng.choice(['', '-', '.'])}{rng.randint(1, 40)}"

    return [one() for _ in range(count)]


def _wrapped(pdf: FPDF, wording: str, width: float, rows: int) -> list[str]:
    """The wording cut at word boundaries into about ``rows`` rows, each within the cell's ``width``."""
    longest = max(pdf.get_string_width(word) for word in wording.split()) + 2
    width = min(width, max(longest, pdf.get_string_width(wording) / rows + 4))
    words = wording.split()
    cut = [words[0]]
    for word in words[1:]:
        if pdf.get_string_width(f"{cut[-1]} {word}") > width - 2:
            cut.append(word)
        else:
            cut[-1] = f"{cut[-1]} {word}"
    return cut


def _heading(kind: str, index: int, c: WordingConventions, rng: random.Random) -> str:
    if kind == "phase":
        letter = "ABCDEFG"[index]
        return rng.choice([f"{letter} – {rng.choice(_PHASES)}", f"Phase {index + 1} : {rng.choice(_PHASES)}"])
    if kind == "lot":
        lot = rng.choice(_LOTS)
        return rng.choice([f"LOT {index + 1} – {lot}", f"Lot n° {index + 1} : {rng.choice(_LOTS).title()}"])
    room = rng.choice(_ROOMS)
    if not c.dimensions:
        return room.upper() if rng.random() < 0.5 else room
    width, length, height = (Decimal(rng.randint(150, 600)) / 100 for _ in range(3))
    area = (width * length).quantize(CENT, ROUND_HALF_UP)
    dims = f"{width} × {length} × h {height} m – sol {area} m²".replace(".", ",")
    return f"{room.upper()} – {dims}"


def _note(rate: Decimal, rng: random.Random) -> str:
    return rng.choice(_NOTES).format(
        day=rng.randint(1, 28),
        rate=rate_text(rate),
        room=rng.choice(_ROOMS),
        code=rng.choice(["PLO", "ELE", "PEI"]),
        n=rng.randint(2, 99),
        years=rng.choice([2, 10]),
    )


def _render(drawn: WordingQuote, style: Style, rate: Decimal, rng: random.Random) -> bytes:
    quote, c = drawn.quote, drawn.conventions
    pdf = _pdf()
    pdf.set_auto_page_break(False)
    pdf.add_page()
    _letterhead(pdf, quote, rng)
    x0, height = 16.0, c.size * 0.55
    pdf.set_font("DejaVu", "", c.size)
    trades = [rng.choice(_TRADES) for _ in quote.lines]
    # As wide as its widest word and a gap at least: a column's words do not run into the next.
    widest = max(pdf.get_string_width(trade) for trade in trades) + 3
    trade_header = rng.choice(_TRADE_HEADERS)
    pdf.set_font("DejaVu", "B", c.size)
    widest = max(widest, pdf.get_string_width(trade_header) + 3)
    trade_width = max(rng.uniform(18, 26), widest) if c.trade else 0.0
    if c.codes:  # drawn apart: the trades' draws, and every seed without codes, stay as they were
        codes_rng = random.Random(f"codes-{quote.seed}")
        kind = codes_rng.choice(sorted(_CODE_HEADERS))
        trade_header = codes_rng.choice(_CODE_HEADERS[kind])
        trades = _codes(kind, len(quote.lines), codes_rng)
        pdf.set_font("DejaVu", "", c.size)
        # As narrow as the code and a space (a reference running to the wording) or with a gap.
        widest = max(pdf.get_string_width(code) for code in trades) + codes_rng.choice([1.2, 2.5, 5.0])
        pdf.set_font("DejaVu", "B", c.size)
        trade_width = max(widest, pdf.get_string_width(trade_header) + 1.5)
    figures = [("qty", 14.0), ("unit", 11.0), ("pu", 22.0), ("total", 24.0)]
    wording_width = 178 - trade_width - sum(w for _, w in figures)
    # Narrower than the page lets it be, as a grid that keeps room for other columns.
    wording_width -= rng.uniform(0, 30)
    y = pdf.get_y() + 2
    number = rng.randint(1, 30)  # the sheet's row where the table starts

    def margin(top: float, rows: int) -> None:
        """The margin's row numbers beside ``rows`` printed rows from ``top``: one centred in a
        sheet's grid row, one per printed row in a listing."""
        nonlocal number
        if c.margin == "none":
            return
        pdf.set_font("DejaVu", "", c.size - 1)
        pdf.set_text_color(110, 110, 110)
        for k in range(rows if c.margin == "listing" else 1):
            row_top = top + (k * height if c.margin == "listing" else (rows - 1) * height / 2)
            pdf.set_xy(x0 - 8, row_top)
            pdf.cell(6, height, str(number), align="C")
            number += 1
        pdf.set_text_color(0, 0, 0)

    columns = [trade_width, wording_width, *(width for _, width in figures)]
    if c.letters:
        pdf.set_font("DejaVu", "", c.size - 1)
        pdf.set_text_color(110, 110, 110)
        pdf.set_xy(x0, y)
        for k, width in enumerate(width for width in columns if width):
            pdf.cell(width, height, chr(ord("A") + k), align="C")
        pdf.set_text_color(0, 0, 0)
        y += height + 1
    pdf.set_font("DejaVu", "B", c.size)
    margin(y, 1)
    pdf.set_xy(x0, y)
    if c.trade:
        pdf.cell(trade_width, height, trade_header)
    pdf.cell(wording_width, height, rng.choice(_HEADER_WORDS["designation"]))
    for name, width in figures:
        pdf.cell(width, height, rng.choice(_HEADER_WORDS[name]), align="R")
    y += height + 1.5
    groups = rng.sample(range(1, len(quote.lines)), min(2, len(quote.lines) - 1)) if c.headings != "none" else []
    starts = [0, *sorted(groups)] if c.headings != "none" else []
    group_total = Decimal(0)
    group = 0
    for index, line in enumerate(quote.lines):
        if index in starts:
            if c.subtotals and index:
                margin(y, 1)
                y = _subtotal(pdf, x0, y, height, c, style, group_total, trade_width + wording_width, figures)
                group_total = Decimal(0)
            pdf.set_font("DejaVu", "B", c.size)
            pdf.set_xy(x0 + (trade_width if rng.random() < 0.5 else 0), y)
            pdf.cell(0, height, _heading(c.headings, group, c, rng))
            margin(y, 1)
            group += 1
            y += height + 0.5
        group_total += line.total
        trade = trades[index]
        if c.trade:
            c.trades[index] = trade
        rows = _wrapped(pdf, line.designation, wording_width, rng.randint(1, c.rows))
        figure_row = {"top": 0, "middle": (len(rows) - 1) / 2, "bottom": len(rows) - 1, "under": len(rows)}[c.place]
        cells = [
            style.quantity(line.quantity),
            style.unit(line.unit),
            style.amount(line.unit_price),
            style.amount(line.total),
        ]
        pdf.set_font("DejaVu", "", c.size)
        if c.trade:
            pdf.set_xy(x0, y)
            pdf.cell(trade_width, height, trade)
        for row, text in enumerate(rows):
            # (fpdf's cell of width 0 runs to the margin: no empty trade cell before the wording)
            pdf.set_xy(x0 + trade_width, y + row * height)
            pdf.cell(wording_width, height, text)
        pdf.set_xy(x0 + trade_width + wording_width, y + figure_row * height)
        for (_, width), text in zip(figures, cells, strict=True):
            pdf.cell(width, height, text, align="R")
        margin(y, len(rows))
        if c.place == "under":  # the figures' row is a row of its own
            margin(y + len(rows) * height, 1)
        y += max(len(rows), figure_row + 1) * height
        if c.notes and rng.random() < 0.5:
            note = _note(rate, rng)
            c.notes_of[index] = note
            pdf.set_font("DejaVu", "I" if c.note_style == "italic" else "", c.size - 1)
            if c.note_style == "grey":
                pdf.set_text_color(120, 120, 120)
            pdf.set_xy(x0 + trade_width + rng.choice([0, 3]), y)
            pdf.cell(wording_width, height, note)
            pdf.set_text_color(0, 0, 0)
            margin(y, 1)
            y += height
        y += c.gap
    if c.subtotals and starts:
        margin(y, 1)
        y = _subtotal(pdf, x0, y, height, c, style, group_total, trade_width + wording_width, figures)
    y += 3
    totals = [
        ("Total HT", quote.total_ht),
        (f"TVA {rate_text(rate)} %", quote.total_tva),
        ("Total TTC", quote.total_ttc),
    ]
    for label, value in totals:
        margin(y + (5 - height) / 2, 1)
        pdf.set_font("DejaVu", "B" if "TTC" in label else "", 9)
        pdf.set_xy(110, y)
        pdf.cell(50, 5, label, align="R")
        pdf.cell(34, 5, style.amount(value) + " €", align="R")
        y += 5
    return bytes(pdf.output())


def _subtotal(
    pdf: FPDF,
    x: float,
    y: float,
    height: float,
    c: WordingConventions,
    style: Style,
    value: Decimal,
    before: float,
    figures: list[tuple[str, float]],
) -> float:
    pdf.set_font("DejaVu", "B", c.size)
    pdf.set_xy(x, y)
    pdf.cell(before + sum(w for _, w in figures[:-1]), height, "Sous-total", align="R")
    pdf.cell(figures[-1][1], height, style.amount(value), align="R")
    return y + height + 1


def normalised(text: str) -> str:
    """A wording as compared: lower case, single spaces, a word cut by a hyphen across rows joined."""
    text = re.sub(r"(\w)- (\w)", r"\1\2", text.lower())
    return " ".join(text.replace("’", "'").split())


def misreadings(drawn: WordingQuote, reading: DocumentReading) -> list[str]:
    """What the reading got wrong, "kind: detail" each (empty when all is right), each line's
    wording among it: read whole, nothing of a trade column, a heading or another line's note in
    it (its own note after it is a detail of the line)."""
    c = drawn.conventions
    index_of = {id(line): index for index, line in enumerate(drawn.quote.lines)}

    def wording(line: Line, match: QuoteLine) -> list[str]:
        read, truth = normalised(match.designation), normalised(line.designation)
        note = c.notes_of.get(index_of[id(line)])
        if read == truth or (note is not None and read == normalised(f"{line.designation} {note}")):
            return []
        return [f"wording misread: {line.designation[:30]} read {match.designation[:70]}"]

    return quote_faults(drawn.quote, reading, wording)
