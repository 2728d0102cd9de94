"""Frozen held-out set 25: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families25 OUT_DIR [--seed 2700]

Made once into ``tests/heldout/frozen25/`` (see its README) to measure session 22's start robot on
documents unlike the layouts of ``generate.py`` and ``families.py`` to ``families24.py``. Both come from
the **multi-trade maintenance contractors of social landlords, co-ownership managers and property
managers** (entreprises multiservices, « entretien et remise en état des logements ») after water damage:

- ``occupied``: a **quote for works in an occupied flat, planned half-day by half-day**: it opens on a box
  of the occupant and the site's constraints, then **a planning grid « PLANNING D'INTERVENTION EN SITE
  OCCUPÉ » (one row per room or phase, one column per half-day « J1 m », « J1 a-m »…, the cells worked
  shaded and carrying the trade's letter)** under its legend; the priced grid « N° | Désignation | Qté |
  U | P.U. HT | Montant HT » is **cut by one heading row per phase that names its room and its half-days**
  (« PHASE 2 – Chambre 1 – J2 a-m à J3 m – pièce vidée par l'occupant la veille »);
- ``imputation``: a **quote for putting a vacated flat back in order whose every line is split between
  the departing tenant and the landlord**: a box of the flat (number, type, floor, the departing tenant,
  the exit inventory's date, the landlord's order number, the wear scale applied); the grid « Art. |
  Désignation | Qté | U | P.U. HT | Montant HT | E/S | Vét. | Locataire | Bailleur » **prints on each line
  the element's state at entry and exit (« B/M »), a wear rate and the two shares of its amount**; a box
  « RÉPARTITION » (the tenant's and the landlord's totals HT) beside the totals box.

Scans of four other documents of the two families (a flatbed scan; a phone photo asked, which ``degrade4``
scans flat for a two-page document; a fax; a low-resolution scan; ``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations): the works after water damage (washing and filling, stain-blocking primer, wallpaper and
floors removed, walls and ceilings painted, plasterboard and its joints, wallpaper hung, laminate,
skirting, suspended-ceiling tiles, inner doors, a leak search) and the site costs; their line wordings
replaced by the public ones of ``tests/heldout/wordings25/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial
from pathlib import Path

from fpdf import FPDF

from tests.heldout import families21
from tests.heldout.catalog import DDE
from tests.heldout.families2 import _is_invoice, _title
from tests.heldout.families4 import _total_rows, degrade4
from tests.heldout.families7 import _UNITS
from tests.heldout.families10 import _terms
from tests.heldout.families11 import _cell_rows
from tests.heldout.families12 import open_page
from tests.heldout.families17 import _box_title
from tests.heldout.families23 import _footer
from tests.heldout.families24 import _BOTTOM, _LEFT, _RIGHT, _heading, _signatures, _totals
from tests.heldout.family_set import FamilySet, export_or_letter, main
from tests.heldout.generate import Line, Quote
from tests.heldout.render import amount, fr_date, quantity

WORDINGS = Path(__file__).parent / "wordings25" / "wordings.tsv"

# The works after water damage in a flat, and the site costs.
_WORK = (
    "surface_prep",
    "stain_primer",
    "wallpaper_removal",
    "floor_removal",
    "wall_painting",
    "ceiling_painting",
    "plasterboard",
    "joint_filler",
    "wallpaper_laying",
    "laminate_floor",
    "skirting",
    "suspended_ceiling",
    "interior_door",
    "leak_search",
)
_SITE = ("protection", "cleaning", "travel_setup", "labour")
_MULTI_LINE = (
    "Entreprise multiservices – Entretien et remise en état des logements",
    "Multitechnique bâtiment – Second œuvre, plomberie, remise en état après sinistre",
    "Maintenance du patrimoine – Bailleurs sociaux, syndics, gestionnaires",
)


def _pick(worded: frozenset[str]) -> Callable[[random.Random, str, int], list[str]]:
    """The categories of a quote of set 25: the works after water damage, one to three site costs; only
    worded categories."""

    def pick(rng: random.Random, cover: str, count: int) -> list[str]:
        site = [c for c in _SITE if c in worded]
        work = [c for c in _WORK if c in worded]
        chosen = rng.sample(work, k=min(count, len(work)))
        extra = rng.sample(site, k=rng.randint(1, 3))
        return extra[:1] + chosen + extra[1:]

    return pick


def _band(pdf: FPDF, y: float, cols: tuple[tuple[str, float, str], ...], fill: tuple[int, int, int]) -> float:
    """A dark header band over a grid's columns; returns the y under it."""
    pdf.set_fill_color(*fill)
    pdf.rect(_LEFT, y, sum(w for _, w, _ in cols), 5.6, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Cond", "B", 7.6)
    x = _LEFT
    for name, w, align in cols:
        pdf.set_xy(x + 0.6, y + 0.8)
        pdf.cell(w - 1.2, 4, name, align=align)
        x += w
    pdf.set_text_color(0, 0, 0)
    return y + 6.4


def _row(
    pdf: FPDF, y: float, cols: tuple[tuple[str, float, str], ...], cells: tuple[str, ...], wrap: int, size: float
) -> float:
    """One priced row: the cell ``wrap`` wrapped over as many rows as it needs, the others on its first;
    returns the row's height."""
    pdf.set_font("DejaVu", "", size)
    wrapped = _cell_rows(pdf, cells[wrap], cols[wrap][1] - 1.2)
    h = 3.7 * len(wrapped) + 1.4
    x = _LEFT
    for k, ((_, w, align), text) in enumerate(zip(cols, cells, strict=True)):
        rows = wrapped if k == wrap else [text]
        for r, part in enumerate(rows):
            pdf.set_xy(x + 0.6, y + 0.6 + 3.7 * r)
            pdf.cell(w - 1.2, 3.7, part, align=align)
        x += w
    return h


def _new_page(
    pdf: FPDF,
    quote: Quote,
    page: list[int],
    cols: tuple[tuple[str, float, str], ...],
    fill: tuple[int, int, int],
    grid: bool,
) -> float:
    """The next page under a « suite » line, the grid's header band again when ``grid``; returns its top."""
    _footer(pdf, quote, page[0])
    pdf.add_page()
    page[0] += 1
    pdf.set_font("DejaVu", "", 7)
    pdf.set_xy(_LEFT, 10)
    pdf.cell(_RIGHT - _LEFT, 4, f"{_title(quote).capitalize()} n° {quote.number} – suite")
    return _band(pdf, 16.0, cols, fill) if grid else 16.0


def _row_height(pdf: FPDF, text: str, width: float, size: float) -> float:
    pdf.set_font("DejaVu", "", size)
    return 3.7 * len(_cell_rows(pdf, text, width - 1.2)) + 1.4


# --------------------------------------------------------------------------- occupied (half-day planning)

_ROOMS = ("Séjour", "Chambre 1", "Chambre 2", "Cuisine", "Salle de bains", "Entrée et couloir", "WC")
_TRADE = {
    "surface_prep": "P",
    "stain_primer": "P",
    "wall_painting": "P",
    "ceiling_painting": "P",
    "wallpaper_removal": "R",
    "wallpaper_laying": "R",
    "floor_removal": "S",
    "laminate_floor": "S",
    "skirting": "S",
    "plasterboard": "Pl",
    "joint_filler": "Pl",
    "suspended_ceiling": "Pl",
    "interior_door": "M",
    "leak_search": "F",
    "leak_repair": "F",
}
_TRADES_TEXT = ("P peinture – R revêtements muraux – S sols – Pl plâtrerie – M menuiserie – F plomberie ; "
                "m : matin (8 h 30 – 12 h), a-m : après-midi (13 h 30 – 16 h 30).")  # fmt: skip


def _half(k: int) -> str:
    return f"J{k // 2 + 1} {'m' if k % 2 == 0 else 'a-m'}"


def render_occupied(quote: Quote, rng: random.Random) -> bytes:
    st = quote.style
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    page = [1]
    shade = (222, 230, 240)
    dark = (44, 62, 92)
    cols = (("N°", 12.0, "L"), ("Désignation", 96.0, "L"), ("Qté", 16.0, "R"), ("U", 12.0, "C"),
            ("P.U. HT", 22.0, "R"), ("Montant HT", 28.0, "R"))  # fmt: skip

    new_page = partial(_new_page, pdf, quote, page, cols, dark)

    y = _heading(pdf, quote, rng, _MULTI_LINE, shade)
    # the occupant and the site's constraints
    occupant = rng.choice(("Mme", "M.")) + " " + rng.choice(("Bensaïd", "Lefèvre", "Moreau", "Diallo", "Petit"))
    _box_title(pdf, _LEFT, y, _RIGHT - _LEFT, "LOGEMENT OCCUPÉ – ACCÈS ET CONTRAINTES", shade)
    pdf.set_font("Cond", "", 7.6)
    pdf.set_xy(_LEFT + 1.5, y + 6.5)
    access = (f"Occupant : {occupant}, présent pendant les travaux – clés : loge du gardien. Interventions de 8 h 30 "
              "à 16 h 30 hors week-end ; une seule pièce neutralisée à la fois, vidée la veille par l'occupant ; "
              "eau coupée au plus deux heures, prévenue par affichage dans le hall ; pièces rendues nettoyées "
              "chaque soir.")  # fmt: skip
    pdf.multi_cell(_RIGHT - _LEFT - 3, 3.5, access)
    y = pdf.get_y() + 4
    # the phases: one per room of the work lines (a line without one in a room drawn), the site costs apart
    work = [ln for ln in quote.lines if ln.category in _TRADE]
    site = [ln for ln in quote.lines if ln.category not in _TRADE]
    by_room: dict[str, list[Line]] = {}
    for line in work:
        by_room.setdefault(line.room or rng.choice(_ROOMS), []).append(line)
    phases = list(by_room.items())
    spans: list[tuple[int, int]] = []
    start = 1
    for _, lines in phases:
        length = min(4, 1 + len(lines))
        spans.append((start, length))
        start += length
    halves = start + 1
    # the planning grid: the installation, each room's phase, the clean-up
    _box_title(pdf, _LEFT, y, _RIGHT - _LEFT, "PLANNING D'INTERVENTION EN SITE OCCUPÉ", shade)
    y += 6.5
    first = 40.0
    cell = min(12.0, (_RIGHT - _LEFT - first) / halves)
    pdf.set_font("Cond", "B", 6.8)
    pdf.set_xy(_LEFT, y)
    pdf.cell(first, 4.2, "Pièce / phase", border=1)
    for k in range(halves):
        pdf.set_xy(_LEFT + first + cell * k, y)
        pdf.cell(cell, 4.2, _half(k), border=1, align="C")
    y += 4.2
    plan_rows = [("Installation, protections", 0, 1, "—")]
    for (room, lines), (begin, length) in zip(phases, spans, strict=True):
        letters = "/".join(dict.fromkeys(_TRADE[ln.category] for ln in lines))
        plan_rows.append((room, begin, length, letters))
    plan_rows.append(("Repli, nettoyage", halves - 1, 1, "—"))
    for name, begin, length, letters in plan_rows:
        pdf.set_font("Cond", "", 7.2)
        pdf.set_xy(_LEFT, y)
        pdf.cell(first, 4.2, name, border=1)
        for k in range(halves):
            x = _LEFT + first + cell * k
            if begin <= k < begin + length:
                pdf.set_fill_color(150, 170, 200)
                pdf.rect(x, y, cell, 4.2, style="DF")
                pdf.set_font("Cond", "B", 6.6)
                pdf.set_xy(x, y)
                pdf.cell(cell, 4.2, letters, align="C")
            else:
                pdf.rect(x, y, cell, 4.2)
        y += 4.2
    pdf.set_font("Cond", "", 6.8)
    pdf.set_xy(_LEFT, y + 0.8)
    pdf.multi_cell(_RIGHT - _LEFT, 3.2, _TRADES_TEXT)
    y = pdf.get_y() + 3
    pdf.set_font("DejaVu", "B", 9)
    pdf.set_xy(_LEFT, y)
    pdf.cell(_RIGHT - _LEFT, 5, "Travaux réalisés" if invoice else "Détail estimatif par phase")
    y = _band(pdf, y + 6, cols, dark)
    sections: list[tuple[str, list[Line]]] = []
    setup = [ln for ln in site if ln.category != "cleaning"]
    if setup:
        sections.append(("PHASE 0 – INSTALLATION ET PROTECTION DU LOGEMENT OCCUPÉ – J1 m", setup))
    for n, ((room, lines), (begin, length)) in enumerate(zip(phases, spans, strict=True), start=1):
        when = _half(begin) if length == 1 else f"{_half(begin)} à {_half(begin + length - 1)}"
        sections.append((f"PHASE {n} – {room} – {when} – pièce vidée par l'occupant la veille", lines))
    closing = [ln for ln in site if ln.category == "cleaning"]
    if closing:
        sections.append((f"REPLI – {_half(halves - 1)}", closing))
    n = 0
    for title, lines in sections:
        if y + 12 > _BOTTOM:
            y = new_page(True)
        pdf.set_fill_color(*shade)
        pdf.rect(_LEFT, y, _RIGHT - _LEFT, 5, style="F")
        pdf.set_font("Cond", "B", 7.6)
        pdf.set_xy(_LEFT + 1.5, y + 0.6)
        pdf.cell(_RIGHT - _LEFT - 3, 3.8, title)
        y += 5.6
        for line in lines:
            n += 1
            if y + _row_height(pdf, line.designation, cols[1][1], 7.6) > _BOTTOM:
                y = new_page(True)
            cells = (f"{n}", line.designation, quantity(line.quantity), _UNITS[line.unit],
                     amount(line.unit_price_ht, st, False), amount(line.total_ht, st, False))  # fmt: skip
            h = _row(pdf, y, cols, cells, 1, 7.6)
            pdf.set_draw_color(200, 200, 200)
            pdf.line(_LEFT, y + h, _RIGHT, y + h)
            pdf.set_draw_color(0, 0, 0)
            y += h
    rows = len(_total_rows(quote, "", lambda v: "", ""))
    if y + 5.1 * rows + 40 > _BOTTOM:
        y = new_page(False)
    bottom = _totals(pdf, quote, y + 5)
    pdf.set_font("DejaVu", "", 7.2)
    pdf.set_xy(_LEFT, y + 5)
    pdf.multi_cell(94, 3.4, f"Durée : {halves} demi-journées d'intervention en site occupé, dates fixées avec "
                   "l'occupant et le gardien. " + _terms(quote))  # fmt: skip
    y = max(bottom, pdf.get_y()) + 4
    _signatures(pdf, quote, rng, y, "Le conducteur de travaux multiservices")
    _footer(pdf, quote, page[0])
    return bytes(pdf.output())


# --------------------------------------------------------------------------- imputation (tenant / landlord)

# The article of the landlord's price schedule (chapter.article) each work is ordered under.
_ARTICLE = {
    "surface_prep": "6.01",
    "stain_primer": "6.02",
    "wall_painting": "6.10",
    "ceiling_painting": "6.11",
    "wallpaper_removal": "7.01",
    "wallpaper_laying": "7.05",
    "floor_removal": "8.01",
    "laminate_floor": "8.12",
    "skirting": "8.20",
    "plasterboard": "4.03",
    "joint_filler": "4.04",
    "suspended_ceiling": "4.09",
    "interior_door": "5.02",
    "leak_search": "3.01",
    "leak_repair": "3.02",
    "protection": "1.01",
    "travel_setup": "1.02",
    "cleaning": "9.01",
    "labour": "10.01",
}
# Works a departing tenant may owe part of (the others are the landlord's: the loss, the site costs).
_TENANT_MAY_OWE = frozenset({"surface_prep", "wall_painting", "wallpaper_laying", "wallpaper_removal",
                             "skirting", "interior_door", "laminate_floor", "floor_removal"})  # fmt: skip
_STATES = ("N/M", "B/M", "B/U", "U/M")
_LEGEND = ("E/S : état à l'entrée / à la sortie (N neuf, B bon, U usagé, M mauvais). Vét. : abattement de vétusté de "
           "la grille ; part locataire = montant HT × (1 – vétusté), le solde reste au bailleur ; « — » : à la charge "
           "du bailleur (sinistre, frais de chantier).")  # fmt: skip


def _shares(line: Line, rng: random.Random) -> tuple[str, str, float]:
    """(entry/exit states, wear rate printed, the tenant's share) of a line; the landlord has the rest."""
    if line.category in _TENANT_MAY_OWE and rng.random() < 0.6:
        wear = rng.choice((10, 20, 30, 40, 50, 60))
        return rng.choice(_STATES), f"{wear} %", round(line.total_ht * (100 - wear) / 100, 2)
    if line.category in _TENANT_MAY_OWE:
        return rng.choice(("B/U", "U/U")), "100 %", 0.0
    return "—", "—", 0.0


def render_imputation(quote: Quote, rng: random.Random) -> bytes:
    st = quote.style
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    page = [1]
    shade = (236, 228, 214)
    dark = (96, 64, 32)
    cols = (("Art.", 14.0, "L"), ("Désignation", 64.0, "L"), ("Qté", 12.0, "R"), ("U", 9.0, "C"),
            ("P.U. HT", 17.0, "R"), ("Montant HT", 19.0, "R"), ("E/S", 10.0, "C"), ("Vét.", 11.0, "R"),
            ("Locataire", 15.0, "R"), ("Bailleur", 15.0, "R"))  # fmt: skip

    new_page = partial(_new_page, pdf, quote, page, cols, dark)

    y = _heading(pdf, quote, rng, _MULTI_LINE, shade)
    flat = f"{rng.randint(1, 9)}{rng.randint(0, 4)}{rng.randint(1, 6)}"
    tenant = rng.choice(("M.", "Mme")) + " " + rng.choice(("Garnier", "Haddad", "Roux", "N'Diaye", "Fontaine"))
    _box_title(pdf, _LEFT, y, _RIGHT - _LEFT, "LOGEMENT LIBÉRÉ – REMISE EN ÉTAT AVANT RELOCATION", shade)
    pdf.set_font("Cond", "", 7.6)
    facts = (f"Logement n° {flat} – type T{rng.randint(2, 5)} – {flat[0]}e étage, porte {flat[1:]} – "
             f"bon de commande n° BC-{rng.randint(24000, 25999)}/{rng.randint(100, 999)}\n"
             f"Locataire sortant : {tenant} – état des lieux de sortie du {fr_date(quote.date_of_loss, st)}, "
             "comparé à l'état des lieux d'entrée – grille de vétusté de l'accord collectif de location")  # fmt: skip
    pdf.set_xy(_LEFT + 1.5, y + 6.5)
    pdf.multi_cell(_RIGHT - _LEFT - 3, 3.6, facts)
    y = pdf.get_y() + 4
    pdf.set_font("DejaVu", "B", 9)
    pdf.set_xy(_LEFT, y)
    pdf.cell(_RIGHT - _LEFT, 5, "Travaux réalisés et imputation" if invoice else "Travaux et imputation proposée")
    y = _band(pdf, y + 6, cols, dark)
    tenant_total = 0.0
    landlord_total = 0.0
    for line in quote.lines:
        states, wear, owed = _shares(line, rng)
        rest = round(line.total_ht - owed, 2)
        tenant_total += owed
        landlord_total += rest
        if y + _row_height(pdf, line.designation, cols[1][1], 7.2) > _BOTTOM:
            y = new_page(True)
        cells = (_ARTICLE.get(line.category, "11.01"), line.designation, quantity(line.quantity), _UNITS[line.unit],
                 amount(line.unit_price_ht, st, False), amount(line.total_ht, st, False), states, wear,
                 amount(owed, st, False), amount(rest, st, False))  # fmt: skip
        h = _row(pdf, y, cols, cells, 1, 7.2)
        pdf.set_draw_color(205, 205, 205)
        pdf.line(_LEFT, y + h, _RIGHT, y + h)
        pdf.set_draw_color(0, 0, 0)
        y += h
    pdf.set_font("Cond", "", 6.8)
    pdf.set_xy(_LEFT, y + 1)
    pdf.multi_cell(_RIGHT - _LEFT, 3.2, _LEGEND)
    y = pdf.get_y() + 3
    rows = len(_total_rows(quote, "", lambda v: "", ""))
    if y + 5.1 * rows + 40 > _BOTTOM:
        y = new_page(False)
    pdf.rect(_LEFT, y, 94, 17)
    pdf.set_font("Cond", "B", 7.8)
    pdf.set_xy(_LEFT + 1.5, y + 0.8)
    pdf.cell(90, 4, "RÉPARTITION (montants HT)")
    for k, (name, value) in enumerate((("Imputable au locataire sortant", tenant_total),
                                       ("À la charge du bailleur", landlord_total))):  # fmt: skip
        pdf.set_font("Cond", "", 7.6)
        pdf.set_xy(_LEFT + 1.5, y + 5.5 + 4.6 * k)
        pdf.cell(60, 4, name)
        pdf.set_xy(_LEFT + 60, y + 5.5 + 4.6 * k)
        pdf.cell(32, 4, amount(round(value, 2), st), align="R")
    bottom = _totals(pdf, quote, y + 1)
    y = max(bottom, y + 17) + 4
    pdf.set_font("DejaVu", "", 7.2)
    pdf.set_xy(_LEFT, y)
    pdf.multi_cell(_RIGHT - _LEFT, 3.4, _terms(quote))
    _signatures(pdf, quote, rng, pdf.get_y() + 3, "L'entreprise titulaire du marché d'entretien")
    _footer(pdf, quote, page[0])
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {
    "occupied": render_occupied,
    "imputation": render_imputation,
}
# Set 21's plan of scenarios and invoices, family for family: 13 fair, 7 for a reviewer, 2 invoices (the
# not-covered quote is imputation's).
_TEXT_SCENARIOS = {
    "occupied": families21._TEXT_SCENARIOS["multilot"],
    "imputation": families21._TEXT_SCENARIOS["inkind"],
}
_INVOICES = {"occupied": families21._INVOICES["multilot"], "imputation": families21._INVOICES["inkind"]}
SCANS = (
    ("occupied", "scan_pdf", "fair", DDE),
    ("occupied", "photo_jpeg", "inflated", DDE),
    ("imputation", "fax", "fair", DDE),
    ("imputation", "lowres", "fair", DDE),
)

SET = FamilySet(
    "families25",
    "vingt-cinquième",
    2700,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    lambda family, k, scenario: DDE,
    _INVOICES,
    SCANS,
    lambda k, _: False,
    export_or_letter(()),
    ("devis", "devis_remise_en_etat", "document", "piece_jointe", "envoi"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
