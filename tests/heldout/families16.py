"""Frozen held-out set 16: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families16 OUT_DIR [--seed 2046]

Made once into ``tests/heldout/frozen16/`` (see its README) to measure the robots of session 15's
start (57404b5) and end on documents unlike the layouts of ``generate.py`` and ``families.py`` to
``families15.py``. Both come from the firms that work after a claim:

- ``drying``: an **after-damage specialist's intervention report that carries its quote** (leak
  detection, drying, cleaning after water damage or fire): a coloured band with the firm and its
  trades, "Rapport d'intervention n° RI-…" beside the quote's (or the invoice's) number, boxes for
  the party who ordered it and the claim, then numbered sections: the findings, **the detection and
  measuring means as tick boxes**, **a grid of moisture readings** (measuring points by room and
  support, one column per reading date, a target), **photo frames with captions**, and only then the
  priced works **grouped by phase** (emergency measures, drying and sanitising, repairs), each phase
  closed by its subtotal; the totals, then the recommendations (figures again: a moisture threshold,
  days of drying) and the technician's sign-off;
- ``expertise``: a **general contractor's (« tous corps d'état ») estimate drawn up on the grid an
  insurer's expert asks for**: the firm's trades under its name, a title box "Estimation des
  dommages", **a grid of claim fields** (insurer, claim number, expert's firm and reference, insured
  party and capacity, date and nature of the loss, address of the risk), a table by room whose
  **heading rows carry the room's dimensions and areas**, **a trade column before each wording**, **three
  grey columns left empty for the expert** (wear rate, wear amount, value after wear), a total per room,
  then **a recap by trade beside the totals** and **a box reserved for the expert**.

Scans and photos of four of the documents (two per family): a phone photo with a shadow, a fax, a
flatbed scan, pages scanned sideways (``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover as in set 5 (``families5._pick``), with the line
wordings replaced by the public ones of ``tests/heldout/wordings16/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date as Date
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF

from tests.heldout.catalog import DDE, INC, ITEMS, ROOMS, TGN
from tests.heldout.families import INSURERS, _insurance, _site_text
from tests.heldout.families2 import _is_invoice, _phone
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families5 import _footer, _legal, _pick, _Table
from tests.heldout.families7 import _UNITS, _seller
from tests.heldout.families10 import _terms
from tests.heldout.families11 import _cell_rows
from tests.heldout.families12 import _totals, open_page
from tests.heldout.family_set import FamilySet, main
from tests.heldout.generate import Line, Quote, money
from tests.heldout.render import amount, fr_date, quantity, rate, siret_text

WORDINGS = Path(__file__).parent / "wordings16" / "wordings.tsv"

_NATURE = {DDE: "Dégât des eaux", INC: "Incendie", TGN: "Tempête, grêle, neige"}
_BOTTOM = 278.0


def _rooms(quote: Quote) -> list[str]:
    """The rooms the quote's lines name, in order, or two of the usual ones."""
    named = list(dict.fromkeys(line.room for line in quote.lines if line.room))
    return named or list(ROOMS[:2])


def _sum(lines: list[Line]) -> float:
    return money(sum(Decimal(str(line.total_ht)) for line in lines))


def _band(pdf: FPDF, y: float, title: str, fill: tuple[int, int, int]) -> float:
    """A section's heading bar; returns where its body starts."""
    pdf.set_fill_color(*fill)
    pdf.set_font("Cond", "B", 9)
    pdf.set_xy(12, y)
    pdf.cell(186, 5.5, title, fill=True)
    return y + 7.5


def _room(pdf: FPDF, y: float, needed: float) -> float:
    if y + needed > _BOTTOM:
        pdf.add_page()
        return 14.0
    return y


# --------------------------------------------------------------------------- drying (report with its quote)

_MEANS = (
    "Humidimètre à pointes",
    "Sonde capacitive",
    "Caméra thermique infrarouge",
    "Écoute électro-acoustique",
    "Gaz traceur (azote hydrogéné)",
    "Mise en eau colorée (fluorescéine)",
    "Caméra endoscopique",
    "Essai de mise en pression",
)
_SUPPORTS = ("Mur nord", "Mur est", "Plafond", "Sol", "Cloison", "Doublage", "Mur sud", "Plinthe")
_FINDINGS = {
    DDE: (
        "Fuite sur le réseau encastré à l'origine du sinistre. Auréoles, cloquages et décollements constatés "
        "dans : {rooms}. Supports humides à cœur sur une hauteur de 20 à 60 cm."
    ),
    INC: (
        "Départ de feu maîtrisé par les secours. Dépôts de suie et odeur de fumée dans : {rooms} ; eaux "
        "d'extinction au sol et supports mouillés en pied de mur."
    ),
    TGN: (
        "Entrée d'eau par la couverture après le coup de vent. Plafonds et murs humides dans : {rooms} ; "
        "traces d'écoulement le long des doublages."
    ),
}
_PHOTOS = (
    "auréole au plafond",
    "décollement du revêtement",
    "relevé à l'humidimètre",
    "pied de cloison humide",
    "dépôts noirs en angle",
    "zone déposée pour séchage",
)
# the works' phases, by the catalogue category of each line (the rest: repairs)
_PHASES: tuple[tuple[str, str, set[str]], ...] = (
    (
        "A",
        "Mesures d'urgence et recherche de la cause",
        {"protection", "travel_setup", "leak_search", "leak_repair", "plumber_hour"},
    ),
    ("B", "Assèchement, nettoyage et assainissement", {"drying_days", "disinfection", "cleaning", "dehumidifier"}),
    ("C", "Travaux de remise en état", set()),
)
_DRY_COLS = [
    ("Réf.", 13.0, "C"),
    ("Désignation", 93.0, "L"),
    ("Qté", 16.0, "R"),
    ("U", 12.0, "C"),
    ("P.U. HT", 24.0, "R"),
    ("Montant HT", 28.0, "R"),
]
_TECHNICIANS = ("Julien M.", "Sofiane B.", "Kévin L.", "Thomas R.", "Nadia F.", "Romain D.")


def _phase(line: Line) -> int:
    for k, (_, _, cats) in enumerate(_PHASES[:-1]):
        if line.category in cats:
            return k
    return len(_PHASES) - 1


def _decimal(value: float, places: int = 1) -> str:
    return f"{value:.{places}f}".replace(".", ",")


def _tick(pdf: FPDF, x: float, y: float, ticked: bool) -> None:
    pdf.rect(x, y, 3, 3)
    if ticked:
        pdf.line(x + 0.5, y + 0.5, x + 2.5, y + 2.5)
        pdf.line(x + 0.5, y + 2.5, x + 2.5, y + 0.5)


def _readings(pdf: FPDF, y: float, quote: Quote, rng: random.Random, visit: Date) -> float:
    """The moisture readings grid: points by room and support, one column per date, the target."""
    dates = [visit]
    for _ in range(rng.randint(1, 3)):
        dates.append(dates[-1] + timedelta(days=rng.randint(2, 5)))
    cols = [("Pt", 9.0), ("Pièce", 34.0), ("Support", 26.0)]
    cols += [(f"{d.day:02d}/{d.month:02d}", 22.0) for d in dates] + [("Cible", 18.0)]
    pdf.set_font("Cond", "B", 8)
    pdf.set_fill_color(232, 236, 240)
    x = 12.0
    for name, w in cols:
        pdf.set_xy(x, y)
        pdf.cell(w, 5, name, border=1, align="C", fill=True)
        x += w
    y += 5
    rooms = _rooms(quote)
    pdf.set_font("Cond", "", 8)
    for k in range(rng.randint(3, 6)):
        value = rng.uniform(28, 68)
        cells = [f"H{k + 1}", rooms[k % len(rooms)], rng.choice(_SUPPORTS)]
        for _ in dates:
            cells.append(f"{_decimal(value)} %")
            value = max(6.0, value * rng.uniform(0.45, 0.8))
        cells.append("< 10 %")
        x = 12.0
        for (_, w), text in zip(cols, cells, strict=True):
            pdf.set_xy(x, y)
            pdf.cell(w, 4.6, text, border=1, align="L" if w > 22 else "C")
            x += w
        y += 4.6
    pdf.set_xy(12, y + 1)
    pdf.set_font("Cond", "", 7.5)
    pdf.multi_cell(
        186,
        3.6,
        f"Conditions ambiantes au premier relevé : {_decimal(rng.uniform(17, 23))} °C, {rng.randint(68, 88)} % HR ; "
        f"au dernier : {_decimal(rng.uniform(18, 22))} °C, {rng.randint(45, 58)} % HR. Mesures en % d'humidité du "
        "matériau (échelle bois équivalente).",
    )
    return pdf.get_y() + 2


def _photos(pdf: FPDF, y: float, quote: Quote, rng: random.Random) -> float:
    count = rng.randint(2, 4)
    width = (186 - 4 * (count - 1)) / count
    rooms = _rooms(quote)
    for k in range(count):
        x = 12 + k * (width + 4)
        pdf.set_fill_color(rng.randint(150, 190), rng.randint(150, 190), rng.randint(150, 190))
        pdf.rect(x, y, width, 26, style="F")
        pdf.set_fill_color(rng.randint(200, 230), rng.randint(200, 230), rng.randint(200, 230))
        pdf.rect(x + width * 0.2, y + 5, width * rng.uniform(0.3, 0.6), 12, style="F")
        pdf.set_font("Cond", "", 7)
        pdf.set_xy(x, y + 27)
        pdf.multi_cell(width, 3.3, f"Photo {k + 1} – {rooms[k % len(rooms)]} : {rng.choice(_PHOTOS)}")
    return y + 36


def render_drying(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    _footer(pdf, _legal(quote, rng), "Cond")
    colour = rng.choice([(0, 92, 138), (150, 40, 30), (30, 110, 80), (70, 70, 90)])
    pdf.set_fill_color(*colour)
    pdf.rect(0, 0, 210, 27, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Cond", "B", 14)
    pdf.set_xy(12, 5)
    pdf.cell(120, 7, f"{a['name']} {a['legal_form']}")
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(12, 12.5)
    pdf.cell(
        130,
        4.5,
        rng.choice(
            [
                "Recherche de fuite · Assèchement · Décontamination après sinistre",
                "Après sinistre : recherche de fuite, séchage, nettoyage, remise en état",
                "Assèchement technique – Nettoyage après incendie – Traitement des odeurs",
            ]
        ),
    )
    pdf.set_xy(12, 17.5)
    pdf.cell(130, 4.5, ", ".join(_seller(quote)[1:]))
    pdf.set_xy(140, 5)
    side = [f"Tél. {_phone(rng)}", "Urgences 7j/7"]
    if rng.random() < 0.5:
        side.append(f"SIRET {siret_text(quote)}")
    pdf.multi_cell(58, 4.5, "\n".join(side), align="R")
    pdf.set_text_color(0, 0, 0)

    visit = Date.fromisoformat(st["works_from"] if invoice else quote.date) - timedelta(days=rng.randint(1, 6))
    report = f"RI-{quote.date[:4]}-{rng.randint(100, 2999):04d}"
    pdf.set_font("Cond", "B", 13)
    pdf.set_xy(12, 32)
    if invoice:
        pdf.cell(186, 6, f"FACTURE N° {quote.number} du {fr_date(quote.date, st)}")
        sub = (
            f"Rapport de fin d'intervention n° {report} – suivant devis n° {st['quote_ref']} – travaux du "
            f"{fr_date(st['works_from'], st)} au {fr_date(st['works_to'], st)}"
        )
    elif rng.random() < 0.5:
        pdf.cell(186, 6, f"RAPPORT D'INTERVENTION N° {report}")
        sub = f"valant devis n° {quote.number} du {fr_date(quote.date, st)} – validité {fr_date(quote.valid_until, st)}"
    else:
        pdf.cell(186, 6, f"DEVIS N° {quote.number} du {fr_date(quote.date, st)}")
        sub = f"joint au rapport d'intervention n° {report} – valable jusqu'au {fr_date(quote.valid_until, st)}"
    pdf.set_font("Cond", "", 9)
    pdf.set_xy(12, 38.5)
    pdf.cell(186, 5, sub)

    top = 46.0
    left = ["Donneur d'ordre", *_customer(quote)]
    if rng.random() < 0.5:
        left.append(f"Pour le compte de : {rng.choice(INSURERS).split(',')[0]}")
    right = [
        "Sinistre",
        f"Nature : {_NATURE.get(quote.cover, 'Dégât des eaux')}",
        f"Survenu le : {fr_date(quote.date_of_loss, st)}",
    ]
    if quote.claim_reference:
        right.append(f"Réf. sinistre : {quote.claim_reference}")
    right += [f"Lieu : {_site_text(quote, rng)}", f"Intervention du : {fr_date(visit.isoformat(), st)}"]
    height = 4.3 * max(len(left), len(right)) + 3
    for x, rows in ((12.0, left), (108.0, right)):
        pdf.rect(x, top, 90, height)
        for k, text in enumerate(rows):
            pdf.set_font("Cond", "B" if k == 0 else "", 8.5)
            pdf.set_xy(x + 2, top + 1.5 + 4.3 * k)
            pdf.cell(86, 4.3, text)
    y = top + height + 4
    shade = (222, 230, 238)

    y = _band(pdf, y, "1. CONSTAT", shade)
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(12, y)
    finding = _FINDINGS.get(quote.cover, _FINDINGS[DDE]).format(rooms=", ".join(_rooms(quote)))
    pdf.multi_cell(186, 4, finding)
    y = pdf.get_y() + 3

    y = _band(pdf, y, "2. MOYENS DE RECHERCHE ET DE MESURE EMPLOYÉS", shade)
    ticked = set(rng.sample(range(len(_MEANS)), k=rng.randint(2, 4)))
    pdf.set_font("Cond", "", 8.5)
    for k, means in enumerate(_MEANS):
        x, row = 12 + (k % 2) * 93, y + (k // 2) * 4.8
        _tick(pdf, x, row + 0.6, k in ticked)
        pdf.set_xy(x + 5, row)
        pdf.cell(85, 4.2, means)
    y += 4.8 * ((len(_MEANS) + 1) // 2) + 3

    y = _band(pdf, y, "3. RELEVÉS D'HUMIDITÉ", shade)
    y = _readings(pdf, y, quote, rng, visit)
    y = _room(pdf, y, 46)
    y = _band(pdf, y, "4. PHOTOGRAPHIES", shade)
    y = _photos(pdf, y, quote, rng)

    y = _room(pdf, y, 30)
    y = _band(pdf, y, "5. CHIFFRAGE DES TRAVAUX" if not invoice else "5. TRAVAUX RÉALISÉS", shade)
    table = _Table(pdf, list(_DRY_COLS), "Cond", 8.5, y=y, fill=shade, bottom=_BOTTOM - 4)
    table.header()
    for k, (letter, title, _) in enumerate(_PHASES):
        lines = [line for line in quote.lines if _phase(line) == k]
        if not lines:
            continue
        if table.y + 14 > table.bottom:  # a phase's heading stays with its first line
            pdf.add_page()
            table.y = table.top
            table.header()
        table.row(["", f"{letter} – {title}", "", "", "", ""], bold=True)
        for j, line in enumerate(lines, start=1):
            table.row(
                [
                    f"{letter}.{j}",
                    line.designation,
                    quantity(line.quantity),
                    _UNITS[line.unit],
                    amount(line.unit_price_ht, st, False),
                    amount(line.total_ht, st, False),
                ]
            )
        table.row(["", f"Sous-total phase {letter}", "", "", "", amount(_sum(lines), st, False)], bold=True)
    y = _totals(pdf, quote, table.y + 3) + 3

    y = _room(pdf, y, 34)
    y = _band(pdf, y, "6. PRÉCONISATIONS", shade)
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(12, y)
    pdf.multi_cell(
        186,
        4,
        f"Ne pas engager les embellissements avant un taux inférieur à 10 % sur tous les points (contrôle de fin "
        f"d'assèchement). Durée prévisible du séchage : {rng.randint(8, 12)} à {rng.randint(14, 21)} jours, "
        f"appareils en fonctionnement continu, pièces fermées et chauffées à {rng.randint(18, 20)} °C au moins.",
    )
    pdf.set_xy(12, pdf.get_y() + 2)
    pdf.multi_cell(186, 4, f"Technicien : {rng.choice(_TECHNICIANS)} – {_insurance(rng)}")
    return bytes(pdf.output())


# --------------------------------------------------------------------------- expertise (the expert's grid)

_CABINETS = (
    "Cabinet Lemoine Expertises",
    "Bureau d'expertise Vallat",
    "Expertises Ouest Sinistres",
    "Cabinet Roussel & associés",
    "Union des experts du Sud-Est",
)
_CAPACITY = ("Propriétaire occupant", "Locataire", "Propriétaire non occupant", "Copropriétaire occupant")
_TRADE_SHORT = {
    "Installation de chantier": "Installation",
    "Main d'œuvre": "Tous corps",
    "Revêtements muraux": "Revêt. muraux",
    "Assèchement": "Assèchement",
}
_EXP_COLS = (
    ("Corps d'état", 23.0, "L"),
    ("Désignation des ouvrages", 66.0, "L"),
    ("U", 9.0, "C"),
    ("Qté", 13.0, "R"),
    ("P.U. HT", 16.0, "R"),
    ("Total HT", 18.0, "R"),
    ("Vét. %", 11.0, "R"),
    ("Vétusté", 14.0, "R"),
    ("Valeur VD", 16.0, "R"),
)
_RESERVED = 3  # the last columns, left for the expert
_GREY = (226, 226, 226)


def _trade(line: Line) -> str:
    item = ITEMS.get(line.category)
    trade = item.trade if item else "Divers"
    return _TRADE_SHORT.get(trade, trade)


def _dimensions(room: str, rng: random.Random) -> str:
    """A room heading as an estimate prints it: the room, its sizes, its floor and wall areas."""
    length, width, height = rng.uniform(2.4, 5.8), rng.uniform(1.6, 4.2), rng.choice([2.45, 2.5, 2.55, 2.6, 2.7])
    floor, walls = length * width, 2 * (length + width) * height

    sizes = " × ".join(_decimal(v, 2) for v in (length, width))
    areas = f"sol {_decimal(floor, 2)} m² – murs {_decimal(walls, 2)} m²"
    return f"{room.upper()} – {sizes} × h {_decimal(height, 2)} m – {areas}"


class _Grid:
    """The estimate's ruled table: its header repeated on each page, the expert's columns grey."""

    def __init__(self, pdf: FPDF, y: float) -> None:
        self.pdf, self.y = pdf, y

    def header(self) -> None:
        pdf = self.pdf
        pdf.set_font("Cond", "B", 7)
        reserved = sum(w for _, w, _ in _EXP_COLS[-_RESERVED:])
        pdf.set_fill_color(*_GREY)
        pdf.set_xy(12 + 186 - reserved, self.y)
        pdf.cell(reserved, 4, "Réservé à l'expert", border=1, align="C", fill=True)
        self.y += 4
        pdf.set_fill_color(205, 215, 228)
        x = 12.0
        for name, w, _ in _EXP_COLS:
            pdf.set_xy(x, self.y)
            pdf.cell(w, 5, name, border=1, align="C", fill=True)
            x += w
        self.y += 5

    def _need(self, h: float) -> None:
        if self.y + h > _BOTTOM - 4:
            self.pdf.add_page()
            self.y = 14.0
            self.header()

    def span(self, text: str, fill: tuple[int, int, int]) -> None:
        self._need(13)  # a room's heading stays with its first line
        self.pdf.set_font("Cond", "B", 7.5)
        self.pdf.set_fill_color(*fill)
        self.pdf.set_xy(12, self.y)
        self.pdf.cell(186, 5, text, border=1, fill=True)
        self.y += 5

    def row(self, cells: list[str], bold: bool = False) -> None:
        pdf = self.pdf
        pdf.set_font("Cond", "B" if bold else "", 7.3)
        wrapped = _cell_rows(pdf, cells[1], _EXP_COLS[1][1] - 1.5) or [""]
        height = 3.4 * len(wrapped) + 1.4
        self._need(height)
        x = 12.0
        for k, ((_, w, align), text) in enumerate(zip(_EXP_COLS, cells, strict=True)):
            grey = k >= len(_EXP_COLS) - _RESERVED
            if grey:
                pdf.set_fill_color(*_GREY)
                pdf.rect(x, self.y, w, height, style="DF")
            else:
                pdf.rect(x, self.y, w, height)
            if k == 1:
                for j, part in enumerate(wrapped):
                    pdf.set_xy(x + 0.6, self.y + 0.7 + 3.4 * j)
                    pdf.cell(w - 1.2, 3.4, part)
            elif text:
                pdf.set_xy(x + 0.6, self.y + 0.7)
                pdf.cell(w - 1.2, 3.4, text, align=align)
            x += w
        self.y += height


def render_expertise(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    firm = f"{a['name']} {a['legal_form']}"
    _footer(pdf, f"{firm} – Entreprise générale du bâtiment – SIRET {siret_text(quote)}", "Cond")
    pdf.set_font("Cond", "B", 13)
    pdf.set_xy(12, 12)
    pdf.cell(100, 6, firm)
    pdf.set_font("Cond", "", 8)
    pdf.set_xy(12, 18.5)
    rows = [
        rng.choice(
            [
                "Entreprise générale du bâtiment – Tous corps d'état",
                "Rénovation tous corps d'état après sinistre",
                "Entreprise générale – Réparation des dommages immobiliers",
            ]
        ),
        "Plâtrerie · Peinture · Sols · Carrelage · Électricité · Plomberie · Couverture",
        *_seller(quote)[1:],
        f"Tél. {_phone(rng)} – SIRET {siret_text(quote)}",
    ]
    if rng.random() < 0.5:
        rows.append(f"Qualification Qualibat n° {rng.randint(10000, 99999)} – TVA {a['tva_number']}")
    pdf.multi_cell(100, 3.7, "\n".join(rows))
    head_bottom = pdf.get_y()

    pdf.set_fill_color(236, 240, 246)
    pdf.rect(118, 12, 80, 22, style="DF")
    pdf.set_font("Cond", "B", 10)
    pdf.set_xy(120, 13.5)
    if invoice:
        pdf.cell(76, 5, "FACTURE DE REMISE EN ÉTAT")
        info = [
            f"Facture n° {quote.number} du {fr_date(quote.date, st)}",
            f"Suivant estimation n° {st['quote_ref']}",
            f"Travaux du {fr_date(st['works_from'], st)} au {fr_date(st['works_to'], st)}",
        ]
    else:
        pdf.cell(76, 5, "ESTIMATION DES DOMMAGES")
        info = [
            f"Devis de remise en état n° {quote.number}",
            f"Établi le {fr_date(quote.date, st)}",
            f"Valable jusqu'au {fr_date(quote.valid_until, st)}",
        ]
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(120, 19)
    pdf.multi_cell(76, 4.2, "\n".join(info))
    pdf.set_font("Cond", "B", 8.5)
    pdf.set_xy(118, 36)
    customer = _customer(quote)
    pdf.cell(80, 4.2, customer[0])
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(118, 40.2)
    pdf.multi_cell(80, 4, "\n".join(customer[1:]))
    y = max(head_bottom, pdf.get_y()) + 4

    visit = Date.fromisoformat(quote.date) - timedelta(days=rng.randint(3, 15))
    fields = [
        [
            ("Compagnie", rng.choice(INSURERS).split(",")[0]),
            ("N° de sinistre", quote.claim_reference or "en attente"),
            ("Cabinet d'expertise", rng.choice(_CABINETS)),
            ("Réf. cabinet", f"{rng.choice(['EXP', 'D', 'DX'])} {quote.date[2:4]}/{rng.randint(1000, 99999)}"),
        ],
        [
            ("Assuré", customer[0]),
            ("Qualité", rng.choice(_CAPACITY)),
            ("Date du sinistre", fr_date(quote.date_of_loss, st)),
            ("Nature", _NATURE.get(quote.cover, "Dégât des eaux")),
        ],
        [
            ("Adresse du risque", _site_text(quote, rng)),
            ("", ""),
            ("Date de visite", fr_date(visit.isoformat(), st)),
            ("Expertise", rng.choice(["sur place", "à distance (photos)", "contradictoire"])),
        ],
    ]
    for row in fields:
        for k, (label, value) in enumerate(row):
            if not label:
                continue
            width = 93.0 if label == "Adresse du risque" else 46.5
            x = 12 + 46.5 * k
            pdf.rect(x, y, width, 9)
            pdf.set_font("Cond", "", 6.5)
            pdf.set_text_color(90, 90, 90)
            pdf.set_xy(x + 1, y + 0.6)
            pdf.cell(width - 2, 3, label)
            pdf.set_text_color(0, 0, 0)
            pdf.set_font("Cond", "B", 8)
            pdf.set_xy(x + 1, y + 4.2)
            pdf.cell(width - 2, 4, value)
        y += 9
    pdf.set_font("Cond", "", 7.5)
    pdf.set_xy(12, y + 2)
    pdf.multi_cell(
        186,
        3.6,
        rng.choice(
            [
                "Estimation établie après visite des lieux, pour transmission à l'expert mandaté par la compagnie. Les "
                "colonnes grisées sont réservées à l'expert.",
                "Chiffrage pièce par pièce selon métré contradictoire ; prix unitaires en valeur à neuf, hors vétusté "
                "(colonnes grisées réservées à l'expert).",
            ]
        ),
    )
    grid = _Grid(pdf, pdf.get_y() + 2)
    grid.header()
    groups: dict[str | None, list[Line]] = {}
    for line in quote.lines:
        groups.setdefault(line.room, []).append(line)
    ordered = sorted(groups.items(), key=lambda item: item[0] is not None)
    for room, lines in ordered:
        heading = "INSTALLATION – GÉNÉRALITÉS" if room is None else _dimensions(room, rng)
        grid.span(heading, (214, 226, 240))
        for line in lines:
            grid.row(
                [
                    _trade(line),
                    line.designation,
                    _UNITS[line.unit],
                    quantity(line.quantity),
                    amount(line.unit_price_ht, st, False),
                    amount(line.total_ht, st, False),
                    "",
                    "",
                    "",
                ]
            )
        label = "Total installation" if room is None else f"Total {room}"
        grid.row(["", label, "", "", "", amount(_sum(lines), st, False), "", "", ""], bold=True)

    trades: dict[str, list[Line]] = {}
    for line in quote.lines:
        trades.setdefault(_trade(line), []).append(line)
    totals = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    y = _room(pdf, grid.y + 4, 6 + 5 * max(len(trades) + 1, len(totals)))
    pdf.set_font("Cond", "B", 8)
    pdf.set_fill_color(205, 215, 228)
    pdf.set_xy(12, y)
    pdf.cell(62, 5, "Récapitulatif par corps d'état", border=1, fill=True)
    pdf.cell(28, 5, "Montant HT", border=1, align="C", fill=True)
    pdf.set_font("Cond", "", 8)
    for k, (trade, lines) in enumerate(trades.items(), start=1):
        pdf.set_xy(12, y + 5 * k)
        pdf.cell(62, 5, trade, border=1)
        pdf.cell(28, 5, amount(_sum(lines), st), border=1, align="R")
    for k, (label, total) in enumerate(totals):
        strong = label.startswith(("Total TTC", "Net"))
        pdf.set_font("Cond", "B" if strong else "", 8.5)
        pdf.set_xy(128, y + 5 * k)
        pdf.cell(40, 5, label, border=1)
        pdf.cell(30, 5, amount(total, st), border=1, align="R")
    y = _room(pdf, y + 5 * max(len(trades) + 1, len(totals)) + 4, 40)
    pdf.set_fill_color(*_GREY)
    pdf.rect(12, y, 186, 22, style="DF")
    pdf.set_font("Cond", "B", 8)
    pdf.set_xy(14, y + 1.5)
    pdf.cell(120, 4, "CADRE RÉSERVÉ À L'EXPERT")
    pdf.set_font("Cond", "", 8)
    for k, label in enumerate(("Montant retenu HT", "Vétusté déduite", "Franchise contractuelle", "Date et visa")):
        pdf.set_xy(14 + 92 * (k % 2), y + 7 + 6 * (k // 2))
        pdf.cell(88, 4, f"{label} : " + "." * 34)
    y += 26
    pdf.set_font("Cond", "", 8)
    pdf.set_xy(12, y)
    close = [_terms(quote), _insurance(rng)]
    if not invoice:
        close.append("Bon pour accord de l'assuré (date, signature) :                    Cachet de l'entreprise :")
    pdf.multi_cell(186, 3.8, "\n".join(close))
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"drying": render_drying, "expertise": render_expertise}
_TEXT_SCENARIOS = {
    "drying": (
        "fair",
        "inflated",
        "regional_fair",
        "fair",
        "invalid_siret",
        "fair",
        "not_covered",
        "fair",
        "slightly_high",
        "regional_fair",
    ),
    "expertise": (
        "fair",
        "arithmetic_error",
        "fair",
        "slightly_high",
        "regional_fair",
        "fair",
        "invalid_siret",
        "fair",
        "inflated",
        "regional_fair",
    ),
}
_INVOICES = {"drying": (5,), "expertise": (7,)}
_COVERS = (DDE, INC, DDE, TGN, DDE, INC, DDE, DDE, TGN, DDE)
SCANS = (
    ("drying", "photo_shadow", "fair", DDE),
    ("drying", "fax", "fair", INC),
    ("expertise", "scan_pdf", "inflated", TGN),
    ("expertise", "rotated", "fair", DDE),
)


def _base(rng: random.Random, family: str, scenario: str, cover: str, invoice: bool, media: str) -> str:
    return "invoice" if invoice else "letter" if family == "drying" else "export"


# the k-th text PDF of a family under _COVERS[k]: no glass breakage in set 16 (neither firm glazes); its
# not-covered quote (drying, k = 6: a leak repair inserted) under water damage, the cover that excludes it
SET = FamilySet(
    "families16",
    "seizième",
    2046,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    lambda _, k, __: _COVERS[k],
    _INVOICES,
    SCANS,
    lambda k, _: False,
    _base,
    ("devis", "facture", "rapport", "document", "estimation"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
