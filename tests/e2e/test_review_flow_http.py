"""Issue 5 over real HTTP: an inflated corpus quote goes TO_REVIEW → assign → revise → REN
proposed → refused → INDEMNITY_REVISED; the insurer sees the closure once in its feed, with
indemnity = revised total − deductible; the report PDF opens and names the motif."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader

from tests.e2e.conftest import CORPUS, VALID_FORM, Api, LocalStackProcess, running_local_stack

pytestmark = pytest.mark.e2e

INFLATED = CORPUS / "05_devis-bonnet.pdf"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStackProcess]:
    with running_local_stack(tmp_path_factory.mktemp("review-stack")) as running:
        yield running


def _write(api: Api, method: str, path: str, body: dict[str, Any]) -> Any:
    response = api.request(method, path, token="dev-reviewer", json_body=body)
    assert response.status == 200, response.body
    return response.json()


def test_inflated_quote_to_indemnity_revised(stack: LocalStackProcess) -> None:
    api = Api(stack.url)
    created = api.create_dossier({**VALID_FORM, "claim_reference": "SIN-E2E-REVIEW", "deductible": 150})
    assert created.status == 201
    dossier_id = created.json()["dossier_id"]
    assert api.upload(created.json()["upload"], INFLATED).status in (200, 201, 204)
    state, view = api.wait_for_state(dossier_id, timeout=60)
    assert state == "TO_REVIEW"
    assert "overpriced" in view["dossier"]["evaluation"]["flags"]

    queue = api.request("GET", "/dossiers?state=TO_REVIEW&limit=50", token="dev-reviewer").json()
    assert dossier_id in [item["dossier_id"] for item in queue["items"]]

    base = f"/dossiers/{dossier_id}"
    view = _write(api, "POST", f"{base}/assign", {"expected_version": view["dossier"]["version"]})
    view = _write(api, "PUT", f"{base}/revision", {"expected_version": view["dossier"]["version"]})
    revision = view["dossier"]["revision"]
    assert revision["gap_ttc"] > 200
    view = _write(api, "POST", f"{base}/ren", {"expected_version": view["dossier"]["version"], "decision": "PROPOSED"})
    view = _write(api, "POST", f"{base}/ren", {"expected_version": view["dossier"]["version"], "decision": "REFUSED"})
    closing = api.request(
        "POST",
        f"{base}/closure",
        token="dev-reviewer",
        json_body={
            "expected_version": view["dossier"]["version"],
            "motif": "INDEMNITY_REVISED",
            "reason": "OVERVALUED",
        },
    )
    assert closing.status == 200, closing.body

    items: list[dict[str, Any]] = []
    cursor = ""
    for _ in range(30):
        feed = api.request("GET", f"/closures?limit=50{'&since=' + cursor if cursor else ''}", token="dev-insurer")
        assert feed.status == 200, feed.body
        items += feed.json()["items"]
        cursor = feed.json()["next_cursor"]
        if any(item["dossier_id"] == dossier_id for item in items):
            break
        time.sleep(0.5)  # the feed shows closures once they have settled
    ours = [item for item in items if item["dossier_id"] == dossier_id]
    assert len(ours) == 1
    settlement = ours[0]["settlement"]
    assert ours[0]["motif"] == "INDEMNITY_REVISED"
    assert settlement["indemnity"] == pytest.approx(revision["revised_total_ttc"] - 150, abs=0.001)

    report = api.request("GET", f"{base}/report", token="dev-reviewer", headers={"Accept": "application/pdf"})
    assert report.status == 200
    assert report.headers.get("Content-Type", "").startswith("application/pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report.body)).pages)
    assert "indemnisation révisé" in text
