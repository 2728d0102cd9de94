"""Tables whose figure columns are a random subset, in a random order, of the roles a quote line
may print, with consistent figures and their truth: conventions no one listed.

Each seed draws the columns among quantity, unit, unit price HT, discount %, net unit price,
amount HT, VAT rate, VAT amount, amount TTC and unit price TTC (enough of them for the line's HT
to follow from the row: a unit price, and the amount HT or two of the figures that confirm it),
shuffles them, prints a header over them or none, one VAT rate or one per line, and the totals.
A third of the seeds print each line's take-off (métré) before its quantity, in columns of its
own ("Nb | Long. | Haut./Larg. | Déduct.") or at the end of the wording ("2 x 4,30 x 2,50 - 1,68
=", "L 4,20 l 3,10"): figures that make the quantity and are no money nor wording (drawn apart,
so that the other seeds print as before). A fifth of the other seeds (drawn apart too) print as
an invoicing program prints the readable copy of an e-invoice: units as the codes of UN/ECE
Recommendation 20 (EN 16931 BT-130: "MTK", "C62", "HUR"…) in the unit column, after the
quantity or glued to it, a legend under the grid or none, quantities with three decimals (some
with a third decimal of their own), unit prices with four or two.
``misreadings`` names what a reading got wrong. Used by ``bench/bench_reader_fuzz.py --roles``
and by ``test_reading_roles.py`` (a fixed sample).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from layout_fuzzer import quote_faults
from unseen_layouts import (
    CENT,
    UNIT_CODES,
    Line,
    Style,
    UnseenQuote,
    _fit,
    _letterhead,
    _lines,
    _luhn_siret,
    _pdf,
    rate_text,
)

from billma_core.models import DocumentReading, QuoteLine
from billma_core.money import net_price

_HEADERS = {
    "qty": ["Qté", "Quantité", "Qte"],
    "unit": ["Unité", "U", "Un."],
    "pu": ["P.U. HT", "Prix unitaire HT", "PU HT"],
    "discount": ["Remise %", "Rem.", "Remise"],
    "pu_net": ["P.U. net HT", "PU net", "Prix net HT"],
    "total": ["Montant HT", "Total HT", "Mt HT"],
    "vat": ["TVA %", "Taux TVA", "TVA"],
    "vat_amount": ["Montant TVA", "Mt TVA", "TVA €"],
    "total_ttc": ["Montant TTC", "Total TTC", "Mt TTC"],
    "pu_ttc": ["P.U. TTC", "PU TTC", "Prix unitaire TTC"],
    # The unit price's derivation, printed before it by some programs and sheets
    # (``closing_layouts.py``): a base price and its coefficient, the supply and the labour, a
    # pack's price and its count.
    "base": ["PU de base", "Prix de base", "Base HT"],
    "coef": ["Coef.", "Coefficient", "K"],
    "supply": ["Fourniture", "Fourn.", "Matériaux"],
    "labour": ["Main d'œuvre", "MO", "Pose"],
    "pack": ["Prix colis", "Prix du lot", "PU colis"],
    "count": ["Nb/colis", "Par lot", "Conditionnement"],
}
_WIDTHS = {"qty": 13.0, "unit": 10.0, "discount": 12.0, "vat": 11.0, "coef": 11.0, "count": 12.0}
_MONEY_WIDTH = 19.0
PAGE_WIDTH = 178.0
_MIN_WORDING = 48.0
_CONFIRMING = ("vat", "vat_amount", "total_ttc", "pu_ttc")
_TAKEOFF_COLUMNS = {
    "nb": ["Nb", "Nbre", "Nombre"],
    "long": ["Long.", "Longueur", "L"],
    "high": ["Haut./Larg.", "Larg.", "Haut."],
    "deduct": ["Déduct.", "Déduction", "Ouvert."],
}
_TAKEOFF_WIDTH = 10.0
_OPENINGS = [Decimal("1.68"), Decimal("1.62"), Decimal("2.16"), Decimal("1.89")]
_TAKEOFF_PRODUCTS = ["{} x {} x {}", "{} × {} × {}", "{} X {} X {}"]
_CODE_NAMES = {
    "m2": "mètre carré",
    "ml": "mètre",
    "u": "unité",
    "forfait": "forfait",
    "ens": "ensemble",
    "h": "heure",
    "j": "jour",
}
_LEGENDS = ["Unités (UN/ECE Rec. 20) : {}.", "Codes unité : {}.", "Unités de mesure : {}"]


@dataclass(frozen=True)
class Program:
    """How an invoicing program prints a line's figures (the readable copy of an e-invoice)."""

    codes: dict[str, str]  # the line's unit → the code this document prints for it
    glued: bool  # without a unit column, the code glued to the quantity ("10,000HUR")
    quantity_places: int
    price_places: int
    legend: str  # under the grid ("" none): each code printed and its name


@dataclass
class RoleQuote:
    quote: UnseenQuote
    columns: list[str]  # the figure columns, in their printed order
    header: bool
    several_rates: bool
    takeoff: str | None = None  # where the lines print their take-off: "columns", "wording" or none
    takeoff_cells: list[list[str]] = field(default_factory=list)  # each line's take-off as printed
    # Set by a composing fuzzer (``composed_layouts.py``), else none: what it prints in and
    # around a line's cells (line index, cells by role, changed in place), and the foot block
    # it prints instead of the plain totals.
    dress: Callable[[int, dict[str, str]], None] | None = None
    foot: Callable[[FPDF], None] | None = None
    program: Program | None = None  # printed as an invoicing program prints, or as a person does
    # The figure columns printed before the wording ("Qté | U | Travaux et fournitures | P.U. HT
    # | Montant HT", as an intervention report prints its grid), in their order; none mostly.
    leading: list[str] = field(default_factory=list)
    # Rows printed before a line (its index) across the table, no line of the quote: a room
    # heading carrying its dimensions (``closing_layouts.py``); none mostly.
    headings: dict[int, str] = field(default_factory=dict)

    def names(self) -> dict[str, str]:
        """The conventions the bench counts faults by."""
        roles = set(self.columns)
        return {
            "header": str(self.header),
            "amount HT printed": str("total" in roles),
            "discount": str("discount" in roles),
            "net unit price": str("pu_net" in roles),
            "VAT rate column": str("vat" in roles),
            "VAT amount": str("vat_amount" in roles),
            "amount TTC": str("total_ttc" in roles),
            "unit price TTC": str("pu_ttc" in roles),
            "unit column": str("unit" in roles),
            "several VAT rates": str(self.several_rates),
            "last column": self.columns[-1],
            "take-off": str(self.takeoff),
            "unit codes": "none" if self.program is None else "glued" if self.program.glued else "spaced",
            "before the wording": " ".join(self.leading) or "none",
        }

    @property
    def pdf(self) -> bytes:
        return self.quote.pdf


class OnRoleTable:
    """A fuzzer's quote printed as a role table (``table``): its quote and its bytes are the table's."""

    table: RoleQuote

    @property
    def quote(self) -> UnseenQuote:
        return self.table.quote

    @property
    def pdf(self) -> bytes:
        return self.table.pdf


def draw_columns(rng: random.Random) -> list[str]:
    """A random subset of the roles, in a random order, from which each line's HT follows."""
    columns = ["qty", "pu"]
    if rng.random() < 0.6:
        columns.append("unit")
    if rng.random() < 0.3:
        columns.append("discount")
        if rng.random() < 0.5:
            columns.append("pu_net")
    confirming = [role for role in _CONFIRMING if rng.random() < 0.5]
    if "discount" in columns or rng.random() < 0.6 or len(confirming) < 2:
        columns.append("total")  # no amount HT: two figures confirm the HT quantity × price makes
    columns += confirming
    rng.shuffle(columns)
    # The wording keeps room on the page: optional columns go until it does.
    while PAGE_WIDTH - sum(column_width(role) for role in columns) < _MIN_WORDING:
        confirming = [r for r in columns if r in _CONFIRMING]
        spare = "total" in columns or len(confirming) > 2
        columns.remove(rng.choice([r for r in columns if r in ("unit", "pu_net") or (spare and r in confirming)]))
    return columns


def column_width(role: str) -> float:
    return _TAKEOFF_WIDTH if role in _TAKEOFF_COLUMNS else _WIDTHS.get(role, _MONEY_WIDTH)


def build_roles(seed: int, compose: Callable[[RoleQuote, Style], None] | None = None) -> RoleQuote:
    """``compose``: a composing fuzzer's draws over the drawn table (its own seeds' name)."""
    name = "roles" if compose is None else "composed"
    rng = random.Random(f"{name}-{seed}")
    columns = draw_columns(rng)
    style = Style(rng)
    rate = rng.choice([Decimal("10"), Decimal("20"), Decimal("5.5")])
    several = "vat" in columns and rng.random() < 0.4
    lines = _lines(rng, rng.choice([3, 4, 5, 6, 8]))
    for line in lines:
        if "discount" in columns and rng.random() < 0.6:
            line.discount_pct = Decimal(rng.choice([5, 10, 15, 20]))
        if several:
            line.vat_rate = rng.choice([Decimal("5.5"), Decimal("10"), Decimal("20")])
    # Drawn apart from the rest: the seeds without a take-off print as they did before it.
    measures = random.Random(f"{name}-takeoff-{seed}")
    place = measures.choice(["columns", "wording"]) if measures.random() < 0.35 else None
    if place == "columns" and PAGE_WIDTH - sum(map(column_width, columns)) - 4 * _TAKEOFF_WIDTH < _MIN_WORDING - 8:
        place = "wording"  # no room for four more columns
    takeoffs = [_takeoff(measures, line) if place else [] for line in lines]
    # Drawn apart as well, and only where the seed prints no take-off and writes decimal commas
    # (a dot before three decimals is a thousands' mark there): the other seeds print as before.
    printed_by_program = compose is None and not place and style.mark == ","
    program = _program(random.Random(f"{name}-program-{seed}"), lines) if printed_by_program else None
    quote = UnseenQuote("roles", seed, f"DV-{seed:05d}", _luhn_siret(rng), lines, rate)
    role_quote = RoleQuote(quote, columns, header=rng.random() < 0.75, several_rates=several, takeoff=place)
    role_quote.program = program
    if compose is None and not place and program is None:
        role_quote.leading = _leading(random.Random(f"{name}-leading-{seed}"), columns)
    role_quote.takeoff_cells = [_takeoff_cells(figures, measures) for figures in takeoffs]
    if compose is not None:
        compose(role_quote, style)
    quote.pdf = _render(role_quote, style, rng)
    return role_quote


def _leading(rng: random.Random, columns: list[str]) -> list[str]:
    """For a third of the seeds with a unit column (drawn apart: the others print as before), the
    unit, and the quantity half the time, printed before the wording, in either order."""
    if "unit" not in columns or rng.random() >= 0.35:
        return []
    leading = ["unit", "qty"] if rng.random() < 0.5 else ["unit"]
    rng.shuffle(leading)
    return leading


def _program(rng: random.Random, lines: list[Line]) -> Program | None:
    """An invoicing program's print for a fifth of the seeds: its codes, places and legend; half
    the time the surfaces and lengths measured to the thousandth (their quantity set to it)."""
    if rng.random() >= 0.2:
        return None
    codes = {unit: rng.choice(choices) for unit, choices in UNIT_CODES.items()}
    if rng.random() < 0.5:
        for line in lines:
            if line.unit in ("m2", "ml"):
                line.quantity = Decimal(rng.randint(2000, 45000)) / 1000
    used = sorted({line.unit for line in lines})
    legend = rng.choice(_LEGENDS).format(", ".join(f"{codes[u]} = {_CODE_NAMES[u]}" for u in used))
    return Program(
        codes,
        glued=rng.random() < 0.4,
        quantity_places=3,
        price_places=rng.choice([4, 4, 2]),
        legend=legend if rng.random() < 0.6 else "",
    )


def _places(style: Style, value: Decimal, places: int) -> str:
    """``value`` to ``places`` decimals in the document's number format ("14,250", "1 234,5000")."""
    whole, decimals = f"{value:.{places}f}".split(".")
    return style.amount(Decimal(whole), currency=False).rsplit(style.mark, 1)[0] + style.mark + decimals


def _takeoff(rng: random.Random, line: Line) -> list[Decimal]:
    """A take-off that makes the line's quantity (set to it): on a surface the number of parts,
    the length, the height or width and perhaps an opening deducted; on a length the number and
    the length; none on the other units."""
    if line.unit not in ("m2", "ml"):
        return []
    count = Decimal(rng.choice([1, 1, 1, 2, 3, 4]))
    length = Decimal(rng.randint(120, 850)) / 100
    if line.unit == "ml":
        line.quantity = count * length
        return [count, length]
    height = Decimal(rng.randint(90, 400)) / 100
    opening = rng.choice(_OPENINGS) if rng.random() < 0.4 and count * length * height > 4 else Decimal(0)
    line.quantity = (count * length * height - opening).quantize(CENT, ROUND_HALF_UP)
    return [count, length, height, opening]


def _takeoff_cells(figures: list[Decimal], rng: random.Random) -> list[str]:
    """The take-off's figures as printed (a count bare, a measure with two decimals, an opening
    with its minus sign or without), "" where none."""
    cells = [f"{v:.2f}".replace(".", ",") for v in figures]
    if figures:
        cells[0] = f"{figures[0]}"  # the number of parts
    if len(figures) == 4 and figures[3]:
        cells[3] = rng.choice(["-", ""]) + cells[3]
    elif len(figures) == 4:
        cells[3] = ""
    return cells


def _takeoff_wording(cells: list[str], rng: random.Random) -> str:
    """The take-off written at the end of the wording."""
    figures = [cell for cell in cells if cell]
    if len(figures) == 2:
        return f"{figures[0]} x {figures[1]}"
    if cells[0] == "1" and len(figures) == 3 and rng.random() < 0.5:
        return f"L {cells[1]} l {cells[2]}"
    text = rng.choice(_TAKEOFF_PRODUCTS).format(*cells[:3])
    deduction = f" - {cells[3].lstrip('-')}" if len(figures) == 4 else ""
    return text + deduction + rng.choice(["", " ="])


def _render(role_quote: RoleQuote, style: Style, rng: random.Random) -> bytes:
    quote = role_quote.quote
    pdf = _pdf()
    pdf.add_page()
    _letterhead(pdf, quote, rng)
    measures = random.Random(f"roles-takeoff-render-{quote.seed}")  # apart, as the take-off's draw
    columns = list(role_quote.columns)
    if role_quote.takeoff == "columns":
        at = columns.index("qty")
        columns[at:at] = list(_TAKEOFF_COLUMNS)
    order = [*role_quote.leading, "designation", *(role for role in columns if role not in role_quote.leading)]
    widths = {role: column_width(role) for role in columns}
    if role_quote.program is not None:
        # A program sizes its columns to its figures: three decimals and a code, four decimals.
        widths["qty"] += 2 if "unit" in columns else 9
        for role in ("pu", "pu_net"):
            if role in widths and role_quote.program.price_places == 4:
                widths[role] += 5
    widths["designation"] = PAGE_WIDTH - sum(widths.values())
    if role_quote.header:
        words = {role: rng.choice(_HEADERS[role]) for role in role_quote.columns}
        words.update({role: measures.choice(labels) for role, labels in _TAKEOFF_COLUMNS.items()})
        pdf.set_font("DejaVu", "B", 6)
        words["designation"] = "Désignation"
        for role in order:
            pdf.cell(widths[role], 6, words[role], border=1, align="L" if role == "designation" else "C")
        pdf.ln(6)
    pdf.set_font("DejaVu", "", 7)
    rate_style = rng.choice(["{} %", "{}", "{}%"])
    for index, (line, takeoff) in enumerate(zip(quote.lines, role_quote.takeoff_cells, strict=True)):
        if index in role_quote.headings:
            pdf.set_font("DejaVu", "B", 7)
            pdf.cell(sum(widths.values()), 6, role_quote.headings[index], border=1, align="L")
            pdf.ln(6)
            pdf.set_font("DejaVu", "", 7)
        cells = _cells(line, quote.vat_rate, "unit" in role_quote.columns, style, rate_style, role_quote.program)
        cells.update(zip(_TAKEOFF_COLUMNS, [*takeoff, "", "", "", ""], strict=False))
        cells["designation"] = line.designation
        if role_quote.dress is not None:
            role_quote.dress(index, cells)  # the wording dressed before it is fitted to its cell
        wording = cells["designation"]
        cells["designation"] = _fit(pdf, wording, widths["designation"])
        if role_quote.takeoff == "wording" and takeoff:
            written = _takeoff_wording(takeoff, measures)
            room = widths["designation"] - pdf.get_string_width(written) - 2
            cells["designation"] = f"{_fit(pdf, wording, room)} {written}"
        for role in order:
            pdf.cell(widths[role], 6, cells[role], border=1, align="L" if role == "designation" else "R")
        pdf.ln(6)
    if role_quote.foot is not None:
        role_quote.foot(pdf)
        return bytes(pdf.output())
    if role_quote.program is not None and role_quote.program.legend:
        pdf.set_font("DejaVu", "", 6)
        pdf.cell(0, 5, role_quote.program.legend, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    totals = [("Total HT", quote.total_ht)]
    totals += [(f"TVA {rate_text(rate)} %", vat) for rate, (_, vat) in quote.vat_recap.items()]
    totals.append(("Total TTC", quote.total_ttc))
    for label, value in totals:
        pdf.set_font("DejaVu", "B" if "TTC" in label else "", 8)
        pdf.cell(140, 5, label, align="R")
        pdf.cell(0, 5, style.amount(value), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _cells(
    line: Line, doc_rate: Decimal, unit_column: bool, style: Style, rate_style: str, program: Program | None = None
) -> dict[str, str]:
    rate = line.vat_rate if line.vat_rate is not None else doc_rate
    vat = (line.total * rate / 100).quantize(CENT, ROUND_HALF_UP)
    net = net_price(line.unit_price, line.discount_pct or None)
    if program is None:
        quantity, unit = style.quantity(line.quantity), style.unit(line.unit)
        price, net_text = style.amount(line.unit_price), style.amount(net)
    else:
        quantity, unit = _places(style, line.quantity, program.quantity_places), program.codes[line.unit]
        price = _places(style, line.unit_price, program.price_places) + style.currency
        net_text = _places(style, net, program.price_places) + style.currency
    glued = program is not None and program.glued
    return {
        "qty": quantity if unit_column else f"{quantity}{unit}" if glued else f"{quantity} {unit}",
        "unit": unit,
        "pu": price,
        "discount": rate_style.format(rate_text(line.discount_pct)) if line.discount_pct else "",
        "pu_net": net_text,
        "total": style.amount(line.total),
        "vat": rate_style.format(rate_text(rate)),
        "vat_amount": style.amount(vat),
        "total_ttc": style.amount(line.total + vat),
        "pu_ttc": style.amount((net * (1 + rate / 100)).quantize(CENT, ROUND_HALF_UP)),
    }


def misreadings(role_quote: RoleQuote, reading: DocumentReading) -> list[str]:
    """What the reading got wrong, "kind: detail" each (empty when all is right)."""
    cells = {id(line): takeoff for line, takeoff in zip(role_quote.quote.lines, role_quote.takeoff_cells, strict=True)}

    def takeoff(line: Line, match: QuoteLine) -> list[str]:
        figures = {cell.lstrip("-") for cell in cells[id(line)] if cell}
        if figures & {word.lstrip("-") for word in match.designation.split()}:
            return [f"take-off in wording: {match.designation[:60]}"]
        return []

    return quote_faults(role_quote.quote, reading, takeoff)
