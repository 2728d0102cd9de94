"""The roles of a priced row's figures, found by the row's own equations.

A row prints some of: quantity, unit price HT, a discount (rate or amount), net unit price,
amount HT, the share done and its amount (a progress statement), VAT rate, VAT amount, amount
TTC, unit price TTC: any subset, in any column order. The search tries each (quantity, unit
price) pair of figures and derives what the other roles must then read (quantity × unit price
less the discount = HT, HT × rate = VAT, HT + VAT = TTC, unit price × (1 + rate) = unit price
TTC); a figure equal to a derived value takes its role. A reading must explain every figure that
carries money (two decimals or a currency) from its first one on, and before it all but a
measure or a reference ending the wording ("largeur 0,90 m", "DTU 25.41"): none is dropped to
make a row close. Figures are given in the order they are printed. Figures right before the
quantity whose product (less a deduction) makes it are its take-off ("1  4,30  2,50  10,75 m²",
"3 × 2,50 × 2,40 = 18,00 m²"): they explain the quantity, never a price or an amount. The HT need not be printed
when two equations confirm it (its VAT and its TTC). Where no reading explains every amount, a
unit price may be printed as its parts side by side (supply and labour: "3  28,00  42,00  210,00"),
their sum the unit price, printed after them or not. The two figures right before the unit price
may derive it, one more equation: a base price times a coefficient (« 73,64  1,1  81 »), a pack's
price over its count (« 45,60  12  3,80 »). In a sheet's general format a unit price may print no
cents (« 15,11  73,64  1,1  81  1223,91 »): a bare unit price is read where its amount is printed
and closes to the cent. Column headers, when known, rank readings that close (a figure under
its role's column weighs for the reading), and a derived unit price is read only where no column
says otherwise: its product under an amount's, a rate's or a discount's column is no unit price,
nor a figure of its pair there a base, a coefficient or a count. A discount is sought only where
no header says the table has none.

>>> def f(value, money=True):
...     return Figure(Decimal(value), money=money)
>>> found = search([f("3", False), f("50.00"), f("15.00"), f("165.00")])
>>> found.quantity, found.price, found.ht, found.ht_at, found.vat_rate, found.vat_at, found.ttc_at
(0, 1, Decimal('150.00'), None, Decimal('10'), 2, 3)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from billma_core.amounts import vat_of
from billma_core.money import money, net_price

VAT_RATES = frozenset(Decimal(v) for v in ("0", "2.1", "5.5", "7", "8.5", "10", "20"))
_POSITIVE_RATES = tuple(sorted(rate for rate in VAT_RATES if rate > 0))
_HUNDRED = Decimal(100)
# Quantity × unit price = amount: a cent, and half a cent per unit for a rounded unit price.
_SLACK = Decimal("0.011")
_SLACK_PER_UNIT = Decimal("0.005")
_SLACK_SHARE = Decimal("0.01")
_TAX_SLACK = Decimal("0.02")  # HT, VAT and TTC each rounded on its own
_SCREEN = _TAX_SLACK + Decimal("0.01")  # … and the VAT before its rounding
_MAX_FIGURES = 8
_MAX_TAKEOFF = 4  # a count, a length, a height or width, a deduction
_TAKEOFF_SLACK = Decimal("0.005")  # the quantity is the product rounded to the hundredth
RATE_PLACES = Decimal("0.0001")
_RATE_SHARES = tuple((rate, rate / _HUNDRED) for rate in _POSITIVE_RATES)


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure of the row, as printed."""

    value: Decimal
    money: bool = False  # two decimals or a currency: an amount a reading must explain
    currency: bool = False  # a currency sign after it: a price or an amount, no quantity
    percent: bool = False  # a "%" after it
    unit: bool = False  # a unit right after it ("12 m²")
    worded: bool = False  # a word before it or a unit after it: it may end the wording (a measure)
    column: str | None = None  # the role of the header's column it stands under
    measured: bool = False  # a surface or a length in its cell ("20,60 m²"): a quantity, never an amount


@dataclass(frozen=True, slots=True)
class Roles:
    """A reading of the row: indexes of the figures in each role (None: not printed)."""

    quantity: int
    price: int
    ht: Decimal
    ht_at: int | None
    discount_rate: Decimal | None = None
    discount_at: int | None = None
    net_at: int | None = None
    vat_rate: Decimal | None = None
    rate_at: int | None = None
    vat_at: int | None = None
    ttc_at: int | None = None
    price_ttc_at: int | None = None
    progress_at: int | None = None  # a progress statement's share done ("60,00 %")…
    done_at: int | None = None  # … and the amount it makes of the HT
    takeoff: tuple[int, ...] = ()  # the figures whose product (less a deduction) is the quantity
    # The figures whose sum is the unit price (its supply and its labour); ``price`` among them
    # when the unit price itself is not printed.
    price_parts: tuple[int, ...] = ()
    # The two figures printed right before the unit price that derive it: a base and its
    # coefficient (their product), a pack's price and its count (the price times the count).
    derived_from: tuple[int, ...] = ()
    equations: int = 0
    score: int = 0

    def used(self) -> set[int]:
        at = [self.discount_at, self.net_at, self.ht_at, self.rate_at, self.vat_at, self.ttc_at, self.price_ttc_at]
        at += [self.progress_at, self.done_at]
        figures = (*self.takeoff, *self.price_parts, *self.derived_from)
        return {self.quantity, self.price, *figures, *(i for i in at if i is not None)}

    def price_of(self, values: Sequence[Decimal]) -> Decimal:
        """The unit price among the row's figures ``values``: printed, or the sum of its parts."""
        if self.price in self.price_parts:
            return sum((values[i] for i in self.price_parts), Decimal(0))
        return values[self.price]


def closes(quantity: Decimal, price: Decimal, total: Decimal) -> bool:
    """quantity × unit price = total, within the rounding of a printed unit price."""
    if total == 0 or quantity <= 0:
        return False
    tolerance = min(_SLACK + _SLACK_PER_UNIT * abs(quantity), abs(total) * _SLACK_SHARE + _SLACK)
    return abs(quantity * price - total) <= tolerance


def may_close(product: float, total: float) -> bool:
    """False where quantity × unit price (``product``, of floats) surely misses ``total`` by more
    than ``closes`` ever allows (a share of the total and a cent), whatever the floats' rounding
    (a margin far wider than theirs; a figure beyond a float's range, NaN, passes): a screen
    before the exact test, which most triples fail."""
    return not abs(product - total) > abs(total) * _CLOSE_SHARE + _CLOSE_SLACK + 1e-9 * (abs(product) + abs(total))


# ``closes``'s widest tolerance, as floats (a share of the total and a cent), rounded up.
_CLOSE_SHARE = float(_SLACK_SHARE) * (1 + 1e-9)
_CLOSE_SLACK = float(_SLACK) + 1e-9


def search(
    figures: Sequence[Figure],
    discounts: bool = True,
    order: Sequence[str] = (),
    pairs: Iterable[tuple[int, int]] | None = None,
) -> Roles | None:
    """The best reading of ``figures`` (in printed order) that explains every amount from its
    first figure on (a measure before it may be the wording's), or None. ``discounts``: whether
    a figure may be a discount taken off quantity × unit price; ``order``: the roles of the
    header's figure columns in the order it prints them, each once (empty: no header);
    ``pairs``: the (quantity, unit price) pairs to try (None: every one, and the unit price
    printed as its parts too).

    One search over how the unit price is printed (``_prices``: one figure, or two side by side
    whose sum it is) × which figures take the roles, in tiers: a tier of more parts is entered
    only where no reading of the tier before explains the row (the search stays bounded)."""
    measurable = _measurable(figures)  # none: no reading's quantity has a take-off to look for
    if not 2 <= len(figures) <= _MAX_FIGURES + (_MAX_TAKEOFF if measurable else 0):
        return None
    best: Roles | None = None
    tier = 0
    for parts, trial, tried in _prices(figures, pairs):
        if len(parts) > tier and best is not None:
            break  # a reading with the price printed whole explains the row: its parts are not sought
        tier = len(parts)
        found = _best(trial, tried, discounts, order, measurable if not parts else _measurable(trial), parts)
        if found is not None and parts and _parts_refused(figures, found):
            continue
        if found is not None and (best is None or found.score > best.score):
            best = found
    return best


def _prices(
    figures: Sequence[Figure], pairs: Iterable[tuple[int, int]] | None
) -> Iterator[tuple[tuple[int, ...], Sequence[Figure], Iterable[tuple[int, int]]]]:
    """How the unit price may be printed, as (its parts, the figures read, the (quantity, unit
    price) pairs to try): first one figure; then (every pair tried) two money figures side by
    side, its supply and its labour, their sum printed after them (the unit price) or standing
    for the unit price itself (a quantity of 1 prints the amount equal to it)."""
    yield (), figures, itertools.permutations(range(len(figures)), 2) if pairs is None else pairs
    if pairs is not None:
        return
    for a in range(len(figures) - 1):
        b = a + 1
        if not all(figures[i].money and not figures[i].percent and figures[i].value > 0 for i in (a, b)):
            continue
        whole = figures[a].value + figures[b].value
        others = [i for i in range(len(figures)) if i not in (a, b)]
        printed = [p for p in others if figures[p].money and abs(figures[p].value - whole) <= _SLACK]
        yield (a, b), figures, [(q, p) for p in printed for q in others if q != p]
        merged = [*figures[:b], replace(figures[b], value=whole), *figures[b + 1 :]]
        yield (a, b), merged, [(q, b) for q in others]


def _parts_refused(figures: Sequence[Figure], reading: Roles) -> bool:
    """A reading of the unit price as its parts that the row's other figures or its header
    contradict: their sum printed elsewhere than as the unit price or the amount of a quantity
    of 1 (the figures make another total: the quantities by room before the quantity,
    « 12,79  11,41  24,2 »), or a printed unit price the columns refuse (``_against_columns``)."""
    whole = sum((figures[i].value for i in reading.price_parts), Decimal(0))
    spared = (*reading.price_parts, reading.price, reading.ht_at)
    others = (i for i in range(len(figures)) if i not in spared)
    return any(figures[i].value == whole for i in others) or _against_columns(figures, reading)


def _best(
    figures: Sequence[Figure],
    pairs: Iterable[tuple[int, int]],
    discounts: bool,
    order: Sequence[str],
    measurable: bool,
    parts: tuple[int, ...] = (),
) -> Roles | None:
    """The best reading over the (quantity, unit price) ``pairs`` that explains every amount;
    ``measurable``: whether a take-off may explain a quantity (``_measurable``); ``parts``: the
    figures whose sum the unit price is (one equation more)."""
    amounts = {i for i, figure in enumerate(figures) if figure.money and figure.value}  # "0,00" says nothing
    rated = frozenset(i for i, figure in enumerate(figures) if _rate_like(figure))  # the same for every pair
    best: Roles | None = None
    for q, p in pairs:
        if figures[q].value <= 0 or figures[p].value <= 0 or figures[q].percent or figures[p].percent:
            continue
        if figures[q].currency:
            continue  # a quantity is no sum of euros
        for found in _readings(figures, q, p, discounts, rated):
            if not (figures[p].money or _exact_amount(figures, found)):
                continue  # a unit price is an amount ("114,00  1": 1 is the count)
            parted = replace(found, price_parts=parts, equations=found.equations + 1) if parts else found
            reading = _measured(figures, parted) if measurable else parted
            used = reading.used()
            # A measure outside the reading's figures is its wording's (« … 2.5 par 1.20 m », printed
            # before them or after): a length or a surface is no sum of money.
            span = range(min(used), max(used))
            if any(_left_out(figures, i, used) for i in amounts if not (figures[i].measured and i not in span)):
                continue  # an amount left unexplained: the row says something else
            scored = _scored(reading, figures, used, order)
            if best is None or scored.score > best.score:
                best = scored
    return best


def _exact_amount(figures: Sequence[Figure], reading: Roles) -> bool:
    """The reading's amount is printed, no discount off it, and its quantity × unit price makes
    it to the cent: a bare unit price (a sheet's general format drops the cents, « 81 ») stands
    on that."""
    if reading.ht_at is None or reading.discount_at is not None:
        return False
    return money(figures[reading.quantity].value * figures[reading.price].value) == figures[reading.ht_at].value


def _against_columns(figures: Sequence[Figure], reading: Roles) -> bool:
    """A parted reading whose printed unit price stands before its quantity, or under the
    header's quantity or amount column: quantity × unit price closes either way round, and the
    quantities by room before their total (« 26,03  16,56  42,59  11,77  501,28 ») are no supply
    and labour, which stand between the quantity and the amount."""
    if reading.price in reading.price_parts:
        return False
    return reading.price < reading.quantity or figures[reading.price].column in ("qty", "total")


def explains_all(figures: Sequence[Figure], reading: Roles) -> bool:
    """``reading`` leaves no figure of the row out (but a "0" and the wording's measure)."""
    used = reading.used()
    return not any(figure.value and _left_out(figures, i, used) for i, figure in enumerate(figures))


def takeoff(values: Sequence[Decimal], quantity: Decimal) -> int:
    """How many of the last ``values`` (printed right before the quantity) make ``quantity`` as a
    take-off: their product, or the product of all but the last less the last (a deduction,
    printed with its sign or without); 0 when none. Two figures at least, one of them not 1."""
    return max((length for length, made in _takeoffs(values) if abs(made - quantity) <= _TAKEOFF_SLACK), default=0)


def _takeoffs(values: Sequence[Decimal]) -> list[tuple[int, Decimal]]:
    """What the last ``values`` make as a take-off, whatever the quantity: (how many, their
    product or the product of all but the last less the last)."""
    made = []
    for length in range(2, min(len(values), _MAX_TAKEOFF) + 1):
        run = values[-length:]
        if all(value == 1 for value in run) or any(value == 0 for value in run):
            continue
        made.append((length, _product(run)))
        if length > 2 and all(v > 0 for v in run[:-1]):
            made.append((length, _product(run[:-1]) - abs(run[-1])))
    return made


def _measurable(figures: Sequence[Figure]) -> bool:
    """Some run of figures makes a later one as its take-off: a row that may print more figures
    (what a run makes is the same for every later figure: worked out once per run)."""
    values = [figure.value for figure in figures]
    for end in range(2, len(values)):
        made = [value for _, value in _takeoffs(values[:end])]
        if any(abs(value - values[q]) <= _TAKEOFF_SLACK for value in made for q in range(end, len(values))):
            return True
    return False


def _product(values: Sequence[Decimal]) -> Decimal:
    result = Decimal(1)
    for value in values:
        result *= value
    return result


def _measured(figures: Sequence[Figure], reading: Roles) -> Roles:
    """``reading`` with the take-off printed right before its quantity or before its first
    figure (at the end of the wording, the price's column first), where one makes it."""
    taken = reading.used()
    quantity = figures[reading.quantity].value
    best: tuple[int, ...] = ()
    for end in sorted({reading.quantity, min(taken)}):
        free: list[int] = []
        for i in range(end - 1, -1, -1):
            if i in taken or figures[i].percent or figures[i].currency or len(free) == _MAX_TAKEOFF:
                break
            free.insert(0, i)
        length = takeoff([figures[i].value for i in free], quantity) if len(free) >= 2 else 0
        if length > len(best):
            best = tuple(free[-length:])
    return replace(reading, takeoff=best, equations=reading.equations + 1) if best else reading


def _left_out(figures: Sequence[Figure], index: int, used: set[int]) -> bool:
    """The figure at ``index`` is none of the reading's, nor a measure ending the wording before them
    (a figure under the header's quantity column is no wording's)."""
    figure = figures[index]
    return index not in used and (index > min(used) or not figure.worded or figure.column == "qty")


def _readings(figures: Sequence[Figure], q: int, p: int, discounts: bool, rated: frozenset[int]) -> Iterator[Roles]:
    """Every reading with ``q`` the quantity and ``p`` the unit price (``rated``: the figures
    that may be a VAT rate, ``_rate_like``)."""
    for base in _bases(figures, q, p, discounts):
        for done in (base, *_progressed(figures, base)):
            for taxed in _taxed(figures, done, rated):
                yield taxed
                yield from _derived(figures, taxed)


def _derived(figures: Sequence[Figure], reading: Roles) -> Iterator[Roles]:
    """``reading`` with the two figures printed right before its unit price that derive it:
    their product (a base and its coefficient) or the price times the second (a pack's price
    and its count), within their roundings."""
    p = reading.price
    first, second = p - 2, p - 1
    taken = reading.used()
    if first < 0 or first in taken or second in taken or reading.price_parts:
        return
    a, b = figures[first], figures[second]
    if a.percent or b.percent or a.value <= 0 or b.value <= 0:
        return
    if not (_column_allows(figures[p], "pu") and all(_column_allows(f, *_PAIR_COLUMNS) for f in (a, b))):
        return  # a column says the product is an amount, or a figure of the pair a rate, a discount or an amount
    price = figures[p].value
    # Each rounded to the cent: the base's rounding times the coefficient, the price's times the count.
    if closes(b.value, a.value, price) or closes(b.value, price, a.value):
        yield replace(reading, derived_from=(first, second), equations=reading.equations + 1)


# The header columns a derived price's pair may stand under: a base price or a pack's under the
# price's (« PU de base », « Prix colis »), a pack's count under the quantity's (« Nb/colis »); a
# coefficient's column (« Coef. ») names no role.
_PAIR_COLUMNS = ("pu", "qty")


def _column_allows(figure: Figure, *roles: str) -> bool:
    """No header column the figure stands under names a role, or it names one of ``roles``."""
    return figure.column is None or figure.column in roles


def _bases(figures: Sequence[Figure], q: int, p: int, discounts: bool) -> Iterator[Roles]:
    """The line's HT: printed (quantity × unit price, less a discount perhaps), or derived."""
    quantity, price = figures[q].value, figures[p].value
    others = [i for i in range(len(figures)) if i not in (q, p)]
    for t in others:
        if not (figures[t].percent or figures[t].measured) and closes(quantity, price, figures[t].value):
            yield Roles(q, p, figures[t].value, t, equations=1)
    if discounts:
        yield from _discounted(figures, q, p, others)
    gross = money(quantity * price)
    if gross > 0:
        yield Roles(q, p, gross, None)


def _discounted(figures: Sequence[Figure], q: int, p: int, others: list[int]) -> Iterator[Roles]:
    """HT = quantity × unit price less a discount printed as a rate or an amount, and perhaps the
    net unit price printed too."""
    quantity, price = figures[q].value, figures[p].value
    gross = quantity * price
    # A total a discount makes is below the gross, within ``closes``'s tolerance (a share of it
    # and a cent): a figure above that is no such total, whatever the discount.
    ceiling = (gross + _SLACK) / (1 - _SLACK_SHARE)
    totals = {t for t in others if 0 < figures[t].value <= ceiling and not (figures[t].percent or figures[t].measured)}
    if not totals:
        return
    for d, t in itertools.permutations(others, 2):
        off, total = figures[d].value, figures[t].value
        if off <= 0 or t not in totals:
            continue
        rate: Decimal | None = None
        as_rate = figures[d].percent or not figures[d].money  # "10 %", "10"; "9,18" is an amount
        if as_rate and off < _HUNDRED and closes(quantity, price * (1 - off / _HUNDRED), total):
            rate = off
        elif figures[d].money and not figures[d].percent and off < gross and closes(quantity, price, total + off):
            rate = (off * _HUNDRED / gross).quantize(RATE_PLACES)  # an amount off is the rate it makes
        if rate is None:
            continue
        yield Roles(q, p, total, t, rate, d, equations=1)
        net = net_price(price, rate)
        for net_at in (n for n in others if n not in (d, t) and abs(figures[n].value - net) <= _SLACK):
            yield Roles(q, p, total, t, rate, d, net_at, equations=2)  # the net unit price printed too


def _progressed(figures: Sequence[Figure], base: Roles) -> Iterator[Roles]:
    """``base`` with the share of it a progress statement says is done: a percentage and the
    amount it makes of the HT ("572,94   100,00 %   572,94")."""
    if base.ht_at is None:
        return
    taken = base.used()  # once, not once per figure
    free = [i for i in range(len(figures)) if i not in taken]
    for share in (i for i in free if figures[i].percent and 0 < figures[i].value <= _HUNDRED):
        done = money(base.ht * figures[share].value / _HUNDRED)
        for at in (i for i in free if figures[i].money and abs(figures[i].value - done) <= _SLACK):
            yield replace(base, progress_at=share, done_at=at, equations=base.equations + 1)


def _taxed(figures: Sequence[Figure], base: Roles, rated: frozenset[int]) -> Iterator[Roles]:
    """``base`` with the VAT figures the row prints: its rate, the VAT amount, the amount TTC,
    the unit price TTC. A derived HT stands on two of these (a printed rate counts as one).
    ``rated``: the figures that may be a VAT rate (``_rate_like``)."""
    if base.ht_at is not None:
        yield base
    taken = base.used()
    free = [i for i in range(len(figures)) if i not in taken]
    printed = [(figures[i].value, i) for i in free if i in rated]
    need = 1 if base.ht_at is not None else 2
    # A rate no figure shows needs its VAT amount or its TTC among the figures: a cheap screen.
    candidates = _vat_candidates(figures, free, base.ht)
    shown = [rate for rate, share in _RATE_SHARES if _near_tax(candidates, base.ht * share)] if candidates else []
    rates = [*printed, *((rate, None) for rate in shown)]
    if not rates:
        return
    unit_price = net_price(figures[base.price].value, base.discount_rate)
    for rate, at in rates:
        vat_at, ttc_at, price_ttc_at = _tax_figures(figures, base.ht, unit_price, rate, at, free)
        matched = (vat_at is not None) + (ttc_at is not None) + (price_ttc_at is not None)
        if matched + (at is not None) < need:
            continue
        # A printed rate is one more equation where it makes a figure of the row.
        found = matched + (at is not None and matched > 0)
        yield replace(
            base,
            vat_rate=rate,
            rate_at=at,
            vat_at=vat_at,
            ttc_at=ttc_at,
            price_ttc_at=price_ttc_at,
            equations=base.equations + found,
        )


def _vat_candidates(figures: Sequence[Figure], free: list[int], ht: Decimal) -> list[Decimal]:
    """What the free amounts make of the VAT of ``ht`` (themselves, or less the HT as a TTC would)
    that lies near some rate's: most rows hold none, and no rate is tried on them."""
    low, high = sorted((ht * _RATE_SHARES[0][1], ht * _RATE_SHARES[-1][1]))
    low, high = low - _SCREEN, high + _SCREEN
    candidates = []
    for i in free:  # a plain loop: this runs for every base of every pair
        figure = figures[i]
        if figure.money:
            candidates += [vat for vat in (figure.value, figure.value - ht) if low <= vat <= high]
    return candidates


def _near_tax(candidates: list[Decimal], vat: Decimal) -> bool:
    """Some candidate is about the VAT ``vat`` (unrounded)."""
    return any(abs(candidate - vat) <= _SCREEN for candidate in candidates)


def _rate_like(figure: Figure) -> bool:
    return (figure.percent or figure.column == "tva" or not figure.money) and figure.value in VAT_RATES


def _tax_figures(
    figures: Sequence[Figure], ht: Decimal, unit_price: Decimal, rate: Decimal, at: int | None, free: list[int]
) -> tuple[int | None, int | None, int | None]:
    """The figures at ``rate`` (printed at ``at``, or None) that are the VAT amount, the amount
    TTC and the unit price TTC of ``ht`` and ``unit_price``, each None when none is."""
    left = [i for i in free if i != at and figures[i].money]

    def find(value: Decimal, slack: Decimal) -> int | None:
        found = next((i for i in left if abs(figures[i].value - value) <= slack), None)
        if found is not None:
            left.remove(found)
        return found

    vat = vat_of(ht, rate)
    vat_at = find(vat, _TAX_SLACK)
    ttc_at = find(ht + (figures[vat_at].value if vat_at is not None else vat), _TAX_SLACK)
    # A unit price TTC at a rate nothing else on the row shows is too weak a match to count.
    shown = at is not None or vat_at is not None or ttc_at is not None
    price_ttc_at = find(money(unit_price * (1 + rate / _HUNDRED)), _SLACK) if shown and left else None
    return vat_at, ttc_at, price_ttc_at


def _scored(reading: Roles, figures: Sequence[Figure], used: set[int], order: Sequence[str]) -> Roles:
    """The reading ranked: figures explained and equations closed first, then what the header's
    columns (where each figure stands, and the order they print the roles in), the units and the
    usual order say."""
    q, p = figures[reading.quantity], figures[reading.price]
    score = 8 * len(used) + 4 * reading.equations
    score -= 2 * sum(1 for i in range(len(figures)) if i not in used)  # a bare figure left over (a code)
    roles = {reading.quantity: "qty", reading.price: "pu", reading.ht_at: "total", reading.rate_at: "tva"}
    roles[reading.discount_at] = "discount"
    score += 2 * sum(1 for i, role in roles.items() if i is not None and figures[i].column == role)
    score += (3 if q.unit else 0) - (2 if p.unit else 0) + 2 * (p.currency - q.currency)
    score += (1 if reading.quantity < reading.price else 0) + (1 if p.money else 0) + (1 if not q.money else 0)
    # The amount is a sum of money too: a bare "5" beside "94,76 €" is a rate (5 % off), not the HT.
    score += 1 if reading.ht_at is not None and figures[reading.ht_at].money else 0
    if "pu" in order and "qty" in order:  # the header's order of the two, where its columns stand apart from the row's
        score += 3 if (reading.price < reading.quantity) == (order.index("pu") < order.index("qty")) else 0
    score -= 2 * _against_order(reading, figures, order)
    score -= 1 if q.money and reading.quantity > reading.price else 0
    return replace(reading, score=score)


def _against_order(reading: Roles, figures: Sequence[Figure], order: Sequence[str]) -> int:
    """How many pairs of the reading's figures print their roles in the other order than the
    header's columns (``order``): « Remise  PU HT  TVA € » read « 10 » as the VAT rate and
    « 5,00 » as an amount off turns two pairs round. Two readings that close alike are told
    apart by the columns' order where the row's cells do not stand under their labels. A rate
    in "%" is left out (the search takes it after the row's figures, wherever it is printed)."""
    if len(order) < 2:
        return 0
    vat = min((i for i in (reading.rate_at, reading.vat_at) if i is not None), default=None)
    roles: list[tuple[int | None, str]] = [(reading.quantity, "qty"), (reading.price, "pu"), (reading.ht_at, "total")]
    roles += [(reading.discount_at, "discount"), (vat, "tva")]
    placed = sorted((at, order.index(role)) for at, role in roles if at is not None and role in order)
    placed = [(at, column) for at, column in placed if not figures[at].percent]
    return sum(1 for i, (_, a) in enumerate(placed) for _, b in placed[i + 1 :] if a > b)
