"""The DynamoDB repository under moto: optimistic locking, audit trail, duplicate claims,
pagination from the indexes."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest

from billma_cli.local.resources import CreatedResources
from billma_core.aws import dossier_repository
from billma_core.errors import NotFound, ValidationFailed, VersionConflict
from billma_core.intake import new_dossier_id
from billma_core.models import Dossier, DossierForm, DossierState
from tests.integration.conftest import VALID_FORM, ApiCall


def _dossier(reference: str = "SIN-REPO") -> Dossier:
    now = dt.datetime.now(dt.UTC)
    return Dossier(
        dossier_id=new_dossier_id(),
        state=DossierState.AWAITING_DOCUMENT,
        version=1,
        form=DossierForm.model_validate({**VALID_FORM, "claim_reference": reference}),
        created_by="dev-portal",
        created_at=now,
        updated_at=now,
        waiting_since=now,
    )


def test_save_bumps_the_version_and_refuses_a_stale_one(aws: CreatedResources) -> None:
    repository = dossier_repository()
    dossier = repository.create(_dossier(), "dev-portal")
    saved = repository.save(
        dossier, dossier.model_copy(update={"state": DossierState.ANALYSING}), by="robot", action="document_recu"
    )
    assert saved.version == 2
    assert repository.get(dossier.dossier_id).state is DossierState.ANALYSING
    with pytest.raises(VersionConflict, match="modifié entre-temps"):
        repository.save(
            dossier, dossier.model_copy(update={"state": DossierState.TO_REVIEW}), by="someone", action="late_write"
        )
    assert repository.get(dossier.dossier_id).version == 2
    trail = repository.audit_trail(dossier.dossier_id)
    assert [event.action for event in trail] == ["dossier_cree", "document_recu"]
    assert trail[1].before == {"state": "AWAITING_DOCUMENT"}
    assert trail[1].after == {"state": "ANALYSING"}


def test_concurrent_writers_one_wins(aws: CreatedResources) -> None:
    repository = dossier_repository()
    dossier = repository.create(_dossier(), "dev-portal")

    def write(n: int) -> str:
        try:
            repository.save(dossier, dossier.model_copy(update={"assigned_to": f"r{n}"}), by=f"r{n}", action="x")
        except VersionConflict:
            return "conflict"
        return "ok"

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(write, range(8)))
    assert results.count("ok") == 1
    assert repository.get(dossier.dossier_id).version == 2


def test_unknown_dossier_is_not_found(aws: CreatedResources) -> None:
    with pytest.raises(NotFound):
        dossier_repository().get("nope")


def test_hash_claim_first_dossier_wins_and_the_owner_may_claim_again(aws: CreatedResources) -> None:
    repository = dossier_repository()
    key = f"HASH#{new_dossier_id()}"
    claimants = [new_dossier_id() for _ in range(6)]
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda dossier_id: repository.claim(key, dossier_id), claimants))
    winners = [c for c, r in zip(claimants, results, strict=True) if r is None]
    assert len(winners) == 1
    assert all(r == winners[0] for r in results if r is not None)
    assert repository.claim(key, winners[0]) is None


def test_queue_pages_through_the_state_index(aws: CreatedResources) -> None:
    repository = dossier_repository()
    reference = f"SIN-PAGE-{new_dossier_id()[:8]}"
    created = {repository.create(_dossier(reference), "dev-portal").dossier_id for _ in range(5)}
    seen: list[str] = []
    cursor = None
    while True:
        page = repository.by_reference(reference, 2, cursor)
        seen += [d.dossier_id for d in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert set(seen) == created
    assert len(seen) == 5
    with pytest.raises(ValidationFailed):
        repository.by_reference(reference, 2, "pas-un-curseur")


def test_queue_order_oldest_or_newest_first(call_api: ApiCall, aws: CreatedResources) -> None:
    repository = dossier_repository()
    reference = f"SIN-ORDER-{new_dossier_id()[:8]}"
    created = [repository.create(_dossier(reference), "dev-portal").dossier_id for _ in range(3)]
    _, oldest = call_api("review_api", "GET", "/dossiers", query={"reference": reference})
    _, newest = call_api("review_api", "GET", "/dossiers", query={"reference": reference, "order": "newest"})
    assert [item["dossier_id"] for item in oldest["items"]] == created
    assert [item["dossier_id"] for item in newest["items"]] == created[::-1]
