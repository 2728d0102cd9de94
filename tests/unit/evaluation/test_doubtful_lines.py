"""Properties of the lines the matcher leaves doubtful (several plausible candidates): neither the
quote's context nor the heading a line is printed under ever lets through a price that every
plausible reading refuses. The doubtful development wordings are found once for both properties.

Slow: finding them matches every development wording (seconds of CPU, the largest cost the quick
suite had); CI's slow step (``.ci/run``) and ``make test-all`` run both properties in one process."""

from __future__ import annotations

import csv
import functools
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_candidates import WORDINGS
from test_section_trades import _under
from test_verdicts_decision import SETTINGS, Line, judge, make_quote

from billma_core.bareme import load_bareme
from billma_core.bareme.schema import Trade
from billma_core.evaluation.matching import matcher_for
from billma_core.evaluation.verdicts import OVERCHARGE, PricingContext, evaluate_line
from billma_core.models import Cover, LineEvaluation, QuoteLine, Unit, Verdict
from billma_core.money import money

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
HELDOUT = HERE.parents[1] / "heldout"


def _development_wordings() -> list[str]:
    """The barème's names, the public wordings and every other labelled development set."""
    found = set(WORDINGS)
    for path in (HELDOUT / "wordings2" / "wordings.tsv", HELDOUT / "wordings3" / "wordings.tsv"):
        found.update(row["wording"] for row in csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    for path in sorted(HERE.glob("wordings*.tsv")):
        rows = path.read_text(encoding="utf-8").splitlines()
        found.update(row.split("\t")[0] for row in rows if row.strip() and not row.startswith("#"))
    return sorted(found)


@functools.cache
def _doubtful() -> list[tuple[str, Unit]]:
    """The development wordings the matcher leaves doubtful (several plausible candidates) in
    their best item's unit."""
    matcher = matcher_for(load_bareme())
    pairs = []
    for wording in _development_wordings():
        first = matcher.match(wording, None)
        if first.item is None:
            continue
        unit = first.item.unit
        match = matcher.match(wording, unit)
        if match.plausible > 1 and not match.parts and match.item is not None and match.item.unit is unit:
            pairs.append((wording, unit))
    return pairs


@settings(max_examples=60, deadline=None)
@given(line=st.deferred(lambda: st.sampled_from(_doubtful())), quantity=st.integers(min_value=1, max_value=30))
def test_an_overcharge_of_the_best_reading_is_never_accepted(line: tuple[str, Unit], quantity: int) -> None:
    """Whatever other item a doubtful line could be, its best reading inflated by the overcharge
    a reviewer must see is overpriced: a dearer plausible item never lets it through."""
    wording, unit = line
    count = "1" if unit in (Unit.FORFAIT, Unit.ENS) else str(quantity)
    bareme = load_bareme()
    probe = judge(make_quote((wording, count, unit, "1", "10")), bareme, cover=Cover.AUTRE).lines[0]
    assume(probe.verdict is Verdict.OK and probe.reference_unit_price_ht is not None)
    assert probe.reference_unit_price_ht is not None
    inflated = money(probe.reference_unit_price_ht * OVERCHARGE) + Decimal("0.01")
    judged = judge(make_quote((wording, count, unit, str(inflated), "10")), bareme, cover=Cover.AUTRE).lines[0]
    assert judged.verdict is Verdict.OVERPRICED, judged.why


HEADINGS = st.one_of(
    st.sampled_from(sorted({name for names in load_bareme().vocabulary.trade_names.values() for name in names})).map(
        lambda name: f"Lot 2 – {name}"
    ),
    st.sampled_from(["Salle de bains", "Cuisine", "Divers", "Chambre 2 :", "Démolition"]),
    st.text(min_size=1, max_size=30),
)


@functools.cache
def _of_several_trades() -> list[tuple[str, Unit]]:
    """The doubtful development wordings (in their best item's unit) whose plausible candidates
    are of several trades: those a heading can choose among."""
    matcher = matcher_for(load_bareme())
    several = []
    for wording, unit in _doubtful():
        match = matcher.match(wording, unit)
        if len({c.item.trade for c in match.candidates[: match.plausible]}) > 1:
            several.append((wording, unit))
    return several


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    line=st.one_of(
        st.tuples(st.sampled_from(WORDINGS), st.sampled_from(list(Unit))),
        st.deferred(lambda: st.sampled_from(_of_several_trades())),
    ),
    data=st.data(),
)
def test_a_heading_is_never_more_lenient_than_every_plausible_candidate(
    line: tuple[str, Unit], data: st.DataObject
) -> None:
    """Priced above the highest ceiling of the candidates its words allow without a heading, a
    line is never accepted under any heading (one naming a candidate's trade, a room, any text);
    and the heading only narrows those candidates."""
    wording, unit = line
    bareme = load_bareme()
    matcher = matcher_for(bareme)
    alone = matcher.match_in(wording, unit, frozenset())
    names = [
        name
        for c in alone.candidates[: alone.plausible]
        for name in bareme.vocabulary.trade_names.get(c.item.trade, [])
    ]
    heading = data.draw(st.one_of(HEADINGS, st.sampled_from(names)) if names else HEADINGS)
    under = matcher.match_in(wording, unit, frozenset(), heading)
    plausible = {c.item.code for c in alone.candidates[: max(alone.plausible, 1)]}
    assert {c.item.code for c in under.candidates[: max(under.plausible, 1)]} <= plausible
    assert under.parts == alone.parts
    # A line naming several works is priced as their sum, which no heading touches (above).
    assume(not alone.parts)
    probe = judge(_under(None, (wording, "1", unit, "1", "10")), bareme, cover=Cover.AUTRE).lines[0]
    assume(probe.candidates and probe.verdict is Verdict.OK)
    highest = max(c.ceiling_unit_price_ht for c in probe.candidates)
    above: Line = (wording, "1", unit, str(highest + Decimal("0.01")), "10")
    # Refused without a heading (a lump sum quoted for a number of days is judged per day)...
    assume(judge(_under(None, above), bareme, cover=Cover.AUTRE).lines[0].verdict is not Verdict.OK)
    # ... and under any heading.
    judged = judge(_under(heading, above), bareme, cover=Cover.AUTRE).lines[0]
    assert judged.verdict is not Verdict.OK, judged.why


@functools.cache
def _supported() -> list[tuple[str, Unit]]:
    """The development wordings nothing is plausible for (in their best candidate's unit) whose
    evidence supports readings on a quote of every trade: those their price may confirm."""
    bareme = load_bareme()
    matcher = matcher_for(bareme)
    every = frozenset(item.trade for item in bareme.items)
    found = []
    for wording in _development_wordings():
        ranked = matcher.rank(wording, None, limit=1)
        if not ranked:
            continue
        unit = ranked[0].item.unit
        if matcher.match_in(wording, unit, every).supported:
            found.append((wording, unit))
    return found


def _context(trades: frozenset[Trade]) -> PricingContext:
    bareme = load_bareme()
    return PricingContext(
        cover=Cover.AUTRE,
        coefficient=Decimal(1),
        departement=None,
        tolerance=SETTINGS.price_tolerance,
        bareme_version=bareme.version,
        hours_per_day=bareme.hours_per_day,
        trades=trades,
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    line=st.deferred(lambda: st.sampled_from(_supported())),
    quantity=st.integers(min_value=1, max_value=30),
    extra=st.integers(min_value=0, max_value=300),
)
def test_a_price_supported_line_is_never_accepted_above_a_readings_ceiling(
    line: tuple[str, Unit], quantity: int, extra: int
) -> None:
    """A line read by its price alone (``verdicts._by_its_price``) on a quote of every trade: its
    best-supported reading inflated by the overcharge a reviewer must see is never accepted, and a
    price above the highest ceiling of the readings its evidence allows is OVERPRICED."""
    wording, unit = line
    bareme = load_bareme()
    matcher = matcher_for(bareme)
    every = frozenset(item.trade for item in bareme.items)
    supported = matcher.match_in(wording, unit, every).supported
    count = Decimal(1) if unit in (Unit.FORFAIT, Unit.ENS) else Decimal(quantity)

    def verdict(price: Decimal) -> LineEvaluation:
        quote_line = QuoteLine(
            designation=wording, quantity=count, unit=unit, unit_price_ht=price, total_ht=money(count * price)
        )
        return evaluate_line(0, quote_line, matcher, _context(every))

    named = next(c for c in supported if c.named_at is not None)
    inflated = verdict(money(named.item.unit_price_ht * OVERCHARGE) + Decimal("0.01"))
    assert inflated.verdict is not Verdict.OK, inflated.why
    assume(all(c.item.unit is unit and c.item.payable_under(Cover.AUTRE) for c in supported))
    highest = max(money(c.item.unit_price_ht * (1 + SETTINGS.price_tolerance)) for c in supported)
    above = verdict(highest + money(highest * extra / 100) + Decimal("0.01"))
    assert above.verdict is Verdict.OVERPRICED, above.why
