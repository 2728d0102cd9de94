"""The reader on quotes printed in layouts unlike the corpus (real PDF bytes from fpdf2):
letters with figures in sentences (by several writers), columns in another order, dot leaders,
lots over pages with carried totals, optional lines and deposits, discounts per line and on the
whole, designations wrapped over rows and pages; composite works with component rows, line
blocks of labelled figures, amounts left of the wording; recaps by lot and take-off (métré)
rows, which are not lines."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from fpdf import FPDF
from pydantic import ValidationError
from unseen_layouts import (
    DEV_FAMILIES,
    FAMILIES,
    FONT_DIR,
    ROUND3_FAMILIES,
    S5_FAMILIES,
    S5R2_FAMILIES,
    UnseenQuote,
    build,
    rows_pdf,
)

from billma_core.bareme import load_bareme
from billma_core.checks import arithmetic_problems
from billma_core.evaluation import evaluate_quote
from billma_core.models import Cover, Flag, Quote, QuoteLine, Unit
from billma_core.reading import read_document
from billma_core.reading.arithmetic import lines_the_total_counts
from billma_core.reading.parse import parse_quote
from billma_core.reading.pdf import page_words
from billma_core.reading.vocabulary import VOCABULARY_FILE, VocabularyFile, vocabulary
from billma_core.reading.words import Word, layout_text
from billma_core.settings import Settings
from billma_core.signals.altered import altered_document
from tests.quick import first_quick


def _priced(quote: Quote) -> list[tuple[Decimal, Unit | None, Decimal]]:
    return [(line.quantity.normalize(), line.unit, line.unit_price_ht) for line in quote.lines if line.total_ht > 0]


def _expected(quote: UnseenQuote) -> list[tuple[Decimal, Unit | None, Decimal]]:
    return [(line.quantity.normalize(), Unit(line.unit), line.unit_price) for line in quote.lines]


@pytest.mark.parametrize("family", [*FAMILIES, *DEV_FAMILIES, *ROUND3_FAMILIES, *S5_FAMILIES, *S5R2_FAMILIES])
@pytest.mark.parametrize("seed", [11, 12, 13])
@pytest.mark.slow  # every family, three seeds: CI runs them; the other unseen-layout tests stay quick
def test_every_line_and_total_of_an_unseen_layout(family: str, seed: int) -> None:
    quote = build(family, seed)
    reading = read_document(quote.pdf)
    assert reading.quote is not None, reading.reason
    assert Flag.ARITHMETIC_ERROR not in reading.flags
    assert sorted(_priced(reading.quote), key=str) == sorted(_expected(quote), key=str)
    assert reading.quote.total_ht == quote.total_ht
    assert reading.quote.total_ttc == quote.total_ttc
    assert reading.quote.number == quote.number


def test_a_letter_keeps_the_wording_without_the_figures() -> None:
    quote = build("letter", 3)
    reading = read_document(quote.pdf)
    assert reading.quote is not None
    for line in reading.quote.lines:
        assert not any(ch.isdigit() for ch in line.designation), line.designation
        assert line.designation[0].isupper()


@pytest.mark.parametrize("seed", first_quick([1, 3, 6], 1))
def test_a_designation_wrapped_over_rows_and_a_page_break_is_whole(seed: int) -> None:
    quote = build("wrapped", seed)
    reading = read_document(quote.pdf)
    assert reading.quote is not None and reading.quote.lines
    assert [line.designation for line in reading.quote.lines] == [line.designation for line in quote.lines]


@pytest.mark.parametrize("seed", first_quick([1, 2, 5], 1))
def test_component_rows_of_a_composite_work_are_neither_lines_nor_wording(seed: int) -> None:
    """Indented rows with a quantity and a unit but no price, also at the top of the next page
    (seed 1 breaks the page among a work's components)."""
    quote = build("ouvrage", seed)
    reading = read_document(quote.pdf)
    assert reading.quote is not None
    assert [line.designation for line in reading.quote.lines] == [line.designation for line in quote.lines]
    assert Flag.ARITHMETIC_ERROR not in reading.flags


@pytest.mark.parametrize("seed", first_quick([1, 2, 5], 1))
def test_a_line_block_of_labelled_figures_is_one_line_with_its_designation(seed: int) -> None:
    """Labels side by side ("Quantité : … · Prix unitaire HT : … · Total HT : …") or one a row,
    the total on the designation's row or under it; the labels are no part of the wording."""
    quote = build("blocks", seed)
    reading = read_document(quote.pdf)
    assert reading.quote is not None
    assert [line.designation for line in reading.quote.lines] == [line.designation for line in quote.lines]
    assert all(line.tva_rate == quote.vat_rate for line in reading.quote.lines)


@pytest.mark.parametrize("seed", first_quick([1, 2, 3, 4, 5, 6], 1))
def test_a_seller_outside_vat_has_one_total_both_ht_and_ttc(seed: int) -> None:
    """ "TVA non applicable, art. 293 B du CGI": the one total the quote prints ("Total",
    "Montant total :", "Net à payer", "Total à payer : … (TVA non applicable, art. 293 B …)",
    whose article number is no amount) is its HT and its TTC, with no VAT."""
    quote = build("no_vat", seed)
    reading = read_document(quote.pdf)
    assert reading.quote is not None
    assert (reading.quote.total_ht, reading.quote.total_tva, reading.quote.total_ttc) == (
        quote.total_ht,
        Decimal(0),
        quote.total_ht,
    )
    assert Flag.ARITHMETIC_ERROR not in reading.flags


@pytest.mark.parametrize("seed", first_quick([8, 11, 15], 1))
def test_composite_works_with_their_totals_beside_the_vat_recap_are_no_altered_document(seed: int) -> None:
    """Italic component rows, and totals set larger than the table beside the VAT recap (a
    totals amount then shares a row with the recap and a column with the lines' totals): a class
    of rows set alike is layout, not an amount pasted in another font."""
    quote = build("ouvrage", seed)
    assert altered_document(quote.pdf) is None
    reading = read_document(quote.pdf)
    assert reading.quote is not None and reading.quote.total_ttc == quote.total_ttc


@pytest.mark.parametrize("seed", first_quick([3, 6, 13, 16], 1))
def test_a_line_block_broken_by_a_page_is_one_line(seed: int) -> None:
    """The page breaks inside a block (inside its wrapped designation, or between the designation
    and its figures) and the next page repeats the document's title: the block is still one line
    with its whole designation, and the title is no part of it."""
    quote = build("blocks", seed)
    reading = read_document(quote.pdf)
    assert reading.pages >= 2 and reading.quote is not None
    assert [line.designation for line in reading.quote.lines] == [line.designation for line in quote.lines]
    assert [line.total_ht for line in reading.quote.lines] == [line.total for line in quote.lines]
    assert Flag.ARITHMETIC_ERROR not in reading.flags


@pytest.mark.parametrize(
    "figures",
    [
        "Quantité : 30,05 M2 – Prix unitaire HT : 35,81 – TVA 10 %           Total HT : 1 076,09",
        "Quantité : 30,05 m² / Prix unitaire HT : 35,81 € / TVA 10 % / Total HT : 1 076,09 €",
    ],
)
def test_block_figures_apart_by_any_mark_and_a_total_beside_the_wrapped_designation(figures: str) -> None:
    rows = [
        "Devis n° D-2026-00707",
        "  Mise en peinture du plafond taché (auréole) après la fuite, rebouchage,",
        "  ponçage et deux couches                                 Total HT : 1 076,09",
        "  Quantité : 30,05 M2 – Prix unitaire HT : 35,81 – TVA 10 %",
        "  Dépose du papier peint",
        "  " + figures,
        "                          Total HT    2 152,18",
    ]
    quote = parse_quote(["\n".join(rows)]).quote
    assert [(line.designation, line.quantity, line.unit_price_ht, line.tva_rate) for line in quote.lines] == [
        (
            "Mise en peinture du plafond taché (auréole) après la fuite, rebouchage, ponçage et deux couches",
            Decimal("30.05"),
            Decimal("35.81"),
            Decimal(10),
        ),
        ("Dépose du papier peint", Decimal("30.05"), Decimal("35.81"), Decimal(10)),
    ]


@pytest.mark.parametrize("seed", first_quick([1, 2, 3], 1))
def test_figures_before_the_wording_leave_the_wording_alone(seed: int) -> None:
    """Amounts left of the designation, a TTC per line beside the HT: the HT is the line's, and
    no figure (the TTC the line leaves out) ends up in its wording."""
    quote = build("amount_first", seed)
    reading = read_document(quote.pdf)
    assert reading.quote is not None
    assert [line.total_ht for line in reading.quote.lines] == [line.total for line in quote.lines]
    for line in reading.quote.lines:
        assert not any(ch.isdigit() for ch in line.designation), line.designation


@pytest.mark.parametrize("seed", first_quick([1, 2, 3, 4, 5, 6], 1))
def test_totals_written_amount_first_beside_small_print_are_the_documents(seed: int) -> None:
    """ "4 993,01 €  Total TTC" beside a paragraph of legal mentions with figures of its own (a
    deposit rate, a policy number, a bank account), "201,33 € TVA 10 % sur 2 013,25 €": the
    totals are the label's figures, the VAT the one its base makes, and nothing else is a line."""
    quote = build("amount_first", seed)
    reading = read_document(quote.pdf)
    assert reading.quote is not None
    assert (reading.quote.total_ht, reading.quote.total_tva, reading.quote.total_ttc) == (
        quote.total_ht,
        quote.total_tva,
        quote.total_ttc,
    )
    assert len(reading.quote.lines) == len(quote.lines)
    assert Flag.ARITHMETIC_ERROR not in reading.flags


@pytest.mark.parametrize(
    ("vat_row", "ttc_row"),
    [
        (
            "   201,33 € TVA 10 % sur 2 013,25 €      couverture France métropolitaine. IBAN FR76 3449",
            "  2 214,58 € Total TTC                    8657 3833 3057 1630 307.",
        ),
        (
            "   TVA 10 % sur 2 013,25 € : 201,33 €    Assurance décennale n° 6410723 auprès de MMA",
            "   Total TTC       2 214,58 €             pénalités de retard, indemnité de 40 €",
        ),
        (
            "   201,33   TVA 10 %                     Acompte de 30 % à la signature, solde 6410723",
            "   2 214,58   Total TTC                   IBAN FR76 8657 3833 3057 1630 307",
        ),
    ],
)
def test_the_totals_are_read_from_their_labels_cell_and_the_vat_from_its_base(vat_row: str, ttc_row: str) -> None:
    rows = [
        "Devis n° D-2026-015",
        "   Montant HT    Qté   U     PU HT   Désignation",
        "       1 013,25     1   FORF  1 013,25   Dépose et repose de la cuisine",
        "       1 000,00    40   M2       25,00   Peinture des murs",
        "   2 013,25 € Total HT                  Acompte de 30 % à la signature. Assurance n° 2125437",
        vat_row,
        ttc_row,
    ]
    quote = parse_quote(["\n".join(rows)]).quote
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == (
        Decimal("2013.25"),
        Decimal("201.33"),
        Decimal("2214.58"),
    )
    assert [line.total_ht for line in quote.lines] == [Decimal("1013.25"), Decimal("1000.00")]


def test_a_wrong_product_before_the_wording_is_read_as_printed_and_a_vat_phrase_is_no_line() -> None:
    """Figure columns on both sides of the wording, one row whose product is wrong (22,17 × 33,14
    = 734,71, printed 707,71): read as the header lays it out, so the checks name it; the VAT row
    under a paragraph of small print ("… Bon pour accord » :" / "266,78 € TVA 10 % sur …") is no
    line."""
    rows = [
        "Devis n° DV25-0783",
        "  Montant HT     Qté    U      PU HT   Désignation                           TVA    Montant TTC",
        "       522,08    7,89   M2     66,17   Mur faïence                           10 %        574,29",
        "       707,71   22,17   M2     33,14   Peinture des plafonds                 10 %        778,48",
        "        48,50       1   FORF   48,50   Frais de déplacement                  10 %         53,35",
        "    1 278,29 € Total HT       Acompte de 30 % à la signature. Assurance décennale n° 2205468,",
        "                              couverture France. Date et signature précédées de la mention :",
        "      127,83 € TVA 10 % sur 1 278,29 €",
        "    1 406,12 € Total TTC",
    ]
    quote = parse_quote(["\n".join(rows)]).quote
    read = [(line.quantity, line.unit, line.unit_price_ht, line.total_ht) for line in quote.lines]
    assert read == [
        (Decimal("7.89"), Unit.M2, Decimal("66.17"), Decimal("522.08")),
        (Decimal("22.17"), Unit.M2, Decimal("33.14"), Decimal("707.71")),
        (Decimal(1), Unit.FORFAIT, Decimal("48.50"), Decimal("48.50")),
    ]
    assert quote.lines[1].designation == "Peinture des plafonds"
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == (
        Decimal("1278.29"),
        Decimal("127.83"),
        Decimal("1406.12"),
    )
    assert any("707,71" in problem for problem in arithmetic_problems(quote))


def test_a_per_line_discount_stays_on_its_line_and_a_global_one_is_a_negative_line() -> None:
    quote = build("discount", 11)
    reading = read_document(quote.pdf)
    assert reading.quote is not None
    rates = sorted(line.discount_rate for line in reading.quote.lines if line.discount_rate)
    assert rates == sorted(line.discount_pct for line in quote.lines if line.discount_pct)
    remises = [line for line in reading.quote.lines if line.total_ht < 0]
    assert len(remises) == (1 if quote.global_discount else 0)
    # A global discount is a lump sum: 1 forfait × −amount, as a reviewer reads it.
    assert all(line.quantity == 1 and line.unit is Unit.FORFAIT for line in remises)
    assert sum((line.total_ht for line in reading.quote.lines), Decimal(0)) == quote.total_ht


@pytest.mark.parametrize(
    ("sentence", "total_ht"),
    [("Remise commerciale de 3 % : -30,00 € HT.", "970,00"), ("Geste commercial : -40,00 € HT.", "960,00")],
)
def test_a_discount_in_a_letter_is_one_forfait_taken_off(sentence: str, total_ht: str) -> None:
    reading = read_document(
        _table_pdf(
            [
                "Madame, Monsieur,",
                "Suite à notre visite, nous vous proposons les travaux suivants.",
                "Peinture des murs du séjour : 40 m² à 25,00 € HT le m², soit 1 000,00 € HT.",
                sentence,
                f"Total HT : {total_ht} € HT.",
            ]
        )
    )
    assert reading.quote is not None
    remises = [line for line in reading.quote.lines if line.total_ht < 0]
    assert len(remises) == 1 and remises[0].quantity == 1 and remises[0].unit is Unit.FORFAIT
    assert remises[0].unit_price_ht == remises[0].total_ht


def test_optional_lines_are_left_out_only_when_the_total_says_so() -> None:
    quote = build("options", 11)
    reading = read_document(quote.pdf)
    assert reading.quote is not None
    assert not any(vocabulary().optional.search(line.designation.lower()) for line in reading.quote.lines)
    # The same quote whose total counts the option: the option stays a line.
    kept = lines_the_total_counts(reading.quote.lines, reading.quote.total_ht)
    assert kept == reading.quote.lines


def test_words_of_a_phrase_are_one_space_apart_and_columns_stay_apart() -> None:
    words = [
        Word("Peinture", 0, 0, 40, 10),
        Word("murs", 46, 0, 20, 10),  # a word space: one space
        Word("12,00", 200, 0, 25, 10),  # a column: a gap of several spaces
        Word("Total", 0, 30, 25, 10),
        Word("HT", 30, 31, 10, 10),
    ]
    rows = layout_text(words).split("\n")
    assert rows[0].startswith("Peinture murs   ") and rows[0].endswith("12,00")
    assert rows[1] == "Total HT"


def test_a_letter_spaced_pdf_is_read_as_words() -> None:
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 10)
    pdf.set_char_spacing(1)  # glyphs set apart: PDFium invents a space between each
    pdf.cell(text="Total TTC 1\u202f368,84 €")
    words = [w.text for w in page_words(bytes(pdf.output()), None)[0]]
    assert words == ["Total", "TTC", "1\u202f368,84", "€"]


@pytest.mark.parametrize(
    ("spelling", "unit"),
    [("m²", Unit.M2), ("M²", Unit.M2), ("m2", Unit.M2), ("ML", Unit.ML), ("ml", Unit.ML), ("U", Unit.U),
     ("u", Unit.U), ("Ens", Unit.ENS), ("Fft", Unit.FORFAIT), ("Forfait", Unit.FORFAIT), ("H", Unit.H),
     ("h", Unit.H), ("j", Unit.DAY), ("jours", Unit.DAY)],
)  # fmt: skip
def test_every_unit_spelling_is_in_the_vocabulary(spelling: str, unit: Unit) -> None:
    assert vocabulary().units[spelling.lower()] is unit


def test_a_misread_figure_mended_by_the_row_says_so_in_the_why() -> None:
    rows = [
        "Devis n° 2025-79   SIRET 732 829 320 00074",
        "Désignation                                   Qté     U      P.U. HT     Montant HT",
        "Peinture des murs du salon                      20     m²     2500        500,00",
        "Nettoyage en fin de travaux                      1     Ft    120,00       120,00",
        "Total HT                                                                  620,00",
        "TVA 10 %                                                                   62,00",
        "Total TTC                                                                 682,00",
    ]
    quote = parse_quote(["\n".join(rows)], ocr=True).quote
    painting = quote.lines[0]
    assert (painting.quantity, painting.unit_price_ht, painting.total_ht) == (20, Decimal("25.00"), Decimal("500.00"))
    assert painting.reading_note is not None and "« 2500 »" in painting.reading_note
    assert quote.lines[1].reading_note is None
    evaluation = evaluate_quote(quote, cover=Cover.DEGATS_DES_EAUX, bareme=load_bareme(), settings=Settings())
    assert painting.reading_note in evaluation.lines[0].why
    assert painting.reading_note not in evaluation.lines[1].why


def test_the_vocabulary_file_is_checked_against_its_schema() -> None:
    data = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    VocabularyFile.model_validate(data)
    data["units"]["spellings"]["m3"] = ["m³"]  # no such unit
    with pytest.raises(ValidationError):
        VocabularyFile.model_validate(data)
    del data["units"]["spellings"]["m3"]
    data["subtotals"] = data.pop("subtotal")  # a misspelt key
    with pytest.raises(ValidationError):
        VocabularyFile.model_validate(data)
    data["subtotal"] = data.pop("subtotals")
    del data["customer_cues"]["source"]  # the words about parties and titles name their public source
    with pytest.raises(ValidationError):
        VocabularyFile.model_validate(data)
    data = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    for key in ("document_labels", "dates", "site_labels", "totals"):  # dates, numbers, sites, totals too
        sourced = json.loads(json.dumps(data))
        del sourced[key]["source"]
        with pytest.raises(ValidationError):
            VocabularyFile.model_validate(sourced)
    data["dates"]["months"] = {name: n for name, n in data["dates"]["months"].items() if n != 8}  # no August
    with pytest.raises(ValidationError):
        VocabularyFile.model_validate(data)


def _letter_pdf(sentences: list[str], totals: str) -> bytes:
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 10)
    head = "Entreprise Martin Plâtrerie — SIRET 732 829 320 00074\nDevis n° L-2025-12\n\nMonsieur,"
    pdf.multi_cell(0, 5, head, new_x="LMARGIN", new_y="NEXT")
    for sentence in [*sentences, totals]:
        pdf.multi_cell(0, 5, sentence, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_sentence_forms_of_a_letter() -> None:
    data = _letter_pdf(
        [
            "Fourniture et pose de 12 m² de carrelage : 58,00 € le m², soit 696,00 € HT.",
            "Remplacement de 2 prises de courant (2 x 65,00 €) = 130,00 € HT.",
            "Enfin, la protection des sols pour un montant forfaitaire de 90,00 € HT.",
        ],
        "Soit un total de 916,00 € HT, TVA 10 % 91,60 €, total TTC 1 007,60 €.",
    )
    reading = read_document(data)
    assert reading.quote is not None and reading.flags == [], reading.flags
    lines = [(line.designation, line.quantity, line.unit_price_ht) for line in reading.quote.lines]
    assert lines == [
        ("Fourniture et pose de carrelage", 12, Decimal("58.00")),
        ("Remplacement de 2 prises de courant", 2, Decimal("65.00")),
        ("Enfin, la protection des sols", 1, Decimal("90.00")),
    ]
    assert reading.quote.total_ttc == Decimal("1007.60")


@pytest.mark.parametrize(("total_ht", "lines"), [("664,50", 2), ("300,00", 1)])
def test_a_lone_amount_in_a_sentence_is_a_line_when_the_total_counts_it(total_ht: str, lines: int) -> None:
    ttc = {"664,50": "730,95", "300,00": "330,00"}[total_ht]
    tva = {"664,50": "66,45", "300,00": "30,00"}[total_ht]
    data = _letter_pdf(
        [
            "Dépose et évacuation du papier peint abîmé (364,50 € HT).",
            "Peinture des murs : 12 m² à 25 € le m², soit 300 € HT.",
        ],
        f"L'ensemble s'élève à {total_ht} € HT, soit {ttc} € TTC, dont {tva} € de TVA à 10 %.",
    )
    reading = read_document(data)
    assert reading.quote is not None and reading.flags == [], reading.flags
    assert len(reading.quote.lines) == lines
    assert reading.quote.lines[-1].designation == "Peinture des murs"
    assert str(reading.quote.total_ht) == total_ht.replace(",", ".")


@pytest.mark.parametrize(("total_ht", "lines"), [("560,00", 4), ("432,00", 2)])
def test_a_lump_sum_with_its_ttc_beside_is_a_line_when_the_total_counts_it(total_ht: str, lines: int) -> None:
    """ "Protection des lieux : 81,50 € HT (89,65 € TTC)" has no lump-sum word and reads like a
    totals sentence; the last item runs to the margin and the totals sentence opens the next row.
    The total HT says which amounts are lines."""
    ttc = {"560,00": "616,00", "432,00": "475,20"}[total_ht]
    data = _letter_pdf(
        [
            "- Protection des lieux et des meubles avant le début des travaux : 81,50 € HT (89,65 € TTC)",
            "- Peinture des murs : 12 m² à 25 € le m², soit 300 € HT",
            "- Frais de déplacement et de stationnement de notre équipe sur le site : 46,50 € HT (51,15 € TTC)",
            "- Nettoyage de fin de chantier et évacuation des protections, pour un montant de 132,00 € HT",
        ],
        f"Le tout pour un montant de {total_ht} € HT, soit {ttc} € TTC avec la TVA à 10 %.",
    )
    reading = read_document(data)
    assert reading.quote is not None
    assert str(reading.quote.total_ht) == total_ht.replace(",", ".")
    assert len(reading.quote.lines) == lines
    assert sum(line.total_ht for line in reading.quote.lines) == reading.quote.total_ht
    assert reading.flags == [], reading.flags


def _table_pdf(rows: list[str]) -> bytes:
    return rows_pdf(rows)


_TABLES = {
    "an option the total counts stays a line": (
        [
            "Désignation                                   Qté    U     P.U. HT     Montant HT",
            "Peinture des murs du salon                    20     m²    25,00       500,00",
            "Variante : peinture mate lessivable           20     m²     5,00       100,00",
            "Total HT                                                               600,00",
            "TVA 10 %                                                                60,00",
            "Total TTC                                                              660,00",
        ],
        [
            ("Peinture des murs du salon", 20, Decimal("25.00"), Decimal("500.00")),
            ("Variante : peinture mate lessivable", 20, Decimal("5.00"), Decimal("100.00")),
        ],
    ),
    "three-decimal quantities of a spreadsheet": (
        [
            "Désignation                          Quantité   Unité    PU HT       Total HT",
            "Peinture des murs                     12.500     m2      28.00        350.00",
            "Plinthes bois                          1.250     ml      20.00         25.00",
            "Total HT                                                              375.00",
            "TVA 10 %                                                               37.50",
            "Total TTC                                                             412.50",
        ],
        [
            ("Peinture des murs", Decimal("12.5"), Decimal("28.00"), Decimal("350.00")),
            ("Plinthes bois", Decimal("1.25"), Decimal("20.00"), Decimal("25.00")),
        ],
    ),
    "a discount amount column, a glued unit and an unsigned global discount": (
        [
            "Désignation                     Qté       PU HT     Remise     Montant HT",
            "Peinture des murs m²             12       28,00      36,00         300,00",
            "Plinthes bois (ml)               10       18,00                    180,00",
            "Remise commerciale 5 %                                              24,00",
            "Total HT                                                           456,00",
            "TVA 10 %                                                            45,60",
            "Total TTC                                                          501,60",
        ],
        [
            ("Peinture des murs", 12, Decimal("28.00"), Decimal("300.00")),  # 36,00 off: 10,7143 %
            ("Plinthes bois", 10, Decimal("18.00"), Decimal("180.00")),
            ("Remise commerciale 5 %", 1, Decimal("-24.00"), Decimal("-24.00")),
        ],
    ),
    "phone numbers, a VAT breakdown and a wrapped header are no lines": (
        [
            "Contact chantier : Paul Martin, portable +33 6 11 22 33 44",
            "Échéance 13/12/2025     04 72 07 08 56",
            "                                        Prix",
            "Désignation                   Quantité          Rem.      Total HT",
            "                                        unitaire",
            "Peinture des murs               20 m²    4,55 €   10%      81,90 €",
            "Plinthes bois                   15 ml    3,20 €            48,00 €",
            "Taux        Base HT       TVA",
            "10 %        129,90 €      12,99 €",
            "Total HT                                                  129,90 €",
            "TVA 10 %                                                   12,99 €",
            "Total TTC                                                 142,89 €",
        ],
        [
            ("Peinture des murs", 20, Decimal("4.55"), Decimal("81.90")),  # less 10 %, on the line
            ("Plinthes bois", 15, Decimal("3.20"), Decimal("48.00")),
        ],
    ),
    "group headings carrying their group's total": (
        [
            "Désignation                                   Qté    U     P.U. HT     Montant HT",
            "SALLE DE BAIN .................................................  675,00",
            "Carrelage mural                               15     m²    35,00       525,00",
            "Joints époxy                                  15     m²    10,00       150,00",
            "Lot 2 - Peinture                                                       500,00",
            "Peinture des murs                             20     m²    25,00       500,00",
            "Total HT                                                             1 175,00",
            "TVA 10 %                                                               117,50",
            "Total TTC                                                            1 292,50",
        ],
        [
            ("Carrelage mural", 15, Decimal("35.00"), Decimal("525.00")),
            ("Joints époxy", 15, Decimal("10.00"), Decimal("150.00")),
            ("Peinture des murs", 20, Decimal("25.00"), Decimal("500.00")),
        ],
    ),
    "a breakdown of the total between supplies and labour": (
        [
            "Désignation                                   Qté    U     P.U. HT     Montant HT",
            "Carrelage mural                               15     m²    35,00       525,00",
            "Peinture des murs                             20     m²    25,00       500,00",
            "dont fournitures                                                       410,00",
            "dont main d'œuvre                                                      615,00",
            "Total HT                                                             1 025,00",
            "TVA 10 %                                                               102,50",
            "Total TTC                                                            1 127,50",
        ],
        [
            ("Carrelage mural", 15, Decimal("35.00"), Decimal("525.00")),
            ("Peinture des murs", 20, Decimal("25.00"), Decimal("500.00")),
        ],
    ),
}


@pytest.mark.parametrize("case", list(_TABLES))
def test_table_rows_read_as_the_document_means_them(case: str) -> None:
    rows, expected = _TABLES[case]
    reading = read_document(_table_pdf(rows))
    assert reading.quote is not None and reading.flags == [], reading.flags
    lines = [(line.designation, line.quantity, line.unit_price_ht, line.total_ht) for line in reading.quote.lines]
    assert lines == expected


def test_a_quote_whose_lines_do_not_add_up_names_the_figures() -> None:
    reading = read_document(
        _table_pdf(
            [
                "Désignation                                   Qté    U     P.U. HT     Montant HT",
                "Peinture des murs du salon                    20     m²    25,00       550,00",
                "Total HT                                                               550,00",
                "TVA 10 %                                                                55,00",
                "Total TTC                                                              605,00",
            ]
        )
    )
    assert reading.quote is not None and Flag.ARITHMETIC_ERROR in reading.flags
    notes = arithmetic_problems(reading.quote)
    assert any("20 × 25,00" in note and "550,00" in note for note in notes), notes


def test_an_ocr_total_ttc_cut_short_is_restored_from_ht_and_vat() -> None:
    rows = [
        "Devis n° 2025-82   SIRET 732 829 320 00074",
        "Désignation                                   Qté     U      P.U. HT     Montant HT",
        "Peinture des murs du salon                    200     m²     40,00       8 000,00",
        "Nettoyage en fin de travaux                     1     Ft    44,54          44,54",
        "                                                       Total HT          8 044,54 EUR",
        "                                                       TVA 10 %            804,45 EUR",
        "                                                       Total TTC        8         EUR",
    ]
    assert parse_quote(["\n".join(rows)], ocr=True).quote.total_ttc == Decimal("8848.99")
    # A TTC that is a figure of its own, not the start of HT + TVA, stays as printed.
    rows[-1] = "                                                       Total TTC        9 000,00 EUR"
    assert parse_quote(["\n".join(rows)], ocr=True).quote.total_ttc == Decimal("9000.00")


@pytest.mark.parametrize(("vat_20", "flagged"), [("112,61", False), ("121,61", True)])
def test_vat_per_rate_is_an_equation(vat_20: str, flagged: bool) -> None:
    total_tva = {"112,61": "209,89", "121,61": "218,89"}[vat_20]
    total_ttc = {"112,61": "1 745,73", "121,61": "1 754,73"}[vat_20]
    reading = read_document(
        _table_pdf(
            [
                "Désignation                     Qté    U     P.U. HT    TVA      Montant HT",
                "Pose d'une corniche décorative  32     ml     30,40    10 %        972,80",
                "Joint silicone de la baignoire  24     ml     14,98    20 %        359,52",
                "Main d'oeuvre plomberie          4     h      50,88    20 %        203,52",
                "Taux TVA      Base HT      Montant TVA",
                "10 %           972,80            97,28",
                f"20 %           563,04           {vat_20}",
                "Total HT                                                         1 535,84",
                f"Total TVA                                                          {total_tva}",
                f"Total TTC                                                        {total_ttc}",
            ]
        )
    )
    assert reading.quote is not None
    assert [line.tva_rate for line in reading.quote.lines] == [10, 20, 20]
    assert reading.quote.total_tva == Decimal(total_tva.replace(",", "."))
    assert (Flag.ARITHMETIC_ERROR in reading.flags) is flagged
    notes = arithmetic_problems(reading.quote)
    if flagged:
        assert any("10 % de 972,80" in note and "20 % de 563,04" in note and "218,89" in note for note in notes), notes


def _line(designation: str, quantity: str, price: str, total: str, unit: Unit | None = Unit.M2) -> QuoteLine:
    return QuoteLine(
        designation=designation,
        quantity=Decimal(quantity),
        unit=unit,
        unit_price_ht=Decimal(price),
        total_ht=Decimal(total),
    )


_DETAIL = [
    _line("Enduit de lissage", "20.5", "12.00", "246.00"),
    _line("Bandes à joint", "12", "14.32", "171.84", Unit.ML),
    _line("Peinture murs", "18.5", "25.35", "468.98"),
]


@pytest.mark.parametrize("before", [True, False])
def test_a_recap_by_lot_is_not_read_as_lines(before: bool) -> None:
    # "Plâtrerie ...... 417,84" and "Peinture ...... 468,98": each the sum of its lot's lines.
    recap = [
        _line("Plâtrerie", "1", "417.84", "417.84", Unit.FORFAIT),
        _line("Peinture", "1", "468.98", "468.98", Unit.FORFAIT),
    ]
    lines = [*recap, *_DETAIL] if before else [*_DETAIL, *recap]
    assert lines_the_total_counts(lines, Decimal("886.82")) == _DETAIL


@pytest.mark.parametrize("breakdown", [False, True])
@pytest.mark.parametrize("cut", [1, 2])
def test_what_a_page_break_left_of_a_recap_is_not_read_as_lines(cut: int, breakdown: bool) -> None:
    # Lots of one line, two lines; the recap's first rows on the lines' page (each lot's sum,
    # the first repeating its one line's amount), the next page's outside the table, unread;
    # perhaps after a breakdown of the total HT.
    detail = [_line("Déshumidificateur", "4", "33.69", "134.76", Unit.DAY), *_DETAIL]
    split = [_line("Matériaux", "1", "400.00", "400.00", Unit.FORFAIT)]
    split.append(_line("Main-d'œuvre", "1", "621.58", "621.58", Unit.FORFAIT))
    recap = [
        _line("Girard SAS", "1", "134.76", "134.76", Unit.FORFAIT),
        _line("Roche SAS", "1", "417.84", "417.84", Unit.FORFAIT),
    ]
    lines = [*detail, *(split if breakdown else []), *recap[:cut]]
    assert lines_the_total_counts(lines, Decimal("1021.58")) == detail


def test_a_last_lump_sum_equal_to_a_line_stays_when_the_total_counts_it() -> None:
    # The same amount as a line above, but the lines make the total HT only with it: a line.
    repeated = _line("Nettoyage", "1", "246.00", "246.00", Unit.FORFAIT)
    assert lines_the_total_counts([*_DETAIL, repeated], Decimal("1132.82")) == [*_DETAIL, repeated]
    # The total HT counts neither it nor any other reading: the difference stays for the checks.
    assert lines_the_total_counts([*_DETAIL, repeated], Decimal("900.00")) == [*_DETAIL, repeated]


def test_a_lump_sum_under_its_heading_is_the_line_not_a_recap_s_row() -> None:
    # « LOT 02 – INSTALLATION  82,42 » over its one line « Bâche et scotch … 1 forfait 82,42 »,
    # the lines' last: the heading repeats the line, the line is no recap's row.
    heading, line = _GROUPED[0][0], _line("Bâche", "1", "82.42", "82.42", Unit.FORFAIT)
    lines = [heading, *_GROUPED[0][1], _line("LOT 02", "1", "82.42", "82.42", Unit.FORFAIT), line]
    kept = lines_the_total_counts(lines, Decimal("500.26"))
    assert [(row.designation, row.section) for row in kept] == [
        *((row.designation, "Plâtrerie") for row in _GROUPED[0][1]),
        ("Bâche", "LOT 02"),
    ]


def test_a_recap_run_takes_no_priced_line_it_leaves_out_only_if_the_total_says_so() -> None:
    # A one-line lot under its heading (« Peinture  470,02 » over « Corniche 13,6 ml … 470,02 »),
    # then the recap's first rows: the heading goes, the line stays.
    cornice = _line("Corniche", "13.6", "34.56", "470.02", Unit.ML)
    heading = _line("Peinture", "1", "470.02", "470.02", Unit.FORFAIT)
    recap = [
        _line(name, "1", f"{line.total_ht}", f"{line.total_ht}", Unit.FORFAIT)
        for name, line in (("Plâtrerie", _DETAIL[0]), ("Sols", _DETAIL[1]))
    ]
    lines = [*_DETAIL, heading, cornice, *recap]
    assert lines_the_total_counts(lines, Decimal("1356.84")) == [
        *_DETAIL,
        cornice.model_copy(update={"section": "Peinture"}),
    ]


_GROUPED = [
    (_line("Plâtrerie", "1", "417.84", "417.84", Unit.FORFAIT), _DETAIL[:2]),
    (_line("Peinture", "1", "468.98", "468.98", Unit.FORFAIT), _DETAIL[2:]),
]


def test_group_headings_carrying_their_total_are_not_lines() -> None:
    # "PLÂTRERIE ...... 417,84" above its lines: each heading the sum of the lines up to the next.
    lines = [_line("Installation de chantier", "1", "80.00", "80.00", Unit.FORFAIT)]
    for heading, detail in _GROUPED:
        lines += [heading, *detail]
    # Each line keeps its group's heading as its section; the line before the first stands under none.
    grouped = [line.model_copy(update={"section": h.designation}) for h, group in _GROUPED for line in group]
    expected = [lines[0], *grouped]
    assert lines_the_total_counts(lines, Decimal("966.82")) == expected


def test_unlabelled_subtotals_of_many_groups_are_not_lines() -> None:
    # A subtotal after each group, more groups than the suspects the optional rows are tried among.
    lines: list[QuoteLine] = []
    for group in range(10):
        detail = [line.model_copy(update={"total_ht": line.total_ht + group}) for line in _DETAIL]
        subtotal = sum((line.total_ht for line in detail), Decimal(0))
        lines += [*detail, _line(f"Pièce {group}", "1", f"{subtotal}", f"{subtotal}", Unit.FORFAIT)]
    detail = [line for line in lines if line.unit != Unit.FORFAIT]
    total_ht = sum((line.total_ht for line in detail), Decimal(0))
    assert lines_the_total_counts(lines, total_ht) == detail


@pytest.mark.parametrize(
    "words", [("dont fournitures", "dont main d'œuvre"), ("Total matériaux", "Total main d'oeuvre"), ("Dont MO",)]
)
def test_a_breakdown_of_the_total_is_not_lines(words: tuple[str, ...]) -> None:
    amounts = ["300.00", "586.82"][-len(words) :] if len(words) == 2 else ["586.82"]
    split = [_line(word, "1", amount, amount, Unit.FORFAIT) for word, amount in zip(words, amounts, strict=True)]
    assert lines_the_total_counts([*_DETAIL, *split], Decimal("886.82")) == _DETAIL


def test_a_breakdown_word_on_a_line_the_total_counts_stays_a_line() -> None:
    labour = _line("Main d'œuvre", "1", "120.00", "120.00", Unit.FORFAIT)
    assert lines_the_total_counts([*_DETAIL, labour], Decimal("1006.82")) == [*_DETAIL, labour]


def test_rows_that_make_the_total_but_are_no_lot_sums_stay_lines() -> None:
    # Two lump sums that alone make the total, but neither is the sum of a run of the other
    # lines: the document's arithmetic does not say they are a recap, so nothing is left out.
    lines = [*_DETAIL, _line("Forfait A", "1", "500.00", "500.00", Unit.FORFAIT)]
    lines.append(_line("Forfait B", "1", "386.82", "386.82", Unit.FORFAIT))
    assert lines_the_total_counts(lines, Decimal("886.82")) == lines


def test_takeoff_rows_that_make_the_quantity_are_not_lines() -> None:
    takeoff = [
        _line("Mur nord 3,20 x 2,50 =", "1", "8.00", "8.00", Unit.FORFAIT),
        _line("Mur sud 5,00 x 2,50 =", "1", "12.50", "12.50", Unit.FORFAIT),
        _line("à déduire porte 0,83 x 2,04 =", "1", "-1.69", "-1.69", Unit.FORFAIT),
        _line("Total métré", "1", "18.81", "18.81"),
    ]
    priced = _line("Peinture murs", "18.81", "25.00", "470.25")
    other = _line("Plinthes", "12", "14.32", "171.84", Unit.ML)
    assert lines_the_total_counts([priced, *takeoff, other], Decimal("642.09")) == [priced, other]
    # OCR lost the deduction's minus sign: counted negative, the rows still make the quantity.
    unsigned = takeoff[2].model_copy(update={"unit_price_ht": Decimal("1.69"), "total_ht": Decimal("1.69")})
    lines = [priced, takeoff[0], takeoff[1], unsigned, other]
    assert lines_the_total_counts(lines, Decimal("642.09")) == [priced, other]
    # Rows whose amounts do not make the quantity above are lines.
    lines = [priced, takeoff[0], takeoff[1], other]
    assert lines_the_total_counts(lines, None) == lines


def test_dimension_rows_of_a_broken_takeoff_are_left_out_when_the_total_says_so() -> None:
    # OCR lost a dimension row: those left no longer make the quantity, but they are products
    # without a unit under a measured line, and the total HT counts the priced lines only.
    priced = _line("Peinture murs", "31.57", "24.50", "773.47")
    dimensions = [_line("Mur ouest", "4.33", "2.53", "10.95", None), _line("Mur nord", "4.04", "2.52", "10.18", None)]
    other = _line("Plinthes", "12", "14.32", "171.84", Unit.ML)
    lines = [priced, *dimensions, other]
    assert lines_the_total_counts(lines, Decimal("945.31")) == [priced, other]
    assert lines_the_total_counts(lines, Decimal("966.44")) == lines
