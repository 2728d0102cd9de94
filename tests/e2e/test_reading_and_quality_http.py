"""Issue 13 over real HTTP through ``billma local``: a quote whose line the robot missed is
corrected by the reviewer (PUT /reading), judged again, audited, and closed on the corrected
figures; a stale revision and a concurrent correction are refused; with every automatic
validation drawn, the "À contrôler" queue and the agreement in /stats."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import CORPUS, VALID_FORM, Api, LocalStackProcess, running_local_stack
from tests.missed_line import missed_line, printed_totals, quote_with_a_pictured_line

pytestmark = pytest.mark.e2e

FAIR = CORPUS / "02_devis-garnier.pdf"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStackProcess]:
    # Every automatic validation drawn for a quality check.
    with running_local_stack(tmp_path_factory.mktemp("reading-stack"), {"BILLMA_AUDIT_SAMPLE_RATE": "1"}) as running:
        yield running


def _write(api: Api, method: str, path: str, body: dict[str, Any]) -> Any:
    response = api.request(method, path, token="dev-reviewer", json_body=body)
    assert response.status == 200, response.body
    return response.json()


def _submit(api: Api, document: Path | bytes, reference: str, tmp_path: Path) -> tuple[str, Any]:
    created = api.create_dossier({**VALID_FORM, "claim_reference": reference})
    assert created.status == 201, created.body
    if isinstance(document, bytes):
        path = tmp_path / "devis.pdf"
        path.write_bytes(document)
        document = path
    assert api.upload(created.json()["upload"], document).status in (200, 201, 204)
    dossier_id = created.json()["dossier_id"]
    _, view = api.wait_for_state(dossier_id, timeout=90)
    return dossier_id, view


def test_a_missed_line_added_by_the_reviewer_drives_the_closure(stack: LocalStackProcess, tmp_path: Path) -> None:
    api = Api(stack.url)
    dossier_id, view = _submit(api, quote_with_a_pictured_line(), "SIN-E2E-READING", tmp_path)
    robot = view["dossier"]["evaluation"]
    assert view["dossier"]["state"] == "TO_REVIEW"
    assert missed_line()["designation"] not in [line["designation"] for line in robot["quote"]["lines"]]
    assert "arithmetic_error" in robot["flags"]

    base = f"/dossiers/{dossier_id}"
    view = _write(api, "POST", f"{base}/assign", {"expected_version": view["dossier"]["version"]})
    view = _write(api, "PUT", f"{base}/revision", {"expected_version": view["dossier"]["version"]})
    robot_gap = view["dossier"]["revision"]["gap_ttc"]
    assert robot_gap > 200  # the missed line counts as money saved: wrong

    lines = [
        {"source_line": i, **{k: line[k] for k in ("designation", "quantity", "unit", "unit_price_ht", "tva_rate")}}
        for i, line in enumerate(robot["quote"]["lines"])
    ]
    version = view["dossier"]["version"]
    correction = {"expected_version": version, "lines": [*lines, missed_line()], "totals": printed_totals()}
    view = _write(api, "PUT", f"{base}/reading", correction)
    dossier = view["dossier"]
    evaluation = dossier["evaluation"]
    added = evaluation["lines"][-1]
    assert added["verdict"] == "OVERPRICED" and "PEI-004" in added["why"]
    assert "arithmetic_error" not in evaluation["flags"]
    assert 0 < evaluation["gap_ttc"] <= 200
    assert dossier["robot_evaluation"]["gap_ttc"] == robot["gap_ttc"]
    assert dossier["revision"]["stale"] is True
    (event,) = [e for e in view["audit"] if e["action"] == "lecture_corrigee"]
    assert event["by"] and "Peinture des plafonds" in event["after"]["reading_lines"][0]

    # A second correction on the version read before the first: 409, nothing changes.
    concurrent = api.request("PUT", f"{base}/reading", token="dev-reviewer", json_body=correction)
    assert concurrent.status == 409 and concurrent.json()["error"] == "version_conflict"

    # The revision made on the robot's reading is stale: refused at closure and for a REN.
    closing = {"expected_version": dossier["version"], "motif": "GAP_UNDER_200"}
    stale = api.request("POST", f"{base}/closure", token="dev-reviewer", json_body=closing)
    assert stale.status == 409 and stale.json()["details"]["rule"] == "revision_stale"
    assert "refaites la révision" in stale.json()["message"]

    view = _write(api, "PUT", f"{base}/revision", {"expected_version": dossier["version"]})
    revision = view["dossier"]["revision"]
    assert revision["stale"] is False and revision["gap_ttc"] == evaluation["gap_ttc"]
    view = _write(
        api, "POST", f"{base}/closure", {"expected_version": view["dossier"]["version"], "motif": "GAP_UNDER_200"}
    )
    closure = view["dossier"]["closure"]
    assert closure["motif"] == "GAP_UNDER_200"
    assert closure["settlement"]["amount"] == float(printed_totals()["total_ttc"])


def test_a_drawn_automatic_validation_is_checked_and_counted(stack: LocalStackProcess, tmp_path: Path) -> None:
    api = Api(stack.url)
    dossier_id, view = _submit(api, FAIR, "SIN-E2E-QUALITY", tmp_path)
    assert view["dossier"]["closure"]["motif"] == "AUTO_VALIDATED"

    queue = api.request("GET", "/dossiers?quality_check=pending", token="dev-reviewer")
    assert queue.status == 200
    assert dossier_id in [item["dossier_id"] for item in queue.json()["items"]]

    before = api.request("GET", "/stats", token="dev-reviewer").json()
    _write(
        api,
        "POST",
        f"/dossiers/{dossier_id}/quality-check",
        {"expected_version": view["dossier"]["version"], "agree": True, "comment": "conforme"},
    )
    queue = api.request("GET", "/dossiers?quality_check=pending", token="dev-reviewer").json()
    assert dossier_id not in [item["dossier_id"] for item in queue["items"]]
    after = api.request("GET", "/stats", token="dev-reviewer").json()
    assert after["quality_checked"] == before["quality_checked"] + 1
    assert after["quality_agreed"] == before["quality_agreed"] + 1
    low, high = after["quality_agreement_interval_95"]
    assert low <= after["quality_agreement_rate"] <= high
