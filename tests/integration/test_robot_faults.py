"""Faults on the robot's path: duplicate S3 events, redelivery, a crash between the document
record and the evaluation, concurrent workers, DynamoDB throttling, and the dead-letter queue.
Every dossier ends evaluated exactly once, or in TO_REVIEW with robot_error; never stuck."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse

from billma_cli.local.resources import CreatedResources
from billma_core import aws as clients
from billma_core.models import DocumentReading
from billma_core.settings import Settings
from tests.integration.conftest import CORPUS, VALID_FORM, ApiCall, handler_module
from tests.integration.robot_flow import drain_robot_queue, upload, view

FAIR = CORPUS / "01_DEV-2025-0736.pdf"

# Each runs the whole robot path, some several times: part of the slow run (.ci/run).
pytestmark = pytest.mark.slow


def _robot_actions(call_api: ApiCall, dossier_id: str) -> list[str]:
    return [event["action"] for event in view(call_api, dossier_id)["audit"] if event["action"].startswith("robot_")]


def _created(call_api: ApiCall, **form: Any) -> dict[str, Any]:
    status, created = call_api("upload", "POST", "/dossiers", {**VALID_FORM, **form}, role="portal")
    assert status == 201
    return dict(created)


@pytest.fixture(autouse=True)
def _empty_table(fresh_aws: CreatedResources) -> None:
    """Each test's documents are first uploads (duplicates are detected table-wide)."""


@pytest.fixture
def flaky_evaluator(aws: CreatedResources, monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Make the robot's evaluation raise for the next ``n`` calls (a crash after the document
    record, before the evaluation is written)."""
    real = clients.robot()
    failures = {"left": 0}

    def read(data: bytes, settings: Settings, sha256: str) -> DocumentReading:
        if failures["left"] > 0:
            failures["left"] -= 1
            raise RuntimeError("robot tué (panne injectée)")
        return real.reader(data, settings, sha256)

    monkeypatch.setattr(handler_module("robot"), "robot", lambda: dataclasses.replace(real, reader=read))

    def arm(n: int) -> None:
        failures["left"] = n

    return arm


def test_same_event_twice_gives_one_evaluation(call_api: ApiCall, aws: CreatedResources) -> None:
    created = _created(call_api)
    upload(created["upload"], FAIR.read_bytes())
    sqs = boto3.client("sqs")
    url = aws.queues["RobotQueue"]
    message = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2)["Messages"][0]
    # S3 may deliver an event twice: put a copy back beside the original.
    sqs.send_message(QueueUrl=url, MessageBody=message["Body"])
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0)
    drain_robot_queue(aws)
    assert _robot_actions(call_api, created["dossier_id"]) == ["robot_auto_validated"]


def test_crash_between_record_and_evaluation_is_retried(
    call_api: ApiCall, aws: CreatedResources, flaky_evaluator: Callable[[int], None]
) -> None:
    flaky_evaluator(1)
    created = _created(call_api)
    upload(created["upload"], FAIR.read_bytes())
    first = drain_robot_queue(aws)
    assert first[0]["batchItemFailures"], "the crash must fail the message"
    assert view(call_api, created["dossier_id"])["dossier"]["state"] == "ANALYSING"
    drain_robot_queue(aws, retry_failed=True)
    dossier = view(call_api, created["dossier_id"])
    assert dossier["dossier"]["state"] == "CLOSED"
    assert _robot_actions(call_api, created["dossier_id"]) == ["robot_auto_validated"]


def test_every_retry_failing_ends_in_review_with_robot_error(
    call_api: ApiCall, aws: CreatedResources, flaky_evaluator: Callable[[int], None]
) -> None:
    flaky_evaluator(1000)
    created = _created(call_api)
    upload(created["upload"], FAIR.read_bytes())
    drain_robot_queue(aws, retry_failed=True)  # until the redrive policy moves it to the DLQ
    flaky_evaluator(0)
    drain_robot_queue(aws, queue="RobotDeadLetterQueue")
    dossier = view(call_api, created["dossier_id"])["dossier"]
    assert dossier["state"] == "TO_REVIEW"
    assert dossier["evaluation"]["flags"] == ["robot_error"]
    assert "plusieurs tentatives" in dossier["evaluation"]["reason"]


def test_concurrent_workers_on_one_upload_evaluate_once(call_api: ApiCall, aws: CreatedResources) -> None:
    created = _created(call_api)
    upload(created["upload"], FAIR.read_bytes())
    key = created["upload"]["fields"]["key"]

    def work(_: int) -> str:
        try:
            clients.robot().process_upload(key)
        except Exception as error:
            return type(error).__name__
        return "ok"

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(work, range(4)))
    assert "ok" in results
    assert set(results) <= {"ok", "VersionConflict"}
    drain_robot_queue(aws, retry_failed=True)
    assert _robot_actions(call_api, created["dossier_id"]) == ["robot_auto_validated"]


def test_dynamodb_throttling_is_absorbed_by_retries(call_api: ApiCall, aws: CreatedResources) -> None:
    created = _created(call_api)
    upload(created["upload"], FAIR.read_bytes())
    client = clients.dossier_repository()._db
    throttled = {"left": 3}

    def throttle(**_: Any) -> AWSResponse | None:
        if throttled["left"] > 0:
            throttled["left"] -= 1
            body = json.dumps(
                {"__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException", "message": "Rate exceeded"}
            ).encode()
            return AWSResponse("http://throttled", 400, {}, _Raw(body))
        return None

    client.meta.events.register("before-send.dynamodb.TransactWriteItems", throttle)
    try:
        drain_robot_queue(aws)
    finally:
        client.meta.events.unregister("before-send.dynamodb.TransactWriteItems", throttle)
    assert throttled["left"] == 0
    assert view(call_api, created["dossier_id"])["dossier"]["state"] == "CLOSED"


class _Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body

    def read(self, *_: Any) -> bytes:
        body, self._body = self._body, b""
        return body
