"""Frozen held-out set 24: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families24 OUT_DIR [--seed 2600]

Made once into ``tests/heldout/frozen24/`` (see its README) to measure session 21's start robot on
documents unlike the layouts of ``generate.py`` and ``families.py`` to ``families23.py``. Both come from
the firms called **after a fire or its smoke**: the post-fire cleaning and decontamination firms, and the
plasterers, painters and floor layers who restore the rooms after them:

- ``sampling``: a **decontamination firm's quote built on its surface samples**: it opens on **a table of
  the wipe samples taken at the visit (point, room, support, chlorides in µg/cm², a soot index out of 5, the
  class C1/C2/C3 it gives)** under the classes' legend; the priced grid **« Réf. | Méthode | Désignation |
  Qté | U | P.U. HT | Montant HT »** is **cut by heading rows per contamination class** (« CLASSE C3 –
  contamination forte : chlorures > 20 µg/cm² – points P2, P4 ») then the restoration after the clearance
  test and the site costs, each line carrying **a method code** (« LA » alkaline washing, « IS » insulating
  primer…) explained under the grid; a box states **the clearance target** (« chlorures < 5 µg/cm² sur
  chaque point, contrôle libératoire par nouveaux prélèvements ») before the totals;
- ``salvage``: a **restorer's quote that opens on its salvage inventory**: a grid **« Pièce | Élément | Nb
  | État constaté | Nettoyer | Remplacer | Expertise »** with a drawn tick box in each decision column (the
  rooms' contents, counted, left to the expert; the finishes the quote deals with); the priced works then
  sit **in two grids side by side, « A – CONSERVER : NETTOYER ET TRAITER » left and « B – DÉPOSER ET
  REMPLACER » right** (« Désignation | Qté | P.U. HT | Montant HT », the unit inside the quantity cell),
  their two sums opening the totals box (« Total A », « Total B », then HT, VAT, TTC).

Scans of four other documents of the two families (a flatbed scan; a phone photo asked, which ``degrade4``
scans flat for a two-page document; a fax; a low-resolution scan; ``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations): the cleaning, preparation and restoration works under fire (washing, stain-blocking primer,
wallpaper and floors removed, walls and ceilings painted, plasterboard and its joints, wallpaper hung,
laminate, skirting, suspended-ceiling tiles, inner doors, site costs), the not-covered quote under water
damage; their line wordings replaced by the public ones of ``tests/heldout/wordings24/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF

from tests.heldout import families21
from tests.heldout.catalog import DDE, INC
from tests.heldout.families import _site_text
from tests.heldout.families2 import _is_invoice, _phone, _title
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families7 import _UNITS
from tests.heldout.families10 import _terms
from tests.heldout.families11 import _cell_rows
from tests.heldout.families12 import open_page
from tests.heldout.families17 import _box_title, _scribble
from tests.heldout.families23 import _footer
from tests.heldout.family_set import FamilySet, export_or_letter, main
from tests.heldout.generate import Line, Quote
from tests.heldout.render import amount, fr_date, quantity, rate, siret_text

WORDINGS = Path(__file__).parent / "wordings24" / "wordings.tsv"

_LEFT, _RIGHT = 12.0, 198.0
_BOTTOM = 272.0

# The cleaning and restoration works after a fire, and the site costs.
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
)
_SITE = ("protection", "cleaning", "travel_setup", "labour")
# The works that decontaminate or clear a support (the others restore it).
_CLEARING = frozenset({"surface_prep", "stain_primer", "wallpaper_removal", "floor_removal"})


def _pick(worded: frozenset[str]) -> Callable[[random.Random, str, int], list[str]]:
    """The categories of a quote of set 24: the works after a fire, one to three site costs; only worded
    categories."""

    def pick(rng: random.Random, cover: str, count: int) -> list[str]:
        site = [c for c in _SITE if c in worded]
        work = [c for c in _WORK if c in worded]
        chosen = rng.sample(work, k=min(count, len(work)))
        extra = rng.sample(site, k=rng.randint(1, 3))
        return extra[:1] + chosen + extra[1:]

    return pick


def _totals(pdf: FPDF, quote: Quote, y: float, before: tuple[tuple[str, float], ...] = ()) -> float:
    """The totals boxed right (``before`` rows, HT, VAT, TTC; an invoice's deposit and net due); returns
    their bottom."""
    st = quote.style
    totals = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC", before)
    for k, (name, value) in enumerate(totals):
        pdf.set_font("DejaVu", "B" if name.startswith(("Total TTC", "Net")) else "", 8.6)
        pdf.set_xy(112, y + 5.1 * k)
        pdf.cell(53, 5, name)
        pdf.set_xy(165, y + 5.1 * k)
        pdf.cell(32, 5, amount(value, st), align="R")
    pdf.rect(110, y - 1, _RIGHT - 110, 5.1 * len(totals) + 2)
    return y + 5.1 * len(totals) + 1


def _heading(
    pdf: FPDF, quote: Quote, rng: random.Random, trades: tuple[str, ...], shade: tuple[int, int, int]
) -> float:
    """The firm left, the document's box right, the customer and the site; returns the y under them."""
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    pdf.set_font("DejaVu", "B", 14.5)
    pdf.set_xy(_LEFT, 12)
    pdf.cell(112, 7, a["name"])
    pdf.set_font("DejaVu", "", 7.6)
    firm = [rng.choice(trades), f"{a['legal_form']} – {a['address']}, {a['postal_code']} {a['city']}",
            f"Tél. {_phone(rng)} – urgences 7j/7", f"SIRET {siret_text(quote)} – TVA {a['tva_number']}"]  # fmt: skip
    pdf.set_xy(_LEFT, 20)
    pdf.multi_cell(112, 3.6, "\n".join(firm))
    box_x = 132.0
    pdf.set_fill_color(*shade)
    pdf.rect(box_x, 12, _RIGHT - box_x, 25, style="DF")
    pdf.set_font("DejaVu", "B", 10.5)
    pdf.set_xy(box_x + 1.5, 13)
    pdf.cell(_RIGHT - box_x - 3, 5, f"{_title(quote)} N° {quote.number}")
    facts = [f"Date : {fr_date(quote.date, st)}"]
    if quote.claim_reference:
        facts.append(f"Sinistre n° {quote.claim_reference}")
    facts.append(f"Survenu le {fr_date(quote.date_of_loss, st)}")
    if invoice:
        facts.append(f"Devis accepté n° {st['quote_ref']}")
        facts.append(f"Travaux du {fr_date(st['works_from'], st)} au {fr_date(st['works_to'], st)}")
    else:
        facts.append(f"Validité : {fr_date(quote.valid_until, st)}")
    pdf.set_font("DejaVu", "", 7.4)
    pdf.set_xy(box_x + 1.5, 18.5)
    pdf.multi_cell(_RIGHT - box_x - 3, 3.5, "\n".join(facts))
    y = 42.0
    _box_title(pdf, _LEFT, y, 90, "DONNEUR D'ORDRE", shade)
    pdf.set_font("DejaVu", "", 8)
    pdf.set_xy(_LEFT + 1.5, y + 7)
    pdf.multi_cell(87, 3.8, "\n".join(_customer(quote)))
    end = pdf.get_y()
    _box_title(pdf, 108, y, 90, "LOCAUX SINISTRÉS", shade)
    event = "incendie" if quote.cover == INC else "dégât des eaux"
    pdf.set_xy(109.5, y + 7)
    pdf.multi_cell(87, 3.8, "\n".join([_site_text(quote, rng), f"Nature du sinistre : {event}"]))
    return max(end, pdf.get_y()) + 4


def _signatures(pdf: FPDF, quote: Quote, rng: random.Random, y: float, left: str) -> None:
    if _is_invoice(quote):
        return
    for x, name in ((_LEFT, left), (108.0, "Le donneur d'ordre : date, signature, « Bon pour accord »")):
        pdf.rect(x, y, 90, 20)
        pdf.set_font("DejaVu", "", 7.4)
        pdf.set_xy(x + 1.5, y + 1)
        pdf.cell(86, 4, name)
    _scribble(pdf, _LEFT + 20, y + 6, rng)


# --------------------------------------------------------------------------- sampling (classes of contamination)

_ROOMS = ("Cuisine", "Séjour", "Entrée", "Couloir", "Chambre 1", "Chambre 2", "Palier", "Bureau", "Salle d'eau")
_SUPPORTS = ("Mur", "Plafond", "Menuiserie", "Sol", "Radiateur")
# (class, words, lowest and highest chlorides in µg/cm²)
_CLASSES = (
    ("C3", "contamination forte", 20.0, 60.0),
    ("C2", "contamination moyenne", 5.0, 20.0),
    ("C1", "contamination légère", 1.0, 5.0),
)
_METHOD = {
    "surface_prep": "LA",
    "stain_primer": "IS",
    "wallpaper_removal": "DP",
    "floor_removal": "DP",
    "wall_painting": "PT",
    "ceiling_painting": "PT",
    "plasterboard": "RP",
    "joint_filler": "RP",
    "wallpaper_laying": "RV",
    "laminate_floor": "RV",
    "skirting": "RV",
    "suspended_ceiling": "RP",
    "interior_door": "RP",
}
_METHODS_TEXT = ("Méthodes : LA lessivage alcalin et rinçage – IS isolation des suies – DP dépose et évacuation – "
                 "PT mise en peinture – RP remplacement – RV revêtement neuf – « — » frais de chantier.")  # fmt: skip
_CLEANERS_LINE = (
    "Nettoyage après sinistre – Décontamination des suies – Traitement des odeurs",
    "Dépollution après incendie – Assainissement – Remise en état",
    "Décontamination et nettoyage technique après feu et fumées",
)


def _samples(rng: random.Random, classes: list[str]) -> list[tuple[str, str, str, float, int, str]]:
    """The wipe samples of the visit: (point, room, support, chlorides, soot index, class), one at least of
    each class in ``classes``, four to six in all."""
    count = rng.randint(max(4, len(classes)), 6)
    drawn = classes + [rng.choice(("C1", "C2", "C3")) for _ in range(count - len(classes))]
    rng.shuffle(drawn)
    rows = []
    for k, cls in enumerate(drawn, start=1):
        lo, hi = next((c[2], c[3]) for c in _CLASSES if c[0] == cls)
        value = round(rng.uniform(lo + 0.1, hi - 0.1), 1)
        soot = {"C3": rng.randint(4, 5), "C2": rng.randint(2, 3), "C1": 1}[cls]
        rows.append((f"P{k}", rng.choice(_ROOMS), rng.choice(_SUPPORTS), value, soot, cls))
    return rows


def render_sampling(quote: Quote, rng: random.Random) -> bytes:
    st = quote.style
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    page = [1]
    shade = (226, 232, 226)
    cols = (("Réf.", 11.0, "L"), ("Méthode", 15.0, "C"), ("Désignation", 86.0, "L"), ("Qté", 14.0, "R"),
            ("U", 10.0, "C"), ("P.U. HT", 22.0, "R"), ("Montant HT", 28.0, "R"))  # fmt: skip

    def header(top: float) -> float:
        pdf.set_fill_color(70, 84, 70)
        pdf.rect(_LEFT, top, _RIGHT - _LEFT, 5.6, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("Cond", "B", 8)
        x = _LEFT
        for name, w, align in cols:
            pdf.set_xy(x + 0.8, top + 0.8)
            pdf.cell(w - 1.6, 4, name, align=align)
            x += w
        pdf.set_text_color(0, 0, 0)
        return top + 6.6

    def new_page(grid: bool) -> float:
        _footer(pdf, quote, page[0])
        pdf.add_page()
        page[0] += 1
        pdf.set_font("DejaVu", "", 7)
        pdf.set_xy(_LEFT, 10)
        pdf.cell(_RIGHT - _LEFT, 4, f"{_title(quote).capitalize()} n° {quote.number} – suite")
        return header(16.0) if grid else 16.0

    y = _heading(pdf, quote, rng, _CLEANERS_LINE, shade)
    # the lines by section: the clearing works by class, the restoration, the site costs
    clearing = [ln for ln in quote.lines if ln.category in _CLEARING]
    restoring = [ln for ln in quote.lines if ln.category in _METHOD and ln.category not in _CLEARING]
    site = [ln for ln in quote.lines if ln.category not in _METHOD]
    worst = ["C3", "C2"][: max(1, min(2, len(clearing)))]
    samples = _samples(rng, [*worst, "C1"])
    by_class: dict[str, list[Line]] = {cls: [] for cls in worst}
    for k, line in enumerate(clearing):
        by_class[worst[k % len(worst)]].append(line)
    # the samples' table
    _box_title(pdf, _LEFT, y, _RIGHT - _LEFT, f"DIAGNOSTIC DE CONTAMINATION – prélèvements surfaciques du "
               f"{fr_date(quote.date, st)}", shade)  # fmt: skip
    y += 6.5
    widths = (16.0, 40.0, 32.0, 36.0, 30.0, 32.0)
    names = ("Point", "Pièce", "Support", "Chlorures (µg/cm²)", "Suies (indice /5)", "Classe")
    pdf.set_font("Cond", "B", 7.8)
    x = _LEFT
    for name, w in zip(names, widths, strict=True):
        pdf.set_xy(x, y)
        pdf.cell(w, 4.4, name, border=1, align="C")
        x += w
    y += 4.4
    for point, room, support, value, soot, cls in samples:
        values = (point, room, support, f"{value:.1f}".replace(".", ","), str(soot), cls)
        x = _LEFT
        pdf.set_font("Cond", "", 7.8)
        for text, w in zip(values, widths, strict=True):
            pdf.set_xy(x, y)
            pdf.cell(w, 4.4, text, border=1, align="C")
            x += w
        y += 4.4
    pdf.set_font("Cond", "", 7)
    pdf.set_xy(_LEFT, y + 0.8)
    pdf.cell(_RIGHT - _LEFT, 3.4, "Classes : C1 < 5 µg/cm² (légère) – C2 de 5 à 20 µg/cm² (moyenne) – C3 > 20 µg/cm² "
             "(forte). Prélèvements par lingette sur 100 cm², analyse par chromatographie ionique.")  # fmt: skip
    y += 7
    pdf.set_font("DejaVu", "B", 9)
    pdf.set_xy(_LEFT, y)
    title = "Travaux réalisés" if invoice else "Proposition de décontamination et de remise en état"
    pdf.cell(_RIGHT - _LEFT, 5, title)
    y = header(y + 6)
    sections: list[tuple[str, list[Line]]] = []
    for cls, words, lo, hi in _CLASSES:
        if by_class.get(cls):
            points = ", ".join(s[0] for s in samples if s[5] == cls)
            bound = f"> {lo:.0f}" if cls == "C3" else f"de {lo:.0f} à {hi:.0f}"
            sections.append((f"CLASSE {cls} – {words} : chlorures {bound} µg/cm² – points {points}", by_class[cls]))
    if restoring:
        sections.append(("REMISE EN ÉTAT APRÈS CONTRÔLE LIBÉRATOIRE", restoring))
    if site:
        sections.append(("INSTALLATION, PROTECTION ET REPLI", site))
    n = 0
    for title, lines in sections:
        if y + 12 > _BOTTOM:
            y = new_page(True)
        pdf.set_fill_color(*shade)
        pdf.rect(_LEFT, y, _RIGHT - _LEFT, 5, style="F")
        pdf.set_font("Cond", "B", 7.8)
        pdf.set_xy(_LEFT + 1.5, y + 0.6)
        pdf.cell(_RIGHT - _LEFT - 3, 3.8, title)
        y += 5.6
        for line in lines:
            n += 1
            pdf.set_font("DejaVu", "", 7.6)
            wrapped = _cell_rows(pdf, line.designation, cols[2][1] - 1.6)
            h = 3.8 * len(wrapped) + 1.4
            if y + h > _BOTTOM:
                y = new_page(True)
                pdf.set_font("DejaVu", "", 7.6)
            cells = (f"{n:02d}", _METHOD.get(line.category, "—"), "", quantity(line.quantity), _UNITS[line.unit],
                     amount(line.unit_price_ht, st, False), amount(line.total_ht, st, False))  # fmt: skip
            x = _LEFT
            for (_, w, align), text in zip(cols, cells, strict=True):
                if text:
                    pdf.set_xy(x + 0.8, y + 0.6)
                    pdf.cell(w - 1.6, 3.8, text, align=align)
                x += w
            for r, text in enumerate(wrapped):
                pdf.set_xy(_LEFT + cols[0][1] + cols[1][1] + 0.8, y + 0.6 + 3.8 * r)
                pdf.cell(cols[2][1] - 1.6, 3.8, text)
            pdf.set_draw_color(205, 205, 205)
            pdf.line(_LEFT, y + h, _RIGHT, y + h)
            pdf.set_draw_color(0, 0, 0)
            y += h
    pdf.set_font("Cond", "", 7)
    pdf.set_xy(_LEFT, y + 1)
    pdf.multi_cell(_RIGHT - _LEFT, 3.3, _METHODS_TEXT)
    y = pdf.get_y() + 2
    rows = len(_total_rows(quote, "", lambda v: "", ""))
    if y + 5.1 * rows + 46 > _BOTTOM:
        y = new_page(False)
    # the clearance target, then the totals
    pdf.rect(_LEFT, y, 94, 22)
    pdf.set_font("Cond", "B", 7.8)
    pdf.set_xy(_LEFT + 1.5, y + 0.8)
    pdf.cell(90, 4, "OBJECTIF DE DÉCONTAMINATION")
    pdf.set_font("Cond", "", 7.4)
    pdf.set_xy(_LEFT + 1.5, y + 5)
    pdf.multi_cell(91, 3.4, "Chlorures < 5 µg/cm² sur chaque point prélevé. Contrôle libératoire par nouveaux "
                   "prélèvements aux mêmes points avant toute remise en peinture ; rapport d'analyse remis au "
                   "donneur d'ordre et à l'expert.")  # fmt: skip
    bottom = _totals(pdf, quote, y + 1)
    y = max(bottom, y + 22) + 4
    pdf.set_font("DejaVu", "", 7.2)
    pdf.set_xy(_LEFT, y)
    pdf.multi_cell(_RIGHT - _LEFT, 3.4, _terms(quote) + " Intervenants équipés (combinaisons, masques P3) ; "
                   "déchets évacués avec bordereau de suivi.")  # fmt: skip
    _signatures(pdf, quote, rng, pdf.get_y() + 3, "Le chargé d'affaires décontamination")
    _footer(pdf, quote, page[0])
    return bytes(pdf.output())


# --------------------------------------------------------------------------- salvage (inventory, two grids)

_RESTORERS_LINE = (
    "Plâtrerie – Peinture – Revêtements de sols – Rénovation après incendie",
    "Peinture, plaques de plâtre et sols – Remise en état après sinistre",
    "Second œuvre après sinistre : plâtrerie, peinture, parquet",
)
# Contents the inventory counts and leaves to the expert: (element, (lowest, highest) count, states)
_CONTENTS = (
    ("Canapé", (1, 2), ("imprégné de fumée", "tissu noirci")),
    ("Rideaux et voilages", (2, 6), ("odeur de fumée", "suie sur les plis")),
    ("Matelas", (1, 2), ("odeur de fumée",)),
    ("Livres et papiers", (10, 40), ("bords roussis", "suie")),
    ("Électroménager", (1, 3), ("carter fondu", "dépôt gras")),
    ("Vêtements (penderie)", (15, 40), ("odeur de fumée",)),
    ("Chaises", (2, 6), ("vernis cloqué", "suie")),
)
# The finish each work deals with, its state, its decision (A clean and treat, B remove and replace)
_FINISH = {
    "surface_prep": ("Murs peints", "film de suie", "A"),
    "stain_primer": ("Murs et plafond", "auréoles de fumée", "A"),
    "wall_painting": ("Peinture des murs", "noircie", "A"),
    "ceiling_painting": ("Plafond", "voile de suie", "A"),
    "wallpaper_removal": ("Papier peint", "imprégné de suie", "B"),
    "floor_removal": ("Revêtement de sol", "cloqué par la chaleur", "B"),
    "plasterboard": ("Doublage plâtre", "carbonisé", "B"),
    "joint_filler": ("Joints de plaques", "fissurés", "B"),
    "wallpaper_laying": ("Revêtement mural", "à refaire", "B"),
    "laminate_floor": ("Parquet stratifié", "gondolé", "B"),
    "skirting": ("Plinthes", "brûlées", "B"),
    "suspended_ceiling": ("Dalles de faux plafond", "déformées", "B"),
    "interior_door": ("Bloc-porte", "calciné", "B"),
}


def _tick(pdf: FPDF, x: float, y: float, ticked: bool) -> None:
    """A drawn tick box, crossed when ``ticked``."""
    pdf.rect(x, y, 2.8, 2.8)
    if ticked:
        pdf.line(x + 0.4, y + 0.4, x + 2.4, y + 2.4)
        pdf.line(x + 0.4, y + 2.4, x + 2.4, y + 0.4)


def _grid(
    pdf: FPDF, quote: Quote, x0: float, y: float, title: str, lines: list[Line], new_page: Callable[[], float]
) -> float:
    """One of the two grids side by side: its title band, its header, its lines; returns its bottom (on
    the page it ends on)."""
    st = quote.style
    cols = (("Désignation", 45.0, "L"), ("Qté", 14.0, "R"), ("P.U. HT", 15.0, "R"), ("Montant HT", 17.0, "R"))
    width = sum(w for _, w, _ in cols)
    pdf.set_fill_color(58, 58, 58)
    pdf.rect(x0, y, width, 5.4, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Cond", "B", 7.8)
    pdf.set_xy(x0 + 1.2, y + 0.7)
    pdf.cell(width - 2.4, 4, title)
    pdf.set_text_color(0, 0, 0)
    y += 6
    pdf.set_font("Cond", "B", 7.2)
    x = x0
    for name, w, align in cols:
        pdf.set_xy(x + 0.6, y)
        pdf.cell(w - 1.2, 3.8, name, align=align)
        x += w
    pdf.line(x0, y + 4.2, x0 + width, y + 4.2)
    y += 4.8
    if not lines:
        pdf.set_font("DejaVu", "", 7)
        pdf.set_xy(x0 + 0.6, y)
        pdf.cell(cols[0][1], 3.6, "Néant")
        return y + 4
    for line in lines:
        pdf.set_font("DejaVu", "", 7)
        wrapped = _cell_rows(pdf, line.designation, cols[0][1] - 1.2)
        h = 3.4 * len(wrapped) + 1.4
        if y + h > _BOTTOM:
            y = new_page()
            pdf.set_font("DejaVu", "", 7)
        for r, text in enumerate(wrapped):
            pdf.set_xy(x0 + 0.6, y + 0.5 + 3.4 * r)
            pdf.cell(cols[0][1] - 1.2, 3.4, text)
        cells = (f"{quantity(line.quantity)} {_UNITS[line.unit]}", amount(line.unit_price_ht, st, False),
                 amount(line.total_ht, st, False))  # fmt: skip
        x = x0 + cols[0][1]
        for (_, w, align), text in zip(cols[1:], cells, strict=True):
            pdf.set_xy(x + 0.6, y + 0.5)
            pdf.cell(w - 1.2, 3.4, text, align=align)
            x += w
        pdf.set_draw_color(210, 210, 210)
        pdf.line(x0, y + h, x0 + width, y + h)
        pdf.set_draw_color(0, 0, 0)
        y += h
    return y


def render_salvage(quote: Quote, rng: random.Random) -> bytes:
    st = quote.style
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    pages = [1]
    shade = (238, 230, 218)
    y = _heading(pdf, quote, rng, _RESTORERS_LINE, shade)
    a_side = [ln for ln in quote.lines if _FINISH.get(ln.category, ("", "", "A"))[2] == "A"]
    b_side = [ln for ln in quote.lines if _FINISH.get(ln.category, ("", "", "A"))[2] == "B"]
    # the salvage inventory: some contents for the expert, the finishes the quote deals with
    rows: list[tuple[str, str, str, str, str]] = []
    finishes: list[tuple[str, str, str]] = []
    for line in quote.lines:
        if line.category in _FINISH and _FINISH[line.category][0] not in [f[0] for f in finishes]:
            finishes.append(_FINISH[line.category])
    for name, (lo, hi), states in rng.sample(_CONTENTS, k=rng.randint(2, 3)):
        rows.append((rng.choice(_ROOMS), name, str(rng.randint(lo, hi)), rng.choice(states), "E"))
    for name, state, decision in finishes[:5]:
        rows.append((rng.choice(_ROOMS), name, "—", state, decision))
    rng.shuffle(rows)
    visit = "Inventaire contradictoire – visite du " + fr_date(quote.date, st)
    _box_title(pdf, _LEFT, y, _RIGHT - _LEFT, f"INVENTAIRE ET DÉCISION PAR ÉLÉMENT – {visit}", shade)
    y += 6.5
    widths = (30.0, 44.0, 12.0, 46.0, 18.0, 18.0, 18.0)
    names = ("Pièce", "Élément", "Nb", "État constaté", "Nettoyer", "Remplacer", "Expertise")
    pdf.set_font("Cond", "B", 7.6)
    x = _LEFT
    for name, w in zip(names, widths, strict=True):
        pdf.set_xy(x, y)
        pdf.cell(w, 4.4, name, border=1, align="C" if w < 20 else "L")
        x += w
    y += 4.4
    for room, element, count, state, decision in rows:
        x = _LEFT
        pdf.set_font("Cond", "", 7.6)
        for text, w in zip((room, element, count, state), widths[:4], strict=True):
            pdf.set_xy(x, y)
            pdf.cell(w, 4.4, text, border=1, align="C" if w < 20 else "L")
            x += w
        for mark, w in zip(("A", "B", "E"), widths[4:], strict=True):
            pdf.rect(x, y, w, 4.4)
            _tick(pdf, x + w / 2 - 1.4, y + 0.8, decision == mark)
            x += w
        y += 4.4
    pdf.set_font("Cond", "", 7)
    pdf.set_xy(_LEFT, y + 0.8)
    pdf.multi_cell(_RIGHT - _LEFT, 3.3, "Nettoyer : traité sur place (colonne A) – Remplacer : déposé et remplacé "
                   "(colonne B) – Expertise : bien mobilier laissé à l'appréciation de l'expert, hors du présent "
                   f"{'document' if invoice else 'devis'}.")  # fmt: skip
    y = pdf.get_y() + 4
    pdf.set_font("DejaVu", "B", 9)
    # the two grids side by side, each carried to the next page alone when it runs long
    pdf.set_font("DejaVu", "", 7)
    tallest = max(
        sum(3.4 * len(_cell_rows(pdf, ln.designation, 43.8)) + 1.4 for ln in side) for side in (a_side, b_side)
    )
    if y + 16 + tallest > _BOTTOM:
        _footer(pdf, quote, pages[0])
        pdf.add_page()
        pages[0] += 1
        y = 16.0
    pdf.set_font("DejaVu", "B", 9)
    pdf.set_xy(_LEFT, y)
    pdf.cell(_RIGHT - _LEFT, 5, "Travaux réalisés" if invoice else "Travaux proposés après l'inventaire")
    y += 7
    start_page = pdf.page

    def next_page() -> float:
        if pdf.page < pages[0]:
            pdf.page += 1
        else:
            _footer(pdf, quote, pages[0])
            pdf.add_page()
            pages[0] += 1
        return 16.0

    ends = []
    grids: tuple[tuple[float, str, list[Line]], ...] = (
        (_LEFT, "A – CONSERVER : NETTOYER ET TRAITER", a_side),
        (_LEFT + 95.0, "B – DÉPOSER ET REMPLACER", b_side),
    )
    for x0, heading, side in grids:
        pdf.page = start_page
        bottom = _grid(pdf, quote, x0, y, heading, side, next_page)
        ends.append((pdf.page, bottom))
    last_page, y = max(ends)
    pdf.page = last_page
    total_a = round(sum(ln.total_ht for ln in a_side), 2)
    total_b = round(sum(ln.total_ht for ln in b_side), 2)
    before = (("Total A – nettoyer et traiter", total_a), ("Total B – déposer et remplacer", total_b))
    rows_count = len(_total_rows(quote, "", lambda v: "", "", before))
    if y + 5.1 * rows_count + 40 > _BOTTOM:
        y = next_page()
    bottom = _totals(pdf, quote, y + 5, before)
    pdf.set_font("DejaVu", "", 7.2)
    pdf.set_xy(_LEFT, y + 5)
    pdf.multi_cell(94, 3.4, "Travaux de la colonne B après décontamination des locaux par l'entreprise de "
                   "nettoyage mandatée. " + _terms(quote))  # fmt: skip
    y = max(bottom, pdf.get_y()) + 4
    _signatures(pdf, quote, rng, y, "L'entreprise")
    _footer(pdf, quote, pages[0])
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {
    "sampling": render_sampling,
    "salvage": render_salvage,
}
# Set 21's plan of scenarios and invoices, family for family: 13 fair, 7 for a reviewer, 2 invoices (the
# not-covered quote is salvage's).
_TEXT_SCENARIOS = {
    "sampling": families21._TEXT_SCENARIOS["multilot"],
    "salvage": families21._TEXT_SCENARIOS["inkind"],
}
_INVOICES = {"sampling": families21._INVOICES["multilot"], "salvage": families21._INVOICES["inkind"]}
SCANS = (
    ("sampling", "scan_pdf", "fair", INC),
    ("sampling", "photo_jpeg", "inflated", INC),
    ("salvage", "fax", "fair", INC),
    ("salvage", "lowres", "fair", INC),
)


def _cover(family: str, k: int, scenario: str) -> str:
    """Fire for every quote; a not-covered quote under water damage (the work its generator adds, a leak
    repair or a glazing, is what the cover leaves out)."""
    return DDE if scenario == "not_covered" else INC


SET = FamilySet(
    "families24",
    "vingt-quatrième",
    2600,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    _cover,
    _INVOICES,
    SCANS,
    lambda k, _: False,
    export_or_letter(()),
    ("devis", "devis_nettoyage", "document", "piece_jointe", "envoi"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
