"""Tables printing figures that close quantity × price = amount by chance, beside or instead of a
line's own, with their truth: the reader must keep the line's reading and no other.

Each seed draws a table of ``role_layouts`` (its columns, order, header or none) and one kind:

- ``rate``: some lines' discount rate or VAT rate closes as their quantity (25 × 5,00 − 20 % =
  100,00 = 20 × 5,00; 12,5 × 8,00 − 20 % = 80,00 = 10 × 8,00 at a VAT rate of 10 %): both
  readings close, only the columns (a header's, or the column every other row prints a figure
  in) tell the line's; a discount column is printed;
- ``heading``: room headings carrying their take-off across the table (« SALLE DE BAIN – 5,76 ×
  3,57 × h 2,60 m – sol 20,56 m² », « Chambre 2 (4,20 x 3,10 = 13,02 m²) »): length × width
  closes as a quantity × a price, and the total counts no such row;
- ``measure``: wordings ending in a size, a count or a measure (« … 1,20 par 0,90 m », « … 60 x 60
  cm », « … lot de 3 »), right before the line's figures;
- ``derived``: the unit price printed with the figures it is derived from, in columns right before
  it: a base price and a coefficient (« PU de base | Coef. | PU HT »: 63,91 × 1,15 = 73,50), the
  supply and the labour (18,40 + 26,10 = 44,50), a pack's price and its count (45,60 / 12 =
  3,80): two equations close on the row, the line's is the one whose amount the total counts;
  half of them in the sheet's general format as below;
- ``bare``: every figure in a spreadsheet's general format (« 12,5 », « 1234,5 », « 22 »: no
  currency, no thousands mark, no trailing zero), the unit in a column of its own: the quantity
  and the unit price are both bare numbers, their product the same either way round.

The last two are drawn apart (the seeds drawing one of the first three print as before).

``misreadings`` is ``quote_faults`` (a line lost, misread or extra, totals, a false arithmetic
error). Used by ``bench/bench_reader_fuzz.py --closing``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from layout_fuzzer import quote_faults
from role_layouts import PAGE_WIDTH, OnRoleTable, RoleQuote, build_roles, column_width
from unseen_layouts import CENT, Style

from billma_core.models import DocumentReading

KINDS = ("rate", "heading", "measure")
SHEET_KINDS = ("derived", "bare")
_DERIVATIONS = {"coef": ("base", "coef"), "parts": ("supply", "labour"), "pack": ("pack", "count")}
_COEFFICIENTS = [Decimal(v) for v in ("1", "1.05", "1.1", "1.15", "1.2", "1.25", "0.9", "1.3")]
_PACKS = [4, 5, 6, 10, 12, 20, 25]
_REMOVABLE = ("pu_ttc", "vat_amount", "total_ttc", "pu_net")
_WIDE_WORDING = 48.0
# (quantity, discount %) whose net quantity q × (1 − d) is a rate a row may print: the discount
# itself or the VAT rate (by the document's rate).
_CLOSING = {
    Decimal(20): [(Decimal(25), Decimal(20)), (Decimal(100), Decimal(50)), (Decimal(300), Decimal(75))],
    Decimal(10): [(Decimal(20), Decimal(50)), (Decimal("12.5"), Decimal(20)), (Decimal(25), Decimal(20))],
}
_ROOMS = ["Salle de bain", "Chambre 1", "Chambre 2", "Séjour", "Cuisine", "Entrée", "Dégagement", "WC"]
_HEADINGS = [
    "{room} – {l} × {w} × h {h} m – sol {area} m²",
    "{room} ({l} x {w} = {area} m²)",
    "{room} : {l} m x {w} m, soit {area} m²",
    "{room} - L {l} l {w} - surface {area} m2",
    "{room}   {l} x {w}   {area} m²",
    "{room} – périmètre {perimeter} ml × h {h} m",
]
_MEASURES = ["{a} x {b} m", "{a} par {b} m", "{a} × {b}", "{n} x {n} cm", "ép. {n} mm", "lot de {k}", "h {a} m"]


@dataclass
class ClosingQuote(OnRoleTable):
    table: RoleQuote
    kind: str
    derivation: str = "none"  # ``derived``: how the unit price is derived (``_DERIVATIONS``)
    general: bool = False  # the figures in the sheet's general format

    def names(self) -> dict[str, str]:
        """The conventions the bench counts faults by."""
        names = {**self.table.names(), "closing": self.kind}
        return {**names, "derivation": self.derivation, "general format": str(self.general)}


def build_closing(seed: int) -> ClosingQuote:
    made: dict[str, str] = {}

    def compose(table: RoleQuote, style: Style) -> None:
        rng = random.Random(f"closing-{seed}")
        kind = rng.choice(KINDS)
        sheet = random.Random(f"closing-sheet-{seed}")  # apart: the other seeds draw as before
        if sheet.random() < 0.4:
            kind, rng = sheet.choice(SHEET_KINDS), sheet
        made["kind"] = kind
        if kind == "derived":
            made["derivation"] = _derived(table, style, rng)
            made["general"] = str(rng.random() < 0.5)
        elif kind == "bare":
            made["general"] = "True"
        else:
            {"rate": _rates, "heading": _headings, "measure": _measures}[kind](table, style, rng)
        if made.get("general") == "True":
            _general(table, style, rng)

    table = build_roles(seed, compose)
    general = made.get("general") == "True"
    return ClosingQuote(table, made["kind"], made.get("derivation", "none"), general)


def _rates(table: RoleQuote, style: Style, rng: random.Random) -> None:
    """A discount column, and half the lines without a take-off (the first at least) priced so
    that a rate closes."""
    if "discount" not in table.columns:
        table.columns.insert(rng.randint(0, len(table.columns)), "discount")
    if "total" not in table.columns:
        table.columns.insert(rng.randint(0, len(table.columns)), "total")
    quote = table.quote
    quote.vat_rate = rng.choice(list(_CLOSING))
    # A line whose take-off makes its quantity keeps it: the others may close by their rate.
    free = [index for index, cells in enumerate(table.takeoff_cells) if not cells]
    chosen = {index for index in free if rng.random() < 0.5} | set(free[:1])
    for index, line in enumerate(quote.lines):
        if line.vat_rate is not None:
            line.vat_rate = quote.vat_rate  # the rate the pairs are drawn for
        if index not in chosen:
            continue
        line.quantity, line.discount_pct = rng.choice(_CLOSING[quote.vat_rate])
        # A price in tens of cents: the net price and the amount are exact, the two readings equal.
        line.unit_price = (line.unit_price * 10).quantize(Decimal(1), ROUND_HALF_UP) / 10


def _figure(style: Style, value: Decimal) -> str:
    return f"{value:.2f}".replace(".", style.mark)


def _headings(table: RoleQuote, style: Style, rng: random.Random) -> None:
    """A room heading carrying its take-off before the first line and some others."""
    rooms = rng.sample(_ROOMS, len(table.quote.lines))
    for index, room in enumerate(rooms):
        if index and rng.random() < 0.6:
            continue
        length = Decimal(rng.randint(200, 650)) / 100
        width = Decimal(rng.randint(150, 450)) / 100
        height = rng.choice([Decimal("2.40"), Decimal("2.50"), Decimal("2.60"), Decimal("2.70")])
        area = (length * width).quantize(CENT, ROUND_HALF_UP)
        text = rng.choice(_HEADINGS).format(
            room=room.upper() if rng.random() < 0.5 else room,
            l=_figure(style, length),
            w=_figure(style, width),
            h=_figure(style, height),
            area=_figure(style, area),
            perimeter=_figure(style, 2 * (length + width)),
        )
        table.headings[index] = text


def _measures(table: RoleQuote, style: Style, rng: random.Random) -> None:
    """Half the lines' wordings (the first at least) end in a size, a count or a measure."""
    for index, line in enumerate(table.quote.lines):
        if index and rng.random() < 0.5:
            continue
        measure = rng.choice(_MEASURES).format(
            a=_figure(style, Decimal(rng.randint(40, 350)) / 100),
            b=_figure(style, Decimal(rng.randint(40, 250)) / 100),
            n=rng.choice([10, 13, 20, 30, 45, 60, 100]),
            k=rng.randint(2, 12),
        )
        line.designation = f"{line.designation} {measure}"


def _derived(table: RoleQuote, style: Style, rng: random.Random) -> str:
    """Two columns right before the unit price's that derive it, for every line; the unit prices
    set to what they make. Returns the derivation drawn."""
    derivation = rng.choice(list(_DERIVATIONS))
    at = table.columns.index("pu")
    table.columns[at:at] = list(_DERIVATIONS[derivation])
    while sum(map(column_width, table.columns)) > PAGE_WIDTH - _WIDE_WORDING:
        spare = [role for role in table.columns if role in _REMOVABLE or role == "unit"]
        if "total" not in table.columns or not spare:
            break
        table.columns.remove(rng.choice(spare))
    cells: list[dict[str, str]] = []
    for line in table.quote.lines:
        price = line.unit_price
        if derivation == "coef":
            coefficient = rng.choice(_COEFFICIENTS)
            base = (price / coefficient).quantize(CENT, ROUND_HALF_UP)
            line.unit_price = (base * coefficient).quantize(CENT, ROUND_HALF_UP)
            cells.append({"base": style.amount(base), "coef": _bare(coefficient, style.mark)})
        elif derivation == "parts":
            supply = (price * Decimal(rng.randint(25, 65)) / 100).quantize(CENT, ROUND_HALF_UP)
            cells.append({"supply": style.amount(supply), "labour": style.amount(price - supply)})
        else:
            count = rng.choice(_PACKS)
            line.unit_price = price.quantize(Decimal("0.1"), ROUND_HALF_UP)  # the pack's price exact
            cells.append({"pack": style.amount(line.unit_price * count), "count": str(count)})

    def dress(index: int, row: dict[str, str]) -> None:
        row.update(cells[index])

    table.dress = dress
    return derivation


def _bare(value: Decimal, mark: str) -> str:
    """``value`` in a sheet's general format: no trailing zero, no thousands mark (« 12,5 »)."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", mark)


def _general(table: RoleQuote, style: Style, rng: random.Random) -> None:
    """Every figure of the table and the totals in the sheet's general format; the unit in its
    own column (the quantity as bare as the unit price)."""
    if "unit" not in table.columns:
        table.columns.insert(rng.randint(0, table.columns.index("qty") + 1), "unit")
    style.currency = ""
    style.grouping = ""
    style.cents_cell = ""
    dressed = table.dress
    figures = ("qty", "pu", "pu_net", "total", "vat_amount", "total_ttc", "pu_ttc", "base", "supply", "labour", "pack")

    def dress(index: int, row: dict[str, str]) -> None:
        if dressed is not None:
            dressed(index, row)
        for role in figures:
            if row.get(role):
                # Its digits and its decimal mark: the currency and the thousands marks dropped.
                printed = "".join(c for c in row[role] if c.isdigit() or c in (style.mark, "-"))
                row[role] = _bare(Decimal(printed.replace(style.mark, ".")), style.mark)

    table.dress = dress


def misreadings(cq: ClosingQuote, reading: DocumentReading) -> list[str]:
    """What the reading got wrong, "kind: detail" each (empty when all is right)."""
    return quote_faults(cq.quote, reading)
