"""Whatever a row prints after its last figure (a VAT code with no legend, a footnote's mark, a tax
mark, a checkbox, a page's code) or before its wording (a bullet, a box): marks, no figure or word
of the line, so long as the row's arithmetic closes without them. A number that closes an
equation is a figure, however it stands."""

from decimal import Decimal

import pytest

from billma_core.reading.lines import Row, extract_lines

HEADER = "Désignation                         Qté   U      P.U. HT     Montant HT"
ROWS = [
    "{lead}Peinture des murs du salon          12,00  m²     28,00       336,00 €{mark}",
    "{lead}Pose de plinthes en chêne            8,50  ml     14,00       119,00 €{mark}",
]
FIGURES = [
    (Decimal("12.00"), Decimal("28.00"), Decimal("336.00")),
    (Decimal("8.50"), Decimal("14.00"), Decimal("119.00")),
]
MARKS = ["   A", "   T2", "  (1)", " ¹", "   *", " TTC", "  € HT", "   ☐", "   P2", "  (a)  B"]


def _read(rows: list[str]) -> list[tuple[Decimal, Decimal, Decimal, str]]:
    result = extract_lines([Row(text, 0) for text in rows])
    return [(line.quantity, line.unit_price_ht, line.total_ht, line.designation) for line in result.lines]


@pytest.mark.parametrize("mark", MARKS)
def test_a_mark_after_the_figures_is_no_part_of_the_line(mark: str) -> None:
    read = _read([HEADER, *(row.format(lead="", mark=mark) for row in ROWS)])
    assert [figures[:3] for figures in read] == FIGURES
    assert not any(word in line[3].split() for line in read for word in mark.split())


@pytest.mark.parametrize("lead", ["• ", "□ ", "- ", "☐ "])
def test_a_mark_before_the_wording_is_no_part_of_it(lead: str) -> None:
    read = _read([HEADER, *(row.format(lead=lead, mark="   A") for row in ROWS)])
    assert [line[3] for line in read] == ["Peinture des murs du salon", "Pose de plinthes en chêne"]


def test_a_number_closing_the_equation_after_the_amounts_is_a_figure() -> None:
    # No header: the quantity printed last ("28,00   336,00   12") makes the line, no mark.
    read = _read(["Peinture des murs du salon          28,00 €     336,00 €     12"])
    assert [({line[0], line[1]}, line[2]) for line in read] == [({Decimal(12), Decimal(28)}, Decimal("336.00"))]


def test_a_rate_after_the_amounts_stays_the_line_rate() -> None:
    header = "Désignation                         Qté   U      P.U. HT     Montant HT   TVA"
    result = extract_lines([Row(header, 0), Row(ROWS[0].format(lead="", mark="    10"), 0)])
    assert [line.tva_rate for line in result.lines] == [Decimal("10")]


def test_a_table_whose_one_figures_row_is_no_line_is_read_without_failing() -> None:
    # Wording printed above the figures, the one figures row then refused (its wording a
    # dimension after the figures, the rows joined wrongly): no line, and no line to align.
    rows = [
        "  Marché HT    Unite   Quantité   Fournitures HT   Main d'œuvre    Tva % Prestation",
        "                                                                          • Protection des sols,",
        "                                                                          compris nettoyage et évacuation",
        "      114,00   Forfait        1            64,98           49,02       2 2.5 par 1.20 m",
    ]
    result = extract_lines([Row(row, 0) for row in rows])
    assert all(line.total_ht > 0 for line in result.lines)


def test_a_measure_a_take_off_letter_names_keeps_its_unit() -> None:
    # The wording printed after the figures ends on a thickness (« ép. 13 mm »): « mm » is the
    # measure's unit, not a mark after the line's figures; taken off, « 13 » read as a figure.
    rows = [
        "  Marché HT    Unite   Quantité   Fournitures HT   Main d'œuvre    Tva % Prestation",
        "                                                                          • Plaque de plâtre hydrofuge,",
        "                                                                          pose sur ossature",
        "      297,18      m²      12,70            14,98            8,42       2 ép. 13 mm",
    ]
    lines = extract_lines([Row(row, 0) for row in rows]).lines
    assert [(line.quantity, line.total_ht) for line in lines] == [(Decimal("12.70"), Decimal("297.18"))]
    assert lines[0].designation.endswith("ép. 13 mm")
