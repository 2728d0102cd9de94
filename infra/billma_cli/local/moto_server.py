"""moto as the local AWS: a threaded server on loopback, made safe for concurrent writers, and
able to keep its writes in a journal (:mod:`.persistence`)."""

from __future__ import annotations

import bisect
import copy
import threading
from collections.abc import Callable, Iterable
from typing import Any

import moto.dynamodb.models as dynamodb_models
from moto.core.utils import unix_time
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.server import ThreadedMotoServer
from moto.sqs.models import Message, SQSBackend, sqs_backends

from billma_cli.local.persistence import Journal, WsgiApp, journaled

__all__ = ["SORTED_ITEMS", "moto_queues", "record_writes", "replay_target", "start_moto"]


class SerialisedDynamoDb:
    """moto's DynamoDB backend is not thread-safe: concurrent transactions fail with
    "dictionary changed size during iteration" (a 500 that botocore's retries may not absorb).
    DynamoDB and DynamoDB Streams requests go one at a time; S3 and SQS (long polls) stay concurrent. ``app`` is what
    is behind the lock (moto, or moto behind the journal: a write is journaled in the order it was
    applied). With a ``journal``, no answer leaves before what was journaled until then is on
    disk; that wait (an ``fsync`` shared by every request waiting) is outside the lock."""

    def __init__(self, app: WsgiApp) -> None:
        self.app = app
        self.journal: Journal | None = None
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if str(environ.get("HTTP_X_AMZ_TARGET", "")).startswith("DynamoDB"):
            with self._lock:
                answer: Iterable[bytes] = list(self.app(environ, start_response))  # computed inside the lock
        else:
            answer = self.app(environ, start_response)  # moto's answer is computed by now
        journal = self.journal
        if journal is not None:
            journal.wait_durable(journal.appended)
        return answer


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
                table.__dict__.pop(SORTED_ITEMS, None)
            raise

    transact_write_items.rolls_back_items = True  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
    dynamodb_models.copy = _TablesNotCopied  # type: ignore[attr-defined,assignment]


SORTED_ITEMS = "_billma_sorted_items"
_PARTITION = "_billma_partition_queried"


def _item_order(item: Any) -> Any:
    return (item.hash_key, item.range_key) if item.range_key else item.hash_key  # moto's order


def keep_tables_sorted() -> None:
    """moto answers a query on a secondary index (and a scan) by sorting every item of the table
    first: O(n log n) per query, 40 % of the stack's CPU under load with a few thousand dossiers
    (py-spy). The sorted list is kept per table and kept sorted as items come and go; an update
    changes an item in place (never its key), so the list stays right. A query on the table's own
    partition key reads that partition only."""
    if getattr(Table.all_items, "keeps_sorted", False):
        return
    moto_all_items, moto_put_item, moto_delete_item = Table.all_items, Table.put_item, Table.delete_item
    moto_query = Table.query

    def all_items(self: Table) -> list[Any]:
        if _PARTITION in self.__dict__:  # a query on the table's own key: that partition only
            return list(self.items.get(self.__dict__[_PARTITION], {}).values())
        ordered = self.__dict__.get(SORTED_ITEMS)
        if ordered is None:
            ordered = self.__dict__[SORTED_ITEMS] = moto_all_items(self)
        return list(ordered)

    def put_item(self: Table, *args: Any, **kwargs: Any) -> Any:
        item = moto_put_item(self, *args, **kwargs)
        ordered = self.__dict__.get(SORTED_ITEMS)
        if ordered is not None:
            order = _item_order(item)
            position = bisect.bisect_left(ordered, order, key=_item_order)
            if position < len(ordered) and _item_order(ordered[position]) == order:
                ordered[position] = item  # the same key written again: a new Item object
            else:
                ordered.insert(position, item)
        return item

    def delete_item(self: Table, *args: Any, **kwargs: Any) -> Any:
        item = moto_delete_item(self, *args, **kwargs)
        ordered = self.__dict__.get(SORTED_ITEMS)
        if item is not None and ordered is not None:
            position = bisect.bisect_left(ordered, _item_order(item), key=_item_order)
            if position < len(ordered) and ordered[position] is item:
                del ordered[position]
            else:
                self.__dict__.pop(SORTED_ITEMS)
        return item

    def query(self: Table, hash_key: Any, *args: Any, **kwargs: Any) -> Any:
        # moto finds a partition's items by comparing every item's hash key (O(table) for each
        # GET of a dossier); it then sorts them by range key itself.
        index_name = args[6] if len(args) > 6 else kwargs.get("index_name")
        if index_name or hash_key is None or self.range_key_attr is None:
            return moto_query(self, hash_key, *args, **kwargs)
        self.__dict__[_PARTITION] = hash_key
        try:
            return moto_query(self, hash_key, *args, **kwargs)
        finally:
            del self.__dict__[_PARTITION]

    all_items.keeps_sorted = True  # type: ignore[attr-defined]
    Table.all_items = all_items  # type: ignore[method-assign]
    Table.query = query  # type: ignore[method-assign]
    Table.put_item = put_item  # type: ignore[method-assign]
    Table.delete_item = delete_item  # type: ignore[method-assign]


def read_retention_directly() -> None:
    """moto checks each message it receives against the queue's retention period by computing
    every attribute of the queue three times, its message counts included: O(messages) per
    message received, the stack's first CPU cost under load once the tables were fixed (py-spy
    under ``bench/bench_load.py``: 9 % of the main process's samples). The period is read from
    the queue itself; the rule is moto's."""
    if getattr(SQSBackend.is_message_valid_based_on_retention_period, "reads_directly", False):
        return

    def is_message_valid_based_on_retention_period(self: SQSBackend, queue_name: str, message: Message) -> bool:
        retention_period = int(self.get_queue(queue_name).message_retention_period)  # type: ignore[attr-defined]
        return bool(retention_period + message.sent_timestamp / 1000 > unix_time())  # type: ignore[operator]

    is_message_valid_based_on_retention_period.reads_directly = True  # type: ignore[attr-defined]
    SQSBackend.is_message_valid_based_on_retention_period = (  # type: ignore[method-assign]
        is_message_valid_based_on_retention_period
    )


def start_moto(port: int = 0) -> ThreadedMotoServer:
    """A started moto server on 127.0.0.1 (``port`` 0: a free one)."""
    roll_back_items_not_tables()
    keep_tables_sorted()
    read_retention_directly()
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
    serialised.journal = journal


def moto_queues(account_id: str, region: str) -> list[Any]:
    """moto's queue objects (a replay takes the deleted messages out of them)."""
    return list(sqs_backends[account_id][region].queues.values())
