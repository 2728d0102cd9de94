"""Lambda's SQS event source mapping, played by poller threads.

Each poller receives up to ``BatchSize`` messages (waiting up to ``MaximumBatchingWindowInSeconds``
to fill the batch), hands them to the function as the real ``{"Records": [...]}`` event and then:

- success: deletes the batch, or with ``ReportBatchItemFailures`` every message except those the
  handler lists in ``batchItemFailures`` (an invalid list fails the whole batch, as in Lambda);
- the handler raises: the whole batch fails.

A failed message becomes visible again after a short local delay (instead of the queue's visibility
timeout) growing with its receive count; the queue's ``RedrivePolicy`` then moves it to the
dead-letter queue after ``maxReceiveCount`` receives (moto honours it on ``ReceiveMessage``).
"""

from __future__ import annotations

import base64
import logging
import threading
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from billma_cli.local.runtime import FunctionRuntime
from billma_cli.local.template import SqsEventSource

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.type_defs import MessageTypeDef

__all__ = ["SqsPoller", "lambda_sqs_event"]

log = logging.getLogger(__name__)

_MAX_RETRY_DELAY_SECONDS = 30


def lambda_sqs_event(messages: Sequence[MessageTypeDef], queue_arn: str, region: str) -> dict[str, Any]:
    """The event Lambda gives a function for a batch of SQS messages."""
    return {"Records": [_record(message, queue_arn, region) for message in messages]}


def _record(message: MessageTypeDef, queue_arn: str, region: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message.get("Body", ""),
        "attributes": dict(message.get("Attributes", {})),
        "messageAttributes": {
            name: _message_attribute(value) for name, value in message.get("MessageAttributes", {}).items()
        },
        "md5OfBody": message.get("MD5OfBody", ""),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region,
    }
    if "MD5OfMessageAttributes" in message:
        record["md5OfMessageAttributes"] = message["MD5OfMessageAttributes"]
    return record


def _message_attribute(value: Any) -> dict[str, Any]:
    attribute: dict[str, Any] = {
        "stringListValues": [],
        "binaryListValues": [],
        "dataType": value.get("DataType", "String"),
    }
    if "StringValue" in value:
        attribute["stringValue"] = value["StringValue"]
    if "BinaryValue" in value:
        attribute["binaryValue"] = base64.b64encode(value["BinaryValue"]).decode()
    return attribute


class SqsPoller:
    """Polls one queue for one function with ``concurrency`` threads until :meth:`stop`."""

    def __init__(
        self,
        source: SqsEventSource,
        runtime: FunctionRuntime,
        sqs: SQSClient,
        queue_url: str,
        *,
        region: str,
        concurrency: int = 2,
        retry_delay_seconds: float = 1.0,
        wait_seconds: int = 1,
    ) -> None:
        self.source = source
        self.runtime = runtime
        self.sqs = sqs
        self.queue_url = queue_url
        self.region = region
        self.retry_delay_seconds = retry_delay_seconds
        self.wait_seconds = wait_seconds
        self._stopping = threading.Event()
        self._threads = [
            threading.Thread(target=self._run, name=f"sqs-{source.function_id}-{source.event_name}-{n}", daemon=True)
            for n in range(max(1, concurrency))
        ]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def request_stop(self) -> None:
        """Stop after the current batch (a handler is never interrupted)."""
        self._stopping.set()

    def stop(self, timeout: float = 10.0) -> None:
        self.request_stop()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            if thread.is_alive():
                thread.join(max(0.0, deadline - time.monotonic()))

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.poll_once()
            except Exception:
                if self._stopping.is_set():
                    return
                log.exception("%s : échec de la lecture de %s", self.source.function_id, self.source.queue_name)
                self._stopping.wait(1.0)

    def poll_once(self) -> int:
        """Receive one batch, invoke the function, settle the messages. Returns the batch size."""
        messages = self._receive_batch()
        if not messages:
            return 0
        failed_ids = self._invoke(messages)
        succeeded = [m for m in messages if m["MessageId"] not in failed_ids]
        failed = [m for m in messages if m["MessageId"] in failed_ids]
        self._delete(succeeded)
        self._retry_later(failed)
        return len(messages)

    def _receive_batch(self) -> list[MessageTypeDef]:
        batch_size = self.source.batch_size
        batch: list[MessageTypeDef] = []
        window_end: float | None = None
        while len(batch) < batch_size and not self._stopping.is_set():
            wait = self.wait_seconds
            if window_end is not None:
                remaining = window_end - time.monotonic()
                if remaining <= 0:
                    break
                wait = min(wait, max(1, int(remaining)))
            response = self.sqs.receive_message(
                QueueUrl=self.queue_url,
                MaxNumberOfMessages=min(10, batch_size - len(batch)),
                WaitTimeSeconds=wait,
                MessageSystemAttributeNames=["All"],
                MessageAttributeNames=["All"],
            )
            batch.extend(response.get("Messages", []))
            if not batch:
                return batch
            if window_end is None:
                if self.source.batching_window_seconds <= 0:
                    break
                window_end = time.monotonic() + self.source.batching_window_seconds
        return batch

    def _invoke(self, messages: Sequence[MessageTypeDef]) -> set[str]:
        """Run the handler; the ids of the messages that failed."""
        every_id = {message["MessageId"] for message in messages}
        event = lambda_sqs_event(messages, self.source.queue_arn, self.region)
        try:
            result = self.runtime.invoke(event)
        except Exception:
            log.exception(
                "%s a échoué sur un lot de %d message(s) de %s : tout le lot sera représenté",
                self.source.function_id,
                len(messages),
                self.source.queue_name,
            )
            return every_id
        if not self.source.report_batch_item_failures:
            return set()
        failures = result.get("batchItemFailures") if isinstance(result, dict) else None
        if not failures:
            return set()
        failed: set[str] = set()
        for failure in failures if isinstance(failures, list) else [None]:
            identifier = failure.get("itemIdentifier") if isinstance(failure, dict) else None
            if not isinstance(identifier, str) or identifier not in every_id:
                log.error(
                    "%s : batchItemFailures invalide (%r) : tout le lot échoue", self.source.function_id, failures
                )
                return every_id
            failed.add(identifier)
        log.info("%s : %d message(s) en échec sur %d", self.source.function_id, len(failed), len(messages))
        return failed

    def _delete(self, messages: Sequence[MessageTypeDef]) -> None:
        for chunk in _chunks(messages, 10):
            self.sqs.delete_message_batch(
                QueueUrl=self.queue_url,
                Entries=[{"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(chunk)],
            )

    def _retry_later(self, messages: Sequence[MessageTypeDef]) -> None:
        for chunk in _chunks(messages, 10):
            self.sqs.change_message_visibility_batch(
                QueueUrl=self.queue_url,
                Entries=[
                    {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": self._retry_delay(m)}
                    for n, m in enumerate(chunk)
                ],
            )

    def _retry_delay(self, message: MessageTypeDef) -> int:
        receive_count = int(message.get("Attributes", {}).get("ApproximateReceiveCount", "1"))
        delay = self.retry_delay_seconds * 2 ** (receive_count - 1)
        return int(min(_MAX_RETRY_DELAY_SECONDS, round(delay)))


def _chunks(items: Sequence[MessageTypeDef], size: int) -> Iterable[Sequence[MessageTypeDef]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
