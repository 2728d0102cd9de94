"""Lambda's DynamoDB stream event source mapping, played by one poller thread per source.

The poller reads the table's stream on moto from ``StartingPosition`` and hands the records to
the function as the real ``{"Records": [...]}`` event, in order. When the handler raises, or
reports a ``batchItemFailures`` sequence number, it reads again from the failed record after a
growing delay: a record is never skipped, as with ``MaximumRetryAttempts: -1``. Filter criteria
are not played: the function ignores the records it has no use for.

The poller knows the first record its function has not taken yet (:attr:`StreamPoller.unread_from`):
a clean stop keeps the stream from there in the snapshot, so a record written but not yet handed
to the function (an outbox event not yet relayed) is delivered after the restart.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import TYPE_CHECKING, Any

from billma_cli.local.runtime import FunctionRuntime
from billma_cli.local.template import StreamEventSource

if TYPE_CHECKING:
    from mypy_boto3_dynamodbstreams import DynamoDBStreamsClient

__all__ = ["StreamPoller", "lambda_stream_event"]

log = logging.getLogger(__name__)

_IDLE_SECONDS = 0.5
_MAX_RETRY_DELAY_SECONDS = 30.0


def lambda_stream_event(records: list[dict[str, Any]], stream_arn: str, region: str) -> dict[str, Any]:
    """The event Lambda gives a function for a batch of stream records (times as epoch seconds)."""
    return {"Records": [_record(record, stream_arn, region) for record in records]}


def _record(record: dict[str, Any], stream_arn: str, region: str) -> dict[str, Any]:
    change = dict(record.get("dynamodb", {}))
    created = change.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        change["ApproximateCreationDateTime"] = created.timestamp()
    return {**record, "dynamodb": change, "awsRegion": region, "eventSourceARN": stream_arn}


class StreamPoller:
    """Reads one table's stream for one function until :meth:`stop`."""

    def __init__(
        self,
        source: StreamEventSource,
        runtime: FunctionRuntime,
        streams: DynamoDBStreamsClient,
        stream_arn: str,
        *,
        region: str,
        retry_delay_seconds: float = 1.0,
    ) -> None:
        self.source = source
        self.runtime = runtime
        self.streams = streams
        self.stream_arn = stream_arn
        self.region = region
        self.retry_delay_seconds = retry_delay_seconds
        self._stopping = threading.Event()
        self._iterator: str | None = None
        self._failures = 0
        # Sequence number of the first record the function has not taken (None: nothing read yet).
        self.unread_from: int | None = None
        self._thread = threading.Thread(
            target=self._run, name=f"stream-{source.function_id}-{source.event_name}", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                delivered = self.poll_once()
            except Exception:
                if self._stopping.is_set():
                    return
                log.exception("%s : échec de la lecture du flux %s", self.source.function_id, self.stream_arn)
                delivered = 0
            if delivered == 0:
                self._stopping.wait(self._delay())

    def _delay(self) -> float:
        if self._failures == 0:
            return _IDLE_SECONDS
        delay: float = self.retry_delay_seconds * 2 ** (self._failures - 1)
        return min(_MAX_RETRY_DELAY_SECONDS, delay)

    def poll_once(self) -> int:
        """Deliver one batch; the number of records the function took (0: none, or it failed)."""
        if self._iterator is None:
            self._iterator = self._shard_iterator(self.source.starting_position)
        response = self.streams.get_records(ShardIterator=self._iterator, Limit=self.source.batch_size)
        records: list[dict[str, Any]] = [dict(record) for record in response.get("Records", [])]
        if not records:
            self._iterator = response.get("NextShardIterator", self._iterator)
            return 0
        failed_at = self._invoke(records)
        if failed_at is None:
            self._failures = 0
            self._iterator = response.get("NextShardIterator", self._iterator)
            self.unread_from = int(records[-1]["dynamodb"]["SequenceNumber"]) + 1
            return len(records)
        self._failures += 1
        self.unread_from = int(failed_at)
        self._iterator = self._shard_iterator("AT_SEQUENCE_NUMBER", failed_at)
        return 0

    def _invoke(self, records: list[dict[str, Any]]) -> str | None:
        """Run the handler; the sequence number to read again from, or None when all succeeded."""
        first = str(records[0]["dynamodb"]["SequenceNumber"])
        try:
            result = self.runtime.invoke(lambda_stream_event(records, self.stream_arn, self.region))
        except Exception:
            log.exception("%s a échoué sur %d enregistrement(s) du flux", self.source.function_id, len(records))
            return first
        if not self.source.report_batch_item_failures or not isinstance(result, dict):
            return None
        failures = result.get("batchItemFailures") or []
        sequences = {str(record["dynamodb"]["SequenceNumber"]) for record in records}
        for failure in failures:
            identifier = failure.get("itemIdentifier") if isinstance(failure, dict) else None
            if identifier not in sequences:
                log.error("%s : batchItemFailures invalide (%r) : tout le lot échoue", self.source.function_id,
                          failures)
                return first
        if not failures:
            return None
        return min((str(failure["itemIdentifier"]) for failure in failures), key=int)

    def _shard_iterator(self, kind: str, sequence: str | None = None) -> str:
        shard = self.streams.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]["Shards"][0]
        request: dict[str, Any] = {"StreamArn": self.stream_arn, "ShardId": shard["ShardId"], "ShardIteratorType": kind}
        if sequence is not None:
            request["SequenceNumber"] = sequence
        return str(self.streams.get_shard_iterator(**request)["ShardIterator"])
