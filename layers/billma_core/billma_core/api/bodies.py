"""Request bodies of the review and closure routes."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from billma_core.models import CorrectedLine, Flag, LazyModel, LineDecision, MotifCode, PrintedTotals, RenDecision
from billma_core.review import RenOpening


class _Write(LazyModel):
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


class ReadingBody(_Write):
    lines: list[CorrectedLine] = Field(max_length=500, description="Toutes les lignes du devis, dans l'ordre")
    totals: PrintedTotals = Field(default_factory=PrintedTotals, description="Totaux imprimés sur le devis")
    comment: str | None = Field(default=None, max_length=4000)


class DismissalBody(_Write):
    flag: Flag
    line: int | None = Field(default=None, ge=0, description="Ligne (à partir de 0) ; absente : le dossier")
    reason: str = Field(min_length=1, max_length=2000)


class QualityCheckBody(_Write):
    agree: bool = Field(description="D'accord avec la validation automatique ?")
    comment: str | None = Field(default=None, max_length=4000)
