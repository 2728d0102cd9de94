"""Quotes written as letters: the figures stand inside sentences.

"Nous prévoyons la peinture du plafond sur 7,50 m² au prix de 28,86 € HT, soit un montant de
216,45 € HT." The page's rows are joined into sentences (a row that does not end a sentence
goes on at the next), and each sentence is read like a row whose figures may stand anywhere
(``lines.price_row``): the three that multiply out are the line's, the longest run of words
between them its designation. A sentence with a single amount and a lump-sum word
("pour un montant forfaitaire de 132,00 € HT") is a lump sum. The totals are the amounts a
totals sentence marks HT, TTC or as the VAT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from billma_core.models import QuoteLine, Unit
from billma_core.money import money
from billma_core.reading.lines import _DANGLING, _TOTAL, VAT_RATES, Row, _designation, price_row
from billma_core.reading.numbers import row_tokens, squeeze
from billma_core.reading.rooms import last_room
from billma_core.reading.totals import amounts
from billma_core.reading.vocabulary import vocabulary

_SENTENCE_END = (".", "!", "?", ":", ";")
_BULLET = re.compile(r"^\s*(?:[-–—•*·]|\d{1,2}[.)])\s+")
_COLUMN_GAP = re.compile(r"\S\s{3,}\S")
_LEADING_MARKS = re.compile(r"^[\s\-–—•*·]+")


@dataclass(slots=True)
class ProseReading:
    lines: list[QuoteLine] = field(default_factory=list)
    total_ht: Decimal | None = None
    total_tva: Decimal | None = None
    total_ttc: Decimal | None = None


def sentences(rows: list[Row]) -> list[str]:
    """Rows of prose joined into sentences; table rows (cells apart) end a sentence."""
    out: list[str] = []
    current = ""
    page = -1
    for row in rows:
        text = row.text.strip()
        tabular = _COLUMN_GAP.search(text) is not None
        starts = row.page != page or not text or tabular or _BULLET.match(text) is not None
        page = row.page
        if current and (starts or current.endswith(_SENTENCE_END)):
            out.append(current)
            current = ""
        if tabular or not text:
            continue
        current = f"{current} {text}".strip()
    if current:
        out.append(current)
    return out


def read_prose(rows: list[Row]) -> ProseReading:
    reading = ProseReading()
    for sentence in sentences(rows):
        key = squeeze(sentence)
        if _TOTAL.search(key) or "total" in key:
            _totals(sentence, reading)
            continue
        if vocabulary().not_a_line(key):
            continue
        line = _line(sentence)
        if line is not None:
            reading.lines.append(line)
    return reading


def _line(sentence: str) -> QuoteLine | None:
    priced = price_row(sentence, None, strict=True)
    if priced is not None and priced.consistent:
        designation, _ = _designation(sentence, priced.designation_end, priced.designation_start)
        return _quote_line(designation, priced.quantity, priced.unit, priced.unit_price, priced.total)
    amounts = [t for t in row_tokens(sentence) if t.kind == "num" and t.value is not None and t.decimals == 2]
    match = vocabulary().lump_sum.search(sentence.lower())
    if len(amounts) != 1 or match is None or amounts[0].value is None:
        return None
    return _quote_line(sentence[: match.start()], Decimal(1), Unit.FORFAIT, amounts[0].value, amounts[0].value)


def _quote_line(text: str, quantity: Decimal, unit: Unit | None, price: Decimal, total: Decimal) -> QuoteLine | None:
    designation = _strip_opener(_LEADING_MARKS.sub("", text).strip())
    while _DANGLING.search(designation):
        designation = _DANGLING.sub("", designation).strip(" ,:;-–—")
    if sum(ch.isalpha() for ch in designation) < 3:
        return None
    designation = designation[0].upper() + designation[1:]
    return QuoteLine(
        designation=designation,
        quantity=quantity,
        unit=unit,
        unit_price_ht=money(price),
        total_ht=money(total),
        room=last_room(designation),
    )


def _strip_opener(text: str) -> str:
    match = vocabulary().prose_opener.match(text.lower())
    return text[match.end() :] if match else text


def _totals(sentence: str, reading: ProseReading) -> None:
    """Amounts marked HT or TTC, and the VAT amount, of a totals sentence."""
    tokens = list(row_tokens(sentence))
    for value, start, end in amounts(tokens):
        if value == value.to_integral_value() and value in VAT_RATES:
            continue  # a rate ("TVA à 20 %") is no amount
        following = [t.text.lower().strip(".,;:()") for t in tokens if t.start >= end and t.kind != "num"][:2]
        mark = next((word for word in following if word in ("ht", "h.t", "ttc", "t.t.c")), None)
        before = squeeze(sentence[:start])
        if mark in ("ht", "h.t"):
            reading.total_ht = money(value)
        elif mark in ("ttc", "t.t.c"):
            reading.total_ttc = money(value)
        elif "tva" in before[-40:]:
            reading.total_tva = money(value)
