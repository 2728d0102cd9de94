"""Helpers that push a document through the real path under moto: presigned POST → S3
notification → SQS → robot handler (as the event source mapping would call it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import requests

from billma_cli.local.resources import CreatedResources
from billma_cli.local.worker import lambda_sqs_event
from tests.integration.conftest import VALID_FORM, ApiCall, Context, handler_module


def upload(post: dict[str, Any], data: bytes, filename: str = "devis.pdf") -> None:
    response = requests.post(post["url"], data=post["fields"], files={"file": (filename, data)}, timeout=30)
    assert response.status_code in (200, 201, 204), response.text


def drain_robot_queue(
    aws: CreatedResources, queue: str = "RobotQueue", retry_failed: bool = False
) -> list[dict[str, Any]]:
    """Deliver every waiting message to the robot handler, one batch at a time; returns the
    handler's responses. Successful messages are deleted as the event source mapping does;
    failed ones are retried at once when ``retry_failed`` (until the queue's redrive policy
    moves them to the dead-letter queue)."""
    sqs = boto3.client("sqs")
    url = aws.queues[queue]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    responses = []
    while True:
        # No long poll: moto queues S3's notification before the upload's answer (and a retried
        # message is visible again at once), so the waiting messages are all there; a long poll
        # would wait its whole second on the empty queue that ends every drain.
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
        if not messages:
            return responses
        response = handler_module("robot").lambda_handler(lambda_sqs_event(messages, arn, "eu-west-3"), Context())
        failed = {item["itemIdentifier"] for item in response.get("batchItemFailures", [])}
        for message in messages:
            if message["MessageId"] not in failed:
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            else:
                # Visible again at once instead of after the queue's visibility timeout.
                sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0)
        responses.append(response)
        if failed and not retry_failed:
            return responses


def submit(call_api: ApiCall, aws: CreatedResources, document: Path | bytes, **form: Any) -> str:
    """Create a dossier, upload the document, run the robot; the dossier id."""
    status, created = call_api("upload", "POST", "/dossiers", {**VALID_FORM, **form}, role="portal")
    assert status == 201, created
    data = document if isinstance(document, bytes) else document.read_bytes()
    upload(created["upload"], data)
    drain_robot_queue(aws)
    return str(created["dossier_id"])


def view(call_api: ApiCall, dossier_id: str) -> dict[str, Any]:
    status, body = call_api("review_api", "GET", f"/dossiers/{dossier_id}")
    assert status == 200, body
    return dict(body)


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)
