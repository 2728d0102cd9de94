"""The wording column read whole (session 22, r54): a unit word ending a wording, a unit written in
words inside it, a line's number and dash before it, a note under it indented beyond its wrap."""

from __future__ import annotations

import pytest

from billma_core.reading.lines import Row, extract_lines

_HEADER = "Désignation                                        Qté     U      P.U. HT    Montant HT"


def _wordings(*rows: str) -> list[str]:
    return [line.designation for line in extract_lines([Row(text, 0) for text in (_HEADER, *rows)]).lines]


def test_a_unit_word_ending_the_wording_stays_when_the_row_prints_its_unit() -> None:
    assert _wordings(
        "Déshumidificateur, location à la journée             4      j        30,30        121,20",
        "Temps passé par le vitrier, au tarif de jour         3      h        55,00        165,00",
    ) == ["Déshumidificateur, location à la journée", "Temps passé par le vitrier, au tarif de jour"]


def test_a_unit_glued_to_the_wording_without_a_unit_column_is_still_the_unit() -> None:
    header, row = "Désignation   Qté   P.U. HT   Montant HT", "Peinture des murs m²   12   20,00   240,00"
    rows = [Row(header, 0), Row(row, 0)]
    line = extract_lines(rows).lines[0]
    assert (line.designation, line.unit and line.unit.value) == ("Peinture des murs", "m2")


def test_a_unit_written_in_words_inside_the_wording_is_read_as_printed() -> None:
    assert _wordings("Le mètre linéaire de plinthe bois posée clouée        17,62   ml      14,60       257,25") == [
        "Le mètre linéaire de plinthe bois posée clouée"
    ]


def test_a_line_number_and_its_dash_open_no_wording_and_the_wrap_under_the_number_goes_on() -> None:
    assert _wordings(
        "01 — Remplacement porte de chambre                      3      u       304,50       913,50",
        "(bloc-porte complet)",
        "02 — Dépose de carrelage                              7,90     m2       19,80       156,42",
    ) == ["Remplacement porte de chambre (bloc-porte complet)", "Dépose de carrelage"]


@pytest.mark.parametrize("indent", [0, 6])
def test_a_note_indented_beyond_the_wrap_is_no_wording(indent: int) -> None:
    wordings = _wordings(
        "Dépose de carrelage, suivant les règles de l'art,     7,90     m2       19,80       156,42",
        "raccords soignés",
        " " * indent + "y compris évacuation des gravats en décharge agréée",
        "Remplacement de point lumineux                          1      u        80,10        80,10",
    )
    tail = " y compris évacuation des gravats en décharge agréée"
    # At the wording's indentation the row is more of the wording (a wrap); indented beyond it, a note.
    assert wordings == [
        "Dépose de carrelage, suivant les règles de l'art, raccords soignés" + ("" if indent else tail),
        "Remplacement de point lumineux",
    ]


def test_a_unit_column_before_the_quantity_leaves_the_wordings_unit_word() -> None:
    rows = [
        " Code        Désignation                           U     Qté    P.U. HT    Montant HT",
        "REV    Déshumidificateur, location à la journée   j   5,00   27,30 EUR   136,50 EUR",
    ]
    assert [line.designation for line in extract_lines([Row(text, 0) for text in rows]).lines] == [
        "Déshumidificateur, location à la journée"
    ]


def test_a_remark_column_after_the_amounts_opening_on_a_one_letter_word_is_no_wording() -> None:
    rows = [
        " N°   Code                Désignation                 U     Qté    P.U. HT    Montant HT         Obs.",
        "9    NET    Faïence murale fournie posée, travaux      m²   4,90      77,00 €     377,30 € À confirmer",
        "            réalisés en site occupé",
    ]
    lines = extract_lines([Row(text, 0) for text in rows]).lines
    assert [line.designation for line in lines] == ["Faïence murale fournie posée, travaux réalisés en site occupé"]


def test_a_worded_column_between_the_wording_and_the_figures_is_no_wording() -> None:
    rows = [
        "        Désignation des travaux                Observations            Quantité        Prix en euros HT",
        "                                                                       Qté    U      Unitaire      Total",
        "Peinture du plafond en blanc mat couloir   Quantité à confirmer sur place   36,80   M2   23,66 €   870,69 €",
        "Location d'un déshumidificateur salon, y   Accord du syndic nécessaire    1      j   36,40 EUR    36,40 EUR",
        "compris nettoyage quotidien du chantier",
    ]
    assert [line.designation for line in extract_lines([Row(text, 0) for text in rows]).lines] == [
        "Peinture du plafond en blanc mat couloir",
        "Location d'un déshumidificateur salon, y compris nettoyage quotidien du chantier",
    ]
