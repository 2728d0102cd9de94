from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from billma_core.money import Money, format_eur, money, parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,56 €", "1234.56"),
        ("1\u00a0234,56 EUR", "1234.56"),
        ("1\u202f234,56", "1234.56"),
        ("1234,5", "1234.50"),
        ("1.234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("-12,00 €", "-12.00"),
        ("0,005", "0.01"),
    ],
)
def test_parse_amount_french_formats(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


def test_parse_amount_without_digits_raises() -> None:
    with pytest.raises(ValueError, match="montant"):
        parse_amount("€")


def test_money_rounds_half_up() -> None:
    assert money("2.675") == Decimal("2.68")
    assert money(Decimal("-2.675")) == Decimal("-2.68")
    assert money(0.1 + 0.2) == Decimal("0.30")


@given(st.decimals(min_value=0, max_value=10_000_000, places=2))
def test_format_then_parse_is_identity(value: Decimal) -> None:
    assert parse_amount(format_eur(value)) == value


def test_money_field_serialises_as_number_and_keeps_two_places() -> None:
    class Line(BaseModel):
        total: Money

    line = Line(total="12.345")
    assert line.total == Decimal("12.35")
    assert line.model_dump_json() == '{"total":12.35}'
    assert Line.model_validate_json(line.model_dump_json()).total == Decimal("12.35")
