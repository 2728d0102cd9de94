"""Frozen held-out set 18: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families18 OUT_DIR [--seed 2180]

Made once into ``tests/heldout/frozen18/`` (see its README) to measure session 16's start robot
(db9f941) and its first round on documents unlike the layouts of ``generate.py`` and ``families.py``
to ``families17.py``. Both come from the finishing trades working alone or in micro-firms (painters,
paperhangers, plasterers, floor layers, tilers, joiners fitting doors and windows) and the cheap tools
they make a quote with:

- ``gridsheet``: the **spreadsheet printed as it is on screen**: the sheet's column letters
  (A, B, C …) across the top and its row numbers (1, 2, 3 …) down the left of every page, light
  gridlines round every cell, the print header the program adds (the file's name, the day it was
  printed) and its footer (the tab's name, the page); the firm, the customer and the references in
  cells at the top, then a grid "N° | Désignation | Unité | Qté | (PU de base | Coef.) | PU HT |
  Total HT" where, on most sheets, **each line's price is a base price times a coefficient for the
  state of the support** (the painter's complexity coefficient), numbers in the sheet's "general" format
  (``12,5``, ``1234,5``, ``22``) or in euros, the totals in the last two columns;
- ``flyer``: the **designer template of a free online design tool** (a Canva-like model): a coloured
  band with the firm's name and a large spaced "D E V I S", three rounded cards ("ÉMIS PAR", "POUR",
  "DÉTAILS"), the lines in a rounded, unruled table of zebra rows ("Prestation | Qté | Prix unit. |
  Total") **beside a promotional column** that runs down the page with its own figures (years of
  experience, a customer rating "4,8/5 – 126 avis", a ten-year guarantee policy number, a sponsorship
  discount, a QR code, two photos of earlier works), then the totals in a coloured rounded box and the
  payment shares (deposit at signing, balance at the end) under it.

Scans and photos of four of the documents (two per family): a crumpled printed sheet, a
low-resolution scan, a phone photo with a shadow, a flatbed scan (``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover among the finishing trades only (``_pick``), with the line
wordings replaced by the public ones of ``tests/heldout/wordings18/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date as Date
from datetime import timedelta
from pathlib import Path

from fpdf import FPDF

from tests.heldout.catalog import DDE, INC, ITEMS, TGN
from tests.heldout.families import _insurance, _site_text
from tests.heldout.families2 import _is_invoice, _phone, _title
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families7 import _UNITS, _seller
from tests.heldout.families10 import _terms
from tests.heldout.families11 import _cell_rows
from tests.heldout.families12 import open_page
from tests.heldout.family_set import FamilySet, export_or_letter, main
from tests.heldout.generate import Line, Quote
from tests.heldout.render import amount, fr_date, quantity, rate, siret_text
from tests.heldout.set_plan import covers_by_index

WORDINGS = Path(__file__).parent / "wordings18" / "wordings.tsv"

# --------------------------------------------------------------------------- the finishing trades' work

# What a finisher prices under each cover, and the site costs. (No glass breakage: a finisher's quote
# under it would price the whole window, which that cover excludes.)
_WORK = {
    DDE: (
        "wall_painting",
        "ceiling_painting",
        "wallpaper_removal",
        "wallpaper_laying",
        "surface_prep",
        "stain_primer",
        "plasterboard",
        "joint_filler",
        "laminate_floor",
        "floor_removal",
        "vinyl_floor",
        "skirting",
        "floor_tiling",
        "wall_tiling",
        "tile_removal",
        "suspended_ceiling",
    ),
    INC: (
        "wall_painting",
        "ceiling_painting",
        "surface_prep",
        "stain_primer",
        "plasterboard",
        "joint_filler",
        "interior_door",
    ),
    TGN: ("ceiling_painting", "wall_painting", "stain_primer", "plasterboard", "joint_filler", "suspended_ceiling"),
}
_SITE_COSTS = {
    DDE: ("protection", "cleaning", "travel_setup", "labour"),
    INC: ("protection", "cleaning", "travel_setup"),
    TGN: ("protection", "travel_setup", "cleaning"),
}


def _pick(worded: frozenset[str]) -> Callable[[random.Random, str, int], list[str]]:
    """The categories of a finisher's quote: the work its cover pays, with public wordings."""

    def pick(rng: random.Random, cover: str, count: int) -> list[str]:
        site = [c for c in _SITE_COSTS[cover] if c in worded]
        extra = rng.sample(site, k=rng.randint(1, min(2, len(site))))
        work = [c for c in _WORK[cover] if c in worded]
        chosen = rng.sample(work, k=min(count, len(work)))
        return extra[:1] + chosen + extra[1:]

    return pick


def _trades(quote: Quote) -> str:
    """The firm's trades as it prints them, from its lines."""
    names = {ITEMS[line.category].trade for line in quote.lines if line.category in ITEMS}
    names -= {"Installation de chantier", "Main d'œuvre"}
    return " · ".join(sorted(names)) or "Peinture"


def _short(value: float, st: dict[str, object], general: bool) -> str:
    """A number as the sheet shows it: Excel's "general" format drops trailing zeros and the unit."""
    if not general:
        return amount(value, st)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


# --------------------------------------------------------------------------- gridsheet (printed spreadsheet)

_ROW = 5.0  # one sheet row
_GUTTER = 8.0  # the row numbers' column
_TOP = 16.0  # under the print header and the column letters


class _Sheet:
    """Draws a printed sheet row by row: the row numbers down the left, the column letters across the top
    of every page, the gridlines round each cell, the print header and footer."""

    def __init__(self, pdf: FPDF, widths: list[float], header: tuple[str, str], tab: str) -> None:
        self.pdf, self.widths, self.header, self.tab = pdf, widths, header, tab
        self.row, self.y, self.page = 0, _TOP, 0
        self.left = 8.0 + _GUTTER
        self.new_page()

    def new_page(self) -> None:
        pdf = self.pdf
        if self.page:
            self.footer()
            pdf.add_page()
        self.page += 1
        pdf.set_font("Cond", "", 7)
        pdf.set_text_color(90, 90, 90)
        pdf.set_xy(8, 4)
        pdf.cell(100, 4, self.header[0])
        pdf.set_xy(110, 4)
        pdf.cell(92, 4, self.header[1], align="R")
        pdf.set_fill_color(230, 230, 230)
        pdf.set_draw_color(170, 170, 170)
        pdf.rect(8, 10, _GUTTER, 6, style="DF")
        x = self.left
        for k, width in enumerate(self.widths):
            pdf.rect(x, 10, width, 6, style="DF")
            pdf.set_xy(x, 11)
            pdf.cell(width, 4, chr(ord("A") + k), align="C")
            x += width
        pdf.set_text_color(0, 0, 0)
        self.y = _TOP

    def footer(self) -> None:
        pdf = self.pdf
        pdf.set_font("Cond", "", 7)
        pdf.set_text_color(90, 90, 90)
        pdf.set_xy(8, 287)
        pdf.cell(194, 4, f"{self.tab}        Page {self.page}", align="C")
        pdf.set_text_color(0, 0, 0)

    def put(
        self,
        cells: dict[int, str],
        height: int = 1,
        bold: frozenset[int] = frozenset(),
        right: frozenset[int] = frozenset(),
        fill: tuple[int, int, int] | None = None,
        size: float = 8.0,
        span: dict[int, int] | None = None,
    ) -> None:
        """One sheet row ``height`` rows tall (a wrapped cell makes Excel's row taller); ``cells`` by
        column index, each a text with "\\n" between its wrapped rows; ``span`` merges a cell rightwards."""
        pdf, span = self.pdf, span or {}
        tall = _ROW * height
        if self.y + tall > 283:
            self.new_page()
        self.row += 1
        pdf.set_draw_color(170, 170, 170)
        pdf.set_fill_color(230, 230, 230)
        pdf.rect(8, self.y, _GUTTER, tall, style="DF")
        pdf.set_font("Cond", "", 7)
        pdf.set_text_color(90, 90, 90)
        pdf.set_xy(8, self.y + (tall - 4) / 2)
        pdf.cell(_GUTTER, 4, str(self.row), align="C")
        pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(205, 205, 205)
        x, k = self.left, 0
        while k < len(self.widths):
            width = sum(self.widths[k : k + span.get(k, 1)])
            if fill:
                pdf.set_fill_color(*fill)
                pdf.rect(x, self.y, width, tall, style="DF")
            else:
                pdf.rect(x, self.y, width, tall)
            text = cells.get(k, "")
            if text:
                pdf.set_font("Cond", "B" if k in bold else "", size)
                for n, part in enumerate(text.split("\n")):
                    pdf.set_xy(x + 0.8, self.y + 0.5 + 4.2 * n)
                    pdf.cell(width - 1.6, 4, part, align="R" if k in right else "L")
            x += width
            k += span.get(k, 1)
        self.y += tall


def render_gridsheet(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    general = rng.random() < 0.6
    coefficients = rng.random() < 0.7
    vat_column = len({line.tva_rate for line in quote.lines}) > 1
    # N° | Désignation | Unité | Qté | (PU base | Coef.) | PU HT | (TVA) | Total HT, 186 mm in all
    names = ["N°", "Désignation", "Unité", "Qté"]
    widths = [8.0, 0.0, 11.0, 14.0]
    if coefficients:
        names += ["PU de base", "Coef."]
        widths += [18.0, 11.0]
    names += ["PU HT"]
    widths += [18.0]
    if vat_column:
        names += ["TVA"]
        widths += [11.0]
    names += ["Total HT"]
    widths += [22.0]
    widths[1] = 186.0 - sum(widths)
    last, before = len(widths) - 1, len(widths) - 2
    pdf = open_page(quote)
    stem = (quote.client.get("company") or quote.client["name"]).split()[-1].lower()
    kind = "facture" if invoice else "devis"
    printed = Date.fromisoformat(quote.date) + timedelta(days=rng.randint(0, 3))
    sheet = _Sheet(
        pdf,
        widths,
        (f"{kind}_{stem}_{quote.number}.xlsx", f"Imprimé le {printed.day:02d}/{printed.month:02d}/{printed.year}"),
        rng.choice(["Feuil1", kind.capitalize(), f"{kind.capitalize()} {quote.date[:4]}", "Modèle"]),
    )
    # the top cells: the firm left, the document's references right
    refs = [(_title(quote), quote.number), ("Date", fr_date(quote.date, st))]
    if invoice:
        refs += [("Devis n°", st["quote_ref"]), ("Travaux du", fr_date(st["works_from"], st))]
    else:
        refs.append(("Valable jusqu'au", fr_date(quote.valid_until, st)))
    if quote.claim_reference:
        refs.append(("Sinistre", quote.claim_reference))
    firm = [*_seller(quote)[1:], f"Tél. {_phone(rng)}", f"SIRET : {siret_text(quote)}"]
    if rng.random() < 0.5:
        firm.append(f"N° TVA : {a['tva_number']}")
    label_col = last - 2
    rows = max(len(firm) + 1, len(refs))
    for k in range(rows):
        cells: dict[int, str] = {}
        bold: set[int] = set()
        if k == 0:
            cells[1] = f"{a['name']} {a['legal_form']}"
            bold.add(1)
        elif k - 1 < len(firm):
            cells[1] = firm[k - 1]
        if k < len(refs):
            cells[label_col] = refs[k][0]
            cells[last] = refs[k][1]
            bold |= {label_col} if k == 0 else set()
        sheet.put(cells, bold=frozenset(bold), span={label_col: 2}, size=9.5 if k == 0 else 8.0)
    sheet.put({})
    customer = _customer(quote)
    site = [_site_text(quote, rng)]
    if quote.date_of_loss:
        site.append(f"Sinistre du {fr_date(quote.date_of_loss, st)}")
    sheet.put({1: "Chantier :", label_col: "Client :"}, bold=frozenset({1, label_col}), span={label_col: 3})
    for k in range(max(len(customer), len(site))):
        sheet.put(
            {1: site[k] if k < len(site) else "", label_col: customer[k] if k < len(customer) else ""},
            span={label_col: 3},
        )
    sheet.put({})
    sheet.put(
        dict(enumerate(names)),
        bold=frozenset(range(len(names))),
        fill=(221, 235, 247),
        right=frozenset(range(3, len(names))),
    )
    pdf.set_font("Cond", "", 8)
    for n, line in enumerate(quote.lines, start=1):
        wrapped = _cell_rows(pdf, line.designation, widths[1] - 1.6)
        discount = line.category == "discount"
        cells = {0: str(n), 1: "\n".join(wrapped)}
        if not discount:
            cells[2] = _UNITS[line.unit]
            cells[3] = quantity(line.quantity)
            col = 4
            if coefficients:
                coef = rng.choice([1.0, 1.0, 1.1, 1.15, 1.2, 1.25])
                cells[col] = _short(round(line.unit_price_ht / coef, 2), st, general)
                cells[col + 1] = quantity(coef)
                col += 2
            cells[col] = _short(line.unit_price_ht, st, general)
            if vat_column:
                cells[col + 1] = rate(line.tva_rate)
        cells[last] = _short(line.total_ht, st, general)
        sheet.put(cells, height=len(wrapped), right=frozenset(range(3, len(names))))
    sheet.put({})
    total_rows = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    for name, value in total_rows:
        bold = name.startswith(("Total TTC", "Net", "Reste"))
        sheet.put(
            {before - 1: name, last: _short(value, st, general)},
            bold=frozenset({before - 1, last}) if bold else frozenset(),
            right=frozenset({last}),
            span={before - 1: 2},
        )
    sheet.put({})
    notes = [_terms(quote), _insurance(rng)]
    if not invoice:
        notes.append("Bon pour accord, date et signature du client :")
    for note in notes:
        pdf.set_font("Cond", "", 8)
        wrapped = _cell_rows(pdf, note, sum(widths[1:]) - 1.6)
        sheet.put({1: "\n".join(wrapped)}, height=len(wrapped), span={1: len(widths) - 1})
    sheet.footer()
    return bytes(pdf.output())


# --------------------------------------------------------------------------- flyer (designer template)

_SIDE = 46.0  # the promotional column's width
_MAIN = (12.0, 136.0)  # the lines' table: left edge and width


def _qr(pdf: FPDF, x: float, y: float, size: float, rng: random.Random) -> None:
    """A QR code's look: finder squares in three corners and random modules."""
    cell = size / 21
    pdf.set_fill_color(20, 20, 20)
    for i in range(21):
        for j in range(21):
            corner = (i < 7 and j < 7) or (i < 7 and j > 13) or (i > 13 and j < 7)
            if corner:
                ring = max(abs(i % 14 - 3), abs(j % 14 - 3)) if i < 7 or j < 7 else 0
                dark = ring in (0, 1, 3)
            else:
                dark = rng.random() < 0.45
            if dark:
                pdf.rect(x + j * cell, y + i * cell, cell, cell, style="F")


def _side_column(pdf: FPDF, quote: Quote, x: float, y: float, colour: tuple[int, int, int], rng: random.Random) -> None:
    """The promotional column: why us (with its own figures), photos of works, a QR code, a sponsorship."""
    pdf.set_fill_color(246, 244, 240)
    pdf.rect(x, y, _SIDE, 150, style="F", round_corners=True, corner_radius=4)
    pdf.set_font("Cond", "B", 9)
    pdf.set_text_color(*colour)
    pdf.set_xy(x + 4, y + 4)
    pdf.cell(_SIDE - 8, 5, "POURQUOI NOUS CHOISIR ?")
    pdf.set_text_color(40, 40, 40)
    years = rng.randint(6, 28)
    reviews = rng.randint(35, 240)
    score = rng.choice(["4,7", "4,8", "4,9", "5,0"])
    policy = f"{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    points = [
        f"{years} ans d'expérience",
        f"Note {score}/5 – {reviews} avis",
        f"Garantie décennale n° {policy}",
        "Devis gratuit sous 48 h",
        "Chantier protégé et laissé propre",
    ]
    yy = y + 12
    for point in points:
        pdf.set_fill_color(*colour)
        pdf.ellipse(x + 4, yy + 1, 3, 3, style="F")
        pdf.set_font("Cond", "", 8)
        pdf.set_xy(x + 9, yy)
        pdf.multi_cell(_SIDE - 12, 3.8, point, align="L")
        yy = pdf.get_y() + 2
    pdf.set_font("Cond", "B", 9)
    pdf.set_text_color(*colour)
    pdf.set_xy(x + 4, yy + 2)
    pdf.cell(_SIDE - 8, 5, "NOS RÉALISATIONS")
    pdf.set_text_color(40, 40, 40)
    yy += 9
    for k in range(2):
        grey = rng.randint(150, 205)
        pdf.set_fill_color(grey, grey - 8, grey - 20)
        pdf.rect(x + 4 + k * 20, yy, 18, 16, style="F", round_corners=True, corner_radius=2)
        pdf.set_fill_color(grey - 45, grey - 50, grey - 55)
        pdf.rect(x + 6 + k * 20, yy + 6, rng.uniform(7, 12), rng.uniform(5, 8), style="F")
    yy += 20
    _qr(pdf, x + 4, yy, 20, rng)
    pdf.set_font("Cond", "", 7)
    pdf.set_xy(x + 26, yy + 2)
    pdf.multi_cell(_SIDE - 29, 3.4, "Scannez pour voir nos chantiers et nos avis clients", align="L")
    yy += 24
    pdf.set_fill_color(*colour)
    pdf.rect(x + 4, yy, _SIDE - 8, 21, style="F", round_corners=True, corner_radius=3)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Cond", "B", 8)
    pdf.set_xy(x + 6, yy + 2)
    share = rng.choice([5, 10])
    pdf.multi_cell(
        _SIDE - 12, 3.8, f"PARRAINAGE\n-{share} % sur votre prochain chantier pour chaque filleul", align="L"
    )
    pdf.set_text_color(0, 0, 0)


def _card(pdf: FPDF, x: float, y: float, w: float, title: str, rows: list[str], colour: tuple[int, int, int]) -> float:
    pdf.set_font("Cond", "", 7.5)
    height = 9 + sum(3.6 * len(_cell_rows(pdf, r, w - 6)) for r in rows)
    pdf.set_fill_color(246, 244, 240)
    pdf.rect(x, y, w, height, style="F", round_corners=True, corner_radius=3)
    pdf.set_font("Cond", "B", 7.5)
    pdf.set_text_color(*colour)
    pdf.set_xy(x + 3, y + 2)
    pdf.cell(w - 6, 4, title)
    pdf.set_text_color(30, 30, 30)
    pdf.set_font("Cond", "", 7.5)
    pdf.set_xy(x + 3, y + 6.5)
    pdf.multi_cell(w - 6, 3.6, "\n".join(rows), align="L")
    pdf.set_text_color(0, 0, 0)
    return y + height


def _band(pdf: FPDF, quote: Quote, colour: tuple[int, int, int], tall: float) -> None:
    """The coloured band across the top: the firm and its trades left, the spaced title right."""
    a = quote.artisan
    pdf.set_fill_color(*colour)
    pdf.rect(0, 0, 210, tall, style="F")
    pdf.set_fill_color(min(255, colour[0] + 40), min(255, colour[1] + 40), min(255, colour[2] + 40))
    pdf.ellipse(150, -20, 70, 70, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Serif", "B", 17 if tall > 30 else 12)
    pdf.set_xy(12, 9 if tall > 30 else 4)
    pdf.cell(120, 8, a["name"])
    if tall > 30:
        pdf.set_font("Cond", "", 9)
        pdf.set_xy(12, 18)
        pdf.cell(120, 5, _trades(quote))
    title = " ".join(_title(quote))
    pdf.set_font("Cond", "B", 24 if tall > 30 else 13)
    pdf.set_xy(110, 8 if tall > 30 else 4)
    pdf.cell(88, 11 if tall > 30 else 7, title, align="R")
    if tall > 30:
        pdf.set_font("Cond", "", 9)
        pdf.set_xy(110, 21)
        pdf.cell(88, 5, f"N° {quote.number}", align="R")
    pdf.set_text_color(0, 0, 0)


def _flyer_row(pdf: FPDF, y: float, line: Line, st: dict[str, object], shade: bool) -> float:
    x, w = _MAIN
    pdf.set_font("Cond", "B", 8.5)
    wrapped = _cell_rows(pdf, line.designation, 70)
    height = 4.2 * len(wrapped) + 3
    if shade:
        pdf.set_fill_color(248, 246, 242)
        pdf.rect(x, y, w, height, style="F", round_corners=True, corner_radius=2)
    for k, part in enumerate(wrapped):
        pdf.set_xy(x + 3, y + 1.5 + 4.2 * k)
        pdf.cell(70, 4, part)
    pdf.set_font("Cond", "", 8.5)
    if line.category != "discount":
        pdf.set_xy(x + 74, y + 1.5)
        pdf.cell(18, 4, f"{quantity(line.quantity)} {_UNITS[line.unit]}", align="R")
        pdf.set_xy(x + 93, y + 1.5)
        pdf.cell(19, 4, amount(line.unit_price_ht, st), align="R")
    pdf.set_font("Cond", "B", 8.5)
    pdf.set_xy(x + 113, y + 1.5)
    pdf.cell(w - 115, 4, amount(line.total_ht, st), align="R")
    return y + height + 0.8


def render_flyer(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    colour = rng.choice([(38, 70, 83), (42, 157, 143), (231, 111, 81), (94, 84, 142), (188, 108, 37)])
    pdf = open_page(quote)
    _band(pdf, quote, colour, 34)
    # three rounded cards
    issuer = [*_seller(quote)[1:], f"Tél. {_phone(rng)}", f"SIRET {siret_text(quote)}"]
    if rng.random() < 0.5:
        issuer.append(f"TVA {a['tva_number']}")
    details = [f"Date : {fr_date(quote.date, st)}"]
    if invoice:
        details += [f"Devis accepté : {st['quote_ref']}", f"Travaux terminés le {fr_date(st['works_to'], st)}"]
    else:
        details.append(f"Valable jusqu'au {fr_date(quote.valid_until, st)}")
    details.append(f"Chantier : {_site_text(quote, rng)}")
    if quote.claim_reference:
        details.append(f"Sinistre : {quote.claim_reference}")
    width = (186 - 8) / 3
    bottom = max(
        _card(pdf, 12, 40, width, "ÉMIS PAR", issuer, colour),
        _card(pdf, 12 + width + 4, 40, width, "POUR", _customer(quote), colour),
        _card(pdf, 12 + 2 * (width + 4), 40, width, "DÉTAILS", details, colour),
    )
    y = bottom + 6
    side_x = 210 - 12 - _SIDE
    _side_column(pdf, quote, side_x, y, colour, rng)

    def header(top: float) -> float:
        x, w = _MAIN
        pdf.set_fill_color(*colour)
        pdf.rect(x, top, w, 7, style="F", round_corners=True, corner_radius=3)
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("Cond", "B", 8.5)
        for label, left, cw, align in (
            ("Prestation", 3, 70, "L"),
            ("Qté", 74, 18, "R"),
            ("Prix unit.", 93, 19, "R"),
            ("Total", 113, w - 115, "R"),
        ):
            pdf.set_xy(x + left, top + 1.5)
            pdf.cell(cw, 4, label, align=align)
        pdf.set_text_color(0, 0, 0)
        return top + 9

    y = header(y)
    for k, line in enumerate(quote.lines):
        pdf.set_font("Cond", "B", 8.5)
        need = 4.2 * len(_cell_rows(pdf, line.designation, 70)) + 4
        if y + need > 278:
            pdf.set_font("Cond", "", 7)
            pdf.set_xy(12, 284)
            pdf.cell(186, 4, f"Page {pdf.page_no()} – suite page suivante", align="C")
            pdf.add_page()
            _band(pdf, quote, colour, 16)
            y = header(24)
        y = _flyer_row(pdf, y, line, st, k % 2 == 0)
    # the totals box, then the payment shares
    rows = _total_rows(quote, "Sous-total HT", lambda v: f"TVA {rate(v['rate'])}", "TOTAL TTC")
    tall = 7.0 * len(rows) + 6
    if y + tall + 60 > 284:
        pdf.add_page()
        _band(pdf, quote, colour, 16)
        y = 24
    y = max(y + 4, pdf.get_y() + 4) if pdf.page_no() > 1 else max(y + 4, bottom + 160)
    box_x = 210 - 12 - 82
    pdf.set_fill_color(*colour)
    pdf.rect(box_x, y, 82, tall, style="F", round_corners=True, corner_radius=4)
    pdf.set_text_color(255, 255, 255)
    for k, (name, value) in enumerate(rows):
        big = name.startswith(("TOTAL TTC", "Net", "Reste"))
        pdf.set_font("Cond", "B" if big else "", 11 if big else 9)
        pdf.set_xy(box_x + 4, y + 3 + 7 * k)
        pdf.cell(38, 5, name)
        pdf.set_xy(box_x + 42, y + 3 + 7 * k)
        pdf.cell(36, 5, amount(value, st), align="R")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Cond", "", 8)
    pdf.set_xy(12, y + 2)
    if invoice:
        pdf.multi_cell(box_x - 18, 4, "Règlement à réception par virement ou chèque à l'ordre de " + a["name"] + ".")
    else:
        deposit = round(quote.total_ttc * 0.3, 2)
        shares = [
            "MODALITÉS DE PAIEMENT",
            f"Acompte à la signature (30 %) : {amount(deposit, st)}",
            f"Solde à la fin des travaux : {amount(round(quote.total_ttc - deposit, 2), st)}",
        ]
        pdf.multi_cell(box_x - 18, 4.2, "\n".join(shares))
    y += tall + 6
    pdf.set_font("Cond", "", 7)
    pdf.set_xy(12, y)
    pdf.multi_cell(186, 3.3, _terms(quote) + " " + _insurance(rng))
    y = pdf.get_y() + 4
    pdf.set_draw_color(*colour)
    pdf.rect(12, y, 80, 22, round_corners=True, corner_radius=3)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_font("Cond", "B", 8)
    pdf.set_xy(15, y + 2)
    pdf.cell(74, 4, "Travaux réceptionnés – signature" if invoice else "Bon pour accord – date et signature")
    pdf.set_font("Serif", "B", 14)
    pdf.set_text_color(*colour)
    pdf.set_xy(100, y + 6)
    pdf.cell(98, 8, "Merci pour votre confiance !", align="R")
    pdf.set_text_color(0, 0, 0)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"gridsheet": render_gridsheet, "flyer": render_flyer}
_TEXT_SCENARIOS = {
    "gridsheet": (
        "fair",
        "inflated",
        "regional_fair",
        "fair",
        "fair",
        "arithmetic_error",
        "regional_fair",
        "fair",
        "invalid_siret",
        "fair",
    ),
    "flyer": (
        "fair",
        "slightly_high",
        "regional_fair",
        "not_covered",
        "fair",
        "fair",
        "regional_fair",
        "invalid_siret",
        "inflated",
        "fair",
    ),
}
_INVOICES = {"gridsheet": (4,), "flyer": (5,)}
_COVERS = (DDE, INC, DDE, TGN, DDE, DDE, INC, DDE, TGN, DDE)
SCANS = (
    ("gridsheet", "crumpled", "fair", DDE),
    ("gridsheet", "lowres", "inflated", DDE),
    ("flyer", "photo_shadow", "fair", INC),
    ("flyer", "scan_pdf", "fair", DDE),
)


SET = FamilySet(
    "families18",
    "dix-huitième",
    2180,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    covers_by_index(_COVERS),
    _INVOICES,
    SCANS,
    lambda k, _: False,
    export_or_letter(("gridsheet",)),
    ("devis", "facture", "devis_tableur", "document", "devis_client"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
