"""Totals HT, TVA and TTC, found by their labels; values on the same row or, for a row of
labels ("TOTAL HT   TOTAL TVA   TOTAL TTC"), on the next rows under them.

The VAT is an equation: a VAT recap (rate, base, VAT per rate, base × rate = VAT) and the rows
"TVA 10 % … / TVA 20 % …" (or "Montant total TVA (10 %)", "TVA 10 % sur 2 309,39 €") each give
the VAT per rate; of the VAT totals a document states (its "Total TVA", the sum per rate, the
recap's), the one that closes HT + VAT = TTC is taken.

A label stands on either side of its figure: before or after it on its row (``_label_of``), or
alone on the row over or under the figure alone on its row (``labels_joined``: « Net à payer »
over « 1 348,10 € », « TTC net à payer » under it), the side told by the run of such rows."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import NewType

from billma_core.checks import ttc_closes
from billma_core.money import money
from billma_core.reading.foot import FootFigure
from billma_core.reading.lines import (
    amounts,
    column_figures,
    detect_header,
    rate_columns,
    rate_share,
    vat_rates_of,
    vat_recap_row,
)
from billma_core.reading.numbers import Token, cleared_with_rows, normalise_row, row_tokens, squeeze
from billma_core.reading.vocabulary import currency_pattern, vocabulary

_DIGIT = re.compile(r"\d")
_CELL_GAP = re.compile(r" {3,}")  # between the cells of a layout row
_LABEL_WORDS = 6  # a label, not a sentence ("Aucune remise ne sera accordée sur …")
# The totals an aid is taken off once read ("Total TTC … / Prime CEE déduite … / Reste à charge …").
_TOTALS = ("ht", "ttc", "net")
# A percentage or a fraction a word or two before a total's label: the figure after it is a share
# of that total ("30 % du montant TTC, soit 927,91 €", "1/1000 du montant HT"), no total. Within the
# label's cell (no gap of three spaces): a percentage in a cell beside it (a promotional column's
# « -5 % parrainage » left of « TVA (20 %) ») says nothing of the total.
_SHARE = re.compile(r"(?:\d\s*%|\d\s*/\s*\d+) {1,2}(?:[^\W\d_][\w'’]* {1,2}){1,2}$")
# A document's layout rows with each total's label joined to its figure (``labels_joined``): paired
# once per document, then read by the labels (``find_totals``) and by the figures (``foot_figures``).
JoinedRows = NewType("JoinedRows", list[str])


@dataclass(slots=True)
class Totals:
    total_ht: Decimal | None = None
    total_tva: Decimal | None = None
    total_ttc: Decimal | None = None
    vat_rates: list[Decimal] = field(default_factory=list)
    vat_amounts: list[Decimal] = field(default_factory=list)
    no_vat: bool = False
    vat_recap: dict[Decimal, tuple[Decimal, Decimal]] = field(default_factory=dict)  # rate → (base, VAT)
    vat_by_rate: dict[Decimal, Decimal] = field(default_factory=dict)  # rate → VAT, from "TVA 10 % …" rows
    # Rows naming a discount with its amount ("Remise commerciale 10 %   -87,50"): the label and the amount.
    discounts: list[tuple[str, Decimal]] = field(default_factory=list)


def _labels(row: str) -> list[tuple[str, int, int]]:
    """(total's name, start, end) of each total's label of ``row``, left to right."""
    return list(_labels_found(row))


@lru_cache(maxsize=8192)
def _labels_found(row: str) -> tuple[tuple[str, int, int], ...]:
    # The foot's passes (totals, the grid's cells, the figures' labels) ask the same rows again.
    found: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in vocabulary().totals_labels:
        for match in pattern.finditer(row):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            found.append((name, match.start(), match.end()))
            taken.append((match.start(), match.end()))
    found.sort(key=lambda f: f[1])
    return tuple(found)


cleared_with_rows(_labels_found.cache_clear)


def find_totals(rows: JoinedRows) -> Totals:
    values: dict[str, list[Decimal]] = {
        "ttc": [],
        "net": [],
        "ht": [],
        "tva_total": [],
        "tva": [],
        "due": [],
        "due_ttc": [],
    }
    result = Totals()
    words = vocabulary()
    pending: list[tuple[str, int, int]] = []
    grid: list[tuple[str | None, str]] = []  # the cells of the pending row of labels, each its total's name
    pending_age = 0
    deducted = False  # a deposit, a payment made or an amount withheld was taken off the total
    discount_above: str | None = None  # a discount's label alone on the row above
    bare_vats: list[tuple[Decimal, Decimal]] = []  # rate and amount of VAT rows whose label OCR lost
    columns: tuple[list[Decimal], int] = ([], 0)  # the rates heading a breakdown by column ("Taux   10 %   20 %")
    under: list[list[Decimal]] = []  # the rows of figures under them, one per rate each
    for raw in rows:
        key = squeeze(raw)
        if not key:
            continue
        if columns[0]:
            found_here = column_figures(raw, columns[1])
            if len(found_here) == len(columns[0]):
                under.append(found_here)
                result.vat_recap |= _by_column(columns[0], under)
            else:
                columns, under = ([], 0), []
        columns = columns if columns[0] else rate_columns(raw)
        # A row with no digit holds no deduction's amount and no recap row (most rows of wording).
        figured = _DIGIT.search(key) is not None
        if not deducted and figured and words.deduction(key, any(values[name] for name in _TOTALS)):
            deducted = True
        if discount_above is not None:
            # A discount's label on its own row, its amount on the next ("Geste commercial" /
            # "TVA 10 %   -203,97 EUR", a two-row line): the one negative amount there.
            taken = [value for value, _, _ in amounts(list(row_tokens(raw))) if value < 0]
            if len(taken) == 1 and not words.discount.search(key):
                result.discounts.append((discount_above, money(-taken[0])))
            discount_above = None
        if words.discount.search(key) and not _labels(key):
            if _DIGIT.search(key):
                discount = _discount_row(raw)
                if discount is not None:
                    result.discounts.append(discount)
            elif len(key.split()) <= _LABEL_WORDS:
                discount_above = " ".join(raw.split())
        if vocabulary().no_vat.search(key):
            result.no_vat = True
        recap = vat_recap_row(raw) if figured else None
        screened = any(map(key.__contains__, words.totals_screen))
        if recap is not None:
            rate, base, vat = recap
            result.vat_recap[rate] = (base, vat)
            pending = []  # the recap's header ("Taux  Base HT  Montant TVA") labels no totals
            if not screened:
                continue  # a totals column may share the row ("20 %  1 588,99  317,80   Total TVA  421,76")
        if not pending and not screened:
            if values["ht"] and not values["ttc"] and figured:
                bare_vats += _bare_vat(raw)  # between the totals HT and TTC: "VA 20 %   150,42"
            continue  # most rows: no label, nothing awaited
        named = _labels(key)
        labels = _whole_totals(key, named)
        # The words around a label are those of its cell: small print beside a totals column
        # ("Acompte de 30 % à la signature", "pénalités au taux de…") says nothing of the total,
        # nor a percentage in a cell before the label (« -5 % parrainage   TVA (20 %)   305,36 »).
        cell = _label_cell(raw) if named else raw
        if len(labels) < len(named) and squeeze(cell) != key:
            labels = _whole_totals(squeeze(cell), _labels(squeeze(cell)))
        cell = cell if labels else raw
        cell_key = squeeze(cell)
        if words.not_a_line(cell_key):
            # A grid of labels ("Total TTC   Acompte versé   Net à payer") keeps its totals'
            # labels, the deposit's cell blanked; a deposit's own row labels no total.
            cell = _without_deductions(cell)
            cell_key = squeeze(cell)
            labels = _whole_totals(cell_key, _labels(cell_key)) if cell.strip() else []
        if labels and words.vat_noise.search(cell_key):
            labels = [label for label in labels if label[0] != "tva"]
        has_digit = figured
        if not labels and not (pending and has_digit):
            continue
        if labels and not has_digit and detect_header(raw) is not None:
            continue  # a table header ("Montant HT") is not a total
        row = normalise_row(cell)
        if len(labels) > 1:
            labels = _whole_totals(row, _labels(row))  # several labels: their columns matter
            if words.vat_noise.search(cell_key):
                labels = [label for label in labels if label[0] != "tva"]
        tokens = list(row_tokens(cell)) if has_digit else []
        found = amounts(tokens)
        if labels and not found:
            labels = _one_per_cell(labels)
            label_chars = sum(end - start for _, start, end in labels)
            # A mark alone ("TTC" under "P.U.") ends a two-row table header, no total's label.
            alone = len(labels) == 1 and " " not in row[labels[0][1] : labels[0][2]].strip()
            if len(labels) >= 2 or (labels[0][0] != "tva" and len(row.strip()) - label_chars < 6 and not alone):
                pending, pending_age, grid = labels, 0, _grid_cells(raw)
                if any(name == "tva" for name, _, _ in labels):
                    result.vat_rates.extend(vat_rates_of(tokens))  # "Total HT   TVA 10 %   Total TTC"
            continue
        if pending and len(found) >= len(pending) and not labels and not words.footer.search(key):
            # Values under a row of labels: one under each cell, in their order, when they are as
            # many (a discount's cell among them); else each label's nearest amount.
            if len(found) == len(grid):
                for (name, text), (amount, _, _) in zip(grid, found, strict=True):
                    if name is not None:
                        values[_after(name, deducted)].append(amount)
                    rates = vat_rates_of(list(row_tokens(text))) if name == "tva" else []
                    if len(rates) == 1:
                        result.vat_by_rate[rates[0]] = amount  # "TVA 10 %" over its VAT
                    elif words.discount.search(squeeze(text)):
                        result.discounts.append((" ".join(text.split()), money(abs(amount))))
                pending = []
                continue
            for name, start, end in pending:
                centre = (start + end) / 2
                nearest = min(found, key=lambda a: abs((a[1] + a[2]) / 2 - centre))
                values[_after(name, deducted)].append(nearest[0])
            pending = []
            continue
        pending_age += 1
        if pending_age > 3:
            pending = []
        if not labels or not found:
            continue
        if len(labels) == 1 or len(found) == 1:
            name = labels[-1][0]
            value = _money_first(tokens)[-1]
            if name in ("tva", "tva_total"):
                # A VAT row naming its rate ("TVA 10 %", "Montant total TVA (10 %)") states that
                # rate's VAT, and its base when it prints it ("TVA 10 % sur 2 013,25 € : 201,33 €").
                rates = vat_rates_of(tokens)
                result.vat_rates.extend(rates)
                if len(rates) == 1:
                    share = rate_share(rates[0], [a[0] for a in found])
                    value = share[1] if share is not None else value
                    result.vat_by_rate[rates[0]] = value
                    if share is not None:
                        result.vat_recap.setdefault(rates[0], share)
            values[_after(name, deducted)].append(value)
            continue
        for name, _start, end in labels:
            after = [a for a in found if a[1] >= end]
            if after:
                values[_after(name, deducted)].append(after[0][0])
    # The pair of totals the document closes (HT + VAT = TTC), of every labelled candidate; else
    # the last printed. A "Total TTC" after a deduction (or a deduction read where there is none)
    # still counts when the document states no other.
    closing = _closing_pair(result, values)
    result.total_ht = closing[0] if closing else _last(values["ht"])
    result.total_ttc = (
        closing[1] if closing else _last(values["ttc"]) or _last(values["net"]) or _last(values["due_ttc"])
    )
    if result.no_vat and result.total_ht is None and result.total_ttc is None:
        result.total_ht = _bare_total(rows)  # a seller outside VAT: its one total is HT and TTC
    if result.total_ht is None and result.total_ttc is None:
        result.total_ttc = _last(values["due"])  # nothing else stated: the sum to pay, for a person to check
    if result.total_ht is None and result.vat_recap:
        result.total_ht = money(sum((base for base, _ in result.vat_recap.values()), Decimal(0)))
    result.total_tva, stated_bare = _vat_total(result, values, bare_vats)
    for rate, vat in stated_bare:
        result.vat_by_rate.setdefault(rate, vat)
        result.vat_rates.append(rate)
    result.vat_amounts = values["tva"]
    result.vat_rates = list(dict.fromkeys(result.vat_rates))
    return result


def _whole_totals(text: str, labels: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The labels of ``text`` that name a total, not a share of it: an instalment, a deposit, a
    retention or a penalty stated as a percentage or a fraction of the total ("Solde : 30 % du
    montant TTC, soit 927,91 €") is a part of it. The labels that are shares count in the foot's
    figures as no total (``foot_figures``)."""
    return [label for label in labels if not _share(text, label)]


def _share(text: str, label: tuple[str, int, int]) -> bool:
    return _SHARE.search(text[: label[1]]) is not None


def _discount_row(raw: str) -> tuple[str, Decimal] | None:
    """The label and the amount of a discount row ("Remise commerciale 10 %   -87,50 €", or the
    amount first): its last amount printed as money, the words before its first amount or, when
    none, after its last."""
    tokens = list(row_tokens(raw))
    found = amounts(tokens)
    money_amounts = [(value, start) for value, start, end in found if _as_money(tokens, start, end)]
    if not money_amounts:
        return None
    before = raw[: found[0][1]].strip(" -:–")
    after = raw[found[-1][2] :].strip(" -:–")
    label = before or currency_pattern().sub("", after, count=1).strip(" -:–")
    return (" ".join(label.split()), money(abs(money_amounts[-1][0]))) if label else None


def _after(name: str, deducted: bool) -> str:
    """Where a labelled value goes: the sum to pay printed after a deposit, a payment made or
    an amount withheld is the sum still due, not the document's total ("Net à payer TTC" under
    "À déduire : acompte et situations antérieures" on a progress invoice)."""
    if not deducted:
        return name
    return "due" if name == "net" else "due_ttc" if name == "ttc" else name


def _closing_pair(result: Totals, values: dict[str, list[Decimal]]) -> tuple[Decimal, Decimal] | None:
    """The HT and the TTC that a stated VAT closes (HT + VAT = TTC), of the labelled HT the last
    first, of the TTC those the document prints before any deduction, then after: the work's
    totals, never the sum still due once deposits and earlier statements are taken off, nor a
    figure under a total's label that is a part of it, which close no equation."""
    vats = _stated_vats(result, values)
    for ht in reversed(dict.fromkeys(values["ht"])):
        for name in ("ttc", "net", "due_ttc", "due"):
            for ttc in reversed(values[name]):
                if any(ttc_closes(money(ht), money(vat), money(ttc)) for vat in vats):
                    return money(ht), money(ttc)
    return None


def _bare_total(rows: list[str]) -> Decimal | None:
    """The last amount a bare total label opens a cell with ("Total : 1 180,00 €"), before
    any deduction (what follows a deposit or an amount withheld is the sum still due)."""
    found: Decimal | None = None
    for raw in rows:
        key = squeeze(raw)
        if _DIGIT.search(key) and vocabulary().deduction(key, found is not None):
            break
        for start, end in _cells(raw):
            if vocabulary().bare_total.match(raw[start:end]) is None:
                continue
            part = _label_cell(raw[start:])
            figures = _money_first(list(row_tokens(part)))
            if figures:
                found = money(figures[0])
    return found


def _money_first(tokens: list[Token]) -> list[Decimal]:
    """The amounts of a cell printed as money (cents, or a currency after them), or all of them
    when none is: "Total à payer : 1 180,00 € (TVA non applicable, art. 293 B du CGI)"."""
    found = amounts(tokens)
    return [value for value, start, end in found if _as_money(tokens, start, end)] or [value for value, _, _ in found]


def _as_money(tokens: list[Token], start: int, end: int) -> bool:
    """The amount printed from ``start`` to ``end`` has cents (after a comma, or in a cell of their
    own: a thousands group has three digits) or a currency after it."""
    last = next((token for token in reversed(tokens) if token.kind == "num" and token.end <= end), None)
    following = next((token for token in tokens if token.start >= end), None)
    cents = last is not None and (last.decimals == 2 or (last.start > start and len(last.text) == 2))
    return cents or (following is not None and following.kind == "cur")


def _label_cell(raw: str) -> str:
    """The part of a row that belongs to its totals label: the label's cell with the cells of
    bare figures beside it ("4 993,01 €   Total TTC", "Total HT   1 000,00"), when no other cell
    holds a label. Beside a totals column a page may print a paragraph of small print whose
    figures are no total ("… IBAN FR76 … 307."). Layout text puts runs of spaces between cells."""
    cells = _cells(raw)
    if len(cells) < 2 or (len(cells) == 2 and any(_no_words(raw[start:end]) for start, end in cells)):
        return raw  # most totals rows: a label and its figure
    labelled = [index for index, (start, end) in enumerate(cells) if _has_label(squeeze(raw[start:end]))]
    if len(labelled) != 1:
        return raw
    first = last = labelled[0]
    while first > 0 and (taken := _amount_cells(raw, cells, first - 1, -1)):
        first -= taken
    while last + 1 < len(cells) and (taken := _amount_cells(raw, cells, last + 1, 1)):
        last += taken
    part = raw[cells[first][0] : cells[last][1]]
    return part if amounts(list(row_tokens(part))) else raw


def _amount_cells(raw: str, cells: list[tuple[int, int]], index: int, step: int) -> int:
    """How many cells from ``index`` on (towards ``step``, ±1) print one amount alone: two side by
    side as its euros and its cents (« 5 819   01 »: "01" alone is no amount), or one; 0 when none."""
    other = index + step
    if 0 <= other < len(cells):
        a, b = sorted((index, other))
        if _bare_figures(raw[cells[a][0] : cells[b][1]]):
            return 2
    return 1 if _bare_figures(raw[slice(*cells[index])]) else 0


def _grid_cells(raw: str) -> list[tuple[str | None, str]]:
    """The cells of a row of labels, each with the name of the total it labels (its last label),
    or None (a deposit, a discount, a subtotal)."""
    cells: list[tuple[str | None, str]] = []
    for start, end in _cells(raw):
        key = squeeze(raw[start:end])
        labels = [] if vocabulary().not_a_line(key) else _labels(key)
        cells.append((labels[-1][0] if labels else None, raw[start:end]))
    return cells


def _one_per_cell(labels: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The labels of a row of labels, those a space apart joined as one, named by the last
    ("Net à payer TTC" is one total, TTC, as on a row of its own)."""
    joined: list[tuple[str, int, int]] = []
    for name, start, end in labels:
        if joined and start - joined[-1][2] <= 1:
            joined[-1] = (name, joined[-1][1], end)
        else:
            joined.append((name, start, end))
    return joined


def _without_deductions(raw: str) -> str:
    """A row of two labelled cells or more with the cells naming a deposit, a payment made or a
    subtotal blanked (columns kept); "" when fewer than two labelled cells remain."""
    kept = list(raw)
    labelled = 0
    for start, end in _cells(raw):
        key = squeeze(raw[start:end])
        if vocabulary().not_a_line(key):
            kept[start:end] = " " * (end - start)
        elif _has_label(key):
            labelled += 1
    return "".join(kept) if labelled >= 2 else ""


def _cells(raw: str) -> list[tuple[int, int]]:
    """Start and end of each cell of a layout row (runs of 3 spaces or more between cells)."""
    cells: list[tuple[int, int]] = []
    start = len(raw) - len(raw.lstrip(" "))
    for gap in _CELL_GAP.finditer(raw, start):
        if gap.start() > start:
            cells.append((start, gap.start()))
        start = gap.end()
    end = len(raw.rstrip(" "))
    if end > start:
        cells.append((start, end))
    return cells


def _no_words(cell: str) -> bool:
    return not any(ch.isalpha() for ch in currency_pattern().sub("", cell))


def _has_label(key: str) -> bool:
    return any(map(key.__contains__, vocabulary().totals_screen)) and bool(_labels(key))  # most cells: no label word


def _bare_figures(cell: str) -> bool:
    """A cell of one amount alone, with its currency ("3 448,59 €", "-1 138,00"); not a row of
    digit groups ("8657 3833 3057 1630 307.", the end of a bank account)."""
    tokens = list(row_tokens(cell))
    return all(token.kind in ("num", "cur", "op") for token in tokens) and len(amounts(tokens)) == 1


def _vat_total(
    result: Totals, values: dict[str, list[Decimal]], bare: list[tuple[Decimal, Decimal]]
) -> tuple[Decimal | None, list[tuple[Decimal, Decimal]]]:
    """The VAT total the document states that closes HT + VAT = TTC, else the first stated:
    its "Total TVA", the sum of its "TVA x %" rows per rate, or its recap's sum; and the rows of
    a rate and an amount whose label OCR lost (``bare``, in the foot) that are VAT rows: those
    that, added to the "TVA x %" rows, close the equation (their rates are then stated too)."""
    stated = _stated_vats(result, values)
    first = money(stated[0]) if stated else None
    ht, ttc = result.total_ht, result.total_ttc
    if ht is None or ttc is None:
        return first, []
    closing = next((tva for tva in stated if ttc_closes(ht, money(tva), ttc)), None)
    if closing is not None:
        return money(closing), []
    rates = [rate for rate, _ in bare]
    with_bare = sum((*dict.fromkeys(values["tva"]), *(vat for _, vat in bare)), Decimal(0))
    if bare and len(set(rates)) == len(rates) and ttc_closes(ht, money(with_bare), ttc):
        return money(with_bare), bare
    return first, []


def _bare_vat(raw: str) -> list[tuple[Decimal, Decimal]]:
    """The rate and the amount of a row printing one VAT rate and one amount as money and no
    total's label ("VA 20 %   150,42": OCR lost the label's first letter); none otherwise."""
    tokens = list(row_tokens(raw))
    rates = vat_rates_of(tokens)
    found = [value for value, start, end in amounts(tokens) if _as_money(tokens, start, end)]
    return [(rates[0], found[0])] if len(rates) == 1 and len(found) == 1 and found[0] > 0 else []


def _by_column(rates: list[Decimal], rows: list[list[Decimal]]) -> dict[Decimal, tuple[Decimal, Decimal]]:
    """Rate → base and VAT of a breakdown by column: two of its ``rows`` under the ``rates``,
    one the bases, the other their VATs, each column closing base × rate = VAT."""
    for bases, vats in itertools.permutations(rows, 2):
        if all(rate_share(r, [b, v], ordered=True) for r, b, v in zip(rates, bases, vats, strict=True)):
            return {r: (b, v) for r, b, v in zip(rates, bases, vats, strict=True)}
    return {}


def _stated_vats(result: Totals, values: dict[str, list[Decimal]]) -> list[Decimal]:
    """The VAT totals a document states: its "Total TVA", the sum of its "TVA x %" rows, the
    sum per rate, its recap's sum."""
    stated: list[Decimal] = []
    if values["tva_total"]:
        stated.append(values["tva_total"][-1])
    if values["tva"]:
        stated.append(sum(dict.fromkeys(values["tva"]), Decimal(0)))
    if result.vat_by_rate:
        stated.append(sum(result.vat_by_rate.values(), Decimal(0)))
    if result.vat_recap:
        stated.append(sum((vat for _, vat in result.vat_recap.values()), Decimal(0)))
    return stated


def _last(values: list[Decimal]) -> Decimal | None:
    return money(values[-1]) if values else None


def foot_figures(rows: JoinedRows, line_figures: list[Decimal]) -> list[FootFigure]:
    """The money figures printed outside the lines, each with what its label says: rows that
    bear a total's label, and rows with none of the lines' amounts and unit prices
    (``line_figures``): a foot printed without a known label (« Solde à régler »), a row of
    values under a row of labels."""
    figures: list[FootFigure] = []
    words = vocabulary()
    amounts_of_lines = set(line_figures)
    deducted = False
    above: list[_Cell] = []  # the cells of a row of labels alone, over its values
    for index, raw in enumerate(rows):
        key = squeeze(raw)
        tokens = list(row_tokens(raw)) if _DIGIT.search(key) else []
        found = [(value, start, end) for value, start, end in amounts(tokens) if _as_money(tokens, start, end)]
        labelled = any(map(key.__contains__, words.totals_screen))
        if not found:
            # A row of labels over its values (or two: a grid's labels may wrap); not a table's
            # header, over the lines.
            cells = _label_cells(raw) if labelled and detect_header(raw) is None else []
            above = ([*above, *cells] if cells else []) if key else above
            continue
        lowered = raw.lower()
        labels = _labels(lowered) if labelled else []
        if words.vat_noise.search(key):
            labels = [label for label in labels if label[0] != "tva"]
        if not labels and any(value in amounts_of_lines for value, _, _ in found):
            continue  # a line's row
        deduction = words.deduction(key, any(figure.label in _TOTALS for figure in figures))
        deducted = deducted or deduction
        discount = words.discount.search(key) is not None
        if words.not_a_line(key) and not deducted:
            labels = []  # a subtotal or a carried total: a figure, no total's label
        rates = vat_rates_of(tokens)
        for value, start, end in found:
            cell = _Cell(None, start, end, deduction, discount, rates[0] if len(rates) == 1 else None)
            share = False
            if labels:
                label = _label_of(labels, start, end)
                share = _share(lowered, label)
                cell = replace(cell, name=None if share else label[0])
            elif above:
                cell = min(above, key=lambda c: abs((c.start + c.end - start - end) / 2))
                deducted = deducted or cell.deduction
            figures.append(
                FootFigure(value, index, cell.name, deducted, cell.discount, cell.rate, cell.deduction, share)
            )
        above = []
    return figures


@dataclass
class Foot:
    """A document's foot, read once: its rows with each total's label joined to its figure, and
    its figures outside the lines (``line_figures``: the lines' amounts and unit prices), read when
    first asked (most documents' labels close their equations: no figure needed) and then for good."""

    rows: JoinedRows
    line_figures: list[Decimal]

    @cached_property
    def figures(self) -> list[FootFigure]:
        return foot_figures(self.rows, self.line_figures)


@dataclass(frozen=True, slots=True)
class _Cell:
    """A label's cell: the total it names, where it stands, and what else it says."""

    name: str | None
    start: int
    end: int
    deduction: bool
    discount: bool
    rate: Decimal | None


def _label_cells(raw: str) -> list[_Cell]:
    """The cells of a row of labels with no figure ("Total HT   TVA 10 %   Acompte   Net à payer")."""
    words = vocabulary()
    cells: list[_Cell] = []
    for start, end in _cells(raw):
        key = squeeze(raw[start:end])
        labels = _labels(key) if _has_label(key) else []
        rates = vat_rates_of(list(row_tokens(raw[start:end]))) if _DIGIT.search(key) else []
        name = labels[-1][0] if labels else None
        cells.append(
            _Cell(
                name,
                start,
                end,
                words.deduction(key, any(cell.name in _TOTALS for cell in cells)),
                words.discount.search(key) is not None,
                rates[0] if len(rates) == 1 else None,
            )
        )
    return cells if any(cell.name for cell in cells) else []


def _label_of(labels: list[tuple[str, int, int]], start: int, end: int) -> tuple[str, int, int]:
    """The label a figure belongs to: the last before it on its row, else the first after it
    ("4 993,01 €   Total TTC"); under a row of labels, the nearest by its centre."""
    before = [label for label in labels if label[2] <= start]
    if before:
        return before[-1]
    centre = (start + end) / 2
    return min(labels, key=lambda label: abs((label[1] + label[2]) / 2 - centre))


def labels_joined(rows: list[str]) -> JoinedRows:
    """The rows with each total's label printed alone on its row joined to the figure printed
    alone on the row over or under it (« Total HT » / « 1 000,00 € »), as one row « Total HT
    1 000,00 € » where the figure stands, the label's row left empty (rows keep their places).
    Which side: a run of such rows (empty rows between them count for none) that opens on a
    figure and holds as many figures as labels prints each label under its figure, and so does
    one with a figure more that a few words alone follow (the last figure's label, words the
    vocabulary does not know: « À régler »); any other, each label over the figure that follows
    it (a two-row line's amount alone may stand over the first label)."""
    kinds = [_alone(raw) for raw in rows]
    joined = list(rows)
    run: list[int] = []
    for index in [*range(len(rows)), len(rows)]:
        kind = kinds[index] if index < len(rows) else None
        if kind == "":
            continue
        if kind is not None and (not run or kinds[run[-1]] != kind):
            run.append(index)
            continue
        after = index if run and index < len(rows) and kind is None and _few_words(rows[index]) else None
        for label, figure in _pairs(run, kinds, after):
            joined[figure] = f"{rows[label].rstrip()}   {rows[figure].strip()}"
            joined[label] = ""
        run = [index] if kind is not None else []
    return JoinedRows(joined)


def _alone(raw: str) -> str | None:
    """What the row holds alone: "label" a total's label, "figure" one amount (with its
    currency), "" nothing; None for any other row."""
    key = squeeze(raw)
    if not key:
        return ""
    if key.count(" ") >= _LABEL_WORDS:
        return None  # a line or a sentence (most rows): more words than a label, more groups than one amount
    if _DIGIT.search(key) and _bare_figures(raw):
        tokens = list(row_tokens(raw))
        return "figure" if any(_as_money(tokens, start, end) for _, start, end in amounts(tokens)) else None
    # A label the vocabulary knows, or a cell opening on a total's word (« Montant du devis »).
    labelled = _has_label(key) or key.split()[0] in vocabulary().totals_screen
    if len(_cells(raw)) != 1 or len(key.split()) > _LABEL_WORDS or not labelled:
        return None
    tokens = list(row_tokens(raw)) if _DIGIT.search(key) else []
    money_amounts = [a for a in amounts(tokens) if _as_money(tokens, a[1], a[2])]
    return "label" if not money_amounts and detect_header(raw) is None else None


def _few_words(raw: str) -> bool:
    """A row of a few words alone, no figure, in one cell: a label, maybe one the vocabulary lacks."""
    key = squeeze(raw)
    return len(_cells(raw)) == 1 and not _DIGIT.search(key) and len(key.split()) <= _LABEL_WORDS // 2


def _pairs(run: list[int], kinds: list[str | None], after: int | None) -> list[tuple[int, int]]:
    """The (label, figure) rows of a run of rows alternating labels and figures alone; ``after``:
    the row of a few words that ends the run, if one does."""
    figures = [index for index in run if kinds[index] == "figure"]
    if not figures:
        return []
    under = len(figures) * 2 == len(run) or (after is not None and len(figures) * 2 == len(run) + 1)
    if kinds[run[0]] == "figure" and under:
        ends = [*run, *([after] if after is not None and len(run) % 2 else [])]
        return [(ends[at + 1], ends[at]) for at in range(0, len(ends), 2)]
    return [(label, figure) for label, figure in itertools.pairwise(run) if kinds[label] == "label"]
