"""Frozen held-out set 14: two more layout families, text PDFs and four scans, with public wordings.

    .venv/bin/python -m tests.heldout.families14 OUT_DIR [--seed 2039]

Made once into ``tests/heldout/frozen14/`` (see its README) to measure the robots of session 14's
start (c5e6b9d) and end on documents unlike the layouts of ``generate.py`` and ``families.py`` to
``families13.py``, both drawn from what invoicing software and online invoicing services print:

- ``einvoice``: the readable copy that an invoicing program ready for the French e-invoicing reform
  prints (after public guides to the four new mandatory mentions and the EN 16931 / Factur-X code
  lists): labelled « Vendeur » / « Acheteur » blocks with SIREN, SIRET and VAT numbers, a document box
  stating the nature of the operations (« Prestations de services »), the option for VAT on debits and
  the place of delivery (the site); each line numbered, its quantity printed with three decimals, its
  unit as a **UN/ECE Recommendation 20 code** (``MTK``, ``MTR``, ``C62``, ``HUR``, ``DAY``, ``LS``,
  ``SET``, explained once in a legend under the table), its net unit price with two or four decimals, its
  VAT as a category code and a rate (« S 10,00 »); a VAT breakdown by category, the totals in the
  standard's own words (« Somme des montants nets des lignes », « Montant total HT », « Montant total
  TTC », « Montant à payer »), the payment means with an IBAN;
- ``hosted``: the PDF of an online billing service's hosted quote or invoice (after public documentation
  of such services: grouped line items, tax amounts with their base, a payment page): the title and a
  key / value block, the firm, « Facturer à » and « Adresse du chantier » side by side, **the total TTC
  stated once above the lines** (« 1 234,56 € valable jusqu'au … » / « … dus le … ») with the link to
  accept or pay online; the lines **grouped by room, each group's total HT printed on its heading row
  before its lines**, each line's unit after its unit price (« 28,00 € / m² »), a grey second row under
  the wording; the totals « Sous-total », « Total hors taxes », « TVA (10 % sur 1 234,56 €) », « Total »,
  « Montant dû »; and **on every page a footer repeating the document's number and its total TTC**.

Scans of four of the documents (two per family): a flatbed scan, a crumpled sheet, a low-resolution
scan, pages scanned sideways (``degradation`` in the truth).

Quotes and invoices come from ``families.build`` (so ``generate.build_quote``: prices, scenarios,
expectations), their work chosen by cover as in set 5 (``families5._pick``), with the line wordings
replaced by the public ones of ``tests/heldout/wordings14/wordings.tsv``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date as Date
from datetime import timedelta
from pathlib import Path

from fpdf import FPDF

from tests.heldout.catalog import DDE, INC, TGN
from tests.heldout.families import _site_text
from tests.heldout.families2 import _is_invoice, _phone, _title
from tests.heldout.families4 import _customer, _total_rows, degrade4
from tests.heldout.families5 import _pick
from tests.heldout.families7 import _seller
from tests.heldout.families10 import _terms
from tests.heldout.families11 import _cell_rows
from tests.heldout.families12 import open_page
from tests.heldout.families13 import _BOTTOM, _grid, _paragraph, _room
from tests.heldout.family_set import FamilySet, export_or_letter, main
from tests.heldout.generate import Line, Quote, money
from tests.heldout.render import amount, fr_date, quantity, rate, siret_text

WORDINGS = Path(__file__).parent / "wordings14" / "wordings.tsv"


def _decimals(value: float, places: int) -> str:
    """A number with a fixed count of decimals and a decimal comma, as a data-driven invoice prints it."""
    return f"{value:.{places}f}".replace(".", ",")


_BICS = ("CCBPFRPP", "AGRIFRPP", "CEPAFRPP", "SOGEFRPP")


def _iban(rng: random.Random) -> str:
    digits = "".join(str(rng.randint(0, 9)) for _ in range(23))
    return "FR76 " + " ".join(digits[k : k + 4] for k in range(0, 23, 4))


# --------------------------------------------------------------------------- einvoice (e-invoicing readable copy)

# the UN/ECE Recommendation 20 code of each unit and its legend
_UNECE = {"m2": "MTK", "ml": "MTR", "u": "C62", "h": "HUR", "j": "DAY", "forfait": "LS", "ens": "SET"}
_UNECE_NAMES = {
    "MTK": "mètre carré",
    "MTR": "mètre",
    "C62": "unité",
    "HUR": "heure",
    "DAY": "jour",
    "LS": "forfait",
    "SET": "ensemble",
}
# an invoice's deposit and net due in the standard's words
_EN16931_LABELS = {"Acompte versé": "Montant déjà payé", "Net à payer": "Montant à payer"}
_EINVOICE_COLS = (
    ("N°", 9.0, "C"),
    ("Désignation", 79.0, "L"),
    ("Quantité", 19.0, "R"),
    ("Unité", 12.0, "C"),
    ("Prix unit. net HT", 24.0, "R"),
    ("Montant net HT", 25.0, "R"),
    ("TVA", 18.0, "C"),
)


def _einvoice_cells(line: Line, number: int, quote: Quote, places: int) -> list[str]:
    st = quote.style
    if line.category == "discount":
        return [
            str(number),
            line.designation,
            "",
            "",
            "",
            amount(line.total_ht, st, False),
            f"S {_decimals(line.tva_rate, 2)}",
        ]
    return [
        str(number),
        line.designation,
        _decimals(line.quantity, 3),
        _UNECE[line.unit],
        _decimals(line.unit_price_ht, places),
        amount(line.total_ht, st, False),
        f"S {_decimals(line.tva_rate, 2)}",
    ]


def _box(
    pdf: FPDF, x: float, y: float, width: float, title: str, rows: list[str], shade: tuple[int, int, int]
) -> float:
    """A labelled block: its title on a shaded band, its rows under it in a frame; returns its bottom."""
    pdf.set_fill_color(*shade)
    pdf.set_font("Cond", "B", 8)
    pdf.set_xy(x, y)
    pdf.cell(width, 5, title.upper(), border=1, fill=True)
    pdf.set_font("Cond", "", 8)
    pdf.set_xy(x + 1.5, y + 6)
    pdf.multi_cell(width - 3, 3.9, "\n".join(rows))
    bottom = pdf.get_y() + 1.5
    pdf.rect(x, y + 5, width, bottom - y - 5)
    return bottom


def render_einvoice(quote: Quote, rng: random.Random) -> bytes:
    st, a, c = quote.style, quote.artisan, quote.client
    invoice = _is_invoice(quote)
    places = rng.choice([2, 4])
    shade = rng.choice([(226, 232, 240), (232, 240, 228), (238, 238, 238)])
    pdf = open_page(quote)
    pdf.set_font("Cond", "", 7)
    pdf.set_xy(12, 9)
    pdf.cell(186, 3.5, "Copie lisible – document généré au format Factur-X (profil EN 16931)", align="R")
    pdf.set_font("Cond", "B", 15)
    pdf.set_xy(12, 13)
    pdf.cell(100, 7, "FACTURE" if invoice else "DEVIS")
    siren = a["siret"][:9]
    seller = [
        *_seller(quote),
        f"Tél. {_phone(rng)}",
        f"SIREN {siren} – SIRET {siret_text(quote)}",
        f"N° TVA intracommunautaire FR{rng.randint(10, 99)}{siren}",
        f"{a['legal_form']} – RM {a['city']}",
    ]
    buyer = [c.get("company") or c["name"], c["address"], f"{c['postal_code']} {c['city']}"]
    if c.get("siret"):
        buyer.append(f"SIREN {c['siret'][:9]}")
    bottom = max(
        _box(pdf, 12, 24, 90, "Vendeur", seller, shade),
        _box(pdf, 108, 24, 90, "Acheteur", buyer, shade),
    )
    refs = [
        f"Type de document : {'Facture (380)' if invoice else 'Devis – offre de prix'}",
        f"Numéro : {quote.number}",
        f"Date d'émission : {fr_date(quote.date, st)}",
    ]
    if invoice:
        due = Date.fromisoformat(quote.date) + timedelta(days=30)
        refs += [
            f"Date d'échéance : {fr_date(due.isoformat(), st)}",
            f"Référence du devis accepté : {st['quote_ref']}",
            f"Période d'exécution : du {fr_date(st['works_from'], st)} au {fr_date(st['works_to'], st)}",
        ]
    else:
        refs.append(f"Date de validité : {fr_date(quote.valid_until, st)}")
    if quote.claim_reference:
        refs.append(f"Référence acheteur : sinistre {quote.claim_reference}")
    mentions = [
        "Nature des opérations : prestations de services",
        f"Lieu d'exécution (adresse de livraison) : {_site_text(quote, rng)}",
    ]
    if rng.random() < 0.5:
        mentions.append("Option pour le paiement de la taxe d'après les débits")
    y = _box(pdf, 12, bottom + 3, 186, "Document", refs + mentions, shade)
    rows = [(_einvoice_cells(line, k, quote, places), False) for k, line in enumerate(quote.lines, start=1)]
    y = _grid(pdf, y + 4, _EINVOICE_COLS, rows, 1, shade)
    used = sorted({_UNECE[line.unit] for line in quote.lines if line.category != "discount"})
    legend = ", ".join(f"{code} = {_UNECE_NAMES[code]}" for code in used)
    y = _paragraph(pdf, y + 1, f"Unités (UN/ECE Rec. 20) : {legend}. TVA : S = taux normal ou réduit.", 7, "I")
    # the VAT breakdown (left) and the totals (right), side by side
    y = _room(pdf, y + 3, 40)
    pdf.set_font("Cond", "B", 8)
    pdf.set_xy(12, y)
    pdf.cell(84, 5, "Ventilation de la TVA", border=1, fill=True)
    vat_rows = [
        ([f"S {_decimals(v['rate'], 2)}", amount(v["base_ht"], st, False), amount(v["tva"], st, False)], False)
        for v in quote.vat_breakdown
    ]
    _grid(
        pdf, y + 5, (("Code / taux", 24.0, "C"), ("Base HT", 30.0, "R"), ("Montant TVA", 30.0, "R")), vat_rows, 0, shade
    )
    totals = _total_rows(
        quote,
        "Montant total HT",
        lambda v: f"Montant total TVA ({rate(v['rate'])})",
        "Montant total TTC",
        before=(("Somme des montants nets des lignes", quote.total_ht),),
    )
    if not invoice:
        totals.append(("Montant à payer", quote.total_ttc))
    ty = y
    for printed, total in totals:
        label = _EN16931_LABELS.get(printed, printed)
        pdf.set_font("Cond", "B" if label.startswith(("Montant total TTC", "Montant à payer")) else "", 8.5)
        pdf.set_xy(110, ty)
        pdf.cell(58, 5.2, label, border=1)
        pdf.cell(30, 5.2, amount(total, st), border=1, align="R")
        ty += 5.2
    y = max(ty, y + 5 + 5.6 * (len(vat_rows) + 1))
    iban = _iban(rng)
    payment = f"Moyen de paiement : virement (30) – IBAN {iban} – BIC {rng.choice(_BICS)}"
    y = _paragraph(pdf, y + 4, payment, 8)
    y = _paragraph(
        pdf,
        y + 1,
        _terms(quote)
        + " Pénalités de retard : trois fois le taux d'intérêt légal ; indemnité forfaitaire pour frais de "
        "recouvrement : 40 €. Assurance décennale : contrat n° "
        + f"{rng.randint(100000, 999999)}, couverture France métropolitaine.",
        7.5,
    )
    if not invoice:
        y = _room(pdf, y + 3, 22)
        pdf.rect(108, y, 90, 20)
        pdf.set_xy(110, y + 1)
        pdf.set_font("Cond", "", 8)
        pdf.cell(86, 4, "Bon pour accord – date et signature de l'acheteur")
    return bytes(pdf.output())


# --------------------------------------------------------------------------- hosted (online billing service's PDF)

_GREY = (110, 110, 110)
_UNIT_AFTER = {"m2": "m²", "ml": "m", "u": "unité", "h": "heure", "j": "jour", "forfait": "", "ens": ""}
_PRICED_BY = {
    "m2": "au m²",
    "ml": "au mètre",
    "u": "à l'unité",
    "h": "à l'heure",
    "j": "à la journée",
    "forfait": "forfait",
    "ens": "ensemble",
}
_NO_ROOM = "Prestations générales"


def _groups(quote: Quote) -> list[tuple[str, list[Line]]]:
    """The lines grouped by room in the order they come, the lines without a room last."""
    groups: dict[str, list[Line]] = {}
    for line in quote.lines:
        groups.setdefault(line.room or _NO_ROOM, []).append(line)
    rest = groups.pop(_NO_ROOM, [])
    return list(groups.items()) + ([(_NO_ROOM, rest)] if rest else [])


def _unit_price(line: Line, quote: Quote) -> str:
    after = _UNIT_AFTER[line.unit]
    price = amount(line.unit_price_ht, quote.style)
    return f"{price} / {after}" if after else price


def render_hosted(quote: Quote, rng: random.Random) -> bytes:
    st, a = quote.style, quote.artisan
    invoice = _is_invoice(quote)
    accent = rng.choice([(99, 91, 255), (16, 122, 87), (30, 90, 160)])
    pdf = open_page(quote)
    due = Date.fromisoformat(quote.date) + timedelta(days=rng.choice([15, 30]))
    when = fr_date((due if invoice else Date.fromisoformat(quote.valid_until)).isoformat(), st)
    stated = f"{amount(quote.total_ttc, st)} {'dus le' if invoice else 'valable jusqu’au'} {when}"
    pages: list[int] = []

    def footer() -> None:
        pages.append(pdf.page_no())
        pdf.set_font("Cond", "", 7.5)
        pdf.set_text_color(*_GREY)
        pdf.set_xy(12, 288)
        pdf.cell(140, 4, f"{quote.number} · {stated}")
        pdf.set_text_color(0, 0, 0)

    pdf.set_font("Cond", "B", 20)
    pdf.set_xy(12, 14)
    pdf.cell(100, 9, _title(quote).capitalize())
    pdf.set_font("Cond", "B", 11)
    pdf.set_xy(110, 15)
    pdf.cell(88, 6, f"{a['name']} {a['legal_form']}", align="R")
    keys = [
        ("Numéro de facture" if invoice else "Numéro de devis", quote.number),
        ("Date d'émission", fr_date(quote.date, st)),
        ("Date d'échéance" if invoice else "Date d'expiration", when),
    ]
    if invoice:
        keys.append(("Devis accepté", st["quote_ref"]))
    y = 27.0
    for key, value in keys:
        pdf.set_font("Cond", "", 8.5)
        pdf.set_xy(12, y)
        pdf.cell(34, 4.4, key)
        pdf.set_font("Cond", "B", 8.5)
        pdf.cell(60, 4.4, value)
        y += 4.4
    top = y + 4
    blocks = [
        (12.0, "", [*_seller(quote)[1:], f"Tél. {_phone(rng)}", f"SIRET {siret_text(quote)}"]),
        (76.0, "Facturer à", _customer(quote)),
        (140.0, "Adresse du chantier", [_site_text(quote, rng)]),
    ]
    bottom = top
    for x, title, rows in blocks:
        pdf.set_xy(x, top)
        pdf.set_font("Cond", "B", 8.5)
        pdf.cell(58, 4.4, title or f"{a['name']} {a['legal_form']}")
        pdf.set_font("Cond", "", 8.5)
        pdf.set_xy(x, top + 4.6)
        pdf.multi_cell(58, 4.2, "\n".join(rows))
        bottom = max(bottom, pdf.get_y())
    pdf.set_font("Cond", "B", 15)
    pdf.set_xy(12, bottom + 5)
    pdf.cell(186, 7, stated)
    pdf.set_font("Cond", "U", 8.5)
    pdf.set_text_color(*accent)
    pdf.set_xy(12, bottom + 12.5)
    slug = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(10))
    pdf.cell(
        186,
        4.4,
        f"{'Payer en ligne' if invoice else 'Consulter et accepter le devis en ligne'} : https://pay.factu.re/{slug}",
    )
    pdf.set_text_color(0, 0, 0)
    y = bottom + 19
    if quote.claim_reference:
        y = _paragraph(pdf, y, f"Remise en état suite au sinistre n° {quote.claim_reference}.", 8.5)
    cols = (
        (12.0, 96.0, "L", "Description"),
        (108.0, 16.0, "R", "Qté"),
        (124.0, 32.0, "R", "Prix unitaire"),
        (156.0, 14.0, "R", "TVA"),
        (170.0, 28.0, "R", "Montant"),
    )

    def header(at: float) -> float:
        pdf.set_font("Cond", "", 8)
        pdf.set_text_color(*_GREY)
        for x, width, align, title in cols:
            pdf.set_xy(x, at)
            pdf.cell(width, 5, title, align=align)
        pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(190, 190, 190)
        pdf.line(12, at + 5.5, 198, at + 5.5)
        pdf.set_draw_color(0, 0, 0)
        return at + 7

    def room(at: float, needed: float) -> float:
        if at + needed <= _BOTTOM:
            return at
        footer()
        pdf.add_page()
        return header(14.0)

    y = header(y + 2)
    for name, lines in _groups(quote):
        y = room(y, 14)
        pdf.set_font("Cond", "B", 9)
        pdf.set_xy(12, y)
        pdf.cell(96, 5, name)
        pdf.set_xy(170, y)
        pdf.cell(28, 5, amount(money(sum(line.total_ht for line in lines)), st), align="R")
        y += 6
        for line in lines:
            pdf.set_font("Cond", "", 8.5)
            rows = _cell_rows(pdf, line.designation, 92)
            y = room(y, 4.2 * len(rows) + 5)
            pdf.set_xy(16, y)
            pdf.multi_cell(92, 4.2, line.designation)
            after = pdf.get_y()
            discount = line.category == "discount"
            cells = (
                ("", "", rate(line.tva_rate), amount(line.total_ht, st))
                if discount
                else (quantity(line.quantity), _unit_price(line, quote), rate(line.tva_rate), amount(line.total_ht, st))
            )
            for (x, width, align, _), text in zip(cols[1:], cells, strict=True):
                pdf.set_xy(x, y)
                pdf.cell(width, 4.2, text, align=align)
            pdf.set_font("Cond", "", 7.5)
            pdf.set_text_color(*_GREY)
            pdf.set_xy(16, after)
            grey = "Remise accordée" if discount else f"{name} · {_PRICED_BY[line.unit]}"
            pdf.cell(92, 3.8, grey)
            pdf.set_text_color(0, 0, 0)
            y = after + 5
    y = room(y + 2, 8 + 5.2 * (len(quote.vat_breakdown) + 5))
    pdf.set_draw_color(190, 190, 190)
    pdf.line(110, y, 198, y)
    pdf.set_draw_color(0, 0, 0)
    totals = _total_rows(
        quote,
        "Total hors taxes",
        lambda v: f"TVA ({rate(v['rate'])} sur {amount(v['base_ht'], st)})",
        "Total",
        before=(("Sous-total", quote.total_ht),),
    )
    if not invoice:
        totals.append(("Montant du devis", quote.total_ttc))
    for label, total in totals:
        strong = label in ("Total", "Montant du devis", "Net à payer")
        pdf.set_font("Cond", "B" if strong else "", 9)
        pdf.set_xy(110, y + 1)
        pdf.cell(60, 5.2, "Montant dû" if label == "Net à payer" else label)
        pdf.cell(28, 5.2, amount(total, st), align="R")
        y += 5.2
    y = _paragraph(
        pdf,
        y + 5,
        _terms(quote) + " TVA au taux réduit pour des travaux dans un logement achevé depuis plus de deux ans. "
        "Assurance décennale souscrite auprès de notre assureur pour les travaux de second œuvre.",
        7.5,
    )
    footer()
    total_pages = pdf.page_no()
    for page in pages:
        pdf.page = page
        pdf.set_font("Cond", "", 7.5)
        pdf.set_text_color(*_GREY)
        pdf.set_xy(160, 288)
        pdf.cell(38, 4, f"Page {page} sur {total_pages}", align="R")
    pdf.set_text_color(0, 0, 0)
    pdf.page = total_pages
    return bytes(pdf.output())


# --------------------------------------------------------------------------- plan and files

RENDER: dict[str, Callable[[Quote, random.Random], bytes]] = {"einvoice": render_einvoice, "hosted": render_hosted}
_TEXT_SCENARIOS = {
    "einvoice": (
        "fair",
        "inflated",
        "fair",
        "arithmetic_error",
        "regional_fair",
        "fair",
        "invalid_siret",
        "fair",
        "not_covered",
        "regional_fair",
        "slightly_high",
        "fair",
    ),
    "hosted": (
        "fair",
        "slightly_high",
        "regional_fair",
        "not_covered",
        "fair",
        "arithmetic_error",
        "fair",
        "inflated",
        "regional_fair",
        "invalid_siret",
        "fair",
        "fair",
    ),
}
_INVOICES = {"einvoice": (2,), "hosted": (6,)}
# the k-th text PDF's cover: water damage where a family's not-covered quote stands (einvoice k = 8,
# hosted k = 3: a leak repair inserted, which only water damage excludes)
_COVERS = (DDE, INC, DDE, DDE, TGN, DDE, INC, DDE, DDE, DDE, TGN, INC)
SCANS = (
    ("einvoice", "scan_pdf", "fair", DDE),
    ("einvoice", "crumpled", "inflated", INC),
    ("hosted", "lowres", "fair", TGN),
    ("hosted", "rotated", "fair", DDE),
)


SET = FamilySet(
    "families14",
    "quatorzième",
    2039,
    WORDINGS,
    RENDER,
    _TEXT_SCENARIOS,
    lambda _, k, __: _COVERS[k],
    _INVOICES,
    SCANS,
    lambda k, _: False,
    export_or_letter(RENDER),
    ("devis", "facture", "document", "devis_en_ligne", "export_facturation"),
    degrade4,
    _pick,
)

if __name__ == "__main__":
    raise SystemExit(main(SET))
