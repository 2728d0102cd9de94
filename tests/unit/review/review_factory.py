"""Hand-built dossiers for the review rules' tests (no robot, no storage)."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from billma_core.models import (
    Contractor,
    Cover,
    Dossier,
    DossierForm,
    DossierState,
    Evaluation,
    LineDecision,
    LineEvaluation,
    MotifCode,
    Outcome,
    Quote,
    QuoteLine,
    RenDecision,
    Unit,
    Verdict,
)
from billma_core.review import RenOpening, apply_ren, close, revise
from billma_core.settings import Settings

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
SETTINGS = Settings()
REVIEWER = "reviewer-1"

# Quote: 1 930,00 HT, 10 % VAT, 2 123,00 TTC. The robot proposes 1 180,00 HT (1 298,00 TTC),
# a gap of 825,00 TTC: REN-eligible.
LINES = [
    ("Peinture murs et plafonds, 2 couches", "40", Unit.M2, "30.00", Verdict.OVERPRICED, "800.00"),
    ("Dépose et repose de plinthes", "12", Unit.ML, "15.00", Verdict.OK, "180.00"),
    ("Recherche et réparation de fuite", "1", Unit.FORFAIT, "350.00", Verdict.NOT_COVERED, "0.00"),
    ("Lessivage des murs", "40", Unit.M2, "5.00", Verdict.OK, "200.00"),
]


def make_quote(tva_rate: Decimal | None = Decimal("10")) -> Quote:
    lines = [
        QuoteLine(
            designation=label,
            quantity=Decimal(qty),
            unit=unit,
            unit_price_ht=Decimal(price),
            total_ht=Decimal(qty) * Decimal(price),
            tva_rate=tva_rate,
        )
        for label, qty, unit, price, _verdict, _revised in LINES
    ]
    return Quote(
        contractor=Contractor(name="Rénov'Plus SARL", siret="73282932000074", siret_valid=True),
        number="D-2026-118",
        date=dt.date(2026, 11, 2),
        site_postal_code="69003",
        lines=lines,
        total_ht=Decimal("1930.00"),
        total_tva=Decimal("193.00"),
        total_ttc=Decimal("2123.00"),
    )


def make_evaluation(outcome: Outcome = Outcome.NEEDS_REVIEW, quote: Quote | None = None) -> Evaluation:
    quote = quote or make_quote()
    return Evaluation(
        sha256="ab" * 32,
        outcome=outcome,
        quote=quote,
        lines=[
            LineEvaluation(
                line=index,
                bareme_code=f"B{index:03d}",
                confidence=0.9,
                verdict=verdict,
                revised_total_ht=Decimal(revised),
                why=f"barème B{index:03d} : {verdict.value.lower()}",
            )
            for index, (_label, _qty, _unit, _price, verdict, revised) in enumerate(LINES)
        ],
        bareme_version="2026.1",
        revised_total_ht=Decimal("1180.00"),
        revised_total_ttc=Decimal("1298.00"),
        gap_ttc=Decimal("825.00"),
        ren_eligible=True,
    )


def make_dossier(
    state: DossierState = DossierState.IN_REVIEW,
    *,
    deductible: str = "150.00",
    evaluation: Evaluation | None = None,
    with_evaluation: bool = True,
) -> Dossier:
    created = NOW - timedelta(hours=30)
    return Dossier(
        dossier_id="d-0001",
        state=state,
        form=DossierForm(
            claim_reference="SIN-2026-0042",
            date_of_loss=dt.date(2026, 10, 28),
            deductible=Decimal(deductible),
            cover=Cover.DEGATS_DES_EAUX,
            policyholder_phone="06 12 34 56 78",
            site_postal_code="69003",
        ),
        created_by="portal",
        created_at=created,
        updated_at=created,
        waiting_since=created,
        evaluation=(evaluation or make_evaluation()) if with_evaluation else None,
        assigned_to=REVIEWER if state in (DossierState.IN_REVIEW, DossierState.REN_PROPOSED) else None,
    )


def opening_form(**changes: object) -> RenOpening:
    data: dict[str, object] = {
        "date_of_loss": "2026-10-28",
        "policy_number": "POL-778899",
        "first_name": "Camille",
        "last_name": "Lefèvre",
        "address": "12 rue de la République",
        "postal_code": "69003",
        "city": "Lyon",
        "dwelling_type": "APARTMENT",
        "occupancy": "OWNER_OCCUPIER",
        "phone_1": {
            "number": "06 12 34 56 78",
            "available_from": "09:00",
            "available_to": "18:00",
            "phone_type": "MOBILE",
            "principal": True,
        },
        "email": "camille.lefevre@example.fr",
    }
    data.update(changes)
    return RenOpening.model_validate(data)


def revised(dossier: Dossier, decisions: list[LineDecision] | None = None) -> Dossier:
    revision = revise(dossier, decisions or [], None, REVIEWER, NOW, SETTINGS)
    return dossier.model_copy(update={"revision": revision})


def with_ren(dossier: Dossier, decision: RenDecision, opening: RenOpening | None = None) -> Dossier:
    if decision is RenDecision.ACCEPTED and opening is None:
        opening = opening_form()
    events = apply_ren(dossier, decision, opening, REVIEWER, NOW, SETTINGS)
    return dossier.model_copy(update={"ren": events, "state": DossierState.REN_PROPOSED})


def closed(dossier: Dossier, motif: MotifCode, reason: str | None = None) -> Dossier:
    closure = close(dossier, motif, reason, None, REVIEWER, NOW, SETTINGS)
    return dossier.model_copy(update={"closure": closure, "state": DossierState.CLOSED})


def small_gap_decisions(unit_price: str = "27.00") -> list[LineDecision]:
    """Reinstate the leak line and price the painting at ``unit_price``: 40 × (30 − p) HT off."""
    return [
        LineDecision(line=0, action="SET", unit_price_ht=Decimal(unit_price)),
        LineDecision(line=1, action="ACCEPT"),
        LineDecision(line=2, action="SET", quantity=Decimal("1")),
    ]
