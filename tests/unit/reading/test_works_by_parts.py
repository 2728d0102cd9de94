"""A work priced by its parts (``parse._works_by_parts``): an unpriced heading over priced
sub-rows « Fourniture : … », « Pose », « Main d'œuvre » is one line, the heading's wording, the
parts summed, when the parts agree; a heading over rows that are works of their own stays a
section."""

from __future__ import annotations

from decimal import Decimal

from billma_core.reading.parse import parse_quote

_PAGE = """Devis n° DV-2025-118
Poste   Désignation                                   Qté    U        P.U. HT     Total HT
01      Sol PVC en lés sous les meubles de cuisine
          Fourniture : Solvina réf. LVT-4068         21,26   m²         17,84       379,28
          Pose                                       21,26   m²         15,16       322,30
          Total poste 01                                                          701,58
02      Heure de plombier-installateur sanitaire
          Main d'œuvre                                   5   h          52,25       261,25
          Total poste 02                                                          261,25
                                                           Total HT              962,83 €
                                                           TVA 10 %               96,28 €
                                                           Total TTC           1 059,11 €
"""


def test_a_work_priced_by_its_parts_is_one_line_under_its_heading() -> None:
    quote = parse_quote([_PAGE]).quote
    assert [(line.designation, line.quantity, line.unit_price_ht, line.total_ht) for line in quote.lines] == [
        ("Sol PVC en lés sous les meubles de cuisine", Decimal("21.26"), Decimal("33.00"), Decimal("701.58")),
        ("Heure de plombier-installateur sanitaire", Decimal(5), Decimal("52.25"), Decimal("261.25")),
    ]


def test_parts_of_other_quantities_stay_lines() -> None:
    # The supply measured otherwise than the fitting: the parts do not make one work's figures.
    page = _PAGE.replace(
        "Fourniture : Solvina réf. LVT-4068         21,26   m²         17,84       379,28",
        "Fourniture : Solvina réf. LVT-4068            23   m²         16,49       379,27",
    )
    page = page.replace("701,58", "701,57").replace("962,83", "962,82").replace("1 059,11", "1 059,10")
    quote = parse_quote([page]).quote
    assert [line.designation for line in quote.lines][:2] == ["Fourniture : Solvina réf. LVT-4068", "Pose"]


def test_a_heading_over_works_of_their_own_stays_a_section() -> None:
    page = _PAGE.replace("Fourniture : Solvina réf. LVT-4068  ", "Ragréage fibré avant pose sol souple")
    quote = parse_quote([page]).quote
    assert quote.lines[0].designation.startswith("Ragréage fibré")
    assert quote.lines[0].total_ht == Decimal("379.28")


def test_a_heading_wrapped_onto_a_second_row_is_the_whole_wording() -> None:
    # Cut on a slash above a room's name, or going on in small letters: the row under the
    # heading is more of it, not a room's heading nor the wording alone.
    page = _PAGE.replace(
        "01      Sol PVC en lés sous les meubles de cuisine\n",
        "01      Sol PVC en lés sous les meubles\n        de cuisine\n",
    ).replace(
        "02      Heure de plombier-installateur sanitaire\n",
        "02      Heure de plombier-installateur sanitaire /\n        Chambre 1\n",
    )
    quote = parse_quote([page]).quote
    assert [(line.designation, line.room) for line in quote.lines] == [
        ("Sol PVC en lés sous les meubles de cuisine", None),
        ("Heure de plombier-installateur sanitaire / Chambre 1", "Chambre 1"),
    ]


def test_a_heading_naming_a_reference_code_is_still_a_heading() -> None:
    """« … 30x60 réf. GRS3060 »: an abbreviation's dot before a code opens no sentence; the heading
    over its parts is the work's wording (set 22's `17_document` glued such a heading to its supply)."""
    page = _PAGE.replace(
        "01      Sol PVC en lés sous les meubles de cuisine\n",
        "01      Carrelage de sol grès cérame 30x60 réf. GRS3060\n        posé collé sur chape, joints compris\n",
    )
    line = parse_quote([page]).quote.lines[0]
    assert (line.designation, line.quantity, line.unit_price_ht) == (
        "Carrelage de sol grès cérame 30x60 réf. GRS3060 posé collé sur chape, joints compris",
        Decimal("21.26"),
        Decimal("33.00"),
    )
