"""``reused_quote``: the same contractor quote on another claim or for another policyholder.

Where a quote was seen is kept under its keys (SIRET + quote number, and the document's bytes):
the robot records each sighting and gets back the other dossiers holding one of its keys. The
same quote again on the *same* claim is a duplicate (``billma_core.robot``), not a reuse.
"""

from __future__ import annotations

import re
import threading
from datetime import datetime
from typing import Protocol

from pydantic import Field

from billma_core.models import Flag, LazyModel, Quote, Signal, utc_now
from billma_core.signals import ClaimContext


class Sighting(LazyModel):
    """One dossier holding a quote key."""

    dossier_id: str
    claim_reference: str
    policyholder: str | None = None
    insurer_code: str | None = None
    seen_at: datetime = Field(default_factory=utc_now)


class QuoteSightings(Protocol):
    def sight_quote(self, keys: list[str], sighting: Sighting) -> list[Sighting]:
        """Record ``sighting`` under each key; every sighting under any of them (this one included)."""
        ...


class InMemoryQuoteSightings:
    """The sightings of one process (the CLI, tests): same contract as the DynamoDB one."""

    def __init__(self) -> None:
        self._seen: dict[str, dict[str, Sighting]] = {}
        self._lock = threading.Lock()

    def sight_quote(self, keys: list[str], sighting: Sighting) -> list[Sighting]:
        found: list[Sighting] = []
        with self._lock:
            for key in keys:
                holders = self._seen.setdefault(key, {})
                holders.setdefault(sighting.dossier_id, sighting)
                found.extend(holders.values())
        return found


def quote_identity(quote: Quote) -> tuple[str, str] | None:
    """The contractor's SIRET (digits) and the quote number (letters and digits only: a
    re-rendered quote may print "DEV 2025-0736" for "DEV-2025-0736"), when both were read.

    >>> from billma_core.models import Contractor
    >>> quote_identity(Quote(contractor=Contractor(siret="732 829 320 00074"), number="d-12"))
    ('73282932000074', 'D12')
    """
    siret = re.sub(r"\D", "", quote.contractor.siret or "")
    number = re.sub(r"[^0-9A-Z]", "", (quote.number or "").upper())
    return (siret, number) if siret and number else None


def quote_keys(quote: Quote | None, sha256: str) -> list[str]:
    """``<siret>#<number>`` when both were read, and ``sha256#<digest>`` of the bytes."""
    keys: list[str] = []
    identity = quote_identity(quote) if quote is not None else None
    if identity is not None:
        keys.append("#".join(identity))
    if sha256:
        keys.append(f"sha256#{sha256}")
    return keys


def _differ(a: str | None, b: str | None) -> bool:
    return bool(a and b and a != b)


def _other_insurer(claim: ClaimContext, other: Sighting) -> bool:
    return _differ(other.insurer_code, claim.insurer_code)


def reused_quote(claim: ClaimContext, sightings: list[Sighting]) -> Signal | None:
    """A signal when another dossier holds this quote for another claim (another reference, or
    another insurer's), or for another policyholder (both known); linked to the earliest such
    dossier. Another insurer's claim reference is not shown: the insurer reads this evidence."""
    earliest: dict[str, Sighting] = {}
    for seen in sorted(sightings, key=lambda s: s.seen_at):
        earliest.setdefault(seen.dossier_id, seen)
    elsewhere = [
        other
        for other in earliest.values()
        if other.dossier_id != claim.dossier_id
        and (
            other.claim_reference != claim.claim_reference
            or _other_insurer(claim, other)
            or _differ(other.policyholder, claim.policyholder)
        )
    ]
    if not elsewhere:
        return None
    first = elsewhere[0]
    if _other_insurer(claim, first):
        why = "un sinistre chez un autre assureur"
    elif first.claim_reference != claim.claim_reference:
        why = f"le sinistre {first.claim_reference}"
    else:
        why = "le même sinistre mais pour un autre assuré"
    more = f" (et {len(elsewhere) - 1} autre(s) dossier(s))" if len(elsewhere) > 1 else ""
    return Signal(
        flag=Flag.REUSED_QUOTE,
        reason=f"Devis déjà présenté pour {why}, dossier {first.dossier_id}{more}.",
        evidence={
            "dossiers": [
                {
                    "dossier_id": other.dossier_id,
                    "claim_reference": "autre assureur" if _other_insurer(claim, other) else other.claim_reference,
                    "seen_at": other.seen_at.isoformat(),
                }
                for other in elsewhere
            ]
        },
        linked_dossier_id=first.dossier_id,
    )
