"""template.yaml: cfn-lint clean, translatable by SAM, and secure by construction (encryption,
no public access, TLS only, least-privilege policies, every route behind the authorizer but the
documentation, partial batch failures and a dead-letter queue for the robot)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from billma_cli.local.template import LocalNames, Resolver, Stack, load_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "template.yaml"

# Routes the authorizer does not guard: the API's own documentation.
OPEN_ROUTES = {("GET", "/openapi.json"), ("GET", "/docs"), ("GET", "/labels")}
# The only action allowed on every resource: Textract has no resource-level permissions.
WILDCARD_RESOURCE_ACTIONS = {"textract:DetectDocumentText"}
# Managed policies SAM attaches by itself (logs, X-Ray with Tracing: Active, SQS polling).
SAM_MANAGED_POLICIES = {
    "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
    "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
    "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole",
}


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template(TEMPLATE)


@pytest.fixture(scope="module")
def resolver(template: dict[str, Any]) -> Resolver:
    return Resolver(template, LocalNames(web_origin="http://127.0.0.1:8000"))


def _of_type(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {name: resource for name, resource in template["Resources"].items() if resource["Type"] == kind}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# ------------------------------------------------------------------ tools


def test_cfn_lint_reports_nothing() -> None:
    from cfnlint.api import lint_file

    matches = lint_file(TEMPLATE)
    assert [str(match) for match in matches] == []


class _NoManagedPolicies:
    """``ManagedPolicyLoader`` without IAM: the template names no managed policy by name."""

    def load(self) -> dict[str, str]:
        return {}


@pytest.fixture(scope="module")
def translated(template: dict[str, Any]) -> dict[str, Any]:
    """The CloudFormation SAM produces, code locations replaced by S3 URIs as ``sam package`` does."""
    from samtranslator.translator.transform import transform

    packaged = copy.deepcopy(template)
    for resource in packaged["Resources"].values():
        properties = resource.get("Properties") or {}
        for key in ("CodeUri", "ContentUri"):
            if isinstance(properties.get(key), str):
                properties[key] = "s3://billma-artifacts/code.zip"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_DEFAULT_REGION", "eu-west-3")
        result: dict[str, Any] = transform(packaged, {}, _NoManagedPolicies())
    return result


def test_sam_translates_the_template(translated: dict[str, Any]) -> None:
    kinds = [resource["Type"] for resource in translated["Resources"].values()]
    assert kinds.count("AWS::Lambda::Function") == 5
    assert kinds.count("AWS::Lambda::LayerVersion") == 1
    assert kinds.count("AWS::ApiGateway::RestApi") == 1
    mappings = _of_type(translated, "AWS::Lambda::EventSourceMapping")
    assert len(mappings) == 3
    for mapping in mappings.values():
        assert mapping["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    for function in _of_type(translated, "AWS::Lambda::Function").values():
        assert function["Properties"]["Runtime"] == "python3.13"
        assert function["Properties"]["Architectures"] == ["arm64"]


def test_translated_api_guards_every_route_but_the_documentation(translated: dict[str, Any]) -> None:
    (api,) = _of_type(translated, "AWS::ApiGateway::RestApi").values()
    body = api["Properties"]["Body"]
    authorizer = body["securityDefinitions"]["CognitoAuthorizer"]
    assert authorizer["x-amazon-apigateway-authorizer"]["type"] == "cognito_user_pools"
    seen = set()
    for path, methods in body["paths"].items():
        for method, operation in methods.items():
            if method == "options":
                continue
            seen.add((method.upper(), path))
            security = operation.get("security") or []
            guarded = any("CognitoAuthorizer" in item for item in security)
            assert guarded == ((method.upper(), path) not in OPEN_ROUTES), (method, path)
    assert seen >= OPEN_ROUTES
    # The authorizer's 401 is readable by the page (CORS) and shaped like the API's errors.
    unauthorized = body["x-amazon-apigateway-gateway-responses"]["UNAUTHORIZED"]
    assert "gatewayresponse.header.Access-Control-Allow-Origin" in unauthorized["responseParameters"]
    assert json.loads(unauthorized["responseTemplates"]["application/json"])["error"] == "unauthenticated"


def test_translated_roles_are_least_privilege(translated: dict[str, Any]) -> None:
    roles = _of_type(translated, "AWS::IAM::Role")
    assert roles
    for name, role in roles.items():
        managed = set(role["Properties"].get("ManagedPolicyArns") or [])
        assert managed <= SAM_MANAGED_POLICIES, name
        assert not any("FullAccess" in arn for arn in managed), name


# ------------------------------------------------------------------ security of the resources


def test_buckets_are_encrypted_and_never_public(template: dict[str, Any]) -> None:
    buckets = _of_type(template, "AWS::S3::Bucket")
    assert set(buckets) >= {"QuotesBucket", "WebBucket"}
    for name, bucket in buckets.items():
        properties = bucket["Properties"]
        rules = properties["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        assert rules[0]["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in ("AES256", "aws:kms"), name
        block = properties["PublicAccessBlockConfiguration"]
        assert block == {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True,
        }, name
        assert properties["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}], name


def test_quotes_bucket_refuses_plain_http(template: dict[str, Any], resolver: Resolver) -> None:
    policies = [
        resolver.properties(name)
        for name, policy in _of_type(template, "AWS::S3::BucketPolicy").items()
        if policy["Properties"]["Bucket"] == {"Ref": "QuotesBucket"}
    ]
    assert len(policies) == 1
    bucket_arn = resolver.get_att("QuotesBucket", "Arn")
    statements = policies[0]["PolicyDocument"]["Statement"]
    tls_only = [
        statement
        for statement in statements
        if statement["Effect"] == "Deny"
        and statement.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") in ("false", False)
    ]
    assert tls_only, "no Deny on aws:SecureTransport=false"
    statement = tls_only[0]
    assert statement["Principal"] == "*"
    assert statement["Action"] in ("s3:*", ["s3:*"])
    assert set(_as_list(statement["Resource"])) == {bucket_arn, f"{bucket_arn}/*"}


def test_quotes_bucket_notifies_the_robot_queue(template: dict[str, Any]) -> None:
    notification = template["Resources"]["QuotesBucket"]["Properties"]["NotificationConfiguration"]
    (queue,) = notification["QueueConfigurations"]
    assert queue["Event"] == "s3:ObjectCreated:*"
    assert queue["Queue"] == {"Fn::GetAtt": ["RobotQueue", "Arn"]}


def test_table_is_encrypted_recoverable_and_on_demand(template: dict[str, Any]) -> None:
    (table,) = _of_type(template, "AWS::DynamoDB::Table").values()
    properties = table["Properties"]
    assert properties["SSESpecification"]["SSEEnabled"] is True
    assert properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert properties["BillingMode"] == "PAY_PER_REQUEST"
    assert table["DeletionPolicy"] == "Retain"
    assert {index["IndexName"] for index in properties["GlobalSecondaryIndexes"]} == {"GSI1", "GSI2", "GSI3", "GSI4"}


def test_robot_queue_redrives_to_a_dead_letter_queue(template: dict[str, Any]) -> None:
    queues = _of_type(template, "AWS::SQS::Queue")
    robot_queue = queues["RobotQueue"]["Properties"]
    redrive = robot_queue["RedrivePolicy"]
    target = redrive["deadLetterTargetArn"]["Fn::GetAtt"][0]
    assert target in queues and target != "RobotQueue"
    assert 1 <= int(redrive["maxReceiveCount"]) <= 10
    robot_timeout = template["Resources"]["RobotFunction"]["Properties"]["Timeout"]
    assert int(robot_queue["VisibilityTimeout"]) >= 6 * int(robot_timeout)  # Lambda's SQS guidance
    for properties in (queue["Properties"] for queue in queues.values()):
        assert properties.get("SqsManagedSseEnabled") is True or "KmsMasterKeyId" in properties


def _policy_statements(stack: Stack, function_id: str) -> list[dict[str, Any]]:
    policies = stack.function_properties(function_id).get("Policies") or []
    statements: list[dict[str, Any]] = []
    for policy in _as_list(policies):
        assert isinstance(policy, dict), f"{function_id}: named or managed policy {policy!r}"
        assert "Statement" in policy, f"{function_id}: SAM policy template {policy!r}, inline statements expected"
        statements += _as_list(stack.resolver.resolve(policy["Statement"]))
    return statements


def test_function_policies_are_least_privilege(template: dict[str, Any]) -> None:
    stack = Stack(template, LocalNames(web_origin="http://127.0.0.1:8000"), ROOT)
    functions = [name for name, _ in stack.resolver.resources_of_type("AWS::Serverless::Function")]
    assert len(functions) == 5
    for function_id in functions:
        statements = _policy_statements(stack, function_id)
        assert statements, f"{function_id} has no policy"
        for statement in statements:
            assert statement["Effect"] == "Allow", function_id
            assert "NotAction" not in statement and "NotResource" not in statement, function_id
            actions = _as_list(statement["Action"])
            resources = _as_list(statement["Resource"])
            for action in actions:
                assert "*" not in action, f"{function_id}: wildcard action {action}"
            for resource in resources:
                if resource == "*":
                    assert set(actions) <= WILDCARD_RESOURCE_ACTIONS, f"{function_id}: {actions} on *"
                    continue
                assert resource.startswith("arn:aws:"), f"{function_id}: {resource}"
                service_resource = resource.split(":", 5)[5]
                assert service_resource not in ("*", "*/*"), f"{function_id}: {resource}"
                if ":s3:::" in resource:  # objects under a prefix of our bucket, never the whole of S3
                    assert resource.startswith("arn:aws:s3:::billma-local-quotes-123456789012/"), resource
        # Writes to S3 only under uploads/ (the presigned POST), nothing may delete.
        every_action = {action for statement in statements for action in _as_list(statement["Action"])}
        assert not any(action.endswith(("DeleteItem", "DeleteObject", "DeleteTable")) for action in every_action)


def test_every_api_route_has_the_authorizer_but_the_documentation(template: dict[str, Any]) -> None:
    stack = Stack(template, LocalNames(web_origin="http://127.0.0.1:8000"), ROOT)
    api = template["Resources"]["BillmaApi"]["Properties"]
    assert api["Auth"]["DefaultAuthorizer"] == "CognitoAuthorizer"
    assert "UserPoolArn" in api["Auth"]["Authorizers"]["CognitoAuthorizer"]
    routes = stack.routes()
    assert len(routes) >= 10
    for route in routes:
        expected = None if (route.method, route.path) in OPEN_ROUTES else "CognitoAuthorizer"
        assert route.authorizer == expected, (route.method, route.path)


def test_robot_sqs_events_report_batch_item_failures(template: dict[str, Any]) -> None:
    stack = Stack(template, LocalNames(web_origin="http://127.0.0.1:8000"), ROOT)
    sources = stack.function("RobotFunction").sqs_sources
    assert {source.queue_id for source in sources} == {"RobotQueue", "RobotDeadLetterQueue"}
    assert all(source.report_batch_item_failures for source in sources)
    assert all(source.batch_size <= 10 for source in sources)


def test_outbox_events_are_read_from_the_table_stream_until_published(template: dict[str, Any]) -> None:
    table = template["Resources"]["DossierTable"]["Properties"]
    assert table["StreamSpecification"]["StreamViewType"] == "KEYS_ONLY"
    outbox = template["Resources"]["OutboxFunction"]["Properties"]["Events"]["Outbox"]
    assert outbox["Type"] == "DynamoDB"
    properties = outbox["Properties"]
    assert properties["MaximumRetryAttempts"] == -1  # retried while the record is in the stream
    assert properties["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    destination = properties["DestinationConfig"]["OnFailure"]["Destination"]
    assert destination == {"Fn::GetAtt": ["OutboxDeadLetterQueue", "Arn"]}
    pattern = json.loads(properties["FilterCriteria"]["Filters"][0]["Pattern"])
    assert pattern["dynamodb"]["Keys"]["SK"]["S"] == [{"prefix": "OUTBOX#"}]
    # Only the outbox function publishes events: the closure no longer does.
    close_statements = template["Resources"]["CloseFunction"]["Properties"]["Policies"][0]["Statement"]
    assert not any("events:PutEvents" in _as_list(statement["Action"]) for statement in close_statements)


def test_user_pool_has_the_three_groups(template: dict[str, Any]) -> None:
    groups = {group["Properties"]["GroupName"] for group in _of_type(template, "AWS::Cognito::UserPoolGroup").values()}
    assert groups == {"portal", "reviewer", "insurer"}
