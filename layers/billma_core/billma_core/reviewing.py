"""What reviewers and insurers do with a dossier: read it, take it, revise it, answer a REN,
close it, follow the closures. Loads through the repository, applies the rules of
``billma_core.review``, writes back with the caller's ``expected_version``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from pydantic import Field

from billma_core.amounts import quote_total_ttc
from billma_core.auth import require_can_read
from billma_core.bareme.loader import load_bareme
from billma_core.bareme.schema import Bareme
from billma_core.errors import Conflict, ValidationFailed, VersionConflict
from billma_core.models import (
    AuditEvent,
    CorrectedLine,
    Dossier,
    DossierState,
    Flag,
    LazyModel,
    LineDecision,
    MotifCode,
    Outcome,
    Principal,
    PrintedTotals,
    RenDecision,
    Revision,
    Settlement,
    utc_now,
)
from billma_core.money import Money
from billma_core.outbox import closure_events, outbox_sort_key
from billma_core.ports import Companion, Dossiers
from billma_core.review import (
    MotifAvailability,
    RenOpening,
    Stats,
    apply_ren,
    available_motifs,
    close,
    compute_stats,
    findings,
    quality,
    require_state,
    revise,
)
from billma_core.review.actions import ReviewerAction, allowed_actions
from billma_core.review.reading import bareme_of_version, correct_reading, robot_evaluation
from billma_core.review.sla import age_hours, is_overdue, is_waiting
from billma_core.review.transitions import Action
from billma_core.settings import Settings

Clock = Callable[[], datetime]


class DossierView(LazyModel):
    """A dossier as the review page shows it."""

    dossier: Dossier
    revisions: list[Revision]
    audit: list[AuditEvent]
    motifs: list[MotifAvailability]
    # What a reviewer may do now (the page shows these buttons and no others).
    allowed_actions: list[ReviewerAction]
    # Hours since the robot handed the dossier to review (waiting dossiers), against the SLA.
    age_hours: float | None = None
    overdue: bool = False
    review_sla_hours: float | None = None
    # The gap above which a revision is eligible for a REN (``Settings.ren_threshold_ttc``): the
    # page words its REN rows with it; eligibility itself is the revision's ``ren_eligible``.
    ren_threshold_ttc: Money | None = None
    # What the contractor asks for (the quote's stated TTC, else its lines' own): the page shows
    # it beside the revision's totals without computing VAT itself. None without a quote read.
    quote_total_ttc: Money | None = None


class QueueItem(LazyModel):
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
    # Whether that gap makes the dossier eligible for a REN (the revision's, else the robot's).
    ren_eligible: bool = False
    assigned_to: str | None = None
    motif: MotifCode | None = None
    # Hours since the robot handed the dossier to review, and whether that is past the SLA.
    age_hours: float | None = None
    overdue: bool = False
    quality_check_pending: bool = False


class QueuePage(LazyModel):
    items: list[QueueItem]
    next_cursor: str | None


class ClosureItem(LazyModel):
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


class ClosureFeed(LazyModel):
    items: list[ClosureItem]
    next_cursor: str | None


def queue_item(dossier: Dossier, now: datetime, sla_hours: float) -> QueueItem:
    evaluation = dossier.evaluation
    quote = evaluation.quote if evaluation else None
    judged = dossier.revision or evaluation
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
        gap_ttc=judged.gap_ttc if judged else None,
        ren_eligible=judged.ren_eligible if judged else False,
        assigned_to=dossier.assigned_to,
        motif=dossier.closure.motif if dossier.closure else None,
        age_hours=round(age_hours(dossier, now), 2) if is_waiting(dossier) else None,
        overdue=is_overdue(dossier, now, sla_hours),
        quality_check_pending=dossier.quality_check is not None and dossier.quality_check.agree is None,
    )


class Reviewing:
    """The use cases, bound to a repository, the settings and a clock."""

    def __init__(
        self,
        repository: Dossiers,
        settings: Settings,
        clock: Clock = utc_now,
        bareme: Callable[[], Bareme] = load_bareme,
    ) -> None:
        self.repository = repository
        self.settings = settings
        self.clock = clock
        self.bareme = bareme

    # ------------------------------------------------------------------ reads

    def view(self, dossier: Dossier) -> DossierView:
        now = self.clock()
        return DossierView(
            dossier=dossier,
            revisions=self.repository.history(dossier.dossier_id, "REV#", Revision),
            audit=self.repository.audit_trail(dossier.dossier_id),
            motifs=available_motifs(dossier, self.settings),
            allowed_actions=allowed_actions(dossier),
            age_hours=round(age_hours(dossier, now), 2) if is_waiting(dossier) else None,
            overdue=is_overdue(dossier, now, self.settings.review_sla_hours),
            review_sla_hours=self.settings.review_sla_hours,
            ren_threshold_ttc=self.settings.ren_threshold_ttc,
            quote_total_ttc=(
                quote_total_ttc(dossier.evaluation.quote)
                if dossier.evaluation is not None and dossier.evaluation.quote is not None
                else None
            ),
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
        overdue_only: bool = False,
        quality_pending: bool = False,
        overdue_first: bool = False,
    ) -> QueuePage:
        """Oldest waiting first by default, so the oldest work is found first. ``quality_pending``:
        the "À contrôler" queue; ``overdue_only``: waiting past the SLA; ``overdue_first``: the
        page's overdue dossiers first, the longest waiting leading."""
        limit = max(1, min(limit, self.settings.page_size_max))
        now = self.clock()
        sla = self.settings.review_sla_hours
        if quality_pending:
            page = self.repository.quality_pending(limit, cursor, ascending=not newest_first)
        elif reference:
            page = self.repository.by_reference(reference.strip(), limit, cursor, ascending=not newest_first)
        else:
            page = self.repository.by_state(
                state or DossierState.TO_REVIEW,
                limit,
                cursor,
                ascending=not newest_first,
                waiting_before=now - timedelta(hours=sla) if overdue_only else None,
            )
        items = [queue_item(d, now, sla) for d in page.items]
        if overdue_only:
            items = [item for item in items if item.overdue]
        if overdue_first:
            items.sort(key=lambda item: (not item.overdue, -(item.age_hours or 0.0)))
        return QueuePage(items=items, next_cursor=page.next_cursor)

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

    def stats(self) -> Stats:
        return compute_stats(self.every_dossier(), self.settings, self.clock())

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

    def preview_revision(
        self,
        dossier_id: str,
        expected_version: int,
        decisions: list[LineDecision],
        comment: str | None,
        principal: Principal,
    ) -> Revision:
        """The revision these decisions would make, computed by the same rules, nothing written."""
        dossier = self._current(dossier_id, expected_version)
        return revise(dossier, decisions, comment, principal.subject, self.clock(), self.settings)

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
        after = dossier.model_copy(update={"ren": events, "state": DossierState.REN_PROPOSED})
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

    def correct_reading(
        self,
        dossier_id: str,
        expected_version: int,
        lines: list[CorrectedLine],
        totals: PrintedTotals,
        comment: str | None,
        principal: Principal,
    ) -> Dossier:
        """The reviewer's reading judged again at once, with the barème version the robot used."""
        dossier = self._current(dossier_id, expected_version)
        robot = robot_evaluation(dossier)
        scale = bareme_of_version(robot.bareme_version if robot else None, self.bareme())
        after, details = correct_reading(
            dossier, lines, totals, comment, principal.subject, self.clock(), self.settings, scale
        )
        return self.repository.save(dossier, after, by=principal.subject, action="lecture_corrigee", details=details)

    def dismiss(
        self, dossier_id: str, expected_version: int, flag: Flag, line: int | None, reason: str, principal: Principal
    ) -> Dossier:
        dossier = self._current(dossier_id, expected_version)
        dismissals = findings.dismiss(dossier, flag, line, reason, principal.subject, self.clock())
        after = dossier.model_copy(update={"dismissals": dismissals})
        latest = dismissals[-1]
        detail = {"flag": latest.flag.value, "line": None if line is None else line + 1, "reason": latest.reason}
        return self.repository.save(
            dossier, after, by=principal.subject, action="signalement_ecarte", details=({}, {"dismissal": detail})
        )

    def quality_check(
        self, dossier_id: str, expected_version: int, agree: bool, comment: str | None, principal: Principal
    ) -> Dossier:
        """A reviewer's verdict on a drawn automatic validation; the closure itself stands."""
        dossier = self._current(dossier_id, expected_version)
        if dossier.closure is None or dossier.closure.motif is not MotifCode.AUTO_VALIDATED:
            raise Conflict(
                "Seules les validations automatiques closes se contrôlent après coup.",
                details={"rule": "auto_validated_only"},
            )
        check = quality.record(dossier, agree, comment, principal.subject, self.clock())
        after = dossier.model_copy(update={"quality_check": check})
        return self.repository.save(
            dossier,
            after,
            by=principal.subject,
            action="controle_qualite",
            details=({"quality_check": "à contrôler"}, {"quality_check": "d'accord" if agree else "en désaccord"}),
        )
