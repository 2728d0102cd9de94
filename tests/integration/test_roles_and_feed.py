"""The role matrix over every route, and the closure feed under concurrent closures."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from billma_cli.local.resources import CreatedResources
from billma_core.aws import dossier_repository
from billma_core.intake import new_dossier_id
from billma_core.models import Dossier, DossierForm, DossierState, Evaluation, Outcome
from billma_core.settings import get_settings
from tests.integration.conftest import VALID_FORM, ApiCall

ROLES = ("portal", "reviewer", "insurer")

# (function, method, path template, body, roles allowed)
ROUTES = [
    ("upload", "POST", "/dossiers", VALID_FORM, {"portal"}),
    ("upload", "POST", "/dossiers/{id}/upload", None, {"portal"}),
    ("review_api", "GET", "/dossiers", None, {"reviewer"}),
    ("review_api", "GET", "/dossiers/{id}", None, {"reviewer", "insurer", "portal"}),
    ("review_api", "GET", "/dossiers/{id}/document", None, {"reviewer"}),
    ("review_api", "POST", "/dossiers/{id}/assign", {"expected_version": 1}, {"reviewer"}),
    ("review_api", "PUT", "/dossiers/{id}/revision", {"expected_version": 1}, {"reviewer"}),
    ("review_api", "POST", "/dossiers/{id}/ren", {"expected_version": 1, "decision": "PROPOSED"}, {"reviewer"}),
    ("review_api", "GET", "/dossiers/{id}/report", None, {"reviewer", "insurer"}),
    ("review_api", "GET", "/bareme", None, {"reviewer"}),
    ("review_api", "GET", "/stats", None, {"reviewer"}),
    ("close", "POST", "/dossiers/{id}/closure", {"expected_version": 1, "motif": "COVER_REFUSED"}, {"reviewer"}),
    ("close", "GET", "/closures", None, {"insurer"}),
]


def _in_review(reference: str = "SIN-ROLES") -> Dossier:
    """A dossier a reviewer holds (written through the repository: the robot is not the subject)."""
    now = dt.datetime.now(dt.UTC)
    dossier = Dossier(
        dossier_id=new_dossier_id(),
        state=DossierState.IN_REVIEW,
        version=1,
        form=DossierForm.model_validate({**VALID_FORM, "claim_reference": reference}),
        created_by="dev-portal",
        created_at=now,
        updated_at=now,
        waiting_since=now,
        assigned_to="dev-reviewer",
        evaluation=Evaluation(sha256="0" * 64, outcome=Outcome.NEEDS_REVIEW, reason="test"),
    )
    return dossier_repository().create(dossier, "test")


@pytest.mark.parametrize(("function", "method", "path", "body", "allowed"), ROUTES)
def test_role_matrix(
    call_api: ApiCall, aws: CreatedResources, function: str, method: str, path: str, body: object, allowed: set[str]
) -> None:
    for role in (*ROLES, None):
        dossier = _in_review()
        status, answer = call_api(function, method, path.replace("{id}", dossier.dossier_id), body, role=role)
        if role is None:
            assert status == 401, (role, answer)
        elif role in allowed:
            assert status not in (401, 403), (role, status, answer)
            assert status < 500
        else:
            assert status == 403, (role, status, answer)
            assert answer["error"] == "forbidden"
            assert answer["message"].startswith("Accès refusé")


def test_concurrent_closures_are_each_seen_once_by_a_poller(
    call_api: ApiCall, aws: CreatedResources, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real settle window: closures commit while the poller reads.
    monkeypatch.setenv("BILLMA_FEED_SETTLE_SECONDS", "1")
    get_settings.cache_clear()
    try:
        dossiers = [_in_review(f"SIN-FEED-{n}") for n in range(24)]
        seen: list[str] = []
        cursor: str | None = None
        done = threading.Event()

        def poll_once() -> None:
            nonlocal cursor
            query = {"limit": "5", **({"since": cursor} if cursor else {})}
            status, feed = call_api("close", "GET", "/closures", role="insurer", query=query)
            assert status == 200, feed
            seen.extend(item["dossier_id"] for item in feed["items"])
            cursor = feed["next_cursor"]

        def poller() -> None:
            while not done.is_set():
                poll_once()

        def close(dossier: Dossier) -> int:
            status, _ = call_api(
                "close",
                "POST",
                f"/dossiers/{dossier.dossier_id}/closure",
                {"expected_version": 1, "motif": "COVER_REFUSED"},
            )
            return status

        polling = threading.Thread(target=poller)
        polling.start()
        with ThreadPoolExecutor(6) as pool:
            statuses = list(pool.map(close, dossiers))
        time.sleep(float(os.environ["BILLMA_FEED_SETTLE_SECONDS"]) + 0.2)
        done.set()
        polling.join()
        for _ in range(10):  # drain what is left after the last closure settled
            poll_once()
        assert statuses == [200] * len(dossiers)
        ours = [d for d in seen if d in {x.dossier_id for x in dossiers}]
        assert sorted(ours) == sorted(d.dossier_id for d in dossiers)
        assert len(ours) == len(set(ours))
    finally:
        get_settings.cache_clear()
