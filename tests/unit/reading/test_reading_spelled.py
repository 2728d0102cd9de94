"""Prices written in words, and lines whose wording and figures stand on rows of their own.

Drawn per seed (real PDF bytes from fpdf2): a price schedule whose header names its wording
column with a phrase ("Désignation des ouvrages et prix unitaires en toutes lettres"), each
unit price also written in words under the wording, the sum stated in words at the end; and
two-row lines, the wording (with its item number) on one row and under it, indented and
smaller, "quantity unit x unit price € HT · TVA rate %" with the line's amount."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from fpdf import FPDF
from layout_fuzzer import spell_euros
from unseen_layouts import _pdf

from billma_core.checks import arithmetic_problems
from billma_core.models import Flag, QuoteLine
from billma_core.money import money
from billma_core.reading.parse import parse_quote
from billma_core.reading.reader import read_document
from billma_core.reading.spelled import spelled_amounts, stated_total
from tests.french_amounts import french
from tests.quick import first_quick

_WORDINGS = [
    ("Peinture des murs, deux couches", "m²", "Le mètre carré"),
    ("Dépose de moquette et évacuation", "m²", "Le mètre carré"),
    ("Pose de plinthes en bois", "ml", "Le mètre linéaire"),
    ("Remplacement de prise de courant", "u", "L'unité"),
    ("Déplacement et installation de chantier", "forfait", "Le forfait"),
]


@pytest.mark.parametrize("amount", ["0.50", "1", "21", "71", "80", "97.99", "100", "361.39", "1200", "2537.46"])
def test_amounts_in_words_read_back(amount: str) -> None:
    value = Decimal(amount)
    found = spelled_amounts(f"Le mètre carré : {spell_euros(value)} ………")
    assert [spelled.value for spelled in found] == [value.quantize(Decimal("0.01"))]


def test_words_that_are_no_amount_are_left() -> None:
    assert spelled_amounts("Peinture deux couches et un enduit") == []
    assert stated_total("Capital de cinq mille euros") is None  # an amount, but no statement of the sum
    # A word the parser does not know before the amount: unread, never read short ("mille …").
    assert stated_total("Arrêté à la somme de : troi mille deux cents euros toutes taxes comprises") is None
    assert stated_total("Arrêté à la somme de : trois mille deux cents euros") == Decimal("3200.00")


def test_cents_the_parser_cannot_read_leave_the_amount_unread() -> None:
    # OCR misread a word of the cents ("cinq" read "cing"): the amount is not read short (28,00 €
    # for 28,35 € would be a false disagreement with the figures).
    assert spelled_amounts("Le mètre carré : vingt-huit euros et trente-cing centimes") == []
    assert spelled_amounts("L'heure : cinquante et un euros et hu:t centimes") == []
    assert [s.value for s in spelled_amounts("Le forfait : vingt-huit euros")] == [Decimal("28.00")]
    # Cents stated after a word that is no "et" ("el" read for it): unread too.
    assert spelled_amounts("Le mètre carré : neuf euros el quarante et un centimes") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Le mètre carré : trente-cing euros", "35.00"),  # "cinq" one letter off
        ("vingt-huit euros et trente-cing centimes", "28.35"),
        ("quarante-quatre curos et quatre-vingt-un centmes", "44.81"),
        ("L'unité : sorxante-deux euros et soixante-quatorze centimes", "62.74"),
    ],
)
def test_number_words_read_by_ocr_one_letter_off(text: str, value: str) -> None:
    assert [s.value for s in spelled_amounts(text, ocr=True)] == [Decimal(value)]
    # A text layer's words are as typed: a misspelt amount is not an amount.
    assert [s.value for s in spelled_amounts(text)] != [Decimal(value)]


def test_number_words_two_letters_off_only_where_the_line_figures_confirm_them() -> None:
    # « cisiquante » and « cenumes » are each two letters off (« cinquante », « centimes »): too far
    # for the words alone ...
    words = "cisiquante-deux euros et cinquante cenumes"
    assert spelled_amounts(words, ocr=True) == []
    assert [s.value for s in spelled_amounts(words, ocr=True, loose=True)] == [Decimal("52.50")]
    assert [s.value for s in spelled_amounts(words, loose=True)] != [Decimal("52.50")]  # a text layer's words

    def read(price: str, total: str) -> QuoteLine:
        text = (
            _SCHEDULE_HEAD
            + f"  4.01   Plaque de plâtre sur ossature (salon)                  10,85        {price}        {total}\n"
            + f"         Le mètre carré . {words}\n"
            + f"                                                   Total HT                          {total} €\n"
        )
        (line,) = parse_quote([text], ocr=True).quote.lines
        return line

    # ... read so where they are the line's unit price: the label then names the line's unit and
    # the words leave the wording.
    line = read("52,50", "569,63")
    assert (line.unit, line.price_in_words) == ("m2", Decimal("52.50"))
    assert line.designation == "Plaque de plâtre sur ossature (salon)"
    # Words that do not state the line's figures stay words: no unit, no price in words.
    line = read("53,50", "580,48")
    assert (line.unit, line.price_in_words) == (None, None)


def test_a_price_in_words_puts_figures_read_in_the_wrong_order_back() -> None:
    text = (
        _SCHEDULE_HEAD
        + "  5.02   Gouttière posée (buanderie)                      ml        44,81         13,65        611,66\n"
        + "         Le mètre linéaire : quarante-quatre euros et quatre-vingt-un centimes\n"
        + "                                                   Total HT                          611,66 €\n"
    )
    (line,) = parse_quote([text], ocr=True).quote.lines
    assert (line.quantity, line.unit_price_ht, line.total_ht) == (Decimal("13.65"), Decimal("44.81"), Decimal("611.66"))
    assert line.reading_note and "prix en lettres" in line.reading_note


_SCHEDULE_HEAD = (
    "   N°   Désignation des ouvrages et prix unitaires en toutes lettres      U      Qté      P.U. HT    Montant HT\n"
)


@pytest.mark.parametrize(
    ("cell", "label", "ocr", "unit"),
    [
        ("", "Le jour :", False, "j"),  # the unit cell left empty (a text PDF) or lost (OCR)
        ("", "L'unité :", True, "u"),
        ("m ", "Le mètre carré ·", True, "m2"),  # "m²" read "m", the colon read as a middle dot
        ("m ", "Le métre carre .", True, "m2"),  # the unit's spelling one letter off
        ("ml", "Le mètre linéaire :", False, "ml"),
    ],
)
def test_the_label_of_a_price_in_words_names_the_line_unit(cell: str, label: str, ocr: bool, unit: str) -> None:
    text = (
        _SCHEDULE_HEAD
        + f"  1.01   Dépose de moquette et évacuation                {cell:>4}   6         28,70         172,20\n"
        + f"         {label} vingt-huit euros et soixante-dix centimes\n"
        + "                                                   Total HT                          172,20 €\n"
    )
    (line,) = parse_quote([text], ocr=ocr).quote.lines
    assert (line.unit, line.unit_price_ht, line.price_in_words) == (unit, Decimal("28.70"), Decimal("28.70"))
    assert line.designation == "Dépose de moquette et évacuation"


def test_a_label_naming_no_unit_or_a_text_cell_keeps_the_cell_unit() -> None:
    text = (
        _SCHEDULE_HEAD
        + "  1.01   Dépose de moquette et évacuation                  m²   6         28,70         172,20\n"
        + "         Le mètre linéaire : vingt-huit euros et soixante-dix centimes\n"
        + "  1.02   Pose de plinthes en bois                          ml   2         10,00          20,00\n"
        + "         Prix : dix euros\n"
        + "                                                   Total HT                          192,20 €\n"
    )
    # A text PDF's unit cell is as printed; only OCR's reading of it yields to the label.
    assert [line.unit for line in parse_quote([text]).quote.lines] == ["m2", "ml"]
    assert [line.unit for line in parse_quote([text], ocr=True).quote.lines] == ["ml", "ml"]


def _first_page(title: str, number: str) -> FPDF:
    """A page opening with a centred title in bold and the document's number under it."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(0, 6, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    pdf.cell(0, 5, number, new_x="LMARGIN", new_y="NEXT")
    return pdf


def _schedule(seed: int, wrong_word: bool) -> tuple[bytes, list[tuple[str, Decimal, Decimal]]]:
    rng = random.Random(f"schedule-{seed}")
    lines = []
    for wording, unit, label in rng.sample(_WORDINGS, 4):
        quantity = Decimal(1) if unit == "forfait" else Decimal(rng.randint(50, 2500)) / 100
        price = Decimal(rng.randint(500, 40000)) / 100
        lines.append((wording, unit, label, quantity, price))
    pdf = _first_page("BORDEREAU DES PRIX – DÉTAIL ESTIMATIF", f"Devis n° DV-{seed:04d}")
    pdf.cell(0, 5, "Entreprise Martin – SIRET 732 829 320 00074", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    widths = [12, 92, 12, 18, 22, 22]
    header = ["N°", "Désignation des ouvrages et prix unitaires en toutes lettres", "U", "Qté", "P.U. HT", "Montant HT"]
    pdf.set_font("DejaVu", "B", 7)
    for width, text in zip(widths, header, strict=True):
        pdf.cell(width, 6, text, align="L" if width > 12 else "C")
    pdf.ln(8)
    total = Decimal(0)
    truth = []
    for index, (wording, unit, label, quantity, price) in enumerate(lines, start=1):
        amount = money(quantity * price)
        total += amount
        pdf.set_font("DejaVu", "", 8)
        cells = [f"1.0{index}", wording, unit, french(quantity), french(price), french(amount)]
        for width, text in zip(widths, cells, strict=True):
            pdf.cell(width, 5, text, align="L" if width in (12, 92) else "R")
        pdf.ln(5)
        written = price + 1 if wrong_word and index == 2 else price
        pdf.set_font("DejaVu", "I", 7)
        pdf.set_x(28)
        pdf.cell(0, 5, f"{label} : {spell_euros(written)} ……………", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        truth.append((wording, quantity, price))
    vat = money(total / 10)
    pdf.set_font("DejaVu", "", 9)
    for text, value in (("Total HT", total), ("TVA 10 %", vat), ("Total TTC", total + vat)):
        pdf.set_x(120)
        pdf.cell(40, 5, text)
        pdf.cell(30, 5, f"{french(value)} €", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 5, f"Arrêté le présent devis à la somme de : {spell_euros(total + vat)} toutes taxes comprises.")
    return bytes(pdf.output()), truth


@pytest.mark.parametrize("seed", first_quick(range(4), 2))
def test_a_price_schedule_reads_its_columns_and_its_prices_in_words(seed: int) -> None:
    data, truth = _schedule(seed, wrong_word=False)
    quote = read_document(data).quote
    assert quote is not None
    read = [(line.designation, line.quantity, line.unit_price_ht) for line in quote.lines]
    assert read == truth  # the header's "prix unitaires" is its wording's phrase: Qté then P.U. decide
    assert all(line.price_in_words == line.unit_price_ht for line in quote.lines)
    assert quote.total_in_words == quote.total_ttc
    assert arithmetic_problems(quote) == []


def test_a_price_in_words_that_disagrees_is_a_flag_with_its_figures() -> None:
    data, truth = _schedule(7, wrong_word=True)
    reading = read_document(data)
    assert reading.quote is not None
    line = reading.quote.lines[1]
    assert line.unit_price_ht == truth[1][2]  # the figures stay as printed: no silent change
    assert line.price_in_words == truth[1][2] + 1
    assert line.reading_note is not None and "en lettres" in line.reading_note
    assert Flag.ARITHMETIC_ERROR in reading.flags
    assert any("lettres" in problem for problem in arithmetic_problems(reading.quote))


def _two_rows(seed: int) -> tuple[bytes, list[tuple[str, Decimal, Decimal, Decimal]]]:
    rng = random.Random(f"two-rows-{seed}")
    pdf = _first_page("Rénovation Leroy – SIRET 732 829 320 00074", f"Devis n° D{seed:05d}")
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 8)
    pdf.cell(150, 5, "Désignation")
    pdf.cell(28, 5, "Montant HT", align="R", new_x="LMARGIN", new_y="NEXT")
    truth = []
    total = Decimal(0)
    for index, (wording, unit, _) in enumerate(rng.sample(_WORDINGS, 5), start=1):
        quantity = Decimal(rng.randint(1, 9)) if unit in ("u", "forfait") else Decimal(rng.randint(50, 3000)) / 100
        price = Decimal(rng.randint(500, 40000)) / 100
        amount = money(quantity * price)
        total += amount
        pdf.set_font("DejaVu", "B", 9)
        pdf.cell(0, 5, f"{index:03d} {wording}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 7)
        pdf.set_x(24)
        rate = rng.choice(["10", "5,5"])
        figures = f"{french(quantity).removesuffix(',00')} {unit} x {french(price)} € HT · TVA {rate} %"
        pdf.cell(142, 4, figures)
        pdf.cell(28, 4, f"{french(amount)} €", align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(rng.choice([1, 2, 3]))
        truth.append((wording, quantity, price, amount))
    pdf.set_font("DejaVu", "", 9)
    pdf.set_x(120)
    pdf.cell(40, 5, "Total HT")
    pdf.cell(30, 5, f"{french(total)} €", align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output()), truth


@pytest.mark.parametrize("seed", first_quick(range(4), 2))
def test_two_row_lines_pair_each_figures_row_with_the_wording_above(seed: int) -> None:
    data, truth = _two_rows(seed)
    quote = read_document(data).quote
    assert quote is not None
    read = [(line.designation, line.quantity, line.unit_price_ht, line.total_ht) for line in quote.lines]
    assert read == truth
