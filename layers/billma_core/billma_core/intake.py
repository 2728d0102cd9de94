"""Dossiers coming in: creation from the upload form and a fresh upload URL. Plain functions
over the dossiers and documents interfaces; the Lambda handlers only call them. What the robot
does with an upload is ``billma_core.robot``."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import uuid4

from billma_core.models import (
    Dossier,
    DossierForm,
    DossierState,
    Principal,
    utc_now,
)
from billma_core.ports import Documents, Dossiers
from billma_core.review import require_state
from billma_core.review.transitions import Action
from billma_core.storage import upload_key


def new_dossier_id() -> str:
    return uuid4().hex


def create_dossier(
    form: DossierForm,
    principal: Principal,
    repository: Dossiers,
    store: Documents,
    default_insurer: str,
    now: datetime | None = None,
) -> tuple[Dossier, dict[str, Any]]:
    """A dossier waiting for its document, and the presigned POST to upload it. A form that
    names no insurer gets the deployment's (``Settings.default_insurer``)."""
    moment = now or utc_now()
    if "insurer_code" not in form.model_fields_set:
        form = form.model_copy(update={"insurer_code": default_insurer})
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
    dossier_id: str, principal: Principal, repository: Dossiers, store: Documents
) -> tuple[Dossier, dict[str, Any]]:
    """A fresh presigned POST (new key) while the dossier is not closed: the previous
    document and its evaluation stay in the history."""
    dossier = repository.get(dossier_id)
    state = require_state(dossier, Action.REUPLOAD)
    key = upload_key(dossier_id)
    # The previous document's evaluation stays in the history (EVAL# items); the new document
    # starts a fresh review.
    updated = dossier.model_copy(
        update={"upload_key": key, "state": state, "evaluation": None, "revision": None, "assigned_to": None}
    )
    stored = repository.save(dossier, updated, by=principal.subject, action="nouveau_depot")
    return stored, store.presigned_post(key)
