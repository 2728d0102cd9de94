"""Text blocks side by side on a page, parted by the gutter of whitespace between them.

A page may hold a second column of text beside its table: a band down one side with the seller,
the customer, the references and the terms, a column of notes or conditions, a block of
addresses beside the first lines. Read row by row across the page, that column's words would join
the wording of the line they happen to stand level with. In the spirit of whitespace (XY-cut)
page segmentation, a gutter (a band of whitespace running down many rows, words on both sides)
parts the page into blocks, each read as its own stream of rows.

A table's columns are parted by such gutters too. A gutter parts two blocks only when one side,
the table's, holds priced rows that carry their own wording (its lines, its totals), and the
other side, read beside it,
- holds no amount without a wording (figures whose wording is across the gutter: a column of the
  table itself),
- keeps its own pitch: few of its rows stand level with the table's priced rows, and few of
  those with its rows (a table's cells share their row; a reference or a room printed in a
  column before the wording stands level with its line).

A side whose lines print their wording on a row of their own, above or under the row of their
figures (an app's pane, a form's box), holds that wording itself: its figures need nothing from
across the gutter, and rows level across it are the two panes' pitches meeting by chance.

Two tables may also stand side by side (two lots, what is kept and what is replaced): amounts on
both sides of the gutter, each side opening on the same header (one band, the column labels
repeated) and each pricing lines of its own. Read across, a left line's figures join the right
line beside it. The document's arithmetic confirms the split: each side's line totals add up to an
amount printed under both tables (each grid's sum, opening the totals). Each table is then its own
stream, the left one first; the totals under them are parted at the same gutter from a note
beside them.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import statistics
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from billma_core.reading.lines import detect_header
from billma_core.reading.numbers import cleared_with_rows, parse_decimal, squeeze, unit_of
from billma_core.reading.vocabulary import vocabulary

if TYPE_CHECKING:
    from collections.abc import Sequence

    from billma_core.reading.words import Word

Rows = list[list["Word"]]

_CELL = 0.5  # the grid the whitespace is looked for on, in word heights
_GUTTER_CELLS = 3  # a gutter is at least this many cells wide (1.5 word heights)
_PHRASE = 0.8  # words this close (in word heights) are of one phrase, a thousand's groups of one amount
# Two tables side by side: a gutter as narrow as a band of whole cells wider than a phrase's space.
_NARROW_CELLS = math.ceil(_PHRASE / _CELL)
_MIN_ROWS = 5  # a gutter runs down at least this many rows of the page
_MIN_PRICED = 3  # the table's side holds at least this many priced rows with a wording …
_MIN_LINES = 2  # … of which lines, with a price and a total
_ALL_LEVEL = 0.9  # … and the table's priced rows are not (nearly) all level with a row beside
_BESIDE_AMOUNTS = 1  # the block beside the table holds this many amounts at most (a share capital)
_LEVEL = 0.25  # two rows whose centres are this close (in word heights) stand level
_MAX_LEVEL = 2 / 3  # rows level across a gutter between two blocks are fewer than this share (chance)
_WORDING_LETTERS = 3  # letters before a row's figures that make it a wording
_TRIED = 3  # the longest gutters looked at on a page (a band down the page is among its longest)
_STACKED = 3.0  # a figures row's own wording row stands this close above or under it (in word heights)


@cache
def _amount() -> re.Pattern[str]:
    """An amount as printed (cents, or the vocabulary's currency after a figure), looked for before a
    row is tokenised (most rows looked at have none)."""
    return re.compile(r"\d[.,]\d\d(?![\d.,])|\d ?(?:" + vocabulary().currency + ")", re.IGNORECASE)


def streams(rows: Rows) -> list[Rows]:
    """The page's rows (top-down) as streams of rows: one stream when no gutter parts the page
    into blocks side by side; otherwise the rows above the blocks, the table's block, the rows
    below them (each again looked at), then the block beside the table, last as a footer is: the
    title and number at the top of the main column stay among the page's first rows, and no
    note comes between the lines and their totals."""
    if len(rows) < _MIN_ROWS:
        return [rows] if rows else []
    height = statistics.median(word.height for row in rows for word in row)
    parted = _parted(rows, height)
    return [rows] if parted is None else parted


def _parted(rows: Rows, height: float) -> list[Rows] | None:
    """The longest gutters of the page looked at in turn: the first that parts two blocks (or two
    tables side by side), as the page's streams."""
    cell = height * _CELL
    origin = min(word.left for row in rows for word in row)
    occupied = []  # per row: the cells its words cover
    edges = []  # per row: its first and last cells with a word, and with an amount
    amount_words: set[int] = set()  # ids of the words that hold an amount
    printing: set[int] = set()  # ids of the words that print one as ``_amounts`` reads it
    amount, printed = _amount(), _PRINTED_AMOUNT.search
    for row in rows:
        mask = amounts = 0
        for word in row:
            first = int((word.left - origin) / cell)
            last = int((word.left + word.width - origin) / cell)
            cells = (1 << (last + 1)) - (1 << first)  # bits first to last
            mask |= cells
            if amount.search(word.text):
                amounts |= cells
                amount_words.add(id(word))
                if printed(word.text.strip()):
                    printing.add(id(word))
        occupied.append(mask)
        edges.append(_edges(mask, amounts))
    priced = [0]  # rows with an amount before each row: a table's side needs _MIN_PRICED of them
    for edge in edges:
        priced.append(priced[-1] + (edge.last_amount >= 0))
    if priced[-1] < _MIN_PRICED:
        return None
    tried: list[tuple[int, int, int, int]] = []
    # Gutters looked at as two tables side by side, none of them such (a narrow gutter's search
    # meets the wide ones again: the same rows parted at the same cells).
    sides: set[tuple[int, int, int, int]] = set()
    for _, start, end, (first, last, _) in _runs(occupied, priced, _GUTTER_CELLS):
        beyond = last + _GUTTER_CELLS
        if any(start >= s and end <= e and first <= b and beyond >= a for s, e, a, b in tried):
            continue  # a part of a gutter already looked at
        # Per side: the rows with a word, and with an amount (one pass: most runs are looked at whole).
        words_left = words_right = left = right = 0
        for edge in edges[start:end]:
            words_left += edge.first < first
            words_right += edge.last >= beyond
            left += edge.first_amount < first
            right += edge.last_amount >= beyond
        if words_left < 2 or words_right < 2:
            continue  # words on one side only: the page's margin
        if min(left, right) >= _MIN_LINES and max(left, right) >= _MIN_PRICED:
            # Amounts on both sides: one table's columns, or two tables side by side (looked at on
            # the rows above the first amounts only, a few: most such gutters are a table's).
            gutter = (origin + first * cell, origin + beyond * cell)
            side_by_side = _side_by_side(rows, start, end, gutter, printing)
            if side_by_side is not None:
                return side_by_side
            sides.add((start, end, first, beyond))
            continue
        if not (_table_beside(left, right) or _table_beside(right, left)):
            continue
        tried.append((start, end, first, beyond))
        parted = _blocks(rows, start, end, (origin + first * cell, origin + beyond * cell), height, amount_words)
        if parted is not None:
            above, beside, table, below = parted
            return [*streams(above), table, *streams(below), beside]
        if len(tried) == _TRIED:
            break
    return _side_by_side_narrow(rows, occupied, (edges, printing, sides), priced, (origin, cell))


def _side_by_side_narrow(
    rows: Rows,
    occupied: list[int],
    amounts: tuple[list[_Edges], set[int], set[tuple[int, int, int, int]]],
    priced: list[int],
    grid: tuple[float, float],
) -> list[Rows] | None:
    """Two tables side by side parted by a gutter narrower than a block's (an OCR engine's boxes
    are wider than a text layer's words, the whitespace between the grids shrinks): a band wider
    than a phrase's space only (_NARROW_CELLS), with amounts on both sides, looked at as two tables
    side by side (the header repeated, each side's sum printed: ``_side_by_side``); never as a
    block beside a table, whose gutter stays _GUTTER_CELLS wide."""
    origin, cell = grid
    edges, printing, looked = amounts  # ``looked``: the gutters ``_parted`` looked at so, in vain
    for _, start, end, (first, last, _) in _runs(occupied, priced, _NARROW_CELLS):
        beyond = last + _NARROW_CELLS
        if (start, end, first, beyond) in looked:
            continue
        left = sum(edge.first_amount < first for edge in edges[start:end])
        right = sum(edge.last_amount >= beyond for edge in edges[start:end])
        if min(left, right) < _MIN_LINES or max(left, right) < _MIN_PRICED:
            continue
        side_by_side = _side_by_side(rows, start, end, (origin + first * cell, origin + beyond * cell), printing)
        if side_by_side is not None:
            return side_by_side
    return None


def _runs(occupied: list[int], priced: list[int], width: int) -> list[tuple[int, int, int, tuple[int, int, int]]]:
    """The page's gutters ``width`` cells wide at least (``occupied``: per row, the cells its words
    cover; ``priced``: rows with an amount before each row), longest first: (rows it runs down,
    first row, row after it, its band of cells as ``_bands`` gives it)."""
    full = (1 << (max(mask.bit_length() for mask in occupied) + 1)) - 1
    gutters = []  # per row: the cells that open a free band of ``width`` cells
    for mask in occupied:
        free = full & ~mask
        opening = free
        for shift in range(1, width):
            opening &= free >> shift
        gutters.append(opening)
    gutters.append(0)  # past the last row every band closes
    runs = []
    for start in range(len(occupied) - _MIN_ROWS + 1):
        alive = gutters[start]
        if start and alive & ~gutters[start - 1] == 0:
            continue  # every band here runs on from the row above: looked at from there
        least = start + _MIN_ROWS
        for end in range(start + 1, len(occupied) + 1):
            kept = alive & gutters[end]
            if kept != alive and end >= least and priced[end] - priced[start] >= _MIN_PRICED:
                # A band that only narrows runs on; one that closes ends its gutter here: a run of
                # the cells that close, whole (no cell beside it was free), is a band of ``alive``.
                closed = alive & ~kept
                if closed & (kept << 1 | kept >> 1):  # some closing run has a cell that stays beside it
                    runs += [(end - start, start, end, band) for band in _bands(closed) if _whole(band, alive)]
                else:  # no cell that stays touches the cells that close: each of their runs is whole
                    runs += [(end - start, start, end, band) for band in _bands(closed)]
            alive = kept
            if not alive:
                break
    runs.sort(key=lambda run: (-run[0], run[1]))
    return runs


class _Edges(NamedTuple):
    """A row's first and last cells with a word, and with an amount (none: past either end)."""

    first: int
    last: int
    first_amount: int
    last_amount: int


def _edges(occupied: int, amounts: int) -> _Edges:
    first_amount = (amounts & -amounts).bit_length() - 1 if amounts else 1 << 30
    first = (occupied & -occupied).bit_length() - 1
    return _Edges(first, occupied.bit_length() - 1, first_amount, amounts.bit_length() - 1)


def _table_beside(table_amounts: int, beside_amounts: int) -> bool:
    """Rows with amounts enough on the table's side, hardly any on the other."""
    return table_amounts >= _MIN_PRICED and beside_amounts <= _BESIDE_AMOUNTS


def _bands(mask: int) -> list[tuple[int, int, int]]:
    """The runs of set bits of a mask: their first and last bit indexes, and the run as a mask
    shifted down to bit 0."""
    bands = []
    while mask:
        lowest = mask & -mask
        rest = mask & (mask + lowest)  # adding the lowest bit carries through its run, clearing it
        first, last = lowest.bit_length() - 1, (mask ^ rest).bit_length() - 1
        bands.append((first, last, (mask ^ rest) >> first))
        mask = rest
    return bands


def _whole(band: tuple[int, int, int], mask: int) -> bool:
    """The ``band`` (of ``_bands``) of a part of ``mask`` is one of ``mask``'s: no bit of
    ``mask`` right beside it."""
    first, last, _ = band
    return not (first and mask >> (first - 1) & 1) and not mask >> (last + 1) & 1


def _blocks(
    rows: Rows, start: int, end: int, gutter: tuple[float, float], height: float, amount_words: set[int]
) -> tuple[Rows, Rows, Rows, Rows] | None:
    """Rows ``start:end`` parted at the gutter (its left and right edges) into the block beside
    the table and the table's block, when the gutter parts two blocks."""
    gutter_left, gutter_right = gutter
    left: Rows = []
    right: Rows = []
    for row in rows[start:end]:
        left_part: list[Word] = []
        right_part: list[Word] = []
        for word in row:  # one pass a row: this runs for every gutter looked at
            if word.left + word.width <= gutter_left:
                left_part.append(word)
            if word.left >= gutter_right:
                right_part.append(word)
        if left_part:
            left.append(left_part)
        if right_part:
            right.append(right_part)
    sides = (_Side(left, amount_words, height), _Side(right, amount_words, height))
    tolerance = height * _LEVEL
    for table, beside in (sides, sides[::-1]):
        if len(table.amounts) < _MIN_PRICED or len(beside.rows) < 2:
            continue
        stacked = table.stacked() if len(beside.amounts) <= _BESIDE_AMOUNTS else 0
        if stacked:
            # A column of the table (an item number, a reference, a VAT rate) holds a row per
            # line at most, each level with a row of its line, and few words; a pane holds rows
            # of its own, most of them words (labels, names, places).
            level = _level(beside.centres, table.centres, tolerance)
            own_rows = len(beside.rows) > len(table.amounts) or level < _MAX_LEVEL * len(beside.rows)
            if own_rows and 2 * beside.worded() >= len(beside.rows):
                return rows[:start], beside.rows, table.rows, rows[end:]
            continue
        # Most gutters are a table's: its rows stand level on both sides (cheap, looked at first).
        if _level(beside.centres, table.centres, tolerance) >= _MAX_LEVEL * len(beside.centres):
            continue
        if len(beside.amounts) > _BESIDE_AMOUNTS or not table.is_table():
            continue  # amounts on both sides (a table's figures, its lines' totals): one table
        worded, bare = table.priced()
        if bare and _level(bare, beside.centres, tolerance) >= _MAX_LEVEL * len(bare):
            continue  # figures whose wording stands beside them: one table
        if _level(worded, beside.centres, tolerance) >= _ALL_LEVEL * len(worded):
            continue  # a column of the table beside its lines (all level with them): one table
        return rows[:start], beside.rows, table.rows, rows[end:]
    return None


def _split(row: list[Word], gutter: tuple[float, float]) -> tuple[list[Word], list[Word]]:
    """A row's words left of the gutter, and right of it."""
    gutter_left, gutter_right = gutter
    return (
        [word for word in row if word.left + word.width <= gutter_left],
        [word for word in row if word.left >= gutter_right],
    )


def _side_by_side(
    rows: Rows, start: int, end: int, gutter: tuple[float, float], printing: set[int]
) -> list[Rows] | None:
    """Rows ``start:end`` parted at the gutter into two tables side by side, as the page's streams,
    when a row above the first amounts prints the same header on both sides, each side prices
    lines under it, and each side's line totals add up to an amount printed under both tables
    (looked for from the first row holding one, where the tables end). ``printing``: the ids of
    the words that print an amount (``_prints_amount``)."""
    header = None
    for index in range(start, end):
        left, right = _split(rows[index], gutter)
        if _prints_amount(left, printing) or _prints_amount(right, printing):
            break  # the header stands above the first amounts
        if left and right and _same_header(_joined(left), _joined(right)):
            header = index
            break
    if header is None:
        return None
    sums = [Decimal(0), Decimal(0)]
    lines = [0, 0]
    for index in range(header + 1, end):
        parts = _split(rows[index], gutter)
        for side, part in enumerate(parts):
            amounts = _amounts(part)
            if len(amounts) >= 2 and any(_wording(word.text) for word in part):
                sums[side] += amounts[-1]  # a line: its total is its last figure
                lines[side] += 1
    if min(lines) < _MIN_LINES:
        return None
    # Each grid's sum: the first row after the header holding one is where the tables end; none on
    # the page, the tables go on over the next page (their sums printed there) down the gutter.
    cut = next((index for index in range(header + 1, len(rows)) if set(sums) & set(_amounts(rows[index]))), end)
    if cut <= header + 1:
        return None
    printed = {amount for row in rows[cut:] for amount in _amounts(row)}
    if printed & set(sums) and not set(sums) <= printed:
        return None  # one grid's sum printed, the other's lines add up to no amount under them
    for index in range(header + 1, min(cut, end)):
        for side, part in enumerate(_split(rows[index], gutter)):
            if len(_amounts(part)) >= 2 and any(_wording(word.text) for word in part):
                lines[side] -= 1  # a line counted above stands before the sums
    if any(lines):
        return None  # lines under the sums: no grid closes on its sum
    cut = min(cut, end)
    tables: tuple[Rows, Rows] = ([], [])
    for row in rows[start:cut]:
        for side, part in enumerate(_split(row, gutter)):
            if part:
                tables[side].append(part)
    totals, note, below = _totals_beside_note(rows[cut:], set(sums))
    parted = [*streams(rows[:start]), *tables, totals, *streams(below), note]
    return [stream for stream in parted if stream]


def _prints_amount(part: list[Word], printing: set[int]) -> bool:
    """Whether a row's side prints an amount (``_amounts`` reads one), told by its words alone
    (``printing``: the ids of the words whose own text holds a ``_PRINTED_AMOUNT``). The same
    answer: ``_amounts`` reads the side's words joined, each stripped, one or three spaces
    between them; a match inside one word matches there too (a space, never a figure or a mark,
    on either side of a word), and one across words (thousands grouped by the space between two
    words) ends in a word that opens on its last group of three figures, which that word alone
    matches; and every match is a figure, its groups and its cents, which ``parse_decimal``
    always reads."""
    return any(id(word) in printing for word in part)


@lru_cache(maxsize=1024)
def _same_header(left: str, right: str) -> bool:
    """Both sides print the same table header: the same words, all of them header labels of the
    vocabulary; or (an OCR engine's slips: « Montant'HT », a label missed) both read as a header
    by the vocabulary's labels, a wording's column and a line's total on each, the column roles
    of one the other's or the other's with one label lost."""
    key = squeeze(left)
    if key == squeeze(right) and vocabulary().header_words_only(key):
        return True
    headers = detect_header(left), detect_header(right)
    if any(header is None or header.designation < 0 or not header.has("total") for header in headers):
        return False
    shorter, longer = sorted(([role for role, _, _ in header.columns] for header in headers if header), key=len)
    if len(longer) - len(shorter) > 1:
        return False
    lost = iter(longer)
    return all(role in lost for role in shorter)  # in order: a subsequence of the other's


def _totals_beside_note(rows: Rows, sums: set[Decimal]) -> tuple[Rows, Rows, Rows]:
    """The rows under two tables side by side, opening on a grid's sum: the totals (the side
    holding the grids' sums, with their labels), a note beside them (no amount: conditions, a
    remark) and the rows below both; else no totals apart. Parted at a column gap of the first
    row, the leftmost that leaves the sums and their labels on one side, a note on the other."""
    if not rows:
        return [], [], []
    first = sorted(rows[0], key=lambda w: w.left)
    height = statistics.median(word.height for word in first)
    for previous, word in itertools.pairwise(first):
        if word.left - (previous.left + previous.width) < _GUTTER_CELLS * _CELL * height:
            continue  # a phrase's space, not a column gap
        # The rows' words all stand on one side of the gap's middle (an OCR engine's boxes of the
        # labels under the first do not start at one edge to the pixel).
        middle = (previous.left + previous.width + word.left) / 2
        gutter = (middle, middle)
        count = next(
            (index for index, row in enumerate(rows) if any(w.left < middle < w.left + w.width for w in row)),
            len(rows),
        )  # the rows down to one whose words cross the gap (a footer across the page)
        parts: tuple[Rows, Rows] = ([], [])
        for row in rows[:count]:
            for side, part in enumerate(_split(row, gutter)):
                if part:
                    parts[side].append(part)
        for totals, note in (parts, parts[::-1]):
            labelled = all(any(_wording(w.text) for w in row) for row in totals if _amounts(row))
            amounts = {amount for row in totals for amount in _amounts(row)}
            if labelled and sums <= amounts and sum(len(_amounts(row)) for row in note) <= _BESIDE_AMOUNTS:
                return totals, note, rows[count:]
    return [], [], rows


def _joined(row: Sequence[Word]) -> str:
    """A row's words left to right, a space between the words of a phrase (the groups of a
    thousand), three between cells."""
    text = ""
    previous: Word | None = None
    for word in sorted(row, key=lambda w: w.left):
        if previous is not None:
            phrase = word.left - (previous.left + previous.width) <= _PHRASE * max(word.height, previous.height)
            text += " " if phrase else "   "
        text += word.text.strip()
        previous = word
    return text


# An amount with cents: its thousands grouped by a space or a dot (« 1 761,47 », « 3.532,01 »), or not.
_PRINTED_AMOUNT = re.compile(
    r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f.]\d{3})*,\d\d(?![\d.,])|(?<![\d.,])\d+[.,]\d\d(?![\d.,])"
)


def _amounts(row: list[Word]) -> tuple[Decimal, ...]:
    """The amounts printed on a row (or a side of it), left to right, thousands grouped or not."""
    return _amounts_of(tuple(row))


@lru_cache(maxsize=4096)
def _amounts_of(words: tuple[Word, ...]) -> tuple[Decimal, ...]:
    """``_amounts`` of a row's words, kept for the page: each gutter the page's gutters are tried
    at parts its rows again, most of them between the same words as another gutter did (two
    tables side by side are looked for at every gutter with amounts on both sides)."""
    amounts = []
    for match in _PRINTED_AMOUNT.finditer(_joined(words)):
        value = parse_decimal(match.group())
        if value is not None:
            amounts.append(value)
    return tuple(amounts)


cleared_with_rows(_amounts_of.cache_clear, _same_header.cache_clear)


def _level(centres: list[float], others: list[float], tolerance: float) -> int:
    """How many of ``centres`` stand level with one of ``others``."""
    ordered = sorted(others)
    level = 0
    for centre in centres:
        index = bisect.bisect_left(ordered, centre - tolerance)
        level += index < len(ordered) and ordered[index] <= centre + tolerance
    return level


class _Side:
    """The rows on one side of a gutter, and what tells a table's side from a block beside it."""

    def __init__(self, rows: Rows, amount_words: set[int], height: float) -> None:
        self.rows = rows
        self.height = height
        self.amounts = [index for index, row in enumerate(rows) if not amount_words.isdisjoint(map(id, row))]
        self.amount_words = amount_words
        self._priced: tuple[list[float], list[float]] | None = None
        self._centres: list[float] | None = None
        self.lines = 0  # priced rows with a wording and two amounts or more (a price and a total)

    @property
    def centres(self) -> list[float]:
        """Each row's vertical centre (the mean of its words'), made when first asked: most gutters
        are let go on their amounts alone."""
        if self._centres is None:
            self._centres = [sum(word.top + word.height / 2 for word in row) / len(row) for row in self.rows]
        return self._centres

    def _text(self, index: int) -> str:
        return " ".join(word.text for word in sorted(self.rows[index], key=lambda w: w.left))

    def worded(self) -> int:
        """How many rows hold a word of a wording or a label."""
        return sum(any(_wording(word.text) for word in row) for row in self.rows)

    def stacked(self) -> int:
        """How many lines print their wording on a row of its own on this side (rows of two
        amounts or more, a price and a total, with no wording, each with a row of words and no
        amount just above or under it, opening left of its amounts), when every priced row with
        no wording is such a line or a total's (a row with one amount) and they are _MIN_PRICED
        at least; else 0."""
        priced = set(self.amounts)
        lines = 0
        for index in self.amounts:
            text = self._text(index)
            if any(_wording(word) for word in text.split()):
                continue
            if len(_amount().findall(text)) < 2:
                continue  # a total's figure, or a wrapped line's
            # The wording opens left of the figures (over or under them), not in a column after them.
            first_amount = min(word.left for word in self.rows[index] if id(word) in self.amount_words)
            own = [
                other
                for other in (index - 1, index + 1)
                if 0 <= other < len(self.rows)
                and other not in priced
                and abs(self.centres[other] - self.centres[index]) <= _STACKED * self.height
                and min(word.left for word in self.rows[other]) < first_amount
                and any(_wording(word) for word in self._text(other).split())
            ]
            if not own:
                return 0
            lines += 1
        return lines if lines >= _MIN_PRICED else 0

    def priced(self) -> tuple[list[float], list[float]]:
        """Centres of the priced rows with a wording (before their amounts or after them), and of
        those without. Read on the row's text: an OCR engine may give a wording and its figures
        as one box."""
        if self._priced is None:
            worded: list[float] = []
            bare: list[float] = []
            for index in self.amounts:
                text = self._text(index)
                if not _figures_apart(text) and any(_wording(word) for word in text.split()):
                    worded.append(self.centres[index])
                    self.lines += len(_amount().findall(text)) >= 2
                else:
                    bare.append(self.centres[index])
            self._priced = worded, bare
        return self._priced

    def is_table(self) -> bool:
        """Priced rows with their wording, lines among them (not a block of totals alone), fewer
        rows without a wording (a VAT recap, the figures of a wrapped line): a table whole, not
        the figures columns of one."""
        worded, bare = self.priced()
        return len(worded) >= _MIN_PRICED and self.lines >= _MIN_LINES and len(bare) <= len(worded)


def _figures_apart(text: str) -> bool:
    """A row opening on its amounts with no unit among its figures, words after them only (a remark
    in a side column: « 27,56  99,22  Selon rapport d'expertise »): a line's price and total whose
    wording and quantity may stand across the gutter, not a line printed figures first (« 112,80
    1  ens  112,80  Nettoyage … »)."""
    words = text.split()
    if _amount().search(words[0]) is None:
        return False
    figures = next((index for index, word in enumerate(words) if _wording(word)), len(words))
    return not any(unit_of(word) is not None for word in words[:figures])


def _wording(text: str) -> bool:
    """A word of a wording or a label: letters enough, not a unit nor a currency."""
    word = text.strip(".,;:()")
    return (
        sum(map(str.isalpha, word)) >= _WORDING_LETTERS
        and unit_of(word) is None
        and word.lower() not in vocabulary().currency_tokens
    )
