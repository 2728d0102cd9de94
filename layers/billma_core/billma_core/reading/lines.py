"""Quote lines from rows of layout text, with no template.

A priced row ends with a run of numbers, units, currency and percent signs (the *tail*); the
designation is the text before it. Which number is the quantity, the unit price and the total
is decided by arithmetic first (quantity × unit price ≈ total, trying every reading of
ambiguous thousands separators), then by the table header's column order, then by position.
Rows without numbers inside a table are section headers (they set the room) or the wrapped
end of the previous designation.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache

from billma_core.amounts import vat_of
from billma_core.checks import lines_sum
from billma_core.models import QuoteLine, Unit, note_after
from billma_core.money import CENT, format_eur, money, net_price
from billma_core.reading.numbers import (
    ODD_SPACES,
    Token,
    decimals_of,
    look_alike_durations,
    normalise_row,
    ocr_unit_of,
    parse_decimal,
    row_parts,
    row_tokens,
    row_words,
    squeeze,
    tokenise,
    unit_of,
)
from billma_core.reading.roles import (
    RATE_PLACES,
    VAT_RATES,
    Figure,
    Roles,
    closes,
    explains_all,
    may_close,
    search,
    takeoff,
)
from billma_core.reading.rooms import is_room_label, last_room, rooms_in
from billma_core.reading.spelled import Spelled, spelled_amounts
from billma_core.reading.vocabulary import currency_pattern, vocabulary

_TAIL_KINDS = {"num", "pct", "unit", "cur", "op"}
# A row that opens with two figures (a unit or currency may follow the first): "707,71   22,17   M2 …".
_FIGURE_END = set("0123456789%€")
# A code with letters and digits, perhaps after the line's number in a column of its own ("4   PEI.76").
_LEADING_CODE = re.compile(r"\s*((?:\d{1,3}(?:\.\d{1,3})? {2,})?(?=\S*[^\W\d_])\S*\d\S*) {2,}(?=-?\d)")
_TWO_FIGURES_FIRST = re.compile(r"\s*-?\d[\d.,\u00a0\u202f ]*(?:€|%|[^\W\d_]{1,5}\b)?\s+-?\d")
_MAX_JOINS = 6

_HAS_DIGIT = re.compile(r"\d")
_ITEM_NUMBER = re.compile(r"0\d+")
_REFERENCE = re.compile(r"[A-Za-z]{1,6}[-_]?\d{1,6}|\d{1,3}(?:\.\d{1,3}){1,3}\.?|\d{1,3}")
_ROW_CODE = re.compile(r"\s*[A-Z]{1,6}[-_]?\d{1,6}(?=\s)")
_AMOUNT = re.compile(r"\d[.,]\d{2}\b")
_BEFORE_DIGIT = re.compile(r"[^\d]*(?=\d)")
# A header is mostly labels: a row with an amount in it is not one.
_PRICED = re.compile(r"\d{2,}[.,]\d{2}")
# A mark opening a wording, no letter or digit in it: a bullet, a box, an asterisk ("•", "□", "*").
_LEADING_MARK = re.compile(r"^[^\w\s(«\"'’]+\s+")
# What may open a designation before its wording: the line's number ("1.1", "3", "a)"), then an
# item reference in capitals and digits ("R801", "MO01", "PEI416", "INS.26", "ART-12", "PLÂ215"); one
# or two capitals and a number under a hundred, not padded with a zero, name a product ("BA13", "AC4").
_LEADING_NUMBER = re.compile(r"^(?:\d{1,3}(?:[.,]\d{1,3}){0,3}[.)]?|[a-z][.)])$")
_ITEM_REFERENCE = re.compile(r"^(?:[^\W\d_]{3,6}[-_.]?\d{1,6}|[^\W\d_]{1,2}(?:[-_.]?0\d{1,5}|[-_.]\d{1,6}|\d{3,6}))$")


@cache
def _dangling() -> re.Pattern[str]:
    """A designation cut at a row's end: on a dash, a comma, a bracket, or a connecting word."""
    return re.compile(r"(?:[-–—,+(/:]|(?:" + vocabulary().connecting_word + r")\s*)$", re.IGNORECASE)


@dataclass(slots=True)
class Row:
    text: str
    page: int
    # The line's figures stood on a row of their own under this wording, the computation written
    # out ("12,09 m² x 51,12 € HT"): a two-row line, whose next wording row opens the next line.
    figures_below: bool = False
    # Marks closed the row after its figures ("273,40 A", "(1)", "☐"), taken off; a VAT code among
    # them the document explains.
    vat_code: str | None = None


# The roles of a header's figure columns.
_NUMERIC_ROLES = frozenset(("qty", "pu", "total", "tva", "discount"))


@dataclass(slots=True)
class Header:
    columns: list[tuple[str, int, int]]  # role, start, end (character columns)
    designation: int = -1  # where the designation's label starts (-1: none printed)
    # Where a column labelled in words before the designation's ends ("Corps d'état  Désignation"):
    # its cells (a trade, a lot) are no wording (-1: none printed).
    label_end: int = -1
    # Where a worded column labelled right of every figure column starts (« Observations »,
    # « Remarques »): its cells are no wording (-1: none printed).
    side: int = -1
    # Where a worded column labelled between the designation's and the figures' starts (« Désignation
    # | Observations | Qté … »), halfway from the designation's label to its own: its cells are no
    # wording (-1: none printed).
    middle: int = -1
    # Where a label printed before the designation's ends, whatever its letters (« N° », « Art. »):
    # a row opening under it runs across the table (``_across_columns``) (-1: none printed).
    code_end: int = -1

    def numeric_roles(self) -> list[tuple[str, int, int]]:
        return [c for c in self.columns if c[0] in _NUMERIC_ROLES]

    def has(self, role: str) -> bool:
        return any(c[0] == role for c in self.columns)


@dataclass(slots=True)
class Num:
    value: Decimal
    decimals: int
    first: int  # index of the first tail token it spans
    last: int
    start: int
    end: int
    currency: bool = False
    unit_after: Unit | None = None
    measured: bool = False  # a surface or a length in its own cell ("20,60 m²"): never an amount


@dataclass(slots=True)
class Priced:
    quantity: Decimal
    unit: Unit | None
    unit_price: Decimal
    total: Decimal
    tva_rate: Decimal | None
    designation_end: int  # character column where the designation stops
    consistent: bool
    designation_start: int = 0  # past a leading quantity ("12 m² Peinture … 28,00 336,00")
    discount_rate: Decimal | None = None  # percent taken off quantity × unit price (an amount as its rate)
    mended: str | None = None  # French: the OCR slip the row's arithmetic mended, or the HT it derived
    slip: bool = False  # a printed figure was mended so that the row multiplies out (not a derived HT)
    rate_taxed: bool = False  # the row's VAT amount, TTC or unit price TTC confirm its VAT rate


@dataclass(slots=True)
class LineResult:
    lines: list[QuoteLine] = field(default_factory=list)
    line_vat_rates: list[Decimal | None] = field(default_factory=list)
    line_vat_codes: list[str | None] = field(default_factory=list)  # "T1": a rate the document's legend names
    # The row printed one figure, no quantity nor amount: a price list's row, ordered or not.
    prices_alone: list[bool] = field(default_factory=list)
    # The block the page sets each line in: a new one after each heading and each totals row
    # (a subtotal, the totals block), 0 before any (``counting.blocks_apart``).
    blocks: list[int] = field(default_factory=list)
    # The blocks of one row that is a room's heading as much as a line (its figures a take-off):
    # left out by the total, a heading, no priced row to tell the reviewer of.
    heading_blocks: set[int] = field(default_factory=set)
    header_found: bool = False


_SENTENCE_WORDS = 7
_CELL_GAP_2 = re.compile(r"\S {2,}\S")


def detect_header(text: str) -> Header | None:
    """Column roles of a table header row ("Désignation  Qté  U  P.U. HT  Montant HT")."""
    if len(text) > 400:
        return None
    # Cheap screens first, on the squeezed row: this runs on every row of every document.
    key = squeeze(text)
    if not key or not any(map(key.__contains__, vocabulary().header_screen)) or _PRICED.search(key):
        return None
    stripped = text.strip()
    if len(stripped.split()) >= _SENTENCE_WORDS and _CELL_GAP_2.search(stripped) is None:
        return None  # a sentence ("Objet : remise en état … place du Marché"): labels stand apart
    designation = vocabulary().header_designation.search(text)
    has_designation = designation is not None
    columns: list[tuple[str, int, int]] = []
    # The designation's label may be a phrase naming other columns' contents ("Désignation des
    # ouvrages et prix unitaires en toutes lettres"): the words in that phrase are no columns.
    taken: list[tuple[int, int]] = [_label_phrase(text, designation)] if designation is not None else []
    for role, pattern in vocabulary().header_roles:
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            columns.append((role, match.start(), match.end()))
            taken.append((match.start(), match.end()))
    roles = {c[0] for c in columns}
    numeric = roles & {"qty", "pu", "total"}
    if not ((has_designation and numeric) or len(numeric) >= 2):
        return None
    columns.sort(key=lambda c: c[1])
    if designation is None or any(start < designation.start() for _, start, _ in columns):
        return Header(columns, designation.start() if designation is not None else -1)  # figures first: no label column
    label = text[: designation.start()].rstrip()
    return Header(
        columns,
        designation.start(),
        len(label) if letters(label) >= 3 else -1,
        _side_label(text, columns),
        _middle_label(text, taken[0][1], columns[0][1]),
        len(label) if label else -1,
    )


def _middle_label(text: str, designation_end: int, figures_start: int) -> int:
    """Halfway from the designation's label to a worded column's label standing apart between it
    and the figure columns (« Désignation des travaux   Observations   Quantité »), -1: none."""
    label = re.search(r"\s{2,}(?=\S*[^\W\d_]{3})", text[designation_end:figures_start])
    if label is None or not text[designation_end + label.end()].isupper():
        return -1  # none, or the designation's label going on past a gap (« Désignation   des travaux »)
    return (designation_end + designation_end + label.end()) // 2


def _side_label(text: str, columns: list[tuple[str, int, int]]) -> int:
    """Where a label of a worded column stands past every figure column, cells apart (-1: none)."""
    last = max(end for _, _, end in columns)
    rest = text[last:]
    label = re.search(r"\s{2,}(?=\S*[^\W\d_]{3})", rest)
    return last + label.end() if label is not None and rest.strip() else -1


def _merged_header(upper: Header, lower: Header) -> Header:
    """A header printed on two rows, the lower naming the sub-columns of the upper's labels
    (« Quantité » over « Qté | U », « Prix HT » over « Unitaire | Total »): the lower's columns,
    the upper's designation and worded columns where the lower prints none."""
    return Header(
        lower.columns,
        lower.designation if lower.designation >= 0 else upper.designation,
        lower.label_end if lower.label_end >= 0 else upper.label_end,
        lower.side if lower.side >= 0 else upper.side,
        lower.middle if lower.middle >= 0 else upper.middle,
        lower.code_end if lower.code_end >= 0 else upper.code_end,
    )


def _without_middle(text: str, header: Header) -> str:
    """The row without the cells it prints in the worded column between the designation's and the
    figures' (``Header.middle``): cells of words starting there, left of the first figure column,
    blanked (the columns keep their places)."""
    if vocabulary().totals_row.search(squeeze(text)):
        return text  # a totals row's label (« NET A PAYER ») is no cell of that column
    edge = min(start for _, start, _ in header.columns) - _COLUMN_GAP
    row = text
    for cell in _CELL_SPAN.finditer(text):
        start = len(cell.group()) - len(cell.group().lstrip()) + cell.start()
        if header.middle <= start < edge and letters(cell.group()) >= 3:
            row = row[:start] + " " * (cell.end() - start) + row[cell.end() :]
    # A row of figures whose only words were there keeps them: its wording is lost to the text
    # layer's order, and a line read with the remark for wording is still the line.
    return row if letters(row[:edge]) >= 3 or not _AMOUNT.search(row) else text


def _without_side(text: str, header: Header) -> str:
    """The row without what it prints in the worded column right of the figures (``Header.side``):
    the words after its last figure past the last figure column's label, or a row of words
    standing there alone (an observation's wrapped rows)."""
    row = normalise_row(text)
    tokens = tokenise(row)
    edge = max(start for _, start, _ in header.columns)
    figures = [i for i, token in enumerate(tokens) if token.kind == "num"]
    after = figures[-1] + 1 if figures else 0
    # The cell's words from its first, a word of one letter too (« À confirmer », « 1 pièce à … »).
    cut = next(
        (
            t.start
            for t in tokens[after:]
            if t.kind in ("word", "op") and t.start >= edge and letters(row[t.start :]) >= 2
        ),
        None,
    )
    return row if cut is None else row[:cut].rstrip()


def _label_phrase(text: str, designation: re.Match[str]) -> tuple[int, int]:
    """The span of the designation's label as one cell (up to a column gap), when the words
    after it make a phrase (a word that is no header label: "des", "et"); else the label alone."""
    gap = text.find("  ", designation.end())
    end = len(text) if gap < 0 else gap
    words = squeeze(text[designation.end() : end]).split()
    if any(not vocabulary().header_words_only(word) for word in words):
        return designation.start(), end
    return designation.start(), designation.end()


_THOUSANDS_TAIL = re.compile(r"\d{3}(?:[.,]\d{1,2})?")
_LEADING_ZERO = re.compile(r"-?0\d")


def _joinable(a: Token, b: Token) -> bool:
    """ "1 780,02" printed with an ordinary space: the two tokens may be one number."""
    return (
        a.kind == "num"
        and b.kind == "num"
        and a.digits_only
        and 1 <= len(a.text.lstrip("-")) <= 3
        and not a.text.lstrip("-").startswith("0")
        and _THOUSANDS_TAIL.fullmatch(b.text) is not None
        # Chromium prints U+202F as a wide gap in pypdf's layout text ("3   078,09").
        and b.start - a.end <= 3
    )


# An amount printed in a form's money columns ruled "€ | c": its euros in one cell, its two cent
# digits in the next, no decimal mark ("1242  17", "1.242  17", "1 242  17").
_EUROS = re.compile(r"-?(?:0|[1-9]\d{0,2}(?:\.\d{3})+|[1-9]\d*)")
_CENTS = re.compile(r"\d{2}")
_GROUP = re.compile(r"\d{3}")
_CENTS_GAP = 5
_CENTS_AMOUNT = re.compile(rf"\d {{1,{_CENTS_GAP}}}\d{{2}}\b")  # a screen: a row may print one


def _cents_joinable(a: Token, b: Token, grouped: bool = False) -> bool:
    """ "1242  17": the two tokens may be one amount, euros and cents; ``grouped``: ``a`` ends a
    thousands group ("1 016  76")."""
    return (
        a.kind == "num"
        and b.kind == "num"
        and (_EUROS.fullmatch(a.text) is not None or (grouped and _GROUP.fullmatch(a.text) is not None))
        and _CENTS.fullmatch(b.text) is not None
        and b.start - a.end <= _CENTS_GAP
    )


def _cents_row(tokens: list[Token]) -> bool:
    """No figure of the row has two decimals: its amounts may be printed euros | cents (a row that
    prints cents after a comma prints them all so). Where no arithmetic chooses (a total's row)."""
    return not any(token.kind == "num" and token.decimals == 2 for token in tokens)


def _links(tokens: list[Token]) -> list[int]:
    """Where two neighbouring tokens may be one figure (a thousands group, euros | cents): the
    row's arithmetic says whether they are."""
    links: list[int] = []
    for i in range(len(tokens) - 1):
        grouped = bool(links) and links[-1] == i - 1 and _joinable(tokens[i - 1], tokens[i])
        if _joinable(tokens[i], tokens[i + 1]) or _cents_joinable(tokens[i], tokens[i + 1], grouped):
            links.append(i)
    return links[:_MAX_JOINS]


def _join_choices(tail: list[Token], links: list[int]) -> Iterator[tuple[bool, ...]]:
    """Each way the row's links may join its tokens, but none that joins one euros | cents pair and
    splits another into two figures of their own: a row prints its amounts alike (« 1,27 m² … 3 25
    4 13 » is 1,27 × 3,25 = 4,13, not 3,25 × 4 = 13)."""
    cents = [k for k, i in enumerate(links) if not _joinable(tail[i], tail[i + 1])]
    for joins in itertools.product((False, True), repeat=len(links)):
        joined = {links[k] for k, on in enumerate(joins) if on}
        if any(joins[k] for k in cents) and any(not joined & {links[k] - 1, links[k], links[k] + 1} for k in cents):
            continue
        yield joins


def _cents_left(links: list[int], reading: tuple[int, list[Num], tuple[int, int, int]]) -> bool:
    """A token the reading's figures may join ("2  01": euros, cents) was neither joined nor read
    as a figure of its own (a leading zero): the reading leaves part of the row's money out."""
    _, nums, _ = reading
    covered = {index for num in nums for index in range(num.first, num.last + 1)}
    return any(link in covered and link + 1 not in covered for link in links)


def _joined(text: str, token: Token) -> str | None:
    """``text`` with the figure ``token`` continues appended, or None when it is complete (its
    cents are read)."""
    if "," in text:
        return None
    return f"{text},{token.text}" if _CENTS.fullmatch(token.text) else text + token.text


def _joined_all(tokens: list[Token]) -> str:
    """The figure a run of tokens prints as one."""
    text = tokens[0].text
    for token in tokens[1:]:
        text = _joined(text, token) or text
    return text


def _numbers(tail: list[Token], joins: tuple[bool, ...], links: list[int]) -> list[Num]:
    joined_after = {links[i] for i, on in enumerate(joins) if on}
    phone = _phone_numbers(tail)
    nums: list[Num] = []
    index = 0
    while index < len(tail):
        token = tail[index]
        if token.kind != "num" or index in phone:
            index += 1
            continue
        first = index
        text = token.text
        while index in joined_after and (longer := _joined(text, tail[index + 1])) is not None:
            index += 1
            text = longer
        value = token.value if index == first else parse_decimal(text)
        following = tail[index + 1] if index + 1 < len(tail) else None
        # "07 08 56", "+33": a whole number written with a leading zero or a plus sign is a phone
        # number, a date or a code, never a quantity or an amount.
        if index == first and token.digits_only and len(token.text) > 1 and token.text[0] in "0+":
            value = None
        # "056,53" alone is the tail of a thousands group ("1 056,53"), never a figure of its own,
        # nor "000  02" ("2 000  02").
        if _LEADING_ZERO.match(token.text):
            value = None
        # A bare "%" makes the figure before it a rate; "10%" glued is a rate token of its own.
        if value is not None and not (following is not None and following.kind == "pct" and following.value is None):
            decimals = tail[index].decimals if index == first else decimals_of(text)
            num = Num(value, decimals, first, index, tail[first].start, tail[index].end)
            if following is not None and following.kind == "cur":
                num.currency = True
            if following is not None and following.kind == "unit":
                num.unit_after = following.unit
            num.measured = _measure_after(tail, index)
            nums.append(num)
        index += 1
    return nums


def _phone_numbers(tokens: list[Token]) -> set[int]:
    """Indexes of runs of four or more small whole numbers a space apart ("4 72 07 08 56"): a
    phone number, whose groups are no figures of a line."""
    found: set[int] = set()
    run: list[int] = []
    for index, token in enumerate([*tokens, None]):
        small = token is not None and token.kind == "num" and token.digits_only and len(token.text) <= 2
        if small and token is not None and (not run or token.start - tokens[run[-1]].end <= 1):
            run.append(index)
            continue
        if len(run) >= _PHONE_GROUPS:
            found.update(run)
        run = [index] if small else []
    return found


_PHONE_GROUPS = 4


_SLACK = Decimal("0.011")  # a cent of rounding


def _assignments(nums: list[Num], header: Header | None) -> list[tuple[int, tuple[int, int, int]]]:
    """Every consistent (quantity, unit price, total) reading with its score."""
    found: list[tuple[int, tuple[int, int, int]]] = []
    count = len(nums)
    header_order = _header_numeric_order(header)
    near = [float(num.value) for num in nums]  # each figure as a float, for a screen of ``closes``
    for t, q, p in itertools.permutations(range(count), 3):
        if nums[t].measured or not may_close(near[q] * near[p], near[t]):
            continue
        if not closes(nums[q].value, nums[p].value, nums[t].value):
            continue
        score = 0
        used = {q, p, t}
        last_used = max(used)
        first_used = min(used)
        for i in range(count):
            if i in used:
                continue
            if i > last_used:
                score -= 1 if nums[i].value in VAT_RATES else 3
            elif i < first_used:
                score -= 1
            else:
                score -= 3
        if t == last_used:
            score += 2
        score += _unit_score(nums[q], nums[p], header)
        if header_order:
            order = sorted(((q, "qty"), (p, "pu"), (t, "total")))
            roles = [r for _, r in order]
            if [r for r in header_order if r in roles] == roles:
                score += 4
        elif q < p:
            score += 1
        if nums[t].decimals == 2 or nums[t].currency:
            score += 1
        if nums[p].decimals == 2 or nums[p].currency:
            score += 1
        if nums[q].decimals == 2 and nums[q].value == nums[q].value.to_integral_value() and q > p:
            score -= 1
        found.append((score, (q, p, t)))
    return found


def _placed_columns(nums: list[Num], header: Header | None) -> list[str | None] | None:
    """The column each figure stands under, in a table printing the wording first (else None):
    the header's order alone cannot tell a quantity from a contract amount that repeats the
    line's ("P.U.  Qté  Marché  Avanc.  Total"). A figures-first row is reordered before it is
    read: its columns have moved."""
    if header is None or not 0 <= header.designation < header.columns[0][1]:
        return None
    return [_column_of(num, header) for num in nums]


def _placed(columns: list[str | None] | None, triple: tuple[int, int, int]) -> int:
    """Twice the figures of a reading that stand under their own column (``_placed_columns``)."""
    if columns is None:
        return 0
    q, p, t = triple
    return 2 * sum(columns[i] == role for i, role in ((q, "qty"), (p, "pu"), (t, "total")))


def _mended(tail: list[Token], used: list[Num], as_printed: list[Num] | None = None) -> str | None:
    """What the row's arithmetic changed in the figures as printed (``as_printed``, when the
    caller has read them: ``_numbers`` joining nothing), in French, or None."""
    printed = {num.first: num for num in (_numbers(tail, (), []) if as_printed is None else as_printed)}
    notes = []
    for num in used:
        shown = f"{num.value.normalize():f}".replace(".", ",")
        original = printed.get(num.first)
        if num.start == num.end:  # a figure the engine lost altogether
            notes.append(f"quantité {shown} perdue, rétablie")
        elif original is not None and original.last == num.last and original.value != num.value:
            text = "".join(t.text for t in tail[num.first : num.last + 1])
            notes.append(f"« {text} » corrigé en {shown}")
        elif original is not None and original.last != num.last:
            # Figures read as one: a thousands group is no slip, a figure cut in two is.
            pieces = [t.text for t in tail[num.first : num.last + 1]]
            if parse_decimal(_joined_all(tail[num.first : num.last + 1])) != num.value:
                notes.append(f"« {' '.join(pieces)} » corrigé en {shown}")
    if not notes:
        return None
    return "Chiffre mal lu, corrigé par l'arithmétique de la ligne : " + ", ".join(notes) + "."


def amounts(tokens: list[Token]) -> list[tuple[Decimal, int, int]]:
    """Amounts of a row, thousands groups joined ("3 076,95") and, in a row without a decimal
    mark, euros and cents ("3076  95"), percentages left out."""
    out: list[tuple[Decimal, int, int]] = []
    cents = _cents_row(tokens)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind != "num":
            index += 1
            continue
        first = index
        text, start, end = token.text, token.start, token.end
        while index + 1 < len(tokens) and (
            _joinable(tokens[index], tokens[index + 1])
            or (cents and _cents_joinable(tokens[index], tokens[index + 1], grouped=index > first))
        ):
            longer = _joined(text, tokens[index + 1])
            if longer is None:
                break
            index += 1
            text, end = longer, tokens[index].end
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        value = token.value if index == first else parse_decimal(text)
        # A bare "%" makes the figure before it a rate; "10%" glued is a rate token of its own.
        rate = following is not None and following.kind == "pct" and following.value is None
        # A whole number padded with zeros ("019") numbers an item: no amount.
        if value is not None and not rate and not _ITEM_NUMBER.fullmatch(text):
            out.append((value, start, end))
        index += 1
    return out


def vat_breakdown(text: str) -> bool:
    """A row of the VAT breakdown ("10 %   1 235,40   123,54")."""
    return vat_recap_row(text) is not None


def vat_recap_row(text: str) -> tuple[Decimal, Decimal, Decimal] | None:
    """Rate, base and VAT of a row of the VAT breakdown ("10 %   1 235,40   123,54"): a rate
    opening the row, or after the VAT category's code ("S 10,00   2 684,81   268,48", EN 16931:
    UNCL 5305 codes), then a base and the VAT on it, base × rate = VAT. A line of ten units
    ("10  5,00  50,00") prints its total after its price, never the base before the VAT. A row
    coded so may stand right of other text (terms printed beside the breakdown)."""
    code = _VAT_CODE.match(text) or _VAT_CODE_CELL.search(text)
    body = text[code.end() :] if code else text
    first = body.split(None, 1)[0] if body.lstrip()[:1].isdigit() else ""
    if not first or parse_decimal(first.rstrip("%")) not in VAT_RATES:
        return None  # most rows open with a word, or a figure that is no rate: no tokenising
    tokens = list(row_tokens(body))
    if not tokens or tokens[0].kind not in ("num", "pct") or tokens[0].value not in VAT_RATES:
        return None
    if len(tokens) > 1 and tokens[1].kind == "unit":
        return None
    rate = tokens[0].value
    share = rate_share(rate, [value for value, _, _ in amounts(tokens[1:])], ordered=True)
    return (rate, *share) if share is not None else None


# A VAT category's code before its rate: one or two capitals, then the rate ("S 10,00", "AA 5,50").
_VAT_CODE = re.compile(r"\s*[A-Z]{1,2} +(?=\d)")
# The cell's gap looked behind, not matched: a search would try each space of every padded
# row as the start of a gap (six times the time on layout rows); the first capital matched
# before the gap is looked for, so that the engine skips to the row's capitals (half the time).
_VAT_CODE_CELL = re.compile(r"[A-Z](?<=   [A-Z])[A-Z]? +(?=\d{1,2}(?:[.,]\d{1,2})? {3,})")
VAT_CENT = Decimal("0.011")


def rate_share(rate: Decimal, found: list[Decimal], ordered: bool = False) -> tuple[Decimal, Decimal] | None:
    """Of the amounts ``found`` on a row, the base and the VAT on it at ``rate`` (base × rate =
    VAT, the base the greater), wherever each stands; ``ordered``: the base printed before."""
    return next(
        (
            (base, vat)
            for i, base in enumerate(found)
            for vat in (found[i + 1 :] if ordered else found)
            if base > vat and abs(vat_of(base, rate) - vat) <= VAT_CENT
        ),
        None,
    )


def vat_phrase(text: str, key: str) -> bool:
    """A row that states the VAT of a rate on its base, in any order ("TVA 10 % sur 2 013,25 € :
    201,33 €", "201,33 € TVA 10 % sur 2 013,25 €"): the VAT mark, a rate, and two amounts the
    rate makes one of the other. No line (``key``: the squeezed row)."""
    if "%" not in key or vocabulary().vat_mark.search(key) is None:
        return False  # most rows
    tokens = list(row_tokens(text))
    if _written_out(text) or any(token.kind == "unit" for token in tokens):
        return False  # a line's product ("5 jour x 38,50 € HT · TVA 20 %   192,50 €"), not a rate's share
    found = [value for value, _, _ in amounts(tokens)]
    return any(rate_share(rate, found) is not None for rate in vat_rates_of(tokens))


def rate_columns(text: str) -> tuple[list[Decimal], int]:
    """The rates heading a VAT breakdown printed a column per rate ("Taux TVA   10 %   20 %",
    its bases and VATs on the rows under it, ``column_figures``) and where the first stands:
    two distinct rates or more, no other figure, a short label (its cell: text printed beside
    the breakdown, terms or a paragraph, stands apart). None on most rows."""
    first = _RATE_HEAD.search(text) if text.count("%") >= 2 else None
    if first is None:
        return [], 0
    head = text[: first.start()].rstrip()
    label = CELL_GAP.split(head)[-1]
    # From the label's cell on, wherever the gap before the rates ends: a figure there (a line's
    # price before its discount and VAT rates, « 65,25 €   10 %   20 % ») makes the row no heading.
    tokens = list(row_tokens(text[len(head) - len(label) :]))
    rates = vat_rates_of(tokens)
    words = [token for token in tokens if token.kind == "word"]
    if len(rates) < 2 or len(set(rates)) < len(rates) or amounts(tokens) or len(words) > _RATE_LABEL_WORDS:
        return [], 0
    return rates, first.start()


def column_figures(text: str, start: int) -> list[Decimal]:
    """The amounts of a row that end right of ``start`` (under the rates of ``rate_columns``)."""
    return [value for value, _, end in amounts(list(row_tokens(text))) if end > start]


# A rate standing as a cell of its own (not the « 0 % » end of « 10 % »: ``_RATE_CELL`` below is a
# code's neighbour, any figure before a « % »).
_RATE_HEAD = re.compile(r"(?<!\S)\d{1,2}(?:[.,]\d{1,2})? ?%")
_RATE_LABEL_WORDS = 3  # "Taux de TVA"


def vat_rates_of(tokens: list[Token]) -> list[Decimal]:
    """The VAT rates a row prints ("10 %", "5,5%")."""
    rates: list[Decimal] = []
    for index, token in enumerate(tokens):
        if token.value is None:
            continue
        is_percent = token.kind == "pct" or (index + 1 < len(tokens) and tokens[index + 1].kind == "pct")
        if is_percent and token.value in VAT_RATES:
            rates.append(token.value)
    return rates


def _unit_score(quantity: Num, price: Num, header: Header | None) -> int:
    """A unit printed right after a figure makes it the quantity ("12 m²"), unless the header
    gives the unit its own column (then it may follow any figure); of two figures, the one
    printed with its currency is the price (« à 10,19 € le m² », « (28,42 € HT du  35,90  m² »)."""
    currency = -2 if quantity.currency and not price.currency else 0
    if header is not None and header.has("unit"):
        return currency
    return currency + (3 if quantity.unit_after is not None else 0) - (2 if price.unit_after is not None else 0)


def _header_numeric_order(header: Header | None) -> list[str]:
    if header is None:
        return []
    # A role once, at its first column: a TTC column beside the HT one ("Montant HT  Total TTC")
    # is another total, which the row's arithmetic tells from the line's.
    roles = [c[0] for c in header.columns if c[0] in ("qty", "pu", "total")]
    return list(dict.fromkeys(roles))


def price_row(text: str, header: Header | None, strict: bool, ocr: bool = False) -> Priced | None:
    """Quantity, unit, unit price and total of a row, or None when it is not a priced line.

    ``ocr``: the row was read by OCR, whose slips (a lost comma, a dropped digit, a lone
    figure missed) may be repaired where the row's arithmetic says how."""
    if not _HAS_DIGIT.search(text):
        return None
    parts = row_parts(text)
    tail = list(parts.tail)
    if not any(t.kind == "num" for t in tail):
        return None
    links = _links(tail)
    best: tuple[int, list[Num], tuple[int, int, int]] | None = None
    best_rank = 0
    numbers: dict[tuple[bool, ...], list[Num]] = {}  # each join choice's figures: the role search's too
    for joins in _join_choices(tail, links):
        nums = numbers[joins] = _numbers(tail, joins, links)
        readings = _assignments(nums, header)
        columns = _placed_columns(nums, header) if readings else None  # once per row, not per reading
        for score, triple in readings:
            rank = score + _placed(columns, triple)  # the score alone says how sure a reading is
            if best is None or rank > best_rank:
                best, best_rank = (score, nums, triple), rank
    if best is None and ocr:
        timed = _duration_read(text, header, strict)
        if timed is not None:
            return timed
    percents = _percent_tokens(tail)
    vat = next((p.value for p in percents if p.value in VAT_RATES), None)
    if best is None or len(best[1]) > len(set(best[2])) or _cents_left(links, best) or not _exact(*_figures(best)):
        # No reading of the tail, figures left out of it ("7 m² … 7 10 49 70": 7 × 10 = 70), or a
        # product off by some cents: a quantity before the wording that multiplies out to the cent
        # with the whole tail ("16 m² … 153 51  2456 16") explains the row better.
        whole = _leading_quantity(list(parts.head), parts.words_before, tail, vat, complete=True)
        if whole is not None:
            return whole
    # A reading that leaves amounts of the row unexplained (or none at all) yields to the role
    # search's, which explains them all (a VAT amount and a TTC beside no HT, a discount, a unit
    # price TTC): a rate "10" times a VAT amount may make a unit price by chance.
    # A take-off before the quantity is the role search's to set apart from the wording.
    measured = best is not None and _measured(best)
    if best is None or _leaves_amounts(best, text) or measured:
        found = _role_reading(text, tail, links, header, strict, best, numbers=numbers)
        if found is not None and (best is None or _figures(best) != _figures_of(found) or _takes_more(found, best)):
            return found
    # A weak reading may be an OCR slip: try the repair, unless the row prints its amounts as
    # euros | cents cells (no comma to lose: a lost comma would read a cents cell as a figure).
    if (best is None or best[0] < _CONFIDENT) and not (links and _cents_row(tail)):
        repaired = _repaired(tail, header, numbers.get(()) if not links else None)
        if repaired is not None and (best is None or repaired[0] - 2 > best[0]):
            best = repaired
    units = [t.unit for t in tail if t.kind == "unit" and t.unit is not None]
    if best is None and ocr:
        # A reading that closes as printed (a discount column, figures before the wording)
        # comes before any mending of a figure.
        whole = _whole_row(text, header, vat, strict)
        # A figure the engine cut in two ("333,33" read "33 33"), mended so that the row's
        # last amount is its total, explains more of the row than a reading leaving it out.
        cut = _cut_mended(tail, header)
        if whole is not None and (cut is None or whole.total == cut[1][cut[2][2]].value):
            return whole
        if cut is not None:
            best = cut
    if best is None and ocr:
        # A quantity printed before the designation ("P510 4 PCE Remplacement …") first: the
        # repairs below would otherwise take it for lost and leave the code in the wording.
        leading = _leading_quantity(list(parts.head), parts.words_before, tail, vat, ocr)
        if leading is not None:
            return leading
        best = _ocr_repaired(tail, header)
    if ocr and (best is None or not _exact(*_figures(best)) or _unexplained(tail, best)):
        # A reading mended by one recomputed figure that leaves a bare figure of the row out
        # ("1732  10400  1801 28": 1 732 × 1,04) yields to the one whose lost commas explain it
        # (17,32 × 104,00): a fax loses every comma of a row, not one. So does no reading at
        # all (a rate's column beside the amount, "4317  683  294 85  10", under a header
        # whose quantity's label the engine lost).
        restored = _commas_restored(tail, header)
        if restored is not None and (
            best is None or not _exact(*_figures(best)) or _unexplained(tail, restored) < _unexplained(tail, best)
        ):
            best = restored
    if best is not None:
        _, nums, (q, p, t) = best
        quantity = nums[q]
        unit = _line_unit(tail, quantity, nums[p], units)
        end = _wording_end(text, tail, min(nums[q].first, nums[p].first, nums[t].first), percents)
        begin = 0
        if unit is None:
            # A quantity and its unit cell before the wording ("1  forfait  Contrôle … Chambre 1
            # 284,17  284,17") that multiply out with the same figures: the line's, the tail's
            # bare figure the wording's.
            leading = _leading_quantity(list(parts.head), parts.words_before, tail, vat)
            same = leading is not None and (leading.unit_price, leading.total) == (nums[p].value, nums[t].value)
            if leading is not None and leading.unit is not None and leading.consistent and same:
                return leading
            unit, begin = _unit_column(text, header)
        # The figures as printed: the join choice that joins nothing (the first) reads them so.
        mended = _mended(tail, [nums[q], nums[p], nums[t]], numbers.get((False,) * len(links)))
        if vat is None:
            vat = _rate_in_column([n for i, n in enumerate(nums) if i not in (q, p, t)], header)
        return Priced(
            quantity.value, unit, nums[p].value, nums[t].value, vat, end, True, begin, mended=mended, slip=bool(mended)
        )
    whole = _whole_row(text, header, vat, strict)
    if whole is not None:
        return whole
    leading = _leading_quantity(list(parts.head), parts.words_before, tail, vat, ocr)
    if leading is not None:
        return leading
    return _fallback(tail, header, strict, units, vat)


def _duration_read(text: str, header: Header | None, strict: bool) -> Priced | None:
    """An OCR'd row that multiplies out nowhere as read, read with a duration whose « h » the
    engine took for a look-alike ("1 n 30" for 1 h 30, ``look_alike_durations``): kept only when
    the row then multiplies out to the cent with that duration as its quantity, in hours."""
    for start, end, hours in look_alike_durations(text):
        printed = text[start:end]
        shown = f"{hours.normalize():f}".replace(".", ",")
        # The duration as the tokenizer reads a printed one, where it stood: the columns kept.
        timed = price_row(text[:start] + f"{shown}h".ljust(end - start) + text[end:], header, strict)
        if timed is None or timed.quantity != hours or timed.unit is not Unit.H:
            continue
        if not timed.consistent or not closes(timed.quantity, timed.unit_price, timed.total):
            continue
        note = (
            f"Chiffre mal lu, corrigé par l'arithmétique de la ligne : la durée « {printed} » est {shown} h "
            f"(le « h » lu comme une autre lettre ; quantité × prix unitaire = montant)."
        )
        return replace(timed, mended=note_after(timed.mended, note), slip=True)
    return None


def _wording_end(text: str, tail: list[Token], first: int, percents: list[Token]) -> int:
    """Where the wording stops: at the reading's first figure (``first``, its tail index), a
    unit glued to the wording before it, or a rate column before the figures. A row that prints its
    unit in a column of its own (after the quantity, or before it) ends its wording with a word of its
    own that names a unit (« Déshumidificateur, location à la journée   1   j   31,80 »)."""
    unit_read = any(token.kind == "unit" for token in tail[first:])  # the row's unit among its figures
    while first > 0 and tail[first - 1].kind in ("unit", "cur") and letters(text[: tail[first - 1].start]) >= 3:
        if _figure_unit(tail, first - 1):
            break  # a dimension ending the wording ("… par 1.20 m   m²  18,33 …") stays in it
        if tail[first - 1].kind == "unit":
            if unit_read and not _cut_letter(tail[first - 1].text):
                break  # the row's unit read, a unit word before it is the wording's (« … à la journée »)
            unit_read = True
        first -= 1  # a unit glued to the wording ("Peinture des murs m²  12 …") is no part of it
    return min([tail[first].start, *(token.start for token in percents[:1])])


def _cut_letter(word: str) -> bool:
    """A lone small letter: a word cut by its cell's edge (« Revêtements m »), no word of a wording
    (a capital may be one: « Placo hydrofuge type H »)."""
    return len(word) == 1 and word.islower()


def _figures(reading: tuple[int, list[Num], tuple[int, int, int]]) -> tuple[Decimal, Decimal, Decimal]:
    """Quantity, unit price and total of a reading."""
    _, nums, (q, p, t) = reading
    return nums[q].value, nums[p].value, nums[t].value


def _before_takeoff_label(text: str, end: int) -> int:
    """Where the wording stops when a take-off's letter opens its figures ("… grès L 7,97 l 3,24")."""
    words = text[:end].rstrip()
    last = words.rsplit(maxsplit=1)[-1] if words else ""
    return len(words) - len(last) if last.lower() in vocabulary().takeoff_labels else end


def _figures_of(priced: Priced) -> tuple[Decimal, Decimal, Decimal]:
    return priced.quantity, priced.unit_price, priced.total


def _measured(reading: tuple[int, list[Num], tuple[int, int, int]]) -> bool:
    """Some figures of the row make the reading's quantity or unit price (a take-off,
    ``roles.takeoff``: the role search then says which of the two it measures)."""
    _, nums, (q, p, _) = reading
    values = [num.value for num in nums]
    return any(takeoff(values[:end], nums[i].value) > 0 for end in range(2, len(values)) for i in (q, p))


def _takes_more(found: Priced, reading: tuple[int, list[Num], tuple[int, int, int]]) -> bool:
    """The role search's reading ``found`` takes figures the ``reading`` left in the wording (a take-off)."""
    _, nums, triple = reading
    first = nums[min(triple)].start
    return any(found.designation_end <= num.start < first for num in nums)


def _exact(quantity: Decimal, price: Decimal, total: Decimal) -> bool:
    """quantity × unit price = total to the cent."""
    return money(quantity * price) == total


def _percent_tokens(tail: list[Token]) -> list[Token]:
    return [t for i, t in enumerate(tail) if t.kind == "pct" or (t.kind == "num" and _pct_next(tail, i))]


_AFTER_WORD = re.compile(r"[^\W\d_][.:]? ?$")  # a figure a space after a word ("DTU 25.41")


def _leaves_amounts(reading: tuple[int, list[Num], tuple[int, int, int]], text: str) -> bool:
    """The reading leaves a figure carrying money unexplained (a "0,00" carries none), or a
    figure with one decimal written with the reading's own decimal mark: a sheet's general
    format prints an amount without its cents' last zero (« 8,1  72,87  1,1  80,16  649,3 »:
    72,87 × 1,1 = 80,16 leaves the line's amount out); an item number « 2.1 » before « 5,25 »
    is none, nor a code « 2 »."""
    _, nums, triple = reading
    marks = {_mark(num, text) for num in (nums[i] for i in triple) if num.decimals}
    return any(
        num.value
        and i not in triple
        and (num.decimals == 2 or num.currency or (num.decimals == 1 and _mark(num, text) in marks))
        for i, num in enumerate(nums)
    )


def _mark(num: Num, text: str) -> str:
    """The decimal mark of a figure as printed (its last "," or "."; "" for none: euros | cents cells)."""
    printed = text[num.start : num.end]
    at = max(printed.rfind(","), printed.rfind("."))
    return printed[at] if at >= 0 else ""


def _role_reading(
    text: str,
    tail: list[Token],
    links: list[int],
    header: Header | None,
    strict: bool,
    first: tuple[int, list[Num], tuple[int, int, int]] | None,
    anywhere: bool = False,
    numbers: dict[tuple[bool, ...], list[Num]] | None = None,
) -> Priced | None:
    """The row read by the role search (``roles.search``) over every thousands-join and
    separator reading of its figures ("7.000": 7 or 7000), the "%" rates among them; None where
    the ``first`` reading's quantity and unit price explain every figure (a VAT rate, amount,
    TTC of its total: it stands, and the search is spared). Outside a table a row shows it is a
    line: a unit or a sign of multiplication. ``anywhere``: ``tail`` is the whole row, whose
    wording is its longest run of words between, before or after the figures read. ``numbers``:
    the figures of each join choice, where the caller has read them (``_numbers``)."""
    units = [tk.unit for tk in tail if tk.kind == "unit" and tk.unit is not None]
    if strict and not (units or _written_out(text)):
        return None  # outside a table a line shows it is one (a VAT recap's "1  5,5 %  804,16  44,23" is none)
    percents = [token for token in _percent_tokens(tail) if token.value is not None]
    discounts = header is None or header.has("discount") or vocabulary().discount.search(squeeze(text)) is not None
    order = _header_roles(header)
    if first is not None:
        _, nums, (q, p, _) = first
        figures = _role_figures(text, nums, percents, header)
        confirmed = search(figures, bool(discounts), order, [(q, p)])
        if confirmed is not None and explains_all(figures, confirmed) and not confirmed.takeoff:
            # … unless a take-off before its figures makes its unit price: that is the quantity.
            before = [figure.value for figure in figures[: min(confirmed.used())]]
            if not takeoff(before, figures[p].value):
                return None
    best: tuple[Roles, list[Num]] | None = None
    readings = (
        variant
        for joins in _join_choices(tail, links)
        for variant in _separator_readings(
            tail, numbers[joins] if numbers is not None and joins in numbers else _numbers(tail, joins, links)
        )
    )
    for nums in readings:
        found = search(_role_figures(text, nums, percents, header), bool(discounts), order)
        if found is not None and (best is None or found.score > best[0].score):
            best = (found, nums)
    if best is None:
        return None
    roles, nums = best
    unit, begin = _line_unit(tail, nums[roles.quantity], nums[roles.price], units), 0
    if unit is None:
        unit, begin = _unit_column(text, header)
    used = [nums[i] for i in sorted(roles.used()) if i < len(nums)]
    end = _wording_end(text, tail, used[0].first, percents)
    if roles.takeoff:
        end = _before_takeoff_label(text, end)
    if anywhere:
        begin, end = _wording_span(tail, [(num.start, num.end) for num in used])
    rate = roles.vat_rate
    taxed = (roles.vat_at, roles.ttc_at, roles.price_ttc_at) != (None, None, None)
    if anywhere and not taxed and roles.rate_at is not None and roles.rate_at < len(nums):
        rate = None  # among words a bare number ("semaine 7") is a rate only where an equation uses it
    if rate is None:  # a rate the row prints that is not its discount
        rates = [t.value for i, t in enumerate(percents, start=len(nums)) if i != roles.discount_at]
        rate = next((value for value in rates if value in VAT_RATES), None)
    note = _derived_note(roles, nums) if roles.ht_at is None else None
    return Priced(
        nums[roles.quantity].value,
        unit,
        roles.price_of([num.value for num in nums]),
        roles.ht,
        rate,
        end,
        True,
        begin,
        discount_rate=roles.discount_rate,
        mended=note,
        rate_taxed=taxed and rate is not None,
    )


def figures_anywhere(text: str, header: Header | None, strict: bool) -> Priced | None:
    """A row whose figures close a line's equations wherever they stand among its words: the
    wording after them or between them, a word or a sign between the figures ("9,74 m² x 28,07
    273,40", "3 u à 45,00 €, soit 135,00 €", "Qté 3  PU 45,00  Total 135,00"), a code or a date
    beside them. The role search decides which figures are the line's and must explain every
    amount; the wording is the longest run of words left. None when no reading closes."""
    tokens = list(row_tokens(text))
    if sum(token.kind == "num" for token in tokens) < 3:
        return None  # a line prints its quantity, its unit price and its amount (or two confirming it)
    links = _links(tokens)
    priced = _role_reading(text, tokens, links, header, strict, None, anywhere=True)
    if priced is None:
        return None
    # A figure's label beside the wording ("Qté", "PU :", "Total HT") is no part of it.
    words = [t for t in tokens if priced.designation_start <= t.start and t.end <= priced.designation_end]
    words = words[: unlabelled([word.text for word in words])]
    if not words:
        return None
    priced.designation_start, priced.designation_end = words[0].start, words[-1].end
    return priced


# The decimals of a figure that carries money: an amount's two, a program's unit price's four.
_MONEY_PLACES = frozenset((2, 4))


def _role_figures(text: str, nums: list[Num], percents: list[Token], header: Header | None) -> list[Figure]:
    """The row's figures as the role search takes them: its numbers, then its rates in "%"."""
    figures = [
        Figure(
            num.value,
            num.decimals in _MONEY_PLACES or num.currency,
            currency=num.currency,
            unit=num.unit_after is not None,
            measured=num.measured,
            worded=(num.unit_after is not None or _AFTER_WORD.search(text, 0, num.start) is not None)
            and not _under_heading(num, header),
            column=_column_of(num, header) if header is not None else None,
        )
        for num in nums
    ]
    return figures + [Figure(token.value, percent=True) for token in percents if token.value is not None]


def _header_roles(header: Header | None) -> tuple[str, ...]:
    """The roles of the header's figure columns in the order it prints them, each at its first
    column (empty: no header)."""
    if header is None:
        return ()
    return tuple(dict.fromkeys(role for role, _, _ in header.numeric_roles()))


def _derived_note(roles: Roles, nums: list[Num]) -> str:
    """French: the line's HT derived from quantity × unit price, and the figures that confirm it."""
    named = (("la TVA", roles.vat_at), ("le TTC", roles.ttc_at), ("le prix unitaire TTC", roles.price_ttc_at))
    confirming = [f"{name} ({format_eur(nums[at].value)})" for name, at in named if at is not None and at < len(nums)]
    return (
        f"Montant HT non imprimé : {format_eur(roles.ht)} (quantité × prix unitaire), "
        f"{' et '.join(confirming)} de la ligne le confirme{'nt' if len(confirming) > 1 else ''}."
    )


def _column_totals(text: str, lines: list[QuoteLine]) -> bool:
    """A row of column totals under the lines ("TOTAUX  114,36  3 081,88  308,19  3 390,07"),
    whatever its label: each of its figures the sum of a column of the lines read above (their
    quantities whatever their units, amounts HT, VAT amounts, amounts TTC), two columns at least;
    or a lone figure, the lines' sum HT, under labels only ("Base HT  2 621,49": no work named)."""
    if len(lines) < 2:
        return False
    ht = lines_sum(lines)
    sums = [sum((line.quantity for line in lines), Decimal(0)), ht]
    if all(line.tva_rate is not None for line in lines):
        vat = sum((vat_of(line.total_ht, line.tva_rate) for line in lines if line.tva_rate is not None), Decimal(0))
        sums += [vat, ht + vat]
    slack = _SLACK + CENT * len(lines)  # each line's VAT rounded on its own

    def column(figure: Decimal) -> int | None:
        return next((i for i, total in enumerate(sums) if abs(figure - total) <= slack), None)

    # Every figure must be a sum: the row's closing figures first (its tail, which the line reader
    # reads anyway, gives the last of the row's amounts), the whole row only when they all are.
    if any(column(value) is None for value, _, _ in amounts(list(row_parts(text).tail))):
        return False
    figures = [value for value, _, _ in amounts(list(row_tokens(text)))]
    if len(figures) == 1:
        labels = [word for word in text.split() if not _HAS_DIGIT.search(word)]
        return abs(figures[0] - ht) <= _SLACK and unlabelled(labels) == 0
    if len(figures) < 2:
        return False
    matched = [column(figure) for figure in figures]
    return None not in matched and len(set(matched)) >= 2


def _rate_unconfirmed(priced: Priced, header: Header | None, key: str) -> bool:
    """The row's VAT rate is a bare percentage nothing on the row confirms: no VAT column in the
    header, no VAT word on the row (``key``, squeezed), no VAT amount nor TTC of the row made at
    it. A wear rate (« Vét. 20 % »), a share or a progress prints so too: the totals decide."""
    if priced.tva_rate is None or priced.rate_taxed:
        return False
    return not (header is not None and header.has("tva")) and vocabulary().vat_mark.search(key) is None


def _rate_in_column(others: list[Num], header: Header | None) -> Decimal | None:
    """A VAT rate printed without its "%" under the header's VAT column ("Taux   …   20")."""
    if header is None or not header.has("tva"):
        return None
    columns = header.numeric_roles()
    for num in others:
        middle = (num.start + num.end) / 2
        nearest = min(columns, key=lambda c: abs((c[1] + c[2]) / 2 - middle))
        if nearest[0] == "tva" and num.value in VAT_RATES:
            return num.value
    return None


def _line_unit(tokens: list[Token], quantity: Num, price: Num | None, units: list[Unit]) -> Unit | None:
    """The line's unit: printed after its quantity ("18,33 m²"), as the unit the price is per
    ("28,00 €/m²"), in a cell of its own right before the quantity ("m²   18,33"), or the row's
    only unit but a dimension's. A unit inside the wording ("… hauteur 1.20 m", "type H") is
    not the line's."""
    per = _priced_per(tokens, price) if price is not None else None
    if quantity.unit_after is not None or per is not None:
        return quantity.unit_after or per
    index = quantity.first - 1
    if index >= 0 and tokens[index].kind == "unit" and (index == 0 or tokens[index].start - tokens[index - 1].end >= 2):
        return tokens[index].unit
    if index >= 2 and tokens[index].kind == "unit" and _amount_among_figures(tokens, index - 1):
        return tokens[index].unit  # between an amount and the quantity ("384,56 ML 19,00"): an amount has none
    # A bare count after a wording that ends in a dimension ("… hauteur 1.20 m   72,15   8").
    dimension = any(t.kind == "unit" and _figure_unit(tokens, at) for at, t in enumerate(tokens[: quantity.first]))
    if dimension:
        return None
    if len(units) == 1:
        return units[0]
    # Of a unit word ending the wording (« …, par jour ») and the unit's cell (« j »): the cell, a
    # column's gap either side of it.
    cells = [t.unit for at, t in enumerate(tokens) if t.kind == "unit" and _own_cell(tokens, at)]
    return cells[0] if len(cells) == 1 else None


def _own_cell(tokens: list[Token], at: int) -> bool:
    """The token at ``at`` stands in a cell of its own among the row's: a column's gap before and
    after it (the first token's left edge unknown: no)."""
    after = at == len(tokens) - 1 or tokens[at + 1].start - tokens[at].end >= 2
    return at > 0 and tokens[at].start - tokens[at - 1].end >= 2 and after


def _amount_among_figures(tokens: list[Token], index: int) -> bool:
    """The token at ``index`` is an amount (two decimals, or its cents cell) among the row's
    figures, not a dimension closing the wording ("… hauteur 1.20 m")."""
    token, before = tokens[index], tokens[index - 1]
    if _cents_joinable(before, token):
        return True  # its cents cell ("384   56 ML 19,00")
    return token.kind == "num" and token.decimals == 2 and before.kind in ("num", "pct", "cur", "unit")


def _figure_unit(tokens: list[Token], index: int) -> bool:
    """The unit at ``index`` belongs to the figure right before it ("1.20 m", "13 mm")."""
    return index > 0 and tokens[index - 1].kind == "num" and tokens[index].start - tokens[index - 1].end <= 1


def _priced_per(tokens: list[Token], price: Num) -> Unit | None:
    """The unit a price is per ("28,00 € / m²", as ``normalise_row`` writes every price per unit):
    the line's unit, whatever other unit the wording holds ("Placo type H")."""
    following = [token for token in tokens[price.last + 1 : price.last + 5] if token.kind != "cur"]
    if len(following) >= 2 and following[0].text == "/" and following[1].kind == "unit":
        return following[1].unit
    return None


def _whole_row(text: str, header: Header | None, vat: Decimal | None, strict: bool) -> Priced | None:
    """A reading from every figure of the row, wherever it stands: columns in any order
    ("66,70  6  Peinture …  m²  400,20"), a designation between the figures, a discount rate
    between the unit price and the net total. The figures that multiply out are the line's;
    the words between them are its designation."""
    tokens = list(row_tokens(text))
    links = _links(tokens)
    header_order = _header_numeric_order(header)
    # A figure taken off the product only where the table or the row speaks of a discount.
    discounts = (header is not None and header.has("discount")) or vocabulary().discount.search(squeeze(text))
    # A rate glued to its sign ("10%") or apart from it ("10 %", as a "Remise %" column prints it).
    rates = [
        tk.value
        for i, tk in enumerate(tokens)
        if tk.value is not None
        and 0 < tk.value < 100
        and (tk.kind == "pct" or (tk.kind == "num" and _pct_next(tokens, i)))
    ]
    best: tuple[int, list[Num], tuple[int, int, int], tuple[int, bool] | None] | None = None
    readings = (
        variant
        for joins in itertools.product((False, True), repeat=len(links))
        for variant in _separator_readings(tokens, _numbers(tokens, joins, links))
    )
    for nums in readings:
        if len(nums) > _MAX_ROW_FIGURES:
            return None
        for q, p, t in itertools.permutations(range(len(nums)), 3):
            if nums[t].measured:
                continue  # a surface or a length is no amount
            quantity, price, total = nums[q].value, nums[p].value, nums[t].value
            discount: tuple[int, bool] | None = None  # the figure taken off, and whether a rate
            if not closes(quantity, price, total):
                discount = _discount(nums, rates, q, p, t) if discounts else None
                if discount is None or _amount_under_column(nums, q, p, header):
                    continue
            score = _unit_score(nums[q], nums[p], header)
            score += (1 if nums[t].decimals == 2 or nums[t].currency else 0) + (2 if t == len(nums) - 1 else 0)
            score += 1 if nums[p].decimals == 2 or nums[p].currency else 0
            # Amounts the reading leaves unexplained speak against it ("2,00  U  77,58 €  5
            # 147,40 €  10": 5 × 2,00 = 10 leaves the price and the net total out).
            explained = (q, p, t, discount[0] if discount is not None else -1)
            score -= sum(1 for i, num in enumerate(nums) if i not in explained and num.decimals == 2)
            if header_order:
                # The roles the header names, in its order (a header may lack one: "P." over "u.").
                order = [role for _, role in sorted(((q, "qty"), (p, "pu"), (t, "total"))) if role in header_order]
                score += 4 if [r for r in header_order if r in order] == order else 0
            if header is not None and header.has("qty"):
                # The quantity under the quantity's column, not a dimension of the wording ("… 0,90 m").
                score += 2 if _column_of(nums[q], header) == "qty" else 0
            if best is None or score > best[0]:
                best = (score, nums, (q, p, t), discount)
    if best is None:
        return None
    _, nums, (q, p, t), discount = best
    units = [tk.unit for tk in tokens if tk.kind == "unit" and tk.unit is not None]
    operator = any(multiplies(tk) for tk in tokens)
    if strict and (t != len(nums) - 1 or not (units or operator)):
        # Outside a table, a line shows it is one: its total last, a unit or a sign of
        # multiplication (a phone number or a date multiplies out by chance).
        return None
    used = sorted([q, p, t] + ([discount[0]] if discount is not None and discount[0] >= 0 else []))
    begin, end = _wording_span(tokens, [(nums[i].start, nums[i].end) for i in used])
    if end <= begin:
        return None
    unit = _line_unit(tokens, nums[q], nums[p], units)
    if discount is not None:
        taken = nums[discount[0]].value if discount[0] >= 0 else rates[-1 - discount[0]]
        if discount[0] < 0 and vat == taken:
            vat = None  # the "10%" was the discount, not the VAT
        # An amount taken off ("Remise 25,00") is the rate it makes of the line's gross price.
        rate = taken if discount[1] else (taken * 100 / (nums[q].value * nums[p].value)).quantize(RATE_PLACES)
        return Priced(nums[q].value, unit, nums[p].value, nums[t].value, vat, end, True, begin, rate)
    return Priced(nums[q].value, unit, nums[p].value, nums[t].value, vat, end, True, begin)


def _amount_under_column(nums: list[Num], q: int, p: int, header: Header | None) -> bool:
    """Quantity × unit price is printed under the header's amount column (« Montant HT »): that
    figure is the line's amount, and no figure taken off the product makes another (the columns
    after the amount share it out: « Locataire  Bailleur »)."""
    if header is None or not header.has("total"):
        return False
    quantity, price = nums[q].value, nums[p].value
    return any(
        i not in (q, p) and _column_of(num, header) == "total" and closes(quantity, price, num.value)
        for i, num in enumerate(nums)
    )


def _discount(nums: list[Num], rates: list[Decimal], q: int, p: int, t: int) -> tuple[int, bool] | None:
    """A figure of the row that, taken off quantity × unit price, leaves the total: a rate
    ("Rem. 10", "10%": a rate token is given as -1 - its index in ``rates``) or an amount
    ("Remise 25,00"). The index of the figure, and whether it is a rate."""
    quantity, price, total = nums[q].value, nums[p].value, nums[t].value
    for index, rate in enumerate(rates):
        if closes(quantity, price * (1 - rate / 100), total):
            return -1 - index, True
    for r, num in enumerate(nums):
        if r in (q, p, t) or num.value <= 0:
            continue
        if num.value < 100 and closes(quantity, price * (1 - num.value / 100), total):
            return r, True
        if num.value < quantity * price and closes(quantity, price, total + num.value):
            return r, False
    return None


_MAX_ROW_FIGURES = 8
_CONFIDENT = 6  # the score of a reading that explains the row's figures in the header's order
_TIMES_SIGNS = frozenset({"×", "*", "@"})  # the words that multiply are the vocabulary's
_AMBIGUOUS_GROUPING = re.compile(r"\d{1,3}[.,]\d{3}")
_MAX_AMBIGUOUS = 3


def _separator_readings(tokens: list[Token], nums: list[Num]) -> list[list[Num]]:
    """The figures as parsed, and with each "1.250" / "12,500" read the other way (thousands
    or three decimals): spreadsheets print quantities to three decimals, the arithmetic says
    which reading the document meant."""
    ambiguous = [
        i
        for i, num in enumerate(nums)
        if num.first == num.last and _AMBIGUOUS_GROUPING.fullmatch(tokens[num.first].text)
    ][:_MAX_AMBIGUOUS]
    readings = [nums]
    for index in ambiguous:
        num = nums[index]
        digits = tokens[num.first].text.replace(",", "").replace(".", "")
        other = Decimal(digits) if num.value != num.value.to_integral_value() else Decimal(digits) / 1000
        readings += [
            [
                *reading[:index],
                Num(
                    other,
                    3 if other < num.value else 0,
                    num.first,
                    num.last,
                    num.start,
                    num.end,
                    num.currency,
                    num.unit_after,
                ),
                *reading[index + 1 :],
            ]
            for reading in readings
        ]
    return readings


def _unit_column(text: str, header: Header | None) -> tuple[Unit | None, int]:
    """A unit opening the row, in a column of its own before the designation: apart from it
    ("m²  Peinture"), or under the header's unit column printed before the designation's, however
    near the wording its cell sets it ("U | Désignation": "  m² Peinture …"); and where the
    wording starts past it (0: no such unit)."""
    tokens = row_tokens(text)
    if len(tokens) < 2 or tokens[0].kind != "unit" or tokens[0].unit is None:
        return None, 0
    before = header is not None and any(role == "unit" and end <= header.designation for role, _, end in header.columns)
    return (tokens[0].unit, tokens[1].start) if before or tokens[1].start - tokens[0].end >= 2 else (None, 0)


def _wording_span(tokens: list[Token], figures: list[tuple[int, int]]) -> tuple[int, int]:
    """Columns of the longest run of words between the row's figures (the designation), with the
    linking words ending it (« … gonflées par »): the designation decides whether they link it
    to the figures or go on with its wrapped row (``_designation``)."""
    cuts = [0, *(edge for span in figures for edge in span), 1 << 30]
    best, best_length = (0, 0), 0
    for begin, end in zip(cuts[::2], cuts[1::2], strict=True):
        words = [tk for tk in tokens if tk.kind == "word" and begin <= tk.start and tk.end <= end]
        length = sum(len(w.text) for w in words)
        if length > best_length:
            linking = (tk.end for tk in tokens if tk.kind == "op" and tk.text.isalpha() and tk.end <= end)
            best, best_length = (words[0].start, max([words[-1].end, *linking])), length
    return best


def _leading_quantity(
    tokens: list[Token],
    start: int,
    tail: list[Token],
    vat: Decimal | None,
    ocr: bool = False,
    complete: bool = False,
) -> Priced | None:
    """Layouts that print the quantity (and unit) before the designation: "12 m² Peinture …
    28,00 336,00". Accepted only when it multiplies out with the figures at the row's end
    (or, read by OCR, when the figures give a quantity the printed one is a slip of).
    ``complete``: only a reading whose unit price and amount are all the tail's figures."""
    if len(tokens) >= 3 and _is_reference(tokens[0]) and tokens[1].kind == "num":
        tokens, start = tokens[1:], start - 1  # "R801 0,5 M2 Peinture …", "1.1 1,27 m2 Vitrage …"
    if len(tokens) >= 2 and tokens[0].kind == "unit" and tokens[1].kind == "num":
        tokens = [tokens[1], tokens[0], *tokens[2:]]  # "U | Qté | Désignation": the unit's cell first
    if start < 2 or len(tokens) < 2 or tokens[0].kind != "num" or tokens[0].value is None:
        return None
    lead = tokens[0].value
    unit = tokens[1].unit if tokens[1].kind == "unit" else None
    skip = tokens[2].start if unit is not None and start > 2 and len(tokens) > 2 else tokens[1].start
    links = _links(tail)
    figures = sum(token.kind == "num" for token in tail)
    best: tuple[int, list[Num], int, int] | None = None
    for joins in itertools.product((False, True), repeat=len(links)):
        nums = _numbers(tail, joins, links)
        if complete and len(nums) != 2:
            continue
        for p, t in itertools.permutations(range(len(nums)), 2):
            if (
                not nums[t].measured
                and closes(lead, nums[p].value, nums[t].value)
                and (not complete or _exact(lead, nums[p].value, nums[t].value))
            ):
                # Each figure of the tail left out costs, a piece of one read apart too ("2 000 01").
                covered = nums[p].last - nums[p].first + nums[t].last - nums[t].first + 2
                score = (2 if t == len(nums) - 1 else 0) + (1 if p < t else 0) - (figures - covered)
                if best is None or score > best[0]:
                    best = (score, nums, p, t)
    if best is None and complete:
        return None
    mended = None
    if best is None and ocr:
        nums = _numbers(tail, (), [])
        for p, t in itertools.permutations(range(len(nums)), 2):
            derived = _quotient(nums[t].value, nums[p].value)
            if derived is not None and p < t and resembles(tokens[0].text, derived, amount=False):
                lead = derived
                best = (0, nums, p, t)
                break
        split = _split_total(tail, nums, lead) if best is None else None
        if split is not None:
            nums, p, mended = split
            best = (0, nums, p, p + 1)
    consistent = best is not None
    if best is None:
        # Each amount printed as euros | cents cells is one figure, as in the readings above.
        joined = _numbers(tail, tuple(True for _ in links), links)
        nums = joined if len(joined) == 2 else _numbers(tail, (), [])
        if unit is None or len(nums) != 2 or not all(n.decimals == 2 or n.currency for n in nums):
            return None
        # "12 m² Peinture … 28,00 350,00": the figures of a line whose product is wrong, read
        # as printed so that the checks name them.
        best = (0, nums, 0, 1)
    _, nums, p, t = best
    end = tail[min(nums[p].first, nums[t].first)].start
    if unit is None:
        units = [tk.unit for tk in tail if tk.kind == "unit" and tk.unit is not None]
        unit = units[0] if len(units) == 1 else None
    return Priced(lead, unit, nums[p].value, nums[t].value, vat, end, consistent, designation_start=skip, mended=mended)


def _split_total(tail: list[Token], nums: list[Num], lead: Decimal) -> tuple[list[Num], int, str] | None:
    """OCR's hook for a total the engine cut in two ("369,87" read "36   87"): the figures
    after the unit price, read together, are a slip of quantity × unit price (``resembles``).
    The figures with the two pieces as one total, the unit price's index, and the French note."""
    for p in range(len(nums) - 2):
        rest = nums[p + 1 :]
        text = "".join(tail[k].text for num in rest for k in range(num.first, num.last + 1))
        product = (lead * nums[p].value).quantize(_CENT)
        if product > 0 and resembles(text, product, amount=True):
            total = Num(product, 2, rest[0].first, rest[-1].last, rest[0].start, rest[-1].end)
            printed = " ".join(tail[k].text for num in rest for k in range(num.first, num.last + 1))
            shown = f"{product:f}".replace(".", ",")
            note = f"Chiffre mal lu, corrigé par l'arithmétique de la ligne : « {printed} » corrigé en {shown}."
            return [*nums[: p + 1], total], p, note
    return None


def _is_reference(token: Token) -> bool:
    """An item reference or number opening a row: "R801", "ART-12", "1.1", "3"."""
    return bool(_REFERENCE.fullmatch(token.text))


def _repaired(
    tail: list[Token], header: Header | None, nums: list[Num] | None = None
) -> tuple[int, list[Num], tuple[int, int, int]] | None:
    """OCR drops decimal commas ("2178" for "21,78", "100." for "1,00"): put one back before
    the last two digits of a bare integer when that makes the row multiply out (``nums``: the
    tail's figures joining nothing, where the caller has read them)."""
    nums = _numbers(tail, (), []) if nums is None else nums
    best: tuple[int, list[Num], tuple[int, int, int]] | None = None
    for index in _bare_integers(tail, nums):
        fixed = list(nums)
        fixed[index] = _comma_back(nums[index])
        for score, triple in _assignments(fixed, header):
            if index in triple and (best is None or score > best[0]):
                best = (score, fixed, triple)
    return best


def _bare_integers(tail: list[Token], nums: list[Num]) -> list[int]:
    """The figures OCR may have printed without their decimal comma: whole numbers of one token
    and three digits at least ("46162" for "461,62")."""
    return [
        index
        for index, num in enumerate(nums)
        if num.first == num.last and tail[num.first].digits_only and len(tail[num.first].text.lstrip("-")) >= 3
    ]


def _unexplained(tail: list[Token], reading: tuple[int, list[Num], tuple[int, int, int]]) -> int:
    """How many figures that may have lost their comma the reading leaves out of its triple."""
    _, nums, triple = reading
    return sum(index not in triple for index in _bare_integers(tail, nums))


def _comma_back(num: Num) -> Num:
    """``num`` with a decimal comma put back before its last two digits."""
    return Num(num.value / 100, 2, num.first, num.last, num.start, num.end, num.currency, num.unit_after)


def _commas_restored(tail: list[Token], header: Header | None) -> tuple[int, list[Num], tuple[int, int, int]] | None:
    """A row that lost the decimal comma of several figures (a low-resolution fax loses them
    all: "605  76 30  46162" for 6,05 × 76,30 = 461,62): the reading with a comma put back in
    two figures or more that multiplies out to the cent, with the fewest figures changed, and
    the best score among those; None when none does. A product that closes only to within its
    rounding as printed (605 × 76,30 = 46 161,50 for "46162") is no evidence against it."""
    links = _links(tail)
    for size in (2, 3):
        best: tuple[int, list[Num], tuple[int, int, int]] | None = None
        for joins in itertools.product((False, True), repeat=len(links)):
            nums = _numbers(tail, joins, links)
            for chosen in itertools.combinations(_bare_integers(tail, nums), size):
                fixed = [_comma_back(num) if i in chosen else num for i, num in enumerate(nums)]
                for score, triple in _assignments(fixed, header):
                    q, p, t = triple
                    exact = _exact(fixed[q].value, fixed[p].value, fixed[t].value)
                    if exact and set(chosen) <= set(triple) and (best is None or score > best[0]):
                        best = (score, fixed, triple)
        if best is not None:
            return best
    return None


_CENT = Decimal("0.01")
_MAX_DERIVED_QUANTITY = 10_000


def _quotient(total: Decimal, factor: Decimal) -> Decimal | None:
    """``total / factor`` when it has at most two decimals (a printed quantity or price)."""
    if factor <= 0 or total <= 0:
        return None
    value = (total / factor).quantize(_CENT)
    if value <= 0 or value > _MAX_DERIVED_QUANTITY or not closes(value, factor, total):
        return None
    return value


def _ocr_repaired(tail: list[Token], header: Header | None) -> tuple[int, list[Num], tuple[int, int, int]] | None:
    """A row of OCR figures that does not multiply out, made to when one slip explains it.

    Each figure in turn is recomputed from the two others (quantity or unit price = total ÷
    the other, total = product) and kept when the printed figure is a plausible OCR slip of
    it (``resembles``): "52" for "1,52", "502" for "5,92", "1.931" for "1,31". A real
    arithmetic error (a total off by 10, 27 or 100 €) does not look like a slip and stays
    visible. A quantity the engine lost altogether (a lone "2" in its cell) is put back
    when the total is a whole multiple of the unit price."""
    nums = _numbers(tail, (), [])
    best: tuple[int, list[Num], tuple[int, int, int]] | None = None
    for variant, only in ((nums, None), *_cut_in_two(tail, nums)):
        mended = _slip_mended(tail, variant, header, only)
        if mended is not None and (best is None or mended[0] > best[0]):
            best = mended
    if best is not None:
        return best
    money_like = [i for i, n in enumerate(nums) if n.decimals == 2 or n.currency]
    for p, t in itertools.combinations(money_like, 2):
        count = _quotient(nums[t].value, nums[p].value)
        if count is None or count != count.to_integral_value() or count < 2:
            continue
        lost = Num(count, 0, nums[p].first, nums[p].first, nums[p].start, nums[p].start)
        fixed = [*nums[:p], lost, *nums[p:]]
        for score, triple in _assignments(fixed, header):
            if p in triple and (best is None or score > best[0]):
                best = (score, fixed, triple)
    return best


def _cut_mended(tail: list[Token], header: Header | None) -> tuple[int, list[Num], tuple[int, int, int]] | None:
    """The best mended reading of the row with a figure cut in two read as one, whose total
    is the row's last amount."""
    best: tuple[int, list[Num], tuple[int, int, int]] | None = None
    for variant, merged in _cut_in_two(tail, _numbers(tail, (), [])):
        mended = _slip_mended(tail, variant, header, only=merged)
        if mended is not None and mended[2][2] == len(variant) - 1 and (best is None or mended[0] > best[0]):
            best = mended
    return best


def _cut_in_two(tail: list[Token], nums: list[Num]) -> list[tuple[list[Num], int | None]]:
    """The row's figures with two neighbours read as one, for each pair OCR may have cut a
    figure into ("333,33" read "33 33": its decimal mark read as a gap, a digit lost; "1 35420"
    for "1 354,20": a thousands group, the mark lost): a bare whole number followed by exactly
    two digits, or by five after at most three; with the index of the figure read as one."""
    variants: list[tuple[list[Num], int | None]] = []
    for index in range(len(nums) - 1):
        a, b = nums[index], nums[index + 1]
        if a.first != a.last or b.first != b.last or b.first != a.last + 1:
            continue
        if not (tail[a.first].digits_only and tail[b.first].digits_only):
            continue
        left, right = tail[a.first].text, tail[b.first].text
        if len(right) == 5 and len(left) <= 3:
            left, right = left + right[:3], right[3:]
        if len(right) != 2:
            continue
        value = parse_decimal(f"{left},{right}")
        if value is None:
            continue
        merged = Num(value, 2, a.first, b.last, a.start, b.end, b.currency, b.unit_after)
        variants.append(([*nums[:index], merged, *nums[index + 2 :]], index))
    return variants


def _slip_mended(
    tail: list[Token], nums: list[Num], header: Header | None, only: int | None = None
) -> tuple[int, list[Num], tuple[int, int, int]] | None:
    """The best reading of ``nums`` with one figure (``only`` that one, if given) recomputed
    from two others where the printed one is a plausible OCR slip of it (see ``_ocr_repaired``)."""
    best: tuple[int, list[Num], tuple[int, int, int]] | None = None
    for index, num in enumerate(nums):
        if only is not None and index != only:
            continue
        text = "".join(t.text for t in tail[num.first : num.last + 1])
        for j, k in itertools.permutations([i for i in range(len(nums)) if i != index], 2):
            as_factor = _quotient(nums[k].value, nums[j].value)  # the figure is q or pu, k the total
            as_total = (nums[j].value * nums[k].value).quantize(_CENT) if j < k else None
            for value, amount in ((as_factor, True), (as_factor, False), (as_total, True)):
                if value is None or value == num.value or not resembles(text, value, amount=amount):
                    continue
                fixed = list(nums)
                fixed[index] = Num(value, 2, num.first, num.last, num.start, num.end, num.currency, num.unit_after)
                for score, triple in _assignments(fixed, header):
                    if index in triple and (best is None or score > best[0]):
                        best = (score, fixed, triple)
    return best


def resembles(text: str, value: Decimal, amount: bool) -> bool:
    """Whether OCR could have printed ``value`` as ``text``: the same digits with the decimal
    mark lost or moved, one digit dropped or added, or, when ``text`` is malformed (no mark
    where one is due, an amount without two decimals), one digit misread."""
    read = "".join(ch for ch in text if ch.isdigit())
    if not read:
        return False
    marks = [i for i, ch in enumerate(text) if ch in ".,"]
    decimals = len(text) - marks[-1] - 1 if marks else 0
    forms = {f"{value:.2f}", f"{value.normalize():f}"}
    for form in forms:
        digits = form.replace(".", "").lstrip("0") or "0"
        if read.lstrip("0") == digits:
            return True
        if abs(len(read) - len(digits)) == 1 and (_subsequence(read, digits) or _subsequence(digits, read)):
            return True
        malformed = (not marks and "." in form) or (amount and decimals != 2) or (not amount and decimals > 3)
        if malformed and len(read) == len(digits) and sum(a != b for a, b in zip(read, digits, strict=True)) == 1:
            return True
    return False


def _subsequence(short: str, long: str) -> bool:
    """``short`` is ``long`` with one character left out."""
    if len(short) + 1 != len(long):
        return False
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _pct_next(tail: list[Token], index: int) -> bool:
    return index + 1 < len(tail) and tail[index + 1].kind == "pct" and tail[index + 1].value is None


def _fallback(
    tail: list[Token], header: Header | None, strict: bool, units: list[Unit], vat: Decimal | None
) -> Priced | None:
    """Rows whose numbers do not multiply out (an arithmetic error, a free-text line)."""
    links = [i for i in _links(tail) if tail[i + 1].start - tail[i].end <= 1]
    nums = _numbers(tail, tuple(True for _ in links), links)
    if not nums or (nums[-1].measured and len(nums) != 2):
        return None  # figures ending on a surface or a length ("… surface 6,71 m²"): a take-off, no amount
    operator = any(multiplies(t) for t in tail)
    money_like = [n for n in nums if n.decimals == 2 or n.currency]
    lump_sum = len(nums) == 1 and bool(money_like) and units in ([Unit.FORFAIT], [Unit.ENS])
    if strict and not (operator and units) and not (len(nums) >= 3 and len(money_like) >= 2) and not lump_sum:
        return None  # outside a table, a row must show it is priced ("… - forfait - 82,00 €")
    if not money_like and not operator:
        return None
    header_roles = [c[0] for c in header.numeric_roles()] if header else []
    if header_roles and vat is not None:
        header_roles = [r for r in header_roles if r != "tva"]
    quantity = price = total = None
    mapped: dict[str, Num] = {}
    under: list[tuple[str, Num]] = []
    if header_roles and len(header_roles) == len(nums):
        for role, num in zip(header_roles, nums, strict=True):
            mapped.setdefault(role, num)  # a role at its first column: a TTC beside the HT is another total
    elif header is not None:
        under = _under_columns(nums, header)
        for role, num in under:
            mapped.setdefault(role, num)
    if mapped:
        quantity, price, total = mapped.get("qty"), mapped.get("pu"), mapped.get("total")
        tva_num = mapped.get("tva")
        if tva_num is not None and tva_num.value in VAT_RATES:
            vat = tva_num.value
    # Amounts under the total columns only, with their VAT rate (a discount row of a grid:
    # "Remise -3 %   -97,69   10   -107,46"): the first is a lump sum.
    alone = total is not None and all(
        role == "total" or (role == "tva" and num.value in VAT_RATES) for role, num in under
    )
    if not alone and (total is None or price is None or quantity is None):
        quantity = price = total = None
        if len(nums) >= 3:
            with_unit = [i for i, n in enumerate(nums) if n.unit_after is not None]
            qi = with_unit[0] if with_unit else len(nums) - 3
            qi = min(qi, len(nums) - 3)
            quantity, price, total = nums[qi], nums[qi + 1], nums[-1]
        elif len(nums) == 2:
            first, second = nums
            if operator:
                quantity, price = first, second
            elif first.unit_after is not None or (first.value == 1 and not first.currency):
                quantity, total = first, second
            elif first.value == second.value and first.decimals == 2:
                price, total = first, second  # unit price = total: one unit whose count was lost
            else:
                return None
        else:
            total = nums[0]
    if total is None and quantity is not None and price is not None:
        total_value = money(quantity.value * price.value)
    elif total is not None:
        total_value = total.value
    else:
        return None
    quantity_value = quantity.value if quantity is not None else Decimal(1)
    if quantity_value <= 0:
        return None
    price_value = price.value if price is not None else money(total_value / quantity_value)
    unit = None
    if quantity is not None:
        unit = _line_unit(tail, quantity, price, units)
    elif len(units) == 1:
        unit = units[0]
    else:
        unit = Unit.FORFAIT  # a bare amount is a lump sum, a discount (negative) too: 1 forfait × −amount
    used = [n for n in (quantity, price, total) if n is not None]
    end = tail[min(n.first for n in used)].start
    return Priced(quantity_value, unit, price_value, total_value, vat, end, False)


def _under_columns(nums: list[Num], header: Header) -> list[tuple[str, Num]]:
    """Each figure with the role of the header's column it stands under; empty when a figure
    stands under no column."""
    under: list[tuple[str, Num]] = []
    for num in nums:
        role = _column_of(num, header)
        if role is None:
            return []
        under.append((role, num))
    return under


def _column_of(num: Num, header: Header) -> str | None:
    """The role of the header's figure column the figure stands under, if any: the nearest, and
    of two it touches the one it overlaps most (« U 25,00 » under « Qté » reaching « Remise »)."""
    # The least (distance, -overlap, role), in a plain loop: this runs for every figure of every
    # reading of a row under a header.
    left, right = num.start, num.end
    nearest: tuple[int, int, str] = (_ANYWHERE, 0, "")
    found = False
    for role, start, end in header.columns:
        if role not in _NUMERIC_ROLES:
            continue
        # max(0, start - right, left - end) and the overlap max(0, min(right, end) - max(left, start)),
        # without the built-ins' calls.
        before, after = start - right, left - end
        distance = before if before > after else after
        low, high = (left if left > start else start), (right if right < end else end)
        near = (distance if distance > 0 else 0, low - high if high > low else 0, role)
        if not found or near < nearest:
            nearest, found = near, True
    distance, _, role = nearest
    return role if distance <= _COLUMN_GAP else None


def _overlap(num: Num, start: int, end: int) -> int:
    """How many characters of the figure stand under the header's word at ``start``–``end``."""
    return max(0, min(num.end, end) - max(num.start, start))


def _under_heading(num: Num, header: Header | None) -> bool:
    """The figure stands right under a figure column's header word: a cell of that column, no
    measure ending the wording, however the wording runs into it."""
    return header is not None and any(_overlap(num, start, end) for _, start, end in header.numeric_roles())


_FIRST_CELL = re.compile(r" *(\S+(?: \S+)*)(?= {2,}\S)")


# A code's word: capitals and digits, a dot, a dash or a slash, short ("Z1", "NN", "SCH", "17153").
_CODE_WORD = re.compile(r"[^\W_]+(?:[.\-/][^\W_]+)*\.?")


def _code_end(text: str, limit: int) -> int:
    """Where a code opening the row ends, one word or two a space apart with a capital among them
    ("B2", "JM", "LEGRAND 0771": a zone, a person's initials, a maker's reference), however close
    the wording follows it (a word in small letters, or under the designation's label past a gap),
    each of its words starting before ``limit``
    (the designation's label: a word under it is the wording's); 0: the row opens on no code."""
    words = list(_WORD.finditer(text))[:3]
    for count in (2, 1):
        code = [w.group() for w in words[:count]]
        if len(words) <= count or not any(c.isalpha() for c in words[count].group()):
            continue
        after = words[count]  # the wording's first word: in small letters, or in its column past a gap
        gap = text[after.start() - 2] == " "
        if not any(c.islower() for c in after.group()) and (after.start() < limit - 2 or not gap):
            continue
        if count == 2 and words[1].start() - words[0].end() > 1:
            continue  # two cells: the code's and the wording's
        if words[count - 1].start() >= limit:
            continue
        coded = all(len(w) <= 10 and _CODE_WORD.fullmatch(w) and w == w.upper() for w in code)
        if coded and any(c.isupper() for w in code for c in w):
            return words[count - 1].end()
    return 0


def _column_before(text: str, header: Header | None) -> int:
    """Where a row's wording starts past the cell of a column the header labels in words before
    the designation's (a trade, a lot: "Électricité   Prise électrique oxydée …"; a zone, the
    technician's initials, a reference: "B2   Déplacement …"): that cell starts under the
    label, ends before the designation's label and holds a word or a code. 0: no such cell."""
    if header is None or header.label_end < 0:
        return 0
    past = 0  # past each cell under the labelled columns (a room's, then a trade's)
    while True:
        rest = text[past:]
        if past + len(rest) - len(rest.lstrip()) >= header.label_end:
            return past
        end = _code_end(rest, header.designation - past)
        if not end:
            cell = _FIRST_CELL.match(rest)
            if cell is None or (letters(cell.group(1)) < 3 and not _no_word_cell(rest, cell, header.label_end - past)):
                return past  # an item's number ("3", "1.2"): the designation's reading knows it
            end = cell.end(1)
        # Columns as the text layer places them are a character or two off the header's.
        if past + end > header.designation + 2:
            return past
        past += end + len(rest[end:]) - len(rest[end:].lstrip())


def _no_word_cell(rest: str, cell: re.Match[str], label_end: int) -> bool:
    """The row's first cell holds no word (an item's number, « — » for an empty cell) and stands
    under the columns labelled before the designation's: past it, another such column's cell opens
    (« 01   IS   Lessivage … » under « Réf.   Méthode   Désignation »), or it is a mark alone."""
    if letters(cell.group(1)):
        return False
    following = len(rest) - len(rest[cell.end(1) :].lstrip())
    return following < label_end or not any(ch.isdigit() for ch in cell.group(1))


def _across_columns(text: str, header: Header | None) -> bool:
    """A row of words opening under the columns labelled before the designation's (a number's, a
    code's: « Art. », « N° ») and running on across the designation's column in one cell: a
    heading printed across the table (« CLASSE C2 – contamination moyenne : chlorures de 5 à 20
    µg/cm² – points P5 », « PHASE 2 – Chambre – J2 a-m à J3 m »), where each line's wording stands
    in its own column; no other cell on the row."""
    if header is None or header.code_end < 0 or header.designation < 0:
        return False
    indent = len(text) - len(text.lstrip())
    first = _CELL_SPAN.match(text)
    # One cell from the row's start to its end, some of its words in the designation's column.
    if first is None or first.end() < len(text.rstrip()) or letters(text[header.designation :]) < 3:
        return False
    return indent < header.code_end and first.end() > header.designation + 2


_CELL_SPAN = re.compile(r" *\S+(?: {1,2}\S+)*")


def _designation(text: str, end: int, begin: int = 0) -> tuple[str, int]:
    """Designation text between ``begin`` and ``end`` and its start column, without a leading
    item number nor item reference."""
    row = normalise_row(text)
    head = row[:end]
    if begin:
        head = " " * begin + head[begin:]
    tokens = list(_WORD.finditer(head))
    cell = end  # where the wording's cell starts, when before the wording
    # … but a figure an operation word joins to the next one opens a size (« 2.5 par 1.20 m »).
    size = len(tokens) > 2 and tokens[1].group().lower() in vocabulary().operator_words
    size = size and _HAS_DIGIT.match(tokens[2].group()) is not None
    if len(tokens) > 1 and _LEADING_NUMBER.match(tokens[0].group()) and letters(tokens[1].group()) > 0 and not size:
        tokens = tokens[1:]
    elif _number_dash(tokens):
        # « 01 — Dépose … »: the line's number and a dash in the wording's cell, its wrapped rows
        # under the number: the cell starts at the number, the wording after the dash.
        cell, tokens = tokens[0].start(), tokens[2:]
    reference = tokens[0].group() if tokens else ""
    wording_after = sum(letters(t.group()) for t in tokens[1:]) >= 3  # not a wrapped tail's "mm"
    if _ITEM_REFERENCE.match(reference) and reference.isupper() and wording_after:
        tokens = tokens[1:]  # the reference names no work: the matcher would read its letters
    if not tokens:
        return "", end
    start = tokens[0].start()
    designation = head[start:].strip()
    start = min(start, cell)
    designation = _SPACE_RUN.sub(" ", designation).strip(" -–—:|")
    # A sign alone at the wording's end, bracketed or not, is a control or a mark before the
    # figures (an app's quantity stepper "(−) 2,5 (+)"), no word of the work.
    designation = _SIGNS_AFTER.sub("", designation)
    # A word linking the wording to the figures it runs into ("Jointage des angles soit 15,74 m² à …");
    # a column's gap after it ends a wording wrapped on the next row instead ("… touchées par" / "l'eau").
    wording, _, last = designation.rpartition(" ")
    gap = head.endswith("  ") or row[end : end + 2] == "  "
    if wording and last.lower() in vocabulary().operator_words and not gap:
        designation = wording.rstrip(" -–—:|,")
    return as_printed(text, start, designation), start


def _number_dash(tokens: list[re.Match[str]]) -> bool:
    """The words open on a line's number, a dash, then the wording (« 01 — Dépose … »)."""
    return (
        len(tokens) > 2
        and _LEADING_NUMBER.match(tokens[0].group()) is not None
        and tokens[1].group() in _NUMBER_DASHES
        and letters(tokens[2].group()) > 0
    )


def as_printed(text: str, start: int, wording: str) -> str:
    """``wording``, read from the normalised ``text`` from about ``start`` on, in the words the row
    prints: the normalising makes a unit written in words one code (« Le mètre linéaire de plinthe »
    read « Le ml de plinthe »), which serves the figures, not the wording a person reads."""
    printed = _SPACE_RUN.sub(" ", ODD_SPACES.sub(" ", text))
    if not wording or wording in printed:
        return wording
    words = wording.split()
    first, last = words[0], words[-1]
    at = text.find(first, max(0, start - 1))
    stop = text.find(last, at) if at >= 0 else -1
    while stop >= 0:
        candidate = _SPACE_RUN.sub(" ", ODD_SPACES.sub(" ", text[at : stop + len(last)])).strip()
        if _SPACE_RUN.sub(" ", normalise_row(candidate)).strip() == wording:
            return candidate
        stop = text.find(last, stop + 1)
    return wording


def _runs_into_price(text: str, end: int, price: Decimal) -> str | None:
    """The wording runs into its unit price, no column's gap between (« … chambre – prix unitaire
    11,17 € HT   2   m² »): the row's first figure after the wording is the line's price. What
    follows that figure up to the next (« € HT le mètre », which the next row may end), or None."""
    row = normalise_row(text)
    if row[:end].endswith("  "):
        return None
    tokens = [token for token in tokenise(row[end:]) if token.kind != "op"]  # « à », « x »
    if not tokens or tokens[0].kind != "num" or tokens[0].value != price:
        return None
    after = next((token.start for token in tokens[1:] if token.kind == "num"), len(row) - end)
    return row[end + tokens[0].end : end + after]


_SIGNS_AFTER = re.compile(r"(?:\s+\(?−\)?|\s+\([-–+]\))+$")


def letters(text: str) -> int:
    """How many letters ``text`` has (a wording has three at least)."""
    return sum(map(str.isalpha, text))


def _marks_only(text: str) -> bool:
    """Figures, currency and tax marks only ("EUR", "€ HT", "39,16 EUR   684,45 EUR"): no work named."""
    marks = vocabulary().amount_ends
    return all(word.strip(".,:;()") in marks or letters(word) == 0 for word in text.lower().split())


def _is_section(text: str) -> bool:
    return _heading_form(text) or is_room_label(text.strip()) or _room_takeoff(text)


def _room_takeoff(text: str) -> bool:
    """A room's heading carrying its dimensions (« CHAMBRE 1 – 3,79 × 2,10 × h 2,55 m – sol 7,94
    m² »): it opens on a room's name, or on a room's label and its colon (« PIÈCE : Entrée (8,5 m² –
    HSP 2,50 m) »), and its figures end on a surface or a length in its cell."""
    found = rooms_in(text)
    if not found:
        return False
    before = text[: found[0][0]]
    if before.strip(" -–—.:•*") and not (before.rstrip().endswith(":") and _labelled_section(before)):
        return False
    tokens = row_tokens(text)
    last = max((i for i, token in enumerate(tokens) if token.kind == "num"), default=None)
    return last is not None and _measure_after(tokens, last)


def _labelled_section(text: str) -> bool:
    """``text`` is a section's label and its colon alone (« Pièce : », « Local : »)."""
    match = vocabulary().section_index.match(f"{text.rstrip()} x")
    return match is not None and match.end() >= len(text.rstrip())


def _measure_after(tokens: Sequence[Token], index: int) -> bool:
    """A unit of surface or length a space after the figure at ``index`` at most, in its cell, a
    bracket closing on it or not (« sol 20,60 m² », « = 10,55 m²) »): the figure is a take-off's
    product, a quantity, no sum of money."""
    if index + 1 >= len(tokens) or tokens[index + 1].start - tokens[index].end > 1:
        return False
    following = tokens[index + 1]
    unit = following.unit if following.kind == "unit" else unit_of(following.text.rstrip(")];,"))
    return following.kind in ("unit", "word") and unit in _MEASURES


def _heading_form(text: str) -> bool:
    """Written as a heading: in capitals, closed by a colon, or numbered as a lot ("Lot 3 – …")."""
    stripped = text.strip()
    letters = [ch for ch in stripped if ch.isalpha()]
    if len(letters) < 2 or len(stripped) > 80:
        return False
    if _capitals(stripped):
        return True
    if stripped.endswith(":") and len(stripped.split()) <= 6:
        return True
    if vocabulary().section_numbered.match(stripped):
        return len(stripped.split()) <= 12  # "Phase 1 : mesures d'urgence et recherche de la cause"
    return vocabulary().section_index.match(stripped) is not None and len(stripped.split()) <= 6


def _capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and sum(1 for ch in letters if ch.isupper()) / len(letters) >= 0.8


def _section_room(text: str) -> str | None:
    return last_room(text)


_END_NOISE = " \t.|:;_*'\"-—–)]"


def _ends_with_figures(text: str) -> bool:
    """Cheap screen before tokenising: a priced row ends with a figure, a currency, a percent
    or a unit (rows of prose are most of a page)."""
    end = text.rstrip(_END_NOISE)
    if not end:
        return False
    if end[-1].isdigit() or end[-1] == "%" or end.lower().endswith(vocabulary().amount_ends):
        return True
    last = end.rsplit(None, 1)[-1]
    if unit_of(last) is not None:
        return True
    # A price per unit ends the row ("43,34 €/h", "62,00 € l'unité"): its unit, once split off.
    return vocabulary().per_unit.search(end) is not None and unit_of(normalise_row(end).rsplit(None, 1)[-1]) is not None


def _tail_only(text: str) -> bool:
    """A row holding numbers and units but no words: the figures of a line whose designation
    an OCR engine put on the row above or below (cells centred vertically)."""
    code = _ROW_CODE.match(text)
    if code is not None:
        text = " " * code.end() + text[code.end() :]  # an item code opening the row is no word
    prefix = _BEFORE_DIGIT.match(text)
    if prefix is None or letters(prefix.group()) >= 3:
        return False  # words before the first figure: not a figures-only row (and no tokenising)
    # Token by token: a row's first word ends the look, the words after it are never classified.
    # A tax mark before a rate ("… € HT · TVA 5,5 %") labels a figure: no wording.
    number = label = False  # a figure seen; a tax mark seen, the figure it labels awaited
    tokens: list[Token] = []
    for token in row_words(normalise_row(text)):
        tokens.append(token)
        if label and token.kind != "num":
            return False
        label = token.kind not in _TAIL_KINDS
        if label and not _tax_label(token):
            return False
        number = number or token.kind == "num"
    # A size last is the end of the row's own wording printed after its figures (« … 2 2.5 par 1.20 m »).
    return number and not label and not _size_last(tokens)


def _size_at(tokens: Sequence[Token], index: int) -> bool:
    """Two figures an operation word apart open at ``index`` (« 2.5 par 1.20 », « 60 x 60 »)."""
    three = tokens[index : index + 3]
    if len(three) < 3 or [token.kind for token in three] != ["num", "op", "num"]:
        return False
    return three[1].text.lower() in vocabulary().operator_words or multiplies(three[1])


def _size_last(tokens: Sequence[Token]) -> bool:
    """The row ends on a size after other figures (``_size_at``) and a unit of length (« 2.5 par
    1.20 m », « 3 x 2,40 m »): a wording's, which no line's equation uses (a price's « 2 h par
    45,00 € » ends on its currency, not a length)."""
    start = len(tokens) - 4
    return start > 0 and _size_at(tokens, start) and tokens[-1].kind == "unit" and tokens[-1].unit == Unit.ML


@cache
def _tax_mark() -> re.Pattern[str]:
    return re.compile(vocabulary().tax_mark, re.IGNORECASE)


def _tax_label(token: Token) -> bool:
    return token.kind == "word" and _tax_mark().fullmatch(token.text) is not None


def _overlay(upper: str, lower: str) -> str:
    """Two rows as one, characters kept at their columns (the lower fills the upper's gaps)."""
    width = max(len(upper), len(lower))
    chars = list(upper.ljust(width))
    for index, char in enumerate(lower):
        if char.isspace():
            continue
        glued = index > 0 and lower[index - 1].isspace() and not chars[index - 1].isspace()
        if not chars[index].isspace() or glued:  # a figure never touches the words above it
            return f"{upper.rstrip()}   {lower.strip()}"
        chars[index] = char
    return "".join(chars)


_MARGIN_NUMBER = re.compile(r"^ *(\d{1,4})(?!\S)")
_LETTERS_ROW = re.compile(r"^ *[A-Z](?: +[A-Z]){2,} *$")
_MARGIN_MIN_ROWS = 5  # fewer numbered rows are no margin told apart from a list


def without_page_labels(rows: list[Row], furniture: set[int] | None = None) -> list[Row]:
    """The rows without the labels of the page that are not the document's (and without its
    furniture, ``page_furniture``, computed here unless the caller has it): a margin of row
    numbers left of everything (a spreadsheet printed as on screen, a numbered listing, a form's
    box numbers) and the sheet's row of column letters (« A  B  C  D »). Either, read into a
    wording, glues a number to its words (« 18  5 Carreaux … », « … fourniture et 14 pose »).

    A margin is told by its geometry, not its words: on a page, whole numbers ending at one
    column, counting up by one from row to row, with nothing else of the page's rows between
    the first and the last printed at or before that column, some of them beside rows with no
    amount (a header, an empty or a heading row: a document numbers its lines, not its rows)."""
    kept = list(rows)
    pages: dict[int, list[int]] = {}
    for index, row in enumerate(rows):
        pages.setdefault(row.page, []).append(index)
        if _LETTERS_ROW.match(row.text) and _consecutive([ord(c) for c in row.text.split()]):
            kept[index] = replace(row, text="")
    for indices in pages.values():
        for index, end in _margin(rows, indices).items():
            kept[index] = replace(rows[index], text=" " * end + rows[index].text[end:])
    for index in page_furniture(rows) if furniture is None else furniture:
        kept[index] = replace(rows[index], text="")
    return kept


_DIGITS = re.compile(r"\d+")


def page_furniture(rows: list[Row]) -> set[int]:
    """The rows a page prints around what it says, never a line nor a line's wording: one
    mechanism for the reader's two paths (the table's rows, ``extract_lines``; the blocks of
    labelled figures, ``blocks.read_blocks``).

    - On a document of two pages or more, the rows closing every page alike, read from each
      page's last row up as long as every page agrees, their numbers aside when they print no
      amount (« SARL … – SIRET … – RCS Lyon » / « Page 2/3 », « - 2 - », « Mission RN… – devis
      DV… 2 »): a running foot, read into the wording of the page's last line otherwise.
    - Where a page breaks (at the head of a page after the first, before any amount, or at the
      foot of a page before the last, after every amount), a row that by its words titles the
      document again or is a page's mention (« Devis n° 2025-118 (suite) », « Page 2 »), not a
      table's header: between a designation and its figures."""
    pages: dict[int, list[int]] = {}
    for index, row in enumerate(rows):
        if row.text.strip():
            pages.setdefault(row.page, []).append(index)
    found = _running_foot(rows, list(pages.values()))
    words = vocabulary()
    ordered = list(pages.values())
    for number, indices in enumerate(ordered):
        priced = [i for i in indices if _AMOUNT.search(rows[i].text)]
        if not priced:
            continue
        # Where a page breaks: the head of a page after the first, the foot of one before the last.
        head = indices[0] if number == 0 else priced[0]
        foot = indices[-1] if number == len(ordered) - 1 else priced[-1]
        for index in indices:
            if head <= index <= foot or index in found:
                continue
            text = rows[index].text.strip()
            named = words.title(text) is not None or words.page_mention.search(squeeze(text)) is not None
            if named and detect_header(text) is None:  # a header's « Art. » is no page's mention
                found.add(index)
    return found


def _running_foot(rows: list[Row], pages: list[list[int]]) -> set[int]:
    """The rows closing every page alike (``page_furniture``), from the foot up."""
    found: set[int] = set()
    if len(pages) < 2:
        return found
    for depth in range(1, min(len(indices) for indices in pages)):
        closing = [indices[-depth] for indices in pages]
        keys = {_foot_key(rows[index].text) for index in closing}
        if len(keys) != 1:
            break
        key = next(iter(keys))
        if letters(key) < 3 and ("#" not in key or key.replace("#", "").strip(" -–—/|.") != ""):
            break  # no words, and no page's number alone: nothing tells a foot
        found.update(closing)
    return found


def _foot_key(text: str) -> str:
    """A row as a running foot repeats it: its numbers aside unless it prints an amount."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if _AMOUNT.search(text) else _DIGITS.sub("#", text)


def _margin(rows: list[Row], indices: list[int]) -> dict[int, int]:
    """Row index → where its margin number ends, for the page's rows ``indices`` (empty: no margin)."""
    numbered = [(index, match) for index in indices if (match := _MARGIN_NUMBER.match(rows[index].text))]
    ends = Counter(match.end() for _, match in numbered)
    if not ends:
        return {}
    end = ends.most_common(1)[0][0]
    carriers = [(index, match) for index, match in numbered if abs(match.end() - end) <= 1]
    if len(carriers) < _MARGIN_MIN_ROWS or not _consecutive([int(match.group(1)) for _, match in carriers]):
        return {}
    first, last = carriers[0][0], carriers[-1][0]
    by_index = dict(carriers)
    edge = max(match.end() for _, match in carriers)
    for index in indices:
        if first <= index <= last:
            match = by_index.get(index)
            rest = rows[index].text[match.end() :] if match else rows[index].text
            start = len(rest) - len(rest.lstrip()) + (match.end() if match else 0)
            if rest.strip() and start <= edge:
                return {}  # something of the page at the margin's column: a list's numbers, not a margin
    if sum(_AMOUNT.search(rows[index].text[match.end() :]) is None for index, match in carriers) < 2:
        return {}
    return {index: match.end() for index, match in carriers}


def _consecutive(values: list[int]) -> bool:
    """Each value one more than the one before."""
    return all(b == a + 1 for a, b in itertools.pairwise(values))


def merge_split_rows(rows: list[Row]) -> list[Row]:
    """Join a figures-only row to the designation row above it (or, failing that, below it)."""
    merged: list[Row] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if (
            _tail_only(row.text)
            and not vocabulary().totals_row.search(squeeze(row.text))
            and not vat_breakdown(row.text)
        ):
            previous = merged[-1] if merged and merged[-1].page == row.page else None
            following = rows[index + 1] if index + 1 < len(rows) and rows[index + 1].page == row.page else None
            # A lone whole number under a row that already ends with figures is the end of a
            # wrapped wording ("Chambre" / "2"), not a figure the row lacks.
            wording_end = row.text.strip().isdigit() and _ends_with_figures(previous.text) if previous else False
            # So is a price alone under the wording's column, left of the figures the row above
            # ends with (« … – prix unitaire   4   U   333,52 » / « 83,38 € HT »): its wrapped
            # wording stating its price, which the line's arithmetic then reads as such.
            wording_end = wording_end or (previous is not None and _left_of_figures(row.text, previous.text))
            if previous is not None and vocabulary().totals_row.search(squeeze(previous.text)):
                merged.append(row)  # the values of a totals grid, under its labels: no line's figures
                index += 1
                continue
            if previous is not None and not wording_end and _wants_figures(previous.text, row.text):
                merged[-1] = Row(_overlay(previous.text, row.text), row.page, _written_out(row.text), row.vat_code)
                index += 1
                continue
            apart = following is not None and _left_of_figures(row.text, following.text)
            if (
                following is not None
                and not apart
                and _wants_figures(following.text, row.text)
                and not _tail_only(following.text)
            ):
                merged.append(Row(_overlay(following.text, row.text), row.page, vat_code=row.vat_code))
                index += 2
                continue
        merged.append(row)
        index += 1
    return merged


def _left_of_figures(text: str, above: str) -> bool:
    """The row ``text`` prints one figure (a price, not a computation « (1 h x 57,41 €) ») and ends
    before the figures ``above`` ends with (its tail, with an amount and a quantity) begin: it
    stands in the wording's column."""
    if not _ends_with_figures(above) or sum(token.kind == "num" for token in row_tokens(text)) != 1:
        return False
    tail = _tail(above)
    return len(_amounts_of(tail)) >= 2 and len(text.rstrip()) < tail[0].start


def drifted_amounts(rows: list[Row]) -> list[Row]:
    """A line's amount cell the engine set on the row beside it (a photo's tilt, the right-hand
    columns a row off the left-hand ones): a row printing a quantity and a unit price but no
    amount (« Retapisser …   11,29   m²   30,36 ») takes the cells of the row right above or right
    below that prints words and one amount alone, with its rate (« … - Salle d'eau   342,76
    10 % »), where quantity × unit price makes that amount and the other neighbour's does not:
    the document's arithmetic, not the layout, says whose amount it is."""
    tails = [_tail(row.text) for row in rows]
    moved = list(rows)
    taken: set[int] = set()
    for index, row in enumerate(rows):
        figures = _quantity_price(row.text, tails[index])
        if figures is None:
            continue
        quantity, price = figures
        found = [
            near
            for near in (index - 1, index + 1)
            if 0 <= near < len(rows)
            and near not in taken
            and rows[near].page == row.page
            and (amount := _lone_amount(rows[near].text, tails[near])) is not None
            and closes(quantity, price, amount)
        ]
        if len(found) != 1:
            continue
        near = found[0]
        start = tails[near][0].start
        moved[index] = replace(moved[index], text=_overlay(row.text, " " * start + rows[near].text[start:]))
        moved[near] = replace(moved[near], text=rows[near].text[:start].rstrip())
        taken.update((index, near))
    return moved


def _tail(text: str) -> list[Token]:
    """The figures, units, currencies and rates ending a row (after its last word)."""
    tokens = row_tokens(text)
    start = len(tokens)
    while start > 0 and tokens[start - 1].kind in _TAIL_KINDS:
        start -= 1
    return list(tokens[start:])


def _amounts_of(tail: list[Token]) -> list[Token]:
    """The figures of a row's tail that are no rate (« 10 % »)."""
    return [t for i, t in enumerate(tail) if t.kind == "num" and (i + 1 == len(tail) or tail[i + 1].kind != "pct")]


def _quantity_price(text: str, tail: list[Token]) -> tuple[Decimal, Decimal] | None:
    """A worded row ending on a quantity, its unit and a unit price, no amount: the two figures."""
    figures = _amounts_of(tail)
    if len(figures) != 2 or letters(text) < 3 or [t.kind for t in tail] != ["num", "unit", "num"]:
        return None
    quantity, price = (t.value for t in figures)
    return (quantity, price) if quantity and price else None


def _lone_amount(text: str, tail: list[Token]) -> Decimal | None:
    """A worded row (no totals' label) ending on one amount alone, a rate after it or not."""
    figures = _amounts_of(tail)
    if len(figures) != 1 or len(tail) - 1 > sum(t.kind in ("pct", "cur") or t in figures for t in tail):
        return None
    if figures[0] is not tail[0] or letters(text) < 3 or vocabulary().totals_row.search(squeeze(text)):
        return None
    return figures[0].value


def _shows_a_line(text: str) -> bool:
    """A row outside a table shows it is a line: a unit, or a sign of multiplication."""
    return any(token.kind == "unit" for token in row_tokens(text)) or _written_out(text)


def _written_out(text: str) -> bool:
    """Figures that write their product out: a times sign between them ("2 u x 59,50 €")."""
    return any(multiplies(t) for t in row_tokens(text))


def multiplies(token: Token) -> bool:
    """A sign or a word of multiplication between figures ("×", "x", "à")."""
    return token.kind == "op" and (token.text in _TIMES_SIGNS or token.text.lower() in vocabulary().times_words)


def _wants_figures(text: str, figures: str) -> bool:
    """A row of words that is not already a complete priced line nor a label row, and may take
    the ``figures`` of the row beside it."""
    key = squeeze(text)
    if (
        letters(text) < 3
        or detect_header(text) is not None
        or vocabulary().not_a_line(key)
        or vocabulary().totals_row.search(key)
    ):
        return False
    if spelled_amounts(text):
        return False  # an amount in words ("Arrêté … à la somme de : …") states its own figure
    if vocabulary().page_mention.search(key):
        # A mention ("Tél.", "art. 293 B"), unless its figures and these close a line's equation
        # with a unit or a sign of multiplication ("Art. 629 … 1 u à 80,75 €" / "80,75 €").
        return figures_anywhere(f"{text}   {figures.strip()}", None, strict=True) is not None
    priced = price_row(text, None, strict=False)
    return priced is None or not priced.consistent


# How French documents print a figure that the row's tokens may split or take apart wrongly,
# the grammar of a search over a row's tokenisations where its figures leave its equation open
# (``read_row``): euros and cents in two cells ("1 242   17", a form's "€ | c" columns), and a
# mark after the row's last figure ("236,86 C", "*", "(1)", "☐": a VAT code, a footnote, a box).
_WORD = re.compile(r"\S+")
_NUMBER_DASHES = frozenset(("—", "–", "-"))  # a dash between a line's number and its wording
_SPACE_RUN = re.compile(r"\s{2,}")
_EUROS_CELL = re.compile(r"-?\d{1,3}(?:\.\d{3})+|-?\d+")
_CENTS_CELL = re.compile(r"\d{2}")
# A mark's shape: a code of letters and a digit, a digit, stars, "(a)"; or a sign of the vocabulary's.
_TRAILING_MARK = re.compile(r"[^\W\d_]{1,2}\d?|\d|\*{1,3}|\(\w\)")
_MAX_TOKENISATIONS = 24
_MARK_SCREEN = re.compile(r"\d\s+\S{1,3}\s*$")  # what every row closed by a mark after a figure holds


def _cents_chains(words: list[re.Match[str]]) -> list[list[int]]:
    """Runs of neighbouring words each of which may be an amount's cents cell after the one
    before it ("10   79   75   21   53"): the indexes of the links (``i`` joins words i, i + 1)."""
    chains: list[list[int]] = []
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if (
            _EUROS_CELL.fullmatch(a.group()) is None
            or _CENTS_CELL.fullmatch(b.group()) is None
            or not 1 <= b.start() - a.end() <= _CENTS_GAP
        ):
            continue
        if chains and chains[-1][-1] == i - 1:
            chains[-1].append(i)
        else:
            chains.append([i])
    return chains


def _pairings(chain: list[int]) -> list[tuple[int, ...]]:
    """A run's readings as euros | cents: none joined, joined from its right end (the amounts
    close the run, a count or a rate may open it), from its left end (a rate may close it)."""
    right = tuple(sorted(chain[::-1][::2]))
    left = tuple(chain[::2])
    return list(dict.fromkeys([(), right, left]))


def _tokenisations(text: str) -> list[tuple[int, int, str]]:
    """The row's other tokenisations under the grammar above, as (cells left, changes, text):
    first those that leave fewest of the runs' cells out of an amount (a run of cents cells is
    the document's way to print its amounts, not one amount's), then with fewest changes. Each
    keeps every character's column (a header's columns still place its figures)."""
    words = list(_WORD.finditer(text))
    chains = _cents_chains(words)
    last = words[-1] if len(words) > 1 else None
    mark = (
        last is not None
        and (_TRAILING_MARK.fullmatch(last.group()) is not None or last.group() in vocabulary().note_marks)
        and words[-2].group()[-1:].isdigit()
        and unit_of(last.group()) is None
    )
    options = [_pairings(chain) for chain in chains]
    found: list[tuple[int, int, str]] = []
    cells = sum(len(chain) + 1 for chain in chains)
    for marked in (False, True) if mark else (False,):
        for choice in itertools.islice(itertools.product(*options), _MAX_TOKENISATIONS):
            links = [link for pairs in choice for link in pairs]
            if not links and not marked:
                continue  # the row as the rules tokenised it
            other = text
            for link in links:  # "1242   17" → "1242,17  "
                a, b = words[link], words[link + 1]
                other = f"{other[: a.end()]},{b.group()}{' ' * (b.start() - a.end() - 1)}{other[b.end() :]}"
            if marked and last is not None:
                other = other[: last.start()] + " " * (last.end() - last.start()) + other[last.end() :]
            found.append((cells - 2 * len(links), len(links) + marked, other))
    found.sort(key=lambda candidate: candidate[:2])
    return found[:_MAX_TOKENISATIONS]


def _closes(priced: Priced) -> bool:
    """The reading's quantity × unit price, less its discount, makes its total to the cent (the
    discount taken off the unit price or off the line's gross)."""
    if not priced.consistent:
        return False
    rate = priced.discount_rate
    if not rate:
        return money(priced.quantity * priced.unit_price) == priced.total
    gross = money(priced.quantity * priced.unit_price)
    net = money(priced.quantity * net_price(priced.unit_price, rate))
    return priced.total in (net, money(gross * (100 - rate) / 100))


def _open(text: str, priced: Priced | None) -> bool:
    """The reading leaves the row's equation open: none, a product that misses its total, or an
    amount read from one cell of a euros | cents pair: its euros alone ("720   01": 720, closing
    to a cent by chance with a discount's rounding) or its cents ("104   50": 1 × 50 = 50)."""
    if priced is None or not _closes(priced):
        return True
    if _CENTS_AMOUNT.search(text) is None:
        return False
    words = list(_WORD.finditer(text))
    amounts = (priced.unit_price, priced.total)
    cells = {i for chain in _cents_chains(words) for link in chain for i in (link, link + 1)}
    return any(parse_decimal(words[i].group()) in amounts for i in cells)


def read_row(
    text: str, header: Header | None, strict: bool, ocr: bool, written: Priced | None, others: bool
) -> tuple[str, Priced | None]:
    """One search over the row's tokenisations × its figures' roles: the row as the rules
    tokenised it (``written``: its reading, the role search's over its figures), then, where that
    leaves its equation open (``_open``) and ``others``, each other tokenisation of the grammar
    above (``_tokenisations``: fewest cells left out of an amount, then fewest changes) until one
    whose figures close the equation to the cent; the text read and its reading. A row that
    closes as written never enters the grammar (most rows)."""
    if not others or not _open(text, written):
        return text, written
    if _CENTS_AMOUNT.search(text) is None and _MARK_SCREEN.search(text) is None:
        return text, written  # nothing the grammar reads otherwise (most rows of wording)
    for _, _, other in _tokenisations(text):
        priced = price_row(other, header, strict=strict, ocr=ocr) if _ends_with_figures(other) else None
        if priced is None or not _closes(priced):
            priced = figures_anywhere(other, header, strict)
        if priced is not None and _closes(priced):
            return other, priced
    return text, written


def read_written(text: str, header: Header | None, strict: bool, ocr: bool) -> Priced | None:
    """The row as tokenised, its figures at its end (``price_row``), or where they stand among its
    words when those do not read a consistent line (« … 159,60 A  Location », « … semaine 7 »)."""
    priced = price_row(text, header, strict=strict, ocr=ocr)
    if priced is None or not priced.consistent:
        among = figures_anywhere(text, header, strict)
        priced = among if among is not None else priced
    return priced


def extract_lines(rows: list[Row], ocr: bool = False, furniture: set[int] | None = None) -> LineResult:
    """Quote lines in document order, with rooms from section headers or designations
    (``ocr``: the rows come from OCR, see ``price_row``; ``furniture``: the rows'
    ``page_furniture`` if the caller has it)."""
    # Before two-row lines are joined: a recap row opening on its code may follow its header row,
    # and a figures row closed by its marks is a figures row.
    rows = without_page_labels(rows, furniture)
    explained = explained_vat_codes([row.text for row in rows])
    rows = [_without_marks(_without_tick(row), explained) for row in rows]
    rows = merge_split_rows(rows)
    if ocr:
        rows = drifted_amounts(rows)
    result = LineResult()
    header: Header | None = None
    in_table = False
    page = -1
    room: str | None = None
    section: str | None = None  # the heading above the lines, as printed
    section_set = False
    last_line: int | None = None  # index in result.lines of the line a wrapped row may continue
    carried: int | None = None  # the last line of the previous page, whose wording may go on here
    page_last: int | None = None  # the page's last line ("À reporter" after it, not a heading or total)
    last_design_col = 0
    pending = ""
    column_above = ""  # the worded column's cell on the first row of a wording above its figures
    column_opened = ""  # that first row's wording
    wording_above = False  # a line took wording printed above its figures row
    figures_below = False  # the last line's figures stood on a row of their own under its wording
    cells: list[_Cell] = []  # how each line's wording was gathered, for the table's alignment
    cells_apart = False  # a heading or a subtotal since the last line
    figures_end = 0  # where the last line's figures end (its total's column)
    breakdown_columns: tuple[list[Decimal], int] = ([], 0)  # the rates heading a breakdown by column above
    groups: list[list[str]] = []  # the words of each heading above: a section's, a row priced as a lump sum alone
    block = 0  # the block the next line stands in (``LineResult.blocks``)
    note, note_at = "", None  # a note under a line, and where its rows start (None: none being read)
    header_above = False  # the row above was a header's (a second header row names sub-columns)
    heading_above = False  # the row above was a section's heading (it may wrap onto this one)
    price_rest: str | None = None  # after the figure of a price the row above stated again
    # Cards: a header printing no label column, again and again, each over one line's figures
    # row; the line's wording the card's cell above its header (``_card_wording``).
    headers = {row.text: detect_header(row.text) for row in rows}  # each row's, for the count and the loop
    cards = _label_free_headers(rows, headers) >= 2
    recent: list[str] = []  # the rows since the last line's figures or header, on this page
    card, card_at = "", 0  # the wording of the card above the header just read, and its column
    at_figures: str | None = None  # the last line's wording as its figures row gave it
    for row in rows:
        text = row.text
        if row.page != page:
            page = row.page
            in_table = False
            carried, page_last, last_line, note_at = page_last, None, None, None
            recent = []
        if in_table and header is not None and header.side >= 0:
            text = _without_side(text, header)
        if in_table and header is not None and header.middle >= 0:
            text = _without_middle(text, header)
        under_header, header_above = header_above, False
        heading_wraps, heading_above = heading_above, False
        if not text.strip():
            continue
        recent.append(text)
        if breakdown_columns[0] and len(column_figures(text, breakdown_columns[1])) == len(breakdown_columns[0]):
            continue  # a base or a VAT per rate, under the rates of a breakdown by column
        breakdown_columns = rate_columns(text)
        if breakdown_columns[0]:
            last_line, pending = None, ""
            continue
        vat_code = row.vat_code  # a code closing the row, taken off with its marks
        if vat_code is None and in_table and header is not None and header.has("tva"):
            text, vat_code = _without_vat_code(text, header)
        figures_at_end = _ends_with_figures(text)
        wording_end: int | None = None  # where the wording of a row printed figures first ends
        around = header is not None and header.columns[0][0] in ("qty", "pu", "total")
        around = around and _TWO_FIGURES_FIRST.match(text) is not None
        # A reference code may open the row before its figures ("PEI.16   226,56 €   4   H …").
        code = _LEADING_CODE.match(text) if in_table else None
        figures = text[code.end() :] if code else text
        # … and its wording may end on a letter or on punctuation ("… décorative,").
        ends_in_words = figures.rstrip()[-1:] not in _FIGURE_END
        # … or on a standard's number, under a header that prints the wording after its figures
        # ("364,80 €  h 8,00  45,60 €  Main d'œuvre … selon la NF C 15-100", "… 7,40 €   15-100").
        wording_col = (
            header.designation if header is not None and header.designation > header_figures_end(header) else -1
        )
        ends_in_words = ends_in_words or (in_table and wording_col > 0 and text[wording_col - 1 :].strip() != "")
        # A totals row printed amount first ("5 730,47 €   Montant HT") stays a totals row.
        reorder = in_table and figures.lstrip()[:1].isdigit() and (around or ends_in_words)
        if reorder and not vocabulary().totals_row.search(squeeze(text)):
            # The wording's column, where the header prints its label past the figures.
            wording_at = header.designation - (code.end() if code else 0) if header is not None else -1
            reordered = _figures_last(figures, around, wording_at if wording_col > 0 else -1)
            if reordered is not None:
                (text, wording_end), figures_at_end = reordered, True
                if code:
                    text, wording_end = f"{code.group(1)} {text}", wording_end + len(code.group(1)) + 1
        anywhere = None  # the row's reading when its figures stand among its words
        if not figures_at_end and _AMOUNT.search(text) is not None:
            anywhere = _among_words(text, header if in_table else None, in_table)
            figures_at_end = anywhere is not None
        found = (headers[text] if text in headers else detect_header(text)) if anywhere is None else None
        if found is None and not in_table and not figures_at_end:
            continue  # outside a table only a header row or a priced row matters
        if found is not None:
            if cards and found.designation < 0 and found.columns and not under_header:
                card_at = len(text) - len(text.lstrip())  # the header row's first cell
                card = _card_wording(recent[:-1], card_at)
            recent = []
            header = _merged_header(header, found) if under_header and header is not None else found
            header_above = True
            in_table = True
            result.header_found = True
            last_line = None
            pending = ""
            continue
        key = squeeze(text)
        totals_words = figures_at_end and vocabulary().totals_row.search(key) is not None
        if totals_words and anywhere is None:
            # A line may label its amount with a totals word ("… 24 ml x 14,28 €  Joint  Total HT
            # 342,72 €"): its figures close on a quantity and a unit price; a totals row's do not.
            anywhere = figures_anywhere(text, header if in_table else None, strict=True)
        if anywhere is None and figures_at_end and _totals_cell(text):
            # The totals block: small print beside it (payment terms, bank details, with an
            # "acompte" or a figure of its own) is no line, and the table has ended.
            in_table = False
            last_line = page_last = None
            pending = ""
            block += 1
            continue
        stated = None
        if (
            in_table
            and last_line is not None
            and last_line == len(result.lines) - 1
            and not (vocabulary().not_a_line(key) or vocabulary().totals_row.search(key))
        ):
            stated = _price_stated_again(text, result.lines[last_line], figures_end)
            if price_rest is not None and _price_tail(f"{price_rest} {text}"):
                continue  # the rest of that price's phrase, cut by the wrap (« … 35,52 EUR le mètre » / « linéaire »)
        price_rest = None
        if stated is not None and last_line is not None:
            # The wording wraps onto a row that states its price again: more of the wording (without
            # what led to the price, « à », « ( », « prix unitaire »), the price the one its figures
            # make (the quantity times it is the line's total).
            _continue_line(result, last_line, stated[0])
            line = result.lines[last_line]
            designation = without_price_lead(line.designation) or line.designation
            update = {"designation": designation, "unit_price_ht": money(stated[1])}
            result.lines[last_line] = line.model_copy(update=update)
            price_rest = stated[2]
            continue
        if vocabulary().header_words_only(key):
            # The header's labels wrapped on a second row ("unitaire", "HT"), or the header of
            # another table ("Taux  Base HT  TVA"): no wording of a line.
            last_line, pending = None, ""
            continue
        if vocabulary().not_a_line(key):
            room, section, section_set, last_line, pending = None, None, False, None, ""
            cells_apart, block = True, block + 1
            if vocabulary().carried.search(key) is None:
                page_last = None  # a subtotal closes its lot; "À reporter" only the page
            continue
        if vocabulary().totals_row.search(key) and anywhere is None:
            if in_table and _HAS_DIGIT.search(text) and not _group_total(text, groups):
                in_table = False  # a group's total ("Total Chambre 1") leaves the table going on
            last_line = page_last = None
            block += 1
            continue
        if in_table and figures_at_end and _column_totals(text, result.lines):
            last_line = None
            continue
        if wording_end is None and in_table and header is not None and _detail_row(text, header):
            last_line = None
            continue
        rejected = vat_breakdown(text) or vat_phrase(text, key) or vocabulary().vat_code_legend.search(key) is not None
        # A legal, bank or contact mention ("art. 293 B", "Tél.") is no line, but a line may name its
        # article ("Art. 675 … 4,00 h à 42,72 = 170,88"): figures that close with a unit or a sign
        # of multiplication, as outside a table, say which.
        mention = vocabulary().page_mention.search(key) is not None
        strict = not in_table or mention
        priced = None
        fragment = False  # the row's own wording only a wrapped standard's number
        table_header = header if in_table else None
        if not rejected and figures_at_end and not (mention and not _shows_a_line(text)):
            priced = anywhere or read_written(text, table_header, strict, ocr)
        # Figures that leave the row's equation open as tokenised: its other tokenisations.
        text, priced = read_row(text, table_header, strict, ocr, priced, not rejected and not mention)
        if priced is not None and _sizes_read(text, priced):
            priced = None  # a dimension's figures (« L 1120 × H 1120 mm »): no line's
        if mention and (priced is None or not priced.consistent):
            priced, rejected = None, True
        if priced is not None and last_line == len(result.lines) - 1 and _details_lump_sum(result, priced, text):
            continue
        if priced is not None:
            end = priced.designation_end if wording_end is None else min(priced.designation_end, wording_end)
            past = _column_before(normalise_row(text), table_header)
            past = past if letters(normalise_row(text)[past:end]) >= 3 else 0  # a group's heading and total
            column_words = normalise_row(text)[:past] or column_above  # a room's cell names the line's room
            designation, start = _designation(text, end, max(priced.designation_start, past))
            price_rest = _runs_into_price(text, end, priced.unit_price)
            if price_rest is not None:
                designation = without_price_lead(designation) or designation  # no « à », « prix unitaire »
            own = designation
            if _heading_above(pending) and in_table and (past or _opens_wording(own)):
                # The figures row opens a line (a trade's cell before it, or a wording of its own
                # from its start): the rows above it are a heading (a phase, a lot) or a note;
                # opened by a cell of the worded column, an unpriced line of their own ("inclus").
                opened = bool(column_opened) and pending.startswith(column_opened)
                section, pending = section if opened else pending, ""
                block += not opened
            elif in_table and _note_above(pending) and _numbered(text, start) and _opens_wording(own):
                # A sentence under its label (« Observation : plafond taché par l'infiltration. ») above a
                # numbered row that opens a wording of its own: a note on the group, no wording.
                pending = ""
            if card and under_header and header is not None and header.designation < 0 and end <= card_at:
                # A card's figures row under its own header: its wording is the card's cell above the
                # header, at the header's first column; the words left of that column are another
                # block's (a sketch's caption), and the card's rows glued to the line above its own.
                designation, own, pending = card, card, ""
                if at_figures is not None and result.lines and result.lines[-1].designation.startswith(at_figures):
                    result.lines[-1] = result.lines[-1].model_copy(update={"designation": at_figures})
            card = ""
            above = bool(pending) and not own  # the whole wording on its rows above the figures
            if pending:
                designation = f"{pending} {designation}".strip()
                pending = ""
                wording_above = in_table  # this table prints wording above a line's figures
            # A figures row whose own wording is a standard's number wrapped from the row above
            # ("… selon le NF" / "C 15-100   4,80   20,98   100,70") is a line whose figures close.
            fragment = in_table and priced.consistent and letters(own) < 3 and _HAS_DIGIT.search(own) is not None
            short = letters(designation) < 3 and not fragment
            if short or (not in_table and not priced.consistent and not designation):
                priced = None
            elif (_marks_only(designation) and not fragment) or (not in_table and _marks_only(text)):
                priced = None  # figures alone ("2.723,35 EUR   84,76 EUR …"): a totals grid's values
        # A figure inside the wording ("… fixations selon le DTU 25.41.") is no price.
        in_wording = priced is not None and not priced.consistent and in_table
        # In a table whose figures come first, a priced row opens with them.
        amount_first = header is not None and header.columns[0][0] in ("qty", "pu", "total")
        in_wording = in_wording and _figures_in_wording(text, _ANYWHERE if amount_first else figures_end)
        # Figures left of every figure column that close no line are the wording's ("… hauteur" /
        # "1.20 m"); a room's heading carrying its dimensions is told by its own words and
        # measures (``_room_takeoff``: a surface is no amount, the row opens a section).
        unpriced = priced is None or not priced.consistent
        if unpriced and in_table and header is not None and _before_columns(text, header):
            in_wording = True
        if in_wording:
            priced = None
        # A room's heading carrying its take-off whose dimensions multiply out (« CUISINE (2,53 x
        # 4,17 = 10,55 m²) »: a room's name alone left as the wording, or its figures ending on a
        # measure) reads as a line as well as a heading: it stands in a block of its own, and so
        # do the rows under it, for the total to say which (``counting.blocks_apart``).
        own_block = priced is not None and (is_room_label(designation.strip()) or _room_takeoff(row.text))
        block += own_block
        if priced is not None:
            line_room = room if section_set else None
            line_room = line_room or last_room(designation) or last_room(column_words)
            # The line's own discount stays on it: the printed unit price, the net total, and
            # the rate between them (the judge weighs the net unit price).
            result.lines.append(
                QuoteLine(
                    designation=_LEADING_MARK.sub("", designation),
                    quantity=priced.quantity,
                    unit=priced.unit,
                    unit_price_ht=money(priced.unit_price),
                    total_ht=money(priced.total),
                    tva_rate=priced.tva_rate,
                    room=line_room,
                    reading_note=priced.mended,
                    discount_rate=priced.discount_rate,
                    section=section,
                    figures_mended=priced.slip,
                    rate_unconfirmed=_rate_unconfirmed(priced, table_header, key),
                )
            )
            if priced.quantity == 1 and priced.unit_price == priced.total:
                # Perhaps a heading carrying its group's total, its name the row's words ("Chambre 1").
                named = [cell for cell in CELL_GAP.split(text.strip()) if not _AMOUNT.search(cell)]
                groups += [_words(designation), *([_words(named[0])] if len(named) == 1 else [])]
            result.line_vat_rates.append(priced.tva_rate)
            result.line_vat_codes.append(vat_code)
            result.prices_alone.append(_price_alone(text, priced))
            result.blocks.append(block)
            if own_block:
                result.heading_blocks.add(block)
                block += 1
            figures_end = len(text.rstrip())
            # A wording row opening in lower case or on a figure (a size: « 2.5 par 1.20 m »; an item
            # number is no part of it) goes on from a row above.
            cells.append(_Cell(own[:1].islower() or own[:1].isdigit() or fragment, cells_apart))
            cells_apart = False
            last_line = page_last = len(result.lines) - 1
            carried, column_above, note_at = None, "", None
            recent, at_figures = [], result.lines[-1].designation
            last_design_col = start
            # Figures on a row of their own under the wording end the line: the next wording
            # row opens the next one.
            figures_below = row.figures_below or (in_table and above)
            continue
        has_amount = _AMOUNT.search(text) is not None and not in_wording
        if not in_table or rejected or has_amount:
            if has_amount or not in_table:
                last_line = None
            named = [cell for cell in CELL_GAP.split(text.strip()) if not _AMOUNT.search(cell)]
            if in_table and has_amount and len(named) == 1:
                groups.append(_words(named[0]))  # a heading and its total, read as no line ("WC   1 547,50 €")
            continue
        stripped = normalise_row(text)
        # A cell of the worded column before the designation (a trade, a lot, a room) on a wording
        # row above its figures: the first row of the next line's wrapped cell, not more of the
        # line above; the cell itself is no wording.
        past = _column_before(stripped, header if in_table else None)
        column_cell = past > 0 and letters(stripped[past:]) >= 3
        if column_cell:
            if pending and _heading_above(pending):
                section = pending  # a phase's or a lot's heading above the group's first line
            column_above, pending, last_line, carried = stripped[:past], "", None, None
            stripped = " " * past + stripped[past:]
        spelled = spelled_amounts(stripped, ocr)
        if not spelled and ocr and last_line is not None:
            spelled = _confirmed_in_words(stripped, result.lines[last_line])
        if spelled:
            # A price written in words ("Le mètre carré : vingt-huit euros …") states a figure
            # of the line above again: no wording, a check of its figures.
            # Only an amount right after its label ("L'unité : …") or opening the row is checked:
            # a word the parser does not know before it ("troi cent …") may have cut it short.
            label = stripped[: spelled[0].start].rstrip()
            if last_line is not None and (not label or label.endswith(":") or _is_label(label)):
                _stated_in_words(result, last_line, spelled[0].value, _label_unit(label), ocr)
            stripped = _without_spelled(stripped, spelled)
            if letters(stripped) < 3:
                last_line = None  # it closes its article: the rows after it are the next line's
                continue
        indent = len(stripped) - len(stripped.lstrip())
        clean = _SPACE_RUN.sub(" ", stripped).strip()
        if heading_wraps and section and _wraps(section, clean):
            # The heading wraps: cut on a dash, a slash or a connecting word, or going on in small
            # letters, the row under it is more of the heading, not a room's or a line's.
            section = f"{section} {clean}"
            room = _section_room(vocabulary().section_index_prefix.sub("", section))
            heading_above = True
            continue
        if clean[:1].isupper() and len(clean.split()) <= _NAME_WORDS:
            groups.append(_words(clean))  # a heading on a row of its own, even one read into a wording
        if last_line is None and carried is not None and _goes_on(result.lines[carried].designation, clean):
            last_line = carried  # a designation wrapped across the page break, under the repeated header
        carried = None
        continues = last_line is not None and abs(indent - last_design_col) <= 3
        continues = continues and not vocabulary().section_index.match(clean)
        previous = result.lines[last_line] if last_line is not None else None
        dangling = previous is not None and _dangling().search(previous.designation) is not None
        continues = continues or dangling
        # A row written as a heading under a finished wording opens a section, even at the
        # wording's indentation ("Peinture des murs … 500,00" / "PLOMBERIE"); under a wording in
        # capitals, capitals tell nothing.
        if continues and not dangling and previous is not None and not _capitals(previous.designation):
            continues = not _heading_form(clean)
        continues = continues and not _room_takeoff(clean)  # a room's heading with its dimensions
        if note_at is not None and (
            _wraps(note, clean) or (abs(indent - note_at) <= 1 and abs(note_at - last_design_col) > 3)
        ):
            note = clean  # the note's wrapped row (in lower case, after a cut, or at its indentation apart)
            continue
        note_at = None
        apart = abs(indent - last_design_col) > 3
        if (
            previous is not None
            and not dangling
            and (
                (not clean[:1].islower() and _note(clean, apart=apart))
                or (indent - last_design_col > 3 and vocabulary().note_opener.match(clean) is not None)
            )
        ):
            # A note under the line (a remark, a photo's caption), on rows of its own: no more of
            # its wording, and none of the next line's. Indented beyond the wording's wrapped rows,
            # a row opening on a note's word (« y compris … », « voir photo 2 ») is one too.
            note, note_at, last_line = clean, indent, None
            continue
        opens_next = figures_below and not dangling and not clean[:1].islower() and not _is_section(clean)
        if previous is not None and opens_next:
            # Under a two-row line's figures, a wording row opens the next line (its figures follow).
            last_line, pending = None, clean
            continue
        if previous is not None and wording_above and _opens_sentence(previous.designation, clean):
            # Cells whose figures stand against the middle of their wording: after the line's
            # sentences, a new one opens the next line's wording ("… réglage." / "Plinthe en pin.").
            last_line, pending = None, clean
            continue
        detail = _group_detail(clean, groups) if result.lines and not pending else None
        if detail is not None:
            # A row naming the line's group and how it is priced ("Salon · au m²"), under the line's
            # figures: a detail of the line (its unit, when the row's figures gave none), not more
            # of its wording nor the next line's.
            if detail and result.lines[-1].unit is None:
                result.lines[-1] = result.lines[-1].model_copy(update={"unit": detail[0]})
            continue
        # A room's name in lower case ("salle de bain") goes on the wording above, not a heading.
        # A heading printed across the table's columns (from the codes' to the wording's) opens a
        # section, whatever its form.
        across = in_table and not past and not continues and _across_columns(stripped, header)
        section_row = _is_section(clean) or across
        if previous is not None and (continues or not section_row or clean[:1].islower()):
            addition = _continue_line(result, last_line, stripped)
            if last_line is not None and addition and len(cells) == len(result.lines):
                cells[last_line].after.append(addition)
            continue
        if section_row and not clean[:1].islower():  # "chambre" alone ends a wording
            label = vocabulary().section_index_prefix.sub("", clean)
            room = _section_room(label)
            section = heading_text(normalise_row(row.text))  # as printed, not as reordered
            groups.append(_words(label))
            section_set, cells_apart, heading_above = True, True, True
            last_line = page_last = None
            block += 1
            pending = ""
            continue
        pending = f"{pending} {clean}".strip() if letters(clean) >= 3 else pending
        column_opened = clean if column_cell else column_opened
    if wording_above and cells and len(cells) == len(result.lines):  # no line: nothing to align
        _bottom_aligned(result, cells)
    return result


def _sizes_read(text: str, priced: Priced) -> bool:
    """The reading takes a size's figure (one followed by a unit of size, « 1120 mm ») for one of
    the line's: a size is never a quantity, a price nor an amount. A size inside the wording
    (« Plinthe Ø 16 mm ») is the wording's, whatever figure after it has the same value."""
    lowered = normalise_row(text).lower()
    if not any(map(lowered.__contains__, vocabulary().size_units)):
        return False  # no unit of size in the row (most rows): no need of its every token
    tokens = row_tokens(text)
    sizes = {
        token.value
        for token, after in itertools.pairwise(tokens)
        if token.kind == "num"
        and token.value is not None
        and token.start >= priced.designation_end
        and after.text.lower() in vocabulary().size_units
    }
    return bool(sizes) and bool(sizes & {priced.quantity, priced.unit_price, priced.total})


def _label_free_headers(rows: list[Row], headers: dict[str, Header | None]) -> int:
    """How many header rows print no label column (« Surface  P.U. HT  Montant HT »), ``headers``
    each row text's ``detect_header``."""
    return sum(1 for row in rows if (found := headers[row.text]) is not None and found.designation < 0)


_CELL_START = re.compile(r"(?:^| {2,})(?=\S)")
# A specification's row under a card's wording: its label (a capital, at most four words) and colon.
_SPEC_ROW = re.compile(r"[A-ZÀ-Ý][^\W\d_]*(?:[ '’-][^\W\d_]+){0,3} ?: \S")


def _card_wording(above: list[str], column: int) -> str:
    """The wording of a card printed above its header (``column``: where the header row starts): going
    up from the header, the rows' cells that start at that column, up to a row whose words cross it
    (the card's title); rows with nothing there (a sketch's dimension) are skipped. The wording is
    the cell's first rows, down to a specification's row under its label (« Composition : … »)."""
    cell: list[str] = []
    for text in reversed(above):
        starts = [m.end() for m in _CELL_START.finditer(text)]
        here = [start for start in starts if abs(start - column) <= 2]
        if here:
            cell.insert(0, _SPACE_RUN.sub(" ", text[here[0] :]).strip())
        elif text[max(column - 2, 0) : column + 3].strip():
            break  # a row across the column: the card's title, or what is above the card
    wording = ""
    for row in cell:
        if wording and (letters(row) < 3 or (_SPEC_ROW.match(row) and not _wraps(wording, row))):
            break
        wording = f"{wording} {row}".strip()
    return wording


def _group_total(text: str, groups: list[list[str]]) -> bool:
    """A totals row naming a room or a group headed above ("Total Chambre 1", "Total plomberie"):
    the total of a group of lines, not the document's."""
    named = [cell for cell in CELL_GAP.split(text.strip()) if not _AMOUNT.search(cell)]
    words = [word for word in _words(" ".join(named)) if word not in vocabulary().totals_words]
    if not any(letters(word) >= 3 for word in words):
        return False  # "Total HT", "Total TTC", "Total général"
    return last_room(" ".join(named)) is not None or any(set(words) <= set(group) for group in groups)


_NAME_WORD = re.compile(r"[\w²³]+['’]?")
_NAME_WORDS = 4  # a group's name on a row of its own ("Chambre 2", "Prestations générales"), no sentence


def _words(text: str) -> list[str]:
    """The words of ``text`` in lower case, an elided article its own word ("l'", "unité")."""
    return [word.replace("’", "'") for word in _NAME_WORD.findall(text.lower())]


def _group_detail(text: str, groups: list[list[str]]) -> tuple[Unit] | tuple[()] | None:
    """A row that names a group above (its heading's words, first or last) and how its line is
    priced, nothing else ("Salon · au m²", "forfait – Prestations générales"): a detail of the
    line under a wording, as online billing services print it, in grey. The unit it names (none
    when its words fit several: "au mètre"), or None when the row is no such detail."""
    words = _words(text)
    for name in groups:
        size = len(name)
        if not name or size >= len(words):
            continue
        for rest in (words[size:] if words[:size] == name else None, words[:-size] if words[-size:] == name else None):
            if rest is not None and (unit := _unit_phrase(rest)) is not None:
                return unit
    return None


def _unit_phrase(words: list[str]) -> tuple[Unit] | tuple[()] | None:
    """``words`` say how a line is priced: link words then a unit's spelling ("au m²", "à
    l'unité", "forfait"), or the first word of several units' ("au mètre": linear or square);
    the unit when one, None when the words say something else."""
    links = vocabulary().unit_links
    while words and words[0] in links:
        words = words[1:]
    phrase = " ".join(words)
    if not phrase:
        return None
    units = vocabulary().units
    if phrase in units:
        return (units[phrase],)
    opened = {unit for spelling, unit in units.items() if spelling.startswith(f"{phrase} ")}
    if len(opened) == 1:
        return (opened.pop(),)
    return () if opened else None


def _price_alone(text: str, priced: Priced) -> bool:
    """The row prints a single figure beside its unit, read as the price of one unit: no quantity,
    no amount (a heading carrying its group's total or a discount prints no unit beside it)."""
    tail = list(row_parts(text).tail)
    alone = priced.quantity == 1 and priced.unit_price == priced.total and len(amounts(tail)) == 1
    return alone and any(token.kind == "unit" for token in tail)


def figure_label(word: str) -> bool:
    """A word that names a figure's column ("Qté", "P.U.", "HT", "Total"), or a mark (":", "€");
    no figure ("-5%")."""
    if _HAS_DIGIT.search(word):
        return False
    return letters(word) == 0 or vocabulary().header_words_only(squeeze(word).strip(":"))


def unlabelled(words: list[str]) -> int:
    """How many of a wording's ``words`` are left once the labels closing it are off: a label
    stands before the figure it names ("Pose de prises  PU : 45,00"), so it ends a wording."""
    last = len(words)
    while last and figure_label(words[last - 1]):
        last -= 1
    return last


def _among_words(text: str, header: Header | None, in_table: bool) -> Priced | None:
    """The reading of a row that does not end on its figures (``figures_anywhere``), unless its
    words say it is no line (a total, a subtotal, a VAT recap, a page's mention)."""
    key = squeeze(text)
    words = vocabulary()
    if words.not_a_line(key) or vat_breakdown(text) or vat_phrase(text, key) or words.vat_code_legend.search(key):
        return None
    # A totals word or a mention's may label a line's figures ("Total HT 262,08", "Art. 675"): they
    # must then close with a unit or a sign of multiplication, as outside a table.
    labelled = words.totals_row.search(key) is not None or words.page_mention.search(key) is not None
    return figures_anywhere(text, header, strict=not in_table or labelled)


_LEADERS = re.compile(r"[\s.…_·-]*")
_MAX_LABEL_WORDS = 4  # "Le mètre carré :", "L'unité :", "Le forfait :"


def _without_spelled(text: str, spelled: list[Spelled]) -> str:
    """The row without its amounts in words, the leader dots after them, and the short label
    before them ("Le mètre carré :") that names what the amount prices."""
    for found in reversed(spelled):
        before = text[: found.start]
        after = _LEADERS.match(text, found.end)
        end = after.end() if after is not None else found.end
        label = before.rstrip()
        start = 0 if _is_label(label) else found.start
        text = text[:start] + " " * (end - start) + text[end:]
    return text.rstrip()


def _is_label(label: str) -> bool:
    """A short label naming what the amount after it prices ("Le mètre carré :"); OCR reads its
    colon as a dot or a middle dot ("Le mètre carré ·")."""
    return label[-1:] in _LABEL_ENDS and len(label.split()) <= _MAX_LABEL_WORDS


_LABEL_ENDS = ":.·"


def _confirmed_in_words(text: str, line: QuoteLine) -> list[Spelled]:
    """``text``'s amounts in words read through OCR's slips of two letters in a long number word
    (« cisiquante-deux euros et cinquante cenumes »), when the first is the unit price or the
    total of ``line``, the line above: its figures confirm what the words alone do not."""
    found = spelled_amounts(text, ocr=True, loose=True)
    return found if found and found[0].value in (line.unit_price_ht, line.total_ht) else []


def _label_unit(label: str) -> Unit | None:
    """The unit a price-in-words label names ("Le mètre carré :", "L'unité :", "Le jour :"),
    read through OCR's slips of a unit's spelling (``ocr_unit_of``)."""
    named = vocabulary().unit_label_opening.sub("", label.strip().rstrip(_LABEL_ENDS + " ")).strip()
    return ocr_unit_of(named) if named else None


def _stated_in_words(result: LineResult, index: int, value: Decimal, unit: Unit | None, ocr: bool) -> None:
    """The line's unit price or total as written in words: kept on the line (the arithmetic
    check holds it against the figures), and said in its note where they disagree. The unit its
    label names is the line's when its own cell gave none, or, read by OCR, another (a unit
    cell's "m²" read "m"): the label states what the price is for."""
    line = result.lines[index]
    update: dict[str, object] = {"price_in_words": money(value)}
    notes: list[str] = []
    if money(value) == line.quantity and money(value) not in (line.unit_price_ht, line.total_ht):
        # The figures read in the wrong order (OCR lost the column between them): the words
        # say which one is the unit price; the product stays.
        update.update(quantity=line.unit_price_ht, unit_price_ht=money(value))
        notes.append("Quantité et prix unitaire dans l'ordre du prix en lettres.")
    elif money(value) not in (line.unit_price_ht, line.total_ht):
        notes.append(f"Prix écrit en lettres : {format_eur(money(value))}, différent des chiffres.")
    if unit is not None and unit != line.unit and (line.unit is None or ocr):
        update["unit"] = unit
        notes.append(f"Unité lue dans le prix en lettres : {unit.value}.")
    if notes:
        note = " ".join(notes)
        update["reading_note"] = note_after(line.reading_note, note)
    result.lines[index] = line.model_copy(update=update)


def _details_lump_sum(result: LineResult, priced: Priced, text: str) -> bool:
    """A row of a quantity and a unit price without a total of its own ("soit 11,95 m² à
    7,56 €/m²") under a line read as a lump sum that their product makes: the figures of that
    line, printed on the row below its amount. The line takes them; the row is no line."""
    line = result.lines[-1]
    if priced.consistent or line.quantity != 1 or line.unit_price_ht != line.total_ht:
        return False
    printed = [value for value, _, _ in amounts(list(row_tokens(text)))]
    if money(priced.total) != line.total_ht or printed.count(priced.total) > (priced.unit_price == priced.total):
        return False  # the row prints its own total: a line of its own
    result.lines[-1] = line.model_copy(
        update={"quantity": priced.quantity, "unit": priced.unit, "unit_price_ht": money(priced.unit_price)}
    )
    return True


CELL_GAP = re.compile(r" {3,}")  # between the cells of a layout row


def _totals_cell(text: str) -> bool:
    """A row whose figures stand right of a cell holding only a totals label ("Total HT",
    "TVA 10 %", "Net à payer"), whatever stands left of it (a paragraph of small print)."""
    words = vocabulary()
    if not any(map(squeeze(text).__contains__, words.totals_screen)):
        return False  # most rows
    cells = [cell for cell in CELL_GAP.split(text.strip()) if cell]
    worded = [letters(currency_pattern().sub("", cell)) >= 2 for cell in cells]
    labelled = next((i for i in range(len(cells) - 1, -1, -1) if worded[i]), None)
    if labelled is None or labelled == len(cells) - 1:
        return False  # the figures are no cells of their own
    label = squeeze(cells[labelled])
    if words.vat_noise.search(label):
        return False
    rest = label
    for _, pattern in words.totals_labels:
        rest = pattern.sub(" ", rest)
    return rest != label and letters(rest) <= 2  # "TVA T2 (20 %)": a code beside the label


_VAT_CODE = re.compile(r"(?<=\s)(?:[A-Za-z]{1,2}\d?|\d)(?=\s|$)")
# A code and the rate it stands for: a legend ("T1 = 10 %"), a VAT recap row opening on it ("A   10 %").
_CODE_RATE = re.compile(r"(?<![\w,.])([A-Za-z]{1,2}\d?|\d)\s*[=:]?\s+(\d{1,2}(?:[.,]\d)?)\s*%")
_CODE_RATE_LEGEND = re.compile(r"(?<![\w,.])([A-Za-z]{1,2}\d?|\d)\s*[=:]\s*(\d{1,2}(?:[.,]\d)?)\s*%")
# What a row may print after its last amount and its currency: a VAT code, a footnote's mark, a
# checkbox, a page's code, a tax mark ("A", "T1", "*", "(1)", "¹", "☐", "P2", "TTC"): two words at most.
_MARK_WORD = re.compile(r"\S{1,4}")
_MAX_MARKS = 2
_NOT_MARKS = frozenset({"unit", "cur", "pct"})  # a figure's own words: its unit, currency, rate
_BARE_NUMBER = re.compile(r"(?<!\S)[0-9]+(?!\S)")


def explained_vat_codes(rows: list[str]) -> dict[str, Decimal]:
    """The per-line VAT codes the document explains, and their rates: from its legend ("Codes TVA :
    T1 = 10 %") or from its VAT recap, whose rows open on the code ("A   10 %   2 527,00   252,70")."""
    rates: dict[str, Decimal] = {}
    for row in rows:
        legend = vocabulary().vat_code_legend.search(squeeze(row)) is not None
        if not legend and not _CODE_RATE.match(row.lstrip()):
            continue
        for code, rate in _CODE_RATE_LEGEND.findall(row) if legend else _CODE_RATE.findall(row)[:1]:
            value = parse_decimal(rate)
            if value in VAT_RATES:
                rates.setdefault(code.upper(), value)
    return rates


def _without_marks(row: Row, codes: dict[str, Decimal]) -> Row:
    """A row closed by marks after its last amount, with the marks taken off: no figure or word of
    the line. A mark the document explains (a VAT code its recap or legend names) is the line's
    VAT; any other comes off only where it carries no money (no amount, currency, unit, rate or
    bare number) and the row's arithmetic closes without it, on the figures it read with it (a
    number closing an equation is a figure)."""
    start = _marks_start(row.text, codes)
    if start is None:
        return row
    head, marks = row.text[:start].rstrip(), row.text[start:].strip()
    if not _ends_with_figures(head):
        return row
    code = marks.upper() if marks.upper() in codes else None
    if code is None:
        bare = price_row(head, None, strict=False)
        if bare is None or not bare.consistent:
            return row
        whole = price_row(row.text, None, strict=False)
        figures = (bare.quantity, bare.unit_price, bare.total)
        if whole is not None and whole.consistent and (whole.quantity, whole.unit_price, whole.total) != figures:
            return row
    return Row(head, row.page, row.figures_below, code)


def _without_tick(row: Row) -> Row:
    """The row with the tick opening it (the vocabulary's: "X   Dépose …", "✓ Pose …") blanked
    out, its columns kept: the row is ordered, the mark no word of its wording nor a sign of
    multiplication (no figure follows it)."""
    tick = vocabulary().tick.match(row.text)
    if tick is None:
        return row
    return replace(row, text=" " * tick.end() + row.text[tick.end() :])


def _mark_word(word: str) -> bool:
    """A word that may mark a row: short, of two letters at most (a wording printed after the
    figures is words), or a tax mark ("HT", "T.T.C.")."""
    return (_MARK_WORD.fullmatch(word) is not None and letters(word) <= 2) or _tax(word)


def _tax(word: str) -> bool:
    return _tax_mark().fullmatch(word.rstrip(".")) is not None


def _marks_start(text: str, codes: dict[str, Decimal]) -> int | None:
    """Where the words closing a row after its last figure (and its currency or unit) begin when
    they may be marks: at most two short words, no amount, currency, unit, rate or bare number
    (but a code the document explains, "1")."""
    if not _AMOUNT.search(text) and not _CENTS_AMOUNT.search(text):
        return None  # most rows: no amount, no marks after one
    if not _mark_word(text.rsplit(None, 1)[-1]):
        return None  # every run of marks closes with the row's last word (most rows: an amount)
    words = list(_WORD.finditer(text))[-_MAX_MARKS - 2 :]
    for count in range(min(_MAX_MARKS, len(words) - 1), 0, -1):
        marks = words[-count:]
        if not all(_mark_word(word.group()) for word in marks):
            continue
        if _BARE_NUMBER.search(" ".join(word.group() for word in marks)) and marks[-1].group().upper() not in codes:
            continue
        tokens = tokenise(" ".join(word.group() for word in marks))
        if any((token.kind in _NOT_MARKS and not _tax(token.text)) or token.decimals for token in tokens):
            continue
        before = tokenise(normalise_row(words[-count - 1].group()))
        if before and before[-1].kind in _NOT_MARKS | {"num"}:
            measure = before[-1].kind == "num" and _labelled_measure(words[:-count])
            return None if measure else marks[0].start()
    return None


def _labelled_measure(words: list[re.Match[str]]) -> bool:
    """The ``words`` end on a figure a take-off's letter names (« ép. 13 », « L 4,20 »): a measure
    of the wording, whose unit follows it (« mm »), not a line's figure before its marks."""
    return len(words) >= 2 and words[-2].group().lower() in vocabulary().takeoff_labels


def _without_vat_code(text: str, header: Header) -> tuple[str, str | None]:
    """A row whose VAT column holds a code ("T1", "A", "2") that a legend or a recap explains,
    with the code blanked out: it is no figure of the line. A rate in that column ("10") stays."""
    _, start, end = next(column for column in header.columns if column[0] == "tva")
    if _RATE_CELL.search(text, max(start - 2 * _CODE_SLACK, 0), end + _CODE_SLACK) is not None:
        return text, None  # the column prints the rate itself ("5,5 %   u   57,85"): no code there
    centre = (start + end) / 2
    # The code nearest the column's middle (a discount column may stand beside it), a cell apart
    # from the wording before a word of it ("… préparation du     B     142,56").
    codes = sorted(
        (match for match in _VAT_CODE.finditer(text, max(start - _CODE_SLACK, 0)) if match.end() <= end + _CODE_SLACK),
        key=lambda match: (not _cell_apart(text, match), abs((match.start() + match.end()) / 2 - centre)),
    )
    # Dolibarr's order puts the VAT column first after the designation: its code follows the
    # wording, a cell apart ("Recherche de fuite      B      357,28").
    first = min(header.columns, key=lambda column: column[1])[0] == "tva"
    for match in codes[:1]:
        code = match.group()
        after_wording = not _ends_with_figures(text[: match.start()]) and not (first and _cell_apart(text, match))
        if (code.isdigit() and Decimal(code) in VAT_RATES) or after_wording:
            break  # a rate, or a letter of the wording under a header that runs over the designation
        if unit_of(code) is not None and text[max(match.start() - 2, 0) : match.start()].strip()[-1:].isdigit():
            break  # the unit of the quantity a space before it ("4,00 U   5,5 %"), not a code
        if code.isdigit() and _THOUSANDS_GROUP.match(text, match.end()):
            break  # the head of an amount that runs into the column ("10 %   1 873,40")
        middle = (match.start() + match.end()) / 2
        if min(header.columns, key=lambda column: abs((column[1] + column[2]) / 2 - middle))[0] == "discount":
            break  # a bare rate of the discount column beside it ("5")
        return f"{text[: match.start()]}{' ' * len(code)}{text[match.end() :]}".rstrip(), code.upper()
    return text, None


_RATE_CELL = re.compile(r"\d ?%")
_CODE_SLACK = 4  # characters: a code printed right or left in its column, beside its header word


def _cell_apart(text: str, match: re.Match[str]) -> bool:
    """The match stands a cell gap away from the text before it."""
    return CELL_GAP.fullmatch(text[max(match.start() - 3, 0) : match.start()]) is not None


_THOUSANDS_GROUP = re.compile(r"[ \u00a0\u202f]\d{3}(?:[.,]\d{1,2})?(?!\d)")


@dataclass(slots=True)
class _Cell:
    """How a line's wording was gathered: whether its figures row's wording opens in lower case
    (it goes on from a row above), whether a heading or a subtotal stands between it and the
    line before, and the rows appended after its figures row."""

    goes_on: bool
    apart: bool
    after: list[str] = field(default_factory=list)


def _bottom_aligned(result: LineResult, cells: list[_Cell]) -> None:
    """A table printing each line's figures on the last row of its wording (a spreadsheet's
    cells aligned at the bottom): the rows read after a line's figures are the next line's
    first rows. Told by the wording itself: figures rows that go on from the row above, no
    row after a figures row going on from it, and nothing after the last line's figures."""
    if cells[-1].after or not any(cell.goes_on for cell in cells):
        return
    if not any(cell.after for cell in cells) or any(cell.after[0][:1].islower() for cell in cells if cell.after):
        return
    for index in range(len(cells) - 1, 0, -1):
        moved = " ".join(cells[index - 1].after)
        if not moved or cells[index].apart:
            continue
        above, line = result.lines[index - 1], result.lines[index]
        kept = above.designation[: len(above.designation) - len(moved)].rstrip()
        result.lines[index - 1] = above.model_copy(update={"designation": kept})
        result.lines[index] = line.model_copy(update={"designation": f"{moved} {line.designation}"})
        cells[index - 1].after = []


def heading_text(text: str) -> str:
    """A heading as printed, without the leaders or the colon that lead to what follows."""
    return re.sub(r"\s+", " ", text).strip().rstrip(" .:…_-–—").strip()


_MEASURES = frozenset((Unit.M2, Unit.ML))
_COLUMN_GAP = 8  # characters of layout text: more than a figure's misalignment in its column
_ANYWHERE = 1 << 30


def _heading_above(pending: str) -> bool:
    """Rows gathered above a line that name a group (a phase, a lot, a room) or note something, not
    the line's first sentences: no full stop ends one in them ("Plaque de plâtre standard." opens a
    wording), they do not stop on a dash, a comma or a connecting word, nor leave a bracket open."""
    text = pending.rstrip()
    if not text or text.endswith(".") or _SENTENCE_END.search(text) or _dangling().search(text):
        return False
    return text.count("(") <= text.count(")")


# A full stop after a word, a capital after it: a sentence ends; an abbreviation's dot before a code
# (« réf. BLC2050 »: a word holding a digit) opens none.
_SENTENCE_END = re.compile(r"[a-zà-ÿ]{2}\.\s+[A-ZÀ-Ý](?![\w-]*\d)")
# A note's label: one word (« Remarque », « NB », « N.B. »), perhaps numbered (« Photo 3 »), and its colon.
_NOTE_LABEL = re.compile(r"(?:[^\W\d_]\.?){2,}(?: n°)?(?: ?\d{1,3})? ?: [^\W\d_]")


def _note_above(pending: str) -> bool:
    """Rows gathered above a line that are one sentence under a note's label, the label and
    the sentence on a row (« Observation : traces d'humidité en pied de mur. »)."""
    text = pending.strip()
    return _note(text) and re.search(r"[^\W\d_]{2}\.$", text) is not None and not _SENTENCE_END.search(text)


def _note(text: str, apart: bool = False) -> bool:
    """A row that opens a note of its own, not a wording: under its label (« Remarque : teinte au
    choix du client », « NB : … », « Photo 3 : fissure au plafond »), or, set apart from the
    wording's column (``apart``), wholly between brackets (« (voir photo 2 en annexe) »)."""
    label = _NOTE_LABEL.match(text)
    if label is not None:
        # A section's label is a heading's (« Pièce : Entrée », « Lot 2 : Peinture »), no note's.
        return not _labelled_section(text[: text.index(":") + 1]) and not vocabulary().section_index.match(text)
    return apart and text.startswith("(") and text.endswith(")") and text.count("(") == text.count(")")


def _numbered(text: str, start: int) -> bool:
    """The row opens on the line's number before its wording at ``start`` (« 2.03   Luminaire … »)."""
    before = normalise_row(text)[:start].split()
    return len(before) == 1 and _LEADING_NUMBER.match(before[0]) is not None


def _opens_wording(own: str) -> bool:
    """A figures row's own words open a wording: a capital, then words enough to name a work
    (a wrapped wording's last row goes on from the row above: "en peinture deux couches")."""
    return own[:1].isupper() and len([word for word in own.split() if letters(word) >= 3]) >= 2


def _opens_sentence(designation: str, row: str) -> bool:
    """``row`` opens a sentence after a wording that ended one."""
    return designation.rstrip().endswith(".") and row[:1].isupper() and not _is_section(row)


def _figures_in_wording(text: str, figures_end: int) -> bool:
    """A row whose figures belong to its words: each one a space after a word (a reference in a
    sentence, "DTU 25.41"; not a take-off's "Murs : 5,17" nor a measure, "12,44 ml"), ending well
    left of where the line above ends its figures (a lump sum stands in the total's column)."""
    row = normalise_row(text)
    tokens = tokenise(row)
    figures = [i for i, t in enumerate(tokens) if t.kind in ("num", "pct")]
    return bool(figures) and all(
        i > 0
        and tokens[i - 1].kind == "word"
        and tokens[i].start - tokens[i - 1].end == 1
        and tokens[i].end < figures_end - _COLUMN_GAP
        and (i + 1 == len(tokens) or tokens[i + 1].kind == "word")
        for i in figures
    )


def _before_columns(text: str, header: Header) -> bool:
    """Every figure of the row stands in the designation's column (left of the header's first
    figure or unit column, or from the designation's label on where the wording comes last), and
    they compute nothing: the designation's cell holds them."""
    tokens = row_tokens(text)
    figures = [token for token in tokens if token.kind == "num"]
    if not figures or any(token.text == "=" or (token.value or 0) < 0 or token.kind == "cur" for token in tokens):
        return False  # a take-off ("Longueurs : 12,44 + 10,5 = 22,94 ml"), a price ("soit 2 m² à 52 €") is no wording
    if any(a.text == ":" and b.kind == "num" for a, b in itertools.pairwise(tokens)):
        return False  # … nor a measure named ("Murs B, C : 5,17")
    left = min(start for _, start, _ in header.columns)
    if all(token.end < left for token in figures):
        return True
    # A table printing the wording after its figures ("Montant  Qté  PU  Ouvrage"): right of them,
    # the row ending on words or a unit ("hauteur 1.20 m"), not on an amount (a recap's row).
    wording_at = header.designation if header.designation > header_figures_end(header) else _ANYWHERE
    return tokens[-1].kind != "num" and all(token.start >= wording_at - 1 for token in figures)


def _detail_row(text: str, header: Header) -> bool:
    """A component row of a composite work ("ouvrage"): a wording and figures standing only
    under the quantity (and unit) columns, none under the price or total. It prices nothing: no
    line of its own, and no part of the priced line's wording above it."""
    prices = [c for c in header.columns if c[0] in ("pu", "total")]
    quantity = [c for c in header.columns if c[0] == "qty"]
    if not prices or not quantity or len(text.rstrip()) > min(c[1] for c in prices):
        return False  # the row runs on under a price column
    row = normalise_row(text)
    tokens = tokenise(row)
    figures = [t for t in tokens if t.kind == "num"]
    if not figures or letters(row[: figures[0].start]) < 3 or any(t.kind in ("cur", "pct") for t in tokens):
        return False
    # Figures in a column of their own, with at most a unit after them: a wrapped wording's
    # "– Chambre 2" or "… et 2 couches de finition" is no component.
    after = tokens[tokens.index(figures[0]) :]
    others = [t for t in after if t.kind != "num"]
    if not row[: figures[0].start].endswith("   ") or len(others) > 1 or (not others and not figures[0].decimals):
        return False
    if others and others[0].kind != "unit" and len(others[0].text) > 3:
        return False
    columns = [c for c in header.columns if c[0] in ("qty", "pu", "total", "tva", "discount")]
    for figure in figures:
        middle = (figure.start + figure.end) / 2
        nearest = min(columns, key=lambda c: abs((c[1] + c[2]) / 2 - middle))
        if nearest[0] != "qty":
            return False
    return True


def header_figures_end(header: Header | None) -> int:
    """Where the header's first run of figure columns ends (0: none)."""
    return max((end for _, _, end in header.columns), default=0) if header is not None else 0


def _figures_last(text: str, around: bool = False, wording_at: int = -1) -> tuple[str, int] | None:
    """A row whose figures come before its wording ("145,41 €  63,22 €  2,30 m²  Pose de …"),
    written wording first with the figures after it in the same order, as the line reading
    expects, and where its wording ends (a figure the line leaves out, a TTC per line, is no
    part of it); None when the row does not open with two figures or more before a wording.
    ``around``: the header puts figure columns on both sides of the wording ("Montant HT  Qté
    U  PU HT  Désignation  TVA  Montant TTC"): the figures after it follow those before, in the
    header's order. ``wording_at``: the column the wording starts at (its figures are its own:
    "… ép." / "13 mm"), -1 when unknown."""
    row = normalise_row(text)
    tokens = tokenise(row)
    lead = 0
    while lead < len(tokens) and tokens[lead].kind in _TAIL_KINDS:
        if 0 <= wording_at <= tokens[lead].start + 1:
            # An operation word in the wording's column joins the figure before it to the one
            # after it: a size, the wording's whole (« 2.5 par 1.20 m »).
            lead -= 1 if lead >= 1 and _size_at(tokens, lead - 1) else 0
            break
        lead += 1
    if lead == len(tokens) or sum(t.kind == "num" for t in tokens[:lead]) < 2:
        return None
    trail = len(tokens)
    # A size ending the row is its wording's end (« … 2.5 par 1.20 m »), no figures after it.
    while around and not _size_last(tokens) and trail > lead and tokens[trail - 1].kind in _TAIL_KINDS:
        trail -= 1
    end = tokens[trail].start if trail < len(tokens) else len(row)
    wording = row[tokens[lead].start : end].strip()
    placed = 0 <= wording_at <= tokens[lead].start + 1  # the wording's column says it is one
    if not placed and (letters(wording) < 3 or (_HAS_DIGIT.search(wording) and _ends_with_figures(wording))):
        return None
    return f"{wording}   {row[: tokens[lead].start].strip()}   {row[end:].strip()}".rstrip(), len(wording)


# Dot leaders, a colon, an opening bracket, a currency sign printed before the price ("… à € 45,00").
_TRAILING_MARKS = re.compile(r"[\s.…,;:_=×(\-–—€]+$")


def without_price_lead(designation: str) -> str:
    """A wording without what led to its price: "…, pour un montant", "… sur", "… au prix de",
    "… :", "… ....", "… (" (the connectors are the vocabulary's)."""
    while True:
        shorter = vocabulary().price_connector.sub("", _TRAILING_MARKS.sub("", designation))
        shorter = _TRAILING_MARKS.sub("", shorter)
        if shorter == designation:
            return designation
        designation = shorter


def _price_stated_again(text: str, line: QuoteLine, figures_end: int) -> tuple[str, Decimal, str] | None:
    """A wrapped row of a line's wording that states the line's unit price again (« … de première
    qualité (12,12 € HT le m²) », « … agréée (8,67 »): its one figure stands in the wording's
    column, left of where the line's figures end, and the line's quantity times it makes the
    line's total. The row's words before the price, the price, and the row after it (« € HT le
    m² »); None when the row is no such thing."""
    row = normalise_row(text)
    if line.quantity is None or line.discount_rate or _HAS_DIGIT.search(row) is None:
        return None  # most wrapped rows of wording: no figure to tokenise the row for
    if sum(token.kind in ("num", "pct") for token in row_parts(text).tail) > 1:
        return None  # the figures closing the row (the next line's) are figures of the whole row
    tokens = tokenise(row)
    figures = [token for token in tokens if token.kind in ("num", "pct")]
    if len(figures) != 1 or figures[0].kind != "num" or figures[0].value is None:
        return None
    if figures[0].end >= figures_end - _COLUMN_GAP:
        return None  # a figure in a column
    if money(line.quantity * figures[0].value) != line.total_ht:
        return None
    return row[: figures[0].start], figures[0].value, row[figures[0].end :]


def _price_tail(text: str) -> bool:
    """What follows a price's figure (« € HT/m²) », « € l'unité », « EUR le mètre linéaire »): a
    currency, a tax mark, a connector or a unit, no word of a wording nor a figure."""
    for token in tokenise(normalise_row(text)):
        if token.kind in ("cur", "op", "unit"):
            continue
        if token.kind != "word":
            return False
        pieces = [piece.strip(".,;:()") for piece in token.text.lower().split("/")]
        if not all(
            not piece
            or piece in vocabulary().amount_ends
            or piece in vocabulary().connector_words
            or unit_of(re.sub(r"^[ld]['’]", "", piece)) is not None
            for piece in pieces
        ):
            return False
    return True


def _goes_on(designation: str, row: str) -> bool:
    """The first wording row of a page goes on with the previous page's last line when it wraps
    onto it (:func:`_wraps`) and is no heading."""
    return _wraps(designation, row) and not _is_section(row)


def _wraps(above: str, row: str) -> bool:
    """The text ``above`` wraps onto ``row``: the row opens in lower case or the text above stops
    short ("… en vigueur,", "… de la", "… sanitaire /")."""
    return row[:1].islower() or _dangling().search(above) is not None


def _continue_line(result: LineResult, index: int | None, text: str) -> str:
    """Append a wrapped row to its line (the words appended); a unit alone at the row's end is
    the line's unit."""
    if index is None:
        return ""
    line = result.lines[index]
    tokens = tokenise(text)
    unit: Unit | None = None
    if len(tokens) >= 2 and tokens[-1].kind == "unit" and tokens[-1].start - tokens[-2].end >= 3:
        unit = tokens[-1].unit
        text = text[: tokens[-1].start]
    elif len(tokens) == 1 and tokens[0].kind == "unit":
        unit = tokens[0].unit
        text = ""
    addition = _SPACE_RUN.sub(" ", text).strip()
    update: dict[str, object] = {}
    if addition:
        update["designation"] = f"{line.designation} {addition}".strip()
        if line.room is None:
            update["room"] = last_room(addition)
    if unit is not None and line.unit is None:
        update["unit"] = unit
    if update:
        result.lines[index] = line.model_copy(update=update)
    return addition
