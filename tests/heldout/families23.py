"""Frozen held-out set 23: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families23 OUT_DIR [--seed 2500]

Made once into ``tests/heldout/frozen23/`` (see its README) to measure session 20's start robot and
its rounds on documents unlike the layouts of ``generate.py`` and ``families.py`` to ``families22.py``.
Both come from the **glaziers, locksmiths, roller-shutter and window fitters** called after a break-in
or a storm, and the follow-up works they quote:

- ``openings``: a **window and glazing fitter's quote drawn per opening** (« par repère »): every glazing
  is **a card of its own: a shaded title « Repère F2 – Séjour – Fenêtre 2 vantaux », an elevation sketch
  of the opening seen from inside (frame, sashes, the opening triangles, the width and height dimension
  lines in millimetres), beside it the work's wording and its specification (glass make-up, spacer,
  fitting, cause), and under it a priced row « Surface facturée … m² × P.U. HT … = Montant HT … »**; the
  other work in a small table « Prestations complémentaires »; then **a recap per opening** (« Repère F2 –
  Séjour » and its amount, the complementary work's sum) before the totals;
- ``windcheck``: a **shutter and window fitter's quote after a storm that opens on its damage survey**: a
  **« CONSTAT DES DOMMAGES » matrix, the building's elements in rows (roller shutters, windows and glazing,
  awning, outer doors, inner walls and ceilings, inner floors) and its four façades in columns, an « X »
  where the survey found damage, an observation per row**; **a box « ÉVÉNEMENT CLIMATIQUE »** (the storm's
  date, the highest gust at the nearest weather station in km/h, the contract's 100 km/h threshold, the
  weather certificate); the lines then carry **a « Constat » column naming the matrix cell they repair**
  (« M-S » inner walls, south); the shutters and glazing « font l'objet d'un devis séparé ».

Scans of four other documents of the two families (a flatbed scan; a phone photo asked, which
``degrade4`` scans flat for a two-page document; a fax; a low-resolution scan; ``degradation`` in the
truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations): glazing under glass breakage for ``openings`` (with one or two site costs), the interior
follow-up works under storm for ``windcheck`` (painting, preparation, stain primer, plasterboard and joints,
wallpaper, laminate and floors removed, skirting, inner doors, site costs), the not-covered quote under
water damage; their line wordings replaced by the public ones of ``tests/heldout/wordings23/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF

from tests.heldout import families21
from tests.heldout.catalog import BDG, DDE, TGN
from tests.heldout.families import _site_text
from tests.heldout.families2 import _is_invoice, _phone, _title
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families7 import _UNITS
from tests.heldout.families10 import _terms
from tests.heldout.families11 import _cell_rows
from tests.heldout.families12 import open_page
from tests.heldout.families17 import _box_title, _scribble
from tests.heldout.family_set import FamilySet, export_or_letter, main
from tests.heldout.generate import Line, Quote
from tests.heldout.render import amount, fr_date, quantity, rate, siret_text

WORDINGS = Path(__file__).parent / "wordings23" / "wordings.tsv"

_LEFT, _RIGHT = 12.0, 198.0
_BOTTOM = 272.0

# The follow-up works after a storm, and the site costs of each cover.
_WORK = (
    "wall_painting",
    "ceiling_painting",
    "surface_prep",
    "stain_primer",
    "plasterboard",
    "joint_filler",
    "wallpaper_removal",
    "wallpaper_laying",
    "laminate_floor",
    "floor_removal",
    "skirting",
    "interior_door",
)
_SITE = {BDG: ("travel_setup", "protection", "cleaning"), TGN: ("protection", "cleaning", "travel_setup", "labour")}


def _pick(worded: frozenset[str]) -> Callable[[random.Random, str, int], list[str]]:
    """The categories of a quote of set 23: glazing under glass breakage, else the follow-up works; one
    to three site costs; only worded categories."""

    def pick(rng: random.Random, cover: str, count: int) -> list[str]:
        site = [c for c in _SITE.get(cover, _SITE[TGN]) if c in worded]
        if cover == BDG:
            extra = rng.sample(site, k=rng.randint(1, 2))
            return ["double_glazing"] * count + extra
        work = [c for c in _WORK if c in worded]
        chosen = rng.sample(work, k=min(count, len(work)))
        extra = rng.sample(site, k=rng.randint(1, 3))
        return extra[:1] + chosen + extra[1:]

    return pick


def _footer(pdf: FPDF, quote: Quote, page: int) -> None:
    a = quote.artisan
    pdf.set_font("DejaVu", "", 6.6)
    pdf.set_xy(_LEFT, 284)
    vat = f" – TVA {a['tva_number']}" if a.get("tva_number") else ""
    pdf.cell(160, 3.5, f"{a['name']} {a['legal_form']} – SIRET {siret_text(quote)}{vat}")
    pdf.set_xy(_RIGHT - 25, 284)
    pdf.cell(25, 3.5, f"Page {page}", align="R")


def _totals(pdf: FPDF, quote: Quote, y: float) -> float:
    """The totals boxed right (HT, VAT, TTC; an invoice's deposit and net due); returns their bottom."""
    st = quote.style
    totals = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    for k, (name, value) in enumerate(totals):
        pdf.set_font("DejaVu", "B" if name.startswith(("Total TTC", "Net")) else "", 8.8)
        pdf.set_xy(122, y + 5.2 * k)
        pdf.cell(43, 5, name)
        pdf.set_xy(165, y + 5.2 * k)
        pdf.cell(32, 5, amount(value, st), align="R")
    pdf.rect(120, y - 1, _RIGHT - 120, 5.2 * len(totals) + 2)
    return y + 5.2 * len(totals) + 1


# --------------------------------------------------------------------------- openings (one card per opening)

# (mark letter, kind, sashes, (min, max) width and (min, max) height of its glass in mm)
Kind = tuple[str, str, int, tuple[int, int], tuple[int, int]]
_ROOMS = ("Séjour", "Cuisine", "Chambre 1", "Chambre 2", "Entrée", "Salle de bains", "Bureau", "Véranda")
_KINDS = (
    ("F", "Fenêtre 1 vantail", 1, (500, 800), (900, 1300)),
    ("F", "Fenêtre 2 vantaux", 2, (900, 1400), (950, 1450)),
    ("PF", "Porte-fenêtre 2 vantaux", 2, (1000, 1500), (1900, 2200)),
    ("B", "Baie coulissante 2 vantaux", 2, (1400, 2400), (1900, 2200)),
    ("I", "Imposte fixe", 0, (600, 1200), (350, 600)),
)
_MAKEUPS = ("4/16/4 FE argon", "4/20/4 FE argon", "44.2/16/4 FE argon", "SP10/14/4 FE argon", "4/16/44.2 acoustique")
_FITTERS_LINE = (
    "Menuiseries PVC & alu – Vitrerie – Volets roulants – Dépannage bris de glace 7j/7",
    "Vitrerie – Miroiterie – Fermetures – Mise en sécurité après effraction",
    "Fenêtres, portes et vitrages sur mesure – Pose et remplacement",
)
_TECHNICIANS = ("M. Garcia", "M. Leroux", "Mme Petit", "M. Benoît")


def _kind(line: Line, rng: random.Random) -> Kind:
    """An opening whose usual sizes hold the line's billed surface (a fixed light when none does)."""
    area = line.quantity * 1_000_000
    fits = [k for k in _KINDS if k[3][0] * k[4][0] <= area <= k[3][1] * k[4][1]]
    return rng.choice(fits) if fits else _KINDS[-1]


def _sizes(line: Line, rng: random.Random, kind: Kind) -> tuple[int, int]:
    """The glass's width and height in millimetres, within the opening's usual sizes where they can be,
    their product near the billed surface."""
    area = max(line.quantity, 0.2) * 1_000_000
    (wlo, whi), (hlo, hhi) = kind[3], kind[4]
    lo, hi = max(wlo, area / hhi), min(whi, area / hlo)
    if lo > hi:
        lo = hi = area**0.5
    width = round(rng.uniform(lo, hi) / 10) * 10
    return width, round(area / width / 10) * 10


def _cause(quote: Quote, rng: random.Random) -> str:
    """The cause the glazier notes, from what the lines say (else one a glazier meets)."""
    text = " ".join(line.designation.lower() for line in quote.lines)
    if "tempête" in text or "grêle" in text:
        return "tempête"
    if any(word in text for word in ("effraction", "cambrioleur", "pied-de-biche", "forcé", "fracturé")):
        return "effraction"
    return rng.choice(("vandalisme", "bris accidentel", "effraction"))


def _sketch(pdf: FPDF, x: float, y: float, size: float, leaves: int, width: int, height: int) -> None:
    """The opening seen from inside: the frame, its sashes with their opening triangles, the dimension
    lines in millimetres; ``size`` is the box's side."""
    box = size - 10
    scale = box / max(width, height)
    w, h = width * scale, height * scale
    fx, fy = x + 8 + (box - w) / 2, y + 1 + (box - h) / 2
    pdf.set_line_width(0.45)
    pdf.rect(fx, fy, w, h)
    pdf.set_line_width(0.2)
    inset = 1.4
    count = max(leaves, 1)
    leaf_w = (w - 2 * inset) / count
    for k in range(count):
        lx = fx + inset + k * leaf_w
        pdf.rect(lx + 0.4, fy + inset, leaf_w - 0.8, h - 2 * inset)
        if leaves:
            hinge_left = k == 0
            hx = lx + 0.4 if hinge_left else lx + leaf_w - 0.4
            tip = lx + leaf_w - 0.4 if hinge_left else lx + 0.4
            pdf.set_dash_pattern(dash=0.8, gap=0.6)
            pdf.line(hx, fy + inset, tip, fy + h / 2)
            pdf.line(hx, fy + h - inset, tip, fy + h / 2)
            pdf.set_dash_pattern()
    # dimension lines: the width under the frame, the height left of it
    pdf.set_draw_color(90, 90, 90)
    by = fy + h + 3
    pdf.line(fx, by, fx + w, by)
    pdf.line(fx, by - 1, fx, by + 1)
    pdf.line(fx + w, by - 1, fx + w, by + 1)
    lx = fx - 3
    pdf.line(lx, fy, lx, fy + h)
    pdf.line(lx - 1, fy, lx + 1, fy)
    pdf.line(lx - 1, fy + h, lx + 1, fy + h)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_font("Cond", "", 6.8)
    pdf.set_xy(fx, by + 0.3)
    pdf.cell(w, 3, f"{width:,}".replace(",", " "), align="C")
    with pdf.rotation(90, lx - 1.2, fy + h / 2):
        pdf.set_xy(lx - 1.2 - 8, fy + h / 2 - 3)
        pdf.cell(16, 3, f"{height:,}".replace(",", " "), align="C")


def render_openings(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    page = [1]

    def new_page() -> float:
        _footer(pdf, quote, page[0])
        pdf.add_page()
        page[0] += 1
        pdf.set_font("DejaVu", "", 7)
        pdf.set_xy(_LEFT, 10)
        pdf.cell(_RIGHT - _LEFT, 4, f"{_title(quote).capitalize()} n° {quote.number} – suite")
        return 17.0

    def room_for(top: float, h: float) -> float:
        return new_page() if top + h > _BOTTOM else top

    # the firm, the document box, the customer and the site
    pdf.set_font("DejaVu", "B", 15)
    pdf.set_xy(_LEFT, 12)
    pdf.cell(110, 7, a["name"])
    pdf.set_font("DejaVu", "", 7.6)
    firm = [rng.choice(_FITTERS_LINE), f"{a['legal_form']} – {a['address']}, {a['postal_code']} {a['city']}",
            f"Tél. {_phone(rng)}", f"SIRET {siret_text(quote)} – TVA {a['tva_number']}"]  # fmt: skip
    pdf.set_xy(_LEFT, 20)
    pdf.multi_cell(112, 3.6, "\n".join(firm))
    box_x = 130.0
    pdf.set_fill_color(232, 238, 244)
    pdf.rect(box_x, 12, _RIGHT - box_x, 26, style="DF")
    pdf.set_font("DejaVu", "B", 10.5)
    pdf.set_xy(box_x + 1.5, 13)
    pdf.cell(_RIGHT - box_x - 3, 5, f"{_title(quote)} N° {quote.number}")
    facts = [f"Du {fr_date(quote.date, st)}"]
    if quote.claim_reference:
        facts.append(f"Dossier bris de glace n° {quote.claim_reference}")
    facts.append(f"Sinistre du {fr_date(quote.date_of_loss, st)}")
    if invoice:
        facts.append(f"Devis accepté n° {st['quote_ref']}")
        facts.append(f"Posé du {fr_date(st['works_from'], st)} au {fr_date(st['works_to'], st)}")
    else:
        facts.append(f"Offre valable jusqu'au {fr_date(quote.valid_until, st)}")
    pdf.set_font("DejaVu", "", 7.4)
    pdf.set_xy(box_x + 1.5, 18.5)
    pdf.multi_cell(_RIGHT - box_x - 3, 3.6, "\n".join(facts))
    y = 44.0
    _box_title(pdf, _LEFT, y, 90, "CLIENT", (232, 238, 244))
    pdf.set_font("DejaVu", "", 8)
    pdf.set_xy(_LEFT + 1.5, y + 7)
    pdf.multi_cell(87, 3.8, "\n".join(_customer(quote)))
    end = pdf.get_y()
    _box_title(pdf, 108, y, 90, "LIEU DE POSE", (232, 238, 244))
    cause = _cause(quote, rng)
    site = [_site_text(quote, rng), f"Cause du bris : {cause}",
            f"Métrage sur place par {rng.choice(_TECHNICIANS)}"]  # fmt: skip
    pdf.set_xy(109.5, y + 7)
    pdf.multi_cell(87, 3.8, "\n".join(site))
    y = max(end, pdf.get_y()) + 4
    pdf.set_font("DejaVu", "B", 9.5)
    pdf.set_xy(_LEFT, y)
    title = "Vitrages remplacés" if invoice else "Remplacement des vitrages brisés"
    pdf.cell(_RIGHT - _LEFT, 5, f"{title} – détail par repère (cotes en mm, vues de l'intérieur)")
    y += 8
    # one card per glazing, the other work kept for the complementary table
    cards = [ln for ln in quote.lines if ln.category == "double_glazing"]
    others = [ln for ln in quote.lines if ln.category != "double_glazing"]
    recap: list[tuple[str, float]] = []
    numbers: dict[str, int] = {}
    for line in cards:
        kind = _kind(line, rng)
        numbers[kind[0]] = numbers.get(kind[0], 0) + 1
        mark = f"{kind[0]}{numbers[kind[0]]}"
        room = rng.choice(_ROOMS)
        width, height = _sizes(line, rng, kind)
        pdf.set_font("DejaVu", "B", 8.4)
        wrapped = _cell_rows(pdf, line.designation, 124)
        specs = [
            f"Composition : {rng.choice(_MAKEUPS)}",
            f"Dimensions du vitrage : L {width} × H {height} mm",
            "Intercalaire : " + rng.choice(("warm edge noir", "aluminium gris", "warm edge gris")),
            "Pose : " + rng.choice(("en feuillure, parcloses reposées", "sous parcloses neuves", "au mastic")),
            f"Menuiserie : {rng.choice(('PVC blanc', 'aluminium gris anthracite', 'bois lasuré'))}, conservée",
        ]
        h = max(48.0, 7 + 3.9 * len(wrapped) + 3.5 * len(specs) + 12)
        y = room_for(y, h + 3)
        pdf.set_fill_color(214, 226, 238)
        pdf.rect(_LEFT, y, _RIGHT - _LEFT, 5.6, style="F")
        pdf.set_font("DejaVu", "B", 8.6)
        pdf.set_xy(_LEFT + 1.5, y + 0.7)
        pdf.cell(150, 4.2, f"Repère {mark} – {room} – {kind[1]}")
        pdf.rect(_LEFT, y, _RIGHT - _LEFT, h)
        _sketch(pdf, _LEFT + 1, y + 7, h - 13, kind[2], width, height)
        pdf.set_font("Cond", "", 6.6)
        pdf.set_xy(_LEFT + 2, y + h - 4.2)
        pdf.cell(40, 3, "Vue intérieure", align="C")
        tx = _LEFT + 56
        pdf.set_font("DejaVu", "B", 8.4)
        for r, text in enumerate(wrapped):
            pdf.set_xy(tx, y + 7 + 3.9 * r)
            pdf.cell(124, 3.9, text)
        pdf.set_font("DejaVu", "", 7.4)
        pdf.set_xy(tx, y + 8.5 + 3.9 * len(wrapped))
        pdf.multi_cell(124, 3.5, "\n".join(specs))
        # the card's priced row
        py = y + h - 7
        pdf.set_draw_color(170, 170, 170)
        pdf.line(tx, py - 1, _RIGHT - 2, py - 1)
        pdf.set_draw_color(0, 0, 0)
        cells = (
            ("Surface facturée", f"{quantity(line.quantity)} {_UNITS[line.unit]}"),
            ("P.U. HT", amount(line.unit_price_ht, st)),
            ("Montant HT", amount(line.total_ht, st)),
            ("TVA", rate(line.tva_rate)),
        )
        x = tx
        for (name, value), w in zip(cells, (38.0, 32.0, 38.0, 20.0), strict=True):
            pdf.set_font("DejaVu", "", 6.8)
            pdf.set_xy(x, py)
            pdf.cell(w, 3, name)
            pdf.set_font("DejaVu", "B" if name == "Montant HT" else "", 8.4)
            pdf.set_xy(x, py + 2.8)
            pdf.cell(w, 3.8, value)
            x += w
        recap.append((f"Repère {mark} – {room}", line.total_ht))
        y += h + 3
    if others:
        cols = (("Désignation", 104.0, "L"), ("Qté", 14.0, "R"), ("U", 12.0, "C"), ("P.U. HT", 24.0, "R"),
                ("Montant HT", 32.0, "R"))  # fmt: skip
        y = room_for(y + 1, 18)
        _box_title(pdf, _LEFT, y, _RIGHT - _LEFT, "PRESTATIONS COMPLÉMENTAIRES", (214, 226, 238))
        y += 6.5
        pdf.set_font("DejaVu", "B", 7.4)
        x = _LEFT
        for name, w, align in cols:
            pdf.set_xy(x + 0.8, y)
            pdf.cell(w - 1.6, 4, name, align=align)
            x += w
        y += 4.6
        for line in others:
            pdf.set_font("DejaVu", "", 7.8)
            wrapped = _cell_rows(pdf, line.designation, cols[0][1] - 1.6)
            h = 3.8 * len(wrapped) + 1.2
            y = room_for(y, h)
            for r, text in enumerate(wrapped):
                pdf.set_xy(_LEFT + 0.8, y + 0.5 + 3.8 * r)
                pdf.cell(cols[0][1] - 1.6, 3.8, text)
            cells2 = (quantity(line.quantity), _UNITS[line.unit], amount(line.unit_price_ht, st, False),
                      amount(line.total_ht, st, False))  # fmt: skip
            x = _LEFT + cols[0][1]
            for (_, w, align), text in zip(cols[1:], cells2, strict=True):
                pdf.set_xy(x + 0.8, y + 0.5)
                pdf.cell(w - 1.6, 3.8, text, align=align)
                x += w
            pdf.set_draw_color(215, 215, 215)
            pdf.line(_LEFT, y + h, _RIGHT, y + h)
            pdf.set_draw_color(0, 0, 0)
            y += h
        recap.append(("Prestations complémentaires", round(sum(ln.total_ht for ln in others), 2)))
    # the recap per opening, then the totals
    need = 9 + 4.4 * len(recap) + 6 * 5.2 + 30
    y = room_for(y + 4, need)
    _box_title(pdf, _LEFT, y, 100, "RÉCAPITULATIF PAR REPÈRE", (214, 226, 238))
    ry = y + 6.5
    for mark_room, subtotal in recap:
        pdf.set_font("DejaVu", "", 7.8)
        pdf.set_xy(_LEFT + 1.5, ry)
        pdf.cell(66, 4, mark_room)
        pdf.set_xy(_LEFT + 68, ry)
        pdf.cell(31, 4, amount(subtotal, st), align="R")
        ry += 4.4
    bottom = _totals(pdf, quote, y + 1)
    y = max(ry, bottom) + 4
    pdf.set_font("DejaVu", "", 7.2)
    notes = [f"Délai de fabrication des vitrages : {rng.choice([5, 8, 10])} jours ouvrés après accord.",
             "Mise en sécurité provisoire de l'ouverture réalisée le jour de l'appel (facturée séparément).",
             _terms(quote), "Vitrages conformes NF DTU 39 – garantie du fabricant 10 ans (étanchéité)."]  # fmt: skip
    y = room_for(y, 4 * len(notes) + 26)
    pdf.set_xy(_LEFT, y)
    pdf.multi_cell(_RIGHT - _LEFT, 3.4, "\n".join(notes))
    y = pdf.get_y() + 3
    if not invoice:
        for x, name in ((_LEFT, "L'entreprise"), (108.0, "Le client : date, signature, « Bon pour accord »")):
            pdf.rect(x, y, 90, 20)
            pdf.set_font("DejaVu", "", 7.4)
            pdf.set_xy(x + 1.5, y + 1)
            pdf.cell(86, 4, name)
        _scribble(pdf, _LEFT + 20, y + 6, rng)
    _footer(pdf, quote, page[0])
    return bytes(pdf.output())


# --------------------------------------------------------------------------- windcheck (storm survey matrix)

_FACADES = ("Nord", "Est", "Sud", "Ouest")
# (letter, element, observations when damaged)
_ELEMENTS = (
    ("V", "Volets roulants", ("tablier arraché", "lames enfoncées", "coulisse tordue")),
    ("F", "Fenêtres / vitrages", ("vitrage fissuré", "ouvrant faussé", "joint arraché")),
    ("S", "Store banne", ("toile déchirée", "bras tordu")),
    ("P", "Portes extérieures", ("seuil soulevé", "vantail voilé")),
    ("M", "Murs et plafonds intérieurs", ("auréoles, peinture cloquée", "plâtre détrempé", "papier décollé")),
    ("D", "Sols intérieurs", ("lames gonflées", "moquette imbibée")),
)
# The matrix row each follow-up work repairs.
_ROW_OF = {
    "laminate_floor": "D",
    "floor_removal": "D",
    "skirting": "D",
    "interior_door": "P",
}
_STATIONS = ("Brest-Guipavas", "Lorient-Lann Bihoué", "Nantes-Bouguenais", "Cherbourg-Maupertus", "Biarritz")
_STORISTE_LINE = (
    "Storiste – Volets roulants – Menuiseries extérieures – Réparation après intempéries",
    "Fermetures & menuiseries – Stores – Dépannage tempête",
    "Menuiserie alu et PVC – Volets – Remise en état après sinistre",
)


def render_windcheck(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    storm = quote.cover == TGN
    pdf = open_page(quote)
    page = [1]
    cols = (("N°", 9.0, "L"), ("Constat", 15.0, "C"), ("Désignation", 82.0, "L"), ("Qté", 13.0, "R"),
            ("U", 10.0, "C"), ("P.U. HT", 20.0, "R"), ("Total HT", 23.0, "R"), ("TVA", 14.0, "R"))  # fmt: skip

    def header(top: float) -> float:
        pdf.set_fill_color(60, 60, 60)
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
        return header(14.0) if grid else 14.0

    # the firm and the document
    pdf.set_font("DejaVu", "B", 14)
    pdf.set_xy(_LEFT, 12)
    pdf.cell(120, 7, a["name"])
    pdf.set_font("DejaVu", "", 7.6)
    firm = [rng.choice(_STORISTE_LINE), f"{a['address']}, {a['postal_code']} {a['city']} – Tél. {_phone(rng)}",
            f"{a['legal_form']} – SIRET {siret_text(quote)} – TVA {a['tva_number']}"]  # fmt: skip
    pdf.set_xy(_LEFT, 19.5)
    pdf.multi_cell(120, 3.6, "\n".join(firm))
    pdf.set_font("DejaVu", "B", 11)
    pdf.set_xy(136, 12)
    pdf.cell(62, 6, f"{_title(quote)} N° {quote.number}", align="R")
    pdf.set_font("DejaVu", "", 7.6)
    when = [f"Établi le {fr_date(quote.date, st)}"]
    if invoice:
        when += [f"Devis n° {st['quote_ref']} accepté", f"Travaux du {fr_date(st['works_from'], st)} au "
                 f"{fr_date(st['works_to'], st)}"]  # fmt: skip
    else:
        when.append(f"Valable jusqu'au {fr_date(quote.valid_until, st)}")
    if quote.claim_reference:
        when.append(f"Réf. sinistre : {quote.claim_reference}")
    pdf.set_xy(136, 18.5)
    pdf.multi_cell(62, 3.6, "\n".join(when), align="R")
    y = 36.0
    pdf.set_font("DejaVu", "B", 8)
    pdf.set_xy(_LEFT, y)
    pdf.cell(90, 4, "Client")
    pdf.set_xy(108, y)
    pdf.cell(90, 4, "Adresse du bien sinistré")
    pdf.set_font("DejaVu", "", 8)
    pdf.set_xy(_LEFT, y + 4.5)
    pdf.multi_cell(90, 3.7, "\n".join(_customer(quote)))
    end = pdf.get_y()
    pdf.set_xy(108, y + 4.5)
    pdf.multi_cell(90, 3.7, _site_text(quote, rng))
    y = max(end, pdf.get_y()) + 4
    # the damage survey matrix
    lines = quote.lines
    needed = {_ROW_OF.get(ln.category, "M") for ln in lines if ln.category in _WORK}
    facade_of: dict[str, str] = {}
    grid: dict[tuple[str, str], bool] = {}
    notes: dict[str, str] = {}
    for letter, _, observed in _ELEMENTS:
        damaged = letter in needed or rng.random() < 0.45
        chosen = rng.sample(_FACADES, k=rng.randint(1, 2)) if damaged else []
        for f in _FACADES:
            grid[(letter, f)] = f in chosen
        if chosen:
            facade_of[letter] = chosen[0]
            notes[letter] = rng.choice(observed)
    _box_title(pdf, _LEFT, y, _RIGHT - _LEFT, f"CONSTAT DES DOMMAGES – visite du {fr_date(quote.date, st)}",
               (226, 226, 226))  # fmt: skip
    y += 6.5
    widths = (60.0, 17.0, 17.0, 17.0, 17.0, 58.0)
    pdf.set_font("Cond", "B", 7.8)
    x = _LEFT
    for name, w in zip(("Élément", *_FACADES, "Observations"), widths, strict=True):
        pdf.set_xy(x, y)
        pdf.cell(w, 4.4, name, border=1, align="L" if w > 20 else "C")
        x += w
    y += 4.4
    for letter, element, _ in _ELEMENTS:
        x = _LEFT
        pdf.set_font("Cond", "", 7.8)
        pdf.set_xy(x, y)
        pdf.cell(widths[0], 4.4, f"{letter} – {element}", border=1)
        x += widths[0]
        for f, w in zip(_FACADES, widths[1:5], strict=True):
            pdf.set_xy(x, y)
            pdf.set_font("Cond", "B", 8.4)
            pdf.cell(w, 4.4, "X" if grid[(letter, f)] else "", border=1, align="C")
            x += w
        pdf.set_font("Cond", "", 7.4)
        pdf.set_xy(x, y)
        pdf.cell(widths[5], 4.4, notes.get(letter, "—"), border=1)
        y += 4.4
    y += 3
    # the weather box
    pdf.rect(_LEFT, y, _RIGHT - _LEFT, 16)
    pdf.set_font("Cond", "B", 8)
    pdf.set_xy(_LEFT + 1.5, y + 0.8)
    pdf.cell(80, 4, "ÉVÉNEMENT CLIMATIQUE" if storm else "ORIGINE DES DÉGÂTS")
    pdf.set_font("Cond", "", 7.6)
    if storm:
        gust = rng.randint(101, 146)
        facts = [f"Tempête du {fr_date(quote.date_of_loss, st)} – rafale maximale relevée : {gust} km/h "
                 f"(station Météo-France de {rng.choice(_STATIONS)})",
                 "Seuil de la garantie tempête du contrat : 100 km/h – certificat d'intempéries joint à la déclaration",
                 "Menuiseries extérieures et volets : devis séparé (garantie bris de glace)."]  # fmt: skip
    else:
        facts = [f"Infiltration d'eau constatée le {fr_date(quote.date_of_loss, st)}",
                 "Cause recherchée et réparée dans le cadre du présent devis.", ""]  # fmt: skip
    pdf.set_xy(_LEFT + 1.5, y + 4.8)
    pdf.multi_cell(_RIGHT - _LEFT - 3, 3.5, "\n".join(facts))
    y += 19
    pdf.set_font("DejaVu", "B", 9)
    pdf.set_xy(_LEFT, y)
    pdf.cell(_RIGHT - _LEFT, 5, "Travaux de remise en état intérieure" if storm else "Travaux de remise en état")
    y = header(y + 6)
    for n, line in enumerate(lines, start=1):
        pdf.set_font("Cond", "", 8.2)
        wrapped = _cell_rows(pdf, line.designation, cols[2][1] - 1.6)
        h = 3.9 * len(wrapped) + 1.6
        if y + h > _BOTTOM:
            y = new_page(True)
            pdf.set_font("Cond", "", 8.2)
        letter = _ROW_OF.get(line.category, "M") if line.category in _WORK else ""
        ref = f"{letter}-{facade_of[letter][0]}" if letter in facade_of else "—"
        cells = (str(n), ref, "", quantity(line.quantity), _UNITS[line.unit], amount(line.unit_price_ht, st, False),
                 amount(line.total_ht, st, False), rate(line.tva_rate))  # fmt: skip
        x = _LEFT
        for (_, w, align), text in zip(cols, cells, strict=True):
            if text:
                pdf.set_xy(x + 0.8, y + 0.7)
                pdf.cell(w - 1.6, 3.9, text, align=align)
            x += w
        for r, text in enumerate(wrapped):
            pdf.set_xy(_LEFT + cols[0][1] + cols[1][1] + 0.8, y + 0.7 + 3.9 * r)
            pdf.cell(cols[2][1] - 1.6, 3.9, text)
        pdf.set_draw_color(210, 210, 210)
        pdf.line(_LEFT, y + h, _RIGHT, y + h)
        pdf.set_draw_color(0, 0, 0)
        y += h
    rows = len(_total_rows(quote, "", lambda v: "", ""))
    if y + 5.2 * rows + 40 > _BOTTOM:
        y = new_page(False)
    pdf.set_font("Cond", "", 7)
    pdf.set_xy(_LEFT, y + 3)
    pdf.multi_cell(100, 3.3, "Constat : lettre de l'élément et initiale de la façade du tableau ci-dessus "
                   "(M-S : murs et plafonds intérieurs, façade sud).")  # fmt: skip
    bottom = _totals(pdf, quote, y + 3)
    y = max(bottom, pdf.get_y()) + 4
    pdf.set_font("DejaVu", "", 7.2)
    pdf.set_xy(_LEFT, y)
    pdf.multi_cell(_RIGHT - _LEFT, 3.4, _terms(quote) + " Travaux réalisables après séchage complet des supports.")
    y = pdf.get_y() + 3
    if not invoice:
        pdf.rect(108, y, 90, 20)
        pdf.set_font("DejaVu", "", 7.4)
        pdf.set_xy(109.5, y + 1)
        pdf.cell(86, 4, "Date et signature du client – « Bon pour accord »")
        pdf.rect(_LEFT, y, 90, 20)
        pdf.set_xy(_LEFT + 1.5, y + 1)
        pdf.cell(86, 4, "Visa du technicien ayant réalisé le constat")
        _scribble(pdf, _LEFT + 20, y + 6, rng)
    _footer(pdf, quote, page[0])
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {
    "openings": render_openings,
    "windcheck": render_windcheck,
}
# Set 21's plan of scenarios and invoices, family for family: 13 fair, 7 for a reviewer, 2 invoices (the
# not-covered quote is windcheck's).
_TEXT_SCENARIOS = {
    "openings": families21._TEXT_SCENARIOS["multilot"],
    "windcheck": families21._TEXT_SCENARIOS["inkind"],
}
_INVOICES = {"openings": families21._INVOICES["multilot"], "windcheck": families21._INVOICES["inkind"]}
SCANS = (
    ("openings", "scan_pdf", "fair", BDG),
    ("openings", "photo_jpeg", "inflated", BDG),
    ("windcheck", "fax", "fair", TGN),
    ("windcheck", "lowres", "fair", TGN),
)


def _cover(family: str, k: int, scenario: str) -> str:
    """Glass breakage for the openings' quotes, storm for the survey's; a not-covered quote under water
    damage (the work its generator adds, a leak repair or a glazing, is what the cover leaves out)."""
    if scenario == "not_covered":
        return DDE
    return BDG if family == "openings" else TGN


SET = FamilySet(
    "families23",
    "vingt-troisième",
    2500,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    _cover,
    _INVOICES,
    SCANS,
    lambda k, _: False,
    export_or_letter(()),
    ("devis", "devis_vitrerie", "document", "piece_jointe", "envoi"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
