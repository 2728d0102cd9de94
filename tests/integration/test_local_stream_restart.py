"""A table's stream survives a restart of the local stack: a record its consumer had not taken
when the stack stopped (an outbox event not yet relayed) is delivered after the restart, and a
record it had taken is not delivered again.

A throwaway template (a table with a ``KEYS_ONLY`` stream, one function reading it) and handler
under ``tmp_path``; the handler refuses every batch while a ``hold`` file exists, as the outbox
relay does while EventBridge refuses its events (and leaves a ``refused`` file saying it did)."""

from __future__ import annotations

import json
import textwrap
import time
import uuid
from pathlib import Path

import boto3
import pytest
from moto.dynamodb.models import dynamodb_backends

from billma_cli.local.stack import LocalStack, LocalStackOptions
from tests.integration.conftest import wait_for

REGION = "eu-west-3"

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.13
    Timeout: 10
    MemorySize: 128
    Environment:
      Variables:
        RESULTS_DIR: {results}
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - {{AttributeName: PK, AttributeType: S}}
        - {{AttributeName: SK, AttributeType: S}}
      KeySchema:
        - {{AttributeName: PK, KeyType: HASH}}
        - {{AttributeName: SK, KeyType: RANGE}}
      StreamSpecification: {{StreamViewType: KEYS_ONLY}}
  RelayFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: fns/relay/
      Handler: app.lambda_handler
      Events:
        Stream:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Table.StreamArn
            StartingPosition: TRIM_HORIZON
            BatchSize: 10
"""

HANDLER = """\
import json, os, pathlib, uuid

def lambda_handler(event, context):
    results = pathlib.Path(os.environ["RESULTS_DIR"])
    if (results / "hold").exists():
        (results / "refused").touch()
        raise RuntimeError("the bus refuses events for now")
    for record in event["Records"]:
        keys = record["dynamodb"]["Keys"]
        line = {"event": record["eventName"], "sk": keys["SK"]["S"]}
        # written aside then renamed: the test polling the folder never reads half a file
        written = results / f"{uuid.uuid4().hex}.part"
        written.write_text(json.dumps(line))
        written.rename(written.with_suffix(".json"))
    return {}
"""


def _delivered(results: Path) -> list[dict[str, str]]:
    return [json.loads(path.read_text()) for path in results.glob("*.json")]


@pytest.mark.slow
def test_a_record_not_taken_before_a_stop_is_delivered_after_the_restart(tmp_path: Path) -> None:
    results = tmp_path / "results"
    results.mkdir()
    (tmp_path / "template.yaml").write_text(TEMPLATE.format(results=results))
    (tmp_path / "fns" / "relay").mkdir(parents=True)
    (tmp_path / "fns" / "relay" / "app.py").write_text(textwrap.dedent(HANDLER))
    options = LocalStackOptions(
        template_path=tmp_path / "template.yaml",
        port=0,
        stack_name=f"streams-{uuid.uuid4().hex[:8]}",  # moto's backends are shared by the process
        retry_delay_seconds=0.1,
        data_dir=tmp_path / "data",
    )

    with LocalStack(options) as stack:
        table = stack.resources.tables["Table"]
        dynamodb = boto3.Session(region_name=REGION).client("dynamodb", endpoint_url=stack.moto_url)
        dynamodb.put_item(TableName=table, Item={"PK": {"S": "D#1"}, "SK": {"S": "OUTBOX#taken"}})
        wait_for(lambda: _delivered(results) == [{"event": "INSERT", "sk": "OUTBOX#taken"}])
        (results / "hold").touch()
        dynamodb.put_item(TableName=table, Item={"PK": {"S": "D#1"}, "SK": {"S": "OUTBOX#waiting"}})
        wait_for((results / "refused").exists)  # the handler refuses it at least once before the stop
    assert _delivered(results) == [{"event": "INSERT", "sk": "OUTBOX#taken"}]
    # A restart is a new process: moto's backends (one per process) start without the table.
    assert stack.names is not None
    dynamodb_backends[stack.names.account_id][REGION].delete_table(table)

    (results / "hold").unlink()
    with LocalStack(options):
        wait_for(lambda: len(_delivered(results)) >= 2)
        time.sleep(1)  # what else the stream would deliver
    assert sorted(line["sk"] for line in _delivered(results)) == ["OUTBOX#taken", "OUTBOX#waiting"]
    assert all(line["event"] == "INSERT" for line in _delivered(results))
