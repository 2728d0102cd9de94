"""Integration fixtures: the template's resources on a moto server, and the real handlers
called with API Gateway / SQS events, as Lambda would call them."""

from __future__ import annotations

import functools
import importlib.util
import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import pytest
import requests

from billma_cli.local.moto_server import start_moto
from billma_cli.local.resources import CreatedResources, create_resources
from billma_cli.local.template import LocalNames, Resolver, load_template

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"

TOKENS = {
    "portal": {"cognito:groups": "portal", "custom:insurer_code": "AZ"},
    "reviewer": {"cognito:groups": "reviewer", "custom:insurer_code": "AZ"},
    "insurer": {"cognito:groups": "insurer", "custom:insurer_code": "AZ"},
    "other-insurer": {"cognito:groups": "insurer", "custom:insurer_code": "ZZ"},
    "other-portal": {"cognito:groups": "portal", "custom:insurer_code": "AZ"},
}

VALID_FORM = {
    "claim_reference": "SIN-2025-000123",
    "date_of_loss": "2025-03-16",
    "deductible": 150,
    "cover": "DEGATS_DES_EAUX",
    "policyholder_phone": "06 12 34 56 78",
    "policyholder_email": "inconnu",
    "site_postal_code": "33400",
}


@pytest.fixture(scope="session")
def aws() -> Iterator[CreatedResources]:
    """A moto server with every resource of template.yaml, and the environment the template
    gives the functions."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto logs every request otherwise
    server = start_moto()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    saved = dict(os.environ)
    os.environ.update(
        AWS_ENDPOINT_URL=endpoint,
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="eu-west-3",
        POWERTOOLS_METRICS_NAMESPACE="BillMA",
        POWERTOOLS_SERVICE_NAME="billma",
        BILLMA_OCR_ENGINE="tesseract",
        BILLMA_FEED_SETTLE_SECONDS="0",
    )
    created = _create(endpoint)
    os.environ.update(
        BILLMA_TABLE_NAME=created.tables["DossierTable"],
        BILLMA_QUOTES_BUCKET=created.buckets["QuotesBucket"],
        BILLMA_EVENT_BUS_NAME=created.event_buses["BillmaEventBus"],
        BILLMA_DEAD_LETTER_QUEUE_ARN=boto3.client("sqs").get_queue_attributes(
            QueueUrl=created.queues["RobotDeadLetterQueue"], AttributeNames=["QueueArn"]
        )["Attributes"]["QueueArn"],
    )
    _reset_caches()
    yield created
    server.stop()
    os.environ.clear()
    os.environ.update(saved)
    _reset_caches()


def _create(endpoint: str) -> CreatedResources:
    return create_resources(_resolver(), endpoint, _session())


@functools.cache
def _resolver() -> Resolver:
    """The template parsed once, not again by every test on ``fresh_aws``."""
    return Resolver(load_template(ROOT / "template.yaml"), LocalNames(web_origin="http://127.0.0.1:8000"))


@functools.cache
def _session() -> boto3.Session:
    """One session for every creation: a new one parses each service's model again (about half the
    CPU of creating the resources, paid by every test on ``fresh_aws``)."""
    return boto3.Session(region_name="eu-west-3")


@pytest.fixture
def fresh_aws(aws: CreatedResources) -> CreatedResources:
    """The same resources, emptied: for tests whose documents must not be duplicates of an
    earlier test's upload (duplicates are detected across the whole table)."""
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    requests.post(f"{endpoint}/moto-api/reset", timeout=10).raise_for_status()
    created = _create(endpoint)
    assert created == aws
    return created


def _reset_caches() -> None:
    from billma_core import aws as aws_clients
    from billma_core.settings import get_settings

    get_settings.cache_clear()
    for factory in (
        aws_clients.dossier_repository,
        aws_clients.document_store,
        aws_clients.events_client,
    ):
        factory.cache_clear()


_modules: dict[str, ModuleType] = {}
_INVOCATION = threading.Lock()


def handler_module(function: str) -> ModuleType:
    """``functions/<function>/app.py`` under a unique module name, imported once."""
    if function not in _modules:
        spec = importlib.util.spec_from_file_location(f"billma_fn_{function}", ROOT / "functions" / function / "app.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _modules[function] = module
    return _modules[function]


class Context:
    function_name = "billma-test"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:eu-west-3:123456789012:function:billma-test"
    aws_request_id = "test-request"

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 30_000


def api_event(
    method: str, path: str, body: Any = None, role: str | None = "reviewer", query: dict[str, str] | None = None
) -> dict[str, Any]:
    claims = None
    if role is not None:
        claims = {"sub": str(uuid.uuid5(uuid.NAMESPACE_DNS, role)), "cognito:username": f"dev-{role}", **TOKENS[role]}
    return {
        "resource": path,
        "path": path,
        "httpMethod": method,
        "headers": {"Content-Type": "application/json"},
        "multiValueHeaders": {},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in (query or {}).items()} or None,
        "pathParameters": None,
        "body": None if body is None else json.dumps(body),
        "isBase64Encoded": False,
        "requestContext": {
            "resourcePath": path,
            "httpMethod": method,
            "stage": "v1",
            "requestId": str(uuid.uuid4()),
            "identity": {"sourceIp": "127.0.0.1"},
            "authorizer": {"claims": claims} if claims else None,
        },
    }


ApiCall = Callable[..., tuple[int, Any]]


@pytest.fixture
def call_api(aws: CreatedResources) -> ApiCall:
    """``call_api("upload", "POST", "/dossiers", body, role="portal") -> (status, json)``."""

    def call(
        function: str,
        method: str,
        path: str,
        body: Any = None,
        role: str | None = "reviewer",
        query: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        # One invocation at a time, as in a Lambda process: Powertools keeps the current request in
        # a class attribute shared by every resolver.
        with _INVOCATION:
            response = handler_module(function).lambda_handler(api_event(method, path, body, role, query), Context())
        headers = {
            **(response.get("headers") or {}),
            **{k: v[0] for k, v in (response.get("multiValueHeaders") or {}).items() if v},
        }
        content_type = headers.get("Content-Type", "")
        payload = response["body"]
        if "json" in content_type:
            payload = json.loads(payload)
        return response["statusCode"], payload

    return call


def wait_for(predicate: Callable[[], object], timeout: float = 30.0) -> None:
    """Poll ``predicate`` until it is true; fail when ``timeout`` seconds pass (a background
    thread or process of the local stack has to act first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")
