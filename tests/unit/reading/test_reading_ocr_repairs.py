"""OCR slips repaired by a line's arithmetic, and OCR words cleaned of table rules.

Synthetic OCR rows (no engine): fast. A repair must never hide a real arithmetic error."""

from __future__ import annotations

from decimal import Decimal

import pytest

from billma_core.bareme import load_bareme
from billma_core.evaluation import evaluate_quote
from billma_core.models import Cover, Unit
from billma_core.reading.lines import price_row, resembles
from billma_core.reading.ocr.base import OcrWord, clean_word, digits_mended, words_to_layout
from billma_core.reading.ocr.tesseract import fill_gaps
from billma_core.reading.ocr_slips import figures_mended, headers_mended
from billma_core.reading.parse import parse_quote
from billma_core.reading.totals import find_totals, labels_joined
from billma_core.reading.vocabulary import vocabulary
from billma_core.settings import Settings


def _read(row: str, ocr: bool = True) -> tuple[Decimal, Unit | None, Decimal, Decimal] | None:
    priced = price_row(row, None, strict=False, ocr=ocr)
    if priced is None or not priced.consistent:
        return None
    return priced.quantity, priced.unit, priced.unit_price, priced.total


@pytest.mark.parametrize(
    ("text", "value", "amount", "expected"),
    [
        ("217", "2.17", False, True),  # decimal mark lost
        ("52", "1.52", False, True),  # a digit dropped
        ("1.931", "1.31", False, True),  # a digit added
        ("502", "5.92", False, True),  # no mark where one is due, and a digit misread
        ("77", "7.7", False, True),
        ("8276", "82.76", True, True),
        ("33,0", "337.81", True, False),  # too far
        ("28,00", "29.00", True, False),  # a well-formed amount one digit off: a real error
        ("83,00", "93.00", True, False),
        ("12", "12.36", False, False),
    ],
)
def test_what_ocr_could_have_misprinted(text: str, value: str, amount: bool, expected: bool) -> None:
    assert resembles(text, Decimal(value), amount=amount) is expected


def test_lost_decimal_mark_in_a_quantity_is_repaired() -> None:
    assert _read("Dépose papier peint          217  m2    10,00    21,70") == (
        Decimal("2.17"), Unit.M2, Decimal("10.00"), Decimal("21.70")
    )  # fmt: skip


def test_digit_dropped_from_a_leading_quantity_is_repaired() -> None:
    row = "           52     M2   Fourniture et pose vitrage isolant             332,00        504,64   20  %"
    assert _read(row) == (Decimal("1.52"), Unit.M2, Decimal("332.00"), Decimal("504.64"))


def test_misread_quantity_digit_is_repaired() -> None:
    row = "ART306     502    M2    Bandes et enduit                       13,98         82,76    10%"
    assert _read(row) == (Decimal("5.92"), Unit.M2, Decimal("13.98"), Decimal("82.76"))


def test_lone_quantity_lost_by_ocr_is_put_back() -> None:
    row = "Porte intérieure isoplane fournie et posée      PCE        350,50        701,00   10  %"
    result = _read(row)
    assert result is not None
    assert result[0] == 2
    assert result[2:] == (Decimal("350.50"), Decimal("701.00"))


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # A fax loses every comma: 6,05 × 76,30 = 461,62 (605 × 76,30 = 46 161,50 only rounds to it).
        ("Carrelage grès cérame au sol       605    m2     76 30      46162    20", ("6.05", "76.30", "461.62")),
        ("Plinthes bois neuves clouées       2671   ml     1390       37127", ("26.71", "13.90", "371.27")),
        # Closes as printed: the row alone does not say its commas were lost.
        ("Remplacement du luminaire            4     u     9442       37768", ("4", "9442", "37768")),
        # Commas put back that close to within a rounding only: a real error stays an error.
        ("Plinthes bois neuves clouées       2671   ml     1390       37227", None),
    ],
)
def test_a_row_that_lost_several_commas(row: str, expected: tuple[str, str, str] | None) -> None:
    priced = price_row(row, None, strict=False, ocr=True)
    read = (priced.quantity, priced.unit_price, priced.total) if priced is not None and priced.consistent else None
    assert read == (tuple(Decimal(value) for value in expected) if expected else None)
    if read is not None:  # a figure read otherwise than printed says so
        mended = priced is not None and priced.mended is not None and "corrigé en" in priced.mended
        assert mended == ("." in expected[0] or "." in expected[2])


@pytest.mark.parametrize(
    "row",
    [
        "Peinture plafond                10  m2   28,00   290,00",  # total 10 € too high
        "Forfait nettoyage                1  u    83,00    93,00",
        "Peinture murs                 12,5  m2   28,00   377,00",  # 27 € too high
    ],
)
def test_real_arithmetic_errors_are_not_repaired(row: str) -> None:
    assert _read(row) is None


def test_text_pdfs_are_never_repaired() -> None:
    row = "           52     M2   Fourniture et pose vitrage isolant             332,00        504,64   20  %"
    assert _read(row, ocr=False) is None


def test_a_rate_glued_to_its_percent_sign_is_not_the_total() -> None:
    row = "Peinture murs          12 m2         28,00        336,00    10%"
    assert _read(row, ocr=False) == (Decimal("12"), Unit.M2, Decimal("28.00"), Decimal("336.00"))


def test_repairs_reach_the_quote_only_for_ocr() -> None:
    text = "\n".join(
        [
            "DEVIS N° 12",
            "Désignation                          Qté     U      P.U. HT     Montant HT",
            "Peinture plafond                     1931    m2      9,57        12,54",
            "Total HT                                                        12,54",
        ]
    )
    assert [line.quantity for line in parse_quote([text], ocr=True).quote.lines] == [Decimal("1.31")]
    assert [line.quantity for line in parse_quote([text]).quote.lines] != [Decimal("1.31")]


@pytest.mark.parametrize(
    ("word", "clean"),
    [("13,45]", "13,45"), ("|Total", "Total"), ("ART48!", "ART48"), ("|", ""), ("[", ""), ("(salon)", "(salon)")],
)
def test_table_rules_are_cut_off_ocr_words(word: str, clean: str) -> None:
    assert clean_word(word) == clean


def test_layout_drops_rules_read_as_words() -> None:
    words = [OcrWord("Total", 0, 0, 50, 10, 1), OcrWord("|", 60, 0, 5, 10, 1), OcrWord("12,00]", 100, 0, 60, 10, 1)]
    assert words_to_layout(words).split() == ["Total", "12,00"]


def test_fill_gaps_adds_only_confident_words_where_nothing_was_read() -> None:
    sparse = [OcrWord("ART138", 0, 100, 60, 20, "a", 95), OcrWord("350,50", 400, 100, 60, 20, "a", 95)]
    block = [
        OcrWord("AKT138", 0, 101, 60, 20, "b", 90),  # overlaps: the sparse reading wins
        OcrWord("2", 200, 100, 10, 20, "b", 91),  # the lone quantity the sparse mode lost
        OcrWord("_", 300, 100, 10, 20, "b", 95),  # not a word
        OcrWord("ù", 330, 100, 10, 20, "b", 20),  # not confident
    ]
    merged = fill_gaps(sparse, block)
    assert [w.text for w in merged] == ["ART138", "350,50", "2"]
    assert merged[-1].line == "a"  # on the row of its neighbours


def test_dot_leaders_read_as_letters_become_dots() -> None:
    words = [
        OcrWord("Peinture", 0, 100, 80, 28, 1, 95),
        OcrWord("DPEETEE", 100, 120, 80, 5, 1, 0),  # flat: a row of dots
        OcrWord("-", 190, 112, 8, 4, 1, 90),  # a dash stays a dash
        OcrWord("234,77", 200, 100, 60, 28, 1, 95),
    ]
    assert words_to_layout(words).split() == ["Peinture", "...", "-", "234,77"]


def test_a_number_split_by_the_sparse_reading_is_taken_whole() -> None:
    sparse = [OcrWord("000", 660, 401, 66, 28, "a", 96), OcrWord("29", 730, 368, 42, 61, "b", 81)]
    block = [OcrWord("00029", 660, 401, 112, 28, "c", 96)]
    assert [w.text for w in fill_gaps(sparse, block)] == ["00029"]


def test_currency_glued_to_an_amount() -> None:
    row = "Fourniture et pose plaque BA13        m2  17,96   48,70EUR    874,65 EUR    10 %"
    assert _read(row, ocr=False) == (Decimal("17.96"), Unit.M2, Decimal("48.70"), Decimal("874.65"))


QUOTE_HEAD = (
    "DEVIS N° 12\nDésignation            Qté    U    P.U. HT    Montant HT\nPeinture    10   m2   30,00    300,00\n"
)


@pytest.mark.parametrize(
    ("totals", "ocr", "expected"),
    [
        ("Total HT   300,00 €\nTVA10%   30,00 €\nTotal ETC   330,00 €", False, ("300.00", "30.00", "330.00")),
        ("Total HT   300,00 €\nTVA 10 %   30,00 €\nTotal TTC   33000", True, ("300.00", "30.00", "330.00")),
        ("Total HT   300,00 €\nTVA 10 %   30,00 €\nTotal TTC   30,00", True, ("300.00", "30.00", "330.00")),
        ("Total HT   3000 €\nTVA 10 %   30,00 €\nTotal TTC   330,00", True, ("300.00", "30.00", "330.00")),
        # A TTC 100 € off is a real error, left as printed.
        ("Total HT   300,00 €\nTVA 10 %   30,00 €\nTotal TTC   430,00 €", True, ("300.00", "30.00", "430.00")),
        # Text PDFs are read as they are.
        ("Total HT   300,00 €\nTVA 10 %   30,00 €\nTotal TTC   33000", False, ("300.00", "30.00", "33000.00")),
    ],
)
def test_totals_through_ocr(totals: str, ocr: bool, expected: tuple[str, str, str]) -> None:
    quote = parse_quote([QUOTE_HEAD + totals], ocr=ocr).quote
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == tuple(Decimal(v) for v in expected)


@pytest.mark.parametrize(
    ("totals", "expected"),
    [
        ("TVA 10 %   30,00 €\nTotal TTC   3,25", (None, "30.00", "3.25")),
        ("Total HT   300,00 €\nTotal TTC   3,25", ("300.00", None, "3.25")),
    ],
)
def test_two_totals_that_make_a_negative_third_leave_it_unknown(
    totals: str, expected: tuple[str | None, str | None, str]
) -> None:
    # A TTC lost to OCR (« 3,25 ») below the VAT or the HT: no total HT or VAT is worked out of it.
    quote = parse_quote([QUOTE_HEAD + totals], ocr=True).quote
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == tuple(
        None if v is None else Decimal(v) for v in expected
    )


def test_quantity_before_the_designation_wins_over_a_lost_quantity() -> None:
    row = "P510   4  PCE  Remplacement d'une prise électrique endommagée (dégagement)     55,89    223,56   10 %"
    priced = price_row(row, None, strict=False, ocr=True)
    assert priced is not None
    assert (priced.quantity, priced.unit) == (4, Unit.U)
    assert row[priced.designation_start :].startswith("Remplacement")


def test_a_lone_l_before_a_unit_is_the_figure_one() -> None:
    words = [
        OcrWord("l", 0, 0, 10, 20, 1),
        OcrWord("u", 30, 0, 10, 20, 1),
        OcrWord("Remplacement", 60, 0, 120, 20, 1),
        OcrWord("62,01", 300, 0, 50, 20, 1),
    ]
    assert words_to_layout(words).split() == ["1", "u", "Remplacement", "62,01"]


def test_a_speck_read_as_a_quote_before_a_figure_is_dropped() -> None:
    assert clean_word("‘5,27") == "5,27"
    assert clean_word("l'eau") == "l'eau"


def test_a_total_label_glued_to_its_tax_word_is_no_line() -> None:
    text = "\n".join(
        [
            "DEVIS N° 12",
            "Désignation                          Qté     U      P.U. HT     Montant HT",
            "Peinture plafond                     10      m2     30,00       300,00",
            "                                     TotalHT                    300,00",
            "                                     TVA 10 %                    30,00",
            "                                     TotalTTC                   330,00",
        ]
    )
    quote = parse_quote([text], ocr=True).quote
    assert [line.designation for line in quote.lines] == ["Peinture plafond"]
    assert (quote.total_ht, quote.total_ttc) == (Decimal("300.00"), Decimal("330.00"))


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # The total's cell cut in two by the engine ("369,87" read "36   87"): mended and noted.
        ("   1u Changement du bloc-porte complet        369,87        36   87", ("1", Unit.U, "369.87", "369.87")),
        # Two figures that are no slip of quantity × unit price: not a line that closes.
        ("   2 u Changement du bloc-porte complet       369,87        36   87", None),
        ("   1 u Changement du bloc-porte complet       369,87        12   50", None),
    ],
)
def test_a_total_cut_in_two_by_the_engine(row: str, expected: tuple[str, Unit, str, str] | None) -> None:
    read = _read(row)
    assert read == (None if expected is None else (Decimal(expected[0]), expected[1], *map(Decimal, expected[2:])))
    if expected is not None:
        priced = price_row(row, None, strict=False, ocr=True)
        assert priced is not None and priced.mended is not None and "« 36 87 »" in priced.mended
        assert _read(row, ocr=False) is None  # a text layer's figures are never mended


def test_a_unit_price_cut_in_two_by_the_engine() -> None:
    """ "333,33" read "33 33": a reading of the two pieces alone (1 × 33 = 33) leaves the row's
    total out; the pieces read as one figure, mended, make the whole row close."""
    row = " 1.1    MEN016 - Bloc-porte intérieur fourni posé      2    u      33 33       666,66     10 %"
    assert _read(row) == (Decimal("2"), Unit.U, Decimal("333.33"), Decimal("666.66"))
    priced = price_row(row, None, strict=False, ocr=True)
    assert priced is not None and priced.mended is not None and "« 33 33 » corrigé en 333,33" in priced.mended
    # A real error is not mended: no slip makes 2 × 33,33 (or 333,33) come to 660,00.
    assert _read(row.replace("666,66", "660,00")) != (Decimal("2"), Unit.U, Decimal("333.33"), Decimal("660.00"))


def test_a_q_read_for_a_zero_is_a_figure_and_a_lost_quantity_comes_back() -> None:
    # "0.00" of a discount column read "0.Q0" by OCR, the quantity cell lost: the row still
    # multiplies out (4 × 62,79 = 251,16) and says what it mended.
    text = (
        "Code   Désignation                      Qté   U    P.U. HT   Rem. %   Montant HT\n"
        "M1342  Rempl. inter simple allumage                 62,79     0.Q0      251.16\n"
        "                                               Total HT             251,16 €\n"
    )
    (line,) = parse_quote([text], ocr=True).quote.lines
    assert (line.quantity, line.unit_price_ht, line.total_ht) == (Decimal(4), Decimal("62.79"), Decimal("251.16"))
    assert line.designation == "Rempl. inter simple allumage"
    assert line.reading_note and "quantité 4" in line.reading_note


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("1 35120", "1354.20"),  # a thousands group, its decimal mark lost and one digit misread
        ("1 364,20", None),  # well formed and 10 € off: a real error, not mended
    ],
)
def test_a_total_with_a_thousands_group_and_its_mark_lost(total: str, expected: str | None) -> None:
    row = f"Peinture des murs      45,14 m2      30,00      {total}"
    if expected is None:
        assert _read(row) is None
        return
    assert _read(row) == (Decimal("45.14"), Unit.M2, Decimal("30.00"), Decimal(expected))
    priced = price_row(row, None, strict=False, ocr=True)
    assert priced is not None and priced.mended is not None and f"« {total} »" in priced.mended
    assert _read(row, ocr=False) is None  # a text layer's figures are never mended


CENTS_HEAD = (
    "DEVIS N° 12\nDésignation            Qté    U    P.U. HT    Montant HT\nPeinture    10   m2   445,24    4 452,40\n"
)


@pytest.mark.parametrize(
    ("totals", "ocr", "expected", "said"),
    [
        # One digit of a total's cents misread (a cents cell's "6" read "5"): the two others close
        # HT + TVA = TTC and the VAT is 10 % of the HT to the cent; the mend is said.
        (
            "Total HT   4 452,40\nTVA 10 %   445,24\nTotal TTC   4 897,54",
            True,
            ("4452.40", "445.24", "4897.64"),
            "Total TTC lu 4 897,54 €",
        ),
        ("Total HT   4 452,40\nTVA 10 %   445,34\nTotal TTC   4 897,64", True, ("4452.40", "445.24", "4897.64"), None),
        (
            "Total HT   4 452,46\nTVA 10 %   445,24\nTotal TTC   4 897,64",
            True,
            ("4452.40", "445.24", "4897.64"),
            "Total HT lu 4 452,46 €",
        ),
        # A digit of the euros, or both cents: a contractor's error as well as a slip, left as printed.
        ("Total HT   4 452,40\nTVA 10 %   445,24\nTotal TTC   4 898,64", True, ("4452.40", "445.24", "4898.64"), None),
        ("Total HT   4 452,40\nTVA 10 %   445,24\nTotal TTC   4 897,18", True, ("4452.40", "445.24", "4897.18"), None),
        # Text PDFs are read as they are.
        ("Total HT   4 452,40\nTVA 10 %   445,24\nTotal TTC   4 897,54", False, ("4452.40", "445.24", "4897.54"), None),
    ],
)
def test_a_cents_digit_misread_in_a_total(
    totals: str, ocr: bool, expected: tuple[str, str, str], said: str | None
) -> None:
    quote = parse_quote([CENTS_HEAD + totals], ocr=ocr).quote
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == tuple(Decimal(v) for v in expected)
    if said is None:
        assert quote.totals_note is None
    else:
        assert quote.totals_note is not None and quote.totals_note.replace("\u00a0", " ").startswith(said)


def test_a_mended_total_is_told_to_the_reviewer() -> None:
    """The evaluation's reason carries the reader's mend of a total: the reviewer sees it."""
    quote = parse_quote([CENTS_HEAD + "Total HT   4 452,40\nTVA 10 %   445,24\nTotal TTC   4 897,54"], ocr=True).quote
    evaluation = evaluate_quote(quote, cover=Cover.DEGATS_DES_EAUX, bareme=load_bareme(), settings=Settings())
    assert quote.totals_note is not None and evaluation.reason is not None
    assert quote.totals_note in evaluation.reason
    assert "corrigé en 4\u00a0897,64\u00a0€ d'après le total HT et la TVA" in quote.totals_note


def _cents_quote(amount_cells: str) -> str:
    """A quote whose money columns are ruled « € | c », the quantity before the wording; the
    second line's amount as ``amount_cells`` (10,77 × 9,85 = 106,08)."""
    return (
        "DEVIS N° 12\n"
        " Quantité   Unité     Désignation                              P.U. H.T.       Montant H.T.\n"
        "                                                                €     c           €       c\n"
        "      2     h     Tarif horaire électricien, intervention      48 00              96 00\n"
        f"    10,77   m²    Primaire bloqueur d'auréoles au plafond      9 85              {amount_cells}\n"
        "    14,25   m²    Plafond cuisine : 2 couches peinture         33 00             470 25\n"
        "                                   Total H.T.                                    672 33\n"
        "                                   T.V.A. 10 %                                    67 23\n"
        "                                   Total T.T.C.                                  739 56\n"
    )


@pytest.mark.parametrize("cells", ["106 80", "106 58", "108 08"])
def test_a_cents_cell_misread_is_mended_by_the_sums_never_read_as_a_figure(cells: str) -> None:
    """The row's cents cell misread: the amount is mended, by the row's own equation (10,77 m² ×
    9,85, its cells retokenised) or by the document's sums, and the line says so; a lost comma is
    no reading of a row that prints none (« 106 » as 1,06 with « 80 » as a quantity)."""
    quote = parse_quote([_cents_quote(cells)], ocr=True).quote
    line = quote.lines[1]
    assert (line.quantity, line.unit, line.unit_price_ht, line.total_ht) == (
        Decimal("10.77"), Unit.M2, Decimal("9.85"), Decimal("106.08")
    )  # fmt: skip
    assert line.reading_note is not None and "106,08" in line.reading_note
    assert "arithmétique de la ligne" in line.reading_note or "totaux du document" in line.reading_note


def test_a_cents_cell_in_a_text_layer_is_read_as_printed() -> None:
    quote = parse_quote([_cents_quote("106 80")], ocr=False).quote
    line = quote.lines[1]
    assert (line.quantity, line.unit_price_ht, line.total_ht) == (Decimal("10.77"), Decimal("9.85"), Decimal("106.80"))


_FOOT = [
    "                                     Total HT                  1677,22",
    "                                     {label} 20 %                  150,42",
    "                                     TVA 10 %                   92,51",
    "                                     Total TTC                 {ttc}",
]


@pytest.mark.parametrize("label", ["VA", "IVA", ""])
def test_a_vat_row_whose_label_ocr_lost_counts_when_it_closes_the_totals(label: str) -> None:
    # « TVA 20 % » read « VA 20 % »: its amount and the other rate's make TTC − HT.
    totals = find_totals(labels_joined([row.format(label=label, ttc="1920,15") for row in _FOOT]))
    assert (totals.total_ht, totals.total_tva, totals.total_ttc) == (
        Decimal("1677.22"),
        Decimal("242.93"),
        Decimal("1920.15"),
    )
    assert totals.vat_by_rate == {Decimal(10): Decimal("92.51"), Decimal(20): Decimal("150.42")}


def test_a_bare_rate_row_that_does_not_close_the_totals_is_no_vat() -> None:
    # The TTC printed 100 € off: no reading closes, the stated VAT stays (the checks flag it).
    totals = find_totals(labels_joined([row.format(label="VA", ttc="2020,15") for row in _FOOT]))
    assert totals.total_tva == Decimal("92.51")
    assert Decimal(20) not in totals.vat_by_rate


@pytest.mark.parametrize(
    ("word", "read"),
    [
        ("$115,40", "5115,40"),  # a fax's 5 read as a dollar sign
        ("2B4,50", "284,50"),
        ("12S,00", "125,00"),
        ("1O4,50", "104,50"),  # an O for a nought, a photo's blur
        ("3l2,00", "312,00"),
        ("48,S0", "48,50"),  # in the cents too
        ("9,3S", "9,35"),
        ("D.12", "D.12"),  # no figure before the mark: a reference
        ("B5", "B5"),  # no comma and cents: a code, a room
        ("S2", "S2"),
        ("Bât", "Bât"),
        ("SB4,50", "SB4,50"),  # two letters: a word, not a slip
        ("1234,56", "1234,56"),
    ],
)
def test_a_lookalike_letter_in_an_amount_is_its_digit(word: str, read: str) -> None:
    assert digits_mended(word) == read


def test_commas_that_explain_every_figure_win_over_one_recomputed_price() -> None:
    # "10" (the VAT column) recomputed into 1,04 leaves 10400 out: 1 732 × 1,04 closes, but a fax
    # loses every comma of a row, and 17,32 × 104,00 explains every figure.
    page = (
        "Désignation                       U     Quantité   Prix unitaire HT   Montant HT    TVA\n"
        "Parement en plaque standard       m      1732         10400          1801 28      10\n"
    )
    (line,) = parse_quote([page], ocr=True).quote.lines
    assert (line.quantity, line.unit_price_ht, line.total_ht) == (Decimal("17.32"), Decimal("104"), Decimal("1801.28"))
    assert line.reading_note is not None and "« 1732 » corrigé en 17,32" in line.reading_note


_SLIPPED_FOOT = """DEVIS N° 2024-118
Désignation                         Qté   U    PU HT     Total HT
Peinture des murs deux couches      9,11  m    28,40     258,72
Plinthes bois                       12,00 ml   9,50      114,00
{ht}                                                 372,72
{vat} 10 %                                                  37,27
{ttc}                                                409,99
"""


def test_a_totals_label_one_letter_off_is_read_where_the_foot_then_closes() -> None:
    page = _SLIPPED_FOOT.format(ht="T0TAL HT", vat="TYA", ttc="Totul TTC")
    quote = parse_quote([page], ocr=True).quote
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == (
        Decimal("372.72"),
        Decimal("37.27"),
        Decimal("409.99"),
    )
    assert [line.designation for line in quote.lines] == ["Peinture des murs deux couches", "Plinthes bois"]


@pytest.mark.parametrize("ttc", ["Montant total T.F.C.", "Montant total T.F.C"])
def test_a_dotted_totals_label_one_letter_off_is_read_where_the_foot_then_closes(ttc: str) -> None:
    # A row too noisy to read as a line: the lines do not make the total HT, only the foot's labels tell.
    page = _SLIPPED_FOOT.format(ht="Montant total H.T.", vat="TNA.", ttc=ttc).replace(
        "9,50      114,00\n", "9,50      114,00\nDiuble ourhe de peinture surs murs45.14 m x 30,00 € 11T     1 35120€\n"
    )
    quote = parse_quote([page], ocr=True).quote
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == (
        Decimal("372.72"),
        Decimal("37.27"),
        Decimal("409.99"),
    )
    # The foot would not close (37,00 is not 10 % of the HT): the abbreviation stays as read.
    quote = parse_quote([page.replace("37,27", "37,00")], ocr=True).quote
    assert quote.total_ttc != Decimal("409.99")


def test_a_word_near_a_totals_label_stays_where_the_foot_would_not_close() -> None:
    # "TYA" one letter off "TVA", but 37,00 is not 10 % of the HT: the row stays as read.
    page = _SLIPPED_FOOT.format(ht="Total HT", vat="TYA", ttc="Total TTC").replace("37,27", "37,00")
    quote = parse_quote([page], ocr=True).quote
    assert quote.total_tva != Decimal("37.00")


def test_a_bare_m_on_an_ocr_page_leaves_the_unit_in_doubt_and_the_judge_decides() -> None:
    page = _SLIPPED_FOOT.format(ht="Total HT", vat="TVA", ttc="Total TTC")
    painting, skirting = parse_quote([page], ocr=True).quote.lines
    assert (painting.unit, painting.unit_alternatives) == (Unit.ML, [Unit.M2])
    assert (skirting.unit, skirting.unit_alternatives) == (Unit.ML, [])  # « ml » printed: no doubt
    # A text layer's « m » is the metre, and nothing else.
    assert all(not line.unit_alternatives for line in parse_quote([page]).quote.lines)
    quote = parse_quote([page], ocr=True).quote
    bareme = load_bareme()
    judged = evaluate_quote(quote, cover=Cover.DEGATS_DES_EAUX, bareme=bareme, settings=Settings())
    # Wall painting is priced per m² by the barème: the m² whose exponent faded, judged so.
    assert "HT/m²" in judged.lines[0].why and "jugée en « m² »" in judged.lines[0].why
    as_read = quote.model_copy(
        update={"lines": [line.model_copy(update={"unit_alternatives": []}) for line in quote.lines]}
    )
    judged = evaluate_quote(as_read, cover=Cover.DEGATS_DES_EAUX, bareme=bareme, settings=Settings())
    assert "HT/m²" not in judged.lines[0].why.split("présenté")[-1]


def test_a_unit_in_doubt_is_the_other_where_the_document_spells_the_one_read_otherwise() -> None:
    # The metre printed « ml » and the square metre « m² » on other rows: a bare « m » is the
    # m² whose exponent faded (or was read as a quote mark), the metre left as its alternative.
    for faded in ("m ", "m'"):
        page = (
            _SLIPPED_FOOT.format(ht="Total HT", vat="TVA", ttc="Total TTC")
            .replace(
                "Plinthes bois                       12,00 ml   9,50      114,00",
                f"Plinthes bois                       12,00 ml   9,50      114,00\n"
                f"Faïence murale                      2,00  {faded}  15,00      30,00\n"
                "Sol stratifié                       3,00  m²   10,00      30,00",
            )
            .replace("372,72", "432,72")
            .replace("37,27", "43,27")
            .replace("409,99", "475,99")
        )
        lines = parse_quote([page], ocr=True).quote.lines
        assert [(line.unit, line.unit_alternatives) for line in lines] == [
            (Unit.M2, [Unit.ML]),
            (Unit.ML, []),
            (Unit.M2, [Unit.ML]),
            (Unit.M2, []),
        ]
        # Without the « ml » elsewhere, « m » may be the document's own metre: the doubt stays.
        page = page.replace("12,00 ml", "12,00 u ")
        first = parse_quote([page], ocr=True).quote.lines[0]
        assert (first.unit, first.unit_alternatives) == (Unit.ML, [Unit.M2])


def test_a_wordings_dimension_in_metres_before_the_quantity_leaves_a_plain_unit_in_no_doubt() -> None:
    # « 1.20 m » ends the wording right before the quantity; the unit printed after it is « ml ».
    page = _SLIPPED_FOOT.format(ht="Total HT", vat="TVA", ttc="Total TTC").replace(
        "Plinthes bois                       12,00 ml   9,50      114,00",
        "Corniche 2.5 par 1.20 m             12,00 ml   9,50      114,00\n"
        "Sol stratifié                       3,00  m²   10,00      30,00",
    )
    page = page.replace("372,72", "402,72").replace("37,27", "40,27").replace("409,99", "442,99")
    corniche = parse_quote([page], ocr=True).quote.lines[1]
    assert (corniche.unit, corniche.unit_alternatives) == (Unit.ML, [])


def test_a_unit_in_doubt_stays_as_read_where_the_wording_does_not_tell() -> None:
    # Skirting boards are priced per metre: « m » read stands as the metre.
    page = _SLIPPED_FOOT.format(ht="Total HT", vat="TVA", ttc="Total TTC").replace(
        "Peinture des murs deux couches", "Plinthes bois peintes         "
    )
    quote = parse_quote([page], ocr=True).quote
    assert quote.lines[0].unit_alternatives == [Unit.M2]
    judged = evaluate_quote(quote, cover=Cover.DEGATS_DES_EAUX, bareme=load_bareme(), settings=Settings())
    assert "jugée en" not in judged.lines[0].why and "HT/ml" in judged.lines[0].why


_SLIPPED_HEADER = """DEVIS N° : DV-2025-0667
Pos. Réf.    Intitulé                                 Qtes   Prix unitaire    {total} (€)    Total TTC
             SALON                                                         365,20 €
1    PEI.82  Location d'un déshumidificateur       j 8        34,65 €     277,20 €      304,92 €   2
4    PEI.83  Lessivage des murs du salon        m² 11,00       8,00 €      88,00 €       96,80 €   2
             Peinture                                                      224,11 €
2    ELE.22  Peinture acrylique velours         m² 6,20       22,05 €     136,71 €      150,38 €   2
3    MEN.39  Protection des sols            Forfait 1         87,40 €      87,40 €       96,14 €   2
Codes TVA : 1 = 5,5 %, 2 = 10 %, 3 = 20 %
                                                   Montant HT                       589,31 €
                                                   TVA 10 %                          58,93 €
                                                   Net à payer TTC                  648,24 €
"""


@pytest.mark.parametrize("slipped", ["T0tal", "7otal", "Totai"])
def test_a_header_label_one_letter_off_is_read_back_where_the_lines_then_make_the_total(slipped: str) -> None:
    # As read, the amount HT's column has no label: the TTC's is taken for it and every price
    # comes out of the TTC. Read back, the lines make the printed total HT.
    lines = parse_quote([_SLIPPED_HEADER.format(total=slipped)], ocr=True).quote.lines
    assert [(line.quantity, line.unit_price_ht, line.total_ht) for line in lines] == [
        (Decimal(8), Decimal("34.65"), Decimal("277.20")),
        (Decimal(11), Decimal("8.00"), Decimal("88.00")),
        (Decimal("6.20"), Decimal("22.05"), Decimal("136.71")),
        (Decimal(1), Decimal("87.40"), Decimal("87.40")),
    ]


def test_a_header_word_is_read_back_only_where_the_row_is_then_a_header_of_more_columns() -> None:
    assert headers_mended(["Pos.   Intitulé      Qtes   Prix unitaire    T0tal (€)"]) == [
        "Pos.   Intitulé      Qtes   Prix unitaire    Total (€)"
    ]
    prose = ["Le T0tal des travaux est payable à la commande", "Désignatlon des ouvrages"]
    assert headers_mended(prose) == prose


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # The « h » of « 1 h 30 » read as « n » (its stem faded): 1,5 h × 57,14 = 85,71.
        ("Intervention technicien sanitaire    1 n 30      57,14      85,71", ("1.5", Unit.H, "57.14", "85.71")),
        ("Main d'oeuvre plombier    2n15    40,00    90,00", ("2.25", Unit.H, "40.00", "90.00")),
        # The figures do not multiply out with the duration either: no duration is read into the row.
        ("Main d'oeuvre plombier    2 n 15    40,00    95,00", None),
    ],
)
def test_a_duration_whose_hour_sign_the_engine_misread(row: str, expected: tuple[str, Unit, str, str] | None) -> None:
    priced = price_row(row, None, strict=False, ocr=True)
    if expected is None:
        assert priced is None or priced.unit is not Unit.H
        return
    assert priced is not None and priced.consistent
    assert (priced.quantity, priced.unit, priced.unit_price, priced.total) == tuple(
        x if isinstance(x, Unit) else Decimal(x) for x in expected
    )
    assert priced.mended is not None and "durée" in priced.mended
    assert price_row(row, None, strict=False, ocr=False) != priced  # a text layer is read as printed


_TICKET = """\
 Dépannage Lefort SAS                                                                 TICKET N° T25-10042
SIRET 485 103 634 00047
 DEVIS N° D-2025-00042 du 20.10.2025
HISTORIQUE DU TICKET - 20.10.2025
   Ouvert                     Affecté                    En route                   Sur place                 Devis émis
    11:13                      12:05                      12:50                      13:24                       13:39
A. DÉPLACEMENT
 Zone       Désignation                                                             Qté        P.U. HT        Montant HT
 Z1        Forfait déplacement zone 1 du technicien                                   1          47,00             47,00
                                                                                      Sous-total A HT            47,00 €
 B. MAIN-D'ŒUVRE
 Interv.   Désignation                                                         Durée        Taux HT           Montant HT
AA         Taux horaire plombier dépanneur                                     2 h 30         54,00               135,00
                                                                                      Sous-total B HT           135,00 €
 C. PIÈCES, FOURNITURES ET FORFAITS
 Réf.          Désignation                                                  Qté     U          P.U. HT        Montant HT
 NF 54582      Prise murale fondue, remplacement à l'identique                5     u            60,00            300,00
 SCH 82323     Interrupteur va-et-vient défectueux remplacé                   3     u            62,55            187,65
 F104          Diagnostic fuite : relevés humidimètre et caméra infrarouge    1   forfait       250,81            250,81
                                                                                      Sous-total C HT           738,46 €
                                                                        Total HT (A + B + C)                    920,46 €
                                                                        TVA 10 %                                 92,05 €
                                                                        Total TTC                            1 012,51 €
"""


def test_a_row_that_multiplies_out_only_once_mended_is_left_out_when_the_total_says_so() -> None:
    # OCR'd, the ticket's times « 11:13 … 13:39 » multiply out once « 11,13 » is read back as 1,11
    # (1,11 × 12,05 = 13,39): the lines make the total HT without that row, so it is no line.
    quote = parse_quote([_TICKET], ocr=True).quote
    assert [line.total_ht for line in quote.lines] == [Decimal(x) for x in ("47", "135", "300", "187.65", "250.81")]
    assert sum(line.total_ht for line in quote.lines) == quote.total_ht
    # A row mended the same way whose amount the total HT counts stays a line, its note said.
    counted = _TICKET.replace("920,46", "933,85").replace("92,05", "93,39").replace("1 012,51", "1 027,24")
    lines = parse_quote([counted], ocr=True).quote.lines
    assert lines[0].total_ht == Decimal("13.39") and lines[0].figures_mended and lines[0].reading_note


def test_a_unit_printed_after_the_unit_price_is_weighed_as_one_beside_the_quantity() -> None:
    # The units printed per price (« 13,20 € par m² »), the m²'s exponent lost on one row: the
    # document spells the metre « ml » and the square metre « m² », so its bare « m » is the m².
    page = """\
Peinture Durand SARL                              DEVIS N° 2025-117
SIRET 732 829 320 00074
Désignation                         Qté        P.U. HT              Montant HT
Sous-couche d'impression            6,10       9,60 € par m²             58,56
Rebouchage des fissures             28,10      13,20 € par m            370,92
Plinthes bois                       19,50      18,40 € par ml           358,80
                                                     Total HT          788,28
                                                     TVA 20 %          157,66
                                                     Total TTC         945,94
"""
    lines = parse_quote([page], ocr=True).quote.lines
    assert [(line.unit, line.unit_alternatives) for line in lines] == [
        (Unit.M2, []),
        (Unit.M2, [Unit.ML]),
        (Unit.ML, []),
    ]
    # Printed apart from the price, with no « / » nor « par », a unit is no price's.
    apart = page.replace("€ par m ", "€    m  ").replace("€ par", "€    ")
    assert parse_quote([apart], ocr=True).quote.lines[1].unit == Unit.ML


def test_a_take_off_multiplying_two_lengths_shows_a_bare_metre_a_surface() -> None:
    # The engine lost the m²'s exponent on every row: « 3,15 x 2,6 » makes the quantity as the
    # product of two lengths, a surface; the document spells the unit one way, so the row whose
    # take-off has a whole factor (a count of lengths as much as a width) is a surface too.
    page = """\
Peinture Durand SARL                              DEVIS N° 2025-204
SIRET 732 829 320 00074
Désignation                   Métré        Qté     U     P.U. HT     Montant HT
Peinture des murs             3,15 x 2,6   8,19    m     24,00           196,56
Ponçage du parquet            4 x 3,05     12,20   m     18,50           225,70
Plinthes bois                 2,35 + 3,10  5,45    ml    12,00            65,40
                                                     Total HT          487,66
                                                     TVA 20 %           97,53
                                                     Total TTC         585,19
"""
    lines = parse_quote([page], ocr=True).quote.lines
    assert [(line.unit, line.unit_alternatives) for line in lines] == [
        (Unit.M2, [Unit.ML]),
        (Unit.M2, [Unit.ML]),
        (Unit.ML, []),
    ]
    # A document that also prints the bare « m » under a sum of lengths spells the metre so: in doubt.
    lengths = page.replace("5,45    ml ", "5,45    m  ")
    assert [(line.unit, line.unit_alternatives) for line in parse_quote([lengths], ocr=True).quote.lines] == [
        (Unit.ML, [Unit.M2]),
        (Unit.ML, [Unit.M2]),
        (Unit.ML, [Unit.M2]),
    ]
    # A whole factor alone proves nothing: the metre read stays, in doubt.
    counted = page.replace("3,15 x 2,6 ", "3 x 2,73   ")
    assert [line.unit for line in parse_quote([counted], ocr=True).quote.lines] == [Unit.ML, Unit.ML, Unit.ML]


def test_an_amount_cell_the_engine_set_on_the_row_beside_is_taken_back_where_the_row_makes_it() -> None:
    # A tilted photo: the amounts and rates sit a row above the quantities and unit prices of
    # two lines; quantity × unit price says which row's amount each is (not its place on the page).
    page = """\
Parquets Martin SAS                               DEVIS N° 2026-031
SIRET 732 829 320 00074
Réf.   Désignation                             Qté    U     P.U. HT    Montant HT    TVA
PIÈCE : Séjour
       Constat : moquette tachée, sol creusé.                              93,60    10 %
1.01   Dépose de la moquette collée            24     m²    3,90
1.02   Ragréage du sol avant pose,             24     m²    12,40         297,60    10 %
       y compris primaire d'accrochage                                    651,00    10 %
1.03   Pose de parquet contrecollé             15     m²    43,40
                                                     Total HT          1 042,20
                                                     TVA 10 %            104,22
                                                     Total TTC         1 146,42
"""
    lines = parse_quote([page], ocr=True).quote.lines
    assert [(line.quantity, line.unit, line.unit_price_ht, line.total_ht) for line in lines] == [
        (Decimal("24"), Unit.M2, Decimal("3.90"), Decimal("93.60")),
        (Decimal("24"), Unit.M2, Decimal("12.40"), Decimal("297.60")),
        (Decimal("15"), Unit.M2, Decimal("43.40"), Decimal("651.00")),
    ]
    # An amount that no neighbour's quantity × unit price makes stays where the engine set it.
    apart = page.replace("651,00    10 %", "652,00    10 %")
    assert (Decimal("15"), Decimal("43.40"), Decimal("652.00")) not in [
        (line.quantity, line.unit_price_ht, line.total_ht) for line in parse_quote([apart], ocr=True).quote.lines
    ]


_TWIN_TABLE = "Qté   U      Désignation                                      P.U. HT      Montant HT\n"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # « 8 » read « B » in a cents cell: 5 × 105,77 = 528,85 only with the digit read back.
        ("  5    U      Prise 2P+T 16A remplacée (mécanisme et plaque)        105.77        528 B5", "528.85"),
        ("  6    u      Location d'un déshumidificateur                       30,32         1B1,92", "181.92"),
    ],
)
def test_a_figure_s_letter_twin_is_read_back_where_the_row_multiplies_out(row: str, expected: str) -> None:
    lines = parse_quote([_TWIN_TABLE + row], ocr=True).quote.lines
    assert [line.total_ht for line in lines] == [Decimal(expected)]


@pytest.mark.parametrize(
    "row",
    [
        # A code closes no equation: « B5 » stays a word of the wording.
        "  2    u      Radiateur chambre B5 remplacé                         85,00         170,00",
        # Read back, the row still does not multiply out (5 × 105,77 ≠ 528,55): as printed.
        "  5    U      Prise 2P+T 16A remplacée (mécanisme et plaque)        105.77        528 S5",
    ],
)
def test_a_letter_that_closes_no_equation_stays_a_letter(row: str) -> None:
    mended = figures_mended([_TWIN_TABLE + row])
    assert mended == [_TWIN_TABLE + row]


def test_a_fax_row_without_a_reading_has_its_commas_put_back() -> None:
    # The header's quantity label lost by the engine: no column reading of « 4317  683  294 85 »,
    # whose lost commas make 43,17 × 6,83 = 294,85 (the « 10 » the VAT's column).
    page = (
        "Désignation des ouvrages              u     Quantké    Prix unit. HT   Prix total HT   TVA\n"
        "Préparation du support abîmé          m      4317.       683           294 85         10\n"
    )
    (line,) = parse_quote([page], ocr=True).quote.lines
    assert (line.quantity, line.unit_price_ht, line.total_ht) == (Decimal("43.17"), Decimal("6.83"), Decimal("294.85"))


_SHARES_TABLE = (
    "Art.   Désignation                     Qté     U     P.U. HT    Montant HT   E/S   Vét.   Locataire   Bailleur\n"
)


def test_a_fax_digit_read_as_its_twin_is_turned_back_where_the_row_multiplies_out() -> None:
    # « 31.00 » for 37,00: 13,76 × 31,00 = 426,56 closes nothing; 13,76 × 37,00 = 509,12 does.
    row = "6.11   Plafond du dégagement repeint   13.76   m'    31.00      509.12                    0,00      509.12"
    (line,) = parse_quote([_SHARES_TABLE + row], ocr=True).quote.lines
    assert (line.quantity, line.unit_price_ht, line.total_ht) == (Decimal("13.76"), Decimal("37.00"), Decimal("509.12"))


@pytest.mark.parametrize(
    "row",
    [
        # No single turned digit closes 13,76 × 32,00 = 509,12: the row stays as printed.
        "6.11   Plafond du dégagement repeint   13.76   m'    32.00      509.12                    0,00      509.12",
        # Already closing as printed (7 × 11,00 = 77,00): no digit is turned.
        "6.12   Bouche d'aération remplacée      7      u     11.00       77.00                    0,00       77.00",
    ],
)
def test_a_twin_digit_is_turned_only_where_that_alone_closes_the_row(row: str) -> None:
    assert figures_mended([_SHARES_TABLE + row]) == [_SHARES_TABLE + row]


def test_a_works_remise_is_no_discount_taken_off_the_line() -> None:
    # « Remise en peinture »: the works, not a discount; 22,09 × 30,50 = 673,75 is the amount, the
    # tenant's and the landlord's shares (471,62 + 202,13) after it are no discount and net.
    row = "6.10   Remise en peinture des murs      22.09   m     30,50      673,75   N/M   30 %   471.62     202,13"
    (line,) = parse_quote([_SHARES_TABLE + row], ocr=True).quote.lines
    assert (line.quantity, line.unit_price_ht, line.total_ht) == (Decimal("22.09"), Decimal("30.50"), Decimal("673.75"))


@pytest.mark.parametrize(
    ("text", "discount"),
    [
        ("remise en état des murs", False),
        ("remise à niveau du sol", False),
        ("remise 10 %", True),
        ("remise commerciale", True),
    ],
)
def test_remise_names_a_discount_unless_it_names_a_work(text: str, discount: bool) -> None:
    assert (vocabulary().discount.search(text) is not None) is discount


def test_in_beside_the_quantity_is_the_metre_in_doubt() -> None:
    # « In » for « m » (its first stroke read as a capital I): the metre, the m² its alternative.
    row = "8.20   Plinthes MDF à peindre            9.8    In    14.79      144.94                    0,00      144.94"
    (line,) = parse_quote([_SHARES_TABLE + row], ocr=True).quote.lines
    assert line.unit is Unit.ML
