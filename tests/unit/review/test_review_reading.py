"""The reviewer's reading: corrected lines judged again by the robot's own rules, the robot's
evaluation kept beside it, before → after per line, an earlier revision marked stale."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader
from review_factory import NOW, REVIEWER, SETTINGS, closed, make_dossier, make_quote, revised, small_gap_decisions

from billma_core.bareme import load_bareme
from billma_core.errors import Conflict, RuleViolation, ValidationFailed
from billma_core.evaluation import evaluate_quote
from billma_core.models import (
    CorrectedLine,
    Dossier,
    DossierState,
    Flag,
    MotifCode,
    Outcome,
    PrintedTotals,
    Quote,
    RenDecision,
    Unit,
    Verdict,
)
from billma_core.review import apply_ren, available_motifs, close, revise
from billma_core.review.reading import bareme_of_version, correct_reading
from billma_core.review.report import revision_report_pdf

BAREME = load_bareme()
# The quote's fifth line, which the robot did not read: 10 m² of ceiling paint at 36 € HT.
MISSED = CorrectedLine(
    designation="Peinture des plafonds, 2 couches",
    quantity=Decimal(10),
    unit=Unit.M2,
    unit_price_ht=Decimal("36.00"),
    tva_rate=Decimal(10),
)
# Printed totals, missed line included: 1 930 + 360 = 2 290 HT, 229 VAT, 2 519 TTC.
PRINTED = PrintedTotals(total_ht=Decimal("2290.00"), total_tva=Decimal("229.00"), total_ttc=Decimal("2519.00"))


def robot_read(quote: Quote) -> Dossier:
    """A dossier in review whose evaluation is the real robot's judgement of ``quote``."""
    evaluation = evaluate_quote(
        quote, cover=make_dossier().form.cover, bareme=BAREME, settings=SETTINGS, postal_code="69003", sha256="cd" * 32
    )
    return make_dossier(evaluation=evaluation)


def missed_line_dossier() -> Dossier:
    """The robot read four lines of five, and the printed totals (which include the fifth)."""
    return robot_read(make_quote().model_copy(update=PRINTED.model_dump()))


def as_read(dossier: Dossier) -> list[CorrectedLine]:
    assert dossier.evaluation is not None and dossier.evaluation.quote is not None
    return [
        CorrectedLine(
            source_line=i,
            designation=line.designation,
            quantity=line.quantity,
            unit=line.unit,
            unit_price_ht=line.unit_price_ht,
            tva_rate=line.tva_rate,
        )
        for i, line in enumerate(dossier.evaluation.quote.lines)
    ]


def correct(dossier: Dossier, lines: list[CorrectedLine], totals: PrintedTotals = PRINTED):
    return correct_reading(dossier, lines, totals, None, REVIEWER, NOW, SETTINGS, BAREME)


def test_a_missed_line_added_is_judged_and_the_gap_recomputed() -> None:
    dossier = missed_line_dossier()
    robot = dossier.evaluation
    assert robot is not None and Flag.ARITHMETIC_ERROR in robot.flags  # 4 lines do not make 2 290 HT

    after, (before_audit, after_audit) = correct(dossier, [*as_read(dossier), MISSED])

    evaluation = after.evaluation
    assert evaluation is not None and evaluation.quote is not None
    assert len(evaluation.lines) == 5
    added = evaluation.lines[4]
    assert added.bareme_code == "PEI-004"
    assert added.verdict in (Verdict.OK, Verdict.OVERPRICED)
    assert "PEI-004" in added.why
    assert Flag.ARITHMETIC_ERROR not in evaluation.flags
    assert evaluation.bareme_version == robot.bareme_version
    # Gap against the printed total, from the judge's revised lines.
    assert evaluation.revised_total_ttc is not None
    assert evaluation.gap_ttc == Decimal("2519.00") - evaluation.revised_total_ttc
    assert evaluation.quote.lines[4].total_ht == Decimal("360.00")
    # The robot's own evaluation is kept beside the new one.
    assert after.robot_evaluation == robot
    assert after.reading is not None and after.reading.number == 1 and after.reading.by == REVIEWER
    # Audit: the added line, before nothing; the figures before → after.
    assert before_audit["reading_lines"] == [None]
    assert after_audit["reading_lines"][0].startswith("+ 5. Peinture des plafonds, 2 couches — 10 m² × 36,00")
    assert "arithmetic_error" in before_audit["flags"] and "arithmetic_error" not in after_audit["flags"]
    assert before_audit["proposed_gap_ttc"] != after_audit["proposed_gap_ttc"]


def test_edit_split_and_delete_are_paired_before_and_after() -> None:
    dossier = missed_line_dossier()
    lines = as_read(dossier)
    edited = lines[0].model_copy(update={"quantity": Decimal("35.5"), "designation": "Peinture 2 c. acrylique"})
    first, second = (lines[3].model_copy(update={"quantity": Decimal(20)}) for _ in range(2))
    after, (before_audit, after_audit) = correct(dossier, [edited, lines[1], first, second])  # line 3 deleted

    assert after.evaluation is not None and after.evaluation.quote is not None
    assert [line.quantity for line in after.evaluation.quote.lines] == [Decimal("35.5"), 12, 20, 20]
    pairs = dict(zip(before_audit["reading_lines"], after_audit["reading_lines"], strict=True))
    assert len(pairs) == 3  # line 2 unchanged is not repeated
    edit = next(k for k in pairs if k and k.startswith("1. "))
    assert "40 m²" in edit and "Peinture 2 c. acrylique — 35,5 m²" in str(pairs[edit])
    deleted = next(k for k in pairs if k and k.startswith("3. "))
    assert pairs[deleted] is None
    split = next(k for k in pairs if k and k.startswith("4. "))
    assert str(pairs[split]).count(" + ") == 1


def test_a_line_s_own_discount_is_kept_and_judged_at_the_net_price() -> None:
    # The missed line printed at 40 € less 10 %: its total is the net 360 € the printed totals
    # count, and the judge weighs 36 €, not 40 (no false gap, no false arithmetic error).
    dossier = missed_line_dossier()
    discounted = MISSED.model_copy(update={"unit_price_ht": Decimal("40.00"), "discount_rate": Decimal(10)})
    after, (_, after_audit) = correct(dossier, [*as_read(dossier), discounted])
    evaluation = after.evaluation
    assert evaluation is not None and evaluation.quote is not None
    line = evaluation.quote.lines[4]
    assert (line.unit_price_ht, line.discount_rate, line.total_ht) == (Decimal("40.00"), Decimal(10), Decimal("360.00"))
    assert Flag.ARITHMETIC_ERROR not in evaluation.flags
    assert "remise 10 %" in after_audit["reading_lines"][0]


def test_a_chosen_item_is_used_as_is() -> None:
    odd = CorrectedLine(
        designation="Prestation selon visite XK-12",
        quantity=Decimal(40),
        unit=Unit.M2,
        unit_price_ht=Decimal("30.00"),
        tva_rate=Decimal(10),
    )
    dossier = missed_line_dossier()
    unchosen, _ = correct(dossier, [odd])
    assert unchosen.evaluation is not None
    assert unchosen.evaluation.lines[0].verdict is Verdict.UNMATCHED

    chosen, _ = correct(dossier, [odd.model_copy(update={"bareme_code": "pei-003"})])
    assert chosen.evaluation is not None
    judged = chosen.evaluation.lines[0]
    assert judged.bareme_code == "PEI-003"
    assert judged.confidence == 1.0
    assert [c.bareme_code for c in judged.candidates] == ["PEI-003"]  # judged against it alone
    assert judged.verdict is Verdict.OK  # 30 € HT/m² is the barème's price
    assert "choisi par le Billmateur" in judged.why
    assert chosen.reading is not None and chosen.reading.lines[0].bareme_code == "PEI-003"

    # The matcher finds two plausible items for this wording (walls or ceilings); chosen, the
    # preparation item alone prices it: no other candidate rescues the line.
    both = odd.model_copy(update={"designation": "Peinture murs et plafonds, 2 couches"})
    alone, _ = correct(dossier, [both.model_copy(update={"bareme_code": "PEI-001"})])
    assert alone.evaluation is not None
    assert alone.evaluation.lines[0].verdict is Verdict.OVERPRICED
    assert [c.bareme_code for c in alone.evaluation.lines[0].candidates] == ["PEI-001"]

    # Chosen, the line still passes the cover rule: leak repair is not covered.
    leak = odd.model_copy(update={"bareme_code": "PLO-002", "unit": Unit.FORFAIT, "quantity": Decimal(1)})
    refused, _ = correct(dossier, [leak])
    assert refused.evaluation is not None and refused.evaluation.lines[0].verdict is Verdict.NOT_COVERED


def test_an_earlier_revision_goes_stale_and_must_be_redone() -> None:
    dossier = revised(missed_line_dossier(), small_gap_decisions())
    after, (before_audit, after_audit) = correct(dossier, [*as_read(dossier), MISSED])
    assert after.revision is not None and after.revision.stale
    assert (before_audit["revision_stale"], after_audit["revision_stale"]) == (False, True)

    motifs = {m.motif: m for m in available_motifs(after, SETTINGS)}
    for motif in (MotifCode.GAP_UNDER_200, MotifCode.FALSE_ALERT):
        assert not motifs[motif].allowed
    with pytest.raises(RuleViolation) as refused:
        close(after, MotifCode.GAP_UNDER_200, None, None, REVIEWER, NOW, SETTINGS)
    assert refused.value.details["rule"] == "revision_stale"
    with pytest.raises(RuleViolation) as ren:
        apply_ren(after, RenDecision.PROPOSED, None, REVIEWER, NOW, SETTINGS)
    assert ren.value.details["rule"] == "revision_stale"

    redone = revise(after, [], None, REVIEWER, NOW, SETTINGS)
    assert not redone.stale and len(redone.lines) == 5
    assert after.evaluation is not None and redone.revised_total_ttc == after.evaluation.revised_total_ttc


def test_bad_lines_are_refused_in_french_with_every_problem() -> None:
    dossier = missed_line_dossier()
    bad = [
        MISSED.model_copy(update={"designation": ""}),
        MISSED.model_copy(update={"quantity": Decimal(-2)}),
        MISSED.model_copy(update={"source_line": 9}),
        MISSED.model_copy(update={"bareme_code": "XXX-999"}),
        MISSED.model_copy(update={"tva_rate": Decimal(55)}),
        MISSED.model_copy(update={"discount_rate": Decimal(100)}),
    ]
    with pytest.raises(ValidationFailed) as refused:
        correct(dossier, bad)
    assert refused.value.message.startswith("Lecture corrigée invalide : ligne 1 : la désignation est vide")
    assert [p["line"] for p in refused.value.details] == [1, 2, 3, 4, 5, 6]
    assert "remise" in refused.value.details[5]["message"]
    assert "XXX-999" in refused.value.details[3]["message"]
    with pytest.raises(ValidationFailed):
        correct(dossier, [])


def test_only_in_review_and_never_on_a_duplicate() -> None:
    dossier = missed_line_dossier()
    with pytest.raises(RuleViolation):
        correct(dossier.model_copy(update={"state": DossierState.TO_REVIEW}), [MISSED])
    with pytest.raises(Conflict):
        correct(closed(revised(dossier), MotifCode.FALSE_ALERT), [MISSED])
    assert dossier.evaluation is not None
    duplicate = dossier.model_copy(
        update={"evaluation": dossier.evaluation.model_copy(update={"outcome": Outcome.DUPLICATE})}
    )
    with pytest.raises(RuleViolation) as refused:
        correct(duplicate, [MISSED])
    assert "doublon" in refused.value.message


def test_a_second_correction_keeps_the_robot_evaluation_and_counts() -> None:
    dossier = missed_line_dossier()
    once, _ = correct(dossier, [*as_read(dossier), MISSED])
    twice, (before_audit, after_audit) = correct(once, as_read(once)[:4])
    assert twice.robot_evaluation == dossier.evaluation
    assert twice.reading is not None and twice.reading.number == 2
    assert after_audit["reading_lines"] == [None] and str(before_audit["reading_lines"][0]).startswith("5. ")


def test_the_robot_bareme_version_is_the_one_used() -> None:
    assert bareme_of_version(BAREME.version, BAREME) is BAREME
    assert bareme_of_version(None, BAREME) is BAREME
    with pytest.raises(RuleViolation) as gone:
        bareme_of_version("1999.1", BAREME)
    assert gone.value.details["rule"] == "bareme_version"


def test_the_robot_signals_hold_for_the_corrected_reading() -> None:
    from billma_core.models import Signal
    from billma_core.signals import apply_signals

    dossier = missed_line_dossier()
    assert dossier.evaluation is not None
    signal = Signal(
        flag=Flag.ALTERED_DOCUMENT, reason="Document PDF retouché.", evidence={"checks": ["modified_later"]}
    )
    flagged = dossier.model_copy(update={"evaluation": apply_signals(dossier.evaluation, [signal])})
    corrected, _ = correct(flagged, [*as_read(flagged), MISSED])
    assert corrected.evaluation is not None
    assert corrected.evaluation.signals == [signal]
    assert Flag.ALTERED_DOCUMENT in corrected.evaluation.flags
    assert corrected.evaluation.outcome is not Outcome.AUTO_VALIDATED


def test_the_report_says_the_reading_was_corrected() -> None:
    dossier = missed_line_dossier()
    after, _ = correct(dossier, [*as_read(dossier), MISSED])
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(revision_report_pdf(after))).pages)
    assert "Lecture corrigée" in text and "lecture du robot : 4 ligne(s)" in text
    assert "Peinture des plafonds, 2 couches" in text
