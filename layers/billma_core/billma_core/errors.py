"""One error hierarchy. Each error carries a machine code, an HTTP status and a French message;
handlers map them to ``{"error", "message", "details"}`` in one place (``billma_core.http``)."""

from __future__ import annotations

from typing import Any


class BillmaError(Exception):
    """Base of every error BillMA raises on purpose."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def to_body(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, "details": self.details}


class ValidationFailed(BillmaError):
    status = 422
    code = "validation_error"


class UnsupportedMediaType(BillmaError):
    """A request body in a format the API does not take (every body is JSON)."""

    status = 415
    code = "unsupported_media_type"


class Unauthenticated(BillmaError):
    status = 401
    code = "unauthenticated"


class Forbidden(BillmaError):
    status = 403
    code = "forbidden"


class NotFound(BillmaError):
    status = 404
    code = "not_found"


class Conflict(BillmaError):
    status = 409
    code = "conflict"


class VersionConflict(Conflict):
    """The dossier changed since the caller read it (optimistic locking)."""

    code = "version_conflict"


class RuleViolation(Conflict):
    """A business rule refuses the change (closure motif, REN, final dossier...)."""

    code = "rule_violation"


class PublishFailed(BillmaError):
    """The event bus did not take an event; the outbox keeps it for the next attempt."""

    status = 503
    code = "publish_failed"
