"""``billma local --data-dir D`` keeps what it answered: a dossier, its document and its audit
trail are there, at the same version, after a Ctrl-C and a restart on D, and after ``kill -9``
of the whole process group; an upload answered just before the kill is evaluated after it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import CORPUS, VALID_FORM, Api, http_request, running_local_stack

pytestmark = pytest.mark.e2e

DOCUMENT = CORPUS / "04_Devis_LEFEVRE_2025_745.pdf"


def create_and_upload(api: Api, reference: str) -> str:
    created = api.create_dossier({**VALID_FORM, "claim_reference": reference})
    assert created.status == 201, created.body
    ticket = created.json()
    assert api.upload(ticket["upload"], DOCUMENT).status in (200, 201, 204)
    return str(ticket["dossier_id"])


def kept(api: Api, dossier_id: str) -> dict[str, Any]:
    """What must survive: state, version, document record and bytes, audit trail."""
    view = api.dossier(dossier_id)
    assert view.status == 200, view.body
    payload = view.json()
    link = api.request("GET", f"/dossiers/{dossier_id}/document", token="dev-reviewer")
    assert link.status == 200, link.body
    document = http_request("GET", link.json()["url"])
    assert document.status == 200
    return {
        "state": payload["dossier"]["state"],
        "version": payload["dossier"]["version"],
        "document": payload["dossier"]["document"],
        "audit": payload["audit"],
        "bytes": document.body,
    }


def test_data_survives_ctrl_c_and_kill_9(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    runs = [tmp_path / f"run-{n}" for n in range(3)]
    for run in runs:
        run.mkdir()

    with running_local_stack(runs[0], data_dir=data_dir) as stack:
        api = Api(stack.url)
        first = create_and_upload(api, "SIN-RESTART-1")
        api.wait_for_state(first, timeout=120)
        before = kept(api, first)
    assert before["bytes"] == DOCUMENT.read_bytes()

    with running_local_stack(runs[1], data_dir=data_dir) as stack:
        api = Api(stack.url)
        assert kept(api, first) == before
        second = create_and_upload(api, "SIN-RESTART-2")
        stack.kill_group()  # the upload was answered 2xx: it must not be lost

    with running_local_stack(runs[2], data_dir=data_dir) as stack:
        api = Api(stack.url)
        assert kept(api, first) == before
        _, payload = api.wait_for_state(second, timeout=120)
        assert payload["dossier"]["document"]["size"] == DOCUMENT.stat().st_size
        assert sum(event["action"].startswith("robot_") for event in payload["audit"]) == 1, payload["audit"]
        listed = api.request("GET", "/dossiers?reference=SIN-RESTART-2", token="dev-reviewer").json()
        assert [item["dossier_id"] for item in listed["items"]] == [second]
