"""Line tables of public trade-software models (``trade_layouts.py``): a work's priced
sub-detail counted once, three-level numbered chapters with subtotals, a labour-time column."""

from __future__ import annotations

import pytest
from trade_layouts import build_trade, misreadings

from billma_core.reading import read_document
from tests.quick import first_quick

# Development seeds, one class or more each: priced sub-details (a page break among them, a
# detail whose last rows add up to its first), nested subtotals, a labour-time column whose
# figure closes a wrong equation with the amounts (seed 24: 0,25 × 182,40 = 45,60).
SEEDS = [1, 5, 29, 46, 2, 4, 24]


@pytest.mark.parametrize("seed", first_quick(SEEDS, 3))
def test_trade_tables_read_whole(seed: int) -> None:
    trade = build_trade(seed)
    assert misreadings(trade, read_document(trade.pdf)) == []


@pytest.mark.slow  # a drawn sweep: CI's slow step runs it
def test_the_sample_draws_every_class() -> None:
    assert {build_trade(seed).kind for seed in SEEDS} == {"priced components", "nested subtotals", "unit time"}
