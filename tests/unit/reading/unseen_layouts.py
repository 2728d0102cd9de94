"""Quotes in layouts unlike the corpus, printed to real PDF bytes by fpdf2, with their truth.

Used by the reader's tests and by ``bench/bench_reader_layouts.py``. Families: a letter whose
figures stand inside sentences, a table whose numeric columns come in another order, rows
with dot leaders, a long quote over several pages with lot subtotals and carried totals,
optional lines and deposits the total leaves out, and discounts per line or on the whole.
Numbers, currencies and units are written in every form artisans use; a seed varies them.

``DEV_FAMILIES`` (session 4, development sets written before the reader's changes they measure):
letters by other writers (lump sums "forfait de 80 € HT", "pour un montant de …", amounts in
parentheses or after dot leaders, whole euros, the quantity before the wording, totals in
sentences or as "Net à payer"), tables whose lines carry mixed VAT rates with a VAT recap per
rate, and tables whose long designations wrap, also across a page break under a repeated header.
Session 19 (helper r47, written before the reader's changes they measure) adds two of rows that
are no wording: ``remarks``, a trade program's table whose lines carry a remark, a note or a photo
and its caption on rows of their own under them, pages under a running header and a footer of
two rows; ``observations``, a table under a header of two rows (the second names the
sub-columns of « Quantité » and « Prix HT ») with a side column of observations wrapping beside
the wordings. Session 20 (helper r49, written before the reader's changes they measure) adds
``reordered``, a quote whose table goes on over the next pages under a header of another column
order (a second program's page: reference codes, the quantity and unit before the wording, the
amount before the unit price), carried by « À reporter » / « Report » rows; and ``priced_wording``,
a word-processor table « Désignation | Qté | U | Montant HT » without a unit-price column, each
wording saying its own price (« … à 24,50 € le m² », « (32,00 € HT le ml) », « au prix unitaire
de … »), sometimes on the wording's wrapped row.

``ROUND3_FAMILIES`` (session 4, round 3, written before the reader's changes they measure): line
blocks of online quote tools (each line a block of labelled figures "Quantité : 12 m²",
"Prix unitaire HT : 25,00 €", "Total HT : …", side by side with "·" or one a row, the total
sometimes right-aligned on the designation's row), composite works ("ouvrages": a priced line
then indented italic component rows with quantities and units but no price, sometimes over a
page break), and landscape tables with the amounts left of the designation, a TTC per line, and
totals written amount first ("1 234,56 € Total HT").

``S5R2_FAMILIES`` (session 5, round 2, written before the reader's changes they measure): rows
that are not lines. Lots under headings with a recap table by lot ("Récapitulatif": one row per
lot, its amount, sometimes its number and VAT rate, dot leaders or columns), printed before or
after the detail, sometimes on its own page; and take-off rows (métré) under measured lines
("Mur nord 3,20 x 2,50 = 8,00", "à déduire porte 0,83 x 2,04 = -1,69", "Total métré 26,59 m²")
whose results make the priced line's quantity.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FAMILIES = ("letter", "swapped", "leaders", "carried", "options", "discount")
DEV_FAMILIES = ("prose", "mixed_vat", "wrapped", "remarks", "observations", "reordered", "priced_wording")
ROUND3_FAMILIES = ("blocks", "ouvrage", "amount_first")
S5_FAMILIES = ("no_vat",)
S5R2_FAMILIES = ("recap", "metre")
CENT = Decimal("0.01")

# (wording, unit, typical unit price): wordings and prices of ordinary repair work.
_WORK = [
    ("Dépose et évacuation du papier peint", "m2", "8.50"),
    ("Rebouchage et ponçage des fissures", "m2", "12.00"),
    ("Application d'une sous-couche d'impression", "m2", "9.80"),
    ("Peinture acrylique velours deux couches sur murs", "m2", "24.50"),
    ("Peinture du plafond en blanc mat", "m2", "26.00"),
    ("Remplacement de la plinthe en bois", "ml", "18.40"),
    ("Pose d'une corniche décorative", "ml", "32.00"),
    ("Remplacement d'une prise de courant", "u", "65.00"),
    ("Fourniture et pose d'un interrupteur va-et-vient", "u", "72.50"),
    ("Recherche de fuite et réparation", "forfait", "280.00"),
    ("Protection des sols et du mobilier", "forfait", "95.00"),
    ("Nettoyage de fin de chantier", "ens", "120.00"),
    ("Main d'oeuvre plomberie", "h", "48.00"),
    ("Location d'un déshumidificateur", "j", "35.00"),
    ("Pose de carrelage mural grès cérame", "m2", "58.00"),
    ("Remplacement du joint silicone de la baignoire", "ml", "14.00"),
]
_UNIT_SPELLINGS = {
    "m2": ["m²", "M²", "m2", "M2"],
    "ml": ["ml", "ML", "m.l."],
    "u": ["U", "u", "unité"],
    "forfait": ["Forfait", "Fft", "forfait"],
    "ens": ["Ens", "ens"],
    "h": ["H", "h", "heure"],
    "j": ["j", "jour"],
}
# The units' codes an e-invoicing program prints (UN/ECE Recommendation 20, rev. 17; the
# EN 16931 code list adds Recommendation 21's packages with an "X"): the fuzzers' own list.
UNIT_CODES = {
    "m2": ["MTK"],
    "ml": ["MTR"],
    "u": ["C62", "H87", "EA", "XPP"],
    "forfait": ["LS"],
    "ens": ["SET"],
    "h": ["HUR"],
    "j": ["DAY"],
}
_ROOMS = ["Chambre", "Salon", "Cuisine", "Salle de bain", "Entrée", "Couloir"]


@dataclass
class Line:
    designation: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    discount_pct: Decimal = Decimal(0)
    vat_rate: Decimal | None = None  # its own rate, on a quote with several

    @property
    def gross(self) -> Decimal:
        return (self.quantity * self.unit_price).quantize(CENT, ROUND_HALF_UP)

    @property
    def total(self) -> Decimal:
        return (self.gross * (1 - self.discount_pct / 100)).quantize(CENT, ROUND_HALF_UP)


@dataclass
class UnseenQuote:
    family: str
    seed: int
    number: str
    siret: str
    lines: list[Line]
    vat_rate: Decimal
    options: list[Line] = field(default_factory=list)  # printed, left out of the total
    global_discount: Decimal = Decimal(0)  # an amount taken off the lines' sum
    deposit_pct: int = 0
    takeoffs: list[list[tuple[str, Decimal, Decimal, Decimal]]] = field(default_factory=list)  # métré rows per line
    pdf: bytes = b""

    @property
    def total_ht(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal(0)) - self.global_discount

    @property
    def vat_recap(self) -> dict[Decimal, tuple[Decimal, Decimal]]:
        """Rate → (base HT, VAT): one rate on the whole total HT, or each line at its own rate."""
        if not any(line.vat_rate is not None for line in self.lines):
            return {self.vat_rate: (self.total_ht, (self.total_ht * self.vat_rate / 100).quantize(CENT, ROUND_HALF_UP))}
        bases: dict[Decimal, Decimal] = {}
        for line in self.lines:
            rate = line.vat_rate if line.vat_rate is not None else self.vat_rate
            bases[rate] = bases.get(rate, Decimal(0)) + line.total
        return {rate: (base, (base * rate / 100).quantize(CENT, ROUND_HALF_UP)) for rate, base in sorted(bases.items())}

    @property
    def total_tva(self) -> Decimal:
        return sum((vat for _, vat in self.vat_recap.values()), Decimal(0))

    @property
    def total_ttc(self) -> Decimal:
        return self.total_ht + self.total_tva


class Conventions(Protocol):
    """A fuzzer's drawn conventions, named as its bench counts faults by them."""

    def names(self) -> dict[str, str]: ...


C = TypeVar("C", bound=Conventions)


@dataclass
class DrawnQuote(Generic[C]):
    """A quote drawn by a fuzzer and the conventions it was printed with."""

    quote: UnseenQuote
    conventions: C

    def names(self) -> dict[str, str]:
        return self.conventions.names()

    @property
    def pdf(self) -> bytes:
        return self.quote.pdf


def rate_text(rate: Decimal) -> str:
    """A VAT rate as a French quote prints it: « 5,5 », « 10 », « 20 »."""
    return f"{rate.normalize():f}".replace(".", ",")


def drawn_quote(family: str, seed: int, rng: random.Random, lines: list[Line]) -> UnseenQuote:
    """A quote of ``lines`` with a drawn number, SIRET and VAT rate (in that order of draws)."""
    return UnseenQuote(
        family,
        seed,
        f"{rng.choice(['D', 'DV', ''])}{rng.randint(2024, 2025)}-{rng.randint(10, 999)}",
        _luhn_siret(rng),
        lines,
        rng.choice([Decimal(10), Decimal(20)]),
    )


def _luhn_siret(rng: random.Random) -> str:
    digits = [rng.randint(0, 9) for _ in range(13)]
    for last in range(10):
        candidate = [*digits, last]
        total = 0
        for index, digit in enumerate(reversed(candidate)):
            doubled = digit * 2 if index % 2 else digit
            total += doubled - 9 if doubled > 9 else doubled
        if total % 10 == 0:
            return "".join(map(str, candidate))
    raise AssertionError("unreachable")


class Style:
    """How one document writes its numbers, currency and units."""

    def __init__(self, rng: random.Random, whole_euros: bool = False) -> None:
        self.grouping = rng.choice([" ", "\u00a0", "\u202f", ".", ""])
        self.mark = "." if self.grouping == "" and rng.random() < 0.5 else ","
        self.currency = rng.choice([" €", " €", " EUR", ""])
        self.whole_euros = whole_euros  # "80 €" for 80,00 €, as letter writers do
        # Set by a fuzzer, not drawn here (the draws stay as they were): the gap between an
        # amount's euros and its cents printed in a cell of their own, no decimal mark ("1242   17").
        self.cents_cell = ""
        # Set by a fuzzer too: each unit as the code an e-invoicing program prints ("MTK", "C62").
        self.unit_codes: dict[str, str] = {}
        self.rng = rng

    def amount(self, value: Decimal, currency: bool = True) -> str:
        negative = value < 0
        whole, cents = f"{abs(value):.2f}".split(".")
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        grouping = self.grouping if self.mark == "," else ""
        decimals = "" if self.whole_euros and cents == "00" else (self.cents_cell or self.mark) + cents
        text = grouping.join([whole, *groups]) + decimals
        return ("-" if negative else "") + text + (self.currency if currency else "")

    def quantity(self, value: Decimal) -> str:
        if value == value.to_integral_value() and self.rng.random() < 0.5:
            return str(int(value))
        return f"{value:.2f}".replace(".", self.mark)

    def unit(self, unit: str) -> str:
        return self.unit_codes[unit] if self.unit_codes else self.rng.choice(_UNIT_SPELLINGS[unit])


def _lines(rng: random.Random, count: int) -> list[Line]:
    chosen = rng.sample(_WORK, count)
    lines = []
    for wording, unit, price in chosen:
        if unit in ("m2", "ml"):
            quantity = Decimal(rng.randint(20, 450)) / 10
        elif unit in ("forfait", "ens"):
            quantity = Decimal(1)
        else:
            quantity = Decimal(rng.randint(1, 8))
        unit_price = (Decimal(price) * Decimal(rng.randint(85, 120)) / 100).quantize(CENT, ROUND_HALF_UP)
        room = rng.choice(_ROOMS)
        lines.append(Line(f"{wording} {room.lower()}" if rng.random() < 0.4 else wording, quantity, unit, unit_price))
    return lines


def _table_cells(line: Line, style: Style) -> list[str]:
    """Designation, quantity, unit, unit price and total of a table row."""
    return [
        line.designation,
        style.quantity(line.quantity),
        style.unit(line.unit),
        style.amount(line.unit_price),
        style.amount(line.total),
    ]


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2025, 1, 1, tzinfo=UTC))
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(16, 14, 16)
    pdf.set_font("DejaVu", "", 9)
    return pdf


def rows_pdf(rows: list[str], font: str = "DejaVuSans.ttf", size: float = 9, row: float = 5) -> bytes:
    """A page of text rows as a layout prints them (columns by spaces), under a quote number and
    the seller's SIRET."""
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT_DIR / font))
    pdf.add_page()
    pdf.set_font("DejaVu", "", size)
    for text in ["Devis n° 2025-81   SIRET 732 829 320 00074", *rows]:
        pdf.cell(text=text)
        pdf.ln(row)
    return bytes(pdf.output())


def _text(pdf: FPDF, text: str, size: float = 9, bold: bool = False, h: float = 4.8) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.multi_cell(0, h, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _letterhead(pdf: FPDF, quote: UnseenQuote, rng: random.Random) -> None:
    _text(pdf, rng.choice(["Atelier Rivière Peinture", "Dubois Rénovation", "SARL Techni-Bât 77"]), 13, True, 7)
    _text(pdf, "14 chemin des Tanneurs, 69007 Lyon")
    _text(pdf, f"SIRET {quote.siret[:3]} {quote.siret[3:6]} {quote.siret[6:9]} {quote.siret[9:]}")
    pdf.ln(4)
    _text(pdf, "Madame Claire Fontaine, 3 allée des Cerisiers, 69100 Villeurbanne")
    pdf.ln(3)
    _text(pdf, f"Devis n° {quote.number}   —   Lyon, le 12 mars 2025", 11, True, 6)
    pdf.ln(2)


def _totals(pdf: FPDF, quote: UnseenQuote, style: Style) -> None:
    pdf.ln(2)
    for label, value in (
        ("Total HT", quote.total_ht),
        (f"TVA {quote.vat_rate:g} %".replace(".", ","), quote.total_tva),
        ("Total TTC", quote.total_ttc),
    ):
        pdf.set_font("DejaVu", "B" if "TTC" in label else "", 9)
        pdf.cell(140, 5, label, align="R")
        pdf.cell(0, 5, style.amount(value), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _sign_off(pdf: FPDF) -> None:
    pdf.ln(3)
    _text(pdf, "Devis valable trois mois. Bon pour accord, date et signature du client :")


# --------------------------------------------------------------------------- families


def _letter(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    _text(pdf, "Madame,")
    _text(
        pdf,
        "Suite à notre visite sur place après le dégât des eaux, nous avons le plaisir de vous "
        "proposer les travaux suivants.",
    )
    pdf.ln(1)
    for line in quote.lines:
        unit = style.unit(line.unit)
        if line.unit in ("forfait", "ens") and rng.random() < 0.6:
            line.unit = "forfait"  # "pour un montant forfaitaire": the sentence names no other unit
            sentence = f"{line.designation}, pour un montant forfaitaire de {style.amount(line.total)} HT."
        else:
            sentence = rng.choice(
                [
                    f"{line.designation} : {style.quantity(line.quantity)} {unit} à {style.amount(line.unit_price)} HT"
                    f" l'unité, soit {style.amount(line.total)} HT.",
                    f"Nous prévoyons {line.designation[0].lower()}{line.designation[1:]} sur "
                    f"{style.quantity(line.quantity)} {unit} au prix de {style.amount(line.unit_price)} HT, "
                    f"soit un montant de {style.amount(line.total)} HT.",
                ]
            )
        _text(pdf, f"- {sentence}")
    pdf.ln(2)
    _text(
        pdf,
        f"Le montant total des travaux s'élève à {style.amount(quote.total_ht)} HT, soit "
        f"{style.amount(quote.total_ttc)} TTC après TVA à {quote.vat_rate:g} % "
        f"({style.amount(quote.total_tva)}).".replace(".0 %", " %"),
    )
    _text(pdf, "Nous restons à votre disposition et vous prions d'agréer, Madame, nos salutations distinguées.")


_COLUMNS = {
    "designation": "Désignation",
    "qty": "Qté",
    "unit": "Unité",
    "pu": "P.U. HT",
    "total": "Montant HT",
    "vat": "TVA",
}


def _column_header(pdf: FPDF, order: list[str], widths: dict[str, float], names: dict[str, str] = _COLUMNS) -> None:
    pdf.set_font("DejaVu", "B", 8)
    for key in order:
        pdf.cell(widths[key], 6, names[key], border=1, align="C")
    pdf.ln(6)


def _row(
    pdf: FPDF, order: list[str], widths: dict[str, float], cells: list[str], height: float, border: int | str
) -> None:
    """One table row: the designation left-aligned, the figures right-aligned."""
    for key, text in zip(order, cells, strict=True):
        pdf.cell(widths[key], height, text, border=border, align="L" if key == "designation" else "R")
    pdf.ln(height)


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """A designation cut to its column's width in the current font."""
    if pdf.get_string_width(text) > width - 2:
        return text[: int(len(text) * (width - 4) / pdf.get_string_width(text))]
    return text


def _page_break_under_header(pdf: FPDF, quote: UnseenQuote, order: list[str], widths: dict[str, float]) -> None:
    """Near the page's foot: a new page titled as a continuation, under the column header again."""
    if pdf.get_y() > 270:
        pdf.add_page()
        _text(pdf, f"Devis n° {quote.number} (suite)")
        _column_header(pdf, order, widths)


def _table(pdf: FPDF, quote: UnseenQuote, style: Style, order: list[str], widths: dict[str, float]) -> None:
    _column_header(pdf, order, widths)
    pdf.set_font("DejaVu", "", 8)
    for line in quote.lines:
        cells = {
            "designation": line.designation,
            "qty": style.quantity(line.quantity),
            "unit": style.unit(line.unit),
            "pu": style.amount(line.unit_price),
            "total": style.amount(line.total),
            "vat": f"{quote.vat_rate:g} %".replace(".", ","),
        }
        cells["designation"] = _fit(pdf, cells["designation"], widths["designation"])
        _row(pdf, order, widths, [cells[key] for key in order], 6, 1)


def _swapped(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    numeric = ["qty", "unit", "pu", "total", "vat"]
    rng.shuffle(numeric)
    order = ["designation", *numeric] if rng.random() < 0.5 else [*numeric[:2], "designation", *numeric[2:]]
    widths = {"designation": 68.0, "qty": 16.0, "unit": 14.0, "pu": 26.0, "total": 26.0, "vat": 14.0}
    _table(pdf, quote, style, order, widths)
    _totals(pdf, quote, style)


def _leaders(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    _text(pdf, "DÉTAIL DES TRAVAUX", 10, True)
    pdf.set_font("DejaVu", "", 9)
    for line in quote.lines:
        left = (
            f"{line.designation} ({style.quantity(line.quantity)} {style.unit(line.unit)} x "
            f"{style.amount(line.unit_price)})"
        )
        right = style.amount(line.total)
        dots = "." * max(
            3, int((178 - pdf.get_string_width(left) - pdf.get_string_width(right)) / pdf.get_string_width(".")) - 2
        )
        pdf.cell(0, 5, f"{left} {dots} {right}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _totals(pdf, quote, style)


def _carried(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    """Lots with headings and subtotals, over pages that carry the running total."""
    pdf.set_auto_page_break(False)
    order = ["designation", "qty", "unit", "pu", "total"]
    widths = {"designation": 88.0, "qty": 16.0, "unit": 14.0, "pu": 22.0, "total": 26.0}
    lots = [quote.lines[i : i + 5] for i in range(0, len(quote.lines), 5)]
    running = Decimal(0)
    per_page = 9
    printed = 0

    def row(cells: list[str], bold: bool = False) -> None:
        pdf.set_font("DejaVu", "B" if bold else "", 8)
        _row(pdf, order, widths, cells, 6, "LR")

    _column_header(pdf, order, widths)
    for number, lot in enumerate(lots, start=1):
        row([f"LOT {number} - {rng.choice(['PEINTURE', 'PLÂTRERIE', 'ÉLECTRICITÉ', 'SOLS'])}", "", "", "", ""], True)
        lot_total = Decimal(0)
        for line in lot:
            if printed and printed % per_page == 0:
                row(["À reporter", "", "", "", style.amount(running)], True)
                pdf.add_page()
                _text(pdf, f"Devis n° {quote.number} (suite)")
                _column_header(pdf, order, widths)
                row(["Report", "", "", "", style.amount(running)], True)
            row(_table_cells(line, style))
            running += line.total
            lot_total += line.total
            printed += 1
        row([f"Sous-total lot {number}", "", "", "", style.amount(lot_total)], True)
    _totals(pdf, quote, style)


def _options(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    order = ["designation", "qty", "unit", "pu", "total"]
    widths = {"designation": 92.0, "qty": 16.0, "unit": 14.0, "pu": 22.0, "total": 26.0}
    _table(pdf, quote, style, order, widths)
    pdf.set_font("DejaVu", "", 8)
    for line in quote.options:
        label = rng.choice(["Option : ", "En option - ", "Variante : "]) + line.designation
        cells = [
            label,
            style.quantity(line.quantity),
            style.unit(line.unit),
            style.amount(line.unit_price),
            style.amount(line.total),
        ]
        _row(pdf, order, widths, cells, 6, 1)
    _totals(pdf, quote, style)
    deposit = (quote.total_ttc * quote.deposit_pct / 100).quantize(CENT, ROUND_HALF_UP)
    pdf.cell(140, 5, f"Acompte {quote.deposit_pct} % à la commande", align="R")
    pdf.cell(0, 5, style.amount(deposit), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _discount(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    order = ["designation", "qty", "unit", "pu", "rem", "total"]
    widths = {"designation": 84.0, "qty": 14.0, "unit": 14.0, "pu": 22.0, "rem": 16.0, "total": 26.0}
    _column_header(pdf, order, widths, {**_COLUMNS, "rem": "Rem. %"})
    pdf.set_font("DejaVu", "", 8)
    for line in quote.lines:
        cells = [
            line.designation,
            style.quantity(line.quantity),
            style.unit(line.unit),
            style.amount(line.unit_price),
            f"{line.discount_pct:g}".replace(".", ",") if line.discount_pct else "",
            style.amount(line.total),
        ]
        _row(pdf, order, widths, cells, 6, 1)
    if quote.global_discount:
        pdf.ln(1)
        pdf.cell(140, 5, "Total brut HT", align="R")
        pdf.cell(
            0, 5, style.amount(quote.total_ht + quote.global_discount), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.cell(140, 5, "Remise commerciale 5 %", align="R")
        pdf.cell(0, 5, style.amount(-quote.global_discount), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _totals(pdf, quote, style)


# Session 4 development families ------------------------------------------------------------

_UNIT_WORDS = {
    "m2": ("m²", "m²", "le m²"),
    "ml": ("mètres linéaires", "mètre linéaire", "le mètre linéaire"),
    "u": ("unités", "unité", "l'unité"),
    "h": ("heures", "heure", "de l'heure"),
    "j": ("jours", "jour", "par jour"),
}


def _lower(text: str) -> str:
    return text[0].lower() + text[1:]


def _leaders_between(pdf: FPDF, left: str, right: str) -> str:
    width = pdf.epw - pdf.get_string_width(left) - pdf.get_string_width(right) - 8
    return f"{left} {'.' * max(3, int(width / pdf.get_string_width('.')))} {right}"


def _lump_sentence(pdf: FPDF, line: Line, style: Style, vat_rate: Decimal, habit: int) -> str:
    d, amount = line.designation, style.amount(line.total)
    with_vat = style.amount((line.total * (100 + vat_rate) / 100).quantize(CENT, ROUND_HALF_UP))
    return [
        f"{d} : forfait de {amount} HT",
        f"{d} pour un montant de {amount} HT",
        f"{d} ({amount} HT)",
        _leaders_between(pdf, d, amount),
        f"{d}, au forfait : {amount} HT",
        f"{d} : {amount} HT ({with_vat} TTC)",  # no lump-sum word, its TTC beside
    ][habit]


def _measured_sentence(pdf: FPDF, line: Line, style: Style, habit: int) -> str:
    words, word, per = _UNIT_WORDS[line.unit]
    quantity = style.quantity(line.quantity)
    count = word if line.quantity <= 1 else words
    price, total, d = style.amount(line.unit_price), style.amount(line.total), line.designation
    return [
        f"{d}, {quantity} {count} au prix unitaire de {price} HT, soit {total} HT",
        f"{d} ({quantity} {count} à {price} {per}) : {total} HT",
        f"{quantity} {count} : {_lower(d)} à {price} {per}, soit {total}",
        _leaders_between(pdf, f"{d} ({quantity} {style.unit(line.unit)} × {price})", total),
        f"{d} : {total} HT ({quantity} {count} à {price} HT {per})",
    ][habit]


def _prose(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    """A letter by another writer: one habit for lump sums, one for measured lines, and the
    totals in a sentence or as rows ("Net à payer")."""
    _text(pdf, rng.choice(["Monsieur,", "Madame, Monsieur,", "Chère Madame,"]))
    _text(
        pdf,
        rng.choice(
            [
                "Comme suite à votre demande, voici le détail de notre intervention après le sinistre :",
                "Nous vous remercions de votre confiance et vous adressons notre estimation des travaux "
                "de remise en état, établie lors de notre passage.",
            ]
        ),
    )
    pdf.ln(1)
    lump_habit, measured_habit = rng.randrange(6), rng.randrange(5)
    bullet = rng.choice(["- ", "• ", "", "* "])
    for line in quote.lines:
        if line.unit in ("forfait", "ens") and line.quantity == 1:
            line.unit = "forfait"  # a lump sum's sentence names no other unit
            sentence = _lump_sentence(pdf, line, style, quote.vat_rate, lump_habit)
        else:
            sentence = _measured_sentence(pdf, line, style, measured_habit)
        pdf.set_font("DejaVu", "", 9)
        end = "" if "...." in sentence else rng.choice([".", ";", ""])
        _text(pdf, f"{bullet}{sentence}{end}")
    pdf.ln(2)
    ht, ttc, tva = (style.amount(v) for v in (quote.total_ht, quote.total_ttc, quote.total_tva))
    rate = f"{quote.vat_rate:g} %"
    habit = rng.randrange(4)
    if habit == 0:
        for label, value in (("Montant total HT", ht), (f"TVA ({rate})", tva), ("Net à payer TTC", ttc)):
            pdf.cell(120, 5, label, align="R")
            pdf.cell(0, 5, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    elif habit == 1:
        _text(pdf, f"L'ensemble s'élève à {ht} HT, soit {ttc} TTC, dont {tva} de TVA à {rate}.")
    elif habit == 2:
        for label, value in (("Total hors taxes", ht), (f"TVA {rate}", tva), ("Montant TTC", ttc)):
            pdf.cell(120, 5, f"{label} : {value}", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    else:
        _text(pdf, f"Soit un montant de {ht} HT (TVA {rate} : {tva}), soit {ttc} TTC.")
    _text(pdf, "Veuillez agréer nos salutations distinguées.")


def _mixed_vat(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    """Lines at their own VAT rates (a TVA column), a VAT recap per rate, then the totals."""
    order = ["designation", "qty", "unit", "pu", "vat", "total"]
    widths = {"designation": 80.0, "qty": 14.0, "unit": 14.0, "pu": 24.0, "vat": 16.0, "total": 28.0}
    _column_header(pdf, order, widths)
    pdf.set_font("DejaVu", "", 8)
    for line in quote.lines:
        rate = line.vat_rate if line.vat_rate is not None else quote.vat_rate
        cells = {
            "designation": line.designation,
            "qty": style.quantity(line.quantity),
            "unit": style.unit(line.unit),
            "pu": style.amount(line.unit_price),
            "vat": f"{rate:g} %".replace(".", ","),
            "total": style.amount(line.total),
        }
        _row(pdf, order, widths, [cells[key] for key in order], 6, 1)
    pdf.ln(3)
    recap = quote.vat_recap
    pdf.set_font("DejaVu", "B", 8)
    for label in ("Taux TVA", "Base HT", "Montant TVA"):
        pdf.cell(28, 5, label, border=1, align="C")
    pdf.ln(5)
    pdf.set_font("DejaVu", "", 8)
    for rate, (base, vat) in recap.items():
        for text in (f"{rate:g} %".replace(".", ","), style.amount(base), style.amount(vat)):
            pdf.cell(28, 5, text, border=1, align="R")
        pdf.ln(5)
    pdf.ln(2)
    rows = [("Total HT", quote.total_ht)]
    if rng.random() < 0.5:
        rows.append(("Total TVA", quote.total_tva))
    else:
        rows += [(f"TVA {rate:g} %".replace(".", ","), vat) for rate, (_, vat) in recap.items()]
    rows.append(("Total TTC", quote.total_ttc))
    for label, value in rows:
        pdf.cell(140, 5, label, align="R")
        pdf.cell(0, 5, style.amount(value), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _wrapped(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    """Long designations wrapped over several rows, figures on the first; pages break inside a
    designation, and the next page repeats the header (and sometimes carries the total)."""
    pdf.set_auto_page_break(False)
    order = ["designation", "qty", "unit", "pu", "total"]
    widths = {"designation": 70.0, "qty": 16.0, "unit": 14.0, "pu": 26.0, "total": 30.0}
    carry = rng.random() < 0.5
    per_page = rng.randint(7, 11)
    printed = 0
    running = Decimal(0)

    def header() -> None:
        _column_header(pdf, order, widths)
        pdf.set_font("DejaVu", "", 8)

    def row(cells: list[str]) -> None:
        nonlocal printed
        if printed and printed % per_page == 0:
            if carry:
                _row(pdf, order, widths, ["À reporter", "", "", "", style.amount(running)], 5, "LR")
            pdf.add_page()
            _text(pdf, f"Devis n° {quote.number} - page {pdf.page_no()}")
            header()
            if carry:
                _row(pdf, order, widths, ["Report", "", "", "", style.amount(running)], 5, "LR")
        _row(pdf, order, widths, cells, 5, "LR")
        printed += 1

    header()
    for line in quote.lines:
        pdf.set_font("DejaVu", "", 8)
        chunks = pdf.multi_cell(widths["designation"] - 2, 5, line.designation, dry_run=True, output="LINES")
        figures = [style.quantity(line.quantity), style.unit(line.unit), style.amount(line.unit_price)]
        for index, chunk in enumerate(chunks):
            if index == 0:
                row([chunk, *figures, style.amount(line.total)])
                running += line.total
            else:
                row([chunk, "", "", "", ""])
    _totals(pdf, quote, style)


def _blocks(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    """Each line a block of labelled figures, as online quote tools print them; a long
    designation wraps, and a page may break inside a block (the next page repeats the title)."""
    side_by_side = rng.random() < 0.6
    total_on_title = rng.random() < 0.4
    labels = rng.choice(
        [
            ("Quantité", "Prix unitaire HT", "Total HT"),
            ("Qté", "PU HT", "Montant HT"),
            ("Quantité", "Prix unitaire", "Total ligne HT"),
        ]
    )
    sep = rng.choice([" · ", "  ·  ", " | ", " – ", " / "])
    pdf.set_auto_page_break(False)

    def row(text: str, height: float, total: str | None = None) -> None:
        if pdf.get_y() > 272:
            pdf.add_page()
            _text(pdf, f"Devis n° {quote.number} (suite)", 8)
            pdf.ln(2)
        if total is None:
            pdf.cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.cell(140, height, text)
            pdf.cell(0, height, total, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    for number, line in enumerate(quote.lines, 1):
        title = f"{number}. {line.designation}" if rng.random() < 0.5 else line.designation
        total = style.amount(line.total)
        pdf.set_font("DejaVu", "B", 9)
        chunks = pdf.multi_cell(110, 5, title, dry_run=True, output="LINES")
        for chunk in chunks[:-1]:
            row(chunk, 5)
        row(chunks[-1], 5, total if total_on_title else None)  # the total right of the last row
        pdf.set_font("DejaVu", "", 8)
        parts = [
            f"{labels[0]} : {style.quantity(line.quantity)} {style.unit(line.unit)}",
            f"{labels[1]} : {style.amount(line.unit_price)}",
            f"TVA {quote.vat_rate:g} %".replace(".", ","),
        ]
        if not total_on_title:
            parts.append(f"{labels[2]} : {total}")
        for text in [sep.join(parts)] if side_by_side else parts:
            row("    " + text, 4.5)
        pdf.ln(2)
    pdf.set_auto_page_break(True, margin=18)
    _totals(pdf, quote, style)


_COMPONENTS = [
    ("Fourniture : plaque de plâtre BA13", "m2"),
    ("Main d'oeuvre : poseur qualifié", "h"),
    ("Fourniture : enduit de lissage", "kg"),
    ("Fourniture : peinture acrylique", "l"),
    ("Main d'oeuvre : compagnon peintre", "h"),
    ("Fourniture : bande à joint", "ml"),
    ("Fourniture : colle carrelage", "kg"),
]


def _ouvrage(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    """Composite works: a priced line, then indented component rows (quantity, unit, no price),
    often in italics; the page may break among a work's components."""
    order = ["designation", "qty", "unit", "pu", "total"]
    widths = {"designation": 84.0, "qty": 18.0, "unit": 14.0, "pu": 26.0, "total": 30.0}
    italic = rng.random() < 0.7
    indent = rng.choice(["    ", "      - ", "    > "])
    pdf.set_auto_page_break(False)

    def row(cells: list[str], style_: str) -> None:
        _page_break_under_header(pdf, quote, order, widths)
        pdf.set_font("DejaVu", style_, 8 if style_ == "" else 7)
        _row(pdf, order, widths, cells, 5, "LR")

    _column_header(pdf, order, widths)
    for line in quote.lines:
        row(_table_cells(line, style), "")
        for component, unit in rng.sample(_COMPONENTS, rng.randint(2, 4)):
            amount = Decimal(rng.randint(5, 300)) / 10 if unit != "h" else Decimal(rng.randint(1, 16)) / 2
            row([f"{indent}{component}", style.quantity(amount), unit, "", ""], "I" if italic else "")
    pdf.set_auto_page_break(True, margin=18)
    if len(quote.lines) > 6 and rng.random() < 0.7:
        _totals(pdf, quote, style)
        return
    # The VAT recap left, the totals right on the same rows, in a larger type than the table.
    if pdf.get_y() > 250:
        pdf.add_page()
    pdf.ln(3)
    (rate, (base, vat)), *_ = quote.vat_recap.items()
    recap = [("Taux", "Base HT", "TVA"), (f"{rate:g} %".replace(".", ","), style.amount(base), style.amount(vat)), None]
    totals = [("Total HT", quote.total_ht), ("Total TVA", quote.total_tva), ("Total TTC", quote.total_ttc)]
    for cells, (label, value) in zip(recap, totals, strict=True):
        pdf.set_font("DejaVu", "", 8)
        for text in cells or ("", "", ""):
            pdf.cell(24, 5, text, align="R")
        pdf.set_x(132)
        pdf.set_font("DejaVu", "B" if "TTC" in label else "", 9)
        pdf.cell(30, 5, label)
        # Right-aligned under the table's last column (it ends at 188 mm).
        pdf.cell(188 - pdf.get_x(), 5, style.amount(value), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _amount_first(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    """Landscape-like table with the amounts left of the designation, a TTC per line, and the
    totals written amount first ("1 234,56 € Total HT")."""
    order = rng.choice(
        [
            ["total", "ttc", "pu", "qty", "unit", "designation"],
            ["ttc", "total", "qty", "unit", "pu", "designation"],
            ["qty", "unit", "pu", "total", "ttc", "designation"],
        ]
    )
    widths = {"designation": 66.0, "qty": 14.0, "unit": 12.0, "pu": 22.0, "total": 24.0, "ttc": 24.0}
    headings = {**_COLUMNS, "ttc": rng.choice(["Montant TTC", "TTC", "Total TTC"])}
    pdf.set_font("DejaVu", "B", 8)
    for key in order:
        pdf.cell(widths[key], 6, headings[key], border=1, align="C")
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 8)
    for line in quote.lines:
        ttc = (line.total * (1 + quote.vat_rate / 100)).quantize(CENT, ROUND_HALF_UP)
        cells = {
            "designation": line.designation,
            "qty": style.quantity(line.quantity),
            "unit": style.unit(line.unit),
            "pu": style.amount(line.unit_price),
            "total": style.amount(line.total),
            "ttc": style.amount(ttc),
        }
        cells["designation"] = _fit(pdf, cells["designation"], widths["designation"])
        _row(pdf, order, widths, [cells[key] for key in order], 6, 1)
    if rng.random() < 0.5:  # the columns' sums on a "Total" row under them
        line_ttc = [(x.total * (1 + quote.vat_rate / 100)).quantize(CENT, ROUND_HALF_UP) for x in quote.lines]
        ttc_sum = sum(line_ttc, Decimal(0))
        sums = {"total": style.amount(quote.total_ht), "ttc": style.amount(ttc_sum), "designation": "Total"}
        pdf.set_font("DejaVu", "B", 8)
        _row(pdf, order, widths, [sums.get(key, "") for key in order], 6, 1)
    pdf.ln(2)
    rate = f"{quote.vat_rate:g} %".replace(".", ",")
    vat_label = rng.choice([f"TVA {rate}", f"TVA {rate} sur {style.amount(quote.total_ht)}"])
    rows = [("Total HT", quote.total_ht), (vat_label, quote.total_tva), ("Total TTC", quote.total_ttc)]
    if quote.deposit_pct:  # an invoice: the deposit already paid, then the balance
        paid = (quote.total_ttc * quote.deposit_pct / 100).quantize(Decimal(10))
        rows += [("Acompte versé", -paid), ("Solde à payer", quote.total_ttc - paid)]
    top = pdf.get_y()
    for label, value in rows:
        pdf.set_font("DejaVu", "B" if "TTC" in label else "", 9)
        pdf.cell(40, 5, style.amount(value), align="R")
        pdf.cell(56, 5, f"  {label}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if rng.random() < 0.7:  # small print beside the totals, with figures of its own
        pdf.set_xy(116, top)
        pdf.set_font("DejaVu", "", 7)
        pdf.multi_cell(0, 3.5, _small_print(rng), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _small_print(rng: random.Random) -> str:
    """The legal mentions a trade-software export prints beside its totals: a deposit rate,
    late-payment terms, the insurer's policy number, the bank account."""
    iban = " ".join(f"{rng.randint(0, 9999):04d}" for _ in range(5)) + f" {rng.randint(100, 999)}"
    return (
        f"Acompte de {rng.choice([20, 30, 40])} % à la signature. En cas de retard de paiement, pénalités au "
        "taux de trois fois le taux d'intérêt légal et indemnité forfaitaire pour frais de recouvrement de "
        f"40 €. Assurance décennale n° {rng.randint(1000000, 9999999)} souscrite auprès de "
        f"{rng.choice(['SMABTP, Paris', 'MMA IARD, Le Mans', 'AXA France IARD, Nanterre'])}. IBAN FR76 {iban}. "
        "Date et signature précédées de la mention « Bon pour accord » :"
    )


def _no_vat(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    """A seller outside VAT (franchise en base, CGI art. 293 B): prices without VAT, one total
    printed as HT, as a bare total or as the sum to pay, and the legal mention."""
    order = ["designation", "qty", "unit", "pu", "total"]
    widths = {"designation": 84.0, "qty": 18.0, "unit": 14.0, "pu": 26.0, "total": 30.0}
    _table(pdf, quote, style, order, widths)
    pdf.ln(2)
    total = style.amount(quote.total_ht)
    mention = rng.choice(
        [
            "TVA non applicable, art. 293 B du CGI",
            "TVA non applicable - article 293 B du Code général des impôts",
            "Dispensé d'immatriculation au registre du commerce. TVA non applicable, art. 293 B du CGI.",
        ]
    )
    habit = rng.randrange(4)
    if habit == 3:
        _text(pdf, f"Total à payer : {total} ({mention})")
        return
    rows = [[("Total HT", total), ("Net à payer", total)], [("Total", total)], [("Montant total :", total)]][habit]
    for label, value in rows:
        pdf.cell(140, 5, label, align="R")
        pdf.cell(0, 5, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    _text(pdf, mention, 8)


_LOTS = ["Plâtrerie", "Peinture", "Électricité", "Sols", "Menuiserie", "Plomberie"]


def _recap(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    """Lots under headings, and a recap by lot (one amount per lot) before or after the detail."""
    order = ["designation", "qty", "unit", "pu", "total"]
    widths = {"designation": 88.0, "qty": 16.0, "unit": 14.0, "pu": 24.0, "total": 28.0}
    names = rng.sample(_LOTS, 3)
    lots = [(names[0], quote.lines[:2]), (names[1], quote.lines[2:4]), (names[2], quote.lines[4:])]
    lots = [(name, lines) for name, lines in lots if lines]
    numbered = rng.random() < 0.5
    with_vat = rng.random() < 0.4
    leaders = rng.random() < 0.5
    subtotals = rng.random() < 0.4  # each lot's subtotal printed under it as well
    title = rng.choice(["RÉCAPITULATIF", "Récapitulatif par lot", "RECAPITULATIF DES TRAVAUX"])

    def heading(number: int, name: str) -> str:
        return f"Lot {number} - {name}" if numbered else name.upper()

    def recap() -> None:
        _text(pdf, title, 10, True, 6)
        pdf.set_font("DejaVu", "", 9)
        for number, (name, lines) in enumerate(lots, start=1):
            amount = style.amount(sum((line.total for line in lines), Decimal(0)))
            left = heading(number, name) if rng.random() < 0.5 else (f"{number}  {name}" if numbered else name)
            if with_vat:
                left = f"{left}   {quote.vat_rate:g} %".replace(".", ",")
            if leaders:
                dots = "." * max(3, int((120 - pdf.get_string_width(left)) / pdf.get_string_width(".")))
                pdf.cell(140, 5, f"{left} {dots}")
            else:
                pdf.cell(140, 5, left)
            pdf.cell(0, 5, amount, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)

    before = rng.random() < 0.5
    if before:
        recap()
    _column_header(pdf, order, widths)
    for number, (name, lines) in enumerate(lots, start=1):
        pdf.set_font("DejaVu", "B", 8)
        pdf.cell(0, 6, heading(number, name), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("DejaVu", "", 8)
        for line in lines:
            _row(pdf, order, widths, _table_cells(line, style), 6, "LR")
        if subtotals:
            pdf.set_font("DejaVu", "B", 8)
            pdf.cell(142, 6, f"Sous-total {name.lower()}", align="R")
            pdf.cell(0, 6, style.amount(sum((line.total for line in lines), Decimal(0))), align="R")
            pdf.ln(6)
    if not before:
        if rng.random() < 0.4:
            pdf.add_page()  # the recap on a page of its own
        else:
            pdf.ln(4)
        recap()
    _totals(pdf, quote, style)


_WALLS = ["Mur nord", "Mur sud", "Mur est", "Mur ouest", "Plafond", "Mur côté fenêtre"]
_OPENINGS = ["porte", "fenêtre", "porte-fenêtre", "placard"]


def _metre(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    """A table whose measured lines are followed by their take-off: dimension rows, deductions,
    and a "Total métré" row, in the designation column or spread over the figure columns."""
    order = ["designation", "qty", "unit", "pu", "total"]
    widths = {"designation": 88.0, "qty": 16.0, "unit": 14.0, "pu": 24.0, "total": 28.0}
    spread = rng.random() < 0.5  # the result in the quantity column, not in the wording
    sign = rng.choice([" x ", " × ", "x", " * "])
    total_word = rng.choice(["Total métré", "Soit", "Total"])
    pdf.set_auto_page_break(False)

    def row(cells: list[str], italic: bool = False) -> None:
        _page_break_under_header(pdf, quote, order, widths)
        pdf.set_font("DejaVu", "I" if italic else "", 7 if italic else 8)
        _row(pdf, order, widths, cells, 5, "LR")

    _column_header(pdf, order, widths)
    for line, takeoff in zip(quote.lines, quote.takeoffs, strict=True):
        row(_table_cells(line, style))
        for label, a, b, result in takeoff:
            dims = f"{style.quantity(a)}{sign}{style.quantity(b)}"
            if spread:
                row([f"    {label} {dims} =", style.amount(result, currency=False), "", "", ""], True)
            else:
                row([f"    {label} {dims} = {style.amount(result, currency=False)}", "", "", "", ""], True)
        if takeoff:
            unit = style.unit(line.unit)
            quantity = style.amount(line.quantity, currency=False)
            if spread:
                row([f"    {total_word}", quantity, unit, "", ""], True)
            else:
                row([f"    {total_word} {quantity} {unit}", "", "", "", ""], True)
    pdf.set_auto_page_break(True, margin=18)
    _totals(pdf, quote, style)


def _takeoff(rng: random.Random, unit: str) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    """Dimension rows (label, length, height, result; a deduction negative) of a measured line."""
    rows = []
    for wall in rng.sample(_WALLS, rng.randint(2, 4)):
        length, height = Decimal(rng.randint(150, 620)) / 100, Decimal(rng.randint(240, 280)) / 100
        rows.append((wall, length, height, (length * height).quantize(CENT, ROUND_HALF_UP)))
    if unit == "m2" and rng.random() < 0.7:
        width, height = Decimal(rng.randint(73, 140)) / 100, Decimal(rng.randint(200, 215)) / 100
        deduction = -(width * height).quantize(CENT, ROUND_HALF_UP)
        rows.append((f"à déduire {rng.choice(_OPENINGS)}", width, height, deduction))
    return rows


_DETAILS = [
    "comprenant la protection des sols et des meubles, le rebouchage des fissures et le ponçage",
    "y compris nettoyage quotidien du chantier et évacuation des gravats en décharge agréée",
    "selon les règles de l'art et le DTU en vigueur, fournitures de première qualité",
    "travaux réalisés en site occupé, deux passages prévus, reprise des raccords",
]


# Session 19 development families ----------------------------------------------------------
# Rows that are no line's wording, as renovation trade programs print them: a remark, a note or a
# photo with its caption under a line (the programs let the artisan attach a comment or a
# picture to each line and print it under it, smaller or in italics), a running header and a
# footer of two rows on every page (the legal line and the page's number), and a side column of
# observations beside the wordings under a header of two rows.

_REMARKS = [
    "traces d'humidité au plafond près de la fenêtre",
    "teinte au choix du client sur nuancier",
    "accès par la cour, prévoir la clé du local technique",
    "support à sonder avant travaux, reprise éventuelle en plus-value",
    "fissure traversante côté fenêtre, à surveiller",
    "mobilier déplacé par le client avant notre arrivée",
    "dégâts constatés lors de la visite contradictoire avec l'expert",
    "coupure d'eau générale à demander au syndic de l'immeuble",
    "matériau identique à l'existant, sous réserve de disponibilité chez le fournisseur",
]
_REMARK_FORMS = [
    "Remarque : {}",
    "Nota : {}",
    "NB : {}",
    "Observation : {}",
    "Photo {n} : {}",
    "({})",
]
_OBSERVATIONS = [
    "Selon rapport d'expertise",
    "Quantité à confirmer sur place",
    "Support humide : attendre le séchage",
    "Voir photo 3 jointe",
    "Travaux en site occupé",
    "Accord du syndic nécessaire",
    "Hors vétusté",
    "Teinte à valider",
]


def _running_furniture(pdf: FPDF, quote: UnseenQuote, firm: str, rng: random.Random) -> None:
    """A running header from the second page on and a footer of two rows on every page (the
    seller's legal line, then the page's number), drawn by fpdf2 at each page's turn."""
    legal = rng.choice(
        [
            f"{firm} – SARL au capital de 8 000 € – SIRET {quote.siret} – RCS Lyon – "
            f"{rng.choice(['Assurance décennale MMA IARD', 'Garantie décennale SMABTP', 'APE 4334Z'])}",
            # the trades a firm lists at the foot of its paper, no figure in it
            f"{firm} – Peinture – Plâtrerie – Revêtements de sols – Rénovation après sinistre",
            "Entreprise qualifiée, membre de la Fédération française du bâtiment",
        ]
    )
    numbered = rng.choice(["Page {n}/{{nb}}", "Page {n}", "- {n} -"])
    header = rng.random() < 0.7

    def draw_header() -> None:
        if header and pdf.page_no() > 1:
            pdf.set_font("DejaVu", "", 7)
            pdf.cell(0, 5, f"{firm} — Devis n° {quote.number}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)

    def draw_footer() -> None:
        pdf.set_y(-16)
        pdf.set_font("DejaVu", "", 6.5)
        pdf.cell(0, 3.5, legal, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.cell(0, 3.5, numbered.format(n=pdf.page_no()), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf.header = draw_header  # type: ignore[method-assign]
    pdf.footer = draw_footer  # type: ignore[method-assign]


def _remarks(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    """A trade program's table whose lines carry, under their wording, a remark or a photo and
    its caption (smaller, in italics, indented or not); pages break under a running header and a
    footer of two rows, and the table's header is printed again."""
    _running_furniture(pdf, quote, rng.choice(["Rénov'Habitat", "Lefèvre & Fils", "Bâti-Service 42"]), rng)
    pdf.set_auto_page_break(False)
    order = ["designation", "qty", "unit", "pu", "total"]
    widths = {"designation": 84.0, "qty": 16.0, "unit": 14.0, "pu": 24.0, "total": 28.0}
    forms = rng.sample(_REMARK_FORMS, 2)  # a firm's habits
    indent = rng.choice([0.0, 4.0, 8.0])
    photos = rng.random() < 0.5  # the picture drawn above its caption
    photo = 0

    def room_for(height: float) -> None:
        if pdf.get_y() + height > 270:
            pdf.add_page()
            _column_header(pdf, order, widths)

    _column_header(pdf, order, widths)
    for line in quote.lines:
        pdf.set_font("DejaVu", "", 8)
        chunks = pdf.multi_cell(widths["designation"] - 2, 5, line.designation, dry_run=True, output="LINES")
        cells = [style.quantity(line.quantity), style.unit(line.unit), style.amount(line.unit_price)]
        for index, chunk in enumerate(chunks):
            room_for(5)
            pdf.set_font("DejaVu", "", 8)
            _row(
                pdf,
                order,
                widths,
                [chunk, *cells, style.amount(line.total)] if index == 0 else [chunk, "", "", "", ""],
                5,
                "LR",
            )
        if rng.random() < 0.5:
            continue
        form = rng.choice(forms)
        photo += form.startswith("Photo")
        remark = rng.choice(_REMARKS)
        text = form.format(remark[0].upper() + remark[1:] if form != "Photo {n} : {}" else remark, n=photo)
        if form.startswith("Photo") and photos:
            room_for(24)
            pdf.set_fill_color(200, 200, 200)
            pdf.rect(pdf.l_margin + 2 + indent, pdf.get_y() + 1, 30, 18, style="F")
            pdf.ln(20)
        pdf.set_font("DejaVu", "I", 7)
        rows = pdf.multi_cell(widths["designation"] - 2 - indent, 4, text, dry_run=True, output="LINES")
        for chunk in rows:
            room_for(4)
            pdf.set_font("DejaVu", "I", 7)
            pdf.set_x(pdf.l_margin + indent)
            pdf.cell(widths["designation"] - indent, 4, chunk, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_auto_page_break(True, margin=18)
    room_for(24)
    _totals(pdf, quote, style)


def _observations(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    """A table under a header of two rows (« Quantité » over « Qté | U », « Prix HT » over
    « Unitaire | Total ») and a side column of observations, a note wrapping beside the wording;
    a page break prints both header rows again."""
    pdf.set_auto_page_break(False)
    side_left = rng.random() < 0.3  # the observations between the wording and the figures
    order = (
        ["designation", "obs", "qty", "unit", "pu", "total"]
        if side_left
        else ["designation", "qty", "unit", "pu", "total", "obs"]
    )
    widths = {"designation": 66.0, "qty": 13.0, "unit": 10.0, "pu": 20.0, "total": 22.0, "obs": 47.0}
    quantity_label = rng.choice(["Quantité", "Quantités"])
    price_label = rng.choice(["Prix HT", "Prix en euros HT", "Montants HT"])
    obs_label = rng.choice(["Observations", "Remarques", "Commentaires"])
    subs = {
        "designation": "",
        "obs": "",
        "qty": "Qté",
        "unit": "U",
        "pu": rng.choice(["Unitaire", "P.U."]),
        "total": "Total",
    }

    def header() -> None:
        pdf.set_font("DejaVu", "B", 8)
        spans = [("designation", "Désignation des travaux"), ("obs", obs_label)]
        for key in order:
            if key == "qty":
                pdf.cell(widths["qty"] + widths["unit"], 5, quantity_label, border="LTR", align="C")
            elif key == "pu":
                pdf.cell(widths["pu"] + widths["total"], 5, price_label, border="LTR", align="C")
            elif key in ("designation", "obs"):
                pdf.cell(widths[key], 5, dict(spans)[key], border="LTR", align="C")
        pdf.ln(5)
        pdf.set_font("DejaVu", "B", 7)
        for key in order:
            pdf.cell(widths[key], 5, subs[key], border="LBR", align="C")
        pdf.ln(5)

    def room_for(height: float) -> None:
        if pdf.get_y() + height > 272:
            pdf.add_page()
            _text(pdf, f"Devis n° {quote.number} (suite)", 8)
            header()

    header()
    for line in quote.lines:
        pdf.set_font("DejaVu", "", 8)
        chunks = pdf.multi_cell(widths["designation"] - 2, 4.5, line.designation, dry_run=True, output="LINES")
        pdf.set_font("DejaVu", "I", 7)
        note = rng.choice(_OBSERVATIONS) if rng.random() < 0.6 else ""
        notes = pdf.multi_cell(widths["obs"] - 2, 4.5, note, dry_run=True, output="LINES") if note else []
        figures = {
            "qty": style.quantity(line.quantity),
            "unit": style.unit(line.unit),
            "pu": style.amount(line.unit_price),
            "total": style.amount(line.total),
        }
        for index in range(max(len(chunks), len(notes))):
            room_for(4.5)
            for key in order:
                if key == "designation":
                    pdf.set_font("DejaVu", "", 8)
                    text = chunks[index] if index < len(chunks) else ""
                elif key == "obs":
                    pdf.set_font("DejaVu", "I", 7)
                    text = notes[index] if index < len(notes) else ""
                else:
                    pdf.set_font("DejaVu", "", 8)
                    text = figures[key] if index == 0 else ""
                pdf.cell(widths[key], 4.5, text, border="LR", align="R" if key in figures else "L")
            pdf.ln(4.5)
    pdf.set_auto_page_break(True, margin=18)
    room_for(20)
    _totals(pdf, quote, style)


_REFERENCE_PREFIXES = ["ART", "P", "REF-", "OUV"]


def _reordered(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    """A table over pages: the first under « Désignation | Qté | U | P.U. HT | Montant HT », the
    next under another program's header whose columns come in another order (a reference code,
    the quantity and unit before the wording, the amount before the unit price); « À reporter »
    at a page's foot and « Report » at the next page's head carry the running total."""
    pdf.set_auto_page_break(False)
    first = ["designation", "qty", "unit", "pu", "total"]
    second = rng.choice(
        [
            ["ref", "qty", "unit", "designation", "total", "pu"],
            ["ref", "designation", "total", "qty", "unit", "pu"],
            ["qty", "unit", "designation", "pu", "total"],
        ]
    )
    widths = {"designation": 113.0, "qty": 13.0, "unit": 10.0, "pu": 20.0, "total": 22.0, "ref": 14.0}
    second_widths = {**widths, "designation": 113.0 - (widths["ref"] if "ref" in second else 0)}
    names = {
        **_COLUMNS,
        "ref": "Réf.",
        "unit": rng.choice(["U", "Unité"]),
        "total": rng.choice(["Montant HT", "Total HT"]),
    }
    carry_labels = rng.choice(
        [("À reporter", "Report"), ("Total à reporter", "Report page précédente"), ("A reporter", "Reporté")]
    )
    per_page = rng.randint(4, 7)
    prefix = rng.choice(_REFERENCE_PREFIXES)
    order, current = first, widths
    running = Decimal(0)
    for index, line in enumerate(quote.lines):
        if index == 0:
            _column_header(pdf, order, current, names)
        elif index % per_page == 0:
            pdf.set_font("DejaVu", "B", 8)
            cells = {key: "" for key in order} | {"designation": carry_labels[0], "total": style.amount(running)}
            _row(pdf, order, current, [cells[key] for key in order], 6, 1)
            pdf.add_page()
            _text(pdf, f"Devis n° {quote.number} — suite du détail", 8)
            order, current = second, second_widths
            _column_header(pdf, order, current, names)
            pdf.set_font("DejaVu", "B", 8)
            cells = {key: "" for key in order} | {"designation": carry_labels[1], "total": style.amount(running)}
            _row(pdf, order, current, [cells[key] for key in order], 6, 1)
        pdf.set_font("DejaVu", "", 8)
        cells = {
            "ref": f"{prefix}{rng.randint(100, 999)}",
            "designation": _fit(pdf, line.designation, current["designation"]),
            "qty": style.quantity(line.quantity),
            "unit": style.unit(line.unit),
            "pu": style.amount(line.unit_price),
            "total": style.amount(line.total),
        }
        _row(pdf, order, current, [cells[key] for key in order], 6, 1)
        running += line.total
    pdf.set_auto_page_break(True, margin=18)
    _totals(pdf, quote, style)


_PRICE_PHRASES = {
    "m2": ["le m²", "le m2", "du m²", "/m²"],
    "ml": ["le ml", "le mètre linéaire", "/ml"],
    "u": ["l'unité", "pièce", "/u"],
    "h": ["de l'heure", "l'heure", "/h"],
    "j": ["par jour", "le jour", "/j"],
}


def _price_phrase(line: Line, style: Style, rng: random.Random, habit: int) -> str:
    """A wording's own price, as a word-processor table without a unit-price column writes it."""
    price = style.amount(line.unit_price)
    if not price.endswith(("€", "EUR")):
        price += " €"
    per = rng.choice(_PRICE_PHRASES[line.unit])
    per = per if per.startswith("/") else f" {per}"
    return [
        f"à {price}{per}",
        f"({price} HT{per})",
        f"– prix unitaire {price} HT",
    ][habit]


def _priced_wording(pdf: FPDF, quote: UnseenQuote, style: Style, rng: random.Random) -> None:
    """« Désignation | Qté | U | Montant HT », no unit-price column: each measured wording says its
    price (« … à 24,50 € le m² »), a lump sum says none; a long wording wraps, its price phrase
    sometimes on the wrapped row."""
    order = ["designation", "qty", "unit", "total"]
    widths = {"designation": 112.0, "qty": 18.0, "unit": 16.0, "total": 32.0}
    names = {**_COLUMNS, "designation": rng.choice(["Désignation", "Désignation des travaux", "Nature des travaux"])}
    habit = rng.randint(0, 2)
    _column_header(pdf, order, widths, names)
    for line in quote.lines:
        pdf.set_font("DejaVu", "", 8)
        wording = line.designation
        if line.unit not in ("forfait", "ens"):
            wording = f"{wording} {_price_phrase(line, style, rng, habit)}"
        chunks = pdf.multi_cell(widths["designation"] - 2, 5, wording, dry_run=True, output="LINES")
        for index, chunk in enumerate(chunks):
            figures = [style.quantity(line.quantity), style.unit(line.unit), style.amount(line.total)]
            _row(pdf, order, widths, [chunk, *figures] if index == 0 else [chunk, "", "", ""], 5, "LR")
    _row(pdf, order, widths, ["", "", "", ""], 0.1, "T")
    _totals(pdf, quote, style)


_RENDER = {
    "letter": _letter,
    "swapped": _swapped,
    "leaders": _leaders,
    "carried": _carried,
    "options": _options,
    "discount": _discount,
    "prose": _prose,
    "mixed_vat": _mixed_vat,
    "wrapped": _wrapped,
    "blocks": _blocks,
    "ouvrage": _ouvrage,
    "amount_first": _amount_first,
    "no_vat": _no_vat,
    "recap": _recap,
    "metre": _metre,
    "remarks": _remarks,
    "observations": _observations,
    "reordered": _reordered,
    "priced_wording": _priced_wording,
}


def build(family: str, seed: int) -> UnseenQuote:
    rng = random.Random(f"{family}-{seed}")
    count = 14 if family == "carried" else 12 if family in ("wrapped", "ouvrage") else rng.randint(3, 6)
    if family in ("remarks", "observations"):
        count = rng.randint(6, 14)  # one page or two
    if family == "reordered":
        count = rng.randint(8, 14)  # two pages or three
    if family == "recap":
        count = rng.randint(5, 7)  # three lots
    if family == "blocks" and rng.random() < 0.4:
        count = 14  # over two pages
    if family == "ouvrage" and rng.random() < 0.4:
        count = 5  # one page: the totals under the lines' column
    lines = _lines(rng, count)
    quote = drawn_quote(family, seed, rng, lines)
    if family == "no_vat":
        quote.vat_rate = Decimal(0)
    if family == "metre":
        for line in lines:
            takeoff = _takeoff(rng, line.unit) if line.unit == "m2" else []
            if takeoff:
                line.quantity = sum((result for *_, result in takeoff), Decimal(0))
            quote.takeoffs.append(takeoff)
    if family == "amount_first" and rng.random() < 0.4:
        quote.deposit_pct = 30
    if family == "options":
        quote.options = _lines(random.Random(seed + 1), 1)
        quote.deposit_pct = rng.choice([30, 40])
    if family == "prose" and rng.random() < 0.5:
        for line in lines:  # a writer of whole euros
            line.unit_price = line.unit_price.quantize(Decimal(1), ROUND_HALF_UP)
    if family == "mixed_vat":
        rates = rng.sample([Decimal("5.5"), Decimal(10), Decimal(20)], 2)
        for index, line in enumerate(lines):
            line.vat_rate = rates[index % 2] if index < 2 else rng.choice(rates)
    if family in ("wrapped", "blocks", "remarks", "observations", "priced_wording"):
        for line in lines:
            if rng.random() < 0.7:
                line.designation = f"{line.designation}, {rng.choice(_DETAILS)}"
    if family == "discount":
        for line in rng.sample(lines, 2):
            line.discount_pct = Decimal(rng.choice([5, 10, 15]))
        if rng.random() < 0.6:
            gross = sum((line.total for line in lines), Decimal(0))
            quote.global_discount = (gross * Decimal("0.05")).quantize(CENT, ROUND_HALF_UP)
    style = Style(rng, whole_euros=family == "prose" and all(x.unit_price == x.unit_price.to_integral() for x in lines))
    pdf = _pdf()
    pdf.add_page()
    _letterhead(pdf, quote, rng)
    _RENDER[family](pdf, quote, style, rng)
    _sign_off(pdf)
    quote.pdf = bytes(pdf.output())
    return quote
