"""The local moto's DynamoDB transactions (billma_cli.local.moto_server): a refused transaction
leaves every item it named as it was (moto's rollback, made per item instead of per table), and
an accepted one writes all of them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

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
