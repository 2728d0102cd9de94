"""Frozen held-out set 6: two more layout families, text PDFs only, with public wordings.

    .venv/bin/python -m tests.heldout.families6 OUT_DIR [--seed 2031]

Made once into ``tests/heldout/frozen6/`` (see its README) to measure the final robot of session 7
(06b5b88) on documents unlike the 26 layouts of ``generate.py`` and ``families.py`` to
``families5.py``:

- ``sheet``: a spreadsheet export printed in landscape (after public estimating-spreadsheet
  templates): "Lot | Réf. | Libellé | U | Qté | PU HT | Total HT | TVA | Total TTC", each lot a
  merged row across the whole grid carrying the lot's HT total at its right end, every line
  carrying its own TTC beside its HT, the VAT rate as a bare number ("10", "20"), the seller's
  SIRET in a boxed identity block top right;
- ``numbered``: a quote written as numbered paragraphs ("2.3 – wording: what is done, quantity
  and unit price in the sentence ....... amount"), the price at the paragraph's end after dot
  leaders, lots as numbered titles, then a "Récapitulatif par lot" table (lot, amount HT) before
  the totals: the recap rows are not lines, the SIRET in the closing paragraph.

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), with the line wordings replaced by the public ones of
``tests/heldout/wordings6/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fpdf.enums import MethodReturnValue, XPos, YPos

from tests.heldout.catalog import BDG, DDE, INC, TGN
from tests.heldout.families import _fpdf, _site_text
from tests.heldout.families2 import _line_count, _phone, _title
from tests.heldout.families4 import _customer, _refs, _total_rows, degrade4
from tests.heldout.families5 import _footer, _legal, _pick
from tests.heldout.family_set import FamilySet, export_or_letter, main
from tests.heldout.generate import Line, Quote, money
from tests.heldout.render import amount, fr_date, quantity, rate
from tests.heldout.set_plan import among_fair, covers_in_turn

WORDINGS = Path(__file__).parent / "wordings6" / "wordings.tsv"
_UNITS = {"m2": "m²", "ml": "ml", "u": "u", "h": "h", "j": "j", "forfait": "fft", "ens": "ens"}


def _lots(quote: Quote) -> dict[str, list[Line]]:
    """The quote's lines by lot (their trade), in the order the lots first appear; a discount last."""
    lots: dict[str, list[Line]] = {}
    for line in quote.lines:
        lots.setdefault("" if line.category == "discount" else (line.trade or "Divers"), []).append(line)
    return lots


def _lot_total(lines: list[Line]) -> float:
    return money(sum(line.total_ht for line in lines))


# --------------------------------------------------------------------------- sheet (landscape export)


def render_sheet(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(False)
    _footer(pdf, _legal(quote, rng), "Cond")
    pdf.add_page(orientation="L")
    pdf.set_font("Cond", "B", 14)
    pdf.set_xy(12, 10)
    pdf.cell(150, 7, f"{_title(quote)} – {a['name']}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("Cond", "", 8)
    for text in _refs(quote):
        pdf.cell(150, 4, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.cell(150, 4, f"Chantier : {_site_text(quote, rng)}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(190, 10)
    pdf.set_font("Cond", "B", 8)
    pdf.multi_cell(
        95,
        4,
        "\n".join(
            [
                f"{a['name']} {a['legal_form']}",
                f"{a['address']} {a['postal_code']} {a['city']}",
                f"Tél. {_phone(rng)}",
                f"Siret {a['siret']}",
                f"TVA {a['tva_number']}",
            ]
        ),
        border=1,
    )
    pdf.set_xy(190, pdf.get_y() + 2)
    pdf.set_font("Cond", "", 8)
    pdf.multi_cell(95, 4, "Client :\n" + "\n".join(_customer(quote)))
    cols = [
        ("Lot", 12, "C"),
        ("Réf.", 16, "L"),
        ("Libellé", 110, "L"),
        ("U", 12, "C"),
        ("Qté", 18, "R"),
        ("PU HT", 24, "R"),
        ("Total HT", 26, "R"),
        ("TVA", 12, "R"),
        ("Total TTC", 27, "R"),
    ]
    x0, lh = 12.0, 4.2
    y = max(pdf.get_y(), 48.0) + 3

    def header(y: float) -> float:
        pdf.set_fill_color(200, 215, 235)
        pdf.set_font("Cond", "B", 7.8)
        pdf.set_xy(x0, y)
        for name, w, _ in cols:
            pdf.cell(w, 5, name, border=1, align="C", fill=True)
        return y + 5

    def room(y: float, h: float) -> float:
        if y + h > 190:
            pdf.add_page(orientation="L")
            return header(12.0)
        return y

    y = header(y)
    for lot, (trade, lines) in enumerate(_lots(quote).items(), start=1):
        if trade:  # the lot: one merged row over the grid, its HT total at the right end
            y = room(y, 5)
            pdf.set_fill_color(238, 238, 238)
            pdf.set_font("Cond", "B", 7.8)
            pdf.set_xy(x0, y)
            pdf.cell(sum(w for _, w, _ in cols[:6]), 5, f"LOT {lot:02d} – {trade.upper()}", border=1, fill=True)
            pdf.cell(cols[6][1], 5, amount(_lot_total(lines), st, currency=False), border=1, align="R", fill=True)
            pdf.cell(cols[7][1] + cols[8][1], 5, "", border=1, fill=True)
            y += 5
        for k, line in enumerate(lines, start=1):
            pdf.set_font("Cond", "", 7.6)
            n = _line_count(pdf, cols[2][1] - 1.5, lh, line.designation)
            h = lh * n + 1
            y = room(y, h)
            discount = line.category == "discount"
            ttc = money(line.total_ht * (1 + line.tva_rate / 100))
            cells = [
                "" if discount else f"{lot:02d}",
                "" if discount else f"{lot:02d}.{k:02d}",
                line.designation,
                "" if discount else _UNITS[line.unit],
                "" if discount else quantity(line.quantity),
                "" if discount else amount(line.unit_price_ht, st, currency=False),
                amount(line.total_ht, st, currency=False),
                f"{line.tva_rate:g}".replace(".", ","),
                amount(ttc, st, currency=False),
            ]
            x = x0
            for col, ((_, w, align), text) in enumerate(zip(cols, cells, strict=True)):
                pdf.rect(x, y, w, h)
                pdf.set_xy(x + 0.6, y + 0.5)
                if col == 2:
                    pdf.multi_cell(w - 1.5, lh, text, align="L")
                else:
                    pdf.cell(w - 1.2, lh, text, align=align)
                x += w
            y += h
    rows = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    y = room(y + 3, 5 * len(rows) + 4)
    for label, value in rows:
        pdf.set_xy(x0 + 160, y)
        pdf.set_font("Cond", "B" if label.startswith("Total") else "", 8.5)
        pdf.cell(60, 5, label, border=1)
        pdf.cell(37, 5, amount(value, st), border=1, align="R")
        y += 5
    return bytes(pdf.output())


# --------------------------------------------------------------------------- numbered (paragraphs, lot recap)


def _sentence(line: Line, st: dict[str, Any], form: int) -> str:
    q, p = quantity(line.quantity), amount(line.unit_price_ht, st)
    if line.unit in ("forfait", "ens") and line.quantity == 1:
        return ("Prix forfaitaire.", "Au forfait.")[form % 2]
    unit = {"m2": "m²", "ml": "ml", "u": "unité(s)", "h": "heure(s)", "j": "jour(s)"}.get(line.unit, line.unit)
    return (f"Quantité : {q} {unit} à {p} HT.", f"Soit {q} {unit} au prix unitaire de {p} HT.")[form % 2]


def render_numbered(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    form = rng.randrange(2)
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(True, margin=20)
    _footer(pdf, f"{a['name']} – {_title(quote).lower()} {quote.number}", "Serif")
    pdf.add_page()
    pdf.set_font("Serif", "B", 13)
    pdf.cell(0, 6, f"{a['name']} {a['legal_form']}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Serif", "", 8.5)
    pdf.cell(
        0, 4.2, f"{a['address']}, {a['postal_code']} {a['city']} – {_phone(rng)}", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    top = pdf.get_y() + 4
    pdf.set_xy(120, top)
    pdf.multi_cell(76, 4.2, "\n".join(_customer(quote)))
    pdf.set_xy(14, top)
    pdf.multi_cell(100, 4.2, "\n".join(_refs(quote)))
    pdf.set_xy(14, max(pdf.get_y(), top + 20) + 3)
    cover = {DDE: "dégât des eaux", INC: "incendie", TGN: "tempête", BDG: "bris de glace"}[quote.cover]
    pdf.set_font("Serif", "", 9)
    pdf.multi_cell(
        182,
        4.5,
        f"Objet : travaux de remise en état après {cover} du {fr_date(quote.date_of_loss, st)}, "
        f"{_site_text(quote, rng)}. Le détail des ouvrages est le suivant.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    recap: list[tuple[str, float]] = []
    for lot, (trade, lines) in enumerate(_lots(quote).items(), start=1):
        if trade:
            pdf.ln(2)
            pdf.set_font("Serif", "B", 10)
            pdf.cell(0, 6, f"{lot}. {trade}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            recap.append((f"{lot}. {trade}", _lot_total(lines)))
        for k, line in enumerate(lines, start=1):
            pdf.set_font("Serif", "", 9)
            text = (
                line.designation
                if line.category == "discount"
                else f"{lot}.{k} – {line.designation}. {_sentence(line, st, form)}"
            )
            price = amount(line.total_ht, st)
            words = pdf.multi_cell(150, 4.5, text, dry_run=True, output=MethodReturnValue.LINES)
            assert isinstance(words, list)
            last = words[-1] if words else ""
            body = text[: len(text) - len(last)] if len(words) > 1 else ""
            if body:
                pdf.multi_cell(150, 4.5, body.rstrip(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            room = 150 - pdf.get_string_width(last) - 2
            dots = "." * max(3, int(room / max(pdf.get_string_width("."), 0.1)))
            pdf.cell(150, 4.5, f"{last} {dots}"[: len(last) + 1 + len(dots)])
            pdf.cell(32, 4.5, price, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)
    pdf.ln(3)
    pdf.set_font("Serif", "B", 9.5)
    pdf.cell(0, 6, "Récapitulatif par lot", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Serif", "", 9)
    for label, value in recap:
        pdf.cell(120, 5, label, border=1)
        pdf.cell(40, 5, amount(value, st), border=1, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    for label, value in _total_rows(quote, "Montant HT", lambda v: f"TVA au taux de {rate(v['rate'])}", "Montant TTC"):
        pdf.set_x(74)
        pdf.set_font("Serif", "B" if label.startswith("Montant") else "", 9)
        pdf.cell(80, 5, label)
        pdf.cell(40, 5, amount(value, st), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font("Serif", "", 8)
    pdf.multi_cell(
        182,
        3.8,
        f"Fait à {quote.region.city}. {_legal(quote, rng)}. Bon pour accord, date et signature :",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"sheet": render_sheet, "numbered": render_numbered}
_TEXT_SCENARIOS = {
    "sheet": among_fair(
        12, "inflated", "arithmetic_error", "invalid_siret", "not_covered", "slightly_high", "discount"
    ),
    "numbered": among_fair(
        12, "slightly_high", "arithmetic_error", "inflated", "not_covered", "invalid_siret", "discount"
    ),
}
_INVOICES = {"sheet": (2, 5), "numbered": (6,)}
_COVERS = (DDE, DDE, INC, DDE, TGN, DDE, BDG, DDE, TGN, INC, DDE, DDE)
_cover = covers_in_turn(_COVERS, lambda _, scenario: scenario == "fair")


SET = FamilySet(
    "families6",
    "sixième",
    2031,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    _cover,
    _INVOICES,
    (),
    lambda k, _: False,
    export_or_letter(("sheet",)),
    ("devis_recu", "chiffrage", "facture_artisan", "pj", "export"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
