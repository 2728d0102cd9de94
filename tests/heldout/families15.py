"""Frozen held-out set 15: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families15 OUT_DIR [--seed 2040]

Made once into ``tests/heldout/frozen15/`` (see its README) to measure the robots of session 14's
start (c5e6b9d) and end on documents unlike the layouts of ``generate.py`` and ``families.py`` to
``families13.py``. Both are documents the artisan writes himself, with no trade software:

- ``chat``: a quote (or its invoice) sent as **text messages** and printed from the customer's phone
  (the conversation a messaging app exports or prints, after the public guidance that a quote may be
  sent and accepted by e-mail or message): the contact's name and number at the top, a date between the
  days, speech bubbles left (the artisan) and right (the customer), each with its time; the artisan's
  messages carry the priced lines as he types them ("Peinture … : 32 m² x 24 € = 768 €"), split over two
  or three messages, then a message of totals, then one with his firm, SIRET and the quote's terms;
- ``twoup``: the artisan's **word-processor quote printed two pages to a sheet** (the print dialog's
  "2 pages par feuille", then saved as PDF or scanned): a landscape sheet holding two reduced portrait
  pages side by side, each with its own margins and its own footer "Page k / n"; the lines' table on
  the left page stands at the same height as the conditions, the totals or the table's continuation
  on the right one, so a row read across the sheet mixes two pages.

Scans and photos of four of the documents (two per family): a phone photo with a shadow, a fax, a
flatbed scan, pages scanned sideways (``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover as in set 5 (``families5._pick``), with the line
wordings replaced by the public ones of ``tests/heldout/wordings15/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from fpdf import FPDF

from tests.heldout.catalog import DDE, INC, TGN
from tests.heldout.families import _fpdf, _insurance, _site_text
from tests.heldout.families2 import _euros, _is_invoice, _phone, _title
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families5 import _pick
from tests.heldout.families7 import _UNITS, _seller
from tests.heldout.families10 import _terms
from tests.heldout.families11 import _cell_rows
from tests.heldout.families12 import open_page
from tests.heldout.family_set import FamilySet, export_or_letter, main
from tests.heldout.generate import Line, Quote
from tests.heldout.render import MONTHS, amount, fr_date, quantity, rate, siret_text

WORDINGS = Path(__file__).parent / "wordings15" / "wordings.tsv"

# --------------------------------------------------------------------------- chat (text messages)

_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_BUBBLE = 118.0  # the widest bubble, in mm
_BOTTOM = 284.0


def _day(iso: str) -> str:
    d = Date.fromisoformat(iso)
    return f"{_DAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"


def _typed(line: Line, st: dict[str, Any], form: int) -> str:
    """A priced line as an artisan types it in a message."""
    tot, pu = _euros(line.total_ht, st), _euros(line.unit_price_ht, st)
    if line.category == "discount":
        return f"{line.designation} : {tot}"
    if line.unit in ("forfait", "ens") and line.quantity == 1:
        return f"{line.designation} : {tot} HT (forfait)" if form != 1 else f"{line.designation}, forfait {tot}"
    q, u = quantity(line.quantity), _UNITS[line.unit]
    if form == 0:
        return f"{line.designation} : {q} {u} x {pu} = {tot}"
    if form == 1:
        return f"{line.designation}, {q} {u} à {pu} HT, soit {tot} HT"
    return f"{line.designation} ({q} {u} à {pu}) → {tot} HT"


@dataclass
class _Chat:
    pdf: FPDF
    y: float
    clock: list[int] = field(default_factory=lambda: [9, 0])

    def _time(self, rng: random.Random) -> str:
        self.clock[1] += rng.randint(1, 14)
        self.clock[0] += self.clock[1] // 60
        self.clock[1] %= 60
        return f"{min(self.clock[0], 23):02d}:{self.clock[1]:02d}"

    def day(self, iso: str, rng: random.Random) -> None:
        self.clock[:] = [rng.randint(8, 19), rng.randint(0, 40)]
        if self.y + 16 > _BOTTOM:
            self.pdf.add_page()
            self.y = 14.0
        self.pdf.set_font("Cond", "", 7.5)
        self.pdf.set_fill_color(226, 232, 238)
        text = _day(iso)
        width = self.pdf.get_string_width(text) + 8
        self.pdf.set_xy(105 - width / 2, self.y + 2)
        self.pdf.cell(width, 5, text, align="C", fill=True)
        self.y += 10

    def say(self, text: str, artisan: bool, rng: random.Random) -> None:
        """A bubble: the artisan's on the left, the customer's on the right, the time under its text."""
        pdf = self.pdf
        pdf.set_font("Cond", "", 9)
        rows = [row for part in text.split("\n") for row in _cell_rows(pdf, part, _BUBBLE - 6)]
        width = min(_BUBBLE, max(pdf.get_string_width(r) for r in rows) + 8) if rows else 30.0
        width = max(width, 26.0)
        height = 4.4 * len(rows) + 7
        if self.y + height > _BOTTOM:
            pdf.add_page()
            self.y = 14.0
        x = 14.0 if artisan else 196.0 - width
        pdf.set_fill_color(*((240, 240, 240) if artisan else (214, 243, 200)))
        pdf.rect(x, self.y, width, height, style="F", round_corners=True, corner_radius=2.5)
        pdf.set_xy(x + 3, self.y + 2)
        pdf.multi_cell(width - 6, 4.4, "\n".join(rows))
        pdf.set_font("Cond", "", 6.5)
        pdf.set_text_color(120, 120, 120)
        pdf.set_xy(x + width - 15, self.y + height - 4.5)
        pdf.cell(12, 3.5, self._time(rng), align="R")
        pdf.set_text_color(0, 0, 0)
        self.y += height + 2.5


def _chunks(lines: list[Line], rng: random.Random) -> list[list[Line]]:
    """The lines split over one to three messages, as they are typed."""
    count = min(len(lines), rng.choice([1, 2, 2, 3]))
    cuts = sorted(rng.sample(range(1, len(lines)), k=count - 1)) if count > 1 else []
    bounds = [0, *cuts, len(lines)]
    return [lines[a:b] for a, b in pairwise(bounds)]


def render_chat(quote: Quote, rng: random.Random) -> bytes:
    st, a, c = quote.style, quote.artisan, quote.client
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    firm = f"{a['name']} {a['legal_form']}"
    pdf.set_fill_color(*rng.choice([(7, 94, 84), (40, 90, 160), (60, 60, 70)]))
    pdf.rect(0, 0, 210, 20, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Cond", "B", 12)
    pdf.set_xy(14, 4)
    pdf.cell(150, 6, rng.choice([firm, a["name"], f"{a['name']} (artisan)"]))
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(14, 11)
    pdf.cell(150, 5, f"{_phone(rng)} · Messages")
    pdf.set_text_color(0, 0, 0)
    chat = _Chat(pdf, 24.0)
    polite = c["name"].split(" ")[0]
    surname = c["name"].split(" ")[-1]
    claim = f" (sinistre n° {quote.claim_reference})" if quote.claim_reference else ""
    # the day before the document's: the visit's aftermath, or the works' last day on an invoice
    before = (
        st["works_to"] if invoice else (Date.fromisoformat(quote.date) - timedelta(days=rng.randint(1, 4))).isoformat()
    )
    chat.day(before, rng)
    if invoice:
        chat.say(f"Bonjour, les travaux sont terminés chez vous. La facture suit{claim}.", True, rng)
        chat.say("Merci, l'expert de l'assurance me la demande par écrit.", False, rng)
    else:
        chat.say(
            f"Bonjour, suite à votre passage pour les dégâts{claim}, pouvez-vous m'envoyer le devis par écrit ? "
            "L'assurance me le demande.",
            False,
            rng,
        )
        chat.say(f"Bonjour {polite} {surname}, oui je vous fais ça, j'ai pris les mesures.", True, rng)
    chat.day(quote.date, rng)
    site = _site_text(quote, rng)
    if invoice:
        head = (
            f"Voici la facture n° {quote.number} du {fr_date(quote.date, st)}, suivant le devis n° "
            f"{st['quote_ref']}, pour les travaux faits du {fr_date(st['works_from'], st)} au "
            f"{fr_date(st['works_to'], st)} au {site} :"
        )
    else:
        head = f"Voici le devis n° {quote.number} du {fr_date(quote.date, st)} pour le {site} :"
    chat.say(head, True, rng)
    form = rng.randrange(3)
    bullet = rng.choice(["- ", "• ", "", "num"])
    number = 0
    for part in _chunks(quote.lines, rng):
        rows = []
        for line in part:
            number += 1
            mark = f"{number}) " if bullet == "num" else bullet
            rows.append(mark + _typed(line, st, form))
        chat.say("\n".join(rows), True, rng)
    vat = (lambda v: f"TVA {rate(v['rate'])}") if rng.random() < 0.5 else (lambda v: f"TVA à {rate(v['rate'])}")
    totals = _total_rows(quote, "Total HT", vat, "Total TTC")
    chat.say("\n".join(f"{label} : {amount(value, st)}" for label, value in totals), True, rng)
    if not invoice and rng.random() < 0.5:
        chat.say("Et le plafond de la chambre, c'est compris dedans ?", False, rng)
        chat.say("Oui tout est dedans, fournitures et main d'œuvre.", True, rng)
    identity = [firm, ", ".join(_seller(quote)[1:]), f"SIRET {siret_text(quote)}"]
    if rng.random() < 0.6:
        identity.append(f"TVA intracom. {a['tva_number']}")
    identity += [_terms(quote), _insurance(rng)]
    chat.say("\n".join(identity), True, rng)
    if invoice:
        chat.say("Bien reçu, merci. Je fais le virement cette semaine.", False, rng)
    else:
        chat.say(rng.choice(["Merci, je transmets à mon assureur.", "Parfait merci, je vous redis."]), False, rng)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- twoup (two pages to a sheet)

_SCALE = 0.68  # a logical A4 page printed into a half sheet, with the printer's margins
_ORIGINS = ((6.0, 4.0), (6.0 + 148.5, 4.0))  # each half sheet's top left corner, in mm
_PAGE_BOTTOM = 268.0  # where a logical page's body ends (its footer below)
_COLS = (
    ("Désignation", 88.0, "L"),
    ("Qté", 16.0, "R"),
    ("U", 12.0, "C"),
    ("P.U. HT", 22.0, "R"),
    ("Total HT", 26.0, "R"),
)

# One drawing on a logical page: its kind and its arguments in the logical page's millimetres.
_Op = tuple[Any, ...]


@dataclass
class _Doc:
    """The word-processor document as logical A4 pages of drawings, laid out before it is printed."""

    measure: FPDF
    pages: list[list[_Op]] = field(default_factory=lambda: [[]])
    y: float = 20.0

    def room(self, needed: float) -> None:
        if self.y + needed > _PAGE_BOTTOM:
            self.pages.append([])
            self.y = 20.0

    def text(self, x: float, w: float, h: float, text: str, size: float, style: str = "", align: str = "L") -> None:
        self.pages[-1].append(("text", x, self.y, w, h, text, size, style, align))

    def para(self, x: float, w: float, text: str, size: float, style: str = "", gap: float = 1.5) -> None:
        self.measure.set_font("Cond", style, size)
        rows = [row for part in text.split("\n") for row in _cell_rows(self.measure, part, w)]
        self.room(size * 0.45 * len(rows))
        for row in rows:
            self.text(x, w, size * 0.45, row, size, style)
            self.y += size * 0.45
        self.y += gap

    def rect(self, x: float, y: float, w: float, h: float, fill: tuple[int, int, int] | None = None) -> None:
        self.pages[-1].append(("rect", x, y, w, h, fill))


def _draw(pdf: FPDF, ops: list[_Op], origin: tuple[float, float]) -> None:
    ox, oy = origin
    for op in ops:
        if op[0] == "rect":
            _, x, y, w, h, fill = op
            if fill:
                pdf.set_fill_color(*fill)
            pdf.rect(ox + x * _SCALE, oy + y * _SCALE, w * _SCALE, h * _SCALE, style="F" if fill else "D")
            continue
        _, x, y, w, h, text, size, style, align = op
        pdf.set_font("Cond", style, size * _SCALE)
        pdf.set_xy(ox + x * _SCALE, oy + y * _SCALE)
        pdf.cell(w * _SCALE, h * _SCALE, text, align=align)


def _row(doc: _Doc, cells: list[str], bold: bool, fill: tuple[int, int, int] | None) -> None:
    """A table row: the wording wraps in the first column, the figures on its first row."""
    doc.measure.set_font("Cond", "B" if bold else "", 10)
    wrapped = _cell_rows(doc.measure, cells[0], _COLS[0][1] - 2)
    height = 4.8 * len(wrapped) + 2.4
    doc.room(height)
    x = 20.0
    for k, (_, width, align) in enumerate(_COLS):
        doc.rect(x, doc.y, width, height, fill)
        if fill:
            doc.rect(x, doc.y, width, height)
        if k == 0:
            for j, row in enumerate(wrapped):
                doc.pages[-1].append(
                    ("text", x + 1, doc.y + 1.2 + 4.8 * j, width - 2, 4.8, row, 10, "B" if bold else "", "L")
                )
        else:
            doc.pages[-1].append(("text", x + 1, doc.y + 1.2, width - 2, 4.8, cells[k], 10, "B" if bold else "", align))
        x += width
    doc.y += height


# the general terms of a public word-processor quote template, short (after public templates' clauses)
_GENERAL_TERMS = (
    "Le présent devis est gratuit. Il devient un contrat dès son retour signé avec la mention « bon pour accord ».",
    "Les prix s'entendent fournitures et main-d'œuvre comprises, pour les quantités indiquées ; tout travail "
    "supplémentaire fera l'objet d'un avenant écrit.",
    "Les travaux débutent dans un délai de 15 jours après réception de l'acompte, sauf intempéries ou cas de force "
    "majeure.",
    "Le client assure l'accès au chantier, l'eau et l'électricité nécessaires aux travaux.",
    "Les matériaux restent la propriété de l'entreprise jusqu'au paiement complet (clause de réserve de propriété).",
    "Le solde est dû à la réception des travaux ; la garantie de parfait achèvement court un an à compter de celle-ci.",
    "En cas de litige, le client peut recourir gratuitement au médiateur de la consommation dont relève l'entreprise.",
)


def _letter(quote: Quote, rng: random.Random) -> list[str]:
    """The covering letter's paragraphs: the visit, the damage, what the quote holds, the practical terms."""
    st = quote.style
    visit = Date.fromisoformat(quote.date) - timedelta(days=rng.randint(2, 9))
    loss = fr_date(quote.date_of_loss, st)
    return [
        f"Nous faisons suite à notre visite du {fr_date(visit.isoformat(), st)} à votre domicile, après le sinistre "
        f"survenu le {loss}. Nous avons constaté les dommages et pris les mesures des pièces touchées.",
        f"Vous trouverez en page suivante le détail chiffré des travaux, pièce par pièce, pour un montant total de "
        f"{amount(quote.total_ttc, st)} TTC. Ce devis peut être transmis tel quel à votre assureur ou à son expert.",
        f"Nous pouvons intervenir sous {rng.choice([2, 3, 4])} semaines après votre accord, pour une durée "
        f"d'environ {rng.randint(2, 8)} jours ouvrés. Un acompte de 30 % vous sera demandé à la commande.",
        "Restant à votre disposition pour tout renseignement, nous vous prions d'agréer, Madame, Monsieur, "
        "l'expression de nos salutations distinguées.",
    ]


def render_twoup(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    pdf = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    pdf.set_auto_page_break(False)
    pdf.add_page()  # the measuring page, dropped below: the document is printed on landscape sheets
    doc = _Doc(pdf)
    shade = rng.choice([(220, 230, 242), (232, 232, 232), (236, 228, 214)])
    doc.text(20, 110, 8, f"{a['name']} {a['legal_form']}", 16, "B")
    doc.y += 9
    seller = [*_seller(quote)[1:], f"Tél. {_phone(rng)}", f"SIRET : {siret_text(quote)}"]
    if rng.random() < 0.5:
        seller.append(f"N° TVA : {a['tva_number']}")
    for text in seller:
        doc.text(20, 100, 5, text, 10)
        doc.y += 5
    top = 24.0
    for k, text in enumerate(_customer(quote)):
        doc.pages[-1].append(
            ("text", 118, top + 5.5 * k, 72, 5.5, text, 11 if k == 0 else 10, "B" if k == 0 else "", "L")
        )
    doc.y = max(doc.y, top + 5.5 * len(_customer(quote))) + 10
    doc.text(20, 170, 9, f"{_title(quote).upper()} N° {quote.number}", 15, "B")
    doc.y += 10
    refs = [f"Date : {fr_date(quote.date, st)}", f"Lieu des travaux : {_site_text(quote, rng)}"]
    if invoice:
        refs.append(
            f"Devis accepté n° {st['quote_ref']} – travaux du {fr_date(st['works_from'], st)} "
            f"au {fr_date(st['works_to'], st)}"
        )
    if quote.claim_reference:
        refs.append(f"Votre dossier de sinistre : {quote.claim_reference}")
    doc.para(20, 170, "\n".join(refs), 10, gap=3)
    opening = (
        "Madame, Monsieur,\nSuite à notre visite sur place, nous vous prions de trouver ci-dessous le détail et le "
        "prix des travaux de remise en état que nous vous proposons."
        if not invoice
        else "Madame, Monsieur,\nVeuillez trouver ci-dessous le détail des travaux réalisés chez vous."
    )
    doc.para(20, 170, opening, 10, gap=4)
    if not invoice and rng.random() < 0.5:  # a covering letter on the first page, the table on the next
        for text in _letter(quote, rng):
            doc.para(20, 170, text, 10, gap=3)
        doc.para(120, 70, f"{a['name']}\nLe gérant", 10, "B")
        doc.pages.append([])
        doc.y = 20.0
        doc.para(20, 170, f"Détail du devis n° {quote.number}", 12, "B", gap=3)

    def header() -> None:
        doc.room(14)
        _row(doc, [title for title, _, _ in _COLS], True, shade)

    header()
    for line in quote.lines:
        cells = [
            line.designation,
            "" if line.category == "discount" else quantity(line.quantity),
            "" if line.category == "discount" else _UNITS[line.unit],
            "" if line.category == "discount" else amount(line.unit_price_ht, st, False),
            amount(line.total_ht, st, False),
        ]
        pages = len(doc.pages)
        _row(doc, cells, False, None)
        if len(doc.pages) > pages:  # the row went to the next page: the table's header first
            doc.pages[-1].clear()
            doc.y = 20.0
            header()
            _row(doc, cells, False, None)
    rows = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    doc.room(7 * len(rows) + 4)
    doc.y += 3
    for label, value in rows:
        bold = label.startswith(("Total TTC", "Net"))
        doc.rect(120, doc.y, 38, 7)
        doc.rect(158, doc.y, 32, 7)
        doc.pages[-1].append(("text", 121, doc.y + 1, 36, 5, label, 10, "B" if bold else "", "L"))
        doc.pages[-1].append(("text", 159, doc.y + 1, 30, 5, amount(value, st), 10, "B" if bold else "", "R"))
        doc.y += 7
    doc.y += 6
    conditions = [
        "Conditions",
        _terms(quote),
        f"Délai d'exécution : {rng.choice([2, 3, 4])} semaines à compter de l'accord, hors intempéries.",
        "En cas de retard de paiement : pénalités au taux d'intérêt légal majoré de 10 points et indemnité "
        "forfaitaire de 40 € pour frais de recouvrement (art. L441-10 du code de commerce).",
        _insurance(rng),
    ]
    doc.pages.append([])  # the conditions on a page of their own, the template's general terms after them
    doc.y = 20.0
    doc.para(20, 170, conditions[0], 11, "B")
    for text in conditions[1:]:
        doc.para(20, 170, text, 10, gap=2.5)
    doc.para(20, 170, "Conditions générales", 11, "B")
    for k, text in enumerate(_GENERAL_TERMS, start=1):
        doc.para(20, 170, f"Article {k} – {text}", 9, gap=2)
    if not invoice:
        doc.room(40)
        doc.y += 4
        doc.text(20, 80, 5, "Bon pour accord, date et signature :", 10)
        doc.rect(20, doc.y + 6, 80, 28)
        doc.text(112, 78, 5, f"Fait à {a['city']}, le {fr_date(quote.date, st)}", 10)
    count = len(doc.pages)
    footer = f"{a['name']} {a['legal_form']} – SIRET {siret_text(quote)}"
    for k, ops in enumerate(doc.pages, start=1):
        ops.append(("text", 20, 278, 120, 5, footer, 8, "", "L"))
        ops.append(("text", 150, 278, 40, 5, f"Page {k} / {count}", 8, "", "R"))
    out = _fpdf(quote, f"{_title(quote).capitalize()} {quote.number}")
    out.set_auto_page_break(False)
    border = rng.random() < 0.5
    for first in range(0, count, 2):
        out.add_page(orientation="L")
        for ops, origin in zip(doc.pages[first : first + 2], _ORIGINS, strict=False):
            if border:
                out.rect(origin[0] - 1, origin[1] - 1, 210 * _SCALE + 2, 297 * _SCALE + 2)
            _draw(out, ops, origin)
    return bytes(out.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"chat": render_chat, "twoup": render_twoup}
_TEXT_SCENARIOS = {
    "chat": (
        "fair",
        "arithmetic_error",
        "regional_fair",
        "fair",
        "inflated",
        "fair",
        "invalid_siret",
        "fair",
        "slightly_high",
        "regional_fair",
    ),
    "twoup": (
        "fair",
        "invalid_siret",
        "fair",
        "slightly_high",
        "regional_fair",
        "fair",
        "not_covered",
        "fair",
        "inflated",
        "regional_fair",
    ),
}
_INVOICES = {"chat": (5,), "twoup": (7,)}
_COVERS = (DDE, INC, DDE, TGN, DDE, DDE, DDE, TGN, DDE, INC)
SCANS = (
    ("chat", "photo_shadow", "fair", DDE),
    ("chat", "fax", "fair", INC),
    ("twoup", "scan_pdf", "inflated", TGN),
    ("twoup", "rotated", "fair", DDE),
)


# the k-th text PDF of a family under _COVERS[k]: no glass breakage in set 15; its not-covered quote
# (twoup, k = 6: a leak repair inserted) under water damage, the one cover that excludes it
SET = FamilySet(
    "families15",
    "quinzième",
    2040,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    lambda _, k, __: _COVERS[k],
    _INVOICES,
    SCANS,
    lambda k, _: False,
    export_or_letter(("twoup",)),
    ("devis", "facture", "messages", "document", "devis_imprime"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
