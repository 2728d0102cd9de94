"""Frozen held-out set 10: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families10 OUT_DIR [--seed 2035]

Made once into ``tests/heldout/frozen10/`` (see its README) to measure the robots of session 10's
start (8cf77d6) and end on documents unlike the 35 layouts of ``generate.py`` and ``families.py``
to ``families9.py``:

- ``listing``: an old trade-management program printing on continuous listing paper (after a
  public invoicing program's print layout, which sets quantities, prices and amounts in a
  monospaced font under a header typed as one line of text): every character in one monospaced
  font, the columns made of spaces, not cells, "LIG | DESIGNATION | QTE | U | P.U. H.T. |
  MONTANT H.T. | TVA" typed as one line between rules of "=" and "-", the wordings in capitals
  wrapped on continuation lines, the totals as dot-leader lines ("TOTAL H.T. ........ 1 234,56"),
  on pale green bands three lines high with the tractor-feed holes in both margins;
- ``receipt``: a quote or invoice printed on site on a technician's 80 mm mobile printer (after
  the public descriptions of mobile invoicing apps and of technicians invoicing at the customer's):
  one narrow column, the seller and its SIRET centred on top, each line its wording across the
  paper then "12,5 m² x 28,00" with the amount HT and a VAT letter (A, B) at the right, the totals
  and a VAT table "Code | Taux | Base HT | TVA" explaining the letters, the customer's signature
  box at the foot; the page as long as its content.

Scans and photos of four of the documents (two per family): a scanned PDF, a low-resolution scan,
a phone photo, a crumpled slip photographed (``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover as in set 5 (``families5._pick``), with the line
wordings replaced by the public ones of ``tests/heldout/wordings10/wordings.tsv``.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tests.heldout.catalog import DDE, INC, TGN
from tests.heldout.families import _fpdf, _site_text
from tests.heldout.families2 import _is_invoice, _phone, _title
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families5 import _pick
from tests.heldout.families7 import _UNITS, _seller
from tests.heldout.family_set import FamilySet, main
from tests.heldout.generate import Quote
from tests.heldout.render import FONT_DIR, amount, fr_date, quantity, rate, siret_text

WORDINGS = Path(__file__).parent / "wordings10" / "wordings.tsv"


def _mono(pdf: FPDF) -> None:
    pdf.add_font("Mono", "", str(FONT_DIR / "DejaVuSansMono.ttf"))
    pdf.add_font("Mono", "B", str(FONT_DIR / "DejaVuSansMono-Bold.ttf"))


def _terms(quote: Quote) -> str:
    if _is_invoice(quote):
        return "Paiement à réception, par chèque ou virement. Pas d'escompte."
    return f"Acompte de 30 % à la commande. Devis valable jusqu'au {fr_date(quote.valid_until, quote.style)}."


def _refs(quote: Quote, rng: random.Random) -> list[tuple[str, str]]:
    st = quote.style
    refs = [("Chantier", _site_text(quote, rng))]
    if _is_invoice(quote):
        refs += [
            ("Suivant devis", st["quote_ref"]),
            ("Travaux", f"du {fr_date(st['works_from'], st)} au {fr_date(st['works_to'], st)}"),
        ]
    else:
        refs.append(("Validité", fr_date(quote.valid_until, st)))
    if quote.claim_reference:
        refs.append(("Réf. sinistre", quote.claim_reference))
    return refs


# --------------------------------------------------------------------------- listing (continuous listing paper)

_ROW = 25.4 / 6  # six lines to the inch, as a line printer feeds the paper
_LISTING_COLS = ((3, ">"), (40, "<"), (9, ">"), (4, "<"), (11, ">"), (13, ">"), (6, ">"))


def _listing_row(cells: list[str]) -> str:
    return " ".join(f"{text:{align}{width}}" for (width, align), text in zip(_LISTING_COLS, cells, strict=True))


def render_listing(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    _mono(pdf)
    pdf.set_auto_page_break(False)
    caps = rng.random() < 0.6
    numbers = dict(st, thousands=rng.choice([" ", "", "."]))
    width = len(_listing_row([""] * len(_LISTING_COLS)))
    x0, size = 16.0, 8.4
    rows: list[tuple[str, bool]] = []  # (text, bold): every line the printer types

    def num(value: float) -> str:
        return amount(value, numbers, False)

    name = f"{a['name']} {a['legal_form']}"
    head_right = [f"{_title(quote)} N° : {quote.number}", f"DATE       : {fr_date(quote.date, st)}"]
    left = [name.upper(), *_seller(quote)[1:], f"TEL : {_phone(rng)}"]
    for k in range(max(len(left), len(head_right))):
        l_text = left[k] if k < len(left) else ""
        r_text = head_right[k] if k < len(head_right) else ""
        rows.append((f"{l_text:<56}{r_text}", k == 0))
    rows.append((f"SIRET : {siret_text(quote)}   TVA INTRACOM : {a['tva_number']}", False))
    rows.append(("", False))
    for k, text in enumerate(_customer(quote)):
        rows.append((f"{'':47}{'CLIENT : ' if k == 0 else '':9}{text}", k == 0))
    rows.append(("", False))
    for label, value in _refs(quote, rng):
        rows.append((f"{label.upper():<14}: {value}", False))
    rows.append(("=" * width, False))
    rows.append((_listing_row(["LIG", "DESIGNATION", "QTE", "U", "P.U. H.T.", "MONTANT H.T.", "TVA"]), True))
    rows.append(("-" * width, False))
    header_rows = rows[-3:]
    for k, line in enumerate(quote.lines, start=1):
        discount = line.category == "discount"
        text = line.designation.upper() if caps else line.designation
        wrapped = textwrap.wrap(text, _LISTING_COLS[1][0]) or [""]
        rows.append(
            (
                _listing_row(
                    [
                        str(k),
                        wrapped[0],
                        "" if discount else quantity(line.quantity),
                        "" if discount else _UNITS[line.unit].upper()[:4],
                        "" if discount else num(line.unit_price_ht),
                        num(line.total_ht),
                        rate(line.tva_rate).replace(" %", ""),
                    ]
                ),
                False,
            )
        )
        rows += [(_listing_row(["", more, "", "", "", "", ""]), False) for more in wrapped[1:]]
    rows.append(("-" * width, False))
    labels = _total_rows(quote, "TOTAL H.T.", lambda v: f"T.V.A. {rate(v['rate'])}", "TOTAL T.T.C.")
    for label, total in labels:
        strong = label.startswith(("TOTAL T.T.C.", "Net"))
        rows.append((f"{'':44}{label.upper():.<26}{num(total):>15}", strong))
    rows.append(("", False))
    rows.append((f"CONDITIONS : {_terms(quote).upper()}", False))
    if not _is_invoice(quote):
        rows.append(("BON POUR ACCORD, DATE ET SIGNATURE DU CLIENT :", False))

    top, per_page = 14.0, int((297 - 14 - 12) // _ROW)

    def sheet(page: int) -> None:
        pdf.add_page()
        pdf.set_fill_color(221, 238, 222)
        for band in range(0, per_page + 3, 6):  # pale green bands of three lines every six
            pdf.rect(10, top + band * _ROW, 190, 3 * _ROW, style="F")
        pdf.set_draw_color(150, 150, 150)
        for k in range(int(297 // 12.7)):  # the tractor-feed holes, half an inch apart
            pdf.circle(4.5, 6.35 + k * 12.7, 1.9)
            pdf.circle(205.5, 6.35 + k * 12.7, 1.9)
        pdf.set_font("Mono", "", 7)
        pdf.set_xy(x0, 6)
        pdf.cell(178, 4, f"PAGE {page}", align="R")

    page_rows: list[list[tuple[str, bool]]] = [[]]
    for row in rows:
        if len(page_rows[-1]) >= per_page:
            page_rows.append([("SUITE", False), *header_rows])
        page_rows[-1].append(row)
    for page, chunk in enumerate(page_rows, start=1):
        sheet(page)
        for k, (text, bold) in enumerate(chunk):
            pdf.set_xy(x0, top + k * _ROW)
            pdf.set_font("Mono", "B" if bold else "", size)
            pdf.cell(178, _ROW, text)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- receipt (80 mm mobile printer)

_PAPER = 80.0


def render_receipt(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    codes = {r: "AB"[k] for k, r in enumerate(sorted({ln.tva_rate for ln in quote.lines}))}
    phone = _phone(rng)
    refs = _refs(quote, rng)
    pay = rng.choice(["chèque", "carte bancaire", "virement"])
    time = f"{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"
    technician = rng.choice(["Karim", "Julien", "M. Roux", "Sébastien", "Nadia", "Thomas"])
    w, x = _PAPER - 8, 4.0

    def draw(pdf: FPDF) -> float:
        def text(value: str, size: float = 7.6, bold: bool = False, align: str = "L", h: float = 3.6) -> None:
            pdf.set_x(x)
            pdf.set_font("Cond", "B" if bold else "", size)
            pdf.multi_cell(w, h, value, align=align)

        def pair(left: str, right: str, size: float = 7.6, bold: bool = False) -> None:
            pdf.set_x(x)
            pdf.set_font("Cond", "B" if bold else "", size)
            y = pdf.get_y()
            pdf.cell(w - 26, 3.8, left)
            pdf.set_xy(x + w - 26, y)
            pdf.cell(26, 3.8, right, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

        def rule(char: str = "-") -> None:
            pdf.set_font("Cond", "", 6.5)
            text(char * int((w - 3) / pdf.get_string_width(char)), size=6.5, h=3)

        pdf.set_y(5)
        text(f"{a['name']} {a['legal_form']}", size=9.5, bold=True, align="C", h=4.4)
        text(
            "\n".join([*_seller(quote)[1:], f"Tél. {phone}", f"SIRET {siret_text(quote)}", f"TVA {a['tva_number']}"]),
            size=7.2,
            align="C",
            h=3.3,
        )
        rule()
        text(f"{_title(quote)} N° {quote.number}", size=9, bold=True, h=4.4)
        text(f"Le {fr_date(quote.date, st)} à {time} – Technicien : {technician}", size=7.2)
        rule()
        customer = _customer(quote)
        text(f"Client : {customer[0]}", bold=True)
        text("\n".join(customer[1:]), size=7.2, h=3.3)
        for label, value in refs:
            text(f"{label} : {value}", size=7.2, h=3.3)
        rule()
        pair("Qté x P.U. HT", "Montant HT", size=6.8, bold=True)
        rule()
        for line in quote.lines:
            discount = line.category == "discount"
            text(line.designation, size=7.6, bold=True, h=3.5)
            left = (
                ""
                if discount
                else (f"  {quantity(line.quantity)} {_UNITS[line.unit]} x {amount(line.unit_price_ht, st, False)}")
            )
            pair(left, f"{amount(line.total_ht, st, False)} {codes[line.tva_rate]}")
            pdf.set_y(pdf.get_y() + 0.8)
        rule("=")
        for label, total in _total_rows(
            quote, "Total HT", lambda v: f"TVA {codes[v['rate']]} {rate(v['rate'])}", "TOTAL TTC"
        ):
            strong = label.startswith(("TOTAL TTC", "Net"))
            pair(label, amount(total, st), size=9 if strong else 7.6, bold=strong)
        rule("=")
        pair("Code  Taux   Base HT", "TVA", size=6.8, bold=True)
        for v in quote.vat_breakdown:
            pair(
                f"{codes[v['rate']]}     {rate(v['rate'])}   {amount(v['base_ht'], st, False)}",
                amount(v["tva"], st, False),
                size=6.8,
            )
        rule()
        if _is_invoice(quote):
            text(f"Règlement du solde par {pay}. {_terms(quote)}", size=6.8, h=3.2)
        else:
            text(f"{_terms(quote)}\nBon pour accord – signature du client :", size=6.8, h=3.2)
            pdf.rect(x + 4, pdf.get_y() + 1, w - 8, 16)
            pdf.set_y(pdf.get_y() + 18)
        text("Merci de votre confiance", size=7, align="C")
        return pdf.get_y()

    # the slip is cut where its content ends: measure on a long strip, then print on one that long
    probe = _fpdf(quote, "")
    probe.set_auto_page_break(False)
    probe.set_margins(x, 5, x)
    probe.add_page(format=(_PAPER, 2000))
    length = draw(probe) + 8
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(False)
    pdf.set_margins(x, 5, x)
    pdf.add_page(format=(_PAPER, length))
    draw(pdf)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"listing": render_listing, "receipt": render_receipt}
_TEXT_SCENARIOS = {
    "listing": (
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
        "fair",
    ),
    "receipt": (
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
        "regional_fair",
    ),
}
_INVOICES = {"listing": (6,), "receipt": (2,)}
_COVERS = (DDE, DDE, INC, DDE, TGN, DDE, INC, DDE, TGN, INC, DDE, DDE)
SCANS = (
    ("listing", "scan_pdf", "fair", DDE),
    ("listing", "lowres", "inflated", INC),
    ("receipt", "photo_jpeg", "fair", DDE),
    ("receipt", "crumpled", "fair", TGN),
)


def _base(rng: random.Random, family: str, scenario: str, cover: str, invoice: bool, media: str) -> str:
    # the listing program's quotes are long now and then (14 to 22 lines)
    long = family == "listing" and not invoice and media == "text_pdf" and rng.random() < 0.3
    return "invoice" if invoice else "multipage" if long else "export"


# the k-th text PDF of a family under _COVERS[k]: no glass breakage in set 10
SET = FamilySet(
    "families10",
    "dixième",
    2035,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    lambda _, k, __: _COVERS[k],
    _INVOICES,
    SCANS,
    lambda k, _: False,
    _base,
    ("devis", "facture", "doc_intervention", "bon_technicien", "impression"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
