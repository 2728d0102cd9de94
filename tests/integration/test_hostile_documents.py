"""Every hostile document ends in a dossier in TO_REVIEW with a French reason, through the
real path (presigned POST, S3 notification, SQS, robot handler)."""

from __future__ import annotations

import pytest

from billma_cli.local.resources import CreatedResources
from tests.hostile_documents import HOSTILE
from tests.integration.conftest import ApiCall
from tests.integration.robot_flow import submit, view

EXPECTED_FLAGS = {
    "zero_bytes": {"unreadable", "unsupported_type"},
    "truncated_pdf": {"unreadable"},
    "encrypted_pdf": {"encrypted"},
    "many_pages_pdf": {"too_large"},
    "decompression_bomb_png": {"too_large"},
    "wrong_magic_bytes": {"unsupported_type"},
    "eleven_megabytes": {"too_large"},
}

# Each runs the whole robot path, some several times: part of the slow run (.ci/run).
pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _empty_table(fresh_aws: CreatedResources) -> None:
    """Each test's documents are first uploads (duplicates are detected table-wide)."""


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_document_goes_to_review_with_a_reason(name: str, call_api: ApiCall, aws: CreatedResources) -> None:
    dossier_id = submit(call_api, aws, HOSTILE[name](), claim_reference=f"SIN-HOSTILE-{name}")
    dossier = view(call_api, dossier_id)["dossier"]
    evaluation = dossier["evaluation"]
    assert evaluation is not None, f"{name}: no evaluation"
    if name in EXPECTED_FLAGS:
        assert dossier["state"] == "TO_REVIEW"
        assert evaluation["outcome"] == "document_rejected"
        assert EXPECTED_FLAGS[name] & set(evaluation["flags"]), evaluation["flags"]
        assert evaluation["reason"]
    else:
        # Readable but odd (scripts, attachments, thousands of lines): judged, never auto-validated
        # blindly, and never lost.
        assert dossier["state"] in {"TO_REVIEW", "CLOSED"}
        assert evaluation["outcome"] != "auto_validated" or not evaluation["flags"]
    assert dossier["document"]["size"] > 0 or name == "zero_bytes"
