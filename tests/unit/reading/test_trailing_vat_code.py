"""A VAT code closing a line's row after its figures, with no VAT column (till-roll and slip
layouts): the document's own recap or legend says which codes exist; those are taken off the row."""

from decimal import Decimal

from billma_core.reading.lines import Row, explained_vat_codes, extract_lines

SLIP = """Qté x PU HT                          Total HT
Dépose et évacuation de moquette
  14,20 m² x 11,50                       163,30 B
Lessivage des murs avant peinture
  38,00 m² x 6,20                        235,60 B
Total HT                                 398,90
TVA B 10 %                                39,89
Code   Taux   Base HT      TVA
B      10 %   398,90      39,89"""


def _rows(text: str) -> list[Row]:
    return [Row(line, 0) for line in text.splitlines()]


def test_the_recap_explains_its_codes() -> None:
    assert explained_vat_codes(SLIP.splitlines()) == {"B": Decimal("10")}
    assert explained_vat_codes(["Codes TVA : T1 = 10 % ; T2 = 20 %"]) == {"T1": Decimal("10"), "T2": Decimal("20")}


def test_an_explained_code_after_the_figures_is_no_part_of_the_line() -> None:
    result = extract_lines(_rows(SLIP))
    assert [(line.quantity, line.unit_price_ht, line.total_ht) for line in result.lines] == [
        (Decimal("14.20"), Decimal("11.50"), Decimal("163.30")),
        (Decimal("38.00"), Decimal("6.20"), Decimal("235.60")),
    ]
    assert result.line_vat_codes == ["B", "B"]


def test_a_letter_no_recap_explains_stays_in_the_row() -> None:
    # Without the recap, "B" is nobody's code: the rows are left as printed (and read as they were).
    unexplained = "\n".join(SLIP.splitlines()[:-2])
    assert explained_vat_codes(unexplained.splitlines()) == {}
    assert extract_lines(_rows(unexplained)).line_vat_codes.count("B") == 0


def test_a_unit_glued_to_the_times_sign_is_read_apart() -> None:
    # OCR of a narrow slip loses the spaces around "×": the unit, the sign and the price are pieces.
    from billma_core.reading.numbers import row_tokens

    kinds = [(token.kind, token.text) for token in row_tokens("  6,50 m2×14,20       92,30")]
    assert kinds == [("num", "6,50"), ("unit", "m2"), ("op", "×"), ("num", "14,20"), ("num", "92,30")]
    assert [token.kind for token in row_tokens("12 j× 30,00   360,00")][:3] == ["num", "unit", "op"]
    # A size in the wording ("45x45") has no unit before its sign: it stays a word.
    assert [token.kind for token in row_tokens("Carrelage 45x45 posé")] == ["word", "word", "word"]
