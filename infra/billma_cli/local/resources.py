"""Create on moto the resources ``template.yaml`` declares: S3 buckets, SQS queues, DynamoDB tables,
EventBridge buses. Properties come from the template (resolved by :class:`Resolver`), never from a
copy here; what only the cloud needs (IAM, Cognito, CloudFront, bucket policies) is left out.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import boto3

from billma_cli.local.template import Resolver

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_events import EventBridgeClient
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_sqs import SQSClient

__all__ = ["CreatedResources", "create_resources", "put_bucket_notifications"]

log = logging.getLogger(__name__)

# CloudFormation property -> SQS attribute (values are sent as strings).
_QUEUE_ATTRIBUTES = (
    "DelaySeconds",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "ReceiveMessageWaitTimeSeconds",
    "VisibilityTimeout",
    "FifoQueue",
    "ContentBasedDeduplication",
    "SqsManagedSseEnabled",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "DeduplicationScope",
    "FifoThroughputLimit",
)


@dataclass
class CreatedResources:
    """Physical names by logical id, for the banner and the tests."""

    buckets: dict[str, str] = field(default_factory=dict)
    queues: dict[str, str] = field(default_factory=dict)  # logical id -> queue URL
    tables: dict[str, str] = field(default_factory=dict)
    event_buses: dict[str, str] = field(default_factory=dict)


def create_resources(
    resolver: Resolver, endpoint_url: str, session: boto3.Session | None = None, notifications: bool = True
) -> CreatedResources:
    """Create every S3/SQS/DynamoDB/EventBridge resource of the template on ``endpoint_url``.

    Queues come first (buckets notify them, queues redrive to each other), buckets last. With
    ``notifications`` False, the buckets notify nobody until :func:`put_bucket_notifications`
    (objects restored from a snapshot must not look like new uploads).
    """
    session = session or boto3.Session(region_name=resolver.names.region)
    created = CreatedResources()
    sqs: SQSClient = session.client("sqs", endpoint_url=endpoint_url)
    _create_queues(resolver, sqs, created)
    dynamodb: DynamoDBClient = session.client("dynamodb", endpoint_url=endpoint_url)
    for logical_id, _ in resolver.resources_of_type("AWS::DynamoDB::Table"):
        created.tables[logical_id] = _create_table(resolver, dynamodb, logical_id)
    events: EventBridgeClient = session.client("events", endpoint_url=endpoint_url)
    for logical_id, _ in resolver.resources_of_type("AWS::Events::EventBus"):
        name = resolver.physical_name(logical_id)
        if name != "default":
            events.create_event_bus(Name=name)
        created.event_buses[logical_id] = name
    for logical_id, _ in resolver.resources_of_type("AWS::Events::Rule"):
        _create_rule(resolver, events, logical_id)
    s3: S3Client = session.client("s3", endpoint_url=endpoint_url)
    for logical_id, _ in resolver.resources_of_type("AWS::S3::Bucket"):
        created.buckets[logical_id] = _create_bucket(resolver, s3, logical_id)
    if notifications:
        put_bucket_notifications(resolver, endpoint_url, session)
    return created


def _create_rule(resolver: Resolver, events: EventBridgeClient, logical_id: str) -> None:
    """A rule and its targets: moto delivers a matching event to an SQS target, so what a function
    publishes (a REN opening) reaches the queue it reaches in the cloud (the repair network's)."""
    properties = resolver.properties(logical_id)
    name = resolver.physical_name(logical_id)
    bus = str(properties.get("EventBusName", "default"))
    rule: dict[str, Any] = {"Name": name, "EventBusName": bus, "State": str(properties.get("State", "ENABLED"))}
    if "EventPattern" in properties:
        pattern = properties["EventPattern"]
        rule["EventPattern"] = pattern if isinstance(pattern, str) else json.dumps(pattern)
    if "ScheduleExpression" in properties:
        rule["ScheduleExpression"] = str(properties["ScheduleExpression"])
    events.put_rule(**rule)
    targets = [{"Id": str(target["Id"]), "Arn": str(target["Arn"])} for target in properties.get("Targets", [])]
    if targets:
        events.put_targets(Rule=name, EventBusName=bus, Targets=targets)  # type: ignore[arg-type]


def put_bucket_notifications(resolver: Resolver, endpoint_url: str, session: boto3.Session | None = None) -> None:
    """The template's ``NotificationConfiguration`` of every bucket."""
    session = session or boto3.Session(region_name=resolver.names.region)
    s3: S3Client = session.client("s3", endpoint_url=endpoint_url)
    for logical_id, _ in resolver.resources_of_type("AWS::S3::Bucket"):
        configuration = resolver.properties(logical_id).get("NotificationConfiguration")
        if configuration:
            _put_notifications(s3, resolver.physical_name(logical_id), configuration)


def _create_queues(resolver: Resolver, sqs: SQSClient, created: CreatedResources) -> None:
    redrives: dict[str, Any] = {}
    for logical_id, _ in resolver.resources_of_type("AWS::SQS::Queue"):
        properties = resolver.properties(logical_id)
        attributes: dict[Any, str] = {
            key: _attribute_string(properties[key]) for key in _QUEUE_ATTRIBUTES if key in properties
        }
        url = sqs.create_queue(QueueName=resolver.physical_name(logical_id), Attributes=attributes)["QueueUrl"]
        created.queues[logical_id] = url
        if "RedrivePolicy" in properties:
            redrives[url] = properties["RedrivePolicy"]
    # Redrive policies last: moto checks that the dead-letter queue exists.
    for url, policy in redrives.items():
        text = policy if isinstance(policy, str) else json.dumps(policy)
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"RedrivePolicy": text})


def _create_table(resolver: Resolver, dynamodb: DynamoDBClient, logical_id: str) -> str:
    properties = resolver.properties(logical_id)
    name = resolver.physical_name(logical_id)
    request: dict[str, Any] = {
        "TableName": name,
        "AttributeDefinitions": properties["AttributeDefinitions"],
        "KeySchema": properties["KeySchema"],
        "BillingMode": properties.get("BillingMode", "PROVISIONED"),
    }
    for key in (
        "GlobalSecondaryIndexes",
        "LocalSecondaryIndexes",
        "ProvisionedThroughput",
        "StreamSpecification",
        "SSESpecification",
        "DeletionProtectionEnabled",
        "TableClass",
    ):
        if key in properties:
            request[key] = properties[key]
    if "SSESpecification" in request:  # CloudFormation says SSEEnabled where the API says Enabled
        sse = dict(request["SSESpecification"])
        request["SSESpecification"] = {"Enabled": sse.pop("SSEEnabled", False) in (True, "true"), **sse}
    if "GlobalSecondaryIndexes" in request:  # CloudFormation-only keys
        request["GlobalSecondaryIndexes"] = [
            {key: value for key, value in index.items() if key != "ContributorInsightsSpecification"}
            for index in request["GlobalSecondaryIndexes"]
        ]
    if "StreamSpecification" in request:
        request["StreamSpecification"] = {"StreamEnabled": True, **request["StreamSpecification"]}
    dynamodb.create_table(**request)
    pitr = (properties.get("PointInTimeRecoverySpecification") or {}).get("PointInTimeRecoveryEnabled")
    if pitr in (True, "true"):
        dynamodb.update_continuous_backups(
            TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
        )
    ttl = properties.get("TimeToLiveSpecification")
    if ttl and ttl.get("Enabled") in (True, "true"):
        dynamodb.update_time_to_live(
            TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl["AttributeName"]}
        )
    return name


def _create_bucket(resolver: Resolver, s3: S3Client, logical_id: str) -> str:
    properties = resolver.properties(logical_id)
    name = resolver.physical_name(logical_id)
    region = resolver.names.region
    if region == "us-east-1":
        s3.create_bucket(Bucket=name)
    else:
        s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})  # type: ignore[typeddict-item]
    if "BucketEncryption" in properties:
        # CloudFormation's ServerSideEncryptionByDefault is the API's ApplyServerSideEncryptionByDefault.
        rules: Any = [
            {("Apply" + key if key == "ServerSideEncryptionByDefault" else key): value for key, value in rule.items()}
            for rule in properties["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        ]
        s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": rules})
    if "PublicAccessBlockConfiguration" in properties:
        s3.put_public_access_block(
            Bucket=name, PublicAccessBlockConfiguration=properties["PublicAccessBlockConfiguration"]
        )
    if "OwnershipControls" in properties:
        s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls=properties["OwnershipControls"])
    if "VersioningConfiguration" in properties:
        s3.put_bucket_versioning(
            Bucket=name, VersioningConfiguration={"Status": properties["VersioningConfiguration"]["Status"]}
        )
    if "CorsConfiguration" in properties:
        s3.put_bucket_cors(
            Bucket=name,
            CORSConfiguration={
                "CORSRules": [_cors_rule(rule) for rule in properties["CorsConfiguration"]["CorsRules"]]
            },
        )
    # Bucket policies (TLS only, CloudFront access) are not applied: moto serves plain HTTP and does
    # not authorise requests, so they would either do nothing or refuse everything.
    return name


def _cors_rule(rule: Mapping[str, Any]) -> Any:
    renamed = {"MaxAge": "MaxAgeSeconds", "Id": "ID"}
    return {renamed.get(key, key): value for key, value in rule.items()}


def _put_notifications(s3: S3Client, bucket: str, configuration: Mapping[str, Any]) -> None:
    queues = []
    for item in configuration.get("QueueConfigurations") or ():
        entry: dict[str, Any] = {"QueueArn": item["Queue"], "Events": [item["Event"]]}
        rules = ((item.get("Filter") or {}).get("S3Key") or {}).get("Rules")
        if rules:
            entry["Filter"] = {"Key": {"FilterRules": rules}}
        queues.append(entry)
    for ignored in ("LambdaConfigurations", "TopicConfigurations"):
        if configuration.get(ignored):
            log.warning("%s de %s ignorées localement", ignored, bucket)
    request: Any = {"QueueConfigurations": queues} if queues else {}
    if configuration.get("EventBridgeConfiguration"):
        request["EventBridgeConfiguration"] = {}
    if request:
        # Like S3, moto then sends an "s3:TestEvent" message to each queue: consumers must skip it.
        s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration=request)


def _attribute_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return json.dumps(value)
    return str(value)
