"""Frozen held-out set 11: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families11 OUT_DIR [--seed 2036]

Made once into ``tests/heldout/frozen11/`` (see its README) to measure the robots of session 11's
start (b7979cf) and end on documents unlike the layouts of ``generate.py`` and ``families.py`` to
``families10.py``:

- ``dimensions``: an estimating program's quote whose grid prints each line's take-off in columns
  of its own before the quantity (after the public help pages of trade software whose "métré"
  computes a line's quantity from variables: length, width, height, a number of identical parts,
  the openings to deduct): "Désignation | Nb | Long. | Haut./Larg. | Déduct. | Quantité | U | P.U.
  HT | Montant HT | TVA", five numeric cells before the quantity on a measured line (the product
  of the number, the length and the height, less the openings, is the quantity, exactly), only the
  number and the length on a line in metres, the quantity alone elsewhere;
- ``cents``: a pre-printed quote or invoice form (a manifold book's page, the firm's name printed
  in the form's ink) filled in by the firm's computer: the amount columns ruled into euros and
  cents, "P.U. H.T. € | c" and "Montant H.T. € | c", every amount typed as its euros in one cell and
  its two cent digits in the next, with no decimal comma; the totals in the same split boxes; the
  quantity first, then the unit, then the wording, as the form prints its columns.

Scans and photos of four of the documents (two per family): a fax, a phone photo with a shadow,
a scanned PDF, a page scanned sideways (``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover as in set 5 (``families5._pick``), with the line
wordings replaced by the public ones of ``tests/heldout/wordings11/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF

from tests.heldout.catalog import DDE, INC, TGN
from tests.heldout.families import _fpdf, _site_text
from tests.heldout.families2 import _is_invoice, _phone, _title
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families5 import _pick
from tests.heldout.families7 import _UNITS, _seller
from tests.heldout.families10 import _mono, _refs, _terms
from tests.heldout.family_set import FamilySet, main
from tests.heldout.generate import Line, Quote
from tests.heldout.render import amount, fr_date, quantity, rate, siret_text

WORDINGS = Path(__file__).parent / "wordings11" / "wordings.tsv"


def _cell_rows(pdf: FPDF, text: str, width: float) -> list[str]:
    """The rows a wrapped cell of ``width`` takes in the current font."""
    rows = pdf.multi_cell(width, 4, text, dry_run=True, output="LINES")
    return [str(row) for row in rows] if isinstance(rows, list) and rows else [""]


# --------------------------------------------------------------------------- dimensions (take-off columns)

_OPENINGS = (1.68, 1.62, 2.16)  # a door 0,80 x 2,10, windows 1,20 x 1,35 and 1,20 x 1,80


def _factors(total_cents: int, rng: random.Random, wall: bool) -> tuple[int, int, int] | None:
    """(number, length, height) in hundredths whose product is ``total_cents`` hundredths of a square
    metre exactly: a floor, or a wall (``wall``: a room's height, openings in it), measured as a
    program's take-off states it."""
    lengths = list(range(180, 801, 5))
    rng.shuffle(lengths)
    low, high = (220, 300) if wall else (80, 650)
    for number in (1, 2, 4) if rng.random() < 0.3 else (1,):
        for length in lengths:
            height, rest = divmod(total_cents * 100, number * length)
            if not rest and low <= height <= high:
                return number, length, height
    return None


def _takeoff(line: Line, rng: random.Random) -> list[str]:
    """The cells Nb, Long., Haut./Larg., Déduct. of a line: what the take-off multiplies to its
    quantity, or nothing where the line is not measured."""
    blank = ["", "", "", ""]
    if line.category == "discount" or not line.measurable:
        return blank
    cents = round(line.quantity * 100)
    if line.unit == "ml":
        number = rng.choice([1, 1, 2])
        if cents % number:
            number = 1
        return [str(number), quantity(cents / number / 100), "", ""]
    if line.unit != "m2":
        return blank
    deduct = rng.choice(_OPENINGS) if rng.random() < 0.4 else 0.0
    found = _factors(cents + round(deduct * 100), rng, True) if deduct else None
    if found is None:
        deduct, found = 0.0, _factors(cents, rng, False)
    if found is None:
        return blank
    number, length, height = found
    return [
        str(number),
        f"{length / 100:.2f}".replace(".", ","),
        f"{height / 100:.2f}".replace(".", ","),
        f"-{deduct:.2f}".replace(".", ",") if deduct else "",
    ]


_DIM_COLS = (
    ("Désignation", 58.0, "L"),
    ("Nb", 8.0, "C"),
    ("Long.", 12.0, "R"),
    ("Haut./Larg.", 15.0, "R"),
    ("Déduct.", 12.0, "R"),
    ("Quantité", 15.0, "R"),
    ("U", 9.0, "C"),
    ("P.U. HT", 17.0, "R"),
    ("Montant HT", 20.0, "R"),
    ("TVA", 9.0, "R"),
)


def render_dimensions(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(False)
    pdf.set_margins(12, 12, 12)
    shade = rng.choice([(231, 238, 247), (238, 238, 238), (244, 236, 225)])
    pdf.add_page()
    pdf.set_font("Cond", "B", 12)
    pdf.set_xy(12, 12)
    pdf.cell(95, 6, f"{a['name']} {a['legal_form']}")
    pdf.set_font("Cond", "", 8)
    pdf.set_xy(12, 18.5)
    pdf.multi_cell(
        95,
        3.8,
        "\n".join([*_seller(quote)[1:], f"Tél. {_phone(rng)}", f"SIRET {siret_text(quote)} – TVA {a['tva_number']}"]),
    )
    pdf.set_fill_color(*shade)
    pdf.rect(120, 12, 78, 20, style="F")
    pdf.set_xy(123, 14)
    pdf.set_font("Cond", "B", 13)
    pdf.cell(72, 6, f"{_title(quote)} N° {quote.number}")
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(123, 21)
    pdf.multi_cell(72, 4, f"Date : {fr_date(quote.date, st)}\nÉtabli par le métreur de l'entreprise")
    pdf.set_xy(120, 38)
    pdf.set_font("Cond", "B", 9)
    customer = _customer(quote)
    pdf.cell(78, 4.5, customer[0])
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(120, 42.5)
    pdf.multi_cell(78, 4, "\n".join(customer[1:]))
    y = max(pdf.get_y(), 40) + 4
    pdf.set_xy(12, y)
    pdf.set_font("Cond", "", 8.5)
    pdf.multi_cell(186, 4, "\n".join(f"{label} : {value}" for label, value in _refs(quote, rng)))
    y = pdf.get_y() + 3

    def header(top: float) -> float:
        pdf.set_fill_color(*shade)
        pdf.set_font("Cond", "B", 7.5)
        x = 12.0
        for title, width, _ in _DIM_COLS:
            pdf.set_xy(x, top)
            pdf.cell(width, 6, title, border=1, align="C", fill=True)
            x += width
        pdf.set_xy(12, top + 6)
        pdf.set_font("Cond", "", 6.5)
        pdf.cell(186, 3.5, "Métré : Nb x Long. x Haut./Larg. – déductions = Quantité", align="L")
        return top + 10

    y = header(y)
    for line in quote.lines:
        discount = line.category == "discount"
        pdf.set_font("Cond", "", 8)
        wrapped = _cell_rows(pdf, line.designation, _DIM_COLS[0][1] - 1)
        height = 4 * len(wrapped) + 1.5
        if y + height > 262:
            pdf.add_page()
            y = header(14)
        cells = [
            line.designation,
            *_takeoff(line, rng),
            "" if discount else quantity(line.quantity),
            "" if discount else _UNITS[line.unit],
            "" if discount else amount(line.unit_price_ht, st, False),
            amount(line.total_ht, st, False),
            rate(line.tva_rate).replace(" %", ""),
        ]
        x = 12.0
        for k, ((_, width, align), text) in enumerate(zip(_DIM_COLS, cells, strict=True)):
            pdf.set_xy(x, y + 0.7)
            if k == 0:
                pdf.multi_cell(width, 4, text, align="L")
            else:
                pdf.set_font("Cond", "B" if k == 5 else "", 8)  # the quantity the take-off makes, in bold
                pdf.cell(width, 4, text, align=align)
                pdf.set_font("Cond", "", 8)
            x += width
        y += height
        pdf.set_draw_color(200, 200, 200)
        pdf.line(12, y, 198, y)
        pdf.set_draw_color(0, 0, 0)
    rows = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    if y + 6 * len(rows) + 30 > 285:
        pdf.add_page()
        y = 14
    y += 4
    for label, total in rows:
        strong = label.startswith(("Total TTC", "Net"))
        pdf.set_font("Cond", "B" if strong else "", 9)
        pdf.set_xy(120, y)
        pdf.cell(48, 5.5, label, border=1, fill=strong)
        pdf.cell(30, 5.5, amount(total, st), border=1, align="R", fill=strong)
        y += 5.5
    pdf.set_xy(12, y + 5)
    pdf.set_font("Cond", "", 8)
    pdf.multi_cell(
        186, 3.8, _terms(quote) + ("" if _is_invoice(quote) else "\nBon pour accord, date et signature du client :")
    )
    return bytes(pdf.output())


# --------------------------------------------------------------------------- cents (pre-printed form)

_FORM_COLS = (
    ("Quantité", 17.0),
    ("Unité", 12.0),
    ("Désignation", 86.0),
    ("€", 19.0),
    ("c", 7.0),
    ("€", 22.0),
    ("c", 7.0),
)


def _split(value: float, thousands: str) -> tuple[str, str]:
    """An amount as the form takes it: its euros in one cell, its two cent digits in the next."""
    text = amount(value, {"thousands": thousands, "currency": ""}, False)
    euros, cents = text.split(",")
    return euros, cents


def render_cents(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    ink = rng.choice([(24, 70, 140), (150, 40, 40), (30, 110, 70)])
    thousands = rng.choice([" ", ".", ""])
    typed = rng.choice(["Mono", "Cond"])
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    _mono(pdf)
    pdf.set_auto_page_break(False)
    x0 = 10.0
    widths = [w for _, w in _FORM_COLS]
    rows_per_page = 20
    row_h = 7.0
    lines = list(quote.lines)
    pages = [lines[k : k + rows_per_page] for k in range(0, len(lines), rows_per_page)] or [[]]

    def form(page: int) -> float:
        """The printed form: what the printer's ink laid down before anything was typed."""
        pdf.add_page()
        pdf.set_draw_color(*ink)
        pdf.set_text_color(*ink)
        pdf.set_line_width(0.5)
        pdf.rect(x0, 10, 190, 36)
        pdf.set_font("Serif", "B", 15)
        pdf.set_xy(x0 + 3, 12)
        pdf.cell(110, 7, f"{a['name']} {a['legal_form']}".upper())
        pdf.set_font("Serif", "", 8)
        pdf.set_xy(x0 + 3, 20)
        pdf.multi_cell(
            110,
            3.6,
            "\n".join(
                [*_seller(quote)[1:], f"Tél. {phone}", f"SIRET {siret_text(quote)}  –  N° TVA {a['tva_number']}"]
            ),
        )
        pdf.set_font("Serif", "B", 20)
        pdf.set_xy(x0 + 120, 12)
        pdf.cell(66, 9, _title(quote), align="C")
        pdf.set_font("Serif", "", 8)
        for k, label in enumerate(("N°", "Date", "Page")):
            pdf.set_xy(x0 + 120, 24 + k * 6.5)
            pdf.cell(16, 6, label, border=1)
            pdf.rect(x0 + 136, 24 + k * 6.5, 50, 6)
        pdf.rect(x0 + 100, 50, 90, 30)
        pdf.set_xy(x0 + 102, 51)
        pdf.set_font("Serif", "", 7)
        pdf.cell(40, 3, "Client")
        pdf.set_xy(x0, 50)
        pdf.cell(40, 3, "Adresse des travaux / références")
        top = 86.0
        pdf.set_line_width(0.3)
        pdf.set_font("Serif", "B", 8)
        x = x0
        # the header: two rows, the money columns under one heading each, ruled into € and c
        for k, (title, width) in enumerate(_FORM_COLS):
            if k < 3:
                pdf.set_xy(x, top)
                pdf.cell(width, 10, title, border=1, align="C")
            else:
                pdf.set_xy(x, top + 5)
                pdf.cell(width, 5, title, border=1, align="C")
            x += width
        pdf.set_xy(x0 + sum(widths[:3]), top)
        pdf.cell(widths[3] + widths[4], 5, "P.U. H.T.", border=1, align="C")
        pdf.cell(widths[5] + widths[6], 5, "Montant H.T.", border=1, align="C")
        body = top + 10
        pdf.rect(x0, body, 190, rows_per_page * row_h)
        x = x0
        for width in widths[:-1]:
            x += width
            pdf.line(x, body, x, body + rows_per_page * row_h)
        pdf.set_draw_color(*[min(255, c + 120) for c in ink])
        for k in range(1, rows_per_page):
            pdf.line(x0, body + k * row_h, x0 + 190, body + k * row_h)
        pdf.set_draw_color(*ink)
        pdf.set_font("Serif", "", 6.5)
        pdf.set_xy(x0, 287)
        pdf.cell(
            190,
            3,
            f"{a['name']} {a['legal_form']} – SIRET {siret_text(quote)} – imprimé en liasse autocopiante",
            align="C",
        )
        pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(0, 0, 0)
        return body

    phone = _phone(rng)
    customer = _customer(quote)
    refs = [f"{label} : {value}" for label, value in _refs(quote, rng)]
    for page, chunk in enumerate(pages, start=1):
        body = form(page)
        pdf.set_font(typed, "", 8.5)
        for k, text in enumerate((quote.number, fr_date(quote.date, st), f"{page}/{len(pages)}")):
            pdf.set_xy(x0 + 138, 24.5 + k * 6.5)
            pdf.cell(46, 5, text)
        pdf.set_xy(x0 + 102, 55)
        pdf.multi_cell(86, 4, "\n".join(customer))
        pdf.set_xy(x0 + 1, 54)
        pdf.set_font(typed, "", 7.5)
        pdf.multi_cell(97, 3.6, "\n".join([f"Chantier : {_site_text(quote, rng)}", *refs[1:]]))
        for k, line in enumerate(chunk):
            discount = line.category == "discount"
            y = body + k * row_h + 1.5
            pdf.set_font(typed, "", 8 if typed == "Cond" else 7)
            cells = [
                "" if discount else quantity(line.quantity),
                "" if discount else _UNITS[line.unit],
                line.designation,
                *(("", "") if discount else _split(line.unit_price_ht, thousands)),
                *_split(line.total_ht, thousands),
            ]
            x = x0
            for col, ((_, width), text) in enumerate(zip(_FORM_COLS, cells, strict=True)):
                pdf.set_xy(x + 0.5, y)
                if col == 2:
                    size = pdf.font_size_pt
                    while pdf.get_string_width(text) > width - 2 and size > 5.5:
                        size -= 0.3
                        pdf.set_font_size(size)
                    pdf.cell(width - 1, 4, text)
                    pdf.set_font_size(8 if typed == "Cond" else 7)
                else:
                    pdf.cell(width - 1.5, 4, text, align="C" if col == 1 else "R")
                x += width
    # the totals: boxes under the money columns, ruled like them
    y = body + rows_per_page * row_h + 3
    label_x = x0 + sum(widths[:3]) - 40
    rows = _total_rows(quote, "Total H.T.", lambda v: f"T.V.A. {rate(v['rate'])}", "Total T.T.C.")
    for label, total in rows:
        euros, cents = _split(total, thousands)
        pdf.set_draw_color(*ink)
        pdf.set_text_color(*ink)
        pdf.set_font("Serif", "B", 8)
        pdf.set_xy(label_x, y)
        pdf.cell(40 + widths[3] + widths[4], 6.5, label, border=1)
        pdf.set_xy(x0 + sum(widths[:5]), y)
        pdf.cell(widths[5], 6.5, "", border=1)
        pdf.cell(widths[6], 6.5, "", border=1)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(typed, "B" if label.startswith(("Total T.T.C.", "Net")) else "", 8.5)
        pdf.set_xy(x0 + sum(widths[:5]), y + 1.2)
        pdf.cell(widths[5] - 1.5, 4, euros, align="R")
        pdf.cell(widths[6] - 1, 4, cents, align="R")
        y += 6.5
    pdf.set_draw_color(0, 0, 0)
    pdf.set_xy(x0, body + rows_per_page * row_h + 4)
    pdf.set_font(typed, "", 7)
    pdf.multi_cell(label_x - x0 - 3, 3.4, _terms(quote))
    if not _is_invoice(quote):
        pdf.set_text_color(*ink)
        pdf.set_font("Serif", "", 7)
        pdf.set_xy(x0, y + 2)
        pdf.cell(90, 4, "Bon pour accord – date et signature du client")
        pdf.rect(x0, y + 6, 90, 16)
        pdf.set_text_color(0, 0, 0)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"dimensions": render_dimensions, "cents": render_cents}
_TEXT_SCENARIOS = {
    "dimensions": (
        "fair",
        "inflated",
        "fair",
        "arithmetic_error",
        "regional_fair",
        "invalid_siret",
        "fair",
        "not_covered",
        "fair",
        "slightly_high",
        "fair",
        "regional_fair",
    ),
    "cents": (
        "fair",
        "slightly_high",
        "fair",
        "arithmetic_error",
        "regional_fair",
        "inflated",
        "fair",
        "not_covered",
        "fair",
        "invalid_siret",
        "fair",
        "fair",
    ),
}
_INVOICES = {"dimensions": (6,), "cents": (2,)}
_COVERS = (DDE, INC, DDE, DDE, TGN, DDE, INC, DDE, TGN, DDE, INC, DDE)
SCANS = (
    ("dimensions", "fax", "fair", DDE),
    ("dimensions", "photo_shadow", "inflated", INC),
    ("cents", "scan_pdf", "fair", TGN),
    ("cents", "rotated", "fair", DDE),
)


def _base(rng: random.Random, family: str, scenario: str, cover: str, invoice: bool, media: str) -> str:
    # the estimating program's quotes are long now and then (14 to 22 lines, over two pages)
    long = family == "dimensions" and not invoice and media == "text_pdf" and rng.random() < 0.3
    return "invoice" if invoice else "multipage" if long else "export"


# the k-th text PDF of a family under _COVERS[k]: no glass breakage in set 11
SET = FamilySet(
    "families11",
    "onzième",
    2036,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    lambda _, k, __: _COVERS[k],
    _INVOICES,
    SCANS,
    lambda k, _: False,
    _base,
    ("devis", "facture", "devis_metre", "liasse", "scan_bureau"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
