"""Frozen held-out set 17: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families17 OUT_DIR [--seed 2170]

Made once into ``tests/heldout/frozen17/`` (see its README) to measure session 15's start robot
(57404b5) and its first round on documents unlike the layouts of ``generate.py`` and ``families.py``
to ``families15.py``. Both come from the small call-out trades (plumbers, electricians, glaziers,
roofers) whose technician writes the quote or the invoice at the customer's door:

- ``report``: the **intervention report that is also the quote or the invoice** ("Bon d'intervention
  valant devis", "Rapport d'intervention – facture"), a printed form of numbered boxes: the call
  (received at, arrival, departure, time spent), the customer and the site side by side, **rows of tick
  boxes** (the kind of call-out, the cause found, the payment, "travaux terminés : oui / non"), the
  technician's findings in a sentence with its own figures (a pressure, a height, a reading), the works
  in a grid that puts **the quantity and the unit first** ("Qté | U | Travaux et fournitures | P.U. HT |
  Montant HT"), the totals beside a payment box, two signature boxes and the repair-order terms;
- ``tablet``: the **quote made on a tablet app at the door and exported as PDF**: landscape pages, a
  coloured app bar, a left pane (the firm, the customer's card, the site, the technician's photos as
  captioned thumbnails), a right pane listing the work as the app shows it: each line's wording in
  bold, **under it a quantity stepper ("−  2,5  +" with the unit), "× <unit price>" and the amount at
  the right**, a grey note under that, trade headings as chips; the totals in a panel, "Signé sur
  l'écran par … le … à …" beside a finger-drawn signature.

Scans and photos of four of the documents (two per family): a phone photo with a shadow, a fax, a
flatbed scan, pages scanned sideways (``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover among the call-out trades only (``_pick``: a plumber's,
an electrician's, a glazier's or a roofer's lines and site costs), with the line wordings replaced by
the public ones of ``tests/heldout/wordings17/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date as Date
from datetime import timedelta
from pathlib import Path

from fpdf import FPDF

from tests.heldout.catalog import BDG, DDE, INC, ITEMS, TGN
from tests.heldout.families import _fpdf, _insurance, _site_text
from tests.heldout.families2 import _is_invoice, _phone, _title
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families7 import _UNITS, _seller
from tests.heldout.families10 import _terms
from tests.heldout.families11 import _cell_rows
from tests.heldout.families12 import open_page
from tests.heldout.family_set import FamilySet, export_or_letter, main
from tests.heldout.generate import Line, Quote
from tests.heldout.render import amount, fr_date, quantity, rate, siret_text
from tests.heldout.set_plan import covers_by_index

WORDINGS = Path(__file__).parent / "wordings17" / "wordings.tsv"

# --------------------------------------------------------------------------- the call-out trades' work

# What a call-out under each cover prices (work), and its site costs; the glazier's is his own.
_WORK = {
    DDE: ("leak_search", "plumber_hour", "socket", "switch", "light_point", "electrician_hour"),
    INC: ("electrician_hour", "light_point", "socket", "switch"),
    TGN: ("roof_tiles", "gutter", "light_point", "electrician_hour"),
}
_SITE_COSTS = {
    DDE: ("travel_setup", "protection", "cleaning", "labour"),
    INC: ("travel_setup", "cleaning", "protection"),
    TGN: ("travel_setup", "protection", "labour"),
    BDG: ("travel_setup", "protection", "cleaning"),
}


def _pick(worded: frozenset[str]) -> Callable[[random.Random, str, int], list[str]]:
    """The categories of a call-out quote: the trades its cover pays, with public wordings."""

    def pick(rng: random.Random, cover: str, count: int) -> list[str]:
        site = [c for c in _SITE_COSTS[cover] if c in worded]
        extra = rng.sample(site, k=rng.randint(1, min(2, len(site))))
        if cover == BDG:
            return extra[:1] + ["double_glazing"] * count + extra[1:]
        work = [c for c in _WORK[cover] if c in worded]
        chosen = rng.sample(work, k=min(count, len(work)))
        return extra[:1] + chosen + extra[1:]

    return pick


def _trade(quote: Quote) -> str:
    """The call-out's trade, from its lines."""
    cats = {line.category for line in quote.lines}
    if "double_glazing" in cats:
        return "vitrerie"
    if cats & {"roof_tiles", "gutter"}:
        return "couverture"
    if cats & {"leak_search", "plumber_hour", "leak_repair"}:
        return "plomberie"
    return "électricité"


_KINDS = {
    "plomberie": ("Dépannage", "Urgence", "Recherche de fuite", "Mise en sécurité", "Remplacement", "Entretien"),
    "électricité": ("Dépannage", "Urgence", "Mise en sécurité", "Remise en service", "Remplacement", "Diagnostic"),
    "vitrerie": ("Urgence", "Mise en sécurité", "Remplacement vitrage", "Prise de cotes", "Pose", "Miroiterie"),
    "couverture": ("Urgence", "Bâchage", "Remplacement", "Zinguerie", "Révision", "Diagnostic"),
}
_CAUSES = {
    "plomberie": ("Canalisation", "Raccord", "Joint", "Appareil", "Infiltration", "Autre"),
    "électricité": ("Court-circuit", "Eau dans l'appareillage", "Surcharge", "Usure", "Foudre", "Autre"),
    "vitrerie": ("Choc", "Effraction", "Vent", "Dilatation", "Vandalisme", "Autre"),
    "couverture": ("Vent", "Grêle", "Chute de branche", "Neige", "Usure", "Autre"),
}


def _finding(trade: str, rng: random.Random) -> str:
    """The technician's finding as he writes it, with the figures he noted on site."""
    if trade == "plomberie":
        return (
            f"Compteur qui tourne robinets fermés ({rng.randint(2, 9)} l en {rng.randint(5, 15)} min). Pression "
            f"relevée {quantity(rng.randint(25, 45) / 10)} bar. Écoulement au plafond à "
            f"{quantity(rng.randint(180, 260) / 100)} m du sol, origine sur l'alimentation encastrée. Eau coupée au "
            "général puis rouverte après réparation."
        )
    if trade == "électricité":
        return (
            f"Différentiel 30 mA déclenché, défaut d'isolement sur le circuit {rng.randint(2, 9)} "
            f"(mesure {quantity(rng.randint(1, 40) / 10)} MΩ). Appareillage humide ou noirci dans les pièces touchées, "
            "circuit isolé en attendant la remise en état."
        )
    if trade == "vitrerie":
        w, h = rng.randint(45, 140), rng.randint(60, 215)
        return (
            f"Vitrage éclaté, cotes prises en tableau {w} x {h} cm. Ouverture condamnée provisoirement au passage, "
            "éclats ramassés. Menuiserie et quincaillerie en bon état, verre seul à remplacer."
        )
    return (
        f"Tuiles cassées ou déplacées sur le versant côté rue, environ {rng.randint(2, 8)} rangs touchés, "
        f"gouttière décrochée sur {rng.randint(2, 9)} m. Infiltration dans les combles, bâche posée en attendant."
    )


def _times(rng: random.Random) -> tuple[str, str, str, str]:
    """(call received, arrival, departure, time spent) of the call-out."""
    call = rng.randint(7 * 60, 22 * 60)
    arrive = call + rng.randint(25, 110)
    leave = arrive + rng.randint(40, 200)
    spent = leave - arrive

    def hm(minutes: int) -> str:
        return f"{minutes // 60 % 24:02d}h{minutes % 60:02d}"

    return hm(call), hm(arrive), hm(leave), f"{spent // 60} h {spent % 60:02d}"


# --------------------------------------------------------------------------- report (intervention report)

_LEFT, _RIGHT = 12.0, 198.0
_REPORT_COLS = (("Qté", 14.0, "R"), ("U", 12.0, "C"), ("Travaux et fournitures", 108.0, "L"), ("P.U. HT", 24.0, "R"))


def _box_title(pdf: FPDF, x: float, y: float, w: float, title: str, shade: tuple[int, int, int]) -> None:
    pdf.set_fill_color(*shade)
    pdf.rect(x, y, w, 5.5, style="F")
    pdf.set_font("Cond", "B", 8.5)
    pdf.set_xy(x + 1.5, y + 0.6)
    pdf.cell(w - 3, 4.5, title)


def _ticks(pdf: FPDF, x: float, y: float, labels: tuple[str, ...], ticked: set[str], drawn: bool) -> float:
    """A row of tick boxes, ticked with a drawn cross or a typed « X »; returns where the row ends."""
    pdf.set_font("Cond", "", 8.5)
    for label in labels:
        width = pdf.get_string_width(label) + 9
        if x + width > _RIGHT - 2:
            x, y = _LEFT + 3, y + 5.5
        pdf.rect(x, y + 0.7, 3.2, 3.2)
        if label in ticked:
            if drawn:
                pdf.line(x + 0.4, y + 1.1, x + 2.8, y + 3.5)
                pdf.line(x + 2.8, y + 1.1, x + 0.4, y + 3.5)
            else:
                pdf.set_font("Cond", "B", 8)
                pdf.set_xy(x, y + 0.5)
                pdf.cell(3.2, 3.6, "X", align="C")
                pdf.set_font("Cond", "", 8.5)
        pdf.set_xy(x + 4.4, y + 0.2)
        pdf.cell(width - 5, 4.2, label)
        x += width
    return y + 5.5


def _scribble(pdf: FPDF, x: float, y: float, rng: random.Random) -> None:
    """A signature: a few joined strokes."""
    points = [(x + 4 + 5 * k + rng.uniform(-2, 2), y + rng.uniform(2, 10)) for k in range(rng.randint(5, 8))]
    pdf.set_line_width(0.35)
    pdf.polyline(points)
    pdf.set_line_width(0.2)


def _report_row(pdf: FPDF, y: float, line: Line, st: dict[str, object]) -> float:
    pdf.set_font("Cond", "", 8.5)
    wrapped = _cell_rows(pdf, line.designation, _REPORT_COLS[2][1] - 2)
    height = 4.2 * len(wrapped) + 1.8
    discount = line.category == "discount"
    cells = (
        "" if discount else quantity(line.quantity),
        "" if discount else _UNITS[line.unit],
        "",
        "" if discount else amount(line.unit_price_ht, st, False),
    )
    x = _LEFT
    for (_, width, align), text in zip(_REPORT_COLS, cells, strict=True):
        pdf.rect(x, y, width, height)
        if text:
            pdf.set_xy(x + 1, y + 1)
            pdf.cell(width - 2, 4.2, text, align=align)
        x += width
    for k, row in enumerate(wrapped):
        pdf.set_xy(_LEFT + 26 + 1, y + 1 + 4.2 * k)
        pdf.cell(_REPORT_COLS[2][1] - 2, 4.2, row)
    pdf.rect(x, y, _RIGHT - x, height)
    pdf.set_xy(x + 1, y + 1)
    pdf.cell(_RIGHT - x - 2, 4.2, amount(line.total_ht, st, False), align="R")
    return y + height


def render_report(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    trade = _trade(quote)
    shade = rng.choice([(255, 214, 170), (200, 222, 246), (214, 236, 208), (236, 236, 236)])
    drawn = rng.random() < 0.6
    pdf = open_page(quote)
    # the firm, as pre-printed on the form
    pdf.set_font("Cond", "B", 14)
    pdf.set_xy(_LEFT, 12)
    pdf.cell(105, 7, f"{a['name']} {a['legal_form']}")
    pdf.set_font("Cond", "", 8)
    pdf.set_xy(_LEFT, 19.5)
    seller = [
        f"{trade.capitalize()} – dépannage 7j/7",
        *_seller(quote)[1:],
        f"Tél. {_phone(rng)}",
        f"SIRET {siret_text(quote)}",
    ]
    if rng.random() < 0.5:
        seller.append(f"TVA intracom. {a['tva_number']}")
    pdf.multi_cell(100, 3.7, "\n".join(seller))
    # the form's title box, top right
    title = (
        ("RAPPORT D'INTERVENTION", f"valant FACTURE N° {quote.number}")
        if invoice
        else (rng.choice(["BON D'INTERVENTION", "ORDRE DE RÉPARATION"]), f"valant DEVIS N° {quote.number}")
    )
    pdf.set_draw_color(60, 60, 60)
    pdf.rect(120, 12, 78, 22)
    pdf.set_font("Cond", "B", 12)
    pdf.set_xy(121, 13.5)
    pdf.cell(76, 6, title[0], align="C")
    pdf.set_font("Cond", "B", 10)
    pdf.set_xy(121, 20)
    pdf.cell(76, 5, title[1], align="C")
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(121, 26.5)
    pdf.cell(76, 4.5, f"du {fr_date(quote.date, st)} – Intervention n° {rng.randint(1000, 9999)}", align="C")
    y = max(pdf.get_y(), 40.0) + 2
    # 1. the call
    call, arrive, leave, spent = _times(rng)
    _box_title(pdf, _LEFT, y, _RIGHT - _LEFT, "1. APPEL ET HORAIRES", shade)
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(_LEFT + 1.5, y + 7)
    visit = fr_date(st["works_to"], st) if invoice else fr_date(quote.date, st)
    times = f"Appel reçu à {call}    Le {visit}    Arrivée sur place : {arrive}    Départ : {leave}    Durée : {spent}"
    pdf.cell(0, 4.5, times)
    y += 13
    # 2. customer and site side by side
    half = (_RIGHT - _LEFT) / 2 - 1
    _box_title(pdf, _LEFT, y, half, "2. CLIENT", shade)
    _box_title(pdf, _LEFT + half + 2, y, half, "LIEU D'INTERVENTION", shade)
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(_LEFT + 1.5, y + 7)
    pdf.multi_cell(half - 3, 4, "\n".join(_customer(quote)))
    left_end = pdf.get_y()
    site = [_site_text(quote, rng), rng.choice(["Maison individuelle", "Appartement, 2e étage", "Appartement, RDC"])]
    if quote.claim_reference:
        site.append(f"Sinistre déclaré : {quote.claim_reference}")
    site.append(f"Date du sinistre : {fr_date(quote.date_of_loss, st)}")
    if invoice:
        site.append(f"Devis accepté n° {st['quote_ref']} du {fr_date(st['works_from'], st)}")
    pdf.set_xy(_LEFT + half + 3.5, y + 7)
    pdf.multi_cell(half - 3, 4, "\n".join(site))
    y = max(left_end, pdf.get_y()) + 2
    # 3. ticks: the kind of call-out, the cause
    _box_title(pdf, _LEFT, y, _RIGHT - _LEFT, "3. NATURE DE L'INTERVENTION", shade)
    kinds = _KINDS[trade]
    y = _ticks(pdf, _LEFT + 3, y + 7, kinds, set(rng.sample(kinds, k=2)), drawn)
    pdf.set_font("Cond", "B", 8.5)
    pdf.set_xy(_LEFT + 3, y)
    pdf.cell(20, 4.5, "Cause :")
    causes = _CAUSES[trade]
    y = _ticks(pdf, _LEFT + 18, y, causes, {rng.choice(causes)}, drawn)
    # 4. the finding
    _box_title(pdf, _LEFT, y + 1, _RIGHT - _LEFT, "4. CONSTAT DU TECHNICIEN", shade)
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(_LEFT + 1.5, y + 8)
    pdf.multi_cell(_RIGHT - _LEFT - 3, 4, _finding(trade, rng))
    y = pdf.get_y() + 2
    # 5. the works, quantity first
    label = "5. TRAVAUX RÉALISÉS ET FOURNITURES" if invoice else "5. TRAVAUX ET FOURNITURES PROPOSÉS"
    _box_title(pdf, _LEFT, y, _RIGHT - _LEFT, label, shade)
    y += 7

    def header(top: float) -> float:
        pdf.set_font("Cond", "B", 8.5)
        x = _LEFT
        for name, width, align in (*_REPORT_COLS, ("Montant HT", _RIGHT - _LEFT - 158.0, "R")):
            pdf.rect(x, top, width, 5.5)
            pdf.set_xy(x + 1, top + 0.7)
            pdf.cell(width - 2, 4.2, name, align=align)
            x += width
        return top + 5.5

    y = header(y)
    page = 1
    for line in quote.lines:
        pdf.set_font("Cond", "", 8.5)
        need = 4.2 * len(_cell_rows(pdf, line.designation, _REPORT_COLS[2][1] - 2)) + 1.8
        if y + need > 272:
            pdf.set_font("Cond", "", 7.5)
            pdf.set_xy(_LEFT, 280)
            pdf.cell(0, 4, f"Page {page} – suite au verso", align="R")
            pdf.add_page()
            page += 1
            y = header(14.0)
        y = _report_row(pdf, y, line, st)
    # 6. totals beside the payment and the end of the works
    rows = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    block = 6.0 * len(rows) + 50
    if y + block > 284:
        pdf.add_page()
        page += 1
        y = 14.0
    y += 3
    for k, (name, value) in enumerate(rows):
        bold = name.startswith(("Total TTC", "Net", "Reste"))
        pdf.set_font("Cond", "B" if bold else "", 9)
        pdf.rect(140, y + 6 * k, 30, 6)
        pdf.rect(170, y + 6 * k, 28, 6)
        pdf.set_xy(141, y + 6 * k + 0.8)
        pdf.cell(28, 4.4, name)
        pdf.set_xy(171, y + 6 * k + 0.8)
        pdf.cell(26, 4.4, amount(value, st), align="R")
    _box_title(pdf, _LEFT, y, 122, "6. RÈGLEMENT ET SUITE", shade)
    pays = ("Espèces", "Chèque", "Carte bancaire", "Virement")
    row = _ticks(pdf, _LEFT + 3, y + 7, pays, {rng.choice(pays[1:])} if invoice else set(), drawn)
    pdf.set_font("Cond", "B", 8.5)
    pdf.set_xy(_LEFT + 3, row)
    pdf.cell(30, 4.5, "Travaux terminés :")
    done = {"Oui"} if invoice else {"Non"}
    row = _ticks(pdf, _LEFT + 32, row, ("Oui", "Non"), done, drawn)
    follow = ("Devis complémentaire", "Nouveau passage", "Aucune")
    row = _ticks(pdf, _LEFT + 3, row, follow, {"Aucune"} if invoice else {"Nouveau passage"}, drawn)
    y = max(row, y + 6 * len(rows)) + 3
    # 7. signatures
    for x, name in ((_LEFT, "Le technicien"), (107.0, "Le client" + ("" if invoice else " – « Bon pour accord »"))):
        pdf.rect(x, y, 91, 26)
        pdf.set_font("Cond", "B", 8)
        pdf.set_xy(x + 1.5, y + 1)
        pdf.cell(88, 4, name)
        _scribble(pdf, x + 20, y + 9, rng)
    y += 29
    terms = [
        _terms(quote),
        "Ordre de réparation : taux horaire, frais de déplacement et prix des prestations forfaitaires affichés et "
        "communiqués avant intervention (arrêté du 2 mars 1990). Temps compté à partir de l'arrivée sur place.",
        _insurance(rng),
    ]
    pdf.set_font("Cond", "", 7)
    pdf.set_xy(_LEFT, y)
    pdf.multi_cell(_RIGHT - _LEFT, 3.2, "\n".join(terms))
    return bytes(pdf.output())


# --------------------------------------------------------------------------- tablet (app on site)

_W, _H = 280.0, 210.0  # a landscape page the app exports, about a tablet's 4:3 screen
_PANE = 78.0  # the left pane's width
_BAR = 14.0  # the app bar


def _thumbnail(pdf: FPDF, x: float, y: float, caption: str, rng: random.Random) -> None:
    """A photo's thumbnail: a grey square with a few shapes, its caption under it."""
    grey = rng.randint(150, 200)
    pdf.set_fill_color(grey, grey, grey - 10)
    pdf.rect(x, y, 30, 22, style="F")
    pdf.set_fill_color(grey - 50, grey - 45, grey - 40)
    pdf.rect(x + rng.uniform(2, 12), y + rng.uniform(3, 10), rng.uniform(8, 15), rng.uniform(6, 10), style="F")
    pdf.set_font("Cond", "", 6.5)
    pdf.set_xy(x, y + 22.5)
    pdf.cell(30, 3.2, caption)


def _stepper(pdf: FPDF, x: float, y: float, text: str) -> float:
    """The app's quantity stepper « − q + »; returns where it ends."""
    pdf.set_draw_color(150, 150, 150)
    for cx, sign in ((x + 2.5, "−"), (x + 21.5, "+")):
        pdf.ellipse(cx - 2.3, y + 0.1, 4.6, 4.6)
        pdf.set_xy(cx - 2.3, y + 0.3)
        pdf.set_font("Cond", "B", 8)
        pdf.cell(4.6, 4.2, sign, align="C")
    pdf.set_font("Cond", "", 9)
    pdf.set_xy(x + 5, y + 0.2)
    pdf.cell(14, 4.4, text, align="C")
    pdf.set_draw_color(0, 0, 0)
    return x + 25


def _app_page(pdf: FPDF, quote: Quote, colour: tuple[int, int, int], app: str, screen: str) -> None:
    pdf.add_page(format=(_W, _H))
    pdf.set_fill_color(*colour)
    pdf.rect(0, 0, _W, _BAR, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Cond", "B", 11)
    pdf.set_xy(8, 3.5)
    pdf.cell(120, 7, f"{app}  ›  {screen}")
    pdf.set_font("Cond", "", 9)
    pdf.set_xy(_W - 88, 3.5)
    pdf.cell(80, 7, f"{_title(quote).capitalize()} {quote.number}", align="R")
    pdf.set_text_color(0, 0, 0)


def render_tablet(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    trade = _trade(quote)
    colour = rng.choice([(22, 101, 160), (28, 130, 96), (200, 90, 30), (70, 70, 140)])
    app = rng.choice(["DépanPro", "InterviaGo", "Chantier Mobile", "Bati'Devis"])
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    _app_page(pdf, quote, colour, app, "Intervention en cours")
    # the left pane: firm, customer card, site, photos
    pdf.set_fill_color(244, 245, 247)
    pdf.rect(0, _BAR, _PANE, _H - _BAR, style="F")
    pdf.set_font("Cond", "B", 11)
    pdf.set_xy(6, _BAR + 5)
    pdf.cell(_PANE - 10, 5, f"{a['name']} {a['legal_form']}")
    pdf.set_font("Cond", "", 7.5)
    pdf.set_xy(6, _BAR + 11)
    firm = [*_seller(quote)[1:], f"Tél. {_phone(rng)}", f"SIRET {siret_text(quote)}"]
    if rng.random() < 0.5:
        firm.append(f"TVA {a['tva_number']}")
    pdf.multi_cell(_PANE - 10, 3.6, "\n".join(firm))
    y = pdf.get_y() + 4
    pdf.set_fill_color(255, 255, 255)
    card = _customer(quote)
    pdf.rect(5, y, _PANE - 10, 6 + 3.8 * len(card), style="F")
    pdf.set_font("Cond", "B", 7)
    pdf.set_text_color(*colour)
    pdf.set_xy(7, y + 1)
    pdf.cell(40, 3.5, "CLIENT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Cond", "", 8)
    pdf.set_xy(7, y + 5)
    pdf.multi_cell(_PANE - 14, 3.8, "\n".join(card))
    y = pdf.get_y() + 4
    when = Date.fromisoformat(quote.date)
    hour, minute = rng.randint(8, 21), rng.randint(0, 59)
    info = [
        ("ADRESSE D'INTERVENTION", _site_text(quote, rng)),
        ("DATE", f"{fr_date(quote.date, st)} à {hour:02d}:{minute:02d}"),
        ("TECHNICIEN", rng.choice(["Karim B.", "Julien M.", "Sébastien R.", "Nadia L.", "Thomas G."])),
    ]
    if quote.claim_reference:
        info.append(("N° SINISTRE", quote.claim_reference))
    if invoice:
        info.append(("DEVIS SIGNÉ", f"{st['quote_ref']} du {fr_date(st['works_from'], st)}"))
    else:
        info.append(("VALIDITÉ", fr_date(quote.valid_until, st)))
    for name, value in info:
        pdf.set_font("Cond", "B", 7)
        pdf.set_text_color(*colour)
        pdf.set_xy(6, y)
        pdf.cell(_PANE - 10, 3.5, name)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Cond", "", 8)
        pdf.set_xy(6, y + 3.6)
        pdf.multi_cell(_PANE - 10, 3.8, value)
        y = pdf.get_y() + 1.8
    count = rng.randint(2, 4)
    pdf.set_font("Cond", "B", 7)
    pdf.set_text_color(*colour)
    pdf.set_xy(6, y + 1)
    pdf.cell(_PANE - 10, 3.5, f"PHOTOS ({count})")
    pdf.set_text_color(0, 0, 0)
    y += 6
    for k in range(count):
        if y + 27 > _H - 4:
            break
        minute = (minute + rng.randint(2, 9)) % 60
        _thumbnail(pdf, 6 + (k % 2) * 34, y, f"Photo {k + 1} – {hour:02d}:{minute:02d}", rng)
        if k % 2:
            y += 28
    # the right pane: the lines as the app lists them
    x0, x1 = _PANE + 8, _W - 8
    y = _BAR + 6
    pdf.set_font("Cond", "B", 14)
    pdf.set_xy(x0, y)
    pdf.cell(120, 7, f"{_title(quote).capitalize()} n° {quote.number}")
    pdf.set_font("Cond", "", 8)
    pdf.set_text_color(110, 110, 110)
    pdf.set_xy(x0, y + 7.5)
    made = f"créé le {fr_date(quote.date, st)} à {hour:02d}:{minute:02d} sur tablette"
    pdf.cell(120, 4, made + (" – travaux réalisés" if invoice else f" – {trade}"))
    pdf.set_text_color(0, 0, 0)
    y += 15
    heading = None
    for line in quote.lines:
        chip = ITEMS[line.category].trade.upper() if line.category in ITEMS else trade.upper()
        need = 18.0 + (7.0 if chip != heading else 0.0)
        if y + need > _H - 8:
            pdf.set_font("Cond", "", 7)
            pdf.set_xy(x0, _H - 6)
            pdf.cell(x1 - x0, 4, f"{app} – page {pdf.page_no()}", align="R")
            _app_page(pdf, quote, colour, app, "Détail (suite)")
            y = _BAR + 6
        if chip != heading:
            heading = chip
            pdf.set_font("Cond", "B", 7)
            pdf.set_fill_color(230, 236, 244)
            width = pdf.get_string_width(chip) + 6
            pdf.rect(x0, y, width, 5, style="F", round_corners=True, corner_radius=2)
            pdf.set_xy(x0, y + 0.4)
            pdf.cell(width, 4.2, chip, align="C")
            y += 7
        pdf.set_font("Cond", "B", 9.5)
        rows = _cell_rows(pdf, line.designation, x1 - x0 - 4)
        for k, row in enumerate(rows):
            pdf.set_xy(x0, y + 4.4 * k)
            pdf.cell(x1 - x0, 4.4, row)
        y += 4.4 * len(rows) + 1
        if line.category == "discount":
            pdf.set_font("Cond", "", 9)
            pdf.set_xy(x1 - 40, y)
            pdf.cell(40, 4.4, amount(line.total_ht, st), align="R")
        else:
            end = _stepper(pdf, x0, y, quantity(line.quantity))
            pdf.set_font("Cond", "", 9)
            pdf.set_xy(end + 1, y + 0.2)
            pdf.cell(60, 4.4, f"{_UNITS[line.unit]}   × {amount(line.unit_price_ht, st)} HT")
            pdf.set_font("Cond", "B", 9.5)
            pdf.set_xy(x1 - 40, y + 0.2)
            pdf.cell(40, 4.4, amount(line.total_ht, st), align="R")
        y += 5.5
        pdf.set_font("Cond", "", 7)
        pdf.set_text_color(120, 120, 120)
        pdf.set_xy(x0, y)
        note = f"TVA {rate(line.tva_rate)}" + (f" · {line.room}" if line.room else "")
        pdf.cell(x1 - x0, 3.5, note)
        pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(225, 225, 225)
        pdf.line(x0, y + 4.5, x1, y + 4.5)
        pdf.set_draw_color(0, 0, 0)
        y += 6.5
    # the totals panel and the signature on the screen
    rows = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    panel = 6.0 * len(rows) + 38
    if y + panel > _H - 8:
        _app_page(pdf, quote, colour, app, "Validation")
        y = _BAR + 6
    pdf.set_fill_color(244, 245, 247)
    pdf.rect(x1 - 90, y, 90, 6.0 * len(rows) + 4, style="F")
    for k, (name, value) in enumerate(rows):
        bold = name.startswith(("Total TTC", "Net", "Reste"))
        pdf.set_font("Cond", "B" if bold else "", 10 if bold else 9)
        pdf.set_xy(x1 - 87, y + 2 + 6 * k)
        pdf.cell(45, 5, name)
        pdf.set_xy(x1 - 42, y + 2 + 6 * k)
        pdf.cell(39, 5, amount(value, st), align="R")
    sign = when + timedelta(days=0 if not invoice else rng.randint(0, 2))
    pdf.set_font("Cond", "", 7.5)
    pdf.set_xy(x0, y)
    pdf.multi_cell(x1 - x0 - 96, 3.6, _terms(quote) + "\n" + _insurance(rng))
    y += 6.0 * len(rows) + 8
    pdf.set_draw_color(190, 190, 190)
    pdf.rect(x0, y, 80, 24)
    pdf.set_draw_color(0, 0, 0)
    _scribble(pdf, x0 + 15, y + 6, rng)
    pdf.set_font("Cond", "", 7.5)
    pdf.set_xy(x0 + 84, y + 4)
    who = quote.client.get("company") or quote.client["name"]
    signed = "Bon pour accord – signé" if not invoice else "Travaux réceptionnés – signé"
    pdf.multi_cell(
        x1 - x0 - 84,
        3.8,
        f"{signed} sur l'écran par {who}\nle {fr_date(sign.isoformat(), st)} à {hour:02d}:{(minute + 7) % 60:02d}",
    )
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"report": render_report, "tablet": render_tablet}
_TEXT_SCENARIOS = {
    "report": (
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
    "tablet": (
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
_INVOICES = {"report": (4,), "tablet": (5,)}
_COVERS = (DDE, BDG, DDE, TGN, DDE, INC, BDG, DDE, TGN, DDE)
SCANS = (
    ("report", "photo_shadow", "fair", BDG),
    ("report", "fax", "inflated", DDE),
    ("tablet", "scan_pdf", "fair", TGN),
    ("tablet", "rotated", "fair", DDE),
)


SET = FamilySet(
    "families17",
    "dix-septième",
    2170,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    covers_by_index(_COVERS),
    _INVOICES,
    SCANS,
    lambda k, _: False,
    export_or_letter(RENDER),
    ("devis", "facture", "bon_intervention", "document", "export_tablette"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
