"""The REN opening leaves through the outbox: written with the closure, published from the
table's stream by the outbox function (run by the local stack's stream poller), retried while
EventBridge fails, published once when it answers again."""

from __future__ import annotations

import json
from collections.abc import Iterator

import boto3
import pytest

from billma_cli.local.resources import CreatedResources
from billma_cli.local.runtime import FunctionRuntime
from billma_cli.local.streams import StreamPoller
from billma_cli.local.template import LocalNames, Stack
from billma_core.repository import DossierRepository
from billma_core.settings import get_settings
from tests.integration.conftest import ROOT, ApiCall
from tests.integration.test_logs_without_personal_data import run_full_flow

OUTAGE_BUS = "billma-bus-en-panne"


@pytest.fixture
def bus_missing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The functions publish to a bus that does not exist yet: every PutEvents fails."""
    monkeypatch.setenv("BILLMA_EVENT_BUS_NAME", OUTAGE_BUS)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def outbox_poller(aws: CreatedResources) -> StreamPoller:
    names = LocalNames(web_origin="http://127.0.0.1:8000")
    function = Stack.from_file(ROOT / "template.yaml", names).function("OutboxFunction")
    (source,) = function.stream_sources
    table = boto3.client("dynamodb").describe_table(TableName=aws.tables[source.table_id])["Table"]
    return StreamPoller(
        source,
        FunctionRuntime(function, names),
        boto3.client("dynamodbstreams"),
        table["LatestStreamArn"],
        region="eu-west-3",
        retry_delay_seconds=0.0,
    )


def drain(poller: StreamPoller) -> None:
    """Deliver the stream until its end or the first failure (the poller then waits to retry)."""
    while poller.poll_once():
        pass


def network_queue(bus: str) -> str:
    """The repair network's intake: a rule on ``bus`` sending REN openings to a new queue."""
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="reseau-ouvertures-ren")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events = boto3.client("events")
    events.create_event_bus(Name=bus)
    events.put_rule(
        Name="ouvertures-ren",
        EventBusName=bus,
        EventPattern=json.dumps({"source": ["billma"], "detail-type": ["REN opening"]}),
    )
    events.put_targets(Rule="ouvertures-ren", EventBusName=bus, Targets=[{"Id": "reseau", "Arn": arn}])
    return url


def received(url: str) -> list[dict[str, object]]:
    sqs = boto3.client("sqs")
    bodies = []
    while messages := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", []):
        for message in messages:
            bodies.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return bodies


def test_a_ren_opening_survives_an_eventbridge_outage(
    call_api: ApiCall, fresh_aws: CreatedResources, bus_missing: None
) -> None:
    dossier_id = run_full_flow(call_api, fresh_aws)
    status, view = call_api("review_api", "GET", f"/dossiers/{dossier_id}")
    assert status == 200 and view["dossier"]["state"] == "CLOSED"  # the closure stands

    repository = DossierRepository(boto3.client("dynamodb"), fresh_aws.tables["DossierTable"])
    event_id = f"{dossier_id}:ren-opening"
    poller = outbox_poller(fresh_aws)
    drain(poller)
    waiting = repository.outbox_event(dossier_id, event_id)
    assert waiting is not None and waiting.published_at is None  # kept for the next attempt
    drain(poller)  # still failing: still kept
    assert repository.outbox_event(dossier_id, event_id).published_at is None  # type: ignore[union-attr]

    queue = network_queue(OUTAGE_BUS)  # EventBridge answers again
    drain(poller)
    published = repository.outbox_event(dossier_id, event_id)
    assert published is not None and published.published_at is not None
    (delivered,) = received(queue)
    assert delivered["detail-type"] == "REN opening"
    assert delivered["detail"]["event_id"] == event_id  # type: ignore[index]
    assert delivered["detail"]["origin"] == "REN SUITE BILLMA"  # type: ignore[index]

    # The whole stream read again (a restart): the published event is not sent twice.
    drain(outbox_poller(fresh_aws))
    assert received(queue) == []
