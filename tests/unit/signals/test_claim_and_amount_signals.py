"""The claim's signals (reused quote, dated before the loss), the amounts' signal, and how a
signal holds back an auto-validation, through the robot's own pipeline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from billma_core import labels
from billma_core.bareme import Bareme, load_bareme
from billma_core.evaluation.matching import matcher_for
from billma_core.evaluation.verdicts import PricingContext, evaluate_line
from billma_core.models import (
    BaremeCandidate,
    Contractor,
    Cover,
    DocumentKind,
    DocumentReading,
    Evaluation,
    Flag,
    LineEvaluation,
    MediaType,
    Outcome,
    Quote,
    QuoteLine,
    Signal,
    Unit,
    Verdict,
)
from billma_core.robot import InMemoryDuplicateRegistry, evaluate_reading
from billma_core.settings import Settings
from billma_core.signals import ClaimContext, apply_signals
from billma_core.signals.amounts import suspicious_amounts
from billma_core.signals.dates import dated_before_loss
from billma_core.signals.reused import Sighting, quote_keys, reused_quote

TOLERANCE = Decimal("0.15")
BAREME = load_bareme()


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _line(designation: str, quantity: str, unit: Unit, price: str) -> QuoteLine:
    q, p = Decimal(quantity), Decimal(price)
    return QuoteLine(designation=designation, quantity=q, unit=unit, unit_price_ht=p, total_ht=q * p, tva_rate=10)


def fair_quote(number: str = "DV-2025-0412", when: date = date(2025, 4, 22)) -> Quote:
    lines = [
        _line("Protection des sols et du mobilier", "1", Unit.FORFAIT, "85.00"),
        _line("Lessivage des murs", "24.5", Unit.M2, "6.40"),
        _line("Impression et deux couches de peinture acrylique mate sur murs", "24.5", Unit.M2, "27.50"),
        _line("Peinture plafond, deux couches", "12", Unit.M2, "29.00"),
        _line("Nettoyage de fin de chantier", "1", Unit.FORFAIT, "95.00"),
    ]
    total_ht = sum((line.total_ht for line in lines), Decimal(0))
    tva = (total_ht / 10).quantize(Decimal("0.01"))
    return Quote(
        contractor=Contractor(name="Rénov'Eau", siret="73282932000074", siret_valid=True),
        number=number,
        date=when,
        site_postal_code="33400",
        lines=lines,
        total_ht=total_ht,
        total_tva=tva,
        total_ttc=total_ht + tva,
    )


def reading_of(quote: Quote, sha: str = "a" * 64) -> DocumentReading:
    return DocumentReading(sha256=sha, size=1000, media_type=MediaType.PDF, pages=1, quote=quote)


def claim(dossier: str, reference: str, loss: date = date(2025, 3, 16), who: str | None = "p1") -> ClaimContext:
    return ClaimContext(dossier_id=dossier, claim_reference=reference, policyholder=who, date_of_loss=loss)


def run(
    reading: DocumentReading, registry: InMemoryDuplicateRegistry, context: ClaimContext, bareme: Bareme
) -> Evaluation:
    return evaluate_reading(
        reading,
        cover=Cover.DEGATS_DES_EAUX,
        postal_code="33400",
        registry=registry,
        dossier_id=context.dossier_id,
        settings=Settings(),
        bareme=bareme,
        claim=context,
    )


# ------------------------------------------------------------------ the pipeline


def test_the_fair_quote_alone_is_auto_validated_without_signals(bareme: Bareme) -> None:
    evaluation = run(reading_of(fair_quote()), InMemoryDuplicateRegistry(), claim("D1", "SIN-1"), bareme)
    assert evaluation.outcome is Outcome.AUTO_VALIDATED, evaluation.reason
    assert evaluation.signals == [] and evaluation.flags == []


def test_the_same_quote_on_another_claim_is_reused_and_linked_to_the_first(bareme: Bareme) -> None:
    registry = InMemoryDuplicateRegistry()
    first = run(reading_of(fair_quote(), "a" * 64), registry, claim("D1", "SIN-1"), bareme)
    # Re-typed by hand: other bytes, same SIRET and number, another total.
    retyped = fair_quote().model_copy(update={"total_ttc": Decimal("1500.00")})
    second = run(reading_of(retyped, "b" * 64), registry, claim("D2", "SIN-2", who="p2"), bareme)
    assert first.outcome is Outcome.AUTO_VALIDATED
    assert Flag.REUSED_QUOTE in second.flags and second.outcome is Outcome.NEEDS_REVIEW
    [signal] = [s for s in second.signals if s.flag is Flag.REUSED_QUOTE]
    assert signal.linked_dossier_id == "D1"
    assert signal.evidence["dossiers"][0]["claim_reference"] == "SIN-1"
    assert "SIN-1" in signal.reason and "D1" in signal.reason


def test_the_same_file_on_another_claim_is_a_duplicate_and_a_reuse(bareme: Bareme) -> None:
    registry = InMemoryDuplicateRegistry()
    run(reading_of(fair_quote()), registry, claim("D1", "SIN-1"), bareme)
    again = run(reading_of(fair_quote()), registry, claim("D2", "SIN-2"), bareme)
    assert again.outcome is Outcome.DUPLICATE and again.duplicate_of == "D1"
    assert again.flags == [Flag.DUPLICATE, Flag.REUSED_QUOTE]
    assert again.signals[0].linked_dossier_id == "D1"


def test_the_same_quote_again_on_the_same_claim_is_only_a_duplicate(bareme: Bareme) -> None:
    registry = InMemoryDuplicateRegistry()
    run(reading_of(fair_quote()), registry, claim("D1", "SIN-1"), bareme)
    again = run(reading_of(fair_quote()), registry, claim("D2", "SIN-1"), bareme)
    assert again.outcome is Outcome.DUPLICATE and again.flags == [Flag.DUPLICATE] and again.signals == []


def test_a_replayed_event_on_the_same_dossier_is_no_reuse(bareme: Bareme) -> None:
    registry = InMemoryDuplicateRegistry()
    run(reading_of(fair_quote()), registry, claim("D1", "SIN-1"), bareme)
    again = run(reading_of(fair_quote()), registry, claim("D1", "SIN-1"), bareme)
    assert again.outcome is Outcome.AUTO_VALIDATED and again.signals == []


def test_a_fair_quote_dated_before_the_loss_is_not_auto_validated(bareme: Bareme) -> None:
    early = fair_quote(when=date(2025, 3, 1))
    evaluation = run(reading_of(early), InMemoryDuplicateRegistry(), claim("D1", "SIN-1"), bareme)
    assert evaluation.outcome is Outcome.NEEDS_REVIEW and evaluation.suggested_motif is None
    assert evaluation.flags == [Flag.DATED_BEFORE_LOSS]
    assert evaluation.signals[0].evidence == {
        "document_date": "2025-03-01",
        "date_of_loss": "2025-03-16",
        "days_before": 15,
    }
    assert evaluation.reason and evaluation.reason.startswith("À revoir : Devis daté du 01/03/2025")


def test_without_a_claim_no_claim_signal(bareme: Bareme) -> None:
    evaluation = evaluate_reading(
        reading_of(fair_quote(when=date(2020, 1, 1))),
        cover=Cover.DEGATS_DES_EAUX,
        postal_code="33400",
        registry=InMemoryDuplicateRegistry(),
        dossier_id="D1",
        settings=Settings(),
        bareme=bareme,
    )
    assert evaluation.outcome is Outcome.AUTO_VALIDATED


# ------------------------------------------------------------------ pure checks


def test_dated_before_loss_same_day_is_fine_and_invoice_wording() -> None:
    assert dated_before_loss(fair_quote(when=date(2025, 3, 16)), date(2025, 3, 16)) is None
    assert dated_before_loss(fair_quote(), None) is None
    invoice = fair_quote(when=date(2025, 3, 10)).model_copy(update={"kind": DocumentKind.INVOICE})
    signal = dated_before_loss(invoice, date(2025, 3, 16))
    assert signal is not None and signal.reason.startswith("Facture datée du 10/03/2025, 6 jour(s)")


def test_round_totals_and_round_line_prices_are_suspicious() -> None:
    assert suspicious_amounts(fair_quote(), [], BAREME, TOLERANCE) is None
    round_total = fair_quote().model_copy(update={"total_ttc": Decimal("1700.00")})
    signal = suspicious_amounts(round_total, [], BAREME, TOLERANCE)
    assert signal is not None and signal.evidence == {"round_totals": ["total_ttc"]}
    lines = [_line(f"Poste {n}", "1", Unit.FORFAIT, price) for n, price in enumerate(["300", "500", "85.50", "1200"])]
    many = Quote(lines=lines)
    signal = suspicious_amounts(many, [], BAREME, TOLERANCE)
    assert signal is not None and signal.evidence == {"round_price_lines": [1, 2, 4]}
    two_of_five = Quote(lines=[*lines[:2], *[_line("x", "1", Unit.U, "12.40")] * 3])
    assert suspicious_amounts(two_of_five, [], BAREME, TOLERANCE) is None


def _judged(code: str, verdict: Verdict, reference: str, *ceilings: tuple[str, str]) -> list[LineEvaluation]:
    """One judged line priced at ``code`` (reference total HT), with its candidates' ceilings per m²."""
    candidates = [
        BaremeCandidate(
            bareme_code=candidate,
            label=BAREME.item(candidate).label,
            unit=Unit.M2,
            reference_unit_price_ht=Decimal(ceiling) / (1 + TOLERANCE),
            ceiling_unit_price_ht=Decimal(ceiling),
        )
        for candidate, ceiling in ceilings
    ]
    return [
        LineEvaluation(
            line=0,
            bareme_code=code,
            verdict=verdict,
            reference_total_ht=Decimal(reference),
            revised_total_ht=Decimal(reference),
            why="",
            candidates=candidates,
        )
    ]


def test_a_line_beyond_three_times_its_ceiling_is_suspicious() -> None:
    quote = Quote(lines=[_line("Peinture murs", "10", Unit.M2, "130.00")])
    judged = _judged("PEI-003", Verdict.OVERPRICED, "300")
    signal = suspicious_amounts(quote, judged, BAREME, TOLERANCE)
    assert signal is not None
    assert signal.evidence["far_above_ceiling"] == [
        {"line": 1, "bareme_code": "PEI-003", "total_ht": "1300.00", "ceiling_ht": "345.00", "ratio": "3.8"}
    ]
    mistyped = QuoteLine(designation="Peinture murs", quantity=10, unit=Unit.M2, unit_price_ht=30, total_ht=1300)
    assert suspicious_amounts(Quote(lines=[mistyped]), judged, BAREME, TOLERANCE) is None  # an arithmetic error
    forfait = Quote(lines=[_line("Peinture murs", "1", Unit.FORFAIT, "1300.00")])
    assert suspicious_amounts(forfait, judged, BAREME, TOLERANCE) is None  # not in the item's unit (m²)
    judged[0].reference_total_ht = Decimal("400")  # ceiling 460: 1 300 is 2.8 × — overpriced, not suspicious
    assert suspicious_amounts(quote, judged, BAREME, TOLERANCE) is None


def test_a_line_accepted_under_a_dearer_plausible_item_is_judged_against_its_ceiling() -> None:
    # Preparation (7 € HT/m²) or painting (30 € HT/m²)? The judge accepts 28 €/m² under the
    # painting item; 280 € is 3.5 × the preparation's ceiling, but within the painting's.
    quote = Quote(lines=[_line("Reprise des murs", "10", Unit.M2, "28.00")])

    def judged(*ceilings: tuple[str, str]) -> list[LineEvaluation]:
        return _judged("PEI-001", Verdict.OK, "70", *ceilings)

    assert suspicious_amounts(quote, judged(("PEI-001", "8.05"), ("PEI-003", "34.50")), BAREME, TOLERANCE) is None
    alone = suspicious_amounts(quote, judged(("PEI-001", "8.05")), BAREME, TOLERANCE)
    assert alone is not None and alone.evidence["far_above_ceiling"][0]["ceiling_ht"] == "80.50"
    far = Quote(lines=[_line("Reprise des murs", "10", Unit.M2, "110.00")])  # 3.2 × the painting's ceiling
    signal = suspicious_amounts(far, judged(("PEI-001", "8.05"), ("PEI-003", "34.50")), BAREME, TOLERANCE)
    assert signal is not None and signal.evidence["far_above_ceiling"][0]["ceiling_ht"] == "345.00"


def test_reuse_needs_another_claim_or_another_policyholder() -> None:
    me = claim("D2", "SIN-1", who="p1")
    same = Sighting(dossier_id="D1", claim_reference="SIN-1", policyholder="p1")
    assert reused_quote(me, [same]) is None
    assert reused_quote(me, [Sighting(dossier_id="D2", claim_reference="SIN-9")]) is None  # itself
    unknown = Sighting(dossier_id="D1", claim_reference="SIN-1", policyholder=None)
    assert reused_quote(me, [unknown]) is None
    other_person = Sighting(dossier_id="D1", claim_reference="SIN-1", policyholder="p9")
    signal = reused_quote(me, [other_person])
    assert signal is not None and "autre assuré" in signal.reason


def test_the_same_reference_at_another_insurer_is_another_claim_and_its_reference_is_not_shown() -> None:
    me = ClaimContext(dossier_id="D2", claim_reference="SIN-1", policyholder="p1", insurer_code="AZ")
    same_insurer = Sighting(dossier_id="D1", claim_reference="SIN-1", policyholder="p1", insurer_code="AZ")
    assert reused_quote(me, [same_insurer]) is None
    elsewhere = Sighting(dossier_id="D1", claim_reference="ZZ-SECRET-9", policyholder="p1", insurer_code="ZZ")
    signal = reused_quote(me, [elsewhere])
    assert signal is not None and signal.linked_dossier_id == "D1"
    assert "autre assureur" in signal.reason and "ZZ-SECRET-9" not in signal.model_dump_json()


def test_quote_keys_need_siret_and_number() -> None:
    assert quote_keys(fair_quote(), "f" * 64) == ["73282932000074#DV20250412", "sha256#" + "f" * 64]
    assert quote_keys(fair_quote().model_copy(update={"number": None}), "") == []


def test_apply_signals_keeps_other_outcomes_and_adds_reasons() -> None:
    signal = Signal(flag=Flag.SUSPICIOUS_AMOUNTS, reason="Montants à vérifier.")
    reviewed = Evaluation(sha256="x", outcome=Outcome.NEEDS_REVIEW, flags=[Flag.OVERPRICED], reason="À revoir.")
    after = apply_signals(reviewed, [signal])
    assert after.outcome is Outcome.NEEDS_REVIEW
    assert after.flags == [Flag.OVERPRICED, Flag.SUSPICIOUS_AMOUNTS]
    assert after.reason == "À revoir. Montants à vérifier."
    assert apply_signals(reviewed, []) is reviewed


def test_claim_and_amount_evidence_keys_have_french_labels() -> None:
    dated = dated_before_loss(fair_quote(when=date(2025, 3, 1)), date(2025, 3, 16))
    reused = reused_quote(claim("D2", "SIN-2"), [Sighting(dossier_id="D1", claim_reference="SIN-1")])
    lines = [_line(f"Poste {n}", "1", Unit.FORFAIT, "300") for n in range(3)]
    judged = [
        LineEvaluation(
            line=0,
            bareme_code="INS-001",
            verdict=Verdict.OVERPRICED,
            reference_total_ht=Decimal("50"),
            revised_total_ht=0,
            why="",
        )
    ]
    amounts = suspicious_amounts(Quote(lines=lines, total_ttc=Decimal("990.00")), judged, BAREME, TOLERANCE)
    keys: set[str] = set()
    for signal in (dated, reused, amounts):
        assert signal is not None
        for key, value in signal.evidence.items():
            keys.add(key)
            for item in value if isinstance(value, list) else []:
                keys.update(item if isinstance(item, dict) else {})
    assert {"far_above_ceiling", "round_price_lines", "dossiers", "days_before"} <= keys
    assert keys <= set(labels.EVIDENCE), keys - set(labels.EVIDENCE)


def test_a_line_naming_several_works_is_judged_against_the_sum_of_their_ceilings() -> None:
    # "Protection et installation de chantier" is priced as protection (80 €) + set-up (50 €):
    # 130 € HT, ceiling 149.50 €. 3 × that is 448.50 €: 400 € is overpriced but not far outside
    # (though beyond 3 × either part's ceiling), 1 000 € is far outside.
    context = PricingContext(Cover.DEGATS_DES_EAUX, Decimal(1), None, TOLERANCE, BAREME.version, BAREME.hours_per_day)
    matcher = matcher_for(BAREME)

    def signal_for(price: str) -> Signal | None:
        quote = Quote(lines=[_line("Protection et installation de chantier", "1", Unit.FORFAIT, price)])
        judged = [evaluate_line(0, quote.lines[0], matcher, context)]
        assert judged[0].bareme_code == "INS-001+INS-002" and judged[0].reference_total_ht == Decimal("130.00")
        return suspicious_amounts(quote, judged, BAREME, TOLERANCE)

    assert signal_for("400.00") is None
    far = signal_for("1000.00")
    assert far is not None and far.evidence["far_above_ceiling"] == [
        {"line": 1, "bareme_code": "INS-001+INS-002", "total_ht": "1000.00", "ceiling_ht": "149.50", "ratio": "6.7"}
    ]
