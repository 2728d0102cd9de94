"""Quotes that draw several of the fuzzers' axes at once, with their truth: each new held-out set
broke the reader where two conventions met that no single fuzzer printed together.

Each seed draws, from the existing drawers and independently: the figure columns and their order
and the take-off before the quantity (``role_layouts.draw_columns`` and its take-off), the number
format (``unseen_layouts.Style``: thousands separator, decimal mark, currency), amounts printed
euros | cents in two cells (as ``layout_fuzzer._draw_cents``), what a row prints around its
figures (``noise_layouts.draw``: a reference code or an item number opening the wording, a date in
it, the unit glued to the quantity, the currency before the amount), a mark after the row's last
figure or before its wording (``layout_fuzzer``'s marks: a VAT letter, a footnote's mark, a tax
word, a box), where the unit stands without a unit column (after the quantity, glued, before it),
and the foot block (``foot_layouts.draw_foot``: labels, order, place, a discount on the total, a
deposit, VAT per rate, a recap). ``misreadings`` is the foot fuzzer's (lines, totals HT and TTC, a
false arithmetic error). Used by ``bench/bench_reader_fuzz.py --composed`` and by
``test_reading_composed.py`` (a property over the drawer).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from foot_layouts import FootQuote, block, draw_foot, settle
from foot_layouts import misreadings as foot_misreadings
from layout_fuzzer import _FOOTNOTES, _LEADING_MARKS
from noise_layouts import _CODE_LETTERS, _DATES, NoiseConventions
from noise_layouts import draw as draw_noise
from role_layouts import _CONFIRMING, OnRoleTable, RoleQuote, build_roles
from unseen_layouts import Style

from billma_core.models import DocumentReading

_MONEY = ("pu", "pu_net", "total", "vat_amount", "total_ttc", "pu_ttc")
_TRAILING = ["vat letter", "asterisk", "footnote", "tax", "checkbox", "page code"]
_UNIT_PLACES = ["after", "glued", "before"]


@dataclass
class Composed:
    """What a seed drew beyond its table's columns and take-off."""

    noise: NoiseConventions
    cents_cell: str
    trailing: str
    leading: str
    unit_place: str
    marks: list[str] = field(default_factory=list)  # each line's trailing mark ("" none)


@dataclass
class ComposedQuote(OnRoleTable):
    table: RoleQuote
    composed: Composed
    foot: FootQuote

    def names(self) -> dict[str, str]:
        """The conventions the bench counts faults by."""
        c = self.composed
        names = self.table.names()
        names.update({f"foot {name}": value for name, value in self.foot.names().items()})
        names.update(
            {
                "cents cell": str(bool(c.cents_cell)),
                "currency": c.noise.currency,
                "code": str(c.noise.code is not None),
                "numbered": str(c.noise.numbered),
                "date": str(c.noise.date),
                "trailing mark": c.trailing or "none",
                "leading mark": str(bool(c.leading)),
                "quantity unit": c.unit_place if "unit" not in self.table.columns else "column",
            }
        )
        return names


def build_composed(seed: int) -> ComposedQuote:
    made: dict[str, object] = {}

    def compose(table: RoleQuote, style: Style) -> None:
        rng = random.Random(f"composed-dress-{seed}")
        noise = draw_noise(rng)
        composed = Composed(
            noise=noise,
            cents_cell=rng.choice([" ", "  ", "   ", "    "]) if rng.random() < 0.3 else "",
            trailing="vat letter" if noise.vat_letter else rng.choice(_TRAILING) if rng.random() < 0.3 else "",
            leading=rng.choice(_LEADING_MARKS) if rng.random() < 0.25 else "",
            unit_place="glued" if noise.glued_units else rng.choice(_UNIT_PLACES),
        )
        if composed.cents_cell:
            noise.currency = "none"  # a form's "€ | c" columns print no currency (``_draw_cents``)
        if noise.currency != "after":
            style.currency = ""  # "before": the dress prints it
        style.cents_cell = composed.cents_cell
        composed.marks = [_mark(composed.trailing, rng) for _ in table.quote.lines]
        foot = _foot(table, style, rng)
        table.dress = lambda index, cells: _dress(composed, table, index, cells, rng)
        table.foot = lambda pdf: block(pdf, foot, rng)
        made.update(composed=composed, foot=foot)

    table = build_roles(seed, compose)
    composed, foot = made["composed"], made["foot"]
    assert isinstance(composed, Composed) and isinstance(foot, FootQuote)
    return ComposedQuote(table, composed, foot)


def _mark(kind: str, rng: random.Random) -> str:
    """One line's trailing mark of the drawn kind (a footnote's on some lines only)."""
    if kind == "vat letter":
        return rng.choice("ABC")
    if kind == "asterisk":
        return "*" if rng.random() < 0.5 else ""
    if kind == "footnote":
        return rng.choice(_FOOTNOTES) if rng.random() < 0.5 else ""
    if kind == "tax":
        return "HT"
    if kind == "checkbox":
        return rng.choice(["☐", "☑"])
    if kind == "page code":
        return f"{rng.choice('PLF')}{rng.randint(1, 3)}"
    return ""


def _foot(table: RoleQuote, style: Style, rng: random.Random) -> FootQuote:
    """The foot fuzzer's block over the table's lines: lines priced HT (the table's own TTC
    columns say the rest), taxed when the table prints a tax figure."""
    foot = draw_foot(rng)
    foot.lines_ttc = False
    if set(table.columns) & set(_CONFIRMING) and foot.vat in ("exempt", "reverse charge"):
        foot.vat, foot.print_ht, foot.print_ttc = "one rate", True, True
    return settle(table.quote, foot, style, rng)


def _dress(c: Composed, table: RoleQuote, index: int, cells: dict[str, str], rng: random.Random) -> None:
    """A line's cells as the seed prints them: the unit by the quantity, the currency before the
    amounts, an opening code or number, a date, marks before the wording and after the figures."""
    noise = c.noise
    if "unit" not in table.columns and " " in cells["qty"]:
        quantity, unit = cells["qty"].split(" ", 1)
        cells["qty"] = {"after": f"{quantity} {unit}", "glued": f"{quantity}{unit}", "before": f"{unit} {quantity}"}[
            c.unit_place
        ]
    if noise.currency == "before":
        for role in _MONEY:
            if cells.get(role):
                cells[role] = f"€ {cells[role]}"
    wording = cells["designation"]
    if noise.date and rng.random() < 0.5:
        date = rng.choice(_DATES).format(d=rng.randint(1, 28), m=rng.randint(1, 12), w=rng.randint(2, 50))
        wording = f"{wording} {date}"
    opening = [f"{index + 1}."] if noise.numbered else []
    if noise.code is not None:
        opening.append(noise.code.format(a=rng.choice(_CODE_LETTERS), n=rng.randint(1, 999)))
    if c.leading:
        opening.append(c.leading)
    cells["designation"] = " ".join([*opening, wording])
    last = table.columns[-1]
    if c.marks[index] and cells.get(last):
        cells[last] = f"{cells[last]} {c.marks[index]}"


def misreadings(cq: ComposedQuote, reading: DocumentReading) -> list[str]:
    """What the reading got wrong, "kind: detail" each (empty when all is right)."""
    return foot_misreadings(cq.foot, reading)
