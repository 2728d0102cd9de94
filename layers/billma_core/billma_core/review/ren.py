"""REN (réparation en nature): proposing the in-kind repair, recording the policyholder's answer,
and the opening form the insurer's portal needs so the network takes over without re-typing."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from enum import StrEnum
from typing import Self

from pydantic import ConfigDict, Field, field_validator, model_validator

from billma_core.errors import RuleViolation, ValidationFailed
from billma_core.geo import departement_of
from billma_core.models import (
    UNKNOWN_PHONE,
    Dossier,
    DossierState,
    FrenchPhone,
    LazyModel,
    OptionalEmail,
    PostalCode,
    RenDecision,
    RenEvent,
    utc_now,
)
from billma_core.money import format_eur
from billma_core.review.revision import STALE_REVISION
from billma_core.review.transitions import Action, ensure_open, require_state
from billma_core.settings import Settings


class DwellingType(StrEnum):
    HOUSE = "HOUSE"
    APARTMENT = "APARTMENT"
    OTHER = "OTHER"


class Occupancy(StrEnum):
    OWNER_OCCUPIER = "OWNER_OCCUPIER"
    TENANT = "TENANT"
    NON_OCCUPYING_OWNER = "NON_OCCUPYING_OWNER"
    RENT_FREE_OCCUPANT = "RENT_FREE_OCCUPANT"
    OTHER = "OTHER"


class PhoneType(StrEnum):
    MOBILE = "MOBILE"
    LANDLINE = "LANDLINE"
    WORK = "WORK"


class ContactPhone(LazyModel):
    """A phone the network's handlers may call, and when."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    number: FrenchPhone
    available_from: dt.time
    available_to: dt.time
    phone_type: PhoneType
    principal: bool = False

    @field_validator("number")
    @classmethod
    def _reachable(cls, value: str) -> str:
        # The upload form tolerates an unknown number; a repair crew cannot call one.
        if value == UNKNOWN_PHONE:
            raise ValueError("un numéro joignable est nécessaire pour ouvrir une REN")
        return value

    @model_validator(mode="after")
    def _window(self) -> Self:
        if self.available_from >= self.available_to:
            raise ValueError("la plage de disponibilité doit commencer avant de finir (de … à …)")
        return self


class RenOpening(LazyModel):
    """The insurer portal's in-kind repair opening form, filled when the policyholder accepts."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    date_of_loss: dt.date
    policy_number: str = Field(min_length=1, max_length=64)
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    address: str = Field(min_length=1, max_length=300)
    postal_code: PostalCode
    city: str = Field(min_length=1, max_length=100)
    # Derived from the postal code; a client may send it, but only the derived value is accepted.
    departement: str | None = None
    dwelling_type: DwellingType
    occupancy: Occupancy
    phone_1: ContactPhone
    phone_2: ContactPhone | None = None
    email: OptionalEmail = None

    @field_validator("date_of_loss")
    @classmethod
    def _not_in_future(cls, value: dt.date) -> dt.date:
        if value > utc_now().date():
            raise ValueError("la date de survenance ne peut pas être dans le futur")
        return value

    @model_validator(mode="after")
    def _derived(self) -> Self:
        derived = departement_of(self.postal_code)
        if derived is None:
            raise ValueError(f"le code postal {self.postal_code} ne correspond à aucun département")
        if self.departement is not None and self.departement.upper() != derived:
            raise ValueError(
                f"le département {self.departement} ne correspond pas au code postal "
                f"{self.postal_code} (département {derived})"
            )
        self.departement = derived
        phones = [self.phone_1] + ([self.phone_2] if self.phone_2 is not None else [])
        principals = sum(phone.principal for phone in phones)
        if len(phones) == 1 and not self.phone_1.principal:
            # A single phone is the principal one whatever the client ticked.
            self.phone_1 = self.phone_1.model_copy(update={"principal": True})
        elif principals != 1:
            raise ValueError("exactement un des deux téléphones doit être marqué « principal »")
        return self


def last_ren_decision(dossier: Dossier) -> RenDecision | None:
    return dossier.ren[-1].decision if dossier.ren else None


def ren_proposed_then(dossier: Dossier, answer: RenDecision) -> bool:
    """True when the REN history ends with a proposal answered by ``answer``."""
    return (
        len(dossier.ren) >= 2
        and dossier.ren[-1].decision is answer
        and dossier.ren[-2].decision is RenDecision.PROPOSED
    )


def apply_ren(
    dossier: Dossier,
    decision: RenDecision,
    opening: RenOpening | None,
    by: str,
    at: datetime,
    settings: Settings,
) -> list[RenEvent]:
    """The dossier's REN history with ``decision`` appended (the dossier itself is untouched; any REN
    event leaves it in REN_PROPOSED until the reviewer closes it). Conflict when closed; RuleViolation (409, French)
    when the rules refuse; ValidationFailed when an acceptance comes without its opening form."""
    if decision is RenDecision.PROPOSED:
        _check_proposal(dossier, opening, settings)
        return [*dossier.ren, RenEvent(decision=decision, by=by, at=at)]
    payload = _checked_answer(dossier, decision, opening)
    return [*dossier.ren, RenEvent(decision=decision, by=by, at=at, opening=payload)]


def _check_proposal(dossier: Dossier, opening: RenOpening | None, settings: Settings) -> None:
    """A REN is proposed on a current revision whose gap is above the threshold, without a form."""
    require_state(dossier, Action.REN_PROPOSE)
    threshold = settings.ren_threshold_ttc
    if dossier.revision is None:
        raise RuleViolation(
            "Impossible de proposer une REN : le devis n'a pas encore été révisé.",
            details={"rule": "revision_required"},
        )
    if dossier.revision.stale:
        raise RuleViolation(
            f"Impossible de proposer une REN : {STALE_REVISION}",
            details={"rule": "revision_stale"},
        )
    if dossier.revision.gap_ttc <= threshold:
        raise RuleViolation(
            "Impossible de proposer une REN : l'écart de la révision "
            f"({format_eur(dossier.revision.gap_ttc)}) ne dépasse pas {format_eur(threshold)} TTC.",
            details={
                "rule": "gap_above_threshold",
                "gap_ttc": str(dossier.revision.gap_ttc),
                "threshold_ttc": str(threshold),
            },
        )
    if opening is not None:
        raise ValidationFailed(
            "Le formulaire d'ouverture de REN ne se joint qu'à l'acceptation de la REN.",
            details={"field": "opening"},
        )


def _checked_answer(dossier: Dossier, decision: RenDecision, opening: RenOpening | None) -> dict[str, object] | None:
    """The insured's answer to a pending proposal: an acceptance comes with the opening form (its
    payload is returned), a refusal without."""
    if dossier.state is not DossierState.REN_PROPOSED or last_ren_decision(dossier) is not RenDecision.PROPOSED:
        ensure_open(dossier)
        verb = "acceptée" if decision is RenDecision.ACCEPTED else "refusée"
        raise RuleViolation(
            f"La REN ne peut être {verb} que si elle a été proposée et attend une réponse.",
            details={"rule": "ren_proposed_first", "last_decision": last_ren_decision(dossier)},
        )
    if decision is RenDecision.ACCEPTED:
        if opening is None:
            raise ValidationFailed(
                "Accepter la REN demande le formulaire d'ouverture (coordonnées, logement, téléphones).",
                details={"field": "opening"},
            )
        payload: dict[str, object] = opening.model_dump(mode="json")
        return payload
    if opening is not None:
        raise ValidationFailed(
            "Un refus de REN ne s'accompagne pas d'un formulaire d'ouverture.", details={"field": "opening"}
        )
    return None
