"""Five more held-out layout families, frozen once in ``tests/heldout/frozen/`` (see its README).

    .venv/bin/python -m tests.heldout.families OUT_DIR [--seed 2026]

They differ in structure from the corpus and from ``generate.py``'s ``cols``/``freetext``/
``html``/``multipage``, after how French artisans' documents look:

- ``export``: trade-software export (Batappli/Obat/EBP-like): number, date and customer code in a
  boxed grid, lots numbered 1 / 1.1 / 1.2 with subtotals, a VAT column and a VAT recap table, a
  deposit asked at order, the seller's SIRET only in the page footer's legal line, and sometimes
  a customer that is a company with its own SIRET in the address block (a trap);
- ``letter``: a word-processor letter ("Madame, Monsieur, suite à notre visite…") whose lines are
  sentences ("dépose du parquet sur 18 m² à 25 € le m², soit 450 €"), totals in a sentence;
- ``sheet``: a spreadsheet export: a grid with unusual column orders (PU before Qté, unit after
  the price), numbers with a decimal point or without separators, "EUR", a "Remise" row and an
  optional line ("en option", not in the total);
- ``invoice``: a FACTURE (invoice number, the accepted quote's number as a trap, deposit already
  paid, "Net à payer", late-payment legal mentions); ground truth ``kind`` ``facture``;
- ``handwritten``: a pre-printed quote form filled in by hand (an oblique font, jittered word by
  word), with the company's stamp; only as scans and photos.

Quotes (lines, prices, scenarios, expectations) come from ``generate.build_quote``; only the
documents differ. Deterministic from the seed except Chromium-free fpdf2/PIL output details.
"""

from __future__ import annotations

import argparse
import io
import random
from collections.abc import Callable
from datetime import date as Date
from datetime import timedelta
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from PIL import Image, ImageDraw, ImageFont

from tests.heldout.catalog import BDG, DDE, INC, ITEMS, STREETS, TGN
from tests.heldout.generate import (
    Line,
    Quote,
    _make_line,
    _pages,
    build_quote,
    expectations,
    ground_truth,
    make_siret,
    money,
)
from tests.heldout.render import (
    FONT_DIR,
    _pdf,
    amount,
    client_rows,
    fr_date,
    quantity,
    rate,
    siret_text,
    stacked_cells,
    unit_label,
)
from tests.heldout.scan import degrade
from tests.heldout.set_plan import write_json

FAMILIES = ("export", "letter", "sheet", "invoice", "handwritten")
TEXT_FAMILIES = ("export", "letter", "sheet", "invoice")

COMPANY_CLIENTS = (
    "SCI Les Tilleuls",
    "SCI du Parc Fleuri",
    "Cabinet Martin Gestion (syndic)",
    "Résidence Les Mimosas – syndic",
    "SARL Boulangerie du Centre",
    "SCI Familiale Roux",
)
INSURERS = (
    "MAAF Assurances, Niort",
    "SMABTP, Paris",
    "AXA France IARD, Nanterre",
    "MMA IARD, Le Mans",
    "Groupama, Mauguio",
    "L'Auxiliaire, Lyon",
)


# --------------------------------------------------------------------------- shared bits


def _legal_line(quote: Quote, rng: random.Random) -> str:
    a = quote.artisan
    capital = rng.choice(["1 000", "5 000", "7 500", "10 000", "30 000"])
    form = a["legal_form"]
    capital_text = f" au capital de {capital} €" if form not in ("EI",) else ""
    return (
        f"{a['name']} {form}{capital_text} – {a['address']} {a['postal_code']} {a['city']} – "
        f"SIRET {siret_text(quote)} – RCS {a['city']} – APE {rng.choice(['4334Z', '4332A', '4339Z', '4333Z'])} – "
        f"TVA intracom. {a['tva_number']}"
    )


def _insurance(rng: random.Random) -> str:
    return (
        f"Assurance décennale n° {rng.randint(10**6, 10**7)} souscrite auprès de {rng.choice(INSURERS)}, "
        "couverture France métropolitaine et DOM."
    )


def _client_siret(rng: random.Random) -> str:
    return make_siret(rng, True)


def company_client(quote: Quote, rng: random.Random, chance: float) -> None:
    """Now and then (``chance``) a company, with its SIRET, as the client of a quote drawn for a person."""
    if not quote.client.get("company") and rng.random() < chance:
        quote.client["company"] = rng.choice(COMPANY_CLIENTS)
        quote.client["siret"] = _client_siret(rng)


def one_vat_rate(quote: Quote) -> None:
    """Every line at the first line's VAT rate, the totals again: a layout that states one rate."""
    if len({line.tva_rate for line in quote.lines}) > 1:
        for line in quote.lines:
            line.tva_rate = quote.lines[0].tva_rate
        quote.compute_totals()


def _site_text(quote: Quote, rng: random.Random) -> str:
    return f"{rng.randint(1, 60)} {rng.choice(STREETS)}, {quote.region.postal_code} {quote.region.city}"


def _option_line(rng: random.Random, quote: Quote) -> Line:
    """A line the document prices but leaves out of its total (not in the ground truth)."""
    present = {ln.category for ln in quote.lines}
    pool = [
        c
        for c in ("wallpaper_laying", "skirting", "laminate_floor", "socket", "cleaning", "stain_primer")
        if c not in present and c in ITEMS
    ]
    category = rng.choice(pool or ["cleaning"])
    return _make_line(rng, category, quote.region, 1.0, None, False, quote.lines[0].tva_rate)


def _lots(quote: Quote) -> list[tuple[str, list[Line]]]:
    lots: dict[str, list[Line]] = {}
    for line in quote.lines:
        lots.setdefault((line.trade or "Divers") if line.category != "discount" else "Divers", []).append(line)
    return list(lots.items())


def _fpdf(quote: Quote, title: str) -> FPDF:
    pdf = _pdf(quote)
    pdf.set_title(title)
    pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
    pdf.add_font("Serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.add_font("Serif", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
    pdf.add_font("Cond", "", str(FONT_DIR / "DejaVuSansCondensed.ttf"))
    pdf.add_font("Cond", "B", str(FONT_DIR / "DejaVuSansCondensed-Bold.ttf"))
    return pdf


# --------------------------------------------------------------------------- export (trade software)


def render_export(quote: Quote, rng: random.Random, invoice: bool = False) -> bytes:
    st, a, c = quote.style, quote.artisan, quote.client
    pdf = _fpdf(quote, f"{'Facture' if invoice else 'Devis'} {quote.number}")
    legal = _legal_line(quote, rng)

    def footer_fn(self: FPDF = pdf) -> None:
        self.set_y(-16)
        self.set_font("DejaVu", "", 6.5)
        self.multi_cell(0, 3.2, legal, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.cell(0, 3.2, f"Page {self.page_no()}/{{nb}}", align="R")

    pdf.footer = footer_fn  # type: ignore[method-assign]
    pdf.set_auto_page_break(True, margin=24)
    pdf.add_page()
    top = pdf.get_y()
    pdf.set_fill_color(40, 70, 120)
    pdf.rect(14, top, 22, 16, style="F")  # logo block
    pdf.set_fill_color(255, 255, 255)
    pdf.set_xy(38, top)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(80, 6, a["name"], new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 8)
    for text in (
        a["address"],
        f"{a['postal_code']} {a['city']}",
        f"Tél. 0{rng.randint(1, 5)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)}",
        f"contact@{a['name'].split()[0].lower().strip(chr(39))}.fr",
    ):
        pdf.cell(80, 3.8, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(130, top)
    pdf.set_font("DejaVu", "B", 18)
    pdf.cell(66, 9, "FACTURE" if invoice else "DEVIS", align="R", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "B", 7.5)
    heads = ["Numéro", "Date", "Code client"]
    values = [quote.number, fr_date(quote.date, {"date_style": "slash"}), f"C{rng.randint(100, 9999):05d}"]
    for h in heads:
        pdf.cell(22, 4.5, h, border=1, align="C", fill=False)
    pdf.ln(4.5)
    pdf.set_x(130)
    pdf.set_font("DejaVu", "", 7.5)
    for v in values:
        pdf.cell(22, 5, v, border=1, align="C")
    pdf.ln(8)
    # customer block, sometimes a company with its own SIRET
    y = max(pdf.get_y(), top + 28)
    pdf.set_xy(110, y)
    pdf.set_font("DejaVu", "B", 9)
    pdf.cell(86, 5, c.get("company") or c["name"], new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 8.5)
    stacked_cells(pdf, 86, 4.2, client_rows(c, "SIRET :", "À l'attention de"))
    pdf.set_xy(14, y)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.multi_cell(90, 4.2, f"Adresse du chantier :\n{_site_text(quote, rng)}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if quote.claim_reference:
        pdf.cell(90, 4.2, f"Votre réf. sinistre : {quote.claim_reference}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if invoice:
        _invoice_refs(pdf, quote, rng)
    else:
        pdf.cell(
            90, 4.2, f"Validité de l'offre : {fr_date(quote.valid_until, st)}", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    pdf.set_y(max(pdf.get_y(), y + 26) + 3)
    pdf.set_font("DejaVu", "B", 9)
    pdf.cell(
        0,
        5,
        rng.choice(
            [
                "Objet : remise en état suite à sinistre",
                "Objet : travaux de réfection",
                "Travaux de remise en état après sinistre",
            ]
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(1)
    option = _option_line(rng, quote) if st.get("option") else None
    headers = ["N°", "Désignation", "Qté", "U", "P.U. HT", "Montant HT", "TVA"]
    widths = [11, 85, 14, 11, 22, 25, 14]
    size = 8
    pdf.set_font("DejaVu", "", size)
    with pdf.table(
        col_widths=widths,
        text_align=("LEFT", "LEFT", "RIGHT", "CENTER", "RIGHT", "RIGHT", "RIGHT"),
        line_height=4.3,
        repeat_headings=1,
        borders_layout="SINGLE_TOP_LINE",
        headings_style=FontFace(emphasis="BOLD", fill_color=(220, 228, 240)),
    ) as table:
        head = table.row()
        for h in headers:
            head.cell(h)
        for n, (lot, lines) in enumerate(_lots(quote), start=1):
            row = table.row(style=FontFace(emphasis="BOLD"))
            row.cell(str(n))
            row.cell(lot.upper())
            for _ in range(5):
                row.cell("")
            for k, line in enumerate(lines, start=1):
                row = table.row()
                row.cell(f"{n}.{k}")
                code = f"{lot[:3].upper()}{rng.randint(1, 999):03d}"
                row.cell(f"{code} – {line.designation}" if st.get("codes") else line.designation)
                row.cell(quantity(line.quantity))
                row.cell(unit_label(line, st))
                row.cell(amount(line.unit_price_ht, st, currency=False))
                row.cell(amount(line.total_ht, st, currency=False))
                row.cell(rate(line.tva_rate))
            row = table.row(style=FontFace(emphasis="ITALICS"))
            row.cell("")
            row.cell(f"Sous-total {n} – {lot}")
            for _ in range(3):
                row.cell("")
            row.cell(amount(sum(ln.total_ht for ln in lines), st, currency=False))
            row.cell("")
        if option is not None:
            row = table.row()
            row.cell("OPT")
            row.cell(f"En option (non comprise dans le total) : {option.designation}")
            row.cell(quantity(option.quantity))
            row.cell(unit_label(option, st))
            row.cell(amount(option.unit_price_ht, st, currency=False))
            row.cell(amount(option.total_ht, st, currency=False))
            row.cell(rate(option.tva_rate))
    pdf.ln(3)
    y = pdf.get_y()
    if y > 230:
        pdf.add_page()
        y = pdf.get_y()
    pdf.set_font("DejaVu", "B", 7.5)
    for h, w in (("Taux TVA", 18), ("Base HT", 24), ("Montant TVA", 24)):
        pdf.cell(w, 4.5, h, border=1, align="C")
    pdf.ln(4.5)
    pdf.set_font("DejaVu", "", 7.5)
    for vat in quote.vat_breakdown:
        pdf.cell(18, 4.5, rate(vat["rate"]), border=1, align="C")
        pdf.cell(24, 4.5, amount(vat["base_ht"], st, currency=False), border=1, align="R")
        pdf.cell(
            24, 4.5, amount(vat["tva"], st, currency=False), border=1, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    pdf.set_y(y)
    rows = [
        ("Total HT", amount(quote.total_ht, st)),
        ("Total TVA", amount(quote.total_tva, st)),
        ("Total TTC", amount(quote.total_ttc, st)),
    ]
    if invoice:
        deposit = quote.style["deposit"]
        rows += [
            (f"Acompte versé le {fr_date(quote.style['deposit_date'], st)}", amount(-deposit, st)),
            ("Net à payer", amount(money(quote.total_ttc - deposit), st)),
        ]
    for label, value in rows:
        pdf.set_x(126)
        pdf.set_font("DejaVu", "B" if label in ("Total TTC", "Net à payer") else "", 8.5)
        pdf.cell(40, 5, label, border=1)
        pdf.cell(30, 5, value, border=1, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 7)
    if invoice:
        text = _invoice_terms(quote, rng)
    else:
        pct = rng.choice([30, 40])
        text = (
            f"Acompte à la commande : {pct} % soit {amount(money(quote.total_ttc * pct / 100), st)} TTC, "
            "solde à la réception des travaux. "
            + _insurance(rng)
            + " Bon pour accord : date, signature et mention « devis reçu avant l'exécution des travaux »."
        )
    pdf.multi_cell(0, 3.4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _invoice_refs(pdf: FPDF, quote: Quote, rng: random.Random) -> None:
    st = quote.style
    pdf.cell(
        90,
        4.2,
        f"Suivant devis n° {st['quote_ref']} accepté le {fr_date(st['deposit_date'], st)}",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.cell(
        90,
        4.2,
        f"Travaux réalisés du {fr_date(st['works_from'], st)} au {fr_date(st['works_to'], st)}",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _invoice_terms(quote: Quote, rng: random.Random) -> str:
    return (
        "Facture payable à réception. Pas d'escompte pour paiement anticipé. En cas de retard de paiement, "
        "pénalités au taux de trois fois le taux d'intérêt légal et indemnité forfaitaire pour frais de "
        f"recouvrement de 40 €. {_insurance(rng)} IBAN FR76 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} "
        f"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(100, 999)}."
    )


# --------------------------------------------------------------------------- invoice (simple, designation first)


def render_invoice(quote: Quote, rng: random.Random) -> bytes:
    """A plainer invoice than the software export: title block, designation-first table, deposit, net due."""
    if quote.style["invoice_export"]:
        return render_export(quote, rng, invoice=True)
    st, a, c = quote.style, quote.artisan, quote.client
    pdf = _fpdf(quote, f"Facture {quote.number}")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 13)
    pdf.cell(0, 6, f"{a['name']} {a['legal_form']}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.cell(0, 4.2, f"{a['address']} – {a['postal_code']} {a['city']}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(0, 4.2, f"Siret : {siret_text(quote)} – N° TVA : {a['tva_number']}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    y = pdf.get_y()
    pdf.set_font("DejaVu", "B", 15)
    label = rng.choice(["FACTURE N°", "Facture n°", "FACTURE N° :"])
    pdf.cell(90, 8, f"{label} {quote.number}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.cell(90, 4.4, f"Date de facturation : {fr_date(quote.date, st)}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _invoice_refs(pdf, quote, rng)
    pdf.cell(90, 4.4, f"{st['site_label']} {_site_text(quote, rng)}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    end = pdf.get_y()
    pdf.set_xy(120, y)
    pdf.set_font("DejaVu", "B", 9)
    pdf.cell(76, 5, c.get("company") or c["name"], new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 8.5)
    stacked_cells(pdf, 76, 4.2, client_rows(c, "Siret client :"))
    pdf.set_y(max(end, pdf.get_y()) + 4)
    headers = ["Désignation", st["qty_header"], st["unit_header"], st["price_header"], "TVA", st["total_header"]]
    widths = [88, 15, 14, 24, 13, 28]
    pdf.set_font("DejaVu", "", 8.5)
    with pdf.table(
        col_widths=widths,
        text_align=("LEFT", "RIGHT", "CENTER", "RIGHT", "RIGHT", "RIGHT"),
        line_height=4.6,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
    ) as table:
        head = table.row()
        for h in headers:
            head.cell(h)
        for line in quote.lines:
            row = table.row()
            row.cell(line.designation)
            row.cell(quantity(line.quantity))
            row.cell(unit_label(line, st))
            row.cell(amount(line.unit_price_ht, st))
            row.cell(rate(line.tva_rate))
            row.cell(amount(line.total_ht, st))
    pdf.ln(3)
    deposit = st["deposit"]
    rows = [("Total HT", amount(quote.total_ht, st))]
    rows += [(f"TVA {rate(v['rate'])}", amount(v["tva"], st)) for v in quote.vat_breakdown]
    rows += [
        ("Total TTC", amount(quote.total_ttc, st)),
        (
            rng.choice(["Acompte déjà versé", "Déduction acompte reçu", "Acompte réglé à la commande"]),
            amount(-deposit, st),
        ),
        (rng.choice(["Net à payer", "Reste à payer TTC", "NET À PAYER"]), amount(money(quote.total_ttc - deposit), st)),
    ]
    for label_text, value in rows:
        pdf.set_x(116)
        pdf.set_font("DejaVu", "B" if label_text.upper().startswith(("NET", "RESTE", "TOTAL TTC")) else "", 9)
        pdf.cell(46, 5.4, label_text, border="B")
        pdf.cell(34, 5.4, value, border="B", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 7)
    pdf.multi_cell(0, 3.4, _invoice_terms(quote, rng), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- letter (word processor)

_UNIT_WORDS = {
    "m2": ("m²", "le m²"),
    "ml": ("mètres linéaires", "le mètre linéaire"),
    "u": ("unités", "l'unité"),
    "h": ("heures", "de l'heure"),
}


def _letter_amount(value: float, st: dict[str, Any]) -> str:
    if value == int(value) and st["round_euros"]:
        whole = f"{int(value):,}".replace(",", st["thousands"] if st["thousands"] != "." else " ")
        return f"{whole} €" if value >= 0 else f"-{whole} €"
    text = amount(value, st, currency=False)
    return f"{text} €"


def _letter_sentence(line: Line, st: dict[str, Any], variant: int) -> str:
    d = line.designation[0].lower() + line.designation[1:]
    tot, pu = _letter_amount(line.total_ht, st), _letter_amount(line.unit_price_ht, st)
    if line.category == "discount":
        return f"{line.designation} : {tot}"
    if line.unit in ("forfait", "ens") and line.quantity == 1:
        return f"{d} : forfait de {tot} HT" if variant != 1 else f"{d} pour un montant forfaitaire de {tot} HT"
    words, per = _UNIT_WORDS.get(line.unit, ("u", "l'unité"))
    if line.quantity <= 1 and words.endswith("s"):
        words = words[:-1].replace("mètres linéaire", "mètre linéaire")
    q = quantity(line.quantity)
    if variant == 0:
        return f"{d} sur {q} {words} à {pu} {per}, soit {tot} HT"
    if variant == 1:
        return f"{d} : {q} {words} x {pu} = {tot} HT"
    return f"{d}, {q} {words} au prix unitaire de {pu} HT, soit un total de {tot} HT"


def render_letter(quote: Quote, rng: random.Random) -> bytes:
    st, a, c = quote.style, quote.artisan, quote.client
    pdf = _fpdf(quote, f"Devis {quote.number}")
    footer_text = f"{a['name']} – SIRET {siret_text(quote)} – TVA {a['tva_number']} – {_insurance(rng)}"

    def footer_fn(self: FPDF = pdf) -> None:
        self.set_y(-14)
        self.set_font("Serif", "", 6.5)
        self.multi_cell(0, 3, footer_text, align="C")

    pdf.footer = footer_fn  # type: ignore[method-assign]
    pdf.set_margins(22, 16, 22)
    pdf.add_page()
    font = "Serif"
    pdf.set_font(font, "B", 12)
    pdf.cell(0, 6, a["name"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(font, "", 9.5)
    pdf.cell(0, 4.6, a["address"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(0, 4.6, f"{a['postal_code']} {a['city']}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    for text in (c["name"], c["address"], f"{c['postal_code']} {c['city']}"):
        pdf.set_x(118)
        pdf.cell(70, 4.8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_x(118)
    long_date = fr_date(quote.date, {"date_style": "long"})
    pdf.cell(70, 4.8, f"{a['city']}, le {long_date}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)

    def para(text: str, bold: bool = False, after: float = 2.5) -> None:
        pdf.set_font(font, "B" if bold else "", 10)
        pdf.multi_cell(0, 5.2, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(after)

    obj = rng.choice(["Objet : devis n°", "Objet : notre devis n°", "Objet : proposition de travaux – devis n°"])
    para(f"{obj} {quote.number}", bold=True)
    if quote.claim_reference:
        para(f"Vos références : sinistre {quote.claim_reference}", after=1)
    para("Madame, Monsieur,")
    visit = (Date.fromisoformat(quote.date) - timedelta(days=rng.randint(2, 9))).isoformat()
    para(
        rng.choice(
            [
                f"Suite à notre visite du {fr_date(visit, {'date_style': 'long'})} au {_site_text(quote, rng)}, "
                "nous avons le plaisir de vous proposer les travaux suivants :",
                f"Comme convenu lors de notre passage du {fr_date(visit, st)} sur le chantier situé "
                f"{_site_text(quote, rng)},"
                " voici notre proposition pour la remise en état des lieux :",
            ]
        )
    )
    variant = rng.randrange(3)
    bullet = rng.choice(["- ", "• ", "– "])
    current: str | None = "__start__"
    for line in quote.lines:
        room = line.room if line.room and line.room.lower() not in line.designation.lower() else None
        if room != current:
            current = room
            if room:
                para(rng.choice([f"Dans la pièce « {room} » :", f"{room} :", f"Pour {room.lower()} :"]), after=0.5)
        pdf.set_font(font, "", 10)
        pdf.set_x(pdf.l_margin + 4)
        pdf.multi_cell(
            0,
            5.2,
            bullet + _letter_sentence(line, st, variant) + rng.choice([";", ".", ""]),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    pdf.ln(3)
    ht, tva, ttc = (_letter_amount(v, st) for v in (quote.total_ht, quote.total_tva, quote.total_ttc))
    r = rate(quote.vat_breakdown[0]["rate"])
    if st["totals_sentence"]:
        para(f"Le montant total des travaux s'élève à {ht} HT, soit {ttc} TTC (TVA à {r} : {tva}).")
    else:
        for text in (f"Total HT : {ht}", f"TVA {r} : {tva}", f"Total TTC : {ttc}"):
            pdf.set_x(110)
            pdf.set_font(font, "B" if "TTC" in text else "", 10)
            pdf.cell(70, 5.4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
    para(
        f"Cette proposition est valable jusqu'au {fr_date(quote.valid_until, {'date_style': 'long'})}. Les travaux "
        "pourront débuter dans un délai de trois semaines après votre accord. Un acompte de 30 % vous sera "
        "demandé à la signature."
    )
    para(
        "Restant à votre disposition pour tout renseignement, nous vous prions d'agréer, Madame, Monsieur, "
        "l'expression de nos salutations distinguées."
    )
    pdf.set_x(120)
    pdf.set_font(font, "", 10)
    pdf.cell(60, 5, rng.choice(["Le gérant", "La direction", "Pour l'entreprise"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font(font, "", 8.5)
    pdf.cell(
        0, 4.4, "Bon pour accord (date, signature et mention « lu et approuvé ») :", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    return bytes(pdf.output())


# --------------------------------------------------------------------------- sheet (spreadsheet export)

_SHEET_COLUMNS = (
    ("Désignation", "PU HT", "Qté", "Unité", "Total HT"),
    ("Code", "Désignation", "Unité", "Prix unitaire", "Quantité", "Montant (EUR)"),
    ("Poste", "Désignation", "Qté", "PU", "U", "Total"),
    ("Désignation", "Prix U. HT", "Unité", "Qté", "Montant HT"),
)


def _sheet_number(value: float, st: dict[str, Any]) -> str:
    style = st["sheet_numbers"]
    if style == "dot":
        text = f"{value:.2f}"
    elif style == "plain":
        text = f"{value:.2f}".replace(".", ",")
    else:  # "eur": decimal comma, thousands space, EUR
        text = amount(value, {"thousands": " ", "currency": "EUR"})
    return text


def _sheet_qty(value: float, st: dict[str, Any]) -> str:
    text = quantity(value)
    return text.replace(",", ".") if st["sheet_numbers"] == "dot" else text


def render_sheet(quote: Quote, rng: random.Random) -> bytes:
    st, a, c = quote.style, quote.artisan, quote.client
    pdf = _fpdf(quote, f"Devis {quote.number}")
    pdf.set_margins(10, 10, 10)
    pdf.add_page("L" if st["landscape"] else "P")
    cols = rng.choice(_SHEET_COLUMNS)
    width = pdf.w - 20
    fixed = {"Désignation": 0.0}
    widths = [
        0.0 if h == "Désignation" else (18.0 if h in ("Code", "Poste", "Unité", "U", "Qté", "Quantité") else 26.0)
        for h in cols
    ]
    widths[cols.index("Désignation")] = width - sum(widths)
    del fixed
    pdf.set_font("Cond", "", 8)
    info = [
        ("DEVIS", quote.number),
        ("Date", fr_date(quote.date, {"date_style": "slash"})),
        ("Entreprise", f"{a['name']} {a['legal_form']}"),
        ("Adresse", f"{a['address']}, {a['postal_code']} {a['city']}"),
        ("SIRET", a["siret"]),
        ("N° TVA", a["tva_number"]),
        ("Client", c.get("company") or c["name"]),
        ("Adresse client", f"{c['address']}, {c['postal_code']} {c['city']}"),
        ("Chantier", _site_text(quote, rng)),
    ]
    if c.get("siret"):
        info.insert(8, ("SIRET client", c["siret"]))
    if quote.claim_reference:
        info.append(("Réf. sinistre", quote.claim_reference))
    for key, value in info:
        pdf.set_font("Cond", "B", 8)
        pdf.cell(32, 5, key, border=1)
        pdf.set_font("Cond", "", 8)
        pdf.cell(90, 5, value, border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    option = _option_line(rng, quote) if st.get("option") else None
    rows: list[tuple[Line, str]] = [(ln, "") for ln in quote.lines if ln.category != "discount"]
    if option is not None:
        rows.insert(rng.randint(1, len(rows)), (option, "option"))
    discounts = [ln for ln in quote.lines if ln.category == "discount"]
    code_prefix = rng.choice(["L", "ART-", "P"])
    with pdf.table(
        col_widths=widths,
        line_height=4.6,
        text_align="LEFT",
        borders_layout="ALL",
        headings_style=FontFace(emphasis="BOLD", fill_color=(210, 230, 210)),
    ) as table:
        head = table.row()
        for h in cols:
            head.cell(h)
        for k, (line, tag) in enumerate(rows, start=1):
            cells = {
                "Désignation": (
                    f"OPTION – {line.designation} (non comprise dans le total)" if tag else line.designation
                ),
                "Code": f"{code_prefix}{k:03d}",
                "Poste": f"{k}",
                "PU HT": _sheet_number(line.unit_price_ht, st),
                "Prix unitaire": _sheet_number(line.unit_price_ht, st),
                "PU": _sheet_number(line.unit_price_ht, st),
                "Prix U. HT": _sheet_number(line.unit_price_ht, st),
                "Qté": _sheet_qty(line.quantity, st),
                "Quantité": _sheet_qty(line.quantity, st),
                "Unité": unit_label(line, st),
                "U": unit_label(line, st),
                "Total HT": _sheet_number(line.total_ht, st),
                "Montant (EUR)": _sheet_number(line.total_ht, st),
                "Total": _sheet_number(line.total_ht, st),
                "Montant HT": _sheet_number(line.total_ht, st),
            }
            row = table.row()
            for h in cols:
                row.cell(cells[h])
    pdf.ln(2)
    label_w, value_w = 50.0, 30.0
    x = pdf.w - 10 - label_w - value_w
    gross = money(sum(ln.total_ht for ln in quote.lines if ln.category != "discount"))
    totals: list[tuple[str, str]] = []
    if discounts:
        totals.append(("Total brut HT", _sheet_number(gross, st)))
        totals += [(d.designation, _sheet_number(d.total_ht, st)) for d in discounts]
        totals.append(("Total net HT", _sheet_number(quote.total_ht, st)))
    else:
        totals.append(("TOTAL HT", _sheet_number(quote.total_ht, st)))
    totals += [(f"TVA {rate(v['rate'])}", _sheet_number(v["tva"], st)) for v in quote.vat_breakdown]
    totals.append(("TOTAL TTC", _sheet_number(quote.total_ttc, st)))
    for label, value in totals:
        pdf.set_x(x)
        pdf.set_font("Cond", "B" if label.startswith("TOTAL") else "", 8.5)
        pdf.cell(label_w, 5, label, border=1)
        pdf.cell(value_w, 5, value, border=1, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font("Cond", "", 7)
    pdf.multi_cell(
        0, 3.4, f"Montants en euros. {_insurance(rng)} Devis valable 3 mois.", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    return bytes(pdf.output())


# --------------------------------------------------------------------------- handwritten form (image)

DPI = 200


def _mm(v: float) -> int:
    return round(v * DPI / 25.4)


def _font(name: str, size_pt: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / name), round(size_pt * DPI / 72))


def ruled_grid(
    draw: ImageDraw.ImageDraw,
    xs: list[int],
    rows: tuple[float, float, int],
    heads: tuple[str, ...],
    font: ImageFont.FreeTypeFont,
    ink: tuple[int, int, int],
    *,
    rules: tuple[int, int, int] | None = None,
    widths: tuple[int, int, int] = (2, 1, 1),
    head_at: tuple[float, float] = (1, 2),
) -> None:
    """A handwritten form's printed grid: its frame, the column rules, one ruled row per line
    (``rows``: top, row height and count, in mm, under the heads' row) and the column heads."""
    top, row_h, n_rows = rows
    bottom = top + row_h * (n_rows + 1)
    frame, column, row = widths
    draw.rectangle((_mm(xs[0]), _mm(top), _mm(xs[-1]), _mm(bottom)), outline=ink, width=frame)
    for x in xs[1:-1]:
        draw.line((_mm(x), _mm(top), _mm(x), _mm(bottom)), fill=ink, width=column)
    for k in range(1, n_rows + 1):
        draw.line((_mm(xs[0]), _mm(top + row_h * k), _mm(xs[-1]), _mm(top + row_h * k)), fill=rules or ink, width=row)
    for x, h in zip(xs, heads, strict=False):
        draw.text((_mm(x + head_at[0]), _mm(top + head_at[1])), h, font=font, fill=ink)


def _handwrite(
    image: Image.Image,
    xy: tuple[float, float],
    text: str,
    rng: random.Random,
    size: float = 11,
    anchor_right: bool = False,
) -> None:
    """Write ``text`` in ink, word by word, each word a little off the line and tilted."""
    ink = rng.choice([(20, 30, 110), (15, 15, 40), (30, 40, 90)])
    font = _font(
        rng.choice(["DejaVuSerif-Italic.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSerifCondensed-Italic.ttf"]),
        size * rng.uniform(0.95, 1.08),
    )
    words = text.split(" ")
    space = font.getlength(" ") * rng.uniform(0.9, 1.4)
    total = sum(font.getlength(w) for w in words) + space * (len(words) - 1)
    x, y = float(_mm(xy[0])), float(_mm(xy[1]))
    if anchor_right:
        x -= int(total)
    for word in words:
        box = font.getbbox(word)
        w, h = int(box[2]) + 6, int(box[3]) + 10
        tile = Image.new("L", (w, h), 0)
        ImageDraw.Draw(tile).text((2, 2), word, font=font, fill=255)
        tile = tile.rotate(rng.uniform(-2.5, 2.5), resample=Image.Resampling.BICUBIC, expand=True)
        colour = Image.new("RGB", tile.size, ink)
        image.paste(colour, (int(x), int(y + rng.uniform(-3, 3))), tile)
        x += font.getlength(word) + space


def render_handwritten(quote: Quote, rng: random.Random) -> bytes:
    st, a, c = quote.style, quote.artisan, quote.client
    page = Image.new("RGB", (_mm(210), _mm(297)), (252, 251, 246))
    draw = ImageDraw.Draw(page)
    printed, bold = _font("DejaVuSans.ttf", 9), _font("DejaVuSans-Bold.ttf", 16)
    blue = (30, 60, 140)
    # the company's stamp (printed, slightly tilted)
    stamp = Image.new("L", (_mm(80), _mm(30)), 0)
    sd = ImageDraw.Draw(stamp)
    sd.rectangle((2, 2, stamp.width - 3, stamp.height - 3), outline=255, width=4)
    for k, text in enumerate(
        (
            f"{a['name']} {a['legal_form']}",
            a["address"],
            f"{a['postal_code']} {a['city']}",
            f"SIRET {siret_text(quote)}",
            f"TVA {a['tva_number']}",
        )
    ):
        sd.text(
            (_mm(3), _mm(2.5) + k * _mm(5)), text, font=_font("DejaVuSansCondensed-Bold.ttf", 9 if k else 10), fill=255
        )
    stamp = stamp.rotate(rng.uniform(-4, 4), expand=True, resample=Image.Resampling.BICUBIC)
    page.paste(Image.new("RGB", stamp.size, (40, 60, 170)), (_mm(12), _mm(14)), stamp)
    draw.text((_mm(118), _mm(14)), "DEVIS", font=bold, fill=blue)
    draw.text((_mm(118), _mm(26)), "N°", font=printed, fill=blue)
    draw.line((_mm(125), _mm(30), _mm(195), _mm(30)), fill=blue, width=2)
    _handwrite(page, (127, 23.5), quote.number, rng, 12)
    draw.text((_mm(118), _mm(35)), "Date", font=printed, fill=blue)
    draw.line((_mm(128), _mm(39), _mm(195), _mm(39)), fill=blue, width=2)
    _handwrite(page, (130, 32.5), fr_date(quote.date, st), rng, 11)
    draw.rectangle((_mm(118), _mm(44), _mm(196), _mm(70)), outline=blue, width=2)
    draw.text((_mm(120), _mm(45)), "Client", font=printed, fill=blue)
    for k, text in enumerate((c["name"], c["address"], f"{c['postal_code']} {c['city']}")):
        _handwrite(page, (122, 50 + k * 6), text, rng, 10.5)
    draw.text((_mm(12), _mm(60)), "Lieu des travaux", font=printed, fill=blue)
    _handwrite(page, (40, 57), _site_text(quote, rng), rng, 10)
    if quote.claim_reference:
        draw.text((_mm(12), _mm(67)), "Réf. sinistre", font=printed, fill=blue)
        _handwrite(page, (36, 64), quote.claim_reference, rng, 10)
    # the grid
    xs = [12, 116, 140, 166, 198]
    heads = ("Désignation", "Quantité", "Prix unit. H.T.", "Montant H.T.")
    top, row_h = 76.0, 9.0
    n_rows = max(len(quote.lines) + 2, 16)
    ruled_grid(
        draw,
        xs,
        (top, row_h, n_rows),
        heads,
        printed,
        blue,
        rules=(150, 170, 210),
        widths=(3, 2, 1),
        head_at=(1.5, 2.5),
    )
    hand = {**st, "currency": ""}
    for k, line in enumerate(quote.lines, start=1):
        y = top + row_h * k + 1.5
        text = line.designation if len(line.designation) <= 48 else line.designation[:46].rsplit(" ", 1)[0]
        _handwrite(page, (xs[0] + 1.5, y), text, rng, 9.5)
        q = f"{quantity(line.quantity)} {unit_label(line, st)}"
        _handwrite(page, (xs[2] - 2, y), q, rng, 10, anchor_right=True)
        _handwrite(page, (xs[3] - 2, y), amount(line.unit_price_ht, hand, currency=False), rng, 10, anchor_right=True)
        _handwrite(page, (xs[4] - 2, y), amount(line.total_ht, hand, currency=False), rng, 10, anchor_right=True)
    y = top + row_h * (n_rows + 1) + 4
    r = rate(quote.vat_breakdown[0]["rate"]) if len(quote.vat_breakdown) == 1 else ""
    for label, value in (
        ("Total H.T.", quote.total_ht),
        (f"T.V.A. {r}".strip(), quote.total_tva),
        ("Total T.T.C.", quote.total_ttc),
    ):
        draw.rectangle((_mm(140), _mm(y), _mm(198), _mm(y + 8)), outline=blue, width=2)
        draw.text((_mm(141.5), _mm(y + 2)), label, font=printed, fill=blue)
        _handwrite(page, (196, y + 1), amount(value, {**st, "currency": "€"}), rng, 10.5, anchor_right=True)
        y += 8
    draw.text((_mm(12), _mm(y - 20)), "Bon pour accord, date et signature :", font=printed, fill=blue)
    draw.text((_mm(12), _mm(287)), _insurance(rng)[:110], font=_font("DejaVuSans.ttf", 6.5), fill=blue)
    buf = io.BytesIO()
    page.save(buf, "PDF", resolution=float(DPI))
    return buf.getvalue()


# --------------------------------------------------------------------------- plan and files

RENDER = {
    "export": render_export,
    "letter": render_letter,
    "sheet": render_sheet,
    "invoice": render_invoice,
    "handwritten": render_handwritten,
}
_SCENARIOS = (
    "fair",
    "inflated",
    "discount",
    "arithmetic_error",
    "not_covered",
    "fair",
    "no_measurements",
    "invalid_siret",
    "regional_fair",
    "extra_trades",
    "fair",
    "slightly_high",
    "fair",
    "below_scope",
)
_BDG_SCENARIOS = ("fair", "inflated", "not_covered", "arithmetic_error")
_COVERS = (DDE, DDE, INC, DDE, BDG, TGN, DDE)
TEXT_PER_FAMILY = 6
SCANS = (
    ("handwritten", "scan_jpeg"),
    ("handwritten", "photo_jpeg"),
    ("handwritten", "scan_pdf"),
    ("handwritten", "scan_jpeg"),
    ("handwritten", "photo_jpeg"),
    ("handwritten", "scan_jpeg"),
    ("export", "scan_pdf"),
    ("export", "photo_jpeg"),
    ("letter", "scan_jpeg"),
    ("letter", "photo_jpeg"),
    ("sheet", "scan_jpeg"),
    ("sheet", "photo_jpeg"),
    ("invoice", "scan_pdf"),
    ("invoice", "photo_jpeg"),
)


def plan(seed: int) -> list[tuple[str, str, str, str]]:
    """(family, scenario, cover, media) of every document."""
    rng = random.Random(seed)
    docs = [(f, "text_pdf") for f in TEXT_FAMILIES for _ in range(TEXT_PER_FAMILY)] + list(SCANS)
    out = []
    for i, (family, media) in enumerate(docs):
        cover = _COVERS[(i * 3 + i // 7) % len(_COVERS)]
        pool = _BDG_SCENARIOS if cover == BDG else _SCENARIOS
        scenario = pool[(i * 5 + i // len(pool)) % len(pool)]
        if family in ("sheet", "letter", "export") and i % 3 == 0 and cover != BDG:
            scenario = "discount"  # a "Remise" row, global in spreadsheets, a sentence in letters
        out.append((family, scenario, cover, media))
    rng.shuffle(out)
    return out


def _invoice_number(rng: random.Random, year: int) -> str:
    n = rng.randint(7, 980)
    return rng.choice(
        [
            f"FA-{year}-{n:04d}",
            f"F{year}{n:04d}",
            f"FAC{year % 100}{rng.randint(1, 12):02d}-{n:03d}",
            f"{year}-F{n:03d}",
            f"FC{n:05d}",
        ]
    )


def build(
    rng: random.Random,
    index: int,
    family: str,
    scenario: str,
    cover: str,
    pick: Callable[[random.Random, str, int], list[str]] | None = None,
) -> Quote:
    # letters and handwritten forms state one VAT rate, like generate.py's free text
    quote = build_quote(
        rng, index, scenario, cover, "freetext" if family in ("letter", "handwritten") else family, pick
    )
    quote.layout = family
    st = quote.style
    st["codes"] = rng.random() < 0.5
    st["option"] = family in ("export", "sheet") and rng.random() < 0.6
    st["sheet_numbers"] = rng.choice(["dot", "plain", "eur"])
    st["landscape"] = rng.random() < 0.3
    st["round_euros"] = rng.random() < 0.7
    st["totals_sentence"] = rng.random() < 0.6
    st["invoice_export"] = rng.random() < 0.5
    if family in ("export", "invoice", "sheet") and rng.random() < 0.5:
        quote.client["company"] = rng.choice(COMPANY_CLIENTS)
        quote.client["siret"] = _client_siret(rng)
    if family == "invoice":
        year = int(quote.date[:4])
        st["quote_ref"] = quote.number
        quote.number = _invoice_number(rng, year)
        day = Date.fromisoformat(quote.date)
        st["deposit_date"] = (day - timedelta(days=rng.randint(30, 60))).isoformat()
        st["works_from"] = (day - timedelta(days=rng.randint(10, 25))).isoformat()
        st["works_to"] = (day - timedelta(days=rng.randint(1, 8))).isoformat()
        st["deposit"] = money(round(quote.total_ttc * rng.choice([0.2, 0.3, 0.4]) / 10) * 10)
    return quote


def write_document(
    out_dir: Path, quote: Quote, pdf: bytes, data: bytes, ext: str, stem: str, kind: str, producer: str
) -> dict[str, Any]:
    """Write a document (``data``, rendered from ``pdf``) and its ground truth; return the ground truth."""
    quote.file = f"{quote.index:02d}_{stem}.{ext}"
    (out_dir / quote.file).write_bytes(data)
    truth = ground_truth(quote)
    truth["kind"] = kind
    truth["producer"] = producer
    truth["pages"] = _pages(pdf)
    write_json(out_dir / f"{Path(quote.file).stem}.json", truth)
    return truth


def write_manifest(out_dir: Path, truths: list[dict[str, Any]], **header: Any) -> None:
    manifest = {
        **header,
        "documents": [
            {
                "upload_order": t["upload_order"],
                "file": t["file"],
                "ground_truth": f"{Path(t['file']).stem}.json",
                "kind": t["kind"],
                "cover": t["cover"],
                "layout": t["layout"],
                "media": t["media"],
                "scenario": t["scenario"],
                "outcome": t["expected"]["outcome"],
                "flags": t["expected"]["flags"],
            }
            for t in truths
        ],
    }
    write_json(out_dir / "manifest.json", manifest)


def generate_families(out_dir: Path, seed: int = 2026) -> list[dict[str, Any]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    truths = []
    for index, (family, scenario, cover, media) in enumerate(plan(seed), start=1):
        rng = random.Random(f"families-{seed}-{index}")
        quote = build(rng, index, family, scenario, cover)
        quote.media = media
        quote.expected = expectations(quote)
        pdf = RENDER[family](quote, rng)
        data, ext = (pdf, "pdf") if media == "text_pdf" else degrade(pdf, media, rng)
        stem = (
            rng.choice(["document", "scan", "piece", "doc", "PJ"])
            if media != "text_pdf"
            else rng.choice(["export", "document", "devis_client", "piece_jointe", "edition"])
        )
        truths.append(
            write_document(
                out_dir,
                quote,
                pdf,
                data,
                ext,
                stem,
                "facture" if family == "invoice" else "devis",
                "PIL (handwritten-style form)" if family == "handwritten" else "fpdf2",
            )
        )
    write_manifest(out_dir, truths, seed=seed, generator="tests/heldout/families.py")
    return truths


def run_generator(
    argv: list[str] | None,
    description: str,
    generate: Callable[[Path, int], list[dict[str, Any]]],
    seed: int,
) -> int:
    """The command line of a frozen-set generator: the output folder and the seed."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=seed)
    args = parser.parse_args(argv)
    truths = generate(args.out_dir, args.seed)
    print(f"{len(truths)} documents dans {args.out_dir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_generator(
        argv, "Génère les familles de documents gelées avec leur vérité terrain.", generate_families, 2026
    )


if __name__ == "__main__":
    raise SystemExit(main())
