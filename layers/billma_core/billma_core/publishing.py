"""The outbox relay: stream records of ``OUTBOX#`` items → EventBridge, at least once.

Lambda gives the function the table's stream records in order. Each new outbox item is read
again (strongly consistent) so a record replayed after a success is skipped, published with its
stable ``event_id`` in the detail, then marked published. The first record that fails is
reported to Lambda (``batchItemFailures``), which retries from it: later records wait behind it,
as the stream's order requires.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from billma_core.errors import PublishFailed
from billma_core.outbox import EVENT_SOURCE, OUTBOX_PREFIX, EventPublisher, OutboxEvent

if TYPE_CHECKING:
    from mypy_boto3_events import EventBridgeClient

logger = logging.getLogger(__name__)


class OutboxStore(Protocol):
    def outbox_event(self, dossier_id: str, event_id: str) -> OutboxEvent | None: ...

    def mark_published(self, event: OutboxEvent, at: datetime) -> OutboxEvent: ...


class EventBridgePublisher:
    """Publishes to one EventBridge bus; a refused entry is an error (retried by the caller)."""

    def __init__(self, client: EventBridgeClient, bus_name: str) -> None:
        self._client = client
        self._bus_name = bus_name

    def publish(self, event: OutboxEvent) -> None:
        detail = {"event_id": event.event_id, **event.detail}
        response = self._client.put_events(
            Entries=[
                {
                    "Source": EVENT_SOURCE,
                    "DetailType": event.detail_type,
                    "Detail": json.dumps(detail, default=str),
                    "EventBusName": self._bus_name,
                }
            ]
        )
        if response.get("FailedEntryCount"):
            entry = response["Entries"][0]
            raise PublishFailed(
                "Le bus d'événements a refusé l'événement : nouvel essai plus tard.",
                {"event_id": event.event_id, "error": entry.get("ErrorCode"), "message": entry.get("ErrorMessage")},
            )


def outbox_key(record: Mapping[str, Any]) -> tuple[str, str] | None:
    """(dossier id, event id) of a stream record that inserted an outbox item, else None."""
    if record.get("eventName") != "INSERT":
        return None
    keys = record.get("dynamodb", {}).get("Keys", {})
    partition = keys.get("PK", {}).get("S", "")
    sort = keys.get("SK", {}).get("S", "")
    if not sort.startswith(OUTBOX_PREFIX) or not partition.startswith("DOSSIER#"):
        return None
    return partition.removeprefix("DOSSIER#"), sort.removeprefix(OUTBOX_PREFIX)


def relay_outbox(
    records: Iterable[Mapping[str, Any]],
    store: OutboxStore,
    publisher: EventPublisher,
    clock: Callable[[], datetime],
) -> list[str]:
    """Publish the outbox items the records inserted; the sequence number of the first
    failure (Lambda retries from there), or an empty list."""
    for record in records:
        key = outbox_key(record)
        if key is None:
            continue
        event = store.outbox_event(*key)
        if event is None or event.published_at is not None:
            continue
        try:
            publisher.publish(event)
        except Exception:
            logger.exception("publication de l'événement %s impossible : il sera retenté", event.event_id)
            return [str(record["dynamodb"]["SequenceNumber"])]
        store.mark_published(event, clock())
        logger.info("événement %s publié", event.event_id)
    return []
