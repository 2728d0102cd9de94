"""Line verdicts and the decision, on quotes built for each rule and on the corpus ground truth."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from billma_core.bareme import Bareme, load_bareme
from billma_core.evaluation import evaluate_quote, ordered_flags
from billma_core.evaluation.groundtruth import quote_from_ground_truth
from billma_core.models import Contractor, Cover, Evaluation, Flag, MotifCode, Outcome, Quote, QuoteLine, Unit, Verdict
from billma_core.money import money
from billma_core.settings import Settings

CORPUS = Path(os.environ.get("BILLMA_CORPUS_DIR", Path(__file__).resolve().parents[4] / "shared" / "corpus"))
DDE = Cover.DEGATS_DES_EAUX
SETTINGS = Settings()

Line = tuple[str, str, Unit | None, str, str]  # designation, quantity, unit, unit price, VAT rate


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def make_quote(*lines: Line, siret_valid: bool = True, postal: str | None = "33000", **overrides: Any) -> Quote:
    quote_lines = [
        QuoteLine(
            designation=d,
            quantity=Decimal(q),
            unit=u,
            unit_price_ht=Decimal(p),
            total_ht=money(Decimal(q) * Decimal(p)),
            tva_rate=Decimal(r),
        )
        for d, q, u, p, r in lines
    ]
    total_ht = money(sum((line.total_ht for line in quote_lines), Decimal(0)))
    bases: dict[Decimal, Decimal] = {}
    for line in quote_lines:
        assert line.tva_rate is not None
        bases[line.tva_rate] = bases.get(line.tva_rate, Decimal(0)) + line.total_ht
    total_tva = money(sum((money(base * rate / 100) for rate, base in bases.items()), Decimal(0)))
    fields: dict[str, Any] = {
        "contractor": Contractor(name="SARL Test", siret="73282932000074", siret_valid=siret_valid),
        "number": "D-1",
        "site_postal_code": postal,
        "lines": quote_lines,
        "total_ht": total_ht,
        "total_tva": total_tva,
        "total_ttc": money(total_ht + total_tva),
    }
    fields.update(overrides)
    return Quote(**fields)


def judge(quote: Quote, bareme: Bareme, cover: Cover = DDE, settings: Settings = SETTINGS, **kw: Any) -> Evaluation:
    return evaluate_quote(quote, cover=cover, bareme=bareme, settings=settings, **kw)


PROTECTION: Line = ("Protection des sols et du mobilier", "1", Unit.FORFAIT, "80", "10")
WALLS: Line = ("Peinture des murs 2 couches", "40", Unit.M2, "30", "10")
CEILING: Line = ("Peinture plafond 2 couches", "12", Unit.M2, "35", "10")


# ------------------------------------------------------------------------- auto-validation


def test_fair_quote_is_auto_validated(bareme: Bareme) -> None:
    quote = make_quote(PROTECTION, WALLS, CEILING)
    evaluation = judge(quote, bareme)
    assert evaluation.outcome is Outcome.AUTO_VALIDATED
    assert evaluation.flags == []
    assert all(line.verdict is Verdict.OK for line in evaluation.lines)
    assert evaluation.revised_total_ttc == quote.total_ttc and evaluation.gap_ttc == Decimal("0.00")
    assert evaluation.suggested_motif is MotifCode.AUTO_VALIDATED
    assert evaluation.bareme_version == bareme.version
    assert "conformes" in (evaluation.reason or "")


# ------------------------------------------------------------------------------ overpriced


def test_overpriced_line_is_revised_to_the_reference_total(bareme: Bareme) -> None:
    quote = make_quote(PROTECTION, ("Peinture des murs 2 couches", "40", Unit.M2, "60", "10"), CEILING)
    evaluation = judge(quote, bareme)
    walls = evaluation.lines[1]
    assert walls.verdict is Verdict.OVERPRICED and walls.bareme_code == "PEI-003"
    assert walls.coefficient == Decimal("1.06")  # Gironde
    assert walls.reference_unit_price_ht == Decimal("31.80")
    assert walls.reference_total_ht == walls.revised_total_ht == Decimal("1272.00")
    assert "PEI-003" in walls.why and "plafond" in walls.why and "1,06" in walls.why
    assert evaluation.outcome is Outcome.NEEDS_REVIEW and evaluation.flags == [Flag.OVERPRICED]
    assert evaluation.revised_total_ht == Decimal("80.00") + Decimal("1272.00") + Decimal("420.00")
    assert evaluation.revised_total_ttc == money(evaluation.revised_total_ht * Decimal("1.10"))
    assert evaluation.gap_ttc == money(quote.total_ttc - evaluation.revised_total_ttc)  # type: ignore[operator]
    assert evaluation.ren_eligible and evaluation.suggested_motif is MotifCode.INDEMNITY_REVISED


def test_small_overprice_suggests_gap_under_200(bareme: Bareme) -> None:
    quote = make_quote(("Protection des sols et du mobilier", "1", Unit.FORFAIT, "150", "10"), WALLS)
    evaluation = judge(quote, bareme)
    assert evaluation.flags == [Flag.OVERPRICED]
    assert evaluation.gap_ttc is not None and Decimal(0) < evaluation.gap_ttc <= Decimal(200)
    assert not evaluation.ren_eligible and evaluation.suggested_motif is MotifCode.GAP_UNDER_200


def test_tolerance_boundary_and_setting(bareme: Bareme) -> None:
    # Gironde: 30 × 1.06 = 31.80; ceiling 31.80 × 1.15 = 36.57.
    at = judge(make_quote(PROTECTION, ("Peinture des murs", "40", Unit.M2, "36.57", "10")), bareme)
    above = judge(make_quote(PROTECTION, ("Peinture des murs", "40", Unit.M2, "36.58", "10")), bareme)
    assert at.lines[1].verdict is Verdict.OK
    assert above.lines[1].verdict is Verdict.OVERPRICED
    lenient = Settings(price_tolerance=Decimal("0.30"))
    assert judge(
        make_quote(PROTECTION, ("Peinture des murs", "40", Unit.M2, "40", "10")), bareme, settings=lenient
    ).outcome is (Outcome.AUTO_VALIDATED)


def test_regional_coefficient_from_the_dossier_wins(bareme: Bareme) -> None:
    line: Line = ("Peinture des murs 2 couches", "40", Unit.M2, "36", "10")
    paris = judge(make_quote(PROTECTION, line, postal="75011"), bareme)
    creuse = judge(make_quote(PROTECTION, line, postal="23000"), bareme)
    assert paris.lines[1].verdict is Verdict.OK
    assert creuse.lines[1].verdict is Verdict.OVERPRICED
    overridden = judge(make_quote(PROTECTION, line, postal="75011"), bareme, postal_code="23000")
    assert overridden.lines[1].verdict is Verdict.OVERPRICED
    unknown = judge(make_quote(PROTECTION, line, postal=None), bareme)
    assert unknown.lines[1].coefficient == Decimal("1.00")
    assert "national" in unknown.lines[1].why


def test_revision_uses_each_lines_vat_rate(bareme: Bareme) -> None:
    quote = make_quote(
        ("Peinture des murs", "40", Unit.M2, "60", "20"),
        ("Peinture plafond", "10", Unit.M2, "35", "10"),
    )
    evaluation = judge(quote, bareme)
    walls = evaluation.lines[0].revised_total_ht
    expected = money(walls + money(walls * Decimal("0.20")) + Decimal("350") + Decimal("35"))
    assert evaluation.revised_total_ttc == expected


# --------------------------------------------------------------------------- cover rules


@pytest.mark.parametrize(
    ("designation", "unit", "price", "cover", "verdict"),
    [
        ("Réparation canalisation encastrée (remplacement raccord)", Unit.FORFAIT, "180", DDE, Verdict.NOT_COVERED),
        ("Recherche de fuite par caméra thermique", Unit.FORFAIT, "250", DDE, Verdict.OK),
        ("Remplacement double vitrage", Unit.M2, "350", DDE, Verdict.NOT_COVERED),
        ("Remplacement double vitrage", Unit.M2, "350", Cover.BRIS_DE_GLACE, Verdict.OK),
        ("Remplacement fenêtre PVC double vitrage", Unit.U, "750", Cover.BRIS_DE_GLACE, Verdict.NOT_COVERED),
        ("Peinture des murs", Unit.M2, "30", Cover.BRIS_DE_GLACE, Verdict.NOT_COVERED),
        ("Remplacement serrure", Unit.U, "150", Cover.VOL_VANDALISME, Verdict.OK),
    ],
)
def test_cover_rules(bareme: Bareme, designation: str, unit: Unit, price: str, cover: Cover, verdict: Verdict) -> None:
    evaluation = judge(make_quote(WALLS, (designation, "2", unit, price, "10")), bareme, cover=cover)
    line = evaluation.lines[1]
    assert line.verdict is verdict, line.why
    if verdict is Verdict.NOT_COVERED:
        assert line.revised_total_ht == Decimal("0.00")
        assert "garantie" in line.why
        assert Flag.NOT_COVERED in evaluation.flags


def test_glazier_quote_under_glass_breakage_is_auto_validated(bareme: Bareme) -> None:
    quote = make_quote(
        ("Frais de déplacement", "1", Unit.FORFAIT, "50", "10"),
        ("Remplacement double vitrage 4/16/4", "2.5", Unit.M2, "340", "10"),
        ("Nettoyage de fin de chantier", "1", Unit.FORFAIT, "110", "10"),
    )
    evaluation = judge(quote, bareme, cover=Cover.BRIS_DE_GLACE)
    assert evaluation.outcome is Outcome.AUTO_VALIDATED, [line.why for line in evaluation.lines]


def test_leak_repair_only_suggests_cover_refused(bareme: Bareme) -> None:
    quote = make_quote(("Réparation de fuite sur canalisation cuivre", "4", Unit.FORFAIT, "180", "10"))
    evaluation = judge(quote, bareme)
    assert evaluation.outcome is Outcome.NEEDS_REVIEW
    assert evaluation.suggested_motif is MotifCode.COVER_REFUSED
    assert evaluation.revised_total_ttc == Decimal("0.00")


# ------------------------------------------------------------------- measurements, matching


def test_lump_sum_for_measured_work_is_unmeasured(bareme: Bareme) -> None:
    quote = make_quote(PROTECTION, ("Peinture murale 2 couches – Séjour", "1", Unit.FORFAIT, "900", "10"))
    evaluation = judge(quote, bareme)
    line = evaluation.lines[1]
    assert line.verdict is Verdict.UNMEASURED and line.bareme_code == "PEI-003"
    assert line.revised_total_ht == Decimal("900.00")
    assert "métré" in line.why
    assert evaluation.flags == [Flag.NO_MEASUREMENTS]
    assert evaluation.suggested_motif is None


def test_unknown_work_is_unmatched_not_mispriced(bareme: Bareme) -> None:
    evaluation = judge(make_quote(WALLS, ("Prestation xqzt kkrp", "1", Unit.FORFAIT, "300", "10")), bareme)
    assert evaluation.lines[1].verdict is Verdict.UNMATCHED and evaluation.lines[1].bareme_code is None
    assert evaluation.outcome is Outcome.NEEDS_REVIEW and evaluation.flags == [Flag.UNMATCHED_LINE]


def test_only_unknown_work_goes_to_review_suggesting_out_of_scope(bareme: Bareme) -> None:
    evaluation = judge(make_quote(("Lorem ipsum dolor", "1", Unit.FORFAIT, "900", "10")), bareme)
    assert evaluation.outcome is Outcome.NEEDS_REVIEW and evaluation.flags == [Flag.UNMATCHED_LINE]
    assert evaluation.suggested_motif is MotifCode.OUT_OF_SCOPE
    assert "hors réseau" in (evaluation.reason or "")


def test_discount_line_is_kept(bareme: Bareme) -> None:
    quote = make_quote(WALLS, CEILING, ("Remise commerciale", "1", Unit.FORFAIT, "-50", "10"))
    evaluation = judge(quote, bareme)
    assert evaluation.outcome is Outcome.AUTO_VALIDATED
    assert evaluation.lines[2].revised_total_ht == Decimal("-50.00")


# ------------------------------------------------------------------------------- scope


@pytest.mark.parametrize(
    ("ttc", "outcome"),
    [
        ("649.99", Outcome.OUT_OF_SCOPE),
        ("650.00", Outcome.AUTO_VALIDATED),
        ("6500.00", Outcome.AUTO_VALIDATED),
        ("6500.01", Outcome.OUT_OF_SCOPE),
    ],
)
def test_scope_bounds(bareme: Bareme, ttc: str, outcome: Outcome) -> None:
    total_ttc = Decimal(ttc)
    ht = money(total_ttc / Decimal("1.1"))
    quote = make_quote(("Peinture des murs", "1", Unit.M2, "1", "10"))
    quote = quote.model_copy(
        update={
            "lines": [quote.lines[0].model_copy(update={"quantity": Decimal(1), "unit_price_ht": ht, "total_ht": ht})],
            "total_ht": ht,
            "total_tva": total_ttc - ht,
            "total_ttc": total_ttc,
        }
    )
    lenient = Settings(price_tolerance=Decimal("1000"))
    evaluation = judge(quote, bareme, settings=lenient)
    assert evaluation.outcome is outcome
    if outcome is Outcome.OUT_OF_SCOPE:
        assert evaluation.flags == [Flag.AMOUNT_OUT_OF_RANGE]
        assert evaluation.revised_total_ttc is None


def test_scope_is_configurable(bareme: Bareme) -> None:
    narrow = Settings(scope_min_ttc=Decimal("2000"))
    assert judge(make_quote(PROTECTION, WALLS), bareme, settings=narrow).outcome is Outcome.OUT_OF_SCOPE


# -------------------------------------------------------------------- arithmetic, SIRET


def test_arithmetic_errors_block_auto_validation(bareme: Bareme) -> None:
    fair = make_quote(PROTECTION, WALLS, CEILING)
    bad_line = fair.model_copy(
        update={
            "lines": [fair.lines[0], fair.lines[1].model_copy(update={"total_ht": Decimal("1250.00")}), fair.lines[2]]
        }
    )
    bad_ht = fair.model_copy(update={"total_ht": fair.total_ht + 10})  # type: ignore[operator]
    bad_ttc = fair.model_copy(update={"total_ttc": fair.total_ttc + 10})  # type: ignore[operator]
    for quote in (bad_line, bad_ht, bad_ttc):
        evaluation = judge(quote, bareme)
        assert evaluation.outcome is Outcome.NEEDS_REVIEW
        assert Flag.ARITHMETIC_ERROR in evaluation.flags
        assert "Erreur de calcul" in (evaluation.reason or "")
    # The revision prices the line at quantity × unit price, not the wrong printed total.
    assert judge(bad_line, bareme).lines[1].revised_total_ht == Decimal("1200.00")
    flagged = judge(fair, bareme, reading_flags=[Flag.ARITHMETIC_ERROR])
    assert flagged.outcome is Outcome.NEEDS_REVIEW


def test_invalid_or_missing_siret_blocks_auto_validation(bareme: Bareme) -> None:
    invalid = judge(make_quote(PROTECTION, WALLS, siret_valid=False), bareme)
    assert invalid.outcome is Outcome.NEEDS_REVIEW and invalid.flags == [Flag.INVALID_SIRET]
    missing = make_quote(PROTECTION, WALLS, contractor=Contractor(name="X"))
    assert judge(missing, bareme).flags == [Flag.INVALID_SIRET]


def test_ocr_flag_does_not_block(bareme: Bareme) -> None:
    evaluation = judge(make_quote(PROTECTION, WALLS), bareme, reading_flags=[Flag.OCR])
    assert evaluation.outcome is Outcome.AUTO_VALIDATED and evaluation.flags == [Flag.OCR]


def test_ordered_flags_are_unique_and_stable() -> None:
    assert ordered_flags([Flag.OCR, Flag.OVERPRICED, Flag.OCR, Flag.NOT_COVERED]) == [
        Flag.OVERPRICED,
        Flag.NOT_COVERED,
        Flag.OCR,
    ]


# ---------------------------------------------------------------------- corpus scenarios


def _truths() -> list[dict[str, Any]]:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus absent ({CORPUS})")
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("[0-9]*.json"))]


def test_every_corpus_quote_gets_its_expected_outcome_and_flags(bareme: Bareme) -> None:
    seen = 0
    for truth in _truths():
        quote = quote_from_ground_truth(truth)
        expected = truth["expected"]
        if quote is None or expected["outcome"] == "duplicate":
            continue  # rejected documents and duplicates: see test_robot_pipeline
        evaluation = judge(quote, bareme, cover=Cover(truth.get("cover", DDE.value)))
        flags = {flag.value for flag in evaluation.flags}
        assert evaluation.outcome.value == expected["outcome"], (truth["file"], evaluation.reason)
        assert set(expected["flags"]) <= flags, truth["file"]
        assert flags <= set(expected["flags"]) | set(expected.get("optional_flags") or []), truth["file"]
        seen += 1
    assert seen >= 12


def test_no_corpus_quote_is_auto_validated_when_one_line_is_inflated(bareme: Bareme) -> None:
    """Whatever line of a fair quote is pushed to +35 %, the quote goes to review."""
    for truth in _truths():
        if truth["scenario"] != "fair":
            continue
        quote = quote_from_ground_truth(truth)
        assert quote is not None
        for index, line in enumerate(quote.lines):
            typical = Decimal(str(truth["lines"][index]["typical_unit_price_ht"]))
            price = money(typical * Decimal("1.35"))
            inflated = line.model_copy(update={"unit_price_ht": price, "total_ht": money(price * line.quantity)})
            lines = [*quote.lines[:index], inflated, *quote.lines[index + 1 :]]
            total_ht = money(sum((li.total_ht for li in lines), Decimal(0)))
            tva = money(total_ht * Decimal("0.10"))
            changed = quote.model_copy(
                update={"lines": lines, "total_ht": total_ht, "total_tva": tva, "total_ttc": total_ht + tva}
            )
            evaluation = judge(changed, bareme)
            assert evaluation.outcome is not Outcome.AUTO_VALIDATED, (truth["file"], line.designation)
            assert Flag.OVERPRICED in evaluation.flags


def test_no_corpus_quote_is_auto_validated_with_a_lump_sum_or_leak_repair(bareme: Bareme) -> None:
    for truth in _truths():
        if truth["scenario"] != "fair":
            continue
        quote = quote_from_ground_truth(truth)
        assert quote is not None
        for extra, flag in (
            (("Peinture des murs 2 couches", "1", Unit.FORFAIT, "400", "10"), Flag.NO_MEASUREMENTS),
            (("Réparation de la fuite sur canalisation", "1", Unit.FORFAIT, "180", "10"), Flag.NOT_COVERED),
        ):
            added = make_quote(
                *[(li.designation, str(li.quantity), li.unit, str(li.unit_price_ht), "10") for li in quote.lines], extra
            )  # type: ignore[misc]
            evaluation = judge(added, bareme)
            assert evaluation.outcome is Outcome.NEEDS_REVIEW and flag in evaluation.flags
