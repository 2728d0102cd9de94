"""Money: one type, ``Decimal`` with two places rounded half-up, and French amount parsing.

>>> parse_amount("1 234,56 €")
Decimal('1234.56')
>>> format_eur(Decimal("1234.5"))
'1 234,50 €'
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
NBSP = "\u00a0"

# Anything but digits, the decimal marks and the separators French issuers put between
# thousands (space, no-break space, narrow no-break space, thin space, dot, apostrophe).
_AMOUNT_CHARS = re.compile(r"[^0-9,.\-\u00a0\u202f\u2009 '’]")


def money(value: Decimal | int | str | float) -> Decimal:
    """Round to cents, half-up (the one rounding rule for amounts)."""
    if isinstance(value, float):
        value = repr(value)
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(text: str) -> Decimal:
    """Parse a French-formatted amount ("1 234,56 €", "1.245,30", "1234.5 EUR", "-12,00").

    The decimal mark is decided from the last separator and the digits after it: a comma is
    always decimal; a dot is decimal unless exactly three digits follow it and another group
    separator or digit group precedes it ("1.245" is ambiguous and read as 1245 only when the
    text also has a comma elsewhere or several dots).
    Raises ``ValueError`` when the text holds no amount.
    """
    cleaned = text.replace("EUR", "").replace("€", "").strip()
    cleaned = _AMOUNT_CHARS.sub("", cleaned).strip()
    negative = cleaned.startswith("-")
    cleaned = cleaned.lstrip("-").strip()
    if not cleaned or not any(ch.isdigit() for ch in cleaned):
        raise ValueError(f"pas de montant dans {text!r}")
    last_comma = cleaned.rfind(",")
    last_dot = cleaned.rfind(".")
    if last_comma > last_dot:
        integer, decimals = cleaned[:last_comma], cleaned[last_comma + 1 :]
    elif last_dot > last_comma:
        after = cleaned[last_dot + 1 :]
        several_dots = cleaned.count(".") > 1
        if (len(after) == 3 and (several_dots or last_comma != -1)) or several_dots:
            integer, decimals = cleaned, ""
        else:
            integer, decimals = cleaned[:last_dot], after
    else:
        integer, decimals = cleaned, ""
    digits = "".join(ch for ch in integer if ch.isdigit())
    decimals = "".join(ch for ch in decimals if ch.isdigit())
    try:
        amount = Decimal(f"{digits or '0'}.{decimals or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - digits only, kept for safety
        raise ValueError(f"montant illisible : {text!r}") from exc
    return money(-amount if negative else amount)


def net_price(price: Decimal, discount_rate: Decimal | None) -> Decimal:
    """A unit price less a discount in percent: 77,00 less 15 % is 65,45."""
    return money(price if not discount_rate else price * (100 - discount_rate) / 100)


def price_before_vat(price: Decimal, rate: Decimal) -> Decimal:
    """A price including VAT at ``rate`` per cent, without it: 33,55 TTC at 10 % is 30,50 HT
    (a document priced TTC; within half a cent of the HT it was computed from)."""
    return money(price * 100 / (100 + rate))


def format_eur(amount: Decimal) -> str:
    """French display: narrow grouping with a no-break space, comma decimals, euro sign."""
    value = money(amount)
    sign = "-" if value < 0 else ""
    integer, _, cents = f"{abs(value):.2f}".partition(".")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    return f"{sign}{NBSP.join(groups)},{cents}{NBSP}€"


def _to_money(value: Any) -> Any:
    if isinstance(value, Decimal | int | str | float) and not isinstance(value, bool):
        try:
            return money(value)
        except InvalidOperation:
            return value
    return value


# The field type for every amount in a model: validated into Decimal(2 places), serialised to
# JSON as a number.
Money = Annotated[
    Decimal,
    BeforeValidator(_to_money),
    PlainSerializer(float, return_type=float, when_used="json"),
]
