"""The quotes bucket: presigned POST for uploads, presigned GET for reviewers, reading objects
for the robot. Takes an S3 client; building it is ``billma_core.aws``'s job."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import uuid4

from botocore.exceptions import ClientError

from billma_core.ports import StoredObject
from billma_core.settings import Settings

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

UPLOAD_PREFIX = "uploads/"


def upload_key(dossier_id: str) -> str:
    """A fresh key per upload: a new upload never overwrites the previous document."""
    return f"{UPLOAD_PREFIX}{dossier_id}/{uuid4().hex}"


def dossier_id_of(key: str) -> str | None:
    parts = key.split("/")
    if len(parts) == 3 and parts[0] + "/" == UPLOAD_PREFIX and parts[1]:
        return parts[1]
    return None


class DocumentStore:
    def __init__(self, s3: S3Client, settings: Settings) -> None:
        self._s3 = s3
        self._settings = settings
        self._bucket = settings.quotes_bucket

    def presigned_post(self, key: str) -> dict[str, Any]:
        """The design's conditions: this one key, 1 byte to the size limit, short-lived."""
        post = self._s3.generate_presigned_post(
            Bucket=self._bucket,
            Key=key,
            Fields={"success_action_status": "201"},
            Conditions=[
                {"success_action_status": "201"},
                ["content-length-range", 1, self._settings.max_document_bytes],
                ["starts-with", "$Content-Type", ""],
            ],
            ExpiresIn=self._settings.upload_url_expires_seconds,
        )
        # The size limit travels with the conditions it is part of: the page checks a file against it.
        return {"url": post["url"], "fields": post["fields"], "max_bytes": self._settings.max_document_bytes}

    def presigned_get(self, key: str, filename: str) -> str:
        return self._s3.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self._bucket,
                "Key": key,
                "ResponseContentDisposition": f'inline; filename="{filename}"',
            },
            ExpiresIn=self._settings.document_url_expires_seconds,
        )

    def read(self, key: str) -> StoredObject:
        """The object's bytes, never more than the limit + 1: S3 conditions are not enforced
        everywhere (moto ignores them), so the robot never trusts the declared size."""
        limit = self._settings.max_document_bytes
        try:
            response = self._s3.get_object(Bucket=self._bucket, Key=key, Range=f"bytes=0-{limit}")
        except ClientError as error:
            # An empty object has no byte 0: S3 answers 416 to any range.
            if error.response.get("Error", {}).get("Code") == "InvalidRange":
                return StoredObject(key=key, size=0, data=b"")
            raise
        data = response["Body"].read(limit + 1)
        total = response.get("ContentRange", "").rpartition("/")[2]
        return StoredObject(key=key, size=int(total) if total.isdigit() else len(data), data=data)
