"""The local stack's parts: template resolution, resources on moto, the SQS pollers (partial batch
failure, redrive to the dead-letter queue), the API Gateway emulation (event shape, development
tokens, CORS, static files). Small throwaway handlers under ``tmp_path`` stand for the functions."""

from __future__ import annotations

import http.client
import json
import textwrap
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import boto3
import pytest
from moto.server import ThreadedMotoServer

from billma_cli.local.gateway import DEV_TOKENS, Gateway, HttpRequest, RouteTable, dev_claims
from billma_cli.local.resources import create_resources
from billma_cli.local.runtime import FunctionRuntime
from billma_cli.local.stack import LocalStack, LocalStackOptions, merged_environment
from billma_cli.local.template import (
    ApiRoute,
    FunctionSpec,
    LocalNames,
    Resolver,
    SqsEventSource,
    Stack,
    load_template,
)
from billma_cli.local.worker import SqsPoller
from tests.integration.conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "template.yaml"
REGION = "eu-west-3"


def _stack_name() -> str:
    # Every moto server of the process shares one backend: unique names keep tests apart.
    return f"parts-{uuid.uuid4().hex[:8]}"


# ------------------------------------------------------------------ template resolution


@pytest.fixture(scope="module")
def real_stack() -> Stack:
    return Stack.from_file(TEMPLATE, LocalNames(web_origin="http://127.0.0.1:8123", sqs_endpoint="http://moto:1"))


def test_short_tags_become_long_form() -> None:
    template = load_template(TEMPLATE)
    assert template["Resources"]["QuotesBucketPolicy"]["Properties"]["Bucket"] == {"Ref": "QuotesBucket"}
    queue = template["Resources"]["RobotQueue"]["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]
    assert queue == {"Fn::GetAtt": ["RobotDeadLetterQueue", "Arn"]}
    assert template["Conditions"]["HasBaremeKey"] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "BaremeS3Key"}, ""]}]}


def test_intrinsics_resolve_to_local_names(real_stack: Stack) -> None:
    resolver = real_stack.resolver
    assert resolver.physical_name("QuotesBucket") == "billma-local-quotes-123456789012"
    assert resolver.ref("RobotQueue") == "http://moto:1/123456789012/billma-local-RobotQueue"
    assert resolver.get_att("RobotDeadLetterQueue", "Arn") == (
        "arn:aws:sqs:eu-west-3:123456789012:billma-local-RobotDeadLetterQueue"
    )
    assert (
        resolver.get_att("DossierTable", "Arn")
        == "arn:aws:dynamodb:eu-west-3:123456789012:table/billma-local-DossierTable"
    )
    # CloudFront is not played: its domain is the local origin, without TLS.
    bucket = resolver.properties("QuotesBucket")
    assert bucket["CorsConfiguration"]["CorsRules"][0]["AllowedOrigins"] == ["http://127.0.0.1:8123"]
    assert resolver.condition("HasBaremeKey") is False
    with_key = Resolver(resolver.template, resolver.names, {"BaremeS3Key": "v2.json"})
    assert with_key.condition("HasBaremeKey") is True


def test_functions_environment_routes_and_event_sources(real_stack: Stack) -> None:
    functions = {function.logical_id: function for function in real_stack.functions()}
    assert set(functions) == {"UploadFunction", "RobotFunction", "ReviewApiFunction", "CloseFunction", "OutboxFunction"}
    robot = functions["RobotFunction"]
    assert robot.handler_file == ROOT / "functions" / "robot" / "app.py"
    assert robot.handler_name == "lambda_handler"
    assert (robot.timeout_seconds, robot.memory_mb) == (120, 2048)
    # Globals and the function's own variables, resolved.
    assert robot.environment["BILLMA_TABLE_NAME"] == "billma-local-DossierTable"
    assert robot.environment["BILLMA_QUOTES_BUCKET"] == "billma-local-quotes-123456789012"
    assert robot.environment["BILLMA_WEB_ORIGIN"] == "http://127.0.0.1:8123"
    assert robot.environment["BILLMA_OCR_ENGINE"] == "textract"  # the parameter's default...
    assert robot.environment["BILLMA_BAREME_S3_URI"] == ""
    merged = merged_environment(list(functions.values()), {"BILLMA_OCR_ENGINE": "tesseract"})
    assert merged["BILLMA_OCR_ENGINE"] == "tesseract"  # ...overridden locally
    assert merged["BILLMA_DEAD_LETTER_QUEUE_ARN"].endswith(":billma-local-RobotDeadLetterQueue")
    sources = {source.event_name: source for source in robot.sqs_sources}
    assert sources["Uploads"].queue_id == "RobotQueue"
    assert sources["Uploads"].batch_size == 10
    assert sources["Uploads"].batching_window_seconds == 2
    assert sources["Uploads"].report_batch_item_failures
    assert sources["DeadLetters"].queue_id == "RobotDeadLetterQueue"
    (outbox,) = functions["OutboxFunction"].stream_sources
    assert (outbox.table_id, outbox.starting_position, outbox.batch_size) == ("DossierTable", "TRIM_HORIZON", 10)
    assert outbox.report_batch_item_failures
    routes = {(route.method, route.path): route for route in real_stack.routes()}
    assert routes[("POST", "/dossiers")].function_id == "UploadFunction"
    assert routes[("GET", "/dossiers/{id}")].authorizer == "CognitoAuthorizer"
    assert routes[("GET", "/openapi.json")].authorizer is None
    api = real_stack.api("BillmaApi")
    assert api.stage_name == "v1"
    assert api.cors is not None and api.cors.allow_origin == "http://127.0.0.1:8123"
    assert api.authorize_cors_preflight is False
    unauthorized = api.gateway_response("UNAUTHORIZED", "DEFAULT_4XX")
    assert unauthorized.headers == {"Access-Control-Allow-Origin": "http://127.0.0.1:8123"}
    assert unauthorized.json_template is not None
    assert json.loads(unauthorized.json_template)["error"] == "unauthenticated"


def test_route_table_prefers_literal_segments() -> None:
    def route(path: str, method: str = "GET") -> ApiRoute:
        return ApiRoute("F", path, "Api", path, method, None)

    table = RouteTable([route("/a/{id}"), route("/a/mine"), route("/files/{path+}"), route("/a/{id}/b", "POST")])
    assert table.find("GET", "/a/mine") == (route("/a/mine"), {})
    assert table.find("GET", "/a/x%20y") == (route("/a/{id}"), {"id": "x y"})
    assert table.find("GET", "/files/x/y.pdf") == (route("/files/{path+}"), {"path": "x/y.pdf"})
    assert table.find("GET", "/a/1/b") is None
    assert table.find("POST", "/a/1/b") is not None


def test_dev_claims_look_like_cognito() -> None:
    names = LocalNames(web_origin="http://127.0.0.1:1")
    claims = dev_claims("dev-reviewer", names)
    assert claims["cognito:username"] == "dev-reviewer"
    assert claims["cognito:groups"] == "reviewer"
    assert claims["custom:insurer_code"] == "AZ"
    assert claims["sub"] == dev_claims("dev-reviewer", names)["sub"] != dev_claims("dev-portal", names)["sub"]
    uuid.UUID(claims["sub"])
    assert all(isinstance(value, str) for value in claims.values())
    assert set(DEV_TOKENS) == {"dev-portal", "dev-reviewer", "dev-insurer"}


# ------------------------------------------------------------------ resources on moto


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def _session() -> boto3.Session:
    return boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION)


def test_template_resources_created_on_moto(moto_endpoint: str) -> None:
    names = LocalNames(web_origin="http://127.0.0.1:8123", stack_name=_stack_name(), sqs_endpoint=moto_endpoint)
    resolver = Resolver(load_template(TEMPLATE), names)
    session = _session()
    created = create_resources(resolver, moto_endpoint, session)

    s3 = session.client("s3", endpoint_url=moto_endpoint)
    bucket = created.buckets["QuotesBucket"]
    assert bucket == f"{names.stack_name}-quotes-123456789012"
    rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    assert rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert all(s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"].values())
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    assert s3.get_bucket_cors(Bucket=bucket)["CORSRules"][0]["AllowedOrigins"] == ["http://127.0.0.1:8123"]
    notification = s3.get_bucket_notification_configuration(Bucket=bucket)["QueueConfigurations"][0]
    assert notification["QueueArn"] == resolver.get_att("RobotQueue", "Arn")
    assert notification["Filter"]["Key"]["FilterRules"][0]["Value"] == "uploads/"

    sqs = session.client("sqs", endpoint_url=moto_endpoint)
    attributes = sqs.get_queue_attributes(QueueUrl=created.queues["RobotQueue"], AttributeNames=["All"])["Attributes"]
    assert attributes["VisibilityTimeout"] == "720"
    redrive = json.loads(attributes["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"] == resolver.get_att("RobotDeadLetterQueue", "Arn")
    assert int(redrive["maxReceiveCount"]) == 3

    dynamodb = session.client("dynamodb", endpoint_url=moto_endpoint)
    table = dynamodb.describe_table(TableName=created.tables["DossierTable"])["Table"]
    assert table["KeySchema"] == [
        {"AttributeName": "PK", "KeyType": "HASH"},
        {"AttributeName": "SK", "KeyType": "RANGE"},
    ]
    assert {index["IndexName"] for index in table["GlobalSecondaryIndexes"]} == {"GSI1", "GSI2", "GSI3", "GSI4"}
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    backups = dynamodb.describe_continuous_backups(TableName=created.tables["DossierTable"])
    assert (
        backups["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]
        == "ENABLED"
    )

    events = session.client("events", endpoint_url=moto_endpoint)
    assert events.describe_event_bus(Name=created.event_buses["BillmaEventBus"])["Name"] == f"{names.stack_name}-events"
    # EventBridge -> SQS: the template's rule sends REN openings, and only them, to the network's queue.
    for detail_type in ("REN opening", "something else"):
        entry = {"Source": "billma", "DetailType": detail_type, "Detail": json.dumps({"event_id": detail_type})}
        events.put_events(Entries=[{**entry, "EventBusName": created.event_buses["BillmaEventBus"]}])
    network = sqs.receive_message(QueueUrl=created.queues["RenOpeningQueue"], MaxNumberOfMessages=10)
    assert [json.loads(message["Body"])["detail"]["event_id"] for message in network["Messages"]] == ["REN opening"]

    # S3 -> SQS: moto delivers the ObjectCreated notification (after S3's test event).
    s3.put_object(Bucket=bucket, Key="uploads/d1/doc", Body=b"%PDF-1.4")
    s3.put_object(Bucket=bucket, Key="elsewhere/doc", Body=b"x")
    bodies = []
    for _ in range(2):  # S3 delivers during put_object: everything is there already
        received = sqs.receive_message(QueueUrl=created.queues["RobotQueue"], MaxNumberOfMessages=10)
        bodies += [json.loads(message["Body"]) for message in received.get("Messages", [])]
    assert {body.get("Event") for body in bodies} >= {"s3:TestEvent"}
    keys = [unquote_plus(record["s3"]["object"]["key"]) for body in bodies for record in body.get("Records", [])]
    assert keys == ["uploads/d1/doc"]


# ------------------------------------------------------------------ the stack with throwaway handlers

TMP_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Mode:
    Type: String
    Default: cloud
Globals:
  Function:
    Runtime: python3.13
    Timeout: 10
    MemorySize: 256
    Environment:
      Variables:
        RESULTS_DIR: {results}
        TABLE: !Ref Table
        SITE: !Sub "https://${{Site.DomainName}}"
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{{AttributeName: PK, AttributeType: S}}]
      KeySchema: [{{AttributeName: PK, KeyType: HASH}}]
  DeadLetters:
    Type: AWS::SQS::Queue
  Work:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
      RedrivePolicy: {{deadLetterTargetArn: !GetAtt DeadLetters.Arn, maxReceiveCount: 2}}
  Site:
    Type: AWS::CloudFront::Distribution
    Properties: {{DistributionConfig: {{Enabled: true}}}}
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      Cors:
        AllowOrigin: !Sub "'https://${{Site.DomainName}}'"
        AllowHeaders: "'Authorization,Content-Type'"
        AllowMethods: "'GET,POST,OPTIONS'"
      BinaryMediaTypes: [application~1pdf]
      GatewayResponses:
        UNAUTHORIZED:
          ResponseParameters:
            Headers: {{Access-Control-Allow-Origin: !Sub "'https://${{Site.DomainName}}'"}}
          ResponseTemplates:
            application/json: '{{"error": "unauthenticated", "message": "Authentification (modèle)", "details": null}}'
      Auth:
        DefaultAuthorizer: Pool
        AddDefaultAuthorizerToCorsPreflight: false
        Authorizers: {{Pool: {{UserPoolArn: arn:aws:cognito-idp:eu-west-3:123456789012:userpool/x}}}}
  EchoFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: fns/echo/
      Handler: app.lambda_handler
      Events:
        Get:
          Type: Api
          Properties: {{RestApiId: !Ref Api, Path: "/items/{{id}}", Method: get}}
        Post:
          Type: Api
          Properties: {{RestApiId: !Ref Api, Path: /items, Method: post}}
        Open:
          Type: Api
          Properties: {{RestApiId: !Ref Api, Path: /open, Method: get, Auth: {{Authorizer: NONE}}}}
        Crash:
          Type: Api
          Properties: {{RestApiId: !Ref Api, Path: /crash, Method: get, Auth: {{Authorizer: NONE}}}}
  WorkerFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: fns/worker/
      Handler: app.lambda_handler
      Environment:
        Variables:
          MODE: !Ref Mode
          DLQ_ARN: !GetAtt DeadLetters.Arn
      Events:
        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt Work.Arn
            BatchSize: 5
            MaximumBatchingWindowInSeconds: 1
            FunctionResponseTypes: [ReportBatchItemFailures]
        Dead:
          Type: SQS
          Properties: {{Queue: !GetAtt DeadLetters.Arn, BatchSize: 10}}
"""

ECHO_HANDLER = """\
import base64, json

def lambda_handler(event, context):
    if event["path"] == "/crash":
        raise RuntimeError("boom")
    if event["path"] == "/items/pdf":
        return {"statusCode": 200, "headers": {"Content-Type": "application/pdf"},
                "body": base64.b64encode(b"%PDF-1.4 binary \\xff").decode(), "isBase64Encoded": True}
    payload = {"event": event, "context": {
        "function_name": context.function_name, "memory_limit_in_mb": context.memory_limit_in_mb,
        "invoked_function_arn": context.invoked_function_arn, "aws_request_id": context.aws_request_id,
        "remaining": context.get_remaining_time_in_millis()}}
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"},
            "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]}, "body": json.dumps(payload)}
"""

WORKER_HANDLER = """\
import json, os, pathlib, uuid

def lambda_handler(event, context):
    results = pathlib.Path(os.environ["RESULTS_DIR"])
    records = event["Records"]
    dead = records[0]["eventSourceARN"] == os.environ["DLQ_ARN"]
    failures = []
    for record in records:
        body = record["body"]
        if body == "raise" and not dead:
            raise RuntimeError("the whole batch fails")
        name = ("dead-" if dead else "ok-") + uuid.uuid4().hex
        if body.startswith("fail") and not dead:
            failures.append({"itemIdentifier": record["messageId"]})
            name = "failed-" + uuid.uuid4().hex
        # written aside then renamed: the test polling the folder never reads half a file
        written = results / (name + ".part")
        written.write_text(json.dumps({"record": record, "batch": len(records), "mode": os.environ["MODE"]}))
        written.rename(written.with_suffix(".json"))
    return {"batchItemFailures": failures}
"""


@pytest.fixture(scope="module")
def tmp_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    root = tmp_path_factory.mktemp("stack")
    results = root / "results"
    results.mkdir()
    (root / "template.yaml").write_text(TMP_TEMPLATE.format(results=results))
    for name, code in (("echo", ECHO_HANDLER), ("worker", WORKER_HANDLER)):
        (root / "fns" / name).mkdir(parents=True)
        (root / "fns" / name / "app.py").write_text(textwrap.dedent(code))
    web = root / "web"
    (web / "js").mkdir(parents=True)
    (web / "index.html").write_text("<!doctype html><title>BillMA</title>")
    (web / "js" / "app.js").write_text("console.log('ok');")
    (root / "secret.txt").write_text("do not serve")
    options = LocalStackOptions(
        template_path=root / "template.yaml",
        port=0,
        stack_name=_stack_name(),
        retry_delay_seconds=0,
        overrides={"MODE": "local"},
    )
    with LocalStack(options) as stack:
        yield stack


def _results(stack: LocalStack, prefix: str) -> list[dict[str, Any]]:
    results = stack.root / "results"
    return [json.loads(path.read_text()) for path in sorted(results.glob(f"{prefix}-*.json"))]


def _request(
    stack: LocalStack,
    method: str,
    path: str,
    token: str | None = None,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    all_headers = dict(headers or {})
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(stack.url + path, data=body, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_worker_partial_batch_failure_and_redrive(tmp_stack: LocalStack) -> None:
    sqs = _session().client("sqs", endpoint_url=tmp_stack.moto_url)
    queue = tmp_stack.resources.queues["Work"]
    for body in ("one", "two", "fail-three", "four"):
        sqs.send_message(
            QueueUrl=queue, MessageBody=body, MessageAttributes={"k": {"DataType": "String", "StringValue": "v"}}
        )

    wait_for(lambda: len(_results(tmp_stack, "dead")) == 1)
    ok = _results(tmp_stack, "ok")
    assert sorted(item["record"]["body"] for item in ok) == ["four", "one", "two"]  # each exactly once
    failed = _results(tmp_stack, "failed")
    assert [item["record"]["body"] for item in failed] == ["fail-three", "fail-three"]  # maxReceiveCount: 2
    assert sorted(item["record"]["attributes"]["ApproximateReceiveCount"] for item in failed) == ["1", "2"]
    dead = _results(tmp_stack, "dead")[0]["record"]
    assert dead["body"] == "fail-three"
    assert dead["eventSourceARN"].endswith(":" + tmp_stack.resources.queues["DeadLetters"].rsplit("/", 1)[1])

    record = ok[0]["record"]
    assert record["eventSource"] == "aws:sqs"
    assert record["awsRegion"] == REGION
    assert record["eventSourceARN"] == f"arn:aws:sqs:{REGION}:123456789012:{tmp_stack.options.stack_name}-Work"
    assert {"messageId", "receiptHandle", "md5OfBody"} <= set(record)
    assert {"ApproximateReceiveCount", "SentTimestamp", "SenderId"} <= set(record["attributes"])
    assert record["messageAttributes"]["k"]["stringValue"] == "v"
    assert record["messageAttributes"]["k"]["dataType"] == "String"
    assert ok[0]["mode"] == "local"  # overrides win over the parameter's default
    # Both queues are empty: successes deleted, the failure redriven then consumed.
    wait_for(lambda: _queue_empty(sqs, queue) and _queue_empty(sqs, tmp_stack.resources.queues["DeadLetters"]))


def _queue_empty(sqs: Any, url: str) -> bool:
    attributes = sqs.get_queue_attributes(
        QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    )["Attributes"]
    return attributes["ApproximateNumberOfMessages"] == attributes["ApproximateNumberOfMessagesNotVisible"] == "0"


def test_worker_handler_exception_fails_whole_batch(tmp_stack: LocalStack) -> None:
    sqs = _session().client("sqs", endpoint_url=tmp_stack.moto_url)
    before = len(_results(tmp_stack, "dead"))
    sqs.send_message(QueueUrl=tmp_stack.resources.queues["Work"], MessageBody="raise")
    wait_for(lambda: len(_results(tmp_stack, "dead")) == before + 1)
    dead = [item["record"] for item in _results(tmp_stack, "dead") if item["record"]["body"] == "raise"]
    assert len(dead) == 1


def test_health(tmp_stack: LocalStack) -> None:
    assert _request(tmp_stack, "GET", "/health")[::2] == (200, b'{"status": "ok"}')


@pytest.mark.parametrize(
    ("method", "target"),
    [
        ("GET", "/nowhere"),
        ("POST", "/nowhere/else"),
        ("DELETE", "/items/1"),  # a declared path, an undeclared method
        ("PATCH", "/v1/items"),
        ("TRACE", "/items"),  # methods http.server answers 501 HTML by itself
        ("PROPFIND", "/items/1"),
        ("CONNECT", "/open"),
    ],
)
def test_undeclared_method_or_path_gets_api_gateways_answer(tmp_stack: LocalStack, method: str, target: str) -> None:
    """API Gateway answers what the API does not declare with 403 ``Missing Authentication Token``
    (JSON, with the ``DEFAULT_4XX`` headers of the template), whatever the token."""
    status, headers, body = _request(tmp_stack, method, target, token="dev-reviewer")
    assert status == 403, (method, target, status, body)
    assert json.loads(body) == {"message": "Missing Authentication Token"}
    assert headers["Content-Type"] == "application/json"


def test_gateway_builds_rest_proxy_event(tmp_stack: LocalStack) -> None:
    status, headers, body = _request(
        tmp_stack, "GET", "/items/a%20b?x=1&x=2&y=", token="dev-reviewer", headers={"X-Custom": "yes"}
    )
    assert status == 200
    payload = json.loads(body)
    event, context = payload["event"], payload["context"]
    assert event["resource"] == "/items/{id}"
    assert event["path"] == "/items/a%20b"
    assert event["httpMethod"] == "GET"
    assert event["pathParameters"] == {"id": "a b"}
    assert event["queryStringParameters"] == {"x": "2", "y": ""}
    assert event["multiValueQueryStringParameters"] == {"x": ["1", "2"], "y": [""]}
    assert event["headers"]["X-Custom"] == "yes"
    assert event["multiValueHeaders"]["X-Custom"] == ["yes"]
    assert event["body"] is None and event["isBase64Encoded"] is False
    request_context = event["requestContext"]
    assert request_context["resourcePath"] == "/items/{id}"
    assert request_context["httpMethod"] == "GET"
    assert request_context["stage"] == "v1"
    assert request_context["path"] == "/v1/items/a%20b"
    assert request_context["identity"]["sourceIp"] == "127.0.0.1"
    uuid.UUID(request_context["requestId"])
    claims = request_context["authorizer"]["claims"]
    assert claims["cognito:groups"] == "reviewer"
    assert claims["cognito:username"] == "dev-reviewer"
    assert claims["custom:insurer_code"] == "AZ"
    assert context["function_name"] == f"{tmp_stack.options.stack_name}-EchoFunction"
    assert context["memory_limit_in_mb"] == 256
    assert context["invoked_function_arn"].endswith(":function:" + context["function_name"])
    assert 0 < context["remaining"] <= 10_000
    # The handler's multiValueHeaders reach the client.
    assert headers["Set-Cookie"] in ("a=1", "b=2")


def test_gateway_body_text_binary_and_stage_prefix(tmp_stack: LocalStack) -> None:
    status, _, body = _request(
        tmp_stack,
        "POST",
        "/v1/items",
        token="dev-portal",
        body=b'{"a": 1}',
        headers={"Content-Type": "application/json"},
    )
    assert status == 200
    event = json.loads(body)["event"]
    assert (event["body"], event["isBase64Encoded"]) == ('{"a": 1}', False)
    assert event["requestContext"]["authorizer"]["claims"]["cognito:groups"] == "portal"
    status, _, body = _request(
        tmp_stack, "POST", "/items", token="dev-portal", body=b"%PDF\xff", headers={"Content-Type": "application/pdf"}
    )
    event = json.loads(body)["event"]
    assert event["isBase64Encoded"] is True and event["body"] == "JVBERv8="
    status, headers, body = _request(
        tmp_stack, "GET", "/items/pdf", token="dev-reviewer", headers={"Accept": "application/pdf"}
    )
    assert (status, headers["Content-Type"], body) == (200, "application/pdf", b"%PDF-1.4 binary \xff")


@pytest.mark.parametrize(
    "authorization", [None, "Bearer nope", "Bearer dev-reviewerx", "dev-reviewer", "Basic dev-portal"]
)
def test_gateway_refuses_missing_or_unknown_token(tmp_stack: LocalStack, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    status, response_headers, body = _request(tmp_stack, "GET", "/items/1", headers=headers)
    assert status == 401
    assert response_headers["Access-Control-Allow-Origin"] == tmp_stack.url  # the template's GatewayResponses
    error = json.loads(body)
    assert error["error"] == "unauthenticated"
    assert error["details"] is None
    assert "Authentification" in error["message"]


def test_open_route_needs_no_token_and_handler_crash_is_502(tmp_stack: LocalStack) -> None:
    status, _, body = _request(tmp_stack, "GET", "/open")
    assert status == 200
    assert "authorizer" not in json.loads(body)["event"]["requestContext"]
    assert _request(tmp_stack, "GET", "/crash")[0] == 502


def test_cors_preflight(tmp_stack: LocalStack) -> None:
    status, headers, _ = _request(tmp_stack, "OPTIONS", "/items/1", headers={"Origin": tmp_stack.url})
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == tmp_stack.url
    assert headers["Access-Control-Allow-Methods"] == "GET,POST,OPTIONS"
    assert headers["Access-Control-Allow-Headers"] == "Authorization,Content-Type"


def test_static_files_and_path_traversal(tmp_stack: LocalStack) -> None:
    status, headers, body = _request(tmp_stack, "GET", "/")
    assert (status, headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert b"BillMA" in body
    status, headers, _ = _request(tmp_stack, "GET", "/js/app.js")
    assert (status, headers["Content-Type"]) == (200, "text/javascript; charset=utf-8")
    host, port = tmp_stack.url.removeprefix("http://").split(":")
    for target in (
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/js/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/js/../../template.yaml",
    ):
        connection = http.client.HTTPConnection(host, int(port), timeout=5)
        connection.request("GET", target)  # sent as is, not normalised by the client
        response = connection.getresponse()
        body = response.read()
        connection.close()
        assert response.status == 403, target  # not served: API Gateway's answer to an unknown path
        assert b"do not serve" not in body and b"AWSTemplateFormatVersion" not in body


def test_localhost_is_sent_to_the_configured_origin(tmp_stack: LocalStack) -> None:
    port = tmp_stack.url.rsplit(":", 1)[1]
    connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=5)
    connection.request("GET", "/js/app.js?x=1", headers={"Host": f"localhost:{port}"})
    response = connection.getresponse()
    connection.close()
    assert response.status == 307
    assert response.headers["Location"] == f"{tmp_stack.url}/js/app.js?x=1"


RAISING_HANDLER = """\
def lambda_handler(event, context):
    if any(record["body"] == "bad-report" for record in event["Records"]):
        return {"batchItemFailures": [{"itemIdentifier": "not-in-this-batch"}]}
    raise RuntimeError("the whole batch fails")
"""


@pytest.mark.parametrize("bodies", [("a", "b", "c"), ("bad-report", "b")])
def test_poller_fails_the_whole_batch(moto_endpoint: str, tmp_path: Path, bodies: tuple[str, ...]) -> None:
    """A handler that raises, or reports an unknown message id, fails every message of the batch:
    none is deleted, each comes back (after the local retry delay) with a higher receive count."""
    (tmp_path / "app.py").write_text(RAISING_HANDLER)
    names = LocalNames(web_origin="http://127.0.0.1:1", sqs_endpoint=moto_endpoint)
    spec = FunctionSpec("Raiser", "raiser", tmp_path, tmp_path / "app.py", "lambda_handler", 5, 128, {})
    sqs = _session().client("sqs", endpoint_url=moto_endpoint)
    queue = sqs.create_queue(QueueName=_stack_name())["QueueUrl"]
    source = SqsEventSource("Raiser", "Work", "Q", f"arn:aws:sqs:{REGION}:123456789012:q", "q", 10, 0, True)
    poller = SqsPoller(source, FunctionRuntime(spec, names), sqs, queue, region=REGION, retry_delay_seconds=0)
    sqs.send_message_batch(QueueUrl=queue, Entries=[{"Id": str(n), "MessageBody": b} for n, b in enumerate(bodies)])

    assert poller.poll_once() == len(bodies)

    again = sqs.receive_message(
        QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=1, MessageSystemAttributeNames=["All"]
    )["Messages"]
    assert sorted(message["Body"] for message in again) == sorted(bodies)
    assert {message["Attributes"]["ApproximateReceiveCount"] for message in again} == {"2"}


def test_health_is_503_until_ready() -> None:
    names = LocalNames(web_origin="http://127.0.0.1:1")
    gateway = Gateway(names, [ApiRoute("F", "E", "Api", "/items", "GET", None)], {}, {}, None)
    starting = gateway.handle(HttpRequest("GET", "/health", [], b""))
    assert (starting.status, json.loads(starting.body)) == (503, {"status": "starting"})
    assert gateway.handle(HttpRequest("GET", "/items", [], b"")).status == 503
    gateway.ready.set()
    ready = gateway.handle(HttpRequest("GET", "/health", [], b""))
    assert (ready.status, json.loads(ready.body)) == (200, {"status": "ok"})
