"""A line's wording among a page's labels and a wrapped cell's rows (``wording_layouts.py``): a
margin of row numbers, the sheet's column letters, a trade cell on a wording's first row above
its figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from wording_layouts import build_wording, misreadings

from billma_core.reading import read_document
from billma_core.reading.lines import Row, extract_lines, without_page_labels
from tests.quick import first_quick

# Development seeds, one class or more each: a sheet's row numbers and its column letters (3, 22),
# a listing's line numbers beside a three-row wording with its figures against the middle (8) or
# the last row (49), a trade cell on a wording's first row, the figures under it (12) or against
# the middle of two rows (1).
SEEDS = [3, 22, 8, 49, 12, 1]


@pytest.mark.parametrize("seed", first_quick(SEEDS, 3))
def test_wordings_read_whole_among_labels(seed: int) -> None:
    drawn = build_wording(seed)
    assert misreadings(drawn, read_document(drawn.quote.pdf)) == []


@pytest.mark.slow  # a drawn sweep: CI's slow step runs it
def test_the_sample_draws_every_class() -> None:
    conventions = [build_wording(seed).conventions for seed in SEEDS]
    assert {c.margin for c in conventions} == {"sheet", "listing", "none"}
    assert any(c.letters for c in conventions)
    assert {c.place for c in conventions if c.trade} >= {"middle", "under"}


# A code column first (``codes``), one seed a kind, each read with the code glued before: a zone (1),
# initials (4), item codes (3, 6).
CODE_SEEDS = [1, 4, 3, 6]


@pytest.mark.parametrize("seed", CODE_SEEDS)
def test_a_code_column_is_no_wording(seed: int) -> None:
    drawn = build_wording(seed, codes=True)
    assert misreadings(drawn, read_document(drawn.quote.pdf)) == []


_CODES = """\
 Zone          Désignation                                        Qté      P.U. HT    Montant HT
 Z1            Frais de route et mise en place du véhicule          1        48,50         48,50
 Réf.          Désignation                                        Qté      P.U. HT    Montant HT
 COMAP 21276 Remplacement du bouton-poussoir d'éclairage            2        73,44        146,88"""


def test_a_code_cell_before_the_wording_is_no_part_of_it() -> None:
    # A zone, a maker's reference running to the wording a space after it.
    wordings = [line.designation for line in extract_lines(_rows(_CODES)).lines]
    assert wordings == ["Frais de route et mise en place du véhicule", "Remplacement du bouton-poussoir d'éclairage"]


def _rows(text: str) -> list[Row]:
    return [Row(row, 0) for row in text.split("\n")]


_SHEET = """\
     A          B                               C       D        E
 7        Chantier : 4 rue des Lilas
 8
 9   N°   Désignation                           Unité   Qté      PU HT     Total HT
 10  1    Peinture des murs du séjour, deux     m²      24,00    18,50       444,00
 11       couches
 12  2    Dépose du lino                        m²      12,00     6,00        72,00
 13
 14                                                    Total HT             516,00"""


def test_a_margin_of_row_numbers_is_no_wording() -> None:
    rows = without_page_labels(_rows(_SHEET))
    assert all(not row.text[:4].strip() for row in rows)
    wordings = [line.designation for line in extract_lines(_rows(_SHEET)).lines]
    assert wordings == ["Peinture des murs du séjour, deux couches", "Dépose du lino"]


def test_a_document_numbering_its_lines_keeps_its_numbers() -> None:
    # Numbers on the priced rows only (no header, heading or empty row numbered): the document's.
    listed = "\n".join(f"{n}   Pose de plinthe {n}      ml   {n},00   10,00   {n * 10},00" for n in range(1, 7))
    rows = _rows("Désignation           Unité   Qté   PU HT   Total HT\n" + listed)
    assert [row.text for row in without_page_labels(rows)] == [row.text for row in rows]


_AMOUNT_FIRST = """\
  Montant HT   Unité   Qté   Fourniture   Main d'œuvre   TVA   Désignation
                                                                • Protection des sols du salon,
                                                                compris nettoyage des gravats
     114,00   Forfait     1       64,98          49,02     2  2.5 par 1.20 m
                                                                • Location d'un déshumidificateur,
                                                                compris préparation du support
     138,60         j  4,00       11,09          23,56     2  2.5 par 1.20 m"""


def test_a_wording_printed_after_its_figures_may_end_on_a_size() -> None:
    # « 2.5 par 1.20 m » in the wording's column is the wording's end (public models print a
    # wording's dimensions this way: « dalle 60 par 60 cm »), no figure of the row's and no item
    # number: the figures row is no figures-only row for the wording above.
    lines = extract_lines(_rows(_AMOUNT_FIRST)).lines
    assert [(line.quantity, line.unit_price_ht, line.total_ht) for line in lines] == [
        (Decimal(1), Decimal("114.00"), Decimal("114.00")),
        (Decimal("4.00"), Decimal("34.65"), Decimal("138.60")),
    ]
    assert all(line.designation.endswith("2.5 par 1.20 m") for line in lines)


_METHODS = """\
 Réf.   Méthode   Désignation                                                 Qté    U       P.U. HT    Montant HT
 CLASSE C3 – contamination forte : chlorures > 20 µg/cm² – points P1, P3
 01        IS     Fixateur bloque-suie sur les zones assombries au-dessus de   5,93   m²        9,77         57,94
                  la hotte
 CLASSE C2 – contamination moyenne : chlorures de 5 à 20 µg/cm² – points P5
 02       LA      Lessivage alcalin des cloisons puis rinçage                 16,88   m²        6,88        116,13
 03        —      Confinement des pièces saines par polyane                    1   forfait     81,00         81,00"""


def test_a_method_code_after_the_number_and_a_heading_across_the_columns_are_no_wording() -> None:
    # A number's column, then a code's (« — » for none); a heading from the numbers' column across
    # the wording's, its figures closing no line, opens the next group, no more of the line above.
    lines = extract_lines(_rows(_METHODS)).lines
    assert [line.designation for line in lines] == [
        "Fixateur bloque-suie sur les zones assombries au-dessus de la hotte",
        "Lessivage alcalin des cloisons puis rinçage",
        "Confinement des pièces saines par polyane",
    ]
    assert lines[1].section is not None and lines[1].section.startswith("CLASSE C2")
