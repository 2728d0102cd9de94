"""A work and its parts: one place that tells, from the document's arithmetic, rows that are a
work's parts from rows that are lines of their own.

A work is priced by what makes it (its supply, its fitting, its labour), and a quote prints the
parts under the work in two ways:

- **under an unpriced heading** (read as the rows' section), each row naming a part alone
  (« Fourniture : Solvina réf. … », « Pose », « Main d'œuvre »: the vocabulary's ``work_parts``):
  the rows are the work's parts when they make one line's arithmetic — the same quantity and
  unit, the quantity × their unit prices summed = their amounts summed. The work is then that
  one line, the heading's wording. The sums the document prints are the same either way, so its
  total cannot choose: the parts' own agreement does.
- **under a priced work** whose amount they add up to (its sub-detail: supplies and labour
  priced under it): the rows are the work's parts when leaving them out is the one reading that
  makes the document's sum (its total HT, or the total before a discount printed among the
  totals): the work counts once. Here the two readings change the sum: the total chooses.

Either way a run of parts is read once, as its work; rows that do not close their work's
arithmetic stay lines of their own, as read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from billma_core.checks import line_closes, lines_make_total, lines_sum, sum_slack
from billma_core.models import QuoteLine
from billma_core.money import money
from billma_core.reading.counting import Departure, cheapest_departures
from billma_core.reading.lines import letters
from billma_core.reading.vocabulary import vocabulary


@dataclass(slots=True)
class Works:
    """The rows read once the parts are their works': ``kept`` (indexes into the lines, in order)
    and, by index, the work's line that stands in place of its parts' first row."""

    kept: list[int]
    lines: dict[int, QuoteLine] = field(default_factory=dict)


def works_read(lines: Sequence[QuoteLine], rates: Sequence[Decimal | None], sums: Sequence[Decimal]) -> Works:
    """The rows of ``lines`` (each printed at VAT ``rates[i]``, if it prints one) once every run
    of a work's parts is read as its work (see the module): first the parts under an unpriced
    heading, by their own figures; then, over the rows so read, a priced work's sub-detail, by
    ``sums`` (none: the document prints no total to tell it by)."""
    works = _headed_works(lines, rates)
    read = [works.lines.get(index, lines[index]) for index in works.kept]
    if not sums or lines_make_total((line.total_ht for line in read), sums[0], sum_slack(read)):
        return works
    detail = sub_detail_rows(read, sums)
    if detail:
        works.kept = [row for position, row in enumerate(works.kept) if position not in detail]
    return works


def _headed_works(lines: Sequence[QuoteLine], rates: Sequence[Decimal | None]) -> Works:
    """Each run of rows under one heading, every row a part's word, as the heading's work when
    the parts agree (``_work_of``); the other rows as read."""
    parts = vocabulary().work_part
    works = Works(kept=[])
    index = 0
    while index < len(lines):
        section = lines[index].section
        end = index + 1
        while end < len(lines) and lines[end].section == section:
            end += 1
        run = lines[index:end]
        work = (
            _work_of(run, section, rates[index:end])
            if all(parts.match(line.designation.strip()) for line in run)
            else None
        )
        if work is None:
            works.kept += range(index, end)
        else:
            works.kept.append(index)
            works.lines[index] = work
        index = end
    return works


def _work_of(run: Sequence[QuoteLine], heading: str | None, rates: Sequence[Decimal | None]) -> QuoteLine | None:
    """The work the ``run`` of parts under ``heading`` prices, or None when they do not agree: the
    heading's wording, the parts' quantity and unit, their unit prices and amounts summed. A
    heading over one part is that line under the heading's wording: the part's word names no
    work (a heading that is itself a part's word, « MAIN D'ŒUVRE », names none either)."""
    if heading is None:
        return None
    wording = vocabulary().section_index_prefix.sub("", heading).strip()
    first = run[0]
    if (
        letters(wording) < 3
        or vocabulary().work_part.match(wording)
        or any((line.quantity, line.unit) != (first.quantity, first.unit) for line in run)
    ):
        return None
    if any(line.discount_rate is not None or line.total_ht <= 0 for line in run):
        return None
    price = sum((line.unit_price_ht for line in run), Decimal(0))
    total = lines_sum(run)
    if not line_closes(first.quantity, price, total):
        return None
    rate = rates[0] if all(r == rates[0] for r in rates) else None
    notes = [line.reading_note for line in run if line.reading_note]
    return first.model_copy(
        update={
            "designation": wording,
            "unit_price_ht": money(price),
            "total_ht": money(total),
            "tva_rate": rate if rate is not None else (first.tva_rate if len(run) == 1 else None),
            "section": None,
            "reading_note": " ".join(notes) or None,
            "figures_mended": any(line.figures_mended for line in run),
        }
    )


def sub_detail_rows(lines: Sequence[QuoteLine], sums: Sequence[Decimal]) -> set[int] | None:
    """The rows of ``lines`` that are a priced work's sub-detail, when leaving them out is the one
    reading that makes one of ``sums`` (None otherwise): a run of two rows or more right under a
    measured line whose amounts add up to that line's amount, to the cent (``_run_end``). Runs may
    overlap (a work's detail whose last rows add up to its first one): the runs are taken from the
    first line down and from the last one up, and a reading counts only when those that close agree."""
    found = {
        frozenset(rows)
        for runs in (_runs(lines, range(len(lines) - 1)), _runs(lines, range(len(lines) - 2, -1, -1)))
        if runs and (rows := _closing_runs(lines, runs, sums))
    }
    return set(found.pop()) if len(found) == 1 else None


def _runs(lines: Sequence[QuoteLine], works: Iterable[int]) -> dict[int, int]:
    """First row → end of each run under the ``works`` in turn, none overlapping one taken before."""
    runs: dict[int, int] = {}
    for work in works:
        end = _run_end(lines, work)
        if end is not None and all(end <= first or work + 1 >= last for first, last in runs.items()):
            runs[work + 1] = end
    return runs


def _closing_runs(lines: Sequence[QuoteLine], runs: dict[int, int], sums: Sequence[Decimal]) -> set[int] | None:
    """The rows of the ``runs`` whose leaving out is the cheapest reading making one of ``sums``."""
    units: list[Sequence[QuoteLine]] = []
    firsts: list[int] = []  # the row each unit starts at
    index = 0
    while index < len(lines):
        end = runs.get(index, index + 1)
        firsts.append(index)
        units.append(lines[index:end])
        index = end
    departures = [[Departure()] if first in runs else [] for first in firsts]
    taken = cheapest_departures(units, departures, sums)
    if taken is None:
        return None
    return {firsts[unit] + offset for unit in taken for offset in range(len(units[unit]))}


def _run_end(lines: Sequence[QuoteLine], work: int) -> int | None:
    """Where the run of rows under ``work`` whose amounts add up to its amount ends (two rows at
    least, each a positive amount), or None. The work prints a quantity other than one: a lump sum
    equal to the rows under it is as well a heading carrying its group's total, which is no line
    (``arithmetic``'s group totals), and the sums cannot tell the two apart."""
    target, reached = lines[work].total_ht, Decimal(0)
    if target <= 0 or lines[work].quantity == 1:
        return None
    for end in range(work + 1, len(lines)):
        amount = lines[end].total_ht
        if amount <= 0:
            return None
        reached += amount
        if reached >= target:
            return end + 1 if reached == target and end > work + 1 else None
    return None
