"""Frozen held-out set 22: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families22 OUT_DIR [--seed 2400]

Made once into ``tests/heldout/frozen22/`` (see its README) to measure session 19's start robot and
its rounds on documents unlike the layouts of ``generate.py`` and ``families.py`` to ``families21.py``.
Both come from the **kitchen and bathroom fitters, joiners and micro-entrepreneur tradesmen** who put
a kitchen or a bathroom back after water damage:

- ``fitting``: a **kitchen and bathroom fitter's quote** (a « cuisiniste », an « agenceur »): a showroom's
  band, the project box (project number, the adviser, the fitting plan's reference), then each work as
  **a « poste »: an unpriced heading row carrying the work's wording, under it its priced sub-rows « Fourniture »
  (a brand, a product reference, sometimes « dont éco-participation … ») and « Pose » (or only « Main d'œuvre »
  for labour), each with its own quantity, unit price and amount, and a « Total poste » row** whose amount
  is the line's (its unit price is the sum of the two); the deposit asked at the order and the lead time
  of the elements after the totals;
- ``autoentr``: a **micro-entrepreneur's quote or invoice from a free online quote maker**, VAT-exempt
  (« TVA non applicable, art. 293 B du CGI », so the total HT is the net due): a narrow single column
  centred on the page, the maker's tag line on top, the individual entrepreneur (« EI ») with his SIRET
  and no VAT number, the lines in a grid **with a tick-box column « Accord » the customer ticks line by line**,
  the total written out in words, **a payment schedule (deposit, balance) with percentages and amounts**,
  **the ten-year insurance box** (insurer, policy, trades covered, area), and on a quote **a withdrawal form
  below a dashed cut line** (an off-premises contract).

Scans of four other documents of the two families (a flatbed scan; a phone photo asked, which
``degrade4`` scans flat for a two-page document; a fax; a low-resolution scan; ``degradation`` in the
truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen among the trades a fitter repairs after water damage (tiling, floors,
skirting, doors, plasterboard, painting, sockets and lights, plumbing hours, drying, site costs), with
the line wordings replaced by the public ones of ``tests/heldout/wordings22/wordings.tsv``; the
micro-entrepreneur's documents are made VAT-exempt here (``families3._to_vat_free``).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from tests.heldout import families21
from tests.heldout.catalog import DDE
from tests.heldout.families import _site_text
from tests.heldout.families2 import _is_invoice, _phone, _title
from tests.heldout.families3 import _to_vat_free
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families7 import _UNITS, euros_in_words
from tests.heldout.families10 import _terms
from tests.heldout.families11 import _cell_rows
from tests.heldout.families12 import open_page
from tests.heldout.families17 import _box_title, _scribble
from tests.heldout.family_set import FamilySet, export_or_letter, main
from tests.heldout.generate import Line, Quote, money
from tests.heldout.render import amount, fr_date, quantity, rate, siret_text
from tests.heldout.set_plan import covers_by_index

WORDINGS = Path(__file__).parent / "wordings22" / "wordings.tsv"

_LEFT, _RIGHT = 12.0, 198.0
_BOTTOM = 272.0

# The work a fitter repairs after water damage, and the site costs it carries.
_WORK = (
    "wall_tiling",
    "floor_tiling",
    "tile_removal",
    "skirting",
    "interior_door",
    "wall_painting",
    "ceiling_painting",
    "surface_prep",
    "stain_primer",
    "plasterboard",
    "joint_filler",
    "vinyl_floor",
    "laminate_floor",
    "floor_removal",
    "socket",
    "switch",
    "light_point",
    "disinfection",
)
_SITE = ("protection", "cleaning", "travel_setup", "labour", "plumber_hour", "drying_days")


def _pick(worded: frozenset[str]) -> Callable[[random.Random, str, int], list[str]]:
    """The categories of a quote of set 22: a fitter's work, one to three site costs, only worded ones."""

    def pick(rng: random.Random, cover: str, count: int) -> list[str]:
        work = [c for c in _WORK if c in worded]
        site = [c for c in _SITE if c in worded]
        chosen = rng.sample(work, k=min(count, len(work)))
        extra = rng.sample(site, k=rng.randint(1, 3))
        return extra[:1] + chosen + extra[1:]

    return pick


# --------------------------------------------------------------------------- fitting (supply and fitting sub-rows)

# Categories priced as labour only (no « Fourniture » sub-row).
_LABOUR_ONLY = frozenset(
    {
        "tile_removal",
        "floor_removal",
        "surface_prep",
        "protection",
        "cleaning",
        "travel_setup",
        "labour",
        "plumber_hour",
        "drying_days",
        "dehumidifier",
        "leak_search",
        "disinfection",
    }
)
_BRANDS = {
    "wall_tiling": ("Céramia", "FAI"),
    "floor_tiling": ("Céramia", "GRS"),
    "skirting": ("Moulures Durand", "PLT"),
    "interior_door": ("Portalis", "BP"),
    "wall_painting": ("Chromatic Pro", "PMV"),
    "ceiling_painting": ("Chromatic Pro", "PPL"),
    "stain_primer": ("Chromatic Pro", "SCI"),
    "plasterboard": ("Plaquiste Sud", "BA13H"),
    "joint_filler": ("Plaquiste Sud", "EJ"),
    "vinyl_floor": ("Solvina", "LVT"),
    "laminate_floor": ("Solvina", "STR"),
    "socket": ("Électra", "PC16"),
    "switch": ("Électra", "VV10"),
    "light_point": ("Lumea", "APL"),
    "double_glazing": ("Verre Isol", "VI4164"),
    "leak_repair": ("Sanit Pièces", "RAC"),
}
_SHOWROOM_LINE = (
    "Cuisines – Salles de bains – Agencement – Pose par nos équipes",
    "Cuisiniste agenceur – Rénovation de salles de bains après sinistre",
    "Menuiserie d'agencement – Cuisines et bains – Pose et SAV",
)
_ADVISERS = ("M. Perrin", "Mme Garnier", "M. Lopes", "Mme Benali")


def _split(line: Line, rng: random.Random) -> tuple[float, float, float, float] | None:
    """(supply unit price, supply amount, fitting unit price, fitting amount) whose amounts add up to the
    line's total, the supply 35 to 65 % of the unit price; None for labour, or when no split adds up."""
    if line.category in _LABOUR_ONLY or line.unit == "h":
        return None
    right = money(line.quantity * line.unit_price_ht)
    for _ in range(30):
        supply = money(line.unit_price_ht * rng.uniform(0.35, 0.65))
        fitting = money(line.unit_price_ht - supply)
        supply_total = money(line.quantity * supply)
        if right == line.total_ht and money(supply_total + money(line.quantity * fitting)) != line.total_ht:
            continue
        # a planted line error stays on the fitting row: its amount makes the printed total
        return supply, supply_total, fitting, money(line.total_ht - supply_total)
    return None


def _reference(line: Line, rng: random.Random) -> str:
    brand, code = _BRANDS.get(line.category, ("Générique", "ART"))
    return f"{brand} réf. {code}-{rng.randint(100, 9999)}"


def render_fitting(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    cols = (("Poste", 14.0, "L"), ("Désignation – référence", 80.0, "L"), ("Qté", 14.0, "R"), ("U", 10.0, "C"),
            ("P.U. HT", 22.0, "R"), ("Total HT", 26.0, "R"), ("TVA", 20.0, "R"))  # fmt: skip
    page = [1]
    accent = rng.choice([(120, 40, 50), (30, 80, 110), (60, 90, 60)])

    def footer() -> None:
        pdf.set_font("DejaVu", "", 6.6)
        pdf.set_xy(_LEFT, 284)
        pdf.cell(150, 3.5, f"{a['name']} {a['legal_form']} – SIRET {siret_text(quote)} – {a['tva_number']}")
        pdf.set_xy(_RIGHT - 25, 284)
        pdf.cell(25, 3.5, f"Page {page[0]}", align="R")

    def header(top: float) -> float:
        pdf.set_draw_color(*accent)
        pdf.set_line_width(0.5)
        pdf.line(_LEFT, top, _RIGHT, top)
        pdf.set_font("DejaVu", "B", 7.6)
        pdf.set_text_color(*accent)
        x = _LEFT
        for name, w, align in cols:
            pdf.set_xy(x + 0.8, top + 1)
            pdf.cell(w - 1.6, 4, name, align=align)
            x += w
        pdf.set_text_color(0, 0, 0)
        pdf.line(_LEFT, top + 6, _RIGHT, top + 6)
        pdf.set_line_width(0.2)
        pdf.set_draw_color(0, 0, 0)
        return top + 7

    def new_page() -> float:
        footer()
        pdf.add_page()
        page[0] += 1
        return header(14.0)

    # the showroom's band and the project box
    pdf.set_fill_color(*accent)
    pdf.rect(0, 0, 210, 9, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("DejaVu", "B", 8)
    pdf.set_xy(_LEFT, 2.5)
    pdf.cell(_RIGHT - _LEFT, 4, rng.choice(_SHOWROOM_LINE))
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "B", 14)
    pdf.set_xy(_LEFT, 13)
    pdf.cell(110, 7, a["name"])
    pdf.set_font("DejaVu", "", 7.8)
    pdf.set_xy(_LEFT, 21)
    seller = [f"{a['legal_form']} – Showroom : {a['address']}, {a['postal_code']} {a['city']}", f"Tél. {_phone(rng)}",
              f"SIRET {siret_text(quote)} – TVA {a['tva_number']}"]  # fmt: skip
    pdf.multi_cell(110, 3.6, "\n".join(seller))
    box_x = 128.0
    pdf.set_draw_color(*accent)
    pdf.rect(box_x, 13, _RIGHT - box_x, 27)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_font("DejaVu", "B", 10)
    pdf.set_xy(box_x + 1.5, 14)
    pdf.cell(_RIGHT - box_x - 3, 5, f"{_title(quote)} N° {quote.number}")
    facts = [
        f"Date : {fr_date(quote.date, st)}",
        f"Projet n° P-{rng.randint(10000, 99999)}",
        f"Conseiller : {rng.choice(_ADVISERS)}",
        f"Plan de pose réf. PLN-{rng.randint(100, 999)} v{rng.randint(1, 4)}",
    ]
    if invoice:
        facts.append(f"Devis accepté n° {st['quote_ref']}")
    else:
        facts.append(f"Valable jusqu'au {fr_date(quote.valid_until, st)}")
    pdf.set_font("DejaVu", "", 7.6)
    pdf.set_xy(box_x + 1.5, 19.5)
    pdf.multi_cell(_RIGHT - box_x - 3, 3.9, "\n".join(facts))
    y = 44.0
    _box_title(pdf, _LEFT, y, 88, "CLIENT", (236, 236, 236))
    pdf.set_font("DejaVu", "", 8)
    pdf.set_xy(_LEFT + 1.5, y + 7)
    pdf.multi_cell(85, 3.9, "\n".join(_customer(quote)))
    left_end = pdf.get_y()
    _box_title(pdf, 108, y, 90, "ADRESSE DE POSE", (236, 236, 236))
    pose = [_site_text(quote, rng), "Accès : étage, ascenseur" if rng.random() < 0.5 else "Accès : plain-pied"]
    if quote.claim_reference:
        pose.append(f"Dossier dégât des eaux n° {quote.claim_reference} du {fr_date(quote.date_of_loss, st)}")
    pdf.set_xy(109.5, y + 7)
    pdf.multi_cell(87, 3.9, "\n".join(pose))
    y = max(left_end, pdf.get_y()) + 4
    pdf.set_font("DejaVu", "B", 9.5)
    pdf.set_xy(_LEFT, y)
    title = "Travaux réalisés" if invoice else "Proposition de fourniture et pose"
    pdf.cell(_RIGHT - _LEFT, 5, f"{title} – remise en état après dégât des eaux")
    y = header(y + 7)

    def room_for(top: float, h: float) -> float:
        return new_page() if top + h > _BOTTOM else top

    def sub_row(top: float, label: str, qty: str, unit: str, pu: str, total: str, tva: str, style: str = "") -> float:
        pdf.set_font("DejaVu", style, 7.4)
        wrapped = _cell_rows(pdf, label, cols[1][1] - 6)
        h = 3.6 * len(wrapped) + 0.8
        top = room_for(top, h)
        x = _LEFT + cols[0][1]
        for r, text in enumerate(wrapped):
            pdf.set_xy(x + 4, top + 0.4 + 3.6 * r)
            pdf.cell(cols[1][1] - 6, 3.6, text)
        x += cols[1][1]
        for (_, w, align), text in zip(cols[2:], (qty, unit, pu, total, tva), strict=True):
            if text:
                pdf.set_xy(x + 0.8, top + 0.4)
                pdf.cell(w - 1.6, 3.6, text, align=align)
            x += w
        return top + h

    for n, line in enumerate(quote.lines, start=1):
        pdf.set_font("DejaVu", "B", 8)
        wrapped = _cell_rows(pdf, line.designation, cols[1][1] - 1.6)
        h = 3.9 * len(wrapped) + 1.2
        y = room_for(y + 0.6, h + 12)
        pdf.set_fill_color(246, 244, 240)
        pdf.rect(_LEFT, y, _RIGHT - _LEFT, h, style="F")
        pdf.set_xy(_LEFT + 0.8, y + 0.5)
        pdf.cell(cols[0][1] - 1.6, 3.9, f"{n:02d}")
        for r, text in enumerate(wrapped):
            pdf.set_xy(_LEFT + cols[0][1] + 0.8, y + 0.5 + 3.9 * r)
            pdf.cell(cols[1][1] - 1.6, 3.9, text)
        y += h
        qty, unit, tva = quantity(line.quantity), _UNITS[line.unit], rate(line.tva_rate)
        parts = _split(line, rng)
        if parts is None:
            y = sub_row(y, "Main d'œuvre", qty, unit, amount(line.unit_price_ht, st, False),
                        amount(line.total_ht, st, False), tva)  # fmt: skip
        else:
            supply, supply_total, fitting, fitting_total = parts
            label = f"Fourniture : {_reference(line, rng)}"
            if line.category in ("interior_door", "skirting") and rng.random() < 0.7:
                label += f" (dont éco-participation {amount(money(rng.uniform(0.1, 1.5)), st)})"
            y = sub_row(y, label, qty, unit, amount(supply, st, False), amount(supply_total, st, False), tva)
            y = sub_row(y, "Pose", qty, unit, amount(fitting, st, False), amount(fitting_total, st, False), tva)
        y = sub_row(y, f"Total poste {n:02d}", "", "", "", amount(line.total_ht, st, False), "", "B")
        pdf.set_draw_color(200, 200, 200)
        pdf.line(_LEFT, y + 0.3, _RIGHT, y + 0.3)
        pdf.set_draw_color(0, 0, 0)
    # totals, then the order's terms
    totals = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    need = 5.4 * len(totals) + 40
    y = room_for(y + 4, need)
    for k, (name, value) in enumerate(totals):
        pdf.set_font("DejaVu", "B" if name.startswith(("Total TTC", "Net")) else "", 8.8)
        pdf.set_xy(120, y + 5.4 * k)
        pdf.cell(45, 5, name)
        pdf.set_xy(165, y + 5.4 * k)
        pdf.cell(32, 5, amount(value, st), align="R")
    pdf.set_draw_color(*accent)
    pdf.rect(118, y - 1, _RIGHT - 118, 5.4 * len(totals) + 2)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 7.2)
    pdf.set_xy(_LEFT, y)
    terms = [f"Délai de livraison des éléments : {rng.choice([3, 4, 5, 6])} semaines après commande."]
    if not invoice:
        terms.append("Acompte de 40 % à la commande, solde à la fin de la pose.")
    terms += [_terms(quote), "Éléments garantis 2 ans, pose garantie 10 ans (assurance décennale)."]
    pdf.multi_cell(100, 3.4, "\n".join(terms))
    y = max(pdf.get_y(), y + 5.4 * len(totals)) + 4
    if not invoice:
        y = room_for(y, 24)
        for x, name in ((_LEFT, "Le conseiller"), (108.0, "Le client – « Bon pour commande »")):
            pdf.rect(x, y, 90, 20)
            pdf.set_font("DejaVu", "", 7.5)
            pdf.set_xy(x + 1.5, y + 1)
            pdf.cell(86, 4, name)
        _scribble(pdf, _LEFT + 20, y + 6, rng)
    footer()
    return bytes(pdf.output())


# --------------------------------------------------------------------------- autoentr (VAT-exempt online quote maker)

_MAKERS = ("Devis-Facile.net", "MonDevisGratuit", "FactuPro en ligne", "QuickDevis")
_FIRST_NAMES = ("Julien", "Karim", "Thomas", "Mickaël", "Nicolas", "Yannick", "Sébastien", "Anthony")
_LAST_NAMES = ("Moreau", "Haddad", "Lefèvre", "Rolland", "Caron", "Da Silva", "Perrot", "Giraud")
_TRADES = (
    "Plomberie – Pose de salles de bains – Petits travaux",
    "Carrelage – Faïence – Rénovation intérieure",
    "Menuisier poseur – Agencement – Cuisines",
    "Multiservices bâtiment – Peinture – Sols",
)
_INSURERS = ("MAAF Pro", "SMABTP", "Groupama Pro", "AXA Entreprises")
_MARGIN = 30.0


def _shape(quote: Quote, rng: random.Random, family: str, scenario: str) -> None:
    """The micro-entrepreneur's documents: an individual entrepreneur without a VAT number, VAT-exempt."""
    if family != "autoentr":
        return
    a = quote.artisan
    a["name"] = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
    a["legal_form"] = "EI"
    a["tva_number"] = ""
    _to_vat_free(quote)


def render_autoentr(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    left, right = _MARGIN, 210 - _MARGIN
    width = right - left
    cols = (("Description", 64.0, "L"), ("Qté", 13.0, "R"), ("Unité", 11.0, "C"), ("Prix unit.", 20.0, "R"),
            ("Total", 30.0, "R"), ("Accord", 12.0, "C"))  # fmt: skip
    maker = rng.choice(_MAKERS)
    page = [1]

    def footer() -> None:
        pdf.set_font("Cond", "", 6.5)
        pdf.set_text_color(130, 130, 130)
        pdf.set_xy(left, 285)
        pdf.cell(width, 3.3, f"Document créé gratuitement avec {maker} – page {page[0]}", align="C")
        pdf.set_text_color(0, 0, 0)

    def header(top: float) -> float:
        pdf.set_fill_color(245, 245, 245)
        pdf.rect(left, top, width, 5.6, style="F")
        pdf.set_font("Cond", "B", 8)
        x = left
        for name, w, align in cols:
            pdf.set_xy(x + 0.8, top + 0.8)
            pdf.cell(w - 1.6, 4, name, align=align)
            x += w
        return top + 6.4

    def new_page(grid: bool = True) -> float:
        footer()
        pdf.add_page()
        page[0] += 1
        return header(16.0) if grid else 16.0

    def room_for(top: float, h: float) -> float:
        return top if top + h <= _BOTTOM else new_page(grid=False)

    # the maker's tag, the entrepreneur, the document
    pdf.set_font("Cond", "", 6.8)
    pdf.set_text_color(130, 130, 130)
    pdf.set_xy(left, 8)
    pdf.cell(width, 3.4, f"{maker} – devis et factures en ligne pour indépendants", align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Cond", "B", 14)
    pdf.set_xy(left, 14)
    pdf.cell(width, 6.5, f"{a['name']} EI", align="C")
    pdf.set_font("Cond", "", 8)
    me = [rng.choice(_TRADES), f"{a['address']}, {a['postal_code']} {a['city']} – {_phone(rng)}",
          f"Entrepreneur individuel – SIRET {siret_text(quote)}"]  # fmt: skip
    pdf.set_xy(left, 21)
    pdf.multi_cell(width, 3.7, "\n".join(me), align="C")
    y = pdf.get_y() + 3
    pdf.set_draw_color(160, 160, 160)
    pdf.line(left, y, right, y)
    pdf.set_draw_color(0, 0, 0)
    y += 3
    pdf.set_font("Cond", "B", 12)
    pdf.set_xy(left, y)
    pdf.cell(width / 2, 6, f"{_title(quote)} n° {quote.number}")
    pdf.set_font("Cond", "", 8)
    when = [f"Émis le {fr_date(quote.date, st)}"]
    if invoice:
        when.append(f"Suivant devis n° {st['quote_ref']}")
    else:
        when.append(f"Valable jusqu'au {fr_date(quote.valid_until, st)}")
    pdf.set_xy(left + width / 2, y)
    pdf.multi_cell(width / 2, 3.6, "\n".join(when), align="R")
    y += 9
    pdf.set_font("Cond", "B", 8)
    pdf.set_xy(left, y)
    pdf.cell(width / 2, 4, "Client")
    pdf.set_xy(left + width / 2, y)
    pdf.cell(width / 2, 4, "Lieu d'intervention")
    pdf.set_font("Cond", "", 8)
    pdf.set_xy(left, y + 4.2)
    pdf.multi_cell(width / 2 - 2, 3.7, "\n".join(_customer(quote)))
    end = pdf.get_y()
    pdf.set_xy(left + width / 2, y + 4.2)
    pdf.multi_cell(width / 2, 3.7, _site_text(quote, rng))
    y = max(end, pdf.get_y()) + 3
    obj = "Objet : remise en état après dégât des eaux"
    if quote.claim_reference:
        obj += f" (sinistre n° {quote.claim_reference})"
    pdf.set_font("DejaVu", "I", 7.6)
    pdf.set_xy(left, y)
    pdf.multi_cell(width, 3.7, obj)
    y = header(pdf.get_y() + 2)
    for line in quote.lines:
        pdf.set_font("Cond", "", 8.2)
        wrapped = _cell_rows(pdf, line.designation, cols[0][1] - 1.6)
        h = 3.9 * len(wrapped) + 1.6
        if y + h > _BOTTOM:
            y = new_page()
            pdf.set_font("Cond", "", 8.2)
        for r, text in enumerate(wrapped):
            pdf.set_xy(left + 0.8, y + 0.7 + 3.9 * r)
            pdf.cell(cols[0][1] - 1.6, 3.9, text)
        cells = (quantity(line.quantity), _UNITS[line.unit], amount(line.unit_price_ht, st),
                 amount(line.total_ht, st))  # fmt: skip
        x = left + cols[0][1]
        for (_, w, align), text in zip(cols[1:5], cells, strict=True):
            pdf.set_xy(x + 0.8, y + 0.7)
            pdf.cell(w - 1.6, 3.9, text, align=align)
            x += w
        pdf.rect(x + 4, y + 1.1, 3.2, 3.2)
        if invoice:
            pdf.line(x + 4, y + 1.1, x + 7.2, y + 4.3)
            pdf.line(x + 4, y + 4.3, x + 7.2, y + 1.1)
        pdf.set_draw_color(225, 225, 225)
        pdf.line(left, y + h, right, y + h)
        pdf.set_draw_color(0, 0, 0)
        y += h
    # the totals, VAT-exempt
    rows = [("Total HT", quote.total_ht)]
    if invoice:
        deposit = quote.style["deposit"]
        rows += [("Acompte reçu", -deposit), ("Net à payer", money(quote.total_ht - deposit))]
    else:
        rows.append(("Net à payer", quote.total_ht))
    y = room_for(y + 3, 5.2 * len(rows) + 16)
    for k, (name, value) in enumerate(rows):
        pdf.set_font("Cond", "B" if name.startswith("Net") else "", 9)
        pdf.set_xy(right - 75, y + 5.2 * k)
        pdf.cell(40, 5, name)
        pdf.set_xy(right - 35, y + 5.2 * k)
        pdf.cell(35, 5, amount(value, st), align="R")
    y += 5.2 * len(rows) + 1
    pdf.set_font("DejaVu", "I", 7.4)
    pdf.set_xy(left, y)
    pdf.cell(width, 3.8, "TVA non applicable, art. 293 B du CGI", align="R")
    y += 5
    pdf.set_font("Cond", "", 7.8)
    pdf.set_xy(left, y)
    words = euros_in_words(quote.total_ht)
    verb = "Arrêtée" if invoice else "Arrêté"
    pdf.multi_cell(width, 3.7, f"{verb} le présent {_title(quote).lower()} à la somme de {words}.")
    y = pdf.get_y() + 3
    # the payment schedule
    schedule: list[tuple[str, int | None, float]]
    if invoice:
        deposit = quote.style["deposit"]
        schedule = [
            (f"Acompte versé le {fr_date(st['works_from'], st)}", None, deposit),
            ("Solde à réception de la facture", None, money(quote.total_ht - deposit)),
        ]
    else:
        share = rng.choice([30, 40])
        first = money(quote.total_ht * share / 100)
        schedule = [("Acompte à la signature", share, first),
                    ("Solde à la fin des travaux", 100 - share, money(quote.total_ht - first))]  # fmt: skip
    y = room_for(y, 8 + 4.4 * len(schedule) + 28)
    pdf.set_font("Cond", "B", 8)
    pdf.set_xy(left, y)
    pdf.cell(width, 4, "Échéancier de paiement")
    y += 4.6
    pdf.set_font("Cond", "", 8)
    for name, pct, value in schedule:
        pdf.set_xy(left + 2, y)
        pdf.cell(80, 4, name)
        if pct is not None:
            pdf.set_xy(left + 84, y)
            pdf.cell(20, 4, f"{pct} %", align="R")
        pdf.set_xy(right - 35, y)
        pdf.cell(35, 4, amount(value, st), align="R")
        y += 4.4
    y += 2
    # the ten-year insurance
    insurer = rng.choice(_INSURERS)
    pdf.rect(left, y, width, 17)
    pdf.set_font("Cond", "B", 7.6)
    pdf.set_xy(left + 1.5, y + 0.8)
    pdf.cell(width - 3, 3.6, "Assurance responsabilité civile décennale")
    pdf.set_font("Cond", "", 7.4)
    pdf.set_xy(left + 1.5, y + 4.6)
    cover = [f"Assureur : {insurer} – contrat n° {rng.randint(10**7, 10**8 - 1)}",
             "Activités garanties : plomberie sanitaire, carrelage, menuiserie intérieure, peinture, "
             "revêtements de sols",
             "Couverture géographique : France métropolitaine"]  # fmt: skip
    pdf.multi_cell(width - 3, 3.6, "\n".join(cover))
    y += 20
    pdf.set_font("Cond", "", 7)
    pdf.set_xy(left, y)
    pdf.multi_cell(width, 3.3, _terms(quote))
    y = pdf.get_y() + 3
    if invoice:
        pdf.set_xy(left, y)
        pdf.set_font("Cond", "", 7.4)
        iban = " ".join(f"{rng.randint(1000, 9999)}" for _ in range(5))
        pdf.multi_cell(width, 3.5, f"Règlement par virement – IBAN FR76 {iban} 123 – BIC AGRIFRPP")
    else:
        y = room_for(y, 20 + 46)
        pdf.set_font("Cond", "", 7.6)
        pdf.set_xy(left, y)
        pdf.multi_cell(width, 3.6, "Date et signature du client, précédées de la mention « Devis reçu avant "
                       "l'exécution des travaux, bon pour accord » :")  # fmt: skip
        pdf.rect(left + width / 2, y + 8, width / 2, 14)
        y += 26
        # the withdrawal form below a dashed cut line
        pdf.set_dash_pattern(dash=1.2, gap=1.2)
        pdf.line(left - 10, y, right + 10, y)
        pdf.set_dash_pattern()
        pdf.set_font("DejaVu", "", 7)
        pdf.set_xy(left - 10, y - 2)
        pdf.cell(8, 4, "✂")
        pdf.set_font("Cond", "B", 8.4)
        pdf.set_xy(left, y + 2)
        pdf.cell(width, 4, "FORMULAIRE DE RÉTRACTATION", align="C")
        pdf.set_font("Cond", "", 7.4)
        form = [f"À l'attention de {a['name']} EI, {a['address']}, {a['postal_code']} {a['city']} :",
                "Je vous notifie par la présente ma rétractation du contrat portant sur la prestation ci-dessus.",
                "Commandé le : ....................   Nom du client : ......................................",
                "Adresse du client : ..................................................................",
                "Date : ....................   Signature du client :"]  # fmt: skip
        pdf.set_xy(left, y + 7)
        pdf.multi_cell(width, 3.8, "\n".join(form))
    footer()
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"fitting": render_fitting, "autoentr": render_autoentr}
# Set 21's plan of scenarios and invoices, family for family: 13 fair, 7 for a reviewer, 2 invoices.
_TEXT_SCENARIOS = dict(zip(RENDER, families21._TEXT_SCENARIOS.values(), strict=True))
_INVOICES = dict(zip(RENDER, families21._INVOICES.values(), strict=True))
_COVERS = (DDE,) * 10
SCANS = (
    ("fitting", "scan_pdf", "fair", DDE),
    ("fitting", "photo_jpeg", "inflated", DDE),
    ("autoentr", "fax", "fair", DDE),
    ("autoentr", "lowres", "fair", DDE),
)


SET = FamilySet(
    "families22",
    "vingt-deuxième",
    2400,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    covers_by_index(_COVERS),
    _INVOICES,
    SCANS,
    lambda k, _: False,
    export_or_letter(("fitting",)),
    ("devis", "devis_cuisine", "document", "piece_jointe", "envoi"),
    degrade4,
    _pick,
    _shape,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
