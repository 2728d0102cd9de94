"""Fixtures the unit tests share."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from billma_core.bareme import load_bareme
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.models import Unit


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    """The matcher of the shipped barème, as the judge builds it (once per test file)."""
    return matcher_for(load_bareme())


@pytest.fixture(scope="module")
def priced(matcher: Matcher) -> Callable[[str, Unit], str | None]:
    """The code of the item a line is judged against alone (no heading, no other line), as the
    judge reads it; None when it is judged against none."""

    def code(wording: str, unit: Unit) -> str | None:
        match = matcher.match_in(wording, unit, frozenset())
        return None if match.item is None else match.item.code

    return code
