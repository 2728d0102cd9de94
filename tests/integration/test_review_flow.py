"""Review and closure through the real handlers under moto, on a corpus quote read by the
real robot: queue, assign, revise, REN, closure, feed, report, roles, stale versions."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from billma_cli.local.resources import CreatedResources
from tests.integration.conftest import CORPUS, ApiCall
from tests.integration.robot_flow import submit, view

INFLATED = CORPUS / "04_Devis_LEFEVRE_2025_745.pdf"


@pytest.fixture(autouse=True)
def _empty_table(fresh_aws: CreatedResources) -> None:
    """Each test's documents are first uploads (duplicates are detected table-wide)."""


@pytest.fixture
def inflated(call_api: ApiCall, aws: CreatedResources) -> str:
    return submit(call_api, aws, INFLATED, claim_reference="SIN-INFLATED", deductible=150)


def test_robot_sends_an_inflated_quote_to_review(call_api: ApiCall, inflated: str) -> None:
    dossier = view(call_api, inflated)["dossier"]
    assert dossier["state"] == "TO_REVIEW"
    assert dossier["evaluation"]["outcome"] == "needs_review"
    assert "overpriced" in dossier["evaluation"]["flags"]
    status, queue = call_api("review_api", "GET", "/dossiers", query={"reference": "SIN-INFLATED"})
    assert status == 200
    assert inflated in [item["dossier_id"] for item in queue["items"]]


def test_revision_preview_computes_what_the_revision_will_store_and_writes_nothing(
    call_api: ApiCall, inflated: str
) -> None:
    version = view(call_api, inflated)["dossier"]["version"]
    version = call_api("review_api", "POST", f"/dossiers/{inflated}/assign", {"expected_version": version})[1][
        "dossier"
    ]["version"]
    decisions = [
        {"line": 0, "action": "SET", "quantity": 2, "unit_price_ht": 12.35},
        {"line": 1, "action": "EXCLUDE", "reason": "NOT_COVERED"},
    ]
    body = {"expected_version": version, "decisions": decisions}
    status, preview = call_api("review_api", "POST", f"/dossiers/{inflated}/revision/preview", body)
    assert status == 200, preview
    assert preview["lines"][0]["revised_total_ht"] == pytest.approx(24.70)
    assert preview["lines"][1]["revised_total_ht"] == 0
    after = view(call_api, inflated)["dossier"]
    assert after["version"] == version and after["revision"] is None  # nothing written

    status, stored = call_api("review_api", "PUT", f"/dossiers/{inflated}/revision", body)
    assert status == 200, stored
    revision = stored["dossier"]["revision"]
    for key in ("revised_total_ht", "revised_total_ttc", "gap_ttc", "ren_eligible"):
        assert revision[key] == preview[key], key
    # The page shows what the quote asks and each motif's settlement from the server, not its own sums.
    assert stored["quote_total_ttc"] == pytest.approx(revision["gap_ttc"] + revision["revised_total_ttc"])
    motifs = {item["motif"]: item for item in stored["motifs"]}
    assert not motifs["INDEMNITY_REVISED"]["allowed"]  # no REN refused yet, but its settlement is known
    assert motifs["INDEMNITY_REVISED"]["settlement"]["amount"] == revision["revised_total_ttc"]
    # The same rules refuse the same bad decisions, with the same French message.
    bad = {"expected_version": stored["dossier"]["version"], "decisions": [{"line": 99, "action": "EXCLUDE"}]}
    refused = call_api("review_api", "POST", f"/dossiers/{inflated}/revision/preview", bad)
    assert refused[0] == 422 and refused == call_api("review_api", "PUT", f"/dossiers/{inflated}/revision", bad)


def test_full_review_to_indemnity_revised(call_api: ApiCall, inflated: str) -> None:
    version = view(call_api, inflated)["dossier"]["version"]
    status, body = call_api("review_api", "POST", f"/dossiers/{inflated}/assign", {"expected_version": version})
    assert status == 200, body
    assert body["dossier"]["state"] == "IN_REVIEW"

    # Stale version: 409, nothing changes.
    status, body = call_api("review_api", "PUT", f"/dossiers/{inflated}/revision", {"expected_version": version})
    assert status == 409
    assert body["error"] == "version_conflict"

    version += 1
    status, body = call_api("review_api", "PUT", f"/dossiers/{inflated}/revision", {"expected_version": version})
    assert status == 200, body
    revision = body["dossier"]["revision"]
    assert revision["gap_ttc"] > 200
    assert revision["ren_eligible"] is True

    version = body["dossier"]["version"]
    status, body = call_api(
        "review_api", "POST", f"/dossiers/{inflated}/ren", {"expected_version": version, "decision": "PROPOSED"}
    )
    assert status == 200, body
    assert body["dossier"]["state"] == "REN_PROPOSED"
    allowed = {m["motif"] for m in body["motifs"] if m["allowed"]}
    assert "INDEMNITY_REVISED" not in allowed  # REN not answered yet

    version = body["dossier"]["version"]
    status, body = call_api(
        "review_api", "POST", f"/dossiers/{inflated}/ren", {"expected_version": version, "decision": "REFUSED"}
    )
    assert status == 200, body

    version = body["dossier"]["version"]
    status, body = call_api(
        "close", "POST", f"/dossiers/{inflated}/closure", {"expected_version": version, "motif": "GAP_UNDER_200"}
    )
    assert status == 409
    assert body["error"] == "rule_violation"
    status, body = call_api(
        "close",
        "POST",
        f"/dossiers/{inflated}/closure",
        {"expected_version": version, "motif": "INDEMNITY_REVISED", "reason": "OVERVALUED"},
    )
    assert status == 200, body
    closure = body["dossier"]["closure"]
    assert closure["settlement"]["indemnity"] == pytest.approx(revision["revised_total_ttc"] - 150, abs=0.001)

    # A closed dossier is final.
    status, body = call_api(
        "close",
        "POST",
        f"/dossiers/{inflated}/closure",
        {"expected_version": body["dossier"]["version"], "motif": "INDEMNITY_REVISED"},
    )
    assert status == 409

    # The insurer sees it in its feed, once, and the other insurer does not.
    seen = []
    cursor = None
    while True:
        query = {"limit": "50", **({"since": cursor} if cursor else {})}
        status, feed = call_api("close", "GET", "/closures", role="insurer", query=query)
        assert status == 200, feed
        seen += [item["dossier_id"] for item in feed["items"]]
        if not feed["items"]:
            break
        cursor = feed["next_cursor"]
    assert seen.count(inflated) == 1
    _, other = call_api("close", "GET", "/closures", role="other-insurer")
    assert inflated not in [item["dossier_id"] for item in other["items"]]

    status, pdf = call_api("review_api", "GET", f"/dossiers/{inflated}/report")
    assert status == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(_bytes(pdf))).pages)
    assert "indemnisation" in text.lower()

    audit = view(call_api, inflated)["audit"]
    assert [event["action"] for event in audit][:3] == ["dossier_cree", "document_recu", "robot_needs_review"]
    assert audit[-1]["action"] == "cloture_indemnity_revised"


def _bytes(payload: object) -> bytes:
    import base64

    assert isinstance(payload, str)
    return base64.b64decode(payload)


def test_insurers_and_portals_read_only_their_own_dossiers(call_api: ApiCall, inflated: str) -> None:
    assert call_api("review_api", "GET", f"/dossiers/{inflated}", role="insurer")[0] == 200
    assert call_api("review_api", "GET", f"/dossiers/{inflated}", role="other-insurer")[0] == 403
    assert call_api("review_api", "GET", f"/dossiers/{inflated}", role="portal")[0] == 200  # it created it
    assert call_api("review_api", "GET", f"/dossiers/{inflated}", role="other-portal")[0] == 403
    assert call_api("review_api", "GET", "/dossiers", role="insurer")[0] == 403
