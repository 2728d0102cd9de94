"""The only place that builds AWS clients, once per cold start. ``AWS_ENDPOINT_URL`` (read by
boto3 itself) points them at moto locally, so no handler has a local-only branch."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import boto3
from botocore.config import Config

from billma_core.repository import DossierRepository, DynamoDuplicateRegistry
from billma_core.reviewing import Reviewing
from billma_core.settings import get_settings
from billma_core.storage import DocumentStore

if TYPE_CHECKING:
    from mypy_boto3_events import EventBridgeClient

    from billma_core.bareme.schema import Bareme
    from billma_core.robot import Robot

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


def _fetch_s3(uri: str) -> bytes:
    bucket, _, key = uri.removeprefix("s3://").partition("/")
    return bytes(boto3.client("s3", config=_CONFIG).get_object(Bucket=bucket, Key=key)["Body"].read())


def bareme() -> Bareme:
    """This deployment's barème: the packaged one, or the newer version it points at in S3
    (loaded and validated once per cold start)."""
    from billma_core.bareme.loader import load_bareme

    return load_bareme(get_settings().bareme_s3_uri or None, fetch=_fetch_s3)


def robot() -> Robot:
    """The robot bound to this deployment's table, bucket, barème and settings."""
    # Imported here so the API functions do not pay the reader's import cost.
    from billma_core.robot import Robot

    return Robot(
        dossiers=dossier_repository(),
        documents=document_store(),
        registry=DynamoDuplicateRegistry(dossier_repository()),
        bareme=bareme(),
        settings=get_settings(),
    )


def reviewing() -> Reviewing:
    """The review use cases bound to this deployment's table and settings."""
    return Reviewing(dossier_repository(), get_settings(), bareme=bareme)
