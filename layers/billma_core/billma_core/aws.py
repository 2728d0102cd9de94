"""The only place that builds AWS clients, once per cold start. ``AWS_ENDPOINT_URL`` (read by
boto3 itself) points them at moto locally, so no handler has a local-only branch."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import boto3
from botocore.config import Config

from billma_core.repository import DossierRepository
from billma_core.settings import get_settings
from billma_core.storage import DocumentStore

if TYPE_CHECKING:
    from mypy_boto3_events import EventBridgeClient

# Standard retries with backoff absorb DynamoDB throttling and transient errors.
_CONFIG = Config(retries={"max_attempts": 8, "mode": "standard"}, signature_version="s3v4")


@cache
def dossier_repository() -> DossierRepository:
    return DossierRepository(boto3.client("dynamodb", config=_CONFIG), get_settings().table_name)


@cache
def document_store() -> DocumentStore:
    return DocumentStore(boto3.client("s3", config=_CONFIG), get_settings())


@cache
def events_client() -> EventBridgeClient:
    return boto3.client("events", config=_CONFIG)
