"""The whole corpus through the local stack in manifest order: each dossier ends in the state
its expected outcome implies; the same file twice, or a replayed SQS message, changes nothing."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from tests.e2e.conftest import CORPUS, VALID_FORM, Api, LocalStackProcess, moto_endpoint, running_local_stack

pytestmark = pytest.mark.e2e

STATE_OF_OUTCOME = {
    "auto_validated": "CLOSED",
    "needs_review": "TO_REVIEW",
    "out_of_scope": "TO_REVIEW",
    "duplicate": "TO_REVIEW",
    "document_rejected": "TO_REVIEW",
}


@pytest.fixture(scope="module")
def fresh_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStackProcess]:
    """A stack of its own: the corpus's duplicates must meet their first copies here first."""
    with running_local_stack(tmp_path_factory.mktemp("corpus-stack")) as stack:
        yield stack


def _submit(api: Api, document: Path, reference: str) -> str:
    created = api.create_dossier({**_form(), "claim_reference": reference})
    assert created.status == 201, created.body
    payload = created.json()
    uploaded = api.upload(payload["upload"], document)
    assert uploaded.status in (200, 201, 204), uploaded.body
    return str(payload["dossier_id"])


def _form() -> dict[str, Any]:
    return dict(VALID_FORM)


def _robot_events(api: Api, dossier_id: str) -> list[str]:
    audit = api.dossier(dossier_id).json()["audit"]
    return [event["action"] for event in audit if event["action"].startswith("robot_")]


def test_corpus_in_manifest_order(fresh_stack: LocalStackProcess) -> None:
    api = Api(fresh_stack.url)
    manifest = json.loads((CORPUS / "manifest.json").read_text())["documents"]
    dossiers: list[tuple[dict[str, Any], str]] = []
    for document in manifest:
        # One at a time: duplicates only count after their first copy has been evaluated.
        dossier_id = _submit(api, CORPUS / document["file"], f"SIN-CORPUS-{document['upload_order']:02d}")
        api.wait_for_state(dossier_id, timeout=60)
        dossiers.append((document, dossier_id))

    wrong = []
    for document, dossier_id in dossiers:
        dossier = api.dossier(dossier_id).json()["dossier"]
        evaluation = dossier["evaluation"]
        expected_state = STATE_OF_OUTCOME[document["outcome"]]
        if (
            dossier["state"] != expected_state
            or evaluation["outcome"] != document["outcome"]
            or not set(document["flags"]) <= set(evaluation["flags"])
        ):
            wrong.append((document["file"], document["outcome"], evaluation["outcome"], evaluation["flags"]))
    assert not wrong

    # The same file again, in a new dossier: a duplicate of the first one.
    first_document, first_id = dossiers[0]
    again = _submit(api, CORPUS / first_document["file"], "SIN-CORPUS-AGAIN")
    _, payload = api.wait_for_state(again, timeout=60)
    assert payload["dossier"]["evaluation"]["outcome"] == "duplicate"
    assert payload["dossier"]["evaluation"]["duplicate_of"] == first_id
    assert _robot_events(api, first_id) == ["robot_auto_validated"]


def test_replayed_sqs_message_changes_nothing(fresh_stack: LocalStackProcess) -> None:
    """Replay the S3 notification of an evaluated upload into the robot queue."""
    api = Api(fresh_stack.url)
    dossier_id = _submit(api, CORPUS / "05_devis-bonnet.pdf", "SIN-REPLAY")
    _, before = api.wait_for_state(dossier_id, timeout=60)
    key = before["dossier"]["document"]["s3_key"]
    moto = moto_endpoint(fresh_stack)
    sqs = boto3.client(
        "sqs", endpoint_url=moto, region_name="eu-west-3", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    queue_url = next(url for url in sqs.list_queues()["QueueUrls"] if url.endswith("RobotQueue"))
    bucket = _bucket(moto)
    body = {
        "Records": [
            {
                "eventSource": "aws:s3",
                "eventName": "ObjectCreated:Post",
                "s3": {"bucket": {"name": bucket}, "object": {"key": key, "size": 1}},
            }
        ]
    }
    sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps(body))
    for _ in range(40):
        counts = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
        attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=counts)["Attributes"]  # type: ignore[arg-type]
        if all(attributes[name] == "0" for name in counts):
            break
        time.sleep(0.5)
    after = api.dossier(dossier_id).json()
    assert after["dossier"]["version"] == before["dossier"]["version"]
    assert len(after["audit"]) == len(before["audit"])


def _bucket(moto: str) -> str:
    s3 = boto3.client(
        "s3", endpoint_url=moto, region_name="eu-west-3", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    return next(b["Name"] for b in s3.list_buckets()["Buckets"] if "quotes" in b["Name"])
