"""moto as the local AWS: a threaded server on loopback, made safe for concurrent writers, and
able to keep its writes in a journal (:mod:`.persistence`)."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterable
from typing import Any

import moto.dynamodb.models as dynamodb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.server import ThreadedMotoServer
from moto.sqs.models import sqs_backends

from billma_cli.local.persistence import Journal, WsgiApp, journaled

__all__ = ["moto_queues", "record_writes", "replay_target", "start_moto"]


class SerialisedDynamoDb:
    """moto's DynamoDB backend is not thread-safe: concurrent transactions fail with
    "dictionary changed size during iteration" (a 500 that botocore's retries may not absorb).
    DynamoDB requests go one at a time; S3 and SQS (long polls) stay concurrent. ``app`` is what
    is behind the lock (moto, or moto behind the journal: a write is journaled in the order it was
    applied)."""

    def __init__(self, app: WsgiApp) -> None:
        self.app = app
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if str(environ.get("HTTP_X_AMZ_TARGET", "")).startswith("DynamoDB_"):
            with self._lock:
                return list(self.app(environ, start_response))  # the whole answer inside the lock
        return self.app(environ, start_response)


class _TablesNotCopied:
    """``copy`` as moto's DynamoDB module sees it once :func:`roll_back_items_not_tables` ran:
    a table is not deep-copied (the transaction keeps its items' before-images instead)."""

    copy = staticmethod(copy.copy)

    @staticmethod
    def deepcopy(value: Any, memo: dict[int, Any] | None = None) -> Any:
        return value if isinstance(value, Table) else copy.deepcopy(value, memo)


def roll_back_items_not_tables() -> None:
    """moto's ``TransactWriteItems`` deep-copies every table it writes to, to roll back on failure:
    O(table) per transaction, most of the local stack's CPU once a few thousand items exist (py-spy
    under ``bench/bench_load.py``: 80 % of the busy samples). Instead, the before-image of each item
    the transaction names is kept, and put back if moto refuses the transaction."""
    if getattr(DynamoDBBackend.transact_write_items, "rolls_back_items", False):
        return
    moto_transaction = DynamoDBBackend.transact_write_items

    def transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
        before: list[tuple[Table, DynamoType, DynamoType | None, Any]] = []
        for entry in transact_items:
            for operation in entry.values():
                table = self.tables.get(operation.get("TableName"))
                attributes = operation.get("Key") or operation.get("Item") or {}
                if table is None or table.hash_key_attr not in attributes:
                    continue  # moto refuses it before writing anything
                if table.range_key_attr is not None and table.range_key_attr not in attributes:
                    continue
                hash_value = DynamoType(attributes[table.hash_key_attr])
                range_value = DynamoType(attributes[table.range_key_attr]) if table.range_key_attr else None
                item = table.get_item(hash_value, range_value)
                before.append((table, hash_value, range_value, copy.deepcopy(item)))
        try:
            moto_transaction(self, transact_items)
        except Exception:
            for table, hash_value, range_value, item in reversed(before):
                # A range table holds {hash: {range: item}}, a hash-only one {hash: item}.
                items: Any = table.items[hash_value] if range_value is not None else table.items
                key = range_value if range_value is not None else hash_value
                if item is None:
                    items.pop(key, None)
                else:
                    items[key] = item
            raise

    transact_write_items.rolls_back_items = True  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
    dynamodb_models.copy = _TablesNotCopied  # type: ignore[attr-defined,assignment]


def start_moto(port: int = 0) -> ThreadedMotoServer:
    """A started moto server on 127.0.0.1 (``port`` 0: a free one)."""
    roll_back_items_not_tables()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    wsgi = server._server
    assert wsgi is not None
    wsgi.app = SerialisedDynamoDb(wsgi.app)
    return server


def _serialised(server: ThreadedMotoServer) -> SerialisedDynamoDb:
    wsgi = server._server
    assert wsgi is not None and isinstance(wsgi.app, SerialisedDynamoDb)
    return wsgi.app


def replay_target(server: ThreadedMotoServer) -> WsgiApp:
    """moto's application itself, in this process: what a replay sends the recorded requests to."""
    return _serialised(server).app


def record_writes(server: ThreadedMotoServer, journal: Journal, region: str) -> None:
    """From now on every 2xx write of ``server`` is in ``journal`` before it is answered."""
    serialised = _serialised(server)

    def find_queue(url: str) -> Any:
        parts = url.rstrip("/").rsplit("/", 2)  # http://host:port/<account id>/<queue name>
        if len(parts) < 3 or not parts[-2].isdigit():
            return None
        return sqs_backends[parts[-2]][region].queues.get(parts[-1])

    serialised.app = journaled(serialised.app, journal, find_queue)


def moto_queues(account_id: str, region: str) -> list[Any]:
    """moto's queue objects (a replay takes the deleted messages out of them)."""
    return list(sqs_backends[account_id][region].queues.values())
