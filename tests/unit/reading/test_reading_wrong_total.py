"""A printed total TTC that HT + VAT does not make is read as printed and flagged: the reader never
puts its own sum in place of a printed total (``reading/ttc.py``, ``printed_ttc``), so the quote goes to a
reviewer. Quotes drawn by ``wrong_total_layouts.py``: the error up or down, the TTC stated once,
twice or in several places, under labels the vocabulary knows and those it does not."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wrong_total_layouts import build_wrong_total, misreadings

from billma_core.evaluation.decision import BLOCKING_FLAGS
from billma_core.models import Flag
from billma_core.money import format_eur
from billma_core.reading import read_document
from billma_core.reading.parse import parse_quote


@pytest.mark.slow  # a drawn sweep: CI's slow step runs it
@settings(max_examples=12, deadline=None)
@given(st.integers(min_value=1, max_value=1_000_000))
def test_a_wrong_printed_total_is_read_as_printed_and_flagged(seed: int) -> None:
    fuzz = build_wrong_total(seed)
    reading = read_document(fuzz.pdf)
    assert misreadings(fuzz, reading) == [], fuzz.names()
    assert Flag.ARITHMETIC_ERROR in BLOCKING_FLAGS  # so the quote is never auto-validated


_PAGE = """Devis n° DV-2025-014
Désignation                              Qté   Unité   P.U. HT     Montant HT
Peinture des murs, deux couches          40     m²      20,00 €       800,00 €
Dépose du papier peint                   20     m²      10,00 €       200,00 €
                                                      Total HT      1 000,00 €
                                                      TVA 10 %        100,00 €
{ttc}
Devis valable 3 mois."""


def test_a_total_derived_and_contradicted_by_nothing_is_kept_and_said_so() -> None:
    quote = parse_quote([_PAGE.format(ttc="")]).quote
    assert quote.total_ttc == Decimal("1100.00")
    assert quote.totals_note is not None and "non imprimé" in quote.totals_note


def test_a_total_under_a_label_the_vocabulary_does_not_know_is_kept() -> None:
    quote = parse_quote(
        [_PAGE.format(ttc="                                              Montant du devis   1 080,00 €")]
    ).quote
    assert quote.total_ttc == Decimal("1080.00")  # not 1 100,00, printed nowhere
    assert quote.totals_note is not None and format_eur(Decimal("1100.00")) in quote.totals_note


_HEAD = """Devis n° DV-2025-015
{above}
Désignation                              Qté   Unité   P.U. HT     Montant HT
Peinture des murs, deux couches          40     m²      20,00 €       800,00 €
Dépose du papier peint                   20     m²      10,00 €       200,00 €
{foot}
Devis valable 3 mois."""
_RIGHT = " " * 50


@pytest.mark.parametrize(
    ("above", "foot"),
    [
        # Stated once above the lines, its label after it, on its row or the next, or over it.
        ("980,00 € à régler", "Total HT   1 000,00 €\nTVA 10 %   100,00 €"),
        ("980,00 €\nTTC net à payer", "Total HT   1 000,00 €\nTVA 10 %   100,00 €"),
        ("Montant du devis\n980,00 €", "Total HT   1 000,00 €\nTVA 10 %   100,00 €"),
        # … or with no label, beside the quote's validity: stated before the lines, the document's sum.
        ("980,00 € valable jusqu'au 14 juin 2025", "Total HT   1 000,00 €\nTVA 10 %   100,00 €"),
        # The foot's labels each under their figure, or each over it; the last label one the vocabulary lacks.
        ("", "\n".join(_RIGHT + r for r in ["1 000,00 €", "Total HT", "100,00 €", "TVA 10 %", "980,00 €", "À régler"])),
        (
            "",
            "\n".join(
                _RIGHT + r for r in ["Total HT", "1 000,00 €", "TVA 10 %", "100,00 €", "Net à payer", "980,00 €"]
            ),
        ),
        (
            "",
            "\n".join(
                _RIGHT + r for r in ["1 000,00 €   Total HT", "100,00 €   TVA 10 %", "980,00 €   Montant du devis"]
            ),
        ),
    ],
)
def test_a_wrong_total_is_read_whichever_side_of_its_figure_its_label_stands(above: str, foot: str) -> None:
    quote = parse_quote([_HEAD.format(above=above, foot=foot)]).quote
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == (
        Decimal("1000.00"),
        Decimal("100.00"),
        Decimal("980.00"),
    )


def test_a_lone_amount_over_a_label_over_its_figure_keeps_the_label_over() -> None:
    """A two-row line's amount alone on its row stands over the first label of a foot whose labels
    stand over their figures: the run holds a figure more than labels, and no words end it."""
    page = "\n".join(
        [
            "Devis n° DV-2025-016",
            "Désignation                              Qté   Unité   P.U. HT     Montant HT",
            "Peinture des murs, deux couches          40     m²      20,00 €       800,00 €",
            "Dépose du papier peint, évacuation",
            "                                           20     m²      10,00 €",
            *(
                _RIGHT + r
                for r in ["200,00 €", "Total HT", "1 000,00 €", "TVA 10 %", "100,00 €", "Total TTC", "1 100,00 €"]
            ),
        ]
    )
    quote = parse_quote([page]).quote
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == (
        Decimal("1000.00"),
        Decimal("100.00"),
        Decimal("1100.00"),
    )
