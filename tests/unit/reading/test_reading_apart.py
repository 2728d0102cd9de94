"""Priced rows the total HT leaves out, set apart by the layout alone (``apart_layouts.py``): rows
after the totals, a run under a heading of its own, a payment schedule. The reader leaves them
out where the printed HT closes without them and tells the reviewer; a quote whose HT misses
its lines by the contractor's slip is still flagged (``counting.blocks_apart``)."""

from __future__ import annotations

import pytest
from apart_layouts import build_apart, misreadings
from hypothesis import given, settings
from hypothesis import strategies as st

from billma_core.evaluation.decision import BLOCKING_FLAGS
from billma_core.models import Flag
from billma_core.reading import read_document
from billma_core.reading.parse import parse_quote
from tests.quick import first_quick


@pytest.mark.slow  # a drawn sweep: CI's slow step runs it
@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=1, max_value=1_000_000))
def test_a_miscounted_quote_is_never_made_to_close_by_a_departure(seed: int) -> None:
    """Safety: the same documents, their printed HT a slip off the lines (up: an overcharge, or
    down): flagged whatever block the reader might leave out."""
    fuzz = build_apart(seed, miscount=True)
    assert misreadings(fuzz, read_document(fuzz.pdf)) == [], fuzz.names()
    assert Flag.ARITHMETIC_ERROR in BLOCKING_FLAGS


@pytest.mark.parametrize("seed", first_quick([2, 3, 9, 12, 27, 43], 3))
def test_rows_apart_are_left_out_and_told(seed: int) -> None:
    fuzz = build_apart(seed)
    assert misreadings(fuzz, read_document(fuzz.pdf)) == [], fuzz.names()


_PAGE = """Devis n° DV-2025-031
Désignation                              Qté   Unité   P.U. HT     Montant HT
Dépose de la couverture                  40     m²      20,00 €       800,00 €
Pose de tuiles mécaniques                20     m²      10,00 €       200,00 €
                                                      Total HT      1 000,00 €
                                                      TVA 10 %        100,00 €
                                                      Total TTC     1 100,00 €
{after}
Devis valable 3 mois."""


def test_priced_rows_after_the_totals_are_no_lines_and_are_told() -> None:
    after = "Remplacement des descentes d'eaux pluviales   12   ml   25,00 €   300,00 €"
    quote = parse_quote([_PAGE.format(after=after)]).quote
    assert [line.total_ht for line in quote.lines] == [800, 200]
    assert quote.totals_note is not None and "300,00" in quote.totals_note


def test_rows_after_the_totals_that_the_total_counts_stay_lines() -> None:
    # The same row when the lines do not make the HT without it: never left out, the checks name
    # the figures (a contractor's error is no option).
    after = "Remplacement des descentes d'eaux pluviales   12   ml   25,00 €   300,00 €"
    page = _PAGE.format(after=after).replace("1 000,00", "1 050,00").replace("100,00", "105,00")
    quote = parse_quote([page.replace("1 100,00", "1 155,00")]).quote
    assert [line.total_ht for line in quote.lines] == [800, 200, 300]
    assert quote.totals_note is None
