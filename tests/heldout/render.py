"""Render a held-out ``Quote`` to PDF bytes in a layout the corpus does not use."""

from __future__ import annotations

import html
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

if TYPE_CHECKING:
    from tests.heldout.generate import Line, Quote

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

UNIT_LABELS = {
    "plain": {"m2": "m2", "ml": "ml", "u": "u", "forfait": "forfait", "ens": "ens", "h": "h", "j": "j"},
    "symbols": {"m2": "m²", "ml": "m.l.", "u": "U", "forfait": "Fft", "ens": "Ens.", "h": "heure", "j": "jour"},
    "upper": {"m2": "M2", "ml": "ML", "u": "PCE", "forfait": "FORF", "ens": "ENS", "h": "H", "j": "J"},
}


def amount(value: float, style: dict[str, Any], currency: bool = True) -> str:
    neg = value < 0
    cents = round(abs(value) * 100)
    whole, frac = divmod(cents, 100)
    digits = str(whole)
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    text = str(style["thousands"]).join(groups) + f",{frac:02d}"
    if neg:
        text = "-" + text
    cur = style["currency"]
    if currency and cur:
        text += ("\u00a0" if style["thousands"] == "\u00a0" else " ") + cur
    return text


def quantity(value: float) -> str:
    if value == int(value):
        return str(int(value))
    text = f"{value:.2f}".replace(".", ",")
    return text.rstrip("0") if text.endswith("0") and not text.endswith(",00") else text


def rate(value: float) -> str:
    return (f"{value:.1f}".replace(".", ",") if value != int(value) else str(int(value))) + " %"


def unit_label(line: Line, style: dict[str, Any]) -> str:
    return UNIT_LABELS[str(style["unit_labels"])][line.unit]


def fr_date(iso: str, style: dict[str, Any]) -> str:
    d = Date.fromisoformat(iso)
    if style["date_style"] == "long":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style["date_style"] == "dots":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def siret_text(quote: Quote) -> str:
    s = quote.artisan["siret"]
    return f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}" if quote.style["siret_grouped"] else s


def client_rows(client: dict[str, Any], siret_label: str, contact_label: str = "") -> list[str]:
    """The rows under a customer's name: a company's contact (when labelled), the address, the town,
    a company's SIRET."""
    rows = [f"{contact_label} {client['name']}"] if contact_label and client.get("company") else []
    rows += [client["address"], f"{client['postal_code']} {client['city']}"]
    if client.get("siret"):
        rows.append(f"{siret_label} {client['siret']}")
    return rows


def stacked_cells(pdf: FPDF, width: float, height: float, rows: list[str], new_x: XPos = XPos.LEFT) -> None:
    """Rows one under the other from the current position."""
    for text in rows:
        pdf.cell(width, height, text, new_x=new_x, new_y=YPos.NEXT)


def totals_box(
    pdf: FPDF,
    rows: list[tuple[str, float]],
    st: dict[str, Any],
    x: float,
    widths: tuple[float, float],
    height: float,
    font: tuple[str, float],
    strong: Callable[[str], bool],
    border: int | str = 1,
) -> None:
    """The totals as label / amount cells at x, one row under the other from the current y, the
    ``strong`` ones in bold; leaves the position at the left margin under them."""
    for label, value in rows:
        pdf.set_x(x)
        pdf.set_font(font[0], "B" if strong(label) else "", font[1])
        pdf.cell(widths[0], height, label, border=border)
        pdf.cell(widths[1], height, amount(value, st), border=border, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_pdf(quote: Quote, rng: random.Random) -> bytes:
    if quote.layout == "html":
        return render_html(quote, rng)
    if quote.layout == "freetext":
        return render_freetext(quote, rng)
    return render_table(quote, rng)


# --------------------------------------------------------------------------- fpdf2


def _pdf(quote: Quote) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2025, 1, 1, tzinfo=UTC))
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(14, 12, 14)
    pdf.set_title(f"Devis {quote.number}")
    return pdf


def _write(pdf: FPDF, text: str, size: float = 9, bold: bool = False, h: float = 4.6, align: str = "L") -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.multi_cell(0, h, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _header(pdf: FPDF, quote: Quote, rng: random.Random) -> None:
    a, c, st = quote.artisan, quote.client, quote.style
    size = st["font_size"]
    top = pdf.get_y()
    pdf.set_font("DejaVu", "B", 13)
    pdf.cell(95, 7, f"{a['name']} {a['legal_form']}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", size)
    for text in (
        f"{a['address']}",
        f"{a['postal_code']} {a['city']}",
        f"SIRET : {siret_text(quote)}" if rng.random() < 0.7 else f"Siret n° {siret_text(quote)}",
        f"N° TVA intracom. : {a['tva_number']}",
        f"Assurance décennale {rng.choice(['AXA', 'MAAF Pro', 'SMABTP', 'MMA'])} n° {rng.randint(100000, 999999)}",
    ):
        pdf.cell(95, 4.4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    bottom = pdf.get_y()
    pdf.set_xy(118, top + 2)
    pdf.set_font("DejaVu", "B", size + 1)
    pdf.cell(78, 5, c["name"], new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", size)
    pdf.cell(78, 4.4, c["address"], new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.cell(78, 4.4, f"{c['postal_code']} {c['city']}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(pdf.l_margin, max(bottom, pdf.get_y()) + 4)
    _write(pdf, f"{st['number_label']} {quote.number}", size=12, bold=True, h=6)
    _write(pdf, f"Date : {fr_date(quote.date, st)}    Validité : {fr_date(quote.valid_until, st)}", size=size)
    site = (
        f"{st['site_label']} {rng.randint(1, 60)} {rng.choice(['rue', 'avenue', 'chemin'])} "
        f"{rng.choice(['des Écoles', 'du Port', 'Foch', 'Gambetta'])}, "
        f"{quote.region.postal_code} {quote.region.city}"
    )
    _write(pdf, site, size=size)
    if quote.claim_reference:
        _write(pdf, f"Sinistre n° {quote.claim_reference} du {fr_date(quote.date_of_loss, st)}", size=size)
    pdf.ln(3)


def _totals_rows(quote: Quote) -> list[tuple[str, str]]:
    st = quote.style
    rows = [("Total HT" if st["total_header"] != "Total H.T." else "Total H.T.", amount(quote.total_ht, st))]
    for v in quote.vat_breakdown:
        rows.append((f"TVA {rate(v['rate'])}", amount(v["tva"], st)))
    err = quote.arithmetic_error
    if len(quote.vat_breakdown) > 1 or (err is not None and err["type"] == "total_ht"):
        rows.append(("Total TVA", amount(quote.total_tva, st)))
    rows.append(("Net à payer TTC" if st["siret_grouped"] else "Total TTC", amount(quote.total_ttc, st)))
    return rows


def _totals(pdf: FPDF, quote: Quote) -> None:
    pdf.ln(3)
    size = quote.style["font_size"] + 0.5
    for label, value in _totals_rows(quote):
        pdf.set_x(110)
        pdf.set_font("DejaVu", "B" if "TTC" in label else "", size)
        pdf.cell(50, 5.5, label, border=1)
        pdf.cell(36, 5.5, value, border=1, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _footer(pdf: FPDF, quote: Quote) -> None:
    pdf.ln(4)
    _write(
        pdf,
        "Devis gratuit. Bon pour accord, date et signature du client précédées de la mention "
        "« lu et approuvé ». Le client certifie que les locaux sont achevés depuis plus de deux ans.",
        size=7.5,
        h=3.8,
    )


def render_table(quote: Quote, rng: random.Random) -> bytes:
    """Columns in another order than the corpus; ``multipage`` adds room rows and page reports."""
    st = quote.style
    pdf = _pdf(quote)
    multipage = quote.layout == "multipage"
    if multipage:

        def footer_fn(self: FPDF = pdf) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", "", 7)
            self.cell(0, 5, f"{quote.artisan['name']} – Devis {quote.number} – Page {self.page_no()}/{{nb}}", align="C")

        pdf.footer = footer_fn  # type: ignore[method-assign]
    pdf.add_page()
    _header(pdf, quote, rng)
    tva_col = st["tva_column"]
    headers = ["Réf.", st["qty_header"], st["unit_header"], "Désignation", st["price_header"], st["total_header"]]
    widths: list[float] = [16, 15, 13, 82, 23, 27]
    if tva_col:
        headers.append("TVA")
        widths = [15, 14, 12, 75, 22, 25, 13]
    size = st["font_size"]
    pdf.set_font("DejaVu", "", size)
    align = ["LEFT", "RIGHT", "CENTER", "LEFT", "RIGHT", "RIGHT", "RIGHT"][: len(headers)]
    prefix = rng.choice(["A", "P", "ART", "R"])
    current_room: str | None = None
    running = 0.0
    rows_on_page = 0
    page_break_every = rng.randint(9, 12)
    with pdf.table(
        col_widths=widths,
        text_align=align,
        line_height=4.8,
        repeat_headings=1,
        headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)),
    ) as table:
        head = table.row()
        for h in headers:
            head.cell(h)
        for i, line in enumerate(quote.lines):
            if multipage and line.room and line.room != current_room:
                current_room = line.room
                row = table.row()
                row.cell("")
                row.cell("")
                row.cell("")
                row.cell(line.room.upper())
                for _ in headers[4:]:
                    row.cell("")
            if multipage and st["report_lines"] and rows_on_page >= page_break_every and i < len(quote.lines) - 1:
                row = table.row()
                for _ in headers[:3]:
                    row.cell("")
                row.cell("À reporter")
                row.cell("")
                row.cell(amount(running, st, currency=False))
                if tva_col:
                    row.cell("")
                rows_on_page = 0
            row = table.row()
            row.cell(f"{prefix}{rng.randint(10, 999):03d}" if rng.random() < 0.85 else "")
            row.cell(quantity(line.quantity))
            row.cell(unit_label(line, st))
            row.cell(line.designation)
            row.cell(amount(line.unit_price_ht, st, currency=False))
            row.cell(amount(line.total_ht, st, currency=False))
            if tva_col:
                row.cell(rate(line.tva_rate))
            running += line.total_ht
            rows_on_page += 1
    _totals(pdf, quote)
    _footer(pdf, quote)
    return bytes(pdf.output())


def _free_sentence(line: Line, st: dict[str, Any], rng: random.Random, variant: int) -> str:
    q, u = quantity(line.quantity), unit_label(line, st)
    pu, tot = amount(line.unit_price_ht, st), amount(line.total_ht, st)
    if line.unit == "forfait" and line.quantity == 1 and variant != 2:
        return f"{line.designation} : forfait {tot}" if variant == 0 else f"{line.designation} - forfait - {tot}"
    if variant == 0:
        return f"{line.designation} - {q} {u} x {pu} = {tot}"
    if variant == 1:
        return f"{line.designation} : {q} {u} à {pu} HT, soit {tot} HT"
    return f"{line.designation} ({q} {u} x {pu}) ....... {tot}"


def render_freetext(quote: Quote, rng: random.Random) -> bytes:
    st = quote.style
    pdf = _pdf(quote)
    pdf.add_page()
    _header(pdf, quote, rng)
    size = st["font_size"] + 0.5
    _write(
        pdf,
        rng.choice(["Détail des travaux :", "Travaux à réaliser suite au sinistre :", "Descriptif"]),
        size=size + 1,
        bold=True,
        h=6,
    )
    variant = rng.randrange(3)
    current: str | None = "__start__"
    bullet = rng.choice(["- ", "• ", ""])
    for line in quote.lines:
        room = line.room if line.room and line.room.lower() not in line.designation.lower() else None
        if room != current:
            current = room
            if room:
                pdf.ln(1.5)
                _write(pdf, f"{room} :", size=size, bold=True, h=5.5)
        _write(pdf, bullet + _free_sentence(line, st, rng, variant), size=size, h=5.2)
    pdf.ln(2)
    rate_text = rate(quote.vat_breakdown[0]["rate"])
    _write(pdf, f"Montant total HT : {amount(quote.total_ht, st)}", size=size, h=5.2)
    _write(pdf, f"TVA {rate_text} : {amount(quote.total_tva, st)}", size=size, h=5.2)
    _write(pdf, f"Montant total TTC : {amount(quote.total_ttc, st)}", size=size, bold=True, h=5.5)
    _footer(pdf, quote)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- HTML via Chromium

_CSS = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: 'Liberation Sans', 'DejaVu Sans', sans-serif; font-size: %(size)spt; color: #222; }
.head { display: flex; justify-content: space-between; }
.co { font-size: 14pt; font-weight: bold; color: %(color)s; }
.box { border: 1px solid #999; padding: 6px 10px; width: 42%%; }
h1 { font-size: 15pt; margin: 14px 0 4px; color: %(color)s; }
table.l { width: 100%%; border-collapse: collapse; margin-top: 10px; }
table.l th { background: %(color)s; color: white; padding: 4px; font-weight: normal; text-align: left; }
table.l td { border-bottom: 1px solid #ddd; padding: 3px 4px; vertical-align: top; }
td.n { text-align: right; white-space: nowrap; }
tr.lot td { background: #eee; font-weight: bold; padding-top: 6px; }
tr.sub td { font-style: italic; text-align: right; }
table.t { margin-left: auto; margin-top: 10px; border-collapse: collapse; }
table.t td { padding: 3px 10px; border: 1px solid #bbb; }
.small { font-size: 7.5pt; color: #555; margin-top: 12px; }
"""


def render_html(quote: Quote, rng: random.Random) -> bytes:
    st = quote.style
    a, c = quote.artisan, quote.client
    e = html.escape
    color = rng.choice(["#1f4e79", "#7a2e2e", "#2e5d34", "#444"])
    lots: dict[str, list[tuple[int, Line]]] = {}
    for i, line in enumerate(quote.lines):
        lots.setdefault(line.trade or "Divers", []).append((i, line))
    tva_col = st["tva_column"]
    cols = ["N°", "Désignation", st["unit_header"], st["qty_header"], st["price_header"], st["total_header"]]
    if st["qty_before_designation"]:
        cols = ["N°", st["qty_header"], st["unit_header"], "Désignation", st["price_header"], st["total_header"]]
    if tva_col:
        cols.append("TVA")
    rows = []
    for n, (lot, items) in enumerate(lots.items(), start=1):
        rows.append(f'<tr class="lot"><td colspan="{len(cols)}">Lot {n} - {e(lot)}</td></tr>')
        for k, (_i, line) in enumerate(items, start=1):
            cells = {
                "N°": f"{n}.{k}",
                "Désignation": e(line.designation),
                st["unit_header"]: e(unit_label(line, st)),
                st["qty_header"]: quantity(line.quantity),
                st["price_header"]: e(amount(line.unit_price_ht, st)),
                st["total_header"]: e(amount(line.total_ht, st)),
                "TVA": rate(line.tva_rate),
            }
            rows.append(
                "<tr>"
                + "".join(f'<td class="{"" if col == "Désignation" else "n"}">{cells[col]}</td>' for col in cols)
                + "</tr>"
            )
        sub = sum(line.total_ht for _i, line in items)
        rows.append(
            f'<tr class="sub"><td colspan="{len(cols) - 1}">Sous-total lot {n} HT</td>'
            f'<td class="n">{e(amount(sub, st))}</td></tr>'
        )
    totals = "".join(
        f"<tr><td>{e(label)}</td><td class='n'>{e(value)}</td></tr>" for label, value in _totals_rows(quote)
    )
    claim = (
        f"<div>Réf. sinistre : {e(quote.claim_reference)} du {fr_date(quote.date_of_loss, st)}</div>"
        if quote.claim_reference
        else ""
    )
    doc = f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Devis {e(quote.number)}</title>
<style>{_CSS % {"size": st["font_size"], "color": color}}</style></head><body>
<div class="head"><div><div class="co">{e(a["name"])}</div><div>{e(a["legal_form"])} – {e(a["address"])}</div>
<div>{e(a["postal_code"])} {e(a["city"])}</div><div>SIRET {e(siret_text(quote))} – TVA {e(a["tva_number"])}</div></div>
<div class="box"><b>{e(c["name"])}</b><br>{e(c["address"])}<br>{e(c["postal_code"])} {e(c["city"])}</div></div>
<h1>{e(st["number_label"])} {e(quote.number)}</h1>
<div>Établi le {fr_date(quote.date, st)} – valable jusqu'au {fr_date(quote.valid_until, st)}</div>
<div>{e(st["site_label"])} {e(c["address"])}, {e(quote.region.postal_code)} {e(quote.region.city)}</div>{claim}
<table class="l"><thead><tr>{"".join(f"<th>{e(col)}</th>" for col in cols)}</tr></thead>
<tbody>{"".join(rows)}</tbody></table>
<table class="t">{totals}</table>
<div class="small">Devis gratuit. Conditions de paiement : 30 % à la commande, solde à réception des travaux.
Le client certifie que les locaux sont à usage d'habitation et achevés depuis plus de deux ans.</div>
</body></html>"""
    return chromium_pdf(doc)


def chromium_pdf(document: str) -> bytes:
    exe = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "devis.html", Path(tmp) / "devis.pdf"
        src.write_text(document, encoding="utf-8")
        subprocess.run(
            [
                exe,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--user-data-dir={tmp}/profile",
                f"--print-to-pdf={out}",
                src.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return out.read_bytes()
