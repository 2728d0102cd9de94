"""The reviewer actions the page offers come from the rules: what allowed_actions lists is
exactly what the write paths accept."""

from __future__ import annotations

from review_factory import make_dossier, make_evaluation, revised, with_ren

from billma_core.models import DossierState, Outcome, QualityCheck, RenDecision
from billma_core.review.actions import ReviewerAction as A
from billma_core.review.actions import allowed_actions


def test_a_dossier_waiting_for_review_can_only_be_taken() -> None:
    assert allowed_actions(make_dossier(DossierState.TO_REVIEW)) == [A.ASSIGN]


def test_in_review_everything_but_the_ren_answer_and_the_quality_check() -> None:
    assert allowed_actions(make_dossier()) == [
        A.ASSIGN,
        A.REVISE,
        A.REN_PROPOSE,
        A.CLOSE,
        A.CORRECT_READING,
        A.DISMISS,
    ]


def test_a_proposed_ren_waits_for_its_answer_then_for_the_closure() -> None:
    proposed = with_ren(revised(make_dossier()), RenDecision.PROPOSED)
    assert allowed_actions(proposed) == [A.ASSIGN, A.REN_ANSWER, A.CLOSE, A.DISMISS]
    answered = with_ren(proposed, RenDecision.REFUSED)
    assert allowed_actions(answered) == [A.ASSIGN, A.CLOSE, A.DISMISS]


def test_no_revision_without_a_quote_and_no_correction_of_a_rejected_document() -> None:
    rejected = make_dossier(evaluation=make_evaluation(Outcome.DOCUMENT_REJECTED).model_copy(update={"quote": None}))
    actions = allowed_actions(rejected)
    assert A.REVISE not in actions and A.CORRECT_READING not in actions and A.CLOSE in actions


def test_a_closed_dossier_allows_only_its_pending_quality_check() -> None:
    closed = make_dossier(DossierState.CLOSED)
    assert allowed_actions(closed) == []
    drawn = closed.model_copy(update={"quality_check": QualityCheck(sampled_at=closed.created_at)})
    assert allowed_actions(drawn) == [A.QUALITY_CHECK]
