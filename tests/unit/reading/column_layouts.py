"""Line tables whose wording column sits among cells and rows that are not the wording (session 22,
helper r54, written before the reader's changes they measure), with their truth.

Three development families, the wordings drawn from the held-out generator's catalogue
(``tests/heldout/catalog.py``) as French quotes word them:

- ``coded``: a method or trade code column before the wording, its codes short and word-like and
  repeated down the column (« DEP », « FP », « MO », « POSE »), sometimes a line number before it
  (« 01 », « 1.2 ») or « 01 — » opening the wording, and a remark column after the amounts
  (« Hors vétusté », « Teinte à valider »); the wording column narrow enough to wrap;
- ``headed``: lines grouped under heading rows of three styles, one or two a document (a numbered
  heading « 2.1 Travaux préparatoires », an upper-case lot « PEINTURE – REVÊTEMENTS », a shaded
  room whose heading has figures: its area « Séjour 24 m² », its dimensions « Chambre 1 – 3,20 x
  4,10 m »), spanning the table or in the wording column alone, bold or not;
- ``noted``: a narrow wording column whose wordings wrap over two to four rows, each line numbered
  « 01 — » or not, and note rows under some lines (« Nota : … », « y compris … », « Compris : … »,
  smaller, italic, indented or not) that are no part of the wording.

The truth's designation is the wording alone: no code, number, heading, note or remark.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from unseen_layouts import (
    CENT,
    Line,
    Style,
    UnseenQuote,
    _column_header,
    _letterhead,
    _pdf,
    _sign_off,
    _totals,
    drawn_quote,
)

from tests.heldout.catalog import ITEMS, ROOMS

COLUMN_FAMILIES = ("coded", "headed", "noted")

_METHOD_CODES = ["DEP", "FP", "MO", "POSE", "FOUR", "NET", "PR", "LA", "IS", "PEI", "PLA", "REV", "ELE", "SUP"]
_REMARKS = [
    "Hors vétusté",
    "Teinte à valider",
    "Selon rapport",
    "Voir photo 3",
    "Site occupé",
    "Accord syndic",
    "À confirmer",
    "Selon expert",
]
_NOTES = [
    "Nota : {}",
    "NB : {}",
    "y compris {}",
    "Compris : {}",
    "Remarque : {}",
]
_NOTE_TEXTS = [
    "protection des sols et des meubles pendant toute la durée des travaux",
    "teinte au choix du client sur nuancier",
    "support à sonder avant travaux, reprise éventuelle en plus-value",
    "évacuation des gravats en décharge agréée",
    "accès par la cour, prévoir la clé du local technique",
    "fournitures de première qualité, mise en oeuvre selon le DTU",
]
_DETAILS = [
    "comprenant la protection des sols et des meubles, le rebouchage et le ponçage",
    "travaux réalisés en site occupé, deux passages prévus, reprise des raccords",
    "suivant les règles de l'art, raccords soignés avec l'existant conservé",
]
_LOT_HEADINGS = [
    "PEINTURE – REVÊTEMENTS",
    "PLÂTRERIE – ISOLATION",
    "SOLS SOUPLES ET PARQUETS",
    "ÉLECTRICITÉ",
    "INSTALLATION DE CHANTIER",
    "MENUISERIES INTÉRIEURES",
]
_NUMBERED_HEADINGS = [
    "Travaux préparatoires",
    "Reprise des supports",
    "Finitions",
    "Revêtements de sol",
    "Frais de chantier",
    "Remise en état après sinistre",
]


def _draw_lines(rng: random.Random, count: int, long: bool) -> list[Line]:
    items = rng.sample(sorted(ITEMS.values(), key=lambda item: item.category), count)
    lines = []
    for item in items:
        wording = rng.choice(item.variants)
        if long and rng.random() < 0.7:
            wording = f"{wording}, {rng.choice(_DETAILS)}"
        if item.unit in ("m2", "ml"):
            quantity = Decimal(rng.randint(20, 450)) / 10
        elif item.unit in ("forfait", "ens"):
            quantity = Decimal(1)
        else:
            quantity = Decimal(rng.randint(1, 8))
        price = (Decimal(str(item.typical)) * Decimal(rng.randint(85, 120)) / 100).quantize(CENT, ROUND_HALF_UP)
        lines.append(Line(wording, quantity, item.unit, price))
    return lines


def _number(index: int, habit: int) -> str:
    return [f"{index:02d}", f"1.{index}", f"{index}"][habit]


class _Grid:
    """A table printed row by row: its columns' order and widths, a page break under its header."""

    def __init__(
        self, pdf: FPDF, quote: UnseenQuote, order: list[str], widths: dict[str, float], names: dict[str, str]
    ) -> None:
        self.pdf, self.quote, self.order, self.widths, self.names = pdf, quote, order, widths, names

    def header(self) -> None:
        _column_header(self.pdf, self.order, self.widths, self.names)

    def room_for(self, height: float) -> None:
        if self.pdf.get_y() + height > 268:
            self.pdf.add_page()
            _text_row(self.pdf, f"Devis n° {self.quote.number} (suite)")
            self.header()

    def row(self, cells: dict[str, str], height: float, size: float = 8, style: str = "") -> None:
        self.room_for(height)
        for key in self.order:
            self.pdf.set_font("DejaVu", style if key in ("designation", "remark") else "", size)
            align = "L" if key in ("designation", "code", "remark", "num") else "R"
            self.pdf.cell(self.widths[key], height, cells.get(key, ""), border="LR", align=align)
        self.pdf.ln(height)

    def chunks(self, text: str, width: float, size: float = 8, style: str = "") -> list[str]:
        self.pdf.set_font("DejaVu", style, size)
        return list(self.pdf.multi_cell(width - 2, 4.5, text, dry_run=True, output="LINES"))

    def line(self, line: Line, style: Style, extra: dict[str, str], prefix: str = "") -> None:
        """A priced line: its figures level with its wording's first row, the wording wrapped."""
        figures = {
            "qty": style.quantity(line.quantity),
            "unit": style.unit(line.unit),
            "pu": style.amount(line.unit_price),
            "total": style.amount(line.total),
            **extra,
        }
        for index, chunk in enumerate(self.chunks(prefix + line.designation, self.widths["designation"])):
            self.row({"designation": chunk, **(figures if index == 0 else {})}, 4.5)

    def close(self) -> None:
        self.pdf.cell(sum(self.widths[key] for key in self.order), 0.1, "", border="T")
        self.pdf.ln(1)


def _text_row(pdf: FPDF, text: str) -> None:
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(0, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


_NAMES = {
    "num": "N°",
    "code": "Code",
    "designation": "Désignation",
    "qty": "Qté",
    "unit": "U",
    "pu": "P.U. HT",
    "total": "Montant HT",
    "remark": "Remarque",
}


def _coded(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    pdf.set_auto_page_break(False)
    numbered = rng.choice(["column", "dash", "none"])
    order = [
        *(["num"] if numbered == "column" else []),
        "code",
        "designation",
        *rng.choice([["qty", "unit"], ["unit", "qty"]]),
        "pu",
        "total",
        "remark",
    ]
    widths = {"num": 9.0, "code": rng.choice([10.0, 12.0]), "qty": 12.0, "unit": 9.0, "pu": 20.0, "total": 22.0}
    widths["remark"] = rng.choice([24.0, 28.0])
    widths["designation"] = 178.0 - sum(widths[key] for key in order if key != "designation")
    names = {
        **_NAMES,
        "code": rng.choice(["Code", "Méth.", "Nat.", "Type"]),
        "remark": rng.choice(["Remarque", "Obs.", "Commentaire"]),
    }
    codes = rng.sample(_METHOD_CODES, rng.randint(3, 4))
    habit = rng.randint(0, 2)
    grid = _Grid(pdf, quote, order, widths, names)
    grid.header()
    for index, line in enumerate(quote.lines, start=1):
        extra = {"code": rng.choice(codes), "remark": rng.choice(_REMARKS) if rng.random() < 0.5 else ""}
        if numbered == "column":
            extra["num"] = _number(index, habit)
        grid.line(line, style, extra, prefix=f"{index:02d} — " if numbered == "dash" else "")
    grid.close()
    pdf.set_auto_page_break(True, margin=18)
    _totals(pdf, quote, style)


def _heading_text(rng: random.Random, kind: str, group: int) -> str:
    if kind == "numbered":
        return f"{group}.{rng.randint(1, 3)} {rng.choice(_NUMBERED_HEADINGS)}"
    if kind == "upper":
        return rng.choice(_LOT_HEADINGS)
    room = rng.choice(ROOMS)
    return rng.choice(
        [
            f"{room} {rng.randint(8, 32)} m²",
            f"{room} – {rng.randint(250, 520) / 100:.2f} x {rng.randint(250, 520) / 100:.2f} m".replace(".", ","),
            f"{room} ({rng.randint(80, 320) / 10:.1f} m²)".replace(".", ","),
            room.upper(),
        ]
    )


def _headed(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    pdf.set_auto_page_break(False)
    order = ["designation", "qty", "unit", "pu", "total"]
    widths = {"designation": rng.choice([86.0, 100.0]), "qty": 16.0, "unit": 12.0, "pu": 24.0}
    widths["total"] = 178.0 - sum(widths.values())
    kinds = rng.sample(["numbered", "upper", "shaded"], rng.randint(1, 2))
    spanning = rng.random() < 0.5
    bold = rng.random() < 0.7
    grid = _Grid(pdf, quote, order, widths, _NAMES)
    grid.header()
    cuts = sorted(rng.sample(range(1, len(quote.lines)), min(len(quote.lines) - 1, rng.randint(1, 3))))
    starts = {0, *cuts}
    group = 0
    for index, line in enumerate(quote.lines):
        if index in starts:
            group += 1
            kind = kinds[(group - 1) % len(kinds)]
            text = _heading_text(rng, kind, group)
            shaded = kind == "shaded"
            grid.room_for(6)
            pdf.set_font("DejaVu", "B" if bold or kind == "upper" else "", 8)
            pdf.set_fill_color(215, 215, 215)
            if spanning:
                pdf.cell(178.0, 5.5, text, border="LR", fill=shaded, align="L")
            else:
                pdf.cell(widths["designation"], 5.5, text, border="LR", fill=shaded, align="L")
                for key in order[1:]:
                    pdf.cell(widths[key], 5.5, "", border="LR")
            pdf.ln(5.5)
        grid.line(line, style, {})
    grid.close()
    pdf.set_auto_page_break(True, margin=18)
    _totals(pdf, quote, style)


def _noted(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    pdf.set_auto_page_break(False)
    order = ["designation", "qty", "unit", "pu", "total"]
    widths = {"designation": rng.choice([56.0, 64.0, 72.0]), "qty": 16.0, "unit": 12.0, "pu": 24.0, "total": 26.0}
    widths["tva"] = 12.0
    order = [*order, "tva"] if rng.random() < 0.5 else order  # the table narrower than the page
    names = {**_NAMES, "tva": "TVA"}
    numbered = rng.random() < 0.6
    forms = rng.sample(_NOTES, 2)
    indent = rng.choice([0.0, 3.0, 6.0])
    size = rng.choice([7.0, 7.5])
    grid = _Grid(pdf, quote, order, widths, names)
    grid.header()
    for index, line in enumerate(quote.lines, start=1):
        extra = {"tva": f"{quote.vat_rate:g} %"} if "tva" in order else {}
        grid.line(line, style, extra, prefix=f"{index:02d} — " if numbered else "")
        if rng.random() < 0.5:
            continue
        note = rng.choice(forms).format(rng.choice(_NOTE_TEXTS))
        note = note[0].upper() + note[1:] if not note.startswith("y compris") else note
        for chunk in grid.chunks(note, widths["designation"] - indent, size, "I"):
            grid.room_for(4)
            pdf.set_font("DejaVu", "I", size)
            pdf.cell(indent, 4, "", border="L")
            pdf.cell(widths["designation"] - indent, 4, chunk, border="R")
            for key in order[1:]:
                pdf.cell(widths[key], 4, "", border="LR")
            pdf.ln(4)
    grid.close()
    pdf.set_auto_page_break(True, margin=18)
    _totals(pdf, quote, style)


_RENDER = {"coded": _coded, "headed": _headed, "noted": _noted}


def build_column(family: str, seed: int) -> UnseenQuote:
    rng = random.Random(f"{family}-{seed}")
    count = rng.randint(5, 12)
    lines = _draw_lines(rng, count, long=family in ("coded", "noted"))
    quote = drawn_quote(family, seed, rng, lines)
    style = Style(rng)
    pdf = _pdf()
    pdf.add_page()
    _letterhead(pdf, quote, rng)
    _RENDER[family](pdf, quote, style, rng)
    _sign_off(pdf)
    quote.pdf = bytes(pdf.output())
    return quote
