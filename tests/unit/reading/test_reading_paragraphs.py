"""Conventions of numbered letters and spreadsheet exports: numbered paragraphs whose sentence
carries the quantity and the unit price with the amount after dot leaders (wrapped or not), lot
rows carrying their own total, a discount row in a grid, a wording ending in a dimension.

Real PDFs drawn with fpdf2 and read from their bytes by ``read_document``.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from unseen_layouts import rows_pdf

from billma_core.models import Flag, Unit
from billma_core.reading import read_document

Figures = list[tuple[Decimal, Unit | None, Decimal, Decimal]]


def _read(rows: list[str], mono: bool = False) -> tuple[Figures, list[str], list[Flag]]:
    data = rows_pdf(rows, "DejaVuSansMono.ttf", 6, 4) if mono else rows_pdf(rows)
    reading = read_document(data)
    assert reading.quote is not None
    lines = reading.quote.lines
    figures = [(line.quantity, line.unit, line.unit_price_ht, line.total_ht) for line in lines]
    return figures, [line.designation for line in lines], reading.flags


_LEADERS = "." * 60
_NUMBERED_TOTALS = [
    "Récapitulatif par lot",
    "1. Plâtrerie                                     1 546,15 €",
    "2. Installation de chantier                        126,09 €",
    "                       Montant HT               1 672,24 €",
    "                       TVA au taux de 10 %        167,22 €",
    "                       Montant TTC              1 839,46 €",
]


@pytest.mark.parametrize(
    ("first", "second", "third"),
    [
        ("1.1 –", "1.2 –", "2.1 –"),
        ("a)", "b)", "c)"),
        ("1.1.", "1.2.", "2.1."),
        ("1.1", "1.2", "2.1"),
    ],
)
@pytest.mark.parametrize("wrap", ["€", "€ HT.", "€ HT. " + "." * 20])
def test_numbered_paragraphs_are_read_by_their_arithmetic(first: str, second: str, third: str, wrap: str) -> None:
    """The quantity and unit price in the sentence, the amount after dot leaders, a paragraph
    wrapped after its price (the rest on the next row: "HT. …… 1 271,59 €"), a dimension inside
    the wording, a paragraph's number that is no figure."""
    rest = "HT. " + _LEADERS if wrap == "€" else _LEADERS
    rows = [
        # A sentence holding header words ("remise", "marché") is no table header.
        "Objet : travaux de remise en état après dégât des eaux, 45 place du Marché, 21000 Dijon.",
        "Le détail des ouvrages est le suivant.",
        "1. Plâtrerie",
        f"{first} Plaques BA13 simple en 2.5 par 1.20 m. Soit 12,59 m² au prix unitaire de 101,00 {wrap}",
        f"{rest}   1 271,59 €",
        f"{second} Jointage des plaques de plâtre. Soit 19,5 m² au prix unitaire de 14,08 € HT. {_LEADERS}   274,56 €",
        "2. Installation de chantier",
        f"{third} Nettoyage en fin d'intervention. Au forfait. {_LEADERS}   126,09 €",
        *_NUMBERED_TOTALS,
    ]
    figures, wordings, flags = _read(rows)
    assert flags == []
    assert figures == [
        (Decimal("12.59"), Unit.M2, Decimal("101.00"), Decimal("1271.59")),
        (Decimal("19.5"), Unit.M2, Decimal("14.08"), Decimal("274.56")),
        (Decimal(1), Unit.FORFAIT, Decimal("126.09"), Decimal("126.09")),
    ]
    assert wordings[0] == "Plaques BA13 simple en 2.5 par 1.20 m"
    assert not any(wording.startswith(first.rstrip(" –.)")) for wording in wordings)


def test_a_numbered_paragraph_whose_product_is_wrong_is_read_as_printed() -> None:
    """A paragraph whose figures do not close is read as printed, never as a lump sum, and the
    document goes to a reviewer for its own arithmetic (a room's number before the figures)."""
    rows = [
        "1. Plâtrerie",
        f"1.1 – Rebouchage des irrégularités - Chambre 1. Soit 35,14 m² au prix unitaire de 7,01 € HT. {_LEADERS}"
        "   219,33 €",
        f"1.2 – Jointage des plaques de plâtre. Soit 10,82 m² au prix unitaire de 14,59 € HT. {_LEADERS}   157,86 €",
        "                       Montant HT                 377,19 €",
        "                       TVA au taux de 10 %         37,72 €",
        "                       Montant TTC                414,91 €",
    ]
    figures, _, flags = _read(rows)
    assert Flag.ARITHMETIC_ERROR in flags
    assert figures == [
        (Decimal("35.14"), Unit.M2, Decimal("7.01"), Decimal("219.33")),
        (Decimal("10.82"), Unit.M2, Decimal("14.59"), Decimal("157.86")),
    ]


@pytest.mark.parametrize("unit_first", [True, False])
def test_a_wording_ending_in_a_dimension_keeps_the_lines_unit(unit_first: bool) -> None:
    """The unit and quantity come from their columns; the dimension stays in the wording."""
    header = "Désignation                              U      Qté      PU HT    Total HT"
    if not unit_first:
        header = "Désignation                              Qté     U       PU HT    Total HT"
    lines = [
        ("Plaques BA13 simple en 2.5 par 1.20 m", "m²", "18,33", "58,00", "1 063,14"),
        ("Garde-corps vitré hauteur 1.20 m", "ml", "4,5", "210,00", "945,00"),
        ("Isolant laine de roche ép. 100 mm", "m²", "12", "21,40", "256,80"),
        ("Carrelage grès cérame 60x60 cm", "m²", "9,15", "48,00", "439,20"),
    ]
    rows = [header]
    for wording, unit, quantity, price, total in lines:
        cells = (unit, quantity) if unit_first else (quantity, unit)
        rows.append(f"{wording:<40} {cells[0]:>4} {cells[1]:>8} {price:>10} {total:>11}")
    rows += [
        "                          Total HT      2 704,14",
        "                          TVA 10 %        270,41",
        "                          Total TTC     2 974,55",
    ]
    figures, wordings, flags = _read(rows, mono=True)
    assert flags == []
    assert [(quantity, unit) for quantity, unit, _, _ in figures] == [
        (Decimal("18.33"), Unit.M2),
        (Decimal("4.5"), Unit.ML),
        (Decimal(12), Unit.M2),
        (Decimal("9.15"), Unit.M2),
    ]
    assert wordings == [wording for wording, *_ in lines]


_SHEET_HEADER = "Lot  Réf.   Libellé                             U       Qté      PU HT    Total HT   TVA    Total TTC"
_SHEET = [
    "LOT 01 – PLÂTRERIE                                                          1 063,14",
    " 01  01.01  Plaques BA13 sur ossature            m²     18,33      58,00    1 063,14    10     1 169,45",
    "LOT 02 – PEINTURE                                                           1 001,53",
    " 02  02.01  Peinture des murs, deux couches      m²     31,40      22,00      690,80    10       759,88",
    " 02  02.02  Peinture des plafonds                m²     12,10      25,68      310,73    10       341,80",
]


@pytest.mark.parametrize("objet", ["", "Objet : remise en état après dégât des eaux, 4 place du Marché, 21000 Dijon."])
def test_lot_rows_carrying_their_total_and_a_discount_row_of_a_grid(objet: str) -> None:
    """Lot rows carrying their HT total are no lines, the discount row is one (its amount under
    the total column, its VAT rate and TTC beside it), under a sentence or not."""
    rows = [
        *([objet] if objet else []),
        _SHEET_HEADER,
        *_SHEET,
        "            Remise exceptionnelle -3 %                                       -61,94    10       -68,13",
        "                                             Total HT     2 002,73 €",
        "                                             TVA 10 %       200,27 €",
        "                                             Total TTC    2 203,00 €",
    ]
    figures, _, flags = _read(rows, mono=True)
    assert flags == []
    assert figures == [
        (Decimal("18.33"), Unit.M2, Decimal("58.00"), Decimal("1063.14")),
        (Decimal("31.40"), Unit.M2, Decimal("22.00"), Decimal("690.80")),
        (Decimal("12.10"), Unit.M2, Decimal("25.68"), Decimal("310.73")),
        (Decimal(1), Unit.FORFAIT, Decimal("-61.94"), Decimal("-61.94")),
    ]


def test_lot_rows_are_no_lines_when_the_total_is_wrong() -> None:
    """The sum of each lot's lines says its row is the lot's total even when the document's total
    HT is wrong: the lines stay the lines, and the document goes to a reviewer."""
    rows = [
        _SHEET_HEADER,
        *_SHEET,
        "                                             Total HT     2 114,62 €",
        "                                             TVA 10 %       211,46 €",
        "                                             Total TTC    2 326,08 €",
    ]
    figures, _, flags = _read(rows, mono=True)
    assert Flag.ARITHMETIC_ERROR in flags
    assert [total for *_, total in figures] == [Decimal("1063.14"), Decimal("690.80"), Decimal("310.73")]


def test_a_standards_number_in_a_numbered_paragraph_is_no_figure_of_the_line() -> None:
    """A standard's number wrapped to a row's start ("25.41. Soit …") does not open a paragraph,
    and a lump sum is the amount after the leaders, not the standard's number."""
    rows = [
        "1. Peinture",
        "1.1 – Application d'une sous-couche d'impression selon le DTU",
        f"25.41. Soit 2,80 m² au prix unitaire de 8,62 € HT. {_LEADERS}   24,14 €",
        "1.2 – Recherche de fuite et réparation, protection comprise selon le DTU 25.41. Au",
        f"forfait. {_LEADERS}   288,40 €",
        "                       Montant HT                 312,54 €",
        "                       TVA au taux de 10 %         31,25 €",
        "                       Montant TTC                343,79 €",
    ]
    figures, wordings, flags = _read(rows)
    assert flags == []
    assert figures == [
        (Decimal("2.80"), Unit.M2, Decimal("8.62"), Decimal("24.14")),
        (Decimal(1), Unit.FORFAIT, Decimal("288.40"), Decimal("288.40")),
    ]
    assert wordings[0].endswith("selon le DTU 25.41")
