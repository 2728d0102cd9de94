"""The nine closure motifs: their French labels, the rules each must pass, and the settlement
each implies. :func:`available_motifs` and :func:`close` share one rule check, so the web page
never offers a motif the server would refuse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from billma_core import labels
from billma_core.amounts import indemnity as settled_indemnity
from billma_core.errors import Conflict, RuleViolation
from billma_core.models import (
    Closure,
    Dossier,
    ExclusionReason,
    LazyModel,
    MotifCode,
    Outcome,
    RenDecision,
    Settlement,
)
from billma_core.money import ZERO, format_eur, money
from billma_core.review.ren import ren_proposed_then
from billma_core.review.revision import STALE_REVISION, dossier_quote_total_ttc
from billma_core.review.transitions import TRANSITIONS, Action, is_closed
from billma_core.settings import Settings

M = MotifCode

ROBOT = "ROBOT"
BILLMATEUR = "BILLMATEUR"
REN_ORIGIN = "REN SUITE BILLMA"


class OutOfScopeReason(StrEnum):
    SERVICE_NOT_PROVIDED = "SERVICE_NOT_PROVIDED"
    AMOUNT_OUT_OF_RANGE = "AMOUNT_OUT_OF_RANGE"
    EXPERT_ALREADY_MANDATED = "EXPERT_ALREADY_MANDATED"
    SIMPLIFICATION_MEASURE = "SIMPLIFICATION_MEASURE"


class Basis(StrEnum):
    """What the settlement amount is computed from."""

    QUOTE_TOTAL = "QUOTE_TOTAL"
    REVISED_TOTAL = "REVISED_TOTAL"
    ZERO = "ZERO"
    IN_KIND_REPAIR = "IN_KIND_REPAIR"
    NONE = "NONE"


class Settler(StrEnum):
    GST = "GST"  # the insurer's claims handlers ("GST AZ")
    GST_MULTI = "GST_MULTI"  # the network's handlers ("GST Multi AZ")
    NOBODY = "NOBODY"


@dataclass(frozen=True)
class MotifRule:
    """One row of the design's motif table."""

    revised_by: str
    settler: Settler
    basis: Basis
    reasons: tuple[str, ...]  # required, one of these, when not empty; refused when empty
    note: str  # the settlement column, in French, for the report and the page


MOTIFS: dict[MotifCode, MotifRule] = {
    M.AUTO_VALIDATED: MotifRule(ROBOT, Settler.GST, Basis.QUOTE_TOTAL, (), "La GST règle le devis."),
    M.UNREACHABLE_MISSING_INFO: MotifRule(
        BILLMATEUR,
        Settler.NOBODY,
        Basis.NONE,
        (),
        "La GST demande les pièces si l'assuré rappelle ; un nouveau devis fait l'objet d'un nouveau dépôt.",
    ),
    M.GAP_UNDER_200: MotifRule(
        BILLMATEUR, Settler.GST, Basis.QUOTE_TOTAL, (), "La GST règle le devis accepté sans modification."
    ),
    M.FALSE_ALERT: MotifRule(BILLMATEUR, Settler.GST, Basis.QUOTE_TOTAL, (), "La GST règle le devis."),
    M.INDEMNITY_REVISED: MotifRule(
        BILLMATEUR,
        Settler.GST,
        Basis.REVISED_TOTAL,
        tuple(ExclusionReason),
        "La GST règle le montant révisé.",
    ),
    M.COVER_REFUSED: MotifRule(
        BILLMATEUR, Settler.NOBODY, Basis.ZERO, (), "Aucun règlement : prise en charge refusée."
    ),
    M.REN_ACCEPTED: MotifRule(
        BILLMATEUR,
        Settler.GST_MULTI,
        Basis.IN_KIND_REPAIR,
        (),
        f"La GST Multi reprend le dossier : une REN est ouverte (origine « {REN_ORIGIN} »).",
    ),
    M.DUPLICATE_OR_WRONG_DOCUMENT: MotifRule(
        BILLMATEUR, Settler.NOBODY, Basis.NONE, (), "Aucun règlement : un autre document est attendu."
    ),
    M.OUT_OF_SCOPE: MotifRule(
        BILLMATEUR,
        Settler.GST,
        Basis.NONE,
        tuple(OutOfScopeReason),
        "La compagnie traite le dossier hors BillMA.",
    ),
}


class MotifAvailability(LazyModel):
    motif: MotifCode
    label: str
    allowed: bool
    why_not: str | None = None
    rule: str | None = None  # machine code of the refusing rule
    reasons: list[str] = Field(default_factory=list)  # the reason codes the motif requires
    settlement: Settlement | None = None  # what closing with it would send the insurer (None: unknown yet)


@dataclass(frozen=True)
class _Refusal:
    rule: str
    message: str


def settler_name(settler: Settler, insurer_code: str) -> str | None:
    if settler is Settler.GST:
        return f"GST {insurer_code}"
    if settler is Settler.GST_MULTI:
        return f"GST Multi {insurer_code}"
    return None


def _gap(dossier: Dossier) -> Decimal | None:
    return dossier.revision.gap_ttc if dossier.revision is not None else None


def _stale(dossier: Dossier) -> bool:
    return dossier.revision is not None and dossier.revision.stale


def _refusal(dossier: Dossier, motif: MotifCode, settings: Settings, by: str) -> _Refusal | None:
    """The first rule ``motif`` fails on ``dossier``, or None. The reason code is checked apart
    (:func:`_reason_refusal`) since the page asks before it is chosen."""
    label = labels.MOTIFS[motif]
    if is_closed(dossier):
        return _Refusal("closed", "Le dossier est déjà clos.")
    if motif is M.AUTO_VALIDATED:
        return _robot_refusal(dossier, label, by)
    return (
        _reviewer_refusal(dossier, label, by)
        or _revision_refusal(dossier, motif, label)
        or _gap_refusal(dossier, motif, label, settings.ren_threshold_ttc)
        or _ren_refusal(dossier, motif, label)
    )


def _robot_refusal(dossier: Dossier, label: str, by: str) -> _Refusal | None:
    """The robot's closure: by the robot, at the end of its analysis, on a quote it validated."""
    if by != ROBOT:
        return _Refusal("robot_only", f"« {label} » est réservé au robot.")
    if dossier.state not in TRANSITIONS[Action.ROBOT_CLOSE]:
        return _Refusal(
            "state",
            f"« {label} » n'est possible qu'à la fin de l'analyse (dossier « {labels.STATES[dossier.state]} »).",
        )
    if dossier.evaluation is None or dossier.evaluation.outcome is not Outcome.AUTO_VALIDATED:
        return _Refusal("auto_validation", f"« {label} » demande un devis validé par le robot.")
    return None


def _reviewer_refusal(dossier: Dossier, label: str, by: str) -> _Refusal | None:
    """A reviewer's closure: by a person, on a dossier taken in review."""
    if by == ROBOT:
        return _Refusal("reviewer_only", f"« {label} » est une clôture du Billmateur, pas du robot.")
    if dossier.state not in TRANSITIONS[Action.CLOSE]:
        return _Refusal(
            "state",
            f"Le dossier doit être pris en revue avant d'être clos (il est « {labels.STATES[dossier.state]} »).",
        )
    return None


# The motifs that settle on the revision's gap: they need a revision, and a current one.
_GAP_MOTIFS = (M.GAP_UNDER_200, M.FALSE_ALERT, M.INDEMNITY_REVISED)


def _revision_refusal(dossier: Dossier, motif: MotifCode, label: str) -> _Refusal | None:
    if motif in _GAP_MOTIFS and _gap(dossier) is None:
        return _Refusal("revision_required", f"« {label} » demande une révision du devis.")
    if motif in _GAP_MOTIFS and _stale(dossier):
        return _Refusal("revision_stale", f"« {label} » : {STALE_REVISION}")
    return None


def _gap_refusal(dossier: Dossier, motif: MotifCode, label: str, threshold: Decimal) -> _Refusal | None:
    """The revision's gap each gap motif asks for (the revision is known: see _revision_refusal)."""
    gap = _gap(dossier)
    if gap is None:
        return None
    if motif is M.GAP_UNDER_200 and not ZERO < gap <= threshold:
        return _Refusal(
            "gap",
            f"« {label} » demande un écart strictement positif et d'au plus "
            f"{format_eur(threshold)} TTC (écart de la révision : {format_eur(gap)}).",
        )
    if motif is M.FALSE_ALERT and gap > ZERO:
        return _Refusal(
            "gap",
            f"« {label} » demande une révision sans économie (écart ≤ 0 ; écart de la révision : {format_eur(gap)}).",
        )
    if motif is M.INDEMNITY_REVISED and gap <= threshold:
        return _Refusal(
            "gap",
            f"« {label} » demande un écart de plus de {format_eur(threshold)} TTC "
            f"(écart de la révision : {format_eur(gap)}).",
        )
    return None


def _ren_refusal(dossier: Dossier, motif: MotifCode, label: str) -> _Refusal | None:
    """What each motif asks of the REN: none proposed, or one proposed then refused or accepted."""
    if motif in (M.GAP_UNDER_200, M.FALSE_ALERT) and dossier.ren:
        return _Refusal(
            "ren",
            f"« {label} » est impossible une fois une REN proposée : "
            "clôturez en « Clos - REN » ou en « Clos - Montant indemnisation révisé ».",
        )
    if motif is M.INDEMNITY_REVISED and not ren_proposed_then(dossier, RenDecision.REFUSED):
        return _Refusal("ren", f"« {label} » demande qu'une REN ait été proposée puis refusée par l'assuré.")
    if motif is M.REN_ACCEPTED and not ren_proposed_then(dossier, RenDecision.ACCEPTED):
        return _Refusal("ren", f"« {label} » demande qu'une REN ait été proposée puis acceptée par l'assuré.")
    return None


def _reason_refusal(motif: MotifCode, reason: str | None) -> _Refusal | None:
    label = labels.MOTIFS[motif]
    allowed = MOTIFS[motif].reasons
    if not allowed:
        if reason is not None:
            return _Refusal("reason", f"« {label} » ne prend pas de code de raison ; précisez-le en commentaire.")
        return None
    if reason is None or reason not in allowed:
        codes = ", ".join(allowed)
        given = f" (reçu : {reason})" if reason is not None else ""
        return _Refusal("reason", f"« {label} » demande un code de raison parmi : {codes}{given}.")
    return None


def available_motifs(dossier: Dossier, settings: Settings, by: str = BILLMATEUR) -> list[MotifAvailability]:
    """Every motif in the design's order, with whether it may close the dossier now and why not."""
    result = []
    for motif in MotifCode:
        refusal = _refusal(dossier, motif, settings, by)
        # The settlement is shown for every motif it can be computed for, allowed or not yet.
        settlement = None
        try:
            settlement = settlement_for(dossier, motif)
        except RuleViolation as missing:  # e.g. no quote read: closing would refuse too
            if refusal is None:
                refusal = _Refusal(str((missing.details or {}).get("rule", "settlement")), missing.message)
        result.append(
            MotifAvailability(
                motif=motif,
                label=labels.MOTIFS[motif],
                allowed=refusal is None,
                why_not=refusal.message if refusal else None,
                rule=refusal.rule if refusal else None,
                reasons=list(MOTIFS[motif].reasons),
                settlement=settlement,
            )
        )
    return result


def settlement_for(dossier: Dossier, motif: MotifCode) -> Settlement:
    """Who settles, on what basis, how much; indemnity = amount − deductible, never below 0."""
    rule = MOTIFS[motif]
    deductible = money(dossier.form.deductible)
    amount: Decimal | None
    if rule.basis is Basis.QUOTE_TOTAL:
        if dossier.evaluation is None or dossier.evaluation.quote is None:
            raise RuleViolation(
                f"« {labels.MOTIFS[motif]} » demande un devis lu pour connaître le montant à régler.",
                details={"rule": "quote_required"},
            )
        amount = dossier_quote_total_ttc(dossier)
    elif rule.basis is Basis.REVISED_TOTAL:
        if dossier.revision is None:
            raise RuleViolation(
                f"« {labels.MOTIFS[motif]} » demande une révision du devis.",
                details={"rule": "revision_required"},
            )
        if dossier.revision.stale:
            raise RuleViolation(f"« {labels.MOTIFS[motif]} » : {STALE_REVISION}", details={"rule": "revision_stale"})
        amount = money(dossier.revision.revised_total_ttc)
    elif rule.basis is Basis.ZERO:
        amount = ZERO
    else:
        amount = None
    indemnity = settled_indemnity(amount, deductible)
    return Settlement(
        settled_by=settler_name(rule.settler, dossier.form.insurer_code),
        basis=rule.basis.value,
        amount=amount,
        deductible=deductible,
        indemnity=indemnity,
    )


def close(
    dossier: Dossier,
    motif: MotifCode,
    reason: str | None,
    comment: str | None,
    by: str,
    at: datetime,
    settings: Settings,
) -> Closure:
    """The dossier's closure. Conflict when already closed; RuleViolation (409, French) when a
    rule of the motif refuses (``details.rule`` says which). ``by`` is the reviewer's id, or
    :data:`ROBOT` for AUTO_VALIDATED."""
    if is_closed(dossier):
        raise Conflict(
            "Le dossier est déjà clos : une clôture est définitive "
            "(un nouveau devis pour ce sinistre fait l'objet d'un nouveau dossier).",
            details={
                "dossier_id": dossier.dossier_id,
                "motif": dossier.closure.motif if dossier.closure else None,
            },
        )
    refusal = _refusal(dossier, motif, settings, by) or _reason_refusal(motif, reason)
    if refusal is not None:
        raise RuleViolation(
            f"Clôture refusée : {refusal.message}",
            details={"motif": motif.value, "rule": refusal.rule, "state": dossier.state.value},
        )
    closure = Closure(
        motif=motif,
        label=labels.MOTIFS[motif],
        reason=reason,
        comment=comment,
        revised_by=MOTIFS[motif].revised_by,
        closed_by=by,
        closed_at=at,
        settlement=settlement_for(dossier, motif),
    )
    if motif is M.REN_ACCEPTED:
        closure = closure.model_copy(update={"ren_opening": ren_opening_event(dossier, closure)})
    return closure


def _amount(value: Decimal | None) -> float | None:
    # Amounts in JSON payloads follow the models' convention (Money serialises as a number).
    return None if value is None else float(money(value))


def ren_opening_event(dossier: Dossier, closure: Closure) -> dict[str, object]:
    """The REN opening the handler publishes (EventBridge) when a dossier closes REN_ACCEPTED:
    the accepted opening form plus what the network needs to take over without re-typing."""
    if closure.motif is not M.REN_ACCEPTED:
        raise ValueError("une ouverture de REN n'existe que pour une clôture REN_ACCEPTED")
    accepted = next((event for event in reversed(dossier.ren) if event.decision is RenDecision.ACCEPTED), None)
    if accepted is None or accepted.opening is None:
        raise RuleViolation(
            "Aucune acceptation de REN avec son formulaire d'ouverture dans ce dossier.",
            details={"rule": "ren_opening_required"},
        )
    quote = dossier.evaluation.quote if dossier.evaluation is not None else None
    revision = dossier.revision
    return {
        "origin": REN_ORIGIN,
        "dossier_id": dossier.dossier_id,
        "claim_reference": dossier.form.claim_reference,
        "insurer_code": dossier.form.insurer_code,
        "cover": dossier.form.cover.value,
        "deductible": _amount(dossier.form.deductible),
        "opening": dict(accepted.opening),
        "accepted_by": accepted.by,
        "accepted_at": accepted.at.isoformat(),
        "quote": None
        if quote is None
        else {
            "number": quote.number,
            "contractor": quote.contractor.name,
            "siret": quote.contractor.siret,
            "total_ttc": _amount(dossier_quote_total_ttc(dossier)),
        },
        "revision": None
        if revision is None
        else {
            "number": revision.number,
            "revised_total_ht": _amount(revision.revised_total_ht),
            "revised_total_ttc": _amount(revision.revised_total_ttc),
            "gap_ttc": _amount(revision.gap_ttc),
        },
        "closed_by": closure.closed_by,
        "closed_at": closure.closed_at.isoformat(),
    }


__all__ = [
    "BILLMATEUR",
    "MOTIFS",
    "REN_ORIGIN",
    "ROBOT",
    "Basis",
    "MotifAvailability",
    "OutOfScopeReason",
    "available_motifs",
    "close",
    "ren_opening_event",
    "settlement_for",
]
