"""A price list (a call-out firm's schedule) prints every service with its unit and unit price,
and only the ordered rows with a quantity and an amount, ticked or not: the rows that print no
amount are no lines when the others make the total HT, and a tick is no word of the wording."""

from __future__ import annotations

from decimal import Decimal

import pytest

from billma_core.reading.parse import parse_quote

HEAD = """Plomberie Martin SARL                                   DEVIS N° 2026-118
SIRET 81599695400088                                    Le 05.10.2026

               Prestation                         Unité    P.U. HT      Qté    Montant HT   TVA
"""
ROWS = [
    ("{tick}   Remise en teinte des murs, acrylique     m²        28,53    30,35      865,89    10"),
    ("      Pose de toile à peindre sur mur rénové    m²        27,00"),
    ("{tick}   Prise de courant 16A remplacée            u         60,62        3      181,86    10"),
    ("      Journée de déshumidificateur sur site     j         31,50"),
]


def _foot(ht: str, vat: str, ttc: str) -> str:
    return f"""
                                                  Total HT     {ht}
                                                  TVA 10 %     {vat}
                                                  Total TTC    {ttc}
"""


@pytest.mark.parametrize("tick", ["X", "x", "✓", "☒", " "])
def test_the_rows_not_ordered_are_no_lines_when_the_ordered_ones_make_the_total(tick: str) -> None:
    page = HEAD + "\n".join(row.format(tick=tick) for row in ROWS) + _foot("1.047,75", "104,78", "1.152,53")
    quote = parse_quote([page]).quote
    read = [(line.designation, line.quantity, line.unit and line.unit.value, line.total_ht) for line in quote.lines]
    assert read == [
        ("Remise en teinte des murs, acrylique", Decimal("30.35"), "m2", Decimal("865.89")),
        ("Prise de courant 16A remplacée", Decimal(3), "u", Decimal("181.86")),
    ]


def test_a_row_priced_alone_stays_a_line_when_the_total_counts_it() -> None:
    # 865,89 + 27,00 + 181,86 + 31,50: every row counted, as a lump sum is.
    page = HEAD + "\n".join(row.format(tick=" ") for row in ROWS) + _foot("1.106,25", "110,63", "1.216,88")
    quote = parse_quote([page]).quote
    assert [line.total_ht for line in quote.lines] == [Decimal(v) for v in ("865.89", "27.00", "181.86", "31.50")]


def test_rows_priced_alone_stay_when_the_totals_do_not_close() -> None:
    # HT + VAT ≠ TTC: the document's arithmetic says nothing sure, the reading stays whole.
    page = HEAD + "\n".join(row.format(tick="X") for row in ROWS) + _foot("1.047,75", "104,78", "1.252,53")
    assert len(parse_quote([page]).quote.lines) == 4
