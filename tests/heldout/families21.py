"""Frozen held-out set 21: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families21 OUT_DIR [--seed 2300]

Made once into ``tests/heldout/frozen21/`` (see its README) to measure session 18's start robot and
its rounds on documents unlike the layouts of ``generate.py`` and ``families.py`` to ``families20.py``.
Both come from the **general contractors and multi-trade repairers who rebuild a whole claim** (an
« entreprise générale tous corps d'état », a repairer of an insurer's network repairing in kind):

- ``multilot``: a **general contractor's quote in numbered lots on three levels**: the lot by trade
  ("2 PLÂTRERIE – ISOLATION"), the room or the part of the work under it ("2.1 Séjour") and the line
  ("2.1.3"), **a métré column giving each measured quantity's take-off ("4,20 x 2,50", "3,40 + 2,85")**
  beside the quantity, **a subtotal under every sub-lot and a total under every lot**, a lot priced
  **« en option » and left out of the total**, then, after the detail and before the VAT, **a
  « RÉCAPITULATIF PAR LOT » table** (lot, title, amount HT, share of the total), the option recalled
  under it as not included; the rows run over the pages with the header repeated;
- ``inkind``: an **insurer network's repairer quoting a repair in kind** (« réparation en nature »): the
  repairer's block and **a mission-order box** (the platform that sends the mission, the insurer, the
  claim and mission numbers, the dates of the mission and of the visit), **a grid of the claim's four
  facts**, then the work **room by room, each room opened by its dimensions and an unpriced « Constat : »
  sentence** (what was found), a grid "Réf. | Nature des travaux | Qté | U | P.U. HT | Montant HT |
  TVA" without subtotals, the totals, **a « Répartition du règlement » box splitting the amount TTC
  between the deductible the insured pays the repairer and the balance the insurer pays directly**,
  **four photo frames « avant travaux »** and the agreement boxes (the insured's, the platform's).

Scans of four other documents of the two families (a flatbed scan, a fax, crumpled sheets, a
low-resolution scan; ``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover among every interior trade, site cost and drying or
cleaning work a repair after a loss pays (``families5._pick``), with the line wordings replaced by
the public ones of ``tests/heldout/wordings21/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF

from tests.heldout.catalog import DDE, INC, ITEMS, ROOMS, TGN
from tests.heldout.families import _insurance, _option_line, _site_text
from tests.heldout.families2 import _is_invoice, _phone, _title
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families5 import _pick
from tests.heldout.families7 import _UNITS, _seller
from tests.heldout.families10 import _terms
from tests.heldout.families11 import _cell_rows
from tests.heldout.families12 import open_page
from tests.heldout.families17 import _box_title, _scribble
from tests.heldout.family_set import FamilySet, export_or_letter, main
from tests.heldout.generate import Line, Quote, money
from tests.heldout.render import amount, fr_date, quantity, rate, siret_text
from tests.heldout.set_plan import covers_by_index

WORDINGS = Path(__file__).parent / "wordings21" / "wordings.tsv"

_LEFT, _RIGHT = 12.0, 198.0
_BOTTOM = 272.0

# The lot a trade's lines fall in, in the order a general contractor numbers them.
_LOT_OF_TRADE = {
    "Installation de chantier": "INSTALLATION DE CHANTIER – PROTECTIONS",
    "Main d'œuvre": "TRAVAUX EN RÉGIE",
    "Assèchement": "ASSÈCHEMENT – ASSAINISSEMENT",
    "Nettoyage": "ASSÈCHEMENT – ASSAINISSEMENT",
    "Carrelage": "DÉMOLITION – CURAGE – CARRELAGE",
    "Plâtrerie": "PLÂTRERIE – ISOLATION – FAUX PLAFONDS",
    "Menuiserie": "MENUISERIES INTÉRIEURES",
    "Électricité": "ÉLECTRICITÉ – MISE EN SÉCURITÉ",
    "Sols": "REVÊTEMENTS DE SOLS",
    "Revêtements muraux": "PEINTURE – REVÊTEMENTS MURAUX",
    "Peinture": "PEINTURE – REVÊTEMENTS MURAUX",
    "Plomberie": "PLOMBERIE",
    "Vitrerie": "MENUISERIES INTÉRIEURES",
    "Couverture": "COUVERTURE",
}
_LOT_ORDER = (
    "INSTALLATION DE CHANTIER – PROTECTIONS",
    "ASSÈCHEMENT – ASSAINISSEMENT",
    "DÉMOLITION – CURAGE – CARRELAGE",
    "PLOMBERIE",
    "PLÂTRERIE – ISOLATION – FAUX PLAFONDS",
    "MENUISERIES INTÉRIEURES",
    "ÉLECTRICITÉ – MISE EN SÉCURITÉ",
    "REVÊTEMENTS DE SOLS",
    "PEINTURE – REVÊTEMENTS MURAUX",
    "COUVERTURE",
    "TRAVAUX EN RÉGIE",
)
_GENERAL_FIRMS_LINE = (
    "Entreprise générale – Tous corps d'état – Rénovation après sinistre",
    "Rénovation tous corps d'état – Remise en état après dégât des eaux et incendie",
    "Bâtiment second œuvre – Entreprise générale – Agréée assureurs",
)


def _trade_of(line: Line) -> str:
    item = ITEMS.get(line.category)
    return line.trade or (item.trade if item else "Divers")


def _metre(line: Line, rng: random.Random) -> str:
    """The take-off of a measured quantity, exact to the cent: a product of two lengths when one
    divides it, else the sum of two parts (two walls, two rooms)."""
    if line.unit not in ("m2", "ml"):
        return ""
    cents = round(line.quantity * 100)
    if line.unit == "m2":
        heights = [2.5, 2.4, 2.6, 2.0, 1.25, 4.0, 5.0]
        rng.shuffle(heights)
        for h in heights:
            side = round(line.quantity / h, 2)
            if round(side * h * 100) == cents and side >= 1:
                return f"{quantity(side)} x {quantity(h)}"
    if cents < 20:
        return ""
    first = round(cents * rng.uniform(0.35, 0.65))
    return f"{quantity(first / 100)} + {quantity((cents - first) / 100)}"


def _grid_row(
    pdf: FPDF, cols: tuple[tuple[str, float, str], ...], top: float, cells: tuple[str, ...], wrapped: list[str]
) -> None:
    """One row of a grid: its cells in their columns, the wording (second column) on its wrapped rows."""
    x = _LEFT
    for (_, w, align), text in zip(cols, cells, strict=True):
        if text:
            pdf.set_xy(x + 0.8, top + 0.5)
            pdf.cell(w - 1.6, 3.9, text, align=align)
        x += w
    for r, text in enumerate(wrapped):
        pdf.set_xy(_LEFT + cols[0][1] + 0.8, top + 0.5 + 3.9 * r)
        pdf.cell(cols[1][1] - 1.6, 3.9, text)


# --------------------------------------------------------------------------- multilot (lots on three levels)


def _lots(quote: Quote, rng: random.Random) -> list[tuple[str, list[tuple[str, list[Line]]]]]:
    """The quote's lines as lots of sub-lots: a lot per trade group (the contractor's order), under it
    the rooms its lines are in (the site costs and the hours under « Généralités »)."""
    by_lot: dict[str, list[Line]] = {}
    for line in quote.lines:
        by_lot.setdefault(_LOT_OF_TRADE.get(_trade_of(line), "DIVERS"), []).append(line)
    rooms = list(dict.fromkeys(ln.room for ln in quote.lines if ln.room)) or rng.sample(ROOMS, k=2)
    lots = []
    for name in sorted(by_lot, key=lambda n: _LOT_ORDER.index(n) if n in _LOT_ORDER else 99):
        lines = by_lot[name]
        if name in ("INSTALLATION DE CHANTIER – PROTECTIONS", "TRAVAUX EN RÉGIE"):
            lots.append((name, [("Généralités", lines)]))
            continue
        subs: dict[str, list[Line]] = {}
        for line in lines:
            subs.setdefault(line.room or rng.choice(rooms), []).append(line)
        lots.append((name, list(subs.items())))
    return lots


def render_multilot(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    cols = (("N°", 14.0, "L"), ("Désignation des ouvrages", 74.0, "L"), ("Métré", 26.0, "R"), ("Qté", 14.0, "R"),
            ("U", 10.0, "C"), ("P.U. HT", 22.0, "R"), ("Montant HT", 26.0, "R"))  # fmt: skip
    page = [1]

    def footer() -> None:
        pdf.set_font("DejaVu", "", 6.8)
        pdf.set_xy(_LEFT, 284)
        pdf.cell(_RIGHT - _LEFT - 20, 3.5, f"{a['name']} {a['legal_form']} – {_title(quote).lower()} {quote.number}")
        pdf.set_xy(_RIGHT - 20, 284)
        pdf.cell(20, 3.5, f"Page {page[0]}", align="R")

    def header(top: float) -> float:
        pdf.set_fill_color(50, 60, 80)
        pdf.rect(_LEFT, top, _RIGHT - _LEFT, 6, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("DejaVu", "B", 7.6)
        x = _LEFT
        for name, w, align in cols:
            pdf.set_xy(x + 0.8, top + 1)
            pdf.cell(w - 1.6, 4, name, align=align)
            x += w
        pdf.set_text_color(0, 0, 0)
        return top + 7

    def new_page() -> float:
        footer()
        pdf.add_page()
        page[0] += 1
        pdf.set_font("DejaVu", "", 7.5)
        pdf.set_xy(_LEFT, 10)
        pdf.cell(_RIGHT - _LEFT, 4, f"{_title(quote)} N° {quote.number} – suite", align="R")
        return header(16.0)

    # the firm, its trades and the document's box
    pdf.set_font("DejaVu", "B", 15)
    pdf.set_xy(_LEFT, 12)
    pdf.cell(110, 7, a["name"].upper())
    pdf.set_font("DejaVu", "", 7.8)
    pdf.set_xy(_LEFT, 20)
    seller = [rng.choice(_GENERAL_FIRMS_LINE), f"{a['legal_form']} – {a['address']}, {a['postal_code']} {a['city']}",
              f"Tél. {_phone(rng)} – SIRET {siret_text(quote)}", f"TVA intracom. {a['tva_number']}"]  # fmt: skip
    pdf.multi_cell(112, 3.6, "\n".join(seller))
    pdf.set_draw_color(50, 60, 80)
    pdf.rect(130, 12, 68, 28)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_font("DejaVu", "B", 12)
    pdf.set_xy(131, 13.5)
    pdf.cell(66, 6, _title(quote), align="C")
    pdf.set_font("DejaVu", "", 8)
    refs = [f"N° {quote.number}", f"Date : {fr_date(quote.date, st)}"]
    if invoice:
        refs.append(f"Devis accepté n° {st['quote_ref']}")
    else:
        refs.append(f"Validité : {fr_date(quote.valid_until, st)}")
    refs.append(f"Affaire : {rng.randint(2100, 2999)}-{rng.choice(['DDE', 'SIN', 'REN'])}")
    pdf.set_xy(132, 20.5)
    pdf.multi_cell(64, 4.2, "\n".join(refs), align="C")
    y = 45.0
    # customer and the work's object
    _box_title(pdf, 108, y, 90, "MAÎTRE D'OUVRAGE", (230, 233, 238))
    pdf.set_font("DejaVu", "", 8)
    pdf.set_xy(110, y + 7)
    pdf.multi_cell(86, 3.9, "\n".join(_customer(quote)))
    cust_end = pdf.get_y()
    _box_title(pdf, _LEFT, y, 92, "OBJET DES TRAVAUX", (230, 233, 238))
    cause = {DDE: "dégât des eaux", INC: "incendie", TGN: "tempête"}.get(quote.cover, "sinistre")
    obj = [f"Remise en état tous corps d'état après {cause}", f"Chantier : {_site_text(quote, rng)}"]
    if quote.claim_reference:
        obj.append(f"Sinistre n° {quote.claim_reference} du {fr_date(quote.date_of_loss, st)}")
    if invoice:
        obj.append(f"Travaux réalisés du {fr_date(st['works_from'], st)} au {fr_date(st['works_to'], st)}")
    else:
        obj.append(f"Quantités d'après le métré contradictoire du {fr_date(quote.date, st)}")
    pdf.set_xy(_LEFT + 1.5, y + 7)
    pdf.multi_cell(89, 3.9, "\n".join(obj))
    y = max(cust_end, pdf.get_y()) + 5
    y = header(y)

    lots = _lots(quote, rng)
    totals_by_lot: list[tuple[str, str, float]] = []

    def row(top: float, cells: tuple[str, ...], wording: str, style: str, size: float = 7.8) -> float:
        pdf.set_font("DejaVu", style, size)
        wrapped = _cell_rows(pdf, wording, cols[1][1] - 1.6) if wording else [""]
        h = 3.9 * len(wrapped) + 1.2
        if top + h > _BOTTOM:
            top = new_page()
            pdf.set_font("DejaVu", style, size)
        _grid_row(pdf, cols, top, cells, wrapped)
        return top + h

    def band(top: float, text: str, value: str, shade: tuple[int, int, int], bold: str = "B") -> float:
        if top + 6 > _BOTTOM:
            top = new_page()
        pdf.set_fill_color(*shade)
        pdf.rect(_LEFT, top, _RIGHT - _LEFT, 5.2, style="F")
        pdf.set_font("DejaVu", bold, 7.8)
        pdf.set_xy(_LEFT + 14.8, top + 0.6)
        pdf.cell(130, 4, text)
        pdf.set_xy(_RIGHT - 40, top + 0.6)
        pdf.cell(39, 4, value, align="R")
        return top + 6

    for n, (name, subs) in enumerate(lots, start=1):
        number = str(n)
        y = row(y + 1, (number, "", "", "", "", "", ""), f"LOT {number} – {name}", "B", 8.4)
        lot_total = 0.0
        for s, (sub, lines) in enumerate(subs, start=1):
            y = row(y, (f"{number}.{s}", "", "", "", "", "", ""), sub, "I")
            for k, line in enumerate(lines, start=1):
                cells = (
                    f"{number}.{s}.{k}",
                    "",
                    _metre(line, rng),
                    quantity(line.quantity),
                    _UNITS[line.unit],
                    amount(line.unit_price_ht, st, False),
                    amount(line.total_ht, st, False),
                )
                y = row(y, cells, line.designation, "")
            sub_total = money(sum(ln.total_ht for ln in lines))
            lot_total += sub_total
            if len(subs) > 1:
                y = band(y, f"Sous-total {number}.{s} {sub}", amount(sub_total, st), (244, 244, 244), "")
        y = band(y, f"TOTAL LOT {number} – {name} HT", amount(money(lot_total), st), (222, 226, 234))
        totals_by_lot.append((number, name, money(lot_total)))
    # the option lot, priced apart and left out of the total
    option_total = 0.0
    if not invoice:
        number = str(len(lots) + 1)
        y = row(
            y + 1, (number, "", "", "", "", "", ""), f"LOT {number} – OPTION (non comprise dans le total)", "B", 8.4
        )
        for k in range(1, rng.randint(1, 2) + 1):
            line = _option_line(rng, quote)
            cells = (f"{number}.1.{k}", "", _metre(line, rng), quantity(line.quantity), _UNITS[line.unit],
                     amount(line.unit_price_ht, st, False), amount(line.total_ht, st, False))  # fmt: skip
            y = row(y, cells, line.designation + " (en option)", "I")
            option_total += line.total_ht
        y = band(
            y, f"Montant de l'option lot {number} HT – non compris", amount(money(option_total), st), (248, 240, 225)
        )
    # the recap by lot, then the VAT and the total
    totals = _total_rows(quote, "TOTAL GÉNÉRAL HT", lambda v: f"TVA {rate(v['rate'])}", "TOTAL TTC")
    need = 16 + 5 * len(totals_by_lot) + 5.5 * len(totals) + 12
    if y + need > _BOTTOM:
        y = new_page() - 7
    y += 5
    pdf.set_font("DejaVu", "B", 9.5)
    pdf.set_xy(_LEFT, y)
    pdf.cell(120, 5, "RÉCAPITULATIF PAR LOT")
    y += 6
    rx = (_LEFT, _LEFT + 16, _LEFT + 116, _LEFT + 150)
    pdf.set_fill_color(50, 60, 80)
    pdf.rect(_LEFT, y, _RIGHT - _LEFT, 5.5, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("DejaVu", "B", 7.8)
    for x, w, name, align in ((rx[0], 16, "Lot", "L"), (rx[1], 100, "Intitulé", "L"), (rx[2], 34, "Montant HT", "R"),
                              (rx[3], 36, "Part", "R")):  # fmt: skip
        pdf.set_xy(x + 1, y + 0.8)
        pdf.cell(w - 2, 4, name, align=align)
    pdf.set_text_color(0, 0, 0)
    y += 6
    pdf.set_font("DejaVu", "", 7.8)
    for number, name, value in totals_by_lot:
        share = f"{100 * value / quote.total_ht:.1f} %".replace(".", ",") if quote.total_ht else ""
        for x, w, text, align in ((rx[0], 16, number, "L"), (rx[1], 100, name, "L"),
                                  (rx[2], 34, amount(value, st), "R"), (rx[3], 36, share, "R")):  # fmt: skip
            pdf.set_xy(x + 1, y + 0.4)
            pdf.cell(w - 2, 4, text, align=align)
        pdf.set_draw_color(200, 200, 200)
        pdf.line(_LEFT, y + 4.8, _RIGHT, y + 4.8)
        pdf.set_draw_color(0, 0, 0)
        y += 5
    y += 2
    for k, (name, value) in enumerate(totals):
        pdf.set_font("DejaVu", "B" if name.startswith(("TOTAL", "Net")) else "", 8.5)
        pdf.set_xy(rx[1] + 50, y + 5.3 * k)
        pdf.cell(50, 5, name, align="R")
        pdf.set_xy(rx[2], y + 5.3 * k)
        pdf.cell(33, 5, amount(value, st), align="R")
    y += 5.3 * len(totals) + 2
    pdf.set_font("DejaVu", "", 7.2)
    pdf.set_xy(_LEFT, y)
    notes = [_terms(quote)]
    if option_total:
        notes.insert(0, f"Option non retenue dans le total ci-dessus : {amount(money(option_total), st)} HT.")
    notes.append(_insurance(rng))
    pdf.multi_cell(_RIGHT - _LEFT, 3.4, "\n".join(notes))
    y = pdf.get_y() + 3
    if not invoice:
        if y + 24 > 282:
            y = new_page() - 7
        for x, name in ((_LEFT, "L'entreprise"), (108.0, "Le maître d'ouvrage – « Bon pour accord »")):
            pdf.rect(x, y, 90, 20)
            pdf.set_font("DejaVu", "", 7.5)
            pdf.set_xy(x + 1.5, y + 1)
            pdf.cell(86, 4, name)
        _scribble(pdf, _LEFT + 20, y + 6, rng)
    footer()
    return bytes(pdf.output())


# --------------------------------------------------------------------------- inkind (repair in kind)

_PLATFORMS = (
    "Réseau Habitat Réparation",
    "Sinistres Services Bâtiment",
    "Domus Réparation en nature",
    "Alliance Rénov'Sinistre",
)
_INSURERS = (
    "Mutuelle des Particuliers",
    "Assurances du Centre",
    "Groupe Avenir Assurances",
    "Prévoyance Habitat Mutuelle",
)
_FINDINGS = {
    DDE: (
        "auréoles et cloquage de la peinture au plafond",
        "papier peint décollé en partie basse",
        "revêtement de sol gondolé, plinthes gonflées",
        "doublage humide sur 80 cm, odeur de moisi",
    ),
    INC: (
        "murs et plafond noircis par les fumées",
        "appareillage électrique fondu près du foyer",
        "dépôt de suie sur toutes les surfaces",
        "odeur de brûlé persistante",
    ),
    TGN: (
        "infiltration par la toiture, plafond taché",
        "peinture écaillée sous la fenêtre",
        "isolant mouillé dans les combles",
        "traces d'eau le long du mur pignon",
    ),
}


def _photo(pdf: FPDF, x: float, y: float, w: float, h: float, label: str, rng: random.Random) -> None:
    """A photo frame as a repair platform's export prints it: a grey picture with shapes, its caption."""
    shade = rng.randint(150, 200)
    pdf.set_fill_color(shade, shade, shade)
    pdf.rect(x, y, w, h, style="F")
    pdf.set_fill_color(shade - 40, shade - 40, shade - 35)
    pdf.rect(x + w * rng.uniform(0.1, 0.4), y + h * rng.uniform(0.1, 0.4), w * 0.45, h * 0.4, style="F")
    pdf.set_draw_color(255, 255, 255)
    pdf.line(x, y + h * 0.75, x + w, y + h * rng.uniform(0.55, 0.9))
    pdf.set_draw_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 6.8)
    pdf.set_xy(x, y + h + 0.5)
    pdf.cell(w, 3.2, label, align="C")


def render_inkind(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    platform = rng.choice(_PLATFORMS)
    insurer = rng.choice(_INSURERS)
    mission = f"RN{quote.date[2:4]}-{rng.randint(100000, 999999)}"
    cols = (("Réf.", 14.0, "L"), ("Nature des travaux", 84.0, "L"), ("Qté", 14.0, "R"), ("U", 11.0, "C"),
            ("P.U. HT", 22.0, "R"), ("Montant HT", 26.0, "R"), ("TVA", 15.0, "R"))  # fmt: skip
    page = [1]

    def footer() -> None:
        pdf.set_font("Cond", "", 6.8)
        pdf.set_xy(_LEFT, 283)
        pdf.cell(150, 3.5, f"Mission {mission} – {platform} – {_title(quote).lower()} {quote.number}")
        pdf.set_xy(_RIGHT - 20, 283)
        pdf.cell(20, 3.5, f"{page[0]}", align="R")

    def header(top: float) -> float:
        pdf.set_draw_color(0, 0, 0)
        pdf.set_font("Cond", "B", 8)
        x = _LEFT
        for name, w, align in cols:
            pdf.set_xy(x + 0.8, top + 0.8)
            pdf.cell(w - 1.6, 4, name, align=align)
            x += w
        pdf.line(_LEFT, top, _RIGHT, top)
        pdf.line(_LEFT, top + 5.6, _RIGHT, top + 5.6)
        return top + 6.5

    def new_page() -> float:
        footer()
        pdf.add_page()
        page[0] += 1
        return header(14.0)

    # the repairer and the mission order
    pdf.set_font("Cond", "B", 13)
    pdf.set_xy(_LEFT, 12)
    pdf.cell(100, 6, f"{a['name']} {a['legal_form']}")
    pdf.set_font("Cond", "", 8)
    pdf.set_xy(_LEFT, 18.5)
    firm = [*_seller(quote)[1:], f"Tél. {_phone(rng)}", f"SIRET {siret_text(quote)}",
            f"Réparateur agréé {platform}"]  # fmt: skip
    pdf.multi_cell(96, 3.7, "\n".join(firm))
    firm_end = pdf.get_y()
    box_x, box_w = 112.0, _RIGHT - 112.0
    _box_title(pdf, box_x, 12, box_w, "ORDRE DE MISSION – RÉPARATION EN NATURE", (222, 235, 226))
    mission_rows = [
        ("Donneur d'ordre", platform),
        ("Pour le compte de", insurer),
        ("N° de mission", mission),
        ("N° de sinistre", quote.claim_reference or f"S{rng.randint(10**7, 10**8 - 1)}"),
        ("Mission reçue le", fr_date(quote.date_of_loss or quote.date, st)),
        ("Visite contradictoire", fr_date(quote.date, st)),
    ]
    pdf.set_font("Cond", "", 7.8)
    for k, (name, entry) in enumerate(mission_rows):
        pdf.set_xy(box_x + 1.5, 18.5 + 3.8 * k)
        pdf.cell(30, 3.6, name)
        pdf.set_xy(box_x + 32, 18.5 + 3.8 * k)
        pdf.cell(box_w - 33, 3.6, entry)
    pdf.rect(box_x, 12, box_w, 6.5 + 3.8 * len(mission_rows) + 1.5)
    y = max(firm_end, 12 + 6.5 + 3.8 * len(mission_rows) + 1.5) + 4
    pdf.set_font("Cond", "B", 12)
    pdf.set_xy(_LEFT, y)
    title = f"{_title(quote)} N° {quote.number} du {fr_date(quote.date, st)}"
    pdf.cell(_RIGHT - _LEFT, 6, title + (" – travaux réalisés en réparation en nature" if invoice else ""))
    y += 8
    # the claim's four facts
    cause = {DDE: "Dégât des eaux", INC: "Incendie", TGN: "Tempête – grêle – neige"}.get(quote.cover, "Sinistre")
    facts = [
        ("Assuré", "\n".join(_customer(quote))),
        ("Lieu du sinistre", _site_text(quote, rng)),
        ("Nature du sinistre", cause),
        (
            "Référence",
            f"Devis accepté n° {st['quote_ref']}"
            if invoice
            else f"Devis valable jusqu'au {fr_date(quote.valid_until, st)}",
        ),
    ]
    half = (_RIGHT - _LEFT) / 2
    top = y
    for k, (name, fact) in enumerate(facts):
        x = _LEFT + (k % 2) * half
        yy = top + (k // 2) * 17
        pdf.rect(x, yy, half, 17)
        pdf.set_font("Cond", "B", 7.5)
        pdf.set_xy(x + 1.5, yy + 0.8)
        pdf.cell(half - 3, 3.6, name.upper())
        pdf.set_font("Cond", "", 8)
        pdf.set_xy(x + 1.5, yy + 4.6)
        pdf.multi_cell(half - 3, 3.5, fact)
    y = top + 36
    y = header(y)
    # the work, room by room
    rooms: dict[str, list[Line]] = {}
    for line in quote.lines:
        rooms.setdefault(line.room or "Parties communes et installation", []).append(line)
    findings = list(_FINDINGS.get(quote.cover, _FINDINGS[DDE]))
    rng.shuffle(findings)
    ref = 0
    for r, (room, lines) in enumerate(rooms.items()):
        if y + 14 > _BOTTOM:
            y = new_page()
        pdf.set_fill_color(238, 242, 238)
        pdf.rect(_LEFT, y, _RIGHT - _LEFT, 5, style="F")
        pdf.set_font("Cond", "B", 8.2)
        pdf.set_xy(_LEFT + 1, y + 0.5)
        size = f"{rng.randint(8, 28)},{rng.randint(0, 9)} m² – HSP {rng.choice(['2,45', '2,50', '2,60'])} m"
        pdf.cell(150, 4, f"PIÈCE : {room}" + (f" ({size})" if not room.startswith("Parties") else ""))
        y += 5.5
        pdf.set_font("DejaVu", "I", 7.8)
        pdf.set_xy(_LEFT + cols[0][1] + 0.8, y)
        pdf.cell(150, 3.8, f"Constat : {findings[r % len(findings)]}.")
        y += 4.6
        for line in lines:
            ref += 1
            pdf.set_font("Cond", "", 8.2)
            wrapped = _cell_rows(pdf, line.designation, cols[1][1] - 1.6)
            h = 3.9 * len(wrapped) + 1.2
            if y + h > _BOTTOM:
                y = new_page()
                pdf.set_font("Cond", "", 8.2)
            cells = (
                f"{r + 1}.{ref:02d}",
                "",
                quantity(line.quantity),
                _UNITS[line.unit],
                amount(line.unit_price_ht, st, False),
                amount(line.total_ht, st, False),
                rate(line.tva_rate),
            )
            _grid_row(pdf, cols, y, cells, wrapped)
            y += h
        pdf.set_draw_color(170, 170, 170)
        pdf.line(_LEFT, y + 0.5, _RIGHT, y + 0.5)
        pdf.set_draw_color(0, 0, 0)
        y += 2
    # totals, then how the amount is paid
    totals = _total_rows(quote, "Montant des travaux HT", lambda v: f"TVA {rate(v['rate'])}", "Montant TTC")
    deductible = float(rng.choice([150, 230, 300, 380]))
    need = 6 * len(totals) + 26 + 40
    if y + need > 280:
        y = new_page() - 6.5
    y += 3
    for k, (name, value) in enumerate(totals):
        pdf.set_font("Cond", "B" if name.startswith(("Montant TTC", "Net")) else "", 9)
        pdf.set_xy(118, y + 5.4 * k)
        pdf.cell(48, 5, name)
        pdf.set_xy(166, y + 5.4 * k)
        pdf.cell(31, 5, amount(value, st), align="R")
    pdf.rect(116, y - 1, _RIGHT - 116, 5.4 * len(totals) + 2)
    box_y = y
    _box_title(pdf, _LEFT, box_y, 98, "RÉPARTITION DU RÈGLEMENT", (222, 235, 226))
    pay = [
        (
            "Franchise contractuelle, réglée par l'assuré à l'entreprise" + (" (encaissée)" if invoice else ""),
            deductible,
        ),
        (f"Solde réglé directement par {insurer}", money(quote.total_ttc - deductible)),
    ]
    pdf.set_font("Cond", "", 7.8)
    for k, (name, value) in enumerate(pay):
        pdf.set_xy(_LEFT + 1.5, box_y + 7 + 4.2 * k)
        pdf.cell(72, 3.8, name)
        pdf.set_xy(_LEFT + 72, box_y + 7 + 4.2 * k)
        pdf.cell(24.5, 3.8, amount(value, st), align="R")
    pdf.rect(_LEFT, box_y, 98, 7 + 4.2 * len(pay) + 1.5)
    y = max(box_y + 7 + 4.2 * len(pay) + 1.5, y + 5.4 * len(totals)) + 4
    pdf.set_font("Cond", "", 7)
    pdf.set_xy(_LEFT, y)
    pdf.multi_cell(_RIGHT - _LEFT, 3.3, _terms(quote) + " " + _insurance(rng))
    y = pdf.get_y() + 3
    # the photos taken at the visit
    if y + 30 > 282:
        y = new_page() - 6.5
    pdf.set_font("Cond", "B", 8)
    pdf.set_xy(_LEFT, y)
    pdf.cell(100, 4, "PHOTOS AVANT TRAVAUX" if not invoice else "PHOTOS AVANT / APRÈS TRAVAUX")
    y += 5
    names = list(rooms)
    for k in range(4):
        _photo(pdf, _LEFT + k * 47, y, 44, 18, f"Photo {k + 1} – {names[k % len(names)][:22]}", rng)
    y += 24
    if y + 22 > 282:
        y = new_page() - 6.5
    for x, name in ((_LEFT, "Accord de l'assuré sur la réparation en nature"), (107.0, f"Validation {platform}")):
        pdf.rect(x, y, 91, 18)
        pdf.set_font("Cond", "", 7.5)
        pdf.set_xy(x + 1.5, y + 1)
        pdf.cell(88, 4, name)
    if invoice:
        _scribble(pdf, _LEFT + 20, y + 5, rng)
    pdf.set_font("Cond", "", 7.5)
    pdf.set_xy(108.5, y + 12)
    pdf.cell(88, 4, f"Accord n° {rng.randint(10000, 99999)}" if invoice else "Accord n° ..................")
    footer()
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"multilot": render_multilot, "inkind": render_inkind}
_TEXT_SCENARIOS = {
    "multilot": (
        "fair",
        "arithmetic_error",
        "fair",
        "regional_fair",
        "fair",
        "inflated",
        "fair",
        "invalid_siret",
        "regional_fair",
        "fair",
    ),
    "inkind": (
        "regional_fair",
        "fair",
        "not_covered",
        "fair",
        "inflated",
        "fair",
        "slightly_high",
        "regional_fair",
        "fair",
        "invalid_siret",
    ),
}
_INVOICES = {"multilot": (6,), "inkind": (3,)}
_COVERS = (DDE, INC, DDE, TGN, DDE, INC, DDE, DDE, INC, TGN)
SCANS = (
    ("multilot", "scan_pdf", "fair", DDE),
    ("multilot", "fax", "inflated", INC),
    ("inkind", "crumpled", "fair", DDE),
    ("inkind", "lowres", "fair", INC),
)


SET = FamilySet(
    "families21",
    "vingt et unième",
    2300,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    covers_by_index(_COVERS),
    _INVOICES,
    SCANS,
    lambda k, _: False,
    export_or_letter(("multilot",)),
    ("devis", "devis_tce", "document", "piece_jointe", "envoi"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
