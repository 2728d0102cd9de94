"""Robot function: SQS batches of S3 ObjectCreated notifications (and, from the dead-letter
queue, the uploads that failed every retry). Partial batch failures are reported, so only the
failed messages come back."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from billma_core.aws import robot
from billma_core.settings import get_settings

logger = Logger()
metrics = Metrics()
# A batch where every record failed is reported like a partial one, so the event source mapping
# retries each message on its own count.
processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)


def uploaded_keys(record: SQSRecord) -> list[str]:
    """Object keys of an S3 notification (URL-encoded by S3); none for S3's test event."""
    body = json.loads(record.body)
    return [unquote_plus(item["s3"]["object"]["key"]) for item in body.get("Records", []) if "s3" in item]


def handle_record(record: SQSRecord) -> None:
    settings = get_settings()
    dead_letter = record.event_source_arn == settings.dead_letter_queue_arn
    worker = robot()
    for key in uploaded_keys(record):
        started = time.perf_counter()
        dossier = worker.give_up(key) if dead_letter else worker.process_upload(key)
        if dossier is None or dossier.evaluation is None:
            continue
        evaluation = dossier.evaluation
        # Identifiers and codes only: no name, phone or e-mail reaches the logs.
        logger.info(
            "document évalué",
            extra={
                "dossier_id": dossier.dossier_id,
                "outcome": evaluation.outcome.value,
                "flags": [flag.value for flag in evaluation.flags],
                "state": dossier.state.value,
            },
        )
        metrics.add_metric(name=f"Outcome_{evaluation.outcome.value}", unit=MetricUnit.Count, value=1)
        if evaluation.gap_ttc is not None:
            metrics.add_metric(name="GapTtc", unit=MetricUnit.NoUnit, value=float(evaluation.gap_ttc))
        metrics.add_metric(
            name="ProcessingTime", unit=MetricUnit.Milliseconds, value=(time.perf_counter() - started) * 1000
        )


@metrics.log_metrics
@logger.inject_lambda_context
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return process_partial_response(event=event, record_handler=handle_record, processor=processor, context=context)
