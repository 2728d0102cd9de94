"""Rows that are no line's wording, found by rule (session 19, r47): a note under a line (a remark,
a photo's caption) and its wrapped rows, a page's running foot of several rows, a side column of
observations under a header of two rows. The families ``remarks`` and ``observations`` of
``unseen_layouts`` print them; each failed on the reader before these rules."""

from __future__ import annotations

import pytest
from unseen_layouts import build

from billma_core.reading import read_document
from billma_core.reading.lines import Row, extract_lines, page_furniture


@pytest.mark.parametrize("seed", [3, 7, 16])
def test_a_remark_or_a_photo_caption_under_a_line_and_a_running_foot_are_no_wording(seed: int) -> None:
    quote = build("remarks", seed)
    reading = read_document(quote.pdf)
    assert reading.quote is not None
    assert [line.designation for line in reading.quote.lines] == [line.designation for line in quote.lines]
    assert reading.quote.total_ttc == quote.total_ttc


@pytest.mark.parametrize("seed", [1, 7, 11])
def test_a_side_column_of_observations_under_a_header_of_two_rows_is_no_wording(seed: int) -> None:
    quote = build("observations", seed)
    reading = read_document(quote.pdf)
    assert reading.quote is not None
    assert [line.designation for line in reading.quote.lines] == [line.designation for line in quote.lines]


_HEADER = "Désignation                                   Qté   U     P.U. HT    Montant HT"


def _designations(texts: list[str]) -> list[str]:
    return [line.designation for line in extract_lines([Row(text, 0) for text in texts]).lines]


def test_a_labelled_note_and_its_wrapped_row_are_no_wording_but_a_row_in_lower_case_is() -> None:
    rows = [
        _HEADER,
        "Peinture des murs du séjour, deux couches    24,00  m²    25,00      600,00",
        "acrylique velours",
        "     NB : teinte au choix du client, à valider avant",
        "     le début du chantier",
        "Pose de plinthes en bois                      12,00  ml    10,00      120,00",
    ]
    assert _designations(rows) == [
        "Peinture des murs du séjour, deux couches acrylique velours",
        "Pose de plinthes en bois",
    ]


def test_a_section_under_its_label_stays_a_heading_not_a_note() -> None:
    rows = [
        _HEADER,
        "Peinture des murs du séjour                   24,00  m²    25,00      600,00",
        "Lot 2 : Plomberie",
        "Remplacement du mitigeur                       1,00  u    120,00      120,00",
    ]
    lines = extract_lines([Row(text, 0) for text in rows]).lines
    assert [line.designation for line in lines] == ["Peinture des murs du séjour", "Remplacement du mitigeur"]
    assert lines[1].section == "Lot 2 : Plomberie"


def test_the_rows_closing_every_page_alike_are_furniture_but_not_a_carried_total() -> None:
    rows = [
        Row(_HEADER, 0),
        Row("Peinture des murs                             24,00  m²    25,00      600,00", 0),
        Row("À reporter                                                           600,00", 0),
        Row("Entreprise qualifiée, membre de la fédération du bâtiment", 0),
        Row("- 1 -", 0),
        Row("Report                                                               600,00", 1),
        Row("Pose de plinthes                              12,00  ml    10,00      120,00", 1),
        Row("À reporter                                                           720,00", 1),
        Row("Entreprise qualifiée, membre de la fédération du bâtiment", 1),
        Row("- 2 -", 1),
    ]
    assert page_furniture(rows) == {3, 4, 8, 9}
