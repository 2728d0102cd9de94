"""A repairer's grid room by room (session 18, j40): a room's heading under its label with its
dimensions, an unpriced labelled note under it, the page's running foot; none of them is a line's
wording, each read into one otherwise (set 21's `inkind` quotes)."""

from __future__ import annotations

from billma_core.reading.lines import Row, extract_lines

_HEADER = " Réf.     Nature des travaux                                     Qté    U        P.U. HT    Montant HT"

_ROOMS = f"""\
{_HEADER}
 PIÈCE : Chambre (11,2 m² – HSP 2,50 m)
          Observation : traces d'humidité en pied de cloison.
 1.01     Dépose du papier peint décollé                           24,5   m²         8,00        196,00
 1.02     Peinture des murs deux couches                           24,5   m²        26,00        637,00
 PIÈCE : Cuisine (9,8 m² – HSP 2,45 m)
          Constat : plafond taché par la fuite.
 2.03     Impression anti-taches sur auréoles                       4,2   m²        18,00         75,60"""


def _rows(text: str, page: int = 0) -> list[Row]:
    return [Row(row, page) for row in text.split("\n")]


def _wordings(rows: list[Row]) -> list[str]:
    return [line.designation for line in extract_lines(rows).lines]


def test_a_labelled_room_heading_and_its_note_are_no_wording() -> None:
    result = extract_lines(_rows(_ROOMS))
    assert [line.designation for line in result.lines] == [
        "Dépose du papier peint décollé",
        "Peinture des murs deux couches",
        "Impression anti-taches sur auréoles",
    ]
    assert [line.room for line in result.lines] == ["Chambre", "Chambre", "Cuisine"]


def test_a_sentence_above_an_unnumbered_row_stays_its_wording() -> None:
    # Without the line's number, the sentence above may be the wording's first row: kept.
    rows = _rows(
        f"""{_HEADER}
          Fourniture : plaque de plâtre hydrofuge.
          Pose sur ossature métallique                             12,0   m²        45,00        540,00"""
    )
    assert _wordings(rows) == ["Fourniture : plaque de plâtre hydrofuge. Pose sur ossature métallique"]


_PAGE_ONE = f"""\
{_HEADER}
 1.01     Nettoyage de fin de chantier avant                          1   forfait  120,00        120,00
          réception
Mission RN26-123456 – Réseau Habitat – devis DV26-0001                                           1"""

_PAGE_TWO = f"""\
{_HEADER}
 2.02     Peinture des plafonds deux couches                       10,0   m²        30,00        300,00
Mission RN26-123456 – Réseau Habitat – devis DV26-0001                                           2"""


def test_the_running_foot_of_every_page_is_no_wording() -> None:
    assert _wordings(_rows(_PAGE_ONE, 0) + _rows(_PAGE_TWO, 1)) == [
        "Nettoyage de fin de chantier avant réception",
        "Peinture des plafonds deux couches",
    ]


def test_a_last_row_that_differs_between_pages_is_kept() -> None:
    # Not a running foot: the first page's last row goes on its line's wording.
    other = _PAGE_TWO.replace("Mission RN26-123456 – Réseau Habitat – devis DV26-0001", "Fin du devis")
    assert "Mission RN26-123456" in _wordings(_rows(_PAGE_ONE, 0) + _rows(other, 1))[0]
