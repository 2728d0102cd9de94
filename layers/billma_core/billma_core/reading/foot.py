"""The roles of the document's own figures (its foot: totals, VAT, deposits), found by the
document's equations, as ``roles`` finds a line's.

Among the money figures outside the lines, a reading gives some the roles total HT, VAT and
total TTC (each printed, or derived from the two others) and says whether the lines are priced
HT or TTC; it must close the lines' equation (the lines make the HT, less a discount the foot
prints, or the TTC) and counts the others it closes: HT + VAT = TTC, the VAT the HT's at one
rate, or the VAT a breakdown states per rate adds up (``breakdown_equations``). The totals'
labels only rank the readings that close (as a table's header ranks a
line's): a figure under « Total TTC » is rather the TTC, one printed after a deposit rather the
sum still due than the work's total. No reading that closes fewer than two equations is given:
then the labels' reading stands, and the checks name the figures that disagree.

>>> f = lambda value, label=None: FootFigure(Decimal(value), len(label or ""), label)
>>> found = search([f("300.00", "ht"), f("30.00", "tva"), f("330.00", "ttc")], Decimal("300.00"), 2)
>>> found.total_ht, found.total_tva, found.total_ttc, found.lines_ttc, found.equations
(Decimal('300.00'), Decimal('30.00'), Decimal('330.00'), False, 3)
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from billma_core.amounts import ht_of, ttc_of, vat_of
from billma_core.checks import TOTAL_SLACK, TTC_SLACK
from billma_core.money import CENT, money
from billma_core.reading.roles import VAT_RATES

_POSITIVE_RATES = tuple(sorted(rate for rate in VAT_RATES if rate > 0))
_ROLE_LABELS = {"ht": {"ht"}, "tva": {"tva", "tva_total"}, "ttc": {"ttc", "net"}}
_MIN_EQUATIONS = 2


@dataclass(frozen=True, slots=True)
class FootFigure:
    """A money figure printed outside the lines."""

    value: Decimal  # its sign kept: a discount or a deposit may be printed negative
    row: int  # the row it stands on, in reading order
    label: str | None = None  # the total its label names ("ht", "ttc", "net", "tva", "tva_total")
    after_deduction: bool = False  # printed at or after a deposit, a payment made, an amount withheld
    discount: bool = False  # its row names a discount
    rate: Decimal | None = None  # the one VAT rate its row (or its label's cell) names
    deduction: bool = False  # its row (or its label's cell) names a deposit, a payment made, an amount withheld
    share: bool = False  # stated as a share of a total ("30 % du montant TTC, soit …"): a part of it, no total


@dataclass(frozen=True, slots=True)
class FootReading:
    total_ht: Decimal
    total_tva: Decimal
    total_ttc: Decimal
    lines_ttc: bool  # the lines add up to the TTC: their figures are TTC
    rate: Decimal | None  # the one rate that makes the VAT of the HT, when one does
    equations: int
    score: int


def search(
    figures: Sequence[FootFigure],
    lines_sum: Decimal,
    line_count: int,
    vats: Sequence[Decimal] = (),
    no_vat: bool = False,
    in_words: Decimal | None = None,
    breakdown: Mapping[Decimal, tuple[Decimal | None, Decimal]] | None = None,
) -> FootReading | None:
    """The best reading of the foot's ``figures`` that closes two equations or more, or None.
    ``lines_sum``: the lines' amounts as read; ``vats``: the VAT totals the foot states as sums
    (its VAT rows per rate, its recap), beside its single figures; ``no_vat``: the document says
    no VAT is due (a seller outside VAT, a reverse charge); ``in_words``: the sum a sentence
    states in words ("Arrêté le présent devis à la somme de …"), the TTC's; ``breakdown``: the
    base (when printed) and the VAT the foot states per rate."""
    best: FootReading | None = None
    # The VAT: a figure, a sum the foot states, none due, or (None) the TTC less the HT.
    vat_options: list[tuple[Decimal | None, int | None]] = [(f.value, i) for i, f in enumerate(figures) if f.value > 0]
    vat_options += [(money(v), None) for v in dict.fromkeys([*vats, *_per_rate(figures)]) if v > 0]
    vat_options += [(None, None)]
    if no_vat:
        vat_options = [(money(0), None)]  # a seller outside VAT, a reverse charge: none charged
    for lines_ttc in (False, True):
        for ht_at, ttc_at in itertools.product([None, *range(len(figures))], repeat=2):
            if ht_at is not None and ttc_at is not None and ht_at == ttc_at and not no_vat:
                continue
            if (ht_at is not None and figures[ht_at].value <= 0) or (ttc_at is not None and figures[ttc_at].value <= 0):
                continue
            if _mislabelled(figures, "ht", ht_at, no_vat) or (
                _mislabelled(figures, "ttc", ttc_at, no_vat) and not _no_vat_of(figures, ht_at, ttc_at)
            ):
                continue
            for vat, vat_at in vat_options:
                if (vat_at is not None and vat_at in (ht_at, ttc_at)) or (vat is None and None in (ht_at, ttc_at)):
                    continue
                if _mislabelled(figures, "tva", vat_at, no_vat):
                    continue
                at = (ht_at, vat_at, ttc_at)
                reading = _reading(figures, lines_sum, line_count, lines_ttc, at, vat, (in_words, breakdown or {}))
                if reading is not None and (best is None or reading.score > best.score):
                    best = reading
    return best


def _reading(
    figures: Sequence[FootFigure],
    lines_sum: Decimal,
    line_count: int,
    lines_ttc: bool,
    at: tuple[int | None, int | None, int | None],
    stated_vat: Decimal | None,
    stated: tuple[Decimal | None, Mapping[Decimal, tuple[Decimal | None, Decimal]]],
) -> FootReading | None:
    """The reading with the HT, the VAT and the TTC at ``at`` (None: not printed; the VAT a sum
    the foot states, or derived when ``stated_vat`` is None), or None when it closes too few
    equations; of what the document ``stated`` otherwise, the TTC the sum in words states closes
    one more, and the breakdown per rate those of ``breakdown_equations``."""
    in_words, breakdown = stated
    ht_at, vat_at, ttc_at = at
    ht = figures[ht_at].value if ht_at is not None else None
    ttc = figures[ttc_at].value if ttc_at is not None else None
    vat = stated_vat if stated_vat is not None else money(ttc - ht) if ttc is not None and ht is not None else None
    if vat is None or (ht is None and ttc is None):
        return None
    ht = ht if ht is not None else money(ttc - vat) if ttc is not None else None
    assert ht is not None
    ttc = ttc if ttc is not None else money(ht + vat)
    if abs(ht + vat - ttc) > TTC_SLACK or not plausible_vat(ht, vat):
        return None  # a derived total closes by construction; printed ones must
    # HT + VAT = TTC, all three printed; a VAT that is the HT's at one rate (printed, or the TTC less the HT).
    equations = int(stated_vat is not None and ht_at is not None and ttc_at is not None and ht_at != ttc_at)
    rate = one_rate(ht, vat)
    equations += rate is not None and (vat_at is not None or stated_vat is None)
    discount = _discount(figures, lines_sum, ht, lines_ttc, at)
    made = abs(lines_sum - ttc) <= TOTAL_SLACK + CENT * line_count if lines_ttc else discount is not None
    equations += 1 + (in_words is not None and abs(ttc - in_words) <= TTC_SLACK)
    equations += breakdown_equations(ht, vat, breakdown)
    if (
        not made  # the lines tie every reading: the foot's own figures alone may close by chance
        or equations < _MIN_EQUATIONS
        or _contradicted(figures, ht, "ht", discount)
        or _contradicted(figures, ttc, "ttc", Decimal(0))
    ):
        return None
    # Ranked by the labels agreeing (a label of another total never takes the role: ``_mislabelled``),
    # then by what is printed; a figure after a deposit is rather the sum still due.
    printed = [figures[i] for i in at if i is not None]
    score = 10 * equations + len(printed) + 3 * sum(f.label is not None for f in printed)
    score -= 3 * sum(f.after_deduction or f.discount for f in printed) + (1 if discount else 0)
    return FootReading(money(ht), money(vat), money(ttc), lines_ttc, rate, equations, score)


def _mislabelled(figures: Sequence[FootFigure], role: str, at: int | None, no_vat: bool) -> bool:
    """The figure at ``at`` is labelled as another total than ``role`` ("Total HT" is never the
    TTC: a document whose HT is wrong must not read as one whose TTC is right), or is what was
    taken off the total. Outside VAT the sum to pay is the HT."""
    if at is None:
        return False
    if figures[at].deduction or figures[at].share:
        return True  # a deposit, a payment made, an amount withheld, an instalment is no total
    if figures[at].label is None:
        return False
    allowed = _ROLE_LABELS[role] | ({"net"} if no_vat and role == "ht" else set())
    return figures[at].label not in allowed


def _no_vat_of(figures: Sequence[FootFigure], ht_at: int | None, ttc_at: int | None) -> bool:
    """The figure at ``ttc_at``, under a VAT's label, is more than the printed HT at ``ht_at``:
    no VAT of it at any rate (``plausible_vat``), but a total its label's words ran into (« Total
    toutes taxes comprises » glued to the next cell reads as « Total … taxes »). It may be the TTC."""
    if ht_at is None or ttc_at is None or figures[ttc_at].label not in _ROLE_LABELS["tva"]:
        return False
    ht, figure = figures[ht_at], figures[ttc_at]
    return ht.label == "ht" and not (figure.deduction or figure.share) and figure.value > ht.value


def one_rate(ht: Decimal, vat: Decimal) -> Decimal | None:
    """The rate whose share of ``ht`` the VAT is, if one is."""
    return next((r for r in _POSITIVE_RATES if abs(vat_of(ht, r) - vat) <= TTC_SLACK), None)


def breakdown_equations(ht: Decimal, vat: Decimal, breakdown: Mapping[Decimal, tuple[Decimal | None, Decimal]]) -> int:
    """The equations a VAT breakdown at two rates or more closes with a reading's ``ht`` and
    ``vat``: the VAT of its rates add up to the VAT, its bases (all printed) to the HT. Each row
    already closes its own (base × rate = VAT of the rate: ``lines.vat_recap_row``). One rate
    makes no equation of its own: its VAT is the HT's at that rate (``one_rate``)."""
    if len(breakdown) < 2:
        return 0
    bases = [base for base, _ in breakdown.values()]
    vats = sum((share for _, share in breakdown.values()), Decimal(0))
    made = None not in bases and abs(sum((b for b in bases if b is not None), Decimal(0)) - ht) <= TOTAL_SLACK
    return (abs(vats - vat) <= TTC_SLACK) + made


def plausible_vat(ht: Decimal, vat: Decimal) -> bool:
    """The VAT is some rate's share of the HT: between the least rate's and the greatest's (a
    deposit taken off the TTC also makes TTC − deposit = the sum due, no HT + VAT; a TTC read
    as the VAT makes 100 % or more of the HT). Every VAT the reader chooses or derives is."""
    if vat == 0:
        return True
    return vat_of(ht, _POSITIVE_RATES[0]) - TTC_SLACK <= vat <= vat_of(ht, _POSITIVE_RATES[-1]) + TTC_SLACK


def completed(
    ht: Decimal | None, vat: Decimal | None, ttc: Decimal | None, no_vat: bool
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """The totals with the one missing derived from the two others (a quote prints at least two
    of them), the one place a total is derived: only when the VAT it makes or uses is plausible
    (``plausible_vat``), never an HT of nothing or less. Two totals that make no plausible third
    are misread (a TTC read as the VAT, a TTC lost to OCR): the missing one stays unknown, and
    the checks say so. Outside VAT the one total is the HT and the TTC."""
    if no_vat and vat is None and (ht is None) != (ttc is None):
        return (ht or ttc), money(0), (ht or ttc)
    if ht is not None and vat is not None and ttc is None and plausible_vat(ht, vat):
        return ht, vat, ttc_of(ht, vat)
    if ht is None and vat is not None and ttc is not None and ttc > vat and plausible_vat(ht_of(ttc, vat), vat):
        return ht_of(ttc, vat), vat, ttc
    if ht is not None and vat is None and ttc is not None and ttc >= ht and plausible_vat(ht, money(ttc - ht)):
        return ht, money(ttc - ht), ttc
    return ht, vat, ttc


def _per_rate(figures: Sequence[FootFigure]) -> list[Decimal]:
    """The VAT the foot's rows per rate add up to ("TVA 10 % … / TVA 20 % …"), the last row of
    each rate counted: none when it names one rate or none."""
    by_rate = {f.rate: f.value for f in figures if f.rate is not None and f.label in _ROLE_LABELS["tva"]}
    return [sum(by_rate.values(), Decimal(0))] if len(by_rate) > 1 else []


def _contradicted(figures: Sequence[FootFigure], value: Decimal, role: str, discount: Decimal | None) -> bool:
    """A figure printed under the label of the total ``role`` (before any deduction) says
    another value than the reading's, or than it before a ``discount`` taken off: the document
    states that total otherwise, and its own words stand (the checks name the figures)."""
    values = (value, value + (discount or 0))
    return any(
        f.label in _ROLE_LABELS[role]
        and not (f.after_deduction or f.discount)
        and all(abs(f.value - v) > TTC_SLACK for v in values)
        for f in figures
    )


def _discount(
    figures: Sequence[FootFigure],
    lines_sum: Decimal,
    ht: Decimal,
    lines_ttc: bool,
    taken: tuple[int | None, ...],
) -> Decimal | None:
    """What the foot takes off the lines' sum to make the HT: nothing (0), a discount it prints,
    or None when the lines do not make the HT."""
    if lines_ttc:
        return None
    if abs(lines_sum - ht) <= TOTAL_SLACK:
        return Decimal(0)
    for at, figure in enumerate(figures):
        if at not in taken and figure.discount and abs(lines_sum - abs(figure.value) - ht) <= TOTAL_SLACK:
            return abs(figure.value)
    return None
