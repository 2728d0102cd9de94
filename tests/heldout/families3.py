"""Frozen held-out set 3: four more layout families, scans and photos, with public wordings.

    .venv/bin/python -m tests.heldout.families3 OUT_DIR [--seed 2028]

Made once into ``tests/heldout/frozen3/`` (see its README) to measure issues 11 (reader) and 12
(judge) of session 5 on documents their authors never saw. The families differ in structure from
the corpus, ``generate.py``'s four layouts, ``families.py``'s five and ``families2.py``'s five:

- ``rooms``: trade-software quote per room (Obat/Tolteck-like): a coloured band and a logo block,
  the seller's SIRET under its name, a section per room with "Sous-total <pièce>" rows, a
  reference code before each wording, a per-line discount column (gross unit price, "Remise %",
  net line total), per-line VAT (10 / 20 %), a VAT recap, "Total à reporter" / "Report" rows at
  page breaks, a deposit asked at order, and on invoices a 5 % guarantee withheld (retenue de
  garantie) before the net due; tiny fonts;
- ``vatfree``: a micro-entrepreneur's online invoicing tool (VAT-free small business, "TVA non
  applicable, art. 293 B du CGI"): description first, unit price before the quantity, the unit
  inside the quantity cell ("12,5 m²"), totals HT = net due, the seller's SIRET only in the
  footer with "Dispensé d'immatriculation", customers that are companies with their own SIRET;
- ``metre``: an estimating-software quote with a detailed take-off (métré) under each measured
  line: rows such as "Mur A : 4,20 x 2,50 = 10,50" and "à déduire porte 0,83 x 2,04 = -1,69" whose
  figures are not prices, numbered lines "1.1.1", the seller's SIRET in a boxed identity block on
  the right and the customer's on the left;
- ``recap``: a quote whose first page is a recap by lot (lot totals, HT / TVA / TTC, signature
  box) before the detailed lots on the next pages (each closed by "Total lot n"), the seller's
  identity in a right-hand column, its SIRET in the page footer.

Scans and photos of about a third of the documents: phone photos at an angle, with a hand's
shadow, low-resolution fax, pages scanned upside down or sideways (``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), with the line wordings replaced by the public ones of
``tests/heldout/wordings3/wordings.tsv`` (each with its source address).
"""

from __future__ import annotations

import io
import math
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image, ImageDraw, ImageFilter

from tests.heldout import families, families2
from tests.heldout.catalog import BDG, DDE, INC, TGN
from tests.heldout.generate import Line, Quote, expectations, money
from tests.heldout.render import (
    amount,
    client_rows,
    fr_date,
    quantity,
    rate,
    siret_text,
    stacked_cells,
    totals_box,
    unit_label,
)
from tests.heldout.scan import faxed, pages, photographed, scanned
from tests.heldout.set_plan import Planned, among_fair, family_plan, file_stem, write_json

WORDINGS = Path(__file__).parent / "wordings3" / "wordings.tsv"
FAMILIES = ("rooms", "vatfree", "metre", "recap")


def _net(line: Line) -> float:
    return money(Decimal(str(line.quantity)) * Decimal(str(line.unit_price_ht)))


def _reprice(line: Line, unit_price: float) -> None:
    line.unit_price_ht = unit_price
    line.total_ht = _net(line)
    if line.typical:
        line.price_ratio = round(unit_price / line.typical, 3)


def _retotal(quote: Quote) -> None:
    """Totals and expectations again after a family changed prices or VAT (never with a planted error)."""
    assert quote.arithmetic_error is None
    quote.compute_totals()
    if families2._is_invoice(quote):
        quote.style["deposit"] = money(round(quote.total_ttc * 0.3 / 10) * 10)
    quote.expected = expectations(quote)


# --------------------------------------------------------------------------- rooms (per-room sections)


def _line_discounts(quote: Quote, rng: random.Random) -> None:
    """Some lines shown at a whole-euro gross price less a line discount; the net is the price judged."""
    if quote.arithmetic_error is not None:
        return
    for line in quote.lines:
        if line.category == "discount" or line.unit_price_ht < 30 or rng.random() > 0.35:
            continue
        pct = rng.choice([5, 10, 15, 20])
        gross = math.floor(line.unit_price_ht / (1 - pct / 100))
        net = money(Decimal(gross) * (100 - pct) / 100)  # whole euros × whole percent: exact cents
        quote.style.setdefault("line_discounts", {})[id(line)] = (gross, pct)
        _reprice(line, net)
    _retotal(quote)


def _gross(quote: Quote, line: Line) -> tuple[int, int] | None:
    """(whole-euro gross unit price, discount %) of a line shown with a line discount."""
    found: tuple[int, int] | None = quote.style.get("line_discounts", {}).get(id(line))
    return found


def render_rooms(quote: Quote, rng: random.Random) -> bytes:
    st, a, c = quote.style, quote.artisan, quote.client
    invoice = families2._is_invoice(quote)
    accent = rng.choice([(0, 122, 110), (196, 80, 40), (60, 80, 160), (120, 40, 110)])
    pdf = families._fpdf(quote, f"{families2._title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(False)
    size = rng.choice([7.0, 7.5, 8.0])

    def band() -> None:
        pdf.set_fill_color(*accent)
        pdf.rect(0, 0, 210, 9, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("Cond", "B", 7)
        pdf.set_xy(14, 2.5)
        pdf.cell(182, 4, f"{a['name']} · {families2._title(quote)} {quote.number} · page {pdf.page_no()}", align="R")
        pdf.set_text_color(0, 0, 0)

    pdf.add_page()
    band()
    pdf.set_fill_color(*accent)
    pdf.rect(14, 14, 16, 16, style="F")  # logo: initials in a square
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Cond", "B", 11)
    pdf.set_xy(14, 19)
    pdf.cell(16, 6, "".join(w[0] for w in a["name"].split()[:2]).upper(), align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_xy(33, 14)
    pdf.set_font("Cond", "B", 11)
    pdf.cell(90, 5.5, f"{a['name']} {a['legal_form']}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("Cond", "", size)
    for text in (
        f"SIRET {siret_text(quote)} · TVA {a['tva_number']}",
        f"{a['address']}, {a['postal_code']} {a['city']}",
        f"Tél. {families2._phone(rng)}",
    ):
        pdf.cell(90, 3.4, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(128, 14)
    pdf.set_font("Cond", "B", 15)
    pdf.set_text_color(*accent)
    pdf.cell(68, 7, families2._title(quote), align="R", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Cond", "", size + 0.5)
    refs = [f"N° {quote.number}", f"Du {fr_date(quote.date, st)}"]
    refs.append(f"Réf. devis {st['quote_ref']}" if invoice else f"Valable jusqu'au {fr_date(quote.valid_until, st)}")
    for text in refs:
        pdf.cell(68, 3.8, text, align="R", new_x=XPos.LEFT, new_y=YPos.NEXT)
    y = 38.0
    pdf.set_draw_color(*accent)
    pdf.rect(112, y, 84, 24)
    pdf.set_xy(114, y + 1.5)
    pdf.set_font("Cond", "B", size + 1)
    pdf.cell(80, 4, c.get("company") or c["name"], new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("Cond", "", size + 0.5)
    stacked_cells(pdf, 80, 3.6, client_rows(c, "SIRET client :"))
    pdf.set_xy(14, y)
    pdf.set_font("Cond", "", size + 0.5)
    info = [f"Adresse d'intervention : {families._site_text(quote, rng)}"]
    if quote.claim_reference:
        info.append(f"Votre dossier sinistre : {quote.claim_reference}")
    if invoice:
        info.append(f"Travaux réalisés du {fr_date(st['works_from'], st)} au {fr_date(st['works_to'], st)}")
    for text in info:
        pdf.multi_cell(92, 3.8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    discounts = any(_gross(quote, ln) for ln in quote.lines)
    cols = [
        ("Code", 17, "L"),
        ("Désignation", 74 if discounts else 90, "L"),
        ("Qté", 13, "R"),
        ("U", 9, "C"),
        ("PU HT", 17, "R"),
    ]
    if discounts:
        cols.append(("Rem. %", 12, "R"))
    cols += [("Total HT", 22, "R"), ("TVA", 10, "R")]
    bottom, running = 236.0, 0.0  # the table stops 6 cm above the foot of each page, left for notes
    pdf.set_xy(14, 66)
    pdf.set_font("Cond", "B", size + 1)
    pdf.cell(0, 4.5, "Descriptif", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Cond", "", size)
    rooms_text = ", ".join(dict.fromkeys(ln.room for ln in quote.lines if ln.room)) or "les locaux sinistrés"
    pdf.multi_cell(
        0,
        3.3,
        f"Remise en état après sinistre : {rooms_text}. Travaux chiffrés pièce par pièce selon le "
        "relevé réalisé sur place ; les fournitures sont de qualité standard, posées selon les DTU en "
        "vigueur. Les meubles sont déplacés par le client avant notre intervention. Les prix s'entendent "
        "fournitures et main d'œuvre comprises, hors travaux non décrits.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    y = pdf.get_y() + 3

    def header() -> None:
        nonlocal y
        pdf.set_xy(14, y)
        pdf.set_font("Cond", "B", size)
        pdf.set_fill_color(235, 235, 235)
        for name, w, align in cols:
            pdf.cell(w, 4.6, name, align=align, fill=True)
        y += 5.2

    def carry() -> None:
        nonlocal y
        pdf.set_xy(14, y + 0.5)
        pdf.set_font("Cond", "B", size)
        label_w = sum(w for _n, w, _a in cols[:-2])
        pdf.cell(label_w, 4, "Total à reporter", align="R")
        pdf.cell(cols[-2][1], 4, amount(running, st, currency=False), align="R")
        pdf.add_page()
        band()
        y = 14.0
        header()
        pdf.set_xy(14, y)
        pdf.set_font("Cond", "B", size)
        pdf.cell(label_w, 4, "Report", align="R")
        pdf.cell(cols[-2][1], 4, amount(running, st, currency=False), align="R")
        y += 5

    def row(cells: list[str], bold: bool = False, fill: tuple[int, int, int] | None = None) -> None:
        nonlocal y
        pdf.set_font("Cond", "B" if bold else "", size)
        h = 3.6 * families2._line_count(pdf, cols[1][1] - 1, 3.6, cells[1]) + 2.0
        if y + h > bottom - 8:
            carry()
        if fill:
            pdf.set_fill_color(*fill)
            pdf.rect(14, y, sum(w for _n, w, _a in cols), h, style="F")
        x = 14.0
        for k, (_name, w, align) in enumerate(cols):
            pdf.set_xy(x, y + 1.0)
            if k == 1:
                pdf.multi_cell(w - 1, 3.6, cells[k], align="L")
            else:
                pdf.cell(w, 3.6, cells[k], align=align)
            x += w
        y += h

    header()
    groups: dict[str, list[Line]] = {}
    for line in quote.lines:
        room = line.room or ("Remise" if line.category == "discount" else "Installation et frais de chantier")
        groups.setdefault(room, []).append(line)
    prefix = {
        "Peinture": "PEI",
        "Revêtements muraux": "REV",
        "Plâtrerie": "PLA",
        "Sols": "SOL",
        "Carrelage": "CAR",
        "Installation de chantier": "INS",
        "Plomberie": "PLB",
        "Vitrerie": "VIT",
        "Menuiserie": "MEN",
        "Électricité": "ELC",
        "Main d'œuvre": "MO",
        "Assèchement": "ASS",
    }
    empty = ["" for _ in cols]
    light = (min(255, accent[0] + 150), min(255, accent[1] + 150), min(255, accent[2] + 150))
    for room, members in groups.items():
        row([*empty[:1], room.upper(), *empty[2:]], bold=True, fill=light)
        subtotal = 0.0
        for line in members:
            gross = _gross(quote, line)
            code = f"{prefix.get(line.trade, 'DIV')}.{rng.randint(10, 99)}"
            cells = [
                code,
                line.designation,
                quantity(line.quantity),
                unit_label(line, st),
                amount(gross[0] if gross else line.unit_price_ht, st, currency=False),
            ]
            if discounts:
                cells.append(f"{gross[1]}" if gross else "")
            cells += [amount(line.total_ht, st, currency=False), rate(line.tva_rate).replace(" %", "")]
            if line.category == "discount":
                cells[0], cells[2], cells[3], cells[4] = "", "", "", ""
            row(cells)
            running = money(running + line.total_ht)
            subtotal = money(subtotal + line.total_ht)
        sub_row = ["" for _ in cols]
        sub_row[1] = f"Sous-total {room}"
        sub_row[-2] = amount(subtotal, st, currency=False)
        row(sub_row, bold=True)
    if y > bottom - 52:
        pdf.add_page()
        band()
        y = 14.0
    y += 3
    pdf.set_xy(14, y)
    pdf.set_font("Cond", "B", size)
    for head, w in (("Taux TVA", 18), ("Base HT", 24), ("Montant TVA", 24)):
        pdf.cell(w, 4.4, head, border="B", align="R")
    pdf.set_font("Cond", "", size)
    for vat in quote.vat_breakdown:
        pdf.set_xy(14, pdf.get_y() + 4.6)
        pdf.cell(18, 4, rate(vat["rate"]), align="R")
        pdf.cell(24, 4, amount(vat["base_ht"], st, currency=False), align="R")
        pdf.cell(24, 4, amount(vat["tva"], st, currency=False), align="R")
    totals = [("Total HT", quote.total_ht), ("Total TVA", quote.total_tva), ("Total TTC", quote.total_ttc)]
    if invoice:
        retention = money(quote.total_ttc * 0.05)
        totals += [
            ("Acompte reçu", -st["deposit"]),
            ("Retenue de garantie 5 %", -retention),
            ("Net à payer", money(quote.total_ttc - st["deposit"] - retention)),
        ]
    else:
        totals.append(("Acompte à la commande (30 %)", money(quote.total_ttc * 0.3)))
    pdf.set_y(y)
    for label, value in totals:
        pdf.set_x(126)
        strong = label in ("Total TTC", "Net à payer")
        pdf.set_font("Cond", "B" if strong else "", size + (1.5 if strong else 0.5))
        if strong:
            pdf.set_fill_color(*accent)
            pdf.set_text_color(255, 255, 255)
        pdf.cell(44, 4.8, label, fill=strong)
        pdf.cell(26, 4.8, amount(value, st), align="R", fill=strong, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
    pdf.ln(3)
    pdf.set_font("Cond", "", size - 0.5)
    terms = (
        families._invoice_terms(quote, rng)
        if invoice
        else (
            "Devis gratuit. Acompte de 30 % à la commande, solde à la fin des travaux. Bon pour accord, date et "
            f"signature : {families._insurance(rng)}"
        )
    )
    pdf.multi_cell(0, 3, terms, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- vatfree (micro-entreprise)


def _to_vat_free(quote: Quote) -> None:
    for line in quote.lines:
        line.tva_rate = 0.0
    _retotal(quote)


def render_vatfree(quote: Quote, rng: random.Random) -> bytes:
    st, a, c = quote.style, quote.artisan, quote.client
    invoice = families2._is_invoice(quote)
    pdf = families._fpdf(quote, f"{families2._title(quote).capitalize()} {quote.number}")
    siret = siret_text(quote)

    def footer_fn(self: FPDF = pdf) -> None:
        self.set_y(-17)
        self.set_font("DejaVu", "", 6.5)
        self.set_text_color(110, 110, 110)
        self.multi_cell(
            0,
            3.1,
            f"{a['name']} – Entrepreneur individuel – {a['address']}, {a['postal_code']} "
            f"{a['city']} – SIRET {siret} – Dispensé d'immatriculation au registre du commerce et des "
            "sociétés (RCS) et au répertoire des métiers (RM)",
            align="C",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.cell(0, 3.1, f"{self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    pdf.footer = footer_fn  # type: ignore[method-assign]
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 20)
    pdf.cell(100, 10, "Facture" if invoice else "Devis")
    pdf.set_font("DejaVu", "", 9)
    pdf.cell(0, 10, a["name"], align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 8.5)
    meta = [("Numéro", quote.number), ("Date d'émission", fr_date(quote.date, st))]
    if invoice:
        meta += [("Date d'échéance", fr_date(quote.valid_until, st)), ("Devis signé", st["quote_ref"])]
    else:
        meta.append(("Valide jusqu'au", fr_date(quote.valid_until, st)))
    for key, text in meta:
        pdf.set_text_color(120, 120, 120)
        pdf.cell(34, 4.6, key)
        pdf.set_text_color(0, 0, 0)
        pdf.cell(0, 4.6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    y = pdf.get_y()
    pdf.set_font("DejaVu", "B", 8.5)
    pdf.cell(90, 4.6, "Émetteur", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 8.5)
    for text in (a["name"], a["address"], f"{a['postal_code']} {a['city']}", f"Tél. {families2._phone(rng)}"):
        pdf.cell(90, 4.3, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    end = pdf.get_y()
    pdf.set_xy(110, y)
    pdf.set_font("DejaVu", "B", 8.5)
    pdf.cell(86, 4.6, "Facturé à" if invoice else "Client", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 8.5)
    stacked_cells(pdf, 86, 4.3, [c.get("company") or c["name"], *client_rows(c, "SIRET :")])
    pdf.set_y(max(end, pdf.get_y()) + 4)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.multi_cell(
        0,
        4.3,
        f"Objet : travaux de remise en état – {families._site_text(quote, rng)}"
        + (f" – sinistre {quote.claim_reference}" if quote.claim_reference else ""),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(3)
    cols = [("Description", 102, "L"), ("Prix unitaire", 28, "R"), ("Qté", 22, "R"), ("Total", 30, "R")]
    pdf.set_font("DejaVu", "B", 8)
    pdf.set_draw_color(30, 30, 30)
    for name, w, align in cols:
        pdf.cell(w, 6, name, border="B", align=align)
    pdf.ln(6.5)
    pdf.set_draw_color(220, 220, 220)
    for line in quote.lines:
        pdf.set_font("DejaVu", "", 8.5)
        h = 4.4 * families2._line_count(pdf, cols[0][1] - 2, 4.4, line.designation) + 2
        if pdf.get_y() + h > 272:
            pdf.add_page()
        y0 = pdf.get_y()
        pdf.set_xy(14, y0 + 1)
        pdf.multi_cell(cols[0][1] - 2, 4.4, line.designation, align="L")
        discount = line.category == "discount"
        qty = "" if discount else f"{quantity(line.quantity)} {unit_label(line, st)}"
        pdf.set_xy(14 + cols[0][1], y0 + 1)
        pdf.cell(cols[1][1], 4.4, "" if discount else amount(line.unit_price_ht, st), align="R")
        pdf.cell(cols[2][1], 4.4, qty, align="R")
        pdf.cell(cols[3][1], 4.4, amount(line.total_ht, st), align="R")
        pdf.line(14, y0 + h, 196, y0 + h)
        pdf.set_y(y0 + h)
    pdf.ln(4)
    rows2 = [("Total HT", quote.total_ht), ("TVA", None)]
    if invoice:
        rows2 += [("Acompte déjà versé", -st["deposit"]), ("Net à payer", money(quote.total_ttc - st["deposit"]))]
    else:
        rows2.append(("Total", quote.total_ttc))
    for label, value in rows2:
        pdf.set_x(120)
        pdf.set_font("DejaVu", "B" if label in ("Net à payer", "Total") else "", 9)
        pdf.cell(42, 5.5, label)
        pdf.cell(34, 5.5, "—" if value is None else amount(value, st), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_font("DejaVu", "", 8)
    pdf.cell(0, 4.4, "TVA non applicable, art. 293 B du CGI", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 7.5)
    pdf.multi_cell(
        0,
        3.6,
        families._invoice_terms(quote, rng)
        if invoice
        else (
            "Pour accepter ce devis, merci de le retourner signé avec la mention « Bon pour accord ». "
            f"Règlement par virement à réception de facture. {families._insurance(rng)}"
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    return bytes(pdf.output())


# --------------------------------------------------------------------------- metre (take-off under lines)


def _takeoff(line: Line, rng: random.Random) -> list[str]:
    """Take-off rows whose result is the line's quantity (walls × height less openings, or lengths)."""
    q = line.quantity
    if line.unit == "m2" and line.category == "double_glazing":
        height = rng.choice([0.95, 1.15, 1.35])
        width = money(q / height)
        return [
            f"Vitrage : {quantity(width)} x {quantity(height)} = {quantity(money(width * height))}",
            f"Total métré : {quantity(q)} m²",
        ]
    if line.unit == "m2":
        height = rng.choice([2.4, 2.5, 2.6, 2.7])
        door = money(0.83 * 2.04) if rng.random() < 0.6 and q > 4 else 0.0
        gross = money(q + door)
        first = money(min(gross * rng.uniform(0.35, 0.6), gross - 0.5) / height)
        a1 = money(first * height)
        rest = money(gross - a1)
        rows = [f"Mur A : {quantity(first)} x {quantity(height)} = {quantity(a1)}", f"Murs B, C : {quantity(rest)}"]
        if door:
            rows.append(f"à déduire porte 0,83 x 2,04 = -{quantity(door)}")
        return [*rows, f"Total métré : {quantity(q)} m²"]
    if line.unit == "ml":
        first = money(q * rng.uniform(0.3, 0.6))
        return [f"Longueurs : {quantity(first)} + {quantity(money(q - first))} = {quantity(q)} ml"]
    return []


def render_metre(quote: Quote, rng: random.Random) -> bytes:
    st, a, c = quote.style, quote.artisan, quote.client
    invoice = families2._is_invoice(quote)
    pdf = families._fpdf(quote, f"{families2._title(quote).capitalize()} {quote.number}")
    pdf.add_font("Cond", "I", "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Oblique.ttf")

    def footer_fn(self: FPDF = pdf) -> None:
        self.set_y(-12)
        self.set_font("Cond", "", 7)
        self.cell(
            0, 4, f"{families2._title(quote).capitalize()} {quote.number} – page {self.page_no()}/{{nb}}", align="R"
        )

    pdf.footer = footer_fn  # type: ignore[method-assign]
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    # the customer on the left, the seller's identity boxed on the right
    y = 14.0
    pdf.set_xy(14, y)
    pdf.set_font("Cond", "", 8)
    pdf.cell(90, 4, "Maître d'ouvrage :", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Cond", "B", 9.5)
    pdf.cell(90, 5, c.get("company") or c["name"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Cond", "", 8.5)
    stacked_cells(pdf, 90, 4.2, client_rows(c, "N° SIRET"), XPos.LMARGIN)
    pdf.set_draw_color(0, 0, 0)
    pdf.rect(118, y - 1, 78, 34)
    pdf.set_xy(120, y)
    pdf.set_font("Cond", "B", 10.5)
    pdf.cell(74, 5, a["name"].upper(), new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("Cond", "", 8)
    for text in (
        a["legal_form"],
        a["address"],
        f"{a['postal_code']} {a['city']}",
        f"Tél. {families2._phone(rng)}",
        f"N° SIRET {siret_text(quote)}",
        f"N° TVA {a['tva_number']}",
    ):
        pdf.cell(74, 4, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(14, 52)
    pdf.set_font("Cond", "B", 13)
    pdf.cell(0, 7, f"{families2._title(quote)} N° {quote.number}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Cond", "", 8.5)
    info = f"Établi le {fr_date(quote.date, st)}"
    info += f" – suivant devis {st['quote_ref']}" if invoice else f" – validité : {fr_date(quote.valid_until, st)}"
    pdf.cell(0, 4.4, info, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(
        0,
        4.4,
        f"Chantier : {families._site_text(quote, rng)}"
        + (f" – réf. sinistre {quote.claim_reference}" if quote.claim_reference else ""),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(3)
    cols = [
        ("N°", 14, "L"),
        ("Désignation", 92, "L"),
        ("U", 10, "C"),
        ("Quantité", 18, "R"),
        ("P.U. H.T.", 22, "R"),
        ("Montant H.T.", 26, "R"),
    ]
    pdf.set_font("Cond", "B", 8)
    pdf.set_fill_color(210, 220, 235)
    for name, w, align in cols:
        pdf.cell(w, 5.5, name, border=1, align=align, fill=True)
    pdf.ln(5.5)
    for n, (lot, lines) in enumerate(families._lots(quote), start=1):
        pdf.set_font("Cond", "B", 8.5)
        if pdf.get_y() > 262:
            pdf.add_page()
        pdf.cell(cols[0][1], 5, f"{n}")
        pdf.cell(0, 5, lot.upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for k, line in enumerate(lines, start=1):
            takeoff = _takeoff(line, rng) if line.category != "discount" else []
            pdf.set_font("Cond", "", 8.5)
            h = 4.2 * families2._line_count(pdf, cols[1][1] - 2, 4.2, line.designation) + 3.6 * len(takeoff) + 1.5
            if pdf.get_y() + h > 272:
                pdf.add_page()
            y0 = pdf.get_y()
            discount = line.category == "discount"
            values = [
                f"{n}.1.{k}",
                "",
                "" if discount else unit_label(line, st),
                "" if discount else quantity(line.quantity),
                "" if discount else amount(line.unit_price_ht, st, currency=False),
                amount(line.total_ht, st, currency=False),
            ]
            x = 14.0
            for (name, w, align), text in zip(cols, values, strict=True):
                pdf.set_xy(x, y0 + 0.6)
                if name == "Désignation":
                    pdf.multi_cell(w - 2, 4.2, line.designation, align="L")
                    pdf.set_font("Cond", "I", 7)
                    pdf.set_text_color(90, 90, 90)
                    for text_row in takeoff:
                        pdf.set_x(x + 4)
                        pdf.cell(w - 6, 3.6, text_row, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                    pdf.set_text_color(0, 0, 0)
                    pdf.set_font("Cond", "", 8.5)
                else:
                    pdf.cell(w, 4.2, text, align=align)
                x += w
            pdf.set_draw_color(200, 200, 200)
            pdf.line(14, y0 + h, 196, y0 + h)
            pdf.set_y(y0 + h)
    pdf.ln(3)
    if pdf.get_y() > 240:
        pdf.add_page()
    rows2 = [("Montant total H.T.", quote.total_ht)]
    rows2 += [
        (f"T.V.A. {rate(v['rate'])} sur {amount(v['base_ht'], st, currency=False)}", v["tva"])
        for v in quote.vat_breakdown
    ]
    rows2.append(("Montant total T.T.C.", quote.total_ttc))
    if invoice:
        rows2 += [("Acompte versé", -st["deposit"]), ("Reste dû", money(quote.total_ttc - st["deposit"]))]
    totals_box(pdf, rows2, st, 110, (58, 28), 5.2, ("Cond", 9), lambda label: "T.T.C" in label or label == "Reste dû")
    pdf.ln(3)
    pdf.set_font("Cond", "", 7.5)
    pdf.multi_cell(
        0,
        3.5,
        families._invoice_terms(quote, rng)
        if invoice
        else (
            "Les quantités résultent du métré contradictoire réalisé sur place. Conditions de règlement : 40 % à la "
            f"commande, solde à l'achèvement. {families._insurance(rng)}"
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    return bytes(pdf.output())


# --------------------------------------------------------------------------- recap (lot recap first)


def render_recap(quote: Quote, rng: random.Random) -> bytes:
    st, a, c = quote.style, quote.artisan, quote.client
    invoice = families2._is_invoice(quote)
    pdf = families._fpdf(quote, f"{families2._title(quote).capitalize()} {quote.number}")
    legal = f"{a['name']} {a['legal_form']} – SIRET {siret_text(quote)} – TVA intracommunautaire {a['tva_number']}"

    def footer_fn(self: FPDF = pdf) -> None:
        self.set_y(-13)
        self.set_font("Serif", "", 6.5)
        self.cell(0, 3.2, legal, align="L")
        self.cell(0, 3.2, f"{self.page_no()}", align="R")

    pdf.footer = footer_fn  # type: ignore[method-assign]
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    # the seller in a right-hand column, the customer and the site at the left
    pdf.set_fill_color(245, 242, 232)
    pdf.rect(140, 10, 58, 48, style="F")
    pdf.set_xy(142, 12)
    pdf.set_font("Serif", "B", 10)
    pdf.multi_cell(54, 5, a["name"], new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("Serif", "", 7.5)
    for text in (a["address"], f"{a['postal_code']} {a['city']}", f"Tél. {families2._phone(rng)}"):
        pdf.cell(54, 3.8, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(14, 12)
    pdf.set_font("Serif", "B", 16)
    pdf.cell(120, 8, families2._title(quote), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Serif", "", 8.5)
    meta = [f"N° {quote.number}", f"Date : {fr_date(quote.date, st)}"]
    meta.append(
        f"Devis de référence : {st['quote_ref']}"
        if invoice
        else f"Offre valable jusqu'au {fr_date(quote.valid_until, st)}"
    )
    for text in meta:
        pdf.cell(120, 4.4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font("Serif", "B", 9)
    pdf.cell(120, 4.8, f"À l'attention de {c.get('company') or c['name']}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Serif", "", 8.5)
    rows = [f"{c['address']}, {c['postal_code']} {c['city']}"]
    if c.get("siret"):
        rows.append(f"Siret {c['siret']}")
    rows.append(f"Lieu des travaux : {families._site_text(quote, rng)}")
    if quote.claim_reference:
        rows.append(f"Sinistre : {quote.claim_reference}")
    for text in rows:
        pdf.multi_cell(120, 4.4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    lots = families._lots(quote)
    pdf.set_y(max(pdf.get_y(), 62) + 4)
    pdf.set_font("Serif", "B", 11)
    pdf.cell(0, 6, "Récapitulatif par lot", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Serif", "B", 8.5)
    pdf.cell(20, 5.5, "Lot", border="TB")
    pdf.cell(110, 5.5, "Intitulé", border="TB")
    pdf.cell(40, 5.5, "Montant HT", border="TB", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Serif", "", 8.5)
    for n, (lot, lines) in enumerate(lots, start=1):
        pdf.cell(20, 5, f"{n:02d}")
        pdf.cell(110, 5, lot)
        pdf.cell(
            40, 5, amount(money(sum(ln.total_ht for ln in lines)), st), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    pdf.ln(2)
    totals = [("Total HT", quote.total_ht)] + [(f"TVA {rate(v['rate'])}", v["tva"]) for v in quote.vat_breakdown]
    totals.append(("Total TTC", quote.total_ttc))
    if invoice:
        totals += [("Acompte perçu", -st["deposit"]), ("Solde à régler", money(quote.total_ttc - st["deposit"]))]
    totals_box(
        pdf,
        totals,
        st,
        104,
        (46, 30),
        5.2,
        ("Serif", 9),
        lambda label: label in ("Total TTC", "Solde à régler"),
        border="B",
    )
    pdf.ln(5)
    pdf.set_font("Serif", "", 7.5)
    pdf.multi_cell(
        88,
        3.6,
        families._invoice_terms(quote, rng)
        if invoice
        else (
            "Le détail des travaux figure aux pages suivantes. Acompte de 30 % à l'acceptation. "
            + families._insurance(rng)
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    if not invoice:
        pdf.rect(110, pdf.get_y() - 14, 86, 22)
        pdf.set_xy(112, pdf.get_y() - 13)
        pdf.cell(80, 4, "Bon pour accord – date et signature :")
    # the detail, one lot after another, on the next pages
    pdf.add_page()
    pdf.set_font("Serif", "B", 11)
    pdf.cell(0, 6, "Détail des travaux", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    cols = [
        ("Réf.", 16, "L"),
        ("Désignation", 96, "L"),
        ("Qté", 16, "R"),
        ("Unité", 14, "C"),
        ("PU HT", 20, "R"),
        ("Total HT", 20, "R"),
    ]
    for n, (lot, lines) in enumerate(lots, start=1):
        if pdf.get_y() > 250:
            pdf.add_page()
        pdf.ln(2)
        pdf.set_font("Serif", "B", 9)
        pdf.cell(0, 5.5, f"LOT {n:02d} – {lot.upper()}", border="B", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("Serif", "B", 7.5)
        for name, w, align in cols:
            pdf.cell(w, 4.6, name, align=align)
        pdf.ln(4.8)
        for k, line in enumerate(lines, start=1):
            pdf.set_font("Serif", "", 8)
            h = 4.0 * families2._line_count(pdf, cols[1][1] - 2, 4.0, line.designation) + 1.2
            if pdf.get_y() + h > 272:
                pdf.add_page()
            y0 = pdf.get_y()
            discount = line.category == "discount"
            values = [
                f"{n:02d}.{k:02d}",
                line.designation,
                "" if discount else quantity(line.quantity),
                "" if discount else unit_label(line, st),
                "" if discount else amount(line.unit_price_ht, st, currency=False),
                amount(line.total_ht, st, currency=False),
            ]
            x = 14.0
            for (name, w, align), text in zip(cols, values, strict=True):
                pdf.set_xy(x, y0 + 0.5)
                if name == "Désignation":
                    pdf.multi_cell(w - 2, 4.0, text, align="L")
                else:
                    pdf.cell(w, 4.0, text, align=align)
                x += w
            pdf.set_y(y0 + h)
        pdf.set_font("Serif", "B", 8)
        pdf.cell(sum(w for _n, w, _a in cols[:-1]), 5, f"Total lot {n:02d} HT", align="R")
        pdf.cell(
            cols[-1][1],
            5,
            amount(money(sum(ln.total_ht for ln in lines)), st, currency=False),
            align="R",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    return bytes(pdf.output())


# --------------------------------------------------------------------------- scans and photos


def _shadow(image: Image.Image, rng: random.Random) -> Image.Image:
    """A hand's or phone's shadow across part of the sheet."""
    w, h = image.size
    mask = Image.new("L", image.size, 0)
    draw = ImageDraw.Draw(mask)
    cx, cy = rng.uniform(0.6, 1.0) * w, rng.uniform(0.5, 1.0) * h
    draw.ellipse((cx - 0.45 * w, cy - 0.3 * h, cx + 0.45 * w, cy + 0.3 * h), fill=120)
    mask = mask.filter(ImageFilter.GaussianBlur(w / 25))
    dark = Image.new("RGB", image.size, (30, 30, 30))
    return Image.composite(dark, image.convert("RGB"), mask)


def degrade3(pdf: bytes, media: str, rng: random.Random) -> tuple[bytes, str, str, str]:
    """(bytes, extension, medium for the truth, degradation) of a scan or photo of ``pdf``."""
    buf = io.BytesIO()
    one_page = len(pages(pdf, 20)) == 1
    if media in ("photo_jpeg", "photo_shadow") and not one_page:
        media = "scan_pdf"  # a phone photo holds one page: many-page documents are scanned instead
    if media == "photo_jpeg":
        photographed(pages(pdf, 200, grey=False)[0], rng).save(buf, "JPEG", quality=rng.randint(60, 72))
        return buf.getvalue(), "jpg", "photo_jpeg", "phone photo at an angle, uneven light"
    if media == "photo_shadow":
        image = _shadow(photographed(pages(pdf, 200, grey=False)[0], rng), rng)
        image.save(buf, "JPEG", quality=68)
        return buf.getvalue(), "jpg", "photo_jpeg", "phone photo at an angle with a shadow across the sheet"
    if media == "fax":
        images = [faxed(scanned(p, rng)) for p in pages(pdf, 100)]
        if len(images) == 1:
            images[0].save(buf, "PNG", dpi=(100, 100))
            return buf.getvalue(), "png", "scan_png", "fax, 100 dpi black and white"
        images[0].save(buf, "PDF", resolution=100.0, save_all=True, append_images=images[1:])
        return buf.getvalue(), "pdf", "scan_pdf", "fax, 100 dpi black and white"
    if media == "rotated":
        angle = rng.choice([90, 180, 270])
        images = [scanned(p, rng).rotate(angle, expand=True) for p in pages(pdf, 200)]
        images[0].save(
            buf, "PDF", resolution=200.0, quality=rng.randint(55, 70), save_all=True, append_images=images[1:]
        )
        return buf.getvalue(), "pdf", "scan_pdf", f"scan, pages rotated {angle}°"
    # flatbed scans, JPEG-compressed (the committed set stays small)
    dpi = rng.choice([200, 250])
    images = [scanned(p, rng) for p in pages(pdf, dpi)]
    quality = rng.randint(55, 70)
    if media == "scan_jpeg" and len(images) == 1:
        images[0].save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
        return buf.getvalue(), "jpg", "scan_jpeg", f"flatbed scan, {dpi} dpi"
    images[0].save(buf, "PDF", resolution=float(dpi), quality=quality, save_all=True, append_images=images[1:])
    return buf.getvalue(), "pdf", "scan_pdf", f"flatbed scan, {dpi} dpi"


# --------------------------------------------------------------------------- plan and files

RENDER = {"rooms": render_rooms, "vatfree": render_vatfree, "metre": render_metre, "recap": render_recap}
# the base family of families.build: mixed VAT rates allowed (export) or one rate (letter)
_BASE = {"rooms": "export", "vatfree": "letter", "metre": "export", "recap": "export"}
_TEXT_SCENARIOS = {
    "rooms": among_fair(8, "inflated", "arithmetic_error", "not_covered", "slightly_high"),
    "vatfree": ("fair", "invalid_siret", "fair", "below_scope", "regional_fair", "inflated", "discount", "not_covered"),
    "metre": among_fair(8, "no_measurements", "arithmetic_error", "extra_trades", "inflated"),
    "recap": ("fair", "above_scope", "fair", "invalid_siret", "regional_fair", "arithmetic_error", "slightly_high"),
}
_INVOICES = {"rooms": (2, 5), "vatfree": (0, 3, 5), "metre": (4,), "recap": (1, 5)}
_TEXT_COVERS = (DDE, DDE, INC, DDE, TGN, BDG, DDE, DDE)
SCANS = (
    ("rooms", "scan_pdf", "fair", DDE),
    ("rooms", "rotated", "inflated", DDE),
    ("rooms", "fax", "fair", INC),
    ("vatfree", "photo_jpeg", "fair", DDE),
    ("vatfree", "photo_shadow", "inflated", DDE),
    ("vatfree", "fax", "fair", TGN),
    ("vatfree", "scan_jpeg", "invalid_siret", DDE),
    ("metre", "photo_jpeg", "fair", DDE),
    ("metre", "scan_jpeg", "arithmetic_error", DDE),
    ("metre", "photo_shadow", "not_covered", DDE),
    ("metre", "rotated", "fair", BDG),
    ("recap", "scan_pdf", "fair", DDE),
    ("recap", "rotated", "slightly_high", INC),
    ("recap", "photo_jpeg", "below_scope", DDE),
    ("recap", "scan_pdf", "regional_fair", DDE),
)


def plan(seed: int) -> list[Planned]:
    """(family, scenario, cover, media, invoice) of every document, in a shuffled upload order."""
    return family_plan(
        seed,
        FAMILIES,
        _TEXT_SCENARIOS,
        lambda _, k, __: _TEXT_COVERS[k],
        _INVOICES,
        SCANS,
        lambda k, family: family in ("rooms", "vatfree") and k % 3 == 0,
    )


def _quote(rng: random.Random, index: int, family: str, scenario: str, cover: str, invoice: bool) -> Quote:
    # many-line quotes for the per-room family, so that its tables run over pages
    base = "invoice" if invoice else "multipage" if family == "rooms" and rng.random() < 0.6 else _BASE[family]
    quote = families.build(rng, index, base, scenario, cover)
    if family in ("rooms", "recap", "metre"):
        families.company_client(quote, rng, 0.35)
    if family == "vatfree":
        _to_vat_free(quote)
    if family == "rooms":
        _line_discounts(quote, rng)
    quote.layout = family
    return quote


def generate_families3(out_dir: Path, seed: int = 2028) -> list[dict[str, Any]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    truths = []
    with families2.public_wordings(WORDINGS):
        for index, (family, scenario, cover, requested, invoice) in enumerate(plan(seed), start=1):
            rng = random.Random(f"families3-{seed}-{index}")
            quote = _quote(rng, index, family, scenario, cover, invoice)
            pdf = RENDER[family](quote, rng)
            media = requested
            if requested == "text_pdf":
                data, ext, degradation = pdf, "pdf", ""
            else:
                data, ext, media, degradation = degrade3(pdf, requested, rng)
            quote.media = media
            quote.expected = expectations(quote)
            truth = families.write_document(
                out_dir, quote, pdf, data, ext, file_stem(rng, media), "facture" if invoice else "devis", "fpdf2"
            )
            extra: dict[str, Any] = {}
            if degradation:
                extra["degradation"] = degradation
            if family == "rooms" and invoice:
                extra["guarantee_withheld"] = money(quote.total_ttc * 0.05)
            if family == "vatfree":
                extra["vat_regime"] = "franchise en base (art. 293 B du CGI)"
            gross = [
                {"line_index": k, "gross_unit_price_ht": g[0], "discount_percent": g[1]}
                for k, ln in enumerate(quote.lines)
                if (g := _gross(quote, ln))
            ]
            if gross:
                extra["line_discounts"] = gross
            if extra:
                truth.update(extra)
                write_json(out_dir / f"{Path(truth['file']).stem}.json", truth)
            truths.append(truth)
    families.write_manifest(
        out_dir,
        truths,
        seed=seed,
        generator="tests/heldout/families3.py",
        wordings="tests/heldout/wordings3/wordings.tsv",
    )
    return truths


def main(argv: list[str] | None = None) -> int:
    return families.run_generator(
        argv, "Génère le troisième jeu gelé de documents avec leur vérité terrain.", generate_families3, 2028
    )


if __name__ == "__main__":
    raise SystemExit(main())
