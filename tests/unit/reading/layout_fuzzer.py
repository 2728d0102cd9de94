"""A layout fuzzer: quotes whose conventions are drawn independently, printed by fpdf2, with the
truth the reader must recover from them.

Each seed draws, apart from one another, the conventions French quotes use: the table's columns
(with or without a reference, unit, discount or VAT-rate column; the amount first or last; the
unit before or after the quantity), the header's words (the reader's table-header vocabulary,
capitalised as printed), the number format (``1 234,56`` with a space, a no-break or a narrow
no-break space, ``1.234,56``, ``1234.56``; ``€``, ``EUR`` or none), every spelling of the units,
designations wrapped on one to three rows with the figures on the first or the last, sections
under headings with or without subtotals, page breaks with carried totals, a line's own discount,
a global discount, one or several VAT rates, the seller's block on the left, on the right, on
top or only in the footer's legal line (the customer, sometimes a company with a SIRET, opposite),
and the type size. ``misreadings`` names what a reading got wrong: every line (quantity, unit,
unit price charged, total), the total HT and TTC, the seller's SIRET and the document's number.

Used by ``tests/unit/reading/test_reading_fuzz.py`` (a fixed sample) and
``bench/bench_reader_fuzz.py`` (hundreds of seeds, failures counted by convention).
"""

from __future__ import annotations

import io
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from fpdf import FPDF
from unseen_layouts import CENT, FONT_DIR, UNIT_CODES, Line, Style, UnseenQuote, _lines, _luhn_siret, _pdf

from billma_core.models import DocumentReading, Flag, QuoteLine
from billma_core.money import net_price
from billma_core.reading.vocabulary import VOCABULARY_FILE

_PAGE_BOTTOM = 262.0
_DETAILS = [
    "fourniture et main d'œuvre comprises",
    "selon les DTU en vigueur",
    "y compris préparation du support et protection",
    "compris nettoyage et évacuation des gravats",
]
_BREAKDOWNS = [
    ("dont fournitures", "dont main d'œuvre"),
    ("Total fournitures", "Total main d'œuvre"),
    ("Matériaux", "Main-d'oeuvre"),
    ("Dont main d'oeuvre",),
]
_SENTENCES = [
    "Ponçage, rebouchage et deux couches de finition.",
    "Dépose soignée, tri et évacuation des déchets en centre agréé.",
    "Appareillage conforme, raccordement et essai de fonctionnement.",
    "Protection des sols et des menuiseries, nettoyage en fin d'intervention.",
    "Fourniture et pose, coupes et joints compris.",
]
# A unit price with its unit, the grid printing no unit column (price guides and estimating tools).
_PER_UNIT = ["{a}{c}/{u}", "{a}{c} / {u}", "{a}{c} le {u}", "{a}{c} HT / {u}", "{a}{c} par {u}"]
_PRICE_UNITS = {
    "m2": ("m²", "m2"),
    "ml": ("ml",),
    "u": ("u", "unité", "pièce"),
    "forfait": ("forfait",),
    "ens": ("ens",),
    "h": ("h", "heure"),
    "j": ("jour",),
}
# Per-line VAT codes and how a legend names them (accounting and trade software).
_VAT_CODES = {"T": ("T1", "T2", "T3"), "digit": ("1", "2", "3"), "letter": ("A", "B", "C")}
_DURATIONS = [Decimal("1.5"), Decimal("2.5"), Decimal("0.75"), Decimal("1.25"), Decimal("3.5"), Decimal("2.25")]
_TERMS = [
    "Acompte de 30 % à la commande, solde à la fin.",
    "Pénalités de retard : 3 fois le taux légal, 40 €.",
    "Assurance décennale n° 4601788, SMABTP Paris.",
    "Devis valable 3 mois, intervention sous 15 jours.",
    "IBAN FR76 3000 4000 0500 0012 3456 789",
]
# Numbered letters: a paragraph's number, the sentence that carries quantity and unit price, the
# amount after dot leaders ("1.1 – Pose de plinthes. Soit 12,40 ml au prix unitaire de 14,00 € HT.").
_NUMBERINGS = ["{s}.{i} –", "{s}.{i}", "{s}.{i}.", "{a})"]
_PRICE_PHRASES = [
    "Soit {q} {u} au prix unitaire de {p} HT.",
    "{q} {u} à {p} HT le {u}.",
    "Quantité : {q} {u} × {p} HT.",
]
_DIMENSIONS = ["hauteur 1.20 m", "ép. 13 mm", "60x60 cm", "2.5 par 1.20 m", "largeur 0,90 m", "Ø 16 mm"]
_SECTION_NAMES = ["Salon", "Cuisine", "Chambre 1", "Salle de bain", "Préparation", "Peinture", "Électricité"]
_SELLERS = ["Rénovation Martin", "Peintures Dubois", "Bâtiment Leroy & Fils", "Multiservices Garnier"]
_CUSTOMERS = ["M. Jean Petit", "Mme Claire Roux", "SCI Les Tilleuls", "Syndic Horizon Gestion"]
_NUMBER_LABELS = ["Devis n° {}", "DEVIS N° : {}", "Numéro de devis : {}", "Devis {}", "Devis N°{}"]
# The document's own title, when it is an invoice ("{k}": the statement's rank), a reference to
# another document beside it, a sentence naming the other kind, and deductions after the total.
_INVOICE_TITLES = [
    "Facture n° {}",
    "FACTURE N° : {}",
    "Facture {}",
    "Facture de situation n° {k} – Facture n° {}",
    "DÉCOMPTE GÉNÉRAL ET DÉFINITIF – Facture n° {}",
    "Situation n° {k} - Facture n° {}",
]
_REFERENCES = {
    "invoice": ["Suivant devis n° {}", "Marché : devis n° {} accepté le 03/02/2025", "Selon votre devis n° {}"],
    "quote": ["Annule et remplace le devis n° {}", "Suite à la facture n° {} du précédent chantier"],
}
_OTHER_KIND_SENTENCES = {
    "invoice": ["Devis accepté et signé par le client le 03/02/2025.", "Devis n° {} accepté le 12/01/2025."],
    "quote": ["Facture établie à la fin des travaux, payable sous 30 jours.", "Facture payable à réception."],
}
_DEDUCTIONS = [
    ("Acompte versé le 12/03/2025",),
    ("À déduire : acompte et situations antérieures TTC",),
    ("Acompte versé", "Déjà réglé"),
]
_DUE_LABELS = ["Net à payer TTC", "Net à payer", "Reste à payer", "Reste dû TTC"]
_HT_LABELS = ["Total HT", "Montant HT", "Total H.T.", "Total hors taxes"]
_TTC_LABELS = ["Total TTC", "Montant TTC", "Net à payer TTC", "Total T.T.C."]


@dataclass
class Conventions:
    """What a seed drew, one entry per convention (the bench counts failures by them)."""

    columns: list[str]
    header: dict[str, str]
    style: Style
    wrap_rows: int  # 1: short designations; 2 or 3: designations lengthened by details, wrapped as they need
    figures_last_row: bool
    sections: bool
    subtotals: bool
    line_discounts: bool
    global_discount: bool
    several_rates: bool
    seller: str  # left, right, top, footer
    customer_siret: bool
    font_size: float
    count: int
    amount_first_totals: bool = False  # "1 234,56 €   Total HT"
    vat_recap: bool = False  # a table "Taux  Base HT  TVA" and a "Total TVA" row, not "TVA 10 %" rows
    two_row_header: bool = False  # "Prix" over "unitaire HT"
    three_decimals: bool = False  # quantities as spreadsheets print them ("12,500")
    heading_totals: bool = False  # a section's heading carries its total ("SALLE DE BAIN ..... 675,00")
    breakdown: tuple[str, ...] = ()  # rows splitting the total HT before the totals ("dont fournitures")
    quantity_unit: str = "after"  # no unit column: "12,5 m²", glued "12,5m²", "before" "m² 12,5", "bare counts" "3"
    centred: bool = False  # each wording a title and sentences, the figures against its middle row
    reference_in_wording: bool = False  # a standard's number inside the wording ("selon le DTU 25.41")
    invoice: bool = False  # titled as an invoice (a progress statement among them), else a quote
    title: str = ""  # the title's shape, "{}" the number (empty: a quote's, drawn as before)
    reference: str = ""  # a row naming another document's number ("Suivant devis n° {}")
    reference_first: bool = False  # … printed above the title
    other_kind_sentence: str = ""  # a sentence above the title opening with the other kind's word
    deductions: tuple[str, ...] = ()  # rows taken off the total TTC, then the sum still due
    progress: bool = False  # a progress statement's columns: the contract's amount, "100,00 %"
    unit_in_price: str = ""  # no unit column, the unit only in the price cell: "{a} €/{u}", "{a} € le {u}"…
    vat_codes: str = ""  # the VAT column holds codes ("T1", "1", "A") a legend under the table explains
    durations: bool = False  # hours written as a duration in the quantity cell ("2h30", "1 h 15")
    terms_beside_totals: bool = False  # small print with figures left of the totals (terms, insurance)
    priced_ttc: bool = False  # each line's unit price and amount printed TTC, the HT only in the totals
    totals_grid: bool = False  # the totals as a row of labels over a row of their values
    two_row_lines: bool = False  # no grid: the wording's row(s), then under it, small and indented, "q u x p € HT"
    price_in_words: bool = False  # each unit price also in words under the wording, the sum in words at the end
    phrased_header: bool = False  # the wording's label a phrase naming other columns ("… et prix en lettres")
    paragraphs: str = ""  # no table: numbered paragraphs ("{s}.{i} –"), figures in the sentence, amount after leaders
    lot_recap: bool = False  # a "Récapitulatif par lot" (each section's total) before the totals
    # The recap cut by a page break after its first rows (under a header "Lot  Montant HT  Part"
    # repeated on the next page, each lot's share beside its amount), its first lot of one line.
    recap_cut: bool = False
    unit_codes: bool = False  # each unit printed as its UN/ECE code ("MTK", "HUR"), quantities to three decimals
    dimensions: bool = False  # wordings ending in a dimension ("… hauteur 1.20 m", "ép. 13 mm")
    # A column of text beside the table at its own pitch: "band left" / "band right" down the page
    # (references, site, trades, terms), "notes left" / "notes right" beside the lines only.
    side_block: str = ""
    price_first: bool = False  # Dolibarr's order: "Désignation  TVA  P.U. HT  Qté  Unité  Réd.  Total HT"
    position: str = ""  # a first column numbering the lines: "rank" ("1", "2"…), "outline" ("1.1", "2.3")
    line_ttc: bool = False  # each line's amount TTC in a column after its amount HT
    # No amount HT per line: its VAT amount and its amount TTC instead (a spreadsheet template)…
    line_vat: bool = False
    column_totals: str = ""  # … under the lines, a row of each column's sum with this label ("TOTAUX")
    numbers: dict[int, str] = field(default_factory=dict)  # each line's number in the position column
    # What a row prints after its last figure: a VAT code ("code letter"), a footnote mark
    # ("asterisk", "footnote"), a tax or currency word ("tax"), a checkbox, a page's code; in a
    # narrow column of its own or glued in the last cell ("273,40 A"); explained under the table or not.
    trailing_mark: str = ""
    mark_apart: bool = False
    mark_legend: bool = False
    leading_mark: str = ""  # a mark opening each wording ("•", "-", "□")
    legend: str = ""  # the row explaining the trailing marks, when there is one
    marks: dict[int, str] = field(default_factory=dict)  # each line's trailing mark ("" none)
    # The unit price split into its supply and its labour, each in a column of its own: "parts"
    # (no unit price printed: qty × (supply + labour) = amount), or "parts and sum" (the unit price after them).
    split_price: str = ""
    splits: dict[int, tuple[Decimal, Decimal]] = field(default_factory=dict)  # each line's (supply, labour)
    # Lines charged nothing among the others, a word in their amount cell ("Offert", "P.M."), with
    # their quantity and list unit price printed ("priced") or only their quantity.
    free_word: str = ""
    free_priced: bool = False
    free_lines: set[int] = field(default_factory=set)  # the ids of the lines charged nothing
    # A price list: rows of services not ordered among the lines, printing their wording, unit and
    # unit price but no quantity nor amount; the ordered lines ticked ("X", "✓") or not.
    unordered: int = 0
    tick: str = ""
    unordered_lines: set[int] = field(default_factory=set)  # the ids of the rows not ordered
    # Rows printed like lines that the total does not count: "option" / "variant" rows priced in
    # full ("Option : … 3 u 120,00 360,00"), lines of a previous quote recalled ("Rappel devis
    # n° … : …"), or "subtotal": a row printing only the sum of the lines above it, no label.
    uncounted: str = ""
    uncounted_lines: set[int] = field(default_factory=set)  # the ids of the rows printed, not counted
    subtotal_after: set[int] = field(default_factory=set)  # the ids of the lines an unlabelled subtotal follows
    # A small grey row under each line's wording naming its group and how it is priced, as online
    # billing services print it ("Salon · au m²", "au m² – Salon"): the form of that row ("" none).
    group_detail: str = ""
    details: dict[int, str] = field(default_factory=dict)  # line id → its detail row as printed
    short_heading: bool = False  # a group's heading too short to read as a line ("WC   1 547,50")

    def names(self) -> dict[str, str]:
        grouping = {" ": "space", "\u00a0": "nbsp", "\u202f": "nnbsp", ".": "dot", "": "none"}
        return {
            "columns": " ".join(self.columns),
            "amount first": str(
                "total" in self.columns and self.columns.index("total") < self.columns.index("designation")
            ),
            "unit column": str("unit" in self.columns),
            "grouping": grouping[self.style.grouping],
            "mark": self.style.mark,
            "currency": self.style.currency.strip() or "none",
            "wrap rows": str(self.wrap_rows),
            "figures on last row": str(self.figures_last_row and self.wrap_rows > 1),
            "sections": str(self.sections),
            "subtotals": str(self.subtotals),
            "line discounts": str(self.line_discounts),
            "global discount": str(self.global_discount),
            "several VAT rates": str(self.several_rates),
            "seller": self.seller,
            "customer SIRET": str(self.customer_siret),
            "font size": str(self.font_size),
            "lines": "≤ 6" if self.count <= 6 else "7–10" if self.count <= 10 else "> 10",
            "amount-first totals": str(self.amount_first_totals),
            "VAT recap table": str(self.vat_recap),
            "two-row header": str(self.two_row_header),
            "three decimals": str(self.three_decimals),
            "unit codes": str(self.unit_codes),
            "heading totals": str(self.heading_totals),
            "breakdown": " / ".join(self.breakdown) or "none",
            "quantity unit": self.quantity_unit if "unit" not in self.columns else "column",
            "centred wording": str(self.centred),
            "reference in wording": str(self.reference_in_wording),
            "kind": "invoice" if self.invoice else "quote",
            "title": self.title.split(" ")[0] if self.title else "quote's",
            "reference": ("above" if self.reference_first else "below") if self.reference else "none",
            "other kind's sentence": str(bool(self.other_kind_sentence)),
            "deductions": " / ".join(self.deductions) or "none",
            "progress columns": str(self.progress),
            "unit in price": self.unit_in_price or "none",
            "VAT codes": self.vat_codes or "none",
            "durations": str(self.durations),
            "terms beside totals": str(self.terms_beside_totals),
            "priced TTC": str(self.priced_ttc),
            "totals grid": str(self.totals_grid),
            "two-row lines": str(self.two_row_lines),
            "price in words": str(self.price_in_words),
            "phrased header": str(self.phrased_header),
            "paragraphs": self.paragraphs or "none",
            "lot recap": str(self.lot_recap),
            "recap cut": str(self.recap_cut),
            "dimensions": str(self.dimensions),
            "side block": self.side_block or "none",
            "price first": str(self.price_first),
            "position column": self.position or "none",
            "line TTC column": str(self.line_ttc),
            "line VAT and TTC, no HT": str(self.line_vat),
            "column totals": self.column_totals or "none",
            "trailing mark": self.trailing_mark or "none",
            "trailing mark explained": str(self.mark_legend),
            "trailing mark apart": str(self.mark_apart),
            "leading mark": self.leading_mark or "none",
            "cents cell": str(len(self.style.cents_cell)) if self.style.cents_cell else "none",
            "split price": self.split_price or "none",
            "free lines": (self.free_word + (" priced" if self.free_priced else "")) if self.free_word else "none",
            "unordered rows": f"{self.unordered} {self.tick or 'no tick'}" if self.unordered else "none",
            "uncounted rows": self.uncounted or "none",
            "group detail row": self.group_detail or "none",
            "short heading": str(self.short_heading),
        }


@dataclass
class FuzzQuote:
    quote: UnseenQuote
    conventions: Conventions
    sections: list[tuple[str, list[Line]]] = field(default_factory=list)
    headings: list[tuple[str, list[Line]]] = field(default_factory=list)  # each section's heading as printed
    lines_top: float = 0.0  # where the lines start on the first page (mm from the top)

    @property
    def pdf(self) -> bytes:
        return self.quote.pdf


def _header_word(rng: random.Random, role: str) -> str:
    words = _HEADER_WORDS[role]
    word = rng.choice(words)
    word = word[0].upper() + word[1:]
    if role in ("pu", "total") and rng.random() < 0.6:
        word += rng.choice([" HT", " H.T.", " €", " (€)"])
    if role in ("vat", "discount") and "%" not in word and rng.random() < 0.5:
        word += " %"
    return word


def vocabulary_header() -> dict[str, list[str]]:
    """The header words a table may print, per column: the reader's vocabulary, no others."""
    table = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))["table_header"]
    return {
        "ref": ["Réf.", "Code", "N°", "Art."],
        "designation": table["designation"],
        "qty": table["qty"],
        "unit": table["unit"],
        "pu": table["pu"],
        "discount": table["discount"],
        "total": table["total"],
        "vat": table["tva"],
    }


_HEADER_WORDS = vocabulary_header()


def draw(seed: int) -> Conventions:
    rng = random.Random(f"fuzz-{seed}")
    several_rates = rng.random() < 0.25
    columns = ["designation", "qty", "pu", "total"]
    if rng.random() < 0.75:
        columns.insert(2 if rng.random() < 0.8 else 1, "unit")
    line_discounts = rng.random() < 0.25
    if line_discounts:
        columns.insert(columns.index("total"), "discount")
    if several_rates or rng.random() < 0.3:
        columns.append("vat") if rng.random() < 0.7 else columns.insert(columns.index("total"), "vat")
    if rng.random() < 0.35:
        columns.insert(0, "ref")
    if rng.random() < 0.15:  # the amounts before the designation ("Montant HT  Qté  U  PU  Désignation")
        figures = [c for c in columns if c not in ("ref", "designation")]
        columns = [c for c in columns if c == "ref"] + ["total", *[c for c in figures if c != "total"], "designation"]
    wrap_rows = rng.choice([1, 1, 2, 3])
    sections = rng.random() < 0.4
    more = random.Random(f"fuzz-more-{seed}")  # drawn apart, so that the earlier draws stay as they were
    groups = random.Random(f"fuzz-groups-{seed}")
    global_discount = not several_rates and rng.random() < 0.2
    heading_totals = groups.random() < 0.5  # with sections only, and then instead of subtotals
    cells = random.Random(f"fuzz-cells-{seed}")
    grid = random.Random(f"fuzz-grid-{seed}")  # drawn apart too: the earlier draws stay as they were
    conventions = Conventions(
        unit_in_price=grid.choice(_PER_UNIT) if "unit" not in columns and grid.random() < 0.35 else "",
        vat_codes=grid.choice(list(_VAT_CODES)) if "vat" in columns and grid.random() < 0.5 else "",
        durations=grid.random() < 0.3,
        terms_beside_totals=grid.random() < 0.3,
        quantity_unit=cells.choice(["after", "after", "glued", "before", "bare counts"]),
        centred=cells.random() < 0.2,
        reference_in_wording=cells.random() < 0.25,
        heading_totals=heading_totals,
        # A split of the total HT the lines make (a global discount among the totals comes after).
        breakdown=groups.choice(_BREAKDOWNS) if not global_discount and groups.random() < 0.25 else (),
        amount_first_totals=more.random() < 0.2,
        vat_recap=more.random() < 0.3,
        two_row_header=more.random() < 0.25,
        three_decimals=more.random() < 0.15,
        columns=columns,
        header={role: _header_word(rng, role) for role in columns},
        style=Style(rng),
        wrap_rows=wrap_rows,
        figures_last_row=rng.random() < 0.3,
        sections=sections,
        subtotals=sections and rng.random() < 0.6 and not heading_totals,
        line_discounts=line_discounts,
        global_discount=global_discount,
        several_rates=several_rates,
        seller=rng.choice(["left", "right", "top", "footer"]),
        customer_siret=rng.random() < 0.4,
        font_size=rng.choice([7.0, 7.5, 8.0, 9.0, 10.0]),
        count=rng.choice([3, 4, 5, 6, 8, 10, 12, 16]),
    )
    _draw_document(conventions, random.Random(f"fuzz-document-{seed}"))
    _draw_rows(conventions, random.Random(f"fuzz-rows-{seed}"))
    _draw_letter(conventions, random.Random(f"fuzz-letter-{seed}"))
    _draw_taxes(conventions, random.Random(f"fuzz-ttc-{seed}"))
    side = random.Random(f"fuzz-side-{seed}")  # drawn apart: the earlier draws stay as they were
    conventions.side_block = side.choice(_SIDE_BLOCKS) if side.random() < 0.3 else ""
    _draw_software(conventions, random.Random(f"fuzz-software-{seed}"))
    _draw_line_vat(conventions, random.Random(f"fuzz-line-vat-{seed}"))
    _draw_marks(conventions, random.Random(f"fuzz-marks-{seed}"))
    _draw_cents(conventions, random.Random(f"fuzz-cents-{seed}"))
    _draw_charges(conventions, random.Random(f"fuzz-charges-{seed}"))
    _draw_price_list(conventions, random.Random(f"fuzz-price-list-{seed}"))
    _draw_uncounted(conventions, random.Random(f"fuzz-uncounted-{seed}"))
    conventions.recap_cut = conventions.lot_recap and random.Random(f"fuzz-recap-cut-{seed}").random() < 0.5
    _draw_unit_codes(conventions, random.Random(f"fuzz-unit-codes-{seed}"))
    _draw_group_rows(conventions, random.Random(f"fuzz-group-rows-{seed}"))
    return conventions


def _draw_unit_codes(c: Conventions, rng: random.Random) -> None:
    """Units printed as an e-invoicing program prints them, drawn apart (older draws stay as
    they were): each unit as its code of UN/ECE Recommendation 20 (``unseen_layouts.UNIT_CODES``),
    quantities to three decimals, where the numbers take a decimal comma (a dot before three
    decimals groups thousands there)."""
    if rng.random() < 0.15 and c.style.mark == ",":
        c.unit_codes = c.three_decimals = True
        c.style.unit_codes = {unit: rng.choice(codes) for unit, codes in UNIT_CODES.items()}


# How a group's detail row joins the group's name and the unit phrase ({g}, {u}): by a sign, a
# comma, or words only; the unit phrase first or last.
_DETAIL_FORMS = ["{g} · {u}", "{g} – {u}", "{u} – {g}", "{g}, {u}", "{g} | {u}", "{g} {u}", "{u} · {g}"]
# How a price per unit is said (public price guides and billing services: « au m² », « à l'unité »).
_UNIT_PHRASES = {
    "m2": ["au m²", "le m²", "par m²", "au mètre carré"],
    "ml": ["au mètre", "au ml", "le mètre linéaire", "par ml"],
    "u": ["à l'unité", "l'unité", "par unité", "à la pièce"],
    "h": ["à l'heure", "de l'heure", "par heure"],
    "j": ["à la journée", "par jour"],
    "jour": ["à la journée", "par jour"],
    "forfait": ["forfait", "au forfait"],
    "ens": ["ensemble", "l'ensemble"],
}


def _draw_group_rows(c: Conventions, rng: random.Random) -> None:
    """Conventions of grouped lines, drawn apart (older draws stay as they were): a detail row
    under each wording naming its group and how it is priced, in a table printing one line a
    row; a group's heading carrying its total too short to read as a line."""
    plain = c.sections and not (c.paragraphs or c.two_row_lines or c.price_in_words or c.centred)
    c.group_detail = rng.choice(_DETAIL_FORMS) if plain and rng.random() < 0.5 else ""
    c.short_heading = c.sections and c.heading_totals and not c.paragraphs and rng.random() < 0.3


_SUPPLY_HEADERS = ["PU fourniture", "Fourniture", "P.U. fourn.", "Fournitures HT"]
_LABOUR_HEADERS = ["Main d'œuvre", "PU main d'oeuvre", "MO", "Pose", "P.U. pose"]
# What an amount cell says of a line charged nothing (a gesture, a line kept for the record: "pour mémoire").
_FREE_WORDS = ["Offert", "OFFERT", "Inclus", "Compris", "Gratuit", "P.M.", "Pour mémoire"]
_FREE_WORK = [
    ("Déplacement", "forfait", "45.00"),
    ("Bâchage et protection des accès", "forfait", "60.00"),
    ("Nettoyage et remise en état des lieux", "forfait", "80.00"),
    ("Étude technique et métré", "forfait", "120.00"),
    ("Évacuation des gravats", "u", "35.00"),
]
# Services a price list prints and the customer did not order (wording, unit, unit price).
_UNORDERED_WORK = [
    ("Recherche de fuite non destructive", "forfait", "190.00"),
    ("Journée de déshumidificateur sur site", "j", "31.50"),
    ("Main d'œuvre d'un ouvrier qualifié, à l'heure", "h", "40.50"),
    ("Reprise des joints de plaques à la bande", "m2", "14.50"),
    ("Déplacement d'un point lumineux", "u", "102.00"),
    ("Gouttière zinc remplacée", "ml", "48.00"),
    ("Ponçage et dépoussiérage des murs", "m2", "8.00"),
]


def _draw_charges(c: Conventions, rng: random.Random) -> None:
    """How a table charges its lines, drawn apart (older draws stay as they were): the unit price
    split into a supply column and a labour column (a trade tool's "PU fourniture | Main d'œuvre |
    Quantité | Montant", the amount the quantity times their sum), the unit price after them or
    not; and one or two lines charged nothing among the others, a word in their amount cell
    ("Offert", "Inclus", "P.M."), their list price printed or not (the lines still add up to the
    total HT). Only in a table with room for two more columns and no line discount (the split
    is of the price charged); free lines where no subtotal, carried sum or recap adds the lines."""
    table = not (c.paragraphs or c.two_row_lines or c.price_in_words or c.unit_in_price or c.priced_ttc)
    if table and "pu" in c.columns and not c.line_discounts and len(c.columns) <= 6 and rng.random() < 0.35:
        c.split_price = rng.choice(["parts", "parts and sum"])
        at = c.columns.index("pu")
        c.columns[at : at + 1] = ["supply", "labour"] if c.split_price == "parts" else ["supply", "labour", "pu"]
        c.header["supply"] = rng.choice(_SUPPLY_HEADERS)
        c.header["labour"] = rng.choice(_LABOUR_HEADERS)
    plain = not (c.sections or c.lot_recap or c.column_totals or c.progress)
    if table and plain and rng.random() < 0.3:
        c.free_word = rng.choice(_FREE_WORDS)
        c.free_priced = rng.random() < 0.5


_TICKS = ["X", "x", "✓", "☒"]


def _draw_price_list(c: Conventions, rng: random.Random) -> None:
    """A price list, drawn apart (older draws stay as they were): a few services not ordered
    printed among the lines with their unit and unit price only (a call-out firm's schedule,
    options not chosen), the ordered lines ticked or not; in a plain table whose every line
    prints its amount (no subtotal, recap, free line or price split), with a unit column (a row
    printing a lone figure and no unit reads as a lump sum or a heading's total)."""
    table = not (c.paragraphs or c.two_row_lines or c.price_in_words or c.unit_in_price or c.priced_ttc)
    plain = not (c.sections or c.lot_recap or c.column_totals or c.progress or c.free_word or c.split_price)
    priced = all(role in c.columns for role in ("unit", "pu", "total"))
    if table and plain and priced and rng.random() < 0.25:
        c.unordered = rng.choice([1, 2, 3, 5])
        c.tick = rng.choice(["", *_TICKS])


# What opens a row the total does not count, by kind (the reader's optional words, a recall).
_UNCOUNTED_WORDS = {
    "option": ["Option : ", "En option : ", "Option non retenue : ", "OPTION – ", "Optionnel : "],
    "variant": ["Variante : ", "Variante 2 : ", "En variante, ", "VARIANTE – "],
    "rappel": ["Rappel devis n° {} : ", "Rappel : ", "Pour rappel, devis n° {} : "],
}


def _draw_uncounted(c: Conventions, rng: random.Random) -> None:
    """Rows printed like lines that the total does not count, drawn apart (older draws stay as
    they were): options or variants priced in full, lines of a previous quote recalled, or
    subtotals printed without a label; in a plain table printing each line's unit and amount (no
    section, recap, column totals, breakdown, free line, price split nor price list rows)."""
    table = not (c.paragraphs or c.two_row_lines or c.price_in_words or c.unit_in_price or c.priced_ttc)
    plain = not (
        c.sections or c.lot_recap or c.column_totals or c.progress or c.free_word or c.split_price or c.unordered
    )
    priced = all(role in c.columns for role in ("unit", "pu", "total")) and not c.line_vat
    if table and plain and priced and not c.breakdown and rng.random() < 0.25:
        c.uncounted = rng.choice(["option", "variant", "rappel", "subtotal"])


def _draw_cents(c: Conventions, rng: random.Random) -> None:
    """Money columns ruled "€ | c", drawn apart (older draws stay as they were): every amount of
    the grid and the totals printed as its euros, then its two cent digits a gap after them, no
    decimal mark and no currency (a pre-printed form filled in by a program; a ledger's columns).
    Only in a table: a sentence or a row of its own prints its amount with its comma."""
    if c.paragraphs or c.two_row_lines or c.unit_in_price or rng.random() >= 0.15:
        return
    c.style.cents_cell = rng.choice([" ", "  ", "   ", "    "])
    c.style.currency = ""


_TRAILING_MARKS = ["code T", "code digit", "code letter", "asterisk", "footnote", "tax", "checkbox", "page code"]
_LEADING_MARKS = ["•", "-", "□"]
_FOOTNOTES = ["(1)", "¹", "(a)"]
_MARK_LEGENDS = {
    "asterisk": "* Travaux ouvrant droit au taux réduit, attestation à fournir.",
    "footnote": "{} Fourniture seule, pose en option.",
}


def _draw_marks(c: Conventions, rng: random.Random) -> None:
    """Marks around a line's figures and wording, drawn apart (older draws stay as they were):
    whatever a row prints after its last figure (a VAT code with or without its legend, an
    asterisk or a footnote's mark, "HT", "€ TTC", "EUR", a checkbox, a page's code), and a bullet,
    a dash or a box before the wording. Only where the figures close the row (amount last)."""
    figures_last = c.columns[-1] != "designation"
    if not c.paragraphs and figures_last and rng.random() < 0.4:
        c.trailing_mark = rng.choice([m for m in _TRAILING_MARKS if not (c.vat_codes and m.startswith("code"))])
        c.mark_apart = not c.two_row_lines and rng.random() < 0.5
        c.mark_legend = (c.trailing_mark.startswith("code") or c.trailing_mark in _MARK_LEGENDS) and rng.random() < 0.5
    if not c.paragraphs and rng.random() < 0.25:
        c.leading_mark = rng.choice(_LEADING_MARKS)


def _code_style(c: Conventions) -> str:
    """How the document codes its VAT rates: a VAT column of codes, or codes after the figures."""
    return c.vat_codes or (c.trailing_mark.split()[-1] if c.trailing_mark.startswith("code") else "")


def _draw_line_marks(c: Conventions, lines: list[Line], vat_rate: Decimal, rng: random.Random) -> None:
    """Each line's trailing mark: a code for its rate, a footnote's mark on some lines, the same
    word on every line, a box ticked or not, a page's code."""
    kind = c.trailing_mark
    footnote = rng.choice(_FOOTNOTES)
    tax = "TTC" if c.priced_ttc or c.columns[-1] == "total_ttc" else "HT"
    word = rng.choice([tax, "EUR", f"€ {tax}"]) if not c.style.currency else tax
    for line in lines:
        if kind.startswith("code"):
            mark = _vat_code(c, line.vat_rate or vat_rate)
        elif kind in ("asterisk", "footnote"):
            mark = ("*" if kind == "asterisk" else footnote) if rng.random() < 0.5 else ""
        elif kind == "tax":
            mark = word
        elif kind == "checkbox":
            mark = rng.choice(["☐", "☑"])
        else:
            mark = f"{rng.choice('PLF')}{rng.randint(1, 3)}"
        c.marks[id(line)] = mark
    c.mark_legend = c.mark_legend and any(c.marks.values())
    if c.mark_legend and kind.startswith("code"):
        c.legend = "Codes TVA : " + ", ".join(f"{_vat_code(c, r)} = {r:g} %".replace(".", ",") for r in sorted(_RATES))
    elif c.mark_legend:
        c.legend = _MARK_LEGENDS[kind].format(footnote)


def _mark_legend_row(pdf: FPDF, c: Conventions, row: float) -> None:
    """The legend under the table that explains the marks after the figures."""
    if c.mark_legend:
        pdf.ln(row * 0.5)
        pdf.cell(0, row, c.legend, new_x="LMARGIN", new_y="NEXT")


_POSITION_HEADERS = ["#", "N°", "Pos.", "Poste"]
_LINE_TTC_HEADERS = ["Total TTC", "Montant TTC", "TTC"]


def _draw_software(c: Conventions, rng: random.Random) -> None:
    """Conventions of invoicing software, drawn apart (older draws stay as they were), after
    Dolibarr's PDF models (pdf_sponge, pdf_crabe, pdf_cyan): the VAT rate and the unit price
    before the quantity; a first column numbering the lines (its "#" position column, a trade
    tool's outline "1.1", "1.2"); each line's amount TTC after its amount HT (ultimatepdf's
    "Total TTC" per line)."""
    table = not (c.paragraphs or c.two_row_lines)
    amount_last = c.columns.index("total") > c.columns.index("designation")
    if table and amount_last and rng.random() < 0.25:
        c.price_first = True
        order = ["ref", "designation", "vat", "pu", "qty", "unit", "contract", "progress", "discount", "total"]
        c.columns = sorted(c.columns, key=order.index)
    # One more column where the wording keeps room on the page (a squeezed one is illegible on paper too).
    if table and rng.random() < 0.35 and len(c.columns) <= 6:
        c.position = rng.choice(["rank", "outline"])
        c.columns.insert(0, "position")
        c.header["position"] = rng.choice(_POSITION_HEADERS)
    if table and amount_last and not c.priced_ttc and rng.random() < 0.3 and len(c.columns) <= 6:
        c.line_ttc = True
        c.columns.insert(c.columns.index("total") + 1, "total_ttc")
        c.header["total_ttc"] = rng.choice(_LINE_TTC_HEADERS)


_VAT_AMOUNT_HEADERS = ["Montant TVA", "TVA", "Mt TVA", "Montant T.V.A."]
_COLUMN_TOTALS = ["TOTAUX", "Totaux", "Total", "TOTAL"]


def _draw_line_vat(c: Conventions, rng: random.Random) -> None:
    """A spreadsheet quote template (after frtips.com's Excel model: per line the volume, the unit
    price HT, the VAT amount and the amount TTC), drawn apart (older draws stay as they were) on
    the seeds whose grid has no other figures (no discount, group, progress, TTC-priced or coded
    figures): no amount HT per line, its VAT amount and TTC instead, in either order, the rate's
    column perhaps, and perhaps a row of column totals under the lines (the quantities of every
    unit added up too)."""
    table = not (c.paragraphs or c.two_row_lines or c.price_in_words or c.priced_ttc or c.line_ttc)
    plain = not (c.line_discounts or c.global_discount or c.sections or c.breakdown or c.progress or c.lot_recap)
    amount_last = c.columns.index("total") > c.columns.index("designation")
    if not (table and plain and amount_last) or c.unit_in_price or c.vat_codes or rng.random() >= 0.6:
        return
    c.line_vat = True
    rate = ["vat"] if "vat" in c.columns or rng.random() < 0.6 else []
    tail = [*rate, "vat_amount", "total_ttc"]
    if rng.random() < 0.3:
        tail.reverse()
    c.columns = [role for role in c.columns if role not in ("total", "vat")] + tail
    c.header.setdefault("vat", _header_word(rng, "vat"))
    c.header["vat_amount"] = rng.choice(_VAT_AMOUNT_HEADERS)
    c.header["total_ttc"] = rng.choice(_LINE_TTC_HEADERS)
    c.column_totals = rng.choice(_COLUMN_TOTALS) if rng.random() < 0.6 else ""


_PHRASED_HEADERS = ["Désignation et prix unitaires en lettres", "Désignation et prix en lettres"]


def _draw_rows(c: Conventions, rows: random.Random) -> None:
    """How a line's rows stand, drawn apart (older draws stay as they were): two-row lines without
    a grid, or unit prices also written in words under the wording (then the sum too, and the
    wording's header label perhaps a phrase naming the price column)."""
    if rows.random() < 0.15 and not c.progress:
        c.two_row_lines = True
        c.columns = ["designation", "total"]
        c.header = {role: c.header.get(role) or _header_word(rows, role) for role in c.columns}
        c.line_discounts, c.unit_in_price, c.vat_codes, c.centred, c.two_row_header = False, "", "", False, False
    elif "pu" in c.columns and not c.unit_in_price and rows.random() < 0.2:
        c.price_in_words = True
        if rows.random() < 0.6:
            c.phrased_header, c.two_row_header = True, False
            c.header["designation"] = rows.choice(_PHRASED_HEADERS)


def _draw_taxes(c: Conventions, rng: random.Random) -> None:
    """Lines priced TTC (a tool for private customers: "P.U. TTC", "Montant TTC", or no mark at
    all), on a table whose amounts are lines only (no discount, group or progress figures), and
    the totals printed as a grid, drawn apart (older draws stay as they were)."""
    plain = not (c.line_discounts or c.global_discount or c.sections or c.breakdown or c.progress or c.unit_in_price)
    plain = plain and not (c.two_row_lines or c.price_in_words or c.paragraphs or c.lot_recap)  # figures HT
    c.priced_ttc = plain and rng.random() < 0.3
    if c.priced_ttc:
        for role in ("pu", "total"):
            word = rng.choice(_HEADER_WORDS[role])
            c.header[role] = word[0].upper() + word[1:] + rng.choice([" TTC", " T.T.C.", " TTC", ""])
    c.totals_grid = rng.random() < 0.25 and all(len(label) <= 24 for label in c.deductions)  # cells side by side


def _draw_letter(c: Conventions, letter: random.Random) -> None:
    """Conventions of letters and exports, drawn apart (older draws stay as they were): numbered
    paragraphs instead of a table (then no per-line discount or VAT, no subtotal), a
    recap by lot before the totals, wordings ending in a dimension."""
    c.dimensions = letter.random() < 0.25
    plain = not (c.several_rates or c.line_discounts or c.vat_codes or c.progress)
    plain = plain and not (c.two_row_lines or c.price_in_words)  # rows of a table's kind
    if plain and letter.random() < 0.4:
        c.paragraphs = letter.choice(_NUMBERINGS)
        c.subtotals = c.heading_totals = False
        c.breakdown = ()
    c.lot_recap = c.sections and letter.random() < 0.5


def _draw_document(c: Conventions, doc: random.Random) -> None:
    """The document-level conventions, drawn apart (older draws stay as they were): its kind and
    title, another document's number beside it, a sentence naming the other kind, deductions
    after an invoice's total, a progress statement's columns."""
    c.invoice = doc.random() < 0.4
    kind = "invoice" if c.invoice else "quote"
    c.title = doc.choice(_INVOICE_TITLES) if c.invoice else ""
    if doc.random() < 0.4:
        c.reference = doc.choice(_REFERENCES[kind])
        c.reference_first = doc.random() < 0.5
    if doc.random() < 0.25:
        c.other_kind_sentence = doc.choice(_OTHER_KIND_SENTENCES[kind])
    if c.invoice and doc.random() < 0.5:
        c.deductions = doc.choice(_DEDUCTIONS)
    amount_last = c.columns.index("total") > c.columns.index("designation")
    # Two more columns where the wording keeps room on the page (a squeezed one is illegible on paper too).
    room = len(c.columns) <= 6 and c.font_size <= 9
    if c.invoice and amount_last and doc.random() < 0.4 and room:
        c.progress = True
        at = c.columns.index("total")
        c.columns[at:at] = ["contract", "progress"]
        c.header["contract"] = doc.choice(["Marché HT", "Montant marché"])
        c.header["progress"] = doc.choice(["Avanc.", "Avancement", "% avanc."])


def build_fuzz(seed: int) -> FuzzQuote:
    conventions = draw(seed)
    rng = random.Random(f"fuzz-lines-{seed}")
    lines = _lines(rng, min(conventions.count, 16))
    cells = random.Random(f"fuzz-cell-lines-{seed}")
    dimensions = random.Random(f"fuzz-dimensions-{seed}")
    for line in lines:
        if conventions.wrap_rows > 1 and rng.random() < 0.7:
            line.designation = f"{line.designation}, {rng.choice(_DETAILS)}"
        if conventions.dimensions and dimensions.random() < 0.5:
            line.designation = f"{line.designation} {dimensions.choice(_DIMENSIONS)}"
        if conventions.centred:
            # "Plinthe en pin. Plinthes de 70 mm clouées-collées, coupes d'onglet." (a title, sentences)
            line.designation = f"{line.designation}. {cells.choice(_SENTENCES)}"
        if conventions.reference_in_wording and cells.random() < 0.5:
            standard = cells.choice(["DTU 25.41", "DTU 59.1", "NF C 15-100", "DTU 52.2"])
            line.designation = f"{line.designation} selon le {standard}" + ("." if conventions.centred else "")
        if conventions.line_discounts and rng.random() < 0.5:
            line.discount_pct = Decimal(rng.choice([5, 10, 15, 20]))
        if conventions.several_rates:
            line.vat_rate = rng.choice([Decimal("5.5"), Decimal(10), Decimal(20)])
        if conventions.durations and line.unit == "h":
            line.quantity = cells.choice(_DURATIONS)
    number = rng.choice(["DV-{}-{:04d}", "D{1:05d}", "{}{:04d}", "Q{}-{:03d}"]).format(
        rng.randint(2024, 2026), rng.randint(1, 999)
    )
    quote = UnseenQuote("fuzz", seed, number, _luhn_siret(rng), lines, rng.choice([Decimal(10), Decimal(20)]))
    if conventions.global_discount:
        gross = sum((line.total for line in lines), Decimal(0))
        quote.global_discount = (gross * Decimal(rng.choice([3, 5, 10])) / 100).quantize(CENT, ROUND_HALF_UP)
    fuzz = FuzzQuote(quote, conventions)
    charges = random.Random(f"fuzz-charge-lines-{seed}")
    printed = list(lines)  # the lines charged, and among them those charged nothing
    if conventions.free_word:
        for wording, unit, price in charges.sample(_FREE_WORK, charges.choice([1, 1, 2])):
            free = Line(wording, Decimal(1 if unit == "forfait" else charges.randint(1, 4)), unit, Decimal(price))
            conventions.free_lines.add(id(free))
            printed.insert(charges.randint(0, len(printed)), free)
    if conventions.unordered:
        listed = random.Random(f"fuzz-price-list-lines-{seed}")
        for wording, unit, price in listed.sample(_UNORDERED_WORK, conventions.unordered):
            row = Line(wording, Decimal(1), unit, Decimal(price))
            conventions.unordered_lines.add(id(row))
            printed.insert(listed.randint(0, len(printed)), row)
    if conventions.uncounted:
        _uncounted_rows(conventions, lines, printed, random.Random(f"fuzz-uncounted-lines-{seed}"))
    if conventions.split_price:
        for line in printed:
            supply = (line.unit_price * Decimal(charges.randint(25, 75)) / 100).quantize(CENT, ROUND_HALF_UP)
            conventions.splits[id(line)] = (supply, line.unit_price - supply)
    if conventions.trailing_mark:
        _draw_line_marks(conventions, lines, quote.vat_rate, random.Random(f"fuzz-line-marks-{seed}"))
    if conventions.sections:
        cut = sorted(rng.sample(range(1, len(lines)), min(2, len(lines) - 1)))
        bounds = [0, *cut, len(lines)]
        names = rng.sample(_SECTION_NAMES, len(bounds) - 1)
        if conventions.short_heading:
            names[random.Random(f"fuzz-group-lines-{seed}").randrange(len(names))] = "WC"
        if conventions.recap_cut and bounds[1] > 1:
            bounds[1] = 1  # a lot of one line: its recap row repeats that line's amount
        fuzz.sections = [(names[i], lines[bounds[i] : bounds[i + 1]]) for i in range(len(bounds) - 1)]
    else:
        fuzz.sections = [("", printed)]
    for section, (_, group) in enumerate(fuzz.sections, start=1):
        for index, line in enumerate(group, start=1):
            rank = len(conventions.numbers) + 1
            outline = conventions.position == "outline" and len(fuzz.sections) > 1
            conventions.numbers[id(line)] = f"{section}.{index}" if outline else str(rank)
    quote.pdf = _render(fuzz, rng)
    if conventions.side_block:
        quote.pdf = _beside(quote.pdf, fuzz, random.Random(f"fuzz-side-text-{seed}"))
    return fuzz


# --------------------------------------------------------------------------------- rendering


def _uncounted_rows(c: Conventions, lines: list[Line], printed: list[Line], rng: random.Random) -> None:
    """Print the rows the total does not count among ``printed``: one or two options, variants or
    recalled lines priced in full, anywhere; or an unlabelled subtotal after a run of two lines
    or more (and under the last line)."""
    if c.uncounted == "subtotal":
        last = -1  # the line the previous subtotal follows
        for end in range(1, len(lines)):
            if end - last >= 2 and (end == len(lines) - 1 or rng.random() < 0.3):
                c.subtotal_after.add(id(lines[end]))
                last = end
        return
    opening = rng.choice(_UNCOUNTED_WORDS[c.uncounted]).format(rng.randint(100, 999))
    for wording, unit, price in rng.sample(_UNORDERED_WORK, rng.choice([1, 1, 2])):
        quantity = Decimal(1) if unit == "forfait" else Decimal(rng.randint(2, 25))
        row = Line(opening + wording[0].lower() + wording[1:], quantity, unit, Decimal(price))
        c.uncounted_lines.add(id(row))
        printed.insert(rng.randint(0, len(printed)), row)


def _siret_text(siret: str, rng: random.Random) -> str:
    spaced = f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
    return rng.choice([f"SIRET : {siret}", f"SIRET {spaced}", f"N° SIRET : {spaced}", f"Siret {siret}"])


def _render(fuzz: FuzzQuote, rng: random.Random) -> bytes:
    c, quote = fuzz.conventions, fuzz.quote
    pdf = _pdf()
    pdf.set_auto_page_break(False)
    pdf.add_page()
    size = c.font_size
    pdf.set_font("DejaVu", "", size)
    seller_name = rng.choice(_SELLERS)
    seller = [
        seller_name + rng.choice([" SARL", " SAS", ""]),
        f"{rng.randint(1, 90)} rue des Artisans",
        f"{rng.choice(['33000 Bordeaux', '69003 Lyon', '44000 Nantes'])}",
        f"Tél. 05 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
    ]
    if c.seller != "footer":
        seller.append(_siret_text(quote.siret, rng))
    customer = [rng.choice(["Client :", "Destinataire :", "À l'attention de :"]), rng.choice(_CUSTOMERS)]
    customer += [f"{rng.randint(1, 90)} avenue de la Gare", "33700 Mérignac"]
    if c.customer_siret:
        customer.append(_siret_text(_luhn_siret(rng), rng))
    row = size * 0.5
    top = pdf.get_y()
    if c.seller == "top":
        for text in seller:
            pdf.cell(0, row, text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(row)
        top = pdf.get_y()
        left, right = [], customer
    elif c.seller == "right":
        left, right = customer, seller
    else:
        left, right = seller, customer
    for index in range(max(len(left), len(right))):
        pdf.set_xy(16, top + index * row)
        pdf.cell(85, row, left[index] if index < len(left) else "")
        pdf.set_x(115)
        pdf.cell(80, row, right[index] if index < len(right) else "")
    pdf.set_xy(16, top + (max(len(left), len(right)) + 1) * row)
    pdf.set_font("DejaVu", "B", size + 2)
    title = rng.choice(_NUMBER_LABELS)
    other = f"{quote.number[:-1]}{(int(quote.number[-1]) + 3) % 10}"  # another document's number, alike
    above = [c.other_kind_sentence.format(other)] if c.other_kind_sentence else []
    if c.reference and c.reference_first:
        above.append(c.reference.format(other))
    pdf.set_font("DejaVu", "", size)
    for text in above:
        pdf.cell(0, row, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", size + 2)
    title = c.title.format(quote.number, k=quote.seed % 5 + 2) if c.title else title.format(quote.number)
    pdf.cell(0, row * 1.4, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", size)
    if c.reference and not c.reference_first:
        pdf.cell(0, row, c.reference.format(other), new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, row, f"Date : {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2025", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(row)
    widths = _widths(pdf, c)
    fuzz.lines_top = pdf.get_y()
    if c.paragraphs:
        _paragraphs(pdf, fuzz, row, random.Random(f"fuzz-paragraphs-{quote.seed}"))
    else:
        _table(pdf, fuzz, widths, row, rng)
    _mark_legend_row(pdf, c, row)
    if c.lot_recap:
        _lot_recap(pdf, fuzz, row)
    pdf.ln(row * 0.5)
    _totals(pdf, c, quote, row, rng)
    if c.price_in_words:
        pdf.ln(row * 0.5)
        said = f"Arrêté le présent devis à la somme de : {spell_euros(quote.total_ttc)} toutes taxes comprises."
        pdf.multi_cell(0, row, said, new_x="LMARGIN", new_y="NEXT")
    if c.seller == "footer":
        pdf.set_y(280)
        pdf.set_font("DejaVu", "", max(size - 1.5, 6))
        legal = f"{seller[0]} – {seller[1]}, {seller[2]} – {_siret_text(quote.siret, rng)} – APE 4334Z"
        pdf.cell(0, row, legal, align="C")
    return bytes(pdf.output())


_SIDE_BLOCKS = ["band left", "band right", "notes left", "notes right"]
_SIDE_WIDTH = 58.0  # mm the page is widened by for the column beside
_TRADES = [
    "Peinture des murs et plafonds",
    "Pose de carrelage mural",
    "Plâtrerie et isolation",
    "Parquet et sols souples",
]
_NOTES = [
    "Travaux selon DTU 59.1",
    "Pose de plinthes en option",
    "Surface relevée : 42 m²",
    "Garantie décennale n° 2025-77",
    "Accès au chantier libre",
    "Peinture des boiseries exclue",
    "Évacuation des gravats incluse",
    "Délai : 3 semaines",
]


def _side_rows(fuzz: FuzzQuote, rng: random.Random) -> list[str]:
    """A band's blocks in a drawn order (references, site, trades, terms; "" a gap between two),
    or a column of notes: trade words, dates, numbers and units a wording could take for its own."""
    if fuzz.conventions.side_block.startswith("notes"):
        return ["Remarques", *rng.sample(_NOTES, rng.randint(4, 7))]
    blocks = [
        ["RÉFÉRENCES", f"Réf. : {fuzz.quote.number}", f"Visite du {rng.randint(1, 28):02d}/03/2025"],
        ["CHANTIER", f"{rng.randint(1, 90)} rue des Lilas", rng.choice(["33000 Bordeaux", "69003 Lyon"])],
        ["NOS MÉTIERS", *rng.sample(_TRADES, 2)],
        ["CONDITIONS", "Acompte de 30 % à la commande", "Validité : 3 mois", f"Délai : {rng.randint(2, 6)} semaines"],
    ]
    blocks[0].append(f"Sinistre n° 2025-{rng.randint(10000, 99999)}")
    if rng.random() < 0.3:
        blocks[3].append("Capital de 8 000 €")  # an amount, alone in the band
    rng.shuffle(blocks)
    return [text for block in blocks for text in [*block, ""]][:-1]


def _beside(data: bytes, fuzz: FuzzQuote, rng: random.Random) -> bytes:
    """The first page widened, a column of text printed beside its content at its own pitch and
    type size: a band from the top of the page, or notes from the first line down."""
    from pypdf import PdfReader, PdfWriter, Transformation

    c = fuzz.conventions
    left = c.side_block.endswith("left")
    size = max(c.font_size - rng.choice([0.5, 1.0, 1.5]), 6.5)
    pitch = c.font_size * 0.5 * rng.choice([0.75, 0.8, 1.3])  # mm: its own pitch, not the table's row
    column = FPDF(format=(210 + _SIDE_WIDTH, 297))
    column.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    column.add_page()
    column.set_font("DejaVu", "", size)
    x = 8.0 if left else 210.0 + 2.0
    y = 14.0 if c.side_block.startswith("band") else fuzz.lines_top + rng.choice([0.0, 3.0, 6.0])
    for text in _side_rows(fuzz, rng):
        if text:
            column.set_xy(x, y)
            column.cell(_SIDE_WIDTH - 14, pitch, text)
        y += pitch
    writer = PdfWriter(clone_from=io.BytesIO(bytes(column.output())))
    quote = PdfReader(io.BytesIO(data))
    shift = Transformation().translate(tx=_SIDE_WIDTH * 72 / 25.4 if left else 0)
    writer.pages[0].merge_transformed_page(quote.pages[0], shift)
    for other in quote.pages[1:]:
        writer.add_page(other)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _table(pdf: FPDF, fuzz: FuzzQuote, widths: dict[str, float], row: float, rng: random.Random) -> None:
    c, quote, size = fuzz.conventions, fuzz.quote, fuzz.conventions.font_size
    _table_header(pdf, c, widths, row)
    carried = Decimal(0)
    for name, lines in fuzz.sections:
        if name:
            _room_for(pdf, c, widths, row, 2, carried)
            pdf.set_font("DejaVu", "B", size)
            heading = name.upper() if rng.random() < 0.5 else name
            fuzz.headings.append((heading, lines))
            if c.heading_totals:
                _amount_row(pdf, c, widths, row, heading, sum((line.total for line in lines), Decimal(0)))
            else:
                pdf.cell(0, row, heading, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", "", size)
        section_total = printed_before = Decimal(0)  # printed before: the sum an earlier subtotal gave
        for line in lines:
            lead = f"{c.leading_mark} " if c.leading_mark else ""
            if c.tick and id(line) not in c.unordered_lines:
                lead = f"{c.tick} {lead}"  # the ordered line ticked, glued to its wording's cell
            wording = _wrapped(lead + line.designation, widths["designation"], pdf)
            extra = 1 if c.two_row_lines or c.price_in_words or c.group_detail else 0
            carried = _room_for(pdf, c, widths, row, len(wording) + extra, carried)
            _line_rows(pdf, c, widths, row, line, line.vat_rate or quote.vat_rate, wording, rng)
            if c.group_detail and name:
                _detail_row(pdf, c, widths, row, name, line, rng)
            carried += _charged(c, line)
            section_total += _charged(c, line)
            if id(line) in c.subtotal_after:
                carried = _room_for(pdf, c, widths, row, 1, carried)
                _amount_row(pdf, c, widths, row, "", section_total - printed_before)
                printed_before = section_total
        if name and c.subtotals:
            carried = _room_for(pdf, c, widths, row, 1, carried)
            _amount_row(pdf, c, widths, row, f"Sous-total {name}", section_total)
    if c.column_totals:
        _room_for(pdf, c, widths, row, 1, Decimal(0))
        _column_totals(pdf, fuzz, widths, row)
    if c.breakdown:
        # "dont fournitures" / "dont main d'œuvre": a split of the total HT, the labour the rest.
        share = (quote.total_ht * Decimal(rng.randint(20, 60)) / 100).quantize(CENT, ROUND_HALF_UP)
        parts = [share, quote.total_ht - share][-len(c.breakdown) :]
        for label, amount in zip(c.breakdown, parts, strict=True):
            carried = _room_for(pdf, c, widths, row, 1, carried)
            _amount_row(pdf, c, widths, row, label, amount)


def _charged(c: Conventions, line: Line) -> Decimal:
    """What a printed line adds to the sums: nothing for a line charged nothing."""
    uncharged = c.free_lines | c.unordered_lines | c.uncounted_lines
    return Decimal(0) if id(line) in uncharged else line.total


def _column_totals(pdf: FPDF, fuzz: FuzzQuote, widths: dict[str, float], row: float) -> None:
    """The row of column totals a spreadsheet sums under its lines: the quantities whatever their
    unit, the amounts HT under the unit price, the VAT amounts, the amounts TTC."""
    c, quote = fuzz.conventions, fuzz.quote
    rates = [line.vat_rate or quote.vat_rate for line in quote.lines]
    ttc = sum((_with_vat(line.total, rate) for line, rate in zip(quote.lines, rates, strict=True)), Decimal(0))
    ht = sum((line.total for line in quote.lines), Decimal(0))
    sums = {
        "designation": c.column_totals,
        "qty": c.style.quantity(sum((line.quantity for line in quote.lines), Decimal(0))),
        "pu": c.style.amount(ht),
        "vat_amount": c.style.amount(ttc - ht),
        "total_ttc": c.style.amount(ttc),
    }
    pdf.set_font("DejaVu", "B", c.font_size)
    for role in c.columns:
        pdf.cell(widths[role], row, sums.get(role, ""), align="L" if role == "designation" else "R")
    pdf.ln(row)
    pdf.set_font("DejaVu", "", c.font_size)


_TEXT_WIDTH = 178.0
_AMOUNT_WIDTH = 28.0


def _paragraphs(pdf: FPDF, fuzz: FuzzQuote, row: float, rng: random.Random) -> None:
    """The lines as numbered paragraphs under numbered lot titles: the sentence carries the
    quantity and the unit price, the amount stands at the right after dot leaders, on the
    paragraph's last row when it wraps."""
    c, style = fuzz.conventions, fuzz.conventions.style
    phrase = rng.choice(_PRICE_PHRASES)
    for section, (name, lines) in enumerate(fuzz.sections, start=1):
        if name:
            _page_for(pdf, 2, row)
            pdf.set_font("DejaVu", "B", c.font_size)
            heading = f"{section}. {name}"
            fuzz.headings.append((heading, lines))
            pdf.cell(0, row, heading, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", "", c.font_size)
        for index, line in enumerate(lines, start=1):
            number = c.paragraphs.format(s=section, i=index, a="abcdefghijklmnop"[index - 1])
            if line.unit == "forfait" and line.quantity == 1:
                figures = "Au forfait."
            else:
                unit = style.unit(line.unit)
                figures = phrase.format(q=style.quantity(line.quantity), u=unit, p=style.amount(line.unit_price))
            rows = _wrapped(f"{number} {line.designation}. {figures}", _TEXT_WIDTH - _AMOUNT_WIDTH - 8, pdf)
            _page_for(pdf, len(rows), row)
            for text in rows[:-1]:
                pdf.cell(0, row, text, new_x="LMARGIN", new_y="NEXT")
            last = rows[-1] + " "
            dots = max(int((_TEXT_WIDTH - _AMOUNT_WIDTH - pdf.get_string_width(last)) / pdf.get_string_width(".")), 3)
            pdf.cell(_TEXT_WIDTH - _AMOUNT_WIDTH, row, last + "." * dots)
            pdf.cell(_AMOUNT_WIDTH, row, style.amount(line.total), align="R", new_x="LMARGIN", new_y="NEXT")


def _page_for(pdf: FPDF, rows: int, row: float) -> None:
    if pdf.get_y() + rows * row > _PAGE_BOTTOM:
        pdf.add_page()


def _lot_recap(pdf: FPDF, fuzz: FuzzQuote, row: float) -> None:
    """ "Récapitulatif par lot": each section's total (no line), before the totals; cut by a page
    break after its first rows (``recap_cut``), its header printed again on the next page."""
    c = fuzz.conventions
    totals = [sum((line.total for line in lines), Decimal(0)) for _, lines in fuzz.sections]
    cut = random.Random(f"fuzz-recap-cut-rows-{fuzz.quote.seed}").randint(1, len(totals) - 1) if c.recap_cut else 0
    _page_for(pdf, (cut or len(fuzz.sections)) + 3, row)
    pdf.ln(row * 0.5)
    pdf.cell(0, row, "Récapitulatif par lot", new_x="LMARGIN", new_y="NEXT")
    whole = sum(totals, Decimal(0))
    for section, ((name, _), total) in enumerate(zip(fuzz.sections, totals, strict=True), start=1):
        if c.recap_cut and section in (1, cut + 1):
            if section > 1:
                pdf.add_page()
            pdf.cell(120, row, "Lot")
            pdf.cell(40, row, "Montant HT", align="R")
            pdf.cell(20, row, "Part", align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(120, row, f"{section}. {name}" if c.paragraphs else name)
        pdf.cell(40, row, c.style.amount(total), align="R")
        pdf.cell(
            20, row, f"{total * 100 / whole:.0f} %" if c.recap_cut else "", align="R", new_x="LMARGIN", new_y="NEXT"
        )


def _widths(pdf: FPDF, c: Conventions) -> dict[str, float]:
    """Each figure column as wide as its figures and its header word, with a gap: cells that
    overlap would be illegible on paper too."""
    fixed = {"ref": 16.0, "qty": 15.0, "unit": 12.0, "pu": 22.0, "discount": 14.0, "total": 25.0, "vat": 12.0}
    fixed |= {"contract": 25.0, "progress": 18.0, "position": 9.0, "total_ttc": 25.0, "vat_amount": 22.0}
    fixed |= {"supply": 20.0, "labour": 20.0}
    if "unit" not in c.columns:
        fixed["qty"] = 24.0  # "12,50 m²" in one cell
    if c.unit_in_price:
        fixed["qty"], fixed["pu"] = 17.0, 38.0  # "1 234,56 EUR HT / forfait" in one cell
    pdf.set_font("DejaVu", "B", c.font_size)
    widths = {
        role: max(fixed[role] * c.font_size / 9, pdf.get_string_width(c.header[role]) + 4) if role in fixed else 0.0
        for role in c.columns
    }
    pdf.set_font("DejaVu", "", c.font_size)
    widths["designation"] = 178.0 - sum(widths.values())
    if c.trailing_mark and not c.mark_apart:
        # The last cell widened into the right margin for its mark (the mark apart stands there
        # in a column of its own): the other columns stand where they would without a mark.
        widths[c.columns[-1]] += _MARK_WIDTH * c.font_size / 9
    return widths


_MARK_WIDTH = 8.0


def _table_header(pdf: FPDF, c: Conventions, widths: dict[str, float], row: float) -> None:
    """The header, on one row, or on two where a label has two words ("Prix" over "unitaire HT")."""
    pdf.set_font("DejaVu", "B", c.font_size)
    heads = {role: _header_rows(c.header[role]) if c.two_row_header else [c.header[role]] for role in c.columns}
    for index in range(max(len(words) for words in heads.values())):
        for role in c.columns:
            text = heads[role][index] if index < len(heads[role]) else ""
            pdf.cell(widths[role], row * 1.2, text, align="L" if role in ("designation", "ref", "position") else "R")
        pdf.ln(row * 1.2)
    pdf.set_font("DejaVu", "", c.font_size)


def _header_rows(label: str) -> list[str]:
    """A label over two rows where its first word stands alone ("Prix" / "unitaire HT",
    "P.U." / "HT"), not an abbreviation cut ("P." / "u.")."""
    first, _, rest = label.partition(" ")
    whole = len(first.strip(".")) >= 3 or first.count(".") >= 2
    return [first, rest] if rest and whole else [label]


def _room_for(pdf: FPDF, c: Conventions, widths: dict[str, float], row: float, rows: int, carried: Decimal) -> Decimal:
    """A page break before ``rows`` rows that would not fit: the total carried to the next page."""
    if pdf.get_y() + rows * row <= _PAGE_BOTTOM:
        return carried
    carried = carried if "total" in c.columns else Decimal(0)  # no amount HT per line, none carried
    if carried:
        _amount_row(pdf, c, widths, row, "Total à reporter", carried)
    pdf.add_page()
    _table_header(pdf, c, widths, row)
    if carried:
        _amount_row(pdf, c, widths, row, "Report", carried)
    return carried


def _detail_row(
    pdf: FPDF, c: Conventions, widths: dict[str, float], row: float, group: str, line: Line, rng: random.Random
) -> None:
    """The line's detail row: its group and how it is priced, smaller and grey, under its wording."""
    text = c.group_detail.format(g=group, u=rng.choice(_UNIT_PHRASES[line.unit]))
    c.details[id(line)] = text
    pdf.set_font("DejaVu", "", c.font_size - 1.5)
    pdf.set_text_color(120, 120, 120)
    for role in c.columns:
        pdf.cell(widths[role], row, text if role == "designation" else "")
    pdf.ln(row)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", c.font_size)


def _amount_row(pdf: FPDF, c: Conventions, widths: dict[str, float], row: float, label: str, amount: Decimal) -> None:
    """A subtotal or carried total: its label in the designation's column, its amount in the total's."""
    for role in c.columns:
        text = label if role == "designation" else c.style.amount(amount) if role == "total" else ""
        pdf.cell(widths[role], row, text, align="L" if role == "designation" else "R")
    pdf.ln(row)


def _wrapped(designation: str, width: float, pdf: FPDF) -> list[str]:
    """The designation's rows in its column: as many as its width needs (a wording that ran
    into the figures' cells would be illegible on paper too)."""
    words, rows = designation.split(), [""]
    for word in words:
        candidate = f"{rows[-1]} {word}".strip()
        if pdf.get_string_width(candidate) > width - 3 and rows[-1]:
            rows.append(word)
        else:
            rows[-1] = candidate
    return rows


def _line_rows(
    pdf: FPDF,
    c: Conventions,
    widths: dict[str, float],
    row: float,
    line: Line,
    vat_rate: Decimal,
    wording: list[str],
    rng: random.Random,
) -> None:
    style = c.style
    unit = style.unit(line.unit)
    price, amount = line.unit_price, line.total
    if c.priced_ttc:  # each figure TTC, rounded on its own
        price, amount = _with_vat(price, vat_rate), _with_vat(amount, vat_rate)
    quantity = f"{line.quantity:.3f}".replace(".", style.mark) if c.three_decimals else style.quantity(line.quantity)
    cells = {
        "ref": f"{rng.choice(['PEI', 'ELE', 'PLO', 'MEN'])}.{rng.randint(10, 99)}",
        "qty": quantity
        if "unit" in c.columns or c.unit_in_price
        else _quantity_cell(c.quantity_unit, quantity, unit, line.unit),
        "unit": unit,
        "pu": _price_cell(c, line, rng) if not c.priced_ttc else style.amount(price),
        "discount": f"{line.discount_pct:g}" + rng.choice(["", " %"]) if line.discount_pct else "",
        "total": style.amount(amount),
        "vat": _vat_code(c, vat_rate) if c.vat_codes else f"{vat_rate:g}".replace(".", ",") + rng.choice(["", " %"]),
        "contract": style.amount(line.total),
        "progress": "100,00 %",
        "position": c.numbers.get(id(line), ""),
        "total_ttc": style.amount(_with_vat(line.total, vat_rate)),
        "vat_amount": style.amount(_with_vat(line.total, vat_rate) - line.total),
    }
    if c.durations and line.unit == "h":
        hours, minutes = divmod(int(line.quantity * 60), 60)
        cells["qty"] = rng.choice(["{}h{:02d}", "{} h {:02d}"]).format(hours, minutes)
    if id(line) in c.splits:
        cells["supply"], cells["labour"] = (style.amount(part) for part in c.splits[id(line)])
    if id(line) in c.free_lines:
        cells |= {role: "" for role in ("vat_amount", "total_ttc", "discount")}
        cells["total" if "total" in c.columns else "total_ttc"] = c.free_word
        if not c.free_priced:
            cells |= {role: "" for role in ("pu", "supply", "labour")}
    if id(line) in c.unordered_lines:
        cells |= {role: "" for role in ("qty", "total", "vat", "discount", "total_ttc", "vat_amount", "position")}
    mark = c.marks.get(id(line), "")
    if mark and not c.mark_apart:
        cells[c.columns[-1]] += f" {mark}"
    if c.two_row_lines:
        _two_rows(pdf, c, widths, row, line, vat_rate, wording)
        return
    figures_at = len(wording) - 1 if c.figures_last_row else 0
    if c.centred:
        figures_at = len(wording) // 2  # a title row above, the sentences around the figures
    for index, text in enumerate(wording):
        for role in c.columns:
            if role == "designation":
                value = text
            elif (index == figures_at and role != "position") or (role in ("ref", "position") and index == 0):
                value = cells[role]
            else:
                value = ""
            pdf.cell(widths[role], row, value, align="L" if role in ("designation", "ref", "position") else "R")
        if c.mark_apart and index == figures_at:
            pdf.cell(_MARK_WIDTH, row, f" {mark}")
        pdf.ln(row)
    if c.price_in_words:
        # Under the wording, in italics across the row: "Le mètre carré : vingt-huit euros …".
        pdf.set_font("DejaVu", "I", max(c.font_size - 1.5, 6))
        pdf.set_x(16 + sum(widths[role] for role in c.columns[: c.columns.index("designation")]))
        pdf.cell(
            0, row, f"{_PRICE_LABELS[line.unit]} : {spell_euros(line.unit_price)} ………", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font("DejaVu", "", c.font_size)


_PRICE_LABELS = {
    "m2": "Le mètre carré",
    "ml": "Le mètre linéaire",
    "u": "L'unité",
    "forfait": "Le forfait",
    "ens": "L'ensemble",
    "h": "L'heure",
    "j": "Le jour",
}


def _two_rows(
    pdf: FPDF, c: Conventions, widths: dict[str, float], row: float, line: Line, vat_rate: Decimal, wording: list[str]
) -> None:
    """A line on rows of its own: the wording (in bold, with its item number), then under it,
    smaller and indented, "quantity unit x unit price € HT · TVA rate %" and the line's amount."""
    style = c.style
    pdf.set_font("DejaVu", "B", c.font_size)
    for text in wording:
        pdf.cell(0, row, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", max(c.font_size - 1.5, 6))
    pdf.set_x(22)
    price = style.amount(line.unit_price, currency=False)
    rate = f"{vat_rate:g}".replace(".", ",")
    unit = f" {style.unit(line.unit)}" if printed_unit(c, line.unit) else ""  # a bare count: "3 x 72,80 €"
    pdf.cell(
        widths["designation"] - 6,
        row,
        f"{style.quantity(line.quantity)}{unit} x {price} € HT · TVA {rate} %",
    )
    mark = c.marks.get(id(line), "")
    amount = f"{style.amount(line.total)} {mark}".strip()
    pdf.cell(widths["total"], row, amount, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", c.font_size)
    pdf.ln(row * 0.4)


_COUNTS = ("u", "forfait", "ens")


def _with_vat(amount: Decimal, rate: Decimal) -> Decimal:
    return (amount * (100 + rate) / 100).quantize(CENT, ROUND_HALF_UP)


def _price_cell(c: Conventions, line: Line, rng: random.Random) -> str:
    """The unit price, with its unit when the grid prints it there ("28,00 €/m²")."""
    if not c.unit_in_price:
        return c.style.amount(line.unit_price)
    currency = c.style.currency or " €"
    amount = c.style.amount(line.unit_price, currency=False)
    return c.unit_in_price.format(a=amount, c=currency, u=rng.choice(_PRICE_UNITS[line.unit]))


def _vat_code(c: Conventions, rate: Decimal) -> str:
    """A rate's code: the document's rates in increasing order, T1, T2…"""
    return _VAT_CODES[_code_style(c)][sorted(_RATES).index(rate)]


_RATES = (Decimal("5.5"), Decimal(10), Decimal(20))


def _quantity_cell(convention: str, quantity: str, unit: str, unit_code: str) -> str:
    """The quantity cell of a table without a unit column: the unit after the figure, glued to
    it, before it, or none at all for a count ("3", "1": the document says no unit)."""
    if convention == "glued":
        return f"{quantity}{unit}"
    if convention == "before":
        return f"{unit} {quantity}"
    if convention == "bare counts" and unit_code in _COUNTS:
        return quantity
    return f"{quantity} {unit}"


def printed_unit(c: Conventions, unit: str) -> str | None:
    """The unit a line's figures print: none for a bare count."""
    bare = c.quantity_unit == "bare counts" and "unit" not in c.columns and not (c.unit_in_price or c.paragraphs)
    return None if bare and unit in _COUNTS else unit


def _totals(pdf: FPDF, c: Conventions, quote: UnseenQuote, row: float, rng: random.Random) -> None:
    style = c.style
    rows: list[tuple[str, Decimal]] = []
    if quote.global_discount:
        rows.append(("Total HT avant remise", quote.total_ht + quote.global_discount))
        share = quote.global_discount * 100 / (quote.total_ht + quote.global_discount)
        rows.append((f"Remise commerciale {share.quantize(Decimal(1)):f} %", -quote.global_discount))
    rows.append((rng.choice(_HT_LABELS), quote.total_ht))
    if c.vat_recap:
        rows.append(("Total TVA", quote.total_tva))
    else:
        for rate, (_, vat) in quote.vat_recap.items():
            rows.append((f"TVA {rate:g} %".replace(".", ","), vat))
    ttc_label = rng.choice(_TTC_LABELS)
    rows.append((rng.choice(["Total TTC", "Total TTC cumulé"]) if c.deductions else ttc_label, quote.total_ttc))
    due = quote.total_ttc
    for index, label in enumerate(c.deductions):
        taken = (quote.total_ttc * Decimal(20 + 10 * index) / 100).quantize(Decimal(1))
        rows.append((label, -taken))
        due -= taken
    if c.deductions:
        rows.append((_DUE_LABELS[quote.seed % len(_DUE_LABELS)], due))
    recap = [("Taux", "Base HT", "Montant TVA")] if c.vat_recap else []
    for rate, (base, vat) in quote.vat_recap.items() if c.vat_recap else ():
        rate_text = f"{rate:g} %".replace(".", ",")
        if c.vat_codes:
            rate_text = f"{_vat_code(c, rate)}   {rate_text}"  # the code opens its recap row
        recap.append((rate_text, style.amount(base, currency=False), style.amount(vat, False)))
    if c.vat_codes:
        legend = ", ".join(f"{_vat_code(c, rate)} = {rate:g} %".replace(".", ",") for rate in quote.vat_recap)
        pdf.cell(0, row, f"Codes TVA : {legend}.", new_x="LMARGIN", new_y="NEXT")
    terms = rng.sample(_TERMS, 3) if c.terms_beside_totals and not c.totals_grid else []
    if pdf.get_y() + (len(rows) + len(recap) + 1) * row > _PAGE_BOTTOM + 12:
        pdf.add_page()
    for cells in recap:
        for text, width in zip(cells, (26 if c.vat_codes else 18, 28, 28), strict=True):
            pdf.cell(width, row, text, align="R")
        pdf.ln(row)
    if recap:
        pdf.ln(row * 0.5)
    if c.totals_grid:  # labels in one row, each value under its label
        width = pdf.epw / len(rows)
        widest = max(pdf.get_string_width(label) for label, _ in rows)
        pdf.set_font("DejaVu", "", min(c.font_size, c.font_size * (width - 3) / widest))  # labels apart
        for cells in ([label for label, _ in rows], [style.amount(amount) for _, amount in rows]):
            for text in cells:
                pdf.cell(width, row, text, align="C")
            pdf.ln(row)
        return
    for index, (label, amount) in enumerate(rows):
        if index < len(terms):
            pdf.set_x(16)
            pdf.set_font("DejaVu", "", max(c.font_size - 2, 6))
            pdf.cell(90, row, terms[index])
            pdf.set_font("DejaVu", "", c.font_size)
        pdf.set_x(110)
        if c.amount_first_totals:
            pdf.cell(30, row, style.amount(amount), align="R")
            pdf.cell(55, row, f"   {label}", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.cell(55, row, label)
            pdf.cell(30, row, style.amount(amount), align="R", new_x="LMARGIN", new_y="NEXT")


_ONES = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze"]
_ONES += ["treize", "quatorze", "quinze", "seize"]
_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}


def _below_hundred(n: int) -> str:
    if n < 17:
        return _ONES[n]
    if n < 20:
        return f"dix-{_ONES[n - 10]}"
    if n < 70:
        tens, unit = divmod(n, 10)
        word = _TENS[tens * 10]
        return word if unit == 0 else f"{word} et un" if unit == 1 else f"{word}-{_ONES[unit]}"
    if n < 80:
        return "soixante et onze" if n == 71 else f"soixante-{_below_hundred(n - 60)}"
    return "quatre-vingts" if n == 80 else f"quatre-vingt-{_below_hundred(n - 80)}"


def spell(n: int) -> str:
    """A whole number in French words (traditional spelling): the test's own writer, apart from
    the reader's parser."""
    if n < 100:
        return _below_hundred(n)
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "cent" if hundreds == 1 else f"{_ONES[hundreds]} cent" + ("s" if rest == 0 else "")
        return head if rest == 0 else f"{head} {_below_hundred(rest)}"
    thousands, rest = divmod(n, 1000)
    head = "mille" if thousands == 1 else f"{spell(thousands)} mille"
    return head if rest == 0 else f"{head} {spell(rest)}"


def spell_euros(amount: Decimal) -> str:
    """An amount in euros in words ("trois cent soixante et un euros et trente-neuf centimes")."""
    euros, cents = divmod(int(amount * 100), 100)
    text = f"{spell(euros)} euro" + ("s" if euros > 1 else "")
    return f"{text} et {spell(cents)} centime" + ("s" if cents > 1 else "") if cents else text


# --------------------------------------------------------------------------------- checking


def line_faults(
    truth: list[Line], read: list[QuoteLine], printed: Callable[[str | None], str | None]
) -> tuple[list[str], list[tuple[Line, QuoteLine]]]:
    """Each true line paired with the read line of its amount (and quantity), taken out of ``read``
    (what stays there is extra); the faults: a line lost, or read with another quantity, unit (as
    ``printed`` says the document shows it) or net unit price."""
    wrong: list[str] = []
    matched: list[tuple[Line, QuoteLine]] = []
    for line in truth:
        price = net_price(line.unit_price, line.discount_pct or None)
        match = next((x for x in read if x.total_ht == line.total and x.quantity == line.quantity), None)
        match = match or next((x for x in read if x.total_ht == line.total), None)
        if match is None:
            wrong.append(f"line lost: {line.quantity} {line.unit} × {price} = {line.total}")
            continue
        read.remove(match)
        matched.append((line, match))
        got = (match.quantity, match.unit.value if match.unit else None, match.net_unit_price_ht)
        unit = printed(line.unit)
        if got != (line.quantity, unit, price):
            wrong.append(f"line misread: {line.quantity} {unit} × {price} read {got[0]} {got[1]} × {got[2]}")
    return wrong, matched


def quote_faults(
    truth: UnseenQuote,
    reading: DocumentReading,
    line_check: Callable[[Line, QuoteLine], list[str]] | None = None,
) -> list[str]:
    """The faults every drawn quote is read for, "kind: detail" each (empty when all is right):
    no quote, a line lost, misread or extra, a total HT or TTC not the truth's, a false
    ``arithmetic_error``; ``line_check``: a fuzzer's own faults of a true line and its reading."""
    quote = reading.quote
    if quote is None:
        return ["no quote read"]
    read = list(quote.lines)
    wrong, matched = line_faults(truth.lines, read, lambda unit: unit)
    if line_check is not None:
        wrong += [fault for line, match in matched for fault in line_check(line, match)]
    wrong += [f"extra line: {x.designation[:40]} {x.total_ht}" for x in read]
    if quote.total_ht != truth.total_ht:
        wrong.append(f"total HT: {quote.total_ht} (truth {truth.total_ht})")
    if quote.total_ttc != truth.total_ttc:
        wrong.append(f"total TTC: {quote.total_ttc} (truth {truth.total_ttc})")
    if Flag.ARITHMETIC_ERROR in reading.flags:
        wrong.append("false arithmetic_error")
    return wrong


def misreadings(fuzz: FuzzQuote, reading: DocumentReading, words: bool = False) -> list[str]:
    """What the reading got wrong, "kind: detail" each (empty when all is right); ``words``:
    also each line's wording and the heading it stands under."""
    quote, truth = reading.quote, fuzz.quote
    if quote is None:
        return ["no quote read"]
    read = list(quote.lines)
    headings = {id(line): heading for heading, lines in fuzz.headings for line in lines}
    wrong, matched = line_faults(truth.lines, read, lambda unit: printed_unit(fuzz.conventions, unit))
    for line, match in matched:
        if words and not _whole_wording(line, truth.lines, match.designation):
            wrong.append(f"wording misread: {line.designation[:30]} read {match.designation[:60]}")
        marks = f"{fuzz.conventions.marks.get(id(line), '')} {fuzz.conventions.leading_mark} {fuzz.conventions.tick}"
        marks = marks.split()
        if words and set(marks) & set(match.designation.split()):
            wrong.append(f"mark in wording: {match.designation[:60]}")
        detail = fuzz.conventions.details.get(id(line))
        if detail and " ".join(detail.split()) in " ".join(match.designation.split()):
            wrong.append(f"detail row in wording: {match.designation[-50:]}")
        if words and match.section != headings.get(id(line)):
            wrong.append(f"section misread: {headings.get(id(line))} read {match.section}")
    extra = [x for x in read if not (truth.global_discount and x.total_ht == -truth.global_discount)]
    extra = [x for x in extra if not (fuzz.conventions.free_lines and x.total_ht == 0)]  # a free line read at 0
    wrong += [f"extra line: {x.designation[:40]} {x.total_ht}" for x in extra]
    if quote.total_ht != truth.total_ht:
        wrong.append(f"total HT: {quote.total_ht} (truth {truth.total_ht})")
    if quote.total_ttc != truth.total_ttc:
        wrong.append(f"total TTC: {quote.total_ttc} (truth {truth.total_ttc})")
    if quote.contractor.siret != truth.siret:
        wrong.append(f"seller SIRET: {quote.contractor.siret} (truth {truth.siret})")
    if quote.number != truth.number:
        wrong.append(f"number: {quote.number} (truth {truth.number})")
    if quote.kind.value != ("invoice" if fuzz.conventions.invoice else "quote"):
        wrong.append(f"kind: {quote.kind.value}")
    if Flag.ARITHMETIC_ERROR in reading.flags:
        wrong.append("false arithmetic_error")
    return wrong


def _whole_wording(line: Line, lines: list[Line], read: str) -> bool:
    """The read wording is the printed one: every word of it, and no other line's title (its
    wording before the details; a reference code in its own column may come with it)."""
    words = read.split()
    if any(word not in words for word in line.designation.split()):
        return False
    return not any(re.split(r"[.,]", other.designation)[0] in read for other in lines if other is not line)
