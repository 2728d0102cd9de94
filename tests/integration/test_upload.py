"""The upload function under moto: form validation, roles, presigned POST, new upload."""

from __future__ import annotations

import json

import boto3
import pytest
import requests

from tests.integration.conftest import VALID_FORM, ApiCall


def test_create_dossier_answers_201_with_a_presigned_post(call_api: ApiCall) -> None:
    status, body = call_api("upload", "POST", "/dossiers", VALID_FORM, role="portal")
    assert status == 201
    assert body["state"] == "AWAITING_DOCUMENT"
    assert body["upload"]["fields"]["key"].startswith(f"uploads/{body['dossier_id']}/")
    status, view = call_api("review_api", "GET", f"/dossiers/{body['dossier_id']}")
    assert status == 200
    assert view["dossier"]["state"] == "AWAITING_DOCUMENT"
    assert [event["action"] for event in view["audit"]] == ["dossier_cree"]


def test_invalid_form_gets_french_messages_per_field(call_api: ApiCall) -> None:
    form = {
        **VALID_FORM,
        "policyholder_phone": "12",
        "date_of_loss": "2999-01-01",
        "deductible": -5,
        "policyholder_email": "pas-un-mail",
    }
    del form["claim_reference"]
    status, body = call_api("upload", "POST", "/dossiers", form, role="portal")
    assert status == 422
    fields = body["details"]["fields"]
    assert fields["claim_reference"] == "champ obligatoire"
    assert "000000000" in fields["policyholder_phone"]
    assert "futur" in fields["date_of_loss"]
    assert "supérieur ou égal à 0" in fields["deductible"]
    assert "inconnu" in fields["policyholder_email"]
    assert body["error"] == "validation_error"


def test_unknown_phone_and_email_hints_are_accepted(call_api: ApiCall) -> None:
    form = {**VALID_FORM, "policyholder_phone": "000000000", "policyholder_email": "inconnu"}
    status, _ = call_api("upload", "POST", "/dossiers", form, role="portal")
    assert status == 201


def test_roles(call_api: ApiCall) -> None:
    assert call_api("upload", "POST", "/dossiers", VALID_FORM, role="insurer")[0] == 403
    assert call_api("upload", "POST", "/dossiers", VALID_FORM, role="reviewer")[0] == 403
    assert call_api("upload", "POST", "/dossiers", VALID_FORM, role=None)[0] == 401
    # The role is checked before the body: no hint on how to build a valid request.
    assert call_api("upload", "POST", "/dossiers", {"nope": 1}, role="insurer")[0] == 403
    assert call_api("upload", "POST", "/dossiers", {"nope": 1}, role=None)[0] == 401


def test_presigned_post_accepts_the_upload_and_new_upload_gives_a_new_key(call_api: ApiCall) -> None:
    _, created = call_api("upload", "POST", "/dossiers", VALID_FORM, role="portal")
    post = created["upload"]
    response = requests.post(
        post["url"], data=post["fields"], files={"file": ("devis.pdf", b"%PDF-1.4 test")}, timeout=10
    )
    assert response.status_code == 201
    s3 = boto3.client("s3")
    bucket = post["url"].rstrip("/").rsplit("/", 1)[-1]
    assert s3.get_object(Bucket=bucket, Key=post["fields"]["key"])["Body"].read() == b"%PDF-1.4 test"

    status, renewed = call_api("upload", "POST", f"/dossiers/{created['dossier_id']}/upload", role="portal")
    assert status == 200
    assert renewed["upload"]["fields"]["key"] != post["fields"]["key"]
    assert renewed["version"] == created["version"] + 1


def test_new_upload_for_unknown_dossier_is_404(call_api: ApiCall) -> None:
    status, body = call_api("upload", "POST", "/dossiers/inconnu/upload", role="portal")
    assert status == 404
    assert "introuvable" in body["message"]


def test_a_body_that_is_not_utf8_is_a_422(call_api: ApiCall) -> None:
    from tests.integration.conftest import Context, api_event, handler_module

    event = api_event("POST", "/dossiers", role="portal")
    event["body"] = "/y4qIfz8fA=="  # base64 of bytes that are not UTF-8
    event["isBase64Encoded"] = True
    response = handler_module("upload").lambda_handler(event, Context())
    assert response["statusCode"] == 422
    assert "UTF-8" in response["body"]


@pytest.mark.parametrize("content_type", ["multipart/form-data", "application/x-www-form-urlencoded"])
def test_a_form_body_that_cannot_be_parsed_is_a_422(call_api: ApiCall, content_type: str) -> None:
    """Powertools parses a form body before validation; a multipart one without its boundary
    made it raise, and the function failed (502 through API Gateway)."""
    from tests.integration.conftest import Context, api_event, handler_module

    event = api_event("POST", "/dossiers", {"claim_reference": "SIN-1"}, role="portal")
    event["headers"] = {**(event.get("headers") or {}), "Content-Type": content_type}
    response = handler_module("upload").lambda_handler(event, Context())
    assert 400 <= response["statusCode"] < 500, response
    assert "message" in json.loads(response["body"])


def test_a_form_without_insurer_gets_the_deployments_and_a_named_one_stays(
    call_api: ApiCall, monkeypatch: pytest.MonkeyPatch
) -> None:
    from billma_core.settings import get_settings

    monkeypatch.setenv("BILLMA_DEFAULT_INSURER", "MAIF")
    get_settings.cache_clear()
    try:
        _, unnamed = call_api("upload", "POST", "/dossiers", VALID_FORM, role="portal")
        _, named = call_api("upload", "POST", "/dossiers", {**VALID_FORM, "insurer_code": "AZ"}, role="portal")
    finally:
        monkeypatch.delenv("BILLMA_DEFAULT_INSURER")
        get_settings.cache_clear()

    def insurer(created: dict[str, str]) -> str:
        _, view = call_api("review_api", "GET", f"/dossiers/{created['dossier_id']}")
        return str(view["dossier"]["form"]["insurer_code"])

    assert insurer(unnamed) == "MAIF"
    assert insurer(named) == "AZ"
