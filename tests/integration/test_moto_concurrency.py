"""The embedded AWS must hold concurrent writers (the local stack runs handlers in threads)."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest

from billma_cli.local.resources import CreatedResources
from billma_core.aws import dossier_repository
from billma_core.intake import new_dossier_id
from billma_core.models import Dossier, DossierForm, DossierState
from tests.integration.conftest import VALID_FORM


@pytest.mark.slow  # 400 transactions: enough that an unguarded moto fails every time seen
def test_concurrent_transactions_all_succeed(aws: CreatedResources) -> None:
    repository = dossier_repository()
    form = DossierForm.model_validate(VALID_FORM)

    def create(_: int) -> str:
        now = dt.datetime.now(dt.UTC)
        dossier = Dossier(
            dossier_id=new_dossier_id(),
            state=DossierState.AWAITING_DOCUMENT,
            version=1,
            form=form,
            created_by="dev-portal",
            created_at=now,
            updated_at=now,
            waiting_since=now,
        )
        # One transaction each (dossier + audit); many at once used to break moto's table iteration.
        return repository.create(dossier, "dev-portal").dossier_id

    with ThreadPoolExecutor(16) as pool:
        created = list(pool.map(create, range(400)))
    assert len(set(created)) == 400
