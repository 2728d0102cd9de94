"""A grid whose first column is a line number labelled « N° » (no word): a row opening under that
label and running across the designation's column is a heading (a phase of the works), no more
of the wording above; a wording wrapped after a linking word (« … gonflées par » / « l'humidité »)
keeps it where a column's gap follows it, the row read whole (a word cell after the amount, then
shares of it)."""

from __future__ import annotations

from decimal import Decimal

from unseen_layouts import rows_pdf

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
