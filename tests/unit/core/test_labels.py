"""One table of French labels: every code of every enum the API returns has its label."""

from __future__ import annotations

from enum import StrEnum

import pytest

from billma_core import labels
from billma_core.models import (
    Cover,
    DocumentKind,
    DossierState,
    ExclusionReason,
    Flag,
    LineAction,
    MotifCode,
    Outcome,
    RenDecision,
    Role,
    Unit,
    Verdict,
)
from billma_core.review.closure import Basis, OutOfScopeReason
from billma_core.review.ren import DwellingType, Occupancy, PhoneType

TABLES: list[tuple[type[StrEnum], dict[str, str]]] = [
    (DossierState, labels.STATES),
    (Cover, labels.COVERS),
    (Outcome, labels.OUTCOMES),
    (Flag, labels.FLAGS),
    (Verdict, labels.VERDICTS),
    (Unit, labels.UNITS),
    (DocumentKind, labels.KINDS),
    (MotifCode, labels.MOTIFS),
    (ExclusionReason, labels.EXCLUSION_REASONS),
    (OutOfScopeReason, labels.REASONS),
    (ExclusionReason, labels.REASONS),
    (Basis, labels.BASES),
    (LineAction, labels.LINE_ACTIONS),
    (RenDecision, labels.REN_DECISIONS),
    (Role, labels.ROLES),
    (DwellingType, labels.DWELLINGS),
    (Occupancy, labels.OCCUPANCIES),
    (PhoneType, labels.PHONE_TYPES),
]


@pytest.mark.parametrize(("codes", "table"), TABLES, ids=[codes.__name__ for codes, _ in TABLES])
def test_every_code_has_a_french_label(codes: type[StrEnum], table: dict[str, str]) -> None:
    missing = [code.value for code in codes if not table.get(code)]
    assert not missing
    assert all(table[code] for code in codes)  # StrEnum members look up as their values


def test_serious_flags_are_flags() -> None:
    assert set(labels.SERIOUS_FLAGS) <= set(labels.FLAGS)
    assert set(labels.all_labels()) >= {"states", "covers", "flags", "motifs", "reasons"}
