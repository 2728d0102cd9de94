"""Frozen held-out set 20: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families20 OUT_DIR [--seed 2200]

Made once into ``tests/heldout/frozen20/`` (see its README) to measure session 17's start robot
(3d3a292) and its rounds on documents unlike the layouts of ``generate.py`` and ``families.py`` to
``families19.py``. Both come from the technical and emergency repair trades (plumbers and heating
fitters on call-outs, electricians, glaziers, locksmiths, leak-detection firms) and the documents the
call-out rules and the networks make them send:

- ``ticket``: a **call-out ticket turned into the quote or the invoice** as the 2017 rules on call-out
  services shape it: the firm's block and a ticket box (number, drawn barcode, status "converti en
  devis n° …"), the **ticket's history as a timeline of statuses with their times**, the **prior
  information box** (hourly rate, call-out zones, night and Sunday surcharges, all TTC, the quote free or
  charged), the customer and the site; then the quote **split in blocks of their own grid**: "A.
  DÉPLACEMENT", "B. MAIN-D'ŒUVRE" (**the technician's initials and the time as « 1 h 30 »** × the hourly
  rate) and "C. PIÈCES ET FOURNITURES" (a maker's reference, quantity, unit, prices), **each closed by its
  subtotal**, the totals "(A + B + C)", the payment ticks, the signatures and, on a quote, **the
  withdrawal form to cut off along a dashed line** (with its dotted blanks);
- ``network``: a **franchise network's or a repair platform's quote** for one of its member firms: the
  network's coloured band (its brand, a free national number, "Agence de …"), three summary cards (the
  amount TTC, the delay, the network's guarantee), the technician's card (approval number, rating), then
  a grid "Code | Prestation | Qté | U | P.U. HT | TVA | Total HT" of **coded catalogue packages, each
  followed by its unpriced « Inclus : » rows** (minutes of labour, joints, a guarantee …) in two sections
  (packages, time and measured work), the lines **running over the page break** (the header repeated, a
  package's included rows carried to the next page), the totals; **the member firm's identity (its
  SIRET) only in the footer of every page**, beside the network's head office and its RCS.

Scans and photos of four of the documents (two per family): a phone photo with a shadow, a fax, a
flatbed scan, crumpled sheets (``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover among the call-out trades (``families17._pick``), with the
line wordings replaced by the public ones of ``tests/heldout/wordings20/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF

from tests.heldout.catalog import BDG, DDE, INC
from tests.heldout.families import _insurance, _site_text
from tests.heldout.families2 import _is_invoice, _phone, _title
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families7 import _UNITS, _seller
from tests.heldout.families10 import _terms
from tests.heldout.families11 import _cell_rows
from tests.heldout.families12 import open_page
from tests.heldout.families17 import _box_title, _pick, _scribble, _trade
from tests.heldout.family_set import FamilySet, export_or_letter, main
from tests.heldout.generate import Line, Quote, money
from tests.heldout.render import amount, fr_date, quantity, rate, siret_text
from tests.heldout.set_plan import covers_by_index

WORDINGS = Path(__file__).parent / "wordings20" / "wordings.tsv"

_LEFT, _RIGHT = 12.0, 198.0
_BOTTOM = 272.0  # where a page's rows stop (the footer or the form under it)

_TRADE_LINE = {
    "plomberie": "Plomberie – Chauffage – Recherche de fuite",
    "électricité": "Électricité – Dépannage – Mise en sécurité",
    "vitrerie": "Vitrerie – Miroiterie – Serrurerie",
    "couverture": "Couverture – Bâchage – Zinguerie",
}
_FIRST_NAMES = ("Karim", "Julien", "Thomas", "Mehdi", "Nicolas", "Sébastien", "Yann", "Loïc", "Anthony", "Rémi")


def _hours(value: float) -> str:
    """A time spent as a technician writes it: « 1 h 30 », « 2 h », « 0 h 45 »."""
    minutes = round(value * 60)
    return f"{minutes // 60} h {minutes % 60:02d}" if minutes % 60 else f"{minutes // 60} h"


def _ttc_of(value: float, vat: float) -> float:
    return money(value * (1 + vat / 100))


# --------------------------------------------------------------------------- ticket (call-out ticket)


def _barcode(pdf: FPDF, x: float, y: float, width: float, rng: random.Random) -> None:
    """A ticket's barcode: thin and thick bars."""
    pdf.set_fill_color(0, 0, 0)
    end = x + width
    while x < end - 1.2:
        bar = rng.choice([0.3, 0.3, 0.6, 0.9])
        pdf.rect(x, y, bar, 7, style="F")
        x += bar + rng.choice([0.3, 0.6, 0.9])


def _timeline(pdf: FPDF, y: float, quote: Quote, rng: random.Random) -> float:
    """The ticket's history: its statuses on a line, each with its time; returns where it ends."""
    invoice = _is_invoice(quote)
    st = quote.style
    statuses = ["Ouvert", "Affecté", "En route", "Sur place", "Terminé" if invoice else "Devis émis"]
    clock = rng.randint(7 * 60, 20 * 60)
    times = []
    for _ in statuses:
        times.append(f"{clock // 60 % 24:02d}:{clock % 60:02d}")
        clock += rng.randint(6, 55)
    day = st["works_to"] if invoice else quote.date
    pdf.set_font("Cond", "B", 8.5)
    pdf.set_xy(_LEFT, y)
    pdf.cell(60, 4.5, f"HISTORIQUE DU TICKET – {fr_date(day, st)}")
    y += 12
    step = (_RIGHT - _LEFT - 20) / (len(statuses) - 1)
    pdf.set_draw_color(120, 120, 120)
    pdf.line(_LEFT + 10, y, _RIGHT - 10, y)
    for k, (status, time) in enumerate(zip(statuses, times, strict=True)):
        cx = _LEFT + 10 + k * step
        pdf.set_fill_color(40, 120, 200)
        pdf.ellipse(cx - 1.6, y - 1.6, 3.2, 3.2, style="F")
        pdf.set_font("Cond", "B", 7.5)
        pdf.set_xy(cx - 15, y - 6.5)
        pdf.cell(30, 3.6, status, align="C")
        pdf.set_font("Cond", "", 7.5)
        pdf.set_xy(cx - 15, y + 2.2)
        pdf.cell(30, 3.6, time, align="C")
    pdf.set_draw_color(0, 0, 0)
    return y + 8


def _prior_information(pdf: FPDF, x: float, y: float, w: float, quote: Quote, rng: random.Random) -> float:
    """The prior information box the 2017 rules ask for: rates and surcharges TTC; returns where it ends."""
    st = quote.style
    vat = quote.lines[0].tva_rate
    hourly = next((ln.unit_price_ht for ln in quote.lines if ln.unit == "h"), float(rng.randint(52, 72)))
    travel = next((ln.unit_price_ht for ln in quote.lines if ln.category == "travel_setup"), float(rng.randint(35, 60)))
    rows = [
        ("Taux horaire de main-d'œuvre", amount(_ttc_of(hourly, vat), st) + " TTC"),
        ("Déplacement zone 1 (moins de 15 km)", amount(_ttc_of(travel, vat), st) + " TTC"),
        ("Déplacement zone 2 (15 à 30 km)", amount(_ttc_of(travel + rng.choice([15, 20, 25]), vat), st) + " TTC"),
        ("Soirée 18 h – 22 h et samedi", f"+ {rng.choice([20, 25, 30])} %"),
        ("Nuit, dimanche et jours fériés", f"+ {rng.choice([50, 75, 100])} %"),
        ("Établissement du devis", rng.choice(["gratuit", "gratuit", "offert si accepté"])),
    ]
    _box_title(pdf, x, y, w, "INFORMATION PRÉALABLE DU CONSOMMATEUR", (226, 232, 240))
    pdf.set_font("Cond", "", 7.8)
    top = y + 6.5
    for k, (name, value) in enumerate(rows):
        pdf.set_xy(x + 1.5, top + 3.8 * k)
        pdf.cell(w * 0.62, 3.6, name)
        pdf.set_xy(x + w * 0.62, top + 3.8 * k)
        pdf.cell(w * 0.38 - 1.5, 3.6, value, align="R")
    end = top + 3.8 * len(rows) + 1
    pdf.set_font("Cond", "", 6.5)
    pdf.set_xy(x + 1.5, end)
    pdf.multi_cell(w - 3, 3, "Tarifs communiqués avant l'intervention (arrêté du 24 janvier 2017). Temps décompté "
                   "à partir de l'arrivée sur place, par tranche de 15 minutes.")  # fmt: skip
    bottom = pdf.get_y() + 1
    pdf.rect(x, y, w, bottom - y)
    return bottom


def _block(
    pdf: FPDF,
    y: float,
    title: str,
    cols: tuple[tuple[str, float, str], ...],
    rows: list[tuple[tuple[str, ...], str]],
    subtotal: tuple[str, str],
    resume: Callable[[], float],
) -> float:
    """One block of the quote: its title, its own grid header, its rows ((cells, wording) with the
    wording in the second column, wrapped), its subtotal row; a new page (``resume``) when full."""
    wording_width = cols[1][1] - 2

    def header(top: float) -> float:
        pdf.set_font("Cond", "B", 8.5)
        pdf.set_fill_color(236, 236, 236)
        pdf.rect(_LEFT, top, _RIGHT - _LEFT, 5.5, style="F")
        pdf.set_xy(_LEFT + 1, top + 0.6)
        pdf.cell(100, 4.4, title)
        top += 5.5
        pdf.set_font("Cond", "B", 7.8)
        x = _LEFT
        for name, width, align in cols:
            pdf.set_xy(x + 1, top + 0.5)
            pdf.cell(width - 2, 4, name, align=align)
            x += width
        pdf.line(_LEFT, top + 5, _RIGHT, top + 5)
        return top + 5.5

    y = header(y)
    for cells, wording in rows:
        pdf.set_font("Cond", "", 8.5)
        wrapped = _cell_rows(pdf, wording, wording_width)
        h = 4.2 * len(wrapped) + 1.2
        if y + h > _BOTTOM:
            y = header(resume())
        x = _LEFT
        for (_, width, align), text in zip(cols, cells, strict=True):
            if text:
                pdf.set_xy(x + 1, y + 0.5)
                pdf.cell(width - 2, 4.2, text, align=align)
            x += width
        for r, row in enumerate(wrapped):
            pdf.set_xy(_LEFT + cols[0][1] + 1, y + 0.5 + 4.2 * r)
            pdf.cell(wording_width, 4.2, row)
        y += h
        pdf.set_draw_color(200, 200, 200)
        pdf.line(_LEFT, y, _RIGHT, y)
        pdf.set_draw_color(0, 0, 0)
    if y + 6 > _BOTTOM:
        y = resume()
    pdf.set_font("Cond", "B", 8.5)
    pdf.set_xy(110, y + 0.8)
    pdf.cell(58, 4.4, subtotal[0], align="R")
    pdf.set_xy(168, y + 0.8)
    pdf.cell(29, 4.4, subtotal[1], align="R")
    return y + 8


def _reference(line: Line, rng: random.Random) -> str:
    """A supply's reference as the wholesaler's catalogue prints it."""
    if line.unit in ("forfait", "ens"):
        return f"F{rng.randint(100, 999)}"
    return f"{rng.choice(['LEG', 'SCH', 'HAG', 'NF', 'GRO', 'SGG', 'COMAP'])} {rng.randint(10000, 99999)}"


def _withdrawal(pdf: FPDF, y: float, quote: Quote) -> None:
    """The withdrawal form a quote signed at home carries, under a dashed cutting line."""
    a = quote.artisan
    pdf.set_draw_color(90, 90, 90)
    x = _LEFT
    while x < _RIGHT:
        pdf.line(x, y, min(x + 2.5, _RIGHT), y)
        x += 4.5
    pdf.set_draw_color(0, 0, 0)
    pdf.set_font("Cond", "", 6.5)
    pdf.set_xy(_LEFT, y + 0.5)
    pdf.cell(80, 3, "Découper suivant les pointillés")
    pdf.set_font("Cond", "B", 8.5)
    pdf.set_xy(_LEFT, y + 4)
    pdf.cell(_RIGHT - _LEFT, 4.4, "FORMULAIRE DE RÉTRACTATION", align="C")
    pdf.set_font("Cond", "", 7.5)
    pdf.set_xy(_LEFT, y + 9)
    text = (
        "Veuillez compléter et renvoyer le présent formulaire uniquement si vous souhaitez vous rétracter du "
        "contrat (délai de 14 jours, sauf travaux d'urgence expressément demandés).\n"
        f"À l'attention de {a['name']} {a['legal_form']}, {a['address']}, {a['postal_code']} {a['city']} :\n"
        f"Je vous notifie par la présente ma rétractation du contrat portant sur la prestation de services "
        f"ci-dessous (devis n° {quote.number}).\n"
        "Commandé le : ....................    Nom du consommateur : ......................................\n"
        "Adresse du consommateur : .................................................................................\n"
        "Date : ....................    Signature du consommateur :"
    )
    pdf.multi_cell(_RIGHT - _LEFT, 3.6, text)


def render_ticket(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    trade = _trade(quote)
    pdf = open_page(quote)
    page = [1]
    ticket = f"T{quote.date[2:4]}-{rng.randint(10000, 99999)}"

    def resume() -> float:
        pdf.set_font("Cond", "", 7.5)
        pdf.set_xy(_LEFT, 282)
        pdf.cell(_RIGHT - _LEFT, 4, f"Ticket {ticket} – page {page[0]} – suite page suivante", align="R")
        pdf.add_page()
        page[0] += 1
        pdf.set_font("Cond", "B", 9)
        pdf.set_xy(_LEFT, 12)
        pdf.cell(_RIGHT - _LEFT, 5, f"{_title(quote)} N° {quote.number} (suite) – ticket {ticket}")
        return 20.0

    # the firm and the ticket's box
    pdf.set_font("Cond", "B", 14)
    pdf.set_xy(_LEFT, 12)
    pdf.cell(105, 7, f"{a['name']} {a['legal_form']}")
    pdf.set_font("Cond", "", 8)
    pdf.set_xy(_LEFT, 19.5)
    seller = [_TRADE_LINE[trade], *_seller(quote)[1:], f"Tél. {_phone(rng)} – 7j/7", f"SIRET {siret_text(quote)}"]
    if rng.random() < 0.5:
        seller.append(f"N° TVA {a['tva_number']}")
    pdf.multi_cell(100, 3.7, "\n".join(seller))
    firm_end = pdf.get_y()
    pdf.set_draw_color(40, 120, 200)
    pdf.rect(124, 12, 74, 30)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_font("Cond", "B", 11)
    pdf.set_xy(125, 13)
    pdf.cell(72, 5.5, f"TICKET N° {ticket}", align="C")
    _barcode(pdf, 140, 19.5, 42, rng)
    pdf.set_font("Cond", "", 8)
    pdf.set_xy(125, 28)
    status = f"Clôturé – facturé le {fr_date(quote.date, st)}" if invoice else "Statut : converti en devis"
    pdf.cell(72, 4, status, align="C")
    pdf.set_xy(125, 32.5)
    pdf.cell(72, 4, f"Canal : {rng.choice(['appel téléphonique', 'site internet', 'assisteur', 'application'])}",
             align="C")  # fmt: skip
    y = max(firm_end, 44.0) + 2
    pdf.set_font("Cond", "B", 12)
    pdf.set_xy(_LEFT, y)
    pdf.cell(_RIGHT - _LEFT, 6, f"{_title(quote)} N° {quote.number} du {fr_date(quote.date, st)}")
    y += 8
    y = _timeline(pdf, y, quote, rng) + 2
    # prior information left, customer and site right
    info_end = _prior_information(pdf, _LEFT, y, 92, quote, rng)
    x = _LEFT + 96
    _box_title(pdf, x, y, _RIGHT - x, "CLIENT ET LIEU D'INTERVENTION", (226, 232, 240))
    pdf.set_font("Cond", "", 8.2)
    pdf.set_xy(x + 1.5, y + 7)
    rows = [*_customer(quote), f"Intervention : {_site_text(quote, rng)}"]
    if quote.claim_reference:
        rows.append(f"Sinistre n° {quote.claim_reference} du {fr_date(quote.date_of_loss, st)}")
    if invoice:
        rows.append(f"Suivant devis n° {st['quote_ref']} accepté")
    else:
        rows.append(f"Devis valable jusqu'au {fr_date(quote.valid_until, st)}")
    pdf.multi_cell(_RIGHT - x - 3, 3.9, "\n".join(rows))
    y = max(info_end, pdf.get_y()) + 4
    # the quote in blocks
    initials = "".join(rng.choice("ABCDFGHJLMNPRST") for _ in range(2))
    travel = [ln for ln in quote.lines if ln.category == "travel_setup"]
    labour = [ln for ln in quote.lines if ln.unit == "h" and ln not in travel]
    parts = [ln for ln in quote.lines if ln not in travel and ln not in labour]

    def money_cells(ln: Line) -> tuple[str, str]:
        return amount(ln.unit_price_ht, st, False), amount(ln.total_ht, st, False)

    blocks = []
    if travel:
        cols = (("Zone", 16.0, "L"), ("Désignation", 106.0, "L"), ("Qté", 14.0, "R"), ("P.U. HT", 22.0, "R"),
                ("Montant HT", 28.0, "R"))  # fmt: skip
        rows_a = [(("Z1", "", quantity(ln.quantity), *money_cells(ln)), ln.designation) for ln in travel]
        blocks.append(("A. DÉPLACEMENT", cols, rows_a, travel))
    if labour:
        cols = (("Interv.", 16.0, "L"), ("Désignation", 98.0, "L"), ("Durée", 18.0, "R"),
                ("Taux HT", 22.0, "R"), ("Montant HT", 32.0, "R"))  # fmt: skip
        rows_b = [((initials, "", _hours(ln.quantity), *money_cells(ln)), ln.designation) for ln in labour]
        blocks.append(("B. MAIN-D'ŒUVRE", cols, rows_b, labour))
    if parts:
        cols = (("Réf.", 22.0, "L"), ("Désignation", 88.0, "L"), ("Qté", 14.0, "R"), ("U", 12.0, "C"),
                ("P.U. HT", 22.0, "R"), ("Montant HT", 28.0, "R"))  # fmt: skip
        rows_c = [
            ((_reference(ln, rng), "", quantity(ln.quantity), _UNITS[ln.unit], *money_cells(ln)), ln.designation)
            for ln in parts
        ]
        blocks.append(("C. PIÈCES, FOURNITURES ET FORFAITS", cols, rows_c, parts))
    letters = []
    for title, cols, rows_x, lines in blocks:
        letter = title[0]
        letters.append(letter)
        subtotal = (f"Sous-total {letter} HT", amount(sum(ln.total_ht for ln in lines), st))
        y = _block(pdf, y, title, cols, rows_x, subtotal, resume)
    # totals and payment
    totals = _total_rows(quote, f"Total HT ({' + '.join(letters)})", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    if y + 6 * len(totals) + 12 > _BOTTOM:
        y = resume()
    for k, (name, value) in enumerate(totals):
        pdf.set_font("Cond", "B" if name.startswith(("Total TTC", "Net")) else "", 9)
        pdf.set_xy(122, y + 5.5 * k)
        pdf.cell(46, 5, name)
        pdf.set_xy(168, y + 5.5 * k)
        pdf.cell(29, 5, amount(value, st), align="R")
    pdf.rect(120, y - 1, _RIGHT - 120, 5.5 * len(totals) + 2)
    pdf.set_font("Cond", "", 7.8)
    pdf.set_xy(_LEFT, y)
    pays = ["Carte bancaire", "Chèque", "Virement", "Espèces"]
    paid = rng.choice(pays[:3]) if invoice else ""
    pdf.multi_cell(100, 4, "Règlement : " + "   ".join(("[X] " if p == paid else "[  ] ") + p for p in pays) + "\n"
                   + _terms(quote))  # fmt: skip
    y = max(pdf.get_y(), y + 5.5 * len(totals)) + 4
    # signatures, then the withdrawal form on a quote
    need = 26 + (46 if not invoice else 12)
    if y + need > 290:
        y = resume()
    for x, name in (
        (_LEFT, "Le technicien"),
        (107.0, "Le client" + ("" if invoice else " – devis reçu avant travaux")),
    ):
        pdf.rect(x, y, 91, 22)
        pdf.set_font("Cond", "B", 8)
        pdf.set_xy(x + 1.5, y + 1)
        pdf.cell(88, 4, name)
        _scribble(pdf, x + 20, y + 7, rng)
    y += 25
    if invoice:
        pdf.set_font("Cond", "", 7)
        pdf.set_xy(_LEFT, y)
        pdf.multi_cell(_RIGHT - _LEFT, 3.2, "Note remise au client à l'issue de la prestation. Pièces remplacées "
                       "restituées sur demande. " + _insurance(rng))  # fmt: skip
    else:
        _withdrawal(pdf, y + 2, quote)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- network (franchise or platform)

_BRANDS = (
    ("Dépann'Habitat", "Le réseau des artisans du dépannage", (200, 40, 50)),
    ("ProxiRépar", "Vos urgences, nos artisans", (20, 110, 170)),
    ("Allo Maison Services", "Réseau national d'artisans agréés", (230, 120, 20)),
    ("SOS Réparateurs", "Plateforme de dépannage à domicile", (40, 140, 90)),
)
_CODE_PREFIX = {"plomberie": "PLB", "électricité": "ELC", "vitrerie": "VIT", "couverture": "COU"}

_INCLUDED = {
    "forfait": (
        "jusqu'à 30 min de main-d'œuvre sur place",
        "petites fournitures (joints, téflon, colliers)",
        "garantie réseau 12 mois",
        "contrôle de bon fonctionnement en fin d'intervention",
        "compte rendu photo sur votre espace client",
        "évacuation des déchets de l'intervention",
    ),
    "u": (
        "pièce neuve de marque, norme NF",
        "dépose de l'ancien matériel",
        "raccordement et essais",
        "garantie pièce 2 ans, pose 1 an",
    ),
    "measured": (
        "tarif national du réseau, mis à jour le 1er janvier",
        "mesuré sur place par le technicien",
        "décompté par quart d'heure au-delà de la première heure",
        "fournitures courantes comprises",
    ),
}


def _code(trade: str, line: Line, k: int) -> str:
    return f"{_CODE_PREFIX[trade]}-{line.category[:3].upper()}-{k:02d}"


def _included(line: Line, rng: random.Random) -> list[str]:
    pool = _INCLUDED[line.unit if line.unit in ("forfait", "u") else "measured"]
    return rng.sample(pool, k=rng.randint(2, min(4, len(pool))))


def _request_box(pdf: FPDF, y: float, request: str, rng: random.Random, colour: tuple[int, int, int]) -> None:
    """The customer's request as typed on the network's site, with the photos sent."""
    pdf.set_draw_color(*colour)
    pdf.rect(_LEFT, y, _RIGHT - _LEFT, 14)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_font("DejaVu", "B", 7.8)
    pdf.set_xy(_LEFT + 2, y + 1.2)
    pdf.cell(120, 4, f"Votre demande (saisie en ligne, {rng.randint(1, 4)} photo(s) jointe(s))")
    pdf.set_font("DejaVu", "I", 7.8)
    pdf.set_xy(_LEFT + 2, y + 5.6)
    pdf.multi_cell(_RIGHT - _LEFT - 4, 3.8, f"« {request} »")


def render_network(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    trade = _trade(quote)
    brand, slogan, colour = rng.choice(_BRANDS)
    rcs = f"{rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
    head = rng.choice(["Lyon", "Nantes", "Lille", "Bordeaux", "Montpellier"])
    legal = (
        f"{a['name']} {a['legal_form']}, {a['address']}, {a['postal_code']} {a['city']} – SIRET {siret_text(quote)} – "
        f"entreprise juridiquement et financièrement indépendante, membre du réseau {brand} sous contrat de "
        f"licence de marque. Tête de réseau : {brand} SAS, siège à {head}, RCS {head} {rcs}. {_insurance(rng)}"
    )
    pdf = open_page(quote)

    def footer_fn(self: FPDF = pdf) -> None:
        self.set_draw_color(*colour)
        self.line(_LEFT, 279, _RIGHT, 279)
        self.set_draw_color(0, 0, 0)
        self.set_font("Cond", "", 6.3)
        self.set_xy(_LEFT, 280)
        self.multi_cell(_RIGHT - _LEFT - 16, 2.9, legal)
        self.set_xy(_RIGHT - 16, 280)
        self.cell(16, 3, f"{self.page_no()}/{{nb}}", align="R")

    pdf.footer = footer_fn  # type: ignore[method-assign]
    # the network's band
    pdf.set_fill_color(*colour)
    pdf.rect(0, 0, 210, 30, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("DejaVu", "B", 18)
    pdf.set_xy(_LEFT, 7)
    pdf.cell(110, 9, brand)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.set_xy(_LEFT, 17)
    pdf.cell(110, 4.5, f"{slogan} – Agence de {a['city']}")
    pdf.set_font("DejaVu", "B", 9)
    pdf.set_xy(120, 8)
    pdf.cell(78, 5, f"Appel gratuit 0 800 {rng.randint(100, 999)} {rng.randint(100, 999)}", align="R")
    pdf.set_font("DejaVu", "", 8)
    pdf.set_xy(120, 14)
    pdf.cell(78, 4.5, "24 h/24 – 7 j/7", align="R")
    pdf.set_text_color(0, 0, 0)
    # the title and the folder
    pdf.set_font("DejaVu", "B", 13)
    pdf.set_xy(_LEFT, 35)
    pdf.cell(120, 6, f"{_title(quote)} N° {quote.number}")
    pdf.set_font("DejaVu", "", 8.5)
    pdf.set_xy(_LEFT, 41.5)
    folder = f"Dossier {brand.split()[0][:3].upper()}-{quote.date[:4]}-{rng.randint(100000, 999999)}"
    pdf.cell(186, 4.5, f"Émis le {fr_date(quote.date, st)} – {folder}")
    # three summary cards
    y = 49.0
    cards = [
        ("Montant TTC", amount(quote.total_ttc, st)),
        (
            "Intervention",
            f"réalisée le {fr_date(st['works_to'], st)}"
            if invoice
            else f"sous {rng.choice([24, 48, 72])} h après accord",
        ),
        ("Garantie réseau", rng.choice(["1 an pièces et main-d'œuvre", "2 ans sur la pose"])),
    ]
    width = (_RIGHT - _LEFT - 8) / 3
    for k, (label, value) in enumerate(cards):
        x = _LEFT + k * (width + 4)
        pdf.set_fill_color(245, 245, 245)
        pdf.rect(x, y, width, 15, style="DF", round_corners=True, corner_radius=2)
        pdf.set_font("DejaVu", "", 7.5)
        pdf.set_xy(x + 2, y + 1.5)
        pdf.cell(width - 4, 4, label)
        pdf.set_font("DejaVu", "B", 10 if k == 0 else 8.5)
        pdf.set_xy(x + 2, y + 7)
        pdf.cell(width - 4, 5, value)
    y += 20
    # customer, site, technician
    half = (_RIGHT - _LEFT) / 2 - 2
    pdf.set_font("DejaVu", "B", 8.5)
    pdf.set_xy(_LEFT, y)
    pdf.cell(half, 4.5, "Client")
    pdf.set_xy(_LEFT + half + 4, y)
    pdf.cell(half, 4.5, "Adresse d'intervention")
    pdf.set_font("DejaVu", "", 8.2)
    pdf.set_xy(_LEFT, y + 5)
    pdf.multi_cell(half, 3.9, "\n".join(_customer(quote)))
    left_end = pdf.get_y()
    site = [_site_text(quote, rng)]
    if quote.claim_reference:
        site.append(f"Sinistre {quote.claim_reference} du {fr_date(quote.date_of_loss, st)}")
    if invoice:
        site.append(f"Devis accepté n° {st['quote_ref']}")
    else:
        site.append(f"Offre valable jusqu'au {fr_date(quote.valid_until, st)}")
    pdf.set_xy(_LEFT + half + 4, y + 5)
    pdf.multi_cell(half, 3.9, "\n".join(site))
    y = max(left_end, pdf.get_y()) + 3
    tech = f"{rng.choice(_FIRST_NAMES)} {rng.choice('BCDFGHLMPRST')}."
    score = f"{rng.choice(['4,6', '4,7', '4,8', '4,9'])}/5 ({rng.randint(40, 380)} avis)"
    pdf.set_font("DejaVu", "", 8)
    pdf.set_xy(_LEFT, y)
    pdf.cell(
        186, 4.5, f"Votre technicien : {tech} – agréé réseau n° {rng.randint(100, 2999):04d} – note clients {score}"
    )
    y += 6
    # the customer's request as typed on the network's site
    request = {
        "plomberie": "Fuite d'eau, traces au plafond de la pièce du dessous, eau coupée au compteur en attendant.",
        "électricité": "Le disjoncteur saute dès qu'on le remonte, plus de courant dans une partie du logement.",
        "vitrerie": "Vitre cassée, ouverture à sécuriser en urgence puis vitrage à remplacer.",
        "couverture": "Tuiles envolées après le coup de vent, infiltration dans les combles.",
    }[trade]
    _request_box(pdf, y, request, rng, colour)
    y += 17
    # the grid, in two sections, running over pages
    cols = (("Code", 26.0, "L"), ("Prestation", 80.0, "L"), ("Qté", 14.0, "R"), ("U", 12.0, "C"),
            ("P.U. HT", 22.0, "R"), ("TVA", 12.0, "R"), ("Total HT", 20.0, "R"))  # fmt: skip

    def header(top: float) -> float:
        pdf.set_fill_color(*colour)
        pdf.rect(_LEFT, top, _RIGHT - _LEFT, 6, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("DejaVu", "B", 7.8)
        x = _LEFT
        for name, w, align in cols:
            pdf.set_xy(x + 1, top + 1)
            pdf.cell(w - 2, 4, name, align=align)
            x += w
        pdf.set_text_color(0, 0, 0)
        return top + 7

    def next_page() -> float:
        pdf.set_font("DejaVu", "", 7)
        pdf.set_xy(_LEFT, 273)
        pdf.cell(_RIGHT - _LEFT, 4, "Suite du détail page suivante", align="R")
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 9)
        pdf.set_xy(_LEFT, 12)
        pdf.cell(186, 5, f"{brand} – {_title(quote).lower()} n° {quote.number} (suite)")
        return header(19.0)

    y = header(y)
    packages = [ln for ln in quote.lines if ln.unit in ("forfait", "u")]
    measured = [ln for ln in quote.lines if ln not in packages]
    sections = [("FORFAITS DU CATALOGUE NATIONAL", packages), ("PRESTATIONS AU TEMPS PASSÉ ET AU MÉTRÉ", measured)]
    k = 0
    for title, lines in sections:
        if not lines:
            continue
        if y + 11 > _BOTTOM:
            y = next_page()
        pdf.set_font("DejaVu", "B", 8)
        pdf.set_text_color(*colour)
        pdf.set_xy(_LEFT + 1, y)
        pdf.cell(150, 4.5, title)
        pdf.set_text_color(0, 0, 0)
        y += 5.5
        for line in lines:
            k += 1
            pdf.set_font("DejaVu", "B", 8)
            wrapped = _cell_rows(pdf, line.designation, cols[1][1] - 2)
            h = 4.1 * len(wrapped) + 1
            if y + h > _BOTTOM:
                y = next_page()
            cells = (
                _code(trade, line, k),
                "",
                quantity(line.quantity),
                _UNITS[line.unit],
                amount(line.unit_price_ht, st, False),
                rate(line.tva_rate),
                amount(line.total_ht, st, False),
            )
            x = _LEFT
            for (_, w, align), text in zip(cols, cells, strict=True):
                if text:
                    pdf.set_font("DejaVu", "", 7.8)
                    pdf.set_xy(x + 1, y + 0.4)
                    pdf.cell(w - 2, 4.1, text, align=align)
                x += w
            pdf.set_font("DejaVu", "B", 8)
            for r, row in enumerate(wrapped):
                pdf.set_xy(_LEFT + cols[0][1] + 1, y + 0.4 + 4.1 * r)
                pdf.cell(cols[1][1] - 2, 4.1, row)
            y += h
            # the package's included rows, unpriced, carried over a page break when they fall on it
            pdf.set_font("DejaVu", "I", 7.2)
            pdf.set_text_color(100, 100, 100)
            for n, item in enumerate(_included(line, rng)):
                if y + 3.6 > _BOTTOM:
                    pdf.set_text_color(0, 0, 0)
                    y = next_page()
                    pdf.set_font("DejaVu", "I", 7.2)
                    pdf.set_text_color(100, 100, 100)
                pdf.set_xy(_LEFT + cols[0][1] + 3, y)
                pdf.cell(cols[1][1] + 40, 3.6, ("Inclus : " if n == 0 else "          ") + item)
                y += 3.6
            pdf.set_text_color(0, 0, 0)
            pdf.set_draw_color(210, 210, 210)
            pdf.line(_LEFT, y + 0.6, _RIGHT, y + 0.6)
            pdf.set_draw_color(0, 0, 0)
            y += 1.5
    # the totals
    totals = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    if y + 6 * len(totals) + 30 > _BOTTOM:
        pdf.add_page()
        y = 14.0
    y += 3
    pdf.set_fill_color(245, 245, 245)
    pdf.rect(118, y, _RIGHT - 118, 5.6 * len(totals) + 3, style="F")
    for n, (name, value) in enumerate(totals):
        pdf.set_font("DejaVu", "B" if name.startswith(("Total TTC", "Net")) else "", 8.5)
        pdf.set_xy(120, y + 1.5 + 5.6 * n)
        pdf.cell(46, 5, name)
        pdf.set_xy(166, y + 1.5 + 5.6 * n)
        pdf.cell(31, 5, amount(value, st), align="R")
    pdf.set_font("DejaVu", "", 7.5)
    pdf.set_xy(_LEFT, y)
    pay = (
        "Payé par carte bancaire sur votre espace client."
        if invoice
        else "Paiement après intervention, en ligne sur votre espace client ou auprès du technicien."
    )
    pdf.multi_cell(100, 3.6, f"{pay}\n{_terms(quote)}\nRéclamation : service clients {brand}, sous 30 jours.")
    y = max(pdf.get_y(), y + 5.6 * len(totals) + 3) + 5
    if not invoice:
        pdf.rect(118, y, _RIGHT - 118, 20)
        pdf.set_font("DejaVu", "", 7.5)
        pdf.set_xy(120, y + 1)
        pdf.cell(76, 4, "Bon pour accord – signature électronique")
        pdf.set_xy(120, y + 14)
        pdf.cell(76, 4, "Date : ....../....../..........")
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"ticket": render_ticket, "network": render_network}
_TEXT_SCENARIOS = {
    "ticket": (
        "fair",
        "inflated",
        "regional_fair",
        "fair",
        "fair",
        "arithmetic_error",
        "regional_fair",
        "fair",
        "invalid_siret",
        "fair",
    ),
    "network": (
        "fair",
        "slightly_high",
        "regional_fair",
        "not_covered",
        "fair",
        "fair",
        "regional_fair",
        "invalid_siret",
        "inflated",
        "fair",
    ),
}
_INVOICES = {"ticket": (4,), "network": (5,)}
_COVERS = (DDE, BDG, DDE, INC, DDE, BDG, DDE, INC, BDG, DDE)
SCANS = (
    ("ticket", "photo_shadow", "fair", DDE),
    ("ticket", "fax", "inflated", DDE),
    ("network", "scan_pdf", "fair", BDG),
    ("network", "crumpled", "fair", INC),
)


SET = FamilySet(
    "families20",
    "vingtième",
    2200,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    covers_by_index(_COVERS),
    _INVOICES,
    SCANS,
    lambda k, _: False,
    export_or_letter(("network",)),
    ("devis", "document", "devis_depannage", "piece_jointe", "envoi"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
