"""Frozen held-out set 12: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families12 OUT_DIR [--seed 2037]

Made once into ``tests/heldout/frozen12/`` (see its README) to measure the robots of session 12's
start (364f779) and end on documents unlike the layouts of ``generate.py`` and ``families.py`` to
``families11.py``:

- ``tariff``: a call-out firm's quote printed on its **price schedule**: the rates the consumer must be
  told before any work (the hourly labour rate TTC, the call-out charge, after the public rules on
  the publicity of prices of repair and maintenance work in buildings) stated in a box above, then the
  firm's whole list of services by trade, each row its wording, its unit and its unit price HT; only the
  rows of the work to be done are ticked and carry a quantity and an amount, the others stay priced
  but empty;
- ``dated``: a works log ("journal d'intervention"): the lines grouped by the day they are (or will
  be) done, each day's first row opening with its date ("mar. 15/04"), the technician's initials in a
  column of their own, and each day closed by a "Total de la journée" row; the totals at the end.

Scans and photos of four of the documents (two per family): a flatbed scan as PDF, a phone photo
with a shadow, a fax, a page scanned sideways (``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover as in set 5 (``families5._pick``), with the line
wordings replaced by the public ones of ``tests/heldout/wordings12/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date as Date
from datetime import timedelta
from pathlib import Path

from fpdf import FPDF

from tests.heldout import families2
from tests.heldout.catalog import DDE, INC, ITEMS, TGN
from tests.heldout.families import _fpdf
from tests.heldout.families2 import _is_invoice, _phone, _title
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families5 import _pick
from tests.heldout.families7 import _UNITS, _seller
from tests.heldout.families10 import _refs, _terms
from tests.heldout.families11 import _cell_rows
from tests.heldout.family_set import FamilySet, export_or_letter, main
from tests.heldout.generate import Line, Quote
from tests.heldout.render import amount, fr_date, quantity, rate, siret_text

WORDINGS = Path(__file__).parent / "wordings12" / "wordings.tsv"


def open_page(quote: Quote) -> FPDF:
    """The document's first page, A4 with 12 mm margins, its pages broken by the family itself (the
    families of sets 12 and 13 open their documents this way)."""
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(False)
    pdf.set_margins(12, 12, 12)
    pdf.add_page()
    return pdf


def _header(pdf: FPDF, quote: Quote, rng: random.Random, top: float) -> float:
    """Seller top left (its SIRET under the address), the document's title, number and date top
    right, the customer under them, the references on a line; returns where the body starts."""
    st, a = quote.style, quote.artisan
    pdf.set_font("Cond", "B", 12)
    pdf.set_xy(12, top)
    pdf.cell(100, 6, f"{a['name']} {a['legal_form']}")
    pdf.set_font("Cond", "", 8)
    pdf.set_xy(12, top + 6.5)
    pdf.multi_cell(100, 3.8, "\n".join([*_seller(quote)[1:], f"Tél. {_phone(rng)}", f"SIRET {siret_text(quote)}"]))
    pdf.set_font("Cond", "B", 13)
    pdf.set_xy(120, top)
    pdf.cell(78, 6, f"{_title(quote)} N° {quote.number}", align="R")
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(120, top + 6.5)
    pdf.cell(78, 4, f"Le {fr_date(quote.date, st)}", align="R")
    customer = _customer(quote)
    pdf.set_xy(120, top + 14)
    pdf.set_font("Cond", "B", 9)
    pdf.cell(78, 4.5, customer[0])
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(120, top + 18.5)
    pdf.multi_cell(78, 4, "\n".join(customer[1:]))
    y = max(pdf.get_y(), top + 30) + 3
    pdf.set_xy(12, y)
    pdf.multi_cell(186, 4, "  –  ".join(f"{label} : {value}" for label, value in _refs(quote, rng)))
    return pdf.get_y() + 3


def _totals(pdf: FPDF, quote: Quote, y: float) -> float:
    rows = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    if y + 5.5 * len(rows) + 28 > 285:
        pdf.add_page()
        y = 14
    for label, total in rows:
        strong = label.startswith(("Total TTC", "Net"))
        pdf.set_font("Cond", "B" if strong else "", 9)
        pdf.set_xy(128, y)
        pdf.cell(40, 5.5, label, border=1)
        pdf.cell(30, 5.5, amount(total, quote.style), border=1, align="R")
        y += 5.5
    pdf.set_xy(12, y + 4)
    pdf.set_font("Cond", "", 8)
    pdf.multi_cell(
        186, 3.8, _terms(quote) + ("" if _is_invoice(quote) else "\nBon pour accord, date et signature du client :")
    )
    return pdf.get_y()


# --------------------------------------------------------------------------- tariff (ticked price schedule)

_TRADES = {
    "Peinture": "PEINTURE – REVÊTEMENTS MURAUX",
    "Plâtrerie": "PLÂTRERIE – PLAFONDS",
    "Revêtements muraux": "PEINTURE – REVÊTEMENTS MURAUX",
    "Sols": "SOLS – CARRELAGE",
    "Carrelage": "SOLS – CARRELAGE",
    "Électricité": "ÉLECTRICITÉ",
    "Plomberie": "PLOMBERIE – RECHERCHE DE FUITE",
    "Assèchement": "ASSÈCHEMENT – ASSAINISSEMENT",
    "Nettoyage": "ASSÈCHEMENT – ASSAINISSEMENT",
    "Couverture": "COUVERTURE – ZINGUERIE",
}
_OTHER_TRADE = "INSTALLATION – MAIN D'ŒUVRE"


def _trade(category: str) -> str:
    item = ITEMS.get(category)
    return _TRADES.get(item.trade, _OTHER_TRADE) if item else _OTHER_TRADE


def _schedule(quote: Quote, rng: random.Random) -> list[tuple[str, Line | None, str, str, float]]:
    """(trade, the quote's line or None, wording, unit, unit price) of every row of the firm's
    price schedule: the quote's lines among the services it offers but were not asked for, each of
    those priced near its typical price, a wording of its own from the public list."""
    wordings = families2.load_wordings(WORDINGS)
    used = {line.designation for line in quote.lines}
    rows: list[tuple[str, Line | None, str, str, float]] = [
        (_trade(line.category), line, line.designation, line.unit, line.unit_price_ht)
        for line in quote.lines
        if line.category != "discount"
    ]
    spare = [
        (category, wording)
        for category, texts in sorted(wordings.items())
        if category in ITEMS
        for wording in texts
        if wording not in used
    ]
    for category, wording in rng.sample(spare, k=min(len(spare), rng.randint(9, 14))):
        item = ITEMS[category]
        price = round(item.typical * rng.uniform(0.9, 1.15) * 2) / 2
        rows.append((_trade(category), None, wording, item.unit, price))
    order = list(dict.fromkeys([*_TRADES.values(), _OTHER_TRADE]))
    rng.shuffle(rows)
    rows.sort(key=lambda row: order.index(row[0]))
    return rows


def _ttc_rate(quote: Quote, rng: random.Random, category: str) -> float:
    """The rate the box states TTC (at 10 %): the quote's own line of that category when it has one,
    else the firm's usual price for it."""
    prices = [line.unit_price_ht for line in quote.lines if line.category == category]
    price = prices[0] if prices else round(ITEMS[category].typical * rng.uniform(0.95, 1.15))
    return round(price * 1.1, 2)


_TARIFF_COLS = (
    ("", 7.0, "C"),
    ("Prestation", 90.0, "L"),
    ("Unité", 14.0, "C"),
    ("P.U. HT", 22.0, "R"),
    ("Qté", 16.0, "R"),
    ("Montant HT", 25.0, "R"),
    ("TVA", 12.0, "R"),
)


def render_tariff(quote: Quote, rng: random.Random) -> bytes:
    st = quote.style
    pdf = open_page(quote)
    y = _header(pdf, quote, rng, 12)
    hourly = _ttc_rate(quote, rng, "labour")
    callout = _ttc_rate(quote, rng, "travel_setup")
    pdf.set_fill_color(242, 242, 242)
    pdf.rect(12, y, 186, 15, style="F")
    pdf.set_xy(14, y + 1.5)
    pdf.set_font("Cond", "B", 8.5)
    pdf.cell(180, 4, "Informations préalables au consommateur (prix TTC, TVA au taux en vigueur)")
    pdf.set_font("Cond", "", 8)
    pdf.set_xy(14, y + 6)
    pdf.multi_cell(
        180,
        3.8,
        f"Taux horaire de main-d'œuvre : {amount(hourly, st)} TTC – toute heure commencée est due par demi-heure. "
        f"Frais de déplacement : {amount(callout, st)} TTC dans un rayon de 20 km. "
        "Seules les prestations cochées ci-dessous sont commandées.",
    )
    y += 19

    def header(top: float) -> float:
        pdf.set_font("Cond", "B", 8)
        pdf.set_fill_color(220, 228, 236)
        x = 12.0
        for title, width, _ in _TARIFF_COLS:
            pdf.set_xy(x, top)
            pdf.cell(width, 6, title, border=1, align="C", fill=True)
            x += width
        return top + 6

    y = header(y)
    trade = ""
    for row_trade, line, wording, unit, price in _schedule(quote, rng):
        pdf.set_font("Cond", "", 8)
        wrapped = _cell_rows(pdf, wording, _TARIFF_COLS[1][1] - 1)
        height = 4 * len(wrapped) + 1.4
        if y + height + (6 if row_trade != trade else 0) > 270:
            pdf.add_page()
            y = header(14)
        if row_trade != trade:
            trade = row_trade
            pdf.set_font("Cond", "B", 8)
            pdf.set_xy(12, y)
            pdf.cell(186, 5.5, trade, border="LR")
            y += 5.5
        ticked = line is not None
        cells = [
            "X" if ticked else "",
            wording,
            _UNITS[unit],
            amount(price, st, False),
            quantity(line.quantity) if line else "",
            amount(line.total_ht, st, False) if line else "",
            rate(line.tva_rate).replace(" %", "") if line else "",
        ]
        x = 12.0
        for k, ((_, width, align), text) in enumerate(zip(_TARIFF_COLS, cells, strict=True)):
            pdf.set_xy(x, y + 0.7)
            pdf.set_font("Cond", "B" if ticked and k in (0, 4, 5) else "", 8)
            if k == 0:
                pdf.rect(x + 2, y + 1, 3, 3)
                pdf.set_xy(x + 1.9, y + 0.8)
                pdf.cell(3.2, 3.4, text, align="C")
            elif k == 1:
                pdf.multi_cell(width, 4, text, align="L")
            else:
                pdf.cell(width - 1, 4, text, align=align)
            x += width
        y += height
        pdf.set_draw_color(190, 190, 190)
        pdf.line(12, y, 198, y)
        pdf.set_draw_color(0, 0, 0)
    for line in quote.lines:
        if line.category == "discount":
            pdf.set_font("Cond", "", 8)
            pdf.set_xy(19, y + 0.7)
            pdf.cell(90, 4, line.designation)
            pdf.set_xy(12 + sum(w for _, w, _ in _TARIFF_COLS[:5]), y + 0.7)
            pdf.cell(_TARIFF_COLS[5][1] - 1, 4, amount(line.total_ht, st, False), align="R")
            y += 5.4
    pdf.line(12, y, 198, y)
    _totals(pdf, quote, y + 5)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- dated (works log by day)

_WEEKDAYS = ("lun.", "mar.", "mer.", "jeu.", "ven.")
_INITIALS = ("J.M.", "K.D.", "S.B.", "A.L.", "T.R.", "N.P.")


def _days(quote: Quote, rng: random.Random, count: int) -> list[Date]:
    """The working days the lines are spread over: from the works' start on an invoice, a week or
    more after the quote's date on a quote; weekends skipped."""
    st = quote.style
    start = (
        Date.fromisoformat(st["works_from"])
        if _is_invoice(quote)
        else Date.fromisoformat(quote.date) + timedelta(days=rng.randint(7, 20))
    )
    days: list[Date] = []
    day = start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _by_day(lines: list[Line], rng: random.Random) -> list[list[Line]]:
    groups: list[list[Line]] = []
    rest = list(lines)
    while rest:
        take = rng.randint(2, 4)
        groups.append(rest[:take])
        rest = rest[take:]
    return groups


_DATED_COLS = (
    ("Date", 17.0, "L"),
    ("Interv.", 11.0, "C"),
    ("Désignation", 80.0, "L"),
    ("Qté", 14.0, "R"),
    ("U.", 10.0, "C"),
    ("P.U. HT", 20.0, "R"),
    ("Total HT", 22.0, "R"),
    ("TVA", 12.0, "R"),
)


def render_dated(quote: Quote, rng: random.Random) -> bytes:
    st = quote.style
    pdf = open_page(quote)
    y = _header(pdf, quote, rng, 12)
    pdf.set_font("Cond", "B", 9)
    pdf.set_xy(12, y)
    planned = "Journal d'intervention" if _is_invoice(quote) else "Planning prévisionnel d'intervention"
    pdf.cell(186, 5, planned)
    y += 6
    shade = rng.choice([(236, 242, 236), (240, 240, 240), (246, 240, 230)])

    def header(top: float) -> float:
        pdf.set_font("Cond", "B", 8)
        pdf.set_fill_color(*shade)
        x = 12.0
        for title, width, _ in _DATED_COLS:
            pdf.set_xy(x, top)
            pdf.cell(width, 6, title, border="TB", align="C", fill=True)
            x += width
        return top + 7

    y = header(y)
    groups = _by_day(list(quote.lines), rng)
    day_total_label = rng.choice(["Total de la journée", "Sous-total jour", "Cumul journée HT"])
    for day, group in zip(_days(quote, rng, len(groups)), groups, strict=True):
        worker = rng.choice(_INITIALS)
        for k, line in enumerate(group):
            discount = line.category == "discount"
            pdf.set_font("Cond", "", 8)
            wrapped = _cell_rows(pdf, line.designation, _DATED_COLS[2][1] - 1)
            height = 4 * len(wrapped) + 1.5
            if y + height + 6 > 268:
                pdf.add_page()
                y = header(14)
            cells = [
                f"{_WEEKDAYS[day.weekday()]} {day.day:02d}/{day.month:02d}" if k == 0 else "",
                "" if discount else worker,
                line.designation,
                "" if discount else quantity(line.quantity),
                "" if discount else _UNITS[line.unit],
                "" if discount else amount(line.unit_price_ht, st, False),
                amount(line.total_ht, st, False),
                rate(line.tva_rate).replace(" %", ""),
            ]
            x = 12.0
            for col, ((_, width, align), text) in enumerate(zip(_DATED_COLS, cells, strict=True)):
                pdf.set_xy(x, y + 0.7)
                pdf.set_font("Cond", "B" if col == 0 else "", 8)
                if col == 2:
                    pdf.multi_cell(width, 4, text, align="L")
                else:
                    pdf.cell(width - 1, 4, text, align=align)
                x += width
            y += height
        subtotal = sum(round(line.total_ht * 100) for line in group) / 100
        pdf.set_font("DejaVu", "I", 7.5)
        pdf.set_xy(12 + sum(w for _, w, _ in _DATED_COLS[:2]), y + 0.5)
        pdf.cell(_DATED_COLS[2][1] + 44, 4, f"{day_total_label} du {day.day:02d}/{day.month:02d}", align="R")
        pdf.cell(_DATED_COLS[6][1] - 1, 4, amount(subtotal, st, False), align="R")
        y += 5
        pdf.set_draw_color(170, 170, 170)
        pdf.line(12, y, 198, y)
        pdf.set_draw_color(0, 0, 0)
        y += 1
    _totals(pdf, quote, y + 4)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"tariff": render_tariff, "dated": render_dated}
_TEXT_SCENARIOS = {
    "tariff": (
        "fair",
        "inflated",
        "fair",
        "invalid_siret",
        "regional_fair",
        "arithmetic_error",
        "fair",
        "not_covered",
        "fair",
        "slightly_high",
        "fair",
        "regional_fair",
    ),
    "dated": (
        "fair",
        "slightly_high",
        "fair",
        "not_covered",
        "regional_fair",
        "arithmetic_error",
        "fair",
        "inflated",
        "fair",
        "invalid_siret",
        "fair",
        "regional_fair",
    ),
}
_INVOICES = {"tariff": (2,), "dated": (6,)}
_COVERS = (DDE, TGN, DDE, INC, DDE, DDE, INC, DDE, TGN, DDE, DDE, INC)
SCANS = (
    ("tariff", "scan_pdf", "fair", DDE),
    ("tariff", "photo_shadow", "inflated", DDE),
    ("dated", "fax", "fair", INC),
    ("dated", "rotated", "fair", TGN),
)


# the k-th text PDF of a family under _COVERS[k]: no glass breakage in set 12
SET = FamilySet(
    "families12",
    "douzième",
    2037,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    lambda _, k, __: _COVERS[k],
    _INVOICES,
    SCANS,
    lambda k, _: False,
    export_or_letter(RENDER),
    ("devis", "facture", "devis_depannage", "document", "intervention"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
