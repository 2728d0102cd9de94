"""What the use cases need from storage, as small interfaces: dossiers (with their audit trail
and companion items) and documents. ``billma_core.repository`` (DynamoDB) and
``billma_core.storage`` (S3) implement them; the use cases (intake, the robot, reviewing,
replay) depend on these and never on boto3. Event publishing has its own in
``billma_core.outbox`` (``EventPublisher``), the robot's fingerprints in ``billma_core.robot``
(``DuplicateRegistry``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from pydantic import BaseModel

from billma_core.models import AuditEvent, Dossier, DossierState

AuditChange = tuple[dict[str, object], dict[str, object]]


@dataclass
class Page:
    items: list[Dossier]
    next_cursor: str | None


@dataclass
class Companion:
    """An item stored beside the dossier in the same transaction (``EVAL#``, ``REV#``, ``DOC#``,
    ``OUTBOX#``)."""

    sort_key: str
    payload: BaseModel
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int  # the object's size in storage
    data: bytes  # at most one byte more than the limit, so the reader sees it is too large


class Dossiers(Protocol):
    """Dossiers, each change one transaction with its audit event (optimistic locking)."""

    def create(self, dossier: Dossier, by: str) -> Dossier: ...

    def save(
        self,
        before: Dossier,
        after: Dossier,
        *,
        by: str,
        action: str,
        companions: list[Companion] | None = None,
        expected_version: int | None = None,
        details: AuditChange | None = None,
    ) -> Dossier: ...

    def get(self, dossier_id: str) -> Dossier: ...

    def audit_trail(self, dossier_id: str) -> list[AuditEvent]: ...

    def history(self, dossier_id: str, prefix: str, model: type[BaseModel]) -> list[Any]: ...

    def by_state(
        self,
        state: DossierState,
        limit: int,
        cursor: str | None,
        ascending: bool = True,
        waiting_before: datetime | None = None,
    ) -> Page: ...

    def quality_pending(self, limit: int, cursor: str | None, ascending: bool = True) -> Page: ...

    def by_reference(self, reference: str, limit: int, cursor: str | None, ascending: bool = True) -> Page: ...

    def closures(self, insurer_code: str, since: str | None, limit: int, settled_before: datetime) -> Page: ...


class Documents(Protocol):
    """The uploaded documents: where a portal uploads, where a reviewer reads, what the robot reads."""

    def presigned_post(self, key: str) -> dict[str, Any]: ...

    def presigned_get(self, key: str, filename: str) -> str: ...

    def read(self, key: str) -> StoredObject: ...
