"""A doubtful line is read in the quote's context: the trades of its sure lines rule out the
candidates of other trades, and a line whose first words name a work, the rest only qualifying
where it is done, is that work when the context leaves one candidate. Ruling out only narrows:
a price the whole set of plausible candidates refused is never accepted."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_candidates import WORDINGS
from test_verdicts_decision import WALLS, Line, judge, make_quote

from billma_core.bareme import Bareme, load_bareme
from billma_core.bareme.schema import Trade
from billma_core.evaluation.matching import matcher_for
from billma_core.models import Cover, Outcome, Unit, Verdict

F, M2 = Unit.FORFAIT, Unit.M2
STORM = Cover.TEMPETE_GRELE_NEIGE
ROOF: Line = ("Remplacement de tuiles cassées", "12", Unit.U, "30", "10")


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _judged(bareme: Bareme, line: Line, *others: Line) -> tuple[str | None, Verdict]:
    # A storm: the roof's tarpaulin is covered, so it is a candidate that could accept a price.
    judged = judge(make_quote(line, *others), bareme, cover=STORM).lines[0]
    return judged.bareme_code, judged.verdict


# ------------------------------------------------------------------ the quote's trades rule out


def test_a_tarpaulin_on_a_painting_quote_is_a_protection_not_the_roofs(bareme: Bareme) -> None:
    # "Bâche" could be the protection (80 €) or the roof's tarpaulin (350 €): on a quote of
    # painting, the roof's is ruled out, so a protection inflated by 30 % is overpriced.
    inflated: Line = ("Bâche", "1", F, "115", "10")
    assert _judged(bareme, inflated, WALLS) == ("INS-001", Verdict.OVERPRICED)
    fair: Line = ("Bâche", "1", F, "82", "10")
    assert _judged(bareme, fair, WALLS) == ("INS-001", Verdict.OK)


@pytest.mark.parametrize("others", [(WALLS, ROOF), ()], ids=["both trades", "alone"])
def test_without_evidence_both_candidates_stay_and_a_human_chooses(bareme: Bareme, others: tuple[Line, ...]) -> None:
    # With roofing lines on the quote, or no other line, the roof's tarpaulin stays plausible;
    # it is far dearer than the protection (350 € for 80 €), so it does not accept the price: a
    # reviewer is told the line may be it.
    judged = judge(make_quote(("Bâche", "1", F, "300", "10"), *others), bareme, cover=STORM).lines[0]
    assert {c.bareme_code for c in judged.candidates} >= {"INS-001", "TOI-002"}
    assert judged.verdict is Verdict.OVERPRICED and "TOI-002" in judged.why, judged.why


def test_sure_trades_are_those_of_sure_lines_only(bareme: Bareme) -> None:
    matcher = matcher_for(bareme)
    assert matcher.sure_trades("Peinture des murs 2 couches", M2) == {Trade.PAINTING}
    assert matcher.sure_trades("Bâche", F) == frozenset()  # doubtful: protection or roofing
    assert matcher.sure_trades("Diagnostic amiante", F) == frozenset()  # unmatched


# ------------------------------------------------------------------- words that only qualify


JOINTS_ON_SUPPORT: Line = ("Jointage sur support non angulaire", "12", M2, "15", "10")
PLASTERBOARD: Line = ("Pose de cloisons en plaques de plâtre", "20", M2, "45", "10")
TILES: Line = ("Pose de faïence murale", "8", M2, "60", "10")
TARPAULIN_ON_ELEMENTS: Line = ("Bâche sur les éléments non concernés et scotch de masquage", "1", F, "80", "10")


def test_words_qualifying_where_a_work_is_done_leave_the_work(bareme: Bareme) -> None:
    assert _judged(bareme, JOINTS_ON_SUPPORT, PLASTERBOARD) == ("PLA-002", Verdict.OK)
    assert _judged(bareme, TARPAULIN_ON_ELEMENTS, WALLS) == ("INS-001", Verdict.OK)


def test_a_qualified_work_inflated_is_overpriced(bareme: Bareme) -> None:
    inflated: Line = ("Jointage sur support non angulaire", "12", M2, "21", "10")
    assert _judged(bareme, inflated, PLASTERBOARD) == ("PLA-002", Verdict.OVERPRICED)


@pytest.mark.parametrize("others", [(PLASTERBOARD, TILES), ()], ids=["both trades", "alone"])
def test_a_qualified_work_that_stays_doubtful_is_judged_against_each_reading(
    bareme: Bareme, others: tuple[Line, ...]
) -> None:
    # Joints of plasterboard (15 €) or of tiles (20 €): nothing tells which, so the line is
    # judged against both, at the best-supported one, the reviewer asked to confirm.
    fair = judge(make_quote(JOINTS_ON_SUPPORT, *others), bareme).lines[0]
    assert (fair.bareme_code, fair.verdict) == ("PLA-002", Verdict.OK), fair.why
    assert {c.bareme_code for c in fair.candidates} >= {"PLA-002", "CAR-005"} and fair.match_to_confirm
    # Above the plasterboard joints' ceiling: the tiles' joints, a third dearer, do not accept it.
    inflated: Line = ("Jointage sur support non angulaire", "12", M2, "21", "10")
    above = judge(make_quote(inflated, *others), bareme).lines[0]
    assert (above.bareme_code, above.verdict) == ("PLA-002", Verdict.OVERPRICED), above.why
    assert "CAR-005" in above.why


def test_a_qualified_protection_on_a_quote_with_roofing_is_judged_against_both(bareme: Bareme) -> None:
    # A protection (80 €) or the roof's tarpaulin (350 €): fair at the protection's price, the
    # tarpaulin shown to the reviewer.
    line = judge(make_quote(TARPAULIN_ON_ELEMENTS, WALLS, ROOF), bareme, cover=STORM).lines[0]
    assert (line.bareme_code, line.verdict) == ("INS-001", Verdict.OK), line.why
    assert "TOI-002" in {c.bareme_code for c in line.candidates}


@pytest.mark.parametrize(
    "wording",
    [
        # An unknown word right after the work is what it is done to, not a qualifier.
        "Diagnostic amiante",
        "Enlèvement des agrafes de moquette",
        # The work must be more than an action.
        "Dépose des éléments endommagés",
    ],
)
def test_an_unknown_object_is_no_qualifier(bareme: Bareme, wording: str) -> None:
    assert _judged(bareme, (wording, "10", M2, "20", "10"), WALLS, PLASTERBOARD) == (None, Verdict.UNMATCHED)


@pytest.mark.parametrize(
    ("rest", "code"),
    [
        # Masking is the protection's own word: the rest still only says where and with what.
        ("scotch de masquage", "INS-001"),
        ("adhésif de masquage", "INS-001"),
        # Ceiling tiles, skirting boards, a skip: other things the barème prices, a human reads it.
        ("dalles", None),
        ("plinthes", None),
        ("benne", None),
    ],
)
def test_a_tail_may_name_the_works_own_thing_and_no_other(bareme: Bareme, rest: str, code: str | None) -> None:
    line: Line = (f"Bâche sur les éléments non concernés et {rest}", "1", F, "80", "10")
    assert _judged(bareme, line, WALLS)[0] == code


def test_a_tail_naming_a_bareme_thing_is_read_whole(bareme: Bareme) -> None:
    # "toiture" names the roof: the line is the roof's tarpaulin, whatever the quote's trades.
    line: Line = ("Bâche sur les éléments de toiture non concernés", "1", F, "350", "10")
    assert _judged(bareme, line, WALLS)[0] == "TOI-002"


# ----------------------------------------------------------------------------------- property


TRADES = st.frozensets(st.sampled_from(list(Trade)), max_size=4)


@settings(max_examples=200, deadline=None)
@given(wording=st.sampled_from(WORDINGS), unit=st.sampled_from([None, *Unit]), trades=TRADES)
def test_the_context_only_narrows_the_plausible_candidates(
    wording: str, unit: Unit | None, trades: frozenset[Trade]
) -> None:
    matcher = matcher_for(load_bareme())
    alone, within = matcher.match(wording, unit), matcher.match_in(wording, unit, trades)
    if alone.item is not None:
        plausible = {c.item.code for c in alone.candidates[: max(alone.plausible, 1)]}
        assert {c.item.code for c in within.candidates[: max(within.plausible, 1)]} <= plausible
        assert within.parts == alone.parts


def test_a_fair_quote_with_qualified_lines_is_auto_validated(bareme: Bareme) -> None:
    quote = make_quote(JOINTS_ON_SUPPORT, PLASTERBOARD, TARPAULIN_ON_ELEMENTS, WALLS)
    evaluation = judge(quote, bareme, cover=STORM)
    assert evaluation.outcome is Outcome.AUTO_VALIDATED, [line.why for line in evaluation.lines]
    # The reviewer is still told the reading is to confirm.
    assert "à confirmer" in evaluation.lines[0].why
    assert Decimal(0) < (evaluation.lines[0].confidence or 0) < 1


# ----------------------------------------------------------------------- the line's unit rules out


def test_an_hour_is_no_item_priced_per_m2(bareme: Bareme) -> None:
    matcher = matcher_for(bareme)
    alone = matcher.match("Peinture", Unit.H)
    assert {c.item.code for c in alone.candidates[: alone.plausible]} == {"PEI-003", "MOE-002"}
    within = matcher.match_in("Peinture", Unit.H, frozenset())
    assert [c.item.code for c in within.candidates[: within.plausible]] == ["MOE-002"]
    # Per m², the same word is the painting, never the painter's hour.
    per_m2 = matcher.match_in("Peinture", M2, frozenset())
    assert per_m2.item is not None and per_m2.item.code == "PEI-003"
