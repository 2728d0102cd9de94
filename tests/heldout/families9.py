"""Frozen held-out set 9: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families9 OUT_DIR [--seed 2034]

Made once into ``tests/heldout/frozen9/`` (see its README) to measure the robots of session 9's
start (3fb59ac) and end on documents unlike the 33 layouts of ``generate.py`` and ``families.py``
to ``families8.py``:

- ``erp``: a general business-management ("gestion commerciale") export (after the public
  descriptions of trade quote software and of the invoice rules: the total HT per VAT rate and its
  VAT): a boxed header grid "Numéro | Date | Code client | Page", the customer in an envelope
  window, lines "Code | Désignation | Qté | U | P.U. HT | Rem. % | Montant HT | TVA" where the VAT is
  a code (1, 2) explained only in a VAT table at the foot "Code | Base HT | Taux | Montant TVA", the
  totals box beside it, and the seller's SIRET only in the legal footer of every page with its
  bank details (IBAN, BIC);
- ``linevat``: a spreadsheet template for quotes (after the public five-column Excel quote model:
  "prestations, volume, prix unitaire HT, montant de la TVA, montant TTC" per line, a row of column
  totals under the grid): each line gives its quantity with the unit in its own column, its unit
  price HT, its VAT rate, VAT amount and amount TTC, but no line total HT; the totals row sums every
  column (quantities of different units too), then the quote's HT / VAT / TTC; payment terms and
  "Bon pour accord" under it.

Scans and photos of four of the documents (two per family): a phone photo, a low-resolution scan,
a scanned PDF, a crumpled sheet (``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover as in set 5 (``families5._pick``), with the line
wordings replaced by the public ones of ``tests/heldout/wordings9/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tests.heldout.catalog import DDE, INC, TGN
from tests.heldout.families import _fpdf, _site_text
from tests.heldout.families2 import _is_invoice, _line_count, _phone, _title
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families5 import _pick
from tests.heldout.families7 import _UNITS, _seller
from tests.heldout.family_set import FamilySet, main
from tests.heldout.generate import Quote, money
from tests.heldout.render import amount, fr_date, quantity, rate, siret_text

WORDINGS = Path(__file__).parent / "wordings9" / "wordings.tsv"


def _terms(quote: Quote) -> str:
    st = quote.style
    if _is_invoice(quote):
        return "Paiement à réception de facture, par virement ou chèque. Pas d'escompte pour paiement anticipé."
    return (
        f"Devis valable jusqu'au {fr_date(quote.valid_until, st)}. "
        "Acompte de 30 % à la commande, solde à la fin des travaux."
    )


def _iban(rng: random.Random) -> str:
    digits = "".join(str(rng.randint(0, 9)) for _ in range(23))
    return "FR76 " + " ".join(digits[k : k + 4] for k in range(0, 23, 4))


# --------------------------------------------------------------------------- erp (business-management export)


def render_erp(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(False)
    customer_code = f"C{rng.randint(10, 9999):05d}"
    capital = "" if a["legal_form"] == "EI" else f" au capital de {rng.choice([1000, 5000, 7500, 10000])} €"
    legal = (
        f"{a['name']} {a['legal_form']}{capital} – "
        f"SIRET {siret_text(quote)} – APE {rng.choice(['4334Z', '4332A', '4322A', '4339Z'])} – "
        f"N° TVA {a['tva_number']}"
    )
    bank = (
        f"{rng.choice(['Crédit Agricole', 'Banque Populaire', 'CIC', 'Caisse d’Épargne'])} – "
        f"IBAN {_iban(rng)} – BIC AGRIFRPP{rng.randint(100, 999)}"
    )
    codes = {r: k for k, r in enumerate(sorted({ln.tva_rate for ln in quote.lines}), start=1)}
    pages: list[int] = []

    def footer_fn(self: FPDF = pdf) -> None:
        self.set_xy(10, 282)
        self.set_font("Cond", "", 6.8)
        self.multi_cell(190, 3.2, f"{legal}\n{bank}", align="C")

    pdf.footer = footer_fn  # type: ignore[method-assign]

    def head(first: bool) -> float:
        pdf.add_page()
        pages.append(pdf.page_no())
        pdf.set_xy(10, 10)
        pdf.set_font("Cond", "B", 13)
        pdf.cell(90, 6, a["name"], new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font("Cond", "", 8.5)
        pdf.multi_cell(90, 3.8, "\n".join([*_seller(quote)[1:], f"Tél. {_phone(rng)}"]))
        pdf.set_xy(120, 10)
        pdf.set_font("Cond", "B", 14)
        pdf.set_fill_color(220, 220, 220)
        pdf.cell(80, 8, _title(quote).upper(), border=1, align="C", fill=True, new_x=XPos.LEFT, new_y=YPos.NEXT)
        grid = [("Numéro", 22), ("Date", 20), ("Code client", 20), ("Page", 18)]
        pdf.set_font("Cond", "B", 7.5)
        for name, w in grid:
            pdf.cell(w, 5, name, border=1, align="C")
        pdf.set_xy(120, 23)
        pdf.set_font("Cond", "", 8)
        values = [quote.number, fr_date(quote.date, st), customer_code, f"{len(pages)}"]
        for (_, w), text in zip(grid, values, strict=True):
            pdf.cell(w, 5, text, border=1, align="C")
        if not first:
            return 36.0
        pdf.set_xy(112, 36)
        pdf.set_font("Cond", "", 9)
        pdf.multi_cell(88, 4.4, "\n".join(_customer(quote)), border=1, padding=2)
        pdf.set_xy(10, max(pdf.get_y(), 62) + 3)
        pdf.set_font("Cond", "", 8.2)
        refs = [f"Chantier : {_site_text(quote, rng)}"]
        if _is_invoice(quote):
            refs.append(
                f"Suivant devis {st['quote_ref']} – travaux du {fr_date(st['works_from'], st)} "
                f"au {fr_date(st['works_to'], st)}"
            )
        else:
            refs.append(f"Date de validité : {fr_date(quote.valid_until, st)}")
        if quote.claim_reference:
            refs.append(f"Votre référence sinistre : {quote.claim_reference}")
        pdf.multi_cell(190, 4, "\n".join(refs))
        return pdf.get_y() + 3

    cols = [
        ("Code", 17, "L"),
        ("Désignation", 75, "L"),
        ("Qté", 14, "R"),
        ("U", 10, "C"),
        ("P.U. HT", 19, "R"),
        ("Rem. %", 12, "R"),
        ("Montant HT", 23, "R"),
        ("TVA", 10, "C"),
    ]

    def header(y: float) -> float:
        pdf.set_xy(10, y)
        pdf.set_font("Cond", "B", 7.8)
        pdf.set_fill_color(220, 220, 220)
        for name, w, _ in cols:
            pdf.cell(w, 6, name, border=1, align="C", fill=True)
        return y + 6

    y = header(head(True))
    for line in quote.lines:
        discount = line.category == "discount"
        pdf.set_font("Cond", "", 8)
        h = 3.8 * _line_count(pdf, cols[1][1] - 1.5, 3.8, line.designation) + 1.6
        if y + h > 262:
            pdf.line(10, y, 200, y)
            y = header(head(False))
        code = "" if discount else f"{rng.choice('ABCDEFGHKMPRST')}{rng.randint(1000, 9999)}"
        cells = [
            code,
            line.designation,
            "" if discount else quantity(line.quantity).replace(".", ","),
            "" if discount else _UNITS[line.unit],
            "" if discount else amount(line.unit_price_ht, st, False),
            "" if discount else "0,00",
            amount(line.total_ht, st, False),
            str(codes[line.tva_rate]),
        ]
        x = 10.0
        for k, ((_, w, align), text) in enumerate(zip(cols, cells, strict=True)):
            pdf.line(x, y, x, y + h)
            pdf.set_xy(x + 0.5, y + 0.8)
            if k == 1:
                pdf.multi_cell(w - 1.5, 3.8, text)
            else:
                pdf.cell(w - 1, 3.8, text, align=align)
            x += w
        pdf.line(x, y, x, y + h)
        y += h
    pdf.line(10, y, 200, y)
    rows = _total_rows(quote, "Total HT", lambda v: "Total TVA", "Total TTC")
    merged: list[tuple[str, float]] = []
    for label, value in rows:  # one "Total TVA" row: the rates are in the VAT table beside
        if merged and label == "Total TVA" and merged[-1][0] == "Total TVA":
            merged[-1] = (label, money(merged[-1][1] + value))
        else:
            merged.append((label, value))
    needed = 7 + 5 * max(len(merged), len(quote.vat_breakdown) + 1) + 22
    if y + needed > 272:
        y = head(False) + 2
    y += 5
    pdf.set_xy(10, y)
    pdf.set_font("Cond", "B", 7.8)
    for name, w in (("Code", 12), ("Base HT", 24), ("Taux", 14), ("Montant TVA", 24)):
        pdf.cell(w, 5, name, border=1, align="C")
    ty = y + 5
    pdf.set_font("Cond", "", 8)
    for v in quote.vat_breakdown:
        pdf.set_xy(10, ty)
        for text, w in (
            (str(codes[v["rate"]]), 12),
            (amount(v["base_ht"], st, False), 24),
            (rate(v["rate"]), 14),
            (amount(v["tva"], st, False), 24),
        ):
            pdf.cell(w, 5, text, border=1, align="R" if w != 12 else "C")
        ty += 5
    for label, value in merged:
        pdf.set_xy(130, y)
        pdf.set_font("Cond", "B" if label.startswith(("Total TTC", "Net")) else "", 9)
        pdf.cell(40, 6, label, border=1)
        pdf.cell(30, 6, amount(value, st), border=1, align="R")
        y += 6
    pdf.set_xy(10, max(y, ty) + 6)
    pdf.set_font("Cond", "", 7.8)
    closing = "" if _is_invoice(quote) else "\nBon pour accord – date, signature et cachet du client :"
    pdf.multi_cell(190, 3.8, f"Conditions de règlement : {_terms(quote)}{closing}")
    return bytes(pdf.output())


# --------------------------------------------------------------------------- linevat (VAT and TTC on every line)


def _qty_text(value: float) -> str:
    return quantity(value).replace(".", ",")


def render_linevat(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_xy(12, 12)
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(95, 6, f"{a['name']} {a['legal_form']}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.multi_cell(
        95,
        4.2,
        "\n".join(
            [
                *_seller(quote)[1:],
                f"Tél. : {_phone(rng)}",
                f"N° SIRET : {siret_text(quote)}",
                f"TVA intracom. : {a['tva_number']}",
            ]
        ),
    )
    pdf.set_xy(120, 14)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.multi_cell(78, 4.2, "\n".join([f"À l'attention de : {_customer(quote)[0]}", *_customer(quote)[1:]]))
    pdf.set_xy(12, 52)
    pdf.set_font("DejaVu", "B", 18)
    pdf.cell(186, 9, _title(quote).upper(), align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 8.5)
    info = [f"{_title(quote).capitalize()} n° : {quote.number}", f"Fait à {a['city']}, le {fr_date(quote.date, st)}"]
    if _is_invoice(quote):
        info += [
            f"Devis accepté n° : {st['quote_ref']}",
            f"Date de la prestation : du {fr_date(st['works_from'], st)} au {fr_date(st['works_to'], st)}",
        ]
    if quote.claim_reference:
        info.append(f"Dossier sinistre : {quote.claim_reference}")
    info.append(f"Lieu de la prestation : {_site_text(quote, rng)}")
    pdf.multi_cell(186, 4.4, "\n".join(info))
    cols = [
        ("Prestation", 70, "L"),
        ("Quantité", 17, "R"),
        ("Unité", 13, "C"),
        ("Prix unitaire HT", 24, "R"),
        ("Taux TVA", 15, "R"),
        ("Montant TVA", 21, "R"),
        ("Montant TTC", 26, "R"),
    ]
    x0 = 12.0

    def header(y: float) -> float:
        pdf.set_xy(x0, y)
        pdf.set_font("DejaVu", "B", 7.5)
        pdf.set_fill_color(214, 228, 240)
        for name, w, _ in cols:
            pdf.cell(w, 7, name, border=1, align="C", fill=True)
        return y + 7

    y = header(pdf.get_y() + 4)
    for line in quote.lines:
        discount = line.category == "discount"
        vat = money(line.total_ht * line.tva_rate / 100)
        pdf.set_font("DejaVu", "", 7.8)
        h = 3.9 * _line_count(pdf, cols[0][1] - 1.5, 3.9, line.designation) + 1.6
        if y + h > 268:
            pdf.add_page()
            y = header(14.0)
        cells = [
            line.designation,
            "" if discount else _qty_text(line.quantity),
            "" if discount else _UNITS[line.unit],
            amount(line.unit_price_ht if not discount else line.total_ht, st),
            rate(line.tva_rate),
            amount(vat, st),
            amount(money(line.total_ht + vat), st),
        ]
        x = x0
        for k, ((_, w, align), text) in enumerate(zip(cols, cells, strict=True)):
            pdf.rect(x, y, w, h)
            pdf.set_xy(x + 0.5, y + 0.8)
            if k == 0:
                pdf.multi_cell(w - 1.5, 3.9, text)
            else:
                pdf.cell(w - 1, 3.9, text, align=align)
            x += w
        y += h
    # the template's row of column totals: the quantities summed whatever their unit
    total_qty = sum(ln.quantity for ln in quote.lines if ln.category != "discount")
    total_vat = money(sum(v["tva"] for v in quote.vat_breakdown))
    if y + 7 + 6 * 4 + 30 > 280:
        pdf.add_page()
        y = 14.0
    pdf.set_font("DejaVu", "B", 7.8)
    x = x0
    for (_, w, align), text in zip(
        cols,
        [
            "TOTAUX",
            _qty_text(money(total_qty)),
            "",
            amount(quote.total_ht, st),
            "",
            amount(total_vat, st),
            amount(quote.total_ttc, st),
        ],
        strict=True,
    ):
        pdf.set_xy(x, y)
        pdf.cell(w, 7, text, border=1, align=align, fill=True)
        x += w
    y += 11
    rows = _total_rows(quote, "Montant total HT", lambda v: f"TVA à {rate(v['rate'])}", "Montant total TTC")
    for label, value in rows:
        pdf.set_xy(x0 + 186 - 80, y)
        pdf.set_font("DejaVu", "B" if label.startswith(("Montant total TTC", "Net")) else "", 8.5)
        pdf.cell(50, 5.5, label)
        pdf.cell(30, 5.5, amount(value, st), align="R")
        y += 5.5
    pdf.set_xy(x0, y + 6)
    pdf.set_font("DejaVu", "", 7.8)
    lines = [
        f"Modalités de paiement : {rng.choice(['virement bancaire', 'chèque ou virement'])}.",
        _terms(quote),
        "En cas de retard de paiement, pénalités au taux de trois fois le taux d'intérêt légal.",
    ]
    if not _is_invoice(quote):
        lines.append("Bon pour accord / acceptation du devis en date du : ........................  Signature :")
    pdf.multi_cell(186, 4, "\n".join(lines))
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"erp": render_erp, "linevat": render_linevat}
_TEXT_SCENARIOS = {
    "erp": (
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
        "discount",
    ),
    "linevat": (
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
_INVOICES = {"erp": (6,), "linevat": (2,)}
_COVERS = (DDE, DDE, INC, DDE, TGN, DDE, INC, DDE, TGN, INC, DDE, DDE)
SCANS = (
    ("erp", "photo_jpeg", "fair", DDE),
    ("erp", "lowres", "inflated", INC),
    ("linevat", "scan_pdf", "fair", DDE),
    ("linevat", "crumpled", "fair", INC),
)


def _base(rng: random.Random, family: str, scenario: str, cover: str, invoice: bool, media: str) -> str:
    # the management software's quotes run to two pages now and then
    long = family == "erp" and not invoice and media == "text_pdf" and rng.random() < 0.3
    return "invoice" if invoice else "multipage" if long else "export"


# the k-th text PDF of a family under _COVERS[k]: no glass breakage in set 9
SET = FamilySet(
    "families9",
    "neuvième",
    2034,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    lambda _, k, __: _COVERS[k],
    _INVOICES,
    SCANS,
    lambda k, _: False,
    _base,
    ("devis_entreprise", "fichier_joint", "facture_pdf", "envoi_client", "devis_signe"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
