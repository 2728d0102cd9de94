"""The document checks the reading: of the lines read, those the total HT leaves out or takes off.

A quote prints optional lines ("en option", "variante", a previous quote's lines "pour rappel")
and sometimes subtotals without a label among its lines; the total HT says which of them it
counts. A line is left out only when its wording or its figures show it may be one (an optional
word, a total equal to the lines just above it), and a discount line printed without its minus
sign is taken off, when that makes the lines add up to the total HT (within the checks'
tolerance): one search (``counting.py``) weighs these departures from the rows as read and keeps
the reading that closes with the fewest; otherwise the lines stay as read and the checks flag
the difference.

Two kinds of rows carry figures without being lines, and the document's equations tell them:
- a take-off (métré) under a measured line: dimension rows whose results add up to that line's
  quantity, not to money ("Mur nord 3,20 x 2,50 = 8,00", "à déduire porte … = -1,69");
- a recap by lot printed before or after the detail: a run of rows whose amounts make the total
  HT while the other lines make it too, each the sum of a run of those lines. The reading in
  which every amount is counted once is kept;
- a group's heading carrying its total ("SALLE DE BAIN ...... 1 245,60"), or its subtotal
  without a label: read as lump sums, each the sum of the lines from it to the next one (after
  it for a heading, before it for a subtotal);
- a breakdown of the total before the totals ("dont fournitures", "dont main d'œuvre"): lump
  sums ending the lines, named so, that split the total HT the other lines make.
A take-off that no longer adds up to its quantity (OCR lost a row, or it prints bare results)
is one departure of the search: its rows are left out together, only when the total HT says so.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from decimal import Decimal

from billma_core.checks import TOTAL_SLACK, line_closes, lines_make_total, sum_slack
from billma_core.models import QuoteLine, Unit
from billma_core.reading.counting import Departure, closing_reading
from billma_core.reading.lines import heading_text
from billma_core.reading.vocabulary import vocabulary

_MAX_TAKEOFF_ROWS = 12


def lines_the_total_counts(
    lines: list[QuoteLine], total_ht: Decimal | None, taken_off: Sequence[tuple[str, Decimal]] = ()
) -> list[QuoteLine]:
    """``lines`` without the optional lines, unlabelled subtotals, recaps by lot, group headings
    carrying their total, a breakdown of the total and take-off rows the total HT leaves out,
    and with a discount printed apart from them (``taken_off``: label and amount of each row
    naming one, among the totals) that the total HT takes off."""
    if not lines or (
        total_ht is not None and lines_make_total((line.total_ht for line in lines), total_ht, sum_slack(lines))
    ):
        return lines
    lines = _without_takeoffs(lines)
    if total_ht is None:
        return lines
    lines = _without_a_recap(lines, total_ht, taken_off)
    # A discount printed among the totals may apply to any of these readings.
    for reading in _readings(lines):
        # A recap by lot may follow headings carrying the same totals: each goes in turn.
        for candidate in (reading, _without_a_recap(reading, total_ht, taken_off)):
            closed = _closing(candidate, total_ht, taken_off)
            if closed is not None:
                return closed
    # A discount printed without its minus sign ("Remise commerciale 5 %   118,88") is taken off;
    # an optional line or a subtotal is left out, and so is a take-off's rows together (printed
    # partly as "a x b = c" rows and partly as bare results, "Murs B, C : 12,72", it closes on no
    # quantity): whichever departures, fewest, make the total HT (or the total before a discount
    # printed among the totals).
    dimensions = _dimension_rows(lines)
    starts = _unit_starts(dimensions)
    units = [lines[start:end] for start, end in itertools.pairwise([*starts, len(lines)])]
    departures = [
        [
            *([Departure((_negative(unit[0]),))] if len(unit) == 1 and _discount_sign_lost(unit[0]) else []),
            *([Departure()] if dimensions[start] or _doubtful(lines, start) else []),
        ]
        for start, unit in zip(starts, units, strict=True)
    ]
    closed = closing_reading(units, departures, [total_ht, *(total_ht + amount for _, amount in taken_off)])
    if closed is not None:
        return _closing(closed, total_ht, taken_off) or closed
    return _grouped_throughout(lines) or lines


def _readings(lines: list[QuoteLine]) -> Iterator[list[QuoteLine]]:
    """``lines`` as read, then without a breakdown ending them, each then without its group
    totals: a breakdown ends the lines, after the last group, so it goes first."""
    for split in (lines, *_without_breakdown(lines)):
        yield split
        yield from _without_group_totals(split)


def _unit_starts(dimensions: list[bool]) -> list[int]:
    """Where each unit the search weighs starts: each row is one, but a take-off's rows, each run
    of dimension rows (``_dimension_rows``) under its measured line one unit."""
    return [i for i in range(len(dimensions)) if not (dimensions[i] and i > 0 and dimensions[i - 1])]


def _doubtful(lines: list[QuoteLine], index: int) -> bool:
    """The row may be no line: an optional word, a subtotal, a take-off's row that no longer adds
    up, a row whose own figures do not close (times or references read as quantity, price and
    amount: a line's figures make quantity × price = amount), or close only as the reader mended
    one of them (an OCR'd ticket's times, « 11,13 » read back as 1,11 to make a product)."""
    return (
        _optional(lines[index])
        or _subtotal(lines, index)
        or _partial_takeoff(lines, index)
        or _figures_disagree(lines[index])
        or lines[index].figures_mended
    )


def _figures_disagree(line: QuoteLine) -> bool:
    return line.total_ht > 0 and not line_closes(line.quantity, line.unit_price_ht, line.total_ht)


def _discount_sign_lost(line: QuoteLine) -> bool:
    return line.total_ht > 0 and _discount(line)


def _grouped_throughout(lines: list[QuoteLine]) -> list[QuoteLine] | None:
    """A document whose lines do not make its total HT (its own arithmetic error) whose every line
    stands in a group headed by a lump sum equal to the group's lines, two groups at least: the
    sums say the headings are the groups' totals ("LOT 05 – REVÊTEMENTS MURAUX … 865,39"), no
    lines, whatever the total HT says."""
    ends = _group_ends(lines)
    groups: dict[int, int] = {}
    at = 0
    while at < len(lines) and (end := ends[at]) is not None:
        groups[at] = at = end
    if at != len(lines) or len(groups) < 2:
        return None
    return _under_headings(lines, groups)


def _closing(
    lines: list[QuoteLine], total_ht: Decimal, taken_off: Sequence[tuple[str, Decimal]]
) -> list[QuoteLine] | None:
    """``lines`` when they make the total HT, or with a discount of ``taken_off`` once that
    makes it ("Total HT avant remise … / Remise commerciale 10 % -87,50 / Total HT …": the
    discount is a line taken off, as when it is printed among the lines); else None."""
    if lines_make_total((line.total_ht for line in lines), total_ht):
        return lines
    for label, amount in taken_off:
        if all(line.total_ht != -amount for line in lines) and lines_make_total(
            (*(line.total_ht for line in lines), -amount), total_ht
        ):
            return [*lines, _taken_off(label, amount)]
    return None


def _taken_off(label: str, amount: Decimal) -> QuoteLine:
    return QuoteLine(designation=label, quantity=Decimal(1), unit=Unit.FORFAIT, unit_price_ht=-amount, total_ht=-amount)


def _discount(line: QuoteLine) -> bool:
    return vocabulary().discount.search(line.designation.lower()) is not None


def _negative(line: QuoteLine) -> QuoteLine:
    return line.model_copy(update={"unit_price_ht": -line.unit_price_ht, "total_ht": -line.total_ht, "unit": None})


def _optional(line: QuoteLine) -> bool:
    return vocabulary().optional.search(line.designation.lower()) is not None


def _partial_takeoff(lines: list[QuoteLine], index: int) -> bool:
    """A row without a unit under a measured line, smaller than its quantity: a dimension row
    whose take-off no longer adds up (a row lost to OCR), left out only if the total says so."""
    if lines[index].unit is not None:
        return False
    for above in reversed(lines[:index]):
        if above.unit is not None:
            return above.quantity != 1 and 0 < lines[index].total_ht < above.quantity
    return False


def _dimension_rows(lines: list[QuoteLine]) -> list[bool]:
    """Which rows belong to a take-off under the measured line above them: no unit and an
    amount (a deduction's negative) within that line's quantity, or the quantity restated in
    its unit ("Longueurs : 11,61 + 14,98 = 26,59 ml")."""
    rows: list[bool] = []
    measured: QuoteLine | None = None
    for line in lines:
        dimension = measured is not None and (
            (line.unit is None and 0 < abs(line.total_ht) <= measured.quantity)
            or (line.unit == measured.unit and line.total_ht == measured.quantity)
        )
        rows.append(dimension)
        if not dimension:
            measured = line if line.quantity != 1 and not _lump_sum(line) else None
    return rows


def _subtotal(lines: list[QuoteLine], index: int) -> bool:
    """The line's total is the sum of two or more lines just above it (a subtotal), or, a lump
    sum, of the lines just under it (a heading carrying its group's total, a group of one line
    too): a group the chain of ``_group_ends`` misses (a heading OCR or a layout lost, a
    heading printing no letters enough to be read as a line) still heads its lines."""
    amount = lines[index].total_ht
    if _sum_of_next(lines[:index][::-1], amount, 2):
        return True
    return _lump_sum(lines[index]) and amount > 0 and _sum_of_next(lines[index + 1 :], amount, 1)


def _sum_of_next(lines: list[QuoteLine], amount: Decimal, least: int) -> bool:
    """The amounts of ``least`` or more of ``lines``, from the first on, add up to ``amount``."""
    running = Decimal(0)
    for count, line in enumerate(lines, start=1):
        running += line.total_ht
        if count >= least and abs(running - amount) <= TOTAL_SLACK:
            return True
        if running > amount:
            return False
    return False


def _without_takeoffs(lines: list[QuoteLine]) -> list[QuoteLine]:
    """``lines`` without the take-off rows under a measured line: two or more rows right under
    it whose amounts add up to its quantity (a deduction perhaps without its minus sign, lost to
    OCR), and a row that then restates that quantity."""
    kept: list[QuoteLine] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        kept.append(line)
        index += 1
        quantity = line.quantity
        if quantity == 1 or quantity != quantity.quantize(Decimal("0.01")) or line.unit_price_ht == line.total_ht:
            continue
        running, end = Decimal(0), None
        for count, row in enumerate(lines[index : index + _MAX_TAKEOFF_ROWS], start=1):
            running += row.total_ht
            # A deduction whose minus sign OCR lost closes the run once counted negative.
            amounts = [x.total_ht for x in lines[index : index + count]]
            if count >= 2 and (running == quantity or any(running - 2 * x == quantity for x in amounts if x > 0)):
                end = index + count
        if end is None:
            continue
        if end < len(lines) and lines[end].total_ht == quantity:
            end += 1  # "Total métré 26,59 m²"
        index = end
    return kept


def _without_a_recap(
    lines: list[QuoteLine], total_ht: Decimal, taken_off: Sequence[tuple[str, Decimal]]
) -> list[QuoteLine]:
    """``lines`` without a recap by lot, whose rows make the total HT, or the total before a
    discount printed among the totals (the lots' totals are the work's, before the discount)."""
    for total in (total_ht, *(total_ht + amount for _, amount in taken_off)):
        kept = _without_recap(lines, total)
        if len(kept) < len(lines):
            return kept
    return lines


def _without_recap(lines: list[QuoteLine], total_ht: Decimal) -> list[QuoteLine]:
    """``lines`` without a recap by lot: a run of rows that make the total HT on their own
    while the other lines make it too (or, lump sums ending the lines, once other rows are left
    out), each row the sum of a run of the other lines; or what a page break left of it (its
    next page's rows stand outside the table): lump sums ending the lines that the total HT
    leaves out, its first lots' sums, so each the sum of a run of the other lines before the
    last (of one line, for a lot of one line; never the row above, a heading it repeats)."""
    if len(lines) < 4 or lines_make_total((line.total_ht for line in lines), total_ht):
        return lines
    recaps: list[tuple[int, bool, int, int]] = []  # (priced rows in the run, inside the detail, start, end)
    for start in range(len(lines)):
        running = Decimal(0)
        for end in range(start + 1, len(lines) + 1):
            running += lines[end - 1].total_ht
            whole = end - start >= 2 and abs(running - total_ht) <= TOTAL_SLACK
            if not whole and end < len(lines):
                continue
            run, rest = lines[start:end], lines[:start] + lines[end:]
            closes = lines_make_total((line.total_ht for line in rest), total_ht)
            # A recap of lump sums that ends the lines may follow other rows the total leaves out
            # (headings carrying the same totals, a breakdown): the rows after it go next. Cut by
            # a page break, it no longer makes the total: the other lines then make it, once those
            # rows are left out.
            ending = end == len(lines) and all(_lump_sum(row) for row in run)
            cut = ending and any(
                lines_make_total((line.total_ht for line in kept), total_ht) for kept in _readings(rest)
            )
            sums = rest if whole else rest[:-1]
            if (
                ((whole and (closes or ending)) or cut)
                and len(rest) >= len(run)
                and all(_sum_of_a_run(row.total_ht, sums) for row in run)
            ):
                inside = start > 0 and end < len(lines)
                recaps.append((sum(not _lump_sum(row) for row in run), inside, start, end))
    if not recaps:
        return lines
    # A lot of one line has a recap row of its amount, so a run may also take that line for
    # its row: the recap is the run of lump sums printed before or after the detail.
    *_, start, end = min(recaps)
    return lines[:start] + lines[end:]


def _lump_sum(line: QuoteLine) -> bool:
    return line.quantity == 1 and line.unit_price_ht == line.total_ht


def _sum_of_a_run(amount: Decimal, lines: list[QuoteLine]) -> bool:
    for start in range(len(lines)):
        running = Decimal(0)
        for line in lines[start:]:
            running += line.total_ht
            if abs(running - amount) <= TOTAL_SLACK:
                return True
    return False


def _without_group_totals(lines: list[QuoteLine]) -> Iterator[list[QuoteLine]]:
    """``lines`` without the lump sums that head their group with its total (or close it as a
    subtotal): each the sum of the lines between it and the next such row. Lines before the
    first heading (after the last subtotal), or after a group no heading follows, belong to
    no group; the total HT decides."""
    for ordered in (lines, lines[::-1]):  # headings first; subtotals are headings read backwards
        group_end = _group_ends(ordered)
        for start in range(len(ordered) - 1):
            if group_end[start] is None:
                continue
            groups: dict[int, int] = {}  # heading → where its group ends
            at = start
            while at < len(ordered) and (end := group_end[at]) is not None:
                groups[at] = at = end
            if ordered is lines:
                yield _under_headings(ordered, groups)
            else:
                yield [line for i, line in enumerate(ordered) if i not in groups][::-1]
            break


def _under_headings(lines: list[QuoteLine], groups: dict[int, int]) -> list[QuoteLine]:
    """The lines without their group headings, each line of a group under its heading (its
    section), unless the reader found one nearer (a heading without figures inside the group)."""
    kept: list[QuoteLine] = []
    heading, end = None, 0
    for index, line in enumerate(lines):
        if index in groups:
            heading, end = heading_text(line.designation), groups[index]
        elif heading is not None and index < end and line.section is None:
            kept.append(line.model_copy(update={"section": heading}))
        else:
            kept.append(line)
    return kept


def _group_ends(lines: list[QuoteLine]) -> list[int | None]:
    """For each row, where the next group begins when the row heads a group: a lump sum equal
    to the sum of the lines after it up to the next heading (or the end, ``len(lines)``), a
    heading whose groups run on to the end preferred (a heading OCR or a layout lost ends the
    run: the lines after it belong to no group); None when it heads none."""
    signed = any(line.total_ht < 0 for line in lines)
    ends: list[int | None] = [None] * (len(lines) + 1)
    ends[len(lines)] = len(lines)
    for start in range(len(lines) - 1, -1, -1):
        heading = lines[start]
        if not _lump_sum(heading) or heading.total_ht <= 0:
            continue
        running = Decimal(0)
        for end in range(start + 1, len(lines)):
            running += lines[end].total_ht
            if abs(running - heading.total_ht) <= TOTAL_SLACK:
                ends[start] = end + 1 if ends[start] is None else ends[start]  # the last group, if none follows
                if ends[end + 1] is not None:
                    ends[start] = end + 1
                    break
            if running > heading.total_ht + TOTAL_SLACK and not signed:
                break
    return ends[: len(lines)]


def _without_breakdown(lines: list[QuoteLine]) -> Iterator[list[QuoteLine]]:
    """``lines`` without the lump sums that end them and split the total HT between supplies
    and labour ("dont fournitures", "Total main d'œuvre"): named so, and left out only when
    the total HT closes without them. Unnamed lump sums that make the total stay lines: a
    quote may end on two forfaits equal to the work above them."""
    for start in range(len(lines) - 1, 0, -1):
        row = lines[start]
        if not (_lump_sum(row) and row.total_ht > 0 and vocabulary().breakdown.match(row.designation.lower())):
            return
        yield lines[:start]
