"""Tokens of a printed row: numbers (French formats, OCR noise), units, currency, percent.

A row of layout text is split into tokens that keep their character span, so that a table's
columns can be recovered from positions. Numbers are parsed without rounding (quantities may
have three decimals); amounts are rounded later with ``money.money``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import NamedTuple

from billma_core.models import Unit
from billma_core.reading.vocabulary import tax_mark_pattern, vocabulary

# Thousands separators that are never a column gap: join "1\u202f337,93" before tokenising.
_TIGHT_GROUPING = re.compile(r"(?<=\d)[\u00a0\u202f\u2009](?=\d{3}(?:\D|$))")
# The spaces a row prints that are not the ASCII one: read as one.
ODD_SPACES = re.compile(r"[\u00a0\u202f\u2009\t]")
_TOKEN = re.compile(r"\S+")
# A duration in hours and minutes ("2h30", "1 h 15"): hours with decimals ("2,5h"), as a quantity
# of labour is priced. "h" is the hour's symbol (SI), like the digits a sign, not a word.
_DURATION = re.compile(r"(?<![\d,.])(\d{1,3}) ?[hH] ?([0-5]\d)(?![\d,.%])")
# What every duration holds, found four times faster: most rows hold none.
_DURATION_SCREEN = re.compile(r"[hH] ?[0-5]\d")

# Unit spellings seen on French quotes, with frequent OCR misreadings of the superscript two
# ("m" alone is the linear metre on French quotes).
_UNIT_WORDS: dict[str, Unit] = vocabulary().units

# Signs between a line's figures; the words among them ("x", "à", "soit"…) are the vocabulary's.
_SIGNS = frozenset({"×", "*", "@", "=", ":", "-", "–", "—", "/", "(", ")", "|"})
# Specks and table rules a scan turns into characters: never data.
_PUNCTUATION = re.compile(r"[\W_]+")
# A token glued from number, unit and currency: "12,5m²", "3unités", "28,00€", "10%", "x28,00";
# on a scan, the rule between a quantity's cell and its unit's read as a bar between them ("5|h"),
# a speck in the space between them as an apostrophe ("27,33'm2").
_GLUED = re.compile(
    r"^(?P<op>[x×*@=(]?)(?P<num>[-+]?\d(?:[\d.,']*\d)?)[.,:;|']?"
    r"(?P<unit>(?:(?:[^\W\d_]|[µ²^?*:()])(?:[^\W_]|[µ²^?*.:()])*?)?)(?P<cur>€|eur|EUR|%|€HT)?[.,;:)]*$"
)
# OCR reads 0 as O, o, D or Q and 1 as l or I inside numbers.
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "|": "1", ";": ","})
_COLON_DECIMAL = re.compile(r"^(\d{1,3}):(\d{2})$")
_OCR_NUMBER = re.compile(r"^[-+]?[\dOolI|][\dOQolI|.,;']*$")
# One or two decimals, or four (a program's unit price, "44,5000"); three are no count of
# decimals: "12,500" may group thousands.
_DECIMALS = re.compile(r"[.,](\d{1,2}|\d{4})$")
# A figure of plain digits, perhaps grouped by dots before its decimal comma: no unit, currency,
# sign or mark of the vocabulary is spelt so (tests/unit/reading/test_reading_patterns.py).
PLAIN_NUMBER = re.compile(r"[0-9]+|[0-9][0-9.]*,[0-9]+")


class Token(NamedTuple):
    """A named tuple, not a frozen dataclass: every row's words become tokens, made in a
    third of the time."""

    kind: str  # "num", "pct", "unit", "cur", "op", "word"
    text: str
    start: int
    end: int
    value: Decimal | None = None
    unit: Unit | None = None
    decimals: int = 0
    digits_only: bool = False


@lru_cache(maxsize=8192)
def normalise_row(row: str) -> str:
    """Thousands joined across no-break spaces, odd spaces made plain, multi-word units
    ("mètres carrés") made one word, a price per unit split from its unit ("€ le m²" → "€ / m²"),
    a duration in hours ("2h30" → "2,5h"); most rows need none of it."""
    words = vocabulary()
    if ODD_SPACES.search(row) is None and words.unit_phrase.search(row) is None and words.per_unit.search(row) is None:
        return row if _DURATION_SCREEN.search(row) is None else _DURATION.sub(_hours, row)
    row = _TIGHT_GROUPING.sub("", row)
    row = ODD_SPACES.sub(" ", row)
    for pattern, code in words.unit_phrases:
        row = pattern.sub(code, row)
    # A price per unit ("28,00 €/m²", "77,42 € le m²") as currency, sign and unit, each a token.
    row = words.per_unit.sub(r"\g<cur> / ", row)
    return row if _DURATION_SCREEN.search(row) is None else _DURATION.sub(_hours, row)


def _hours(match: re.Match[str]) -> str:
    hours = _duration_hours(match)
    return f"{hours.normalize():f}".replace(".", ",") + "h"


@cache
def _look_alike_duration() -> re.Pattern[str] | None:
    """A duration whose hour sign the engine read as one of its look-alikes ("1 n 30": the
    stem of the « h » faded), the look-alikes the vocabulary's that may be the hour."""
    alike = sorted((read for read, units in vocabulary().unit_look_alikes.items() if Unit.H in units), key=len)
    if not alike:
        return None
    signs = "|".join(re.escape(read) for read in reversed(alike))
    return re.compile(rf"(?<![\w,.])(\d{{1,3}}) ?(?:{signs}) ?([0-5]\d)(?![\w,.%])")


def look_alike_durations(row: str) -> list[tuple[int, int, Decimal]]:
    """Where ``row`` (an OCR'd row) may print a duration whose « h » the engine read as a
    look-alike ("1 n 30"): each span and the hours it would be (1,5). Only the row's
    arithmetic can say whether it is one: the caller weighs it."""
    pattern = _look_alike_duration()
    if pattern is None:
        return []
    return [(m.start(), m.end(), _duration_hours(m)) for m in pattern.finditer(row)]


def _duration_hours(match: re.Match[str]) -> Decimal:
    return Decimal(match.group(1)) + (Decimal(match.group(2)) / 60).quantize(Decimal("0.001"))


@lru_cache(maxsize=8192)
def squeeze(row: str) -> str:
    """A row lower-cased with single spaces: keyword patterns run several times faster on it
    than on layout text padded with runs of spaces."""
    return " ".join(row.split()).lower()


def clear_caches() -> None:
    """Forget tokenised rows (benchmarks: a new document never hits the caches)."""
    for cached in (_tokenise_cached, row_tokens, row_parts, squeeze, normalise_row, _classify):
        cached.cache_clear()
    for clear in _OTHER_CACHES:
        clear()


_OTHER_CACHES: list[Callable[[], None]] = []


def cleared_with_rows(*clears: Callable[[], None]) -> None:
    """Have ``clear_caches`` forget other modules' caches of rows too (their ``cache_clear``)."""
    _OTHER_CACHES.extend(clears)


def unit_of(word: str) -> Unit | None:
    stripped = word.strip().strip("‘’'`\"|[]").rstrip(".").strip()
    if stripped.startswith("(") and stripped.endswith(")"):
        stripped = stripped[1:-1]  # "(m2)" after the wording
    if stripped == "M":
        # A capital M alone is "M²" whose superscript a scan or a font lost; the linear metre
        # is written "ml" or a lower-case "m".
        return Unit.M2
    key = stripped.lower()
    if not key:
        return None
    unit = _UNIT_WORDS.get(key) or _UNIT_WORDS.get(key + ".")
    if unit is None and key.endswith("(s)"):
        unit = _UNIT_WORDS.get(key[:-3])
    return unit


# Characters OCR takes for a unit's letters and figures ("m.1." for "m.l.", "f0rfait", "mz" for
# "m2", "ü" for "u": a speck read as a diaeresis), and how long a spelling must be for one letter
# off to still name it ("fotfait", "unitè"; not "m2" or "h").
OCR_LETTERS = str.maketrans({"1": "l", "|": "l", "I": "l", "0": "o", "Q": "o", "z": "2", "Z": "2", "ü": "u", "Ü": "u"})
_FUZZY_MIN = 5


def ocr_unit_of(word: str) -> Unit | None:
    """The unit an OCR'd word names, read through the engine's usual slips: a unit spelling
    exactly, with digits taken for letters ("m.1.") or a speck before it (".m2"), or, for spellings of five letters or
    more, one letter off (added, lost or misread: "fotfait", "métre carre"; "forfiat" is two off and is not).
    Only for a word standing where a unit stands (after a quantity): "pièce" is also a room."""
    unit = unit_of(word)
    if unit is not None:
        return unit
    key = word.strip().strip("‘’'`\"[]").lstrip(".,:;").translate(OCR_LETTERS).lower()
    unit = unit_of(key)
    if unit is not None or len(key) < _FUZZY_MIN - 1 or not _lettered(key):
        return unit
    for spelling, candidate in _UNIT_WORDS.items():
        if len(spelling) >= _FUZZY_MIN and _lettered(spelling) and one_edit(key, spelling):
            return candidate
    return None


def _lettered(text: str) -> bool:
    """Letters only, words apart ("mètre carré" as much as "forfait")."""
    return text.replace(" ", "").isalpha()


def one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by exactly one character added, lost or replaced."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def parse_decimal(text: str) -> Decimal | None:
    """A French-formatted number, unrounded: "1 234,5" → 1234.5, "1.245,30" → 1245.30.

    The decimal mark is the last separator when one to two digits (three for a comma) follow
    it; a dot or a quote followed by exactly three digits groups thousands."""
    body = text.strip().replace("'", ".").replace(" ", "")
    negative = body.startswith("-")
    body = body.lstrip("+-")
    if not body or not body[0].isdigit():
        return None
    last_comma, last_dot = body.rfind(","), body.rfind(".")
    cut = max(last_comma, last_dot)
    if cut == -1:
        integer, fraction = body, ""
    else:
        after = body[cut + 1 :]
        mark = body[cut]
        thousands_dot = len(after) == 3 and not body.startswith("0")
        if (mark == "." and thousands_dot and (last_comma != -1 or body.count(".") > 1 or len(body) <= 7)) or (
            mark == "," and len(after) == 3 and body.count(",") > 1
        ):
            integer, fraction = body, ""
        else:
            integer, fraction = body[:cut], after
    # Most figures are digits and their separators only: nothing to filter out.
    digits = integer if integer.isdigit() else "".join(ch for ch in integer if ch.isdigit())
    fraction = fraction if fraction.isdigit() else "".join(ch for ch in fraction if ch.isdigit())
    if not digits:
        return None
    try:
        value = Decimal(f"{digits}.{fraction}" if fraction else digits)
    except InvalidOperation:
        return None
    return -value if negative else value


def decimals_of(text: str) -> int:
    match = _DECIMALS.search(text.strip())
    return len(match.group(1)) if match else 0


def tokenise(row: str) -> list[Token]:
    """Tokens of a normalised row, glued tokens split ("12,5m²" → 12,5 | m²)."""
    return list(_tokenise_cached(row))


@lru_cache(maxsize=8192)
def _tokenise_cached(row: str) -> tuple[Token, ...]:
    # Rows are tokenised by the line, header and totals passes alike: once is enough.
    return tuple(row_words(row))


def row_words(row: str) -> Iterator[Token]:
    """Tokens of a normalised row, from its start, one at a time: a screen that stops at its
    first word classifies none of the words after it."""
    for match in _TOKEN.finditer(row):
        yield from _classify(match.group(), match.start())


_TAIL_KINDS = frozenset({"num", "pct", "unit", "cur", "op"})


@dataclass(frozen=True, slots=True)
class RowParts:
    """What the line parser needs of a row, without classifying its designation's words."""

    head: tuple[Token, ...]  # the row's first tokens (at most four)
    tail: tuple[Token, ...]  # the run of figures, units, currency and signs that ends it
    words_before: int  # how many words precede the tail
    letters_before: int  # how many letters precede the tail


@lru_cache(maxsize=8192)
def row_parts(row: str) -> RowParts:
    """Head and tail of a row; words are classified from the right until the designation."""
    text = normalise_row(row)
    words = [(match.group(), match.start()) for match in _TOKEN.finditer(text)]
    tail: list[Token] = []
    index = len(words)
    while index > 0:
        pieces = _classify(*words[index - 1])
        if pieces[0].kind == "word":
            before = words[index - 2][0] if index > 1 else ""
            if not (_rate_label(pieces[0], tail, before) or _takeoff_label(pieces[0], tail, before)):
                break
            pieces = (Token("op", pieces[0].text, pieces[0].start, pieces[0].end),)
        tail[:0] = pieces
        index -= 1
    # Dashes and colons open a free-text tail ("… - 32,40 m2 x 28 €"); they are not data.
    while tail and tail[0].kind in ("op", "cur"):
        tail.pop(0)
    head: list[Token] = []
    if words and any(ch.isdigit() for ch in words[0][0]):
        # Only a row that opens with a figure or a reference code ("R801", "1.1") needs its
        # head: a quantity and a unit may come before the text.
        for word, start in words[:4]:
            head.extend(_classify(word, start))
    tail_start = tail[0].start if tail else len(text)
    before = text[:tail_start]
    return RowParts(
        head=tuple(head[:4]),
        tail=tuple(tail),
        words_before=len(before.split()),
        letters_before=sum(map(str.isalpha, before)),
    )


def _takeoff_label(word: Token, tail: list[Token], before: str) -> bool:
    """A take-off's letter between two of its figures ("L 4,20 l 3,10"): part of the figures."""
    if not tail or tail[0].kind != "num" or word.text.lower() not in vocabulary().takeoff_labels:
        return False
    return bool(before) and _classify(before, 0)[0].kind == "num"


def _rate_label(word: Token, tail: list[Token], before: str) -> bool:
    """A tax mark among a line's figures that labels the rate after it ("59,50 € HT · TVA 10 %"):
    part of the figures, not of the wording (a figure, a unit, a currency or a sign before it)."""
    if not tail or tail[0].kind != "num" or tax_mark_pattern().fullmatch(word.text.lower()) is None:
        return False
    return bool(before) and _classify(before, 0)[0].kind != "word"


_GLUED_TIMES = re.compile(r"(?P<left>[^x×*]+)(?P<op>[x×*])(?P<right>[^x×*]*)", re.IGNORECASE)


@lru_cache(maxsize=8192)
def row_tokens(row: str) -> tuple[Token, ...]:
    """Tokens of a raw row of layout text (normalised first)."""
    return _tokenise_cached(normalise_row(row))


@lru_cache(maxsize=8192)
def _classify(text: str, start: int) -> tuple[Token, ...]:
    # The passes tokenise a row whole and by its head and tail, and rows overlap: a word at its
    # place is classified once.
    end = start + len(text)
    if text.isalpha():
        # The common case: a word, a unit, a currency or "x" / "à".
        lower = text.lower()
        if len(text) > 8:
            return (Token("word", text, start, end),)  # no unit or currency is that long
        unit = Unit.M2 if text == "M" else _UNIT_WORDS.get(lower)
        if unit is not None:
            return (Token("unit", text, start, end, unit=unit),)
        if lower in vocabulary().currency_tokens:
            return (Token("cur", text, start, end),)
        if lower in _SIGNS or lower in vocabulary().operator_words:
            return (Token("op", text, start, end),)
        if len(text) <= 4 and lower.endswith("x") and _UNIT_WORDS.get(lower[:-1]) is not None:
            # A unit glued to the times sign ("4 ux 57,50 €": OCR lost the space between them).
            unit = _UNIT_WORDS[lower[:-1]]
            return (Token("unit", text[:-1], start, end - 1, unit=unit), Token("op", text[-1], end - 1, end))
        return (Token("word", text, start, end),)
    if PLAIN_NUMBER.fullmatch(text):
        # Most figures, printed as plain digits ("653,40", "1.287,92", "12"): what the lines
        # below would make of them, without their look for a unit, a currency or an OCR slip.
        value = parse_decimal(text)
        return (Token("num", text, start, end, value=value, decimals=decimals_of(text), digits_only=text.isdigit()),)
    lower = text.lower()
    unit = unit_of(text)
    if unit is not None:
        return (Token("unit", text, start, end, unit=unit),)
    glued_times = _GLUED_TIMES.fullmatch(text)
    if glued_times is not None:
        # A unit glued to the times sign, and maybe to the price after it ("m2×28,07", "3u×",
        # "j×31,16": OCR lost the spaces): the pieces, when the head ends on a unit.
        left, right = glued_times.group("left"), glued_times.group("right")
        head = _classify(left, start)
        at = start + len(left)
        tail = _classify(right, at + 1) if right else ()
        if head[-1].kind == "unit" and all(token.kind == "num" for token in tail):
            return (*head, Token("op", glued_times.group("op"), at, at + 1), *tail)
    currency_tokens = vocabulary().currency_tokens
    if lower in currency_tokens or lower.strip(".,;:") in currency_tokens:
        return (Token("cur", text, start, end),)
    if text.strip("()[]") == "%":  # "(20 %)"
        return (Token("pct", text, start, end),)
    if lower in _SIGNS or lower in vocabulary().operator_words or _PUNCTUATION.fullmatch(text):
        return (Token("op", text, start, end),)
    if not any(ch.isdigit() for ch in text):
        return (Token("word", text, start, end),)
    candidate = _COLON_DECIMAL.sub(r"\1,\2", text)  # "247:78": OCR reads a comma as a colon
    core = candidate.rstrip(".,:;")
    if _OCR_NUMBER.match(core) and any(ch.isdigit() for ch in core):
        candidate = core.translate(_OCR_DIGITS)
    glued = _GLUED.match(candidate)
    if glued is None:
        return (Token("word", text, start, end),)
    pieces: list[Token] = []
    if glued.group("op"):
        pieces.append(Token("op", glued.group("op"), start, start + 1))
    number = glued.group("num")
    unit_text = glued.group("unit").strip("():")
    currency = glued.group("cur")
    marks = vocabulary()
    if unit_text.lower() in marks.currency_tokens and unit_text.lower() not in marks.loose_marks and not currency:
        unit_text, currency = "", unit_text  # "48,70EUR"
    unit = None
    look_alike = False
    if unit_text:
        unit = unit_of(unit_text)
        # A unit's look-alike glued to its quantity ("5n", "5|n": the « h » whose stem faded)
        # stands apart as it would with a space, where the line's reading weighs it.
        look_alike = unit is None and unit_text.lower() in marks.unit_look_alikes
        if unit is None and not look_alike and unit_text.lower().rstrip(".") not in ("", "ht", "h.t", "ttc"):
            return (Token("word", text, start, end),)
    value = parse_decimal(number)
    if value is None:
        return (Token("word", text, start, end),)
    kind = "pct" if currency == "%" else "num"
    pieces.append(
        Token(
            kind,
            number,
            start,
            end,
            value=value,
            decimals=decimals_of(number),
            digits_only=number.lstrip("-+").isdigit(),
        )
    )
    if unit is not None:
        pieces.append(Token("unit", unit_text, end, end, unit=unit))
    if look_alike:
        pieces.append(Token("word", unit_text, end, end))
    if currency and currency != "%":
        pieces.append(Token("cur", currency, end, end))
    return tuple(pieces)
