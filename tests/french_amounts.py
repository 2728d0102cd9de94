"""How a French document prints an amount: the thousands grouped by ``separator`` (a space, a
narrow or non-breaking space, a dot, or nothing), a decimal comma, two decimals."""

from __future__ import annotations

from decimal import Decimal


def french(amount: Decimal, separator: str = " ") -> str:
    """``1234.5`` -> ``"1 234,50"``; ``separator="."`` -> ``"1.234,50"``."""
    return f"{amount:,.2f}".replace(",", "\0").replace(".", ",").replace("\0", separator)
