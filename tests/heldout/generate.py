"""Held-out quote generator: synthetic French repair quotes with ground truth.

    .venv/bin/python -m tests.heldout.generate OUT_DIR [--n 40] [--scans 15] [--seed 7]

Deterministic from the seed (the ground truth is; Chromium's PDF bytes carry a timestamp).
Writes ``NN_<name>.pdf|png|jpg`` + ``NN_<name>.json`` (the corpus ground-truth format, see
``shared/corpus/README.md``) and ``manifest.json``. Layouts differ from the corpus's A/B/C:

- ``cols``: fpdf2 table, columns in another order (Réf., Qté, U., Désignation, PU, Montant);
- ``freetext``: one sentence per line ("Peinture murs - 32,40 m2 x 28,00 € = 907,20 €");
- ``html``: an HTML quote with lots per trade printed to PDF by headless Chromium;
- ``multipage``: a long fpdf2 table over several pages, headers repeated, "À reporter" lines;

and scans/photos of some of them (``media`` ``scan_png``, ``scan_jpeg``, ``scan_pdf``,
``photo_jpeg``). Expected outcomes follow DESIGN.md: scope 650–6 500 € TTC; a line is
overpriced above typical × regional coefficient × 1.15, with typical prices from
BAREME-FACTS.md and the coefficient only known as a plausible range per place; whenever the
range makes a verdict uncertain the flag goes to ``optional_flags`` and
``expected.acceptable_outcomes`` lists every outcome a correct robot may give.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from tests.heldout.catalog import (
    BDG,
    CLIENTS,
    COMPANY_NAMES,
    DDE,
    INC,
    INTERIOR,
    ITEMS,
    REGIONS,
    ROOMS,
    SITE,
    STREETS,
    SURFACE_CATEGORIES,
    TGN,
    Item,
    Region,
)
from tests.heldout.set_plan import write_json

TOLERANCE = 1.15
SCOPE = (650.0, 6500.0)
LAYOUTS = ("cols", "freetext", "html", "multipage")
SCAN_MEDIA = ("scan_png", "scan_jpeg", "scan_pdf", "photo_jpeg", "scan_pdf", "scan_png")


def money(value: float | Decimal) -> float:
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(prefix: str) -> str:
    for last in "0123456789":
        if luhn_ok(prefix + last):
            return prefix + last
    raise AssertionError(prefix)


def make_siret(rng: random.Random, valid: bool) -> str:
    siren = luhn_complete(str(rng.randint(30_000_000, 99_999_999)))
    siret = luhn_complete(siren + f"{rng.randint(1, 9):04d}")
    if not valid:
        last = (int(siret[-1]) + rng.randint(1, 9)) % 10
        siret = siret[:-1] + str(last)
    return siret


def vat_number(siret: str) -> str:
    siren = int(siret[:9])
    return f"FR{(12 + 3 * (siren % 97)) % 97:02d}{siret[:9]}"


@dataclass
class Line:
    designation: str
    quantity: float
    unit: str
    unit_price_ht: float
    total_ht: float
    tva_rate: float
    category: str
    room: str | None
    typical: float | None
    measurable: bool
    price_ratio: float | None
    trade: str = ""

    def truth(self) -> dict[str, Any]:
        return {
            "designation": self.designation,
            "quantity": self.quantity,
            "unit": self.unit,
            "unit_price_ht": self.unit_price_ht,
            "total_ht": self.total_ht,
            "tva_rate": self.tva_rate,
            "category": self.category,
            "room": self.room,
            "typical_unit_price_ht": self.typical,
            "measurable": self.measurable,
            "price_ratio": self.price_ratio,
        }


@dataclass
class Quote:
    index: int
    scenario: str
    cover: str
    layout: str
    region: Region
    artisan: dict[str, Any]
    client: dict[str, Any]
    number: str
    date: str
    valid_until: str
    claim_reference: str | None
    date_of_loss: str
    lines: list[Line]
    style: dict[str, Any]
    total_ht: float = 0.0
    total_tva: float = 0.0
    total_ttc: float = 0.0
    vat_breakdown: list[dict[str, float]] = field(default_factory=list)
    arithmetic_error: dict[str, Any] | None = None
    expected: dict[str, Any] = field(default_factory=dict)
    media: str = "text_pdf"
    file: str = ""

    def compute_totals(self) -> None:
        by_rate: dict[float, float] = {}
        for line in self.lines:
            by_rate[line.tva_rate] = by_rate.get(line.tva_rate, 0.0) + line.total_ht
        self.vat_breakdown = [
            {"rate": rate, "base_ht": money(base), "tva": money(Decimal(str(money(base))) * Decimal(str(rate)) / 100)}
            for rate, base in sorted(by_rate.items(), reverse=True)
        ]
        self.total_ht = money(sum(Decimal(str(line.total_ht)) for line in self.lines))
        self.total_tva = money(sum(Decimal(str(v["tva"])) for v in self.vat_breakdown))
        self.total_ttc = money(Decimal(str(self.total_ht)) + Decimal(str(self.total_tva)))


# --------------------------------------------------------------------------- building


def _qty(rng: random.Random, item: Item) -> float:
    lo, hi = item.qty_range
    if item.unit in ("u", "forfait", "ens", "j"):
        return float(rng.randint(int(lo), int(hi)))
    if item.unit == "h":
        return float(rng.choice([n / 2 for n in range(int(lo * 2), int(hi * 2) + 1)]))
    return money(rng.uniform(lo, hi))


def _price(rng: random.Random, typical: float, ratio: float) -> float:
    raw = typical * ratio
    if rng.random() < 0.5 and raw > 20:
        return money(round(raw * 2) / 2)
    return money(raw)


def _fair_ratio(rng: random.Random, region: Region, base: float) -> float:
    # certain to pass: ≤ lowest plausible coefficient × 1.15, with 2 % margin
    hi = min(base * 1.06, region.coef_lo * TOLERANCE * 0.98)
    return rng.uniform(base * 0.93, hi)


def _make_line(
    rng: random.Random,
    category: str,
    region: Region,
    ratio_base: float,
    room: str | None,
    room_in_text: bool,
    tva: float,
    ratio: float | None = None,
) -> Line:
    item = ITEMS[category]
    quantity = _qty(rng, item)
    r = ratio if ratio is not None else _fair_ratio(rng, region, ratio_base)
    unit_price = _price(rng, item.typical, r)
    designation = rng.choice(item.variants)
    if room and room_in_text:
        if rng.random() < 0.7:
            designation = f"{designation} {rng.choice(['-', '–', '/'])} {room}"
        else:
            designation = f"{designation} ({room.lower()})"
    return Line(
        designation=designation,
        quantity=quantity,
        unit=item.unit,
        unit_price_ht=unit_price,
        total_ht=money(Decimal(str(quantity)) * Decimal(str(unit_price))),
        tva_rate=tva,
        category=category,
        room=room if room else None,
        typical=item.typical,
        measurable=True,
        price_ratio=round(unit_price / item.typical, 3),
        trade=item.trade,
    )


def _pick_categories(rng: random.Random, cover: str, count: int) -> list[str]:
    if cover == BDG:
        cats = ["double_glazing"] * count
        if rng.random() < 0.4:
            cats[-1] = "travel_setup"
        return cats
    pool = [c for c in INTERIOR if not (cover in (INC, TGN) and c == "wall_tiling")]
    chosen = rng.sample(pool, k=min(count, len(pool)))
    extra = rng.sample(SITE, k=rng.randint(1, 3))
    return extra[:1] + chosen + extra[1:]


def _style(rng: random.Random, layout: str) -> dict[str, Any]:
    return {
        "thousands": rng.choice([" ", "\u00a0", "\u202f", ".", ""]),
        "currency": rng.choice(["€", "€", "EUR", ""]),
        "siret_grouped": rng.random() < 0.5,
        "qty_before_designation": layout == "cols" or rng.random() < 0.3,
        "tva_column": rng.random() < 0.5,
        "price_header": rng.choice(["PU HT", "Prix unitaire", "P.U. H.T.", "Prix U. HT"]),
        "total_header": rng.choice(["Montant HT", "Total H.T.", "Montant", "Total HT"]),
        "qty_header": rng.choice(["Qté", "Quantité", "Qte"]),
        "unit_header": rng.choice(["U.", "Unité", "Un."]),
        "unit_labels": rng.choice(["plain", "symbols", "upper"]),
        "number_label": rng.choice(["DEVIS N°", "Devis n° :", "Proposition n°", "Devis réf.", "N° de devis :"]),
        "date_style": rng.choice(["slash", "long", "dots"]),
        "site_label": rng.choice(
            ["Adresse du chantier :", "Lieu d'intervention :", "Chantier :", "Lieu des travaux :"]
        ),
        "report_lines": rng.random() < 0.5,
        "font_size": rng.choice([8.5, 9, 9.5]),
    }


def _number(rng: random.Random, year: int) -> str:
    n = rng.randint(12, 987)
    return rng.choice(
        [
            f"DV{year % 100}-{n:04d}",
            f"{year}/{n:03d}",
            f"D-{year}-{n:05d}",
            f"DEV.{year % 100}.{n:03d}",
            f"Q{year}{n:04d}",
            f"ART-{year}-{n}",
            f"{year}{rng.randint(1, 12):02d}-{n:03d}",
        ]
    )


def build_quote(
    rng: random.Random,
    index: int,
    scenario: str,
    cover: str,
    layout: str,
    pick: Callable[[random.Random, str, int], list[str]] | None = None,
) -> Quote:
    """A quote of that scenario; ``pick`` chooses its work categories (default: the interior trades)."""
    if scenario == "regional_fair":
        region = rng.choice([r for r in REGIONS if r.coef_lo >= 1.10])
    elif scenario == "slightly_high":
        region = rng.choice([r for r in REGIONS if r.coef_hi <= 1.15])
    else:
        region = rng.choice(REGIONS)
    ratio_base = region.coef_lo if scenario == "regional_fair" else 1.0
    valid_siret = scenario != "invalid_siret"
    siret = make_siret(rng, valid_siret)
    name, legal = rng.choice(COMPANY_NAMES)
    art_region = region if rng.random() < 0.6 else rng.choice(REGIONS)
    artisan_cp = art_region.postal_code if rng.random() < 0.4 else art_region.postal_code[:-1] + str(rng.randint(0, 9))
    artisan = {
        "name": name,
        "legal_form": legal,
        "siret": siret,
        "siret_valid": valid_siret,
        "tva_number": vat_number(siret),
        "address": f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
        "postal_code": artisan_cp,
        "city": art_region.city,
    }
    client = {
        "name": rng.choice(CLIENTS),
        "address": f"{rng.randint(1, 80)} {rng.choice(STREETS)}",
        "postal_code": region.postal_code,
        "city": region.city,
    }
    year = rng.choice([2025, 2025, 2026])
    month, day = rng.randint(2, 12 if year == 2025 else 10), rng.randint(1, 28)
    loss_month = max(1, month - 1)
    date = f"{year}-{month:02d}-{day:02d}"
    valid_until = f"{year + (month + 3 > 12)}-{(month + 2) % 12 + 1:02d}-{day:02d}"
    style = _style(rng, layout)
    mixed_vat = style["tva_column"] and layout != "freetext" and rng.random() < 0.5
    base_rate = 5.5 if cover == BDG and rng.random() < 0.3 else 10.0
    multipage = layout == "multipage"
    count = rng.randint(14, 22) if multipage else rng.randint(4, 9)
    if cover == BDG:
        count = rng.randint(2, 4)
    use_rooms = cover != BDG
    quote = Quote(
        index=index,
        scenario=scenario,
        cover=cover,
        layout=layout,
        region=region,
        artisan=artisan,
        client=client,
        number=_number(rng, year),
        date=date,
        valid_until=valid_until,
        claim_reference=rng.choice([None, f"SIN-{year}-{rng.randint(10000, 99999)}", f"{rng.randint(10**8, 10**9)}"]),
        date_of_loss=f"{year}-{loss_month:02d}-{rng.randint(1, 28):02d}",
        lines=[],
        style=style,
    )
    target = {
        "below_scope": (300.0, 600.0),
        "above_scope": (7200.0, 11000.0),
    }.get(scenario, (900.0, 5600.0))
    for _attempt in range(200):
        lines: list[Line] = []
        cats = (pick or _pick_categories)(rng, cover, count)
        rooms = rng.sample(ROOMS, k=rng.randint(1, 3))
        room_in_text = layout in ("cols", "html") or rng.random() < 0.3
        for i, cat in enumerate(cats):
            room = None if (cat in SITE or not use_rooms) else rooms[i % len(rooms)]
            tva = base_rate
            if mixed_vat and rng.random() < 0.3:
                tva = 20.0
            line = _make_line(rng, cat, region, ratio_base, room, room_in_text, tva)
            if multipage:  # small quantities so that 20 lines stay in scope
                q = money(max(1.0, line.quantity / 3)) if line.unit in ("m2", "ml") else line.quantity
                line.quantity = q
                line.total_ht = money(Decimal(str(q)) * Decimal(str(line.unit_price_ht)))
            if scenario == "above_scope" and line.unit in ("m2", "ml"):
                line.quantity = money(line.quantity * 2.2)
                line.total_ht = money(Decimal(str(line.quantity)) * Decimal(str(line.unit_price_ht)))
            lines.append(line)
        if use_rooms and rng.random() < 0.85:  # work grouped by room, site costs first or last
            order = {room: k for k, room in enumerate(rooms)}
            last = rng.random() < 0.5
            site_rank = 99 if last else -1
            lines.sort(key=lambda ln: order[ln.room] if ln.room else site_rank)
        quote.lines = lines
        _apply_scenario(rng, quote)
        quote.compute_totals()
        if target[0] <= quote.total_ttc <= target[1]:
            break
        if scenario in ("below_scope", "above_scope") and _attempt > 20:
            _rescale(quote, (target[0] + target[1]) / 2)
            if target[0] <= quote.total_ttc <= target[1]:
                break
    if quote.scenario == "arithmetic_error":
        _apply_arithmetic_error(rng, quote)
    if quote.layout == "freetext":
        for line in quote.lines:
            line.tva_rate = base_rate
        if quote.arithmetic_error is None:
            quote.compute_totals()
    quote.expected = expectations(quote)
    return quote


def _rescale(quote: Quote, target_ttc: float) -> None:
    """Scale measured quantities so that the total TTC lands near ``target_ttc``."""
    for _ in range(6):
        fixed = sum(ln.total_ht for ln in quote.lines if ln.unit not in ("m2", "ml"))
        scalable = sum(ln.total_ht for ln in quote.lines if ln.unit in ("m2", "ml"))
        if scalable <= 0:
            return
        ratio = quote.total_ttc / max(quote.total_ht, 0.01)
        factor = max(0.05, (target_ttc / ratio - fixed) / scalable)
        for line in quote.lines:
            if line.unit in ("m2", "ml"):
                line.quantity = max(0.5, money(line.quantity * factor))
                line.total_ht = money(Decimal(str(line.quantity)) * Decimal(str(line.unit_price_ht)))
        quote.compute_totals()


def _apply_scenario(rng: random.Random, quote: Quote) -> None:
    region, lines = quote.region, quote.lines
    measurable = [ln for ln in lines if ln.category not in SITE]
    if quote.scenario == "inflated":
        for line in rng.sample(measurable, k=min(len(measurable), rng.randint(2, 3))):
            _reprice(rng, line, rng.uniform(1.5, 2.5) * (region.coef_lo + region.coef_hi) / 2)
    elif quote.scenario == "slightly_high":
        for line in rng.sample(measurable, k=min(len(measurable), rng.randint(1, 2))):
            _reprice(rng, line, rng.uniform(1.42, 1.6))
    elif quote.scenario == "no_measurements":
        cands = [ln for ln in lines if ln.category in SURFACE_CATEGORIES]
        line = rng.choice(cands) if cands else lines[-1]
        line.unit = rng.choice(["forfait", "ens"])
        line.unit_price_ht = line.total_ht
        line.quantity = 1.0
        line.measurable = False
        line.price_ratio = None
    elif quote.scenario == "not_covered":
        choices = ["whole_window"] if quote.cover == BDG else ["leak_repair", "leak_repair", "double_glazing"]
        cat = rng.choice(choices)
        tva = lines[0].tva_rate
        new = _make_line(rng, cat, region, 1.0, None, False, tva)
        lines.insert(rng.randint(1, len(lines)), new)
    elif quote.scenario == "discount":
        pct = rng.choice([3, 5, 10])
        subtotal = sum(ln.total_ht for ln in lines)
        amount = -money(subtotal * pct / 100)
        lines.append(
            Line(
                designation=rng.choice(
                    [f"Remise commerciale {pct} %", f"Remise exceptionnelle -{pct}%", "Geste commercial"]
                ),
                quantity=1.0,
                unit="forfait",
                unit_price_ht=amount,
                total_ht=amount,
                tva_rate=lines[0].tva_rate,
                category="discount",
                room=None,
                typical=None,
                measurable=False,
                price_ratio=None,
            )
        )
    elif quote.scenario == "extra_trades":
        tva = lines[0].tva_rate
        lines.insert(1, _make_line(rng, "dehumidifier", region, 1.0, None, False, tva))
        if quote.cover == DDE:
            lines.insert(1, _make_line(rng, "leak_search", region, 1.0, None, False, tva))


def _reprice(rng: random.Random, line: Line, ratio: float) -> None:
    assert line.typical is not None
    line.unit_price_ht = _price(rng, line.typical, ratio)
    line.total_ht = money(Decimal(str(line.quantity)) * Decimal(str(line.unit_price_ht)))
    line.price_ratio = round(line.unit_price_ht / line.typical, 3)


def _apply_arithmetic_error(rng: random.Random, quote: Quote) -> None:
    kind = rng.choice(["line_total", "line_total", "total_ht", "total_ttc"])
    if kind == "line_total":
        idx = rng.randrange(len(quote.lines))
        line = quote.lines[idx]
        right = line.total_ht
        printed = money(right + rng.choice([-1, 1]) * rng.choice([10, 27, 45, 90, 100]))
        if printed <= 0:
            printed = money(right + 90)
        line.total_ht = printed
        quote.compute_totals()
        quote.arithmetic_error = {"type": kind, "line_index": idx, "printed": printed, "expected": right}
    elif kind == "total_ht":
        right = quote.total_ht
        printed = money(right + rng.choice([-1, 1]) * rng.choice([20, 50, 100]))
        quote.total_ht = printed
        quote.total_tva = money(sum(Decimal(str(v["tva"])) for v in quote.vat_breakdown))
        quote.total_ttc = money(Decimal(str(printed)) + Decimal(str(quote.total_tva)))
        quote.arithmetic_error = {"type": kind, "line_index": None, "printed": printed, "expected": right}
    else:
        right = quote.total_ttc
        printed = money(right + rng.choice([-1, 1]) * rng.choice([30, 100, 110]))
        quote.total_ttc = printed
        quote.arithmetic_error = {"type": kind, "line_index": None, "printed": printed, "expected": right}


# --------------------------------------------------------------------------- expectations


def expectations(quote: Quote) -> dict[str, Any]:
    """Outcome and flags a correct robot gives, from DESIGN.md's rules; uncertainty → optional."""
    flags: set[str] = set()
    optional: set[str] = set()
    region = quote.region
    for line in quote.lines:
        item = ITEMS.get(line.category)
        if item is None:  # discount line
            optional.add("unmatched_line")
            continue
        if quote.cover in item.not_covered:
            flags.add("not_covered")
        elif quote.cover in item.uncertain_cover:
            optional.add("not_covered")
        if not line.measurable:
            flags.add("no_measurements")
            optional.add("overpriced")
            continue
        if not item.known:
            optional.update({"overpriced", "unmatched_line"})
            continue
        ratio = line.unit_price_ht / item.typical
        if ratio > region.coef_hi * TOLERANCE * 1.03:
            flags.add("overpriced")
        elif ratio > region.coef_lo * TOLERANCE * 0.98:
            optional.add("overpriced")
    err = quote.arithmetic_error
    if err is not None:
        flags.add("arithmetic_error")
        if err["type"] == "line_total" and err["printed"] > err["expected"]:
            optional.add("overpriced")
    if not quote.artisan["siret_valid"]:
        flags.add("invalid_siret")
    if quote.media != "text_pdf":
        flags.add("ocr")
    ttc = quote.total_ttc
    in_scope = SCOPE[0] <= ttc <= SCOPE[1]
    if not in_scope:
        review_flags = flags - {"ocr"}
        optional |= review_flags
        return {
            "in_scope": False,
            "outcome": "out_of_scope",
            "flags": sorted({"amount_out_of_range"} | (flags & {"ocr"})),
            "optional_flags": sorted(optional - flags | review_flags),
            "acceptable_outcomes": ["out_of_scope"],
        }
    blocking = flags - {"ocr"}
    outcome = "needs_review" if blocking else "auto_validated"
    acceptable = {outcome}
    if not blocking and optional - {"ocr"}:
        acceptable.add("needs_review")
    optional -= flags
    return {
        "in_scope": True,
        "outcome": outcome,
        "flags": sorted(flags),
        "optional_flags": sorted(optional),
        "acceptable_outcomes": sorted(acceptable),
    }


def ground_truth(quote: Quote) -> dict[str, Any]:
    style = quote.style
    return {
        "file": quote.file,
        "upload_order": quote.index,
        "kind": "devis",
        "layout": quote.layout,
        "producer": "chromium (headless print-to-pdf)" if quote.layout == "html" else "fpdf2",
        "media_type": {"scan_png": "image/png", "scan_jpeg": "image/jpeg", "photo_jpeg": "image/jpeg"}.get(
            quote.media, "application/pdf"
        ),
        "media": quote.media,
        "text_layer": quote.media == "text_pdf",
        "scenario": quote.scenario,
        "cover": quote.cover,
        "artisan": quote.artisan,
        "client": quote.client,
        "devis_number": quote.number,
        "date": quote.date,
        "valid_until": quote.valid_until,
        "site_postal_code": quote.region.postal_code,
        "site_city": quote.region.city,
        "site_department": quote.region.dept,
        "regional_coefficient_range": [quote.region.coef_lo, quote.region.coef_hi],
        "claim_reference": quote.claim_reference,
        "date_of_loss": quote.date_of_loss,
        "lines": [line.truth() for line in quote.lines],
        "vat_breakdown": quote.vat_breakdown,
        "total_ht": quote.total_ht,
        "total_tva": quote.total_tva,
        "total_ttc": quote.total_ttc,
        "overcharge_ht": money(
            sum(
                max(0.0, ln.total_ht - ln.quantity * ln.typical)
                for ln in quote.lines
                if ln.measurable and ln.typical is not None and ITEMS[ln.category].known
            )
        ),
        "amount_format": {
            "thousands_separator": {" ": "space", "\u00a0": "U+00A0", "\u202f": "U+202F", ".": ".", "": "none"}[
                style["thousands"]
            ],
            "currency": style["currency"] or "none",
        },
        "arithmetic_error": quote.arithmetic_error,
        "duplicate_of": None,
        "expected": quote.expected,
    }


# --------------------------------------------------------------------------- plan and files

_SCENARIOS = (
    "fair",
    "inflated",
    "fair",
    "no_measurements",
    "not_covered",
    "regional_fair",
    "arithmetic_error",
    "fair",
    "invalid_siret",
    "slightly_high",
    "fair",
    "below_scope",
    "inflated",
    "discount",
    "fair",
    "extra_trades",
    "not_covered",
    "arithmetic_error",
    "above_scope",
    "regional_fair",
)
_COVERS = (DDE, DDE, BDG, DDE, INC, DDE, TGN, DDE, BDG, INC)
_SCENARIOS_BY_COVER = {
    BDG: ("fair", "inflated", "not_covered", "invalid_siret", "arithmetic_error", "regional_fair", "below_scope"),
    INC: ("fair", "inflated", "no_measurements", "arithmetic_error", "regional_fair", "fair", "invalid_siret"),
    TGN: ("fair", "inflated", "no_measurements", "regional_fair", "fair", "slightly_high"),
}


def plan(n: int, n_scans: int, seed: int) -> list[tuple[str, str, str, str]]:
    """(scenario, cover, layout, media) for each document, balanced for any n."""
    rng = random.Random(seed * 7919 + 1)
    out: list[tuple[str, str, str, str]] = []
    for i in range(n + n_scans):
        cover = _COVERS[i % len(_COVERS)]
        if cover == DDE:
            scenario = _SCENARIOS[(i // 2) % len(_SCENARIOS)]
        else:
            pool = _SCENARIOS_BY_COVER[cover]
            scenario = pool[(i // len(_COVERS)) % len(pool)]
        if i < n:
            layout, media = LAYOUTS[(i + i // 4) % len(LAYOUTS)], "text_pdf"
        else:
            j = i - n
            media = SCAN_MEDIA[j % len(SCAN_MEDIA)]
            single = ("cols", "freetext", "html")
            layout = single[j % 3] if media != "scan_pdf" else LAYOUTS[j % 4]
        out.append((scenario, cover, layout, media))
    rng.shuffle(out)
    return out


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)


def generate(out_dir: Path, n: int = 40, n_scans: int = 15, seed: int = 7) -> list[dict[str, Any]]:
    """Write the documents and their ground truth into ``out_dir``; return the ground truths."""
    from tests.heldout.render import render_pdf
    from tests.heldout.scan import degrade

    out_dir.mkdir(parents=True, exist_ok=True)
    truths: list[dict[str, Any]] = []
    for index, (scenario, cover, layout, media) in enumerate(plan(n, n_scans, seed), start=1):
        rng = random.Random(f"{seed}-{index}")
        quote = build_quote(rng, index, scenario, cover, layout)
        quote.media = media
        quote.expected = expectations(quote)
        pdf = render_pdf(quote, rng)
        if media == "text_pdf":
            data, ext = pdf, "pdf"
        else:
            data, ext = degrade(pdf, media, rng)
        stem = rng.choice(
            [
                f"devis_{_slug(quote.number)}",
                f"Devis_{_slug(quote.artisan['name'].split()[0])}_{index}",
                _slug(quote.number),
                f"scan_{index:03d}" if media != "text_pdf" else f"DEVIS-{index}",
            ]
        )
        quote.file = f"{index:02d}_{stem}.{ext}"
        (out_dir / quote.file).write_bytes(data)
        truth = ground_truth(quote)
        truth["pages"] = _pages(pdf)
        write_json(out_dir / (Path(quote.file).stem + ".json"), truth)
        truths.append(truth)
    manifest = {
        "seed": seed,
        "documents": [
            {
                "upload_order": t["upload_order"],
                "file": t["file"],
                "ground_truth": Path(t["file"]).stem + ".json",
                "cover": t["cover"],
                "layout": t["layout"],
                "media": t["media"],
                "scenario": t["scenario"],
                "outcome": t["expected"]["outcome"],
                "flags": t["expected"]["flags"],
            }
            for t in truths
        ],
    }
    write_json(out_dir / "manifest.json", manifest)
    return truths


def truths_only(n: int, seed: int) -> list[dict[str, Any]]:
    """Ground truths of ``n`` quotes without rendering them (for judging with a perfect reader)."""
    truths = []
    for index, (scenario, cover, layout, _media) in enumerate(plan(n, 0, seed), start=1):
        quote = build_quote(random.Random(f"{seed}-{index}"), index, scenario, cover, layout)
        quote.file = f"sweep-{seed}-{index:04d}"
        truths.append(ground_truth(quote))
    return truths


def _pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Génère des devis de test inédits avec leur vérité terrain.")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--n", type=int, default=40, help="devis PDF texte")
    parser.add_argument("--scans", type=int, default=15, help="scans et photos")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    truths = generate(args.out_dir, args.n, args.scans, args.seed)
    print(f"{len(truths)} documents dans {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
