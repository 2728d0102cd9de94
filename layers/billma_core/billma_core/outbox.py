"""Events that leave BillMA go through an outbox.

The closure that accepts a REN writes the opening event as an item of the same transaction
(``OUTBOX#<event_id>`` beside the dossier), so the event exists exactly when the closure does. A
function fed by the table's stream then publishes it to EventBridge at least once, under a
stable ``event_id`` the network uses to drop repeats, and marks it published. A failed publish
leaves the item unpublished and the stream record is retried: nothing is lost.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from billma_core.models import Dossier, LazyModel, MotifCode

EVENT_SOURCE = "billma"
REN_OPENING_DETAIL_TYPE = "REN opening"
OUTBOX_PREFIX = "OUTBOX#"


class OutboxEvent(LazyModel):
    """One event waiting to be published (or already published, with ``published_at``)."""

    event_id: str
    dossier_id: str
    detail_type: str
    detail: dict[str, Any]
    created_at: datetime
    published_at: datetime | None = None


class EventPublisher(Protocol):
    """Where outbox events go (EventBridge in the cloud and on the local stack)."""

    def publish(self, event: OutboxEvent) -> None: ...


def closure_events(dossier: Dossier) -> list[OutboxEvent]:
    """The events a closed dossier sends out: the REN opening when it closed REN_ACCEPTED."""
    closure = dossier.closure
    if closure is None or closure.motif is not MotifCode.REN_ACCEPTED or closure.ren_opening is None:
        return []
    return [
        OutboxEvent(
            # One closure per dossier, so one opening: the id is stable across every retry.
            event_id=f"{dossier.dossier_id}:ren-opening",
            dossier_id=dossier.dossier_id,
            detail_type=REN_OPENING_DETAIL_TYPE,
            detail=dict(closure.ren_opening),
            created_at=closure.closed_at,
        )
    ]


def outbox_sort_key(event_id: str) -> str:
    return f"{OUTBOX_PREFIX}{event_id}"
