from __future__ import annotations

from decimal import Decimal

import pytest
from review_factory import NOW, REVIEWER, SETTINGS, make_dossier, make_evaluation, make_quote, revised

from billma_core.errors import Conflict, RuleViolation, ValidationFailed
from billma_core.models import DossierState, ExclusionReason, LineAction, LineDecision, QuoteLine
from billma_core.review import revise
from billma_core.settings import Settings


def _revise(dossier, decisions, settings=SETTINGS):
    return revise(dossier, decisions, "RAS", REVIEWER, NOW, settings)


def test_no_decisions_accepts_the_robot_proposal():
    revision = _revise(make_dossier(), [])
    assert revision.number == 1
    assert revision.by == REVIEWER
    assert revision.comment == "RAS"
    assert [line.revised_total_ht for line in revision.lines] == [
        Decimal("800.00"),
        Decimal("180.00"),
        Decimal("0.00"),
        Decimal("200.00"),
    ]
    assert all(line.action is LineAction.ACCEPT for line in revision.lines)
    assert revision.lines[0].unit_price_ht == Decimal("20.00")  # 800 / 40 m²
    assert revision.revised_total_ht == Decimal("1180.00")
    assert revision.revised_total_ttc == Decimal("1298.00")
    assert revision.gap_ttc == Decimal("825.00")
    assert revision.ren_eligible is True
    # Accepted robot verdicts that lowered a line say why.
    assert revision.reasons == [ExclusionReason.OVERVALUED, ExclusionReason.NOT_COVERED]


def test_set_and_exclude_recompute_the_totals():
    decisions = [
        LineDecision(line=0, action=LineAction.SET, unit_price_ht=Decimal("22.50")),
        LineDecision(line=1, action=LineAction.SET, quantity=Decimal("10")),
        LineDecision(line=3, action=LineAction.EXCLUDE, reason=ExclusionReason.UNRELATED_TO_CLAIM, comment="x"),
    ]
    revision = _revise(make_dossier(), decisions)
    line0, line1, line2, line3 = revision.lines
    assert (line0.quantity, line0.unit_price_ht, line0.revised_total_ht) == (40, Decimal("22.50"), Decimal("900.00"))
    assert (line1.quantity, line1.unit_price_ht, line1.revised_total_ht) == (10, Decimal("15.00"), Decimal("150.00"))
    assert line2.action is LineAction.ACCEPT and line2.revised_total_ht == 0  # no decision: robot
    assert line3.action is LineAction.EXCLUDE and line3.revised_total_ht == 0 and line3.comment == "x"
    assert revision.revised_total_ht == Decimal("1050.00")
    assert revision.revised_total_ttc == Decimal("1155.00")
    assert revision.gap_ttc == Decimal("968.00")
    assert ExclusionReason.UNRELATED_TO_CLAIM in revision.reasons


def test_accept_with_a_reason_keeps_it():
    decisions = [LineDecision(line=0, action=LineAction.ACCEPT, reason=ExclusionReason.FRAUD)]
    revision = _revise(make_dossier(), decisions)
    assert revision.lines[0].reason is ExclusionReason.FRAUD
    assert revision.lines[0].revised_total_ht == Decimal("800.00")


def test_per_line_vat_rates_and_half_up_rounding():
    quote = make_quote()
    lines = list(quote.lines)
    # 5,5 % on one line, 20 % given as a fraction on another.
    lines[1] = lines[1].model_copy(update={"tva_rate": Decimal("5.5")})
    lines[3] = lines[3].model_copy(update={"tva_rate": Decimal("0.20")})
    quote = quote.model_copy(update={"lines": lines, "total_ttc": Decimal("2155.90")})
    dossier = make_dossier(evaluation=make_evaluation(quote=quote))
    revision = _revise(dossier, [LineDecision(line=1, action=LineAction.SET, unit_price_ht=Decimal("14.99"))])
    # 800 × 1.10 + 179.88 × 1.055 + 200 × 1.20 = 880 + 189.7734 + 240
    assert revision.revised_total_ttc == Decimal("1309.77")
    assert revision.gap_ttc == Decimal("846.13")


def test_lines_without_vat_rate_use_the_quote_rate():
    quote = make_quote(tva_rate=None).model_copy(
        update={"total_tva": Decimal("386.00"), "total_ttc": Decimal("2316.00")}  # 20 %
    )
    revision = _revise(make_dossier(evaluation=make_evaluation(quote=quote)), [])
    assert revision.revised_total_ttc == Decimal("1416.00")
    assert revision.gap_ttc == Decimal("900.00")


def test_quote_rate_is_snapped_to_a_legal_rate():
    # 193,50 € of VAT on 1 930 € HT is 10,03 %: a rounding slip, read as 10 %.
    quote = make_quote(tva_rate=None).model_copy(
        update={"total_tva": Decimal("193.50"), "total_ttc": Decimal("2123.50")}
    )
    revision = _revise(make_dossier(evaluation=make_evaluation(quote=quote)), [])
    assert revision.revised_total_ttc == Decimal("1298.00")
    assert revision.gap_ttc == Decimal("825.50")


def test_missing_line_rates_take_the_rate_the_other_lines_share():
    quote = make_quote(tva_rate=Decimal("20")).model_copy(update={"total_tva": None, "total_ttc": Decimal("2316.00")})
    lines = [quote.lines[0].model_copy(update={"tva_rate": None}), *quote.lines[1:]]
    quote = quote.model_copy(update={"lines": lines})
    revision = _revise(make_dossier(evaluation=make_evaluation(quote=quote)), [])
    assert revision.revised_total_ttc == Decimal("1416.00")


def test_quote_without_totals_or_rates_uses_ten_per_cent():
    quote = make_quote(tva_rate=None).model_copy(update={"total_ht": None, "total_tva": None, "total_ttc": None})
    revision = _revise(make_dossier(evaluation=make_evaluation(quote=quote)), [])
    assert revision.revised_total_ttc == Decimal("1298.00")
    assert revision.gap_ttc == Decimal("825.00")  # quote recomputed: 1 930 × 1.10 = 2 123


def test_unchanged_quote_gives_zero_gap():
    decisions = [
        LineDecision(line=0, action=LineAction.SET, unit_price_ht=Decimal("30")),
        LineDecision(line=2, action=LineAction.SET, quantity=Decimal("1")),
    ]
    revision = _revise(make_dossier(), decisions)
    assert revision.gap_ttc == Decimal("0.00")
    assert revision.ren_eligible is False


def test_ren_eligibility_is_strictly_above_the_configured_threshold():
    # Gap of exactly 825,00: eligible at 824,99, not at 825,00.
    assert _revise(make_dossier(), [], Settings(ren_threshold_ttc=Decimal("824.99"))).ren_eligible
    assert not _revise(make_dossier(), [], Settings(ren_threshold_ttc=Decimal("825.00"))).ren_eligible


def test_revision_numbers_follow_each_other():
    dossier = revised(make_dossier())
    assert _revise(dossier, []).number == 2


@pytest.mark.parametrize(
    ("decision", "words"),
    [
        (LineDecision(line=4, action=LineAction.ACCEPT), "la ligne 4 n'existe pas"),
        (LineDecision(line=0, action=LineAction.EXCLUDE), "une ligne exclue doit avoir une raison"),
        (LineDecision(line=0, action=LineAction.SET), "prix unitaire HT et/ou une quantité"),
    ],
)
def test_malformed_decisions_are_refused_in_french(decision, words):
    with pytest.raises(ValidationFailed) as caught:
        _revise(make_dossier(), [decision])
    assert words in caught.value.message
    assert caught.value.status == 422
    assert caught.value.details[0]["line"] == decision.line


def test_two_decisions_for_one_line_are_refused():
    decisions = [LineDecision(line=1, action=LineAction.ACCEPT), LineDecision(line=1, action=LineAction.ACCEPT)]
    with pytest.raises(ValidationFailed, match="plusieurs décisions"):
        _revise(make_dossier(), decisions)


def test_every_problem_is_listed_in_the_details():
    decisions = [LineDecision(line=9, action=LineAction.SET), LineDecision(line=0, action=LineAction.EXCLUDE)]
    with pytest.raises(ValidationFailed) as caught:
        _revise(make_dossier(), decisions)
    assert len(caught.value.details) == 3
    assert "autre(s) problème(s)" in caught.value.message


@pytest.mark.parametrize("state", [DossierState.TO_REVIEW, DossierState.REN_PROPOSED, DossierState.ANALYSING])
def test_revising_needs_a_dossier_in_review(state):
    with pytest.raises(RuleViolation, match="Impossible de réviser le devis"):
        _revise(make_dossier(state), [])


def test_revising_a_closed_dossier_is_a_conflict():
    with pytest.raises(Conflict, match="clos"):
        _revise(make_dossier(DossierState.CLOSED), [])


def test_revising_without_a_quote_is_refused():
    with pytest.raises(RuleViolation, match="Aucun devis lu"):
        _revise(make_dossier(with_evaluation=False), [])


def test_line_without_robot_judgement_keeps_the_quote_amount():
    evaluation = make_evaluation()
    evaluation = evaluation.model_copy(update={"lines": evaluation.lines[:1]})
    revision = _revise(make_dossier(evaluation=evaluation), [])
    assert [line.revised_total_ht for line in revision.lines] == [
        Decimal("800.00"),
        Decimal("180.00"),
        Decimal("350.00"),
        Decimal("200.00"),
    ]


def test_zero_quantity_line_accepts_its_revised_total():
    quote = make_quote()
    lines = [
        *quote.lines[:3],
        QuoteLine(designation="Remise", quantity=Decimal(0), unit_price_ht=Decimal(0), total_ht=Decimal("250")),
    ]
    dossier = make_dossier(evaluation=make_evaluation(quote=quote.model_copy(update={"lines": lines})))
    assert _revise(dossier, []).lines[3].unit_price_ht == Decimal("200.00")
