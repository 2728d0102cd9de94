"""A grid whose first column is a line number labelled « N° » (no word): a row opening under that
label and running across the designation's column is a heading (a phase of the works), no more
of the wording above; a wording wrapped after a linking word (« … gonflées par » / « l'humidité »)
keeps it where a column's gap follows it, the row read whole (a word cell after the amount, then
shares of it)."""

from __future__ import annotations

from decimal import Decimal

from unseen_layouts import rows_pdf

from billma_core.models import Unit
from billma_core.reading import read_document

_ROWS = [
    "N°   Désignation                                  Qté   U    P.U. HT  Montant HT  État  Part  Occupant  Reste",
    " PHASE 1 – Cuisine – J1 m à J2 m – pièce vidée la veille",
    "1    Remplacement des plinthes bois gonflées par  6,27   ml     14,72       92,29  usé   20 %     73,83  18,46",
    "     l'humidité",
    " PHASE 2 – Salon – J2 a-m à J3 m – pièce vidée la veille",
    "2    Peinture des murs, deux couches               8,35   m²     30,37      253,59  bon    0 %    253,59   0,00",
    " ",
    "                                              Total HT                   345,88",
    "                                              TVA 10 %                    34,59",
    "                                              Total TTC                  380,47",
]


def test_a_phase_heading_under_the_number_column_is_no_wording_and_a_linking_word_stays() -> None:
    reading = read_document(rows_pdf(_ROWS, "DejaVuSansMono.ttf", 7, 4))
    assert reading.quote is not None
    lines = reading.quote.lines
    assert [(line.quantity, line.total_ht) for line in lines] == [
        (Decimal("6.27"), Decimal("92.29")),
        (Decimal("8.35"), Decimal("253.59")),
    ]
    assert [line.designation for line in lines] == [
        "Remplacement des plinthes bois gonflées par l'humidité",
        "Peinture des murs, deux couches",
    ]
    assert lines[1].section is not None and lines[1].section.startswith("PHASE 2")


def test_a_unit_word_ending_the_wording_leaves_the_unit_cell_the_line_s() -> None:
    rows = [
        "Prestation                                     Unité     P.U. HT     Qté    Montant HT",
        "Assécheur d'air en fonctionnement, par jour       j       30,19      10        301,90",
        "Peinture des murs, deux couches                  m²       30,37    8,35        253,59",
        " ",
        "                                              Total HT                   555,49",
        "                                              TVA 10 %                    55,55",
        "                                              Total TTC                  611,04",
    ]
    reading = read_document(rows_pdf(rows, "DejaVuSansMono.ttf", 7, 4))
    assert reading.quote is not None
    line = reading.quote.lines[0]
    assert (line.quantity, line.unit, line.unit_price_ht) == (Decimal(10), Unit.DAY, Decimal("30.19"))
    assert line.designation == "Assécheur d'air en fonctionnement, par jour"
