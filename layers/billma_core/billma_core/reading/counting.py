"""Which rows the document counts: one search over the rows read as lines, ranked by its sums.

The reader reads each row on its own; the document's arithmetic says which of them it counts.
Each unit of rows (a row, or rows that go together: a take-off under its measured line) keeps its
own reading by default and, where it gives a reason to doubt it, has other readings, each a
departure with a cost: the row is no line (an optional or variant line, a subtotal printed
without a label, a take-off that no longer adds up to its quantity), its reading changes (a
discount printed without its minus sign is taken off), or, the other way round, a row read as no
line counts (a price list's row printing a price and no amount, counted only where the sum needs
it), or a run of rows under a line whose amounts add up to that line's is its sub-detail (a
work's supplies and labour, each priced, printed under it: counted once, as the work; ``works``).
The
reading kept makes the document's sum (its total HT, or the total before a discount
printed among the totals) with the fewest departures, nearest to the cent. A row that gives no
reason to doubt it is never dropped: dropping any line would close any sum, and a contractor's
arithmetic error must stay visible. When no reading closes, or two readings close it alike, the
rows stay as read (the checks then name the figures).

The search is a dynamic programme over the doubtful rows, its states the sums in cents reached
so far, each keeping its cheapest readings: at most ``_MAX_STATES`` states, or it gives up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from billma_core.checks import TOTAL_SLACK, lines_sum
from billma_core.models import QuoteLine

_MAX_STATES = 4096
_CENTS = Decimal(100)
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Departure:
    """Another reading of a unit of rows (a row, or rows that go together: a take-off under its
    measured line): ``lines`` (none: the rows are no lines), at ``cost``."""

    lines: tuple[QuoteLine, ...] = ()
    cost: int = 1


@dataclass(frozen=True, slots=True)
class _State:
    cost: int
    chosen: tuple[tuple[int, int], ...]  # (row, departure) taken, in row order
    alike: bool = False  # another reading reaches the same sum at the same cost


def closing_reading(
    units: Sequence[Sequence[QuoteLine]], departures: Sequence[Sequence[Departure]], sums: Sequence[Decimal]
) -> list[QuoteLine] | None:
    """The lines of ``units`` as the cheapest departures that make one of ``sums`` leave them
    (see ``cheapest_departures``); None when none does."""
    taken = cheapest_departures(units, departures, sums)
    if taken is None:
        return None
    return [line for index, unit in enumerate(units) for line in taken.get(index, unit)]


def cheapest_departures(
    units: Sequence[Sequence[QuoteLine]],
    departures: Sequence[Sequence[Departure]],
    sums: Sequence[Decimal],
    slack: Decimal = TOTAL_SLACK,
) -> dict[int, tuple[QuoteLine, ...]] | None:
    """The departures (unit → its other reading) the cheapest reading of ``units`` that makes one
    of ``sums`` within ``slack`` takes (``departures[i]``: unit i's other readings); None when no
    reading does, when two do alike, or when the search would outgrow its bound."""
    states: dict[int, _State] = {0: _State(0, ())}  # change of the sum, in cents → cheapest reading
    for row, others in enumerate(departures):
        grown = dict(states)
        for shift, state in states.items():
            for index, departure in enumerate(others):
                moved = shift + _cents(lines_sum(departure.lines) - lines_sum(units[row]))
                _keep(grown, moved, _State(state.cost + departure.cost, (*state.chosen, (row, index)), state.alike))
        if len(grown) > _MAX_STATES:
            return None
        states = grown
    read = sum((lines_sum(unit) for unit in units), Decimal(0))
    closing = [
        (state.cost, residual, state)
        for shift, state in states.items()
        for total in sums
        if (residual := abs(read + Decimal(shift) / _CENTS - total)) <= slack
    ]
    if not closing:
        return None
    cost, residual, best = min(closing, key=lambda found: found[:2])
    if best.alike or any(found[:2] == (cost, residual) and found[2].chosen != best.chosen for found in closing):
        return None  # two readings close the sums alike: the document does not say which
    return {row: departures[row][index].lines for row, index in best.chosen}


def blocks_apart(lines: Sequence[QuoteLine], blocks: Sequence[int], sums: Sequence[Decimal]) -> set[int] | None:
    """The rows of ``lines`` in the blocks whose leaving out, each block whole, is the cheapest
    reading making one of ``sums`` (``blocks[i]``: the block row i stands in, as the page sets
    it apart: a block other than 0 opens under a heading or after a totals row — priced options
    after the totals, a lot the total leaves out, a payment schedule); None when none does, when
    two do alike, or when no row would stay. Never single rows: any sum closes by dropping some
    lines, and a contractor's error must stay flagged. Only a block of positive amounts departs:
    leaving out a discount would make a total the lines overcharge."""
    units: list[list[QuoteLine]] = []
    firsts: list[int] = []
    for index, line in enumerate(lines):
        if index == 0 or blocks[index] != blocks[index - 1]:
            firsts.append(index)
            units.append([])
        units[-1].append(line)
    departures = [
        [Departure()] if blocks[first] != 0 and all(line.total_ht > 0 for line in unit) else []
        for first, unit in zip(firsts, units, strict=True)
    ]
    taken = cheapest_departures(units, departures, sums)
    if not taken or len(taken) == len(units):
        return None
    return {firsts[unit] + offset for unit in taken for offset in range(len(units[unit]))}


def restating_tail(lines: Sequence[QuoteLine], restated: Sequence[Decimal], sums: Sequence[Decimal]) -> set[int] | None:
    """The last rows of ``lines``, of positive amounts, that restate a total the document prints
    while the rows above them make one of ``sums``: two or more adding up to one of ``restated``
    (its TTC split into payment shares: « À la commande 40 % … », « Solde … »), or one or more
    adding up to a whole percent of one, to the cent (the shares left once a deposit's row is
    read as no line: « Le solde : 1 200,47 € », 70 % of the TTC); no lines. None when no tail
    does; the shortest such tail is taken."""
    running = Decimal(0)
    for start in range(len(lines) - 1, 0, -1):
        if lines[start].total_ht <= 0:
            return None
        running += lines[start].total_ht
        whole = len(lines) - start >= 2 and any(abs(running - total) <= TOTAL_SLACK for total in restated)
        if whole or any(_share(running, total) for total in restated):
            above = lines_sum(lines[:start])
            if any(abs(above - total) <= TOTAL_SLACK for total in sums):
                return set(range(start, len(lines)))
    return None


def _share(amount: Decimal, total: Decimal) -> bool:
    """``amount`` is a whole percent of ``total`` (1 to 99 %), to the cent: a payment's share."""
    if not 0 < amount < total:
        return False
    percent = (amount * 100 / total).to_integral_value()
    return 0 < percent < 100 and abs(total * percent / 100 - amount) <= _CENT


def _keep(states: dict[int, _State], shift: int, state: _State) -> None:
    held = states.get(shift)
    if held is None or state.cost < held.cost:
        states[shift] = state
    elif state.cost == held.cost and state.chosen != held.chosen:
        states[shift] = _State(held.cost, held.chosen, alike=True)


def _cents(amount: Decimal) -> int:
    return int((amount * _CENTS).to_integral_value())
