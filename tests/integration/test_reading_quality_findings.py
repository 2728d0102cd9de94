"""Issue 13 through the real handlers under moto: the reviewer's corrected reading judged again,
dismissed findings, the "À contrôler" queue of drawn automatic validations (a sparse index,
no scan) and the SLA fields of the queue."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from billma_cli.local.resources import CreatedResources
from tests.integration.conftest import CORPUS, ApiCall, Context, _reset_caches, api_event, handler_module
from tests.integration.robot_flow import submit, view
from tests.missed_line import missed_line, printed_totals, quote_with_a_pictured_line

FAIR = CORPUS / "01_DEV-2025-0736.pdf"


@pytest.fixture(autouse=True)
def _empty_table(fresh_aws: CreatedResources) -> None:
    """Each test's documents are first uploads (duplicates are detected table-wide)."""


@pytest.fixture
def sample_everything(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("BILLMA_AUDIT_SAMPLE_RATE", "1")
    _reset_caches()
    yield
    monkeypatch.delenv("BILLMA_AUDIT_SAMPLE_RATE")
    _reset_caches()


def _taken(call_api: ApiCall, aws: CreatedResources) -> dict[str, Any]:
    dossier_id = submit(call_api, aws, quote_with_a_pictured_line(), claim_reference="SIN-READING")
    dossier = view(call_api, dossier_id)["dossier"]
    status, body = call_api(
        "review_api", "POST", f"/dossiers/{dossier_id}/assign", {"expected_version": dossier["version"]}
    )
    assert status == 200, body
    return dict(body["dossier"])


def _as_read(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"source_line": i, **{k: line[k] for k in ("designation", "quantity", "unit", "unit_price_ht", "tva_rate")}}
        for i, line in enumerate(dossier["evaluation"]["quote"]["lines"])
    ]


def test_a_corrected_reading_is_judged_again_and_audited(call_api: ApiCall, aws: CreatedResources) -> None:
    dossier = _taken(call_api, aws)
    robot = dossier["evaluation"]
    assert "arithmetic_error" in robot["flags"]
    path = f"/dossiers/{dossier['dossier_id']}/reading"
    body = {
        "expected_version": dossier["version"],
        "lines": [*_as_read(dossier), missed_line()],
        "totals": printed_totals(),
    }

    status, answer = call_api("review_api", "PUT", path, body)
    assert status == 200, answer
    corrected = answer["dossier"]
    evaluation = corrected["evaluation"]
    assert len(evaluation["lines"]) == len(robot["lines"]) + 1
    added = evaluation["lines"][-1]
    assert added["verdict"] == "OVERPRICED" and added["bareme_code"] == "PEI-004" and added["why"]
    assert "arithmetic_error" not in evaluation["flags"]
    assert evaluation["gap_ttc"] < robot["gap_ttc"]
    assert corrected["robot_evaluation"]["lines"] == robot["lines"]
    audit = [event for event in answer["audit"] if event["action"] == "lecture_corrigee"]
    assert len(audit) == 1 and audit[0]["before"]["reading_lines"] == [None]
    assert "Peinture des plafonds" in audit[0]["after"]["reading_lines"][0]

    # The same correction on the version read before: 409, nothing changes.
    status, refused = call_api("review_api", "PUT", path, body)
    assert status == 409 and refused["error"] == "version_conflict"
    # A bad line: 422 in French, every problem listed.
    bad = {
        **body,
        "expected_version": corrected["version"],
        "lines": [{**missed_line(), "designation": " "}, {**missed_line(), "bareme_code": "NOPE-1"}],
    }
    status, refused = call_api("review_api", "PUT", path, bad)
    assert status == 422 and refused["message"].startswith("Lecture corrigée invalide")
    assert len(refused["details"]) == 2
    assert view(call_api, dossier["dossier_id"])["dossier"]["version"] == corrected["version"]


def test_a_finding_is_dismissed_and_counted(call_api: ApiCall, aws: CreatedResources) -> None:
    dossier = _taken(call_api, aws)
    path = f"/dossiers/{dossier['dossier_id']}/dismissals"
    body = {"expected_version": dossier["version"], "flag": "arithmetic_error", "reason": "ligne collée en image"}
    status, answer = call_api("review_api", "POST", path, body)
    assert status == 200, answer
    assert answer["dossier"]["dismissals"][0]["flag"] == "arithmetic_error"
    assert answer["audit"][-1]["action"] == "signalement_ecarte"
    status, again = call_api("review_api", "POST", path, {**body, "expected_version": answer["dossier"]["version"]})
    assert status == 409 and "déjà été écarté" in again["message"]
    status, refused = call_api(
        "review_api", "POST", path, {**body, "flag": "overpriced", "expected_version": answer["dossier"]["version"]}
    )
    assert status == 409 and refused["details"]["rule"] == "flag_not_raised"
    status, stats = call_api("review_api", "GET", "/stats")
    assert status == 200 and stats["dismissals_by_flag"] == {"arithmetic_error": 1}


def test_waiting_dossiers_carry_their_age(call_api: ApiCall, aws: CreatedResources) -> None:
    dossier_id = submit(call_api, aws, quote_with_a_pictured_line(), claim_reference="SIN-SLA")
    status, queue = call_api("review_api", "GET", "/dossiers", query={"state": "TO_REVIEW", "order": "overdue"})
    assert status == 200
    (item,) = [i for i in queue["items"] if i["dossier_id"] == dossier_id]
    assert item["age_hours"] is not None and item["overdue"] is False
    status, overdue = call_api("review_api", "GET", "/dossiers", query={"state": "TO_REVIEW", "overdue": "true"})
    assert status == 200 and overdue["items"] == []
    status, stats = call_api("review_api", "GET", "/stats")
    assert stats["waiting"] == 1 and stats["oldest_waiting_dossier"] == dossier_id and stats["overdue"] == 0


def test_drawn_automatic_validations_wait_in_the_quality_queue(
    call_api: ApiCall, aws: CreatedResources, sample_everything: None
) -> None:
    dossier_id = submit(call_api, aws, FAIR, claim_reference="SIN-QUALITY")
    dossier = view(call_api, dossier_id)["dossier"]
    assert dossier["closure"]["motif"] == "AUTO_VALIDATED"
    status, queue = call_api("review_api", "GET", "/dossiers", query={"quality_check": "pending"})
    assert status == 200
    assert [item["dossier_id"] for item in queue["items"]] == [dossier_id]
    assert queue["items"][0]["quality_check_pending"] is True

    path = f"/dossiers/{dossier_id}/quality-check"
    status, refused = call_api("review_api", "POST", path, {"expected_version": dossier["version"], "agree": False})
    assert status == 409 and "commentaire" in refused["message"]
    status, answer = call_api(
        "review_api",
        "POST",
        path,
        {"expected_version": dossier["version"], "agree": False, "comment": "la recherche de fuite n'est pas couverte"},
    )
    assert status == 200, answer
    assert answer["dossier"]["state"] == "CLOSED" and answer["dossier"]["closure"]["motif"] == "AUTO_VALIDATED"
    assert answer["dossier"]["quality_check"]["agree"] is False
    status, queue = call_api("review_api", "GET", "/dossiers", query={"quality_check": "pending"})
    assert queue["items"] == []
    status, stats = call_api("review_api", "GET", "/stats")
    assert (stats["quality_sampled"], stats["quality_checked"], stats["quality_agreed"]) == (1, 1, 0)
    assert stats["quality_agreement_rate"] == 0.0
    assert stats["quality_agreement_interval_95"][0] == 0.0
    # The closure still stands in the insurer's feed.
    status, feed = call_api("close", "GET", "/closures", role="insurer")
    assert dossier_id in [item["dossier_id"] for item in feed["items"]]


def test_past_the_sla_a_dossier_is_overdue_filtered_and_counted(
    call_api: ApiCall, aws: CreatedResources, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An SLA of a few microseconds: any dossier handed to review is already past it.
    monkeypatch.setenv("BILLMA_REVIEW_SLA_HOURS", "0.000000001")
    _reset_caches()
    try:
        dossier_id = submit(call_api, aws, quote_with_a_pictured_line(), claim_reference="SIN-OVERDUE")
        for query in ({"state": "TO_REVIEW", "overdue": "true"}, {"state": "TO_REVIEW", "order": "overdue"}):
            status, queue = call_api("review_api", "GET", "/dossiers", query=query)
            assert status == 200
            (item,) = [i for i in queue["items"] if i["dossier_id"] == dossier_id]
            assert item["overdue"] is True
        dossier = view(call_api, dossier_id)
        assert dossier["overdue"] is True and dossier["age_hours"] >= 0
        status, stats = call_api("review_api", "GET", "/stats")
        assert (stats["waiting"], stats["overdue"]) == (1, 1)
        assert stats["oldest_waiting_hours"] >= 0
    finally:
        monkeypatch.delenv("BILLMA_REVIEW_SLA_HOURS")
        _reset_caches()


@pytest.mark.parametrize(("role", "status"), [("reviewer", 415), ("insurer", 403)])
def test_a_body_that_is_not_json_is_refused_in_french(aws: CreatedResources, role: str, status: int) -> None:
    event = api_event("PUT", "/dossiers/unknown/reading", {"expected_version": 1, "lines": []}, role=role)
    event["headers"]["Content-Type"] = "multipart/form-data"  # no boundary: unparsable as a form
    response = handler_module("review_api").lambda_handler(event, Context())
    assert response["statusCode"] == status
    body = json.loads(response["body"])
    assert body["error"] == ("unsupported_media_type" if status == 415 else "forbidden")
    assert "JSON attendu" in body["message"] or status == 403
