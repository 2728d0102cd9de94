"""The local data compacted: moto's state written as a snapshot, and loaded back in one go.

Replaying a long journal request by request costs moto's whole request path each time (about
10 ms a write on a busy machine: 30 s for 500 dossiers). So at each start, after the journal is
replayed, and at each clean stop, the state itself is written: every table item, the last
version of every S3 object (bodies in ``objects/``, one file per SHA-256) and every message
waiting in a queue, and the tail of each table's stream that its consumer has not taken yet
(restored items make no stream records: without it an outbox event written just before a stop
would never be relayed). Loading it puts items, objects and messages straight into moto's backends,
without notifications. Then the journal starts empty.

Order that keeps a crash at any point safe: the new snapshot is written beside the old one,
flushed, and renamed over it (atomic); only then is the journal emptied. A snapshot names the
journal generation it covers, so a journal it already holds is never replayed on top of it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from moto.dynamodb.models import dynamodb_backends
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table
from moto.s3.models import s3_backends
from moto.sqs.models import sqs_backends

from billma_cli.local.moto_server import SORTED_ITEMS
from billma_cli.local.persistence import Journal, Record, read_records

__all__ = ["load_snapshot", "snapshot_generation", "write_snapshot"]

log = logging.getLogger(__name__)


def _s3(account_id: str) -> Any:
    return s3_backends[account_id]["aws"]


def snapshot_generation(path: Path) -> int:
    """The journal generation a snapshot covers (0: no snapshot)."""
    for record in read_records(path, repair=False):
        return int(record.meta.get("covers", 0)) if record.meta.get("kind") == "snapshot" else 0
    return 0


def write_snapshot(
    path: Path,
    objects_dir: Path,
    covers: int,
    account_id: str,
    region: str,
    unread_streams: Mapping[str, int | None] | None = None,
) -> dict[str, int]:
    """Write the state of moto's backends to ``path`` (atomically); the counts written.
    ``unread_streams``: table name -> first sequence number its stream's consumer has not taken
    (None: none taken); the stream records from there are kept. Other tables' streams are not."""
    objects_dir.mkdir(parents=True, exist_ok=True)
    counts = {"items": 0, "objects": 0, "messages": 0, "stream_records": 0}
    temporary = path.with_suffix(".tmp")
    temporary.unlink(missing_ok=True)
    journal = Journal(temporary)
    journal.append(Record({"kind": "snapshot", "covers": covers}))
    for record in _state_records(objects_dir, account_id, region, unread_streams or {}):
        journal.append(record)
        counts[record.meta["kind"] + "s"] += 1
    journal.close()  # flushed and fsync'd
    os.replace(temporary, path)
    _sync_directory(path.parent)
    _sync_directory(objects_dir)
    return counts


def _state_records(
    objects_dir: Path, account_id: str, region: str, unread_streams: Mapping[str, int | None]
) -> Iterator[Record]:
    tables = dynamodb_backends[account_id][region].tables
    for name, table in tables.items():
        for item in table.all_items():
            attributes = json.dumps(item.to_json()["Attributes"], default=_base64)  # as the API sends them
            yield Record({"kind": "item", "table": name}, attributes.encode())
    for name, unread_from in unread_streams.items():
        shard = tables[name].stream_shard
        if shard is None:
            continue
        first = 0 if unread_from is None else max(0, unread_from - shard.starting_sequence_number)
        for stream_record in shard.items[first:]:
            change = stream_record.to_json()["dynamodb"]
            images = {part: change[part] for part in ("Keys", "OldImage", "NewImage") if part in change}
            meta = {"kind": "stream_record", "table": name, "event": stream_record.to_json()["eventName"]}
            yield Record(meta, json.dumps(images, default=_base64).encode())
    for name, bucket in _s3(account_id).buckets.items():
        for key_name in list(bucket.keys):
            key = bucket.keys[key_name]
            value = key.value
            digest = hashlib.sha256(value).hexdigest()
            target = objects_dir / digest
            if not target.is_file():
                partial = target.with_suffix(".tmp")
                with partial.open("wb") as file:
                    file.write(value)
                    file.flush()
                    os.fsync(file.fileno())
                os.replace(partial, target)
            meta = {"kind": "object", "bucket": name, "key": key_name, "sha256": digest, "metadata": dict(key.metadata)}
            yield Record(meta)
    for name, queue in sqs_backends[account_id][region].queues.items():
        for message in list(queue._messages):  # in flight or not: after a restart every one is due
            yield Record({"kind": "message", "queue": name}, message.body.encode())


def load_snapshot(path: Path, objects_dir: Path, account_id: str, region: str) -> dict[str, int]:
    """Put a snapshot's items, objects and messages into moto's backends (no notification sent);
    the counts loaded. The tables, buckets and queues exist already (created from the template)."""
    counts = {"items": 0, "objects": 0, "messages": 0, "stream_records": 0}
    tables = dynamodb_backends[account_id][region].tables
    s3 = _s3(account_id)
    sqs = sqs_backends[account_id][region]
    for record in read_records(path):
        kind = record.meta["kind"]
        if kind == "item":
            _load_item(tables[record.meta["table"]], json.loads(record.body))
        elif kind == "object":
            value = (objects_dir / record.meta["sha256"]).read_bytes()
            key = s3.put_object(record.meta["bucket"], record.meta["key"], value, disable_notification=True)
            key.set_metadata(record.meta["metadata"], replace=True)
        elif kind == "message":
            sqs.send_message(record.meta["queue"], record.body.decode())
        elif kind == "stream_record":
            _load_stream_record(tables[record.meta["table"]], record.meta["event"], json.loads(record.body))
        else:
            continue
        counts[kind + "s"] += 1
    return counts


def _load_item(table: Table, attributes: dict[str, Any]) -> None:
    """An item moto accepted before, put back as it was (not through ``put_item``'s validation
    and condition checks: a third of the start-up time with a thousand dossiers)."""
    item = _image_item(table, attributes)
    if item.range_key is None:
        table.items[item.hash_key] = item  # type: ignore[assignment]
    else:
        table.items[item.hash_key][item.range_key] = item
    table.__dict__.pop(SORTED_ITEMS, None)  # sorted again at the first query


def _load_stream_record(table: Table, event: str, images: dict[str, Any]) -> None:
    """A stream record not yet taken before the stop, made again by moto's stream (new sequence
    number, same change: the keys, and the images the stream's view type keeps)."""
    if table.stream_shard is None:
        return
    old = _image_item(table, images.get("OldImage") or images["Keys"]) if event != "INSERT" else None
    new = _image_item(table, images.get("NewImage") or images["Keys"]) if event != "REMOVE" else None
    table.stream_shard.add(old, new)


def _image_item(table: Table, attributes: dict[str, Any]) -> Item:
    hash_value = DynamoType(attributes[table.hash_key_attr])
    range_value = DynamoType(attributes[table.range_key_attr]) if table.range_key_attr else None
    return Item(hash_value, range_value, attributes)


def remove_unused_objects(path: Path, objects_dir: Path) -> None:
    """Object bodies the snapshot no longer names (overwritten or deleted objects)."""
    if not objects_dir.is_dir():
        return
    used = {record.meta["sha256"] for record in read_records(path) if record.meta.get("kind") == "object"}
    for body in objects_dir.iterdir():
        if body.name not in used:
            body.unlink()


def _base64(value: Any) -> str:
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    raise TypeError(f"{type(value).__name__} inattendu dans un élément DynamoDB")


def _sync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
