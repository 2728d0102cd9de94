"""Random sequences of reviewer operations never reach an inconsistent dossier: closed twice,
a REN answered without a proposal, an indemnity below zero, a motif whose rules do not hold."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from review_factory import NOW, make_dossier, opening_form

from billma_core.errors import BillmaError, Conflict
from billma_core.models import (
    Dossier,
    DossierState,
    Evaluation,
    ExclusionReason,
    LineAction,
    LineDecision,
    LineEvaluation,
    MotifCode,
    Outcome,
    Quote,
    QuoteLine,
    RenDecision,
    Verdict,
)
from billma_core.money import ZERO, money
from billma_core.review import (
    ROBOT,
    Action,
    apply_ren,
    available_motifs,
    close,
    dossier_quote_total_ttc,
    require_state,
    revise,
)
from billma_core.review.closure import MOTIFS
from billma_core.settings import Settings

P, A, R = RenDecision.PROPOSED, RenDecision.ACCEPTED, RenDecision.REFUSED
REASONS = [None, *[r.value for r in ExclusionReason], "SERVICE_NOT_PROVIDED", "AMOUNT_OUT_OF_RANGE", "n'importe"]
OPENING = opening_form()

cents = st.integers(min_value=0, max_value=200_000).map(lambda c: Decimal(c) / 100)


@st.composite
def quote_lines(draw: st.DrawFn) -> tuple[QuoteLine, LineEvaluation]:
    quantity = Decimal(draw(st.integers(min_value=0, max_value=60)))
    unit_price = money(draw(cents) / 10)
    total = money(quantity * unit_price)
    verdict = draw(st.sampled_from(list(Verdict)))
    share = Decimal(draw(st.integers(min_value=0, max_value=100))) / 100
    revised = total if verdict is Verdict.OK else money(total * share)
    rate = draw(st.sampled_from([None, Decimal("10"), Decimal("20"), Decimal("5.5"), Decimal("0.10")]))
    line = QuoteLine(designation="ligne", quantity=quantity, unit_price_ht=unit_price, total_ht=total, tva_rate=rate)
    judged = LineEvaluation(line=0, verdict=verdict, revised_total_ht=revised, why="barème")
    return line, judged


@st.composite
def dossiers(draw: st.DrawFn) -> Dossier:
    pairs = draw(st.lists(quote_lines(), min_size=1, max_size=4))
    lines = [line for line, _ in pairs]
    total_ht = money(sum((line.total_ht for line in lines), ZERO))
    stated_ttc = draw(st.sampled_from([None, money(total_ht * Decimal("1.1"))]))
    quote = Quote(lines=lines, total_ht=total_ht, total_ttc=stated_ttc)
    evaluation = Evaluation(
        sha256="0" * 64,
        outcome=draw(st.sampled_from(list(Outcome))),
        quote=quote,
        lines=[judged.model_copy(update={"line": index}) for index, (_, judged) in enumerate(pairs)],
    )
    state = draw(st.sampled_from([DossierState.ANALYSING, DossierState.TO_REVIEW, DossierState.IN_REVIEW]))
    deductible = draw(st.sampled_from(["0.00", "150.00", "380.00", "5000.00"]))
    return make_dossier(state, deductible=deductible, evaluation=evaluation)


decisions = st.just([]) | st.lists(
    st.builds(
        LineDecision,
        line=st.integers(min_value=0, max_value=3),
        action=st.sampled_from(list(LineAction)),
        quantity=st.one_of(st.none(), st.integers(min_value=0, max_value=80).map(Decimal)),
        unit_price_ht=st.one_of(st.none(), cents.map(lambda c: money(c / 10))),
        reason=st.one_of(st.none(), st.sampled_from(list(ExclusionReason))),
    ),
    max_size=4,
)

thresholds = st.sampled_from([Decimal("200.00"), Decimal("0.00"), Decimal("50.00")])


def _likely_next(dossier: Dossier) -> str:
    """The step a reviewer would most likely take next."""
    if dossier.state is DossierState.TO_REVIEW:
        return "assign"
    if dossier.state is DossierState.IN_REVIEW:
        if dossier.revision is None:
            return "revise"
        return "ren" if dossier.revision.ren_eligible else "close"
    if dossier.state is DossierState.REN_PROPOSED and len(dossier.ren) == 1:
        return "ren"
    return "close"


def _draw_operation(data: st.DataObject, dossier: Dossier, config: Settings) -> tuple:
    """One operation, drawn with an eye on the dossier so that long paths (revise, propose,
    answer, close) happen often; malformed and ill-timed operations stay in the mix."""
    kind = data.draw(st.sampled_from(["assign", "revise", "ren", "close"]))
    if data.draw(st.integers(min_value=0, max_value=3)) > 0:
        kind = _likely_next(dossier)
    if kind == "assign":
        return (kind, data.draw(st.sampled_from(["reviewer-1", "reviewer-2"])))
    if kind == "revise":
        return (kind, data.draw(decisions))
    if kind == "ren":
        if dossier.state is DossierState.REN_PROPOSED and data.draw(st.integers(min_value=0, max_value=3)) > 0:
            decision = data.draw(st.sampled_from([A, R]))
        else:
            decision = data.draw(st.sampled_from(list(RenDecision)))
        with_opening = decision is A and data.draw(st.integers(min_value=0, max_value=3)) > 0
        return (kind, decision, with_opening or data.draw(st.booleans()))
    by = data.draw(st.sampled_from(["reviewer-1", "reviewer-1", ROBOT]))
    allowed = [item.motif for item in available_motifs(dossier, config, by=by) if item.allowed]
    motif = data.draw(
        st.sampled_from(allowed) if allowed and data.draw(st.booleans()) else st.sampled_from(list(MotifCode))
    )
    valid = list(MOTIFS[motif].reasons) or [None]
    reason = data.draw(st.sampled_from(valid) | st.sampled_from(REASONS))
    return ("close", motif, reason, by)


def _apply(dossier: Dossier, operation: tuple, config: Settings) -> Dossier:
    kind = operation[0]
    if kind == "assign":
        target = require_state(dossier, Action.ASSIGN)
        return dossier.model_copy(update={"state": target, "assigned_to": operation[1]})
    if kind == "revise":
        revision = revise(dossier, operation[1], None, "reviewer-1", NOW, config)
        return dossier.model_copy(update={"revision": revision})
    if kind == "ren":
        decision, with_opening = operation[1], operation[2]
        events = apply_ren(dossier, decision, OPENING if with_opening else None, "reviewer-1", NOW, config)
        return dossier.model_copy(update={"ren": events, "state": DossierState.REN_PROPOSED})
    motif, reason, by = operation[1], operation[2], operation[3]
    closure = close(dossier, motif, reason, None, by, NOW, config)
    return dossier.model_copy(update={"closure": closure, "state": DossierState.CLOSED})


def _check(dossier: Dossier, config: Settings) -> None:
    threshold = config.ren_threshold_ttc
    assert (dossier.state is DossierState.CLOSED) == (dossier.closure is not None)
    decisions_seen = [event.decision for event in dossier.ren]
    # A REN is proposed at most once, and answered at most once, right after its proposal.
    assert decisions_seen in ([], [P], [P, A], [P, R])
    assert all(event.opening is not None for event in dossier.ren if event.decision is A)
    if dossier.ren:
        assert dossier.state in (DossierState.REN_PROPOSED, DossierState.CLOSED)
        assert dossier.revision is not None and dossier.revision.gap_ttc > threshold
    if dossier.revision is not None:
        revision = dossier.revision
        assert revision.revised_total_ht == sum((line.revised_total_ht for line in revision.lines), ZERO)
        assert revision.gap_ttc == dossier_quote_total_ttc(dossier) - revision.revised_total_ttc
        assert revision.ren_eligible == (revision.gap_ttc > threshold)
    closure = dossier.closure
    if closure is None:
        return
    settlement = closure.settlement
    assert settlement.deductible == dossier.form.deductible
    if settlement.amount is None:
        assert settlement.indemnity is None
    else:
        assert settlement.indemnity is not None and settlement.indemnity >= 0
        assert settlement.indemnity == max(settlement.amount - settlement.deductible, ZERO)
    motif = closure.motif
    rule = MOTIFS[motif]
    assert closure.revised_by == rule.revised_by
    assert (closure.reason in rule.reasons) if rule.reasons else closure.reason is None
    gap = dossier.revision.gap_ttc if dossier.revision is not None else None
    if motif is MotifCode.AUTO_VALIDATED:
        assert closure.closed_by == ROBOT
        assert dossier.evaluation is not None and dossier.evaluation.outcome is Outcome.AUTO_VALIDATED
    else:
        assert closure.closed_by != ROBOT
    if motif is MotifCode.GAP_UNDER_200:
        assert gap is not None and ZERO < gap <= threshold and not dossier.ren
    if motif is MotifCode.FALSE_ALERT:
        assert gap is not None and gap <= ZERO and not dossier.ren
    if motif is MotifCode.INDEMNITY_REVISED:
        assert gap is not None and gap > threshold and decisions_seen == [P, R]
        assert settlement.amount == dossier.revision.revised_total_ttc
    if motif is MotifCode.REN_ACCEPTED:
        assert decisions_seen == [P, A]
        assert closure.ren_opening is not None and closure.ren_opening["origin"] == "REN SUITE BILLMA"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossiers(), thresholds, st.integers(min_value=2, max_value=14), st.data())
def test_random_operations_keep_the_dossier_consistent(dossier, threshold, steps, data):
    config = Settings(ren_threshold_ttc=threshold)
    _check(dossier, config)
    closures = 0
    for _ in range(steps):
        operation = _draw_operation(data, dossier, config)
        was_closed = dossier.state is DossierState.CLOSED
        if operation[0] == "close" and not was_closed:
            offered = {item.motif: item.allowed for item in available_motifs(dossier, config, by=operation[3])}
        try:
            after = _apply(dossier, operation, config)
        except Conflict:
            after = dossier
        except BillmaError:
            # A refusal never hides a final dossier: closed dossiers answer Conflict only.
            assert not was_closed
            after = dossier
        else:
            assert not was_closed, "a closed dossier changed"
            if operation[0] == "close":
                closures += 1
                event(f"closed {operation[1].value}")
                assert offered[operation[1]], "closed with a motif the page would not offer"
            if operation[0] == "ren":
                event(f"REN {operation[1].value}")
        dossier = after
        _check(dossier, config)
    assert closures <= 1
