"""Frozen held-out set 13: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families13 OUT_DIR [--seed 2038]

Made once into ``tests/heldout/frozen13/`` (see its README) to measure the robots of session 13's
start (4ed12fc) and end on documents unlike the layouts of ``generate.py`` and ``families.py`` to
``families12.py``:

- ``contract``: a quote (or its invoice) drawn up as a **private works contract** ("marché de travaux
  privés"): the parties stated in sentences ("ENTRE LES SOUSSIGNÉS … ci-après « l'Entrepreneur »"),
  then numbered articles in running text (object, contract documents, works and price, price terms,
  payment schedule, time limits, retention, penalties); the priced lines are the table of one article,
  numbered after it ("3.1", "3.2"), its total stated again in words; the payment schedule's instalments,
  the retention and the penalties print more amounts, none of them a line;
- ``joint``: the joint quote of a **temporary group of firms** ("groupement momentané d'entreprises
  conjoint"): the common agent's identity and SIRET at the top, a table of the group's members (each its
  SIRET and its lots), then one lot per trade headed by the firm that carries it out (its own name and
  SIRET), a lot total under each, a breakdown of the amount by firm, the totals of the whole.

Scans of four of the documents (two per family; they run over two pages, too many for a phone photo): a
flatbed scan, a fax, a low-resolution scan, pages scanned sideways (``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover as in set 5 (``families5._pick``), with the line
wordings replaced by the public ones of ``tests/heldout/wordings13/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date as Date
from datetime import timedelta
from pathlib import Path

from fpdf import FPDF

from tests.heldout.catalog import DDE, INC, ITEMS, TGN
from tests.heldout.families import _site_text
from tests.heldout.families2 import _is_invoice, _phone, _title
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families5 import _pick
from tests.heldout.families7 import _UNITS, _seller, euros_in_words
from tests.heldout.families10 import _terms
from tests.heldout.families11 import _cell_rows
from tests.heldout.families12 import open_page
from tests.heldout.family_set import FamilySet, export_or_letter, main
from tests.heldout.generate import Line, Quote, make_siret, money
from tests.heldout.render import amount, fr_date, quantity, rate, siret_text

WORDINGS = Path(__file__).parent / "wordings13" / "wordings.tsv"

_BOTTOM = 282.0


def _room(pdf: FPDF, y: float, needed: float) -> float:
    """Where to go on: here, or the top of a new page when ``needed`` millimetres do not fit."""
    if y + needed <= _BOTTOM:
        return y
    pdf.add_page()
    return 14.0


def _paragraph(pdf: FPDF, y: float, text: str, size: float = 8.5, style: str = "", indent: float = 0.0) -> float:
    """``text`` wrapped over the page's width from ``y`` (on a new page when it does not fit); returns
    where it ends. Italics in DejaVu, the only italic face the documents embed."""
    pdf.set_font("DejaVu" if style == "I" else "Cond", style, size)
    rows = _cell_rows(pdf, text, 186 - indent)
    y = _room(pdf, y, 4.2 * len(rows))
    pdf.set_xy(12 + indent, y)
    pdf.multi_cell(186 - indent, 4.2, text)
    return pdf.get_y()


def _grid(
    pdf: FPDF,
    y: float,
    cols: tuple[tuple[str, float, str], ...],
    rows: list[tuple[list[str], bool]],
    wrap: int,
    fill: tuple[int, int, int],
) -> float:
    """A ruled table: its header (repeated on a new page), then each row (bold when asked), the
    ``wrap``-th column wrapping."""

    def header(top: float) -> float:
        pdf.set_font("Cond", "B", 8)
        pdf.set_fill_color(*fill)
        x = 12.0
        for title, width, _ in cols:
            pdf.set_xy(x, top)
            pdf.cell(width, 6, title, border=1, align="C", fill=True)
            x += width
        return top + 6

    y = header(_room(pdf, y, 12))
    for cells, bold in rows:
        pdf.set_font("Cond", "B" if bold else "", 8)
        height = 4 * len(_cell_rows(pdf, cells[wrap], cols[wrap][1] - 1)) + 1.6
        if y + height > _BOTTOM:
            pdf.add_page()
            y = header(14.0)
        x = 12.0
        for k, ((_, width, align), text) in enumerate(zip(cols, cells, strict=True)):
            pdf.rect(x, y, width, height)
            pdf.set_xy(x + 0.5, y + 0.8)
            pdf.set_font("Cond", "B" if bold else "", 8)
            if k == wrap:
                pdf.multi_cell(width - 1, 4, text, align="L")
            else:
                pdf.cell(width - 1, 4, text, align=align)
            x += width
        y += height
    return y


def _line_cells(line: Line, number: str, quote: Quote) -> list[str]:
    st = quote.style
    if line.category == "discount":
        return [number, line.designation, "", "", "", amount(line.total_ht, st, False), ""]
    return [
        number,
        line.designation,
        _UNITS[line.unit],
        quantity(line.quantity),
        amount(line.unit_price_ht, st, False),
        amount(line.total_ht, st, False),
        rate(line.tva_rate).replace(" %", ""),
    ]


def _totals(pdf: FPDF, quote: Quote, y: float, labels: tuple[str, str, str]) -> float:
    ht, vat, ttc = labels
    rows = _total_rows(quote, ht, lambda v: f"{vat} {rate(v['rate'])}", ttc)
    y = _room(pdf, y, 5.5 * len(rows) + 2)
    for label, total in rows:
        pdf.set_font("Cond", "B" if label.startswith((ttc, "Net")) else "", 8.5)
        pdf.set_xy(118, y)
        pdf.cell(50, 5.5, label, border=1)
        pdf.cell(30, 5.5, amount(total, quote.style), border=1, align="R")
        y += 5.5
    return y


# --------------------------------------------------------------------------- contract (private works contract)

_CONTRACT_COLS = (
    ("Art.", 12.0, "C"),
    ("Désignation des ouvrages", 88.0, "L"),
    ("U", 12.0, "C"),
    ("Quantité", 16.0, "R"),
    ("Prix unit. HT", 22.0, "R"),
    ("Prix total HT", 24.0, "R"),
    ("TVA %", 12.0, "R"),
)


def _schedule(quote: Quote, rng: random.Random) -> list[tuple[str, int, float]]:
    """(stage, percent, amount TTC) of the payment schedule: the instalments' amounts sum to the TTC
    exactly, the last one taking the cents left over."""
    stages = rng.choice(
        [
            (("À la signature du présent marché", 30), ("Au démarrage des travaux", 40), ("À la réception", 30)),
            (("À la commande", 40), ("À mi-parcours du chantier", 30), ("Solde à la levée des réserves", 30)),
            (("Acompte à la signature", 30), ("Solde à l'achèvement des travaux", 70)),
        ]
    )
    rows, paid = [], 0.0
    for k, (label, percent) in enumerate(stages):
        due = money(quote.total_ttc - paid) if k == len(stages) - 1 else money(quote.total_ttc * percent / 100)
        paid = money(paid + due)
        rows.append((label, percent, due))
    return rows


def _parties(quote: Quote, invoice: bool) -> list[str]:
    a, c = quote.artisan, quote.client
    seller = ", ".join(_seller(quote)[1:])
    client = c.get("company") or c["name"]
    customer = ", ".join(_customer(quote)[1:])
    return [
        f"{a['name']} {a['legal_form']}, dont le siège est {seller}, immatriculée sous le n° SIRET "
        f"{siret_text(quote)}, ci-après dénommée « l'Entrepreneur », d'une part,",
        f"ET : {client}, {customer}, ci-après dénommé(e) « le Maître de l'ouvrage », d'autre part,",
        "Il a été exposé et convenu ce qui suit :" if not invoice else "Il est facturé ce qui suit :",
    ]


def render_contract(quote: Quote, rng: random.Random) -> bytes:
    st = quote.style
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    pdf.set_font("Cond", "B", 14)
    pdf.set_xy(12, 12)
    heading = "FACTURE – DÉCOMPTE DU MARCHÉ DE TRAVAUX PRIVÉS" if invoice else "MARCHÉ DE TRAVAUX PRIVÉS"
    pdf.cell(186, 7, heading, align="C")
    pdf.set_font("Cond", "", 9)
    pdf.set_xy(12, 19.5)
    sub = "Devis valant contrat" if not invoice else f"Marché n° {st['quote_ref']}"
    pdf.cell(186, 5, f"{sub} – {_title(quote).capitalize()} n° {quote.number} du {fr_date(quote.date, st)}", align="C")
    pdf.set_xy(12, 25)
    pdf.set_font("Cond", "", 7.5)
    pdf.cell(
        186,
        4,
        f"Tél. {_phone(rng)} – conforme au cahier des clauses administratives de la norme NF P 03-001",
        align="C",
    )
    y = _paragraph(pdf, 33, "ENTRE LES SOUSSIGNÉS :", 9, "B")
    for text in _parties(quote, invoice):
        y = _paragraph(pdf, y + 1, text)
    site = _site_text(quote, rng)
    article = 0

    def title(text: str, at: float) -> float:
        nonlocal article
        article += 1
        return _paragraph(pdf, at + 3, f"Article {article} – {text}", 9, "B")

    claim = f", suite au sinistre n° {quote.claim_reference}" if quote.claim_reference else ""
    y = title("Objet du marché", y)
    y = _paragraph(
        pdf,
        y,
        f"Le présent marché a pour objet les travaux de remise en état décrits à l'article 3, au {site}{claim} "
        f"survenu le {fr_date(quote.date_of_loss, st)}.",
    )
    y = title("Pièces contractuelles", y)
    y = _paragraph(
        pdf,
        y,
        "Par ordre de priorité : le présent document et son détail quantitatif, les conditions générales de "
        "l'Entrepreneur annexées, la norme NF P 03-001 (cahier des clauses administratives générales des marchés "
        "privés), les documents techniques unifiés (DTU) applicables.",
    )
    y = title("Consistance des travaux et prix" if not invoice else "Travaux exécutés", y)
    rows: list[tuple[list[str], bool]] = []
    for k, line in enumerate(quote.lines, start=1):
        rows.append((_line_cells(line, f"3.{k}", quote), False))
    y = _grid(pdf, y + 1.5, _CONTRACT_COLS, rows, 1, rng.choice([(235, 235, 235), (228, 236, 244)]))
    y = _totals(pdf, quote, y + 2, ("Montant du marché HT", "TVA", "Montant du marché TTC"))
    y = _paragraph(
        pdf,
        y + 1.5,
        f"Soit un montant toutes taxes comprises de {euros_in_words(quote.total_ttc)}.",
        8.5,
        "I",
    )
    y = title("Nature du prix", y)
    y = _paragraph(
        pdf,
        y,
        "Le prix est global et forfaitaire pour les ouvrages décrits ; les quantités sont données à titre "
        f"indicatif. Il est révisable sur l'index BT01 si les travaux débutent plus de {rng.choice([3, 4, 6])} mois "
        "après la signature.",
    )
    y = title("Modalités de paiement", y)
    y = _paragraph(pdf, y, "Le prix est réglé selon l'échéancier suivant, par chèque ou virement :")
    for label, percent, due in _schedule(quote, rng):
        y = _paragraph(pdf, y + 0.5, f"– {label} : {percent} % du montant TTC, soit {amount(due, st)}", indent=6)
    y = title("Délais d'exécution", y)
    start = Date.fromisoformat(st["works_from"] if invoice else quote.date) + timedelta(days=0 if invoice else 21)
    weeks = rng.randint(1, 4)
    y = _paragraph(
        pdf,
        y,
        f"Les travaux {'ont débuté' if invoice else 'débuteront'} le {fr_date(start.isoformat(), st)} pour une "
        f"durée de {weeks} semaine{'s' if weeks > 1 else ''}, hors intempéries et retards du fait du Maître de "
        "l'ouvrage.",
    )
    y = title("Retenue de garantie", y)
    retained = money(quote.total_ttc * 0.05)
    y = _paragraph(
        pdf,
        y,
        f"Une retenue de 5 % du montant TTC, soit {amount(retained, st)}, peut être remplacée par une caution "
        "bancaire ; elle est libérée un an après la réception.",
    )
    y = title("Pénalités", y)
    y = _paragraph(
        pdf,
        y,
        "En cas de retard imputable à l'Entrepreneur, une pénalité de 1/1000 du montant du marché HT par jour "
        "calendaire, plafonnée à 5 %. Tout retard de paiement : intérêts au taux légal majoré et indemnité "
        "forfaitaire de 40 € pour frais de recouvrement.",
    )
    y = _paragraph(pdf, y + 2, _terms(quote), 8)
    y = _room(pdf, y + 4, 30)
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(12, y)
    pdf.cell(186, 4.5, f"Fait en deux exemplaires à {quote.artisan['city']}, le {fr_date(quote.date, st)}.")
    for x, who in ((12, "L'Entrepreneur"), (108, "Le Maître de l'ouvrage – « Lu et approuvé, bon pour accord »")):
        pdf.rect(x, y + 6, 90, 22)
        pdf.set_xy(x + 2, y + 7)
        pdf.cell(86, 4, who)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- joint (temporary group of firms)

_MEMBER_NAMES = {
    "Électricité": ("Élec", "Électricité"),
    "Plomberie": ("Plomberie", "Sanitaire"),
    "Couverture": ("Couverture", "Toitures"),
    "Carrelage": ("Carrelages", "Céramique"),
    "Sols": ("Sols", "Parquets"),
    "Plâtrerie": ("Plâtrerie", "Cloisons"),
    "Peinture": ("Peinture", "Décoration"),
    "Revêtements muraux": ("Décoration", "Revêtements"),
    "Assèchement": ("Assèchement", "Sinistres Services"),
    "Nettoyage": ("Nettoyage", "Propreté"),
}
_SURNAMES = ("Lefèvre", "Marchand", "Collin", "Barbier", "Perrot", "Guillot", "Roche", "Vidal", "Leclerc", "Hamon")
_FORMS = ("SARL", "EURL", "SAS", "EI")
_QUALIFICATIONS = ("Qualibat 1312", "Qualifelec", "Qualibat 6111", "RGE Qualibat", "Qualibat 3211", "Qualibat 5212")
_COMMON = frozenset({"Installation de chantier", "Main d'œuvre"})


def _lots(quote: Quote) -> list[tuple[str, list[Line]]]:
    """The lots by trade, in the order the quote's lines bring them; the site's common items and the
    discounts go to the first lot (the common agent's)."""
    lots: dict[str, list[Line]] = {}
    for line in quote.lines:
        item = ITEMS.get(line.category)
        trade = item.trade if item and item.trade not in _COMMON else ""
        lots.setdefault(trade, []).append(line)
    first = lots.pop("", [])
    ordered = list(lots.items())
    if not ordered:
        return [("Travaux", first)]
    name, lines = ordered[0]
    return [(name, [*lines, *first]), *ordered[1:]]


def _members(quote: Quote, rng: random.Random, trades: list[str]) -> list[tuple[str, str, str]]:
    """(name, SIRET, qualification) of the firm carrying out each lot: the common agent the first and
    the site's own trades, one member firm for each other trade (a member may carry two lots)."""
    agent = (f"{quote.artisan['name']} {quote.artisan['legal_form']}", siret_text(quote), rng.choice(_QUALIFICATIONS))
    names = rng.sample(_SURNAMES, k=len(_SURNAMES))
    firms: list[tuple[str, str, str]] = [agent]
    for k, trade in enumerate(trades[1:]):
        if k >= 2 and rng.random() < 0.5:
            firms.append(firms[-1])
            continue
        word = rng.choice(_MEMBER_NAMES.get(trade, ("Bâtiment", "Travaux")))
        siret = make_siret(rng, True)
        spaced = f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}" if quote.style["siret_grouped"] else siret
        firms.append((f"{word} {names[k]} {rng.choice(_FORMS)}", spaced, rng.choice(_QUALIFICATIONS)))
    return firms


_JOINT_COLS = (
    ("Réf.", 14.0, "C"),
    ("Désignation", 90.0, "L"),
    ("U", 11.0, "C"),
    ("Qté", 15.0, "R"),
    ("P.U. HT", 21.0, "R"),
    ("Total HT", 23.0, "R"),
    ("TVA", 12.0, "R"),
)


def render_joint(quote: Quote, rng: random.Random) -> bytes:
    st = quote.style
    invoice = _is_invoice(quote)
    pdf = open_page(quote)
    shade = rng.choice([(222, 233, 226), (230, 230, 240), (240, 234, 222)])
    pdf.set_fill_color(*shade)
    pdf.rect(12, 12, 186, 17, style="F")
    pdf.set_font("Cond", "B", 11)
    pdf.set_xy(14, 13.5)
    pdf.cell(182, 5.5, "GROUPEMENT MOMENTANÉ D'ENTREPRISES CONJOINT")
    pdf.set_font("Cond", "", 8)
    pdf.set_xy(14, 19.5)
    agent = f"{quote.artisan['name']} {quote.artisan['legal_form']}"
    pdf.multi_cell(
        182,
        3.8,
        f"Mandataire commun : {agent} – {', '.join(_seller(quote)[1:])} – Tél. {_phone(rng)}\n"
        f"SIRET du mandataire : {siret_text(quote)}",
    )
    pdf.set_font("Cond", "B", 13)
    pdf.set_xy(12, 33)
    pdf.cell(100, 6, f"{_title(quote).upper()} N° {quote.number}")
    pdf.set_font("Cond", "", 8.5)
    refs = [f"Date : {fr_date(quote.date, st)}", f"Chantier : {_site_text(quote, rng)}"]
    if invoice:
        refs += [
            f"Suivant devis n° {st['quote_ref']}",
            f"Travaux du {fr_date(st['works_from'], st)} au {fr_date(st['works_to'], st)}",
        ]
    else:
        refs.append(f"Offre valable jusqu'au {fr_date(quote.valid_until, st)}")
    if quote.claim_reference:
        refs.append(f"Sinistre n° {quote.claim_reference}")
    pdf.set_xy(12, 40)
    pdf.multi_cell(100, 4, "\n".join(refs))
    after_refs = pdf.get_y()
    customer = _customer(quote)
    pdf.set_xy(120, 34)
    pdf.set_font("Cond", "B", 9)
    pdf.cell(78, 4.5, customer[0])
    pdf.set_font("Cond", "", 8.5)
    pdf.set_xy(120, 38.5)
    pdf.multi_cell(78, 4, "\n".join(customer[1:]))
    y = max(after_refs, pdf.get_y()) + 4
    lots = _lots(quote)
    firms = _members(quote, rng, [trade for trade, _ in lots])
    y = _paragraph(pdf, y, "Composition du groupement", 9, "B")
    members: dict[str, tuple[str, str, list[str]]] = {}
    for k, ((_, _), (name, siret, qualification)) in enumerate(zip(lots, firms, strict=True), start=1):
        members.setdefault(name, (siret, qualification, []))[2].append(f"{k:02d}")
    role = ["Mandataire"] + ["Cotraitant"] * (len(members) - 1)
    member_rows = [
        ([who, name, siret, qualification, ", ".join(numbers)], False)
        for who, (name, (siret, qualification, numbers)) in zip(role, members.items(), strict=True)
    ]
    member_cols = (
        ("Rôle", 22.0, "L"),
        ("Entreprise", 60.0, "L"),
        ("SIRET", 38.0, "C"),
        ("Qualification", 40.0, "L"),
        ("Lots", 26.0, "C"),
    )
    y = _grid(pdf, y + 1, member_cols, member_rows, 1, shade)
    shares: dict[str, float] = {}
    for k, ((trade, lines), (name, siret, _)) in enumerate(zip(lots, firms, strict=True), start=1):
        y = _room(pdf, y + 4, 22)
        pdf.set_font("Cond", "B", 9)
        pdf.set_xy(12, y)
        pdf.cell(186, 5, f"LOT {k:02d} – {trade.upper() or 'TRAVAUX'}")
        pdf.set_font("DejaVu", "I", 7.5)
        pdf.set_xy(12, y + 5)
        pdf.cell(186, 4, f"Exécuté par : {name} – SIRET {siret}")
        rows = [(_line_cells(line, f"{k}.{j:02d}", quote), False) for j, line in enumerate(lines, start=1)]
        lot_total = money(sum(line.total_ht for line in lines))
        shares[name] = money(shares.get(name, 0.0) + lot_total)
        y = _grid(pdf, y + 10, _JOINT_COLS, rows, 1, shade)
        pdf.set_font("Cond", "B", 8.5)
        pdf.set_xy(12 + sum(w for _, w, _ in _JOINT_COLS[:5]) - 50, y + 0.5)
        pdf.cell(50, 4.5, f"Total lot {k:02d} HT", align="R")
        pdf.cell(_JOINT_COLS[5][1] - 1, 4.5, amount(lot_total, st, False), align="R")
        y += 5.5
    y = _paragraph(pdf, y + 4, "Répartition du montant HT par entreprise", 9, "B")
    split_rows = [
        ([name, amount(share, st), f"{round(100 * share / quote.total_ht)} %" if quote.total_ht else ""], False)
        for name, share in shares.items()
    ]
    y = _grid(
        pdf, y + 1, (("Entreprise", 90.0, "L"), ("Montant HT", 30.0, "R"), ("Part", 20.0, "R")), split_rows, 0, shade
    )
    y = _totals(pdf, quote, y + 4, ("Total HT du groupement", "TVA", "Total TTC"))
    y = _paragraph(
        pdf,
        y + 3,
        "Chaque cotraitant est engagé pour le ou les lots qui lui sont assignés ; le mandataire commun représente "
        "le groupement auprès du maître de l'ouvrage et coordonne le chantier. Règlement au compte du mandataire, "
        "qui reverse à chaque cotraitant sa part. " + _terms(quote),
        8,
    )
    if not invoice:
        y = _room(pdf, y + 3, 24)
        pdf.rect(108, y, 90, 22)
        pdf.set_xy(110, y + 1)
        pdf.set_font("Cond", "", 8)
        pdf.cell(86, 4, "Bon pour accord du maître de l'ouvrage, date et signature")
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"contract": render_contract, "joint": render_joint}
_TEXT_SCENARIOS = {
    "contract": (
        "fair",
        "arithmetic_error",
        "regional_fair",
        "fair",
        "inflated",
        "fair",
        "invalid_siret",
        "fair",
        "not_covered",
        "regional_fair",
        "slightly_high",
        "fair",
    ),
    "joint": (
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
        "arithmetic_error",
        "fair",
    ),
}
_INVOICES = {"contract": (5,), "joint": (7,)}
_COVERS = (DDE, INC, DDE, TGN, DDE, DDE, DDE, TGN, DDE, DDE, INC, INC)
SCANS = (
    ("contract", "scan_pdf", "fair", DDE),
    ("contract", "fax", "inflated", TGN),
    ("joint", "lowres", "fair", INC),
    ("joint", "rotated", "fair", DDE),
)


# the k-th text PDF of a family under _COVERS[k]: no glass breakage in set 13; its not-covered quotes
# (k = 6 and 8: a leak repair inserted) under water damage, the one cover that excludes it
SET = FamilySet(
    "families13",
    "treizième",
    2038,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    lambda _, k, __: _COVERS[k],
    _INVOICES,
    SCANS,
    lambda k, _: False,
    export_or_letter(RENDER),
    ("devis", "facture", "marche", "document", "offre_groupement"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
