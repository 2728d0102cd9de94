"""Words with boxes → rows of layout text, the one path for PDF text layers and OCR alike.

A page is read as words (or runs of words) with their boxes; rows are grouped by geometry
(the vertical centre, or the engine's own line when it knows one) and each word is written at
a column proportional to its left edge, so that the table's columns stay aligned in the text
the line parser reads (a header's labels above their figures, a wrapped designation indented
as its line).
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from billma_core.reading.gutters import streams


@dataclass(frozen=True, slots=True)
class TextStyle:
    """How a text layer sets a glyph: its font's name, its size as printed (points, the text
    matrix's scale included) and its baseline (top-down)."""

    font: str
    size: float
    baseline: float


class Word(NamedTuple):
    """A word (or a run of words printed together) and its box, top-down, in any unit as long
    as all words of a page share it.

    ``line`` is the engine's own line identity when it has one (Tesseract follows skewed
    lines better than grouping by height would).

    A named tuple, not a frozen dataclass: a page makes hundreds of words, and a tuple is made
    in a third of the time."""

    text: str
    left: float
    top: float
    width: float
    height: float
    line: Hashable | None = None
    confidence: float | None = None  # 0-100 when an OCR engine gives one
    style: TextStyle | None = None  # a text layer's font, of the word's first glyph


# A gap between two words narrower than this share of their height is a space in a phrase.
_PHRASE_GAP = 0.8
_COLUMN_GAP = 3


def layout_text(words: Sequence[Word]) -> str:
    """Rows of words, each word at a column proportional to its left edge."""
    words = [w for w in words if w.text.strip()]
    if not words:
        return ""
    char_width = statistics.median(w.width / max(len(w.text), 1) for w in words) or 1.0
    rows = rows_by_height(words)
    rows.sort(key=lambda row: statistics.median(w.top + w.height / 2 for w in row))
    left_margin = min(w.left for w in words)
    lines: list[str] = []
    # A block beside the table (a band down the page, a column of notes) is its own stream of rows.
    for row in (row for stream in streams(rows) for row in stream):
        row.sort(key=lambda w: w.left)
        text = ""
        previous: Word | None = None
        for word in letters_joined(row):
            column = round((word.left - left_margin) / char_width)
            gap = column - len(text)
            if previous is not None:
                # Words of one phrase are one space apart whatever their font size; a wider
                # gap is a column boundary and stays visible as one.
                space = word.left - (previous.left + previous.width)
                gap = 1 if space <= _PHRASE_GAP * max(word.height, previous.height) else max(gap, _COLUMN_GAP)
            text += " " * max(gap, 0) + word.text.strip()
            previous = word
        lines.append(text)
    return "\n".join(lines)


# A letter-spaced word's letters are this many or more; a gap this many times its letters' gap
# parts two such words (« F A C T U R E   N° »).
_SPACED_LETTERS = 3
_WORD_GAP = 1.8


def letters_joined(row: list[Word]) -> list[Word]:
    """A word printed letter by letter (« F A C T U R E », « D E V I S »: typed with a space
    between letters, or a font's letter-spacing widened) as the word, once for every field that
    reads it: a run of three or more single letters in capitals (or a capital then small
    letters), a phrase's gap apart, is one word; a gap clearly wider than the run's narrowest
    ends the word. ``row`` sorted left to right."""
    if len([word for word in row if len(word.text.strip()) == 1]) < _SPACED_LETTERS:
        return list(row)  # most rows: too few single characters to spell a word
    joined: list[Word] = []
    run: list[Word] = []
    for word in [*row, None]:
        if word is not None and _single_letter(word) and (not run or _letter_gap(run[-1], word)):
            run.append(word)
            continue
        joined.extend(_spelled_words(run))
        run = [word] if word is not None and _single_letter(word) else []
        if word is not None and not run:
            joined.append(word)
    return joined


def _single_letter(word: Word) -> bool:
    text = word.text.strip()
    return len(text) == 1 and text.isalpha()


def _letter_gap(left: Word, right: Word) -> bool:
    return right.left - (left.left + left.width) <= _PHRASE_GAP * max(left.height, right.height)


def _spelled_words(run: list[Word]) -> list[Word]:
    """The run's letters as the words they spell, or as they were when they spell none."""
    if len(run) < _SPACED_LETTERS:
        return run
    gaps = [right.left - (left.left + left.width) for left, right in itertools.pairwise(run)]
    narrowest = max(min(gaps), 0.05 * run[0].height)
    words: list[list[Word]] = [[run[0]]]
    for gap, word in zip(gaps, run[1:], strict=True):
        if gap > _WORD_GAP * narrowest:
            words.append([])
        words[-1].append(word)
    out: list[Word] = []
    for letters in words:
        text = "".join(w.text.strip() for w in letters)
        if len(letters) < _SPACED_LETTERS or not (text.isupper() or (text[0].isupper() and text[1:].islower())):
            out.extend(letters)
            continue
        last = letters[-1]
        confidences = [w.confidence for w in letters if w.confidence is not None]
        top = min(w.top for w in letters)
        out.append(
            letters[0]._replace(
                text=text,
                top=top,
                width=last.left + last.width - letters[0].left,
                height=max(w.top + w.height for w in letters) - top,
                confidence=min(confidences) if confidences else None,
            )
        )
    return out


def rows_by_height(words: Sequence[Word]) -> list[list[Word]]:
    """Words whose vertical centres lie within half a usual word height, as one row."""
    tolerance = statistics.median(w.height for w in words) * 0.5
    rows: list[list[Word]] = []
    total = 0.0  # sum of the current row's centres: its mean follows the row as it grows
    for word in sorted(words, key=lambda w: w.top + w.height / 2):
        centre = word.top + word.height / 2
        if rows and abs(centre - total / len(rows[-1])) <= tolerance:
            rows[-1].append(word)
            total += centre
        else:
            rows.append([word])
            total = centre
    return rows
