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
from billma_core.reading.lines import _TOTAL, VAT_RATES, Row, amounts, price_row
from billma_core.reading.numbers import normalise_row, row_tokens, squeeze
from billma_core.reading.rooms import last_room
from billma_core.reading.vocabulary import vocabulary

_SENTENCE_END = (".", "!", "?", ":", ";")
_BULLET = re.compile(r"^\s*(?:[-–—•*·]|\d{1,2}[.)])\s+")
_COLUMN_GAP = re.compile(r"\S\s{5,}\S")  # OCR spaces words of a sentence up to three apart
_LEADING_MARKS = re.compile(r"^[\s\-–—•*·]+")
_WRAPPED = 0.7  # of the page's widest row: a row this long was wrapped at the margin


@dataclass(slots=True)
class ProseReading:
    lines: list[QuoteLine] = field(default_factory=list)
    total_ht: Decimal | None = None
    total_tva: Decimal | None = None
    total_ttc: Decimal | None = None


def sentences(rows: list[Row]) -> list[str]:
    """Rows of prose joined into sentences; table rows (cells apart) end a sentence."""
    widths: dict[int, int] = {}
    for row in rows:
        widths[row.page] = max(widths.get(row.page, 0), len(row.text.rstrip()))
    out: list[str] = []
    current = ""
    page = -1
    full = False  # the last row ran to the margin: the sentence was wrapped, it goes on
    for row in rows:
        text = row.text.strip()
        tabular = _COLUMN_GAP.search(text) is not None
        starts = row.page != page or not text or tabular or _BULLET.match(text) is not None or not full
        page = row.page
        if current and (starts or current.endswith(_SENTENCE_END)):
            out.append(current)
            current = ""
        full = len(row.text.rstrip()) >= _WRAPPED * widths[row.page]
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
        designation = _wording(sentence, priced.quantity, priced.unit_price, priced.total)
        return _quote_line(designation, priced.quantity, priced.unit, priced.unit_price, priced.total)
    amounts = [t for t in row_tokens(sentence) if t.kind == "num" and t.value is not None and t.decimals == 2]
    match = vocabulary().lump_sum.search(sentence.lower())
    if len(amounts) != 1 or match is None or amounts[0].value is None:
        return None
    return _quote_line(sentence[: match.start()], Decimal(1), Unit.FORFAIT, amounts[0].value, amounts[0].value)


def _wording(sentence: str, quantity: Decimal, price: Decimal, total: Decimal) -> str:
    """The words of a sentence before its price, without the quantity and its unit:
    "Fourniture et pose de 12 m² de carrelage : 58,00 € le m², soit 696,00 €" → "Fourniture et
    pose de carrelage"."""
    tokens = list(row_tokens(sentence))
    prices = [start for value, start, _ in amounts(tokens) if value in (price, total)]
    cut = min(prices) if prices else len(sentence)
    text = normalise_row(sentence)
    for index in reversed(range(len(tokens))):  # the quantity nearest the price ("2 prises (2 x 65 €)")
        token = tokens[index]
        if token.start >= cut or token.kind != "num" or token.value != quantity:
            continue
        end = token.end
        following = tokens[index + 1 : index + 3]
        if following and following[0].kind == "unit":
            end = following[0].end
            if len(following) > 1 and following[1].text.lower() in ("de", "d'"):
                end = following[1].end
        text = text[: token.start] + " " * (end - token.start) + text[end:]
        break
    return text[:cut]


def _quote_line(text: str, quantity: Decimal, unit: Unit | None, price: Decimal, total: Decimal) -> QuoteLine | None:
    designation = _strip_opener(_LEADING_MARKS.sub("", " ".join(text.split())))
    while True:  # "…, pour un montant", "… sur", "… au prix de": the words that led to the figures
        shorter = vocabulary().price_connector.sub("", designation).strip(" ,;")
        if shorter == designation:
            break
        designation = shorter
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
    """Amounts a totals sentence marks HT, TTC or VAT: by the mark after the amount ("916,00 €
    HT"), else by the last label between the previous amount's own mark and this amount
    ("total TTC 1 007,60 €", "TVA à 10 % (111,13 €)")."""
    tokens = list(row_tokens(sentence))
    consumed = 0  # where the text not yet spoken for starts
    for value, start, end in amounts(tokens):
        if value == value.to_integral_value() and value in VAT_RATES:
            continue  # a rate ("TVA à 20 %") is no amount
        after = [t for t in tokens if t.start >= end and t.kind != "num"][:2]
        mark = next((t for t in after if _mark(t.text) is not None), None)
        if mark is not None:
            name = _mark(mark.text)
            consumed = mark.end
        else:
            before = _LABEL_WORDS.findall(sentence[consumed:start].lower())
            name = next((_mark(word) for word in reversed(before) if _mark(word) is not None), None)
            consumed = end
        if name is not None:
            setattr(reading, name, money(value))


def _mark(word: str) -> str | None:
    return _MARKS.get(word.lower().strip(".,;:()").replace(".", ""))


_LABEL_WORDS = re.compile(r"t\.?t\.?c|h\.?t\b|tva|[a-zà-ÿ]+")
_MARKS = {"ht": "total_ht", "ttc": "total_ttc", "tva": "total_tva"}
