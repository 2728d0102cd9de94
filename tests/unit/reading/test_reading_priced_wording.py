"""A line's unit price written in its wording (session 20, r49): « … à 24,50 € le m² », « (32,00 € HT
le ml) », « – prix unitaire … », in a table with no unit-price column, sometimes on the wording's
wrapped row; and a table parted from its lines' wording by a gutter. The families ``priced_wording``
and ``observations`` of ``unseen_layouts`` print them; the seeds below failed on the reader before
these rules (a wrapped row stating the price read as a line of its own or dropped, the price taken
for the quantity, a side column's remarks taken for the table)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from unseen_layouts import build

from billma_core.models import Flag, Unit
from billma_core.reading import read_document
from billma_core.reading.lines import Row, extract_lines
from tests.quick import first_quick


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]{3,}", text.lower()))


@pytest.mark.parametrize("seed", first_quick([2, 10, 12, 13, 47, 48, 49], 3))
def test_a_price_in_the_wording_even_on_its_wrapped_row_is_the_lines_price_not_a_line(seed: int) -> None:
    quote = build("priced_wording", seed)
    reading = read_document(quote.pdf)
    assert reading.quote is not None
    assert Flag.ARITHMETIC_ERROR not in reading.flags
    read = [(x.quantity, x.unit, x.unit_price_ht, _words(x.designation)) for x in reading.quote.lines]
    assert read == [(x.quantity, Unit(x.unit), x.unit_price, _words(x.designation)) for x in quote.lines]


_HEADER = "Désignation                                                    Qté     Unité      Montant HT"


def _lines(texts: list[str]) -> list[tuple[Decimal, Unit | None, Decimal, Decimal, str]]:
    lines = extract_lines([Row(text, 0) for text in texts]).lines
    return [(x.quantity, x.unit, x.unit_price_ht, x.total_ht, x.designation) for x in lines]


def test_a_wrapped_row_stating_the_price_again_is_the_wording_and_its_tail_no_word_of_it() -> None:
    rows = [
        _HEADER,
        "Dépose du papier peint, y compris nettoyage quotidien         13,90     m2         120,51",
        "et évacuation des gravats en décharge agréée (8,67",
        "€ HT/m²)",
        "Pose d'une corniche décorative (35,52 EUR le mètre            37,70     ML       1 339,10",
        "linéaire)",
    ]
    assert _lines(rows) == [
        (
            Decimal("13.90"),
            Unit.M2,
            Decimal("8.67"),
            Decimal("120.51"),
            "Dépose du papier peint, y compris nettoyage quotidien et évacuation des gravats en décharge agréée",
        ),
        (Decimal("37.70"), Unit.ML, Decimal("35.52"), Decimal("1339.10"), "Pose d'une corniche décorative"),
    ]


def test_a_figure_on_a_wrapped_row_that_does_not_make_the_total_is_no_price() -> None:
    rows = [
        _HEADER,
        "Pose de plaques de plâtre hydrofuge sur ossature              12,00     m2         480,00",
        "métallique selon le DTU 25.41",
    ]
    assert _lines(rows) == [
        (
            Decimal("12.00"),
            Unit.M2,
            Decimal("40.00"),
            Decimal("480.00"),
            "Pose de plaques de plâtre hydrofuge sur ossature métallique selon le DTU 25.41",
        )
    ]


def test_the_figure_printed_with_its_currency_is_the_price_not_the_quantity() -> None:
    rows = [
        _HEADER,
        "Application d'une sous-couche d'impression à 10,19 € le m²   24,60   m2          250,67 €",
        "Dépose et évacuation du papier peint – prix unitaire 11,17 €   2,00   M2            22,34",
    ]
    assert _lines(rows) == [
        (Decimal("24.60"), Unit.M2, Decimal("10.19"), Decimal("250.67"), "Application d'une sous-couche d'impression"),
        (Decimal("2.00"), Unit.M2, Decimal("11.17"), Decimal("22.34"), "Dépose et évacuation du papier peint"),
    ]


def test_the_figure_printed_with_its_currency_is_the_price_when_a_word_parts_it_from_the_quantity() -> None:
    """« (28,42 € HT du   35,90  m² »: the word « du » takes the price out of the row's figures at
    its end, and the reading of every figure of the row weighs its currency as that of the tail
    does (priced_wording seed 47 read 28,42 m² × 35,90; both figures stand near the quantity's column)."""
    rows = [
        "                        Nature des travaux                            Qté      Unité       Montant HT",
        "Peinture acrylique velours deux couches sur murs entrée (28,42 € HT du   35,90      m²          1.020,28 €",
        "m²)",
    ]
    assert _lines(rows)[0][:4] == (Decimal("35.90"), Unit.M2, Decimal("28.42"), Decimal("1020.28"))


_SWITCH = "Fourniture et pose d'un interrupteur va-et-vient salle de bain"


def test_a_price_alone_on_the_wordings_wrapped_row_is_no_figure_the_row_above_lacks() -> None:
    """« … – prix unitaire   4   U   333,52 » / « 83,38 € HT »: the figure under the wording's column,
    left of the row's own figures, is the wording's wrapped row stating the price, not a cell of
    the row above (joined to it, the line kept « – prix unitaire »; priced_wording seeds 49, 58, 78)."""
    rows = [
        "                           Désignation                                 Qté      Unité      Montant HT",
        "Fourniture et pose d'un interrupteur va-et-vient salle de bain – prix unitaire   4   U              333,52",
        "83,38 € HT",
        "Recherche de fuite et réparation cuisine                                   1    forfait           296,80",
    ]
    assert _lines(rows) == [
        (Decimal(4), Unit.U, Decimal("83.38"), Decimal("333.52"), _SWITCH),
        (Decimal(1), Unit.FORFAIT, Decimal("296.80"), Decimal("296.80"), "Recherche de fuite et réparation cuisine"),
    ]


@pytest.mark.parametrize("seed", first_quick([9, 15, 19], 1))
def test_a_side_column_of_remarks_beside_the_last_lines_is_no_block_beside_the_table(seed: int) -> None:
    quote = build("observations", seed)
    reading = read_document(quote.pdf)
    assert reading.quote is not None
    assert Flag.ARITHMETIC_ERROR not in reading.flags
    assert [line.total_ht for line in reading.quote.lines] == [line.total for line in quote.lines]


@pytest.mark.parametrize("seed", first_quick([3, 8, 17], 1))
def test_a_table_going_on_under_another_column_order_after_its_carried_total(seed: int) -> None:
    quote = build("reordered", seed)
    reading = read_document(quote.pdf)
    assert reading.quote is not None
    assert [(x.quantity, x.unit_price_ht, x.total_ht) for x in reading.quote.lines] == [
        (x.quantity, x.unit_price, x.total) for x in quote.lines
    ]
    assert reading.quote.total_ttc == quote.total_ttc
