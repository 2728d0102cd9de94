"""What an engine bends by one letter or a faded mark, on OCR pages only: totals' labels and
units.

Totals' labels misread by a letter ("T0TAL HT", "TYA 20 %", "Monlant TTC") are read back as the
vocabulary spells them. A word of a row is read as the totals' word it is closest to when its
letters (OCR's figures for letters read back first: "T0TAL") are within an edit distance bounded by
the word's length (none under three letters: "HT" one letter off is any pair of letters; one up to
five; two from six). A row takes the mended words only when they make a totals label appear on it,
and the page only when its foot then closes (HT + VAT = TTC), where it did not as read or to the
same totals (the row then a total read as a line): the figures say the label was one, not the
spelling alone.

A unit's spelling that is also another unit's with a mark the engine loses (« m » is the
metre, and the « m² » whose exponent faded) leaves the line's unit in doubt: the line keeps
the unit it reads and names the others (``QuoteLine.unit_alternatives``); the judge decides
by the barème's item for the wording. Never a fixed replacement: « m » is the metre as often.
So with a short unit spelling the engine reads as no unit (« n » for the « h » whose stem faded,
or the « u »; the vocabulary's ``unit_look_alikes``): standing alone between the quantity and the
wording, it is the line's unit in doubt among those it may be. A line paid by the hour names its
time in its wording (« taux horaire », « main-d'œuvre », « régie »: the vocabulary's words): the
look-alike is the hour first only there, the other unit first elsewhere (the hour its alternative),
unless that unit counts things and the quantity has a fraction (« 5,5 n »).

A document spells each unit one way. Where its other lines print the unit read in doubt with
another spelling (the metre as « ml »), and print one of the others with its mark (« m² »), the
spelling in doubt is not the document's for the unit read: the line takes that other unit and
names the one read as the alternative (the judge still decides by the barème's item)."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from functools import cache

from rapidfuzz.distance import Levenshtein

from billma_core.checks import ttc_closes
from billma_core.models import QuoteLine, Unit
from billma_core.money import money
from billma_core.reading.lines import Header, Priced, detect_header, multiplies, price_row
from billma_core.reading.numbers import OCR_LETTERS, Token, row_tokens
from billma_core.reading.ocr.base import LOOKALIKE_DIGITS, TWIN_DIGITS
from billma_core.reading.totals import Totals, find_totals, labels_joined
from billma_core.reading.vocabulary import vocabulary

_WORD = re.compile(r"[^\W_]{3,}")
# An abbreviation of three letters or more, a dot after each (« T.T.C. », the last dot perhaps lost).
_DOTTED = re.compile(r"(?<![^\W_])(?:[^\W\d_]\.){2,}[^\W\d_]\.?(?![^\W_])")
# A label's letters as OCR reads them: a unit's, and a 7 for a T ("7VA"; not in a unit, where
# "107" would read "lot").
_LABEL_LETTERS = {**OCR_LETTERS, ord("7"): "t"}


def labels_mended(pages: list[str]) -> list[str]:
    """``pages`` (layout text of OCR pages) with the totals' labels misread by a letter read
    back, when the foot closes only so; else ``pages`` as they are."""
    mended = ["\n".join(_row_mended(row) for row in page.split("\n")) for page in pages]
    if mended == pages:
        return pages
    before, after = _totals(pages), _totals(mended)
    if not _closes(after):
        return pages
    # The foot closed already: the labels mended may only confirm it (a total HT read as a line).
    same = (before.total_ht, before.total_tva, before.total_ttc) == (after.total_ht, after.total_tva, after.total_ttc)
    return mended if same or not _closes(before) else pages


def _dotted_label(abbreviation: re.Match[str]) -> str:
    """A label's abbreviation printed with a dot after each letter (« T.F.C. », « T.V.A »), read
    as its letters are (« TFC » one letter off « TTC »), its dots kept."""
    text = abbreviation.group()
    letters = text.replace(".", "")
    found = _label_word(letters)
    if found == letters:
        return text
    return ".".join(found) + ("." if text.endswith(".") else "")


def _totals(pages: list[str]) -> Totals:
    return find_totals(labels_joined([row for page in pages for row in page.split("\n")]))


def _closes(totals: Totals) -> bool:
    """HT + VAT = TTC, the VAT the smaller (HT and VAT swapped add up as well)."""
    ht, tva, ttc = totals.total_ht, totals.total_tva, totals.total_ttc
    return ht is not None and tva is not None and ttc is not None and tva < ht and ttc_closes(ht, tva, ttc)


def _row_mended(row: str) -> str:
    mended = _DOTTED.sub(_dotted_label, _WORD.sub(lambda word: _label_word(word.group()), row))
    if mended == row or not any(char.isdigit() for char in row):
        return row
    labels = vocabulary().totals_labels
    if sum(len(p.findall(mended)) for _, p in labels) <= sum(len(p.findall(row)) for _, p in labels):
        return row
    return mended


# A word of a row that holds a digit: a figure, or one whose digits an engine read as letters.
_WITH_DIGIT = re.compile(r"(?<!\S)\S*\d\S*(?!\S)")
# What such a word must be once its letters are read back: digits, perhaps a comma or a dot
# between them, and a speck after.
_READ_BACK = re.compile(r"\d(?:[\d.,]*\d)?[.,:;]?")


_FIGURE_TWINS = str.maketrans(LOOKALIKE_DIGITS)
# An amount with its decimal mark and cents holding a digit the engine may have turned.
_TWINNED_AMOUNT = re.compile(r"(?<![\w.,])\d[\d]*[.,]\d{2}(?![\w.,])")


def figures_mended(pages: list[str]) -> list[str]:
    """``pages`` (layout text of OCR pages) with a figure's letters read back as the digits they
    look like (« 294 B5 »: ``ocr.base.LOOKALIKE_DIGITS``, which an amount with its comma and
    cents has read back already, « 2B4,50 »), on each priced row whose arithmetic closes only so
    (quantity × unit price = amount, with those digits); the other rows as they are. A code
    (« B5 », « S2 ») closes no row's equation."""
    twins = _FIGURE_TWINS
    pages = [_page_figures_mended(page, twins) if page.translate(twins) != page else page for page in pages]
    return [_page_digits_twinned(page) for page in pages]


def _page_digits_twinned(page: str) -> str:
    """``page`` with one digit of an amount read as its twin (``ocr.base.TWIN_DIGITS``: « 31,00 »
    for 37,00) on each priced row under a table header whose figures multiply out no way as
    read (or only with a figure the reader mends: « 31,00 » read « 1 ») and exactly one way,
    unmended, with that digit turned; the other rows as they are."""
    rows = page.split("\n")
    header = None
    for index, row in enumerate(rows):
        header = detect_header(_header_mended(row)) or header
        if header is None or not _TWINNED_AMOUNT.search(row):
            continue
        priced = price_row(row, header, strict=False, ocr=True)
        if priced is None or (priced.consistent and not priced.slip):
            continue  # a row multiplying out as printed (not by a figure the reader mended)
        turned = [
            (variant, variant[amount.start() : amount.end()])
            for amount in _TWINNED_AMOUNT.finditer(row)
            for at in range(amount.start(), amount.end())
            if row[at] in TWIN_DIGITS
            for variant in [row[:at] + TWIN_DIGITS[row[at]] + row[at + 1 :]]
        ]
        closing = [
            variant
            for variant, figure in turned
            if _closes_with(variant, header, [figure])
            and not _mended_reading(price_row(variant, header, strict=False, ocr=True))
        ]
        if len(closing) == 1:
            rows[index] = closing[0]
    return "\n".join(rows)


def _page_figures_mended(page: str, twins: dict[int, str]) -> str:
    rows = page.split("\n")
    read_back = {index: changed for index, row in enumerate(rows) if (changed := _figures_read_back(row, twins))}
    if not read_back:
        return page
    header = None  # the table header above the row: which column each figure stands in
    for index, row in enumerate(rows[: max(read_back) + 1]):
        header = detect_header(_header_mended(row)) or header
        if index not in read_back:
            continue
        mended = " ".join(read_back[index].get(word, word) for word in row.split(" "))
        if _closes_with(mended, header, list(read_back[index].values())) and not _closes_with(row, header, []):
            rows[index] = mended
    return "\n".join(rows)


def _figures_read_back(row: str, twins: dict[int, str]) -> dict[str, str]:
    """The words of ``row`` that are figures once their look-alike letters are read as digits,
    and those figures."""
    read = {word.group(): word.group().translate(twins) for word in _WITH_DIGIT.finditer(row)}
    return {word: digits for word, digits in read.items() if digits != word and _READ_BACK.fullmatch(digits)}


def _mended_reading(priced: Priced | None) -> bool:
    return priced is None or priced.slip


def _closes_with(row: str, header: Header | None, figures: list[str]) -> bool:
    """``row`` reads as a priced line whose quantity × unit price is its amount, each of
    ``figures`` among the digits of those three."""
    priced = price_row(row, header, strict=False, ocr=True)
    if priced is None or not priced.consistent or money(priced.quantity * priced.unit_price) != priced.total:
        return False
    read = [_figures(f"{value:f}") for value in (priced.quantity, priced.unit_price, priced.total)]
    return all(any(_figures(figure) in digits for digits in read) for figure in figures)


def headers_mended(pages: list[str]) -> list[str]:
    """``pages`` (layout text of OCR pages) with a table header's labels misread by a letter read
    back ("T0tal", "Désignatlon", "Quantké"), on each row that is then a header of more columns
    than as read; else ``pages`` as they are. Whether the table reads better so is the caller's
    to weigh (the lines then make the total HT)."""
    return ["\n".join(_header_mended(row) for row in page.split("\n")) for page in pages]


def _header_mended(row: str) -> str:
    words = vocabulary().header_words
    mended = _WORD.sub(lambda word: _label_word(word.group(), words), row)
    if mended == row:
        return row
    header = detect_header(mended)
    if header is None:
        return row
    before = detect_header(row)
    return mended if before is None or len(header.columns) > len(before.columns) else row


def _label_word(word: str, words: frozenset[str] | None = None) -> str:
    """The label's word ``word`` is a slip of (``words``: the totals' by default), in ``word``'s
    case; ``word`` when none or several."""
    key = word.translate(_LABEL_LETTERS).lower()
    if sum(char.isalpha() for char in word) <= len(word) / 2 or not key.isalpha():
        return word  # a figure ("770"), or more figures than letters
    words = vocabulary().totals_words if words is None else words
    if key in words:
        found = key
    else:
        near = [w for w in words if _within(key, w, len(w) // 3)]
        if len(near) != 1:
            return word
        found = near[0]
    if found == word.lower():
        return word
    return found.upper() if word.isupper() else found.capitalize() if word[0].isupper() else found


def _within(a: str, b: str, bound: int) -> bool:
    """The edit distance (letters added, lost or replaced) between ``a`` and ``b`` is at most ``bound``
    (rapidfuzz's Levenshtein distance, the matcher's library), never when no slip is allowed."""
    return bound > 0 and Levenshtein.distance(a, b, score_cutoff=bound) <= bound


# The marks an engine loses off a unit's spelling: an exponent, printed raised or as a figure.
_EXPONENTS = ("²", "³", "2", "3")


@cache
def _doubts() -> dict[str, frozenset[Unit]]:
    """Each unit spelling that is another unit's but for an exponent, and those other units
    (« m » → m², from the vocabulary's « m² » and « m2 »)."""
    units = vocabulary().units
    doubts: dict[str, set[Unit]] = {}
    for spelling, unit in units.items():
        for exponent in _EXPONENTS:
            other = units.get(spelling + exponent)
            if other is not None and other is not unit:
                doubts.setdefault(spelling, set()).add(other)
    return {spelling: frozenset(others) for spelling, others in doubts.items()}


def units_in_doubt(lines: list[QuoteLine], rows: list[str]) -> list[QuoteLine]:
    """``lines`` read on OCR pages, each whose row prints its quantity beside a unit spelling in
    doubt (``_doubts``) naming the other units it may be; the others as they are."""
    doubts, look_alikes = _doubts(), vocabulary().unit_look_alikes
    printed = [
        (tokens, _figures(row))
        for row, tokens in ((row, row_tokens(row)) for row in rows)
        if any(
            (t.kind == "unit" and _spelling(t.text) in doubts) or t.text.lower() in look_alikes or _twin_unit(t.text)
            for t in tokens
        )
    ]
    if not printed:
        return lines
    spelled = _units_spelled(lines, rows)
    found = [_doubted(line, printed, doubts) if line.unit is not None else None for line in lines]
    surfaces = _surfaces_measured(lines, found)
    out = []
    for line, doubted in zip(lines, found, strict=True):
        if line.unit is None:
            out.append(_look_alike_unit(line, printed))
            continue
        if doubted is None:
            out.append(line)
            continue
        spelling, others = doubted[0], doubts[doubted[0]]
        marked = [unit for unit in others if unit in spelled]
        if spelling in surfaces and surfaces[spelling] in others:  # its take-off multiplies two lengths
            out.append(line.model_copy(update={"unit": surfaces[spelling], "unit_alternatives": [line.unit]}))
        elif line.unit in spelled and len(marked) == 1:  # the document spells the unit read otherwise
            out.append(line.model_copy(update={"unit": marked[0], "unit_alternatives": [line.unit]}))
        else:
            out.append(line.model_copy(update={"unit_alternatives": sorted(others)}))
    return out


def _surfaces_measured(lines: list[QuoteLine], found: list[tuple[str, tuple[Token, ...]] | None]) -> dict[str, Unit]:
    """The spellings in doubt this document shows to be a surface, and that surface (« m » → m²):
    some row prints its quantity as the product of two lengths (« 2,42 × 2,4   5,81   m »; both
    with decimals, a whole factor may be a count of lengths) and none prints it as a sum of lengths
    (« 5,56 + 7,83   13,39   m »). A document spells each unit one way: its other rows spelling
    it so are surfaces too, whatever their take-off."""
    units = vocabulary().units
    shown: dict[str, set[bool]] = {}
    for line, doubted in zip(lines, found, strict=True):
        if doubted is None:
            continue
        kind = _takeoff_kind(doubted[1], line.quantity)
        if kind is not None:
            shown.setdefault(doubted[0], set()).add(kind)
    surfaces = {}
    for spelling, kinds in shown.items():
        square = next((units[spelling + e] for e in _SQUARES if spelling + e in units), None)
        if kinds == {True} and square is not None:
            surfaces[spelling] = square
    return surfaces


_SQUARES = ("²", "2")


def _takeoff_kind(tokens: tuple[Token, ...], quantity: Decimal) -> bool | None:
    """Whether the take-off printed right before the figure worth ``quantity`` multiplies two
    lengths (True), adds lengths (False), or neither is printed (None)."""
    slack = Decimal(1).scaleb(quantity.as_tuple().exponent) / 2  # type: ignore[arg-type]
    for index in range(3, len(tokens)):
        a, sign, b, figure = tokens[index - 3 : index + 1]
        if figure.kind != "num" or figure.value != quantity or a.kind != "num" or b.kind != "num":
            continue
        if sign.kind != "op" or a.value is None or b.value is None:
            continue
        if sign.text == "+" and abs(a.value + b.value - quantity) <= slack:
            return False
        product = multiplies(sign) and abs(a.value * b.value - quantity) <= slack
        if product and a.value != a.value.to_integral_value() and b.value != b.value.to_integral_value():
            return True
    return None


def _doubted(
    line: QuoteLine, printed: list[tuple[tuple[Token, ...], str]], doubts: dict[str, frozenset[Unit]]
) -> tuple[str, tuple[Token, ...]] | None:
    """The spelling in doubt ``line``'s row prints beside its quantity, and the row's tokens, where
    it prints none of that unit in no doubt (« 1.20 m  3,300 ml »: the « ml » is the line's)."""
    units = vocabulary().units
    for tokens, figures in printed:
        if _figures(f"{line.total_ht:f}") not in figures:  # the row's figures hold its amount, cut or not
            continue
        spellings = _units_beside(tokens, line.quantity) + _units_per_price(tokens, line.unit_price_ht)
        if any(spelling not in doubts and units.get(spelling) is line.unit for spelling in spellings):
            return None
        for spelling in spellings:
            if spelling in doubts and units[spelling] is line.unit:
                return spelling, tokens
    return None


def _units_spelled(lines: list[QuoteLine], rows: list[str]) -> set[Unit]:
    """The units the rows of ``lines`` print beside their quantities with a spelling in no doubt
    (« ml », « m² »; not « m »)."""
    doubts, units = _doubts(), vocabulary().units
    spelled: set[Unit] = set()
    for row in rows:
        figures = _figures(row)
        tokens = row_tokens(row)
        for line in lines:
            if _figures(f"{line.total_ht:f}") not in figures:
                continue
            spelled.update(
                units[spelling]
                for spelling in _units_beside(tokens, line.quantity) + _units_per_price(tokens, line.unit_price_ht)
                if spelling not in doubts and spelling in units
            )
    return spelled


def _look_alike_unit(line: QuoteLine, printed: list[tuple[tuple[Token, ...], str]]) -> QuoteLine:
    """``line`` (read with no unit) with the unit a look-alike stands for, when its row prints
    that look-alike right after the line's quantity (apart or glued to it: "5 n", "5|n"); the
    look-alike left off the wording where it opens it. Else ``line`` as it is."""
    look_alikes = vocabulary().unit_look_alikes
    wanted = {_figures(f"{line.quantity:f}"), _figures(f"{line.quantity.normalize():f}")}
    read = next(
        (
            following.text.lower()
            for tokens, figures in printed
            if _figures(f"{line.total_ht:f}") in figures
            for token, following in itertools.pairwise(tokens)
            if token.kind == "num"
            and (token.value == line.quantity or _figures(token.text) in wanted)
            and following.text.lower() in look_alikes
        ),
        None,
    )
    if read is None:
        return _twin_unit_line(line, printed)
    first, _, rest = line.designation.partition(" ")
    designation = rest.strip() if first.lower() == read and rest.strip() else line.designation
    units = _named_first(look_alikes[read], designation, line.quantity)
    return line.model_copy(
        update={"unit": units[0], "unit_alternatives": sorted(units[1:]), "designation": designation}
    )


def _twin_unit_line(line: QuoteLine, printed: list[tuple[tuple[Token, ...], str]]) -> QuoteLine:
    """``line`` (read with no unit) with the unit its row prints beside its quantity in a fax's
    letter twins (« 1 fortart », « tortar 1 »: ``_twin_unit``), that word left off the wording's
    ends; else ``line`` as it is."""
    wanted = {_figures(f"{line.quantity:f}"), _figures(f"{line.quantity.normalize():f}")}
    for tokens, figures in printed:
        if _figures(f"{line.total_ht:f}") not in figures:
            continue
        for index, token in enumerate(tokens):
            if token.kind != "num" or (token.value != line.quantity and _figures(token.text) not in wanted):
                continue
            for near in (index + 1, index - 1):
                unit = _twin_unit(tokens[near].text) if 0 <= near < len(tokens) else None
                if unit is not None:
                    words = line.designation.split()
                    kept = [w for i, w in enumerate(words) if not (i in (0, len(words) - 1) and w == tokens[near].text)]
                    designation = " ".join(kept) if kept else line.designation
                    return line.model_copy(update={"unit": unit, "designation": designation})
    return line


# Letters a unit's spelling needs to be read through the twins, and for one letter more off
# (« tortar ») to still name it: « cours » is one letter off « jours », « price » off « pièce ».
_TWIN_MIN = 5
_TWIN_SLIP = 7


@cache
def _twin_unit(word: str) -> Unit | None:
    """The unit ``word`` spells once a fax's letter twins are taken for the same letter (« f »
    and « t », « i » and « r »: the vocabulary's), when it is one unit's spelling of five letters
    or more and only one's; one letter more added, lost or misread for a spelling of seven letters
    or more; else None (a unit's own spelling is read as such before)."""
    key = word.lower().strip(".,:;'‘’")
    if len(key) < _TWIN_MIN - 1 or not key.isalpha() or key in vocabulary().units:
        return None
    twins = vocabulary().unit_letter_twins
    folded = key.translate(twins)
    found = set()
    for spelling, unit in vocabulary().units.items():
        if len(spelling) < _TWIN_MIN or not spelling.isalpha():
            continue
        twin = spelling.translate(twins)
        if folded == twin or (len(spelling) >= _TWIN_SLIP and _within(folded, twin, 1)):
            found.add(unit)
    return found.pop() if len(found) == 1 else None


# What may stand before a wording's first word: a tick or a bullet, a line number, a code with figures.
_MARKS_AND_CODES = re.compile(r"^(?:(?:\S*\d\S*|[^\w\s]+)\s+)*")


def _named_first(units: list[Unit], designation: str, quantity: Decimal) -> list[Unit]:
    """``units`` (a look-alike's, in the vocabulary's order) with those the wording must name and
    does not (the hour: « taux horaire », ``unit_named_by``; or opening on « Main-d'œuvre … »,
    ``unit_opened_by``: « fourniture et main d'œuvre comprises » says no time) put last, and
    those that count things where ``quantity`` has a fraction (``counted_units``): a replacement
    of switches read « 4 n » is 4 units, an hour of labour says so, « 5,5 n » is no count."""
    words = vocabulary()
    key = designation.lower().strip()
    fraction = quantity != quantity.to_integral_value()

    opening = _MARKS_AND_CODES.sub("", key)  # the wording's first word on

    def named(unit: Unit) -> bool:
        opened = words.unit_opened_by.get(unit)
        return words.unit_named_by[unit].search(key) is not None or (
            opened is not None and opened.match(opening) is not None
        )

    def last(unit: Unit) -> bool:
        return (unit in words.unit_named_by and not named(unit)) or (fraction and unit in words.counted_units)

    return sorted(units, key=last)


def _figures(number: str) -> str:
    """A number's (or a row's) figures without marks, spaces and leading noughts: the same for a
    figure whose commas the engine lost or whose cents it cut off ("25872", "1801 28") and the
    amount the line's arithmetic read back."""
    return "".join(ch for ch in number if ch.isdigit()).lstrip("0")


def _units_beside(tokens: tuple[Token, ...], quantity: Decimal) -> list[str]:
    """The unit spellings printed right after or right before a figure worth ``quantity`` (its
    commas kept or lost)."""
    wanted = {_figures(f"{quantity:f}"), _figures(f"{quantity.normalize():f}")}
    spellings = []
    for index, token in enumerate(tokens):
        if token.kind != "num" or (token.value != quantity and _figures(token.text) not in wanted):
            continue
        for near in (index - 1, index + 1):
            if 0 <= near < len(tokens) and tokens[near].kind == "unit":
                spellings.append(_spelling(tokens[near].text))
    return spellings


def _units_per_price(tokens: tuple[Token, ...], price: Decimal) -> list[str]:
    """The unit spellings a figure worth ``price`` is printed per (« 13,20 € par m² », « 26,00 EUR
    / m »: the tokenizer reads « par » as « / »), its currency and the sign between them."""
    spellings = []
    for index, token in enumerate(tokens):
        if token.kind != "num" or token.value != price:
            continue
        after = list(itertools.takewhile(lambda t: t.kind in ("cur", "op"), tokens[index + 1 :]))
        following = index + 1 + len(after)
        if any(t.text == "/" for t in after) and following < len(tokens) and tokens[following].kind == "unit":
            spellings.append(_spelling(tokens[following].text))
    return spellings


def _spelling(text: str) -> str:
    """A unit token's spelling as the vocabulary holds it, a speck around it left off (« m' »
    for « m »: an exponent read as a quote mark is the exponent lost)."""
    key = text.lower()
    return key if key in vocabulary().units else key.strip("‘’'`\"|[]").rstrip(".").strip()
