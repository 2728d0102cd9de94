"""A quote whose third line is printed as a picture inside an otherwise text PDF (a pasted
scrap of an older quote): the reader finds three lines of four, the printed totals hold all
four. What a reviewer's corrected reading is for; shared by the integration, HTTP and page tests."""

from __future__ import annotations

import functools
import io
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image, ImageDraw, ImageFont

from billma_core.money import format_eur

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# (designation, quantity, unit, unit price HT): fair against the barème at the site (33400),
# but for the pictured line, a ceiling paint above the barème's ceiling.
LINES: list[tuple[str, str, str, str]] = [
    ("Lessivage, rebouchage et ponçage des supports", "20", "m2", "7.00"),
    ("Peinture des murs, 2 couches", "20", "m2", "30.00"),
    ("Peinture des plafonds, 2 couches", "12", "m2", "45.00"),
    ("Dépose et repose de plinthes existantes", "15", "ml", "8.00"),
]
PICTURED = 2
TOTAL_HT = sum((Decimal(q) * Decimal(p) for _, q, _, p in LINES), Decimal(0))  # 1 400,00
TOTAL_TVA = TOTAL_HT / 10
TOTAL_TTC = TOTAL_HT + TOTAL_TVA  # 1 540,00


def missed_line() -> dict[str, Any]:
    """The pictured line as a reviewer types it (PUT /dossiers/{id}/reading)."""
    designation, quantity, unit, price = LINES[PICTURED]
    return {"designation": designation, "quantity": quantity, "unit": unit, "unit_price_ht": price, "tva_rate": "10"}


def printed_totals() -> dict[str, str]:
    return {"total_ht": f"{TOTAL_HT:.2f}", "total_tva": f"{TOTAL_TVA:.2f}", "total_ttc": f"{TOTAL_TTC:.2f}"}


def _row_text(line: tuple[str, str, str, str]) -> list[str]:
    designation, quantity, unit, price = line
    return [
        designation,
        quantity,
        unit,
        format_eur(Decimal(price)),
        format_eur(Decimal(quantity) * Decimal(price)),
        "10 %",
    ]


WIDTHS = (82, 14, 12, 24, 26, 14)


def _picture(cells: list[str]) -> bytes:
    """The row drawn as pixels, columns where the table's are (8 px per mm)."""
    scale = 8
    image = Image.new("RGB", (sum(WIDTHS) * scale, 6 * scale), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), 22)
    x = 0
    for width, text in zip(WIDTHS, cells, strict=True):
        draw.rectangle([x, 0, x + width * scale - 1, 6 * scale - 1], outline="black")
        draw.text((x + 6, 12), text, fill="black", font=font)
        x += width * scale
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@functools.cache  # the same bytes for every test that uploads it (fpdf and Pillow: ~0.15 s a build)
def quote_with_a_pictured_line(number: str = "DV-2025-0912") -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2025, 1, 1, tzinfo=UTC))
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    pdf.set_margins(14, 12, 14)

    def write(text: str, size: float = 9, bold: bool = False) -> None:
        pdf.set_font("DejaVu", "B" if bold else "", size)
        pdf.cell(0, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    write("Atelier Garonne Peinture SARL", 13, bold=True)
    write("14 quai des Chartrons, 33000 Bordeaux")
    write("SIRET : 732 829 320 00074")
    write("N° TVA intracom. : FR44732829320")
    pdf.ln(4)
    write(f"DEVIS N° {number}", 12, bold=True)
    write("Date : 18 mars 2025")
    write("Chantier : 8 rue des Écoles, 33400 Talence")
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 8.5)
    for width, title in zip(WIDTHS, ("Désignation", "Qté", "U", "PU HT", "Total HT", "TVA"), strict=True):
        pdf.cell(width, 6, title, border=1)
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 8.5)
    for index, line in enumerate(LINES):
        if index == PICTURED:
            pdf.image(io.BytesIO(_picture(_row_text(line))), x=pdf.l_margin, y=pdf.get_y(), w=sum(WIDTHS), h=6)
            pdf.ln(6)
            continue
        for width, text in zip(WIDTHS, _row_text(line), strict=True):
            pdf.cell(width, 6, text, border=1)
        pdf.ln(6)
    pdf.ln(3)
    for label, value in (("Total HT", TOTAL_HT), ("TVA 10 %", TOTAL_TVA), ("Total TTC", TOTAL_TTC)):
        pdf.set_x(110)
        pdf.cell(50, 5.5, label, border=1)
        pdf.cell(36, 5.5, format_eur(value), border=1, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
