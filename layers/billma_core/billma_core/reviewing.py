"""What reviewers and insurers do with a dossier: read it, take it, revise it, answer a REN,
close it, follow the closures. Loads through the repository, applies the rules of
``billma_core.review``, writes back with the caller's ``expected_version``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field

from billma_core.auth import require_can_read
from billma_core.errors import ValidationFailed, VersionConflict
from billma_core.models import (
    AuditEvent,
    Dossier,
    DossierState,
    Flag,
    LineDecision,
    MotifCode,
    Outcome,
    Principal,
    RenDecision,
    Revision,
    Settlement,
    utc_now,
)
from billma_core.money import Money
from billma_core.outbox import closure_events, outbox_sort_key
from billma_core.repository import Companion, DossierRepository
from billma_core.review import (
    MotifAvailability,
    RenOpening,
    apply_ren,
    available_motifs,
    close,
    require_state,
    revise,
    state_after_ren,
)
from billma_core.review.transitions import Action
from billma_core.settings import Settings

Clock = Callable[[], datetime]


class DossierView(BaseModel):
    """A dossier as the review page shows it."""

    dossier: Dossier
    revisions: list[Revision]
    audit: list[AuditEvent]
    motifs: list[MotifAvailability]


class QueueItem(BaseModel):
    dossier_id: str
    state: DossierState
    claim_reference: str
    insurer_code: str
    cover: str
    created_at: datetime
    waiting_since: datetime
    updated_at: datetime
    outcome: Outcome | None = None
    flags: list[Flag] = Field(default_factory=list)
    total_ttc: Money | None = None
    gap_ttc: Money | None = None
    assigned_to: str | None = None
    motif: MotifCode | None = None


class QueuePage(BaseModel):
    items: list[QueueItem]
    next_cursor: str | None


class ClosureItem(BaseModel):
    """One line of the insurer's closure feed."""

    dossier_id: str
    claim_reference: str
    motif: MotifCode
    label: str
    reason: str | None
    revised_by: str
    closed_by: str
    settlement: Settlement
    closed_at: datetime
    ren_opening: dict[str, Any] | None = None


class ClosureFeed(BaseModel):
    items: list[ClosureItem]
    next_cursor: str | None


def queue_item(dossier: Dossier) -> QueueItem:
    evaluation = dossier.evaluation
    quote = evaluation.quote if evaluation else None
    gap = dossier.revision.gap_ttc if dossier.revision else (evaluation.gap_ttc if evaluation else None)
    return QueueItem(
        dossier_id=dossier.dossier_id,
        state=dossier.state,
        claim_reference=dossier.form.claim_reference,
        insurer_code=dossier.form.insurer_code,
        cover=dossier.form.cover.value,
        created_at=dossier.created_at,
        waiting_since=dossier.waiting_since,
        updated_at=dossier.updated_at,
        outcome=evaluation.outcome if evaluation else None,
        flags=list(evaluation.flags) if evaluation else [],
        total_ttc=quote.total_ttc if quote else None,
        gap_ttc=gap,
        assigned_to=dossier.assigned_to,
        motif=dossier.closure.motif if dossier.closure else None,
    )


class Reviewing:
    """The use cases, bound to a repository, the settings and a clock."""

    def __init__(self, repository: DossierRepository, settings: Settings, clock: Clock = utc_now) -> None:
        self.repository = repository
        self.settings = settings
        self.clock = clock

    # ------------------------------------------------------------------ reads

    def view(self, dossier: Dossier) -> DossierView:
        return DossierView(
            dossier=dossier,
            revisions=self.repository.history(dossier.dossier_id, "REV#", Revision),
            audit=self.repository.audit_trail(dossier.dossier_id),
            motifs=available_motifs(dossier, self.settings),
        )

    def readable(self, dossier_id: str, principal: Principal) -> Dossier:
        dossier = self.repository.get(dossier_id)
        require_can_read(principal, dossier)
        return dossier

    def queue(
        self,
        state: DossierState | None,
        reference: str | None,
        cursor: str | None,
        limit: int,
        newest_first: bool = False,
    ) -> QueuePage:
        """Oldest waiting first by default, so the oldest work is found first."""
        limit = max(1, min(limit, self.settings.page_size_max))
        if reference:
            page = self.repository.by_reference(reference.strip(), limit, cursor, ascending=not newest_first)
        else:
            page = self.repository.by_state(state or DossierState.TO_REVIEW, limit, cursor, ascending=not newest_first)
        return QueuePage(items=[queue_item(d) for d in page.items], next_cursor=page.next_cursor)

    def every_dossier(self) -> Iterator[Dossier]:
        """All dossiers, state by state through the queue index (never a table scan)."""
        for state in DossierState:
            cursor: str | None = None
            while True:
                page = self.repository.by_state(state, 500, cursor)
                yield from page.items
                if page.next_cursor is None:
                    break
                cursor = page.next_cursor

    def closures(self, principal: Principal, since: str | None, limit: int) -> ClosureFeed:
        if not principal.insurer_code:
            raise ValidationFailed("Votre compte n'est rattaché à aucun assureur (custom:insurer_code).")
        limit = max(1, min(limit, self.settings.page_size_max))
        settled_before = self.clock() - timedelta(seconds=self.settings.feed_settle_seconds)
        page = self.repository.closures(principal.insurer_code, since, limit, settled_before)
        items = []
        for dossier in page.items:
            closure = dossier.closure
            assert closure is not None  # only closed dossiers are in the feed index
            items.append(
                ClosureItem(
                    dossier_id=dossier.dossier_id,
                    claim_reference=dossier.form.claim_reference,
                    motif=closure.motif,
                    label=closure.label,
                    reason=closure.reason,
                    revised_by=closure.revised_by,
                    closed_by=closure.closed_by,
                    settlement=closure.settlement,
                    closed_at=closure.closed_at,
                    ren_opening=closure.ren_opening,
                )
            )
        return ClosureFeed(items=items, next_cursor=page.next_cursor)

    # ------------------------------------------------------------------ writes

    def _current(self, dossier_id: str, expected_version: int) -> Dossier:
        dossier = self.repository.get(dossier_id)
        if dossier.version != expected_version:
            raise VersionConflict(
                "Le dossier a été modifié entre-temps "
                f"(version {dossier.version}, vous aviez la version {expected_version}) : "
                "rechargez-le puis recommencez.",
                {"current_version": dossier.version, "expected_version": expected_version},
            )
        return dossier

    def assign(self, dossier_id: str, expected_version: int, principal: Principal) -> Dossier:
        dossier = self._current(dossier_id, expected_version)
        state = require_state(dossier, Action.ASSIGN)
        after = dossier.model_copy(update={"state": state, "assigned_to": principal.subject})
        return self.repository.save(dossier, after, by=principal.subject, action="dossier_pris")

    def revise(
        self,
        dossier_id: str,
        expected_version: int,
        decisions: list[LineDecision],
        comment: str | None,
        principal: Principal,
    ) -> Dossier:
        dossier = self._current(dossier_id, expected_version)
        revision = revise(dossier, decisions, comment, principal.subject, self.clock(), self.settings)
        after = dossier.model_copy(update={"revision": revision})
        return self.repository.save(
            dossier,
            after,
            by=principal.subject,
            action="devis_revise",
            companions=[Companion(f"REV#{revision.number:04d}", revision)],
        )

    def ren(
        self,
        dossier_id: str,
        expected_version: int,
        decision: RenDecision,
        opening: RenOpening | None,
        principal: Principal,
    ) -> Dossier:
        dossier = self._current(dossier_id, expected_version)
        events = apply_ren(dossier, decision, opening, principal.subject, self.clock(), self.settings)
        after = dossier.model_copy(update={"ren": events, "state": state_after_ren(decision)})
        return self.repository.save(dossier, after, by=principal.subject, action=f"ren_{decision.value.lower()}")

    def close(
        self,
        dossier_id: str,
        expected_version: int,
        motif: MotifCode,
        reason: str | None,
        comment: str | None,
        principal: Principal,
    ) -> Dossier:
        dossier = self._current(dossier_id, expected_version)
        closure = close(dossier, motif, reason, comment, principal.subject, self.clock(), self.settings)
        after = dossier.model_copy(update={"closure": closure, "state": DossierState.CLOSED})
        # The events the closure sends out are written with it (outbox): published from the stream.
        outbox = [Companion(outbox_sort_key(event.event_id), event) for event in closure_events(after)]
        return self.repository.save(
            dossier, after, by=principal.subject, action=f"cloture_{motif.value.lower()}", companions=outbox
        )
