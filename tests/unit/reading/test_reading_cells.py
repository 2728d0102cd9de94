"""Table cells of several rows: where a line's wording starts and ends, and what in it is no figure.

Real PDFs drawn with fpdf2 and read from their bytes by ``read_document``.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from unseen_layouts import rows_pdf

from billma_core.reading import read_document

_HEADER = "Pièce      Lot            Prestation                                  Quant.   Prix unitaire   Prix H.T."


def _pdf(rows: list[str]) -> bytes:
    return rows_pdf(rows, font="DejaVuSansMono.ttf", size=7, row=4)


# Each prestation: a title and a description, the row's figures set against its middle.
_CENTRED = [
    _HEADER,
    "                         Plaque de plâtre standard.",
    "WC         Plâtrerie     Plaques BA13 vissées sur ossature, découpes    13,62 m²      49,00      667,38",
    "                         et fixations selon le DTU 25.41.",
    "                         Plinthe en pin.",
    "WC         Sols          Plinthes de 70 mm clouées-collées, coupes       7,2 ml       13,26       95,47",
    "                         d'onglet dans les angles.",
    "                         Prise électrique simple.",
    "Cuisine    Électricité   Appareillage conforme NF C 15-100, raccordement   3 U        62,00      186,00",
    "                         et essai de fonctionnement.",
    "                                                                   Total HT              948,85",
    "                                                                   TVA 10 %               94,89",
    "                                                                   Total TTC           1 043,74",
]


def test_a_reference_inside_a_wording_is_no_line_and_stays_in_the_wording() -> None:
    reading = read_document(_pdf(_CENTRED))
    assert reading.quote is not None and reading.flags == [], reading.flags
    figures = [(line.quantity, line.unit_price_ht, line.total_ht) for line in reading.quote.lines]
    assert figures == [
        (Decimal("13.62"), Decimal("49.00"), Decimal("667.38")),
        (Decimal("7.2"), Decimal("13.26"), Decimal("95.47")),
        (Decimal(3), Decimal("62.00"), Decimal("186.00")),
    ]
    assert reading.quote.lines[0].designation.endswith("selon le DTU 25.41.")


def test_a_wording_centred_on_its_figures_goes_whole_to_its_line() -> None:
    reading = read_document(_pdf(_CENTRED))
    assert reading.quote is not None
    titles = [line.designation.split(".")[0] for line in reading.quote.lines]
    assert titles == ["Plaque de plâtre standard", "Plinthe en pin", "Prise électrique simple"]
    assert reading.quote.lines[1].designation.endswith("d'onglet dans les angles.")
    assert "Prise" not in reading.quote.lines[1].designation


@pytest.mark.parametrize("second_sentence", ["Deux couches de finition mate.", "Finition satinée, deux couches."])
def test_sentences_after_figures_on_the_first_row_stay_with_their_line(second_sentence: str) -> None:
    """A table that prints every line's figures on its first row: the sentences below are its own."""
    rows = [
        "Désignation                                   Qté    U     P.U. HT     Montant HT",
        "Peinture des murs du salon.                   20     m²    25,00       500,00",
        f"{second_sentence}",
        "Pose de plinthes en pin.                      10     ml    12,00       120,00",
        "Coupes d'onglet.",
        "                                              Total HT                 620,00",
        "                                              TVA 10 %                  62,00",
        "                                              Total TTC                682,00",
    ]
    reading = read_document(_pdf(rows))
    assert reading.quote is not None and reading.flags == [], reading.flags
    designations = [line.designation for line in reading.quote.lines]
    assert designations == [
        f"Peinture des murs du salon. {second_sentence}",
        "Pose de plinthes en pin. Coupes d'onglet.",
    ]


def _sections_pdf(rows: list[str]) -> bytes:
    lines = [
        "Désignation                                   Qté    U     P.U. HT     Montant HT",
        *rows,
        "                                              Total HT               1 175,00",
        "                                              TVA 10 %                 117,50",
        "                                              Total TTC              1 292,50",
    ]
    return _pdf(lines)


@pytest.mark.parametrize(
    ("rows", "sections"),
    [
        (  # headings without figures, in the forms artisans print them
            [
                "Lot 3 – Peinture",
                "Peinture des murs                             20     m²    25,00       500,00",
                "Salle de bains :",
                "Carrelage mural                               15     m²    35,00       525,00",
                "PLOMBERIE",
                "Remplacement du siphon                         1     u    150,00       150,00",
            ],
            ["Lot 3 – Peinture", "Salle de bains", "PLOMBERIE"],
        ),
        (  # headings that carry their group's total: no lines, but the lines' sections
            [
                "SALLE DE BAIN ...........................................      675,00",
                "Carrelage mural                               15     m²    35,00       525,00",
                "Joints époxy                                  15     m²    10,00       150,00",
                "Lot 2 - Peinture                                                       500,00",
                "Peinture des murs                             20     m²    25,00       500,00",
            ],
            ["SALLE DE BAIN", "SALLE DE BAIN", "Lot 2 - Peinture"],
        ),
        (  # a subtotal closes its lot: a line after it stands under no heading
            [
                "CUISINE",
                "Peinture des murs                             20     m²    25,00       500,00",
                "Carrelage mural                               15     m²    35,00       525,00",
                "Sous-total cuisine                                                   1 025,00",
                "Remplacement du siphon                         1     u    150,00       150,00",
            ],
            ["CUISINE", "CUISINE", None],
        ),
    ],
)
def test_a_line_keeps_the_heading_it_is_printed_under(rows: list[str], sections: list[str | None]) -> None:
    reading = read_document(_sections_pdf(rows))
    assert reading.quote is not None and reading.flags == [], reading.flags
    assert [line.section for line in reading.quote.lines] == sections


@pytest.mark.parametrize(
    ("cell", "quantity", "unit"),
    [
        ("12,5m²", "12.5", "m2"),
        ("12,5 M²", "12.5", "m2"),
        ("m² 12,5", "12.5", "m2"),
        ("3unités", "3", "u"),
        ("8,000unité", "8", "u"),
        ("3 u", "3", "u"),
        ("1ens", "1", "ens"),
        ("Fft 1", "1", "forfait"),
        ("2heures", "2", "h"),
        ("2h", "2", "h"),
        ("4 j", "4", "j"),
    ],
)
def test_a_unit_inside_the_quantity_cell_is_the_lines(cell: str, quantity: str, unit: str) -> None:
    """Glued or spaced, before or after the figure, accented or not: the row's arithmetic
    (quantity × unit price = total) says which figure the unit belongs to."""
    total = f"{Decimal(quantity) * 28:.2f}".replace(".", ",")
    rows = [
        "Désignation                                   Qté             P.U. HT     Montant HT",
        f"Peinture des murs du salon              {cell:>12}           28,00     {total:>10}",
        f"                                              Total HT               {total:>10}",
    ]
    reading = read_document(_pdf(rows))
    assert reading.quote is not None
    [line] = reading.quote.lines
    assert (line.designation, line.quantity, line.unit.value if line.unit else None) == (
        "Peinture des murs du salon",
        Decimal(quantity),
        unit,
    )
