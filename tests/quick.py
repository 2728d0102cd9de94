"""Which drawn cases the quick suite reads: the first of a sample; the rest run in CI's slow step."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from _pytest.mark import ParameterSet


def first_quick(cases: Iterable[object], quick: int) -> list[object]:
    """The cases after the first ``quick`` marked ``slow`` (their own marks, an xfail, kept)."""
    drawn = []
    for index, case in enumerate(cases):
        if index < quick:
            drawn.append(case)
        elif isinstance(case, ParameterSet):
            drawn.append(pytest.param(*case.values, marks=[*case.marks, pytest.mark.slow], id=case.id))
        else:
            drawn.append(pytest.param(case, marks=pytest.mark.slow))
    return drawn
