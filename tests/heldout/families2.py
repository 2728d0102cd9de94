"""Frozen held-out set 2: four more layout families and carbon-book photos, with public wordings.

    .venv/bin/python -m tests.heldout.families2 OUT_DIR [--seed 2027]

Made once into ``tests/heldout/frozen2/`` (see its README) to measure issues 11 (reader) and 12
(judge) on documents their authors never saw. The families differ in structure from the corpus,
from ``generate.py``'s four layouts and from ``families.py``'s five:

- ``ouvrage``: trade-software export of composite works: each priced line ("ouvrage") is followed
  by indented, italic, unpriced component rows (supply and labour quantities), a per-line VAT
  column, a VAT recap per rate, "À reporter" / "Report" rows at page breaks (the components of a
  line may continue on the next page), the seller's SIRET in the header's identity block;
- ``card``: an online quote tool: key/value header, each line a block ("Quantité : 12 m² · Prix
  unitaire HT : 25,00 € · Total HT : 300,00 €"), the seller's block (with its SIRET) at the bottom;
- ``email``: a quote written as an e-mail (From/To/Subject headers), bullets with amounts after dot
  leaders, in parentheses, "pour un montant de …", some lines with their TTC beside the HT, numbers
  "1 500 €" or "1.500,00 €", SIRET in the signature;
- ``landscape``: a landscape page, two-column header, amounts left of the wording (Montant HT, Qté,
  U, PU HT, Désignation, TVA, Montant TTC per line), SIRET under the title;
- ``carbon``: a page of a duplicate (carbon) quote book filled in by hand, pre-printed number,
  quantity first; only as scans and phone photos.

Quotes and invoices (``kind`` "facture" in the ground truth) come from ``families.build`` (so from
``generate.build_quote``: prices, scenarios, expectations), with the line wordings replaced by
public ones collected in ``tests/heldout/wordings2/wordings.tsv`` (each with its source address).
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

from tests.heldout import catalog
from tests.heldout.catalog import BDG, DDE, INC, ITEMS, TGN
from tests.heldout.families import (
    _font,
    _fpdf,
    _handwrite,
    _insurance,
    _invoice_terms,
    _lots,
    _mm,
    _site_text,
    build,
    ruled_grid,
    run_generator,
    write_document,
    write_manifest,
)
from tests.heldout.generate import Line, Quote, expectations, money
from tests.heldout.render import (
    FONT_DIR,
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
from tests.heldout.scan import degrade
from tests.heldout.set_plan import Planned, among_fair, family_plan

WORDINGS = Path(__file__).parent / "wordings2" / "wordings.tsv"
FAMILIES = ("ouvrage", "card", "email", "landscape", "carbon")
TEXT_FAMILIES = ("ouvrage", "card", "email", "landscape")


def load_wordings(path: Path = WORDINGS) -> dict[str, list[str]]:
    """{category: [wordings]} of the public wordings file (one wording a row, with its source)."""
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out.setdefault(row["category"], []).append(row["wording"])
    return out


@contextmanager
def public_wordings(path: Path = WORDINGS) -> Iterator[None]:
    """Quotes built inside use the public wordings; the catalogue's own come back afterwards."""
    saved = dict(ITEMS)
    catalog.use_wordings(load_wordings(path))
    try:
        yield
    finally:
        ITEMS.clear()
        ITEMS.update(saved)


def _is_invoice(quote: Quote) -> bool:
    return "quote_ref" in quote.style


def _title(quote: Quote) -> str:
    return "FACTURE" if _is_invoice(quote) else "DEVIS"


def _line_count(pdf: FPDF, width: float, height: float, text: str) -> int:
    """How many lines ``text`` takes in a cell of that width, in the current font."""
    lines = pdf.multi_cell(width, height, text, dry_run=True, output=MethodReturnValue.LINES)
    assert isinstance(lines, list)
    return max(1, len(lines))


def _phone(rng: random.Random) -> str:
    return f"0{rng.randint(1, 7)} " + " ".join(f"{rng.randint(10, 99)}" for _ in range(4))


# --------------------------------------------------------------------------- ouvrage (composite works)

# components of a work per unit of the priced line: (wording, unit, quantity per unit)
_COMPONENTS: dict[str, tuple[tuple[str, str, float], ...]] = {
    "m2": (("Fourniture : produits et consommables", "m²", 1.05), ("Main d'œuvre", "h", 0.45)),
    "ml": (("Fourniture : profilés, colle, pointes", "ml", 1.1), ("Main d'œuvre", "h", 0.2)),
    "u": (("Fourniture : matériel posé", "u", 1.0), ("Main d'œuvre", "h", 1.5)),
    "h": (),
    "forfait": (("Main d'œuvre", "h", 2.0),),
    "ens": (("Main d'œuvre", "h", 3.0),),
}


def render_ouvrage(quote: Quote, rng: random.Random) -> bytes:
    st, a, c = quote.style, quote.artisan, quote.client
    invoice = _is_invoice(quote)
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.add_font("Cond", "I", str(FONT_DIR / "DejaVuSansCondensed-Oblique.ttf"))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Cond", "B", 13)
    pdf.cell(100, 6, a["name"].upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Cond", "", 8)
    ape = rng.choice(["4334Z", "4332A", "4339Z", "4333Z"])
    for text in (
        f"{a['address']} – {a['postal_code']} {a['city']}",
        f"Tél. {_phone(rng)}",
        f"{a['legal_form']} – Siret {siret_text(quote)} – APE {ape}",
        f"N° TVA {a['tva_number']}",
    ):
        pdf.cell(100, 3.8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_xy(120, 12)
    pdf.set_font("Cond", "B", 16)
    pdf.cell(76, 8, _title(quote), align="R", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("Cond", "", 8.5)
    info = [("N°", quote.number), ("Date", fr_date(quote.date, st))]
    if invoice:
        info.append(("Devis d'origine", st["quote_ref"]))
    else:
        info.append(("Validité", fr_date(quote.valid_until, st)))
    for key, text in info:
        pdf.set_x(140)
        pdf.cell(22, 4.4, key, border="B")
        pdf.cell(34, 4.4, text, border="B", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    y = 42.0
    pdf.set_xy(112, y)
    pdf.set_draw_color(120, 120, 120)
    pdf.rect(110, y - 1, 86, 28)
    pdf.set_font("Cond", "B", 9)
    pdf.cell(84, 4.6, c.get("company") or c["name"], new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("Cond", "", 8.5)
    stacked_cells(pdf, 84, 4.2, client_rows(c, "Siret :", "Contact :"))
    pdf.set_xy(14, y)
    pdf.set_font("Cond", "", 8.5)
    pdf.multi_cell(90, 4.2, f"Chantier : {_site_text(quote, rng)}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if quote.claim_reference:
        pdf.cell(90, 4.2, f"Sinistre n° {quote.claim_reference}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if invoice:
        pdf.cell(
            90,
            4.2,
            f"Travaux exécutés du {fr_date(st['works_from'], st)} au {fr_date(st['works_to'], st)}",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    # the table, drawn row by row so that page breaks carry the running total
    cols = [
        ("Réf.", 16, "L"),
        ("Désignation", 84, "L"),
        ("Qté", 15, "R"),
        ("U", 10, "C"),
        ("PU HT", 20, "R"),
        ("TVA", 12, "R"),
        ("Total HT", 25, "R"),
    ]
    bottom = 272.0
    running = 0.0

    def header(y0: float) -> float:
        pdf.set_xy(14, y0)
        pdf.set_font("Cond", "B", 8)
        pdf.set_fill_color(225, 225, 225)
        for name, w, align in cols:
            pdf.cell(w, 5.5, name, border=1, align=align, fill=True)
        return y0 + 5.5

    def row(cells: list[str], style: str = "", size: float = 8, indent: float = 0.0) -> None:
        nonlocal y
        pdf.set_font("Cond", style, size)
        text_w = cols[1][1] - 2 - indent
        h = 3.8 * _line_count(pdf, text_w, 3.8, cells[1]) + 1.2
        if y + h > bottom - 6:
            carry(cells)
        pdf.set_xy(14, y + 0.6)
        x = 14.0
        for k, (_name, w, align) in enumerate(cols):
            pdf.set_xy(x + (1 + indent if k == 1 else 0.5), y + 0.6)
            if k == 1:
                pdf.multi_cell(text_w, 3.8, cells[1], align="L")
            else:
                pdf.cell(w - 1, 3.8, cells[k], align=align)
            x += w
        y += h
        pdf.set_draw_color(200, 200, 200)
        pdf.line(14, y, 196, y)

    def carry(_next: list[str]) -> None:
        nonlocal y
        pdf.set_xy(14, y + 1)
        pdf.set_font("Cond", "B", 8)
        pdf.cell(157, 5, "À reporter", align="R")
        pdf.cell(25, 5, amount(running, st, currency=False), align="R")
        pdf.add_page()
        y = header(14)
        pdf.set_xy(14, y + 0.5)
        pdf.set_font("Cond", "B", 8)
        pdf.cell(157, 5, "Report", align="R")
        pdf.cell(25, 5, amount(running, st, currency=False), align="R")
        y += 6

    y = header(max(pdf.get_y(), 72) + 4)
    for n, (lot, lines) in enumerate(_lots(quote), start=1):
        row(["", f"{n}  {lot.upper()}", "", "", "", "", ""], style="B", size=8.5)
        for k, line in enumerate(lines, start=1):
            row(
                [
                    f"{n}.{k}",
                    line.designation,
                    quantity(line.quantity),
                    unit_label(line, st),
                    amount(line.unit_price_ht, st, currency=False),
                    rate(line.tva_rate),
                    amount(line.total_ht, st, currency=False),
                ]
            )
            running = money(running + line.total_ht)
            if line.category == "discount":
                continue
            for wording, unit, per_unit in _COMPONENTS[line.unit]:
                row(
                    ["", wording, quantity(money(line.quantity * per_unit)), unit, "", "", ""],
                    style="I",
                    size=7,
                    indent=5,
                )
    if y > bottom - 45:
        pdf.add_page()
        y = 14.0
    y += 4
    pdf.set_xy(14, y)
    pdf.set_font("Cond", "B", 8)
    for h, w in (("Taux", 16), ("Base HT", 26), ("TVA", 24)):
        pdf.cell(w, 5, h, border=1, align="C")
    pdf.ln(5)
    pdf.set_font("Cond", "", 8)
    for vat in quote.vat_breakdown:
        pdf.cell(16, 5, rate(vat["rate"]), border=1, align="C")
        pdf.cell(26, 5, amount(vat["base_ht"], st, currency=False), border=1, align="R")
        pdf.cell(
            24, 5, amount(vat["tva"], st, currency=False), border=1, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    totals = [("Total HT", quote.total_ht), ("Total TVA", quote.total_tva), ("Total TTC", quote.total_ttc)]
    if invoice:
        deposit = st["deposit"]
        totals += [("Acompte facturé", -deposit), ("Net à payer", money(quote.total_ttc - deposit))]
    pdf.set_y(y)
    totals_box(pdf, totals, st, 130, (36, 30), 5.2, ("Cond", 9), lambda label: label in ("Total TTC", "Net à payer"))
    pdf.ln(3)
    pdf.set_font("Cond", "", 7)
    terms = (
        _invoice_terms(quote, rng)
        if invoice
        else (
            "Détail des ouvrages donné à titre indicatif (quantités de fournitures et de main d'œuvre par ouvrage). "
            f"Conditions : 30 % à la commande, solde à la réception. {_insurance(rng)}"
        )
    )
    pdf.multi_cell(0, 3.3, terms, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- card (online quote tool)


def render_card(quote: Quote, rng: random.Random) -> bytes:
    st, a, c = quote.style, quote.artisan, quote.client
    invoice = _is_invoice(quote)
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    accent = rng.choice([(16, 110, 120), (90, 60, 150), (200, 90, 30), (30, 90, 170)])
    pdf.set_fill_color(*accent)
    pdf.rect(0, 0, 210, 22, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(14, 7)
    pdf.set_font("DejaVu", "B", 15)
    pdf.cell(120, 8, f"{'Facture' if invoice else 'Devis'} {quote.number}")
    pdf.set_font("DejaVu", "", 8)
    pdf.set_xy(130, 8)
    pdf.cell(66, 6, rng.choice(["Édité en ligne", "Document généré en ligne", "Devis en ligne"]), align="R")
    pdf.set_text_color(0, 0, 0)
    pdf.set_xy(14, 28)
    fields = [("Émis le", fr_date(quote.date, {"date_style": "long"}))]
    fields.append(("Échéance" if invoice else "Valable jusqu'au", fr_date(quote.valid_until, st)))
    if invoice:
        fields.append(("Devis accepté", st["quote_ref"]))
    fields += [
        ("Client", c.get("company") or c["name"]),
        ("Adresse", f"{c['address']}, {c['postal_code']} {c['city']}"),
    ]
    if c.get("siret"):
        fields.append(("Siret du client", c["siret"]))
    fields.append(("Lieu d'intervention", _site_text(quote, rng)))
    if quote.claim_reference:
        fields.append(("Référence sinistre", quote.claim_reference))
    for key, text in fields:
        pdf.set_font("DejaVu", "", 8.5)
        pdf.set_text_color(110, 110, 110)
        pdf.cell(42, 5, key)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("DejaVu", "B", 8.5)
        pdf.cell(0, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(
        0, 7, rng.choice(["Prestations", "Détail de la prestation", "Vos travaux"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    sep = rng.choice([" · ", "  |  ", " – "])
    for line in quote.lines:
        if pdf.get_y() > 255:
            pdf.add_page()
        top = pdf.get_y()
        pdf.set_x(18)
        pdf.set_font("DejaVu", "B", 9)
        pdf.multi_cell(128, 4.6, line.designation, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_x(18)
        pdf.set_font("DejaVu", "", 8)
        pdf.set_text_color(90, 90, 90)
        if line.category == "discount":
            detail = f"Montant HT : {amount(line.total_ht, st)}"
        else:
            detail = sep.join(
                [
                    f"Quantité : {quantity(line.quantity)} {unit_label(line, st)}",
                    f"Prix unitaire HT : {amount(line.unit_price_ht, st)}",
                    f"TVA {rate(line.tva_rate)}",
                ]
            )
        pdf.multi_cell(132, 4.4, detail, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        bottom = pdf.get_y() + 1.5
        pdf.set_xy(150, top + (bottom - top) / 2 - 2.5)
        pdf.set_font("DejaVu", "B", 9)
        pdf.cell(46, 5, f"Total HT : {amount(line.total_ht, st)}", align="R")
        pdf.set_draw_color(*accent)
        pdf.set_line_width(0.6)
        pdf.line(15, top, 15, bottom)
        pdf.set_line_width(0.2)
        pdf.set_draw_color(220, 220, 220)
        pdf.line(15, bottom + 1, 196, bottom + 1)
        pdf.set_y(bottom + 2.5)
    pdf.ln(2)
    rows = [("Total HT", quote.total_ht)] + [(f"TVA {rate(v['rate'])}", v["tva"]) for v in quote.vat_breakdown]
    rows.append(("Total TTC", quote.total_ttc))
    if invoice:
        rows += [("Acompte reçu", -st["deposit"]), ("Reste à régler", money(quote.total_ttc - st["deposit"]))]
    for label, value in rows:
        if pdf.get_y() > 270:
            pdf.add_page()
        pdf.set_x(120)
        pdf.set_font("DejaVu", "B" if label in ("Total TTC", "Reste à régler") else "", 9.5)
        pdf.cell(40, 6, label)
        pdf.cell(36, 6, amount(value, st), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    if pdf.get_y() > 245:
        pdf.add_page()
    pdf.set_font("DejaVu", "B", 8.5)
    pdf.cell(0, 5, "Émis par", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 8)
    for text in (
        f"{a['name']} ({a['legal_form']})",
        f"{a['address']}, {a['postal_code']} {a['city']}",
        f"SIRET : {siret_text(quote)} · TVA intracommunautaire : {a['tva_number']}",
        f"Tél. {_phone(rng)}",
    ):
        pdf.cell(0, 4.2, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_font("DejaVu", "", 6.8)
    pdf.multi_cell(
        0,
        3.2,
        _invoice_terms(quote, rng)
        if invoice
        else f"Devis gratuit. {_insurance(rng)} Bon pour accord : signature électronique.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    return bytes(pdf.output())


# --------------------------------------------------------------------------- email


def _euros(value: float, st: dict[str, Any]) -> str:
    """ "1 500 €" for whole euros when the writer drops the cents, else the document's own format."""
    if st["round_euros"] and value == int(value):
        whole = f"{int(abs(value)):,}".replace(",", st["thousands"])
        return f"{'-' if value < 0 else ''}{whole} €"
    return f"{amount(value, st, currency=False)} €"


_UNIT_TEXT = {"m2": "m²", "ml": "ml", "u": "u", "h": "h", "forfait": "forfait", "ens": "ens."}


def _email_bullet(line: Line, st: dict[str, Any], form: int) -> str:
    tot, pu = _euros(line.total_ht, st), _euros(line.unit_price_ht, st)
    if line.category == "discount":
        return f"{line.designation} : {tot} HT"
    q, u = quantity(line.quantity), _UNIT_TEXT[line.unit]
    lump = line.unit in ("forfait", "ens") and line.quantity == 1
    if form == 0:
        body = f"{line.designation} " + ("(forfait)" if lump else f"({q} {u} × {pu})")
        return f"{body} {'.' * max(4, 58 - len(body))} {tot} HT"
    if form == 1:
        if lump:
            return f"{line.designation}, pour un montant de {tot} HT"
        return f"{line.designation} : {q} {u} à {pu} HT l'unité, pour un montant de {tot} HT"
    ttc = _euros(money(line.total_ht * (1 + line.tva_rate / 100)), st)
    if lump:
        return f"{line.designation} : {tot} HT ({ttc} TTC)"
    return f"{line.designation} — {q} {u} x {pu} HT = {tot} HT, soit {ttc} TTC"


def render_email(quote: Quote, rng: random.Random) -> bytes:
    st, a, c = quote.style, quote.artisan, quote.client
    pdf = _fpdf(quote, f"Devis {quote.number}")
    pdf.set_margins(18, 14, 18)
    pdf.add_page()
    domain = a["name"].split()[0].lower().strip("'’") + rng.choice([".fr", "-batiment.fr", ".com"])
    sent = fr_date(quote.date, {"date_style": "long"})
    pdf.set_font("DejaVu", "", 8.5)
    pdf.set_text_color(80, 80, 80)
    for key, value in (
        ("De", f"{a['name']} <contact@{domain}>"),
        ("À", c["name"]),
        ("Date", f"{sent} {rng.randint(8, 18)}:{rng.randint(0, 59):02d}"),
        (
            "Objet",
            f"{rng.choice(['Votre devis', 'Devis travaux', 'Chiffrage'])} n° {quote.number}"
            f"{' – sinistre ' + quote.claim_reference if quote.claim_reference else ''}",
        ),
    ):
        pdf.set_font("DejaVu", "B", 8.5)
        pdf.cell(16, 4.8, f"{key} :")
        pdf.set_font("DejaVu", "", 8.5)
        pdf.cell(0, 4.8, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(180, 180, 180)
    pdf.line(18, pdf.get_y() + 2, 192, pdf.get_y() + 2)
    pdf.ln(6)

    def para(text: str, after: float = 2.5, bold: bool = False) -> None:
        pdf.set_font("DejaVu", "B" if bold else "", 9.5)
        pdf.multi_cell(0, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(after)

    para(rng.choice(["Bonjour,", f"Bonjour {c['name'].split(' ', 1)[-1]},", "Madame, Monsieur,"]))
    para(
        rng.choice(
            [
                f"Comme convenu, voici le chiffrage des travaux au {_site_text(quote, rng)} :",
                f"Suite à votre demande et à notre passage au {_site_text(quote, rng)}, je vous détaille ci-dessous "
                "les travaux et leur prix :",
            ]
        )
    )
    bullet = rng.choice(["• ", "- ", "* "])
    form = rng.randrange(3)
    for line in quote.lines:
        pdf.set_x(pdf.l_margin + 4)
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(0, 5, bullet + _email_bullet(line, st, form), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    ht, tva, ttc = (_euros(v, st) for v in (quote.total_ht, quote.total_tva, quote.total_ttc))
    r = rate(quote.vat_breakdown[0]["rate"])
    para(
        rng.choice(
            [
                f"Soit un total de {ht} HT, TVA {r} ({tva}), {ttc} TTC.",
                f"Le tout pour un montant de {ht} HT, soit {ttc} TTC avec la TVA à {r} ({tva}).",
            ]
        )
    )
    para(
        f"Le devis est valable jusqu'au {fr_date(quote.valid_until, st)}. Si cela vous convient, merci de me le "
        "renvoyer signé avec la mention « bon pour accord »."
    )
    para(rng.choice(["Cordialement,", "Bien à vous,", "Bonne journée,"]), after=1)
    pdf.set_font("DejaVu", "", 8.5)
    for text in (
        rng.choice(["Le gérant", "L'équipe"]) + f" – {a['name']}",
        f"{a['address']}, {a['postal_code']} {a['city']}",
        f"Tél. {_phone(rng)}",
        f"{a['legal_form']} – SIRET {siret_text(quote)}",
    ):
        pdf.cell(0, 4.4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 7)
    pdf.set_text_color(120, 120, 120)
    pdf.multi_cell(0, 3.3, _insurance(rng), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- landscape (amounts first)


def render_landscape(quote: Quote, rng: random.Random) -> bytes:
    st, a, c = quote.style, quote.artisan, quote.client
    invoice = _is_invoice(quote)
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_page(orientation="L")
    pdf.set_font("Serif", "B", 14)
    pdf.cell(130, 7, a["name"])
    pdf.set_font("Serif", "B", 18)
    pdf.cell(0, 7, f"{_title(quote)} N° {quote.number}", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Serif", "", 8.5)
    pdf.cell(130, 4.4, f"{a['address']} – {a['postal_code']} {a['city']} – Tél. {_phone(rng)}")
    pdf.cell(
        0, 4.4, f"Siret {siret_text(quote)} – TVA {a['tva_number']}", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.ln(3)
    y = pdf.get_y()
    pdf.set_draw_color(60, 60, 60)
    left = [("Date", fr_date(quote.date, st))]
    left.append(("Suivant devis", st["quote_ref"]) if invoice else ("Valable jusqu'au", fr_date(quote.valid_until, st)))
    left.append(("Lieu des travaux", _site_text(quote, rng)))
    if quote.claim_reference:
        left.append(("Dossier sinistre", quote.claim_reference))
    for key, text in left:
        pdf.set_font("Serif", "B", 8.5)
        pdf.cell(34, 4.8, key)
        pdf.set_font("Serif", "", 8.5)
        pdf.cell(100, 4.8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    end = pdf.get_y()
    pdf.set_xy(160, y)
    pdf.set_font("Serif", "B", 9)
    pdf.cell(120, 4.8, f"Client : {c.get('company') or c['name']}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("Serif", "", 8.5)
    pdf.cell(120, 4.6, f"{c['address']}, {c['postal_code']} {c['city']}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    if c.get("siret"):
        pdf.cell(120, 4.6, f"SIRET {c['siret']}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_y(max(end, pdf.get_y()) + 4)
    cols = [
        ("Montant HT", 27, "R"),
        ("Qté", 16, "R"),
        ("U", 12, "C"),
        ("PU HT", 24, "R"),
        ("Désignation", 128, "L"),
        ("TVA", 16, "R"),
        ("Montant TTC", 26, "R"),
    ]
    pdf.set_font("Serif", "B", 8.5)
    pdf.set_fill_color(230, 230, 215)
    for name, w, align in cols:
        pdf.cell(w, 6, name, border=1, align=align, fill=True)
    pdf.ln(6)
    pdf.set_font("Serif", "", 8.5)
    for line in quote.lines:
        h = 4.4 * _line_count(pdf, cols[4][1] - 2, 4.4, line.designation) + 1.4
        if pdf.get_y() + h > 190:
            pdf.add_page(orientation="L")
        y0 = pdf.get_y()
        ttc = money(line.total_ht * (1 + line.tva_rate / 100))
        discount = line.category == "discount"
        values = [
            amount(line.total_ht, st, currency=False),
            "" if discount else quantity(line.quantity),
            "" if discount else unit_label(line, st),
            "" if discount else amount(line.unit_price_ht, st, currency=False),
            line.designation,
            rate(line.tva_rate),
            amount(ttc, st, currency=False),
        ]
        x = pdf.l_margin
        for (name, w, align), cell_text in zip(cols, values, strict=True):
            pdf.set_xy(x + 1, y0 + 0.7)
            if name == "Désignation":
                pdf.multi_cell(w - 2, 4.4, cell_text, align="L")
            else:
                pdf.cell(w - 2, 4.4, cell_text, align=align)
            pdf.rect(x, y0, w, h)
            x += w
        pdf.set_y(y0 + h)
    pdf.ln(3)
    if pdf.get_y() > 165:
        pdf.add_page(orientation="L")
    rows = [("Total HT", quote.total_ht)] + [
        (f"TVA {rate(v['rate'])} sur {amount(v['base_ht'], st)}", v["tva"]) for v in quote.vat_breakdown
    ]
    rows.append(("Total TTC", quote.total_ttc))
    if invoice:
        rows += [("Acompte versé", -st["deposit"]), ("Solde à payer", money(quote.total_ttc - st["deposit"]))]
    y = pdf.get_y()
    for label, value in rows:
        pdf.set_font("Serif", "B" if label in ("Total TTC", "Solde à payer") else "", 9)
        pdf.cell(30, 5.2, amount(value, st), border=1, align="R")
        pdf.cell(62, 5.2, label, border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_xy(120, y)
    pdf.set_font("Serif", "", 7.5)
    pdf.multi_cell(
        0,
        3.6,
        _invoice_terms(quote, rng)
        if invoice
        else f"Acompte de 30 % à la signature. {_insurance(rng)} Date et signature précédées de la mention "
        "« Bon pour accord » :",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    return bytes(pdf.output())


# --------------------------------------------------------------------------- carbon copy book (image)


def render_carbon(quote: Quote, rng: random.Random) -> bytes:
    """A5 page of a duplicate quote book: pre-printed form, handwriting pressed through carbon paper."""
    st, a, c = quote.style, quote.artisan, quote.client
    paper = rng.choice([(250, 236, 238), (252, 248, 222), (236, 244, 250)])
    page = Image.new("RGB", (_mm(148), _mm(210)), paper)
    draw = ImageDraw.Draw(page)
    ink = rng.choice([(150, 40, 40), (40, 110, 70), (60, 60, 60)])
    small, bold = _font("DejaVuSansCondensed.ttf", 7), _font("DejaVuSansCondensed-Bold.ttf", 10)
    draw.text((_mm(8), _mm(6)), f"{a['name']} {a['legal_form']}", font=bold, fill=ink)
    draw.text((_mm(8), _mm(11)), f"{a['address']} {a['postal_code']} {a['city']}", font=small, fill=ink)
    draw.text((_mm(8), _mm(14.5)), f"SIRET {siret_text(quote)} – TVA {a['tva_number']}", font=small, fill=ink)
    draw.text((_mm(100), _mm(6)), "DEVIS", font=_font("DejaVuSans-Bold.ttf", 13), fill=ink)
    draw.text((_mm(100), _mm(12)), "N°", font=small, fill=ink)
    # the book's pre-printed sequence number, the quote's own number
    draw.text((_mm(106), _mm(11)), quote.number, font=_font("DejaVuSansMono-Bold.ttf", 10), fill=(200, 30, 30))
    draw.text((_mm(8), _mm(21)), "Date :", font=small, fill=ink)
    draw.text((_mm(8), _mm(27)), "Client :", font=small, fill=ink)
    draw.text((_mm(8), _mm(39)), "Chantier :", font=small, fill=ink)
    writing = Image.new("RGB", page.size, (255, 255, 255))  # the handwriting alone, pressed through later
    _handwrite(writing, (20, 18.5), fr_date(quote.date, st), rng, 8.5)
    _handwrite(writing, (22, 24.5), f"{c['name']}, {c['address']}", rng, 8)
    _handwrite(writing, (22, 30.5), f"{c['postal_code']} {c['city']}", rng, 8)
    _handwrite(writing, (24, 36.5), _site_text(quote, rng), rng, 7.5)
    if quote.claim_reference:
        draw.text((_mm(80), _mm(21)), "Réf. :", font=small, fill=ink)
        _handwrite(writing, (90, 18.5), quote.claim_reference, rng, 8)
    xs = [8, 26, 98, 118, 142]
    heads = ("Qté", "Désignation des travaux", "P.U. H.T.", "Montant H.T.")
    top, row_h = 46.0, 7.5
    n_rows = max(len(quote.lines) + 1, 14)
    ruled_grid(draw, xs, (top, row_h, n_rows), heads, small, ink)
    hand = {**st, "currency": ""}
    for k, line in enumerate(quote.lines, start=1):
        y = top + row_h * k + 1.2
        q = "" if line.category == "discount" else f"{quantity(line.quantity)} {unit_label(line, st)}"
        _handwrite(writing, (xs[1] - 1.5, y), q, rng, 8, anchor_right=True)
        text = line.designation if len(line.designation) <= 40 else line.designation[:38].rsplit(" ", 1)[0]
        _handwrite(writing, (xs[1] + 1.5, y), text, rng, 7.5)
        if line.category != "discount":
            _handwrite(
                writing, (xs[3] - 1.5, y), amount(line.unit_price_ht, hand, currency=False), rng, 8, anchor_right=True
            )
        _handwrite(writing, (xs[4] - 1.5, y), amount(line.total_ht, hand, currency=False), rng, 8, anchor_right=True)
    y = top + row_h * (n_rows + 1) + 3
    r = rate(quote.vat_breakdown[0]["rate"])
    for label, value in (
        ("Total H.T.", quote.total_ht),
        (f"T.V.A. {r}", quote.total_tva),
        ("Total T.T.C.", quote.total_ttc),
    ):
        draw.rectangle((_mm(98), _mm(y), _mm(142), _mm(y + 7)), outline=ink, width=1)
        draw.text((_mm(99), _mm(y + 2)), label, font=small, fill=ink)
        _handwrite(writing, (140.5, y + 0.8), amount(value, {**st, "currency": "€"}), rng, 8.5, anchor_right=True)
        y += 7
    draw.text((_mm(8), _mm(y - 18)), "Signature du client :", font=small, fill=ink)
    draw.text((_mm(8), _mm(203)), _insurance(rng)[:96], font=_font("DejaVuSansCondensed.ttf", 5.5), fill=ink)
    # carbon: the writing in a blurred violet-blue, uneven as the pen pressed harder or lighter
    marks = ImageOps.invert(writing.convert("L")).filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.3)))
    pressure = Image.linear_gradient("L").resize(page.size).rotate(rng.uniform(0, 360)).point(lambda p: 150 + p // 3)
    marks = ImageChops.multiply(marks, pressure)
    carbon = Image.new("RGB", page.size, rng.choice([(70, 50, 140), (50, 60, 150), (40, 40, 90)]))
    page.paste(carbon, (0, 0), marks)
    buf = io.BytesIO()
    page.save(buf, "PDF", resolution=200.0)
    return buf.getvalue()


# --------------------------------------------------------------------------- plan and files

RENDER = {
    "ouvrage": render_ouvrage,
    "card": render_card,
    "email": render_email,
    "landscape": render_landscape,
    "carbon": render_carbon,
}
# the base family of families.build: mixed VAT rates allowed, one rate (free text), or an invoice
_BASE = {"ouvrage": "export", "card": "sheet", "email": "letter", "landscape": "export", "carbon": "handwritten"}
# per text family: four fair quotes (three at the typical price, one at a high regional coefficient)
_TEXT_SCENARIOS = {
    "ouvrage": among_fair(7, "inflated", "arithmetic_error", "not_covered"),
    "card": among_fair(7, "slightly_high", "invalid_siret", "above_scope"),
    "email": among_fair(7, "discount", "inflated", "below_scope"),
    "landscape": among_fair(7, "no_measurements", "arithmetic_error", "extra_trades"),
}
_INVOICES = {"ouvrage": (2, 5), "card": (0, 3), "landscape": (1, 4, 6)}
_TEXT_COVERS = (DDE, DDE, INC, DDE, TGN, DDE, DDE)
SCANS = (
    ("carbon", "photo_jpeg", "fair", DDE),
    ("carbon", "photo_jpeg", "inflated", DDE),
    ("carbon", "scan_jpeg", "fair", INC),
    ("carbon", "photo_jpeg", "arithmetic_error", DDE),
    ("carbon", "scan_pdf", "invalid_siret", TGN),
    ("carbon", "scan_jpeg", "fair", BDG),
    ("ouvrage", "scan_pdf", "fair", DDE),
    ("ouvrage", "photo_jpeg", "not_covered", DDE),
    ("card", "photo_jpeg", "fair", DDE),
    ("card", "scan_jpeg", "inflated", BDG),
    ("email", "photo_jpeg", "fair", DDE),
    ("email", "scan_jpeg", "slightly_high", DDE),
    ("landscape", "scan_pdf", "fair", INC),
    ("landscape", "photo_jpeg", "below_scope", DDE),
)


def plan(seed: int) -> list[Planned]:
    """(family, scenario, cover, media, invoice) of every document, in a shuffled upload order."""
    return family_plan(
        seed,
        TEXT_FAMILIES,
        _TEXT_SCENARIOS,
        lambda _, k, __: _TEXT_COVERS[k],
        _INVOICES,
        SCANS,
        lambda k, family: family in ("ouvrage", "landscape") and k % 2 == 0,
    )


def generate_families2(out_dir: Path, seed: int = 2027) -> list[dict[str, Any]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    truths = []
    with public_wordings():
        for index, (family, scenario, cover, media, invoice) in enumerate(plan(seed), start=1):
            rng = random.Random(f"families2-{seed}-{index}")
            quote = build(rng, index, "invoice" if invoice else _BASE[family], scenario, cover)
            if invoice and family in ("email", "carbon"):
                raise AssertionError("letters and carbon books state one VAT rate and are quotes here")
            quote.layout = family
            quote.media = media
            quote.expected = expectations(quote)
            pdf = RENDER[family](quote, rng)
            data, ext = (pdf, "pdf") if media == "text_pdf" else degrade(pdf, media, rng)
            stem = (
                rng.choice(["scan", "photo", "IMG", "doc"])
                if media != "text_pdf"
                else rng.choice(["devis", "document", "piece_jointe", "pdf_artisan", "fichier"])
            )
            truths.append(
                write_document(
                    out_dir,
                    quote,
                    pdf,
                    data,
                    ext,
                    stem,
                    "facture" if invoice else "devis",
                    "PIL (carbon-copy book)" if family == "carbon" else "fpdf2",
                )
            )
    write_manifest(
        out_dir,
        truths,
        seed=seed,
        generator="tests/heldout/families2.py",
        wordings="tests/heldout/wordings2/wordings.tsv",
    )
    return truths


def main(argv: list[str] | None = None) -> int:
    return run_generator(
        argv, "Génère le deuxième jeu gelé de documents avec leur vérité terrain.", generate_families2, 2027
    )


if __name__ == "__main__":
    raise SystemExit(main())
