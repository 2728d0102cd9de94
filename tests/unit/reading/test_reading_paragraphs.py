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
        "Objet : travaux de remise en état après dégât des eaux. Le détail des ouvrages est le suivant.",
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
