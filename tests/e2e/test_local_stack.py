"""The curl flow of the README over real HTTP against ``billma local``: create a dossier as the
portal, upload a PDF to the presigned POST (moto's S3), and watch the robot take it."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import CORPUS, VALID_FORM, Api, LocalStackProcess, dossier_state

pytestmark = pytest.mark.e2e

PDF = CORPUS / "01_DEV-2025-0736.pdf"


def test_health_answers_once_ready(api: Api, local_stack: LocalStackProcess) -> None:
    response = api.request("GET", "/health")
    assert (response.status, response.json()) == (200, {"status": "ok"})
    print(f"billma local prêt en {local_stack.started_seconds:.1f} s")


def test_upload_flow_reaches_the_robot(api: Api, local_stack: LocalStackProcess) -> None:
    created = api.create_dossier()
    assert created.status == 201, created.body
    payload = created.json()
    assert payload["state"] == "AWAITING_DOCUMENT"
    upload = payload["upload"]
    assert set(upload) >= {"url", "fields"}
    assert upload["fields"]["key"].startswith("uploads/")
    assert urlsplit(upload["url"]).netloc != urlsplit(local_stack.url).netloc  # moto's S3, not the gateway

    uploaded = api.upload(upload, PDF)
    assert uploaded.status in (200, 201, 204), uploaded.body
    started = time.monotonic()
    state, dossier = api.wait_for_state(payload["dossier_id"], timeout=30)
    elapsed = time.monotonic() - started
    assert state in ("TO_REVIEW", "IN_REVIEW", "CLOSED"), dossier
    print(f"dossier {payload['dossier_id']} : {state} {elapsed:.1f} s après le dépôt")


def test_invalid_form_gets_french_messages_per_field(api: Api) -> None:
    form = {**VALID_FORM, "claim_reference": "", "date_of_loss": "2999-01-01", "site_postal_code": "3340"}
    response = api.create_dossier(form)
    assert response.status == 422, response.body
    error = response.json()
    assert error["error"] == "validation_error"
    fields = error["details"]["fields"]
    assert set(fields) >= {"claim_reference", "date_of_loss", "site_postal_code"}
    assert "futur" in fields["date_of_loss"]
    assert all(isinstance(message, str) and message for message in fields.values())


def test_missing_or_unknown_token_is_401(api: Api) -> None:
    for token in (None, "dev-nobody"):
        response = api.request("POST", "/dossiers", token=token, json_body=VALID_FORM)
        assert response.status == 401, response.body
        assert response.json()["error"] == "unauthenticated"


def test_insurer_cannot_create_a_dossier(api: Api) -> None:
    response = api.create_dossier(token="dev-insurer")
    assert response.status == 403, response.body
    assert response.json()["error"] == "forbidden"


def test_reviewer_reads_the_dossier_the_portal_created(api: Api) -> None:
    created = api.create_dossier().json()
    response = api.dossier(created["dossier_id"])
    assert response.status == 200
    assert dossier_state(response.json()) == "AWAITING_DOCUMENT"


def test_web_page_is_served(api: Api) -> None:
    response = api.request("GET", "/", headers={"Accept": "text/html"})
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/html")
