"""Documents for the fraud signals, built from real bytes: an honest quote (fpdf2) and the same
quote edited three ways, as a forger would: an incremental update that changes an amount, a
re-save through a PDF editor, an amount pasted over in another font."""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from fpdf import FPDF
from pypdf import PdfWriter

from tests.french_amounts import french


@dataclass(frozen=True)
class QuoteSpec:
    """What the honest quote says."""

    number: str = "DV-2025-0412"
    siret: str = "73282932000074"
    contractor: str = "Rénov'Eau Services"
    quote_date: date = date(2025, 4, 22)
    site: str = "33400 Talence"
    # designation, quantity, unit, unit price HT
    lines: tuple[tuple[str, str, str, str], ...] = (
        ("Protection des sols et du mobilier", "1", "forfait", "85,00"),
        ("Lessivage des murs", "24,5", "m2", "6,40"),
        ("Impression et deux couches de peinture acrylique mate sur murs", "24,5", "m2", "27,50"),
        ("Peinture plafond, deux couches", "12", "m2", "29,00"),
        ("Traitement anti-tache sur plafond", "12", "m2", "11,20"),
        ("Nettoyage de fin de chantier", "1", "forfait", "95,00"),
    )
    vat_rate: str = "10"
    created: datetime = field(default_factory=lambda: datetime(2025, 4, 22, 9, 30, tzinfo=UTC))


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(" ", "").replace(",", "."))


def totals(spec: QuoteSpec) -> tuple[list[Decimal], Decimal, Decimal, Decimal]:
    """Line totals, total HT, VAT and total TTC of ``spec``, as its software computes them."""
    lines = [(_decimal(quantity) * _decimal(price)).quantize(Decimal("0.01")) for _, quantity, _, price in spec.lines]
    total_ht = sum(lines, Decimal(0))
    tva = (total_ht * _decimal(spec.vat_rate) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return lines, total_ht, tva, total_ht + tva


def honest_quote(spec: QuoteSpec | None = None, pasted: tuple[int, str] | None = None) -> bytes:
    """The quote as its software makes it; ``pasted`` (line index, new total) sets one line's
    total in another font, as an amount pasted over the original."""
    spec = spec or QuoteSpec()
    pdf = FPDF()
    pdf.set_creation_date(spec.created)
    pdf.set_creator("Devis Artisan 4.2")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 14)
    pdf.cell(0, 8, spec.contractor, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=9)
    pdf.cell(0, 5, "12 rue des Artisans, 33000 Bordeaux", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, f"SIRET : {spec.siret[:3]} {spec.siret[3:6]} {spec.siret[6:9]} {spec.siret[9:]}",
             new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.ln(4)
    pdf.set_font("helvetica", "B", 12)
    pdf.cell(0, 7, f"DEVIS N° {spec.number}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=9)
    pdf.cell(0, 5, f"Date : {spec.quote_date:%d/%m/%Y}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, f"Adresse du chantier : 8 rue Victor-Hugo, {spec.site}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    widths = (90, 18, 16, 28, 28)
    pdf.set_font("helvetica", "B", 9)
    for width, title in zip(widths, ("Désignation", "Qté", "Unité", "P.U. HT", "Total HT"), strict=True):
        pdf.cell(width, 7, title, border=1, align="C" if title != "Désignation" else "L")
    pdf.ln()
    pdf.set_font("helvetica", size=9)
    line_totals, total_ht, tva, total_ttc = totals(spec)
    for index, (row, line_total) in enumerate(zip(spec.lines, line_totals, strict=True)):
        designation, quantity, unit, price = row
        pdf.cell(widths[0], 6, designation[:58], border=1)
        pdf.cell(widths[1], 6, quantity, border=1, align="R")
        pdf.cell(widths[2], 6, unit, border=1, align="C")
        pdf.cell(widths[3], 6, price, border=1, align="R")
        if pasted is not None and pasted[0] == index:
            pdf.set_font("times", size=10)
            pdf.cell(widths[4], 6, pasted[1], border=1, align="R")
            pdf.set_font("helvetica", size=9)
        else:
            pdf.cell(widths[4], 6, french(line_total), border=1, align="R")
        pdf.ln()
    pdf.ln(3)
    for label, amount in (("Total HT", total_ht), (f"TVA {spec.vat_rate} %", tva), ("Total TTC", total_ttc)):
        pdf.cell(sum(widths[:4]), 6, label, align="R")
        pdf.cell(widths[4], 6, f"{french(amount)} EUR", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.multi_cell(0, 5, "Devis valable 3 mois. Bon pour accord, date et signature du client.")
    return bytes(pdf.output())


def raised_price(spec: QuoteSpec, line: int, price: str) -> dict[str, str]:
    """What a forger retypes to raise one line's unit price and keep the sums right."""
    raised = replace(spec, lines=tuple((*row[:3], price) if i == line else row for i, row in enumerate(spec.lines)))
    old_lines, *old_totals = totals(spec)
    new_lines, *new_totals = totals(raised)
    edits = {spec.lines[line][3]: price, french(old_lines[line]): french(new_lines[line])}
    edits.update({french(old): french(new) for old, new in zip(old_totals, new_totals, strict=True)})
    return edits


def incremental_amount_edit(original: bytes, edits: dict[str, str]) -> bytes:
    """The original bytes untouched, then an appended revision whose page content draws each
    new amount where the original drew the old one (an editor's incremental "save")."""
    writer = PdfWriter(io.BytesIO(original), incremental=True)
    contents = writer.pages[0]["/Contents"].get_object()
    data = contents.get_data()
    for old, new in edits.items():
        assert data.count(f"({old}".encode("latin-1")) == 1, old
        data = data.replace(f"({old}".encode("latin-1"), f"({new}".encode("latin-1"))
    contents.set_data(data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def resaved_by_editor(original: bytes, producer: str = "iLovePDF", later: timedelta = timedelta(days=9)) -> bytes:
    """The quote opened and saved again by an online PDF editor, days later (a full re-save:
    one revision, the editor's name as producer, a new modification date)."""
    writer = PdfWriter(clone_from=io.BytesIO(original))
    stamp = (QuoteSpec().created + later).strftime("D:%Y%m%d%H%M%S+00'00'")
    writer.add_metadata({"/Producer": producer, "/ModDate": stamp})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pasted_amount(spec: QuoteSpec | None = None, line: int = 2, amount: str = "1 245,00") -> bytes:
    """The same quote with one line total set in another font and size (pasted over)."""
    return honest_quote(spec, pasted=(line, amount))
