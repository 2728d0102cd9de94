"""Frozen held-out set 8: two more layout families, text PDFs only, with public wordings.

    .venv/bin/python -m tests.heldout.families8 OUT_DIR [--seed 2033]

Made once into ``tests/heldout/frozen8/`` (see its README) to measure the robots of session 8's
start (fbf63c8) and end on documents unlike the 31 layouts of ``generate.py`` and ``families.py``
to ``families7.py``:

- ``sidebar``: a modern word-processor / online template (after public free quote templates with a
  coloured side band): a full-height band on the left of the page holding the seller's identity
  with its SIRET, the customer, the references and the payment terms, so that on every text row
  the band's words stand beside the lines' words; the lines in a narrow grid on the right
  "Description | Quantité | Prix unitaire | Total" with the unit inside the quantity cell
  ("12,5 m²"), the totals under the grid;
- ``vatgroups``: a quote whose lines are split into one table per VAT rate (after public quotes
  mixing reduced-rate renovation work and standard-rate supplies): each table opened by a heading
  "Travaux soumis à la TVA de 10 %" and closed by its own "Sous-total HT", "TVA" and "Sous-total
  TTC" rows (figures that are not lines), quantities with three decimals ("12,500"), then a final
  recap "Récapitulatif" of the whole quote; the seller's SIRET only in a conditions box at the end.

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover as in set 5 (``families5._pick``), with the line
wordings replaced by the public ones of ``tests/heldout/wordings8/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tests.heldout.catalog import BDG, DDE, INC, TGN
from tests.heldout.families import _fpdf, _site_text
from tests.heldout.families2 import _is_invoice, _line_count, _phone, _title
from tests.heldout.families4 import _customer, _refs, _total_rows, degrade4
from tests.heldout.families5 import _pick
from tests.heldout.families7 import _UNITS, _seller
from tests.heldout.family_set import FamilySet, main
from tests.heldout.generate import Line, Quote, money
from tests.heldout.render import amount, fr_date, rate, siret_text
from tests.heldout.set_plan import among_fair, covers_in_turn

WORDINGS = Path(__file__).parent / "wordings8" / "wordings.tsv"


def _qty_unit(line: Line) -> str:
    """The quantity with its unit in one cell ("12,5 m²", "1 forfait")."""
    value = (
        f"{line.quantity:.2f}".replace(".", ",").removesuffix(",00").rstrip("0").rstrip(",")
        if line.quantity != int(line.quantity)
        else str(int(line.quantity))
    )
    return f"{value} {_UNITS[line.unit]}"


def _terms(quote: Quote) -> str:
    st = quote.style
    if _is_invoice(quote):
        return (
            "Règlement à réception. Pénalités de retard au taux légal majoré ; indemnité forfaitaire pour "
            "frais de recouvrement : 40 €."
        )
    return f"Offre valable jusqu'au {fr_date(quote.valid_until, st)}. Acompte de 30 % à la signature."


# --------------------------------------------------------------------------- sidebar (side band template)

_BAND = 62.0


def _band(pdf: FPDF) -> None:
    def header_fn(self: FPDF = pdf) -> None:
        self.set_fill_color(232, 238, 230)
        self.rect(0, 0, _BAND, 297, style="F")

    pdf.header = header_fn  # type: ignore[method-assign]


def render_sidebar(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(False)
    _band(pdf)
    pdf.add_page()
    blocks = [
        (
            "",
            [
                a["name"],
                a["legal_form"],
                *_seller(quote)[1:],
                f"Tél. {_phone(rng)}",
                f"SIRET {siret_text(quote)}",
                f"TVA {a['tva_number']}",
            ],
        ),
        ("CLIENT", _customer(quote)),
        ("RÉFÉRENCES", _refs(quote)),
        ("CHANTIER", [_site_text(quote, rng)]),
        ("CONDITIONS", [_terms(quote)]),
    ]
    y = 14.0
    for title, rows in blocks:
        pdf.set_xy(5, y)
        if title:
            pdf.set_font("DejaVu", "B", 8)
            pdf.cell(_BAND - 10, 5, title, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font("DejaVu", "B" if not title else "", 8 if title else 8.5)
        pdf.multi_cell(_BAND - 10, 4, "\n".join(rows))
        y = pdf.get_y() + 6
    x0, width = _BAND + 6, 210 - _BAND - 12
    pdf.set_xy(x0, 14)
    pdf.set_font("DejaVu", "B", 20)
    pdf.cell(width, 10, _title(quote).upper(), new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(width, 4.5, f"N° {quote.number} du {fr_date(quote.date, st)}")
    cols = [("Description", width - 70, "L"), ("Quantité", 20, "R"), ("Prix unitaire", 25, "R"), ("Total", 25, "R")]

    def header(y: float) -> float:
        pdf.set_font("DejaVu", "B", 8)
        pdf.set_xy(x0, y)
        for name, w, align in cols:
            pdf.cell(w, 6, name, border="B", align=align)
        return y + 7

    y = header(40.0)
    for line in quote.lines:
        discount = line.category == "discount"
        pdf.set_font("DejaVu", "", 8)
        h = 4 * _line_count(pdf, cols[0][1] - 1, 4, line.designation) + 2
        if y + h > 262:
            pdf.add_page()
            y = header(16.0)
        cells = [
            line.designation,
            "" if discount else _qty_unit(line),
            "" if discount else amount(line.unit_price_ht, st),
            amount(line.total_ht, st),
        ]
        x = x0
        for k, ((_, w, align), text) in enumerate(zip(cols, cells, strict=True)):
            pdf.set_xy(x, y + 0.8)
            if k == 0:
                pdf.multi_cell(w - 1, 4, text)
            else:
                pdf.cell(w, 4, text, align=align)
            x += w
        y += h
    rows = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    if y + 6 * len(rows) + 24 > 280:
        pdf.add_page()
        y = 16.0
    y += 4
    for label, value in rows:
        pdf.set_xy(x0 + width - 75, y)
        pdf.set_font("DejaVu", "B" if label.startswith(("Total TTC", "Net")) else "", 9)
        pdf.cell(45, 6, label, border="T")
        pdf.cell(30, 6, amount(value, st), border="T", align="R")
        y += 6
    pdf.set_xy(x0, y + 8)
    pdf.set_font("DejaVu", "", 8)
    closing = "Merci de votre confiance." if _is_invoice(quote) else "Bon pour accord, date et signature :"
    pdf.multi_cell(width, 4, closing)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- vatgroups (one table per VAT rate)


def _qty3(value: float) -> str:
    return f"{value:.3f}".replace(".", ",")


def render_vatgroups(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_xy(14, 12)
    pdf.set_font("Serif", "B", 14)
    pdf.cell(100, 7, a["name"], new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("Serif", "", 8.5)
    pdf.multi_cell(100, 4.2, "\n".join([*_seller(quote)[1:], f"Tél. {_phone(rng)}"]))
    pdf.set_xy(120, 12)
    pdf.set_font("Serif", "B", 12)
    pdf.cell(76, 7, _title(quote).upper(), align="R", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("Serif", "", 8.5)
    pdf.multi_cell(76, 4.2, "\n".join(_refs(quote)), align="R")
    pdf.set_xy(120, max(pdf.get_y(), 40) + 3)
    pdf.multi_cell(76, 4.2, "\n".join(_customer(quote)), border=1)
    pdf.set_xy(14, max(pdf.get_y(), 62) + 3)
    pdf.multi_cell(182, 4.2, f"Lieu d'intervention : {_site_text(quote, rng)}")
    cols = [
        ("Réf.", 14, "L"),
        ("Désignation", 92, "L"),
        ("Unité", 14, "C"),
        ("Quantité", 18, "R"),
        ("PU HT", 20, "R"),
        ("Total HT", 24, "R"),
    ]
    x0, y = 14.0, pdf.get_y() + 4

    def header(y: float) -> float:
        pdf.set_font("Serif", "B", 8)
        pdf.set_fill_color(235, 235, 235)
        pdf.set_xy(x0, y)
        for name, w, _ in cols:
            pdf.cell(w, 6, name, border=1, align="C", fill=True)
        return y + 6

    def room(y: float, h: float, repeat: bool) -> float:
        if y + h > 272:
            pdf.add_page()
            return header(14.0) if repeat else 14.0
        return y

    groups: dict[float, list[Line]] = {}
    for line in quote.lines:
        groups.setdefault(line.tva_rate, []).append(line)
    number = 0
    for tva_rate, lines in sorted(groups.items()):
        y = room(y + 3, 20, False)
        pdf.set_xy(x0, y)
        pdf.set_font("Serif", "B", 9)
        pdf.cell(182, 6, f"Travaux soumis à la TVA de {rate(tva_rate)}")
        y = header(y + 6)
        for line in lines:
            discount = line.category == "discount"
            pdf.set_font("Serif", "", 8)
            h = 4 * _line_count(pdf, cols[1][1] - 1, 4, line.designation) + 1.6
            y = room(y, h, True)
            number += 0 if discount else 1
            cells = [
                "" if discount else f"{number:02d}",
                line.designation,
                "" if discount else _UNITS[line.unit],
                "" if discount else _qty3(line.quantity),
                "" if discount else amount(line.unit_price_ht, st, False),
                amount(line.total_ht, st, False),
            ]
            x = x0
            for k, ((_, w, align), text) in enumerate(zip(cols, cells, strict=True)):
                pdf.rect(x, y, w, h)
                pdf.set_xy(x + 0.5, y + 0.8)
                if k == 1:
                    pdf.multi_cell(w - 1, 4, text)
                else:
                    pdf.cell(w - 1, 4, text, align=align)
                x += w
            y += h
        subtotal = money(sum(ln.total_ht for ln in lines))
        vat = next(v["tva"] for v in quote.vat_breakdown if v["rate"] == tva_rate)
        for label, value in (
            (f"Sous-total HT à {rate(tva_rate)}", subtotal),
            (f"TVA {rate(tva_rate)}", vat),
            (f"Sous-total TTC à {rate(tva_rate)}", money(subtotal + vat)),
        ):
            y = room(y, 5, False)
            pdf.set_xy(x0 + 106, y)
            pdf.set_font("Serif", "", 8)
            pdf.cell(52, 5, label, border=1)
            pdf.cell(24, 5, amount(value, st), border=1, align="R")
            y += 5
    rows = _total_rows(quote, "Total HT", lambda v: f"Total TVA {rate(v['rate'])}", "Total TTC")
    y = room(y + 5, 6 * len(rows) + 40, False)
    pdf.set_xy(x0 + 106, y)
    pdf.set_font("Serif", "B", 9)
    pdf.cell(76, 6, "Récapitulatif", border=1, align="C")
    y += 6
    for label, value in rows:
        pdf.set_xy(x0 + 106, y)
        pdf.set_font("Serif", "B" if label.startswith(("Total TTC", "Net")) else "", 9)
        pdf.cell(52, 6, label, border=1)
        pdf.cell(24, 6, amount(value, st), border=1, align="R")
        y += 6
    pdf.set_xy(x0, y + 5)
    pdf.set_font("Serif", "", 7.8)
    pdf.multi_cell(
        182,
        3.8,
        "\n".join(
            [
                "Conditions : " + _terms(quote),
                f"{a['name']} {a['legal_form']} – SIRET {siret_text(quote)} – TVA intracommunautaire {a['tva_number']}",
                "Bon pour accord (date, signature et mention « lu et approuvé ») :" if not _is_invoice(quote) else "",
            ]
        ).strip(),
        border=1,
    )
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"sidebar": render_sidebar, "vatgroups": render_vatgroups}
_TEXT_SCENARIOS = {
    "sidebar": among_fair(12, "inflated", "arithmetic_error", "invalid_siret", "not_covered", "slightly_high", "fair"),
    "vatgroups": among_fair(
        12, "slightly_high", "arithmetic_error", "inflated", "not_covered", "invalid_siret", "discount"
    ),
}
_INVOICES = {"sidebar": (2,), "vatgroups": (6,)}
_COVERS = (DDE, DDE, INC, DDE, TGN, DDE, INC, DDE, TGN, INC, DDE, DDE)
_cover = covers_in_turn(_COVERS, lambda _, scenario: scenario in ("fair", "inflated"))


def _base(rng: random.Random, family: str, scenario: str, cover: str, invoice: bool, media: str) -> str:
    # the per-rate tables run to two pages now and then
    long = family == "vatgroups" and cover != BDG and not invoice and rng.random() < 0.3
    return "invoice" if invoice else "multipage" if long else "export"


SET = FamilySet(
    "families8",
    "huitième",
    2033,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    _cover,
    _INVOICES,
    (),
    lambda k, _: False,
    _base,
    ("devis_recu", "pdf_client", "facture_artisan", "pj_mail", "devis_travaux"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
