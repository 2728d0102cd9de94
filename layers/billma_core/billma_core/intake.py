"""Dossiers coming in: creation from the upload form, a fresh upload URL, and the robot's
writes (document received, evaluation decided). Plain functions over the repository and the
document store; the Lambda handlers only call them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import uuid4

from aws_lambda_powertools import Logger

from billma_core.models import (
    DocumentRecord,
    Dossier,
    DossierForm,
    DossierState,
    Evaluation,
    Flag,
    MotifCode,
    Outcome,
    Principal,
    utc_now,
)
from billma_core.repository import Companion, DossierRepository
from billma_core.review import ROBOT, close, quality, require_state
from billma_core.review.transitions import Action
from billma_core.settings import Settings
from billma_core.storage import DocumentStore, dossier_id_of, upload_key

logger = Logger(child=True)

# What the robot runs on a document's bytes for a dossier (the pipeline of billma_core.robot).
Evaluator = Callable[[bytes, Dossier], Evaluation]

ROBOT_ERROR_REASON = (
    "Le robot n'a pas pu traiter ce document après plusieurs tentatives : il est transmis tel quel à un Billmateur."
)


def new_dossier_id() -> str:
    return uuid4().hex


def create_dossier(
    form: DossierForm,
    principal: Principal,
    repository: DossierRepository,
    store: DocumentStore,
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
    state = require_state(dossier, Action.REUPLOAD)
    key = upload_key(dossier_id)
    # The previous document's evaluation stays in the history (EVAL# items); the new document
    # starts a fresh review.
    updated = dossier.model_copy(
        update={"upload_key": key, "state": state, "evaluation": None, "revision": None, "assigned_to": None}
    )
    stored = repository.save(dossier, updated, by=principal.subject, action="nouveau_depot")
    return stored, store.presigned_post(key)


def _current_upload(key: str, repository: DossierRepository) -> Dossier | None:
    """The dossier this object is the current upload of; None for a foreign or superseded key
    (a newer upload replaced it), which the robot then ignores."""
    dossier_id = dossier_id_of(key)
    if dossier_id is None:
        logger.warning("objet hors du préfixe des dépôts ignoré", extra={"key": key})
        return None
    dossier = repository.get(dossier_id)
    if dossier.upload_key != key:
        logger.info("dépôt remplacé depuis, ignoré", extra={"dossier_id": dossier_id})
        return None
    return dossier


def _evaluated(dossier: Dossier, key: str) -> bool:
    return dossier.evaluation is not None and dossier.document is not None and dossier.document.s3_key == key


def process_upload(
    key: str,
    repository: DossierRepository,
    store: DocumentStore,
    evaluator: Evaluator,
    settings: Settings,
    now: Callable[[], datetime] = utc_now,
) -> Dossier | None:
    """The robot on one uploaded object: record the document (ANALYSING), evaluate it, then
    write the evaluation and the new state in one transaction. Safe to run twice on the same
    event: an evaluated upload is left as it is."""
    dossier = _current_upload(key, repository)
    if dossier is None or _evaluated(dossier, key):
        return dossier
    stored = store.read(key)
    record = DocumentRecord(
        doc_id=key.rsplit("/", 1)[-1],
        s3_key=key,
        sha256=hashlib.sha256(stored.data).hexdigest(),
        size=stored.size,
        received_at=now(),
    )
    if dossier.document is None or dossier.document.s3_key != key:
        analysing = dossier.model_copy(update={"state": DossierState.ANALYSING, "document": record, "evaluation": None})
        dossier = repository.save(
            dossier,
            analysing,
            by=ROBOT,
            action="document_recu",
            companions=[Companion(f"DOC#{record.doc_id}", record)],
        )
    # The reader sees the size S3 reports, not the (capped) bytes read.
    evaluation = evaluator(stored.data, dossier)
    return _store_evaluation(dossier, evaluation, repository, settings, now())


def _store_evaluation(
    dossier: Dossier, evaluation: Evaluation, repository: DossierRepository, settings: Settings, at: datetime
) -> Dossier:
    document = dossier.document
    assert document is not None  # recorded before any evaluation
    document = document.model_copy(update={"media_type": evaluation.media_type})
    evaluated = dossier.model_copy(update={"evaluation": evaluation, "document": document})
    if evaluation.outcome is Outcome.AUTO_VALIDATED:
        closure = close(evaluated, MotifCode.AUTO_VALIDATED, None, None, ROBOT, at, settings)
        evaluated = evaluated.model_copy(update={"state": DossierState.CLOSED, "closure": closure})
        evaluated = evaluated.model_copy(update={"quality_check": quality.draw(evaluated, settings, at)})
    else:
        evaluated = evaluated.model_copy(update={"state": DossierState.TO_REVIEW})
    return repository.save(
        dossier,
        evaluated,
        by=ROBOT,
        action=f"robot_{evaluation.outcome.value}",
        companions=[Companion(f"EVAL#{document.doc_id}", evaluation)],
    )


def give_up_upload(
    key: str, repository: DossierRepository, settings: Settings, now: Callable[[], datetime] = utc_now
) -> Dossier | None:
    """After the dead-letter queue: the dossier goes to review with ``robot_error``, never
    stays in ANALYSING (nothing is lost: the document is still in S3)."""
    dossier = _current_upload(key, repository)
    if dossier is None or _evaluated(dossier, key) or dossier.state is DossierState.CLOSED:
        return dossier
    moment = now()
    if dossier.document is None or dossier.document.s3_key != key:
        record = DocumentRecord(doc_id=key.rsplit("/", 1)[-1], s3_key=key, sha256="", size=0, received_at=moment)
        dossier = dossier.model_copy(update={"document": record})
    evaluation = Evaluation(
        sha256=dossier.document.sha256 if dossier.document else "",
        outcome=Outcome.NEEDS_REVIEW,
        flags=[Flag.ROBOT_ERROR],
        reason=ROBOT_ERROR_REASON,
        evaluated_at=moment,
    )
    return _store_evaluation(dossier, evaluation, repository, settings, moment)
