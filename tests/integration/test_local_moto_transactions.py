"""The local moto's DynamoDB transactions (billma_cli.local.moto_server): a refused transaction
leaves every item it named as it was (moto's rollback, made per item instead of per table), and
an accepted one writes all of them; SQS retention read from the queue itself."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.sqs.models import sqs_backends

from billma_cli.local.moto_server import start_moto


@pytest.fixture(scope="module")
def dynamodb() -> Iterator[Any]:
    server = start_moto()
    host, port = server.get_host_and_port()
    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="eu-west-3")
    yield session.client("dynamodb", endpoint_url=f"http://{host}:{port}")
    server.stop()


def test_a_refused_transaction_changes_no_item(dynamodb: Any) -> None:
    client = dynamodb
    table = f"tx-{uuid.uuid4().hex[:8]}"
    client.create_table(
        TableName=table,
        AttributeDefinitions=[{"AttributeName": name, "AttributeType": "S"} for name in ("pk", "sk")],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        BillingMode="PAY_PER_REQUEST",
    )
    for sk, version in (("A", "1"), ("B", "1")):
        client.put_item(TableName=table, Item={"pk": {"S": "d"}, "sk": {"S": sk}, "v": {"N": version}})

    def transaction(expected_b: str) -> dict[str, object]:
        return {
            "TransactItems": [
                {"Put": {"TableName": table, "Item": {"pk": {"S": "d"}, "sk": {"S": "A"}, "v": {"N": "2"}}}},
                {"Put": {"TableName": table, "Item": {"pk": {"S": "d"}, "sk": {"S": "NEW"}, "v": {"N": "1"}}}},
                {
                    "Update": {
                        "TableName": table,
                        "Key": {"pk": {"S": "d"}, "sk": {"S": "B"}},
                        "UpdateExpression": "SET v = :new",
                        "ConditionExpression": "v = :expected",
                        "ExpressionAttributeValues": {":new": {"N": "2"}, ":expected": {"N": expected_b}},
                    }
                },
            ]
        }

    def items() -> dict[str, str]:
        found = client.query(
            TableName=table, KeyConditionExpression="pk = :d", ExpressionAttributeValues={":d": {"S": "d"}}
        )["Items"]
        return {item["sk"]["S"]: item["v"]["N"] for item in found}

    with pytest.raises(ClientError, match="TransactionCanceled"):
        client.transact_write_items(**transaction(expected_b="7"))
    assert items() == {"A": "1", "B": "1"}  # A not overwritten, NEW not created, B not updated

    client.transact_write_items(**transaction(expected_b="1"))
    assert items() == {"A": "2", "B": "2", "NEW": "1"}


def test_index_queries_see_every_write(dynamodb: Any) -> None:
    """Queries on a secondary index (served from a sorted list the local moto keeps up to date)
    see items put, overwritten, updated, deleted and rolled back, in index order."""
    client = dynamodb
    table = f"gsi-{uuid.uuid4().hex[:8]}"
    client.create_table(
        TableName=table,
        AttributeDefinitions=[{"AttributeName": name, "AttributeType": "S"} for name in ("pk", "sk", "state", "at")],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "byState",
                "KeySchema": [
                    {"AttributeName": "state", "KeyType": "HASH"},
                    {"AttributeName": "at", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )

    def put(pk: str, state: str, at: str) -> None:
        item = {"pk": {"S": pk}, "sk": {"S": "D"}, "state": {"S": state}, "at": {"S": at}}
        client.put_item(TableName=table, Item=item)

    def waiting() -> list[str]:
        found = client.query(
            TableName=table,
            IndexName="byState",
            KeyConditionExpression="#s = :s",
            ExpressionAttributeNames={"#s": "state"},
            ExpressionAttributeValues={":s": {"S": "WAIT"}},
        )["Items"]
        return [item["pk"]["S"] for item in found]

    for n in (5, 1, 9, 3, 7):
        put(f"d{n}", "WAIT", f"2026-01-0{n}")
    assert waiting() == ["d1", "d3", "d5", "d7", "d9"]
    put("d0", "WAIT", "2026-01-00")  # a new item once the sorted list exists
    put("d5", "DONE", "2026-01-05")  # the same key written again
    client.delete_item(TableName=table, Key={"pk": {"S": "d3"}, "sk": {"S": "D"}})
    client.update_item(
        TableName=table,
        Key={"pk": {"S": "d9"}, "sk": {"S": "D"}},
        UpdateExpression="SET #s = :s",
        ExpressionAttributeNames={"#s": "state"},
        ExpressionAttributeValues={":s": {"S": "DONE"}},
    )
    client.update_item(  # an update creating an item
        TableName=table,
        Key={"pk": {"S": "d2"}, "sk": {"S": "D"}},
        UpdateExpression="SET #s = :s, #a = :a",
        ExpressionAttributeNames={"#s": "state", "#a": "at"},
        ExpressionAttributeValues={":s": {"S": "WAIT"}, ":a": {"S": "2026-01-02"}},
    )
    with pytest.raises(ClientError, match="TransactionCanceled"):
        client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table, "Item": {"pk": {"S": "d4"}, "sk": {"S": "D"}, "state": {"S": "WAIT"},
                                                      "at": {"S": "2026-01-04"}}}},
                {"ConditionCheck": {"TableName": table, "Key": {"pk": {"S": "d1"}, "sk": {"S": "D"}},
                                    "ConditionExpression": "attribute_not_exists(pk)"}},
            ]
        )  # fmt: skip
    assert waiting() == ["d0", "d1", "d2", "d7"]
    partition = client.query(
        TableName=table, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "d9"}}
    )["Items"]
    assert [(item["pk"]["S"], item["state"]["S"]) for item in partition] == [("d9", "DONE")]
    assert (
        client.query(TableName=table, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "d3"}})[
            "Items"
        ]
        == []
    )  # deleted


def test_a_message_is_received_only_within_its_queues_retention() -> None:
    server = start_moto()
    try:
        host, port = server.get_host_and_port()
        session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="eu-west-3")
        sqs = session.client("sqs", endpoint_url=f"http://{host}:{port}")
        url = sqs.create_queue(QueueName=f"kept-{uuid.uuid4().hex[:8]}", Attributes={"MessageRetentionPeriod": "60"})[
            "QueueUrl"
        ]
        for body in ("fresh", "stale"):
            sqs.send_message(QueueUrl=url, MessageBody=body)
        account, name = url.rstrip("/").rsplit("/", 2)[-2:]
        queue = sqs_backends[account]["eu-west-3"].queues[name]
        stale = next(message for message in queue._messages if message.body == "stale")
        stale.sent_timestamp -= 61_000  # type: ignore[operator,assignment]  # sent 61 s ago, retention 60 s
        received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        assert [message["Body"] for message in received] == ["fresh"]
    finally:
        server.stop()
