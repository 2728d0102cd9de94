"""Development documents (fpdf2, real PDF bytes) for three reading classes of issue 11:

- ``seller_right``: the seller's identity in a boxed block on the RIGHT of the header, the
  customer (a company with its own SIRET) on the LEFT under its label, the reverse of the usual
  French letter; the seller's SIRET repeated on the legal line at the foot, or not.
- ``line_discount``: a discount column between the unit price and the line's total, as a rate
  ("Remise %") or an amount ("Remise"), qty × unit price × (1 − rate) = total.
- ``no_vat_net``: a seller outside VAT (CGI art. 293 B) whose invoice takes a deposit already
  paid or a withheld guarantee off its total and prints the "Net à payer" last.

Several writers (labels, number formats) per class, chosen by the seed."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from fpdf import FPDF, XPos, YPos
from unseen_layouts import CENT, Line, Style, _lines, _luhn_siret, _pdf, _text

PARTY_FAMILIES = ("seller_right", "line_discount", "no_vat_net")

_CUSTOMER_LABELS = ["Client :", "Destinataire :", "Adressé à :", "Maître d'ouvrage :", "Facturé à :", "CLIENT"]
_CUSTOMERS = ["SCI Les Tilleuls", "Syndic Foncia Rhône", "SAS Hôtel du Parc", "Cabinet Marchand & Fils"]
_SELLERS = ["Martin Plâtrerie SARL", "EURL Bâti-Net Services", "Peintures Lemoine", "ACR Menuiserie"]


@dataclass
class PartyDocument:
    family: str
    seed: int
    seller_siret: str
    customer_siret: str
    lines: list[Line]
    total_ht: Decimal
    total_ttc: Decimal
    pdf: bytes = b""
    discounts: dict[int, str] = field(default_factory=dict)  # line index → printed discount


def _spaced(siret: str, rng: random.Random) -> str:
    habit = rng.randrange(3)
    if habit == 0:
        return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
    if habit == 1:
        return f"{siret[:3]}.{siret[3:6]}.{siret[6:9]}.{siret[9:]}"
    return siret


def _header(pdf: FPDF, doc: PartyDocument, rng: random.Random, title: str) -> None:
    """The customer's block on the left under its label, the seller's boxed on the right."""
    top = pdf.get_y()
    label = rng.choice(_CUSTOMER_LABELS)
    customer = rng.choice(_CUSTOMERS)
    siret_label = rng.choice(["SIRET :", "N° SIRET", "Siret :"])
    left = [
        label,
        customer,
        "12 boulevard des Brotteaux",
        "69006 Lyon",
        f"{siret_label} {_spaced(doc.customer_siret, rng)}",
    ]
    if rng.random() < 0.5:  # the label on the name's row
        left = [f"{label} {customer}", *left[2:]]
    pdf.set_font("DejaVu", "", 9)
    for index, text in enumerate(left):
        pdf.set_xy(16, top + index * 5)
        pdf.cell(80, 5, text)
    seller = [
        rng.choice(_SELLERS),
        "7 rue de la Forge",
        "38200 Vienne",
        "Tél. 04 74 12 34 56",
        f"{rng.choice(['SIRET :', 'SIRET', 'N° SIRET :'])} {_spaced(doc.seller_siret, rng)}",
    ]
    pdf.rect(112, top - 2, 82, len(seller) * 5 + 4)
    for index, text in enumerate(seller):
        pdf.set_xy(114, top + index * 5)
        pdf.set_font("DejaVu", "B" if index == 0 else "", 10 if index == 0 else 9)
        pdf.cell(78, 5, text)
    pdf.set_xy(16, top + max(len(left), len(seller)) * 5 + 6)
    _text(pdf, f"{title} n° {rng.randint(2024, 2025)}-{rng.randint(100, 999)} du 14/03/2025", 12, True, 7)
    pdf.ln(2)


def _table(pdf: FPDF, doc: PartyDocument, style: Style, discount: str | None) -> None:
    heads = ["Désignation", "Qté", "Unité", "P.U. HT"] + ([discount] if discount else []) + ["Total HT"]
    widths = [76.0, 16.0, 14.0, 24.0] + ([18.0] if discount else []) + [28.0]
    pdf.set_font("DejaVu", "B", 8)
    for head, width in zip(heads, widths, strict=True):
        pdf.cell(width, 6, head, border=1, align="C")
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 8)
    for index, line in enumerate(doc.lines):
        cells = [line.designation, style.quantity(line.quantity), style.unit(line.unit), style.amount(line.unit_price)]
        if discount:
            cells.append(doc.discounts.get(index, ""))
        cells.append(style.amount(line.total))
        for position, (text, width) in enumerate(zip(cells, widths, strict=True)):
            pdf.cell(width, 6, text, border=1, align="L" if position == 0 else "R")
        pdf.ln(6)
    pdf.ln(2)


def _row(pdf: FPDF, label: str, value: str, bold: bool = False) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", 9)
    pdf.cell(140, 5, label, align="R")
    pdf.cell(0, 5, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _vat_totals(pdf: FPDF, doc: PartyDocument, style: Style, rate: Decimal) -> None:
    _row(pdf, "Total HT", style.amount(doc.total_ht))
    _row(pdf, f"TVA {rate:g} %".replace(".", ","), style.amount(doc.total_ttc - doc.total_ht))
    _row(pdf, "Total TTC", style.amount(doc.total_ttc), True)


def build_party(family: str, seed: int) -> PartyDocument:
    rng = random.Random(f"party-{family}-{seed}")
    lines = _lines(rng, rng.randint(3, 5))
    rate = Decimal(0) if family == "no_vat_net" else rng.choice([Decimal(10), Decimal(20)])
    doc = PartyDocument(family, seed, _luhn_siret(rng), _luhn_siret(rng), lines, Decimal(0), Decimal(0))
    style = Style(rng)
    discount: str | None = None
    if family == "line_discount":
        discount = rng.choice(["Remise %", "Rem. %", "Remise", "Remise €"])
        as_rate = discount.endswith("%")
        for index in rng.sample(range(len(lines)), 2):
            pct = Decimal(rng.choice([5, 10, 12, 15, 20]))
            line = lines[index]
            if as_rate:
                line.discount_pct = pct
                doc.discounts[index] = f"{pct:g} %" if rng.random() < 0.5 else f"{pct:g}"
            else:
                taken = (line.gross * pct / 100).quantize(CENT, ROUND_HALF_UP)
                line.discount_pct = taken * 100 / line.gross  # total = gross − taken
                doc.discounts[index] = style.amount(taken, currency=False)
    doc.total_ht = sum((line.total for line in lines), Decimal(0))
    doc.total_ttc = doc.total_ht + (doc.total_ht * rate / 100).quantize(CENT, ROUND_HALF_UP)
    pdf = _pdf()
    pdf.add_page()
    if family == "seller_right":
        _header(pdf, doc, rng, rng.choice(["Devis", "Facture"]))
    else:
        seller = rng.choice(_SELLERS)
        _text(pdf, seller, 13, True, 7)
        _text(pdf, f"5 place Bellecour, 69002 Lyon — SIRET {_spaced(doc.seller_siret, rng)}")
        pdf.ln(3)
        _text(pdf, "Client : Madame Claire Fontaine, 3 allée des Cerisiers, 69100 Villeurbanne")
        pdf.ln(2)
        title = "Facture" if family == "no_vat_net" else rng.choice(["Devis", "Facture"])
        _text(pdf, f"{title} n° {rng.randint(2024, 2025)}-{rng.randint(100, 999)} du 14/03/2025", 12, True, 7)
        pdf.ln(2)
    _table(pdf, doc, style, discount)
    if family == "no_vat_net":
        habit = rng.randrange(3)
        _row(pdf, ["Total HT", "Total", "Montant total"][habit], style.amount(doc.total_ht))
        due = doc.total_ht
        for deduction in rng.sample(["deposit", "paid", "guarantee"], rng.randint(1, 2)):
            if deduction == "guarantee":
                taken = (doc.total_ht * Decimal("0.05")).quantize(CENT, ROUND_HALF_UP)
                _row(pdf, "Retenue de garantie 5 %", style.amount(-taken))
            else:
                taken = (doc.total_ht * Decimal(rng.choice([20, 30, 40])) / 100).quantize(CENT, ROUND_HALF_UP)
                label = rng.choice(
                    ["Acompte versé", "Acompte reçu le 02/03/2025"]
                    if deduction == "deposit"
                    else ["Déjà réglé", "Déjà versé"]
                )
                _row(pdf, label, style.amount(-taken))
            due -= taken
        _row(pdf, rng.choice(["Net à payer", "NET A PAYER", "Reste à payer"]), style.amount(due), True)
        pdf.ln(2)
        _text(
            pdf, rng.choice(["TVA non applicable, art. 293 B du CGI", "TVA non applicable - article 293 B du CGI"]), 8
        )
    else:
        _vat_totals(pdf, doc, style, rate)
    pdf.ln(4)
    if family == "seller_right" and rng.random() < 0.5:
        _text(pdf, f"SARL au capital de 8 000 € — RCS Vienne — SIRET {_spaced(doc.seller_siret, rng)}", 7)
    doc.pdf = bytes(pdf.output())
    return doc
