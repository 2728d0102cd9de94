"""Quote lines printed as blocks, as online quote tools print them: the designation on a row
of its own, then its figures named by labels ("Quantité : 12 m²", "Prix unitaire HT :
25,00 €", "TVA 10 %", "Total HT : 300,00 €"), side by side ("·", "|") or one a row; the total
may stand right-aligned on the designation's row. The labels are the table header's words
(``vocabulary.json``, ``table_header``): a label names a column's role as a header does."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from billma_core.models import QuoteLine, Unit
from billma_core.money import money
from billma_core.reading.lines import Row
from billma_core.reading.numbers import normalise_row, parse_decimal, unit_of
from billma_core.reading.rooms import last_room
from billma_core.reading.vocabulary import vocabulary

# Parts of a row: figures side by side, or a designation and its right-aligned total.
# Any lone mark between spaces separates parts ("·", "|", "–", "/"); a hyphen only before a word
# (" - 5,00" is a negative figure).
_PARTS = re.compile(r"\s+[·•|–—/;]\s+|\s+-\s+(?=[^\d\s])|\s{3,}")
_LABELLED = re.compile(r"^(?P<label>[^\d:]{2,40}?)\s*:\s*(?P<value>.+)$")
_FIGURE = re.compile(r"^-?\d+(?:[.,\s]\d+)*")
_RATE = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
_NUMBERING = re.compile(r"^\d{1,3}[.)]\s+")
_ROLES = ("qty", "pu", "total")


@dataclass
class _Block:
    wording: list[str] = field(default_factory=list)
    figures: dict[str, tuple[Decimal, Unit | None]] = field(default_factory=dict)
    rate: Decimal | None = None


def read_blocks(rows: list[Row], furniture: set[int]) -> list[QuoteLine]:
    """The lines of a quote printed as blocks of labelled figures, in document order; a block
    is a line once its quantity, unit price and total are all read. ``furniture``: the rows'
    ``lines.page_furniture`` (a running header or footer between a designation and its figures)."""
    # A line needs a labelled quantity and a labelled unit price (only a total may stand without
    # its label): a document that labels no such figure has no block, and its wording rows (most
    # rows) need no look.
    labelled_roles = {
        item[0]
        for row in rows
        if ":" in row.text or "%" in row.text
        for item in map(_labelled, _parts(row.text))
        if item is not None
    }
    if not {"qty", "pu"} <= labelled_roles:
        return []
    lines: list[QuoteLine] = []
    block = _Block()
    for index, row in enumerate(rows):
        if index in furniture:
            continue
        if ":" not in row.text and "%" not in row.text:
            # A wording row (most rows of any document: kept cheap), or its wrapped second row.
            text = row.text.strip()
            if block.wording and not block.figures and (text[:1].islower() or _runs_on(block.wording[-1])):
                block.wording.append(text)
            elif text:
                block = _Block(wording=[text])
            continue
        parts = _parts(row.text)
        labelled = [_labelled(part) for part in parts]
        rates = [_rate(part) for part in parts]
        if not any(item is not None for item in labelled) and not (block.wording and any(r is not None for r in rates)):
            block = _Block(wording=[row.text.strip()])
            continue
        if block.wording and not block.figures:
            # The designation's wrapped end, left of the first figure ("couches) / Séjour   Total HT : …").
            opening = next((i for i, item in enumerate(labelled) if item is not None), len(parts))
            block.wording += [part for part, rate in zip(parts[:opening], rates, strict=False) if rate is None]
        for item in labelled:
            if item is not None:
                block.figures.setdefault(item[0], item[1])
        block.rate = block.rate or next((r for r in rates if r is not None), None)
        if "total" not in block.figures and block.wording:
            _total_on_title(block)
        if all(role in block.figures for role in _ROLES) and block.wording:
            lines.append(_line(block))
            block = _Block()
    return lines


def _parts(text: str) -> list[str]:
    return [part.strip() for part in _PARTS.split(normalise_row(text).strip()) if part.strip()]


def _runs_on(text: str) -> bool:
    """A wording row cut on a comma or a connecting word ("… selon les règles de l'art et le"):
    the next row goes on with it, whatever its case ("DTU en vigueur")."""
    words = text.split()
    return bool(words) and (text.endswith(",") or words[-1].lower() in vocabulary().connector_words)


def _total_on_title(block: _Block) -> None:
    """The line's total right-aligned on the designation's (last) row, the wording left of it."""
    parts = _parts(block.wording[-1])
    total = _figure(parts[-1]) if len(parts) >= 2 else None
    if total is not None and total[1] is None and re.search(r"[.,]\d{2}\b", parts[-1]):
        block.figures["total"] = total
        block.wording[-1] = " ".join(parts[:-1])


def _labelled(part: str) -> tuple[str, tuple[Decimal, Unit | None]] | None:
    """Role and figure of a "label : figure" part whose label is a header's word."""
    match = _LABELLED.match(part)
    if match is None:
        return None
    label = match.group("label")
    role = next((role for role, pattern in vocabulary().header_roles if pattern.search(label)), None)
    figure = _figure(match.group("value"))
    if role not in _ROLES or figure is None:
        return None
    return role, figure


def _figure(value: str) -> tuple[Decimal, Unit | None] | None:
    """The figure a value opens with, and the unit printed after it ("20,50 ML")."""
    match = _FIGURE.match(value.strip())
    if match is None:
        return None
    number = parse_decimal(match.group().strip())
    if number is None:
        return None
    rest = value.strip()[match.end() :].split()
    return number, unit_of(rest[0]) if rest else None


def _rate(part: str) -> Decimal | None:
    match = _RATE.search(part)
    tva = next((pattern for role, pattern in vocabulary().header_roles if role == "tva"), None)
    if match is None or tva is None or tva.search(part) is None:
        return None
    return parse_decimal(match.group(1))


def _line(block: _Block) -> QuoteLine:
    quantity, unit = block.figures["qty"]
    price = block.figures["pu"][0]
    total = block.figures["total"][0]
    designation = _NUMBERING.sub("", " ".join(" ".join(block.wording).split()))  # justified text: one space
    return QuoteLine(
        designation=designation,
        quantity=quantity,
        unit=unit,
        unit_price_ht=money(price),
        total_ht=money(total),
        tva_rate=block.rate,
        room=last_room(designation),
    )
