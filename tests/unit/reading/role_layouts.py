"""Tables whose figure columns are a random subset, in a random order, of the roles a quote line
may print, with consistent figures and their truth: conventions no one listed.

Each seed draws the columns among quantity, unit, unit price HT, discount %, net unit price,
amount HT, VAT rate, VAT amount, amount TTC and unit price TTC (enough of them for the line's HT
to follow from the row: a unit price, and the amount HT or two of the figures that confirm it),
shuffles them, prints a header over them or none, one VAT rate or one per line, and the totals.
``misreadings`` names what a reading got wrong. Used by ``bench/bench_reader_fuzz.py --roles``
and by ``test_reading_roles.py`` (a fixed sample).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from fpdf.enums import XPos, YPos
from layout_fuzzer import line_faults
from unseen_layouts import CENT, Line, Style, UnseenQuote, _fit, _letterhead, _lines, _luhn_siret, _pdf

from billma_core.models import DocumentReading, Flag
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
}
_WIDTHS = {"qty": 13.0, "unit": 10.0, "discount": 12.0, "vat": 11.0}
_MONEY_WIDTH = 19.0
_PAGE_WIDTH = 178.0
_MIN_WORDING = 48.0
_CONFIRMING = ("vat", "vat_amount", "total_ttc", "pu_ttc")


@dataclass
class RoleQuote:
    quote: UnseenQuote
    columns: list[str]  # the figure columns, in their printed order
    header: bool
    several_rates: bool

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
        }

    @property
    def pdf(self) -> bytes:
        return self.quote.pdf


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
    while _PAGE_WIDTH - sum(_width(role) for role in columns) < _MIN_WORDING:
        confirming = [r for r in columns if r in _CONFIRMING]
        spare = "total" in columns or len(confirming) > 2
        columns.remove(rng.choice([r for r in columns if r in ("unit", "pu_net") or (spare and r in confirming)]))
    return columns


def _width(role: str) -> float:
    return _WIDTHS.get(role, _MONEY_WIDTH)


def build_roles(seed: int) -> RoleQuote:
    rng = random.Random(f"roles-{seed}")
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
    quote = UnseenQuote("roles", seed, f"DV-{seed:05d}", _luhn_siret(rng), lines, rate)
    role_quote = RoleQuote(quote, columns, header=rng.random() < 0.75, several_rates=several)
    quote.pdf = _render(role_quote, style, rng)
    return role_quote


def _render(role_quote: RoleQuote, style: Style, rng: random.Random) -> bytes:
    quote = role_quote.quote
    pdf = _pdf()
    pdf.add_page()
    _letterhead(pdf, quote, rng)
    order = ["designation", *role_quote.columns]
    widths = {role: _width(role) for role in role_quote.columns}
    widths["designation"] = _PAGE_WIDTH - sum(widths.values())
    if role_quote.header:
        words = {role: rng.choice(_HEADERS[role]) for role in role_quote.columns}
        pdf.set_font("DejaVu", "B", 6)
        pdf.cell(widths["designation"], 6, "Désignation", border=1)
        for role in role_quote.columns:
            pdf.cell(widths[role], 6, words[role], border=1, align="C")
        pdf.ln(6)
    pdf.set_font("DejaVu", "", 7)
    rate_style = rng.choice(["{} %", "{}", "{}%"])
    for line in quote.lines:
        cells = _cells(line, quote.vat_rate, "unit" in role_quote.columns, style, rate_style)
        cells["designation"] = _fit(pdf, line.designation, widths["designation"])
        for role in order:
            pdf.cell(widths[role], 6, cells[role], border=1, align="L" if role == "designation" else "R")
        pdf.ln(6)
    pdf.ln(3)
    totals = [("Total HT", quote.total_ht)]
    totals += [(f"TVA {_rate(rate)} %", vat) for rate, (_, vat) in quote.vat_recap.items()]
    totals.append(("Total TTC", quote.total_ttc))
    for label, value in totals:
        pdf.set_font("DejaVu", "B" if "TTC" in label else "", 8)
        pdf.cell(140, 5, label, align="R")
        pdf.cell(0, 5, style.amount(value), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _rate(rate: Decimal) -> str:
    return f"{rate.normalize():f}".replace(".", ",")


def _cells(line: Line, doc_rate: Decimal, unit_column: bool, style: Style, rate_style: str) -> dict[str, str]:
    rate = line.vat_rate if line.vat_rate is not None else doc_rate
    vat = (line.total * rate / 100).quantize(CENT, ROUND_HALF_UP)
    net = net_price(line.unit_price, line.discount_pct or None)
    quantity = style.quantity(line.quantity)
    unit = style.unit(line.unit)
    return {
        "qty": quantity if unit_column else f"{quantity} {unit}",
        "unit": unit,
        "pu": style.amount(line.unit_price),
        "discount": rate_style.format(_rate(line.discount_pct)) if line.discount_pct else "",
        "pu_net": style.amount(net),
        "total": style.amount(line.total),
        "vat": rate_style.format(_rate(rate)),
        "vat_amount": style.amount(vat),
        "total_ttc": style.amount(line.total + vat),
        "pu_ttc": style.amount((net * (1 + rate / 100)).quantize(CENT, ROUND_HALF_UP)),
    }


def misreadings(role_quote: RoleQuote, reading: DocumentReading) -> list[str]:
    """What the reading got wrong, "kind: detail" each (empty when all is right)."""
    quote, truth = reading.quote, role_quote.quote
    if quote is None:
        return ["no quote read"]
    read = list(quote.lines)
    wrong, _ = line_faults(truth.lines, read, lambda unit: unit)
    wrong += [f"extra line: {x.designation[:40]} {x.total_ht}" for x in read]
    if quote.total_ht != truth.total_ht:
        wrong.append(f"total HT: {quote.total_ht} (truth {truth.total_ht})")
    if quote.total_ttc != truth.total_ttc:
        wrong.append(f"total TTC: {quote.total_ttc} (truth {truth.total_ttc})")
    if Flag.ARITHMETIC_ERROR in reading.flags:
        wrong.append("false arithmetic_error")
    return wrong
