"""A second column of text beside the table: a band down the page (the seller, the customer, the
references, the terms), a column of notes beside the lines. Each block is read as its own stream
of rows, so a line's wording holds only the words of the table's block; pages whose gutters are
a table's own (its figures columns, a reference column, totals under the lines) read as one.

Real PDFs drawn with fpdf2 and read from their bytes (``read_document``, ``page_words``).
"""

from __future__ import annotations

import random
import statistics
from decimal import Decimal

import pytest
from fpdf import FPDF
from unseen_layouts import FONT_DIR

from billma_core.models import Unit
from billma_core.reading import read_document
from billma_core.reading.gutters import streams
from billma_core.reading.ocr.base import OcrWord, words_to_layout
from billma_core.reading.pdf import page_words
from billma_core.reading.words import Word, rows_by_height

# (wording, quantity, unit as printed, unit price, amount)
_LINES = [
    ("Dépose du revêtement de sol existant", "18,40", "m²", "12,50", "230,00"),
    ("Ragréage fibré avant pose", "18,40", "m²", "16,80", "309,12"),
    ("Pose de parquet stratifié, plinthes comprises", "18,40", "m²", "38,00", "699,20"),
    ("Peinture des murs, deux couches", "42,10", "m²", "21,00", "884,10"),
    ("Remplacement d'une prise de courant", "2", "u", "58,00", "116,00"),
    ("Déplacement et installation de chantier", "1", "forfait", "65,00", "65,00"),
]
_TOTALS = [("Total HT", "2 303,42"), ("TVA 10 %", "230,34"), ("Total TTC", "2 533,76")]
# A band's rows: trade words, dates, references and figures a wording could take for its own.
_BAND = [
    "Rénovation Girard SARL",
    "12 rue des Tanneurs",
    "69007 Lyon",
    "SIRET 732 829 320 00074",
    "",
    "CLIENT",
    "M. Paul Lefèvre",
    "8 allée des Pins",
    "69100 Villeurbanne",
    "",
    "RÉFÉRENCES",
    "Devis n° 2025-118",
    "Date : 14/03/2025",
    "Sinistre n° 2025-40731",
    "Peinture - Sols - Plâtrerie",
    "",
    "CONDITIONS",
    "Acompte de 30 % à la commande",
    "Validité : 3 mois",
    "Pose de carrelage sur demande",
]
_NOTES = [
    "Remarques",
    "Travaux selon DTU 59.1",
    "Pose de plinthes en option",
    "Délai : 3 semaines",
    "Garantie décennale n° 2025-77",
    "Accès au chantier libre",
    "Peinture des boiseries exclue",
]


def _page(band: list[str], side: str, *, full_height: bool = True) -> bytes:
    """A quote whose table stands beside a column of text (left or right), the column printed
    at its own pitch from the top of the page (``full_height``) or beside the table's rows only."""
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 8)
    table_x, band_x = (80.0, 16.0) if side == "left" else (16.0, 146.0)
    widths = (60.0, 14.0, 10.0, 17.0, 21.0)  # wording, quantity, unit, unit price, amount
    y = 20.0
    pdf.set_xy(table_x, y)
    pdf.set_font("DejaVu", "", 12)
    pdf.cell(60, 6, "DEVIS")
    pdf.set_font("DejaVu", "", 8)
    y += 16
    table_top = y
    for texts in [("Désignation", "Qté", "U", "P.U. HT", "Total HT"), *_LINES]:
        x = table_x
        for index, (width, text) in enumerate(zip(widths, texts, strict=True)):
            pdf.set_xy(x, y)
            pdf.cell(width, 6, text, align="L" if index in (0, 2) else "R")
            x += width
        y += 7
    y += 3
    for label, amount in _TOTALS:
        pdf.set_xy(table_x + 60, y)
        pdf.cell(40, 6, label)
        pdf.cell(22, 6, amount, align="R")
        y += 6
    band_y = 20.0 if full_height else table_top + 2
    for text in band:
        pdf.set_xy(band_x, band_y)
        pdf.cell(48, 4, text)
        band_y += 4.4  # the band's own pitch
    if side == "right":
        pdf.set_xy(16, y + 10)
        pdf.cell(60, 4, "Devis n° 2025-118 - SIRET 732 829 320 00074")
    return bytes(pdf.output())


def _expected() -> list[tuple[str, Decimal, Unit | None, Decimal, Decimal]]:
    units = {"m²": Unit.M2, "u": Unit.U, "forfait": Unit.FORFAIT}
    return [
        (
            wording,
            Decimal(qty.replace(",", ".")),
            units[unit],
            Decimal(pu.replace(",", ".")),
            Decimal(total.replace(",", ".")),
        )
        for wording, qty, unit, pu, total in _LINES
    ]


@pytest.mark.parametrize(
    ("band", "side", "full_height"),
    [(_BAND, "left", True), (_BAND, "right", True), (_NOTES, "right", False), (_NOTES, "left", False)],
    ids=["band-left", "band-right", "notes-right", "notes-left"],
)
def test_a_column_beside_the_table_stays_out_of_the_wordings(band: list[str], side: str, full_height: bool) -> None:
    reading = read_document(_page(band, side, full_height=full_height))
    assert reading.quote is not None
    read = [
        (line.designation, line.quantity, line.unit, line.unit_price_ht, line.total_ht) for line in reading.quote.lines
    ]
    assert read == _expected()
    assert reading.quote.total_ht == Decimal("2303.42")
    assert reading.quote.total_ttc == Decimal("2533.76")


def _streams(data: bytes) -> list[list[str]]:
    words = [word for word in page_words(data, None)[0] if word.text.strip()]
    rows = rows_by_height(words)
    rows.sort(key=lambda row: statistics.median(w.top + w.height / 2 for w in row))
    return [[" ".join(w.text for w in sorted(row, key=lambda w: w.left)) for row in stream] for stream in streams(rows)]


def test_the_band_is_one_stream_and_the_table_another() -> None:
    """The table's block first (the title and number at the top of the page stay among the first
    rows), the band after it, as a footer would be."""
    parts = _streams(_page(_BAND, "left"))
    assert len(parts) == 2
    table, beside = parts
    assert table[0] == "DEVIS"
    assert table[2] == "Dépose du revêtement de sol existant 18,40 m² 12,50 230,00"
    assert beside == [text for text in _BAND if text]


def _one_page(rows: list[tuple[float, float, str]]) -> bytes:
    """Texts at (x, y) in millimetres."""
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 8)
    for x, y, text in rows:
        pdf.set_xy(x, y)
        pdf.cell(0, 4, text)
    return bytes(pdf.output())


@pytest.mark.parametrize("figures_at", [0.0, 2.2], ids=["first-row", "middle"])
def test_a_tables_own_gutters_part_nothing(figures_at: float) -> None:
    """A reference column before the wordings (each level with its line), wordings wrapped on two
    rows with their figures on the first or against the middle (then no figure level with a
    wording's row, and no figure with its wording on its side), totals under the figures."""
    texts: list[tuple[float, float, str]] = [(16, 20, "Désignation"), (120, 20, "Qté   P.U.   Montant")]
    y = 28.0
    for index, (wording, qty, _, pu, total) in enumerate(_LINES):
        texts += [(16, y, f"R{index + 1:02d}"), (30, y, wording), (30, y + 4.4, "fourniture et main-d'œuvre")]
        texts.append((120, y + figures_at, f"{qty}   {pu}   {total}"))
        y += 11
    for label, amount in _TOTALS:
        texts.append((120, y, f"{label}   {amount}"))
        y += 5
    assert len(_streams(_one_page(texts))) == 1


def test_labelled_figures_with_their_totals_beside_part_nothing() -> None:
    """Lines as blocks of labelled figures ("Quantité : … – Prix unitaire HT : …"), each total
    right-aligned between the wording's row and the figures' row: amounts on both sides."""
    texts: list[tuple[float, float, str]] = []
    y = 20.0
    for wording, qty, unit, pu, total in _LINES:
        texts += [(16, y, wording), (20, y + 5, f"Quantité : {qty} {unit} – Prix unitaire HT : {pu} – TVA 10 %")]
        texts.append((150, y + 2.5, f"Total HT : {total}"))
        y += 12
    for label, amount in _TOTALS:
        texts.append((120, y, f"{label}   {amount}"))
        y += 5
    assert len(_streams(_one_page(texts))) == 1


def test_ocr_words_take_the_same_path() -> None:
    """An engine's boxes (shifted a little each, as a scan's are, and whole phrases as one box):
    the band stays out of the wordings of the layout text the OCR path makes."""
    rng = random.Random(11)
    words = []
    for word in page_words(_page(_BAND, "left"), None)[0]:
        if word.text.strip():
            jitter = word.height * 0.08
            words.append(
                OcrWord(
                    word.text,
                    word.left + rng.uniform(-1, 1),
                    word.top + rng.uniform(-jitter, jitter),
                    word.width,
                    word.height,
                )
            )
    text = words_to_layout(words)
    for wording, *_ in _LINES:
        row = next(row for row in text.splitlines() if wording.split(",")[0] in row).strip()
        assert row.startswith(wording.split(",")[0]), row
        assert not set(row.split()) & {w for band in _BAND for w in band.split()} - set(wording.split()), row


# A side pane of labels over their values, printed at the lines' own pitch (an app's screen).
_PANE = ["CLIENT", "M. Paul Lefèvre", "ADRESSE", "8 allée des Pins", "69100 Villeurbanne", "TECHNICIEN", "Julien M."]
_PANE += ["DATE", "14/03/2025", "OBSERVATIONS", "Accès par la cour", "PHOTOS (2)", "Fuite sous évier"]


def _stacked_page(side: str) -> bytes:
    """Each line three rows at one pitch: its wording alone, its figures with no wording (a
    stepper's signs around the quantity), a note; a pane of labels and values beside them at the
    same pitch, so that its rows stand level with the lines' rows."""
    pane_x, lines_x = (16.0, 80.0) if side == "left" else (150.0, 16.0)
    texts: list[tuple[float, float, str]] = []
    y = 20.0
    for wording, qty, unit, pu, total in _LINES:
        texts += [(lines_x, y, wording), (lines_x, y + 5, f"(−) {qty} (+)   {unit} × {pu} EUR HT")]
        texts += [(lines_x + 100, y + 5, total), (lines_x, y + 10, "TVA 10 % · Salon")]
        y += 16
    for label, amount in _TOTALS:
        texts.append((lines_x + 60, y, f"{label}   {amount}"))
        y += 5
    texts += [(pane_x, 20.0 + 5 * index, text) for index, text in enumerate(_PANE)]
    return _one_page(texts)


@pytest.mark.parametrize("side", ["left", "right"])
def test_a_pane_beside_lines_worded_on_their_own_rows_stays_out_of_them(side: str) -> None:
    """The figures' rows carry no wording: theirs stands on the row above, on their side of the
    gutter; the pane's rows stand level with the lines' by chance of the pitch."""
    parts = _streams(_stacked_page(side))
    assert len(parts) == 2
    assert not {w for row in parts[0] for w in row.split()} & {"CLIENT", "TECHNICIEN", "Lefèvre", "Julien"}
    reading = read_document(_stacked_page(side))
    assert reading.quote is not None
    read = [
        (line.designation, line.quantity, line.unit, line.unit_price_ht, line.total_ht) for line in reading.quote.lines
    ]
    assert read == _expected()


def test_a_vat_column_level_with_the_figures_stays_in_the_table() -> None:
    """Wordings wrapped around their figures' row (the figures row holding only an item number),
    a column of rates right of a gutter, each rate level with its line's figures: one table."""
    header = "N°   Désignation" + " " * 60 + "Qté   P.U.   Montant" + " " * 14 + "TVA"
    texts: list[tuple[float, float, str]] = [(16, 20, header)]
    y = 28.0
    for index, (wording, qty, _, pu, total) in enumerate(_LINES):
        texts += [(30, y, wording), (16, y + 4.4, f"{index + 1}.1"), (30, y + 8.8, "fourniture et pose")]
        texts += [(110, y + 4.4, f"{qty}   {pu}   {total}"), (175, y + 4.4, "10 %")]
        y += 15
    for label, amount in _TOTALS:
        texts.append((110, y, f"{label}   {amount}"))
        y += 5
    assert len(_streams(_one_page(texts))) == 1


def test_a_side_prints_an_amount_when_one_of_its_words_does() -> None:
    """The search for two tables side by side tells a row's side printing an amount by its words
    alone (``_prints_amount``): the same answer as the side's amounts read from its words joined
    (``_amounts``), thousands grouped across two words or not, whatever the words around."""
    from billma_core.reading.gutters import _PRINTED_AMOUNT, _amounts

    texts = [
        "1",
        "12",
        "234,56",
        "1.2.34",
        "12,5",
        "3.532,01",
        "A1,23",
        "12,345",
        "0,00",
        "1\u00a0234,56",
        "Total",
        "€",
        "245,00€",
        "-12,50",
        "1,234.56",
        "7.50",
        " 89,10 ",
        "2024.12.31",
        "12,34,56",
    ]
    draw = random.Random(29)
    for _ in range(3000):
        left, side = 0.0, []
        for _ in range(draw.randint(1, 4)):
            text = draw.choice(texts)
            side.append(Word(text, left, 0.0, 6.0 * len(text), 10.0))
            left += 6.0 * len(text) + draw.choice((2.0, 5.0, 30.0))  # a phrase's space, or a cell's
        by_words = any(_PRINTED_AMOUNT.search(word.text.strip()) for word in side)
        assert by_words == bool(_amounts(side)), [word.text for word in side]
