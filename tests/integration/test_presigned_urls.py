"""Presigned URLs are short-lived and scoped to one key (issue 7, security)."""

from __future__ import annotations

import base64
import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

from billma_cli.local.resources import CreatedResources
from billma_core.aws import document_store
from billma_core.settings import get_settings
from tests.integration.conftest import VALID_FORM, ApiCall


def test_presigned_post_is_one_key_bounded_size_and_short_lived(call_api: ApiCall, aws: CreatedResources) -> None:
    before = dt.datetime.now(dt.UTC)
    _, created = call_api("upload", "POST", "/dossiers", VALID_FORM, role="portal")
    fields = created["upload"]["fields"]
    policy = json.loads(base64.b64decode(fields["policy"]))
    expiration = dt.datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
    assert expiration - before <= dt.timedelta(seconds=get_settings().upload_url_expires_seconds + 5)
    conditions = policy["conditions"]
    assert {"key": fields["key"]} in conditions
    assert ["content-length-range", 1, get_settings().max_document_bytes] in conditions
    # The page checks a file against the limit the POST gives, the same as its condition's.
    assert created["upload"]["max_bytes"] == get_settings().max_document_bytes
    assert fields["key"].startswith(f"uploads/{created['dossier_id']}/")


def test_presigned_get_is_short_lived_and_for_one_object(aws: CreatedResources) -> None:
    url = document_store().presigned_get("uploads/d/k", "devis.pdf")
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert parts.path.endswith("/uploads/d/k")
    assert int(query["X-Amz-Expires"][0]) == get_settings().document_url_expires_seconds <= 300
