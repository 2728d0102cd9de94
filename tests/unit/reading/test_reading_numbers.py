"""Amounts and quantities in every French format, and OCR noise, as the row tokeniser sees them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billma_core.models import Unit
from billma_core.money import money, parse_amount
from billma_core.reading.numbers import PLAIN_NUMBER, Token, normalise_row, parse_decimal, tokenise, unit_of
from billma_core.reading.vocabulary import vocabulary
from tests.french_amounts import french

SEPARATORS = [" ", "\u00a0", "\u202f", "", "."]
CURRENCIES = ["", " €", "\u00a0€", " EUR", "€"]


@given(
    st.decimals(min_value=0, max_value=9_999_999, places=2),
    st.sampled_from(SEPARATORS),
    st.sampled_from(CURRENCIES),
)
def test_parse_amount_reads_every_separator(value: Decimal, separator: str, currency: str) -> None:
    text = french(value, separator) + currency
    assert parse_amount(text) == value
    assert money(parse_decimal(text.replace("€", "").replace("EUR", "")) or 0) == value


@given(st.decimals(min_value=0, max_value=9_999_999, places=2), st.sampled_from(SEPARATORS))
def test_amount_in_a_row_is_one_token_or_joined(value: Decimal, separator: str) -> None:
    row = f"Peinture murale    12,50 m²    {french(Decimal('28.00'), separator)}    {french(value, separator)} €"
    tokens = [t for t in tokenise(normalise_row(row)) if t.kind == "num"]
    assert tokens[0].value == Decimal("12.50")
    # A plain space may split a grouped amount in two tokens; the row parser joins them.
    joined = "".join(t.text for t in tokens[2:])
    assert money(parse_decimal(joined) or 0) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.245,30", "1245.30"),
        ("1 245,30", "1245.30"),
        ("1245.30", "1245.30"),
        ("12,5", "12.5"),
        ("1,250", "1.250"),  # three decimals: a quantity
        ("0.125", "0.125"),
        ("1.245", "1245"),  # a lone dot followed by three digits groups thousands
        ("1.234.567", "1234567"),
        ("-12,00", "-12.00"),
    ],
)
def test_parse_decimal(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


@given(st.text(max_size=30))
def test_parse_decimal_never_raises(text: str) -> None:
    parse_decimal(text)


@given(st.text(max_size=200))
def test_tokenise_never_raises(text: str) -> None:
    tokenise(normalise_row(text))


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("12,5m²", [("num", Decimal("12.5")), ("unit", Unit.M2)]),
        ("28,00€", [("num", Decimal("28.00")), ("cur", None)]),
        ("10%", [("pct", Decimal("10"))]),
        ("1O5,OO", [("num", Decimal("105.00"))]),  # OCR: O for 0
        ("x28,00", [("op", None), ("num", Decimal("28.00"))]),
        ("9,00 m.l.", [("num", Decimal("9.00")), ("unit", Unit.ML)]),
        ("5|h", [("num", Decimal("5")), ("unit", Unit.H)]),  # a scan's rule between the cells
        ("27.33'm2", [("num", Decimal("27.33")), ("unit", Unit.M2)]),  # a speck read in the space
        ("5|n", [("num", Decimal("5")), ("word", None)]),  # a unit's look-alike stands apart
        ("5nw", [("word", None)]),  # a word that is no look-alike stays one
    ],
)
def test_glued_tokens(row: str, expected: list[tuple[str, object]]) -> None:
    tokens = tokenise(normalise_row(row))
    got = [(t.kind, t.unit if t.kind == "unit" else t.value) for t in tokens]
    assert got == expected


@pytest.mark.parametrize(
    ("word", "value", "decimals", "digits_only"),
    [
        ("653,40", Decimal("653.40"), 2, False),
        ("1.287,92", Decimal("1287.92"), 2, False),
        ("12", Decimal("12"), 0, True),
        ("007", Decimal("7"), 0, True),
        ("21,780", Decimal("21.780"), 0, False),
        ("44,5000", Decimal("44.5000"), 4, False),
        ("0,5", Decimal("0.5"), 1, False),
    ],
)
def test_a_plain_figure_is_one_number(word: str, value: Decimal, decimals: int, digits_only: bool) -> None:
    assert tokenise(word) == [Token("num", word, 0, len(word), value, None, decimals, digits_only)]


def test_no_word_of_the_vocabulary_is_spelt_as_a_plain_figure() -> None:
    """The tokeniser reads a plain figure without looking it up as a unit, a currency or a sign."""
    words = vocabulary()
    spellings = [*words.units, *words.currency_tokens, *words.operator_words, *words.loose_marks]
    assert not [word for word in spellings if PLAIN_NUMBER.fullmatch(word.rstrip(".")) or PLAIN_NUMBER.fullmatch(word)]


@pytest.mark.parametrize(
    ("word", "unit"),
    [
        ("m²", Unit.M2), ("M2", Unit.M2), ("M", Unit.M2), ("m2", Unit.M2), ("ml", Unit.ML), ("m.l.", Unit.ML),
        ("m", Unit.ML), ("U", Unit.U), ("unité", Unit.U), ("pce", Unit.U), ("Ft", Unit.FORFAIT),
        ("Fft", Unit.FORFAIT), ("forfait", Unit.FORFAIT), ("Ens.", Unit.ENS), ("ENS", Unit.ENS), ("h", Unit.H),
        ("heure(s)", Unit.H), ("‘heure(s)", Unit.H), ("peinture", None),
        ("m:", Unit.M2),  # a fax's m² whose exponent blurred into a colon
    ],
)  # fmt: skip
def test_units(word: str, unit: Unit | None) -> None:
    assert unit_of(word) is unit


def test_multiword_units() -> None:
    tokens = tokenise(normalise_row("12 mètres carrés  4 mètres linéaires"))
    assert [t.unit for t in tokens if t.kind == "unit"] == [Unit.M2, Unit.ML]
