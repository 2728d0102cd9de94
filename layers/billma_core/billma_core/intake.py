"""Dossiers coming in: creation from the upload form, a fresh upload URL, and the robot's
writes (document received, evaluation decided). Plain functions over the repository and the
document store; the Lambda handlers only call them."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import uuid4

from billma_core.errors import RuleViolation
from billma_core.models import (
    Dossier,
    DossierForm,
    DossierState,
    Principal,
    utc_now,
)
from billma_core.repository import DossierRepository
from billma_core.storage import DocumentStore, upload_key


def new_dossier_id() -> str:
    return uuid4().hex


def create_dossier(
    form: DossierForm, principal: Principal, repository: DossierRepository, store: DocumentStore,
    now: datetime | None = None,
) -> tuple[Dossier, dict[str, Any]]:
    """A dossier waiting for its document, and the presigned POST to upload it."""
    moment = now or utc_now()
    dossier_id = new_dossier_id()
    key = upload_key(dossier_id)
    dossier = Dossier(
        dossier_id=dossier_id,
        state=DossierState.AWAITING_DOCUMENT,
        version=1,
        form=form,
        created_by=principal.subject,
        created_at=moment,
        updated_at=moment,
        waiting_since=moment,
        upload_key=key,
    )
    repository.create(dossier, principal.subject)
    return dossier, store.presigned_post(key)


def renew_upload(
    dossier_id: str, principal: Principal, repository: DossierRepository, store: DocumentStore
) -> tuple[Dossier, dict[str, Any]]:
    """A fresh presigned POST (new key) while the dossier is not closed: the previous
    document and its evaluation stay in the history."""
    dossier = repository.get(dossier_id)
    if dossier.state is DossierState.CLOSED:
        raise RuleViolation("Le dossier est clos : un nouveau document ne peut plus y être déposé.")
    key = upload_key(dossier_id)
    updated = dossier.model_copy(update={"upload_key": key, "state": DossierState.AWAITING_DOCUMENT})
    stored = repository.save(dossier, updated, by=principal.subject, action="nouveau_depot")
    return stored, store.presigned_post(key)
