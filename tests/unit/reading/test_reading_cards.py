"""A quote that prints each line as a card (session 20, r50): the card's title across it, its
wording and its specification rows in a cell, a sketch with its dimensions beside them, then a
header of its own with no label column over the line's one priced row. The line's wording is
the card's cell above the header; the rows under a line's figures are the next card's, and a
size in millimetres is no line. Set 23's ``openings`` family prints so (seen from round 2)."""

from __future__ import annotations

from decimal import Decimal

from billma_core.reading.lines import Row, extract_lines

_PAD = " " * 30
_HEADER = f"{_PAD}Quantité            P.U. HT          Montant HT          TVA"


def _card(title: str, wording: list[str], specs: list[str], width: str, figures: str) -> list[str]:
    rows = [f" {title}"] + [f"{_PAD}{row}" for row in wording]
    sketch = ["1", "2 4"]  # the height's digits, printed upright beside the specification rows
    rows += [f"{sketch[i] if i < len(sketch) else ''}".ljust(30) + spec for i, spec in enumerate(specs)]
    return [*rows, f"          {width}", _HEADER, f"     Élévation             {figures}"]


_CARDS = [
    *_card(
        "Baie B1 – Salon – Coulissant 2 vantaux",
        ["Remplacement du double vitrage du coulissant, verre trempé", "posé sur cales neuves"],
        ["Verre : 6/16/6 trempé", "Dimensions du verre : L 1740 × H 2140 mm", "Joint : EPDM noir"],
        "1 740",
        "3,72 m²              310,00 €         1 153,20 €          10 %",
    ),
    *_card(
        "Baie B2 – Cuisine – Fenêtre 1 vantail",
        ["Vitrage feuilleté de l'ouvrant : pose à neuf"],
        ["Verre : 44.2/16/4", "Dimensions du verre : L 620 × H 980 mm", "Joint : EPDM noir"],
        "620",
        "0,61 m²              330,00 €         201,30 €            10 %",
    ),
]


def test_a_cards_wording_is_its_cell_above_its_own_header() -> None:
    lines = extract_lines([Row(text, 0) for text in ["Devis n° 12", *_CARDS]]).lines
    assert [line.designation for line in lines] == [
        "Remplacement du double vitrage du coulissant, verre trempé posé sur cales neuves",
        "Vitrage feuilleté de l'ouvrant : pose à neuf",
    ]
    assert [line.total_ht for line in lines] == [Decimal("1153.20"), Decimal("201.30")]


def test_a_size_in_millimetres_with_a_sketchs_digit_is_no_line() -> None:
    # A card cut by the page break: its size row is read before any header, its sketch's digit after it.
    rows = [Row(" 1".ljust(30) + "Dimensions du verre : L 1120 × H 1120 mm   1", 1)]
    assert extract_lines(rows).lines == []


def test_a_header_without_label_column_printed_once_keeps_the_wording_left_of_it() -> None:
    rows = [
        "Devis n° 12",
        f"{_PAD}Objet : remise en état",
        _HEADER,
        "Peinture des murs du séjour       12,00 m²            28,00 €          336,00 €            10 %",
    ]
    lines = extract_lines([Row(text, 0) for text in rows]).lines
    assert [line.designation for line in lines] == ["Peinture des murs du séjour"]


def test_a_size_inside_the_wording_keeps_a_line_whose_quantity_has_its_value() -> None:
    # « Ø 16 mm » belongs to the wording; the 16 after the price is the quantity (fuzz seed 9105).
    rows = [
        "Désignation                                     P.U.        Qté          Montant HT",
        "Remplacement du joint silicone Ø 16 mm          14,28       16,000 ml    228,48",
    ]
    lines = extract_lines([Row(text, 0) for text in rows]).lines
    assert [(line.quantity, line.unit_price_ht, line.total_ht) for line in lines] == [
        (Decimal("16"), Decimal("14.28"), Decimal("228.48"))
    ]
