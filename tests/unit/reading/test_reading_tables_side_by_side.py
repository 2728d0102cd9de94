"""Two priced tables printed side by side (what is kept and what is replaced, two lots), each under
the same header and each closed by its own sum in the totals: read as two tables, the left one
first, not across as one; the totals under them parted from a note printed beside them.

Real PDFs drawn with fpdf2 and read from their bytes (``read_document``, ``page_words``).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from fpdf import FPDF
from test_reading_side_blocks import _streams  # a page's streams of rows, as text
from unseen_layouts import FONT_DIR

from billma_core.models import Unit
from billma_core.reading import read_document

# (wording rows, quantity, unit as printed, unit price, amount)
_LEFT = [
    (["Lessivage des murs de la", "chambre noircis par la fumée"], "24,50", "m²", "8,20", "200,90"),
    (["Peinture acrylique deux couches"], "24,50", "m²", "22,00", "539,00"),
    (["Nettoyage des menuiseries", "intérieures et des plinthes", "du séjour"], "1", "forfait", "145,00", "145,00"),
]
_RIGHT = [
    (["Dépose de la moquette brûlée"], "16,00", "m²", "9,50", "152,00"),
    (["Parquet stratifié posé sur", "sous-couche acoustique"], "16,00", "m²", "42,00", "672,00"),
    (["Bloc-porte de chambre", "remplacé avec son huisserie"], "1", "u", "395,00", "395,00"),
    (["Plinthes bois neuves", "collées et peintes"], "18,20", "ml", "11,00", "200,20"),
]
_NOTE = [
    "Travaux de droite après le nettoyage des",
    "locaux. Acompte de 30 % à la commande.",
    "Offre valable trois mois.",
]
_HEADER = ("Désignation", "Qté", "P.U. HT", "Montant HT")
_WIDTHS = (46.0, 16.0, 14.0, 16.0)


def _sum(lines: list[tuple[list[str], str, str, str, str]]) -> Decimal:
    return sum((Decimal(line[4].replace(",", ".")) for line in lines), Decimal(0))


def _money(amount: Decimal) -> str:
    whole, cents = f"{amount:.2f}".split(".")
    groups = f"{int(whole):,}".replace(",", " ")
    return f"{groups},{cents} EUR"


def _table(
    pdf: FPDF,
    x: float,
    y: float,
    title: str,
    lines: list[tuple[list[str], str, str, str, str]],
    header: tuple[str, ...] = _HEADER,
) -> float:
    pdf.set_xy(x, y)
    pdf.cell(80, 5, title)
    y += 6
    for texts in [header, *[(line[0][0], f"{line[1]} {line[2]}", line[3], line[4]) for line in lines]]:
        column = x
        for index, (width, text) in enumerate(zip(_WIDTHS, texts, strict=True)):
            pdf.set_xy(column, y)
            pdf.cell(width, 4, text, align="L" if index == 0 else "R")
            column += width
        y += 4.4
        wrapped = next((line[0][1:] for line in lines if line[0][0] == texts[0]), [])
        for text in wrapped:
            pdf.set_xy(x, y)
            pdf.cell(_WIDTHS[0], 4, text)
            y += 4.4
        y += 1.2 if texts is not header else 0
    return y


def _page(
    *,
    sums: bool = True,
    note: bool = True,
    right_sum: Decimal | None = None,
    right_x: float = 108,
    right_header: tuple[str, ...] = _HEADER,
    shift: float = 0,
) -> bytes:
    """A quote whose priced works stand in two tables side by side (the right one at ``right_x``, under
    ``right_header``), then the totals box (the two tables' sums opening it; printed on the next page
    when ``sums`` is false) with a note beside, the labels under the first ``shift`` mm left of it."""
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 12)
    pdf.set_xy(12, 14)
    pdf.cell(60, 6, "DEVIS N° 2025-204")
    pdf.set_font("DejaVu", "", 7.5)
    pdf.set_xy(12, 22)
    pdf.cell(120, 4, "Rénovation Girard SARL – SIRET 732 829 320 00074 – 12 rue des Tanneurs, 69007 Lyon")
    bottom = max(
        _table(pdf, 10, 34, "1 – CONSERVER : NETTOYER ET TRAITER", _LEFT),
        _table(pdf, right_x, 34, "2 – DÉPOSER ET REMPLACER", _RIGHT, right_header),
    )
    left, right = _sum(_LEFT), right_sum if right_sum is not None else _sum(_RIGHT)
    total_ht = _sum(_LEFT) + _sum(_RIGHT)
    vat = (total_ht * Decimal("0.10")).quantize(Decimal("0.01"))
    if not sums:
        pdf.set_xy(12, 280)
        pdf.cell(60, 4, "Page 1")
        pdf.add_page()
        bottom = 20
    y = bottom + 6
    if note:
        for index, text in enumerate(_NOTE):
            pdf.set_xy(10, y + index * 4.4)
            pdf.cell(80, 4, text)
    totals = [
        ("Total 1 – nettoyer et traiter", left),
        ("Total 2 – déposer et remplacer", right),
        ("Total HT", total_ht),
        ("TVA 10 %", vat),
        ("Total TTC", total_ht + vat),
    ]
    for index, (label, amount) in enumerate(totals):
        pdf.set_xy(120 - (shift if index else 0), y)
        pdf.cell(50, 4, label)
        pdf.cell(28, 4, _money(amount), align="R")
        y += 5.5
    return bytes(pdf.output())


def _expected() -> list[tuple[str, Decimal, Unit | None, Decimal, Decimal]]:
    units = {"m²": Unit.M2, "u": Unit.U, "forfait": Unit.FORFAIT, "ml": Unit.ML}
    return [
        (
            " ".join(rows),
            Decimal(qty.replace(",", ".")),
            units[unit],
            Decimal(pu.replace(",", ".")),
            Decimal(total.replace(",", ".")),
        )
        for rows, qty, unit, pu, total in [*_LEFT, *_RIGHT]
    ]


@pytest.mark.parametrize(
    ("sums", "note"), [(True, True), (True, False), (False, True)], ids=["note", "no-note", "sums-overleaf"]
)
def test_two_tables_side_by_side_read_as_two(sums: bool, note: bool) -> None:
    reading = read_document(_page(sums=sums, note=note))
    assert reading.quote is not None
    read = [
        (line.designation, line.quantity, line.unit, line.unit_price_ht, line.total_ht) for line in reading.quote.lines
    ]
    assert read == _expected()
    assert reading.quote.total_ttc == (_sum(_LEFT) + _sum(_RIGHT)) * Decimal("1.1")


def test_the_totals_come_after_both_tables_and_the_note_last() -> None:
    parts = _streams(_page())
    left = next(part for part in parts if part[0].startswith("1 – CONSERVER"))
    right = next(part for part in parts if part[0].startswith("2 – DÉPOSER"))
    totals = next(part for part in parts if part[0].startswith("Total 1"))
    assert parts.index(left) < parts.index(right) < parts.index(totals)
    assert left[1] == right[1] == " ".join(_HEADER)
    assert parts[-1] == _NOTE
    assert [row.split(" – ")[0].split(" ")[0] for row in totals] == ["Total", "Total", "Total", "TVA", "Total"]


def test_a_grid_whose_lines_add_up_to_no_printed_sum_is_not_parted() -> None:
    """The same header on both sides, but the right side's lines add up to no amount printed under
    them (one sum printed, the other not): the document's arithmetic does not confirm two tables."""
    parts = _streams(_page(right_sum=_sum(_RIGHT) + Decimal("100.00")))
    assert not any(part[0].startswith("2 – DÉPOSER") for part in parts)


# The left table's amounts end at 102 mm: the right one this close leaves a gap of about one word
# height, narrower than a block's gutter (an OCR engine's boxes, wider than a text layer's words).
_NARROW_X = 104.0
# The right header as an engine may read it: an apostrophe for the space, the quantity's label lost.
_SLIPPED_HEADER = ("Désignation", "", "P.U. HT", "Montant'HT")


@pytest.mark.parametrize("header", [_HEADER, _SLIPPED_HEADER], ids=["same-header", "header-slipped"])
def test_two_tables_a_narrow_gap_apart_read_as_two(header: tuple[str, ...]) -> None:
    reading = read_document(_page(right_x=_NARROW_X, right_header=header))
    assert reading.quote is not None
    read = [
        (line.designation, line.quantity, line.unit, line.unit_price_ht, line.total_ht) for line in reading.quote.lines
    ]
    assert read == _expected()


def test_a_header_slipped_is_the_same_header_only_when_the_sums_confirm_it() -> None:
    parts = _streams(_page(right_x=_NARROW_X, right_header=_SLIPPED_HEADER))
    assert any(part[0].startswith("2 – DÉPOSER") for part in parts)
    parts = _streams(_page(right_x=_NARROW_X, right_header=_SLIPPED_HEADER, right_sum=_sum(_RIGHT) + Decimal(100)))
    assert not any(part[0].startswith("2 – DÉPOSER") for part in parts)


def test_two_grids_under_headers_of_other_columns_are_not_parted() -> None:
    """A right grid with no unit price's column nor quantity's (two labels apart from the left's):
    not the same header, read as before even where the sums are printed."""
    parts = _streams(_page(right_x=_NARROW_X, right_header=("Désignation", "", "", "Montant HT")))
    assert not any(part[0].startswith("2 – DÉPOSER") for part in parts)


def test_the_note_is_parted_from_totals_whose_labels_do_not_start_at_one_edge() -> None:
    """The totals' labels a little left of the first one's edge (an OCR engine's boxes): the note
    beside them is still parted at the gap between them, read last."""
    parts = _streams(_page(shift=0.6))
    assert parts[-1] == _NOTE
    totals = next(part for part in parts if part[0].startswith("Total 1"))
    assert len(totals) == 5
