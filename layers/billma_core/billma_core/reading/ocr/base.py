"""The OCR interface and the helper that turns positioned words into layout text."""

from __future__ import annotations

import re
import statistics
from abc import ABC, abstractmethod
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from billma_core.reading.numbers import OCR_LETTERS, ocr_unit_of, unit_of
from billma_core.reading.words import Word, layout_text, rows_by_height


class OcrError(Exception):
    """The engine failed (missing binary, timeout, service error); the message is French."""


@dataclass(frozen=True)
class PageSurvey:
    """A quick look at a page image before it is read: how to turn it upright."""

    turn: int = 0  # degrees counter-clockwise that make the page upright: 0, 90, 180 or 270


class OcrEngine(ABC):
    """Reads the text of one page image (PNG bytes)."""

    name: str = "abstract"

    @abstractmethod
    def available(self) -> bool:
        """Whether the engine can run here (binary installed, client configured)."""

    @abstractmethod
    def image_to_text(self, png: bytes) -> str:
        """Layout text of the image; raises ``OcrError``."""

    def survey(self, png: bytes) -> PageSurvey:
        """How the page lies, told before reading it (a page read on its side or upside down
        yields shreds, and a shred may be the customer's SIRET). An engine that turns pages
        itself (Textract) or cannot tell says upright."""
        return PageSurvey()


class NoOcrEngine(OcrEngine):
    """Configured with ``ocr_engine=none``: documents that need OCR go to a person."""

    name = "none"

    def available(self) -> bool:
        return False

    def image_to_text(self, png: bytes) -> str:
        raise OcrError("OCR indisponible")


# OCR words are words with boxes: they take the PDF text layer's path to rows.
OcrWord = Word


# Table rules an engine reads as characters glued to a cell's text ("13,45]", "|Total", "ART48!").
_RULE_CHARS = "|[]{}!¦"


# A speck read as a mark where no mark stands: before a figure as a quote, a colon, or a dot
# when the figure has its own decimal mark (".821,98"); a dot or a comma opening a word
# (".T1", a VAT code); between a figure and its currency sign ("12,72.€/m²").
_STRAY_QUOTE = re.compile(r"^(?:[‘’`'\":;]+(?=\d)|[.,](?=\d[\d ]*[.,]\d)|[.,](?=[^\W\d_]))|(?<=\d)[.,:;](?=€)")
# A lone "l" or "|" before a unit is the figure 1 ("l u Remplacement prise …").
_LONE_ONE = {"l", "|"}


def clean_word(text: str) -> str:
    """A word without the table-rule characters at its edges ("" for a rule alone) nor a
    speck read as a mark where none stands ("‘5,27", "::20,30", ".T1", "12,72.€")."""
    return _STRAY_QUOTE.sub("", text.strip().strip(_RULE_CHARS).strip())


# An amount with its decimal comma and cents in which the engine read one digit as the letter
# it looks like on a coarse scan ("$115,40" for 5 115,40, "2B4,50" for 284,50, "1O4,00",
# "12,S0"): the shapes a fax's thick strokes or a photo's blur confuse. A word without the
# comma and cents is left as it is (a code "B5", a room "S2"), and so is one with two letters
# or no figure before its mark ("D.12", a reference).
LOOKALIKE_DIGITS = {"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "Z": "2", "S": "5", "$": "5", "G": "6", "B": "8"}
# A digit the engine reads as another one on a fax (100 dpi, black and white): a « 7 » whose
# bar thins to a stroke reads « 1 », and back. Only where the row's arithmetic then closes
# (``ocr_slips.figures_mended``): quantity × unit price = amount, the digit read either way.
TWIN_DIGITS = {"1": "7", "7": "1"}
_LOOKALIKE = re.escape("".join(LOOKALIKE_DIGITS))
_AMOUNT_WITH_LOOKALIKE = re.compile(rf"[\d{_LOOKALIKE}][\d.\u202f\u00a0{_LOOKALIKE}]*[,.][\d{_LOOKALIKE}]{{2}}")


def digits_mended(text: str) -> str:
    """``text`` with one look-alike letter of an amount read back as its digit."""
    letters = [ch for ch in text if ch in LOOKALIKE_DIGITS]
    whole = re.split(r"[,.]", text)[0]
    if len(letters) != 1 or not any(ch.isdigit() for ch in whole) or not _AMOUNT_WITH_LOOKALIKE.fullmatch(text):
        return text
    return text.replace(letters[0], LOOKALIKE_DIGITS[letters[0]])


def words_to_layout(words: Sequence[OcrWord]) -> str:
    """Rows of words, each word at a column proportional to its left edge."""
    words = [
        OcrWord(clean_word(w.text), w.left, w.top, w.width, w.height, w.line, w.confidence)
        for w in words
        if clean_word(w.text)
    ]
    if not words:
        return ""
    words = _units_mended(_deskewed(_leaders_as_dots(_separators_apart(words))))
    layout = layout_text(
        [
            OcrWord("1", w.left, w.top, w.width, w.height, w.line, w.confidence) if _lone_one(w, words) else w
            for w in words
        ]
    )
    # On the laid-out text: the engine may give "$" and "115,40" as two words of one box.
    return _LAYOUT_WORD.sub(lambda word: digits_mended(word.group()), layout)


_LAYOUT_WORD = re.compile(r"\S+")


def _lone_one(word: OcrWord, words: list[OcrWord]) -> bool:
    """A lone "l" or "|" just before a unit on its row is the figure 1."""
    if word.text not in _LONE_ONE:
        return False
    centre = word.top + word.height / 2
    following = [w for w in words if w.left > word.left and w.top <= centre <= w.top + w.height and w is not word]
    return bool(following) and unit_of(min(following, key=lambda w: w.left).text) is not None


# Separators a layout prints between figures ("Quantité : 2 u · Prix unitaire HT : …") that
# an engine glues to the words beside them ("forfait·Prix", "EUR·TVA").
_SEPARATOR = re.compile(r"([·•])")


def _separators_apart(words: list[OcrWord]) -> list[OcrWord]:
    """Words with a glued separator cut at it, the separator a word of its own."""
    out: list[OcrWord] = []
    for word in words:
        pieces = [piece for piece in _SEPARATOR.split(word.text) if piece]
        out.extend(_pieces_of(word, pieces) if len(pieces) > 1 else [word])
    return out


def _pieces_of(word: OcrWord, pieces: list[str]) -> list[OcrWord]:
    """The word cut into ``pieces`` (its text in order), each given its share of the box by its
    number of characters."""
    share = word.width / max(len(word.text), 1)
    out: list[OcrWord] = []
    offset = 0
    for piece in pieces:
        out.append(
            OcrWord(
                piece, word.left + offset * share, word.top, len(piece) * share, word.height, word.line, word.confidence
            )
        )
        offset += len(piece)
    return out


_QUANTITY = re.compile(r"[-+]?\d+(?:[.,]\d+)?[.,]?")
# A word whose letters run into a capital ("fotfaitFrais", "1uChangement"): two words glued.
_GLUED_CAPITAL = re.compile(r"^(?P<head>.*?[a-zà-ÿ0-9.²])(?P<tail>[A-ZÀ-Ý][a-zà-ÿ].*)$")
_LEADING_QUANTITY = re.compile(r"^(?P<qty>\d+(?:[.,]\d+)?)(?P<unit>\D.*)$")


def _units_mended(words: list[OcrWord]) -> list[OcrWord]:
    """Units as the engine misread them, put back in the vocabulary's spelling where a unit
    stands: right after a quantity ("9,5 heurcs", "13,52 m.1."), or glued to the quantity and
    to the designation that follows ("1 fotfaitFrais …", "1uChangement …"). The spellings
    come from the unit vocabulary, read through OCR's slips (``ocr_unit_of``), not listed
    misreading by misreading."""
    mended: list[OcrWord] = []
    for row in rows_by_height(words):
        row.sort(key=lambda w: w.left)
        previous: str | None = None
        for index, word in enumerate(row):
            after = previous is not None and _QUANTITY.fullmatch(previous) is not None
            pieces = _unit_pieces(word.text, after)
            before = index + 1 < len(row) and _QUANTITY.fullmatch(row[index + 1].text) is not None
            if pieces == [word.text] and not after and before:
                # A unit column before the quantities ("m.1.   14,37"): a unit's spelling with
                # OCR's digit-for-letter slips only, no letter off (a wording's last word is
                # no unit by one letter).
                unit = unit_of(word.text.strip().lstrip(".,:;").translate(OCR_LETTERS))
                pieces = [unit.value] if unit is not None and unit_of(word.text) is None else pieces
            mended.extend([word] if pieces == [word.text] else _pieces_of(word, pieces))
            previous = pieces[-1]
    return mended


def _unit_pieces(text: str, after_quantity: bool) -> list[str]:
    """The word as one or more words, its unit (if it holds one where a unit stands) spelled
    as the vocabulary spells it."""
    quantity = ""
    body = text
    lead = _LEADING_QUANTITY.match(text)
    if lead is not None and not after_quantity:
        quantity, body = lead.group("qty"), lead.group("unit")
    elif not after_quantity:
        return [text]
    glued = _GLUED_CAPITAL.match(body)
    head, tail = (glued.group("head"), glued.group("tail")) if glued else (body, "")
    if unit_of(head) is not None and not tail:
        return [text]
    unit = ocr_unit_of(head)
    if unit is None:
        return [text]
    return [piece for piece in (quantity, unit.value if unit_of(head) is None else head, tail) if piece]


_LEADER_HEIGHT = 0.35  # of a row's usual height: dots, not letters


def _leaders_as_dots(words: list[OcrWord]) -> list[OcrWord]:
    """Dot leaders ("Peinture ........ 234,77 €") that an engine read as letters ("ss.",
    "DPEETEE"): a word far flatter than the text around it is dots, whatever it says."""
    height = statistics.median(w.height for w in words)
    return [
        OcrWord("...", w.left, w.top, w.width, w.height, w.line, w.confidence)
        if w.height < _LEADER_HEIGHT * height and _leader_like(w.text)
        else w
        for w in words
    ]


def _leader_like(text: str) -> bool:
    """Letters or a run of marks, no digit: a dash or a hyphen alone is left as it is."""
    return not any(ch.isdigit() for ch in text) and (any(ch.isalpha() for ch in text) or len(text) >= 3)


def _deskewed(words: Sequence[OcrWord]) -> list[OcrWord]:
    """Undo a slight rotation, or the fan of rows a page photographed at an angle makes: each
    word moved to where its row meets the page's left edge, by the engine's own lines.

    Grouping words into rows by height alone fails on a scan rotated by a degree or two (the
    right end of a row drifts by a whole line height); the engine's own lines know better. On a
    photo taken at an angle the rows are not parallel: they run towards a vanishing point beside
    the page, so each row's slope is a linear function of where it starts (``_fan``); one slope
    for the whole page would shear the top rows into each other and leave the foot's amounts a
    row below their labels."""
    fitted = _fan(_line_slopes(words))
    if fitted is None:
        return list(words)
    slope, spread = fitted
    moved: list[OcrWord] = []
    for w in words:
        centre = w.left + w.width / 2
        bottom = w.top + w.height  # bottoms: steadier than centres (accents)
        # The row through (centre, bottom) starts at y0 where y0 + (slope + spread * y0) * centre = bottom.
        start = (bottom - slope * centre) / (1 + spread * centre)
        moved.append(OcrWord(w.text, w.left, start - w.height, w.width, w.height, w.line, w.confidence))
    return moved


# Beyond this slope (~11 degrees) the page is not slightly tilted: it is left as it is. A fan's
# rows may run steeper at its edge (~19 degrees) where the others say how it turns.
_MAX_SLOPE = 0.2
_MAX_FAN_SLOPE = 0.35
# Rows whose slopes change by less than this from the page's top to its bottom are parallel.
_FAN_SPREAD = 0.02


def _line_slopes(words: Sequence[OcrWord]) -> list[tuple[float, float, float]]:
    """(start, slope, weight) of each engine line of three words or more: where the line meets
    the page's left edge (x = 0), its slope, and its span across the page."""
    lines: dict[Hashable, list[OcrWord]] = {}
    for word in words:
        if word.line is not None:
            lines.setdefault(word.line, []).append(word)
    found: list[tuple[float, float, float]] = []
    for line in lines.values():
        if len(line) < 3:
            continue
        xs = [w.left + w.width / 2 for w in line]
        ys = [w.top + w.height for w in line]
        mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
        var = sum((x - mean_x) ** 2 for x in xs)
        if var <= 0:
            continue
        slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / var
        found.append((mean_y - slope * mean_x, slope, max(xs) - min(xs)))
    return found


def _fan(lines: list[tuple[float, float, float]]) -> tuple[float, float] | None:
    """The rows' slope as ``slope + spread * start`` (``start`` where a row meets the left edge):
    one slope for the page (spread 0, the median of the lines') unless the lines fan out by
    ``_FAN_SPREAD`` or more down the page, then the line fitted through the lines' slopes
    (weighted by span, the lines far from it left out once). None when there is no line or the
    rows are too steep to be a tilt."""
    if not lines:
        return None
    median = statistics.median(slope for _, slope, _ in lines)
    fitted = (median, 0.0)
    if len(lines) >= _FAN_MIN_LINES:
        fit = _weighted_fit(lines)
        if fit is not None:
            residuals = [abs(s - fit[0] - fit[1] * y) for y, s, _ in lines]
            bound = 3 * max(statistics.median(residuals), 0.002)
            kept = [line for line, r in zip(lines, residuals, strict=True) if r <= bound]
            fit = _weighted_fit(kept) if len(kept) >= _FAN_MIN_LINES else None
        starts = [y for y, _, _ in lines]
        if fit is not None and abs(fit[1]) * (max(starts) - min(starts)) >= _FAN_SPREAD:
            fitted = fit
    if abs(median) > _MAX_SLOPE:
        return None
    slope, spread = fitted
    starts = [y for y, _, _ in lines]
    if any(abs(slope + spread * y) > _MAX_FAN_SLOPE for y in (min(starts), max(starts))):
        return None
    return fitted


_FAN_MIN_LINES = 6  # fewer lines tell one slope, not how it changes down the page


def _weighted_fit(lines: list[tuple[float, float, float]]) -> tuple[float, float] | None:
    """Least squares of slope against start, each line weighted by its span."""
    total = sum(weight for _, _, weight in lines)
    if total <= 0:
        return None
    mean_y = sum(y * w for y, _, w in lines) / total
    mean_s = sum(s * w for _, s, w in lines) / total
    var = sum(w * (y - mean_y) ** 2 for y, _, w in lines)
    if var <= 0:
        return None
    spread = sum(w * (y - mean_y) * (s - mean_s) for y, s, w in lines) / var
    return mean_s - spread * mean_y, spread
