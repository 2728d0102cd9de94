"""Quotes written as letters: the figures stand inside sentences.

"Nous prévoyons la peinture du plafond sur 7,50 m² au prix de 28,86 € HT, soit un montant de
216,45 € HT." The page's rows are joined into sentences (a row that does not end a sentence
goes on at the next). Each sentence is a *candidate generator*: every figure with its cues (a
unit right after it, a currency or HT/TTC mark, a lump-sum word) may be a quantity, a unit price
or a line total, in any order ("… : 487,60 € HT (21,20 m² à 23 € le m²)"). The readings where
quantity × unit price = total are the sentence's line; a sentence with a single amount is a
lump sum, certain when a lump-sum word names it ("forfait de 80 € HT"), otherwise a candidate
the document's arithmetic keeps only when the lines then make the total HT
(``arithmetic.lines_the_total_counts``). A totals sentence gives HT, VAT and TTC by HT + VAT =
TTC among its amounts, else by the mark after or the label before each amount.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from billma_core.checks import TTC_SLACK, line_closes, lines_sum
from billma_core.models import QuoteLine, Unit
from billma_core.money import money
from billma_core.reading.lines import Row, amounts, without_price_lead
from billma_core.reading.numbers import Token, normalise_row, row_tokens, squeeze
from billma_core.reading.roles import VAT_RATES
from billma_core.reading.rooms import last_room
from billma_core.reading.vocabulary import vocabulary

_SENTENCE_END = (".", "!", "?", ":", ";")
_BULLET = re.compile(r"^\s*(?:[-–—•*·]|\d{1,2}[.)])\s+")
_COLUMN_GAP = re.compile(r"\S\s{5,}\S")  # OCR spaces words of a sentence up to three apart
# A currency sign too: the sentence is cut after an amount in the normalised text's positions.
_LEADING_MARKS = re.compile(r"^[\s\-–—•*·:€]+")
# A paragraph's number opening its sentence ("1.1 –", "2.3.", "a)", "IV -", "2.1 Pose …"): no figure.
_NUMBERING = re.compile(
    r"^\s*(?:(?:\d{1,2}(?:\.\d{1,2}){0,3}|[A-Za-z]|[IVX]{1,4})(?:[.)]|\s*[-–—])"
    r"|\d{1,2}(?:\.\d{1,2}){1,3}(?=\s+[A-ZÀ-Ý]))[\s\-–—]*?\s(?=\S)"
)
# A row of dot leaders ends with its amount: the end of a sentence, whatever follows.
_WRAPPED = 0.7  # of the page's widest row: a row this long was wrapped at the margin
_PARAGRAPH_WORDS = 5  # a numbered row this long is a paragraph, not a title ("2. Peinture")
_MAX_FIGURES = 12  # a sentence with more figures is no line (an address block, a legal line)


@dataclass(slots=True)
class ProseReading:
    lines: list[QuoteLine] = field(default_factory=list)
    total_ht: Decimal | None = None
    total_tva: Decimal | None = None
    total_ttc: Decimal | None = None


@dataclass(frozen=True, slots=True)
class _Figure:
    value: Decimal
    start: int
    end: int
    unit: Unit | None  # printed right after it ("12 m²")
    money: bool  # a currency, HT or TTC right after it, or two decimals
    led: bool = False  # after dot leaders: the paragraph's amount


@dataclass(frozen=True, slots=True)
class _Reading:
    quantity: Decimal
    unit: Unit | None
    price: Decimal
    total: Decimal
    score: int
    cut: int  # where the wording stops (the first price figure)
    quantity_span: tuple[int, int] | None  # the quantity and its unit, left out of the wording
    end: int  # the end of its last figure
    begin: int  # the start of its first figure
    spans: tuple[tuple[int, int], ...] = ()  # where each of its figures stands


def sentences(rows: list[Row]) -> list[str]:
    """Rows of prose joined into sentences; table rows (cells apart) end a sentence."""
    return [" ".join(group) for group in _sentence_rows(rows)]


def _sentence_rows(rows: list[Row]) -> list[list[str]]:
    """The rows of each sentence (``sentences``), as they were printed."""
    widths: dict[int, int] = {}
    for row in rows:
        widths[row.page] = max(widths.get(row.page, 0), len(row.text.rstrip()))
    out: list[list[str]] = []
    current = ""
    group: list[str] = []
    page = -1
    full = False  # the last row ran to the margin: the sentence was wrapped, it goes on
    for row in rows:
        text = row.text.strip()
        tabular = _COLUMN_GAP.search(text) is not None
        # A row goes on with the sentence when the last one ran to the margin, this one opens in
        # lower case ("… 5 unités au prix" / "unitaire de 62,15 € HT"), or the sentence stops on
        # a connecting word or inside brackets ("…, soit" / "397,28 € HT", "(TVA à 10 % :" / …).
        unfinished = _unfinished(current)
        # A row opening with what opens no sentence (a currency, a tax mark, dot leaders: "HT.
        # ........ 116,44 €") ends the one above, wrapped after its price.
        tail = bool(current) and _opens_with_mark(text)
        # A numbered paragraph runs on to its amount (its rows open as they may: "13 mm. Soit …",
        # "Au forfait. …… 268,80"); a short numbered row is a title.
        paragraph = _numbering(current) > 0 and len(current.split()) >= _PARAGRAPH_WORDS
        # A row that ran to the margin still ends its sentence on an amount when the next opens
        # a new one with a capitalised word ("…, pour un montant de 90,34 € HT" / "Le tout …").
        wrapped = full and not (_CAPITALISED.match(text) is not None and _ends_with_amount(current))
        goes_on = wrapped or text[:1].islower() or unfinished or tail or paragraph
        # A number opening a row opens a paragraph, unless an open paragraph goes on with a figure
        # that does not follow its own number ("1.1 – … selon le DTU" / "25.41. Soit …").
        numbered = _numbering(text) > 0 and (not paragraph or _follows(current, text))
        bullet = _BULLET.match(text) is not None or numbered
        starts = row.page != page or not text or tabular or bullet or not goes_on
        page = row.page
        if current and (starts or (current.endswith(_SENTENCE_END) and not (unfinished or tail or paragraph))):
            out.append(group)
            current, group = "", []
        full = len(row.text.rstrip()) >= _WRAPPED * widths[row.page]
        if tabular or not text:
            continue
        group.append(_unglued(text))
        current = " ".join(group)
        if _leader_end().search(text):
            out.append(group)
            current, group = "", []
    if current:
        out.append(group)
    return out


@cache
def _leader_end() -> re.Pattern[str]:
    """A row ending in dot leaders and an amount, its currency and tax marks (the vocabulary's)."""
    words = vocabulary()
    return re.compile(
        r"\.{3,}\s*-?\d[\d\s.,\u00a0\u202f]*(?:" + words.currency + r")?\s*(?:" + words.tax_mark + r")?\.?\s*$",
        re.IGNORECASE,
    )


def _opens_with_mark(text: str) -> bool:
    tokens = row_tokens(text[:12])
    return bool(tokens) and (tokens[0].kind == "cur" or tokens[0].text.startswith(("...", "…")))


def _ends_with_amount(sentence: str) -> bool:
    """The sentence's last figure ends it, with at most its currency and HT/TTC mark after."""
    for token in reversed(row_tokens(sentence[-40:])):
        if token.kind == "num":
            return True
        if token.kind != "cur":
            return False
    return False


_CAPITALISED = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ'’]")


def _unfinished(sentence: str) -> bool:
    """A sentence cut inside brackets or on a connecting word ("…, soit", "… à")."""
    if not sentence:
        return False
    if sentence.count("(") > sentence.count(")"):
        return True
    last = sentence.rsplit(None, 1)[-1].lower()
    return last in vocabulary().connector_words and last[-1:].isalpha()


def _unglued(text: str) -> str:
    """A connecting word or a percent sign glued to the figure after it, as OCR reads a
    sentence ("sur25,30 m²", "de11,17 EUR", "20 %(375,73 EUR)"): set apart."""
    text = _PERCENT_GLUED.sub("% ", text)
    return _glued_connector().sub(r"\1 ", text)


_PERCENT_GLUED = re.compile(r"%(?=[(\d])")


@cache
def _glued_connector() -> re.Pattern[str]:
    words = sorted((re.escape(w) for w in vocabulary().connector_words if w[-1:].isalpha()), key=len, reverse=True)
    return re.compile(r"(?<![\w'’])(" + "|".join(words) + r")(?=\d)", re.IGNORECASE)


def read_prose(rows: list[Row], stated_ht: Decimal | None = None) -> ProseReading:
    """Lines and totals of a letter. Lump sums no word names are kept only when the lines then
    make the total HT the letter states (``stated_ht``: as its totals rows give it, when no
    sentence does); the document's arithmetic chooses."""
    reading = ProseReading()
    certain: list[QuoteLine] = []
    doubtful: list[tuple[int, QuoteLine]] = []  # position among the lines, lump sum
    for sentence in _rearranged(_sentence_rows(rows)):
        rest = _unnumbered(sentence)
        while rest:  # a sentence may run on into the next line or the totals, with no stop between
            key = squeeze(rest)
            if _refused(key):
                break
            figures = _figures(rest)
            if not figures or len(figures) > _MAX_FIGURES:
                break
            measured = _first(rest, _measured(rest, figures))
            if measured is not None:
                line = _quote_line(_wording(rest, measured), measured)
                if line is not None:
                    certain.append(line)
                rest = rest[_reading_end(rest, measured) :]
                continue
            if _totals_sentence(key):
                _totals(rest, reading)
                # "Protection des lieux : 81,50 € HT (89,65 € TTC)": a lump sum with its TTC reads
                # like a totals sentence; the document's total HT says which it is.
                twin = _lump_with_ttc(figures)
                line = _quote_line(_wording(rest, twin), twin) if twin is not None else None
                if line is not None:
                    doubtful.append((len(certain), line))
                break
            lump = _lump_sum(rest, figures)
            line = _quote_line(_wording(rest, lump), lump) if lump is not None else None
            if line is None:
                break
            if vocabulary().lump_sum.search(key) or line.total_ht < 0:
                certain.append(line)  # named a lump sum, or a discount ("Remise 3 % : -95,31 €")
            else:
                doubtful.append((len(certain), line))
            break
    total_ht = reading.total_ht or stated_ht
    if total_ht is None and reading.total_ttc is not None and reading.total_tva is not None:
        total_ht = reading.total_ttc - reading.total_tva
    reading.lines = _with_doubtful(certain, doubtful, total_ht)
    return reading


def _rearranged(groups: list[list[str]]) -> list[str]:
    """The sentences to read, the rows of each as joined by ``sentences`` unless the arithmetic of a
    line says otherwise. A medium that wraps a line at its own width and prints its own rows among
    a line's (a message's time, a day, a name, a page mark) leaves a line's figures in rows that the
    joining rules cut apart, or joined with the next sentences. So a sentence that closes no
    quantity × unit price = amount is searched: its rows read on their own when it holds more
    figures than a line, and each of its other arrangements, cheapest first: one of its rows left
    out, the next sentence joined to it, or the one after with the one between left out (read as
    no line), then both. The first that closes a line with figures of both parts replaces it."""
    queue = [group for rows in groups for group in ([[row] for row in rows] if _crowded(rows) else [rows])]
    out: list[str] = []
    index = 0
    while index < len(queue):
        group = queue[index]
        found = (
            None
            if _closing(" ".join(group)) is not None
            else _arrangement(group, queue[index + 1 : index + 1 + _MAX_JOINED])
        )
        if found is None:
            out.append(" ".join(group))
            index += 1
            continue
        sentence, used = found
        out.append(sentence)
        index += 1 + used
    return out


def _crowded(rows: list[str]) -> bool:
    """A sentence of several rows holding more figures than a line may, or words no line holds
    (rows joined past the end of a line: its time, the totals, the firm's identity, its terms)."""
    sentence = " ".join(rows)
    return len(rows) > 1 and (len(_figures(sentence)) > _MAX_FIGURES or _refused(squeeze(_unnumbered(sentence))))


def _arrangement(group: list[str], following: list[list[str]]) -> tuple[str, int] | None:
    """The cheapest other arrangement of ``group``'s rows with the sentences ``following`` it that
    closes a line using figures on both sides of a change, and how many of those sentences it
    takes; None when none does. An arrangement joins the next sentences (each a departure, none
    that reads a line of its own) and leaves out rows that print no amount and few words (each a
    departure, never the first: it holds the wording)."""
    alone = " ".join(group)
    near = [alone, *(" ".join(rows) for rows in following)]
    if not any(figure.money for text in near for figure in _figures(text)):
        return None
    candidates: list[tuple[int, list[str], int, int, bool]] = []  # cost, rows, sentences taken, change, clear
    clear = True  # no sentence taken reads a lump sum of its own
    for taken in range(len(following) + 1):
        if taken and _reads_a_line(" ".join(following[taken - 1])):
            break  # a sentence with a line of its own ends the search
        clear = clear and not (taken and _reads_a_line(" ".join(following[taken - 1]), lump=True))
        rows = [*group, *(row for rows in following[:taken] for row in rows)]
        strays = [index for index in range(1, len(rows)) if _stray(rows[index])]
        for size in range(_MAX_LEFT_OUT + 1):
            for left_out in itertools.combinations(strays, size):
                if not taken and not left_out:
                    continue
                kept = [row for index, row in enumerate(rows) if index not in left_out]
                change = min((*left_out, len(group)))  # the first row moved or left out
                cut = len(normalise_row(" ".join(rows[:change])))  # where the figures' positions count
                candidates.append((taken + size, kept, taken, cut, clear))
    candidates.sort(key=lambda candidate: candidate[0])
    # The wording alone takes the figures after it only through sentences that read no line.
    wording_alone = not _figures(_unnumbered(alone))
    for _, rows, taken, cut, clear in candidates:
        text = " ".join(rows)
        reading = _closing(text)
        if reading is not None and (reading.begin < cut < reading.end or (taken and wording_alone and clear)):
            return text, taken  # figures on both sides of the change, or the wording alone and its figures after
    if not wording_alone:
        return None
    # No line closes: the wording alone and a lump sum's amount with its currency after it
    # ("Nettoyage de fin de chantier :" / "133,20 € HT (forfait)").
    for _, rows, taken, cut, clear in candidates:
        text = " ".join(rows)
        if not taken or not clear or _refused(squeeze(_unnumbered(text))):
            continue
        lump = _lump_sum(text, _figures(text))
        if lump is not None and lump.begin >= cut and _currency_after(text, lump.end):
            return text, taken
    return None


def _currency_after(sentence: str, end: int) -> bool:
    """A currency or tax mark follows the figure ending at ``end``."""
    after = next((token for token in row_tokens(sentence) if token.start >= end), None)
    return after is not None and (after.kind == "cur" or after.text.rstrip(").,;:") == "€")  # "31 €)"


_MAX_LEFT_OUT = 2
_MAX_JOINED = 5
_STRAY_WORDS = 12  # a row a medium prints among a line's (a time, a day, a name, a page mark) is short


def _stray(row: str) -> bool:
    """A row that may stand among a line's rows without being part of it: few words, and no amount
    with its currency nor measure with its unit (a time "13:29" is no amount)."""
    if len(row.split()) > _STRAY_WORDS:
        return False
    return not any(figure.unit is not None or _currency_after(row, figure.end) for figure in _figures(row))


def _closing(sentence: str) -> _Reading | None:
    """The first reading of ``sentence`` where quantity × unit price = amount, if any (none in a
    sentence that is no line: a page mention, a legal mention)."""
    sentence = _unnumbered(sentence)
    if _refused(squeeze(sentence)):
        return None
    figures = _figures(sentence)
    if not 3 <= len(figures) <= _MAX_FIGURES:
        return None
    reading = _first(sentence, _measured(sentence, figures))
    if reading is None or not line_closes(reading.quantity, reading.price, reading.total):
        return None
    # Rows joined meet figures that close by chance (a phone number's pairs, a year twice, a bare
    # "1"): a line the search keeps has its quantity's unit and its amounts' cues.
    cued = {(f.start, f.end) for f in figures if f.money or _currency_after(sentence, f.end)}
    return reading if reading.unit is not None and set(reading.spans[1:]) <= cued else None


def _reads_a_line(sentence: str, lump: bool = False) -> bool:
    """``sentence`` reads a line of its own, with a wording of its own: one that closes (``lump``:
    or a lump sum with its currency after its wording)."""
    reading = _closing(sentence)
    if reading is not None:
        return _quote_line(_wording(sentence, reading), reading) is not None
    if not lump or _refused(squeeze(_unnumbered(sentence))):
        return False
    found = _lump_sum(sentence, _figures(sentence))
    if found is None or not _currency_after(sentence, found.end):
        return False
    return sum(ch.isalpha() for ch in _unnumbered(sentence)[: found.begin]) >= 3


def _refused(key: str) -> bool:
    return vocabulary().not_a_line(key) or vocabulary().page_mention.search(key) is not None


def _unnumbered(sentence: str) -> str:
    """The sentence with the paragraph's number opening it blanked (no figure)."""
    numbering = _numbering(sentence)
    return " " * numbering + sentence[numbering:]


def _numbering(sentence: str) -> int:
    """Where a paragraph's number opening the sentence ends (0: none). A figure with its unit
    ("2.5 m de plinthe") is a quantity, not a number."""
    match = _NUMBERING.match(sentence)
    if match is None:
        return 0
    after = row_tokens(sentence[match.end() : match.end() + 12])
    return 0 if after and after[0].kind == "unit" else match.end()


def _follows(paragraph: str, row: str) -> bool:
    """The number opening ``row`` may come after the one opening ``paragraph``: "1.2" or "2" after
    "1.1", "b)" after "a)"; not "25.41" (a standard's number wrapped to the row's start)."""
    mine = _NUMBER_PARTS.findall(paragraph[: _numbering(paragraph)])
    theirs = _NUMBER_PARTS.findall(row[: _numbering(row)])
    if not mine or not theirs or mine[0].isdigit() != theirs[0].isdigit():
        return True
    if mine[0].isdigit():
        return int(theirs[0]) in (int(mine[0]), int(mine[0]) + 1)
    return ord(theirs[0].lower()) in (ord(mine[0].lower()), ord(mine[0].lower()) + 1)


_NUMBER_PARTS = re.compile(r"\d+|[A-Za-z]+")


def _with_doubtful(
    certain: list[QuoteLine], doubtful: list[tuple[int, QuoteLine]], total_ht: Decimal | None
) -> list[QuoteLine]:
    """The certain lines and the lone amounts that make them add up to the total HT (all of
    them when there is no total to tell)."""
    chosen: tuple[tuple[int, QuoteLine], ...] = tuple(doubtful)
    if total_ht is not None and doubtful:
        base = lines_sum(certain)
        fits = [
            subset
            for size in range(len(doubtful), -1, -1)
            for subset in itertools.combinations(doubtful[:_MAX_FIGURES], size)
            if abs(base + sum((line.total_ht for _, line in subset), Decimal(0)) - total_ht) <= TTC_SLACK
        ]
        chosen = fits[0] if fits else ()
    lines = list(certain)
    for position, line in sorted(chosen, key=lambda item: item[0], reverse=True):
        lines.insert(position, line)
    return lines


def _figures(sentence: str) -> list[_Figure]:
    """The sentence's figures (thousands groups joined, rates left out) with their cues."""
    tokens = list(row_tokens(sentence))
    out = []
    for value, start, end in amounts(tokens):
        after = [t for t in tokens if t.start >= end][:2]
        before = [t for t in tokens if t.end <= start][-1:]
        unit = after[0].unit if after and after[0].kind == "unit" else None
        leader = bool(before) and before[0].text.startswith("...")  # "Nettoyage ........ 124"
        marked = any(t.kind == "cur" for t in after[:1]) or _decimals(tokens, start, end) == 2 or leader
        out.append(_Figure(value, start, end, unit, marked, leader))
    return out


def _decimals(tokens: list[Token], start: int, end: int) -> int:
    last = next((t for t in reversed(tokens) if t.kind == "num" and start <= t.start and t.end <= end), None)
    return last.decimals if last is not None else 0


def _measured(sentence: str, figures: list[_Figure]) -> _Reading | None:
    """The best reading where quantity × unit price = total, in any order of the figures."""
    best: _Reading | None = None
    sole_unit = _sole_unit(sentence)
    for q, p, t in itertools.permutations(figures, 3):
        if q.value <= 0 or p.value <= 0 or not line_closes(q.value, p.value, t.value):
            continue
        score = (3 if q.unit is not None else 0) - (2 if p.unit is not None or t.unit is not None else 0)
        score += (1 if p.money else 0) + (1 if t.money else 0) - (2 if q.money and q.unit is None else 0)
        score += (1 if q.start < p.start else 0) + (1 if p.start < t.start else 0)
        # Equal cues: the quantity nearest the price ("2 prises (2 x 65 €)").
        score = score * _NEAR - min(abs(p.start - q.end), _NEAR - 1)
        if best is not None and score <= best.score:
            continue
        unit = q.unit or sole_unit
        if unit is None and q.value != 1 and not _times_between(sentence, q, p):
            continue  # a bare number in a sentence is any number (a date, a room), unless "2 x 65 €"
        cut = min(p.start, t.start)
        span = (q.start, q.end)
        spans = ((q.start, q.end), (p.start, p.end), (t.start, t.end))
        best = _Reading(
            q.value, unit, p.value, t.value, score, cut, span, max(q.end, p.end, t.end), min(cut, q.start), spans
        )
    if best is None and len(figures) >= 3:
        best = _as_printed(figures)
    return best


def _as_printed(figures: list[_Figure]) -> _Reading | None:
    """ "0,74 m² à 339,72 € le m², soit 151,39 € HT": a quantity with its unit, then two amounts,
    whose product is wrong. Read as printed, so that the checks name the figures. Bare numbers
    may come before them ("Chambre 1. Soit …"), no other amount nor measure."""
    *before, quantity, price, total = figures
    if any(figure.money or figure.unit is not None for figure in before):
        return None
    if quantity.unit is None or not (price.money and total.money) or price.unit or total.unit:
        return None
    if quantity.value <= 0 or price.value <= 0 or total.value <= 0:
        return None
    span = (quantity.start, quantity.end)
    spans = (span, (price.start, price.end), (total.start, total.end))
    return _Reading(
        quantity.value, quantity.unit, price.value, total.value, 0, price.start, span, total.end, span[0], spans
    )


def _first(sentence: str, reading: _Reading | None) -> _Reading | None:
    """Of the readings of a sentence that runs on over several lines, the one it opens with."""
    while reading is not None:
        before = sentence[: reading.begin]
        figures = _figures(before)
        earlier = _measured(before, figures) if 3 <= len(figures) <= _MAX_FIGURES else None
        if earlier is None:
            return reading
        reading = earlier
    return reading


def _times_between(sentence: str, quantity: _Figure, price: _Figure) -> bool:
    low, high = sorted((quantity.end, price.start))
    return any(t.kind == "op" and t.text.lower() in _TIMES and low <= t.start < high for t in row_tokens(sentence))


_TIMES = frozenset({"x", "×", "*"})
_NEAR = 10_000


def _reading_end(sentence: str, reading: _Reading) -> int:
    """Where a reading's words end: past its last figure and the marks and per-unit words
    after it ("… 23 € HT le m²)")."""
    return _past_marks(sentence, reading.end)


def _past_marks(sentence: str, end: int) -> int:
    """Past the marks and per-unit words after a figure ending at ``end``."""
    for token in row_tokens(sentence):
        if token.start < end:
            continue
        word = token.text.lower().strip("().,;:")
        if token.kind not in ("cur", "unit", "op", "pct") and word not in vocabulary().connector_words:
            break
        end = token.end
    return end


def _sole_unit(sentence: str) -> Unit | None:
    units = {t.unit for t in row_tokens(sentence) if t.kind == "unit" and t.unit is not None}
    return units.pop() if len(units) == 1 else None


def _lump_sum(sentence: str, figures: list[_Figure]) -> _Reading | None:
    """A sentence that prices one amount: "… : forfait de 80 € HT", "… (364,50 € HT)"."""
    priced = {f.value for f in figures if f.money and f.unit is None}
    marked = {f.value for f in figures if f.unit is None and _currency_after(sentence, f.end)}
    if len(priced) > 1 and len(marked) == 1:
        priced = marked  # the one amount with its currency, not a time beside it ("… 240,80 € 08:22")
    if len(priced) > 1 and figures[-1].led and figures[-1].unit is None:
        figure = figures[-1]  # the amount after the leaders, not a standard's "DTU 25.41"
    elif len(priced) == 1:
        value = priced.pop()
        figure = next(f for f in figures if f.value == value)
    else:
        return None
    value = figure.value
    if not figure.money or figure.value == 0:
        return None
    spans = ((figure.start, figure.end),)
    return _Reading(Decimal(1), Unit.FORFAIT, value, value, 0, figure.start, None, figure.end, figure.start, spans)


def _lump_with_ttc(figures: list[_Figure]) -> _Reading | None:
    """A sentence's two amounts, the second the first with VAT at one of the rates ("81,50 € HT
    (89,65 € TTC)"): the first may be a lump sum."""
    priced = [f for f in figures if f.money and f.unit is None]
    if len(priced) != 2 or priced[0].value <= 0:
        return None
    ht, ttc = priced
    if not any(abs(money(ht.value * (100 + rate) / 100) - ttc.value) <= _CENT for rate in VAT_RATES):
        return None
    return _Reading(
        Decimal(1), Unit.FORFAIT, ht.value, ht.value, 0, ht.start, None, ht.end, ht.start, ((ht.start, ht.end),)
    )


_CENT = Decimal("0.01")


def _totals_sentence(key: str) -> bool:
    return vocabulary().totals_row.search(key) is not None or key.startswith(vocabulary().vat_marks)


def _wording(sentence: str, reading: _Reading) -> str:
    """The words of a sentence before its price, without the quantity and its unit:
    "Fourniture et pose de 12 m² de carrelage : 58,00 € le m², soit 696,00 €" → "Fourniture et
    pose de carrelage"; "40 m² : dépose du papier peint à 9 € le m²" → "dépose du papier peint"."""
    text = normalise_row(sentence)
    if reading.quantity_span is not None:
        start, end = reading.quantity_span
        tokens = [t for t in row_tokens(sentence) if t.start >= end][:2]
        if tokens and tokens[0].kind == "unit":
            end = tokens[0].end
            if len(tokens) > 1 and tokens[1].text.lower() in ("de", "d'"):
                end = tokens[1].end
        # The quantity nearest the price ("2 prises (2 x 65 €)"): the one the reading took.
        text = text[:start] + " " * (end - start) + text[end:]
    words = text[: reading.cut]
    if sum(ch.isalpha() for ch in words) >= 3:
        return words
    # The amount opens the sentence ("299,20 € : pose de …, 27,50 m² à 10,88 €"): the words
    # between it and the next figure, past the marks after it.
    spans = sorted(reading.spans)
    start = _past_marks(sentence, spans[0][1]) if spans else len(text)
    stop = spans[1][0] if len(spans) > 1 else len(text)
    return text[start:stop] if sum(ch.isalpha() for ch in text[start:stop]) >= 3 else words


def _quote_line(text: str, reading: _Reading) -> QuoteLine | None:
    designation = without_price_lead(_strip_opener(_LEADING_MARKS.sub("", " ".join(text.split()))))
    if sum(ch.isalpha() for ch in designation) < 3:
        return None
    designation = designation[0].upper() + designation[1:]
    return QuoteLine(
        designation=designation,
        quantity=reading.quantity,
        unit=reading.unit,
        unit_price_ht=money(reading.price),
        total_ht=money(reading.total),
        room=last_room(designation),
    )


def _strip_opener(text: str) -> str:
    match = vocabulary().prose_opener.match(text.lower())
    return text[match.end() :] if match else text


def _totals(sentence: str, reading: ProseReading) -> None:
    """HT, VAT and TTC of a totals sentence: the three amounts where HT + VAT = TTC when there
    are such ("L'ensemble s'élève à 2 234,50 € HT, soit 2 457,95 € TTC, dont 223,45 € de TVA"),
    otherwise each amount by its mark or label."""
    tokens = list(row_tokens(sentence))
    values = [
        value for value, _, _ in amounts(tokens) if not (value == value.to_integral_value() and value in VAT_RATES)
    ]
    for ht, tva, ttc in itertools.permutations(values, 3):
        if tva < ht and tva > 0 and abs(ht + tva - ttc) <= TTC_SLACK:
            reading.total_ht, reading.total_tva, reading.total_ttc = money(ht), money(tva), money(ttc)
            return
    _marked_totals(sentence, tokens, reading)


def _marked_totals(sentence: str, tokens: list[Token], reading: ProseReading) -> None:
    """Amounts a totals sentence marks HT, TTC or VAT: by the mark after the amount ("916,00 €
    HT"), else by the last label between the previous amount's own mark and this amount
    ("total TTC 1 007,60 €", "TVA à 10 % (111,13 €)")."""
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
            before = _label_words().findall(sentence[consumed:start].lower())
            name = next((_mark(word) for word in reversed(before) if _mark(word) is not None), None)
            consumed = end
        if name is not None:
            setattr(reading, name, money(value))


def _mark(word: str) -> str | None:
    return vocabulary().tax_marks.get(word.lower().strip(".,;:()").replace(".", ""))


@cache
def _label_words() -> re.Pattern[str]:
    """The words of a totals sentence, a tax mark written with dots ("H.T.") as one."""
    return re.compile(vocabulary().tax_mark + r"|[a-zà-ÿ]+")
