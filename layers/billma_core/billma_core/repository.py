"""The one repository for the DynamoDB table (design: one table, keys ``PK``/``SK``, three GSIs).

Every change to a dossier is one transaction: the ``META`` item is replaced on the condition
that its ``version`` is the one the writer read (optimistic locking), and an ``AUDIT`` item is
appended beside it, with any companion item (evaluation, revision, document). Nothing is
deleted. The dossier itself is stored as compressed JSON so that a long evaluation stays far
under DynamoDB's 400 KB item limit; the attributes the indexes and lists need sit beside it.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError
from pydantic import BaseModel

from billma_core.errors import NotFound, ValidationFailed, VersionConflict
from billma_core.models import AuditEvent, Dossier, DossierState, utc_now
from billma_core.outbox import OutboxEvent, outbox_sort_key
from billma_core.ports import AuditChange, Companion, Page
from billma_core.review.sla import is_waiting, review_started
from billma_core.signals.reused import Sighting

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def iso(moment: datetime) -> str:
    """Sortable ISO 8601 (UTC, microseconds): index sort keys compare as strings."""
    return moment.astimezone(utc_now().tzinfo).isoformat(timespec="microseconds")


def _pack(model: BaseModel) -> bytes:
    return zlib.compress(model.model_dump_json().encode(), 6)


def _unpack(value: Any) -> bytes:
    # boto3 deserialises binary attributes to ``Binary``, which converts to bytes.
    return zlib.decompress(bytes(value))


def encode_cursor(key: Mapping[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode()


def decode_cursor(cursor: str) -> dict[str, Any]:
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationFailed("Curseur de pagination invalide.", {"cursor": cursor}) from exc
    if not isinstance(value, dict):
        raise ValidationFailed("Curseur de pagination invalide.", {"cursor": cursor})
    return value


def audit_snapshot(dossier: Dossier) -> dict[str, object]:
    """What the audit trail compares before/after: the fields a reviewer cares about."""
    evaluation = dossier.evaluation
    closure = dossier.closure
    revision = dossier.revision
    return {
        "state": dossier.state.value,
        "assigned_to": dossier.assigned_to,
        "document_sha256": dossier.document.sha256 if dossier.document else None,
        "outcome": evaluation.outcome.value if evaluation else None,
        "flags": [flag.value for flag in evaluation.flags] if evaluation else None,
        "revision": revision.number if revision else None,
        "revised_total_ttc": str(revision.revised_total_ttc) if revision else None,
        "gap_ttc": str(revision.gap_ttc) if revision else None,
        "ren": dossier.ren[-1].decision.value if dossier.ren else None,
        "motif": closure.motif.value if closure else None,
        # The REN hand-off to the network is part of the record (its origin, not the form).
        "ren_opening": (closure.ren_opening or {}).get("origin") if closure else None,
    }


def audit_diff(before: Dossier | None, after: Dossier) -> tuple[dict[str, object], dict[str, object]]:
    new = audit_snapshot(after)
    if before is None:
        return {}, {key: value for key, value in new.items() if value is not None}
    old = audit_snapshot(before)
    changed = [key for key in new if new[key] != old[key]]
    return {key: old[key] for key in changed}, {key: new[key] for key in changed}


QUALITY_PENDING = "QUALITY#PENDING"


class DossierRepository:
    def __init__(self, client: DynamoDBClient, table_name: str, clock: Callable[[], datetime] = utc_now) -> None:
        self._db = client
        self._table = table_name
        self._clock = clock

    # ------------------------------------------------------------------ items

    @staticmethod
    def _meta_item(dossier: Dossier) -> dict[str, Any]:
        item: dict[str, Any] = {
            "PK": f"DOSSIER#{dossier.dossier_id}",
            "SK": "META",
            "dossier_id": dossier.dossier_id,
            "version": dossier.version,
            "state": dossier.state.value,
            "claim_reference": dossier.form.claim_reference,
            "insurer_code": dossier.form.insurer_code,
            "updated_at": iso(dossier.updated_at),
            "body": _pack(dossier),
            # Queue: oldest waiting first within a state.
            "GSI1PK": f"STATE#{dossier.state.value}",
            "GSI1SK": f"{iso(dossier.waiting_since)}#{dossier.dossier_id}",
            "GSI3PK": f"REF#{dossier.form.claim_reference}",
            "GSI3SK": f"{iso(dossier.created_at)}#{dossier.dossier_id}",
        }
        if dossier.closure is not None:
            item["GSI2PK"] = f"CLOSED#{dossier.form.insurer_code}"
            item["GSI2SK"] = f"{iso(dossier.closure.closed_at)}#{dossier.dossier_id}"
        if is_waiting(dossier):
            # The SLA clock, for the queue's overdue filter.
            item["review_since"] = iso(review_started(dossier))
        check = dossier.quality_check
        if check is not None and check.agree is None:
            # "À contrôler": a sparse index holding only the drawn validations not yet checked.
            item["GSI4PK"] = QUALITY_PENDING
            item["GSI4SK"] = f"{iso(check.sampled_at)}#{dossier.dossier_id}"
        return item

    def _put(self, item: Mapping[str, Any], condition: str | None = None, values: Any = None) -> dict[str, Any]:
        put: dict[str, Any] = {
            "TableName": self._table,
            "Item": {key: _serializer.serialize(value) for key, value in item.items()},
        }
        if condition:
            put["ConditionExpression"] = condition
        if values:
            put["ExpressionAttributeValues"] = {k: _serializer.serialize(v) for k, v in values.items()}
        return {"Put": put}

    @staticmethod
    def _dossier(item: Mapping[str, Any]) -> Dossier:
        return Dossier.model_validate_json(_unpack(_deserializer.deserialize(item["body"])))

    # ------------------------------------------------------------------ writes

    def create(self, dossier: Dossier, by: str) -> Dossier:
        _, after = audit_diff(None, dossier)
        self._transact(
            [
                self._put(self._meta_item(dossier), "attribute_not_exists(PK)"),
                self._audit_put(dossier, by, "dossier_cree", {}, after),
            ]
        )
        return dossier

    def save(
        self,
        before: Dossier,
        after: Dossier,
        *,
        by: str,
        action: str,
        companions: list[Companion] | None = None,
        expected_version: int | None = None,
        details: AuditChange | None = None,
    ) -> Dossier:
        """Write ``after`` if the stored dossier is still at ``expected_version`` (default:
        the version ``before`` was read at). Returns the stored dossier (version + 1).
        ``details`` adds to the audit event's before → after what the snapshot does not show
        (the lines of a corrected reading, a dismissed finding)."""
        expected = before.version if expected_version is None else expected_version
        now = self._clock()
        stored = after.model_copy(update={"version": expected + 1, "updated_at": now})
        if stored.state != before.state:
            stored = stored.model_copy(update={"waiting_since": now})
        old, new = audit_diff(before, stored)
        if details is not None:
            old, new = {**old, **details[0]}, {**new, **details[1]}
        operations = [
            self._put(self._meta_item(stored), "version = :expected", {":expected": expected}),
            self._audit_put(stored, by, action, old, new),
        ]
        for companion in companions or []:
            item = {
                "PK": f"DOSSIER#{stored.dossier_id}",
                "SK": companion.sort_key,
                "body": _pack(companion.payload),
                **companion.attributes,
            }
            operations.append(self._put(item))
        self._transact(operations)
        return stored

    def _audit_put(
        self, dossier: Dossier, by: str, action: str, before: dict[str, object], after: dict[str, object]
    ) -> dict[str, Any]:
        event = AuditEvent(
            dossier_id=dossier.dossier_id,
            at=self._clock(),
            by=by,
            action=action,
            before=before or None,
            after=after or None,
        )
        # The version makes the key unique even when two events share a timestamp.
        sort_key = f"AUDIT#{iso(event.at)}#{dossier.version:06d}"
        return self._put(
            {"PK": f"DOSSIER#{dossier.dossier_id}", "SK": sort_key, "body": _pack(event)},
            "attribute_not_exists(SK)",
        )

    def _transact(self, operations: list[dict[str, Any]]) -> None:
        try:
            self._db.transact_write_items(TransactItems=operations)  # type: ignore[arg-type]
        except ClientError as exc:
            error = exc.response.get("Error", {})
            reasons = exc.response.get("CancellationReasons", [])
            if error.get("Code") == "TransactionCanceledException" and any(
                reason.get("Code") == "ConditionalCheckFailed" for reason in reasons
            ):
                raise VersionConflict("Le dossier a été modifié entre-temps : rechargez-le puis recommencez.") from exc
            raise

    def mark_published(self, event: OutboxEvent, at: datetime) -> OutboxEvent:
        """Record that an outbox event reached the bus (a replayed stream record then skips it)."""
        published = event.model_copy(update={"published_at": at})
        self._db.update_item(
            TableName=self._table,
            Key=self._outbox_key(event.dossier_id, event.event_id),
            UpdateExpression="SET body = :body, published_at = :at",
            ConditionExpression="attribute_exists(PK)",
            ExpressionAttributeValues={":body": {"B": _pack(published)}, ":at": {"S": iso(at)}},
        )
        return published

    # ------------------------------------------------------------------ reads

    @staticmethod
    def _outbox_key(dossier_id: str, event_id: str) -> dict[str, Any]:
        return {"PK": {"S": f"DOSSIER#{dossier_id}"}, "SK": {"S": outbox_sort_key(event_id)}}

    def outbox_event(self, dossier_id: str, event_id: str) -> OutboxEvent | None:
        """The outbox item as it stands now (strongly consistent: a retry sees the last mark)."""
        item = self._db.get_item(
            TableName=self._table, Key=self._outbox_key(dossier_id, event_id), ConsistentRead=True
        ).get("Item")
        if item is None:
            return None
        return OutboxEvent.model_validate_json(_unpack(_deserializer.deserialize(item["body"])))

    def get(self, dossier_id: str) -> Dossier:
        response = self._db.get_item(
            TableName=self._table,
            Key={"PK": {"S": f"DOSSIER#{dossier_id}"}, "SK": {"S": "META"}},
            ConsistentRead=True,
        )
        item = response.get("Item")
        if item is None:
            raise NotFound(f"Dossier introuvable : {dossier_id}.")
        return self._dossier(item)

    def _companions(self, dossier_id: str, prefix: str) -> Iterator[bytes]:
        kwargs: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "PK = :pk AND begins_with(SK, :prefix)",
            "ExpressionAttributeValues": {":pk": {"S": f"DOSSIER#{dossier_id}"}, ":prefix": {"S": prefix}},
            "ConsistentRead": True,
        }
        while True:
            response = self._db.query(**kwargs)
            for item in response.get("Items", []):
                yield _unpack(_deserializer.deserialize(item["body"]))
            if "LastEvaluatedKey" not in response:
                return
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def audit_trail(self, dossier_id: str) -> list[AuditEvent]:
        return [AuditEvent.model_validate_json(raw) for raw in self._companions(dossier_id, "AUDIT#")]

    def history(self, dossier_id: str, prefix: str, model: type[BaseModel]) -> list[Any]:
        """Companion items of one kind (``REV#``, ``EVAL#``, ``DOC#``) in key order."""
        return [model.model_validate_json(raw) for raw in self._companions(dossier_id, prefix)]

    def _page(
        self,
        index: str,
        partition: str,
        limit: int,
        cursor: str | None,
        ascending: bool = True,
        waiting_before: datetime | None = None,
    ) -> Page:
        kwargs: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": index,
            "KeyConditionExpression": f"{index}PK = :pk",
            "ExpressionAttributeValues": {":pk": {"S": partition}},
            "Limit": limit,
            "ScanIndexForward": ascending,
        }
        if waiting_before is not None:
            # A filter within the queried partition (never a scan): a page may come back short.
            kwargs["FilterExpression"] = "review_since < :cutoff"
            kwargs["ExpressionAttributeValues"][":cutoff"] = {"S": iso(waiting_before)}
        if cursor:
            kwargs["ExclusiveStartKey"] = decode_cursor(cursor)
        response = self._db.query(**kwargs)
        last = response.get("LastEvaluatedKey")
        return Page(
            items=[self._dossier(item) for item in response.get("Items", [])],
            next_cursor=encode_cursor(last) if last else None,
        )

    def by_state(
        self,
        state: DossierState,
        limit: int,
        cursor: str | None,
        ascending: bool = True,
        waiting_before: datetime | None = None,
    ) -> Page:
        """A state's queue; ``waiting_before``: only dossiers handed to review before then."""
        return self._page("GSI1", f"STATE#{state.value}", limit, cursor, ascending, waiting_before)

    def quality_pending(self, limit: int, cursor: str | None, ascending: bool = True) -> Page:
        """Automatic validations drawn for a quality check and not yet checked, oldest first."""
        return self._page("GSI4", QUALITY_PENDING, limit, cursor, ascending)

    def by_reference(self, reference: str, limit: int, cursor: str | None, ascending: bool = True) -> Page:
        return self._page("GSI3", f"REF#{reference}", limit, cursor, ascending)

    def closures(self, insurer_code: str, since: str | None, limit: int, settled_before: datetime) -> Page:
        """Closures in closing order after the position ``since`` (an opaque cursor holding the
        last sort key seen), up to ``settled_before``: a poller that follows ``next_cursor``
        sees each closure exactly once."""
        # DynamoDB refuses an empty key value; every ISO timestamp sorts after "0".
        after = str(decode_cursor(since).get("after") or "0") if since else "0"
        upper = iso(settled_before)
        kwargs: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": "GSI2",
            "KeyConditionExpression": "GSI2PK = :pk AND GSI2SK > :after",
            "ExpressionAttributeValues": {":pk": {"S": f"CLOSED#{insurer_code}"}, ":after": {"S": after}},
            "ScanIndexForward": True,
        }
        items: list[Dossier] = []
        position = after
        while len(items) < limit:
            kwargs["Limit"] = limit - len(items)
            response = self._db.query(**kwargs)
            for item in response.get("Items", []):
                sort_key = item["GSI2SK"]["S"]
                if sort_key > upper:
                    return Page(items, encode_cursor({"after": position}))
                items.append(self._dossier(item))
                position = sort_key
            if "LastEvaluatedKey" not in response:
                break
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        return Page(items, encode_cursor({"after": position}))

    # ------------------------------------------------------------------ duplicates

    def claim(self, key: str, dossier_id: str) -> str | None:
        """Claim ``key`` (``HASH#<sha256>`` or ``CONTENT#…``) for ``dossier_id`` with a
        conditional put: returns None when this dossier holds it (first or again), else the
        dossier that claimed it first (the loser of a race is the duplicate)."""
        try:
            self._db.put_item(
                TableName=self._table,
                Item={
                    "PK": {"S": key},
                    "SK": {"S": "CLAIM"},
                    "dossier_id": {"S": dossier_id},
                    "claimed_at": {"S": iso(self._clock())},
                },
                ConditionExpression="attribute_not_exists(PK) OR dossier_id = :me",
                ExpressionAttributeValues={":me": {"S": dossier_id}},
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                raise
            owner = self._db.get_item(
                TableName=self._table, Key={"PK": {"S": key}, "SK": {"S": "CLAIM"}}, ConsistentRead=True
            )["Item"]["dossier_id"]["S"]
            return owner
        return None

    # ------------------------------------------------------------------ quote sightings

    def sight_quote(self, key: str, sighting: Sighting) -> list[Sighting]:
        """Record that ``sighting.dossier_id`` holds the quote ``key`` (item ``QUOTEKEY#<key>``,
        ``DOSSIER#<id>``; the first sighting's time is kept) and return every dossier holding it,
        by a query on the key: no scan. Written before it is read, so two dossiers racing each
        see the other."""
        partition = f"QUOTEKEY#{key}"
        try:
            self._db.put_item(
                TableName=self._table,
                Item={
                    "PK": {"S": partition},
                    "SK": {"S": f"DOSSIER#{sighting.dossier_id}"},
                    "body": {"B": _pack(sighting)},
                },
                ConditionExpression="attribute_not_exists(PK)",
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                raise
        kwargs: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "PK = :pk",
            "ExpressionAttributeValues": {":pk": {"S": partition}},
            "ConsistentRead": True,
        }
        found: list[Sighting] = []
        while True:
            response = self._db.query(**kwargs)
            found.extend(
                Sighting.model_validate_json(_unpack(_deserializer.deserialize(item["body"])))
                for item in response.get("Items", [])
            )
            if "LastEvaluatedKey" not in response:
                return found
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]


class DynamoDuplicateRegistry:
    """The robot's duplicate registry over the table (``HASH#`` and ``CONTENT#`` claims, and
    ``QUOTEKEY#`` sightings)."""

    def __init__(self, repository: DossierRepository) -> None:
        self._repository = repository

    def claim_hash(self, sha256: str, dossier_id: str) -> str | None:
        return self._repository.claim(f"HASH#{sha256}", dossier_id)

    def claim_content(self, key: str, dossier_id: str) -> str | None:
        return self._repository.claim(f"CONTENT#{key}", dossier_id)

    def sight_quote(self, keys: list[str], sighting: Sighting) -> list[Sighting]:
        return [seen for key in keys for seen in self._repository.sight_quote(key, sighting)]
