"""Frozen held-out set 7: three more layout families, scans and photos, with public wordings.

    .venv/bin/python -m tests.heldout.families7 OUT_DIR [--seed 2032]

Made once into ``tests/heldout/frozen7/`` (see its README) to measure the robot of session 8 on
documents unlike the 28 layouts of ``generate.py`` and ``families.py`` to ``families6.py``:

- ``ttc``: a small business's invoicing tool for private customers (after public auto-entrepreneur
  quote and invoice templates and price guides quoting TTC): every line priced TTC ("P.U. TTC",
  "Montant TTC") with its VAT rate beside it, the HT appearing only in the totals, which stand as
  one horizontal grid (a header row "Total HT | TVA 10 % | Total TTC", the figures under it), the
  seller's SIRET only inside a stamp box ("Cachet de l'entreprise") at the foot of the page;
- ``tworow``: an online tool that prints each line on two rows without a column grid: the wording
  (with a reference code) across the page, then under it, small and indented, the computation
  "12,5 m² x 25,00 € HT · TVA 10 %" with the line's amount at the right of that second row; the
  quote is followed by the customer's VAT attestation page (attestation simplifiée, form 1301-SD):
  boxes, address fields and a blank amount that are not lines;
- ``bpu``: a tender-style "bordereau des prix / détail estimatif" (after public BPU/DQE forms):
  chapters "CHAPITRE 2 – PLÂTRERIE", articles "2.03", each wording followed by its unit price in
  words after dot leaders ("Le mètre carré : vingt-huit euros cinquante ........"), columns
  "N° | Désignation | U | Qté | P.U. HT | Montant HT", the total stated in words at the end ("Arrêté
  le présent devis à la somme de … euros TTC"), the seller's SIRET in the signature block.

Scans and photos of six of the documents (two per family): a phone photo, a crumpled sheet, a
low-resolution scan, a fax, a page scanned sideways, a scanned PDF (``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover as in set 5 (``families5._pick``), with the line
wordings replaced by the public ones of ``tests/heldout/wordings7/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from tests.heldout.catalog import BDG, DDE, INC, TGN
from tests.heldout.families import _fpdf, _site_text, one_vat_rate
from tests.heldout.families2 import _is_invoice, _line_count, _phone, _title
from tests.heldout.families4 import _customer, _refs, _total_rows, degrade4
from tests.heldout.families5 import _footer, _legal, _pick
from tests.heldout.family_set import FamilySet, main
from tests.heldout.generate import Line, Quote, money
from tests.heldout.render import amount, fr_date, quantity, rate, siret_text
from tests.heldout.set_plan import among_fair, covers_in_turn

WORDINGS = Path(__file__).parent / "wordings7" / "wordings.tsv"
_UNITS = {"m2": "m²", "ml": "ml", "u": "u", "h": "h", "j": "j", "forfait": "forfait", "ens": "ens."}


def _ttc(value: float, tva_rate: float) -> float:
    return money(value * (1 + tva_rate / 100))


def _seller(quote: Quote) -> list[str]:
    a = quote.artisan
    return [f"{a['name']} {a['legal_form']}", a["address"], f"{a['postal_code']} {a['city']}"]


# --------------------------------------------------------------------------- ttc (lines priced TTC)


def render_ttc(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.set_xy(14, 12)
    pdf.cell(100, 7, a["name"], new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 8.5)
    for text in [*_seller(quote)[1:], f"Tél. {_phone(rng)}"]:
        pdf.cell(100, 4.2, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_fill_color(40, 70, 110)
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(120, 12)
    pdf.set_font("DejaVu", "B", 13)
    pdf.cell(76, 8, _title(quote), align="C", fill=True, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 8.5)
    for text in _refs(quote):
        pdf.cell(76, 4.4, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(120, max(pdf.get_y(), 42) + 3)
    pdf.set_font("DejaVu", "B", 8.5)
    pdf.cell(76, 4.4, "Adressé à :", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.multi_cell(76, 4.4, "\n".join(_customer(quote)))
    y = max(pdf.get_y(), 62) + 4
    pdf.set_xy(14, y)
    pdf.multi_cell(
        182, 4.4, f"Objet : remise en état – {_site_text(quote, rng)}. Prix exprimés toutes taxes comprises."
    )
    cols = [
        ("Désignation", 92, "L"),
        ("Qté", 16, "R"),
        ("Unité", 16, "C"),
        ("P.U. TTC", 22, "R"),
        ("TVA", 14, "R"),
        ("Montant TTC", 26, "R"),
    ]
    x0, y = 14.0, pdf.get_y() + 3

    def header(y: float) -> float:
        pdf.set_fill_color(225, 232, 242)
        pdf.set_font("DejaVu", "B", 8)
        pdf.set_xy(x0, y)
        for name, w, _ in cols:
            pdf.cell(w, 6, name, border="B", align="C", fill=True)
        return y + 7

    y = header(y)
    for line in quote.lines:
        pdf.set_font("DejaVu", "", 8)
        h = 4.2 * _line_count(pdf, cols[0][1] - 1, 4.2, line.designation) + 1.5
        if y + h > 200:
            pdf.add_page()
            y = header(14.0)
        discount = line.category == "discount"
        cells = [
            line.designation,
            "" if discount else quantity(line.quantity),
            "" if discount else _UNITS[line.unit],
            "" if discount else amount(_ttc(line.unit_price_ht, line.tva_rate), st),
            rate(line.tva_rate),
            amount(_ttc(line.total_ht, line.tva_rate), st),
        ]
        x = x0
        for k, ((_, w, align), text) in enumerate(zip(cols, cells, strict=True)):
            pdf.set_xy(x + 0.5, y + 0.6)
            if k == 0:
                pdf.multi_cell(w - 1, 4.2, text)
            else:
                pdf.cell(w - 1, 4.2, text, align=align)
            x += w
        pdf.set_draw_color(200, 200, 200)
        pdf.line(x0, y + h, x0 + sum(w for _, w, _ in cols), y + h)
        pdf.set_draw_color(0, 0, 0)
        y += h
    totals = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    width = 182 / len(totals)
    y = max(y + 6, 212.0) if y + 6 < 212 else y + 6
    if y + 60 > 285:
        pdf.add_page()
        y = 20.0
    pdf.set_fill_color(40, 70, 110)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("DejaVu", "B", 8)
    pdf.set_xy(x0, y)
    for label, _ in totals:
        pdf.cell(width, 6, label, border=1, align="C", fill=True)
    pdf.set_text_color(0, 0, 0)
    pdf.set_xy(x0, y + 6)
    for label, value in totals:
        pdf.set_font("DejaVu", "B" if label in ("Total TTC", "Net à payer") else "", 9)
        pdf.cell(width, 7, amount(value, st), border=1, align="C")
    y += 18
    pdf.set_font("DejaVu", "", 7.5)
    pdf.set_xy(x0, y)
    terms = (
        "Paiement à réception de facture. Pénalités de retard : trois fois le taux d'intérêt légal ; indemnité "
        "forfaitaire de recouvrement 40 €."
        if _is_invoice(quote)
        else f"Devis gratuit, valable jusqu'au {fr_date(quote.valid_until, st)}. Acompte de 30 % à la commande."
    )
    pdf.multi_cell(182, 3.6, terms)
    y = pdf.get_y() + 3
    pdf.rect(x0, y, 84, 30)
    pdf.set_xy(x0 + 2, y + 1.5)
    pdf.set_font("DejaVu", "B", 7.5)
    pdf.cell(80, 4, "Cachet de l'entreprise", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 7.5)
    stamp = [*_seller(quote), f"SIRET {siret_text(quote)}", f"TVA intracom. {a['tva_number']}"]
    pdf.multi_cell(80, 3.6, "\n".join(stamp))
    pdf.rect(x0 + 98, y, 84, 30)
    pdf.set_xy(x0 + 100, y + 1.5)
    pdf.cell(80, 4, "Bon pour accord, date et signature du client")
    return bytes(pdf.output())


# --------------------------------------------------------------------------- tworow (two rows a line, attestation)


def _computation(line: Line, st: dict[str, Any]) -> str:
    if line.category == "discount":
        return f"TVA {rate(line.tva_rate)}"
    unit = {"forfait": "forfait", "ens": "ensemble"}.get(line.unit, _UNITS[line.unit])
    return f"{quantity(line.quantity)} {unit} x {amount(line.unit_price_ht, st)} HT · TVA {rate(line.tva_rate)}"


def _attestation(pdf: FPDF, quote: Quote) -> None:
    """The customer's VAT attestation page (form 1301-SD) the quote asks to be signed: not lines."""
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(
        0,
        6,
        "ATTESTATION SIMPLIFIÉE\nTaux réduit de TVA – travaux dans des locaux d'habitation achevés "
        "depuis plus de deux ans (n° 1301-SD)",
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 8.5)
    c = quote.client
    fields = [
        ("Nom du client", c.get("company") or c["name"]),
        ("Adresse des travaux", c["address"]),
        ("Code postal et commune", f"{c['postal_code']} {c['city']}"),
        ("Nature de l'entreprise", "Entreprise"),
        ("Référence du devis", quote.number),
    ]
    for label, value in fields:
        pdf.cell(60, 7, label, border=1)
        pdf.cell(122, 7, value, border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    boxes = (
        "Maison ou immeuble individuel",
        "Immeuble collectif",
        "Appartement individuel",
        "Autre (précisez)",
        "Habitation principale",
        "Habitation secondaire",
        "Propriétaire",
        "Locataire",
        "Autre",
    )
    for box in boxes:
        y = pdf.get_y()
        pdf.rect(16, y + 1.2, 3, 3)
        pdf.set_x(22)
        pdf.cell(0, 5.5, box, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.multi_cell(
        0,
        4.2,
        "J'atteste que les travaux réalisés n'affectent pas, sur une période de deux ans au plus, "
        "plus de cinq des six éléments de second œuvre et ne conduisent pas à une "
        "surélévation ni à une augmentation de la surface de plancher de plus de 10 %.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(3)
    pdf.cell(60, 7, "Montant des travaux TTC", border=1)
    pdf.cell(50, 7, "......................... €", border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.cell(0, 6, "Fait à ........................, le ........................   Signature du client :")


def render_tworow(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(False)
    _footer(pdf, f"{a['name']} – {_title(quote).lower()} {quote.number}", "Cond")
    pdf.add_page()
    pdf.set_font("Cond", "B", 14)
    pdf.cell(0, 7, f"{a['name']} {a['legal_form']}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Cond", "", 8.5)
    pdf.cell(
        0,
        4.2,
        f"{a['address']} – {a['postal_code']} {a['city']} – {_phone(rng)}",
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.cell(
        0,
        4.2,
        f"SIRET {siret_text(quote)} – RM {a['postal_code'][:2]} – TVA {a['tva_number']}",
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    top = pdf.get_y() + 5
    pdf.set_xy(14, top)
    pdf.set_font("Cond", "B", 12)
    pdf.cell(90, 6, _title(quote), new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("Cond", "", 8.5)
    pdf.multi_cell(90, 4.2, "\n".join(_refs(quote)))
    pdf.set_xy(118, top)
    pdf.multi_cell(78, 4.2, "\n".join(["Client", *_customer(quote)]), border=1)
    y = max(pdf.get_y(), top + 28) + 3
    pdf.set_xy(14, y)
    pdf.multi_cell(182, 4.2, f"Chantier : {_site_text(quote, rng)}")
    y = pdf.get_y() + 3
    pdf.set_font("Cond", "B", 8.5)
    pdf.set_xy(14, y)
    pdf.cell(150, 5, "Désignation", border="B")
    pdf.cell(32, 5, "Montant HT", border="B", align="R")
    y += 7
    for k, line in enumerate(quote.lines, start=1):
        text = line.designation if line.category == "discount" else f"{k:03d}  {line.designation}"
        pdf.set_font("Cond", "B", 8.6)
        n = _line_count(pdf, 180, 4.3, text)
        h = 4.3 * n + 4.4 + 2
        if y + h > 270:
            pdf.add_page()
            y = 16.0
        pdf.set_xy(14, y)
        pdf.multi_cell(180, 4.3, text)
        y += 4.3 * n
        pdf.set_xy(22, y)
        pdf.set_font("Cond", "", 7.6)
        pdf.set_text_color(90, 90, 90)
        pdf.cell(120, 4.4, _computation(line, st))
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Cond", "", 8.6)
        pdf.set_xy(146, y)
        pdf.cell(50, 4.4, amount(line.total_ht, st), align="R")
        y += 4.4 + 2
    rows = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    if y + 6 * len(rows) + 20 > 275:
        pdf.add_page()
        y = 16.0
    y += 3
    for label, value in rows:
        pdf.set_xy(120, y)
        pdf.set_font("Cond", "B" if label.startswith("Total") else "", 9)
        pdf.cell(44, 5.5, label, border="T")
        pdf.cell(32, 5.5, amount(value, st), border="T", align="R")
        y += 5.5
    pdf.set_xy(14, y + 4)
    pdf.set_font("Cond", "", 7.8)
    pdf.multi_cell(
        182,
        3.8,
        "TVA au taux réduit sous réserve de l'attestation simplifiée ci-jointe, "
        "signée par le client. "
        "Bon pour accord : date et signature.",
    )
    if not _is_invoice(quote):
        _attestation(pdf, quote)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- bpu (prices in words)

_ONES = (
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
)
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _below_100(n: int) -> str:
    if n <= 16:
        return _ONES[n]
    if n < 20:
        return f"dix-{_ONES[n - 10]}"
    tens, ones = divmod(n, 10)
    if tens in (7, 9):  # soixante-dix, quatre-vingt-dix: the teens after sixty or eighty
        base = "soixante" if tens == 7 else "quatre-vingt"
        return f"{base} et onze" if n == 71 else f"{base}-{_below_100(10 + ones)}"
    base = "quatre-vingt" if tens == 8 else _TENS[tens]
    if ones == 0:
        return "quatre-vingts" if tens == 8 else base
    return f"{base} et un" if ones == 1 and tens != 8 else f"{base}-{_ONES[ones]}"


def _below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_100(rest)
    head = "cent" if hundreds == 1 else f"{_ONES[hundreds]} cent{'s' if rest == 0 else ''}"
    return head if rest == 0 else f"{head} {_below_100(rest)}"


def in_words(n: int) -> str:
    """A whole number below a million in French words ("deux mille trois cent quarante")."""
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return _below_1000(rest)
    head = "mille" if thousands == 1 else f"{_below_1000(thousands).removesuffix('s')} mille"
    return head if rest == 0 else f"{head} {_below_1000(rest)}"


def euros_in_words(value: float) -> str:
    cents = round(abs(value) * 100)
    euros, rest = divmod(cents, 100)
    text = f"{in_words(euros)} euro{'s' if euros > 1 else ''}"
    return f"{text} et {in_words(rest)} centime{'s' if rest > 1 else ''}" if rest else text


_PER_UNIT = {
    "m2": "Le mètre carré",
    "ml": "Le mètre linéaire",
    "u": "L'unité",
    "h": "L'heure",
    "j": "Le jour",
    "forfait": "Le forfait",
    "ens": "L'ensemble",
}


def render_bpu(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(False)
    _footer(pdf, _legal(quote, rng), "Serif")
    pdf.add_page()
    pdf.set_font("Serif", "B", 12)
    pdf.set_xy(14, 12)
    pdf.multi_cell(
        182,
        6,
        f"{'DÉCOMPTE – ' if _is_invoice(quote) else ''}BORDEREAU DES PRIX – DÉTAIL ESTIMATIF\n"
        f"{_title(quote).capitalize()} n° {quote.number}",
        border=1,
        align="C",
    )
    pdf.set_font("Serif", "", 8.5)
    top = pdf.get_y() + 3
    pdf.set_xy(14, top)
    pdf.multi_cell(88, 4.2, "\n".join(["Maître d'ouvrage :", *_customer(quote)]))
    pdf.set_xy(108, top)
    pdf.multi_cell(88, 4.2, "\n".join(["Entreprise :", *_seller(quote), f"Tél. {_phone(rng)}"]))
    pdf.set_xy(14, max(pdf.get_y(), top + 22) + 2)
    operation = f"Opération : réparation après sinistre, {_site_text(quote, rng)}"
    pdf.multi_cell(182, 4.2, "\n".join([*_refs(quote)[1:], operation]))
    cols = [
        ("N°", 13, "C"),
        ("Désignation des ouvrages et prix unitaires en toutes lettres", 99, "L"),
        ("U", 12, "C"),
        ("Qté", 16, "R"),
        ("P.U. HT", 20, "R"),
        ("Montant HT", 22, "R"),
    ]
    x0, y = 14.0, pdf.get_y() + 3

    def header(y: float) -> float:
        pdf.set_font("Serif", "B", 7.4)
        pdf.set_xy(x0, y)
        for name, w, _ in cols:
            pdf.multi_cell(w, 4, name, border=1, align="C", new_x=XPos.RIGHT, new_y=YPos.TOP, max_line_height=4)
        return y + 8

    def room(y: float, h: float) -> float:
        if y + h > 268:
            pdf.add_page()
            return header(14.0)
        return y

    y = header(y)
    chapters: dict[str, list[Line]] = {}
    for line in quote.lines:
        chapters.setdefault("" if line.category == "discount" else (line.trade or "Divers"), []).append(line)
    for c, (trade, lines) in enumerate(chapters.items(), start=1):
        if trade:
            y = room(y, 6)
            pdf.set_font("Serif", "B", 8)
            pdf.set_xy(x0, y)
            pdf.cell(sum(w for _, w, _ in cols), 6, f"CHAPITRE {c} – {trade.upper()}", border=1)
            y += 6
        for k, line in enumerate(lines, start=1):
            discount = line.category == "discount"
            words = "" if discount else f"{_PER_UNIT[line.unit]} : {euros_in_words(line.unit_price_ht)}"
            pdf.set_font("Serif", "", 7.8)
            n = _line_count(pdf, cols[1][1] - 1.5, 3.8, line.designation)
            pdf.set_font("DejaVu", "I", 7.2)
            m = _line_count(pdf, cols[1][1] - 1.5, 3.5, words + " " + "." * 12) if words else 0
            h = 3.8 * n + 3.5 * m + 1.6
            y = room(y, h)
            cells = [
                "" if discount else f"{c}.{k:02d}",
                "",
                "" if discount else _UNITS[line.unit],
                "" if discount else quantity(line.quantity),
                "" if discount else amount(line.unit_price_ht, st, currency=False),
                amount(line.total_ht, st, currency=False),
            ]
            x = x0
            for col, ((_, w, align), text) in enumerate(zip(cols, cells, strict=True)):
                pdf.rect(x, y, w, h)
                pdf.set_xy(x + 0.6, y + 0.6)
                if col == 1:
                    pdf.set_font("Serif", "", 7.8)
                    pdf.multi_cell(w - 1.5, 3.8, line.designation, new_x=XPos.LEFT, new_y=YPos.NEXT)
                    if words:
                        pdf.set_font("DejaVu", "I", 7.2)
                        last = pdf.multi_cell(w - 1.5, 3.5, words, dry_run=True, output=MethodReturnValue.LINES)
                        assert isinstance(last, list)
                        tail = pdf.get_string_width(last[-1]) if last else 0
                        dots = "." * max(3, int((w - 3 - tail) / max(pdf.get_string_width("."), 0.1)) - 2)
                        pdf.multi_cell(w - 1.5, 3.5, f"{words} {dots}" if tail + 10 < w - 3 else words)
                else:
                    pdf.set_font("Serif", "", 7.8)
                    pdf.cell(w - 1.2, 3.8, text, align=align)
                x += w
            y += h
    rows = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    y = room(y + 3, 6 * len(rows) + 24)
    for label, value in rows:
        pdf.set_xy(x0 + 100, y)
        pdf.set_font("Serif", "B" if label.startswith("Total") else "", 8.5)
        pdf.cell(50, 6, label, border=1)
        pdf.cell(32, 6, amount(value, st), border=1, align="R")
        y += 6
    pdf.set_xy(x0, y + 3)
    pdf.set_font("Serif", "", 8.5)
    pdf.multi_cell(
        182,
        4.4,
        f"Arrêté le présent {_title(quote).lower()} à la somme de : "
        f"{euros_in_words(quote.total_ttc)} toutes taxes comprises.",
    )
    pdf.ln(2)
    pdf.set_x(x0 + 100)
    pdf.multi_cell(
        82,
        4.2,
        f"Fait à {a['city']}, le {fr_date(quote.date, st)}\nL'entreprise, {a['name']}\nSIRET {siret_text(quote)}",
    )
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {
    "ttc": render_ttc,
    "tworow": render_tworow,
    "bpu": render_bpu,
}
_TEXT_SCENARIOS = {
    "ttc": among_fair(10, "inflated", "arithmetic_error", "invalid_siret", "not_covered", "slightly_high"),
    "tworow": among_fair(10, "slightly_high", "arithmetic_error", "inflated", "not_covered", "discount"),
    "bpu": among_fair(10, "inflated", "invalid_siret", "arithmetic_error", "not_covered", "no_measurements"),
}
_INVOICES = {"ttc": (2, 5), "tworow": (6,), "bpu": (8,)}
_COVERS = (DDE, DDE, INC, DDE, TGN, DDE, BDG, DDE, TGN, INC)
SCANS = (
    ("ttc", "photo_jpeg", "fair", DDE),
    ("ttc", "crumpled", "inflated", DDE),
    ("tworow", "lowres", "fair", INC),
    ("tworow", "rotated", "invalid_siret", DDE),
    ("bpu", "fax", "fair", TGN),
    ("bpu", "scan_pdf", "fair", DDE),
)
_cover = covers_in_turn(_COVERS, lambda _, scenario: scenario in ("fair", "inflated"))


def _base(rng: random.Random, family: str, scenario: str, cover: str, invoice: bool, media: str) -> str:
    # the bordereau and the two-row tool run to two pages now and then, always when scanned as a PDF
    long = family in ("bpu", "tworow") and cover != BDG and not invoice and (media == "scan_pdf" or rng.random() < 0.3)
    return "invoice" if invoice else "multipage" if long else "letter" if family == "bpu" else "export"


def _shape(quote: Quote, rng: random.Random, family: str, scenario: str) -> None:
    if family == "bpu" and scenario != "arithmetic_error":
        one_vat_rate(quote)  # a bordereau has no VAT column


SET = FamilySet(
    "families7",
    "septième",
    2032,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    _cover,
    _INVOICES,
    SCANS,
    lambda k, _: k == 1,
    _base,
    ("devis_artisan", "document_joint", "facture_recue", "scan_mail", "pdf_devis"),
    degrade4,
    _pick,
    _shape,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
