"""Quotes naming two parties, drawn at random with their truth: the seller's letterhead and a
company customer's block, each party free to print its SIRET, SIREN, VAT number and name.

The document's seller is the one that counts (its SIRET is checked, an invalid one must be
flagged); a customer that is a company prints identifiers of the same shapes. Each seed draws,
independently: where the customer's block stands (beside the letterhead on the right or on the
left, under it), how many rows it is shifted against the seller's (its SIRET one row above the
seller's, level with it, below it), its label or none (« Client », « Destinataire », « Adressé
à », « Maître d'ouvrage », « À l'attention de »: the labels of public French quote models), its
identifiers (SIRET, SIREN, VAT number, in any subset), where the seller prints its SIRET (its
block, the legal line in every page's footer, or both), its VAT number or none, its SIRET valid or
not (a Luhn key broken), a footer of legal mentions (capital, register) or of its name and address
only, a portrait page or two pages printed side by side on a landscape sheet (a word processor's
two-up print: the block beside the letterhead then lies in the sheet's left
half), and, from a stream of its own, a sentence naming another document's number (« suivant le
devis n° … », « Réf. devis n° … ») before or after the document's own title. From a third
stream: where the seller's block stands (the letterhead at the top; after the totals, as an app
or an online service prints « Émis par » under them; in a side pane beside the lines, as a
tablet app or a form prints the firm's card), and where the site's address stands, under which
label (the labels of insurers', experts' and trade software's forms, some no vocabulary lists):
none printed, a labelled value on its own row, a claim grid (a row of labels over a row of
values, the site's among insurer, claim number and dates), or in the side pane under its label.
From a fourth stream, typography and cells: the title spaced letter by letter (« F A C T U R E
N° … », as design tools print it), the seller's SIRET in a sheet's ruled cells (label and value in
one cell, in two cells side by side, or the label's cell over the value's), and the customer's
block, unlabelled, first on the page while the seller's card stands in a side pane (the footer
then alone names the seller).
``misreadings`` names what a reading got wrong; an invalid seller SIRET read as valid is named
« unsafe ».
Used by ``bench/bench_reader_fuzz.py --parties`` and by ``test_reading_two_parties.py``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from fpdf import FPDF
from unseen_layouts import CENT, FONT_DIR, Line, Style, UnseenQuote, _lines, _luhn_siret

from billma_core.models import DocumentReading
from billma_core.reading.identifiers import vat_number_for_siren

_SELLERS = ["Rénovation Martin", "Peintures Dubois", "Bâtiment Leroy & Fils", "Multiservices Garnier"]
_FORMS = [" SARL", " SAS", " EURL", ""]
_COMPANIES = ["SCI Les Tilleuls", "Syndic Horizon Gestion", "SAS Hôtel du Port", "Boulangerie Moreau SARL"]
_CUSTOMER_LABELS = ["", "Client :", "Destinataire :", "Adressé à :", "Maître d'ouvrage :", "À l'attention de :"]
# How forms label the address of the works: insurers' and experts' forms (« Adresse du risque »,
# « Lieu du sinistre »), trade software (« Adresse du chantier », « Lieu d'intervention »), and some
# other wordings of the same label.
_SITE_LABELS = [
    "Adresse du chantier",
    "Lieu d'intervention",
    "Adresse des travaux",
    "Adresse du risque",
    "Lieu du sinistre",
    "Chantier",
    "Lieu de la prestation",
    "Adresse d'intervention",
    "Site d'intervention",
    "Situation des travaux",
]
_SITES = [
    "14 rue du Moulin, 38000 Grenoble",
    "3 place de l'Église, 42100 Saint-Étienne",
    "8 allée des Pins, 06000 Nice",
]
_CLAIM_CELLS = [
    ("Compagnie", "MAAF Assurances"),
    ("N° de sinistre", "SIN-2025-48213"),
    ("Date du sinistre", "04/02/2025"),
]
# Sentences naming another document's number (an invoice's quote, a quote replacing an older one).
_REFERENCES = [
    "Suivant le devis n° {} accepté le 12/01/2025.",
    "Conformément à notre devis n° {}, travaux terminés.",
    "Réf. devis n° {}",
    "Annule et remplace le devis n° {}",
    "Votre commande suivant devis n° {} du 03/02/2025",
]


def _spaced(siret: str) -> str:
    return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"


def _siret_row(siret: str, rng: random.Random) -> str:
    return rng.choice([f"SIRET : {siret}", f"SIRET {_spaced(siret)}", f"N° SIRET : {_spaced(siret)}", f"Siret {siret}"])


def _broken(siret: str) -> str:
    """The SIRET with its last digit changed so that its Luhn key fails."""
    return siret[:-1] + str((int(siret[-1]) + 1 + (int(siret[-2]) % 8)) % 10)


@dataclass
class PartyQuote:
    seed: int
    quote: UnseenQuote
    seller_name: str
    seller_siret: str
    seller_valid: bool
    seller_vat: str | None
    invoice: bool
    choices: dict[str, str] = field(default_factory=dict)
    pdf: bytes = b""
    site_postal_code: str | None = None  # where the site's address is printed

    def names(self) -> dict[str, str]:
        return self.choices


def _valid(siret: str) -> bool:
    total = 0
    for index, digit in enumerate(reversed(siret)):
        doubled = int(digit) * 2 if index % 2 else int(digit)
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


def build_parties(seed: int, places: bool = True) -> PartyQuote:
    """The document drawn from ``seed``; without ``places``, the seller's block in the letterhead
    and no site printed (the class drawn before the third stream was added)."""
    rng = random.Random(f"parties-{seed}")
    style = Style(rng)
    lines = _lines(rng, rng.randint(2, 5))
    number = f"{rng.choice(['D', 'DEV-', 'F', 'FA-'])}2025-{rng.randint(10, 999):03d}"
    valid = rng.random() < 0.5
    siret = _luhn_siret(rng)
    if not valid:
        siret = _broken(siret)
    quote = UnseenQuote("parties", seed, number, siret, lines, rng.choice([Decimal(10), Decimal(20)]))
    seller_name = rng.choice(_SELLERS) + rng.choice(_FORMS)
    seller_vat = vat_number_for_siren(siret[:9]) if rng.random() < 0.5 else None
    invoice = number.startswith("F")
    choices = {
        "sheet": rng.choice(["portrait", "two-up"]),
        "customer place": rng.choice(["right", "left", "under"]),
        "customer shift": str(rng.choice([-2, -1, 0, 1])),
        "customer label": rng.choice(_CUSTOMER_LABELS),
        "customer ids": rng.choice(["SIRET", "SIRET+VAT", "SIREN+VAT", "SIRET+SIREN", "VAT"]),
        "seller SIRET": rng.choice(["block", "footer", "both"]),
        "seller VAT": "none" if seller_vat is None else rng.choice(["block", "footer"]),
        "footer": rng.choice(["legal", "plain"]),
        "seller SIRET valid": str(valid),
    }
    refs = random.Random(f"parties-references-{seed}")
    choices["reference"] = refs.choice(["none", "before title", "after title"])
    where = random.Random(f"parties-places-{seed}")
    choices["seller block"] = where.choice(["letterhead", "letterhead", "after totals", "side pane"])
    choices["site"] = where.choice(
        ["none", "row", "grid", "pane" if choices["seller block"] == "side pane" else "grid"]
    )
    choices["site label"] = where.choice(_SITE_LABELS)
    faces = random.Random(f"parties-typography-{seed}")
    choices["title"] = faces.choice(["plain", "plain", "letter-spaced", "tracked"])
    choices["seller SIRET cell"] = faces.choice(["text", "one cell", "two cells", "over"])
    if faces.random() < 0.25:
        choices["customer label"], choices["seller block"] = "", "side pane"
        choices["customer place"] = faces.choice(["right", "left", "under"])
    if not places:
        choices["seller block"], choices["site"] = "letterhead", "none"
        choices["title"], choices["seller SIRET cell"] = "plain", "text"
    fuzz = PartyQuote(seed, quote, seller_name, siret, valid, seller_vat, invoice, choices)
    site = where.choice(_SITES)
    if choices["site"] != "none":
        fuzz.site_postal_code = site.split(", ")[1][:5]
    fuzz.pdf = _render(fuzz, style, rng, refs, (where, site))
    return fuzz


def _customer_rows(fuzz: PartyQuote, rng: random.Random) -> list[str]:
    c = fuzz.choices
    company = rng.choice(_COMPANIES)
    siret = _luhn_siret(rng)  # the customer's: always valid, the risk is to take it for the seller's
    rows = []
    if c["customer label"]:
        rows.append(c["customer label"])
    rows += [company, f"{rng.randint(1, 90)} avenue de la Gare", f"{rng.choice(['33700 Mérignac', '75011 Paris'])}"]
    ids = c["customer ids"].split("+")
    if "SIRET" in ids:
        rows.append(_siret_row(siret, rng))
    if "SIREN" in ids:
        rows.append(f"SIREN : {_spaced(siret)[:11]}")
    if "VAT" in ids:
        rows.append(f"N° TVA : {vat_number_for_siren(siret[:9])}")
    return rows


def _seller_rows(fuzz: PartyQuote, rng: random.Random) -> list[str]:
    c = fuzz.choices
    rows = [
        fuzz.seller_name,
        f"{rng.randint(1, 90)} rue des Artisans",
        rng.choice(["33000 Bordeaux", "69003 Lyon", "44000 Nantes"]),
        f"Tél. 05 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
    ]
    if c["seller SIRET"] in ("block", "both"):
        rows.append(_siret_row(fuzz.seller_siret, rng))
    if c["seller VAT"] == "block":
        rows.append(f"N° TVA intracom. : {fuzz.seller_vat}")
    return rows


class _Page:
    """A portrait page drawn at ``x0`` on the sheet, its lengths scaled by ``scale``."""

    def __init__(self, pdf: FPDF, x0: float, scale: float) -> None:
        self.pdf, self.x0, self.scale = pdf, x0, scale

    def text(self, x: float, y: float, text: str, size: float = 9, bold: bool = False, align: str = "L") -> None:
        s = self.scale
        self.pdf.set_font("DejaVu", "B" if bold else "", size * s)
        self.pdf.set_xy(self.x0 + x * s, y * s)
        self.pdf.cell(170 * s if align == "C" else 0, 5 * s, text, align=align)


def _seller_block(
    page: _Page, fuzz: PartyQuote, rows: list[str], at: tuple[float, float], size: float, named: bool = True
) -> None:
    """The seller's rows from ``at`` down (``named``: its name first, in bold); the SIRET's row
    as the document draws it: text, or a sheet's ruled cells (``_siret_cells``)."""
    x, y = at
    for k, row in enumerate(rows):
        if row.upper().startswith(("SIRET", "N° SIRET")) and fuzz.choices["seller SIRET cell"] != "text":
            y = _siret_cells(page, fuzz.choices["seller SIRET cell"], row, x, y, size)
            continue
        page.text(x, y, row, size, bold=named and k == 0)
        y += 5


def _siret_cells(page: _Page, how: str, row: str, x: float, y: float, size: float) -> float:
    """A SIRET in a sheet's ruled cells: label and value in one cell, label | value side by
    side, or the label's cell over the value's; the y under them."""
    label, _, value = row.partition(" ") if not row.startswith("N°") else ("N° SIRET", "", row[9:])
    label, value = label.strip().rstrip(":").strip() + " :", value.strip().lstrip(":").strip()
    s = page.scale
    page.pdf.set_draw_color(150, 150, 150)
    boxes = {
        "one cell": [(x, y, 62, f"{label} {value}")],
        "two cells": [(x, y, 18, label), (x + 18, y, 44, value)],
        "over": [(x, y, 44, label), (x, y + 6, 44, value)],
    }[how]
    for left, top, width, text in boxes:
        page.pdf.rect((page.x0 / s + left - 1) * s, (top - 0.5) * s, width * s, 6 * s)
        page.text(left, top, text, size)
    return boxes[-1][1] + 7


def _site_grid(page: _Page, y: float, label: str, site: str, places: random.Random) -> float:
    """A claim grid: a row of labels over a row of values, the site's cell (wider) among the
    claim's; the y under it."""
    cells = [*_CLAIM_CELLS[: places.randint(1, 2)]]
    cells.insert(places.randint(0, len(cells)), (label, site))
    x = 16.0
    for name, value in cells:
        page.text(x, y, name, 7, bold=True)
        page.text(x, y + 4.5, value, 8)
        x += 80 if value == site else 46
    return y + 12


def _render(
    fuzz: PartyQuote,
    style: Style,
    rng: random.Random,
    refs: random.Random,
    where: tuple[random.Random, str],
) -> bytes:
    c, quote = fuzz.choices, fuzz.quote
    two_up = c["sheet"] == "two-up"
    pdf = FPDF(orientation="L" if two_up else "P", format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    scale = 297 / 2 / 210 if two_up else 1.0
    page = _Page(pdf, 0.0, scale)
    seller, customer = _seller_rows(fuzz, rng), _customer_rows(fuzz, rng)
    seller_top = 22.0
    # The row where the seller's SIRET (or its last row) stands; the customer's block is placed so
    # that its own SIRET (or its last row) lands ``customer shift`` rows from it.
    seller_key = next((k for k, row in enumerate(seller[1:]) if "SIRET" in row.upper()), len(seller) - 2)
    customer_key = next((k for k, row in enumerate(customer) if "SIRET" in row.upper()), len(customer) - 1)
    place = c["customer place"]
    places, site = where
    seller_x, customer_x = (16.0, 112.0) if place != "left" else (112.0, 16.0)
    if c["seller block"] == "letterhead":
        page.text(seller_x, 14, seller[0], 14, bold=True)
        _seller_block(page, fuzz, seller[1:], (seller_x, seller_top), 9, named=False)
    if place == "under":
        customer_top = seller_top + 5 * len(seller) + 6
        customer_x = 16.0
    else:
        customer_top = max(20.0, seller_top + 5 * (seller_key + int(c["customer shift"]) - customer_key))
    for k, row in enumerate(customer):
        page.text(customer_x, customer_top + 5 * k, row, bold=k == 0 and not c["customer label"])
    y = max(seller_top + 5 * len(seller), customer_top + 5 * len(customer)) + 8
    other = f"{quote.number[:-1]}{(int(quote.number[-1]) + 3) % 10}"
    reference = refs.choice(_REFERENCES).format(other)
    if c["reference"] == "before title":
        page.text(16, y, reference)
        y += 6
    title = "Facture n° {}" if fuzz.invoice else rng.choice(["Devis n° {}", "DEVIS N° {}", "Devis N° : {}"])
    word, _, rest = title.format(quote.number).partition(" ")
    if c["title"] == "letter-spaced":  # typed with a space between letters
        page.text(16, y, " ".join(word.upper()) + "   " + rest, 13, bold=True)
    elif c["title"] == "tracked":  # the font's letter-spacing widened
        page.pdf.set_char_spacing(3 * scale)
        page.text(16, y, word.upper(), 13, bold=True)
        width = page.pdf.get_string_width(word.upper()) / scale
        page.pdf.set_char_spacing(0)
        page.text(16 + width + 6, y, rest, 13, bold=True)
    else:
        page.text(16, y, f"{word} {rest}", 13, bold=True)
    y += 8
    if c["reference"] == "after title":
        page.text(16, y, reference)
        y += 6
    page.text(16, y, f"Date : {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2025")
    y += 10
    label = c["site label"]
    if c["site"] == "row":
        page.text(16, y - 4, f"{label} : {site}")
        y += 6
    elif c["site"] == "grid":
        y = _site_grid(page, y - 2, label, site, places)
    pane = c["seller block"] == "side pane"
    # Beside a side pane the table starts at its right, its wordings cut to the narrower column.
    columns = [(16, "Désignation", "L"), (110, "Qté", "R"), (128, "Unité", "L"), (146, "P.U. HT", "R")]
    columns.append((172, "Montant HT", "R"))
    if pane:
        columns = [(74, "Désignation", "L"), (128, "Qté", "R"), (140, "Unité", "L"), (154, "P.U. HT", "R")]
        columns.append((174, "Montant HT", "R"))
        pane_y = y + 5 * len(seller) + (7 if c["seller SIRET cell"] != "text" else 0)
        _seller_block(page, fuzz, seller, (12, y), 8)
        if c["site"] == "pane":
            page.text(12, pane_y + 3, label.upper(), 6.5, bold=True)
            page.text(12, pane_y + 7, site, 6.5)
    for x, name, _ in columns:
        page.text(x, y, name, 8, bold=True)
    y += 6
    for line in quote.lines:
        cells = [line.designation[: 30 if pane else 48], style.quantity(line.quantity), style.unit(line.unit)]
        cells += [style.amount(line.unit_price), style.amount(line.total)]
        for (x, _, _), cell in zip(columns, cells, strict=True):
            page.text(x, y, cell, 8)
        y += 6
    y += 4
    for label, value in (
        ("Total HT", quote.total_ht),
        (f"TVA {quote.vat_rate:g} %", quote.total_tva),
        ("Total TTC", quote.total_ttc),
    ):
        page.text(140 if pane else 130, y, label, 9, bold=label.endswith("TTC"))
        page.text(174 if pane else 172, y, style.amount(value), 9, bold=label.endswith("TTC"))
        y += 6
    if c["seller block"] == "after totals":
        _seller_block(page, fuzz, seller, (16, y + 6), 9)
    _footer(fuzz, page, rng, "1 / 2" if two_up else "1 / 1")
    if two_up:
        terms = _Page(pdf, 297 / 2, scale)
        terms.text(16, 20, "Conditions générales", 12, bold=True)
        for k, clause in enumerate(_TERMS):
            terms.text(16, 30 + 7 * k, f"{k + 1}. {clause}", 8)
        _footer(fuzz, terms, rng, "2 / 2")
    return bytes(pdf.output())


_TERMS = [
    "Le devis est valable trois mois à compter de sa date.",
    "Un acompte de 30 % est demandé à la signature.",
    "Le solde est payable à réception de la facture.",
    "Les travaux non prévus feront l'objet d'un avenant.",
    "Pénalités de retard : trois fois le taux d'intérêt légal.",
]


def _footer(fuzz: PartyQuote, page: _Page, rng: random.Random, number: str) -> None:
    c = fuzz.choices
    # A company's legal mentions (capital, register), or only its name and address.
    parts = [fuzz.seller_name, "capital 8 000 €", "RCS Bordeaux"] if c["footer"] == "legal" else [fuzz.seller_name]
    if c["footer"] == "plain":
        parts.append(rng.choice(["12 rue des Artisans, 33000 Bordeaux", "Tél. 05 56 12 34 56"]))
    if c["seller SIRET"] in ("footer", "both"):
        parts.append(_siret_row(fuzz.seller_siret, rng))
    if c["seller VAT"] == "footer":
        parts.append(f"TVA {fuzz.seller_vat}")
    page.text(0, 282, " – ".join(parts), 7, align="C")
    page.text(170, 288, f"Page {number}", 7)


def misreadings(fuzz: PartyQuote, reading: DocumentReading) -> list[str]:
    """What the reading got wrong of the parties and the number; « unsafe » first when an
    invalid seller SIRET is read as a valid one (the flag that should stop the quote lost)."""
    quote = reading.quote
    if quote is None:
        return ["no quote read"]
    wrong = []
    read = quote.contractor
    if fuzz.seller_valid is False and read.siret_valid:
        wrong.append(f"unsafe: invalid seller SIRET read as valid {read.siret} (truth {fuzz.seller_siret})")
    if read.siret != fuzz.seller_siret:
        wrong.append(f"seller SIRET: {read.siret} (truth {fuzz.seller_siret})")
    if read.name is None or fuzz.seller_name.lower() not in read.name.lower():
        wrong.append(f"contractor name: {read.name} (truth {fuzz.seller_name})")
    if fuzz.seller_vat is not None and read.vat_number != fuzz.seller_vat:
        wrong.append(f"VAT number: {read.vat_number} (truth {fuzz.seller_vat})")
    if fuzz.site_postal_code is not None and quote.site_postal_code != fuzz.site_postal_code:
        wrong.append(f"site postal code: {quote.site_postal_code} (truth {fuzz.site_postal_code})")
    if (quote.kind == "invoice") != fuzz.invoice:
        wrong.append(f"kind: {quote.kind} (truth {'invoice' if fuzz.invoice else 'quote'})")
    if quote.number != fuzz.quote.number:
        wrong.append(f"number: {quote.number} (truth {fuzz.quote.number})")
    if quote.total_ttc != fuzz.quote.total_ttc:
        wrong.append(f"total TTC: {quote.total_ttc} (truth {fuzz.quote.total_ttc})")
    return wrong


__all__ = ["CENT", "Line", "PartyQuote", "build_parties", "misreadings"]
