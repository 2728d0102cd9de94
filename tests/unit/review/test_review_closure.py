from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from review_factory import (
    NOW,
    REVIEWER,
    SETTINGS,
    closed,
    make_dossier,
    make_evaluation,
    revised,
    small_gap_decisions,
    with_ren,
)

from billma_core.errors import Conflict, RuleViolation
from billma_core.labels import MOTIFS as MOTIF_LABELS
from billma_core.models import Dossier, DossierState, MotifCode, Outcome, RenDecision
from billma_core.review import (
    MOTIFS,
    REN_ORIGIN,
    ROBOT,
    available_motifs,
    close,
    ren_opening_event,
)
from billma_core.review.ren import apply_ren
from billma_core.settings import Settings

M = MotifCode
P, A, R = RenDecision.PROPOSED, RenDecision.ACCEPTED, RenDecision.REFUSED


# ------------------------------------------------------------------------------ situations


def in_review() -> Dossier:
    return make_dossier()


def robot_validated() -> Dossier:
    return make_dossier(DossierState.ANALYSING, evaluation=make_evaluation(Outcome.AUTO_VALIDATED))


def gap_825() -> Dossier:
    return revised(make_dossier())


def gap_132() -> Dossier:
    return revised(make_dossier(), small_gap_decisions())


def gap_0() -> Dossier:
    return revised(make_dossier(), small_gap_decisions("30.00"))


def gap_negative() -> Dossier:
    return revised(make_dossier(), small_gap_decisions("31.00"))  # 40 € HT more: −44,00 TTC


def ren_proposed() -> Dossier:
    return with_ren(gap_825(), P)


def ren_accepted() -> Dossier:
    return with_ren(ren_proposed(), A)


def ren_refused() -> Dossier:
    return with_ren(ren_proposed(), R)


def _ren_under(dossier: Dossier, threshold: str, answer: RenDecision | None = None) -> Dossier:
    """A REN proposed while the threshold was lower (it is configurable)."""
    settings = Settings(ren_threshold_ttc=Decimal(threshold))
    events = apply_ren(dossier, P, None, REVIEWER, NOW, settings)
    dossier = dossier.model_copy(update={"ren": events, "state": DossierState.REN_PROPOSED})
    if answer is not None:
        dossier = with_ren(dossier, answer)
    return dossier


def gap_132_ren_refused() -> Dossier:
    return _ren_under(gap_132(), "100.00", R)


def gap_132_ren_proposed() -> Dossier:
    return _ren_under(gap_132(), "100.00")


def gap_negative_ren_proposed() -> Dossier:
    return _ren_under(gap_negative(), "-100.00")


def state(value: DossierState) -> Callable[[], Dossier]:
    def build() -> Dossier:
        return make_dossier(value)

    build.__name__ = value.value.lower()
    return build


SITUATIONS: list[Callable[[], Dossier]] = [
    in_review,
    robot_validated,
    gap_825,
    gap_132,
    gap_0,
    gap_negative,
    ren_proposed,
    ren_accepted,
    ren_refused,
    gap_132_ren_refused,
    gap_132_ren_proposed,
    gap_negative_ren_proposed,
    state(DossierState.TO_REVIEW),
    state(DossierState.AWAITING_DOCUMENT),
]

GOOD_REASON = {M.INDEMNITY_REVISED: "OVERVALUED", M.OUT_OF_SCOPE: "SERVICE_NOT_PROVIDED"}


def _close(dossier, motif, reason=None, by=REVIEWER, settings=SETTINGS):
    return close(dossier, motif, reason, "commentaire", by, NOW, settings)


# ---------------------------------------------------------------------------- passing ones

PASSING = [
    # motif, situation, reason, by, settled_by, basis, amount, indemnity (deductible 150)
    (M.AUTO_VALIDATED, robot_validated, None, ROBOT, "GST AZ", "QUOTE_TOTAL", "2123.00", "1973.00"),
    (M.UNREACHABLE_MISSING_INFO, in_review, None, REVIEWER, None, "NONE", None, None),
    (M.UNREACHABLE_MISSING_INFO, ren_proposed, None, REVIEWER, None, "NONE", None, None),
    (M.GAP_UNDER_200, gap_132, None, REVIEWER, "GST AZ", "QUOTE_TOTAL", "2123.00", "1973.00"),
    (M.FALSE_ALERT, gap_0, None, REVIEWER, "GST AZ", "QUOTE_TOTAL", "2123.00", "1973.00"),
    (M.FALSE_ALERT, gap_negative, None, REVIEWER, "GST AZ", "QUOTE_TOTAL", "2123.00", "1973.00"),
    (M.INDEMNITY_REVISED, ren_refused, "OVERVALUED", REVIEWER, "GST AZ", "REVISED_TOTAL", "1298.00", "1148.00"),
    (M.INDEMNITY_REVISED, ren_refused, "FRAUD", REVIEWER, "GST AZ", "REVISED_TOTAL", "1298.00", "1148.00"),
    (M.INDEMNITY_REVISED, ren_refused, "NOT_COVERED", REVIEWER, "GST AZ", "REVISED_TOTAL", "1298.00", "1148.00"),
    (M.INDEMNITY_REVISED, ren_refused, "UNRELATED_TO_CLAIM", REVIEWER, "GST AZ", "REVISED_TOTAL", "1298.00", "1148.00"),
    (M.COVER_REFUSED, in_review, None, REVIEWER, None, "ZERO", "0.00", "0.00"),
    (M.COVER_REFUSED, gap_825, None, REVIEWER, None, "ZERO", "0.00", "0.00"),
    (M.REN_ACCEPTED, ren_accepted, None, REVIEWER, "GST Multi AZ", "IN_KIND_REPAIR", None, None),
    (M.DUPLICATE_OR_WRONG_DOCUMENT, in_review, None, REVIEWER, None, "NONE", None, None),
    (M.OUT_OF_SCOPE, in_review, "SERVICE_NOT_PROVIDED", REVIEWER, "GST AZ", "NONE", None, None),
    (M.OUT_OF_SCOPE, gap_825, "AMOUNT_OUT_OF_RANGE", REVIEWER, "GST AZ", "NONE", None, None),
    (M.OUT_OF_SCOPE, ren_proposed, "EXPERT_ALREADY_MANDATED", REVIEWER, "GST AZ", "NONE", None, None),
    (M.OUT_OF_SCOPE, in_review, "SIMPLIFICATION_MEASURE", REVIEWER, "GST AZ", "NONE", None, None),
]


@pytest.mark.parametrize(
    ("motif", "situation", "reason", "by", "settled_by", "basis", "amount", "indemnity"),
    PASSING,
    ids=[f"{row[0].value}-{row[1].__name__}-{row[2]}" for row in PASSING],
)
def test_every_motif_closes_when_its_rules_hold(motif, situation, reason, by, settled_by, basis, amount, indemnity):
    closure = _close(situation(), motif, reason, by)
    assert closure.motif is motif
    assert closure.label == MOTIF_LABELS[motif]
    assert closure.reason == reason
    assert closure.comment == "commentaire"
    assert closure.closed_by == by and closure.closed_at == NOW
    assert closure.revised_by == ("ROBOT" if motif is M.AUTO_VALIDATED else "BILLMATEUR")
    settlement = closure.settlement
    assert settlement.settled_by == settled_by
    assert settlement.basis == basis
    assert settlement.amount == (None if amount is None else Decimal(amount))
    assert settlement.indemnity == (None if indemnity is None else Decimal(indemnity))
    assert settlement.deductible == Decimal("150.00")
    assert (closure.ren_opening is not None) is (motif is M.REN_ACCEPTED)


def test_every_motif_has_a_passing_case():
    assert {row[0] for row in PASSING} == set(MotifCode)


def test_labels_are_the_design_ones():
    assert MOTIF_LABELS == {
        M.AUTO_VALIDATED: "BillMA Validation automatique",
        M.UNREACHABLE_MISSING_INFO: "Clos - assuré injoignable / Manque d'information",
        M.GAP_UNDER_200: "Clos - Eco. Moins de 200 euros",
        M.FALSE_ALERT: "Clos - Fausse alerte",
        M.INDEMNITY_REVISED: "Clos - Montant indemnisation révisé",
        M.COVER_REFUSED: "Clos - Refus de prise en charge",
        M.REN_ACCEPTED: "Clos - REN",
        M.DUPLICATE_OR_WRONG_DOCUMENT: "Doublon / Erreur document",
        M.OUT_OF_SCOPE: "Hors périmètre BillMA",
    }


# --------------------------------------------------------------------------- refusing ones

REVIEWER_MOTIFS = [motif for motif in MotifCode if motif is not M.AUTO_VALIDATED]

REFUSING = [
    # motif, situation, reason, by, rule, words of the French message
    (M.AUTO_VALIDATED, robot_validated, None, REVIEWER, "robot_only", "réservé au robot"),
    (M.AUTO_VALIDATED, in_review, None, REVIEWER, "robot_only", "réservé au robot"),
    (M.AUTO_VALIDATED, state(DossierState.ANALYSING), None, ROBOT, "auto_validation", "validé par le robot"),
    (M.AUTO_VALIDATED, in_review, None, ROBOT, "state", "qu'à la fin de l'analyse"),
    (M.AUTO_VALIDATED, robot_validated, "OVERVALUED", ROBOT, "reason", "ne prend pas de code de raison"),
    (M.UNREACHABLE_MISSING_INFO, in_review, "FRAUD", REVIEWER, "reason", "ne prend pas de code de raison"),
    (M.GAP_UNDER_200, in_review, None, REVIEWER, "revision_required", "demande une révision"),
    (M.GAP_UNDER_200, gap_0, None, REVIEWER, "gap", "écart strictement positif"),
    (M.GAP_UNDER_200, gap_negative, None, REVIEWER, "gap", "écart strictement positif"),
    (M.GAP_UNDER_200, gap_825, None, REVIEWER, "gap", "d'au plus 200,00"),
    (M.GAP_UNDER_200, gap_132_ren_proposed, None, REVIEWER, "ren", "une fois une REN proposée"),
    (M.GAP_UNDER_200, gap_132_ren_refused, None, REVIEWER, "ren", "une fois une REN proposée"),
    (M.GAP_UNDER_200, gap_132, "OVERVALUED", REVIEWER, "reason", "ne prend pas de code de raison"),
    (M.FALSE_ALERT, in_review, None, REVIEWER, "revision_required", "demande une révision"),
    (M.FALSE_ALERT, gap_132, None, REVIEWER, "gap", "sans économie"),
    (M.FALSE_ALERT, gap_825, None, REVIEWER, "gap", "sans économie"),
    (M.FALSE_ALERT, gap_negative_ren_proposed, None, REVIEWER, "ren", "une fois une REN proposée"),
    (M.INDEMNITY_REVISED, in_review, "OVERVALUED", REVIEWER, "revision_required", "demande une révision"),
    (M.INDEMNITY_REVISED, gap_132_ren_refused, "OVERVALUED", REVIEWER, "gap", "écart de plus de 200,00"),
    (M.INDEMNITY_REVISED, gap_0, "OVERVALUED", REVIEWER, "gap", "écart de plus de 200,00"),
    (M.INDEMNITY_REVISED, gap_825, "OVERVALUED", REVIEWER, "ren", "proposée puis refusée"),
    (M.INDEMNITY_REVISED, ren_proposed, "OVERVALUED", REVIEWER, "ren", "proposée puis refusée"),
    (M.INDEMNITY_REVISED, ren_accepted, "OVERVALUED", REVIEWER, "ren", "proposée puis refusée"),
    (M.INDEMNITY_REVISED, ren_refused, None, REVIEWER, "reason", "demande un code de raison parmi"),
    (M.INDEMNITY_REVISED, ren_refused, "SERVICE_NOT_PROVIDED", REVIEWER, "reason", "reçu : SERVICE_NOT_PROVIDED"),
    (M.INDEMNITY_REVISED, ren_refused, "overvalued", REVIEWER, "reason", "demande un code de raison parmi"),
    (M.COVER_REFUSED, in_review, "NOT_COVERED", REVIEWER, "reason", "ne prend pas de code de raison"),
    (M.REN_ACCEPTED, gap_825, None, REVIEWER, "ren", "proposée puis acceptée"),
    (M.REN_ACCEPTED, ren_proposed, None, REVIEWER, "ren", "proposée puis acceptée"),
    (M.REN_ACCEPTED, ren_refused, None, REVIEWER, "ren", "proposée puis acceptée"),
    (M.REN_ACCEPTED, ren_accepted, "FRAUD", REVIEWER, "reason", "ne prend pas de code de raison"),
    (M.DUPLICATE_OR_WRONG_DOCUMENT, in_review, "FRAUD", REVIEWER, "reason", "ne prend pas de code de raison"),
    (M.OUT_OF_SCOPE, in_review, None, REVIEWER, "reason", "SERVICE_NOT_PROVIDED, AMOUNT_OUT_OF_RANGE"),
    (M.OUT_OF_SCOPE, in_review, "OVERVALUED", REVIEWER, "reason", "reçu : OVERVALUED"),
    *[(m, in_review, GOOD_REASON.get(m), ROBOT, "reviewer_only", "pas du robot") for m in REVIEWER_MOTIFS],
    *[
        (m, state(s), GOOD_REASON.get(m), REVIEWER, "state", "pris en revue avant d'être clos")
        for m in REVIEWER_MOTIFS
        for s in (DossierState.TO_REVIEW, DossierState.AWAITING_DOCUMENT, DossierState.ANALYSING)
    ],
]


@pytest.mark.parametrize(
    ("motif", "situation", "reason", "by", "rule", "words"),
    REFUSING,
    ids=[f"{row[0].value}-{row[1].__name__}-{row[2]}-{row[3]}-{row[4]}" for row in REFUSING],
)
def test_every_rule_refuses_with_a_french_409(motif, situation, reason, by, rule, words):
    dossier = situation()
    with pytest.raises(RuleViolation) as caught:
        _close(dossier, motif, reason, by)
    error = caught.value
    assert error.status == 409
    assert error.message.startswith("Clôture refusée : ")
    assert words in error.message.replace("\u00a0", " ")
    assert error.details["rule"] == rule
    assert error.details["motif"] == motif.value
    assert error.to_body()["error"] == "rule_violation"


@pytest.mark.parametrize("motif", list(MotifCode))
def test_closing_twice_is_a_conflict(motif):
    dossier = closed(make_dossier(), M.DUPLICATE_OR_WRONG_DOCUMENT)
    assert dossier.state is DossierState.CLOSED
    with pytest.raises(Conflict, match="déjà clos") as caught:
        _close(dossier, motif, GOOD_REASON.get(motif), ROBOT if motif is M.AUTO_VALIDATED else REVIEWER)
    assert caught.value.status == 409


def test_a_closure_without_closed_state_still_counts_as_closed():
    dossier = closed(make_dossier(), M.COVER_REFUSED).model_copy(update={"state": DossierState.IN_REVIEW})
    with pytest.raises(Conflict):
        _close(dossier, M.COVER_REFUSED)


# --------------------------------------------------------------------------- the settlement


@pytest.mark.parametrize(
    ("deductible", "indemnity"),
    [("0.00", "1298.00"), ("1297.99", "0.01"), ("1298.00", "0.00"), ("5000.00", "0.00")],
)
def test_indemnity_is_revised_total_minus_deductible_never_below_zero(deductible, indemnity):
    dossier = with_ren(with_ren(revised(make_dossier(deductible=deductible)), P), R)
    closure = _close(dossier, M.INDEMNITY_REVISED, "FRAUD")
    assert closure.settlement.indemnity == Decimal(indemnity)
    assert closure.settlement.deductible == Decimal(deductible)


def test_quote_total_indemnity_never_below_zero():
    dossier = revised(make_dossier(deductible="9999.99"), small_gap_decisions())
    assert _close(dossier, M.GAP_UNDER_200).settlement.indemnity == Decimal("0.00")


def test_gap_under_threshold_follows_the_configured_threshold():
    dossier = gap_132()
    settings = Settings(ren_threshold_ttc=Decimal("132.00"))
    assert _close(dossier, M.GAP_UNDER_200, settings=settings).motif is M.GAP_UNDER_200
    with pytest.raises(RuleViolation, match="131,99"):
        _close(dossier, M.GAP_UNDER_200, settings=Settings(ren_threshold_ttc=Decimal("131.99")))


def test_settled_by_names_the_insurer():
    dossier = gap_132()
    dossier = dossier.model_copy(update={"form": dossier.form.model_copy(update={"insurer_code": "XY"})})
    assert _close(dossier, M.GAP_UNDER_200).settlement.settled_by == "GST XY"


# ------------------------------------------------------------------------------ REN opening


def test_ren_accepted_closure_carries_the_opening_event():
    dossier = ren_accepted()
    closure = _close(dossier, M.REN_ACCEPTED)
    event = ren_opening_event(dossier, closure)
    assert closure.ren_opening == event
    assert event["origin"] == REN_ORIGIN == "REN SUITE BILLMA"
    assert event["dossier_id"] == dossier.dossier_id
    assert event["claim_reference"] == "SIN-2026-0042"
    assert event["opening"]["last_name"] == "Lefèvre"
    assert event["opening"]["departement"] == "69"
    assert event["revision"]["gap_ttc"] == 825.0
    assert event["closed_by"] == REVIEWER


def test_no_ren_opening_for_other_motifs():
    dossier = gap_132()
    with pytest.raises(ValueError, match="REN_ACCEPTED"):
        ren_opening_event(dossier, _close(dossier, M.GAP_UNDER_200))


# ------------------------------------------------------------------------ available motifs


@pytest.mark.parametrize("situation", SITUATIONS, ids=lambda s: s.__name__)
def test_available_motifs_agree_with_close(situation):
    dossier = situation()
    offered = available_motifs(dossier, SETTINGS)
    assert [item.motif for item in offered] == list(MotifCode)
    for item in offered:
        by = ROBOT if item.motif is M.AUTO_VALIDATED and item.allowed else REVIEWER
        assert item.label == MOTIF_LABELS[item.motif]
        assert item.reasons == list(MOTIFS[item.motif].reasons)
        if item.allowed:
            assert item.why_not is None
            closure = _close(dossier, item.motif, GOOD_REASON.get(item.motif), by)
            # what the page shows before closing is what the closure then sends
            assert item.settlement == closure.settlement
        else:
            assert item.why_not
            with pytest.raises(RuleViolation) as caught:
                _close(dossier, item.motif, GOOD_REASON.get(item.motif), by)
            assert item.why_not in caught.value.message


def test_available_motifs_of_a_refused_ren():
    allowed = {item.motif for item in available_motifs(ren_refused(), SETTINGS) if item.allowed}
    assert allowed == {
        M.INDEMNITY_REVISED,
        M.UNREACHABLE_MISSING_INFO,
        M.COVER_REFUSED,
        M.DUPLICATE_OR_WRONG_DOCUMENT,
        M.OUT_OF_SCOPE,
    }


def test_a_motif_not_yet_allowed_still_shows_its_settlement():
    # 132 € of gap: no revised indemnity yet, but the page can show what it would settle.
    offered = {item.motif: item for item in available_motifs(gap_132(), SETTINGS)}
    revised = offered[M.INDEMNITY_REVISED]
    assert not revised.allowed
    assert revised.settlement is not None
    dossier = gap_132()
    assert dossier.revision is not None
    assert revised.settlement.amount == dossier.revision.revised_total_ttc
    assert revised.settlement.basis == "REVISED_TOTAL"


def test_a_settlement_that_cannot_be_computed_is_absent():
    offered = {item.motif: item for item in available_motifs(in_review(), SETTINGS)}
    assert offered[M.INDEMNITY_REVISED].settlement is None  # no revision yet
    assert offered[M.COVER_REFUSED].settlement is not None


def test_available_motifs_for_the_robot():
    offered = {item.motif: item for item in available_motifs(robot_validated(), SETTINGS, by=ROBOT)}
    assert offered[M.AUTO_VALIDATED].allowed
    assert not offered[M.COVER_REFUSED].allowed


def test_nothing_is_available_once_closed():
    offered = available_motifs(closed(gap_132(), M.GAP_UNDER_200), SETTINGS)
    assert not any(item.allowed for item in offered)
    assert {item.why_not for item in offered} == {"Le dossier est déjà clos."}
