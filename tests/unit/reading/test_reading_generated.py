"""Quotes generated at random in layouts the corpus does not have (column orders, quantity
first, unit in the quantity cell, sections with subtotals, wrapped designations, every
thousands separator and currency), printed to real PDFs and read back. The parser has no
template: it must read them all."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from fpdf import FPDF

from billma_core.money import money
from billma_core.reading import read_document
from billma_core.reading.identifiers import luhn_ok
from tests.french_amounts import french
from tests.quick import first_quick

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
WORK = [
    ("Peinture murs 2 couches", "m2", 30),
    ("Peinture plafond", "m2", 35),
    ("Lessivage des murs", "m2", 7),
    ("Dépose papier peint", "m2", 10),
    ("Pose parquet stratifié", "m2", 45),
    ("Plinthes bois", "ml", 14),
    ("Remplacement prise", "u", 60),
    ("Protection des sols", "forfait", 80),
    ("Nettoyage fin de chantier", "forfait", 120),
    ("Main d'oeuvre", "h", 45),
    ("Enduit de lissage", "m2", 15),
    ("Porte intérieure", "u", 350),
]
SPELLINGS = {
    "m2": ["m²", "m2", "M²", "M2"],
    "ml": ["ml", "m.l.", "ML"],
    "u": ["u", "U", "unité", "pce"],
    "forfait": ["forfait", "Ft", "Fft", "F"],
    "h": ["h", "heure(s)", "H"],
}
ORDERS = [
    ["des", "qty", "unit", "pu", "tot"],
    ["des", "qty", "pu", "tot"],  # unit inside the quantity cell
    ["des", "pu", "qty", "unit", "tot"],
    ["ref", "des", "qty", "unit", "pu", "tva", "tot"],
    ["qty", "unit", "des", "pu", "tot"],
]
HEADS = {
    "ref": "Réf.",
    "des": "Désignation",
    "qty": "Qté",
    "unit": "Unité",
    "pu": "P.U. HT",
    "tva": "TVA",
    "tot": "Total HT",
}
WIDTHS = {"ref": 14, "des": 70, "qty": 18, "unit": 18, "pu": 25, "tva": 14, "tot": 28}
ROOMS = ["SÉJOUR", "Chambre 2", "CUISINE", "Salle de bain"]


@dataclass
class Generated:
    pdf: bytes
    lines: list[tuple[str, Decimal, str, Decimal, Decimal]]
    total_ttc: Decimal
    siret: str
    number: str


def random_siret(rng: random.Random) -> str:
    base = "".join(str(rng.randrange(10)) for _ in range(13))
    return next(base + d for d in "0123456789" if luhn_ok(base + d))


def generate(seed: int) -> Generated:
    rng = random.Random(seed)
    separator = rng.choice([" ", "\u00a0", "\u202f", "", "."])
    currency = rng.choice(["", " €", " EUR", "€"])
    order = rng.choice(ORDERS)
    sections, wrap = rng.random() < 0.4, rng.random() < 0.3
    lines = []
    for _ in range(rng.randint(3, 9)):
        designation, unit, price = rng.choice(WORK)
        if unit in ("forfait", "u", "h"):
            quantity = Decimal(rng.choice(["1", "2", "3"]))
        else:
            quantity = money(Decimal(rng.randint(100, 6000)) / 100)
        unit_price = money(Decimal(price) * Decimal(str(round(rng.uniform(0.9, 1.6), 3))))
        lines.append((designation, quantity, unit, unit_price, money(quantity * unit_price)))
    total_ht = sum((line[4] for line in lines), Decimal(0))
    tva = money(total_ht * Decimal("0.1"))
    siret = random_siret(rng)
    number = f"{rng.choice(['D', 'DEV-', '', 'Q'])}{rng.randint(2024, 2025)}-{rng.randint(1, 999):03d}"

    pdf = FPDF()
    pdf.add_font("dejavu", "", str(FONT))
    pdf.set_font("dejavu", size=rng.choice([8, 9, 10]))
    pdf.add_page()
    for text, gap in (
        (rng.choice(["Rénovation Dubois SARL", "Ets Lambert & Fils", "Atelier Peinture Morel"]), 5),
        (f"12 rue des Écoles, 690{rng.randint(10, 99)} Lyon", 5),
        (f"SIRET : {siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}", 8),
        (rng.choice([f"DEVIS N° {number}", f"Devis n°{number}", f"Numéro de devis : {number}"]), 5),
        (rng.choice(["Date : 12/03/2025", "Le 12 mars 2025", "Fait à Lyon, le 12/03/2025"]), 8),
        ("Adresse du chantier : 4 place Bellecour 69002 Lyon", 8),
    ):
        pdf.cell(text=text)
        pdf.ln(gap)
    for column in order:
        pdf.cell(w=WIDTHS[column], h=6, text=HEADS[column], border=1)
    pdf.ln()
    for index, (designation, quantity, unit, unit_price, total) in enumerate(lines):
        if sections and index % 3 == 0:
            pdf.cell(w=100, h=6, text=f"{index // 3 + 1} {ROOMS[(index // 3) % 4]}")
            pdf.ln()
        spelling = rng.choice(SPELLINGS[unit])
        quantity_text = str(quantity).replace(".", ",")
        cells = {
            "ref": str(index + 1),
            "des": designation,
            "qty": quantity_text if "unit" in order else f"{quantity_text} {spelling}",
            "unit": spelling,
            "pu": french(unit_price, separator) + currency,
            "tva": "10 %",
            "tot": french(total, separator) + currency,
        }
        for column in order:
            align = "R" if column in ("qty", "pu", "tot", "tva") else "L"
            pdf.cell(w=WIDTHS[column], h=6, text=cells[column], border=1, align=align)
        pdf.ln()
        if wrap and index % 2 == 0:
            pdf.cell(w=WIDTHS["ref"] if "ref" in order else 0, h=5, text="")
            pdf.cell(w=70, h=5, text="(suite : fourniture et mise en oeuvre comprises)")
            pdf.ln()
        if sections and index % 3 == 2:
            subtotal = sum((line[4] for line in lines[index - 2 : index + 1]), Decimal(0))
            pdf.cell(w=120, h=6, text="")
            pdf.cell(w=70, h=6, text=f"Sous-total {french(subtotal, separator) + currency}")
            pdf.ln()
    pdf.ln(4)
    totals = (
        (rng.choice(["Total HT", "Montant HT", "Total H.T."]), total_ht),
        ("TVA 10 %", tva),
        (rng.choice(["Total TTC", "Net à payer TTC", "Montant TTC"]), total_ht + tva),
    )
    for label, value in totals:
        pdf.cell(w=120, h=6, text="")
        pdf.cell(w=35, h=6, text=label)
        pdf.cell(w=35, h=6, text=french(value, separator) + (currency or " €"), align="R")
        pdf.ln()
    return Generated(bytes(pdf.output()), lines, total_ht + tva, siret, number)


@pytest.mark.skipif(not FONT.exists(), reason="DejaVu font absent (fonts-dejavu-core)")
@pytest.mark.parametrize("seed", first_quick(range(30), 5))
def test_generated_layouts_are_read(seed: int) -> None:
    generated = generate(seed)
    reading = read_document(generated.pdf)
    quote = reading.quote
    assert quote is not None, reading.reason
    assert reading.flags == [], reading.flags
    assert quote.total_ttc == generated.total_ttc
    assert quote.contractor.siret == generated.siret
    assert quote.number == generated.number
    assert quote.date is not None and quote.date.isoformat() == "2025-03-12"
    assert quote.site_postal_code == "69002"
    got = [
        (line.quantity, line.unit.value if line.unit else None, line.unit_price_ht, line.total_ht)
        for line in quote.lines
    ]
    assert got == [(q, u, p, t) for _, q, u, p, t in generated.lines]
    assert [line.designation.split(" (suite")[0] for line in quote.lines] == [line[0] for line in generated.lines]
