"""One settings object, read from the environment once per cold start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ENV_PREFIX = "BILLMA_"


class Settings(BaseModel):
    """Every knob of BillMA. Environment variables are the upper-case field names,
    prefixed ``BILLMA_`` (``BILLMA_TABLE_NAME``, ``BILLMA_OCR_ENGINE``...): see
    :meth:`from_environment`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    table_name: str = "billma"
    quotes_bucket: str = "billma-quotes"
    event_bus_name: str = "default"
    dead_letter_queue_arn: str | None = None
    # Origin of the web page, for CORS (the CloudFront domain in the cloud, the local stack locally).
    web_origin: str = "*"

    # Upload limits (the presigned POST conditions, re-checked by the robot).
    max_document_bytes: int = 10 * 1024 * 1024
    upload_url_expires_seconds: int = 15 * 60
    document_url_expires_seconds: int = 5 * 60
    max_pages: int = 20
    max_image_pixels: int = 40_000_000

    # Robot.
    # Local engines: rapidocr (pip alone; reads our scans better, docs/heldout.md) and tesseract
    # (apt); either falls back to the other. The cloud sets textract.
    ocr_engine: Literal["rapidocr", "tesseract", "textract", "none"] = "rapidocr"
    ocr_timeout_seconds: int = 60
    bareme_s3_uri: str | None = None
    price_tolerance: Decimal = Decimal("0.15")
    scope_min_ttc: Decimal = Decimal("650.00")
    scope_max_ttc: Decimal = Decimal("6500.00")

    # Review.
    ren_threshold_ttc: Decimal = Decimal("200.00")
    default_insurer: str = "AZ"
    page_size_max: int = Field(default=100, ge=1)
    # The closure feed only shows closures older than this: a closure whose transaction is
    # still in flight (or whose index entry is still propagating) cannot be overtaken by a
    # poller's cursor, so no closure is ever skipped.
    feed_settle_seconds: float = Field(default=3.0, ge=0)
    # Share of automatic validations drawn (from the dossier id) for a reviewer's second look.
    audit_sample_rate: float = Field(default=0.05, ge=0, le=1)
    # Hours a dossier handed to review may wait before it is overdue.
    review_sla_hours: float = Field(default=48.0, gt=0)

    def ren_eligible(self, gap_ttc: Decimal) -> bool:
        """A gap above the threshold makes a revision eligible for a REN (the robot's and a reviewer's)."""
        return gap_ttc > self.ren_threshold_ttc

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """The defaults, overridden by the ``BILLMA_<FIELD>`` variables of ``environ``; pydantic
        turns their text into each field's type (and refuses what does not fit). Read by hand
        rather than with pydantic-settings: its import alone cost a cold start half of
        ``import boto3`` (bench/bench_cold_start.py)."""
        given = {name: environ[key] for name in cls.model_fields if (key := ENV_PREFIX + name.upper()) in environ}
        return cls.model_validate(given)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.from_environment()
