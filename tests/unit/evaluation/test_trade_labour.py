"""Labour by the hour of a known trade is priced at that trade's hourly item (issue 12), the trade
named by the line's own words, else by its heading or the quote's one trade: words naming no trade
may be any trade's hour, and the context only narrows those; the general labour item stays
plausible after the trade's. A day line near an item priced by the day is that
item, not a day's labour. A work said to follow a loss is the barème's after-loss item of that work
when there is one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_verdicts_decision import PROTECTION, WALLS, judge, make_quote

from billma_core.bareme import Bareme, load_bareme
from billma_core.bareme.schema import Trade
from billma_core.evaluation.matching import Match, matcher_for
from billma_core.evaluation.text import fold
from billma_core.models import Outcome, Unit, Verdict


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _hourly(bareme: Bareme, trade: Trade) -> str:
    """The hourly item whose heads name ``trade`` (the barème's data, not this test's)."""
    matcher = matcher_for(bareme)
    (code,) = [
        item.code
        for item in bareme.items
        if item.unit is Unit.H and trade in matcher.heading_trades(" ".join(item.heads))
    ]
    return code


@pytest.mark.parametrize("wording", ["Hr élec", "Dépannage élec hors fournitures"])
def test_an_hour_whose_words_name_a_trade_is_that_trades_labour(bareme: Bareme, wording: str) -> None:
    match = matcher_for(bareme).match(wording, Unit.H)
    assert match.item is not None and match.item.code == _hourly(bareme, Trade.ELECTRICITY)
    assert bareme.general_labour in {c.item.code for c in match.candidates[: match.plausible]}


def _plausible(match: Match) -> list[str]:
    return [c.item.code for c in match.candidates[: match.plausible]]


def test_an_hour_whose_words_name_no_trade_may_be_any_trades_hour(bareme: Bareme) -> None:
    match = matcher_for(bareme).match("Main d'œuvre", Unit.H)
    hours = {_hourly(bareme, trade) for trade in (Trade.PLUMBING, Trade.ELECTRICITY, Trade.PAINTING)}
    assert _plausible(match)[0] == bareme.general_labour
    assert hours <= set(_plausible(match))


@pytest.mark.parametrize(
    ("section", "trades", "first"),
    [
        (None, frozenset(), None),
        ("Salle de bains", frozenset(), None),  # a room names no trade
        (None, frozenset({Trade.PLUMBING}), Trade.PLUMBING),
        (None, frozenset({Trade.PLUMBING, Trade.CLEANING, Trade.SITE_SETUP}), Trade.PLUMBING),
        ("Lot 4 – Plomberie sanitaire", frozenset(), Trade.PLUMBING),
        ("Lot 4 – Plomberie sanitaire", frozenset({Trade.PLUMBING, Trade.PAINTING}), Trade.PLUMBING),
        ("ÉLECTRICITÉ", frozenset({Trade.PLUMBING, Trade.ELECTRICITY}), Trade.ELECTRICITY),
    ],
)
def test_the_heading_or_the_quotes_one_trade_narrows_a_labour_line_to_that_trades_hour(
    bareme: Bareme, section: str | None, trades: frozenset[Trade], first: Trade | None
) -> None:
    matcher = matcher_for(bareme)
    alone = matcher.match("Main d'œuvre", Unit.H)
    within = matcher.match_in("Main d'œuvre", Unit.H, trades, section)
    assert within.item is not None
    assert within.item.code == (_hourly(bareme, first) if first else bareme.general_labour)
    # Only narrowed: never a candidate the words alone did not allow.
    assert set(_plausible(within)) <= set(_plausible(alone))
    assert bareme.general_labour in _plausible(within)


def test_on_a_quote_of_several_trades_a_labour_line_stays_the_general_labour_among_their_hours(
    bareme: Bareme,
) -> None:
    trades = frozenset({Trade.PLUMBING, Trade.PAINTING})
    match = matcher_for(bareme).match_in("Temps passé", Unit.H, trades)
    expected = {bareme.general_labour, _hourly(bareme, Trade.PLUMBING), _hourly(bareme, Trade.PAINTING)}
    assert _plausible(match)[0] == bareme.general_labour
    assert set(_plausible(match)) == expected


def test_a_labour_hour_of_two_trades_is_one_of_them_never_their_sum(bareme: Bareme) -> None:
    match = matcher_for(bareme).match("Main d'œuvre plomberie et électricité", Unit.H)
    assert not match.parts
    assert set(_plausible(match)) == {_hourly(bareme, Trade.PLUMBING), _hourly(bareme, Trade.ELECTRICITY)}


def _labour_under(section: str | None, price: Decimal, bareme: Bareme) -> Verdict:
    """The verdict on a labour line of a quote with a tap and a painted wall, all under ``section``."""
    tap = ("Remplacement du mitigeur", "1", Unit.U, "150", "10")
    quote = make_quote(tap, WALLS, ("Main d'œuvre", "3", Unit.H, str(price), "10"), postal=None)
    for line in quote.lines:
        line.section = section
    verdict: Verdict = judge(quote, bareme).lines[2].verdict
    return verdict


def test_a_labour_line_is_fair_at_its_headings_trade_rate_and_overpriced_above_its_ceiling(bareme: Bareme) -> None:
    rate = bareme.item(_hourly(bareme, Trade.PLUMBING)).unit_price_ht
    general = bareme.item(bareme.general_labour or "").unit_price_ht
    ceiling = rate * Decimal("1.15")
    assert rate > general
    assert _labour_under("PLOMBERIE", ceiling, bareme) is Verdict.OK
    # No trade named: the plumber's ceiling is above every ceiling an overcharge of the general
    # labour allows, so it is not reached without the heading.
    assert _labour_under(None, ceiling, bareme) is Verdict.OVERPRICED
    assert _labour_under("Salle de bains", ceiling, bareme) is Verdict.OVERPRICED
    assert _labour_under("PLOMBERIE", ceiling + Decimal("0.01"), bareme) is Verdict.OVERPRICED


def test_a_trades_hour_is_fair_at_its_rate_and_overpriced_above_its_ceiling(bareme: Bareme) -> None:
    rate = bareme.item(_hourly(bareme, Trade.ELECTRICITY)).unit_price_ht
    general = bareme.item(bareme.general_labour or "").unit_price_ht
    assert rate > general
    fair = judge(make_quote(PROTECTION, WALLS, ("Hr élec", "2", Unit.H, str(rate), "10"), postal=None), bareme)
    assert fair.outcome is Outcome.AUTO_VALIDATED
    assert [e.verdict for e in fair.lines] == [Verdict.OK] * 3
    hour = ("Hr élec", "2", Unit.H, str(rate * 2), "10")
    inflated = judge(make_quote(PROTECTION, WALLS, hour, postal=None), bareme)
    assert inflated.lines[2].verdict is Verdict.OVERPRICED
    assert inflated.outcome is not Outcome.AUTO_VALIDATED


def test_a_day_line_near_an_item_priced_by_the_day_is_that_item(bareme: Bareme) -> None:
    match = matcher_for(bareme).match("Loc. déshu. /j", Unit.DAY)
    assert match.item is not None and match.item.unit is Unit.DAY
    assert matcher_for(bareme).match("Journée de compagnon", Unit.DAY).item == bareme.item(bareme.general_labour or "")


@pytest.mark.parametrize("wording", ["Nettoyage dégât des eaux", "Nettoyage suite à sinistre (chambre)"])
def test_a_cleaning_that_follows_a_loss_is_the_after_loss_item_the_plain_one_still_plausible(
    bareme: Bareme, wording: str
) -> None:
    matcher = matcher_for(bareme)
    plain = matcher.match("Nettoyage", Unit.M2)
    match = matcher.match(wording, Unit.M2)
    assert match.item is not None and plain.item is not None and match.item != plain.item
    assert match.item.trade == plain.item.trade
    assert plain.item.code in {c.item.code for c in match.candidates[: match.plausible]}
    # Its own names say so: the loss is the evidence, not a word of this test's.
    assert any(
        word in fold(name) for name in (match.item.label, *match.item.synonyms) for word in ("sinistre", "degat")
    )


def test_a_loss_mentioned_on_a_work_with_no_after_loss_item_changes_nothing(bareme: Bareme) -> None:
    matcher = matcher_for(bareme)
    assert (
        matcher.match("Peinture des murs pièce sinistrée", Unit.M2).item
        == matcher.match("Peinture des murs", Unit.M2).item
    )
