"""Request bodies of the review and closure routes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from billma_core.models import LineDecision, MotifCode, RenDecision
from billma_core.review import RenOpening


class _Write(BaseModel):
    model_config = ConfigDict(extra="forbid")

    expected_version: int = Field(ge=1, description="Version du dossier lue par l'appelant (verrou optimiste)")


class AssignBody(_Write):
    pass


class RevisionBody(_Write):
    decisions: list[LineDecision] = Field(default_factory=list, max_length=2000)
    comment: str | None = Field(default=None, max_length=4000)


class RenBody(_Write):
    decision: RenDecision
    opening: RenOpening | None = None


class ClosureBody(_Write):
    motif: MotifCode
    reason: str | None = Field(default=None, max_length=64)
    comment: str | None = Field(default=None, max_length=4000)
