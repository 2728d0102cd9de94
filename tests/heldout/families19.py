"""Frozen held-out set 19: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families19 OUT_DIR [--seed 2190]

Made once into ``tests/heldout/frozen19/`` (see its README) to measure session 16's start robot
(db9f941) and its rounds on documents unlike the layouts of ``generate.py`` and ``families.py`` to
``families17.py``. Both come from the structural and envelope trades and larger firms (roofers and
zinc workers, masons and façade renderers, heating and ventilation installers, frame carpenters) and
the documents their software produces:

- ``roofplan``: a **roof or façade take-off program's quote**: the firm's block and a boxed reference
  grid, then a **"plan de repérage" panel drawing the measured zones** (a pan as a polygon labelled
  "P2 – 38,60 m² – pente 35°", an eaves edge as a thick stroke "G1 – 12,40 ml", a north arrow), then a
  DPGF-like grid "Art. | Désignation | Repère | U | Qté | P.U. HT | Total HT" whose **"Repère" column
  names the drawn zone**, chapters numbered "2", articles "2.3", a subtotal per chapter, the totals, and
  **a "PSE" block after the totals** (a priced optional work the total leaves out);
- ``cover``: a **larger firm's cover that carries the quote as an annex**: page 1 either a formal
  letter (references block, "Objet :", prose stating the totals in words and figures, what the offer
  includes and **what it excludes**, the delay, "P.J. : Annexe 1 …, Annexe 2 …") or **a printed e-mail**
  (De / Envoyé / À / Cc / Objet / Pièces jointes, a short body with the totals, the firm's signature
  block, then **the expert's quoted message** with its own claim figures: a provisional estimate, an
  excess); then "ANNEXE 1 – DEVIS DÉTAILLÉ N° …": the grid "Poste | Désignation des ouvrages | Qté | U |
  P.U. HT | Montant HT" grouped under trade titles, the totals, an agreement box; the letter's "ANNEXE 2"
  an insurance certificate whose guarantee table holds large euro ceilings and excesses.

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover among the structural and envelope trades (``_pick``), with the
line wordings replaced by the public ones of ``tests/heldout/wordings19/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date as Date
from datetime import timedelta
from pathlib import Path

from fpdf import FPDF

from tests.heldout.catalog import DDE, INC, ITEMS, TGN
from tests.heldout.families import _insurance, _site_text
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

WORDINGS = Path(__file__).parent / "wordings19" / "wordings.tsv"

# --------------------------------------------------------------------------- the structural trades' work

# What each cover's works are among the structural and envelope trades, and the site costs.
_WORK = {
    TGN: ("roof_tiles", "gutter", "labour", "plasterboard", "ceiling_painting"),
    DDE: (
        "leak_search",
        "plumber_hour",
        "plasterboard",
        "joint_filler",
        "wall_painting",
        "dehumidifier",
        "drying_days",
    ),
    INC: ("plasterboard", "joint_filler", "ceiling_painting", "wall_painting", "labour"),
}
_SITE_COSTS = ("travel_setup", "protection", "cleaning")


def _pick(worded: frozenset[str]) -> Callable[[random.Random, str, int], list[str]]:
    """The categories of a structural trade's quote: its cover's works, with public wordings."""

    def pick(rng: random.Random, cover: str, count: int) -> list[str]:
        site = [c for c in _SITE_COSTS if c in worded]
        extra = rng.sample(site, k=rng.randint(1, 2))
        work = [c for c in _WORK.get(cover, _WORK[DDE]) if c in worded]
        chosen = rng.sample(work, k=min(max(count, 2), len(work)))
        return extra[:1] + chosen + extra[1:]

    return pick


def _trade(quote: Quote) -> str:
    """The firm's trades as its letterhead names them, from the quote's lines."""
    cats = {line.category for line in quote.lines}
    if cats & {"roof_tiles", "gutter"}:
        return "Couverture – Zinguerie – Charpente"
    if cats & {"leak_search", "plumber_hour", "leak_repair"}:
        return "Chauffage – Ventilation – Climatisation"
    return "Maçonnerie – Façades – Ravalement"


def _chapter(line: Line) -> str:
    return ITEMS[line.category].trade if line.category in ITEMS else "Divers"


def _chapters(quote: Quote) -> list[tuple[str, list[Line]]]:
    """The quote's lines grouped by trade, in order of first appearance."""
    out: dict[str, list[Line]] = {}
    for line in quote.lines:
        out.setdefault(_chapter(line), []).append(line)
    return list(out.items())


def _firm(pdf: FPDF, quote: Quote, rng: random.Random, x: float, y: float, width: float) -> float:
    """The firm's block: name, trades, address, phone, SIRET and VAT number; returns where it ends."""
    a = quote.artisan
    pdf.set_font("Cond", "B", 13)
    pdf.set_xy(x, y)
    pdf.cell(width, 6, f"{a['name']} {a['legal_form']}")
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(x, y + 6.5)
    rows = [_trade(quote), *_seller(quote)[1:], f"Tél. {_phone(rng)}", f"SIRET {siret_text(quote)}"]
    if rng.random() < 0.6:
        rows.append(f"N° TVA {a['tva_number']}")
    pdf.multi_cell(width, 3.9, "\n".join(rows))
    return pdf.get_y()


def _pse(quote: Quote, rng: random.Random) -> list[tuple[str, str, str, float, float, float]]:
    """One or two optional works the firm prices beside its offer: (ref, wording, unit, qty, PU, total)."""
    pool = (
        ("Démoussage de la couverture et application d'un hydrofuge", "m²", 18.0, 60.0),
        ("Remplacement des descentes en zinc par du cuivre", "ml", 48.0, 14.0),
        ("Nettoyage haute pression de la façade arrière", "m²", 14.0, 55.0),
        ("Contrat d'entretien annuel de la chaudière (première année)", "u", 160.0, 1.0),
        ("Grille pare-feuilles sur l'ensemble des gouttières", "ml", 12.0, 24.0),
        ("Peinture des sous-faces de débord de toit", "m²", 32.0, 16.0),
    )
    out = []
    for k, (text, unit, price, qty) in enumerate(rng.sample(pool, k=rng.randint(1, 2)), start=1):
        pu = round(price * rng.uniform(0.85, 1.3), 2)
        q = round(qty * rng.uniform(0.6, 1.4), 2) if unit != "u" else 1.0
        out.append((f"PSE {k}", text, unit, q, pu, round(q * pu + 1e-9, 2)))
    return out


# --------------------------------------------------------------------------- roofplan (take-off + DPGF)

_COLS = (("Art.", 12.0, "L"), ("Désignation", 76.0, "L"), ("Repère", 15.0, "C"), ("U", 11.0, "C"),
         ("Qté", 15.0, "R"), ("P.U. HT", 23.0, "R"), ("Total HT", 34.0, "R"))  # fmt: skip


def _zones(quote: Quote) -> dict[int, str]:
    """The drawn zone of each measured line (by its index): a pan or a wall for m², an edge for ml."""
    out: dict[int, str] = {}
    pans = edges = 0
    for k, line in enumerate(quote.lines):
        if line.unit == "m2":
            pans += 1
            out[k] = f"P{pans}"
        elif line.unit == "ml":
            edges += 1
            out[k] = f"G{edges}"
    return out


def _plan(pdf: FPDF, quote: Quote, rng: random.Random, zones: dict[int, str], y: float) -> float:
    """The take-off panel: each zone drawn and labelled with its measure; returns where it ends."""
    st = quote.style
    roof = _trade(quote).startswith("Couverture")
    height = 58.0
    pdf.set_draw_color(90, 90, 90)
    pdf.rect(12, y, 186, height)
    pdf.set_font("Cond", "B", 8.5)
    pdf.set_xy(14, y + 1.5)
    title = "RELEVÉ DE TOITURE – plan de repérage des zones (échelle libre)" if roof else "PLAN DE REPÉRAGE DES ZONES"
    pdf.cell(150, 4, title)
    # a north arrow
    pdf.line(190, y + 14, 190, y + 5)
    pdf.line(190, y + 5, 188.5, y + 8)
    pdf.line(190, y + 5, 191.5, y + 8)
    pdf.set_xy(187.5, y + 14.5)
    pdf.cell(5, 4, "N", align="C")
    measured = list(zones.items())
    slot = 172.0 / max(4, len(measured))
    for n, (k, ref) in enumerate(measured):
        line = quote.lines[k]
        x0 = 16 + n * slot
        top, base = y + 12, y + 44
        w = slot - 6
        pdf.set_fill_color(232, 236, 240)
        if ref.startswith("P"):
            inset = rng.uniform(0.1, 0.35) * w if roof else 0.0
            points = [(x0, base), (x0 + w, base), (x0 + w - inset, top), (x0 + inset, top)]
            pdf.polygon(points, style="DF")
            label = f"{ref} – {quantity(line.quantity)} m²"
            if roof:
                note = f"pente {rng.choice([22, 30, 35, 40, 45])}°"
            else:
                note = f"h. {quantity(rng.randint(240, 290) / 100)} m"
        else:
            pdf.set_line_width(1.2)
            pdf.line(x0, base, x0 + w, base)
            pdf.set_line_width(0.2)
            pdf.line(x0, top + 10, x0 + w, top + 10)
            label = f"{ref} – {quantity(line.quantity)} ml"
            note = rng.choice(["égout", "long pan", "façade avant", "descente"])
        pdf.set_font("Cond", "B", 7.5)
        pdf.set_xy(x0, base + 2)
        pdf.cell(w, 3.5, label, align="C")
        pdf.set_font("Cond", "", 7)
        pdf.set_xy(x0, base + 5.5)
        pdf.cell(w, 3.5, note, align="C")
    pdf.set_draw_color(0, 0, 0)
    pdf.set_font("Cond", "", 7)
    pdf.set_xy(14, y + height - 5)
    when = fr_date((Date.fromisoformat(quote.date) - timedelta(days=rng.randint(2, 9))).isoformat(), st)
    pdf.cell(170, 4, f"Relevé effectué sur place le {when} – cotes en mètres, surfaces rampantes")
    return y + height + 4


def render_roofplan(quote: Quote, rng: random.Random) -> bytes:
    st = quote.style
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    end = _firm(pdf, quote, rng, 12, 12, 92)
    # the reference grid right, the customer under it
    refs = [
        (_title(quote).upper(), quote.number),
        ("Date", fr_date(quote.date, st)),
        ("Affaire", f"{rng.randint(19, 26)}-{rng.randint(100, 999)}"),
    ]
    if quote.claim_reference:
        refs.append(("Réf. sinistre", quote.claim_reference))
    if invoice:
        refs.append(("Devis accepté", f"{st['quote_ref']} du {fr_date(st['works_from'], st)}"))
    else:
        refs.append(("Validité", fr_date(quote.valid_until, st)))
    y = 12.0
    for name, value in refs:
        pdf.set_font("Cond", "B", 8.5)
        pdf.rect(120, y, 28, 5.5)
        pdf.rect(148, y, 50, 5.5)
        pdf.set_xy(121, y + 0.7)
        pdf.cell(26, 4.2, name)
        pdf.set_font("Cond", "", 8.5)
        pdf.set_xy(149, y + 0.7)
        pdf.cell(48, 4.2, value)
        y += 5.5
    pdf.set_font("Cond", "", 9)
    pdf.set_xy(120, y + 3)
    pdf.multi_cell(78, 4.2, "\n".join(_customer(quote)))
    y = max(end, pdf.get_y()) + 3
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(12, y)
    pdf.cell(186, 4, f"Chantier : {_site_text(quote, rng)} – sinistre du {fr_date(quote.date_of_loss, st)}")
    y += 7
    zones = _zones(quote)
    if zones:
        y = _plan(pdf, quote, rng, zones, y)

    def header(top: float) -> float:
        pdf.set_font("Cond", "B", 8.5)
        pdf.set_fill_color(40, 60, 90)
        pdf.set_text_color(255, 255, 255)
        x = 12.0
        for name, width, align in _COLS:
            pdf.rect(x, top, width, 6, style="DF")
            pdf.set_xy(x + 1, top + 0.9)
            pdf.cell(width - 2, 4.2, name, align=align)
            x += width
        pdf.set_text_color(0, 0, 0)
        return top + 6

    def room(top: float, need: float) -> float:
        if top + need <= 280:
            return top
        pdf.set_font("Cond", "", 7)
        pdf.set_xy(12, 284)
        pdf.cell(186, 4, f"{_title(quote).capitalize()} {quote.number} – page {pdf.page_no()}", align="R")
        pdf.add_page()
        return header(12.0)

    y = header(y)
    index = {id(line): k for k, line in enumerate(quote.lines)}
    for c, (name, lines) in enumerate(_chapters(quote), start=1):
        y = room(y, 14)
        pdf.set_font("Cond", "B", 8.5)
        pdf.set_fill_color(225, 230, 238)
        pdf.rect(12, y, 186, 5.5, style="F")
        pdf.set_xy(13, y + 0.7)
        pdf.cell(184, 4.2, f"{c}    {name.upper()}")
        y += 5.5
        for a, line in enumerate(lines, start=1):
            pdf.set_font("Cond", "", 8.5)
            rows = _cell_rows(pdf, line.designation, _COLS[1][1] - 2)
            h = 4.2 * len(rows) + 1.6
            y = room(y, h)
            cells = [
                f"{c}.{a}",
                "",
                zones.get(index[id(line)], "—"),
                _UNITS[line.unit],
                quantity(line.quantity),
                amount(line.unit_price_ht, st),
                amount(line.total_ht, st),
            ]
            x = 12.0
            for (_, width, align), text in zip(_COLS, cells, strict=True):
                if text:
                    pdf.set_xy(x + 1, y + 0.8)
                    pdf.cell(width - 2, 4.2, text, align=align)
                x += width
            for r, row in enumerate(rows):
                pdf.set_xy(12 + _COLS[0][1] + 1, y + 0.8 + 4.2 * r)
                pdf.cell(_COLS[1][1] - 2, 4.2, row)
            y += h
            pdf.set_draw_color(200, 200, 200)
            pdf.line(12, y, 198, y)
            pdf.set_draw_color(0, 0, 0)
        y = room(y, 6)
        pdf.set_font("Cond", "B", 8.5)
        pdf.set_xy(12 + 12, y + 0.6)
        pdf.cell(140, 4.2, f"Sous-total chapitre {c} – {name}")
        pdf.set_xy(164, y + 0.6)
        pdf.cell(33, 4.2, amount(sum(ln.total_ht for ln in lines), st), align="R")
        y += 7
    totals = _total_rows(quote, "TOTAL HT", lambda v: f"TVA {rate(v['rate'])}", "TOTAL TTC")
    pse = _pse(quote, rng)
    y = room(y, 6.0 * len(totals) + 8)
    for label, figure in totals:
        pdf.set_font("Cond", "B" if label.startswith(("TOTAL TTC", "Net")) else "", 9.5)
        pdf.rect(130, y, 34, 6)
        pdf.rect(164, y, 34, 6)
        pdf.set_xy(131, y + 0.9)
        pdf.cell(32, 4.4, label)
        pdf.set_xy(165, y + 0.9)
        pdf.cell(32, 4.4, amount(figure, st), align="R")
        y += 6
    y += 5
    if not invoice:
        y = room(y, 12 + 5.2 * len(pse))
        pdf.set_font("Cond", "B", 8.5)
        pdf.set_xy(12, y)
        pdf.cell(186, 4.5, "PRESTATIONS SUPPLÉMENTAIRES ÉVENTUELLES (PSE) – non comprises dans le total ci-dessus")
        y += 5.5
        pdf.set_font("Cond", "", 8.5)
        for ref, text, unit, q, pu, total in pse:
            x = 12.0
            for (_, width, align), cell in zip(
                _COLS, (ref, text, "", unit, quantity(q), amount(pu, st), amount(total, st)), strict=True
            ):
                pdf.set_xy(x + 1, y)
                pdf.cell(width - 2, 4.2, cell, align=align)
                x += width
            y += 5.2
        y += 3
    y = room(y, 30)
    pdf.set_font("Cond", "", 7.5)
    pdf.set_xy(12, y)
    pdf.multi_cell(110, 3.5, f"{_terms(quote)}\n{_insurance(rng)}")
    pdf.rect(128, y, 70, 24)
    pdf.set_xy(130, y + 1)
    pdf.cell(66, 4, "Le client – « Bon pour accord »" if not invoice else "Règlement reçu le :")
    return bytes(pdf.output())


# --------------------------------------------------------------------------- cover (letter or e-mail + annexes)

_EXCLUDED = (
    "les embellissements intérieurs (peintures, revêtements), à la charge d'un autre corps d'état",
    "la recherche et la réparation des réseaux enterrés",
    "les frais d'expertise et de maîtrise d'œuvre",
    "le remplacement des équipements non endommagés",
    "les travaux rendus nécessaires par un défaut d'entretien antérieur",
    "l'évacuation du mobilier et des encombrants",
)
_SIGNERS = ("Le Chargé d'affaires", "Le Directeur technique", "Le Gérant", "Le Conducteur de travaux")
_NAMES = ("Olivier Ménard", "Claire Bouvier", "Patrice Lemoine", "Sandrine Roux", "Hervé Delmas")


def _amounts_sentence(quote: Quote) -> str:
    st = quote.style
    rates = sorted({v["rate"] for v in quote.vat_breakdown})
    vat = f"TVA au taux de {rate(rates[0])}" if len(rates) == 1 else "TVA aux taux en vigueur"
    return (
        f"{amount(quote.total_ht, st)} HT, soit {amount(quote.total_ttc, st)} TTC ({vat})"
        if not _is_invoice(quote)
        else f"{amount(quote.total_ttc, st)} TTC ({vat})"
    )


def _letter(pdf: FPDF, quote: Quote, rng: random.Random, signer: tuple[str, str]) -> None:
    st = quote.style
    invoice = _is_invoice(quote)
    _firm(pdf, quote, rng, 12, 12, 100)
    pdf.set_font("Serif", "", 9.5)
    pdf.set_xy(118, 44)
    pdf.multi_cell(80, 4.5, "\n".join(_customer(quote)))
    y = max(pdf.get_y(), 60.0) + 4
    pdf.set_xy(118, y)
    pdf.cell(80, 4.5, f"{quote.artisan['city']}, le {fr_date(quote.date, st)}")
    y += 10
    refs = []
    if quote.claim_reference:
        refs.append(f"Vos réf. : sinistre n° {quote.claim_reference} du {fr_date(quote.date_of_loss, st)}")
    refs.append(f"Nos réf. : {_title(quote)} n° {quote.number}")
    subject = "facture des travaux de remise en état" if invoice else "proposition de travaux de remise en état"
    refs.append(f"Objet : {subject} – {_site_text(quote, rng)}")
    refs.append(f"Affaire suivie par : {signer[1]}")
    pdf.set_font("Serif", "B", 9)
    pdf.set_xy(12, y)
    pdf.multi_cell(186, 4.5, "\n".join(refs))
    y = pdf.get_y() + 5
    visit = fr_date((Date.fromisoformat(quote.date) - timedelta(days=rng.randint(3, 12))).isoformat(), st)
    if invoice:
        body = [
            "Madame, Monsieur,",
            f"Les travaux prévus à notre devis n° {st['quote_ref']} étant achevés, nous vous prions de trouver "
            f"ci-joint notre facture n° {quote.number}, d'un montant de {_amounts_sentence(quote)}, dont le détail "
            "figure en annexe 1.",
            "Nous vous remercions de bien vouloir en effectuer le règlement, déduction faite de l'acompte déjà versé.",
        ]
    else:
        body = [
            "Madame, Monsieur,",
            f"Suite à notre visite sur place du {visit}, nous avons le plaisir de vous adresser notre proposition "
            f"n° {quote.number} pour la remise en état consécutive au sinistre du {fr_date(quote.date_of_loss, st)}.",
            f"Le montant de nos travaux s'élève à {_amounts_sentence(quote)}. Le détail par poste figure en annexe 1.",
            "Notre offre comprend la fourniture et la mise en œuvre des ouvrages décrits, l'installation et le repli "
            "du chantier ainsi que l'évacuation de nos déchets. Elle ne comprend pas :",
            *[f"  – {text} ;" for text in rng.sample(_EXCLUDED, k=3)],
            f"Délai d'exécution : {rng.randint(2, 6)} semaines après réception de votre accord, hors intempéries. "
            f"Notre offre est valable jusqu'au {fr_date(quote.valid_until, st)}.",
            "Restant à votre disposition pour tout renseignement complémentaire, nous vous prions d'agréer, Madame, "
            "Monsieur, l'expression de nos salutations distinguées.",
        ]
    pdf.set_font("Serif", "", 9.5)
    for paragraph in body:
        pdf.set_xy(12, y)
        pdf.multi_cell(186, 4.6, paragraph)
        y = pdf.get_y() + 2.5
    pdf.set_xy(118, y + 4)
    pdf.multi_cell(80, 4.6, f"{signer[0]}\n{signer[1]}")
    pdf.set_font("Serif", "", 8.5)
    pdf.set_xy(12, y + 22)
    annexes = f"P.J. : Annexe 1 – {'détail de la facture' if invoice else 'devis détaillé'} n° {quote.number}"
    pdf.multi_cell(186, 4.2, annexes + "\n        Annexe 2 – attestation d'assurance décennale")


def _mail(pdf: FPDF, quote: Quote, rng: random.Random, signer: tuple[str, str]) -> None:
    st = quote.style
    a = quote.artisan
    invoice = _is_invoice(quote)
    domain = "".join(ch for ch in a["name"].lower() if ch.isalnum())[:14] + ".fr"
    sender = signer[1].lower().replace(" ", ".").replace("é", "e").replace("è", "e")
    sent = Date.fromisoformat(quote.date)
    days = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
    hour = f"{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}"
    who = quote.client.get("company") or quote.client["name"]
    expert = rng.choice(["Cabinet Texa", "Cabinet Elex", "Polyexpert", "Saretec", "Cabinet Union d'Experts"])
    claim = quote.claim_reference or f"{rng.randint(10**7, 10**8)}"
    kind = "facture" if invoice else "devis"
    pdf.set_font("DejaVu", "B", 12)
    pdf.set_xy(12, 12)
    pdf.cell(186, 6, signer[1])
    pdf.line(12, 19, 198, 19)
    heads = [
        ("De :", f"{signer[1]} <{sender}@{domain}>"),
        ("Envoyé :", f"{days[sent.weekday()]} {fr_date(quote.date, {**st, 'date_style': 'long'})} {hour}"),
        ("À :", f"{who}"),
        ("Cc :", f"{expert} – gestion sinistres"),
        ("Objet :", f"RE: Sinistre n° {claim} – notre {kind} n° {quote.number}"),
        ("Pièces jointes :", f"{kind.capitalize()}_{quote.number}.pdf ({rng.randint(90, 480)} Ko)"),
    ]
    y = 22.0
    for name, value in heads:
        pdf.set_font("DejaVu", "B", 9)
        pdf.set_xy(12, y)
        pdf.cell(28, 4.6, name)
        pdf.set_font("DejaVu", "", 9)
        pdf.set_xy(40, y)
        pdf.cell(158, 4.6, value)
        y += 4.8
    y += 5
    body = [
        "Bonjour,",
        (
            f"Comme convenu, vous trouverez ci-dessous et en pièce jointe notre facture n° {quote.number} "
            f"d'un montant de {_amounts_sentence(quote)}."
            if invoice
            else f"Suite à la réunion d'expertise, vous trouverez ci-dessous et en pièce jointe notre devis "
            f"n° {quote.number} pour un montant de {_amounts_sentence(quote)}."
        ),
        "Le détail poste par poste suit ce message. Nous pouvons intervenir sous trois semaines après votre accord.",
        "Bien cordialement,",
    ]
    pdf.set_font("DejaVu", "", 9.5)
    for paragraph in body:
        pdf.set_xy(12, y)
        pdf.multi_cell(186, 4.6, paragraph)
        y = pdf.get_y() + 2.5
    pdf.set_font("DejaVu", "", 8)
    pdf.set_text_color(60, 60, 60)
    pdf.set_xy(12, y + 2)
    sig = [
        f"{signer[1]} – {signer[0].removeprefix('Le ')}",
        f"{a['name']} {a['legal_form']} – {_trade(quote)}",
        f"{a['address']}, {a['postal_code']} {a['city']} – Tél. {_phone(rng)}",
        f"SIRET {siret_text(quote)}",
    ]
    pdf.multi_cell(186, 3.8, "\n".join(sig))
    y = pdf.get_y() + 6
    estimate = round(quote.total_ttc * rng.uniform(0.6, 1.5), -2)
    quoted = [
        "-----Message d'origine-----",
        f"De : {expert} <gestion@{expert.split()[-1].lower()}-expertise.fr>",
        f"Envoyé : {fr_date((sent - timedelta(days=rng.randint(3, 15))).isoformat(), st)}",
        f"Objet : Sinistre n° {claim} – demande de chiffrage",
        "",
        "Bonjour,",
        f"Suite à notre réunion d'expertise contradictoire du {fr_date(quote.date_of_loss, st)}, merci de nous "
        "transmettre votre chiffrage détaillé des travaux de remise en état (quantités et prix unitaires).",
        f"Pour information, l'estimation provisoire des dommages retenue à ce stade est de {amount(estimate, st)} TTC, "
        f"sous déduction de la franchise contractuelle de {amount(rng.choice([150, 230, 380, 450]), st)}.",
        "Cordialement,",
    ]
    pdf.set_text_color(90, 90, 90)
    pdf.set_draw_color(150, 150, 150)
    start = y
    pdf.set_xy(16, y)
    pdf.multi_cell(180, 4.2, "\n".join(quoted))
    pdf.line(13.5, start, 13.5, pdf.get_y())
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)


def _annex_grid(pdf: FPDF, quote: Quote, rng: random.Random, font: str) -> float:
    st = quote.style
    invoice = _is_invoice(quote)
    pdf.add_page()
    pdf.set_font(font, "B", 11)
    pdf.set_xy(12, 12)
    pdf.cell(186, 6, f"ANNEXE 1 – {'DÉTAIL DE LA FACTURE' if invoice else 'DEVIS DÉTAILLÉ'} N° {quote.number}")
    pdf.set_font(font, "", 8.5)
    pdf.set_xy(12, 19)
    who = quote.client.get("company") or quote.client["name"]
    recall = f"du {fr_date(quote.date, st)} – {who}"
    if invoice:
        recall += f" – devis n° {st['quote_ref']} accepté"
    pdf.cell(186, 4, recall)
    cols = (("Poste", 14.0), ("Désignation des ouvrages", 92.0), ("Qté", 16.0), ("U", 12.0), ("P.U. HT", 24.0),
            ("Montant HT", 28.0))  # fmt: skip
    aligns = ("L", "L", "R", "C", "R", "R")

    def header(top: float) -> float:
        pdf.set_font(font, "B", 8.5)
        x = 12.0
        for (name, width), align in zip(cols, aligns, strict=True):
            pdf.rect(x, top, width, 6)
            pdf.set_xy(x + 1, top + 0.9)
            pdf.cell(width - 2, 4.2, name, align=align)
            x += width
        return top + 6

    y = header(26.0)
    letters = "ABCDEFGH"
    for g, (name, lines) in enumerate(_chapters(quote)):
        pdf.set_font(font, "B", 8.5)
        pdf.set_xy(12 + 15, y + 1)
        pdf.cell(150, 4.2, name)
        y += 6
        for k, line in enumerate(lines, start=1):
            pdf.set_font(font, "", 8.5)
            rows = _cell_rows(pdf, line.designation, cols[1][1] - 2)
            h = 4.2 * len(rows) + 1.8
            if y + h > 272:
                pdf.add_page()
                y = header(12.0)
            cells = (
                f"{letters[g]}{k:02d}",
                "",
                quantity(line.quantity),
                _UNITS[line.unit],
                amount(line.unit_price_ht, st),
                amount(line.total_ht, st),
            )
            x = 12.0
            for (_, width), align, text in zip(cols, aligns, cells, strict=True):
                pdf.rect(x, y, width, h)
                if text:
                    pdf.set_xy(x + 1, y + 0.9)
                    pdf.cell(width - 2, 4.2, text, align=align)
                x += width
            for r, row in enumerate(rows):
                pdf.set_xy(12 + cols[0][1] + 1, y + 0.9 + 4.2 * r)
                pdf.cell(cols[1][1] - 2, 4.2, row)
            y += h
    totals = _total_rows(quote, "Total HT", lambda v: f"TVA {rate(v['rate'])}", "Total TTC")
    if y + 6 * len(totals) + 36 > 285:
        pdf.add_page()
        y = 12.0
    y += 3
    for name, value in totals:
        pdf.set_font(font, "B" if name.startswith(("Total TTC", "Net")) else "", 9)
        pdf.set_xy(120, y)
        pdf.cell(48, 5, name)
        pdf.set_xy(168, y)
        pdf.cell(30, 5, amount(value, st), align="R")
        y += 5.5
    pdf.set_font(font, "", 7.5)
    pdf.set_xy(12, y + 3)
    pdf.multi_cell(100, 3.5, _terms(quote))
    if not invoice:
        pdf.rect(120, y + 3, 78, 24)
        pdf.set_xy(122, y + 4)
        pdf.cell(74, 4, "Date, signature et mention « Bon pour accord »")
    return y + 30


def _certificate(pdf: FPDF, quote: Quote, rng: random.Random) -> None:
    """Annex 2: the ten-year insurance certificate, its guarantees with their ceilings and excesses."""
    st = quote.style
    a = quote.artisan
    pdf.add_page()
    pdf.set_font("Serif", "B", 11)
    pdf.set_xy(12, 14)
    pdf.cell(186, 6, "ANNEXE 2 – ATTESTATION D'ASSURANCE", align="C")
    pdf.set_font("Serif", "", 9)
    insurer = rng.choice(["SMABTP", "MAAF Pro", "L'Auxiliaire", "AXA France IARD", "MMA IARD"])
    year = Date.fromisoformat(quote.date).year
    text = (
        f"{insurer} atteste que l'entreprise {a['name']} {a['legal_form']}, {a['address']}, {a['postal_code']} "
        f"{a['city']}, SIRET {siret_text(quote)}, est titulaire du contrat n° {rng.randint(10**6, 10**7)}/"
        f"{rng.randint(10, 99)} garantissant sa responsabilité civile décennale et sa responsabilité civile "
        f"professionnelle pour la période du 01/01/{year} au 31/12/{year}, pour les activités : "
        f"{_trade(quote).replace(' – ', ', ').lower()}."
    )
    pdf.set_xy(12, 26)
    pdf.multi_cell(186, 4.6, text)
    y = pdf.get_y() + 5
    table = (
        ("Garantie", "Montant garanti", "Franchise"),
        ("Responsabilité civile décennale – habitation", "coût des travaux de réparation", f"{amount(1500, st)}"),
        ("Responsabilité civile décennale – hors habitation", f"{amount(1_500_000, st)} par sinistre",
         f"{amount(1500, st)}"),
        ("Dommages immatériels consécutifs", f"{amount(500_000, st)} par année", f"{amount(800, st)}"),
        ("Responsabilité civile exploitation", f"{amount(4_500_000, st)} par sinistre", f"{amount(380, st)}"),
    )  # fmt: skip
    widths = (86.0, 60.0, 40.0)
    for r, row in enumerate(table):
        x = 12.0
        pdf.set_font("Serif", "B" if r == 0 else "", 8.5)
        for width, cell in zip(widths, row, strict=True):
            pdf.rect(x, y, width, 6.5)
            pdf.set_xy(x + 1, y + 1.1)
            pdf.cell(width - 2, 4.3, cell)
            x += width
        y += 6.5
    pdf.set_font("Serif", "", 8.5)
    pdf.set_xy(12, y + 5)
    pdf.multi_cell(186, 4.2, f"Fait à Paris, le 02/01/{year}, pour servir et valoir ce que de droit. Pour l'assureur.")


def render_cover(quote: Quote, rng: random.Random) -> bytes:
    pdf = open_page(quote)
    signer = (rng.choice(_SIGNERS), rng.choice(_NAMES))
    if rng.random() < 0.5:
        _letter(pdf, quote, rng, signer)
        _annex_grid(pdf, quote, rng, "Serif")
        _certificate(pdf, quote, rng)
    else:
        _mail(pdf, quote, rng, signer)
        _annex_grid(pdf, quote, rng, "DejaVu")
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"roofplan": render_roofplan, "cover": render_cover}
_TEXT_SCENARIOS = {
    "roofplan": (
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
    "cover": (
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
_INVOICES = {"roofplan": (4,), "cover": (5,)}
_COVERS = (TGN, DDE, TGN, INC, TGN, DDE, TGN, DDE, TGN, DDE)
SCANS = (
    ("roofplan", "photo_shadow", "fair", TGN),
    ("roofplan", "fax", "inflated", TGN),
    ("cover", "scan_pdf", "fair", DDE),
    ("cover", "rotated", "fair", TGN),
)


SET = FamilySet(
    "families19",
    "dix-neuvième",
    2190,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    covers_by_index(_COVERS),
    _INVOICES,
    SCANS,
    lambda k, _: False,
    export_or_letter(("roofplan",)),
    ("devis", "offre", "envoi_devis", "document", "proposition"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
