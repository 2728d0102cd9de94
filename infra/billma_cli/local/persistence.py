"""Local data that survives restarts: a journal of what moto answered 2xx, replayed at start.

In the spirit of moto's own recorder (append each request, replay the file at start) with what a
pilot needs on top of it:

- only writes are kept (S3 PUT/POST/DELETE of objects, DynamoDB item writes, SQS deletions), not
  the reads nor the long polls a running worker sends every second;
- a write is appended in the order moto applied it, and ``fsync``'d *before* moto's answer leaves
  the process, so after a ``kill -9`` everything a client saw answered 2xx is on disk; a record
  torn by the kill (never answered) is dropped at the next start. The ``fsync`` is a group commit
  (:meth:`Journal.wait_durable`): one call covers every record appended before it, and it runs
  outside the lock that keeps DynamoDB writes in order, so writers wait for the disk together
  rather than one after another. Every answer, reads included, leaves only once what was appended
  before it is on disk: no client sees a state a crash could take back;
- SQS receipt handles do not survive a replay (each receive makes new ones), so a deletion is kept
  as *which* message left the queue: the S3 object keys of a notification, or the body's digest.
  Replaying the uploads brings their notifications back; the deleted ones are then taken out, and
  the rest (never processed, or received but not deleted when the process died) wait for the robot
  again, as after a visibility timeout in SQS: at least once, and the robot is idempotent.

A message that moto moved to a dead-letter queue comes back in its source queue: it is retried
again (nothing is lost). Bucket versions older than the last are not restored by a compaction.

Files in the data directory: ``journal-<n>.bin`` (the writes since the last compaction),
``snapshot.bin`` (the state at the last compaction, written as the same kind of records, see
:mod:`.snapshot`) and ``objects/`` (the S3 bodies of the snapshot, by SHA-256).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import struct
import sys
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "DataDirectory",
    "Journal",
    "Record",
    "ReplayReport",
    "journaled",
    "message_identity",
    "read_records",
    "remove_deleted_messages",
    "replay",
]

log = logging.getLogger(__name__)

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

SNAPSHOT_FILE = "snapshot.bin"
OBJECTS_DIR = "objects"
_HEADER = struct.Struct(">III")  # metadata length, body length, CRC-32 of both

# DynamoDB actions that change items (table definitions come from template.yaml at each start).
_DYNAMODB_WRITES = frozenset(
    {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems", "ExecuteStatement"}
)
_SQS_DELETES = frozenset({"DeleteMessage", "DeleteMessageBatch"})
_SQS_SENDS = frozenset({"SendMessage", "SendMessageBatch"})
# What a replayed request needs of the original WSGI environment.
_ENVIRON_KEYS = ("REQUEST_METHOD", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE", "RAW_URI", "REQUEST_URI", "SCRIPT_NAME")


@dataclass(frozen=True)
class Record:
    """One journal entry: ``request`` (a WSGI request to send moto again) or ``sqs_delete``."""

    meta: dict[str, Any]
    body: bytes = b""


class Journal:
    """An append-only file of :class:`Record`. :meth:`append` writes in order; a record is on disk
    once :meth:`wait_durable` (group commit) or :meth:`close` returned."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()  # appends in order
        self._file = path.open("ab")
        self.appended = 0
        self.syncs = 0
        self._durable = 0  # records known to be on disk
        self._syncing = False
        self._synced = threading.Condition()

    def append(self, record: Record) -> int:
        """Write ``record`` after the others (not yet on disk); its position, for :meth:`wait_durable`."""
        meta = json.dumps(record.meta, separators=(",", ":")).encode()
        crc = zlib.crc32(record.body, zlib.crc32(meta))
        data = _HEADER.pack(len(meta), len(record.body), crc) + meta + record.body
        with self._lock:
            self._file.write(data)
            self.appended += 1
            return self.appended

    def wait_durable(self, position: int) -> None:
        """Return once the records up to ``position`` are on disk. One caller at a time flushes
        and ``fsync``s everything appended so far; the others wait for it, and the records
        appended meanwhile go with the next ``fsync``."""
        while True:
            with self._synced:
                while self._syncing and self._durable < position:
                    self._synced.wait()
                if self._durable >= position:
                    return
                self._syncing = True
            synced_to = 0
            try:
                with self._lock:
                    self._file.flush()
                    covered, descriptor = self.appended, self._file.fileno()
                os.fsync(descriptor)
                synced_to = covered
                self.syncs += 1
            finally:
                with self._synced:
                    self._syncing = False
                    self._durable = max(self._durable, synced_to)
                    self._synced.notify_all()

    def close(self) -> None:
        with self._lock:
            if not self._file.closed:
                self._file.flush()
                os.fsync(self._file.fileno())
                self._file.close()
            appended = self.appended
        with self._synced:
            self._durable = appended
            self._synced.notify_all()


def read_records(path: Path, repair: bool = True) -> Iterator[Record]:
    """The records of a journal file in order; a torn or corrupt tail (a kill during a write: that
    request was never answered) ends the reading and, with ``repair``, is cut off the file."""
    if not path.is_file():
        return
    good = 0
    with path.open("rb") as file:
        while True:
            header = file.read(_HEADER.size)
            if not header:
                break
            if len(header) < _HEADER.size:
                break
            meta_length, body_length, crc = _HEADER.unpack(header)
            meta = file.read(meta_length)
            body = file.read(body_length)
            if len(meta) < meta_length or len(body) < body_length or zlib.crc32(body, zlib.crc32(meta)) != crc:
                break
            good = file.tell()
            yield Record(json.loads(meta), body)
        end = file.seek(0, io.SEEK_END)
    if good < end and repair:
        log.warning("%s : fin incomplète ignorée (%d octets jamais confirmés)", path, end - good)
        with path.open("r+b") as file:
            file.truncate(good)
            os.fsync(file.fileno())


# --------------------------------------------------------------------------- recording


def _classify(environ: dict[str, Any]) -> str | None:
    """``request`` (keep it), ``sqs_delete``, or None (a read, a poll, a resource definition)."""
    target = str(environ.get("HTTP_X_AMZ_TARGET", ""))
    service, _, action = target.partition(".")
    if service.startswith("DynamoDB_"):
        return "request" if action in _DYNAMODB_WRITES else None
    if service == "AmazonSQS":
        if action in _SQS_DELETES:
            return "sqs_delete"
        return "request" if action in _SQS_SENDS else None
    if target:
        return None  # EventBridge and other JSON services: nothing to keep locally
    method = environ.get("REQUEST_METHOD", "GET")
    segments = [part for part in str(environ.get("PATH_INFO", "")).split("/") if part]
    if method in ("PUT", "DELETE") and len(segments) >= 2:
        return "request"  # an object written or deleted
    if method == "POST" and segments:
        return "request"  # a browser (presigned) upload, a multipart step, a multi-object delete
    return None


def message_identity(body: str) -> str:
    """What names an SQS message across a replay: the S3 keys of a notification, else the body."""
    try:
        parsed = json.loads(body)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict) and isinstance(parsed.get("Records"), list):
        keys = sorted(
            str(item["s3"]["object"]["key"]) for item in parsed["Records"] if isinstance(item, dict) and "s3" in item
        )
        if keys:
            return "s3:" + "\n".join(keys)
    if isinstance(parsed, dict) and parsed.get("Event") == "s3:TestEvent":
        return "s3:test"
    return "sha256:" + hashlib.sha256(body.encode()).hexdigest()


QueueLookup = Callable[[str], Any]  # queue URL -> moto's Queue (or None)


def journaled(app: WsgiApp, journal: Journal, find_queue: QueueLookup) -> WsgiApp:
    """``app`` whose every 2xx write is appended to ``journal`` before its answer is returned (in
    the order applied when ``app`` is called under a lock); the caller waits for the disk
    (:meth:`Journal.wait_durable`) before the answer leaves the process."""

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        kind = _classify(environ)
        if kind is None:
            return app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        receipts: dict[str, str] = {}
        if kind == "sqs_delete":
            receipts = _receipt_identities(body, find_queue)
        statuses: list[str] = []

        def capture(status: str, headers: Any, exc_info: Any = None) -> Any:
            statuses.append(status)
            return start_response(status, headers, exc_info)

        answer = list(app(environ, capture))  # WSGI: nothing reaches the client before we return
        if statuses and statuses[-1].startswith("2"):
            if kind == "request":
                journal.append(Record({"kind": "request", "environ": _saved_environ(environ)}, body))
            else:
                deleted = _deleted_identities(body, b"".join(answer), receipts)
                if deleted:
                    journal.append(Record({"kind": "sqs_delete", "identities": deleted}))
        return answer

    return wrapped


def _saved_environ(environ: dict[str, Any]) -> dict[str, str]:
    return {
        key: value
        for key, value in environ.items()
        if isinstance(value, str) and (key in _ENVIRON_KEYS or key.startswith("HTTP_"))
    }


def _receipt_identities(body: bytes, find_queue: QueueLookup) -> dict[str, str]:
    """Receipt handle -> identity of the message it names (looked up before moto deletes it)."""
    try:
        request = json.loads(body or b"{}")
    except ValueError:
        return {}
    queue = find_queue(str(request.get("QueueUrl", "")))
    if queue is None:
        return {}
    handles = [request["ReceiptHandle"]] if "ReceiptHandle" in request else [
        entry.get("ReceiptHandle") for entry in request.get("Entries", []) if isinstance(entry, dict)
    ]  # fmt: skip
    found: dict[str, str] = {}
    for message in list(queue._messages):  # moto's in-flight messages are still in the list
        for handle in handles:
            if isinstance(handle, str) and message.had_receipt_handle(handle):
                found[handle] = message_identity(message.body)
    return found


def _deleted_identities(request_body: bytes, answer: bytes, receipts: dict[str, str]) -> list[str]:
    request = json.loads(request_body or b"{}")
    if "ReceiptHandle" in request:
        identity = receipts.get(request["ReceiptHandle"])
        return [identity] if identity else []
    succeeded = {item.get("Id") for item in json.loads(answer or b"{}").get("Successful", [])}
    return [
        receipts[entry["ReceiptHandle"]]
        for entry in request.get("Entries", [])
        if entry.get("Id") in succeeded and entry.get("ReceiptHandle") in receipts
    ]


# --------------------------------------------------------------------------- replaying


@dataclass
class ReplayReport:
    requests: int = 0
    refused: int = 0
    deletions: Counter[str] = field(default_factory=Counter)


def replay(app: WsgiApp, records: Iterable[Record], report: ReplayReport) -> None:
    """Send the recorded requests to ``app`` (moto, not journaled) in order; deletions are only
    counted in ``report``: :func:`remove_deleted_messages` applies them once every upload is back."""
    for record in records:
        if record.meta.get("kind") == "sqs_delete":
            report.deletions.update(record.meta["identities"])
            continue
        environ: dict[str, Any] = {
            **record.meta["environ"],
            "CONTENT_LENGTH": str(len(record.body)),
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "0",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(record.body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        statuses: list[str] = []

        def capture(status: str, headers: Any, exc_info: Any = None, statuses: list[str] = statuses) -> Any:
            statuses.append(status)
            return lambda data: None

        answer = app(environ, capture)
        for _ in answer:
            pass
        close = getattr(answer, "close", None)
        if close is not None:
            close()
        report.requests += 1
        if not statuses or not statuses[-1].startswith("2"):
            report.refused += 1
            log.warning("rejeu : %s %s -> %s", environ["REQUEST_METHOD"], environ["PATH_INFO"], statuses[-1:])


def remove_deleted_messages(queues: Iterable[Any], deletions: Counter[str]) -> int:
    """Take out of moto's queues one message per recorded deletion; the number taken out."""
    remaining = Counter(deletions)
    removed = 0
    for queue in queues:
        with queue._messages_lock:
            kept = []
            for message in queue._messages:
                identity = message_identity(message.body)
                if remaining[identity] > 0:
                    remaining[identity] -= 1
                    removed += 1
                    continue
                kept.append(message)
            queue._messages = kept
    return removed


# --------------------------------------------------------------------------- the directory


class DataDirectory:
    """The files of ``billma local --data-dir``: ``snapshot.bin``, ``journal-<generation>.bin``
    (the writes after the snapshot; it names the last generation it holds), ``objects/``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def snapshot_path(self) -> Path:
        return self.path / SNAPSHOT_FILE

    @property
    def objects_path(self) -> Path:
        return self.path / OBJECTS_DIR

    def journal_path(self, generation: int) -> Path:
        return self.path / f"journal-{generation}.bin"

    def journals(self) -> list[tuple[int, Path]]:
        """Every journal file, oldest generation first."""
        found = []
        for path in self.path.glob("journal-*.bin"):
            number = path.stem.removeprefix("journal-")
            if number.isdigit():
                found.append((int(number), path))
        return sorted(found)

    def prepare(self, reset: bool) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        if reset:
            for _, path in self.journals():
                path.unlink()
            self.snapshot_path.unlink(missing_ok=True)
            if self.objects_path.is_dir():
                for item in self.objects_path.iterdir():
                    item.unlink()

    def drop_journals(self, up_to: int) -> None:
        """Journals a snapshot now holds."""
        for generation, path in self.journals():
            if generation <= up_to:
                path.unlink()
