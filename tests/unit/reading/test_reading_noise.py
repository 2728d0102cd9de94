"""A row is tried as a line whenever its figures close a line's equation, whatever it prints
around and between them (``lines.figures_anywhere``); the document's totals keep out a row that
closed by chance (``lines_the_total_counts`` and the foot search, ``ttc.settle``)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from noise_layouts import build_noise, misreadings

from billma_core.models import Unit
from billma_core.reading import read_document
from billma_core.reading.lines import figures_anywhere, unlabelled
from tests.quick import first_quick

AMONG_WORDS = [
    # The wording after the figures, a VAT letter between them and it.
    (
        "4,10 m2 à € 67,86 = € 278,23 A   Pose de carrelage mural",
        "4.10",
        "m2",
        "67.86",
        "278.23",
        "Pose de carrelage mural",
    ),
    # A word between the unit price and the amount, the wording after them.
    (
        "44,40 m.l. * € 13,16, soit € 584,30 Remplacement du joint",
        "44.40",
        "ml",
        "13.16",
        "584.30",
        "Remplacement du joint",
    ),
    # The wording between the figures, each figure with its label.
    ("Qté 3 u   Pose de prises   PU : 45,00 €   Total : 135,00 €", "3", "u", "45.00", "135.00", "Pose de prises"),
    # A date after the wording: its numbers are no figures of the line, and no rate.
    ("2,40 m² x 28,91 € 69,38 € Peinture des murs (intervention du 25/09/2025)", "2.40", "m2", "28.91", "69.38", None),
]


@pytest.mark.parametrize(("row", "quantity", "unit", "price", "total", "wording"), AMONG_WORDS)
def test_figures_among_words(row: str, quantity: str, unit: str, price: str, total: str, wording: str | None) -> None:
    priced = figures_anywhere(row, None, strict=True)
    assert priced is not None
    assert (priced.quantity, priced.unit, priced.unit_price, priced.total) == (
        Decimal(quantity),
        Unit(unit),
        Decimal(price),
        Decimal(total),
    )
    assert priced.tva_rate is None
    if wording is not None:
        assert row[priced.designation_start : priced.designation_end] == wording


@pytest.mark.parametrize(
    "row",
    [
        "Acompte de 30 % à la commande, soit 759,73 €",
        "Tél. 04 78 12 34 56   —   Visite du 03/02/2025",
        "Total HT   1 234,56 €   TVA 20 %   246,91 €",
        "Règlement à 30 jours : 2 versements de 450,00 €",
    ],
)
def test_a_row_whose_figures_close_nothing_is_no_line(row: str) -> None:
    assert figures_anywhere(row, None, strict=True) is None


@pytest.mark.parametrize(
    ("wording", "kept"),
    [
        ("Pose de prises P.U. HT :", "Pose de prises"),
        ("Quantité Rebouchage des fissures PU", "Quantité Rebouchage des fissures"),
        ("Qte P.U. HT : €", ""),
        ("Remise exceptionnelle -5%", "Remise exceptionnelle -5%"),
        ("Tarif horaire vitrier", "Tarif horaire vitrier"),
    ],
)
def test_the_labels_closing_a_wording_are_no_part_of_it(wording: str, kept: str) -> None:
    words = wording.split()
    assert " ".join(words[: unlabelled(words)]) == kept


def test_a_wording_after_labelled_figures_is_the_lines() -> None:
    noise = build_noise(4)  # "1.   Qte 2,00 u   P.U. HT : € 65,00 = € 130,00   Remplacement …"
    read = read_document(noise.pdf).quote
    assert read is not None
    assert [line.designation for line in read.lines] == [line.designation for line in noise.quote.lines]


# Development seeds of ``noise_layouts.py`` the session-10 reader misread, one per class: the
# wording after the figures with the amount on the next row (5), an item number and the
# currency before the figures (10), a VAT letter before the wording (14), dates in the wording
# (23), a totals word labelling each amount (35; 128 with the wording after the figures), an
# article code and the amount below (57; 123 with a label per figure), an item number and an
# article code (58).
@pytest.mark.parametrize("seed", first_quick([5, 10, 14, 23, 35, 57, 58, 123, 128], 4))
def test_a_noise_layout_is_read_whole(seed: int) -> None:
    noise = build_noise(seed)
    assert misreadings(noise, read_document(noise.pdf)) == []
